//! The status line (last action, last save, any error) and the key-hints line, which is
//! generated from the keymap; in filter mode it shows what is being typed.

use super::app::App;
use super::cells::{fill, put};
use super::mode::Mode;
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
        let mut x = x0 + put(buf, x0, y, area.width, " ", theme.status);
        x += put(buf, x, y, right - x, &app.status.message, theme.status);
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
        let tail = format!("{saved}{shown}");
        let tw = tail.chars().count() as u16;
        if x + 2 + tw <= right {
            put(buf, right - tw, y, tw, &tail, theme.dim);
        }
    }
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
        for (key, word) in app.keymap.hints(app.mode) {
            if x + 2 >= right {
                break;
            }
            x += put(buf, x, y, right - x, &key, theme.hint_key);
            x += put(buf, x, y, right.saturating_sub(x), " ", theme.hints);
            x += put(buf, x, y, right.saturating_sub(x), word, theme.hints);
            x += put(buf, x, y, right.saturating_sub(x), "  ", theme.hints);
        }
    }
}
