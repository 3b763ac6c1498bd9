//! Reliability: SIGKILL at random moments, two writers, storage faults, signals and a vanished
//! terminal, resizing, security, and property tests of every reader.
//!
//! One test binary for the area, so the suite links a few times, not once per file.

#[path = "../common/mod.rs"]
mod common;
#[path = "../common/pg.rs"]
mod pg_support;
#[path = "../tui_support/mod.rs"]
mod tui_support;

#[cfg(unix)] // tmux, SIGHUP and SIGTERM: Linux only
mod e2e_kill;
mod prop_readers;
mod prop_workbook;
#[cfg(unix)] // tmux, SIGHUP and SIGTERM: Linux only
mod reliability_hangup;
mod reliability_kill;
mod reliability_resize;
mod reliability_security;
mod reliability_storage;
#[cfg(unix)] // tmux, SIGTSTP and SIGCONT: Linux only
mod reliability_suspend;
#[cfg(unix)] // tmux, SIGHUP and SIGTERM: Linux only
mod reliability_terminal;
mod reliability_writers;
