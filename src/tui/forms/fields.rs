//! The text fields of a decision form: rationale, actions, owner, due date. Each is a
//! `ratatui_textarea::TextArea`; this module moves focus between them, validates them and
//! draws them. State never depends on the screen size, so a resize loses nothing.
//!
//! Actions are rows of their own (what · owner · due), one action a row: a new empty row
//! appears below the last one as soon as it is typed in.

use super::FormInput;
use crate::tui::action::Action;
use crate::tui::theme::Theme;
use chrono::NaiveDate;
use ratatui::buffer::Buffer;
use ratatui::crossterm::event::{KeyCode, KeyModifiers};
use ratatui::layout::Rect;
use ratatui::style::{Modifier, Style};
use ratatui::text::{Line, Span};
use ratatui::widgets::{Paragraph, Widget, Wrap};
use ratatui_textarea::{TextArea, WrapMode};

/// Which part of the decision a field fills.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum FieldId {
    Rationale,
    /// Where the action rows go (the spec's `required`: at least one action).
    Actions,
    /// One action row's parts, by row.
    ActionText(u8),
    ActionOwner(u8),
    ActionDue(u8),
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

/// Rows a multi-line field gets at least, and at most while others need room too.
const MULTI_MIN: u16 = 2;
const MULTI_MAX: u16 = 12;
/// Action rows a form holds at most.
const MAX_ACTIONS: u8 = 20;
/// Widths of an action row's owner and due columns.
const OWNER_WIDTH: u16 = 22;
const DUE_WIDTH: u16 = 12;

/// The three fields of action row `row`.
fn action_row(row: u8) -> [Field; 3] {
    let part = |id, label, placeholder: &str| {
        let mut input = TextArea::default();
        input.set_placeholder_text(placeholder);
        if matches!(id, FieldId::ActionText(_)) {
            // What is to be done wraps and grows its row: its start stays in sight.
            input.set_wrap_mode(WrapMode::WordOrGlyph);
        }
        Field {
            spec: FieldSpec::new(id, label, false, false),
            input,
            error: None,
        }
    };
    [
        part(FieldId::ActionText(row), "Action", "what is to be done"),
        part(FieldId::ActionOwner(row), "Owner", "who"),
        part(FieldId::ActionDue(row), "Due", "dd/mm/yyyy"),
    ]
}

impl FieldId {
    /// The action row this field belongs to.
    fn action_row(self) -> Option<u8> {
        match self {
            FieldId::ActionText(r) | FieldId::ActionOwner(r) | FieldId::ActionDue(r) => Some(r),
            _ => None,
        }
    }
}

#[derive(Debug, Clone)]
pub struct FieldSet {
    pub fields: Vec<Field>,
    pub focus: usize,
}

impl FieldSet {
    pub fn new(specs: &[FieldSpec]) -> FieldSet {
        let mut fields = Vec::new();
        for &spec in specs {
            let mut input = TextArea::default();
            if wraps(&spec) {
                input.set_wrap_mode(WrapMode::WordOrGlyph);
            }
            if spec.id == FieldId::Due || spec.id == FieldId::MeetingDate {
                // A hint, drawn dim: never mistaken for a value.
                input.set_placeholder_text("dd/mm/yyyy");
            }
            // The Actions spec itself holds no text: it marks where the rows go.
            let rows = (spec.id == FieldId::Actions).then(|| action_row(0));
            fields.push(Field {
                spec,
                input,
                error: None,
            });
            fields.extend(rows.into_iter().flatten());
        }
        let mut set = FieldSet { fields, focus: 0 };
        if set
            .fields
            .first()
            .is_some_and(|f| f.spec.id == FieldId::Actions)
        {
            set.focus = 1;
        }
        set
    }

    /// The field's text: lines joined with newlines, trimmed. Empty when there is no such
    /// field. For `Actions`, the actions' texts, one a line.
    pub fn text(&self, id: FieldId) -> String {
        if id == FieldId::Actions {
            return self
                .action_lines()
                .into_iter()
                .map(|l| l.text)
                .filter(|t| !t.is_empty())
                .collect::<Vec<_>>()
                .join("\n");
        }
        self.field(id).map(field_text).unwrap_or_default()
    }

