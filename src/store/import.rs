//! Writing imported values: an [`ImportBatch`] is one transaction, committed whole or not at
//! all. It takes plain model values (schools, inspections, support rows, score rows,
//! indicators), never files; the import module decides what to write. The `imports` log
//! keeps each target's last file hash, so an unchanged file can be left alone.

use super::db::{Db, DbError, DbResult, Dialect, Tx, TxMode, Value};
use super::{Store, StoreError};
use crate::args;
use crate::model::{Inspection, InspectionOutcome, School, ScoreRow, SupportRow, Urn};
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
        let mut urns = HashSet::new();
        self.db
            .for_each("SELECT urn FROM schools", args![], |r| {
                urns.insert(r.get(0)?);
                Ok(())
            })
            .map_err(|e| self.err(e))?;
        Ok(urns)
    }

    /// Each school's phase as stored (`primary`, `secondary`…), for saying whether a file
    /// covers the phases the register holds.
    pub fn school_phases(&self) -> Result<Vec<(Urn, String)>> {
        let mut phases = Vec::new();
        self.db
            .for_each("SELECT urn, phase FROM schools", args![], |r| {
                phases.push((r.get(0)?, r.get(1)?));
                Ok(())
            })
            .map_err(|e| self.err(e))?;
        Ok(phases)
    }

    /// Start an import: one transaction for everything written until [`ImportBatch::commit`].
    pub fn begin_import(&mut self) -> Result<ImportBatch<'_>> {
        let path = self.path().display().to_string();
        if self.is_read_only() {
            return Err(StoreError::Invalid(format!(
                "database {path} is read-only: cannot import"
            )));
        }
        let mode = match self.dialect() {
            Dialect::Sqlite => {
                // A large import touches every page of the score tables: a bigger page
                // cache keeps SQLite from spilling dirty pages to the WAL mid-transaction.
                self.db
                    .execute_batch("PRAGMA cache_size = -131072")
                    .map_err(|e| self.err(e))?;
                // Take the write lock first (BEGIN IMMEDIATE): an import reads, then writes,
                // and a reader upgraded to a writer is refused at once instead of waiting
                // its turn on the busy timeout.
                TxMode::Exclusive
            }
            // Two officers importing at once would otherwise race to replace the same
            // rows; the second waits, then sees the first's log.
            Dialect::Postgres => TxMode::Exclusive,
        };
        let tx = self.db.begin(mode).map_err(|e| self.err(e))?;
        Ok(ImportBatch { tx, path })
    }
}

/// One import's writes, in one transaction (rolled back if dropped uncommitted).
pub struct ImportBatch<'a> {
    tx: Tx<'a>,
    path: String,
}

type Result<T> = std::result::Result<T, StoreError>;

