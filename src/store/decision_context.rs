//! What is kept beside a decision so the council can defend it: how it departs from the
//! policy's suggestion, the earlier decision of the same meeting it supersedes, and the
//! capacities it took over what the service has.

use super::decisions::Result;
use super::Store;
use crate::args;
use std::collections::HashMap;

/// A decision's context. Empty for most decisions (nothing is then written).
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct DecisionContext {
    /// How the decision departs from the policy, in words; empty when it follows it. The
    /// reason is the decision's rationale, which is then required.
    pub departure: String,
    /// The earlier decision in the meeting that this one replaces.
    pub supersedes: Option<i64>,
    /// The capacities the decision took over what the service has, in words (recorded
    /// after the chair's extra key); empty when within capacity.
    pub over_capacity: String,
}

impl DecisionContext {
    pub fn is_empty(&self) -> bool {
        self.departure.trim().is_empty()
            && self.supersedes.is_none()
            && self.over_capacity.trim().is_empty()
    }
}

impl Store {
    /// The context of every decision in the meeting that has one, by decision id.
    pub fn decision_contexts(&self, meeting_id: i64) -> Result<HashMap<i64, DecisionContext>> {
        let rows = self
            .db
            .query(
                "SELECT c.decision_id, c.departure, c.supersedes, c.over_capacity FROM decision_context c
                 JOIN decisions d ON d.id = c.decision_id WHERE d.meeting_id = ?1",
                args![meeting_id],
                |r| {
                    Ok((
                        r.get::<i64>(0)?,
                        DecisionContext {
                            departure: r.get(1)?,
                            supersedes: r.get(2)?,
                            over_capacity: r.get(3)?,
                        },
                    ))
                },
            )
            .map_err(|e| self.decision_err(e))?;
        Ok(rows.into_iter().collect())
    }
}
