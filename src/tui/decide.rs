//! Decisions on the screen: open the right form for a key, pass it every key while open,
//! and turn a submitted draft into a durable store write. The status line says "saved"
//! only after the write returned Ok; on failure the form stays open with everything typed
//! and the error shown (Ctrl-R tries again).

use super::action::Action;
use super::app::App;
use super::forms::{
    FieldId, Form, FormOutcome, Prompt, PromptOutcome, RecategoriseForm, SaveFailure, SchoolRef,
    SimpleForm, UndoForm,
};
use super::popup::{Popup, PromptKind};
use crate::model::{Decision, DecisionKind, NewDecision};
use crate::store::decisions::FailureKind;
use ratatui::crossterm::event::KeyEvent;

impl App {
    /// A decision or meeting key from the grid or the detail pane.
    pub(crate) fn decision_action(&mut self, action: Action) {
        if action.writes() && self.session.is_read_only() {
            self.screen.say("read-only database: view only");
            return;
        }
        if self.session.store().is_none() {
            self.screen.say("no database: view only");
            return;
        }
        if action == Action::ExportMinutes {
            self.export_minutes();
            return;
        }
        if self.meeting_id().is_none() {
            self.screen
                .say("start the meeting first: give the chair's name");
            self.ask_for_chair();
            return;
        }
        match action {
            Action::CloseMeeting => self.ask_close_meeting(),
            Action::AddToAgenda => self.ask_agenda_reason(),
            Action::Undo => self.open_undo(),
            Action::Recategorise => self.open_form(DecisionKind::Recategorise),
            Action::ConfirmCategory => self.open_form(DecisionKind::Confirm),
            Action::Defer => self.open_form(DecisionKind::Defer),
            Action::Note => self.open_form(DecisionKind::Note),
            _ => {}
        }
    }

    fn open_form(&mut self, kind: DecisionKind) {
        let Some(i) = self.selected() else {
            self.screen.say("no school selected");
            return;
        };
        let config = self.loaded.config();
        let s = &self.loaded.data().schools[i];
        let a = self.loaded.assessment().schools.get(i);
        let school = SchoolRef {
            urn: s.urn,
            name: s.name.clone(),
            category: a.and_then(|a| a.current_category.clone()),
        };
        let form = if kind == DecisionKind::Recategorise {
            let suggested = a
                .and_then(|a| a.suggestion.as_ref())
                .map(|s| s.category.as_str());
            let capacity = self.session.capacity();
            Form::Recategorise(RecategoriseForm::new(
                config,
                school,
                suggested,
                capacity.lama_hours_term,
                capacity.lama_capacity_term,
            ))
        } else {
            Form::Simple(SimpleForm::new(config, kind, school))
        };
        self.screen.show_popup(Popup::Form(form));
    }

    /// Undo one of the school's standing decisions; from the grid, when the school has
    /// none, one of the meeting's.
    fn open_undo(&mut self) {
        let (data, config) = (self.loaded.data(), self.loaded.config());
        let by_school = self
            .selected_urn()
            .and_then(|urn| UndoForm::for_school(data, config, urn));
        let form = match (by_school, self.meeting_id()) {
            (Some(f), _) => Some(f),
            (None, Some(id)) if self.screen.detail().is_none() => {
                UndoForm::for_meeting(data, config, id)
            }
            _ => None,
        };
        match form {
            Some(f) => self.screen.show_popup(Popup::Form(Form::Undo(f))),
            None => self.screen.say("nothing to undo"),
        }
    }

    /// A key while a popup is open: it goes to the popup.
    pub(crate) fn popup_key(&mut self, ev: KeyEvent) {
        let Some(mut popup) = self.screen.take_popup() else {
            return;
        };
        let keep = match &mut popup {
            Popup::Form(form) => match form.handle(ev) {
                FormOutcome::Continue => true,
                FormOutcome::Cancel => {
                    self.screen.say("nothing recorded");
                    false
                }
                FormOutcome::Submit(decision) => match self.save(decision) {
                    Ok(()) => false,
                    Err(failure) => {
                        form.set_error(failure);
                        true
                    }
                },
            },
            Popup::Prompt(kind, prompt) => match prompt.handle(ev) {
                PromptOutcome::Continue => true,
                PromptOutcome::Cancel => {
                    if *kind == PromptKind::StartMeeting {
                        self.screen
                            .say("viewing only: no meeting open (a decision key asks again)");
                    }
                    false
                }
                PromptOutcome::Submit => match self.answer(*kind, prompt) {
                    Ok(()) => false,
                    Err(failure) => {
                        prompt.set_error(failure);
                        true
                    }
                },
            },
        };
        if keep {
            self.screen.show_popup(popup);
        }
    }

    /// Bracketed paste goes to the open popup.
    pub fn paste(&mut self, text: &str) {
        match self.screen.popup_mut() {
            Some(Popup::Form(f)) => f.paste(text),
            Some(Popup::Prompt(_, p)) => p.paste(text),
            None => {}
        }
    }

    fn answer(&mut self, kind: PromptKind, prompt: &Prompt) -> Result<(), SaveFailure> {
        match kind {
            PromptKind::StartMeeting => {
                let attendees: Vec<String> = prompt
                    .text(FieldId::Attendees)
                    .split(',')
                    .map(|a| a.trim().to_string())
                    .filter(|a| !a.is_empty())
                    .collect();
                self.open_meeting_now(&prompt.text(FieldId::Chair), &attendees)
            }
            PromptKind::MeetingDetails(id) => self.meeting_details_now(
                id,
                &prompt.text(FieldId::Apologies),
                &prompt.text(FieldId::NextMeeting),
            ),
            PromptKind::MoveAction(id, how) => {
                self.move_action_now(id, how, &prompt.text(FieldId::Reason))
            }
            PromptKind::AddToAgenda(urn) => {
                self.add_to_agenda_now(urn, &prompt.text(FieldId::Reason))
            }
            PromptKind::CloseMeeting => self.close_meeting_now(),
        }
    }

    /// Write the decision through the meeting service; only after Ok does the status line
    /// say "saved". Err is what the form shows.
    fn save(&mut self, decision: NewDecision) -> Result<(), SaveFailure> {
        let id = self
            .meeting_id()
            .ok_or_else(|| refused("no meeting is open"))?;
        let (config, data, assessment) = (
            self.loaded.config(),
            self.loaded.data(),
            self.loaded.assessment(),
        );
        let mut service = self
            .session
            .service(config)
            .ok_or_else(|| refused("no database"))?;
        let saved = service
            .meeting(id)
            .and_then(|meeting| service.record(&meeting, decision, data, assessment))
            .map_err(|e| SaveFailure::from(&e))?;
        self.saved(&saved);
        Ok(())
    }

    /// After a write: reload so the grid, agenda and capacity show it, then say so.
    fn saved(&mut self, d: &Decision) {
        self.reload();
        let name = self.loaded.school_name(d.urn);
        let at = self.session.clock().now().format("%H:%M:%S");
        self.screen
            .say(format!("saved decision #{} ({name}) at {at}", d.id));
        self.screen.saved(format!("#{} at {at}", d.id));
    }
}

/// A failure that is not the database's: nothing to retry until something else changes.
pub(crate) fn refused(message: &str) -> SaveFailure {
    SaveFailure::new(FailureKind::Refused, message)
}
