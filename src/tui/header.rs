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
    /// Left part: `termly · 2025-26 Autumn · meeting #3 · chair S. Okafor`.
    pub fn left(app: &App) -> String {
        HeaderLine::left_with(app, false)
    }

    /// Right part: `agenda 9/23 · 14 decided · LaMA 412/450 h`.
    pub fn right(app: &App) -> String {
        HeaderLine::right_with(app, false)
    }

    /// `compact` drops the words a narrow screen cannot afford (`2025-26 Autumn · #3 S. Okafor`).
    fn left_with(app: &App, compact: bool) -> String {
        let mut s = if compact {
            format!(" {}", app.term)
        } else {
            format!(" termly · {}", app.term)
        };
        if let Some(id) = app.meeting_id() {
            s.push_str(&if compact {
                format!(" · #{id}")
            } else {
                format!(" · meeting #{id}")
            });
        }
        if let Some(m) = &app.meeting {
            if !m.chair.is_empty() {
                s.push_str(if compact { " " } else { " · chair " });
                s.push_str(&m.chair);
            }
        }
        s
    }

    fn right_with(app: &App, compact: bool) -> String {
        let (decided, total, recorded) = app.progress();
        let read_only = app.store().is_some_and(|s| s.is_read_only());
        let mut s = match (app.meeting_id().is_some(), compact) {
            (true, false) => format!("agenda {decided}/{total} · {recorded} decided"),
            (true, true) => format!("{decided}/{total} · {recorded} dec"),
            (false, _) => format!("agenda {total}"),
        };
        if read_only {
            s.push_str(" · view only");
        }
        let c = &app.capacity;
        let sep = if compact { "" } else { " " };
        s.push_str(&format!(
            " · LaMA {:.0}/{:.0}{sep}h ",
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
        let fits =
            |l: &str, r: &str| (l.chars().count() + r.chars().count() + 1) as u16 <= area.width;
        let (mut left, mut right) = (HeaderLine::left(app), HeaderLine::right(app));
        if !fits(&left, &right) {
            left = HeaderLine::left_with(app, true);
        }
        if !fits(&left, &right) {
            right = HeaderLine::right_with(app, true);
        }
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
        let rw = right.chars().count() as u16;
        let over = app.capacity.lama_capacity_term > 0.0
            && app.capacity.lama_hours_term > app.capacity.lama_capacity_term;
        let style = if over { theme.error } else { theme.header };
        if x + 1 + rw <= area.right() {
            put(buf, area.right() - rw, area.y, rw, &right, style);
        }
    }
}
