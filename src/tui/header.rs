//! The top line: term, meeting and chair, agenda progress, decisions and LaMA capacity.

use super::cells::{fill, put};
use super::session::MeetingInfo;
use super::theme::Theme;
use crate::policy::Capacity;
use crate::term::Term;
use ratatui::buffer::Buffer;
use ratatui::layout::Rect;
use ratatui::widgets::Widget;

pub struct HeaderLine<'a> {
    pub term: Term,
    pub meeting: Option<&'a MeetingInfo>,
    /// Decided agenda schools, agenda size, standing decisions.
    pub progress: (usize, usize, usize),
    pub read_only: bool,
    pub capacity: &'a Capacity,
    pub frozen: bool,
    pub stale: bool,
    pub theme: &'a Theme,
}

impl HeaderLine<'_> {
    /// Left part: `termly · 2025-26 Autumn · meeting #3 · chair S. Okafor`.
    pub fn left(&self) -> String {
        self.left_with(false)
    }

    /// Right part: `agenda 9/23 · 14 decided · LaMA 412/450 h`.
    pub fn right(&self) -> String {
        self.right_with(false)
    }

    /// `compact` drops the words a narrow screen cannot afford (`2025-26 Autumn · #3 S. Okafor`).
    fn left_with(&self, compact: bool) -> String {
        let meeting_id = self.meeting.and_then(|m| m.id);
        let mut s = if compact {
            format!(" {}", self.term)
        } else {
            format!(" termly · {}", self.term)
        };
        if let Some(id) = meeting_id {
            s.push_str(&if compact {
                format!(" · #{id}")
            } else {
                format!(" · meeting #{id}")
            });
        }
        if let Some(m) = self.meeting {
            if !m.chair.is_empty() {
                s.push_str(if compact { " " } else { " · chair " });
                s.push_str(&m.chair);
            }
        }
        s
    }

    fn right_with(&self, compact: bool) -> String {
        let (decided, total, recorded) = self.progress;
        let read_only = self.read_only;
        let mut s = match (self.meeting.and_then(|m| m.id).is_some(), compact) {
            (true, false) => format!("agenda {decided}/{total} · {recorded} decided"),
            (true, true) => format!("{decided}/{total} · {recorded} dec"),
            (false, _) => format!("agenda {total}"),
        };
        if read_only {
            s.push_str(" · view only");
        }
        let c = self.capacity;
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
        let theme = self.theme;
        fill(buf, area.x, area.y, area.width, theme.header);
        let fits =
            |l: &str, r: &str| (l.chars().count() + r.chars().count() + 1) as u16 <= area.width;
        let (mut left, mut right) = (self.left(), self.right());
        if !fits(&left, &right) {
            left = self.left_with(true);
        }
        if !fits(&left, &right) {
            right = self.right_with(true);
        }
        let mut x = area.x + put(buf, area.x, area.y, area.width, &left, theme.header);
        if self.frozen {
            let label = if self.stale {
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
        let over = self.capacity.lama_capacity_term > 0.0
            && self.capacity.lama_hours_term > self.capacity.lama_capacity_term;
        let style = if over { theme.error } else { theme.header };
        if x + 1 + rw <= area.right() {
            put(buf, area.right() - rw, area.y, rw, &right, style);
        }
    }
}
