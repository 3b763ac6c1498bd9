//! The meeting screen: keys resolved and applied with synthetic events, panes rendered into a
//! `TestBackend` (text and styles, with insta), and the real binary in tmux.
//!
//! One test binary for the area, so the suite links a few times, not once per file.

#[path = "../common/mod.rs"]
mod common;
#[path = "../common/pg.rs"]
mod pg_support;
#[path = "../tui_support/mod.rs"]
mod tui_support;

#[cfg(unix)] // drives the real screen in tmux: Linux only
mod chair_agenda;
#[cfg(unix)] // drives the real screen in tmux: Linux only
mod chair_capacity;
#[cfg(unix)] // drives the real screen in tmux: Linux only
mod chair_dates;
#[cfg(unix)] // drives the real screen in tmux: Linux only
mod chair_departures;
#[cfg(unix)] // drives the real screen in tmux: Linux only
mod chair_detail;
#[cfg(unix)] // the borough the tmux tests above drive
mod chair_fixture;
#[cfg(unix)] // drives the real screen in tmux: Linux only
mod chair_keys;
#[cfg(unix)] // drives the real screen in tmux: Linux only
mod chair_late_meeting;
#[cfg(unix)] // drives the real screen in tmux: Linux only
mod chair_meetings;
#[cfg(unix)] // drives the real screen in tmux: Linux only
mod chair_polish;
#[cfg(unix)] // drives the real screen in tmux: Linux only
mod chair_triage;
mod cycle_minutes;
mod cycle_two_terms;
mod first_meeting;
mod hostile_screen;
mod matters_counts;
#[cfg(unix)] // drives the real screen in tmux: Linux only
mod pg_live;
#[cfg(unix)] // drives the real screen in tmux: Linux only
mod pg_reconnect;
mod projector_measure;
mod scores_agree;
#[cfg(unix)] // drives the real screen in tmux: Linux only
mod theme_refusal_e2e;
mod tui_confidential;
#[cfg(unix)] // drives the real screen in tmux: Linux only
mod tui_confidential_e2e;
mod tui_decisions;
mod tui_detail;
#[cfg(unix)] // drives the real screen in tmux: Linux only
mod tui_e2e;
mod tui_form_requests;
mod tui_forms;
mod tui_keys;
mod tui_live;
mod tui_projector;
mod tui_render;
