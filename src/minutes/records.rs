//! The parts of the minutes (format 2) that make them ready to circulate: the marking and
//! distribution, matters arising with their outcomes, the meeting's actions and deferrals.
//! Built from what the meeting service gathered; serialised as they are into the TOML.

use crate::actions::matters::{Deferral, MattersArising};
use crate::actions::ActionItem;
use crate::config::Config;
use crate::model::{Decision, DecisionKind, Urn};
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

impl Circulation {
    pub fn from_config(config: &Config) -> Circulation {
        let m = &config.minutes;
        Circulation {
            authority: m.authority.clone(),
            marking: m.marking.clone(),
            venue: m.venue.clone(),
            distribution: m.distribution.clone(),
        }
    }
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

fn day(d: Option<chrono::NaiveDate>) -> Option<String> {
    d.map(|d| d.format("%Y-%m-%d").to_string())
}

pub fn matters(meeting_id: i64, m: &MattersArising) -> Vec<MatterRecord> {
    m.actions
        .iter()
        .map(|a| {
            let outcome = MattersArising::outcome(a, meeting_id);
            let reviewed_here = a.changed_at_meeting == Some(meeting_id)
                || outcome != crate::actions::matters::Outcome::Pending;
            MatterRecord {
                action: a.id,
                urn: a.urn,
                school: a.school.clone(),
                text: a.text.clone(),
                owner: a.owner.clone(),
                due: day(a.due),
                from_meeting: a.meeting_id,
                outcome: outcome.label().to_string(),
                note: if reviewed_here {
                    a.note.clone()
                } else {
                    String::new()
                },
            }
        })
        .collect()
}

fn deferral(d: &Deferral) -> DeferralRecord {
    DeferralRecord {
        decision: d.decision_id,
        meeting: d.meeting_id,
        urn: d.urn,
        school: d.school.clone(),
        revisit_by: day(d.revisit_by),
        reason: d.rationale.clone(),
    }
}

pub fn returning(m: &MattersArising) -> Vec<DeferralRecord> {
    m.deferred.iter().map(deferral).collect()
}

/// This meeting's standing deferrals (revoked ones are only in the Revoked section).
pub fn deferred(standing: &[&Decision], name: impl Fn(Urn) -> String) -> Vec<DeferralRecord> {
    standing
        .iter()
        .filter(|d| d.kind == DecisionKind::Defer)
        .map(|d| DeferralRecord {
            decision: d.id,
            meeting: d.meeting_id,
            urn: d.urn,
            school: name(d.urn),
            revisit_by: day(d.due),
            reason: d.rationale.clone(),
        })
        .collect()
}

/// The actions the meeting's standing decisions set (a revoked decision's are dropped).
pub fn actions(items: &[ActionItem], standing: &[&Decision]) -> Vec<ActionRecord> {
    items
        .iter()
        .filter(|a| standing.iter().any(|d| d.id == a.decision_id))
        .map(|a| ActionRecord {
            id: a.id,
            decision: a.decision_id,
            urn: a.urn,
            school: a.school.clone(),
            text: a.text.clone(),
            owner: a.owner.clone(),
            due: day(a.due),
        })
        .collect()
}
