//! The text fields of a decision form: rationale, actions, owner, due date. Each is a
//! `ratatui_textarea::TextArea`; this module moves focus between them, validates them and
//! draws them. State never depends on the screen size, so a resize loses nothing.

use crate::tui::theme::Theme;
use chrono::NaiveDate;
use ratatui::buffer::Buffer;
use ratatui::crossterm::event::{KeyCode, KeyEvent, KeyModifiers};
use ratatui::layout::Rect;
use ratatui::style::{Modifier, Style};
use ratatui::text::{Line, Span};
use ratatui::widgets::Widget;
use ratatui_textarea::{TextArea, WrapMode};

/// Which part of the decision a field fills.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum FieldId {
    Rationale,
    Actions,
    Owner,
    Due,
    /// Meeting start and agenda prompts.
    Chair,
    Attendees,
    /// The day the meeting is held.
    MeetingDate,
    Reason,
    /// The meeting details prompt.
    Apologies,
    NextMeeting,
    /// Go to an agenda item.
    ItemNumber,
}

/// How a field is shown and checked.
#[derive(Debug, Clone, Copy)]
pub struct FieldSpec {
    pub id: FieldId,
    pub label: &'static str,
    pub required: bool,
    pub multiline: bool,
}

impl FieldSpec {
    pub const fn new(id: FieldId, label: &'static str, required: bool, multiline: bool) -> Self {
        FieldSpec {
            id,
            label,
            required,
            multiline,
        }
    }
}

#[derive(Debug, Clone)]
pub struct Field {
    pub spec: FieldSpec,
    pub input: TextArea<'static>,
    pub error: Option<String>,
}

/// What a key did to the fields.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum FieldsOutcome {
    Continue,
    /// Enter on the last single-line field: the form should try to submit.
    Submit,
}

/// Rows a multi-line field gets at least (and at most, when space is plentiful).
const MULTI_MIN: u16 = 2;
const MULTI_MAX: u16 = 6;

#[derive(Debug, Clone)]
pub struct FieldSet {
    pub fields: Vec<Field>,
    pub focus: usize,
}

impl FieldSet {
    pub fn new(specs: &[FieldSpec]) -> FieldSet {
        let fields = specs
            .iter()
            .map(|&spec| {
                let mut input = TextArea::default();
                if spec.multiline {
                    input.set_wrap_mode(WrapMode::WordOrGlyph);
                }
                if spec.id == FieldId::Due {
                    input.set_placeholder_text("31/01/2027");
                }
                Field {
                    spec,
                    input,
                    error: None,
                }
            })
            .collect();
        FieldSet { fields, focus: 0 }
    }

    /// The field's text: lines joined with newlines, trimmed. Empty when there is no such field.
    pub fn text(&self, id: FieldId) -> String {
        self.field(id)
            .map(|f| f.input.lines().join("\n").trim().to_string())
            .unwrap_or_default()
    }

    /// Fill an empty field with `text` (a prompt that shows what is recorded, to correct).
    pub fn prefill(&mut self, id: FieldId, text: &str) {
        if let Some(f) = self.fields.iter_mut().find(|f| f.spec.id == id) {
            f.input.insert_str(text);
        }
    }

    pub fn field(&self, id: FieldId) -> Option<&Field> {
        self.fields.iter().find(|f| f.spec.id == id)
    }

    /// True when anything at all has been typed (so discarding needs a second Esc).
    pub fn has_text(&self) -> bool {
        self.fields
            .iter()
            .any(|f| f.input.lines().iter().any(|l| !l.trim().is_empty()))
    }

    pub fn focus_next(&mut self) {
        if !self.fields.is_empty() {
            self.focus = (self.focus + 1) % self.fields.len();
        }
    }

    pub fn focus_prev(&mut self) {
        if !self.fields.is_empty() {
            self.focus = (self.focus + self.fields.len() - 1) % self.fields.len();
        }
    }

    /// Tab and Shift-Tab move between fields; Enter in a one-line field moves on (or asks to
    /// submit from the last one); every other key edits the focused field.
    pub fn handle(&mut self, key: KeyEvent) -> FieldsOutcome {
        let Some(field) = self.fields.get_mut(self.focus) else {
            return FieldsOutcome::Continue;
        };
        match key.code {
            KeyCode::Tab => self.focus_next(),
            KeyCode::BackTab => self.focus_prev(),
            KeyCode::Enter if !field.spec.multiline => {
                if self.focus + 1 == self.fields.len() {
                    return FieldsOutcome::Submit;
                }
                self.focus_next();
            }
            // Ctrl-M / Ctrl-J are newlines in a TextArea: a one-line field has none.
            KeyCode::Char('m' | 'j')
                if !field.spec.multiline && key.modifiers.contains(KeyModifiers::CONTROL) => {}
            _ => {
                if field.input.input(key) {
                    field.error = None;
                }
            }
        }
        FieldsOutcome::Continue
    }

