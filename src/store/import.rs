//! Writing imported values: an [`ImportBatch`] is one transaction, committed whole or not at
//! all. It takes plain model values (schools, inspections, support rows, score rows,
//! indicators), never files; [`crate::import`] decides what to write. The `imports` log
//! keeps each target's last file hash, so an unchanged file can be left alone.

use super::{Store, StoreError};
use crate::model::{Inspection, InspectionOutcome, School, ScoreRow, SupportRow, Urn};
use rusqlite::{params, OptionalExtension, Transaction};
use std::collections::HashSet;

/// What an imported file fed: `kind` (register, support, inspections, scores, or
/// `source:<name>` for indicators from a source), for a term and team when it has them.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Target {
    pub kind: String,
    pub term: Option<String>,
    pub team: Option<String>,
}

/// Indicator rows written by a team's own scores file; a source writes `source:<name>`.
const SCORES_ORIGIN: &str = "";

impl Store {
    /// URNs already in the database.
    pub fn known_urns(&self) -> Result<HashSet<Urn>> {
        let mut stmt = self
            .conn()
            .prepare_cached("SELECT urn FROM schools")
            .map_err(|e| self.err(e))?;
        let rows = stmt
            .query_map([], |r| r.get::<_, Urn>(0))
            .map_err(|e| self.err(e))?;
        rows.collect::<rusqlite::Result<HashSet<_>>>()
            .map_err(|e| self.err(e))
    }

    /// Start an import: one transaction for everything written until [`ImportBatch::commit`].
    pub fn begin_import(&mut self) -> Result<ImportBatch<'_>> {
        let path = self.path().display().to_string();
        if self.is_read_only() {
            return Err(StoreError::Invalid(format!(
                "database {path} is read-only: cannot import"
            )));
        }
        let wrap = |source: rusqlite::Error| StoreError::Database {
            path: path.clone(),
            source: source.into(),
        };
        // A large import touches every page of the score tables: a bigger page cache keeps
        // SQLite from spilling dirty pages to the WAL mid-transaction.
        self.conn()
            .execute_batch("PRAGMA cache_size = -131072")
            .map_err(wrap)?;
        let tx = super::sqlite_mut(&mut self.db)
            .transaction()
            .map_err(wrap)?;
        Ok(ImportBatch { tx, path })
    }
}

/// One import's writes, in one transaction (rolled back if dropped uncommitted).
pub struct ImportBatch<'a> {
    tx: Transaction<'a>,
    path: String,
}

type Result<T> = std::result::Result<T, StoreError>;

