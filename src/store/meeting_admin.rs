//! Looking after meetings: listing them, abandoning one opened by mistake (recorded, never
//! deleted), and correcting who chaired and who attended, each change kept with its time.

use super::db::TxMode;
use super::decisions::{classify, clean_line, timestamp, DecisionError, Result};
use super::Store;
use crate::args;
use crate::model::Meeting;
use crate::term::Term;
use chrono::{DateTime, FixedOffset, NaiveDate};

/// One line of `termly meetings`.
#[derive(Debug, Clone, PartialEq)]
pub struct MeetingSummary {
    pub meeting: Meeting,
    /// Decisions recorded in it (revocations included).
    pub decisions: usize,
    pub abandoned_at: Option<String>,
}

/// A recorded correction to a meeting.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct MeetingChange {
    pub what: String,
    pub old_value: String,
    pub new_value: String,
    pub changed_at: String,
}

impl Store {
    /// Every meeting, oldest first, with its number of decisions and whether abandoned.
    pub fn meeting_summaries(&self) -> Result<Vec<MeetingSummary>> {
        let mut out = Vec::new();
        for meeting in self.meetings()? {
            let (decisions, abandoned_at): (i64, Option<String>) = self
                .db
                .query_one(
                    "SELECT (SELECT COUNT(*) FROM decisions WHERE meeting_id = ?1), abandoned_at FROM meetings WHERE id = ?1",
                    args![meeting.id],
                    |r| Ok((r.get(0)?, r.get(1)?)),
                )
                .map_err(|e| self.decision_err(e))?;
            out.push(MeetingSummary {
                meeting,
                decisions: decisions as usize,
                abandoned_at,
            });
        }
        Ok(out)
    }

    /// The term's latest closed meeting that was not abandoned, if any.
    pub fn closed_meeting(&self, term: Term) -> Result<Option<Meeting>> {
        let id: Option<i64> = self
            .db
            .query_opt(
                "SELECT id FROM meetings WHERE term = ?1 AND closed_at IS NOT NULL AND abandoned_at IS NULL ORDER BY id DESC LIMIT 1",
                args![term.key()],
                |r| r.get(0),
            )
            .map_err(|e| self.decision_err(e))?;
        id.map(|id| self.meeting(id)).transpose()
    }

    /// Abandon a meeting with no decisions: it is closed and marked abandoned (never
    /// deleted), so it is neither resumed nor "latest".
    pub fn abandon_meeting(&mut self, id: i64, now: DateTime<FixedOffset>) -> Result<Meeting> {
        let summary = self
            .meeting_summaries()?
            .into_iter()
            .find(|s| s.meeting.id == id)
            .ok_or_else(|| DecisionError::NotFound(format!("there is no meeting #{id}")))?;
        if summary.abandoned_at.is_some() {
            return Err(DecisionError::Invalid(format!(
                "meeting #{id} is already abandoned"
            )));
        }
        if summary.decisions > 0 {
            return Err(DecisionError::Invalid(format!(
                "meeting #{id} has {} decision(s): only an empty meeting can be abandoned",
                summary.decisions
            )));
        }
        let at = timestamp(now);
        let tx = self
            .db
            .begin(TxMode::Write)
            .map_err(|e| classify(&self.path, e))?;
        tx.execute(
            "UPDATE meetings SET abandoned_at = ?1, closed_at = COALESCE(closed_at, ?1) WHERE id = ?2",
            args![&at, id],
        )
        .and_then(|_| {
            tx.execute(
                "INSERT INTO meeting_changes (meeting_id, what, changed_at) VALUES (?1, 'abandoned', ?2)",
                args![id, &at],
            )
        })
        .map_err(|e| classify(&self.path, e))?;
        tx.commit().map_err(|e| classify(&self.path, e))?;
        self.meeting(id)
    }

    /// Correct who chairs a meeting.
    pub fn set_chair(
        &mut self,
        id: i64,
        chair: &str,
        now: DateTime<FixedOffset>,
    ) -> Result<Meeting> {
        let m = self.correctable(id)?;
        let chair = clean_line(chair);
        if chair.is_empty() {
            return Err(DecisionError::Invalid("the chair's name is empty".into()));
        }
        if chair != m.chair {
            self.change(id, "chair", &m.chair, &chair, "chair", &chair, now)?;
        }
        self.meeting(id)
    }

