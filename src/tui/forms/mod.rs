//! The decision forms: recategorise (pick → details → confirm), confirm, defer, note, and
//! undo (pick a decision → reason). Each is plain state with
//! `handle(KeyEvent) -> FormOutcome`, drawn as a centred popup by [`FormPopup`].
//!
//! The seam with the App: hold one [`Form`]; pass it every key (`Form::handle`) and every
//! bracketed paste (`Form::paste`); on `Submit(draft)` try to save it; on failure call
//! `set_error(msg)` and keep the form (every typed word is still there; Enter or Ctrl-R
//! submits again); on success drop it. `Cancel` means the chair discarded it.

mod category_picker;
mod confirm_step;
mod decision_form;
mod fields;
mod popup;
mod prompt;
mod undo_picker;

pub use category_picker::{CategoryOption, CategoryPicker};
pub use decision_form::{RecategoriseForm, RecategoriseStep, SimpleForm};
pub use fields::{parse_due, FieldId, FieldSet, FieldSpec};
pub use popup::{centred, FormPopup};
pub use prompt::{Prompt, PromptOutcome};
pub use undo_picker::{UndoForm, UndoItem, UndoStep};

use crate::model::{DecisionKind, Urn};
use crate::store::decisions::NewDecision;
use crate::tui::theme::Theme;
use chrono::NaiveDate;
use ratatui::buffer::Buffer;
use ratatui::crossterm::event::{KeyCode, KeyEvent, KeyEventKind, KeyModifiers};
use ratatui::layout::Rect;

/// What the form wants after a key.
#[derive(Debug, Clone, PartialEq)]
pub enum FormOutcome {
    Continue,
    /// Close the form; nothing is saved.
    Cancel,
    /// Save this. The form stays valid: on failure call `set_error` and keep it.
    Submit(DecisionDraft),
}

/// A decision as the chair entered it. For `Revoke`, `revokes` names the decision undone
/// and `rationale` is the reason.
#[derive(Debug, Clone, PartialEq)]
pub struct DecisionDraft {
    pub kind: DecisionKind,
    pub urn: Urn,
    pub to_category: Option<String>,
    pub rationale: String,
    pub actions: String,
    pub owner: String,
    pub due: Option<NaiveDate>,
    pub revokes: Option<i64>,
}

impl DecisionDraft {
    /// The store's input for `Store::record_decision` (not for revocations: those go to
    /// `Store::revoke(draft.revokes, &draft.rationale, ...)`).
    pub fn into_new_decision(
        self,
        meeting_id: i64,
        recorded_by: &str,
        policy_reasons: &str,
    ) -> NewDecision {
        NewDecision {
            meeting_id,
            urn: self.urn,
            kind: Some(self.kind),
            to_category: self.to_category,
            rationale: self.rationale,
            actions: self.actions,
            owner: self.owner,
            due: self.due,
            recorded_by: recorded_by.to_string(),
            policy_reasons: policy_reasons.to_string(),
        }
    }
}

/// The school a form is about.
#[derive(Debug, Clone, PartialEq)]
pub struct SchoolRef {
    pub urn: Urn,
    pub name: String,
    /// Current category key.
    pub category: Option<String>,
}

/// Any decision form: what the App holds while one is open.
#[derive(Debug, Clone)]
pub enum Form {
    Recategorise(RecategoriseForm),
    Simple(SimpleForm),
    Undo(UndoForm),
}

impl Form {
    pub fn handle(&mut self, key: KeyEvent) -> FormOutcome {
        // Act on presses (and auto-repeat) only, never on releases.
        if key.kind == KeyEventKind::Release {
            return FormOutcome::Continue;
        }
        match self {
            Form::Recategorise(f) => f.handle(key),
            Form::Simple(f) => f.handle(key),
            Form::Undo(f) => f.handle(key),
        }
    }

    pub fn paste(&mut self, text: &str) {
        match self {
            Form::Recategorise(f) => f.paste(text),
            Form::Simple(f) => f.paste(text),
            Form::Undo(f) => f.paste(text),
        }
    }

    /// Saving failed: show why and keep everything typed.
    pub fn set_error(&mut self, message: impl Into<String>) {
        let m = Some(message.into());
        match self {
            Form::Recategorise(f) => f.error = m,
            Form::Simple(f) => f.error = m,
            Form::Undo(f) => f.error = m,
        }
    }

    pub fn error(&self) -> Option<&str> {
        match self {
            Form::Recategorise(f) => f.error.as_deref(),
            Form::Simple(f) => f.error.as_deref(),
            Form::Undo(f) => f.error.as_deref(),
        }
    }

    pub fn kind(&self) -> DecisionKind {
        match self {
            Form::Recategorise(_) => DecisionKind::Recategorise,
            Form::Simple(f) => f.kind,
            Form::Undo(_) => DecisionKind::Revoke,
        }
    }

    pub fn render(&self, area: Rect, buf: &mut Buffer, theme: &Theme) {
        match self {
            Form::Recategorise(f) => f.render(area, buf, theme),
            Form::Simple(f) => f.render(area, buf, theme),
            Form::Undo(f) => f.render(area, buf, theme),
        }
    }
}

/// Keys every form reads before its fields do.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum CommonKey {
    /// Ctrl-S: record (or move to the next step).
    Save,
    /// Ctrl-R: retry after a failed save.
    Retry,
    Esc,
    Other,
}

pub(crate) fn common_key(key: &KeyEvent) -> CommonKey {
    let ctrl = key.modifiers.contains(KeyModifiers::CONTROL);
    match key.code {
        KeyCode::Char('s') if ctrl => CommonKey::Save,
        KeyCode::Char('r') if ctrl => CommonKey::Retry,
        KeyCode::Esc => CommonKey::Esc,
        _ => CommonKey::Other,
    }
}

/// Esc with text typed asks once more before discarding it.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub(crate) struct DiscardGuard {
    pub armed: bool,
}

impl DiscardGuard {
    /// True when the form may close now.
    pub fn esc(&mut self, has_text: bool) -> bool {
        if !has_text || self.armed {
            return true;
        }
        self.armed = true;
        false
    }
    pub fn disarm(&mut self) {
        self.armed = false;
    }
}

pub(crate) const DISCARD_WARNING: &str = "Esc again discards what you typed";
