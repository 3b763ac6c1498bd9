//! The rows kept beside a decision (see [`DecisionContext`]): read for the minutes and the
//! screen; written in the decision's own transaction by `decisions.rs`.

use super::decisions::Result;
use super::Store;
use crate::args;
use crate::model::DecisionContext;
use std::collections::HashMap;

/// A stored text column: empty means absent.
fn present(s: String) -> Option<String> {
    (!s.trim().is_empty()).then_some(s)
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
                            departure: present(r.get(1)?),
                            supersedes: r.get(2)?,
                            over_capacity: present(r.get(3)?),
                        },
                    ))
                },
            )
            .map_err(|e| self.decision_err(e))?;
        Ok(rows.into_iter().collect())
    }
}
