//! The meeting: its agenda, worked out once from the policy's assessment, the meeting's own
//! agenda items and its decisions; and the service through which the screen and the
//! commands open it, record decisions, close it and write its minutes.

mod agenda;
mod service;

pub use agenda::{meeting_agenda, AgendaEntry, MeetingAgenda};
pub use service::{check_minutes_file, minutes_of, policy_reasons, Closed, MeetingService, Opened};
