//! Decisions: append-only. (Meetings and agenda items are in `meetings.rs`.)
//!
//! A decision the meeting's rules have checked (`meeting::record`) is written in one
//! `BEGIN IMMEDIATE` transaction with its actions and context; with WAL and
//! `synchronous=FULL` it is on disk when `insert_decision` returns. Nothing here updates or
//! deletes a decision: a correction is a revoking decision.

use super::db::{Db, DbError, DbResult, Row, TxMode};
use super::load::parse_date;
use super::{Store, StoreError};
use crate::args;
use crate::model::{ActionLine, CategorySpell, Decision, DecisionContext, DecisionKind, Urn};
use crate::text::sanitize_text;
use chrono::{DateTime, FixedOffset, SecondsFormat};

/// Why a meeting or decision could not be saved. Validation errors mean "fix the form";
/// `Locked`, `Full`, `Unreachable`, `ReadOnly` and `Refused` mean "nothing was saved; the
/// input is still good".
#[derive(Debug, thiserror::Error)]
pub enum DecisionError {
    #[error("{0}")]
    Invalid(String),
    #[error("{0}")]
    NotFound(String),
    #[error("not saved: the database is busy (another termly is writing); try again ({0})")]
    Locked(String),
    #[error("not saved: the disk is full; free some space and try again ({0})")]
    Full(String),
    #[error("not saved: the database is read-only ({0})")]
    ReadOnly(String),
    #[error("not saved: the database is unreachable; your text is kept — try again when it is back ({0})")]
    Unreachable(String),
    #[error("not saved: the database refused this role the write ({0})")]
    Refused(String),
    #[error(transparent)]
    Store(#[from] StoreError),
}

/// What kind of failure a [`DecisionError`] is, for whoever decides what happens next.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum FailureKind {
    /// The input was wrong: correct it.
    Input,
    /// Storage refused for now (busy, disk full): the same input may succeed later.
    Busy,
    /// Storage refused outright (read-only, damaged): trying again will not help by itself.
    Refused,
}

impl DecisionError {
    pub fn kind(&self) -> FailureKind {
        match self {
            DecisionError::Invalid(_) | DecisionError::NotFound(_) => FailureKind::Input,
            DecisionError::Locked(_) | DecisionError::Full(_) | DecisionError::Unreachable(_) => {
                FailureKind::Busy
            }
            DecisionError::ReadOnly(_) | DecisionError::Refused(_) | DecisionError::Store(_) => {
                FailureKind::Refused
            }
        }
    }
}

pub type Result<T> = std::result::Result<T, DecisionError>;

pub use crate::model::NewDecision;

/// The stored form of a time: RFC 3339 to the second.
pub fn timestamp(now: DateTime<FixedOffset>) -> String {
    now.to_rfc3339_opts(SecondsFormat::Secs, false)
}

pub(crate) const DECISION_COLUMNS: &str = "id, meeting_id, urn, kind, from_category, to_category, rationale, actions, owner, due, recorded_by, recorded_at, revokes, policy_reasons";

/// A decision from a row of [`DECISION_COLUMNS`].
pub(crate) fn read_decision(r: &Row<'_>) -> DbResult<Decision> {
    let kind: String = r.get(3)?;
    let due: Option<String> = r.get(9)?;
    Ok(Decision {
        id: r.get(0)?,
        meeting_id: r.get(1)?,
        urn: r.get(2)?,
        kind: DecisionKind::parse(&kind).unwrap_or(DecisionKind::Note),
        from_category: r.get(4)?,
        to_category: r.get(5)?,
        rationale: r.get(6)?,
        actions: r.get(7)?,
        owner: r.get(8)?,
        due: due.as_deref().and_then(super::load::parse_date),
        recorded_by: r.get(10)?,
        recorded_at: r.get(11)?,
        revokes: r.get(12)?,
        policy_reasons: r.get(13)?,
    })
}

pub(super) fn clean_line(s: &str) -> String {
    sanitize_text(s, false).trim().to_string()
}