impl ImportBatch<'_> {
    fn wrap(&self, source: DbError) -> StoreError {
        StoreError::database(&self.path, source)
    }

    /// True unless the latest import of this target had the same hash.
    pub fn changed(&self, target: &Target, hash: &str) -> Result<bool> {
        let last: Option<String> = self
            .tx
            .query_opt(
                "SELECT hash FROM imports
                 WHERE kind = ?1 AND term IS NOT DISTINCT FROM ?2 AND team IS NOT DISTINCT FROM ?3
                 ORDER BY id DESC LIMIT 1",
                args![&target.kind, &target.term, &target.team],
                |r| r.get(0),
            )
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
            .execute(
                "INSERT INTO imports (kind, term, team, file, hash, rows, imported_at)
                 VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7)",
                args![
                    &target.kind,
                    &target.term,
                    &target.team,
                    file,
                    hash,
                    rows,
                    now
                ],
            )
            .map_err(|e| self.wrap(e))?;
        Ok(())
    }

    /// Upsert every school. Schools no longer listed stay (decisions refer to them); support
    /// details (SIP, LaMA) belong to the support file and are left alone.
    pub fn upsert_schools(&self, schools: &[School]) -> Result<()> {
        let run = || -> DbResult<()> {
            for s in schools {
                self.tx.execute(
                    "INSERT INTO schools (urn, name, phase, establishment_type, maintained, pupils, headteacher, la_code)
                     VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8)
                     ON CONFLICT (urn) DO UPDATE SET name = excluded.name, phase = excluded.phase,
                       establishment_type = excluded.establishment_type, maintained = excluded.maintained,
                       pupils = excluded.pupils, headteacher = excluded.headteacher, la_code = excluded.la_code",
                    args![
                        s.urn,
                        &s.name,
                        s.phase.key(),
                        &s.establishment_type,
                        s.maintained,
                        s.pupils,
                        &s.headteacher,
                        &s.la_code
                    ],
                )?;
            }
            Ok(())
        };
        run().map_err(|e| self.wrap(e))
    }

    /// Update SIP and LaMA; add to category history when the file's (category, since) is
    /// new for the school and not older than its latest spell (a stale file never undoes a
    /// meeting's decision). Returns the number of history rows added.
    pub fn write_support(&self, rows: &[SupportRow], now: &str) -> Result<usize> {
        let tx = &self.tx;
        let run = || -> DbResult<usize> {
            let mut added = 0;
            for row in rows {
                tx.execute(
                    "UPDATE schools SET sip = ?2, lama = ?3 WHERE urn = ?1",
                    args![row.urn, &row.sip, &row.lama],
                )?;
                let since = row.since.format("%Y-%m-%d").to_string();
                let last: Option<String> = tx.query_opt(
                    "SELECT since FROM category_history WHERE urn = ?1 AND decision_id IS NULL ORDER BY id DESC LIMIT 1",
                    args![row.urn],
                    |r| r.get(0),
                )?;
                let stale = last.is_some_and(|last| since < last);
                if stale {
                    continue;
                }
                let exists = tx
                    .query_opt(
                        "SELECT 1 FROM category_history WHERE urn = ?1 AND category = ?2 AND since = ?3",
                        args![row.urn, &row.category, &since],
                        |_| Ok(()),
                    )?
                    .is_some();
                if exists {
                    continue;
                }
                tx.execute(
                    "INSERT INTO category_history (urn, category, since, decision_id, recorded_at)
                     VALUES (?1, ?2, ?3, NULL, ?4)",
                    args![row.urn, &row.category, since, now],
                )?;
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
        let sql = format!(
            "INSERT INTO inspections (urn, date, kind, grade, concern, areas, safeguarding_met)
             VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7)
             ON CONFLICT (urn, date) {conflict}"
        );
        let run = || -> DbResult<()> {
            for i in rows {
                self.tx.execute(&sql, &inspection_args(i))?;
            }
            Ok(())
        };
        run().map_err(|e| self.wrap(e))
    }

    /// Replace one team's scores (and the indicators its scores file gave) for one term.
    pub fn replace_scores(&self, term: &str, team: &str, rows: &[ScoreRow]) -> Result<()> {
        let tx = &self.tx;
        let run = || -> DbResult<()> {
            let from_sources: bool = tx.value(
                "SELECT CASE WHEN EXISTS (SELECT 1 FROM indicators
                   WHERE term = ?1 AND team = ?2 AND origin <> ?3) THEN 1 ELSE 0 END",
                args![term, team, SCORES_ORIGIN],
            )?;
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
        let tx = &self.tx;
        let run = || -> DbResult<()> {
            tx.execute(
                "DELETE FROM indicators WHERE term = ?1 AND team = ?2 AND origin = ?3",
                args![term, team, &origin],
            )?;
            for (urn, name, value) in values {
                tx.execute(
                    "INSERT INTO indicators (term, team, urn, name, value, origin)
                     VALUES (?1, ?2, ?3, ?4, ?5, ?6)
                     ON CONFLICT (term, team, urn, name)
                       DO UPDATE SET value = excluded.value, origin = excluded.origin",
                    args![term, team, *urn, name, *value, &origin],
                )?;
            }
            Ok(())
        };
        run().map_err(|e| self.wrap(e))
    }

    /// Rebuild the packs of every pair that changed, then make the whole import durable.
    pub fn commit(self) -> Result<()> {
        super::packs::refresh_stale(&self.tx).map_err(|e| self.wrap(e))?;
        let path = self.path;
        self.tx
            .commit()
            .map_err(|source| StoreError::database(&path, source))
    }
}