    /// The action rows typed in, each with its owner and due date (a date that does not
    /// parse is left out; `validate` says so first).
    pub fn action_lines(&self) -> Vec<crate::model::ActionLine> {
        let rows = self
            .fields
            .iter()
            .filter_map(|f| f.spec.id.action_row())
            .max()
            .map_or(0, |r| r + 1);
        (0..rows)
            .map(|r| crate::model::ActionLine {
                text: self.text(FieldId::ActionText(r)),
                owner: self.text(FieldId::ActionOwner(r)),
                due: parse_due(&self.text(FieldId::ActionDue(r))),
            })
            .filter(|l| !(l.text.is_empty() && l.owner.is_empty() && l.due.is_none()))
            .collect()
    }

    /// A new empty action row once the last one has anything typed in it.
    fn grow_actions(&mut self) {
        let Some(last) = self
            .fields
            .iter()
            .filter_map(|f| f.spec.id.action_row())
            .max()
        else {
            return;
        };
        let typed = [
            FieldId::ActionText(last),
            FieldId::ActionOwner(last),
            FieldId::ActionDue(last),
        ]
        .into_iter()
        .any(|id| !self.text(id).is_empty());
        if typed && last + 1 < MAX_ACTIONS {
            let at = self
                .fields
                .iter()
                .position(|f| f.spec.id == FieldId::ActionDue(last))
                .map_or(self.fields.len(), |i| i + 1);
            self.fields.splice(at..at, action_row(last + 1));
        }
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
            if self.fields[self.focus].spec.id == FieldId::Actions {
                self.focus_next();
            }
        }
    }

    pub fn focus_prev(&mut self) {
        if !self.fields.is_empty() {
            self.focus = (self.focus + self.fields.len() - 1) % self.fields.len();
            if self.fields[self.focus].spec.id == FieldId::Actions {
                self.focus_prev();
            }
        }
    }

    /// Next and previous field (Tab, Shift-Tab) move focus; Enter in a one-line field moves
    /// on (or asks to submit from the last one) and starts a new line in a list; a key typed
    /// edits the focused field.
    pub fn handle(&mut self, input: FormInput) -> FieldsOutcome {
        let last = self.focus + 1 == self.fields.len();
        let Some(multiline) = self.fields.get(self.focus).map(|f| f.spec.multiline) else {
            return FieldsOutcome::Continue;
        };
        match input {
            FormInput::Act(Action::FieldNext) => self.focus_next(),
            FormInput::Act(Action::FieldPrev) => self.focus_prev(),
            FormInput::Act(Action::FormEnter) if multiline => {
                self.fields[self.focus].input.insert_newline();
                self.edited();
            }
            FormInput::Act(Action::FormEnter) if last => return FieldsOutcome::Submit,
            FormInput::Act(Action::FormEnter) => self.focus_next(),
            FormInput::Act(_) => {}
            // Ctrl-M / Ctrl-J are newlines in a TextArea: a one-line field has none.
            FormInput::Type(key)
                if !multiline
                    && key.modifiers.contains(KeyModifiers::CONTROL)
                    && matches!(key.code, KeyCode::Char('m' | 'j')) => {}
            FormInput::Type(key) => {
                if self.fields[self.focus].input.input(key) {
                    self.edited();
                }
            }
        }
        FieldsOutcome::Continue
    }

    /// The focused field changed: its error goes, and an action row typed in grows the list.
    fn edited(&mut self) {
        let field = &mut self.fields[self.focus];
        field.error = None;
        if field.spec.id.action_row().is_some() {
            self.grow_actions();
        }
    }

    /// What Enter does in the focused field, for the hint line.
    pub fn enter_hint(&self) -> &'static str {
        match self.fields.get(self.focus) {
            Some(f) if f.spec.multiline => "new line",
            _ if self.focus + 1 >= self.fields.len() => "record",
            _ => "next field",
        }
    }

    /// Insert pasted text into the focused field (newlines become spaces in one-line fields).
    pub fn paste(&mut self, text: &str) {
        if let Some(field) = self.fields.get_mut(self.focus) {
            let clean = crate::model::sanitize_text(text, field.spec.multiline);
            field.input.insert_str(clean);
            field.error = None;
            if field.spec.id.action_row().is_some() {
                self.grow_actions();
            }
        }
    }

    /// Check every field; mark the ones in error and focus the first of them. An action
    /// row with anything typed needs all three parts; the error names the action.
    pub fn validate(&mut self) -> bool {
        let mut first_bad = None;
        let any_action = self.action_lines().iter().any(|l| !l.text.is_empty());
        let texts: Vec<String> = self.fields.iter().map(field_text).collect();
        let row_typed = |row: u8| {
            self.fields
                .iter()
                .zip(&texts)
                .any(|(f, t)| f.spec.id.action_row() == Some(row) && !t.is_empty())
        };
        let typed: Vec<bool> = (0..MAX_ACTIONS).map(row_typed).collect();
        for (i, f) in self.fields.iter_mut().enumerate() {
            let text = &texts[i];
            let dated = matches!(f.spec.id, FieldId::Due | FieldId::ActionDue(_));
            f.error = match f.spec.id {
                FieldId::Actions if f.spec.required && !any_action => {
                    Some("give at least one action".to_string())
                }
                FieldId::Actions => None,
                id if id.action_row().is_some_and(|r| typed[r as usize]) && text.is_empty() => {
                    let n = id.action_row().unwrap_or_default() + 1;
                    Some(match id {
                        FieldId::ActionText(_) => format!("action {n}: say what is to be done"),
                        FieldId::ActionOwner(_) => format!("action {n}: who owns it?"),
                        _ => format!("action {n}: by when? (dd/mm/yyyy)"),
                    })
                }
                _ if f.spec.required && text.is_empty() => {
                    Some(format!("{} is required", f.spec.label))
                }
                _ if dated && !text.is_empty() && parse_due(text).is_none() => Some(format!(
                    "{}: expected a real date such as {}",
                    f.spec.label,
                    crate::term::DAY_FORMATS
                )),
                _ => None,
            };
            if f.error.is_some() && first_bad.is_none() {
                first_bad = Some(i);
            }
        }
        if let Some(i) = first_bad {
            // The Actions marker is not typed in: its first row is.
            self.focus = if self.fields[i].spec.id == FieldId::Actions {
                i + 1
            } else {
                i
            };
        }
        first_bad.is_none()
    }

    /// The due date, when given and valid.
    pub fn due(&self) -> Option<NaiveDate> {
        parse_due(&self.text(FieldId::Due))
    }

    /// Rows needed to show every field comfortably in a form `width` wide.
    pub fn wanted_height(&self, width: u16) -> u16 {
        let input_width = width.saturating_sub(2);
        self.fields
            .iter()
            .map(|f| {
                let rows = match f.spec.id {
                    // Its label; each row below is one line with its parts side by side.
                    FieldId::Actions => 0,
                    FieldId::ActionText(_) => {
                        return action_text_rows(f, ESTIMATED_TEXT_WIDTH, false)
                            + self.row_error_lines(f.spec.id)
                    }
                    FieldId::ActionOwner(_) | FieldId::ActionDue(_) => return 0,
                    _ if f.spec.multiline => {
                        grown_rows(f, input_width, true).clamp(MULTI_MIN, MULTI_MAX)
                    }
                    _ => grown_rows(f, input_width, true),
                };
                1 + rows + u16::from(f.error.is_some())
            })
            .sum()
    }

    /// 1 when action row `text`'s row shows an error line.
    fn row_error_lines(&self, text: FieldId) -> u16 {
        u16::from(self.row_error(text).is_some())
    }

    /// The first error of the action row that `text` (its action field) starts.
    fn row_error(&self, text: FieldId) -> Option<&str> {
        let row = text.action_row()?;
        self.fields
            .iter()
            .filter(|f| f.spec.id.action_row() == Some(row))
            .find_map(|f| f.error.as_deref())
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
            .map(|f| match f.spec.id {
                FieldId::Actions => 1 + u16::from(f.error.is_some()),
                FieldId::ActionText(_) => {
                    let typing = self.fields[self.focus].spec.id == f.spec.id;
                    action_text_rows(f, action_columns(area.width).0, typing)
                        + self.row_error_lines(f.spec.id)
                }
                FieldId::ActionOwner(_) | FieldId::ActionDue(_) => 0,
                _ if f.spec.multiline => 1 + u16::from(f.error.is_some()),
                _ => {
                    let typing = self.fields[self.focus].spec.id == f.spec.id;
                    1 + grown_rows(f, area.width.saturating_sub(2), typing)
                        + u16::from(f.error.is_some())
                }
            })
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
            match f.spec.id {
                FieldId::ActionText(_) => {
                    y = self.render_action_row(
                        i,
                        Rect::new(area.x, y, area.width, bottom - y),
                        buf,
                        theme,
                    );
                    continue;
                }
                FieldId::ActionOwner(_) | FieldId::ActionDue(_) => continue,
                _ => {}
            }
            let focused = i == self.focus
                || (f.spec.id == FieldId::Actions
                    && self.fields[self.focus].spec.id.action_row().is_some());
            let marker = if focused { "▶ " } else { "  " };
            let label_style = if focused { theme.header } else { theme.base };
            let mut spans = vec![
                Span::styled(marker, label_style),
                Span::styled(f.spec.label, label_style),
            ];
            if f.spec.required {
                spans.push(Span::styled(" (required)", theme.dim));
            }
            if f.spec.id == FieldId::Actions {
                spans.push(Span::styled(
                    " · one a row: what · owner · due date",
                    theme.dim,
                ));
            }
            Line::from(spans).render(Rect::new(area.x, y, area.width, 1), buf);
            y += 1;
            let rows = match f.spec.id {
                FieldId::Actions => 0,
                _ if f.spec.multiline => per_multi,
                // A one-line reason wraps and grows, so its start stays in sight.
                _ => grown_rows(f, area.width.saturating_sub(2), i == self.focus),
            };
            let rows = rows.min(bottom.saturating_sub(y));
            if rows > 0 {
                let input_area = Rect::new(area.x + 2, y, area.width.saturating_sub(2), rows);
                draw_input(f, focused, input_area, buf, theme);
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

impl FieldSet {
    /// One action row on one line (what, then owner, then due), and its first error below
    /// it; returns the next free line.
    fn render_action_row(
        &self,
        text_at: usize,
        area: Rect,
        buf: &mut Buffer,
        theme: &Theme,
    ) -> u16 {
        let mut y = area.y;
        let bottom = area.y + area.height;
        let row = self.fields[text_at]
            .spec
            .id
            .action_row()
            .unwrap_or_default();
        let number = format!("{:>2}. ", row + 1);
        let focused_row = self.fields[self.focus].spec.id.action_row() == Some(row);
        let style = if focused_row { theme.header } else { theme.dim };
        let left = area.x + 2;
        Span::styled(number, style).render(Rect::new(left, y, 4, 1), buf);
        let (text_w, owner_w, due_w) = action_columns(area.width);
        let typing = self.focus == text_at;
        let text_rows = action_text_rows(&self.fields[text_at], text_w, typing).min(bottom - y);
        let columns = [
            (text_at, left + 4, text_w, text_rows),
            (text_at + 1, left + 4 + text_w + 1, owner_w, 1),
            (text_at + 2, left + 4 + text_w + 1 + owner_w + 1, due_w, 1),
        ];
        for (i, x, w, h) in columns {
            if let Some(f) = self.fields.get(i) {
                draw_input(f, i == self.focus, Rect::new(x, y, w, h), buf, theme);
            }
        }
        y += text_rows;
        if let Some(err) = self.row_error(self.fields[text_at].spec.id) {
            if y < bottom {
                Line::from(vec![Span::raw("      "), Span::styled(err, theme.error)])
                    .render(Rect::new(area.x, y, area.width, 1), buf);
                y += 1;
            }
        }
        y
    }
}

/// The width an action's text is assumed to wrap at before the screen's size is known.
const ESTIMATED_TEXT_WIDTH: u16 = 40;
/// Rows an action's text may grow to.
const ACTION_TEXT_MAX_ROWS: u16 = 4;

/// The widths of an action row's three columns (what, owner, due) in a form `width` wide.
fn action_columns(width: u16) -> (u16, u16, u16) {
    let width = width.saturating_sub(6);
    let owner = OWNER_WIDTH.min(width / 3);
    let due = DUE_WIDTH.min(width / 4);
    (width.saturating_sub(owner + due + 2), owner, due)
}

/// Rows an action's text takes wrapped at `width`, as the field draws it (see `grown_rows`),
/// up to the rows an action may grow to.
fn action_text_rows(f: &Field, width: u16, typing: bool) -> u16 {
    grown_rows(f, width, typing).clamp(1, ACTION_TEXT_MAX_ROWS)
}

/// Draw one field's input, underlined, its placeholder dim and its cursor shown when focused.
/// A field not being typed in shows its text from the start, wrapped, never scrolled.
fn draw_input(f: &Field, focused: bool, area: Rect, buf: &mut Buffer, theme: &Theme) {
    if area.width == 0 || area.height == 0 {
        return;
    }
    let field_style = theme.base.add_modifier(Modifier::UNDERLINED);
    if !focused {
        let text = field_text(f);
        let (shown, style) = if text.is_empty() {
            (f.input.placeholder_text().to_string(), theme.dim)
        } else {
            (text, field_style)
        };
        let lines: Vec<Line> = shown
            .lines()
            .map(|l| Line::styled(l.to_string(), style))
            .collect();
        let para = Paragraph::new(lines);
        let para = if wraps(&f.spec) {
            para.wrap(Wrap { trim: false })
        } else {
            para
        };
        para.render(area, buf);
        return;
    }
    // Style a copy: rendering reads state, never writes it.
    let mut input = f.input.clone();
    input.set_style(field_style);
    input.set_cursor_line_style(Style::new());
    input.set_placeholder_style(theme.dim);
    input.set_cursor_style(theme.cursor.add_modifier(Modifier::REVERSED));
    input.render(area, buf);
}

/// Whether a field wraps its text: lists, and the reasons, rationales and notes typed as
/// one line (names, dates and numbers stay on their one row).
fn wraps(spec: &FieldSpec) -> bool {
    spec.multiline
        || matches!(
            spec.id,
            FieldId::Rationale | FieldId::Reason | FieldId::ActionText(_)
        )
}

/// Rows a field's text takes wrapped at `width` (with room for the cursor past its end when
/// it is being typed in); one for a field that does not wrap.
fn grown_rows(f: &Field, width: u16, typing: bool) -> u16 {
    if !wraps(&f.spec) {
        return 1;
    }
    let lines = f.input.lines();
    let rows: usize = lines
        .iter()
        .enumerate()
        .map(|(i, l)| {
            let cursor = if typing && i + 1 == lines.len() {
                " "
            } else {
                ""
            };
            crate::tui::wrap::wrap_line(Line::from(format!("{l}{cursor}")), width as usize, 0).len()
        })
        .sum();
    (rows.max(1) as u16).min(FIELD_MAX_ROWS)
}

/// Rows a wrapped field grows to at most.
const FIELD_MAX_ROWS: u16 = 12;

/// A field's text: its lines joined with newlines, trimmed.
fn field_text(f: &Field) -> String {
    f.input.lines().join("\n").trim().to_string()
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
