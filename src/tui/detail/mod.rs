//! The detail pane: everything the meeting needs about one school, drawn from borrowed,
//! read-only data. Register, this term's scores with comments and indicators, trends over
//! every term, the inspection, the category and time in it, the policy's suggestion with
//! every reason, and decisions. It leads with what the chair needs: the suggestion and its
//! reasons, this term's scores, this meeting's decisions. It scrolls when it does not fit.
//!
//! The seam with the App: keep a `scroll: u16` in the App; build a [`DetailView`] each frame
//! and render it; after a scroll key clamp with [`DetailView::max_scroll`] for the pane's
//! area (rendering clamps too, so a stale offset after a resize is harmless).

mod sections;
mod standing;
mod state;

pub use crate::tui::wrap::wrap_line;
pub use state::DetailState;

use crate::config::Config;
use crate::dataset::Dataset;
use crate::model::Score;
use crate::policy::Compiled;
use crate::policy::SchoolAssessment;
use crate::tui::theme::Theme;
use ratatui::buffer::Buffer;
use ratatui::layout::Rect;
use ratatui::text::{Line, Span};
use ratatui::widgets::{Block, Widget};

/// The detail pane for one school.
#[derive(Clone, Copy)]
pub struct DetailView<'a> {
    pub config: &'a Config,
    /// The policy compiled once (its banding turns indicators into scores for Trends).
    pub compiled: &'a Compiled,
    pub dataset: &'a Dataset,
    /// Index into `dataset.schools`.
    pub school: usize,
    /// The term on screen, whose category and capacity are shown.
    pub term: crate::term::Term,
    /// The assessed term: index into `dataset.terms` (None when no scores are held).
    pub term_idx: Option<usize>,
    /// The policy's view of this school in that term (`TermAssessment::schools[school]`).
    pub assessment: Option<&'a SchoolAssessment>,
    /// The school's scores with comments and indicators (`store::school::school_scores`);
    /// any order, any terms.
    pub scores: &'a [Score],
    /// The school's actions, and today, so an overdue one says so.
    pub actions: &'a [crate::actions::ActionItem],
    pub today: chrono::NaiveDate,
    /// Decisions of the open meeting that depart from the policy: (decision id, how).
    pub departures: &'a [(i64, String)],
    /// The open meeting, whose decisions are shown apart from earlier ones.
    pub meeting_id: Option<i64>,
    pub theme: &'a Theme,
    /// Rows scrolled off the top.
    pub scroll: u16,
    /// Show confidential comments and indicators (`[confidential]` in the config) instead
    /// of the "press R" placeholder.
    pub reveal: bool,
}

impl<'a> DetailView<'a> {
    /// The pane's rows at a content width, wrapped.
    pub fn lines(&self, width: u16) -> Vec<Line<'static>> {
        if self.school >= self.dataset.schools.len() {
            return vec![Line::from(Span::styled(
                "No school selected",
                self.theme.dim,
            ))];
        }
        let blank = || (Line::default(), 0);
        // What the chair needs first: the suggestion and its reasons, this term's scores
        // with comments, this meeting's decisions; then the rest.
        let mut rows = self.suggestion();
        rows.push(blank());
        rows.extend(self.this_term());
        let meeting = self.meeting_decisions();
        if !meeting.is_empty() {
            rows.push(blank());
            rows.extend(meeting);
        }
        rows.push(blank());
        rows.extend(self.register());
        rows.push(blank());
        rows.extend(self.trends(width));
        rows.push(blank());
        rows.extend(self.inspection());
        rows.push(blank());
        rows.extend(self.category());
        rows.push(blank());
        rows.extend(self.earlier_decisions());
        rows.into_iter()
            .flat_map(|(line, hang)| wrap_line(line, width as usize, hang))
            .collect()
    }

    /// Rows of content at a content width.
    pub fn content_height(&self, width: u16) -> usize {
        self.lines(width).len()
    }

    /// The largest useful scroll offset when drawn in `area` (borders included).
    pub fn max_scroll(&self, area: Rect) -> u16 {
        let inner = Block::bordered().inner(area);
        let total = self.content_height(inner.width.max(1));
        total
            .saturating_sub(inner.height as usize)
            .min(u16::MAX as usize) as u16
    }

    fn title(&self) -> String {
        match self.dataset.schools.get(self.school) {
            Some(s) => format!(" {} (URN {}) ", crate::text::bounded(&s.name), s.urn),
            None => " Detail ".into(),
        }
    }
}

impl Widget for DetailView<'_> {
    fn render(self, area: Rect, buf: &mut Buffer) {
        if area.width == 0 || area.height == 0 {
            return;
        }
        let block = Block::bordered()
            .border_style(self.theme.dim)
            .title(Line::from(Span::styled(self.title(), self.theme.header)))
            .style(self.theme.base);
        let inner = block.inner(area);
        let lines = if inner.width > 0 {
            self.lines(inner.width)
        } else {
            Vec::new()
        };
        let height = inner.height as usize;
        let max = lines.len().saturating_sub(height);
        let top = (self.scroll as usize).min(max);
        let block = if lines.len() > height {
            let end = (top + height).min(lines.len());
            block.title_bottom(
                Line::from(Span::styled(
                    format!(
                        " {}{}–{} of {} ",
                        if top > 0 { "↑ " } else { "" },
                        top + 1,
                        end,
                        lines.len()
                    ) + if end < lines.len() { "↓ " } else { "" },
                    self.theme.hints,
                ))
                .right_aligned(),
            )
        } else {
            block
        };
        block.render(area, buf);
        for (i, line) in lines.iter().skip(top).take(height).enumerate() {
            line.render(Rect::new(inner.x, inner.y + i as u16, inner.width, 1), buf);
        }
    }
}
