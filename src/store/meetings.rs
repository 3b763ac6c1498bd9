//! Meetings and their hand-added agenda items. A meeting is opened (or resumed) for a
//! term, holds decisions while open, and is closed once; closed meetings refuse decisions.

use super::db::{DbError, DbResult, Row, TxMode, Value};
use super::decisions::{classify, clean_line, timestamp, DecisionError, Result};
use super::Store;
use crate::args;
use crate::model::{AgendaItem, Meeting, Urn};
use crate::term::Term;
use chrono::{DateTime, FixedOffset, NaiveDate};

pub(super) fn meeting_row(r: &Row<'_>) -> DbResult<Meeting> {
    let term: String = r.get(1)?;
    let date: String = r.get(2)?;
    let attendees: String = r.get(4)?;
    let bad = |column, message: String| DbError::Conversion { column, message };
    Ok(Meeting {
        id: r.get(0)?,
        term: term.parse::<Term>().map_err(|e| bad(1, e.to_string()))?,
        date: super::load::parse_date(&date).ok_or_else(|| bad(2, format!("bad date {date}")))?,
        chair: r.get(3)?,
        attendees: attendees
            .lines()
            .filter(|l| !l.trim().is_empty())
            .map(str::to_string)
            .collect(),
        opened_at: r.get(5)?,
        closed_at: r.get(6)?,
    })
}

pub(super) const MEETING_COLUMNS: &str = "id, term, date, chair, attendees, opened_at, closed_at";

impl Store {
    /// The open meeting of a term, or a new one. An open meeting is resumed as it is.
    pub fn open_or_resume_meeting(
        &mut self,
        term: Term,
        date: NaiveDate,
        chair: &str,
        attendees: &[String],
        now: DateTime<FixedOffset>,
    ) -> Result<Meeting> {
        if let Some(m) = self.open_meeting(term)? {
            return Ok(m);
        }
        let chair = clean_line(chair);
        if chair.is_empty() {
            return Err(DecisionError::Invalid(
                "a new meeting needs a chair: give the chair's name".into(),
            ));
        }
        let attendees: Vec<String> = attendees
            .iter()
            .map(|a| clean_line(a))
            .filter(|a| !a.is_empty())
            .collect();
        // Look again under the write lock: another termly starting at the same moment may
        // have opened the meeting since, and two open meetings for a term would split it.
        let tx = self
            .db
            .begin(TxMode::Exclusive)
            .map_err(|e| classify(&self.path, e))?;
        let existing: Option<i64> = tx
            .query_opt(
                "SELECT id FROM meetings WHERE term = ?1 AND closed_at IS NULL ORDER BY id DESC LIMIT 1",
                args![term.key()],
                |r| r.get(0),
            )
            .map_err(|e| classify(&self.path, e))?;
        let id = match existing {
            Some(id) => id,
            None => {
                let id = tx
                    .insert_id(
                    "INSERT INTO meetings (term, date, chair, attendees, opened_at) VALUES (?1, ?2, ?3, ?4, ?5) RETURNING id",
                    args![
                        term.key(),
                        date.format("%Y-%m-%d").to_string(),
                        &chair,
                        attendees.join("\n"),
                        timestamp(now)
                    ],
                )
                .map_err(|e| classify(&self.path, e))?;
                super::matters::carry_deferrals(&tx, id, &timestamp(now))
                    .map_err(|e| classify(&self.path, e))?;
                id
            }
        };
        tx.commit().map_err(|e| classify(&self.path, e))?;
        self.meeting(id)
    }

    pub fn close_meeting(&mut self, id: i64, now: DateTime<FixedOffset>) -> Result<Meeting> {
        let m = self.meeting(id)?;
        if m.closed_at.is_some() {
            return Err(DecisionError::Invalid(format!(
                "meeting #{id} is already closed"
            )));
        }
        self.db
            .execute(
                "UPDATE meetings SET closed_at = ?1 WHERE id = ?2",
                args![timestamp(now), id],
            )
            .map_err(|e| self.decision_err(e))?;
        self.meeting(id)
    }

    /// Every meeting, oldest first.
    pub fn meetings(&self) -> Result<Vec<Meeting>> {
        self.query_meetings(
            &format!("SELECT {MEETING_COLUMNS} FROM meetings ORDER BY id"),
            args![],
        )
    }

    /// One meeting; an unknown id is a `NotFound` error naming it.
    pub fn meeting(&self, id: i64) -> Result<Meeting> {
        self.query_meetings(
            &format!("SELECT {MEETING_COLUMNS} FROM meetings WHERE id = ?1"),
            args![id],
        )?
        .pop()
        .ok_or_else(|| DecisionError::NotFound(format!("there is no meeting #{id}")))
    }

    /// The newest meeting that was not abandoned.
    pub fn latest_meeting(&self) -> Result<Option<Meeting>> {
        Ok(self
            .query_meetings(
                &format!("SELECT {MEETING_COLUMNS} FROM meetings WHERE abandoned_at IS NULL ORDER BY id DESC LIMIT 1"),
                args![],
            )?
            .pop())
    }

    /// The term's meeting that has not been closed, if any (the newest).
    pub fn open_meeting(&self, term: Term) -> Result<Option<Meeting>> {
        Ok(self
            .query_meetings(
                &format!("SELECT {MEETING_COLUMNS} FROM meetings WHERE term = ?1 AND closed_at IS NULL ORDER BY id DESC LIMIT 1"),
                args![term.key()],
            )?
            .pop())
    }

    fn query_meetings(&self, sql: &str, args: &[Value]) -> Result<Vec<Meeting>> {
        self.db
            .query(sql, args, meeting_row)
            .map_err(|e| self.decision_err(e))
    }

    /// Add a school to a meeting's agenda by hand.
    pub fn add_agenda_item(
        &mut self,
        meeting_id: i64,
        urn: Urn,
        reason: &str,
        now: DateTime<FixedOffset>,
    ) -> Result<AgendaItem> {
        self.meeting(meeting_id)?;
        self.school_name(urn)?;
        let item = AgendaItem {
            meeting_id,
            urn,
            reason: clean_line(reason),
            added_at: timestamp(now),
        };
        self.db
            .execute(
                "INSERT INTO agenda_items (meeting_id, urn, reason, added_at) VALUES (?1, ?2, ?3, ?4)",
                args![item.meeting_id, item.urn, &item.reason, &item.added_at],
            )
            .map_err(|e| self.decision_err(e))?;
        Ok(item)
    }

    pub fn agenda_items(&self, meeting_id: i64) -> Result<Vec<AgendaItem>> {
        self.db
            .query(
                "SELECT meeting_id, urn, reason, added_at FROM agenda_items WHERE meeting_id = ?1 ORDER BY id",
                args![meeting_id],
                |r| {
                    Ok(AgendaItem {
                        meeting_id: r.get(0)?,
                        urn: r.get(1)?,
                        reason: r.get(2)?,
                        added_at: r.get(3)?,
                    })
                },
            )
            .map_err(|e| self.decision_err(e))
    }
}
