//! Apologies and the next meeting's date: set from the screen or `termly meetings`, read
//! by the minutes.

use super::decisions::{classify, Result};
use super::Store;
use crate::args;
use chrono::{DateTime, FixedOffset, NaiveDate};

/// A meeting's details for the circulated minutes.
#[derive(Debug, Clone, Default, PartialEq)]
pub struct MeetingDetails {
    pub apologies: Vec<String>,
    pub next_meeting: Option<NaiveDate>,
}

impl Store {
    pub fn meeting_details(&self, meeting_id: i64) -> Result<MeetingDetails> {
        let row: Option<(String, Option<String>)> = self
            .db
            .query_opt(
                "SELECT apologies, next_meeting FROM meeting_details WHERE meeting_id = ?1",
                args![meeting_id],
                |r| Ok((r.get(0)?, r.get(1)?)),
            )
            .map_err(|e| self.decision_err(e))?;
        let (apologies, next) = row.unwrap_or_default();
        Ok(MeetingDetails {
            apologies: apologies
                .lines()
                .map(str::trim)
                .filter(|l| !l.is_empty())
                .map(str::to_string)
                .collect(),
            next_meeting: next.as_deref().and_then(super::load::parse_date),
        })
    }

    /// Replace the meeting's apologies and next date (either may be left as it was).
    pub fn set_meeting_details(
        &mut self,
        meeting_id: i64,
        apologies: Option<&[String]>,
        next_meeting: Option<NaiveDate>,
        now: DateTime<FixedOffset>,
    ) -> Result<MeetingDetails> {
        self.meeting(meeting_id)?;
        let mut details = self.meeting_details(meeting_id)?;
        if let Some(names) = apologies {
            details.apologies = names
                .iter()
                .map(|n| super::decisions::clean_line(n))
                .filter(|n| !n.is_empty())
                .collect();
        }
        if next_meeting.is_some() {
            details.next_meeting = next_meeting;
        }
        self.db
            .execute(
                "INSERT INTO meeting_details (meeting_id, apologies, next_meeting, updated_at)
                 VALUES (?1, ?2, ?3, ?4)
                 ON CONFLICT (meeting_id) DO UPDATE SET apologies = excluded.apologies,
                     next_meeting = excluded.next_meeting, updated_at = excluded.updated_at",
                args![
                    meeting_id,
                    details.apologies.join("\n"),
                    details
                        .next_meeting
                        .map(|d| d.format("%Y-%m-%d").to_string()),
                    super::decisions::timestamp(now)
                ],
            )
            .map_err(|e| classify(&self.path, e))?;
        Ok(details)
    }
}
