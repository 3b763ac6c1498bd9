//! The screen's state and how actions change it. Keys are resolved to actions by the keymap
//! (`handle_key`), then applied (`apply`); rendering only reads `&App`.
//!
//! The state is in three parts, each owned by one file: the data on screen ([`Loaded`]),
//! the meeting ([`Session`]) and what the screen shows where ([`ScreenState`]). App ties
//! them together; other files add App's meeting, decision, detail and live-update steps.

use super::action::Action;
use super::keymap::{Key, Keymap, KeymapError};
use super::layout;
use super::live::Watcher;
use super::loaded::Loaded;
use super::mode::Mode;
use super::popup::Popup;
use super::screen_state::{ScreenState, Status};
use super::session::Session;
use super::theme::{ColorEnv, Theme};
use super::view::{Filters, Row, Sort, SortColumn};
use crate::clock::SharedClock;
use crate::config::Config;
use crate::dataset::Dataset;
use crate::model::{Phase, Urn};
use crate::policy::{empty_assessment, Capacity, TermAssessment};
use crate::store::Store;
use crate::term::Term;
use chrono::NaiveDate;
use ratatui::crossterm::event::{KeyCode, KeyEvent, KeyEventKind};
use ratatui::layout::Rect;

pub use super::session::MeetingInfo;

pub type AssessFn = fn(&Config, &Dataset, usize, NaiveDate) -> TermAssessment;
/// The service's capacity at a term (`policy::capacity_at`).
pub type CapacityFn = fn(&Config, &Dataset, Term) -> Capacity;
/// Re-import the configured files; returns a one-line summary for the status line.
pub type ImportFn =
    fn(&Config, &mut Store, &dyn crate::clock::Clock) -> Result<String, crate::import::ImportError>;

/// The policy and import functions the screen calls, injected so tests can supply their own.
#[derive(Clone, Copy)]
pub struct Hooks {
    pub assess: AssessFn,
    pub capacity: CapacityFn,
    pub import: Option<ImportFn>,
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
    pub(super) loaded: Loaded,
    pub(super) session: Session,
    pub(super) screen: ScreenState,
    pub(super) hooks: Hooks,
    pub(super) watcher: Option<Watcher>,
}

impl App {
    /// A screen on `term` (or the latest term with scores). Keys from `config.keys`, theme
    /// from `config.ui.theme` and the environment; "today" from `clock`.
    pub fn new(
        config: Config,
        data: Dataset,
        term: Option<Term>,
        clock: SharedClock,
        hooks: Hooks,
    ) -> Result<App, AppError> {
        let keymap = Keymap::with_overrides(&config.keys, &|path| config.place(path))?;
        let theme = Theme::new(
            config.ui.theme.as_deref(),
            config.scale.labels.len(),
            config.categories.len(),
            ColorEnv::from_env(),
        )?;
        let term = term
            .or_else(|| data.latest_term())
            .unwrap_or_else(|| Term::containing(clock.today()));
        let mut app = App {
            loaded: Loaded::new(config, term),
            session: Session::new(clock),
            screen: ScreenState::new(keymap, theme),
            hooks,
            watcher: None,
        };
        app.set_data(data);
        Ok(app)
    }

    /// Keep the database open so live changes are picked up on each tick.
    pub fn with_store(mut self, store: Store) -> Result<App, AppError> {
        self.session.attach(store)?;
        Ok(self)
    }

    /// The meeting's own order, item 1 first under the cursor: the chair's screen opens on
    /// it (name order is `s` away, the next sort after agenda order).
    pub fn in_agenda_order(mut self) -> App {
        self.loaded.set_sort(Sort {
            column: SortColumn::Agenda,
            reversed: false,
        });
        self.view_changed(None);
        self.set_cursor(0);
        self
    }

    pub fn with_theme(mut self, theme: Theme) -> App {
        self.screen.set_theme(theme);
        self
    }

    /// Watch the score folders and re-import changed files (needs `hooks.import`); with no
    /// scores folder configured there is nothing to watch.
    pub fn with_watch(mut self) -> App {
        let config = self.loaded.config();
        self.watcher = config
            .data
            .scores
            .as_ref()
            .map(|scores| Watcher::new(config.resolve(scores)));
        self
    }