impl ImportBatch<'_> {
    fn wrap(&self, source: rusqlite::Error) -> StoreError {
        StoreError::Database {
            path: self.path.clone(),
            source: source.into(),
        }
    }

    /// True unless the latest import of this target had the same hash.
    pub fn changed(&self, target: &Target, hash: &str) -> Result<bool> {
        let last: Option<String> = self
            .tx
            .prepare_cached(
                "SELECT hash FROM imports WHERE kind = ?1 AND term IS ?2 AND team IS ?3
                 ORDER BY id DESC LIMIT 1",
            )
            .and_then(|mut s| {
                s.query_row(params![target.kind, target.term, target.team], |r| r.get(0))
                    .optional()
            })
            .map_err(|e| self.wrap(e))?;
        Ok(last.as_deref() != Some(hash))
    }

    /// Record that `file` (with `hash`, `rows` rows) was imported into `target` at `now`.
    pub fn log(
        &self,
        target: &Target,
        file: &str,
        hash: &str,
        rows: usize,
        now: &str,
    ) -> Result<()> {
        self.tx
            .prepare_cached(
                "INSERT INTO imports (kind, term, team, file, hash, rows, imported_at)
                 VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7)",
            )
            .and_then(|mut s| {
                s.execute(params![
                    target.kind,
                    target.term,
                    target.team,
                    file,
                    hash,
                    rows as i64,
                    now
                ])
            })
            .map_err(|e| self.wrap(e))?;
        Ok(())
    }

    /// Upsert every school. Schools no longer listed stay (decisions refer to them); support
    /// details (SIP, LaMA) belong to the support file and are left alone.
    pub fn upsert_schools(&self, schools: &[School]) -> Result<()> {
        let run = || -> rusqlite::Result<()> {
            let mut stmt = self.tx.prepare_cached(
                "INSERT INTO schools (urn, name, phase, establishment_type, maintained, pupils, headteacher, la_code)
                 VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8)
                 ON CONFLICT (urn) DO UPDATE SET name = excluded.name, phase = excluded.phase,
                   establishment_type = excluded.establishment_type, maintained = excluded.maintained,
                   pupils = excluded.pupils, headteacher = excluded.headteacher, la_code = excluded.la_code",
            )?;
            for s in schools {
                stmt.execute(params![
                    s.urn,
                    s.name,
                    s.phase.key(),
                    s.establishment_type,
                    s.maintained,
                    s.pupils,
                    s.headteacher,
                    s.la_code
                ])?;
            }
            Ok(())
        };
        run().map_err(|e| self.wrap(e))
    }

    /// Update SIP and LaMA; add to category history when the file's (category, since) is
    /// new for the school and not older than its latest spell (a stale file never undoes a
    /// meeting's decision). Returns the number of history rows added.
    pub fn write_support(&self, rows: &[SupportRow], now: &str) -> Result<usize> {
        let run = || -> rusqlite::Result<usize> {
            let mut latest = self.tx.prepare_cached(
                "SELECT since FROM category_history WHERE urn = ?1 ORDER BY id DESC LIMIT 1",
            )?;
            let mut exists = self.tx.prepare_cached(
                "SELECT 1 FROM category_history WHERE urn = ?1 AND category = ?2 AND since = ?3",
            )?;
            let mut insert = self.tx.prepare_cached(
                "INSERT INTO category_history (urn, category, since, decision_id, recorded_at)
                 VALUES (?1, ?2, ?3, NULL, ?4)",
            )?;
            let mut advisers = self
                .tx
                .prepare_cached("UPDATE schools SET sip = ?2, lama = ?3 WHERE urn = ?1")?;
            let mut added = 0;
            for row in rows {
                advisers.execute(params![row.urn, row.sip, row.lama])?;
                let since = row.since.format("%Y-%m-%d").to_string();
                let last: Option<String> = latest
                    .query_row(params![row.urn], |r| r.get(0))
                    .optional()?;
                let stale = last.is_some_and(|last| since < last);
                if stale || exists.exists(params![row.urn, row.category, since])? {
                    continue;
                }
                insert.execute(params![row.urn, row.category, since, now])?;
                added += 1;
            }
            Ok(added)
        };
        run().map_err(|e| self.wrap(e))
    }

    /// Store inspections; one already recorded for the same school and date is replaced,
    /// unless `keep_existing` (a register's legacy grades never overwrite an inspections file).
    pub fn write_inspections(&self, rows: &[Inspection], keep_existing: bool) -> Result<()> {
        let conflict = if keep_existing {
            "DO NOTHING"
        } else {
            "DO UPDATE SET kind = excluded.kind, grade = excluded.grade,
               concern = excluded.concern, areas = excluded.areas,
               safeguarding_met = excluded.safeguarding_met"
        };
        let run = || -> rusqlite::Result<()> {
            let mut stmt = self.tx.prepare_cached(&format!(
                "INSERT INTO inspections (urn, date, kind, grade, concern, areas, safeguarding_met)
                 VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7)
                 ON CONFLICT (urn, date) {conflict}"
            ))?;
            for i in rows {
                let date = i.date.format("%Y-%m-%d").to_string();
                match &i.outcome {
                    InspectionOutcome::Legacy { grade, concern } => {
                        let concern = concern.map(|c| match c {
                            crate::model::Concern::SeriousWeaknesses => "serious_weaknesses",
                            crate::model::Concern::SpecialMeasures => "special_measures",
                        });
                        stmt.execute(params![
                            i.urn,
                            date,
                            "legacy",
                            grade,
                            concern,
                            None::<String>,
                            None::<bool>
                        ])?
                    }
                    InspectionOutcome::ReportCard {
                        areas,
                        safeguarding_met,
                    } => stmt.execute(params![
                        i.urn,
                        date,
                        "report_card",
                        None::<u8>,
                        None::<String>,
                        super::encode_areas(areas),
                        safeguarding_met
                    ])?,
                };
            }
            Ok(())
        };
        run().map_err(|e| self.wrap(e))
    }

    /// Replace one team's scores (and the indicators its scores file gave) for one term.
    pub fn replace_scores(&self, term: &str, team: &str, rows: &[ScoreRow]) -> Result<()> {
        let tx = &self.tx;
        let run = || -> rusqlite::Result<()> {
            let from_sources: bool = tx
                .prepare_cached(
                    "SELECT EXISTS (SELECT 1 FROM indicators
                     WHERE term = ?1 AND team = ?2 AND origin <> ?3)",
                )?
                .query_row(params![term, team, SCORES_ORIGIN], |r| r.get(0))?;
            if from_sources {
                // Other files' indicators share the pack: let the triggers mark the pair and
                // the commit rebuild its pack from all of its rows.
                return write_score_rows(tx, term, team, rows);
            }
            super::packs::without_row_triggers(tx, || {
                write_score_rows(tx, term, team, rows)?;
                // The pack is built from the same rows rather than read back from the table.
                let mut pack = super::packs::Pack {
                    scores: rows.iter().map(|r| (r.urn, r.score)).collect(),
                    ..Default::default()
                };
                pack.scores.sort_unstable_by_key(|&(urn, _)| urn);
                pack.set_indicators(
                    rows.iter()
                        .flat_map(|r| r.indicators.iter().map(|(n, v)| (r.urn, n.clone(), *v)))
                        .collect(),
                );
                super::packs::write(tx, term, team, &pack)
            })
        };
        run().map_err(|e| self.wrap(e))
    }

    /// Replace the indicators one source gave a team for a term with `values`
    /// (URN, indicator name, value). A name the team's own file also sends is overwritten.
    pub fn replace_source_indicators(
        &self,
        source: &str,
        term: &str,
        team: &str,
        values: &[(Urn, String, f64)],
    ) -> Result<()> {
        let origin = format!("source:{source}");
        let run = || -> rusqlite::Result<()> {
            self.tx
                .prepare_cached(
                    "DELETE FROM indicators WHERE term = ?1 AND team = ?2 AND origin = ?3",
                )?
                .execute(params![term, team, origin])?;
            let mut insert = self.tx.prepare_cached(
                "INSERT OR REPLACE INTO indicators (term, team, urn, name, value, origin)
                 VALUES (?1, ?2, ?3, ?4, ?5, ?6)",
            )?;
            for (urn, name, value) in values {
                insert.execute(params![term, team, urn, name, value, origin])?;
            }
            Ok(())
        };
        run().map_err(|e| self.wrap(e))
    }

    /// Rebuild the packs of every pair that changed, then make the whole import durable.
    pub fn commit(self) -> Result<()> {
        super::packs::refresh_stale(&self.tx).map_err(|e| self.wrap(e))?;
        let path = self.path;
        self.tx.commit().map_err(|source| StoreError::Database {
            path,
            source: source.into(),
        })
    }
}

fn write_score_rows(
    tx: &Transaction,
    term: &str,
    team: &str,
    rows: &[ScoreRow],
) -> rusqlite::Result<()> {
    tx.prepare_cached("DELETE FROM scores WHERE term = ?1 AND team = ?2")?
        .execute(params![term, team])?;
    tx.prepare_cached("DELETE FROM indicators WHERE term = ?1 AND team = ?2 AND origin = ?3")?
        .execute(params![term, team, SCORES_ORIGIN])?;
    let mut score = tx.prepare_cached(
        "INSERT INTO scores (term, team, urn, score, comment) VALUES (?1, ?2, ?3, ?4, ?5)",
    )?;
    let mut indicator = tx.prepare_cached(
        "INSERT OR REPLACE INTO indicators (term, team, urn, name, value) VALUES (?1, ?2, ?3, ?4, ?5)",
    )?;
    for row in rows {
        score.execute(params![term, team, row.urn, row.score, row.comment])?;
        for (name, value) in &row.indicators {
            indicator.execute(params![term, team, row.urn, name, value])?;
        }
    }
    Ok(())
}
