//! One module per command. Each takes the global options and its own arguments and returns
//! the exit status; errors propagate to `cli::run`, which prints them once.

pub mod backup;
pub mod check;
pub mod decide;
pub mod demo;
pub mod export;
pub mod history;
pub mod import;
pub mod minutes_check;
pub mod screen;
pub mod snapshot;
