//! The top line: term, meeting and chair, where the meeting is, items done, and every
//! configured capacity.

use super::cells::{fill, put};
use super::session::MeetingInfo;
use super::theme::Theme;
use crate::policy::Budget;
use crate::term::Term;
use ratatui::buffer::Buffer;
use ratatui::layout::Rect;
use ratatui::widgets::Widget;

pub struct HeaderLine<'a> {
    pub term: Term,
    pub meeting: Option<&'a MeetingInfo>,
    /// The current item's number, items on the agenda, items done.
    pub progress: (Option<usize>, usize, usize),
    pub read_only: bool,
    /// Every capacity the configuration defines, used against available.
    pub budgets: Vec<Budget>,
    /// Items for decision left, the minutes they need, the minutes the meeting has.
    pub time: (usize, u32, u32),
    pub frozen: bool,
    pub stale: bool,
    pub theme: &'a Theme,
}

impl HeaderLine<'_> {
    /// Left part: `termly · 2025-26 Autumn · meeting #3 · chair S. Okafor`.
    pub fn left(&self) -> String {
        self.left_at(0)
    }

    /// Right part: `item 9 of 23 · 14 decided · LaMA 412/450 h · reviews 29/30`: where the
    /// meeting is, apart from how many items are done, and every capacity against available.
    pub fn right(&self) -> String {
        self.right_at(0)
    }

    /// `level` 1 drops the app's name; 2 the words a narrow screen cannot afford
    /// (`2025-26 Autumn · #3 S. Okafor`).
    fn left_at(&self, level: u8) -> String {
        let compact = level >= 2;
        let meeting_id = self.meeting.and_then(|m| m.id);
        let mut s = if level >= 1 {
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

    /// `level` 0 says it in full; 1 shortens the time and capacities; 2 shortens every
    /// word; 3 also drops the time budget; 4 keeps only the first capacity (LaMA hours),
    /// for the narrowest screens.
    fn right_at(&self, level: u8) -> String {
        let compact = level >= 2;
        let short = level >= 1;
        let (item, total, done) = self.progress;
        let read_only = self.read_only;
        let mut s = match (self.meeting.and_then(|m| m.id).is_some(), item, compact) {
            (true, Some(item), false) => format!("item {item} of {total} · {done} decided"),
            (true, Some(item), true) => format!("{item}/{total} · {done} dec"),
            (true, None, false) => format!("{total} items · {done} decided"),
            (true, None, true) => format!("{total} items · {done} dec"),
            (false, _, _) => format!("agenda {total}"),
        };
        let (left, need, have) = self.time;
        if level < 3 {
            s.push_str(&match (compact, short) {
                (true, _) => format!(" · {need}/{have}m"),
                (false, true) => format!(" · ≈{need}/{have} min"),
                (false, false) => format!(" · {left} to decide ≈ {need}/{have} min"),
            });
        }
        if read_only {
            s.push_str(" · view only");
        }
        let shown = if level >= 4 { 1 } else { self.budgets.len() };
        for b in self.budgets.iter().take(shown) {
            let unit = match (b.short, short) {
                ("LaMA", false) => " h",
                ("LaMA", true) => "h",
                _ => "",
            };
            let name = if short && b.short == "reviews" {
                "rev"
            } else {
                b.short
            };
            let mark = if b.over() { "▲" } else { "" };
            s.push_str(&format!(
                " · {name} {mark}{:.0}/{:.0}{unit}",
                b.after, b.available
            ));
        }
        s.push(' ');
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
        // Shorten step by step until both parts fit: the app's name goes first, then the
        // time and capacity words, then everything shortens.
        const STEPS: [(u8, u8); 7] = [(0, 0), (1, 0), (1, 1), (2, 1), (2, 2), (2, 3), (2, 4)];
        let (mut left, mut right) = (self.left(), self.right());
        for (l, r) in STEPS {
            left = self.left_at(l);
            right = self.right_at(r);
            if fits(&left, &right) {
                break;
            }
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
        let over = self.budgets.iter().any(|b| b.available > 0.0 && b.over());
        let style = if over { theme.error } else { theme.header };
        if x + 1 + rw <= area.right() {
            put(buf, area.right() - rw, area.y, rw, &right, style);
        }
    }
}
