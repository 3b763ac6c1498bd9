//! The content of a meeting's minutes, as typed records: built by the meeting
//! (`meeting::minutes`), then written as Markdown or TOML. The TOML form is these structs
//! serialised, so it reads back as is.

use super::records::{ActionRecord, Circulation, DeferralRecord, MatterRecord};
use crate::model::Urn;
use serde::{Deserialize, Serialize};
use std::collections::BTreeMap;

/// Version 2 adds the marking and distribution, apologies and the next meeting, matters
/// arising, the actions and deferrals, and the policy's full reasons for schools not reached;
/// its counts leave out revoked decisions. Version 1 files are still read and checked.
pub const FORMAT_VERSION: u32 = 2;

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Minutes {
    pub format_version: u32,
    #[serde(default)]
    pub circulation: Circulation,
    pub meeting: MeetingRecord,
    pub summary: Summary,
    /// Actions open when the meeting opened, with what it did about each.
    #[serde(default)]
    pub matters_arising: Vec<MatterRecord>,
    /// Schools the previous meeting deferred, back on this agenda for decision.
    #[serde(default)]
    pub returning: Vec<DeferralRecord>,
    /// Actions the meeting's standing decisions set.
    #[serde(default)]
    pub actions: Vec<ActionRecord>,
    /// Schools this meeting deferred, with their revisit dates.
    #[serde(default)]
    pub deferred: Vec<DeferralRecord>,
    #[serde(default)]
    pub decisions: Vec<DecisionRecord>,
    /// Schools on the agenda that no decision reached.
    #[serde(default)]
    pub not_reached: Vec<AgendaRecord>,
    #[serde(default)]
    pub heatmap: Option<Heatmap>,
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct MeetingRecord {
    pub id: i64,
    /// `2026-27-autumn`.
    pub term: String,
    /// `yyyy-mm-dd`.
    pub date: String,
    pub chair: String,
    pub attendees: Vec<String>,
    pub opened_at: String,
    pub closed_at: Option<String>,
    #[serde(default)]
    pub apologies: Vec<String>,
    /// `yyyy-mm-dd`.
    #[serde(default)]
    pub next_meeting: Option<String>,
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Summary {
    /// Schools with a standing decision.
    pub schools_discussed: usize,
    /// Standing decisions, per kind (only kinds that occur, in kind order): revoked
    /// decisions and the revocations are not counted.
    pub decisions_by_kind: Vec<KindCount>,
    /// The meeting's decisions that were revoked.
    #[serde(default)]
    pub revoked: usize,
    /// Schools per category before the meeting's decisions and after them.
    pub categories: Vec<CategoryCount>,
    pub lama_hours_before: f64,
    pub lama_hours_after: f64,
    pub lama_hours_capacity: f64,
    /// One-day reviews a year the categories imply, and what the service can run.
    pub reviews_year_before: u32,
    pub reviews_year_after: u32,
    pub reviews_year_capacity: Option<u32>,
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct KindCount {
    pub kind: String,
    pub count: usize,
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct CategoryCount {
    /// Category key; empty for schools with no category.
    pub category: String,
    pub before: usize,
    pub after: usize,
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct DecisionRecord {
    pub id: i64,
    pub urn: Urn,
    pub school: String,
    pub kind: String,
    pub from_category: Option<String>,
    pub to_category: Option<String>,
    pub rationale: String,
    pub actions: String,
    pub owner: String,
    pub due: Option<String>,
    pub recorded_by: String,
    pub recorded_at: String,
    /// For a revocation: the decision it revokes.
    pub revokes: Option<i64>,
    pub policy_reasons: Vec<String>,
    /// Set when a later decision revoked this one.
    pub revoked_by: Option<i64>,
    pub revoked_reason: Option<String>,
    /// How the decision departs from the policy's suggestion (its reason is the rationale).
    #[serde(default, skip_serializing_if = "String::is_empty")]
    pub departure: String,
    /// The earlier decision of this meeting that this one supersedes.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub supersedes: Option<i64>,
    /// The capacities this decision took over what the service has.
    #[serde(default, skip_serializing_if = "String::is_empty")]
    pub over_capacity: String,
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct AgendaRecord {
    pub urn: Urn,
    pub school: String,
    /// Every reason it is on the agenda: the policy's and any given when it was added.
    pub reason: String,
    /// The policy's reasons for its suggestion, in full.
    #[serde(default)]
    pub policy_reasons: Vec<String>,
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Heatmap {
    pub term: String,
    /// Team keys in column order.
    pub teams: Vec<String>,
    pub rows: Vec<HeatRow>,
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct HeatRow {
    pub urn: Urn,
    pub school: String,
    /// Team key → score (sent, or derived from an indicator by a banding rule); teams
    /// without a score are left out.
    pub scores: BTreeMap<String, u8>,
    /// The composite of those scores, to two decimals; absent when no team scored (and in
    /// minutes written before termly recorded it).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub composite: Option<f64>,
}
