//! What the screen shows and where: the mode, the cursor and scroll positions, the status
//! line, the open detail pane or popup, the keymap and the theme. Nothing here knows the
//! data or the meeting; cursor moves take the grid's rows as they are.

use super::actions_pane::ActionsPane;
use super::detail::DetailState;
use super::keymap::Keymap;
use super::mode::Mode;
use super::popup::Popup;
use super::reveal::Reveal;
use super::theme::Theme;
use super::view::Row;
use ratatui::layout::Rect;

/// The status line's content.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Status {
    /// What happened last.
    pub message: String,
    /// What was last saved, and when.
    pub saved: Option<String>,
    /// A failure; stays until a key acknowledges it.
    pub error: Option<String>,
    /// The database cannot be reached just now (termly keeps trying).
    pub unreachable: bool,
}

pub struct ScreenState {
    mode: Mode,
    keymap: Keymap,
    theme: Theme,
    status: Status,
    /// Index into the grid's rows; always a school row when there is one.
    cursor: usize,
    /// First body row shown; kept so the cursor stays in view as it moves.
    top: usize,
    /// Body rows that fit on screen.
    page: usize,
    /// First team column shown when they do not all fit.
    h_scroll: usize,
    /// Live updates frozen, and whether another process wrote meanwhile.
    frozen: bool,
    stale: bool,
    /// The grid fills the screen (no legend or hints).
    maximised: bool,
    detail: Option<DetailState>,
    /// The actions list or matters arising, while open.
    actions: Option<ActionsPane>,
    /// A decision form or prompt, while open: it gets every key.
    popup: Option<Popup>,
    /// Help rows scrolled off the top.
    help_scroll: u16,
    /// Confidential comments on show for the school under the cursor.
    reveal: Reveal,
    /// The whole screen as last drawn.
    area: Rect,
    quit: bool,
}

impl ScreenState {
    pub fn new(keymap: Keymap, theme: Theme) -> ScreenState {
        ScreenState {
            mode: Mode::Grid,
            keymap,
            theme,
            status: Status::default(),
            cursor: 0,
            top: 0,
            page: 20,
            h_scroll: 0,
            frozen: false,
            stale: false,
            maximised: false,
            detail: None,
            actions: None,
            popup: None,
            help_scroll: 0,
            reveal: Reveal::default(),
            area: Rect::new(0, 0, 80, 24),
            quit: false,
        }
    }

    pub fn mode(&self) -> Mode {
        self.mode
    }
    pub fn set_mode(&mut self, mode: Mode) {
        self.mode = mode;
    }
    pub fn keymap(&self) -> &Keymap {
        &self.keymap
    }
    pub fn theme(&self) -> &Theme {
        &self.theme
    }
    pub fn set_theme(&mut self, theme: Theme) {
        self.theme = theme;
    }

    pub fn status(&self) -> &Status {
        &self.status
    }
    /// Say what just happened on the status line.
    pub fn say(&mut self, message: impl Into<String>) {
        self.status.message = message.into();
    }
    /// Show a failure until a key acknowledges it.
    pub fn fail(&mut self, error: impl Into<String>) {
        self.status.error = Some(error.into());
    }
    /// Say whether the database can be reached (the status line shows it while not).
    pub fn set_unreachable(&mut self, unreachable: bool) {
        self.status.unreachable = unreachable;
    }
    /// Forget what was last saved (the status line no longer mentions it).
    pub fn forget_saved(&mut self) {
        self.status.saved = None;
    }
    /// Record what was last saved, for the status line.
    pub fn saved(&mut self, what: String) {
        self.status.saved = Some(what);
    }
    /// Acknowledge a shown failure; true when there was one.
    pub fn acknowledge_error(&mut self) -> bool {
        self.status.error.take().is_some()
    }

    pub fn cursor(&self) -> usize {
        self.cursor
    }
    pub fn top(&self) -> usize {
        self.top
    }
    pub fn page(&self) -> usize {
        self.page
    }
    pub fn h_scroll(&self) -> usize {
        self.h_scroll
    }
    /// Scroll the team columns by one, within `teams` columns.
    pub fn scroll_columns(&mut self, right: bool, teams: usize) {
        self.h_scroll = if right {
            (self.h_scroll + 1).min(max_h_scroll(teams))
        } else {
            self.h_scroll.saturating_sub(1)
        };
    }
    pub fn clamp_columns(&mut self, teams: usize) {
        self.h_scroll = self.h_scroll.min(max_h_scroll(teams));
    }

    pub fn reveal(&self) -> &Reveal {
        &self.reveal
    }
    /// Show (or hide again) the confidential comments of the school under the cursor.
    pub fn toggle_reveal(&mut self, urn: Option<crate::model::Urn>) {
        self.reveal.toggle(urn);
        if self.reveal.active() {
            // The reveal notice is now the newest message: the older one gives way to it.
            self.status.message.clear();
        }
    }
    /// Confidential comments shown for one school hide again on another.
    pub fn follow_reveal(&mut self, urn: Option<crate::model::Urn>) {
        self.reveal.follow(urn);
    }

    pub fn is_frozen(&self) -> bool {
        self.frozen
    }
    pub fn is_stale(&self) -> bool {
        self.stale
    }
    /// Freeze or resume live updates; returns whether they are now frozen.
    pub fn toggle_freeze(&mut self) -> bool {
        self.frozen = !self.frozen;
        self.frozen
    }
    pub fn set_stale(&mut self, stale: bool) {
        self.stale = stale;
    }

