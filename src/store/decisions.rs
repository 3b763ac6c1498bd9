//! Decisions: append-only. (Meetings and agenda items are in `meetings.rs`.)
//!
//! A decision is written in one `BEGIN IMMEDIATE` transaction together with the category
//! change it makes; with WAL and `synchronous=FULL` it is on disk when `record_decision`
//! returns. Nothing here updates or deletes a decision: a correction is a revoking decision.

use super::db::{Db, DbError, DbResult, Row, TxMode};
use super::decision_context::DecisionContext;
use super::{Store, StoreError};
use crate::args;
use crate::config::Config;
use crate::model::{sanitize_text, Decision, DecisionKind, Meeting, Urn};
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

fn clean_text(s: &str) -> String {
    sanitize_text(s, true).trim().to_string()
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

    /// The school's decisions that still stand: not revokes, and not revoked.
    pub fn effective_decisions_for_school(&self, urn: Urn) -> Result<Vec<Decision>> {
        Ok(effective(&self.decisions_for_school(urn)?))
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

    /// The school's current category key (its latest history row).
    pub fn current_category(&self, urn: Urn) -> Result<Option<String>> {
        self.db
            .query_opt(
                "SELECT category FROM category_history WHERE urn = ?1 ORDER BY id DESC LIMIT 1",
                args![urn],
                |r| r.get(0),
            )
            .map_err(|e| self.decision_err(e))
    }

    /// Validate and durably record a decision (not a revocation: see [`Store::revoke`]).
    pub fn record_decision(
        &mut self,
        config: &Config,
        new: NewDecision,
        now: DateTime<FixedOffset>,
    ) -> Result<Decision> {
        self.record_decision_in_context(config, new, &DecisionContext::default(), now)
    }

    /// [`Store::record_decision`], with how it departs from the policy and what it
    /// supersedes written in the same transaction.
    pub fn record_decision_in_context(
        &mut self,
        config: &Config,
        new: NewDecision,
        context: &DecisionContext,
        now: DateTime<FixedOffset>,
    ) -> Result<Decision> {
        let request_id = new
            .request_id
            .as_deref()
            .map(str::trim)
            .filter(|r| !r.is_empty())
            .map(str::to_string);
        // A retry of a save whose commit did land: the decision is already recorded, and
        // checking the form again (a recategorise to the category it now has) would refuse it.
        if let Some(saved) = self.decision_for_request(&self.db, request_id.as_deref())? {
            return Ok(saved);
        }
        let kind = new
            .kind
            .ok_or_else(|| DecisionError::Invalid("choose what was decided".into()))?;
        if kind == DecisionKind::Revoke {
            return Err(DecisionError::Invalid(
                "to revoke a decision, name the decision to revoke".into(),
            ));
        }
        self.check_meeting_open(new.meeting_id)?;
        self.school_name(new.urn)?;
        let rationale = clean_text(&new.rationale);
        let actions = clean_text(&new.actions);
        let current = self.current_category(new.urn)?;
        let to_category = match kind {
            DecisionKind::Recategorise => Some(recategorise_to(
                config,
                new.to_category.as_deref(),
                current.as_deref(),
            )?),
            DecisionKind::Confirm => current.clone(),
            _ => None,
        };
        check_words(kind, &rationale, &actions)?;
        let decision = Decision {
            id: 0,
            meeting_id: new.meeting_id,
            urn: new.urn,
            kind,
            from_category: current,
            to_category,
            rationale,
            actions,
            owner: clean_line(&new.owner),
            due: new.due,
            recorded_by: clean_line(&new.recorded_by),
            recorded_at: timestamp(now),
            revokes: None,
            policy_reasons: clean_text(&new.policy_reasons),
        };
        let change = (kind == DecisionKind::Recategorise)
            .then(|| decision.to_category.clone())
            .flatten();
        if !context.departure.trim().is_empty() && rationale_missing(&decision) {
            return Err(DecisionError::Invalid(format!(
                "{}: give the reason",
                context.departure.trim()
            )));
        }
        let written = Written {
            category: change,
            context: Some(context),
            request_id: request_id.as_deref(),
        };
        self.insert_decision(decision, written, now)
    }

    /// The decision recorded under `request_id`, if one is.
    fn decision_for_request(&self, db: &Db, request_id: Option<&str>) -> Result<Option<Decision>> {
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

    /// Revoke an earlier decision by recording a new one. When the revoked decision changed
    /// the category and nothing since has (other than undone changes), the previous
    /// category is restored in the same transaction.
    pub fn revoke(
        &mut self,
        decision_id: i64,
        reason: &str,
        recorded_by: &str,
        meeting_id: i64,
        now: DateTime<FixedOffset>,
    ) -> Result<Decision> {
        self.check_meeting_open(meeting_id)?;
        let target = self.decision(decision_id)?;
        if target.kind == DecisionKind::Revoke {
            return Err(DecisionError::Invalid(format!(
                "decision #{decision_id} is itself a revocation and cannot be revoked; record a new decision instead"
            )));
        }
        if let Some(by) = self
            .db
            .query_opt(
                "SELECT id FROM decisions WHERE revokes = ?1",
                args![decision_id],
                |r| r.get::<i64>(0),
            )
            .map_err(|e| self.decision_err(e))?
        {
            return Err(DecisionError::Invalid(format!(
                "decision #{decision_id} was already revoked by decision #{by}"
            )));
        }
        let rationale = clean_text(reason);
        if rationale.is_empty() {
            return Err(DecisionError::Invalid(
                "a reason is required to revoke a decision".into(),
            ));
        }
        let current = self.current_category(target.urn)?;
        let restore = if target.kind == DecisionKind::Recategorise
            && current == target.to_category
            && self.is_latest_standing_change(&target)?
        {
            target.from_category.clone()
        } else {
            None
        };
        let decision = Decision {
            id: 0,
            meeting_id,
            urn: target.urn,
            kind: DecisionKind::Revoke,
            from_category: current.clone(),
            to_category: restore.clone().or(current),
            rationale,
            actions: String::new(),
            owner: String::new(),
            due: None,
            recorded_by: clean_line(recorded_by),
            recorded_at: timestamp(now),
            revokes: Some(decision_id),
            policy_reasons: String::new(),
        };
        let written = Written {
            category: restore,
            context: None,
            request_id: None,
        };
        self.insert_decision(decision, written, now)
    }

    /// True when every category change after `target`'s was a revocation or has been revoked.
    fn is_latest_standing_change(&self, target: &Decision) -> Result<bool> {
        let later_standing: i64 = self
            .db
            .value(
                "SELECT count(*) FROM category_history h
                 WHERE h.urn = ?1
                   AND h.id > (SELECT min(id) FROM category_history WHERE decision_id = ?2)
                   AND (h.decision_id IS NULL
                        OR (NOT EXISTS (SELECT 1 FROM decisions d WHERE d.id = h.decision_id AND d.kind = 'revoke')
                            AND NOT EXISTS (SELECT 1 FROM decisions r WHERE r.revokes = h.decision_id)))",
                args![target.urn, target.id],
            )
            .map_err(|e| self.decision_err(e))?;
        let has_row: i64 = self
            .db
            .value(
                "SELECT count(*) FROM category_history WHERE decision_id = ?1",
                args![target.id],
            )
            .map_err(|e| self.decision_err(e))?;
        Ok(has_row > 0 && later_standing == 0)
    }

    fn check_meeting_open(&self, meeting_id: i64) -> Result<Meeting> {
        let m = self.meeting(meeting_id)?;
        if m.closed_at.is_some() {
            return Err(DecisionError::Invalid(format!(
                "meeting #{meeting_id} is closed; open a new meeting to record decisions"
            )));
        }
        Ok(m)
    }

    /// One exclusive transaction: the decision and, if `category` is given, its history row.
    /// A decision already recorded under the same request id is returned instead; the check
    /// is inside the transaction, so two sessions retrying at once still record it once.
    fn insert_decision(
        &mut self,
        mut d: Decision,
        written: Written<'_>,
        now: DateTime<FixedOffset>,
    ) -> Result<Decision> {
        let Written {
            category,
            context,
            request_id,
        } = written;
        let tx = self
            .db
            .begin(TxMode::Exclusive)
            .map_err(|e| classify(&self.path, e))?;
        if let Some(saved) = self.decision_for_request(&tx, request_id)? {
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
            super::actions::follow_decision(&tx, &d, id)?;
            if let Some(cat) = &category {
                tx.execute(
                    "INSERT INTO category_history (urn, category, since, decision_id, recorded_at) VALUES (?1, ?2, ?3, ?4, ?5)",
                    args![
                        d.urn,
                        cat,
                        now.date_naive().format("%Y-%m-%d").to_string(),
                        id,
                        &d.recorded_at
                    ],
                )?;
            }
            if let Some(c) = context.filter(|c| !c.is_empty()) {
                tx.execute(
                    "INSERT INTO decision_context (decision_id, departure, supersedes, over_capacity) VALUES (?1, ?2, ?3, ?4)",
                    args![id, clean_text(&c.departure), c.supersedes, clean_text(&c.over_capacity)],
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

/// What is written beside a decision in its transaction.
struct Written<'a> {
    /// The category it moves the school to: a history row.
    category: Option<String>,
    context: Option<&'a DecisionContext>,
    /// The form's request id (see [`NewDecision::request_id`]).
    request_id: Option<&'a str>,
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

/// The category a recategorise moves to: named, known to the config, and not the one the
/// school is already in.
fn recategorise_to(config: &Config, to: Option<&str>, current: Option<&str>) -> Result<String> {
    let to = to.map(str::trim).unwrap_or("");
    if to.is_empty() {
        return Err(DecisionError::Invalid(
            "recategorise needs the new category".into(),
        ));
    }
    if config.category(to).is_none() {
        let known: Vec<&str> = config.categories.iter().map(|c| c.key.as_str()).collect();
        return Err(DecisionError::Invalid(format!(
            "`{to}` is not a category; expected one of {}",
            known.join(", ")
        )));
    }
    if current == Some(to) {
        return Err(DecisionError::Invalid(format!(
            "the school is already {}: record a confirm instead",
            config.category_label(to)
        )));
    }
    Ok(to.to_string())
}

/// A recategorise or deferral must say why; a note must say something.
fn check_words(kind: DecisionKind, rationale: &str, actions: &str) -> Result<()> {
    match kind {
        DecisionKind::Recategorise | DecisionKind::Defer if rationale.is_empty() => Err(
            DecisionError::Invalid(format!("a rationale is required to {}", kind.key())),
        ),
        DecisionKind::Note if rationale.is_empty() && actions.is_empty() => Err(
            DecisionError::Invalid("a note needs actions or a rationale".into()),
        ),
        _ => Ok(()),
    }
}

fn rationale_missing(d: &Decision) -> bool {
    d.rationale.trim().is_empty()
}

/// Decisions that still stand: revocations and the decisions they revoke are left out.
pub fn effective(decisions: &[Decision]) -> Vec<Decision> {
    let revoked: std::collections::HashSet<i64> =
        decisions.iter().filter_map(|d| d.revokes).collect();
    decisions
        .iter()
        .filter(|d| d.kind != DecisionKind::Revoke && !revoked.contains(&d.id))
        .cloned()
        .collect()
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
