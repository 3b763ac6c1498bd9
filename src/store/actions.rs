//! Actions and their status history. Born in the same transaction as the decision that sets
//! them; a revocation drops the revoked decision's open actions; every later change is a new
//! `action_events` row (the triggers refuse updates and deletes).

use super::db::{Db, DbResult, Row, TxMode, Value};
use super::decisions::{classify, DecisionError, Result};
use super::Store;
use crate::actions::{ActionItem, ActionStatus};
use crate::args;
use crate::model::{sanitize_text, ActionLine, Decision};
use chrono::{DateTime, FixedOffset, NaiveDate};

/// A change of an action's status, as someone makes it.
#[derive(Debug, Clone, PartialEq)]
pub struct ActionChange {
    pub action_id: i64,
    pub status: ActionStatus,
    /// Kept open at a later meeting's matters arising (status stays `Open`).
    pub carried: bool,
    pub note: String,
    pub by: String,
    /// The meeting where it was reviewed, if any.
    pub meeting_id: Option<i64>,
    /// Its new due date, when carried forward (required then).
    pub due: Option<NaiveDate>,
}

// The due date is the latest one an event set (carrying forward), else the action's own.
const ACTION_QUERY: &str = "SELECT a.id, a.urn, s.name, a.text, a.owner,
        COALESCE((SELECT x.due FROM action_events x WHERE x.action_id = a.id AND x.due IS NOT NULL ORDER BY x.id DESC LIMIT 1), a.due),
        a.decision_id,
        d.meeting_id, e.status, e.note, e.at, e.by_whom, e.carried, e.meeting_id
    FROM actions a
    JOIN decisions d ON d.id = a.decision_id
    JOIN schools s ON s.urn = a.urn
    JOIN action_events e ON e.id = (SELECT max(id) FROM action_events x WHERE x.action_id = a.id)";

fn action_row(r: &Row<'_>) -> DbResult<ActionItem> {
    let due: Option<String> = r.get(5)?;
    let status: String = r.get(8)?;
    Ok(ActionItem {
        id: r.get(0)?,
        urn: r.get(1)?,
        school: r.get(2)?,
        text: r.get(3)?,
        owner: r.get(4)?,
        due: due.as_deref().and_then(super::load::parse_date),
        decision_id: r.get(6)?,
        meeting_id: r.get(7)?,
        status: ActionStatus::parse(&status).unwrap_or(ActionStatus::Open),
        note: r.get(9)?,
        changed_at: r.get(10)?,
        changed_by: r.get(11)?,
        carried: r.get::<i64>(12)? == 1,
        changed_at_meeting: r.get(13)?,
    })
}

/// Inside the decision's transaction: record the actions it sets (checked by the meeting's
/// rules), or, for a revocation, drop the open actions of the decision it revokes.
pub(super) fn follow_decision(
    tx: &Db,
    d: &Decision,
    id: i64,
    actions: &[ActionLine],
) -> DbResult<()> {
    if let Some(revoked) = d.revokes {
        return tx
            .execute(
                "INSERT INTO action_events (action_id, status, note, meeting_id, by_whom, at)
                 SELECT a.id, 'dropped', CAST(?2 AS TEXT), CAST(?3 AS BIGINT), CAST(?4 AS TEXT), CAST(?5 AS TEXT) FROM actions a
                 WHERE a.decision_id = ?1
                   AND (SELECT status FROM action_events e WHERE e.action_id = a.id ORDER BY e.id DESC LIMIT 1) = 'open'",
                args![revoked, format!("decision #{revoked} revoked by #{id}"), d.meeting_id, &d.recorded_by, &d.recorded_at],
            )
            .map(|_| ());
    }
    for action in actions {
        let due = action.due.map(|x| x.format("%Y-%m-%d").to_string());
        let action_id = tx.insert_id(
            "INSERT INTO actions (decision_id, urn, text, owner, due, created_at) VALUES (?1, ?2, ?3, ?4, ?5, ?6) RETURNING id",
            args![id, d.urn, &action.text, &action.owner, &due, &d.recorded_at],
        )?;
        tx.execute(
            "INSERT INTO action_events (action_id, status, meeting_id, by_whom, at) VALUES (?1, 'open', ?2, ?3, ?4)",
            args![action_id, d.meeting_id, &d.recorded_by, &d.recorded_at],
        )?;
    }
    Ok(())
}

impl Store {
    /// Every action with its latest status, in the order set.
    pub fn actions(&self) -> Result<Vec<ActionItem>> {
        self.query_actions(&format!("{ACTION_QUERY} ORDER BY a.id"), args![])
    }

    /// One school's actions, in the order set.
    pub fn actions_for_school(&self, urn: crate::model::Urn) -> Result<Vec<ActionItem>> {
        self.query_actions(
            &format!("{ACTION_QUERY} WHERE a.urn = ?1 ORDER BY a.id"),
            args![urn],
        )
    }

    /// The actions set by one meeting's decisions.
    pub fn actions_of_meeting(&self, meeting_id: i64) -> Result<Vec<ActionItem>> {
        self.query_actions(
            &format!("{ACTION_QUERY} WHERE d.meeting_id = ?1 ORDER BY a.id"),
            args![meeting_id],
        )
    }