impl Store {
    /// Sort a database failure into retryable storage trouble, a refusal, or a plain
    /// storage error.
    pub fn decision_err(&self, e: DbError) -> DecisionError {
        classify(&self.path, e)
    }

    fn query_decisions(&self, sql: &str, args: &[super::db::Value]) -> Result<Vec<Decision>> {
        self.db
            .query(sql, args, read_decision)
            .map_err(|e| self.decision_err(e))
    }

    pub fn decision(&self, id: i64) -> Result<Decision> {
        self.query_decisions(
            &format!("SELECT {DECISION_COLUMNS} FROM decisions WHERE id = ?1"),
            args![id],
        )?
        .pop()
        .ok_or_else(|| DecisionError::NotFound(format!("there is no decision #{id}")))
    }

    /// A meeting's decisions in the order recorded.
    pub fn decisions_for_meeting(&self, meeting_id: i64) -> Result<Vec<Decision>> {
        self.query_decisions(
            &format!("SELECT {DECISION_COLUMNS} FROM decisions WHERE meeting_id = ?1 ORDER BY id"),
            args![meeting_id],
        )
    }

    /// A school's decisions in the order recorded.
    pub fn decisions_for_school(&self, urn: Urn) -> Result<Vec<Decision>> {
        self.query_decisions(
            &format!("SELECT {DECISION_COLUMNS} FROM decisions WHERE urn = ?1 ORDER BY id"),
            args![urn],
        )
    }

    /// Revoking decisions (from any meeting) that point at one of this meeting's decisions.
    pub fn revocations_for_meeting(&self, meeting_id: i64) -> Result<Vec<Decision>> {
        self.query_decisions(
            &format!("SELECT {DECISION_COLUMNS} FROM decisions WHERE revokes IN (SELECT id FROM decisions WHERE meeting_id = ?1) ORDER BY id"),
            args![meeting_id],
        )
    }

    /// The school's name; an unknown URN is a validation error naming it.
    pub fn school_name(&self, urn: Urn) -> Result<String> {
        self.db
            .query_opt("SELECT name FROM schools WHERE urn = ?1", args![urn], |r| {
                r.get(0)
            })
            .map_err(|e| self.decision_err(e))?
            .ok_or_else(|| DecisionError::Invalid(format!("there is no school with URN {urn}")))
    }

    /// The categories imported for a school from support files, in the order written.
    pub fn imported_categories(&self, urn: Urn) -> Result<Vec<CategorySpell>> {
        let rows: Vec<(String, String)> = self
            .db
            .query(
                "SELECT category, since FROM category_history WHERE urn = ?1 AND decision_id IS NULL ORDER BY id",
                args![urn],
                |r| Ok((r.get(0)?, r.get(1)?)),
            )
            .map_err(|e| self.decision_err(e))?;
        Ok(rows
            .into_iter()
            .filter_map(|(category, since)| {
                Some(CategorySpell::imported(urn, category, parse_date(&since)?))
            })
            .collect())
    }

    /// The decision that revoked `decision_id`, if one did.
    pub fn revoked_by(&self, decision_id: i64) -> Result<Option<i64>> {
        self.db
            .query_opt(
                "SELECT id FROM decisions WHERE revokes = ?1",
                args![decision_id],
                |r| r.get::<i64>(0),
            )
            .map_err(|e| self.decision_err(e))
    }

    /// The decision recorded under `request_id`, if one is.
    pub fn decision_for_request(&self, request_id: Option<&str>) -> Result<Option<Decision>> {
        self.decision_for_request_in(&self.db, request_id)
    }

    fn decision_for_request_in(
        &self,
        db: &Db,
        request_id: Option<&str>,
    ) -> Result<Option<Decision>> {
        let Some(request_id) = request_id else {
            return Ok(None);
        };
        db.query_opt(
            &format!("SELECT {DECISION_COLUMNS} FROM decisions WHERE request_id = ?1"),
            args![request_id],
            read_decision,
        )
        .map_err(|e| self.decision_err(e))
    }

