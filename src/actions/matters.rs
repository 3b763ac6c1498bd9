//! Matters arising: what a new meeting takes up from earlier ones before its agenda. The
//! actions still open when it opened (with what this meeting did about each), and the
//! schools the previous meeting deferred, which join its agenda for decision.

use super::{ActionItem, ActionStatus};
use crate::model::Urn;
use chrono::NaiveDate;

/// A school the previous meeting deferred.
#[derive(Debug, Clone, PartialEq)]
pub struct Deferral {
    pub decision_id: i64,
    pub meeting_id: i64,
    pub urn: Urn,
    pub school: String,
    pub rationale: String,
    pub revisit_by: Option<NaiveDate>,
}

impl Deferral {
    /// The reason the school is on the new agenda.
    pub fn agenda_reason(&self) -> String {
        let by = self
            .revisit_by
            .map(|d| format!(", revisit by {}", d.format("%-d %b %Y")))
            .unwrap_or_default();
        format!(
            "deferred at meeting #{} (decision #{}{by}): {}",
            self.meeting_id, self.decision_id, self.rationale
        )
    }
}

#[derive(Debug, Clone, Default, PartialEq)]
pub struct MattersArising {
    /// The meeting before this one, if any.
    pub previous_meeting: Option<i64>,
    /// Actions open when this meeting opened, with their status now.
    pub actions: Vec<ActionItem>,
    pub deferred: Vec<Deferral>,
}

/// What the meeting did about an action it took up.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Outcome {
    /// Not yet taken up.
    Pending,
    Done,
    CarriedForward,
    Dropped,
}

impl Outcome {
    pub fn label(self) -> &'static str {
        match self {
            Outcome::Pending => "not yet reviewed",
            Outcome::Done => "done",
            Outcome::CarriedForward => "carried forward",
            Outcome::Dropped => "dropped",
        }
    }
}

impl MattersArising {
    pub fn is_empty(&self) -> bool {
        self.actions.is_empty() && self.deferred.is_empty()
    }

    /// What the meeting `meeting_id` (the one these matters arise in) did about `a`.
    pub fn outcome(a: &ActionItem, meeting_id: i64) -> Outcome {
        match a.status {
            ActionStatus::Done => Outcome::Done,
            ActionStatus::Dropped => Outcome::Dropped,
            ActionStatus::Open if a.carried && a.changed_at_meeting == Some(meeting_id) => {
                Outcome::CarriedForward
            }
            ActionStatus::Open => Outcome::Pending,
        }
    }
}