    pub fn config(&self) -> &Config {
        self.loaded.config()
    }
    pub fn data(&self) -> &Dataset {
        self.loaded.data()
    }
    pub fn term(&self) -> Term {
        self.loaded.term()
    }
    /// The policy's assessment of the term, with the meeting's agenda laid over it.
    pub fn assessment(&self) -> &TermAssessment {
        self.loaded.assessment()
    }
    pub fn capacity(&self) -> &Capacity {
        self.session.capacity()
    }
    pub fn rows(&self) -> &[Row] {
        self.loaded.rows()
    }
    pub fn filters(&self) -> &Filters {
        self.loaded.filters()
    }
    pub fn sort(&self) -> Sort {
        self.loaded.sort()
    }
    pub fn grouping(&self) -> super::view::Grouping {
        self.loaded.grouping()
    }
    pub fn store(&self) -> Option<&Store> {
        self.session.store()
    }
    pub fn meeting(&self) -> Option<&MeetingInfo> {
        self.session.meeting()
    }
    /// The open meeting's id, when there is one.
    pub fn meeting_id(&self) -> Option<i64> {
        self.session.meeting_id()
    }
    pub fn status(&self) -> &Status {
        self.screen.status()
    }
    /// Show a failure on the status line until a key acknowledges it.
    pub fn show_error(&mut self, error: impl Into<String>) {
        self.screen.fail(error);
    }
    /// Clear the status line's message (what happened last); the rest stays.
    pub fn clear_status_message(&mut self) {
        self.screen.say("");
    }
    /// Clear the status line's note of what was last saved.
    pub fn clear_saved(&mut self) {
        self.screen.forget_saved();
    }
    pub fn mode(&self) -> Mode {
        self.screen.mode()
    }
    /// Today, from the screen's clock.
    pub fn today(&self) -> NaiveDate {
        self.session.clock().today()
    }
    /// The actions list or matters arising, while open.
    pub fn actions_pane(&self) -> Option<&super::actions_pane::ActionsPane> {
        self.screen.actions()
    }
    pub fn popup(&self) -> Option<&Popup> {
        self.screen.popup()
    }
    pub fn detail(&self) -> Option<&super::detail::DetailState> {
        self.screen.detail()
    }
    pub fn cursor(&self) -> usize {
        self.screen.cursor()
    }
    pub fn h_scroll(&self) -> usize {
        self.screen.h_scroll()
    }
    pub fn page(&self) -> usize {
        self.screen.page()
    }
    pub fn is_frozen(&self) -> bool {
        self.screen.is_frozen()
    }
    pub fn is_stale(&self) -> bool {
        self.screen.is_stale()
    }
    pub fn is_maximised(&self) -> bool {
        self.screen.is_maximised()
    }
    pub fn should_quit(&self) -> bool {
        self.screen.should_quit()
    }
    /// Take back a quit request (for a driver that keeps the screen going after `q`).
    pub fn keep_running(&mut self) {
        self.screen.keep_running();
    }
    pub fn theme(&self) -> &Theme {
        self.screen.theme()
    }
    pub fn keymap(&self) -> &Keymap {
        self.screen.keymap()
    }

    /// The current item's number, items on the agenda, and items done.
    pub fn progress(&self) -> (Option<usize>, usize, usize) {
        self.session.progress(self.loaded.data())
    }

