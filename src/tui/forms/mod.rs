//! The decision forms: recategorise (pick → details → confirm), confirm, defer, note, and
//! undo (pick a decision → reason). Each is plain state with
//! `handle(KeyEvent) -> FormOutcome`, drawn as a centred popup by [`FormPopup`].
//!
//! The seam with the App: hold one [`Form`]; pass it every key (`Form::handle`) and every
//! bracketed paste (`Form::paste`); on `Submit(draft)` try to save it; on failure call
//! `set_error(msg)` and keep the form (every typed word is still there; Enter or Ctrl-R
//! submits again); on success drop it. `Cancel` means the chair discarded it.
//!
//! One key, one meaning in every form: Ctrl-S moves on a step (from typing to the review),
//! Enter records on the last step (and chooses in a list), Esc goes back a step. The App
//! reads the pressed key through `[keys.form]` and hands the form the canonical key.

mod category_picker;
mod confirm_step;
mod decision_form;
mod fields;
mod popup;
mod prompt;
mod request_id;
mod undo_picker;

pub use category_picker::{CategoryOption, CategoryPicker};
pub use decision_form::{RecategoriseForm, RecategoriseStep, SimpleForm};
pub use fields::{parse_due, FieldId, FieldSet, FieldSpec};
pub use popup::{centred, FormPopup};
pub use prompt::{Prompt, PromptOutcome};
pub use request_id::new_request_id;
pub use undo_picker::{UndoForm, UndoItem, UndoStep};

use crate::model::NewDecision;
use crate::model::{DecisionKind, Urn};
use crate::store::decisions::{DecisionError, FailureKind};
use crate::tui::action::Action;
use crate::tui::keymap::{Key, Keymap};
use crate::tui::mode::Mode;
use crate::tui::theme::Theme;
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
    Submit(Box<NewDecision>),
}

/// Why the last save failed, kept by the form shown again with everything typed: the
/// message, and the kind of failure, which decides whether Ctrl-R may send the same input
/// again.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct SaveFailure {
    pub kind: FailureKind,
    pub message: String,
}

impl SaveFailure {
    pub fn new(kind: FailureKind, message: impl Into<String>) -> SaveFailure {
        SaveFailure {
            kind,
            message: message.into(),
        }
    }

    /// Trying the same input again may succeed (not when the input itself was wrong).
    pub fn can_retry(&self) -> bool {
        self.kind != FailureKind::Input
    }
}

