//! The top line: term, meeting and chair, agenda progress, decisions and LaMA capacity.

use super::app::App;
use super::cells::{fill, put};
use ratatui::buffer::Buffer;
use ratatui::layout::Rect;
use ratatui::widgets::Widget;

pub struct HeaderLine<'a> {
    pub app: &'a App,
}

impl HeaderLine<'_> {
    /// Left part: `termly · 2025-26 Autumn · chair S. Okafor`.
    pub fn left(app: &App) -> String {
        let mut s = format!(" termly · {}", app.term);
        if let Some(m) = &app.meeting {
            if !m.chair.is_empty() {
                s.push_str(" · chair ");
                s.push_str(&m.chair);
            }
        }
        s
    }

    /// Right part: `agenda 9/23 · 14 decided · LaMA 412/450 h`.
    pub fn right(app: &App) -> String {
        let (decided, total, recorded) = app.progress();
        let mut s = if app.meeting.as_ref().is_some_and(|m| m.id.is_some()) {
            format!("agenda {decided}/{total} · {recorded} decided")
        } else {
            format!("agenda {total}")
        };
        let c = &app.capacity;
        s.push_str(&format!(
            " · LaMA {:.0}/{:.0} h ",
            c.lama_hours_term, c.lama_capacity_term
        ));
        s
    }
}

impl Widget for &HeaderLine<'_> {
    fn render(self, area: Rect, buf: &mut Buffer) {
        if area.height == 0 || area.width == 0 {
            return;
        }
        let app = self.app;
        let theme = &app.theme;
        fill(buf, area.x, area.y, area.width, theme.header);
        let left = HeaderLine::left(app);
        let mut x = area.x + put(buf, area.x, area.y, area.width, &left, theme.header);
        if app.frozen {
            let label = if app.stale {
                " FROZEN (changes waiting) "
            } else {
                " FROZEN "
            };
            x += 1;
            if x < area.right() {
                x += put(buf, x, area.y, area.right() - x, label, theme.frozen);
            }
        }
        let right = HeaderLine::right(app);
        let rw = right.chars().count() as u16;
        let over = app.capacity.lama_capacity_term > 0.0
            && app.capacity.lama_hours_term > app.capacity.lama_capacity_term;
        let style = if over { theme.error } else { theme.header };
        if x + 1 + rw <= area.right() {
            put(buf, area.right() - rw, area.y, rw, &right, style);
        }
    }
}
