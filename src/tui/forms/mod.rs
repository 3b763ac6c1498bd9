//! The decision forms: recategorise (pick → details → confirm), confirm, defer, note, and
//! undo (pick a decision → reason). Each is plain state with
//! `handle(FormInput) -> FormOutcome`, drawn as a centred popup by [`FormPopup`].
//!
//! The seam with the App: hold one [`Form`]; resolve every key through the keymap
//! ([`FormInput::resolve`]) and pass it on (`Form::handle`), and every
//! bracketed paste (`Form::paste`); on `Submit(draft)` try to save it; on failure call
//! `set_error(msg)` and keep the form (every typed word is still there; Enter or Ctrl-R
//! submits again); on success drop it. `Cancel` means the chair discarded it.
//!
//! One rule in every form, said on its hint line: Ctrl-S goes from any field to the review,
//! Enter on the review records, and Enter in the last field (nothing left to ask) records
//! too; Enter in an earlier one-line field moves on, and chooses in a list; Esc goes back a
//! step. Forms take the keymap's actions (`[keys.form]`, `[keys.picker]`, ...), never
//! keys dressed up as other keys; only text typed into a field arrives as the key itself.

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
    /// Apply one key press, resolved by [`FormInput::resolve`].
    pub fn handle(&mut self, input: FormInput) -> FormOutcome {
        match self {
            Form::Recategorise(f) => f.handle(input),
            Form::Simple(f) => f.handle(input),
            Form::Undo(f) => f.handle(input),
        }
    }

    /// Resolve `ev` through `keymap` in this form's mode and apply it: a key the mode does
    /// not bind and cannot type does nothing.
    pub fn press_key(&mut self, keymap: &Keymap, ev: KeyEvent) -> FormOutcome {
        match FormInput::resolve(keymap, self.mode(), ev) {
            Some(input) => self.handle(input),
            None => FormOutcome::Continue,
        }
    }

    /// The keymap mode the form's current step reads its keys in.
    pub fn mode(&self) -> Mode {
        match self {
            Form::Recategorise(f) => match f.step {
                RecategoriseStep::Pick => Mode::Picker,
                RecategoriseStep::Confirm if f.over_capacity() => Mode::OverCapacity,
                _ => Mode::Form,
            },
            Form::Undo(f) if f.step == UndoStep::Pick => Mode::Picker,
            _ => Mode::Form,
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

/// What a popup is handed for one key press: the keymap's meaning of it, or the key itself
/// when it is typed into a field (or is a digit picked in a list).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum FormInput {
    /// A step, a move or an answer, as the keymap's form, question, picker or
    /// over-capacity mode says.
    Act(Action),
    /// A key typed into the focused field, as pressed; in a list, the digit pressed.
    Type(KeyEvent),
}

impl FormInput {
    /// Resolve a key pressed while a popup in `mode` is open, through the one keymap. A key
    /// the mode does not bind is typed into the field where the mode takes text; a step key
    /// (Enter, Tab, Esc, Ctrl-S, Ctrl-R) unbound in the config does nothing rather than its
    /// old meaning, and so does any unbound key where nothing is typed.
    pub fn resolve(keymap: &Keymap, mode: Mode, ev: KeyEvent) -> Option<FormInput> {
        // Act on presses (and auto-repeat) only, never on releases.
        if ev.kind == KeyEventKind::Release {
            return None;
        }
        match keymap.lookup(mode, Key::from_event(&ev)) {
            // The picker reads the digit as pressed.
            Some(Action::PickNumber) => Some(FormInput::Type(ev)),
            Some(action) => Some(FormInput::Act(action)),
            None if !mode.takes_text() || is_step_key(&ev) => None,
            None => Some(FormInput::Type(ev)),
        }
    }

    /// The action, when the keymap gave one.
    pub(crate) fn action(self) -> Option<Action> {
        match self {
            FormInput::Act(a) => Some(a),
            FormInput::Type(_) => None,
        }
    }
}

/// A key that moves between steps or fields: it acts only through the keymap.
fn is_step_key(key: &KeyEvent) -> bool {
    let ctrl = key.modifiers.contains(KeyModifiers::CONTROL);
    matches!(
        key.code,
        KeyCode::Enter | KeyCode::Tab | KeyCode::BackTab | KeyCode::Esc
    ) || (ctrl && matches!(key.code, KeyCode::Char('s' | 'r')))
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

/// The hint line while typing, the same in every form: Tab, Ctrl-S to the review, what
/// Enter does in the focused field, and Esc (`esc` says what it does here).
pub(crate) fn typing_hints(
    fields: &FieldSet,
    esc: &'static str,
) -> [(&'static str, &'static str); 4] {
    [
        ("Tab", "next field"),
        ("Ctrl-S", "review"),
        ("Enter", fields.enter_hint()),
        ("Esc", esc),
    ]
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

const DISCARD_WARNING: &str = "Esc again discards what you typed";

/// The form's message line, one at a time: the discard warning while armed (it answers the
/// Esc just pressed, so it is the newest), else why the last save failed or was refused.
pub(crate) fn form_message<'a>(
    guard: &DiscardGuard,
    error: Option<&'a SaveFailure>,
    theme: &Theme,
) -> Option<(&'a str, ratatui::style::Style)> {
    if guard.armed {
        return Some((DISCARD_WARNING, theme.flag_major));
    }
    error.map(|e| (e.message.as_str(), theme.error))
}

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