    /// The grid mark for a school (index into `data.schools`), if decided in this meeting.
    pub fn decision_mark(&self, school: usize) -> Option<&'static str> {
        self.session.decision_mark(school)
    }

    /// Replace the data (after a reload), re-assess, work out the meeting's agenda, and
    /// rebuild the view keeping the cursor on the same school.
    pub fn set_data(&mut self, data: Dataset) {
        let keep = self.selected_urn();
        let term = self.loaded.term();
        let config = self.loaded.config();
        let assessment = match data.term_index(term) {
            Some(i) => (self.hooks.assess)(config, &data, i, self.session.clock().today()),
            None => empty_assessment(term, &data),
        };
        if let Err(e) = self.session.update_agenda(&data, &assessment) {
            self.screen.fail(e);
        }
        let capacity = (self.hooks.capacity)(config, &data, term);
        self.session.set_capacity(capacity);
        let agenda = self.session.agenda().clone();
        self.loaded.set_data(data, assessment, &agenda);
        self.view_changed(keep);
    }

    /// The school under the cursor (index into `data.schools`).
    pub fn selected(&self) -> Option<usize> {
        self.screen.selected(self.loaded.rows())
    }

    pub fn selected_urn(&self) -> Option<Urn> {
        self.selected().map(|i| self.loaded.data().schools[i].urn)
    }

    /// After the rows changed: keep the cursor on the school it was on (by URN) when it is
    /// still shown, otherwise on the nearest school row.
    fn view_changed(&mut self, keep: Option<Urn>) {
        let rows = self.loaded.rows();
        let row = match keep.and_then(|u| self.loaded.row_of_urn(u)) {
            Some(r) => r,
            None => ScreenState::snap(
                rows,
                self.screen.cursor().min(rows.len().saturating_sub(1)),
                true,
            ),
        };
        self.screen.set_cursor(rows, row);
        self.screen.clamp_columns(self.loaded.config().teams.len());
    }

    /// Resolve a key to an action through the keymap (presses only). In filter mode an
    /// unbound printable key is typed. A pending error is acknowledged by any key.
    pub fn handle_key(&mut self, ev: KeyEvent) -> Option<Action> {
        if ev.kind != KeyEventKind::Press {
            return None;
        }
        if self.screen.popup().is_some() {
            // Forms are text entry: keys go to them, not to the keymap.
            self.popup_key(ev);
            return None;
        }
        if self.screen.acknowledge_error() {
            return None;
        }
        let key = Key::from_event(&ev);
        let mode = self.screen.mode();
        if let Some(a) = self.screen.keymap().lookup(mode, key) {
            return Some(a);
        }
        match (mode, key.code) {
            (Mode::Filter, KeyCode::Char(c)) if !key.ctrl && !key.alt => Some(Action::Input(c)),
            _ => None,
        }
    }

    /// Carry out an action.
    pub fn apply(&mut self, action: Action) {
        if self.screen.mode() == Mode::Actions && self.actions_apply(action) {
            return;
        }
        match action {
            Action::Quit => self.screen.quit(),
            Action::Up | Action::Down | Action::PageUp | Action::PageDown => {
                self.move_cursor(action)
            }
            Action::Top | Action::Bottom => self.move_cursor(action),
            Action::ScrollLeft => self.scroll_columns(false),
            Action::ScrollRight => self.scroll_columns(true),
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
            | Action::CloseMeeting
            | Action::EstablishCategories
            | Action::EditMeeting => self.decision_action(action),
            Action::NextAgenda => self.walk_agenda(true),
            Action::PrevAgenda => self.walk_agenda(false),
            Action::GotoItem => self.ask_item_number(),
            // Form and question keys are read by the open popup (`popup_key`), never here.
            Action::FormNext
            | Action::FormEnter
            | Action::FormBack
            | Action::FormRetry
            | Action::FieldNext
            | Action::FieldPrev
            | Action::PickNumber
            | Action::RecordOverCapacity
            | Action::Yes
            | Action::Change
            | Action::No => {}
            Action::Filter
            | Action::FilterAccept
            | Action::FilterCancel
            | Action::FilterBackspace
            | Action::Input(_)
            | Action::FilterMenu
            | Action::CyclePhase
            | Action::CycleCategory
            | Action::CycleLama
            | Action::CycleMaintained
            | Action::AgendaOnly
            | Action::ClearFilters => self.apply_filter(action),
            Action::SortNext | Action::SortPrev => self.cycle_sort(action == Action::SortNext),
            Action::SortReverse => {
                let mut sort = self.loaded.sort();
                sort.reversed = !sort.reversed;
                self.sort_changed(sort);
            }
            Action::Group => {
                let keep = self.selected_urn();
                self.loaded.next_grouping();
                self.view_changed(keep);
                let label = self.loaded.grouping().label();
                self.screen.say(format!("grouped by {label}"));
            }
            Action::Freeze => self.toggle_freeze(),
            Action::Maximise => self.screen.toggle_maximise(),
            Action::RevealConfidential => self.screen.toggle_reveal(self.selected_urn()),
            Action::Help => self.screen.open_help(),
            Action::ShowActions => self.show_actions(),
            Action::MeetingDetails => self.ask_meeting_details(),
            // Only the actions list has an action under its cursor.
            Action::ActionDone | Action::ActionCarry | Action::ActionDrop => {}
            Action::Close => match self.screen.mode() {
                Mode::Detail => self.screen.close_detail(),
                _ if self.screen.actions().is_some() => self.screen.set_mode(Mode::Actions),
                _ if self.screen.detail().is_some() => self.screen.set_mode(Mode::Detail),
                _ => self.screen.set_mode(Mode::Grid),
            },
        }
        // The pane follows the cursor (n/p, J/K, a reload) without reading per frame;
        // confidential comments shown for one school hide again on another.
        self.sync_detail(false);
        self.screen.follow_reveal(self.selected_urn());
    }

    fn move_cursor(&mut self, action: Action) {
        let rows = self.loaded.rows();
        match action {
            Action::Up => self.screen.move_by(rows, -1),
            Action::Down => self.screen.move_by(rows, 1),
            Action::PageUp => self.screen.move_pages(rows, -1),
            Action::PageDown => self.screen.move_pages(rows, 1),
            Action::Top => self
                .screen
                .set_cursor(rows, ScreenState::snap(rows, 0, true)),
            Action::Bottom => {
                let last = rows.len().saturating_sub(1);
                self.screen
                    .set_cursor(rows, ScreenState::snap(rows, last, false))
            }
            _ => {}
        }
    }

    fn scroll_columns(&mut self, right: bool) {
        let teams = self.loaded.config().teams.len();
        self.screen.scroll_columns(right, teams);
    }

    /// Typing a filter, and the filter menu's choices.
    fn apply_filter(&mut self, action: Action) {
        let config = self.loaded.config();
        let categories: Vec<String> = config.categories.iter().map(|c| c.key.clone()).collect();
        let lamas = self.loaded.cache().lamas.clone();
        let change: Box<dyn FnOnce(&mut Filters)> = match action {
            Action::Filter => return self.screen.set_mode(Mode::Filter),
            Action::FilterMenu => return self.screen.set_mode(Mode::FilterMenu),
            Action::FilterAccept => {
                self.screen.set_mode(Mode::Grid);
                let shown = self.loaded.shown();
                return self.screen.say(format!("{shown} schools shown"));
            }
            Action::FilterCancel => {
                self.screen.set_mode(Mode::Grid);
                return self.change_filters(|f| f.text.clear(), false);
            }
            Action::FilterBackspace => {
                return self.change_filters(
                    |f| {
                        f.text.pop();
                    },
                    false,
                )
            }
            Action::Input(c) if c.is_control() => return,
            Action::Input(c) => return self.change_filters(move |f| f.text.push(c), false),
            Action::CyclePhase => Box::new(|f| f.phase = cycle(&Phase::ALL, f.phase.as_ref())),
            Action::CycleCategory => {
                Box::new(move |f| f.category = cycle(&categories, f.category.as_ref()))
            }
            Action::CycleLama => Box::new(move |f| f.lama = cycle(&lamas, f.lama.as_ref())),
            Action::CycleMaintained => {
                Box::new(|f| f.maintained = cycle(&[true, false], f.maintained.as_ref()))
            }
            Action::AgendaOnly => Box::new(|f| f.agenda_only = !f.agenda_only),
            Action::ClearFilters => Box::new(|f| *f = Filters::default()),
            _ => return,
        };
        self.change_filters(change, true);
    }

    /// Change the filters and rebuild the rows; `report` says how many are shown.
    fn change_filters(&mut self, change: impl FnOnce(&mut Filters), report: bool) {
        let keep = self.selected_urn();
        self.loaded.filter(change);
        self.view_changed(keep);
        if report {
            let shown = self.loaded.shown();
            self.screen.say(format!("{shown} schools shown"));
        }
    }

    /// Record the screen size: the grid's page and the detail pane's scrolling follow it.
    pub fn set_screen(&mut self, area: Rect) {
        self.screen.set_area(area);
        let page = layout::page_rows(&self.layout_needs(), area);
        self.screen.set_page(self.loaded.rows(), page);
    }

    /// What the layout needs to know to place the panes.
    pub(super) fn layout_needs(&self) -> layout::Needs {
        layout::Needs {
            error_shown: self.screen.status().error.is_some(),
            maximised: self.screen.is_maximised(),
            typing_filter: self.screen.mode() == Mode::Filter,
            detail: self.screen.detail().map(|d| d.maximised),
        }
    }

    /// Schools shown (rows that are not group headers).
    pub fn shown(&self) -> usize {
        self.loaded.shown()
    }

    /// Set how many body rows fit; the event loop calls this from the terminal size.
    pub fn set_page(&mut self, rows: usize) {
        self.screen.set_page(self.loaded.rows(), rows);
    }

    fn cycle_sort(&mut self, forward: bool) {
        let all = SortColumn::all(self.loaded.config().teams.len());
        let sort = self.loaded.sort();
        let pos = all.iter().position(|c| *c == sort.column).unwrap_or(0);
        let next = if forward {
            (pos + 1) % all.len()
        } else {
            (pos + all.len() - 1) % all.len()
        };
        self.sort_changed(Sort {
            column: all[next],
            reversed: false,
        });
    }

    fn sort_changed(&mut self, sort: Sort) {
        let keep = self.selected_urn();
        self.loaded.set_sort(sort);
        self.view_changed(keep);
        let label = sort.column.label(self.loaded.config());
        let order = if sort.descending() {
            "descending"
        } else {
            "ascending"
        };
        self.screen.say(format!("sorted by {label} ({order})"));
    }

    fn toggle_freeze(&mut self) {
        if self.screen.toggle_freeze() {
            self.screen.say("live updates frozen");
        } else {
            self.screen.say("live updates resumed");
            if self.screen.is_stale() {
                self.reload();
            }
        }
    }

    pub(crate) fn set_cursor(&mut self, row: usize) {
        self.screen.set_cursor(self.loaded.rows(), row);
    }
}

/// The next value in `all` after `current` (None → first; last → None, meaning "all").
fn cycle<T: Clone + PartialEq>(all: &[T], current: Option<&T>) -> Option<T> {
    match current.and_then(|c| all.iter().position(|x| x == c)) {
        None => all.first().cloned(),
        Some(p) => all.get(p + 1).cloned(),
    }
}
