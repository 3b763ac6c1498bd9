//! The meeting screen.
//!
//! Shape: a key press is resolved to an [`action::Action`] by the one [`keymap::Keymap`]
//! table (per [`mode::Mode`]), then applied to [`app::App`], whose state is in three parts:
//! the data on screen ([`loaded`]), the meeting ([`session`]) and the screen's own state
//! ([`screen_state`]). Rendering ([`ui`]) reads `&App` only: each pane is a widget drawn
//! from a small borrowed view that one App method builds; [`layout`] places them. The
//! [`event_loop`] polls keys with a timeout and ticks so other processes' writes show live.
//! New panes (detail, decision forms) add a `Mode`, `Action` variants, keymap rows and a
//! widget file.

pub mod action;
pub mod actions_pane;
pub mod actions_view;
pub mod app;
pub mod cells;
#[cfg(windows)]
mod console_events;
pub mod decide;
pub mod detail;
pub mod establish;
pub mod event_loop;
pub mod filter_menu;
pub mod forms;
pub mod grid;
pub mod grid_layout;
pub mod header;
pub mod help;
mod key_table;
pub mod keymap;
pub mod layout;
pub mod legend;
pub mod live;
pub mod loaded;
pub mod marks;
pub mod meeting;
pub mod meeting_details;
pub mod mode;
pub mod palette;
pub mod popup;
pub mod retry;
pub mod reveal;
pub mod screen_state;
pub mod session;
pub mod sparkline;
pub mod status;
pub mod terminal;
pub mod theme;
pub mod tty;
pub mod ui;
pub mod view;
pub mod views;
pub mod wrap;

pub use action::Action;
pub use app::{App, AppError, Hooks, MeetingInfo};
pub use keymap::Keymap;
pub use mode::Mode;
pub use theme::{ColorEnv, Theme, ThemeKind};
