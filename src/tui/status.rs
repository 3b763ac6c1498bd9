//! The status line (last action, last save, any error) and the key-hints line, which is
//! generated from the keymap; in filter mode it shows what is being typed.

use super::cells::{fill, put};
use super::grid_layout::{ColKind, GridLayout};
use super::keymap::Keymap;
use super::marks;
use super::mode::Mode;
use super::screen_state::Status;
use super::theme::Theme;
use crate::config::Config;
use crate::policy::{FlagLevel, SchoolAssessment};
use ratatui::buffer::Buffer;
use ratatui::layout::Rect;
use ratatui::widgets::Widget;

/// The status line's notice while the database cannot be reached.
pub const UNREACHABLE: &str = "⚠ database unreachable — retrying";

pub struct StatusLine<'a> {
    pub status: &'a Status,
    /// Schools shown, of how many.
    pub shown: usize,
    pub total: usize,
    pub filtered: bool,
    /// The policy's view of the school under the cursor (its flags go here when the grid
    /// has no room for them).
    pub cursor: Option<&'a SchoolAssessment>,
    /// The school whose confidential comments are on show.
    pub revealed: Option<&'a str>,
    /// For the grid's layout at this width: which columns were left out.
    pub config: &'a Config,
    pub h_scroll: usize,
    pub theme: &'a Theme,
}

impl Widget for &StatusLine<'_> {
    fn render(self, area: Rect, buf: &mut Buffer) {
        if area.height == 0 || area.width == 0 {
            return;
        }
        let theme = self.theme;
        let (x0, y, right) = (area.x, area.y, area.right());
        if let Some(err) = &self.status.error {
            fill(buf, x0, y, area.width, theme.error);
            let text = format!(" ✖ {err}  (press any key)");
            put(buf, x0, y, area.width, &text, theme.error);
            return;
        }
        fill(buf, x0, y, area.width, theme.status);
        let layout = super::grid::layout(self.config, self.h_scroll, area.width);
        // Columns left out are always announced: the left part stops short of them.
        let hidden = hidden_columns(&layout.hidden);
        let hw = hidden.chars().count() as u16;
        let x = self.left_part(&layout, buf, x0, y, right.saturating_sub(hw));
        let shown = format!(
            "{} of {} schools{} ",
            self.shown,
            self.total,
            if self.filtered { " (filtered)" } else { "" }
        );
        let saved = self
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

impl StatusLine<'_> {
    /// The newest message (a new reveal's notice, or the last thing said) and, when the
    /// Flags column is missing or too narrow for them, the cursor row's flags (so they are always somewhere on screen).
    /// Returns the end.
    fn left_part(&self, layout: &GridLayout, buf: &mut Buffer, x0: u16, y: u16, end: u16) -> u16 {
        let theme = self.theme;
        let mut x = x0 + put(buf, x0, y, end.saturating_sub(x0), " ", theme.status);
        if self.status.unreachable {
            x += put(buf, x, y, end.saturating_sub(x), UNREACHABLE, theme.error);
            x += put(buf, x, y, end.saturating_sub(x), " ", theme.status);
        }
        // One message at a time: the newest. Revealing clears the last message, so the
        // notice shows until something newer is said.
        let notice;
        let message = match self.revealed {
            Some(name) if self.status.message.is_empty() => {
                notice = format!("confidential comments shown for {name} — hidden when you move");
                Some((notice.as_str(), theme.frozen))
            }
            _ => (!self.status.message.is_empty())
                .then_some((self.status.message.as_str(), theme.status)),
        };
        let said = message.is_some();
        if let Some((text, style)) = message {
            x += put(buf, x, y, end.saturating_sub(x), text, style);
        }
        let flags_w = layout
            .cols
            .iter()
            .find(|c| c.kind == ColKind::Flags)
            .map_or(0, |c| c.w as usize);
        if let Some(a) = self
            .cursor
            .filter(|a| marks::flags_width(&a.flags) > flags_w)
        {
            x = self.cursor_flags(a, buf, x, y, end, said);
        }
        x
    }

    /// The cursor row's flags after the message: major ones first, marked `!!`.
    fn cursor_flags(
        &self,
        a: &SchoolAssessment,
        buf: &mut Buffer,
        mut x: u16,
        y: u16,
        right: u16,
        after_message: bool,
    ) -> u16 {
        let theme = self.theme;
        for (n, f) in marks::flags_in_order(&a.flags).enumerate() {
            let sep = match (n, after_message) {
                (0, false) => "Flags: ",
                (0, true) => "  Flags: ",
                _ => " · ",
            };
            x += put(buf, x, y, right.saturating_sub(x), sep, theme.dim);
            let style = if f.level == FlagLevel::Major {
                x += put(
                    buf,
                    x,
                    y,
                    right.saturating_sub(x),
                    marks::MAJOR,
                    theme.flag_major,
                );
                x += put(buf, x, y, right.saturating_sub(x), " ", theme.status);
                theme.flag_major
            } else {
                theme.status
            };
            x += put(buf, x, y, right.saturating_sub(x), &f.text, style);
        }
        x
    }
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

pub struct HintsLine<'a> {
    pub mode: Mode,
    /// The filter as typed so far.
    pub filter_text: &'a str,
    pub keymap: &'a Keymap,
    pub theme: &'a Theme,
}