impl From<&DecisionError> for SaveFailure {
    fn from(e: &DecisionError) -> SaveFailure {
        SaveFailure::new(e.kind(), e.to_string())
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
    pub fn set_error(&mut self, failure: SaveFailure) {
        let m = Some(failure);
        match self {
            Form::Recategorise(f) => f.error = m,
            Form::Simple(f) => f.error = m,
            Form::Undo(f) => f.error = m,
        }
    }

    pub fn error(&self) -> Option<&str> {
        match self {
            Form::Recategorise(f) => f.error.as_ref().map(|e| e.message.as_str()),
            Form::Simple(f) => f.error.as_ref().map(|e| e.message.as_str()),
            Form::Undo(f) => f.error.as_ref().map(|e| e.message.as_str()),
        }
    }

    pub fn kind(&self) -> DecisionKind {
        match self {
            Form::Recategorise(_) => DecisionKind::Recategorise,
            Form::Simple(f) => f.kind,
            Form::Undo(_) => DecisionKind::Revoke,
        }
    }

    pub fn render(&self, area: Rect, buf: &mut Buffer, theme: &Theme, keys: &FormKeys) {
        match self {
            Form::Recategorise(f) => f.render(area, buf, theme, keys),
            Form::Simple(f) => f.render(area, buf, theme, keys),
            Form::Undo(f) => f.render(area, buf, theme, keys),
        }
    }
}

/// The key a form understands for a keymap action of the form or question modes: the table
/// decides which pressed key means which step, the forms read these canonical keys.
pub fn step_event(action: Action) -> Option<KeyEvent> {
    let ctrl = |c| KeyEvent::new(KeyCode::Char(c), KeyModifiers::CONTROL);
    Some(match action {
        Action::FormNext => ctrl('s'),
        Action::FormRetry => ctrl('r'),
        Action::FormEnter => KeyEvent::from(KeyCode::Enter),
        Action::FormBack | Action::No => KeyEvent::from(KeyCode::Esc),
        Action::FieldNext => KeyEvent::from(KeyCode::Tab),
        Action::FieldPrev => KeyEvent::from(KeyCode::BackTab),
        Action::Yes => KeyEvent::from(KeyCode::Char('y')),
        Action::Change => KeyEvent::from(KeyCode::Char('d')),
        Action::Up => KeyEvent::from(KeyCode::Up),
        Action::Down => KeyEvent::from(KeyCode::Down),
        Action::Top => KeyEvent::from(KeyCode::Home),
        Action::Bottom => KeyEvent::from(KeyCode::End),
        Action::RecordOverCapacity => KeyEvent::from(KeyCode::Char('o')),
        _ => return None,
    })
}

/// A key that moves between steps or fields: it acts only through the keymap, so a key
/// unbound in `[keys.form]` does nothing rather than its old meaning.
pub fn is_step_key(key: &KeyEvent) -> bool {
    common_key(key) != CommonKey::Other
        || matches!(key.code, KeyCode::Enter | KeyCode::Tab | KeyCode::BackTab)
}

/// The form and question keys as the keymap binds them, for the forms' own key hints (which
/// are written with the built-in names and shown with these).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct FormKeys {
    names: Vec<(&'static str, String)>,
}

impl Default for FormKeys {
    fn default() -> FormKeys {
        FormKeys::from_keymap(&Keymap::defaults())
    }
}

impl FormKeys {
    pub fn from_keymap(map: &Keymap) -> FormKeys {
        let name = |mode: Mode, action: Action| {
            let keys: Vec<String> = map
                .keys_for(mode, action)
                .filter(|k| !matches!(k.code, KeyCode::Char('N' | 'Y' | 'O')))
                .map(hint_name)
                .collect();
            if keys.is_empty() {
                "(unbound)".to_string()
            } else {
                keys.join("/")
            }
        };
        // Only the first key, for a pair shown together (↑↓).
        let first = |mode: Mode, action: Action| {
            map.keys_for(mode, action)
                .next()
                .map_or("(unbound)".to_string(), hint_name)
        };
        let names = vec![
            ("Ctrl-S", name(Mode::Form, Action::FormNext)),
            ("Enter", name(Mode::Form, Action::FormEnter)),
            ("Esc", name(Mode::Form, Action::FormBack)),
            ("Ctrl-R", name(Mode::Form, Action::FormRetry)),
            ("Tab", name(Mode::Form, Action::FieldNext)),
            ("y", name(Mode::Question, Action::Yes)),
            ("n/Esc", name(Mode::Question, Action::No)),
            ("d", name(Mode::Question, Action::Change)),
            (
                "↑↓",
                first(Mode::Picker, Action::Up) + &first(Mode::Picker, Action::Down),
            ),
            ("o", name(Mode::OverCapacity, Action::RecordOverCapacity)),
        ];
        FormKeys { names }
    }

    /// A hint's key label as bound: `Enter/Ctrl-R` becomes whatever records and retries.
    pub fn shown(&self, label: &str) -> String {
        if let Some((_, n)) = self.names.iter().find(|(k, _)| *k == label) {
            return n.clone();
        }
        label
            .split('/')
            .map(|part| {
                self.names
                    .iter()
                    .find(|(k, _)| *k == part)
                    .map_or(part.to_string(), |(_, n)| n.clone())
            })
            .collect::<Vec<_>>()
            .join("/")
    }
}

/// `Ctrl-S` style, as the forms have always written keys.
fn hint_name(key: Key) -> String {
    match key.code {
        KeyCode::Char(c) if key.ctrl => format!("Ctrl-{}", c.to_ascii_uppercase()),
        _ => key.to_string().replacen("ctrl-", "Ctrl-", 1),
    }
}

/// Keys every form reads before its fields do.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum CommonKey {
    /// Ctrl-S: move on to the next step (never records).
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

#[cfg(test)]
mod tests {
    use super::*;
    use std::collections::BTreeMap;

    #[test]
    fn form_hints_name_the_keys_as_bound() {
        let keys = FormKeys::default();
        assert_eq!(keys.shown("Ctrl-S"), "Ctrl-S");
        assert_eq!(keys.shown("Enter/Ctrl-R"), "Enter/Ctrl-R");
        assert_eq!(keys.shown("n/Esc"), "n/Esc");
        assert_eq!(keys.shown("↑↓"), "↑↓");
        let mut form = BTreeMap::new();
        form.insert("F2".to_string(), "form_next".to_string());
        form.insert("ctrl-s".to_string(), "none".to_string());
        form.insert("ctrl-r".to_string(), "none".to_string());
        let mut over = BTreeMap::new();
        over.insert("form".to_string(), form);
        let keys =
            FormKeys::from_keymap(&Keymap::with_overrides(&over, &|_| "c".to_string()).unwrap());
        assert_eq!(keys.shown("Ctrl-S"), "F2");
        assert_eq!(keys.shown("Enter/Ctrl-R"), "Enter/(unbound)");
    }
}
