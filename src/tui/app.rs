//! The screen's state and how actions change it. Keys are resolved to actions by the keymap
//! (`handle_key`), then applied (`apply`); rendering only reads `&App`.

use super::action::Action;
use super::decide::Popup;
use super::detail_state::DetailState;
use super::keymap::{Key, Keymap, KeymapError};
use super::live::Watcher;
use super::meeting::MeetingState;
use super::mode::Mode;
use super::reveal::Reveal;
use super::theme::{ColorEnv, Theme};
use super::view::{build_rows, Filters, Grouping, Row, RowCache, Sort, SortColumn, ViewInput};
use crate::config::Config;
use crate::dataset::Dataset;
use crate::model::{Phase, Urn};
use crate::policy::{Capacity, SchoolAssessment, TermAssessment, Trend};
use crate::store::Store;
use crate::term::Term;
use chrono::NaiveDate;
use ratatui::crossterm::event::{KeyCode, KeyEvent, KeyEventKind};
use ratatui::layout::Rect;

pub type AssessFn = fn(&Config, &Dataset, usize, NaiveDate) -> TermAssessment;
pub type CapacityFn = fn(&Config, &Dataset, &[Option<String>]) -> Capacity;
/// Re-import the configured files; returns a one-line summary for the status line.
pub type ImportFn = fn(&Config, &mut Store) -> anyhow::Result<String>;

/// The policy and import functions the screen calls, injected so tests can supply their own.
#[derive(Clone, Copy)]
pub struct Hooks {
    pub assess: AssessFn,
    pub capacity: CapacityFn,
    pub import: Option<ImportFn>,
}

/// The open meeting, when there is one.
#[derive(Debug, Clone, PartialEq, Eq, Default)]
pub struct MeetingInfo {
    /// The meeting's row in the database, once it has been opened there.
    pub id: Option<i64>,
    pub chair: String,
    pub attendees: Vec<String>,
}

#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Status {
    /// What happened last.
    pub message: String,
    /// What was last saved, and when.
    pub saved: Option<String>,
    /// A failure; stays until a key acknowledges it.
    pub error: Option<String>,
}