impl Widget for &HintsLine<'_> {
    fn render(self, area: Rect, buf: &mut Buffer) {
        if area.height == 0 || area.width == 0 {
            return;
        }
        let theme = self.theme;
        let (y, right) = (area.y, area.right());
        fill(buf, area.x, y, area.width, theme.hints);
        let mut x = area.x;
        if self.mode == Mode::Filter {
            x += put(buf, x, y, right - x, " / ", theme.hint_key);
            x += put(
                buf,
                x,
                y,
                right.saturating_sub(x),
                self.filter_text,
                theme.base,
            );
            x += put(buf, x, y, right.saturating_sub(x), "▏  ", theme.hint_key);
        } else {
            x += put(buf, x, y, right - x, " ", theme.hints);
        }
        // Most important first; whole hints only, and room is kept for the help key.
        let hints = self.keymap.hints(self.mode);
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
    theme: &Theme,
) -> u16 {
    x += put(buf, x, y, right.saturating_sub(x), key, theme.hint_key);
    x += put(buf, x, y, right.saturating_sub(x), " ", theme.hints);
    x += put(buf, x, y, right.saturating_sub(x), word, theme.hints);
    x + put(buf, x, y, right.saturating_sub(x), "  ", theme.hints)
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::tui::theme::{ColorDepth, ColorEnv};

    fn line(status: &Status) -> (String, Buffer, Theme) {
        drawn(status, None, 100)
    }

    /// The status line drawn `width` wide: its text, cells and theme.
    fn drawn(status: &Status, revealed: Option<&str>, width: u16) -> (String, Buffer, Theme) {
        let config = Config::load(None).unwrap();
        let env = ColorEnv {
            no_color: false,
            depth: ColorDepth::TrueColor,
        };
        let theme = Theme::new(
            None,
            config.scale.labels.len(),
            config.categories.len(),
            env,
        )
        .unwrap();
        let area = Rect::new(0, 0, width, 1);
        let mut buf = Buffer::empty(area);
        let widget = StatusLine {
            status,
            shown: 5,
            total: 5,
            filtered: false,
            cursor: None,
            revealed,
            config: &config,
            h_scroll: 0,
            theme: &theme,
        };
        (&widget).render(area, &mut buf);
        let text = (0..area.width).map(|x| buf[(x, 0)].symbol()).collect();
        (text, buf, theme)
    }

    #[test]
    fn an_unreachable_database_is_said_first_in_the_error_colour() {
        let status = Status {
            message: "updated from the database at 10:00:00".into(),
            unreachable: true,
            ..Status::default()
        };
        let (text, buf, theme) = line(&status);
        assert!(
            text.starts_with(&format!(" {UNREACHABLE} updated from the database")),
            "{text}"
        );
        assert_ne!(theme.error.bg, theme.status.bg, "the notice stands out");
        assert_eq!(buf[(1, 0)].style().bg, theme.error.bg);
        let (text, _, _) = line(&Status {
            unreachable: false,
            ..status
        });
        assert!(!text.contains("unreachable"), "{text}");
    }

    #[test]
    fn the_newest_message_alone() {
        let quiet = Status::default();
        let (line, _, _) = drawn(&quiet, Some("Brackenfold"), 160);
        assert!(
            line.contains("confidential comments shown for Brackenfold"),
            "{line}"
        );
        let said = Status {
            message: "2 schools shown".into(),
            ..Status::default()
        };
        let (line, _, _) = drawn(&said, Some("Brackenfold"), 160);
        assert!(line.contains("2 schools shown"), "{line}");
        assert!(!line.contains("hidden when you move"), "{line}");
    }
}
