//! The `[meeting]` section: how long the meeting is and how long an item takes.

use serde::Deserialize;

/// The meeting's time: the header compares the items left for decision, at
/// `minutes_per_item` each, with the minutes the meeting has.
#[derive(Debug, Clone, Deserialize, PartialEq)]
#[serde(deny_unknown_fields)]
pub struct MeetingConfig {
    #[serde(default = "default_length_minutes")]
    pub length_minutes: u32,
    #[serde(default = "default_minutes_per_item")]
    pub minutes_per_item: u32,
}

fn default_length_minutes() -> u32 {
    120
}

fn default_minutes_per_item() -> u32 {
    6
}

impl Default for MeetingConfig {
    fn default() -> Self {
        MeetingConfig {
            length_minutes: default_length_minutes(),
            minutes_per_item: default_minutes_per_item(),
        }
    }
}
