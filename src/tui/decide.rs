//! Decisions on the screen: open the right form for a key, pass it every key while open,
//! and turn a submitted draft into a durable store write. The status line says "saved"
//! only after the write returned Ok; on failure the form stays open with everything typed
//! and the error shown (Ctrl-R tries again).

use super::action::Action;
use super::app::App;
use super::forms::{
    DecisionDraft, FieldId, Form, FormOutcome, Prompt, PromptOutcome, RecategoriseForm, SchoolRef,
    SimpleForm, UndoForm,
};
use crate::model::{Decision, DecisionKind, Urn};
use ratatui::buffer::Buffer;
use ratatui::crossterm::event::KeyEvent;
use ratatui::layout::Rect;

/// What a prompt is asking for.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum PromptKind {
    StartMeeting,
    AddToAgenda(Urn),
    CloseMeeting,
}

/// The popup open over the screen: keys go to it, not to the keymap.
#[derive(Debug, Clone)]
pub enum Popup {
    Form(Form),
    Prompt(PromptKind, Prompt),
}

impl Popup {
    pub fn render(&self, area: Rect, buf: &mut Buffer, theme: &super::theme::Theme) {
        match self {
            Popup::Form(f) => f.render(area, buf, theme),
            Popup::Prompt(_, p) => p.render(area, buf, theme),
        }
    }

    /// The error shown in the popup, if the last attempt failed.
    pub fn error(&self) -> Option<&str> {
        match self {
            Popup::Form(f) => f.error(),
            Popup::Prompt(_, p) => p.error.as_deref(),
        }
    }
}

impl App {
    /// A decision or meeting key from the grid or the detail pane.
    pub(crate) fn decision_action(&mut self, action: Action) {
        if action.writes() && self.store.as_ref().is_some_and(|s| s.is_read_only()) {
            self.status.message = "read-only database: view only".into();
            return;
        }
        if self.store.is_none() {
            self.status.message = "no database: view only".into();
            return;
        }
        if action == Action::ExportMinutes {
            self.export_minutes();
            return;
        }
        if self.meeting_id().is_none() {
            self.status.message = "start the meeting first: give the chair's name".into();
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
            self.status.message = "no school selected".into();
            return;
        };
        let s = &self.data.schools[i];
        let a = self.assessment.schools.get(i);
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
                &self.config,
                school,
                suggested,
                self.capacity.lama_hours_term,
                self.capacity.lama_capacity_term,
            ))
        } else {
            Form::Simple(SimpleForm::new(&self.config, kind, school))
        };
        self.popup = Some(Popup::Form(form));
    }

    /// Undo one of the school's standing decisions; from the grid, when the school has
    /// none, one of the meeting's.
    fn open_undo(&mut self) {
        let by_school = self
            .selected_urn()
            .and_then(|urn| UndoForm::for_school(&self.data, &self.config, urn));
        let form = match (by_school, self.meeting_id()) {
            (Some(f), _) => Some(f),
            (None, Some(id)) if self.detail.is_none() => {
                UndoForm::for_meeting(&self.data, &self.config, id)
            }
            _ => None,
        };
        match form {
            Some(f) => self.popup = Some(Popup::Form(Form::Undo(f))),
            None => self.status.message = "nothing to undo".into(),
        }
    }

    /// A key while a popup is open: it goes to the popup.
    pub(crate) fn popup_key(&mut self, ev: KeyEvent) {
        let Some(mut popup) = self.popup.take() else {
            return;
        };
        let keep = match &mut popup {
            Popup::Form(form) => match form.handle(ev) {
                FormOutcome::Continue => true,
                FormOutcome::Cancel => {
                    self.status.message = "nothing recorded".into();
                    false
                }
                FormOutcome::Submit(draft) => match self.save(draft) {
                    Ok(()) => false,
                    Err(msg) => {
                        form.set_error(msg);
                        true
                    }
                },
            },
            Popup::Prompt(kind, prompt) => match prompt.handle(ev) {
                PromptOutcome::Continue => true,
                PromptOutcome::Cancel => {
                    if *kind == PromptKind::StartMeeting {
                        self.status.message =
                            "viewing only: no meeting open (a decision key asks again)".into();
                    }
                    false
                }
                PromptOutcome::Submit => match self.answer(*kind, prompt) {
                    Ok(()) => false,
                    Err(msg) => {
                        prompt.set_error(msg);
                        true
                    }
                },
            },
        };
        if keep {
            self.popup = Some(popup);
        }
    }

    /// Bracketed paste goes to the open popup.
    pub fn paste(&mut self, text: &str) {
        match &mut self.popup {
            Some(Popup::Form(f)) => f.paste(text),
            Some(Popup::Prompt(_, p)) => p.paste(text),
            None => {}
        }
    }

    fn answer(&mut self, kind: PromptKind, prompt: &Prompt) -> Result<(), String> {
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
            PromptKind::AddToAgenda(urn) => {
                self.add_to_agenda_now(urn, &prompt.text(FieldId::Reason))
            }
            PromptKind::CloseMeeting => self.close_meeting_now(),
        }
    }

    /// Write the draft; only after Ok does the status line say "saved". Err is the message
    /// the form shows.
    fn save(&mut self, draft: DecisionDraft) -> Result<(), String> {
        let id = self.meeting_id().ok_or("no meeting is open")?;
        let chair = self
            .meeting
            .as_ref()
            .map(|m| m.chair.clone())
            .unwrap_or_default();
        let reasons = self.policy_reasons(draft.urn);
        let now = chrono::Local::now().fixed_offset();
        let store = self.store.as_mut().ok_or("no database")?;
        let result = match (draft.kind, draft.revokes) {
            (DecisionKind::Revoke, Some(target)) => {
                store.revoke(target, &draft.rationale, &chair, id, now)
            }
            _ => store.record_decision(
                &self.config,
                draft.into_new_decision(id, &chair, &reasons),
                now,
            ),
        };
        let decision = result.map_err(|e| e.to_string())?;
        self.saved(&decision);
        Ok(())
    }

    /// After a write: reload so the grid, agenda and capacity show it, then say so.
    fn saved(&mut self, d: &Decision) {
        self.reload();
        let name = self
            .data
            .school_index(d.urn)
            .map_or_else(|| d.urn.to_string(), |i| self.data.schools[i].name.clone());
        let at = chrono::Local::now().format("%H:%M:%S");
        self.status.message = format!("saved decision #{} ({name}) at {at}", d.id);
        self.status.saved = Some(format!("#{} at {at}", d.id));
    }

    /// The policy's reasons for the school this term, one sentence a line.
    fn policy_reasons(&self, urn: Urn) -> String {
        self.data
            .school_index(urn)
            .and_then(|i| self.assessment.schools.get(i))
            .map(|a| {
                a.reasons
                    .iter()
                    .map(|r| r.sentence.as_str())
                    .collect::<Vec<_>>()
                    .join("\n")
            })
            .unwrap_or_default()
    }
}
