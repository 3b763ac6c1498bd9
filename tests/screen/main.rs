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

mod chair_agenda;
mod chair_capacity;
mod chair_dates;
mod chair_departures;
mod chair_detail;
mod chair_fixture;
mod chair_keys;
mod chair_late_meeting;
mod chair_meetings;
mod chair_polish;
mod chair_triage;
mod cycle_minutes;
mod cycle_two_terms;
mod first_meeting;
mod matters_counts;
mod pg_live;
mod pg_reconnect;
mod projector_measure;
mod scores_agree;
mod tui_confidential;
mod tui_confidential_e2e;
mod tui_decisions;
mod tui_detail;
mod tui_e2e;
mod tui_form_requests;
mod tui_forms;
mod tui_keys;
mod tui_live;
mod tui_projector;
mod tui_render;