/// An inspection's columns: urn, date, kind, grade, concern, areas, safeguarding_met.
fn inspection_args(i: &Inspection) -> [Value; 7] {
    let date = i.date.format("%Y-%m-%d").to_string();
    match &i.outcome {
        InspectionOutcome::Legacy { grade, concern } => {
            let concern = concern.map(|c| match c {
                crate::model::Concern::SeriousWeaknesses => "serious_weaknesses",
                crate::model::Concern::SpecialMeasures => "special_measures",
            });
            [
                i.urn.into(),
                date.into(),
                "legacy".into(),
                (*grade).into(),
                concern.into(),
                Value::Null,
                Value::Null,
            ]
        }
        InspectionOutcome::ReportCard {
            areas,
            safeguarding_met,
        } => [
            i.urn.into(),
            date.into(),
            "report_card".into(),
            Value::Null,
            Value::Null,
            super::encode_areas(areas).into(),
            (*safeguarding_met).into(),
        ],
    }
}

fn write_score_rows(tx: &Db, term: &str, team: &str, rows: &[ScoreRow]) -> DbResult<()> {
    tx.execute(
        "DELETE FROM scores WHERE term = ?1 AND team = ?2",
        args![term, team],
    )?;
    tx.execute(
        "DELETE FROM indicators WHERE term = ?1 AND team = ?2 AND origin = ?3",
        args![term, team, SCORES_ORIGIN],
    )?;
    if tx.dialect() == Dialect::Postgres {
        return insert_score_rows_in_bulk(tx, term, team, rows);
    }
    for row in rows {
        tx.execute(
            "INSERT INTO scores (term, team, urn, score, comment) VALUES (?1, ?2, ?3, ?4, ?5)",
            args![term, team, row.urn, row.score, &row.comment],
        )?;
        for (name, value) in &row.indicators {
            // Overwrites what a source gave under the same name: the row becomes the file's.
            tx.execute(INSERT_INDICATOR, args![term, team, row.urn, name, *value])?;
        }
    }
    Ok(())
}

const INSERT_INDICATOR: &str =
    "INSERT INTO indicators (term, team, urn, name, value) VALUES (?1, ?2, ?3, ?4, ?5)
     ON CONFLICT (term, team, urn, name)
       DO UPDATE SET value = excluded.value, origin = excluded.origin";

/// Rows per statement on PostgreSQL, where every statement is a round trip to the server
/// (one row a statement made a national term's import ten times slower than SQLite's).
const ROWS_PER_INSERT: usize = 1000;

/// The same rows as the loop above, many to an INSERT. An indicator named twice for one
/// school keeps its later value, as the row-by-row upsert does (one statement may not
/// update the same row twice).
fn insert_score_rows_in_bulk(tx: &Db, term: &str, team: &str, rows: &[ScoreRow]) -> DbResult<()> {
    let mut scores = Vec::with_capacity(rows.len() * 5);
    let mut indicators = Vec::new();
    for row in rows {
        scores.extend_from_slice(args![term, team, row.urn, row.score, &row.comment]);
        for (i, (name, value)) in row.indicators.iter().enumerate() {
            if row.indicators[i + 1..]
                .iter()
                .any(|(later, _)| later == name)
            {
                continue;
            }
            indicators.extend_from_slice(args![term, team, row.urn, name, *value]);
        }
    }
    insert_many(
        tx,
        "INSERT INTO scores (term, team, urn, score, comment) VALUES ",
        "",
        5,
        &scores,
    )?;
    let (head, tail) = INSERT_INDICATOR
        .split_once("(?1, ?2, ?3, ?4, ?5)")
        .expect("one row's values");
    insert_many(tx, head, tail, 5, &indicators)
}

/// `head (?1, …), (…) … tail`, `width` values a row, up to [`ROWS_PER_INSERT`] rows a statement.
fn insert_many(tx: &Db, head: &str, tail: &str, width: usize, values: &[Value]) -> DbResult<()> {
    for chunk in values.chunks(width * ROWS_PER_INSERT) {
        let mut sql = String::from(head);
        for row in 0..chunk.len() / width {
            sql.push_str(if row == 0 { "(" } else { ", (" });
            let first = row * width + 1;
            let marks: Vec<String> = (first..first + width).map(|n| format!("?{n}")).collect();
            sql.push_str(&marks.join(", "));
            sql.push(')');
        }
        sql.push_str(tail);
        tx.execute(&sql, chunk)?;
    }
    Ok(())
}
