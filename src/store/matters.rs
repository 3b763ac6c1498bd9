//! Matters arising: the previous meeting's standing deferrals (carried onto a new meeting's
//! agenda when it opens) and the actions still open, read together for the screen and the
//! minutes.

use super::db::{Db, DbResult, Row};
use super::decisions::Result;
use super::Store;
use crate::actions::matters::{Deferral, MattersArising};
use crate::args;

/// Standing deferrals (not revoked) of the last meeting before `meeting_id`.
const DEFERRALS: &str = "SELECT d.id, d.meeting_id, d.urn, s.name, d.rationale, d.due
    FROM decisions d JOIN schools s ON s.urn = d.urn
    WHERE d.kind = 'defer'
      AND d.meeting_id = (SELECT max(id) FROM meetings WHERE id < ?1)
      AND NOT EXISTS (SELECT 1 FROM decisions r WHERE r.revokes = d.id)
    ORDER BY d.id";

fn deferral_row(r: &Row<'_>) -> DbResult<Deferral> {
    let due: Option<String> = r.get(5)?;
    Ok(Deferral {
        decision_id: r.get(0)?,
        meeting_id: r.get(1)?,
        urn: r.get(2)?,
        school: r.get(3)?,
        rationale: r.get(4)?,
        revisit_by: due.as_deref().and_then(super::load::parse_date),
    })
}

/// Inside the transaction that creates meeting `meeting_id`: put each school the previous
/// meeting deferred on its agenda, the deferral being the reason.
pub(super) fn carry_deferrals(tx: &Db, meeting_id: i64, at: &str) -> DbResult<()> {
    let deferrals = tx.query(DEFERRALS, args![meeting_id], deferral_row)?;
    for d in deferrals {
        tx.execute(
            "INSERT INTO agenda_items (meeting_id, urn, reason, added_at) VALUES (?1, ?2, ?3, ?4)",
            args![meeting_id, d.urn, d.agenda_reason(), at],
        )?;
    }
    Ok(())
}

impl Store {
    /// What meeting `meeting_id` takes up before its agenda.
    pub fn matters_arising(&self, meeting_id: i64) -> Result<MattersArising> {
        let previous: Option<i64> = self
            .db
            .value(
                "SELECT max(id) FROM meetings WHERE id < ?1",
                args![meeting_id],
            )
            .map_err(|e| self.decision_err(e))?;
        let deferred = self
            .db
            .query(DEFERRALS, args![meeting_id], deferral_row)
            .map_err(|e| self.decision_err(e))?;
        Ok(MattersArising {
            previous_meeting: previous,
            actions: self.actions_arising_at(meeting_id)?,
            deferred,
        })
    }
}