    /// Write a decision the meeting's rules have checked, with its context, in one
    /// exclusive transaction; durable when this returns. A decision already recorded under
    /// the same request id is returned instead; the check is inside the transaction, so two
    /// sessions retrying at once still record it once.
    pub fn insert_decision(
        &mut self,
        mut d: Decision,
        context: Option<&DecisionContext>,
        request_id: Option<&str>,
        actions: &[ActionLine],
    ) -> Result<Decision> {
        let tx = self
            .db
            .begin(TxMode::Exclusive)
            .map_err(|e| classify(&self.path, e))?;
        if let Some(saved) = self.decision_for_request_in(&tx, request_id)? {
            return Ok(saved);
        }
        let result = (|| {
            let id = tx.insert_id(
                "INSERT INTO decisions (meeting_id, urn, kind, from_category, to_category, rationale, actions, owner, due, recorded_by, recorded_at, revokes, policy_reasons, request_id)
                 VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10, ?11, ?12, ?13, ?14) RETURNING id",
                args![
                    d.meeting_id,
                    d.urn,
                    d.kind.key(),
                    &d.from_category,
                    &d.to_category,
                    &d.rationale,
                    &d.actions,
                    &d.owner,
                    d.due.map(|x| x.format("%Y-%m-%d").to_string()),
                    &d.recorded_by,
                    &d.recorded_at,
                    d.revokes,
                    &d.policy_reasons,
                    request_id
                ],
            )?;
            super::actions::follow_decision(&tx, &d, id, actions)?;
            if let Some(c) = context.filter(|c| !c.is_empty()) {
                tx.execute(
                    "INSERT INTO decision_context (decision_id, departure, supersedes, over_capacity) VALUES (?1, ?2, ?3, ?4)",
                    args![
                        id,
                        c.departure.as_deref().unwrap_or(""),
                        c.supersedes,
                        c.over_capacity.as_deref().unwrap_or("")
                    ],
                )?;
            }
            Ok::<i64, DbError>(id)
        })();
        let id = result.map_err(|e| classify(&self.path, e))?;
        tx.commit().map_err(|e| classify(&self.path, e))?;
        d.id = id;
        Ok(d)
    }
}

/// `decision_err` without borrowing the store (used while a transaction holds it).
pub(super) fn classify(path: &std::path::Path, e: DbError) -> DecisionError {
    let text = e.to_string();
    if e.is_busy() {
        DecisionError::Locked(text)
    } else if e.is_disk_full() {
        DecisionError::Full(text)
    } else if e.is_read_only() {
        DecisionError::ReadOnly(text)
    } else if e.is_unreachable() {
        DecisionError::Unreachable(text)
    } else if e.is_permission_denied() {
        DecisionError::Refused(text)
    } else {
        DecisionError::Store(StoreError::Database {
            path: path.display().to_string(),
            source: e,
        })
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_lost_server_is_retryable_and_keeps_the_text() {
        let e = classify(
            std::path::Path::new("postgres://h/db"),
            DbError::Unreachable("connection closed".into()),
        );
        assert!(matches!(e, DecisionError::Unreachable(_)), "{e:?}");
        assert_eq!(e.kind(), FailureKind::Busy);
        let text = e.to_string();
        assert!(
            text.contains("the database is unreachable; your text is kept"),
            "{text}"
        );
    }

    #[test]
    fn busy_and_full_sqlite_errors_are_retryable() {
        let sqlite = |code| {
            DbError::Sqlite(rusqlite::Error::SqliteFailure(
                rusqlite::ffi::Error::new(code),
                None,
            ))
        };
        let path = std::path::Path::new("t.db");
        let busy = classify(path, sqlite(rusqlite::ffi::SQLITE_BUSY));
        let full = classify(path, sqlite(rusqlite::ffi::SQLITE_FULL));
        let read_only = classify(path, sqlite(rusqlite::ffi::SQLITE_READONLY));
        assert!(matches!(busy, DecisionError::Locked(_)), "{busy:?}");
        assert!(matches!(full, DecisionError::Full(_)), "{full:?}");
        assert_eq!(busy.kind(), FailureKind::Busy);
        assert_eq!(full.kind(), FailureKind::Busy);
        assert_eq!(read_only.kind(), FailureKind::Refused);
    }
}
