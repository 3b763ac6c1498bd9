//! The detail pane's state in the App: which school, its scores with comments and
//! indicators (read from the store when the pane opens or the school changes, never per
//! frame), the scroll offset and whether the pane fills the screen.

use super::app::App;
use super::detail::DetailView;
use super::mode::Mode;
use crate::model::{Score, Urn};
use crate::store::school::{order_by_teams, school_scores};

#[derive(Debug, Clone, Default, PartialEq)]
pub struct DetailState {
    pub urn: Urn,
    pub scores: Vec<Score>,
    /// Rows scrolled off the top.
    pub scroll: u16,
    /// The pane takes the whole body (the grid is hidden).
    pub maximised: bool,
}

impl App {
    /// Open the pane on the school under the cursor.
    pub(crate) fn open_detail(&mut self) {
        let Some(urn) = self.selected_urn() else {
            self.status.message = "no school selected".into();
            return;
        };
        let maximised = self.detail.as_ref().is_some_and(|d| d.maximised);
        self.detail = Some(DetailState {
            urn,
            scores: self.fetch_scores(urn),
            scroll: 0,
            maximised,
        });
        self.mode = Mode::Detail;
    }

    pub(crate) fn close_detail(&mut self) {
        self.detail = None;
        self.mode = Mode::Grid;
    }

    /// Follow the cursor: when the selected school is not the one shown, fetch the new one.
    /// `force` re-reads even when it is the same (after a reload).
    pub(crate) fn sync_detail(&mut self, force: bool) {
        let Some(current) = self.detail.as_ref().map(|d| d.urn) else {
            return;
        };
        let Some(urn) = self.selected_urn() else {
            return;
        };
        if urn == current && !force {
            return;
        }
        let scores = self.fetch_scores(urn);
        if let Some(d) = self.detail.as_mut() {
            if d.urn != urn {
                d.scroll = 0;
            }
            d.urn = urn;
            d.scores = scores;
        }
    }

    /// Scroll the help overlay or the detail pane, whichever has the keys.
    pub(crate) fn scroll(&mut self, delta: i32) {
        if self.mode == Mode::Help {
            let max = super::help::max_scroll(self, self.screen) as i32;
            self.help_scroll = (self.help_scroll as i32 + delta).clamp(0, max) as u16;
        } else {
            self.scroll_detail(delta);
        }
    }

    /// Scroll by `delta` rows, clamped to the content for the current screen size.
    pub(crate) fn scroll_detail(&mut self, delta: i32) {
        let area = super::ui::areas(self, self.screen).detail;
        let max = self.detail_view().map_or(0, |v| v.max_scroll(area));
        if let Some(d) = self.detail.as_mut() {
            let next = (d.scroll as i32 + delta).clamp(0, max as i32);
            d.scroll = next as u16;
        }
    }

    /// Rows a page scroll moves: the pane's (or the help's) inner height less one.
    pub(crate) fn detail_page(&self) -> i32 {
        let area = match self.mode {
            Mode::Help => self.screen,
            _ => super::ui::areas(self, self.screen).detail,
        };
        (area.height as i32 - 3).max(1)
    }

    /// The widget for the open pane, borrowing the App.
    pub fn detail_view(&self) -> Option<DetailView<'_>> {
        let d = self.detail.as_ref()?;
        let school = self.data.school_index(d.urn)?;
        Some(DetailView {
            config: &self.config,
            dataset: &self.data,
            school,
            term_idx: self.term_idx,
            assessment: self.assessment.schools.get(school),
            scores: &d.scores,
            theme: &self.theme,
            scroll: d.scroll,
            reveal: self.reveal.shows(Some(d.urn)),
        })
    }

    fn fetch_scores(&mut self, urn: Urn) -> Vec<Score> {
        let Some(store) = &self.store else {
            return Vec::new();
        };
        match school_scores(store, urn) {
            Ok(mut scores) => {
                order_by_teams(&mut scores, &self.data.teams);
                scores
            }
            Err(e) => {
                self.status.error = Some(format!("cannot read the school's scores: {e}"));
                Vec::new()
            }
        }
    }
}
