//! Small popups that are not decisions: start a meeting (chair, attendees), add a school to
//! the agenda (reason), and yes/no confirmations for final steps (close the meeting).
//! Same frame and keys as the decision forms; state never depends on the screen size.

use super::fields::{FieldId, FieldSet, FieldSpec, FieldsOutcome};
use super::popup::{draw_frame, Footer};
use super::FormKeys;
use super::{typing_hints, FormInput, SaveFailure};
use crate::tui::action::Action;
use crate::tui::theme::Theme;
use ratatui::buffer::Buffer;
use ratatui::layout::Rect;
use ratatui::text::Line;
use ratatui::widgets::Widget;

/// What the prompt wants after a key.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum PromptOutcome {
    Continue,
    Cancel,
    /// The fields are valid (or, for a confirmation, the answer was yes).
    Submit,
    /// A confirmation's other answer (see [`Prompt::with_change`]): change what it asks.
    Change,
}

#[derive(Debug, Clone)]
pub struct Prompt {
    pub title: String,
    /// Lines shown above the fields.
    pub intro: Vec<String>,
    pub fields: FieldSet,
    /// Why the last attempt failed (set by the App); everything typed is kept.
    pub error: Option<SaveFailure>,
    /// Esc closes it without an answer (true unless the caller says otherwise).
    pub can_cancel: bool,
    /// It records something, so like a decision form it ends on a review: Ctrl-S (or Enter
    /// from the last field) moves on to it, and Enter there records.
    pub review: bool,
    /// On the review step.
    pub reviewing: bool,
    /// A confirmation's key for "change what you ask about", with its hint.
    pub change: Option<(char, &'static str)>,
}

impl Prompt {
    /// A prompt with text fields; Enter on the last one-line field (or Ctrl-S) submits.
    pub fn with_fields(title: &str, intro: Vec<String>, specs: &[FieldSpec]) -> Prompt {
        Prompt {
            title: title.to_string(),
            intro,
            fields: FieldSet::new(specs),
            error: None,
            can_cancel: true,
            review: false,
            reviewing: false,
            change: None,
        }
    }

    /// A confirmation that also offers `key` to change what it asks about.
    pub fn with_change(mut self, key: char, hint: &'static str) -> Prompt {
        self.change = Some((key, hint));
        self
    }

    /// The same prompt, ending on a review step before it records.
    pub fn reviewed(mut self) -> Prompt {
        self.review = true;
        self
    }

    /// A yes/no question: `y` says yes, `n` or Esc says no; nothing else answers it.
    pub fn confirm(title: &str, intro: Vec<String>) -> Prompt {
        Prompt::with_fields(title, intro, &[])
    }

    pub fn is_confirm(&self) -> bool {
        self.fields.fields.is_empty()
    }

    pub fn text(&self, id: FieldId) -> String {
        self.fields.text(id)
    }

    pub fn set_error(&mut self, failure: SaveFailure) {
        self.error = Some(failure);
    }

    /// Apply one key press, resolved by [`super::FormInput::resolve`].
    pub fn handle(&mut self, input: FormInput) -> PromptOutcome {
        let action = input.action();
        if self.is_confirm() {
            return match action {
                Some(Action::No | Action::FormBack) => PromptOutcome::Cancel,
                // Only yes says yes: a stray Enter must not close a meeting or open one.
                Some(Action::Yes) => PromptOutcome::Submit,
                Some(Action::Change) if self.change.is_some() => PromptOutcome::Change,
                _ => PromptOutcome::Continue,
            };
        }
        if self.reviewing {
            return match action {
                Some(Action::FormBack) => {
                    self.reviewing = false;
                    PromptOutcome::Continue
                }
                Some(Action::FormRetry) if self.can_retry() => PromptOutcome::Submit,
                Some(Action::FormEnter) => PromptOutcome::Submit,
                _ => PromptOutcome::Continue,
            };
        }
        let submit = match action {
            Some(Action::FormBack) if self.can_cancel => return PromptOutcome::Cancel,
            Some(Action::FormBack) => false,
            // From any field to the review (or, with none, done).
            Some(Action::FormNext) => {
                if self.review && self.fields.validate() {
                    self.reviewing = true;
                    return PromptOutcome::Continue;
                }
                true
            }
            Some(Action::FormRetry) => self.can_retry(),
            // Enter in the last field: nothing left to ask, so it records.
            _ => self.fields.handle(input) == FieldsOutcome::Submit,
        };
        if submit && self.fields.validate() {
            return PromptOutcome::Submit;
        }
        PromptOutcome::Continue
    }

    fn focus_is_multiline(&self) -> bool {
        self.fields
            .fields
            .get(self.fields.focus)
            .is_some_and(|f| f.spec.multiline)
    }

    /// The last save failed in a way the same input may get past.
    fn can_retry(&self) -> bool {
        self.error.as_ref().is_some_and(SaveFailure::can_retry)
    }

    pub fn paste(&mut self, text: &str) {
        self.fields.paste(text);
    }

