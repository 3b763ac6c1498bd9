//! Meetings, agenda items and decisions: append-only.
