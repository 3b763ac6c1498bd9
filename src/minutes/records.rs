//! The parts of the minutes (format 2) that make them ready to circulate: the marking and
//! distribution, matters arising with their outcomes, the meeting's actions and deferrals.
//! Built by the meeting (`meeting::minutes`); serialised as they are into the TOML.

use crate::model::Urn;
use serde::{Deserialize, Serialize};

/// Who the minutes are from and for.
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Circulation {
    pub authority: String,
    /// The protective marking, e.g. OFFICIAL-SENSITIVE.
    pub marking: String,
    pub venue: String,
    pub distribution: Vec<String>,
}

/// An action taken up under matters arising, and what the meeting did about it.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct MatterRecord {
    pub action: i64,
    pub urn: Urn,
    pub school: String,
    pub text: String,
    pub owner: String,
    pub due: Option<String>,
    /// Set at this meeting.
    pub from_meeting: i64,
    /// not yet reviewed, done, carried forward, dropped.
    pub outcome: String,
    pub note: String,
}

/// A deferral: the previous meeting's (returning to this agenda) or this meeting's.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct DeferralRecord {
    pub decision: i64,
    pub meeting: i64,
    pub urn: Urn,
    pub school: String,
    pub revisit_by: Option<String>,
    pub reason: String,
}

/// One action the meeting set (its later progress is in `termly actions`, so the minutes do
/// not change as it moves).
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct ActionRecord {
    pub id: i64,
    pub decision: i64,
    pub urn: Urn,
    pub school: String,
    pub text: String,
    pub owner: String,
    pub due: Option<String>,
}