    /// The intro's lines wrapped to `width`, continuation rows indented by two.
    fn wrapped_intro(&self, width: u16) -> Vec<Line<'static>> {
        self.intro
            .iter()
            .flat_map(|l| crate::tui::wrap::wrap_line(Line::from(l.clone()), width as usize, 2))
            .collect()
    }

    pub fn render(&self, area: Rect, buf: &mut Buffer, theme: &Theme, keys: &FormKeys) {
        let message = self
            .error
            .as_ref()
            .map(|e| e.message.as_str())
            .map(|e| (e, theme.error));
        let change_key = self.change.map(|(k, hint)| (k.to_string(), hint));
        let with_change;
        let typing = typing_hints(&self.fields, "cancel");
        let hints: &[(&str, &str)] = match (self.is_confirm(), self.can_retry()) {
            (true, _) if change_key.is_some() => {
                let (k, hint) = change_key.as_ref().expect("checked");
                with_change = [("y", "yes"), (k.as_str(), *hint), ("n/Esc", "no")];
                &with_change
            }
            (true, _) => &[("y", "yes"), ("n/Esc", "no")],
            (false, true) if self.reviewing => {
                &[("Enter/Ctrl-R", "try again"), ("Esc", "back to edit")]
            }
            (false, false) if self.reviewing => &[("Enter", "record"), ("Esc", "back to edit")],
            (false, false) if self.review => &typing,
            (false, true) => &[("Ctrl-R", "try again"), ("Esc", "cancel")],
            // Enter starts a new line in a list field (one name per line).
            (false, false) if self.focus_is_multiline() => &[
                ("Enter", "new line"),
                ("Tab", "next field"),
                ("Ctrl-S", "done"),
                ("Esc", "cancel"),
            ],
            (false, false) if self.fields.fields.len() > 1 => {
                &[("Tab", "next field"), ("Enter", "done"), ("Esc", "cancel")]
            }
            (false, false) => &[("Enter", "done"), ("Esc", "cancel")],
        };
        // The intro wraps at the widest the frame can be, never cut.
        let intro = self.wrapped_intro(super::popup::content_width(area));
        let intro_rows = intro.len() as u16;
        let gap = u16::from(intro_rows > 0 && !self.is_confirm());
        let rows = intro_rows + gap + self.fields.wanted_height(super::popup::content_width(area));
        let footer = Footer { message, hints };
        let content = draw_frame(area, buf, theme, keys, &self.title, rows, &footer);
        if content.height == 0 {
            return;
        }
        for (i, line) in intro.into_iter().enumerate().take(content.height as usize) {
            line.style(theme.base).render(
                Rect::new(content.x, content.y + i as u16, content.width, 1),
                buf,
            );
        }
        let skip = (intro_rows + gap).min(content.height);
        let rest = Rect::new(
            content.x,
            content.y + skip,
            content.width,
            content.height - skip,
        );
        self.fields.render(rest, buf, theme);
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::tui::keymap::Keymap;
    use crate::tui::mode::Mode;
    use ratatui::crossterm::event::{KeyCode, KeyEvent, KeyModifiers};

    /// The key as the screen hands it over: through the default keymap.
    fn press(p: &mut Prompt, ev: KeyEvent) -> PromptOutcome {
        let mode = if p.is_confirm() {
            Mode::Question
        } else {
            Mode::Form
        };
        match FormInput::resolve(&Keymap::defaults(), mode, ev) {
            Some(input) => p.handle(input),
            None => PromptOutcome::Continue,
        }
    }

    fn key(c: char) -> KeyEvent {
        KeyEvent::new(KeyCode::Char(c), KeyModifiers::NONE)
    }

    #[test]
    fn confirm_answers_yes_and_no() {
        let mut p = Prompt::confirm("Close?", vec![]);
        assert_eq!(press(&mut p, key('x')), PromptOutcome::Continue);
        assert_eq!(
            press(&mut p, KeyEvent::from(KeyCode::Enter)),
            PromptOutcome::Continue,
            "a bare Enter is no answer"
        );
        assert_eq!(press(&mut p, key('y')), PromptOutcome::Submit);
        assert_eq!(press(&mut p, key('n')), PromptOutcome::Cancel);
        assert_eq!(
            press(&mut p, KeyEvent::from(KeyCode::Esc)),
            PromptOutcome::Cancel
        );
    }

    #[test]
    fn required_field_blocks_submit_until_typed() {
        let specs = [FieldSpec::new(FieldId::Reason, "Reason", true, false)];
        let mut p = Prompt::with_fields("Add", vec!["why?".into()], &specs);
        assert_eq!(
            press(&mut p, KeyEvent::from(KeyCode::Enter)),
            PromptOutcome::Continue
        );
        assert!(p.fields.fields[0].error.is_some());
        for c in "late budget".chars() {
            press(&mut p, key(c));
        }
        assert_eq!(
            press(&mut p, KeyEvent::from(KeyCode::Enter)),
            PromptOutcome::Submit
        );
        assert_eq!(p.text(FieldId::Reason), "late budget");
    }
}
