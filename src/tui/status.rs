//! The status line (last action, last save, any error) and the key-hints line, which is
//! generated from the keymap; in filter mode it shows what is being typed.

use super::app::App;
use super::cells::{fill, put};
use super::grid_layout::{ColKind, GridLayout};
use super::marks;
use super::mode::Mode;
use crate::policy::FlagLevel;
use ratatui::buffer::Buffer;
use ratatui::layout::Rect;
use ratatui::widgets::Widget;

pub struct StatusLine<'a> {
    pub app: &'a App,
}

impl Widget for &StatusLine<'_> {
    fn render(self, area: Rect, buf: &mut Buffer) {
        if area.height == 0 || area.width == 0 {
            return;
        }
        let app = self.app;
        let theme = &app.theme;
        let (x0, y, right) = (area.x, area.y, area.right());
        if let Some(err) = &app.status.error {
            fill(buf, x0, y, area.width, theme.error);
            let text = format!(" ✖ {err}  (press any key)");
            put(buf, x0, y, area.width, &text, theme.error);
            return;
        }
        fill(buf, x0, y, area.width, theme.status);
        let layout = super::grid::GridView::layout(app, area.width);
        // Columns left out are always announced: the left part stops short of them.
        let hidden = hidden_columns(&layout.hidden);
        let hw = hidden.chars().count() as u16;
        let x = left_part(app, &layout, buf, x0, y, right.saturating_sub(hw));
        let shown = format!(
            "{} of {} schools{} ",
            app.shown(),
            app.data.schools.len(),
            if app.filters.is_empty() {
                ""
            } else {
                " (filtered)"
            }
        );
        let saved = app
            .status
            .saved
            .as_deref()
            .map(|s| format!("saved {s} · "))
            .unwrap_or_default();
        let tail = format!("{hidden}{saved}{shown}");
        let tw = tail.chars().count() as u16;
        if x + 2 + tw <= right {
            put(buf, right - tw, y, tw, &tail, theme.dim);
        } else if hw > 0 && x + hw <= right {
            put(buf, right - hw, y, hw, &hidden, theme.dim);
        }
    }
}

/// The reveal notice, the last message and, when the Flags column is missing or too narrow
/// for them, the cursor row's flags (so they are always somewhere on screen). Returns the
/// end.
fn left_part(app: &App, layout: &GridLayout, buf: &mut Buffer, x0: u16, y: u16, end: u16) -> u16 {
    let theme = &app.theme;
    let mut x = x0 + put(buf, x0, y, end.saturating_sub(x0), " ", theme.status);
    if let Some(name) = revealed_school(app) {
        let notice = format!("confidential comments shown for {name} — hidden when you move");
        x += put(buf, x, y, end.saturating_sub(x), &notice, theme.frozen);
        x += put(buf, x, y, end.saturating_sub(x), " ", theme.status);
    }
    let message = &app.status.message;
    x += put(buf, x, y, end.saturating_sub(x), message, theme.status);
    let flags_w = layout
        .cols
        .iter()
        .find(|c| c.kind == ColKind::Flags)
        .map_or(0, |c| c.w as usize);
    let cursor = app.selected().and_then(|i| app.school_assessment(i));
    if cursor.is_some_and(|a| marks::flags_width(&a.flags) > flags_w) {
        x = cursor_flags(app, buf, x, y, end);
    }
    x
}

/// The school whose confidential comments are on show, if any.
fn revealed_school(app: &App) -> Option<&str> {
    let i = app.selected()?;
    let school = &app.data.schools[i];
    app.reveal
        .shows(Some(school.urn))
        .then_some(school.name.as_str())
}

/// "+ Type, Flags → " for columns that did not fit (scrolling right brings them in).
fn hidden_columns(hidden: &[ColKind]) -> String {
    let names: Vec<&str> = hidden
        .iter()
        .filter_map(|k| match k {
            ColKind::Phase => Some("Ph"),
            ColKind::Type => Some("Type"),
            ColKind::Ofsted => Some("Ofs"),
            ColKind::Category => Some("Category"),
            ColKind::Composite => Some("Σ"),
            ColKind::Suggest => Some("Suggests"),
            ColKind::Flags => Some("Flags"),
            _ => None,
        })
        .collect();
    if names.is_empty() {
        String::new()
    } else {
        format!("+ {} → · ", names.join(", "))
    }
}

/// The cursor row's flags after the message: major ones first, marked `!!`.
fn cursor_flags(app: &App, buf: &mut Buffer, mut x: u16, y: u16, right: u16) -> u16 {
    let theme = &app.theme;
    let Some(a) = app.selected().and_then(|i| app.school_assessment(i)) else {
        return x;
    };
    for (n, f) in marks::flags_in_order(&a.flags).enumerate() {
        let sep = match (n, app.status.message.is_empty()) {
            (0, true) => "Flags: ",
            (0, false) => "  Flags: ",
            _ => " · ",
        };
        x += put(buf, x, y, right.saturating_sub(x), sep, theme.dim);
        if f.level == FlagLevel::Major {
            x += put(
                buf,
                x,
                y,
                right.saturating_sub(x),
                marks::MAJOR,
                theme.flag_major,
            );
            x += put(buf, x, y, right.saturating_sub(x), " ", theme.status);
            x += put(
                buf,
                x,
                y,
                right.saturating_sub(x),
                &f.text,
                theme.flag_major,
            );
        } else {
            x += put(buf, x, y, right.saturating_sub(x), &f.text, theme.status);
        }
    }
    x
}

pub struct HintsLine<'a> {
    pub app: &'a App,
}

impl Widget for &HintsLine<'_> {
    fn render(self, area: Rect, buf: &mut Buffer) {
        if area.height == 0 || area.width == 0 {
            return;
        }
        let app = self.app;
        let theme = &app.theme;
        let (y, right) = (area.y, area.right());
        fill(buf, area.x, y, area.width, theme.hints);
        let mut x = area.x;
        if app.mode == Mode::Filter {
            x += put(buf, x, y, right - x, " / ", theme.hint_key);
            x += put(
                buf,
                x,
                y,
                right.saturating_sub(x),
                &app.filters.text,
                theme.base,
            );
            x += put(buf, x, y, right.saturating_sub(x), "▏  ", theme.hint_key);
        } else {
            x += put(buf, x, y, right - x, " ", theme.hints);
        }
        // Most important first; whole hints only, and room is kept for the help key.
        let hints = app.keymap.hints(app.mode);
        let (help, rest): (Vec<_>, Vec<_>) = hints.into_iter().partition(|(_, w)| *w == "help");
        let help_w = help.first().map_or(0, |(k, w)| {
            (k.chars().count() + w.chars().count() + 3) as u16
        });
        for (key, word) in rest {
            let w = (key.chars().count() + word.chars().count() + 3) as u16;
            if x + w + help_w > right {
                break;
            }
            x = hint(buf, x, y, right, &key, word, theme);
        }
        for (key, word) in help {
            hint(buf, x, y, right, &key, word, theme);
        }
    }
}

/// `key word  ` at x; returns where the next starts.
fn hint(
    buf: &mut Buffer,
    mut x: u16,
    y: u16,
    right: u16,
    key: &str,
    word: &str,
    theme: &super::theme::Theme,
) -> u16 {
    x += put(buf, x, y, right.saturating_sub(x), key, theme.hint_key);
    x += put(buf, x, y, right.saturating_sub(x), " ", theme.hints);
    x += put(buf, x, y, right.saturating_sub(x), word, theme.hints);
    x + put(buf, x, y, right.saturating_sub(x), "  ", theme.hints)
}
