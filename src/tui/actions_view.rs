//! The actions list, drawn over the grid's place: a heading with the counts, one row per
//! action (overdue ones say so in words and in the error colour), and in matters arising
//! the outcome of each and the deferred schools coming back for decision.

use super::actions_pane::ActionsPane;
use super::cells::{fill, put};
use super::theme::Theme;
use crate::actions::matters::{Deferral, MattersArising, Outcome};
use crate::actions::report::{due_date, status_words};
use crate::actions::ActionItem;
use crate::model::sanitize_text;
use chrono::NaiveDate;
use ratatui::buffer::Buffer;
use ratatui::layout::Rect;
use ratatui::style::Style;
use ratatui::widgets::Widget;

pub struct ActionsView<'a> {
    pub theme: &'a Theme,
    pub today: NaiveDate,
    pub pane: &'a ActionsPane,
}

/// The columns' headings; the last, the action, takes whatever room the others leave.
const HEADINGS: [&str; 6] = ["#", "Status", "Due", "Owner", "School", "Action"];
/// The action's text keeps at least this much room while the others shrink to make it.
const ACTION_MIN: u16 = 24;

/// Widths (with a column's gap) of the columns before the action, each sized to its widest
/// text in `rows`. When they do not all fit beside the action, the widest column gives up
/// room first, a column at a time, down to its heading's width: short columns stay whole.
fn column_widths(rows: &[[String; 6]], width: u16) -> [u16; 5] {
    let mut widths = [0u16; 5];
    for (i, w) in widths.iter_mut().enumerate() {
        let widest = rows
            .iter()
            .map(|r| r[i].chars().count())
            .chain([HEADINGS[i].chars().count()])
            .max()
            .unwrap_or(0);
        *w = widest as u16 + 2;
    }
    let room = width.saturating_sub(ACTION_MIN);
    while widths.iter().sum::<u16>() > room {
        let (i, &w) = widths
            .iter()
            .enumerate()
            .max_by_key(|&(_, w)| *w)
            .expect("five columns");
        if w <= HEADINGS[i].chars().count() as u16 + 2 {
            break;
        }
        widths[i] -= 1;
    }
    widths
}

impl ActionsView<'_> {
    fn heading(&self) -> String {
        // Every count from the list as it is now: marking an action moves them at once.
        let overdue = self.pane.overdue(self.today);
        match &self.pane.matters {
            Some((meeting, m)) => format!(
                "Matters arising · meeting #{meeting}{} · {} action(s), {} to review, {overdue} overdue · {} deferred school(s) on the agenda",
                m.previous_meeting
                    .map(|p| format!(" (from meeting #{p} and before)"))
                    .unwrap_or_default(),
                self.pane.items.len(),
                self.pane.pending(),
                m.deferred.len()
            ),
            None => format!(
                "Open actions · {} · {overdue} overdue",
                self.pane.items.len()
            ),
        }
    }

    /// The status words of a row: the outcome in matters arising, else the status.
    fn status(&self, a: &ActionItem) -> String {
        let today = self.today;
        match &self.pane.matters {
            Some((meeting, _)) => match MattersArising::outcome(a, *meeting) {
                Outcome::Pending if a.is_overdue(today) => a.due_words(today),
                Outcome::Pending => "to review".into(),
                done => format!("{}{}", done.label(), note(a)),
            },
            None => status_words(a, today),
        }
    }

    fn row_style(&self, a: &ActionItem, selected: bool) -> (Style, Style) {
        let theme = self.theme;
        let base = if selected { theme.cursor } else { theme.base };
        let pending = match &self.pane.matters {
            Some((meeting, _)) => MattersArising::outcome(a, *meeting) == Outcome::Pending,
            None => true,
        };
        let status = if pending && a.is_overdue(self.today) {
            theme.error
        } else if !pending {
            theme.dim
        } else {
            base
        };
        (base, status)
    }

    /// One row of the list in `row` (one line high), each cell cut to its column.
    fn draw_row(
        &self,
        buf: &mut Buffer,
        row: Rect,
        cells: &[String; 6],
        widths: [u16; 5],
        styles: (Style, Style),
        mark: &str,
    ) {
        let (base, status) = styles;
        let (area, y) = (row, row.y);
        fill(buf, area.x, y, area.width, base);
        let mut x = area.x;
        let [num, st, due, owner, school] = widths;
        let widths = [num, st, due, owner, school, area.width];
        for (i, (text, w)) in cells.iter().zip(widths).enumerate() {
            let w = w.min(area.right().saturating_sub(x));
            let shown = if i == 0 {
                format!("{mark}{text}")
            } else {
                text.to_string()
            };
            put(
                buf,
                x,
                y,
                w.saturating_sub(1),
                &shown,
                if i == 1 { status } else { base },
            );
            x = x.saturating_add(w);
            if x >= area.right() {
                break;
            }
        }
    }

    /// Up to `rows` actions from row `y`, scrolled to keep the cursor in view; returns the
    /// row after the last one drawn.
    /// Every action's cells, in the columns' order (the widths are sized from all of them,
    /// so they hold still while the list scrolls).
    fn cells(&self) -> Vec<[String; 6]> {
        self.pane
            .items
            .iter()
            .map(|a| {
                [
                    format!("#{}", a.id),
                    self.status(a),
                    due_date(a),
                    sanitize_text(&a.owner, false),
                    sanitize_text(&a.school, false),
                    // Bounded: a 10 MB action text is not laid out in full (issue 24).
                    sanitize_text(&crate::text::bounded(&a.text), false),
                ]
            })
            .collect()
    }

    fn draw_list(
        &self,
        buf: &mut Buffer,
        area: Rect,
        mut y: u16,
        rows: usize,
        cells: &[[String; 6]],
        widths: [u16; 5],
    ) -> u16 {
        let first = self.pane.cursor.saturating_sub(rows.saturating_sub(1));
        if self.pane.items.is_empty() {
            put(
                buf,
                area.x + 1,
                y,
                area.width - 1,
                "no actions",
                self.theme.dim,
            );
            y += 1;
        }
        for (i, a) in self.pane.items.iter().enumerate().skip(first).take(rows) {
            let selected = i == self.pane.cursor;
            let mark = if selected {
                self.theme.cursor_mark
            } else {
                " "
            };
            self.draw_row(
                buf,
                Rect::new(area.x, y, area.width, 1),
                &cells[i],
                widths,
                self.row_style(a, selected),
                mark,
            );
            y += 1;
        }
        y
    }

    /// The deferred schools coming back for decision, from row `y` to the bottom; one past
    /// its revisit date is in the error colour.
    fn draw_deferred(&self, buf: &mut Buffer, area: Rect, mut y: u16, deferred: &[Deferral]) {
        let theme = self.theme;
        if y < area.bottom() && !deferred.is_empty() {
            put(
                buf,
                area.x,
                y,
                area.width,
                "Deferred schools, on this agenda for decision",
                theme.header,
            );
            y += 1;
        }
        for d in deferred {
            if y >= area.bottom() {
                break;
            }
            let by = d
                .revisit_by
                .map(|r| format!("revisit by {}", r.format("%-d %b %Y")))
                .unwrap_or_else(|| "no revisit date".into());
            let line = format!(
                "  {} ({})  {by}  deferred at meeting #{}: {}",
                sanitize_text(&d.school, false),
                d.urn,
                d.meeting_id,
                sanitize_text(&d.rationale, false)
            );
            let style = if d.revisit_by.is_some_and(|r| r < self.today) {
                theme.error
            } else {
                theme.base
            };
            put(buf, area.x, y, area.width, &line, style);
            y += 1;
        }
    }
}