#[derive(Debug, thiserror::Error)]
pub enum AppError {
    #[error(transparent)]
    Keymap(#[from] KeymapError),
    #[error(transparent)]
    Theme(#[from] super::theme::ThemeError),
    #[error(transparent)]
    Store(#[from] crate::store::StoreError),
}

pub struct App {
    pub config: Config,
    pub data: Dataset,
    /// The term on screen, and its index in `data.terms` (None when it has no scores).
    pub term: Term,
    pub term_idx: Option<usize>,
    pub today: NaiveDate,
    pub assessment: TermAssessment,
    pub capacity: Capacity,
    pub cache: RowCache,
    pub rows: Vec<Row>,
    /// Row of each school in `rows` (usize::MAX when filtered out).
    pub(crate) row_of: Vec<usize>,
    /// Index into `rows`; always a school row when there is one.
    pub cursor: usize,
    /// First body row shown; kept so the cursor stays in view as it moves.
    pub top: usize,
    /// Body rows that fit on screen (set by the event loop from the terminal size).
    pub page: usize,
    pub filters: Filters,
    pub sort: Sort,
    pub grouping: Grouping,
    pub mode: Mode,
    pub keymap: Keymap,
    pub theme: Theme,
    pub status: Status,
    pub frozen: bool,
    /// Another process changed the database while frozen.
    pub stale: bool,
    pub maximised: bool,
    /// First team column shown when they do not all fit.
    pub h_scroll: usize,
    pub meeting: Option<MeetingInfo>,
    /// Decided marks, agenda items added by hand and counts for the open meeting.
    pub meeting_state: MeetingState,
    /// The detail pane, while open.
    pub detail: Option<DetailState>,
    /// A decision form or prompt, while open: it gets every key.
    pub popup: Option<Popup>,
    /// Help rows scrolled off the top.
    pub help_scroll: u16,
    /// Confidential comments on show for the school under the cursor.
    pub reveal: Reveal,
    /// The whole screen as last drawn (for scrolling the detail pane by pages).
    pub screen: Rect,
    pub quit: bool,
    pub(crate) hooks: Hooks,
    pub(crate) store: Option<Store>,
    pub(crate) data_version: Option<i64>,
    pub(crate) watcher: Option<Watcher>,
}

impl App {
    /// A screen on `term` (or the latest term with scores). Keys from `config.keys`, theme
    /// from `config.ui.theme` and the environment.
    pub fn new(
        config: Config,
        data: Dataset,
        term: Option<Term>,
        today: NaiveDate,
        hooks: Hooks,
    ) -> Result<App, AppError> {
        let keymap = Keymap::with_overrides(&config.keys, &config.source)?;
        let theme = Theme::new(
            config.ui.theme.as_deref(),
            config.scale.labels.len(),
            config.categories.len(),
            ColorEnv::from_env(),
        )?;
        let term = term
            .or_else(|| data.latest_term())
            .unwrap_or_else(|| Term::containing(today));
        let mut app = App {
            config,
            data: Dataset::default(),
            term,
            term_idx: None,
            today,
            assessment: TermAssessment {
                term,
                schools: Vec::new(),
                agenda: Vec::new(),
            },
            capacity: Capacity::default(),
            cache: RowCache::default(),
            rows: Vec::new(),
            row_of: Vec::new(),
            cursor: 0,
            top: 0,
            page: 20,
            filters: Filters::default(),
            sort: Sort::default(),
            grouping: Grouping::None,
            mode: Mode::Grid,
            keymap,
            theme,
            status: Status::default(),
            frozen: false,
            stale: false,
            maximised: false,
            h_scroll: 0,
            meeting: None,
            meeting_state: MeetingState::default(),
            detail: None,
            popup: None,
            help_scroll: 0,
            reveal: Reveal::default(),
            screen: Rect::new(0, 0, 80, 24),
            quit: false,
            hooks,
            store: None,
            data_version: None,
            watcher: None,
        };
        app.set_data(data);
        Ok(app)
    }

    /// Keep the database open so live changes are picked up on each tick.
    pub fn with_store(mut self, store: Store) -> Result<App, AppError> {
        self.data_version = Some(store.data_version()?);
        self.store = Some(store);
        Ok(self)
    }

    pub fn with_theme(mut self, theme: Theme) -> App {
        self.theme = theme;
        self
    }

    pub fn with_meeting(mut self, meeting: MeetingInfo) -> App {
        self.meeting = Some(meeting);
        let data = std::mem::take(&mut self.data);
        self.set_data(data);
        self
    }

    /// Watch the score folders and re-import changed files (needs `hooks.import`).
    pub fn with_watch(mut self) -> App {
        self.watcher = Some(Watcher::new(self.config.resolve(&self.config.data.scores)));
        self
    }

    pub fn store(&self) -> Option<&Store> {
        self.store.as_ref()
    }

    /// Replace the data (after a reload), re-assess, and rebuild the view keeping the
    /// cursor on the same school.
    pub fn set_data(&mut self, data: Dataset) {
        self.data = data;
        self.term_idx = self.data.term_index(self.term);
        self.assessment = match self.term_idx {
            Some(i) => (self.hooks.assess)(&self.config, &self.data, i, self.today),
            None => empty_assessment(self.term, &self.data),
        };
        self.overlay_meeting();
        let categories: Vec<Option<String>> = self
            .assessment
            .schools
            .iter()
            .map(|s| s.current_category.clone())
            .collect();
        self.capacity = (self.hooks.capacity)(&self.config, &self.data, &categories);
        self.cache = RowCache::build(&self.config, &self.data, &self.assessment);
        self.refresh_view();
    }

    /// The school under the cursor (index into `data.schools`).
    pub fn selected(&self) -> Option<usize> {
        match self.rows.get(self.cursor) {
            Some(Row::School(i)) => Some(*i),
            _ => None,
        }
    }

    pub fn selected_urn(&self) -> Option<Urn> {
        self.selected().map(|i| self.data.schools[i].urn)
    }

    pub fn school_assessment(&self, i: usize) -> Option<&SchoolAssessment> {
        self.assessment.schools.get(i)
    }

    /// Rebuild the rows after a change of data, filter, sort or grouping. The cursor stays on
    /// the same school (by URN) when it is still shown.
    pub fn refresh_view(&mut self) {
        let keep = self.selected_urn();
        let input = ViewInput {
            config: &self.config,
            data: &self.data,
            assessment: &self.assessment,
            cache: &self.cache,
        };
        self.rows = build_rows(&input, &self.filters, self.sort, self.grouping);
        self.row_of.clear();
        self.row_of.resize(self.data.schools.len(), usize::MAX);
        for (r, row) in self.rows.iter().enumerate() {
            if let Row::School(i) = row {
                self.row_of[*i] = r;
            }
        }
        let target = keep
            .and_then(|u| self.data.school_index(u))
            .map(|i| self.row_of[i])
            .filter(|&r| r != usize::MAX);
        self.cursor = match target {
            Some(r) => r,
            None => self.snap(self.cursor.min(self.rows.len().saturating_sub(1)), true),
        };
        self.h_scroll = self.h_scroll.min(self.max_h_scroll());
        self.follow_cursor();
    }

    /// Resolve a key to an action through the keymap (presses only). In filter mode an
    /// unbound printable key is typed. A pending error is acknowledged by any key.
    pub fn handle_key(&mut self, ev: KeyEvent) -> Option<Action> {
        if ev.kind != KeyEventKind::Press {
            return None;
        }
        if self.popup.is_some() {
            // Forms are text entry: keys go to them, not to the keymap.
            self.popup_key(ev);
            return None;
        }
        if self.status.error.take().is_some() {
            return None;
        }
        let key = Key::from_event(&ev);
        if let Some(a) = self.keymap.lookup(self.mode, key) {
            return Some(a);
        }
        match (self.mode, key.code) {
            (Mode::Filter, KeyCode::Char(c)) if !key.ctrl && !key.alt => Some(Action::Input(c)),
            _ => None,
        }
    }

    /// Carry out an action.
    pub fn apply(&mut self, action: Action) {
        match action {
            Action::Quit => self.quit = true,
            Action::Up => self.move_by(-1),
            Action::Down => self.move_by(1),
            Action::OpenDetail => self.open_detail(),
            Action::ScrollUp => self.scroll(-1),
            Action::ScrollDown => self.scroll(1),
            Action::ScrollPageUp => self.scroll(-self.detail_page()),
            Action::ScrollPageDown => self.scroll(self.detail_page()),
            Action::Recategorise
            | Action::ConfirmCategory
            | Action::Defer
            | Action::Note
            | Action::Undo
            | Action::AddToAgenda
            | Action::ExportMinutes
            | Action::CloseMeeting => self.decision_action(action),
            Action::PageUp => self.move_by(-(self.page.max(1) as isize)),
            Action::PageDown => self.move_by(self.page.max(1) as isize),
            Action::Top => self.set_cursor(self.snap(0, true)),
            Action::Bottom => self.set_cursor(self.snap(self.rows.len().saturating_sub(1), false)),
            Action::ScrollLeft => self.h_scroll = self.h_scroll.saturating_sub(1),
            Action::ScrollRight => self.h_scroll = (self.h_scroll + 1).min(self.max_h_scroll()),
            Action::NextAgenda => self.walk_agenda(true),
            Action::PrevAgenda => self.walk_agenda(false),
            Action::Filter => self.mode = Mode::Filter,
            Action::FilterAccept => {
                self.mode = Mode::Grid;
                self.status.message = format!("{} schools shown", self.shown());
            }
            Action::FilterCancel => {
                self.mode = Mode::Grid;
                self.filters.text.clear();
                self.refresh_view();
            }
            Action::FilterBackspace => {
                self.filters.text.pop();
                self.refresh_view();
            }
            Action::Input(c) => {
                if !c.is_control() {
                    self.filters.text.push(c);
                    self.refresh_view();
                }
            }
            Action::FilterMenu => self.mode = Mode::FilterMenu,
            Action::CyclePhase => {
                self.filters.phase = cycle(&Phase::ALL, self.filters.phase.as_ref());
                self.filters_changed();
            }
            Action::CycleCategory => {
                let keys: Vec<String> = self
                    .config
                    .categories
                    .iter()
                    .map(|c| c.key.clone())
                    .collect();
                self.filters.category = cycle(&keys, self.filters.category.as_ref());
                self.filters_changed();
            }
            Action::CycleLama => {
                self.filters.lama = cycle(&self.cache.lamas, self.filters.lama.as_ref());
                self.filters_changed();
            }
            Action::CycleMaintained => {
                self.filters.maintained = cycle(&[true, false], self.filters.maintained.as_ref());
                self.filters_changed();
            }
            Action::AgendaOnly => {
                self.filters.agenda_only = !self.filters.agenda_only;
                self.filters_changed();
            }
            Action::ClearFilters => {
                self.filters = Filters::default();
                self.filters_changed();
            }
            Action::SortNext | Action::SortPrev => self.cycle_sort(action == Action::SortNext),
            Action::SortReverse => {
                self.sort.reversed = !self.sort.reversed;
                self.sort_changed();
            }
            Action::Group => {
                self.grouping = self.grouping.next();
                self.refresh_view();
                self.status.message = format!("grouped by {}", self.grouping.label());
            }
            Action::Freeze => self.toggle_freeze(),
            Action::Maximise => match self.detail.as_mut() {
                Some(d) if self.mode == Mode::Detail => d.maximised = !d.maximised,
                _ => self.maximised = !self.maximised,
            },
            Action::RevealConfidential => self.reveal.toggle(self.selected_urn()),
            Action::Help => {
                self.help_scroll = 0;
                self.mode = Mode::Help;
            }
            Action::Close => match self.mode {
                Mode::Detail => self.close_detail(),
                _ if self.detail.is_some() => self.mode = Mode::Detail,
                _ => self.mode = Mode::Grid,
            },
        }
        // The pane follows the cursor (n/p, J/K, a reload) without reading per frame;
        // confidential comments shown for one school hide again on another.
        self.sync_detail(false);
        self.reveal.follow(self.selected_urn());
    }

    /// Record the screen size: the grid's page and the detail pane's scrolling follow it.
    pub fn set_screen(&mut self, area: Rect) {
        self.screen = area;
        self.set_page(super::ui::page_rows(self, area));
    }

    /// One step per team column, and at least one so columns left out can be scrolled to.
    fn max_h_scroll(&self) -> usize {
        self.config.teams.len().saturating_sub(1).max(1)
    }

    /// Schools shown (rows that are not group headers).
    pub fn shown(&self) -> usize {
        self.rows.len()
            - self
                .rows
                .iter()
                .filter(|r| matches!(r, Row::Group { .. }))
                .count()
    }

    /// Set how many body rows fit; the event loop calls this from the terminal size.
    pub fn set_page(&mut self, rows: usize) {
        self.page = rows.max(1);
        self.follow_cursor();
    }

    fn filters_changed(&mut self) {
        self.refresh_view();
        self.status.message = format!("{} schools shown", self.shown());
    }

    fn cycle_sort(&mut self, forward: bool) {
        let all = SortColumn::all(self.config.teams.len());
        let pos = all.iter().position(|c| *c == self.sort.column).unwrap_or(0);
        let next = if forward {
            (pos + 1) % all.len()
        } else {
            (pos + all.len() - 1) % all.len()
        };
        self.sort.column = all[next];
        self.sort.reversed = false;
        self.sort_changed();
    }

    fn sort_changed(&mut self) {
        self.refresh_view();
        self.status.message = format!(
            "sorted by {} ({})",
            self.sort.column.label(&self.config),
            if self.sort.descending() {
                "descending"
            } else {
                "ascending"
            }
        );
    }

    fn toggle_freeze(&mut self) {
        self.frozen = !self.frozen;
        if self.frozen {
            self.status.message = "live updates frozen".into();
        } else {
            self.status.message = "live updates resumed".into();
            if self.stale {
                self.reload();
            }
        }
    }

    /// The nearest school row at or after `from` (or before, when `forward` is false),
    /// falling back to the other direction.
    fn snap(&self, from: usize, forward: bool) -> usize {
        let is_school = |r: usize| matches!(self.rows.get(r), Some(Row::School(_)));
        let after = (from..self.rows.len()).find(|&r| is_school(r));
        let before = (0..=from.min(self.rows.len().saturating_sub(1)))
            .rev()
            .find(|&r| is_school(r));
        let found = if forward {
            after.or(before)
        } else {
            before.or(after)
        };
        found.unwrap_or(0)
    }

    fn move_by(&mut self, delta: isize) {
        if self.rows.is_empty() {
            return;
        }
        let last = self.rows.len() - 1;
        let target = (self.cursor as isize + delta).clamp(0, last as isize) as usize;
        let r = self.snap(target, delta > 0);
        self.set_cursor(r);
    }

    pub(crate) fn set_cursor(&mut self, row: usize) {
        self.cursor = row.min(self.rows.len().saturating_sub(1));
        self.follow_cursor();
    }

    /// Scroll so the cursor (and a group header just above it) is in view.
    fn follow_cursor(&mut self) {
        let page = self.page.max(1);
        if self.cursor < self.top {
            self.top = self.cursor;
        } else if self.cursor >= self.top + page {
            self.top = self.cursor + 1 - page;
        }
        if self.cursor == self.top
            && self.top > 0
            && matches!(self.rows.get(self.top - 1), Some(Row::Group { .. }))
            && page > 1
        {
            self.top -= 1;
        }
        self.top = self.top.min(self.rows.len().saturating_sub(page));
    }
}

/// The next value in `all` after `current` (None → first; last → None, meaning "all").
fn cycle<T: Clone + PartialEq>(all: &[T], current: Option<&T>) -> Option<T> {
    match current.and_then(|c| all.iter().position(|x| x == c)) {
        None => all.first().cloned(),
        Some(p) => all.get(p + 1).cloned(),
    }
}

/// An assessment with no scores (a term with nothing imported yet).
pub fn empty_assessment(term: Term, data: &Dataset) -> TermAssessment {
    TermAssessment {
        term,
        schools: (0..data.schools.len())
            .map(|i| SchoolAssessment {
                scores: vec![None; data.n_teams()],
                composite: None,
                previous_composite: None,
                trend: Trend::New,
                current_category: data.current_spell(i).map(|s| s.category.clone()),
                suggestion: None,
                reasons: Vec::new(),
                flags: Vec::new(),
                time_in_category: None,
                agenda: Vec::new(),
            })
            .collect(),
        agenda: Vec::new(),
    }
}
