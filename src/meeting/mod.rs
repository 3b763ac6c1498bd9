//! The meeting: its agenda, worked out once from the policy's assessment, the meeting's own
//! agenda items and its decisions, with fixed item numbers; which decisions close an item
//! and which depart from the policy; and the service through which the screen and the
//! commands open it, record decisions, close it and write its minutes.

mod agenda;
mod departure;
pub mod establish;
pub mod minutes;
mod numbers;
mod record;
mod service;

pub use agenda::{meeting_agenda, AgendaEntry, MeetingAgenda};
pub use departure::departure;
pub use numbers::{add_hand_items, apply_numbers, closes_item, ItemState};
pub use record::{
    category_at, category_before, category_in_meeting, effective, latest_category, record_decision,
    record_in_context, revoke, school_spells,
};
pub use service::{
    check_due, check_minutes_file, minutes_of, policy_reasons, Closed, MeetingService, Opened,
};