fn note(a: &ActionItem) -> String {
    if a.note.is_empty() {
        String::new()
    } else {
        format!(": {}", sanitize_text(&a.note, false))
    }
}

impl Widget for &ActionsView<'_> {
    fn render(self, area: Rect, buf: &mut Buffer) {
        if area.height == 0 || area.width == 0 {
            return;
        }
        let theme = self.theme;
        for y in area.top()..area.bottom() {
            fill(buf, area.x, y, area.width, theme.base);
        }
        put(
            buf,
            area.x,
            area.y,
            area.width,
            &self.heading(),
            theme.header,
        );
        let mut y = area.y + 1;
        if y >= area.bottom() {
            return;
        }
        let cells = self.cells();
        let widths = column_widths(&cells, area.width);
        self.draw_row(
            buf,
            Rect::new(area.x, y, area.width, 1),
            &HEADINGS.map(String::from),
            widths,
            (theme.column_header, theme.column_header),
            " ",
        );
        y += 1;
        let deferred_rows = self
            .pane
            .matters
            .as_ref()
            .map_or(0, |(_, m)| m.deferred.len() as u16 + 2);
        let list_rows = area
            .bottom()
            .saturating_sub(y)
            .saturating_sub(deferred_rows.min(area.height / 3)) as usize;
        y = self.draw_list(buf, area, y, list_rows, &cells, widths);
        if let Some((_, m)) = &self.pane.matters {
            self.draw_deferred(buf, area, y + 1, &m.deferred);
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn row(owner: &str, school: &str) -> [String; 6] {
        [
            "#1".into(),
            "open".into(),
            "29 Jan 2027".into(),
            owner.into(),
            school.into(),
            "Ask for the plan".into(),
        ]
    }

    #[test]
    fn columns_fit_their_content_and_the_widest_gives_way_first() {
        let rows = [row(
            "R. Singh (Finance and Resources)",
            "Brackenfold Primary",
        )];
        // Room for everything: each column is its widest text and a gap.
        let wide = column_widths(&rows, 160);
        assert_eq!(wide, [4, 8, 13, 34, 21]);
        // Short of room: the owner, the widest, shrinks; the short columns stay whole.
        let narrow = column_widths(&rows, 100);
        assert_eq!(&narrow[..3], &wide[..3]);
        assert_eq!(narrow[4], wide[4]);
        assert!(narrow[3] < wide[3]);
        assert!(narrow.iter().sum::<u16>() + ACTION_MIN <= 100);
        // Never below a column's heading.
        let tiny = column_widths(&rows, 10);
        assert!(tiny
            .iter()
            .zip(HEADINGS)
            .all(|(w, h)| *w >= h.chars().count() as u16 + 2));
    }
}