    pub fn is_maximised(&self) -> bool {
        self.maximised
    }
    /// Maximise the detail pane when it has the keys, otherwise the grid.
    pub fn toggle_maximise(&mut self) {
        match self.detail.as_mut() {
            Some(d) if self.mode == Mode::Detail => d.maximised = !d.maximised,
            _ => self.maximised = !self.maximised,
        }
    }

    pub fn detail(&self) -> Option<&DetailState> {
        self.detail.as_ref()
    }
    pub fn detail_mut(&mut self) -> Option<&mut DetailState> {
        self.detail.as_mut()
    }
    /// Open (or replace) the detail pane; it gets the keys.
    pub fn open_detail(&mut self, detail: DetailState) {
        self.detail = Some(detail);
        self.mode = Mode::Detail;
    }
    pub fn close_detail(&mut self) {
        self.detail = None;
        self.mode = Mode::Grid;
    }

    pub fn actions(&self) -> Option<&ActionsPane> {
        self.actions.as_ref()
    }
    pub fn actions_mut(&mut self) -> Option<&mut ActionsPane> {
        self.actions.as_mut()
    }
    /// Show the actions list (or matters arising); it gets the keys.
    pub fn open_actions(&mut self, pane: ActionsPane) {
        self.actions = Some(pane);
        self.mode = Mode::Actions;
    }
    /// Back to the detail pane if one is open, else the grid.
    pub fn close_actions(&mut self) {
        self.actions = None;
        self.mode = if self.detail.is_some() {
            Mode::Detail
        } else {
            Mode::Grid
        };
    }

    pub fn popup(&self) -> Option<&Popup> {
        self.popup.as_ref()
    }
    pub fn popup_mut(&mut self) -> Option<&mut Popup> {
        self.popup.as_mut()
    }
    pub fn show_popup(&mut self, popup: Popup) {
        self.popup = Some(popup);
    }
    pub fn take_popup(&mut self) -> Option<Popup> {
        self.popup.take()
    }

    pub fn help_scroll(&self) -> u16 {
        self.help_scroll
    }
    pub fn open_help(&mut self) {
        self.help_scroll = 0;
        self.mode = Mode::Help;
    }
    /// Scroll the help by `delta`, within `max`.
    pub fn scroll_help(&mut self, delta: i32, max: u16) {
        self.help_scroll = (self.help_scroll as i32 + delta).clamp(0, max as i32) as u16;
    }

    pub fn area(&self) -> Rect {
        self.area
    }
    pub fn set_area(&mut self, area: Rect) {
        self.area = area;
    }

    pub fn should_quit(&self) -> bool {
        self.quit
    }
    pub fn quit(&mut self) {
        self.quit = true;
    }
    pub fn keep_running(&mut self) {
        self.quit = false;
    }

    /// The school under the cursor (index into the dataset's schools).
    pub fn selected(&self, rows: &[Row]) -> Option<usize> {
        match rows.get(self.cursor) {
            Some(Row::School(i)) => Some(*i),
            _ => None,
        }
    }

    /// The nearest school row at or after `from` (or before, when `forward` is false),
    /// falling back to the other direction.
    pub fn snap(rows: &[Row], from: usize, forward: bool) -> usize {
        let is_school = |r: usize| matches!(rows.get(r), Some(Row::School(_)));
        let after = (from..rows.len()).find(|&r| is_school(r));
        let before = (0..=from.min(rows.len().saturating_sub(1)))
            .rev()
            .find(|&r| is_school(r));
        let found = if forward {
            after.or(before)
        } else {
            before.or(after)
        };
        found.unwrap_or(0)
    }

    /// Move the cursor by `delta` rows, onto a school row.
    pub fn move_by(&mut self, rows: &[Row], delta: isize) {
        if rows.is_empty() {
            return;
        }
        let last = rows.len() - 1;
        let target = (self.cursor as isize + delta).clamp(0, last as isize) as usize;
        let r = ScreenState::snap(rows, target, delta > 0);
        self.set_cursor(rows, r);
    }

    /// Move by a page (up when `delta` is negative).
    pub fn move_pages(&mut self, rows: &[Row], pages: isize) {
        self.move_by(rows, pages * self.page.max(1) as isize);
    }

    pub fn set_cursor(&mut self, rows: &[Row], row: usize) {
        self.cursor = row.min(rows.len().saturating_sub(1));
        self.follow_cursor(rows);
    }

    /// Set how many body rows fit (from the terminal size).
    pub fn set_page(&mut self, rows: &[Row], page: usize) {
        self.page = page.max(1);
        self.follow_cursor(rows);
    }

    /// Scroll so the cursor (and a group header just above it) is in view.
    pub fn follow_cursor(&mut self, rows: &[Row]) {
        let page = self.page.max(1);
        if self.cursor < self.top {
            self.top = self.cursor;
        } else if self.cursor >= self.top + page {
            self.top = self.cursor + 1 - page;
        }
        if self.cursor == self.top
            && self.top > 0
            && matches!(rows.get(self.top - 1), Some(Row::Group { .. }))
            && page > 1
        {
            self.top -= 1;
        }
        self.top = self.top.min(rows.len().saturating_sub(page));
    }
}

/// One step per team column, and at least one so columns left out can be scrolled to.
fn max_h_scroll(teams: usize) -> usize {
    teams.saturating_sub(1).max(1)
}
