//! The numbers of a meeting's agenda items. They are given once, in the order the agenda
//! had when the meeting opened; schools that join the agenda later go on the end.

use super::db::TxMode;
use super::decisions::{classify, Result};
use super::Store;
use crate::args;
use crate::model::Urn;

impl Store {
    /// The meeting's agenda in number order (item 1 first).
    pub fn agenda_numbers(&self, meeting_id: i64) -> Result<Vec<Urn>> {
        self.db
            .query(
                "SELECT urn FROM agenda_numbers WHERE meeting_id = ?1 ORDER BY number",
                args![meeting_id],
                |r| r.get(0),
            )
            .map_err(|e| self.decision_err(e))
    }

    /// Number every school of `agenda` (in its order) that has no number in the meeting yet,
    /// after the numbers already given; returns the whole agenda in number order. Numbers
    /// already given never change, so running this again is harmless.
    pub fn number_agenda(&mut self, meeting_id: i64, agenda: &[Urn]) -> Result<Vec<Urn>> {
        let known = self.agenda_numbers(meeting_id)?;
        let new: Vec<Urn> = agenda
            .iter()
            .copied()
            .filter(|u| !known.contains(u))
            .collect();
        if new.is_empty() {
            return Ok(known);
        }
        let tx = self
            .db
            .begin(TxMode::Exclusive)
            .map_err(|e| classify(&self.path, e))?;
        for urn in &new {
            tx.execute(
                "INSERT INTO agenda_numbers (meeting_id, number, urn)
                 SELECT CAST(?1 AS BIGINT), COALESCE(MAX(number), 0) + 1, CAST(?2 AS BIGINT)
                 FROM agenda_numbers WHERE meeting_id = ?1
                 ON CONFLICT DO NOTHING",
                args![meeting_id, *urn],
            )
            .map_err(|e| classify(&self.path, e))?;
        }
        tx.commit().map_err(|e| classify(&self.path, e))?;
        self.agenda_numbers(meeting_id)
    }
}

#[cfg(test)]
mod tests {
    use crate::store::Store;
    use chrono::{NaiveDate, TimeZone, Utc};

    fn store_with_schools(urns: &[u32]) -> Store {
        let s = Store::open_in_memory().expect("store");
        for u in urns {
            s.db
                .execute(
                    "INSERT INTO schools (urn, name, phase, establishment_type, maintained) VALUES (?1, 'S', 'primary', 'Community school', 1)",
                    crate::args![*u],
                )
                .expect("school");
        }
        s
    }

    #[test]
    fn numbers_stay_put_and_additions_go_on_the_end() {
        let mut s = store_with_schools(&[1, 2, 3, 4]);
        let now = Utc
            .with_ymd_and_hms(2026, 11, 27, 10, 0, 0)
            .unwrap()
            .fixed_offset();
        let date = NaiveDate::from_ymd_opt(2026, 11, 27).unwrap();
        let m = s
            .open_or_resume_meeting("2026-27 autumn".parse().unwrap(), date, "Chair", &[], now)
            .unwrap();
        assert_eq!(s.number_agenda(m.id, &[3, 1]).unwrap(), vec![3, 1]);
        // The policy's order changed and a school joined: old numbers hold, 4 goes last.
        assert_eq!(s.number_agenda(m.id, &[1, 4, 3]).unwrap(), vec![3, 1, 4]);
        assert_eq!(s.agenda_numbers(m.id).unwrap(), vec![3, 1, 4]);
    }
}
