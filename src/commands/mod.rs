//! One module per command. Each takes the [`Context`] built once from the global options
//! (settings, clock, database) and its own arguments, and returns the exit status; errors
//! propagate to `cli::run`, which prints them once.

pub mod actions;
pub mod admin;
pub mod admin_copy;
mod admin_roles;
pub mod backup;
pub mod check;
mod context;
pub mod decide;
pub mod demo;
pub mod export;
pub mod history;
pub mod import;
pub mod init;
pub mod meetings;
pub mod minutes_check;
pub mod screen;
pub mod snapshot;
mod start_folder;

pub use context::{Context, GlobalArgs};
pub use screen::ScreenArgs;
