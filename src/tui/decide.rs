//! Decisions on the screen: open the right form for a key, pass it every key while open,
//! and turn a submitted draft into a durable store write. The status line says "saved"
//! only after the write returned Ok; on failure the form stays open with everything typed
//! and the error shown (Ctrl-R tries again).

use super::action::Action;
use super::app::App;
use super::forms::{
    FieldId, Form, FormInput, FormOutcome, Prompt, PromptOutcome, RecategoriseForm, SaveFailure,
    SchoolRef, SimpleForm, UndoForm,
};
use super::mode::Mode;
use super::popup::{Popup, PromptKind};
use crate::meeting::departure;
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
            // A closed meeting's decisions are final: no key here opens another by accident.
            let closed = self.session.closed().or_else(|| {
                let store = self.session.store()?;
                let term = self.loaded.term();
                store.closed_meeting(term).ok().flatten().map(|m| m.id)
            });
            match closed {
                Some(id) => self.screen.say(format!(
                    "meeting #{id} is closed: its decisions are final, nothing recorded"
                )),
                None => {
                    self.screen
                        .say("start the meeting first: give the chair's name");
                    self.ask_for_chair();
                }
            }
            return;
        }
        match action {
            Action::CloseMeeting => self.ask_close_meeting(),
            Action::EstablishCategories => self.ask_establish_categories(),
            Action::EditMeeting => self.ask_meeting_corrections(),
            Action::AddToAgenda => self.ask_agenda_reason(),
            Action::Undo => self.open_undo(),
            Action::Recategorise => self.ask_or_open(DecisionKind::Recategorise),
            Action::ConfirmCategory => self.ask_or_open(DecisionKind::Confirm),
            Action::Defer => self.open_form(DecisionKind::Defer),
            Action::Note => self.open_form(DecisionKind::Note),
            _ => {}
        }
    }

    /// A category decision: when the school already has one standing in this meeting, ask
    /// first, showing it; otherwise open the form.
    fn ask_or_open(&mut self, kind: DecisionKind) {
        self.session.set_superseding(None);
        let earlier = self
            .selected_urn()
            .and_then(|urn| self.standing_category_decision(urn));
        match earlier {
            Some(d) => {
                let intro = vec![
                    format!("Already decided in this meeting: {}", self.describe(&d)),
                    "Record a new decision that supersedes it? y records a new one, n keeps it."
                        .into(),
                ];
                self.screen.show_popup(Popup::Prompt(
                    PromptKind::Supersede(d.id, kind),
                    Prompt::confirm("Already decided", intro),
                ));
            }
            None => self.open_form(kind),
        }
    }

    /// The school's standing recategorisation or confirm in the open meeting, if any.
    fn standing_category_decision(&self, urn: crate::model::Urn) -> Option<Decision> {
        let id = self.meeting_id()?;
        let in_meeting: Vec<Decision> = self
            .loaded
            .data()
            .decisions
            .iter()
            .filter(|d| d.meeting_id == id && d.urn == urn)
            .cloned()
            .collect();
        crate::meeting::effective(&in_meeting)
            .into_iter()
            .rev()
            .find(|d| matches!(d.kind, DecisionKind::Recategorise | DecisionKind::Confirm))
    }

    /// `#12 confirm Enhanced: "rationale"`.
    fn describe(&self, d: &Decision) -> String {
        let config = self.loaded.config();
        let cat = |k: &Option<String>| {
            k.as_deref()
                .map(|k| config.category_label(k).to_string())
                .unwrap_or_default()
        };
        let what = match d.kind {
            DecisionKind::Recategorise => format!(
                "recategorise {} → {}",
                cat(&d.from_category),
                cat(&d.to_category)
            ),
            _ => format!("confirm {}", cat(&d.to_category)),
        };
        match d.rationale.lines().next().filter(|r| !r.is_empty()) {
            Some(r) => format!("#{} {what}: \"{r}\"", d.id),
            None => format!("#{} {what}", d.id),
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
            Form::Recategorise(RecategoriseForm::new(
                config,
                school,
                suggested,
                self.session.capacity(),
                s.maintained,
            ))
        } else {
            Form::Simple(SimpleForm::new(config, kind, school))
        };
        let mut form = form;
        // A confirm below the policy's "at least" is a departure: say so before any key.
        if let Some(d) = a.and_then(|a| departure(config, a, kind, None)) {
            form.set_error(refused(&format!("{d}: type the reason")));
        }
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
        let Some(input) = self.popup_event(ev) else {
            return;
        };
        let Some(mut popup) = self.screen.take_popup() else {
            return;
        };
        let keep = match &mut popup {
            Popup::Form(form) => match form.handle(input) {
                FormOutcome::Continue => true,
                FormOutcome::Cancel => {
                    self.screen.say("nothing recorded");
                    false
                }
                FormOutcome::Submit(decision) => match self.save(*decision) {
                    Ok(()) => false,
                    Err(failure) => {
                        form.set_error(failure);
                        true
                    }
                },
            },
            Popup::Prompt(kind, prompt) => match prompt.handle(input) {
                PromptOutcome::Continue => true,
                PromptOutcome::Cancel => {
                    if matches!(*kind, PromptKind::StartMeeting | PromptKind::OpenMeeting) {
                        self.session.set_pending_open(None);
                        self.screen
                            .say("viewing only: no meeting open (a decision key asks again)");
                    }
                    false
                }
                PromptOutcome::Change => {
                    // Only the opening question offers it: back to the chair, date and
                    // attendees, as they stand.
                    let pending = self.session.take_pending_open();
                    self.ask_for_chair_with(pending);
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

    /// The key as the open popup should see it: the keymap's form, question, picker and
    /// over-capacity modes say what it means; text and editing keys go to the field.
    fn popup_event(&self, ev: KeyEvent) -> Option<FormInput> {
        let mode = self.screen.popup().map_or(Mode::Form, Popup::mode);
        FormInput::resolve(self.screen.keymap(), mode, ev)
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
                let attendees = super::meeting::names(&prompt.text(FieldId::Attendees));
                let date = parse_meeting_date(&prompt.text(FieldId::MeetingDate))?;
                self.ask_to_open(&prompt.text(FieldId::Chair), &attendees, date);
                Ok(())
            }
            PromptKind::OpenMeeting => {
                let pending = self
                    .session
                    .take_pending_open()
                    .ok_or_else(|| refused("no meeting to open"))?;
                self.open_meeting_now(&pending.chair, &pending.attendees, pending.date)
            }
            PromptKind::MeetingDetails(id) => self.meeting_details_now(
                id,
                &prompt.text(FieldId::Apologies),
                &prompt.text(FieldId::NextMeeting),
            ),
            PromptKind::MoveAction(id, how) => {
                let due = prompt.fields.due();
                self.move_action_now(id, how, &prompt.text(FieldId::Reason), due)
            }
            PromptKind::AddToAgenda(urn) => {
                self.add_to_agenda_now(urn, &prompt.text(FieldId::Reason))
            }
            PromptKind::CloseMeeting => self.close_meeting_now(),
            PromptKind::EstablishCategories => self.establish_categories_now(),
            PromptKind::EditMeeting => self.correct_meeting_now(
                &prompt.text(FieldId::Chair),
                &prompt.text(FieldId::Attendees),
            ),
            PromptKind::GotoItem => self.goto_item_text(&prompt.text(FieldId::ItemNumber)),
            PromptKind::Supersede(earlier, form) => {
                self.open_form(form);
                self.session.set_superseding(Some(earlier));
                Ok(())
            }
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
        let supersedes = self.session.superseding();
        let mut service = self
            .session
            .service(config)
            .ok_or_else(|| refused("no database"))?;
        let meeting = service.meeting(id).map_err(|e| SaveFailure::from(&e))?;
        let saved = service
            .record_superseding(&meeting, decision, data, assessment, supersedes)
            .map_err(|e| SaveFailure::from(&e))?;
        self.session.set_superseding(None);
        self.saved(&saved);
        Ok(())
    }

    /// After a write: reload so the grid, agenda and capacity show it, then say so.
    fn saved(&mut self, d: &Decision) {
        self.reload();
        self.decided_on(d.urn);
        let name = self.loaded.school_name(d.urn);
        let at = self.session.clock().now().format("%H:%M:%S");
        self.screen.say(match d.revokes {
            Some(revoked) => format!("revoked decision #{revoked} ({name}) at {at}"),
            None => format!("saved decision #{} ({name}) at {at}", d.id),
        });
        self.screen.saved(format!("#{} at {at}", d.id));
    }
}

/// A failure that is not the database's: nothing to retry until something else changes.
pub(crate) fn refused(message: &str) -> SaveFailure {
    SaveFailure::new(FailureKind::Refused, message)
}

/// The meeting's day as typed on the opening dialog.
fn parse_meeting_date(text: &str) -> Result<chrono::NaiveDate, SaveFailure> {
    crate::term::parse_day(text).ok_or_else(|| {
        SaveFailure::new(
            FailureKind::Input,
            format!(
                "the meeting date `{}` is not a date; type one such as {}",
                text.trim(),
                crate::term::DAY_FORMATS
            ),
        )
    })
}
