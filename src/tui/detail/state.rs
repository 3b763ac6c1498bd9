//! The detail pane's state: which school, its scores with comments and indicators (read
//! from the store when the pane opens or the school changes, never per frame), the scroll
//! offset and whether the pane fills the screen; and the App's steps that drive it.

use super::DetailView;
use crate::actions::ActionItem;
use crate::model::{Score, Urn};
use crate::store::school::{order_by_teams, school_scores};
use crate::tui::app::App;
use crate::tui::layout;
use crate::tui::mode::Mode;

#[derive(Debug, Clone, Default, PartialEq)]
pub struct DetailState {
    pub urn: Urn,
    pub scores: Vec<Score>,
    /// The school's actions with their status (read with the scores).
    pub actions: Vec<ActionItem>,
    /// Rows scrolled off the top.
    pub scroll: u16,
    /// The pane takes the whole body (the grid is hidden).
    pub maximised: bool,
}

impl App {
    /// Open the pane on the school under the cursor.
    pub(crate) fn open_detail(&mut self) {
        let Some(urn) = self.selected_urn() else {
            self.screen.say("no school selected");
            return;
        };
        let maximised = self.screen.detail().is_some_and(|d| d.maximised);
        let scores = self.fetch_scores(urn);
        let actions = self.fetch_actions(urn);
        self.screen.open_detail(DetailState {
            urn,
            scores,
            actions,
            scroll: 0,
            maximised,
        });
    }

    /// Follow the cursor: when the selected school is not the one shown, fetch the new one.
    /// `force` re-reads even when it is the same (after a reload).
    pub(crate) fn sync_detail(&mut self, force: bool) {
        let Some(current) = self.screen.detail().map(|d| d.urn) else {
            return;
        };
        let Some(urn) = self.selected_urn() else {
            return;
        };
        if urn == current && !force {
            return;
        }
        let scores = self.fetch_scores(urn);
        let actions = self.fetch_actions(urn);
        if let Some(d) = self.screen.detail_mut() {
            if d.urn != urn {
                d.scroll = 0;
            }
            d.urn = urn;
            d.scores = scores;
            d.actions = actions;
        }
    }

    /// Scroll the help overlay or the detail pane, whichever has the keys.
    pub(crate) fn scroll(&mut self, delta: i32) {
        if self.screen.mode() == Mode::Help {
            let max = crate::tui::help::max_scroll(self.screen.keymap(), self.screen.area());
            self.screen.scroll_help(delta, max);
        } else {
            self.scroll_detail(delta);
        }
    }

    /// Scroll by `delta` rows, clamped to the content for the current screen size.
    pub(crate) fn scroll_detail(&mut self, delta: i32) {
        let area = layout::areas(&self.layout_needs(), self.screen.area()).detail;
        let max = self.detail_view().map_or(0, |v| v.max_scroll(area));
        if let Some(d) = self.screen.detail_mut() {
            let next = (d.scroll as i32 + delta).clamp(0, max as i32);
            d.scroll = next as u16;
        }
    }

    /// Rows a page scroll moves: the pane's (or the help's) inner height less one.
    pub(crate) fn detail_page(&self) -> i32 {
        let area = match self.screen.mode() {
            Mode::Help => self.screen.area(),
            _ => layout::areas(&self.layout_needs(), self.screen.area()).detail,
        };
        (area.height as i32 - 3).max(1)
    }

    /// The detail pane's view of the open school, borrowing the App.
    pub fn detail_view(&self) -> Option<DetailView<'_>> {
        let d = self.screen.detail()?;
        let data = self.loaded.data();
        let school = data.school_index(d.urn)?;
        Some(DetailView {
            config: self.loaded.config(),
            compiled: self.loaded.compiled(),
            dataset: data,
            school,
            term: self.loaded.term(),
            term_idx: self.loaded.term_idx(),
            assessment: self.loaded.assessment().schools.get(school),
            scores: &d.scores,
            actions: &d.actions,
            today: self.today(),
            departures: self.session.departures(),
            meeting_id: self.session.meeting_id(),
            theme: self.screen.theme(),
            scroll: d.scroll,
            reveal: self.screen.reveal().shows(Some(d.urn)),
        })
    }

    fn fetch_actions(&mut self, urn: Urn) -> Vec<ActionItem> {
        let Some(store) = self.session.store() else {
            return Vec::new();
        };
        match store.actions_for_school(urn) {
            Ok(actions) => actions,
            Err(e) => {
                self.screen
                    .fail(format!("cannot read the school's actions: {e}"));
                Vec::new()
            }
        }
    }

    fn fetch_scores(&mut self, urn: Urn) -> Vec<Score> {
        let Some(store) = self.session.store() else {
            return Vec::new();
        };
        match school_scores(store, urn) {
            Ok(mut scores) => {
                order_by_teams(&mut scores, &self.loaded.data().teams);
                scores
            }
            Err(e) => {
                self.screen
                    .fail(format!("cannot read the school's scores: {e}"));
                Vec::new()
            }
        }
    }
}