    /// Actions set at earlier meetings that were open when `meeting_id` opened: their
    /// latest change outside that meeting left them open. Their status is as of now.
    pub fn actions_arising_at(&self, meeting_id: i64) -> Result<Vec<ActionItem>> {
        self.query_actions(
            &format!(
                "{ACTION_QUERY} WHERE d.meeting_id < ?1
                   AND (SELECT status FROM action_events b WHERE b.action_id = a.id
                          AND (b.meeting_id IS NULL OR b.meeting_id <> ?1)
                        ORDER BY b.id DESC LIMIT 1) = 'open'
                 ORDER BY a.id"
            ),
            args![meeting_id],
        )
    }

    pub fn action(&self, id: i64) -> Result<ActionItem> {
        self.query_actions(&format!("{ACTION_QUERY} WHERE a.id = ?1"), args![id])?
            .pop()
            .ok_or_else(|| DecisionError::NotFound(format!("there is no action #{id}")))
    }

    fn query_actions(&self, sql: &str, args: &[Value]) -> Result<Vec<ActionItem>> {
        self.db
            .query(sql, args, action_row)
            .map_err(|e| self.decision_err(e))
    }

    /// Append a status change. Only an open action changes; dropping or carrying one
    /// forward needs a reason.
    pub fn change_action(
        &mut self,
        change: &ActionChange,
        now: DateTime<FixedOffset>,
    ) -> Result<ActionItem> {
        let current = self.action(change.action_id)?;
        if current.status != ActionStatus::Open {
            return Err(DecisionError::Invalid(format!(
                "action #{} is already {} ({})",
                current.id,
                current.status,
                current.changed_at.get(..10).unwrap_or(&current.changed_at)
            )));
        }
        let note = sanitize_text(&change.note, false).trim().to_string();
        let needs_reason = change.status == ActionStatus::Dropped || change.carried;
        if needs_reason && note.is_empty() {
            return Err(DecisionError::Invalid(format!(
                "say why action #{} is {}",
                current.id,
                if change.carried {
                    "carried forward"
                } else {
                    "dropped"
                }
            )));
        }
        if change.carried && change.status != ActionStatus::Open {
            return Err(DecisionError::Invalid(
                "only an open action is carried forward".into(),
            ));
        }
        if change.carried && change.due.is_none() {
            return Err(DecisionError::Invalid(format!(
                "give action #{} its new due date to carry it forward",
                current.id
            )));
        }
        if change.due.is_some() && !change.carried {
            return Err(DecisionError::Invalid(
                "a new due date is given only when an action is carried forward".into(),
            ));
        }
        let by = sanitize_text(&change.by, false).trim().to_string();
        let tx = self
            .db
            .begin(TxMode::Exclusive)
            .map_err(|e| classify(&self.path, e))?;
        tx.execute(
            "INSERT INTO action_events (action_id, status, carried, note, meeting_id, by_whom, at, due) VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8)",
            args![
                change.action_id,
                change.status.key(),
                change.carried,
                note,
                change.meeting_id,
                by,
                super::decisions::timestamp(now),
                change.due.map(|d| d.format("%Y-%m-%d").to_string())
            ],
        )
        .map_err(|e| classify(&self.path, e))?;
        tx.commit().map_err(|e| classify(&self.path, e))?;
        self.action(change.action_id)
    }
}

#[cfg(test)]
mod migration {
    use super::super::{embedded, Store};
    use crate::actions::ActionStatus;
    use rusqlite::Connection;

    /// A database from before actions were records: its decisions' actions become actions,
    /// open, or dropped when the decision was revoked; a deferral's date is not a due date.
    #[test]
    fn earlier_decisions_actions_become_records() {
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("old.db");
        let mut conn = Connection::open(&path).unwrap();
        embedded::migrations::runner()
            .set_target(refinery::Target::Version(5))
            .run(&mut conn)
            .unwrap();
        conn.execute_batch(
            "INSERT INTO schools (urn, name, phase, establishment_type, maintained) VALUES (100001, 'A', 'primary', 'Community school', 1);
             INSERT INTO meetings (id, term, date, chair, opened_at) VALUES (1, '2026-27-autumn', '2026-11-23', 'C', '2026-11-23T09:00:00+00:00');
             INSERT INTO decisions (meeting_id, urn, kind, rationale, actions, owner, due, recorded_by, recorded_at)
               VALUES (1, 100001, 'note', '', 'Visit', 'EWO lead', '2026-12-11', 'C', '2026-11-23T09:10:00+00:00'),
                      (1, 100001, 'defer', 'Wait', 'Ask the head', 'SIP', '2027-01-29', 'C', '2026-11-23T09:11:00+00:00'),
                      (1, 100001, 'note', '', 'Wrong one', '', NULL, 'C', '2026-11-23T09:12:00+00:00');
             INSERT INTO decisions (meeting_id, urn, kind, rationale, recorded_by, recorded_at, revokes)
               VALUES (1, 100001, 'revoke', 'Mistake', 'C', '2026-11-23T09:13:00+00:00', 3);",
        )
        .unwrap();
        drop(conn);
        let store = Store::open(&path).unwrap();
        let actions = store.actions().unwrap();
        let seen: Vec<(&str, Option<String>, ActionStatus)> = actions
            .iter()
            .map(|a| (a.text.as_str(), a.due.map(|d| d.to_string()), a.status))
            .collect();
        assert_eq!(
            seen,
            [
                ("Visit", Some("2026-12-11".into()), ActionStatus::Open),
                ("Ask the head", None, ActionStatus::Open),
                ("Wrong one", None, ActionStatus::Dropped),
            ]
        );
    }
}