    /// Correct the day a meeting was held. Its decisions keep their term; the day orders
    /// the term's meetings in the record and dates its minutes.
    pub fn set_meeting_date(
        &mut self,
        id: i64,
        date: NaiveDate,
        now: DateTime<FixedOffset>,
    ) -> Result<Meeting> {
        let m = self.correctable(id)?;
        if date != m.date {
            let (old, new) = (m.date.to_string(), date.to_string());
            self.change(id, "date", &old, &new, "date", &new, now)?;
        }
        self.meeting(id)
    }

    /// Add someone to the attendees (a late arrival, or someone missed).
    pub fn add_attendee(
        &mut self,
        id: i64,
        name: &str,
        now: DateTime<FixedOffset>,
    ) -> Result<Meeting> {
        let m = self.correctable(id)?;
        let name = clean_line(name);
        if name.is_empty() {
            return Err(DecisionError::Invalid(
                "the attendee's name is empty".into(),
            ));
        }
        if m.attendees.contains(&name) {
            return Ok(m);
        }
        let mut all = m.attendees.clone();
        all.push(name.clone());
        self.change(
            id,
            "attendee_added",
            "",
            &name,
            "attendees",
            &all.join("\n"),
            now,
        )?;
        self.meeting(id)
    }

    /// Take someone off the attendees (listed by mistake).
    pub fn remove_attendee(
        &mut self,
        id: i64,
        name: &str,
        now: DateTime<FixedOffset>,
    ) -> Result<Meeting> {
        let m = self.correctable(id)?;
        let name = clean_line(name);
        if !m.attendees.contains(&name) {
            return Err(DecisionError::Invalid(format!(
                "{name} is not listed as attending meeting #{id}"
            )));
        }
        let all: Vec<String> = m.attendees.into_iter().filter(|a| *a != name).collect();
        self.change(
            id,
            "attendee_removed",
            &name,
            "",
            "attendees",
            &all.join("\n"),
            now,
        )?;
        self.meeting(id)
    }

    /// The recorded corrections to a meeting, oldest first.
    pub fn meeting_changes(&self, id: i64) -> Result<Vec<MeetingChange>> {
        self.db
            .query(
                "SELECT what, old_value, new_value, changed_at FROM meeting_changes WHERE meeting_id = ?1 ORDER BY id",
                args![id],
                |r| {
                    Ok(MeetingChange {
                        what: r.get(0)?,
                        old_value: r.get(1)?,
                        new_value: r.get(2)?,
                        changed_at: r.get(3)?,
                    })
                },
            )
            .map_err(|e| self.decision_err(e))
    }

    fn correctable(&self, id: i64) -> Result<Meeting> {
        let m = self.meeting(id)?;
        let abandoned = self
            .meeting_summaries()?
            .iter()
            .any(|s| s.meeting.id == id && s.abandoned_at.is_some());
        if abandoned {
            return Err(DecisionError::Invalid(format!(
                "meeting #{id} was abandoned"
            )));
        }
        Ok(m)
    }

    /// Set one column of the meeting and record the change, in one transaction.
    #[allow(clippy::too_many_arguments)]
    fn change(
        &mut self,
        id: i64,
        what: &str,
        old: &str,
        new: &str,
        column: &str,
        value: &str,
        now: DateTime<FixedOffset>,
    ) -> Result<()> {
        // `column` is one of three fixed names chosen above, never user text.
        let set = match column {
            "chair" => "UPDATE meetings SET chair = ?1 WHERE id = ?2",
            "date" => "UPDATE meetings SET date = ?1 WHERE id = ?2",
            _ => "UPDATE meetings SET attendees = ?1 WHERE id = ?2",
        };
        let tx = self
            .db
            .begin(TxMode::Write)
            .map_err(|e| classify(&self.path, e))?;
        tx.execute(set, args![value, id])
            .and_then(|_| {
                tx.execute(
                    "INSERT INTO meeting_changes (meeting_id, what, old_value, new_value, changed_at) VALUES (?1, ?2, ?3, ?4, ?5)",
                    args![id, what, old, new, timestamp(now)],
                )
            })
            .map_err(|e| classify(&self.path, e))?;
        tx.commit().map_err(|e| classify(&self.path, e))?;
        Ok(())
    }
}