    /// Insert pasted text into the focused field (newlines become spaces in one-line fields).
    pub fn paste(&mut self, text: &str) {
        if let Some(field) = self.fields.get_mut(self.focus) {
            let clean = crate::model::sanitize_text(text, field.spec.multiline);
            field.input.insert_str(clean);
            field.error = None;
        }
    }

    /// Check every field; mark the ones in error and focus the first of them.
    pub fn validate(&mut self) -> bool {
        let mut first_bad = None;
        for (i, f) in self.fields.iter_mut().enumerate() {
            let text = f.input.lines().join("\n").trim().to_string();
            f.error = if f.spec.required && text.is_empty() {
                Some(format!("{} is required", f.spec.label))
            } else if f.spec.id == FieldId::Due && !text.is_empty() && parse_due(&text).is_none() {
                Some(format!(
                    "{}: expected a real date such as {}",
                    f.spec.label,
                    crate::term::DAY_FORMATS
                ))
            } else {
                None
            };
            if f.error.is_some() && first_bad.is_none() {
                first_bad = Some(i);
            }
        }
        if let Some(i) = first_bad {
            self.focus = i;
        }
        first_bad.is_none()
    }

    /// The due date, when given and valid.
    pub fn due(&self) -> Option<NaiveDate> {
        parse_due(&self.text(FieldId::Due))
    }

    /// Rows needed to show every field comfortably.
    pub fn wanted_height(&self) -> u16 {
        self.fields
            .iter()
            .map(|f| {
                let rows = if f.spec.multiline {
                    (f.input.lines().len() as u16).clamp(MULTI_MIN, MULTI_MAX)
                } else {
                    1
                };
                1 + rows + u16::from(f.error.is_some())
            })
            .sum()
    }

    /// Draw label, input and any error for each field, top to bottom; multi-line fields share
    /// whatever height is left. Fields that do not fit are left out (focus stays visible).
    pub fn render(&self, area: Rect, buf: &mut Buffer, theme: &Theme) {
        if area.width == 0 || area.height == 0 {
            return;
        }
        let fixed: u16 = self
            .fields
            .iter()
            .map(|f| 1 + u16::from(!f.spec.multiline) + u16::from(f.error.is_some()))
            .sum();
        let multi = self.fields.iter().filter(|f| f.spec.multiline).count() as u16;
        let spare = area.height.saturating_sub(fixed);
        let per_multi = spare
            .checked_div(multi)
            .map_or(0, |rows| rows.clamp(1, MULTI_MAX));
        let mut y = area.y;
        let bottom = area.y + area.height;
        for (i, f) in self.fields.iter().enumerate() {
            if y >= bottom {
                break;
            }
            let focused = i == self.focus;
            let marker = if focused { "▶ " } else { "  " };
            let label_style = if focused { theme.header } else { theme.base };
            let mut spans = vec![
                Span::styled(marker, label_style),
                Span::styled(f.spec.label, label_style),
            ];
            if f.spec.required {
                spans.push(Span::styled(" (required)", theme.dim));
            }
            Line::from(spans).render(Rect::new(area.x, y, area.width, 1), buf);
            y += 1;
            let rows = if f.spec.multiline { per_multi } else { 1 };
            let rows = rows.min(bottom.saturating_sub(y));
            if rows > 0 {
                let input_area = Rect::new(area.x + 2, y, area.width.saturating_sub(2), rows);
                // Style a copy: rendering reads state, never writes it.
                let mut input = f.input.clone();
                let field_style = theme.base.add_modifier(Modifier::UNDERLINED);
                input.set_style(field_style);
                input.set_cursor_line_style(Style::new());
                input.set_placeholder_style(theme.dim);
                input.set_cursor_style(if focused {
                    theme.cursor.add_modifier(Modifier::REVERSED)
                } else {
                    field_style
                });
                if input_area.width > 0 {
                    input.render(input_area, buf);
                }
                y += rows;
            }
            if let Some(err) = &f.error {
                if y < bottom {
                    Line::from(vec![
                        Span::raw("  "),
                        Span::styled(err.as_str(), theme.error),
                    ])
                    .render(Rect::new(area.x, y, area.width, 1), buf);
                    y += 1;
                }
            }
        }
    }
}

/// A due date as typed: see [`crate::term::parse_day`].
pub fn parse_due(text: &str) -> Option<NaiveDate> {
    crate::term::parse_day(text)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn due_dates_as_people_type_them() {
        let day = NaiveDate::from_ymd_opt(2027, 1, 31);
        for good in [
            "31/01/2027",
            "31-01-2027",
            "2027-01-31",
            "31 Jan 2027",
            "31 January 2027",
        ] {
            assert_eq!(parse_due(good), day, "{good}");
        }
        for bad in [
            "2027-02-30",
            "31/02/2027",
            "tomorrow",
            "31/01/27",
            "01/31/2027",
            "",
        ] {
            assert_eq!(parse_due(bad), None, "{bad}");
        }
    }
}
