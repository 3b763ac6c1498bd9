//! Writing a parsed import: the whole of it in one transaction, all or nothing. A file whose
//! sha256 matches the latest `imports` row for the same target (register, support,
//! inspections, or a team's scores for one term) is skipped, so re-importing is a no-op.

use super::{Store, StoreError};
use crate::ingest::{ParsedImport, ParsedRegister, ParsedScores, SourceFile};
use crate::model::{InspectionOutcome, Urn};
use crate::term::Term;
use rusqlite::{params, OptionalExtension, Transaction};
use std::collections::HashSet;
use std::fmt;

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum FileStatus {
    Imported,
    /// Same bytes as last time: nothing written.
    Unchanged,
}

#[derive(Debug, Clone, PartialEq, Eq)]
pub struct FileOutcome {
    /// register, support, inspections or scores.
    pub kind: &'static str,
    pub file: String,
    pub term: Option<Term>,
    pub team: Option<String>,
    pub rows: usize,
    pub status: FileStatus,
    /// What else to say, e.g. the rows of a GIAS extract that were left out.
    pub note: Option<String>,
}

#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct ImportSummary {
    pub files: Vec<FileOutcome>,
    /// Support rows that added to a school's category history.
    pub category_changes: usize,
}

impl ImportSummary {
    pub fn imported(&self) -> usize {
        self.files
            .iter()
            .filter(|f| f.status == FileStatus::Imported)
            .count()
    }
    pub fn unchanged(&self) -> usize {
        self.files
            .iter()
            .filter(|f| f.status == FileStatus::Unchanged)
            .count()
    }
}

impl fmt::Display for ImportSummary {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        for file in &self.files {
            let status = match file.status {
                FileStatus::Imported => "imported ",
                FileStatus::Unchanged => "unchanged",
            };
            write!(
                f,
                "{status} {:<11} {} ({} rows)",
                file.kind, file.file, file.rows
            )?;
            match &file.note {
                Some(note) => writeln!(f, "; {note}")?,
                None => writeln!(f)?,
            }
        }
        write!(
            f,
            "{} file(s) imported, {} unchanged, {} category change(s)",
            self.imported(),
            self.unchanged(),
            self.category_changes
        )
    }
}

/// URNs already in the database.
pub fn known_urns(store: &Store) -> Result<HashSet<Urn>, StoreError> {
    let mut stmt = store
        .conn
        .prepare_cached("SELECT urn FROM schools")
        .map_err(|e| store.err(e))?;
    let rows = stmt
        .query_map([], |r| r.get::<_, Urn>(0))
        .map_err(|e| store.err(e))?;
    rows.collect::<rusqlite::Result<HashSet<_>>>()
        .map_err(|e| store.err(e))
}

/// Write `parsed` in one transaction; `now` (RFC 3339) stamps the import log and history.
pub fn apply_import(
    store: &mut Store,
    parsed: &ParsedImport,
    now: &str,
) -> Result<ImportSummary, StoreError> {
    let path = store.path().display().to_string();
    let wrap = |source| StoreError::Sqlite {
        path: path.clone(),
        source,
    };
    if store.is_read_only() {
        return Err(StoreError::Invalid(format!(
            "database {path} is read-only: cannot import"
        )));
    }
    // A large import touches every page of the score tables: a bigger page cache keeps
    // SQLite from spilling dirty pages to the WAL mid-transaction.
    store
        .conn
        .execute_batch("PRAGMA cache_size = -131072")
        .map_err(wrap)?;
    let tx = store.conn.transaction().map_err(wrap)?;
    let mut summary = ImportSummary::default();
    write_all(&tx, parsed, now, &mut summary).map_err(wrap)?;
    // Pack every (term, team) whose rows changed, so the next load reads blobs, not rows.
    super::packs::refresh_stale(&tx).map_err(wrap)?;
    tx.commit().map_err(wrap)?;
    Ok(summary)
}

fn write_all(
    tx: &Transaction,
    parsed: &ParsedImport,
    now: &str,
    summary: &mut ImportSummary,
) -> rusqlite::Result<()> {
    if let Some(reg) = &parsed.register {
        let n = reg.register.schools.len();
        let status = if changed(tx, "register", None, None, &reg.source)? {
            write_register(tx, reg)?;
            log(tx, "register", None, None, &reg.source, n, now)?;
            FileStatus::Imported
        } else {
            FileStatus::Unchanged
        };
        let mut o = outcome("register", &reg.source, None, None, n, status);
        o.note = reg.register.note();
        summary.files.push(o);
    }
    if let Some(sup) = &parsed.support {
        let n = sup.rows.len();
        let status = if changed(tx, "support", None, None, &sup.source)? {
            summary.category_changes += write_support(tx, sup, now)?;
            log(tx, "support", None, None, &sup.source, n, now)?;
            FileStatus::Imported
        } else {
            FileStatus::Unchanged
        };
        summary
            .files
            .push(outcome("support", &sup.source, None, None, n, status));
    }
    if let Some(ins) = &parsed.inspections {
        let n = ins.rows.len();
        let status = if changed(tx, "inspections", None, None, &ins.source)? {
            write_inspections(tx, ins)?;
            log(tx, "inspections", None, None, &ins.source, n, now)?;
            FileStatus::Imported
        } else {
            FileStatus::Unchanged
        };
        summary
            .files
            .push(outcome("inspections", &ins.source, None, None, n, status));
    }
    super::packs::without_row_triggers(tx, || write_all_scores(tx, parsed, now, summary))
}

fn write_all_scores(
    tx: &Transaction,
    parsed: &ParsedImport,
    now: &str,
    summary: &mut ImportSummary,
) -> rusqlite::Result<()> {
    for file in &parsed.scores {
        let (term, team) = (Some(file.term.key()), Some(file.team.as_str()));
        let n = file.rows.len();
        let status = if changed(tx, "scores", term.as_deref(), team, &file.source)? {
            write_scores(tx, file)?;
            log(tx, "scores", term.as_deref(), team, &file.source, n, now)?;
            FileStatus::Imported
        } else {
            FileStatus::Unchanged
        };
        summary.files.push(outcome(
            "scores",
            &file.source,
            Some(file.term),
            team,
            n,
            status,
        ));
    }
    Ok(())
}

fn outcome(
    kind: &'static str,
    source: &SourceFile,
    term: Option<Term>,
    team: Option<&str>,
    rows: usize,
    status: FileStatus,
) -> FileOutcome {
    FileOutcome {
        kind,
        file: source.display(),
        term,
        team: team.map(str::to_string),
        rows,
        status,
        note: None,
    }
}

/// True unless the latest import of this target had the same hash.
fn changed(
    tx: &Transaction,
    kind: &str,
    term: Option<&str>,
    team: Option<&str>,
    source: &SourceFile,
) -> rusqlite::Result<bool> {
    let last: Option<String> = tx
        .prepare_cached(
            "SELECT hash FROM imports WHERE kind = ?1 AND term IS ?2 AND team IS ?3
             ORDER BY id DESC LIMIT 1",
        )?
        .query_row(params![kind, term, team], |r| r.get(0))
        .optional()?;
    Ok(last.as_deref() != Some(source.hash.as_str()))
}

fn log(
    tx: &Transaction,
    kind: &str,
    term: Option<&str>,
    team: Option<&str>,
    source: &SourceFile,
    rows: usize,
    now: &str,
) -> rusqlite::Result<()> {
    tx.prepare_cached(
        "INSERT INTO imports (kind, term, team, file, hash, rows, imported_at)
         VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7)",
    )?
    .execute(params![
        kind,
        term,
        team,
        source.display(),
        source.hash,
        rows as i64,
        now
    ])?;
    Ok(())
}

/// Upsert every school. Schools no longer listed stay (decisions refer to them); support
/// details (SIP, LaMA) belong to the support file and are left alone.
fn write_register(tx: &Transaction, reg: &ParsedRegister) -> rusqlite::Result<()> {
    let mut stmt = tx.prepare_cached(
        "INSERT INTO schools (urn, name, phase, establishment_type, maintained, pupils, headteacher, la_code)
         VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8)
         ON CONFLICT (urn) DO UPDATE SET name = excluded.name, phase = excluded.phase,
           establishment_type = excluded.establishment_type, maintained = excluded.maintained,
           pupils = excluded.pupils, headteacher = excluded.headteacher, la_code = excluded.la_code",
    )?;
    for s in &reg.register.schools {
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
}

/// Update SIP and LaMA; add to category history when the file's (category, since) is new
/// for the school and not older than its latest spell (a stale file never undoes a
/// meeting's decision). Returns the number of history rows added.
fn write_support(
    tx: &Transaction,
    sup: &crate::ingest::ParsedSupport,
    now: &str,
) -> rusqlite::Result<usize> {
    let mut latest = tx.prepare_cached(
        "SELECT since FROM category_history WHERE urn = ?1 ORDER BY id DESC LIMIT 1",
    )?;
    let mut exists = tx.prepare_cached(
        "SELECT 1 FROM category_history WHERE urn = ?1 AND category = ?2 AND since = ?3",
    )?;
    let mut insert = tx.prepare_cached(
        "INSERT INTO category_history (urn, category, since, decision_id, recorded_at)
         VALUES (?1, ?2, ?3, NULL, ?4)",
    )?;
    let mut advisers =
        tx.prepare_cached("UPDATE schools SET sip = ?2, lama = ?3 WHERE urn = ?1")?;
    let mut added = 0;
    for row in &sup.rows {
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
}

fn write_inspections(
    tx: &Transaction,
    ins: &crate::ingest::ParsedInspections,
) -> rusqlite::Result<()> {
    let mut stmt = tx.prepare_cached(
        "INSERT INTO inspections (urn, date, kind, grade, concern, areas, safeguarding_met)
         VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7)
         ON CONFLICT (urn, date) DO UPDATE SET kind = excluded.kind, grade = excluded.grade,
           concern = excluded.concern, areas = excluded.areas,
           safeguarding_met = excluded.safeguarding_met",
    )?;
    for i in &ins.rows {
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
}

/// Replace one team's scores (and indicators) for one term.
fn write_scores(tx: &Transaction, file: &ParsedScores) -> rusqlite::Result<()> {
    let term = file.term.key();
    let team = file.team.as_str();
    tx.prepare_cached("DELETE FROM scores WHERE term = ?1 AND team = ?2")?
        .execute(params![term, team])?;
    tx.prepare_cached("DELETE FROM indicators WHERE term = ?1 AND team = ?2")?
        .execute(params![term, team])?;
    let mut score = tx.prepare_cached(
        "INSERT INTO scores (term, team, urn, score, comment) VALUES (?1, ?2, ?3, ?4, ?5)",
    )?;
    let mut indicator = tx.prepare_cached(
        "INSERT INTO indicators (term, team, urn, name, value) VALUES (?1, ?2, ?3, ?4, ?5)",
    )?;
    for row in &file.rows {
        score.execute(params![term, team, row.urn, row.score, row.comment])?;
        for (name, value) in &row.indicators {
            indicator.execute(params![term, team, row.urn, name, value])?;
        }
    }
    // The pack is built from the same parsed rows, rather than read back from the table;
    // the stale triggers are lifted meanwhile (see packs::without_row_triggers).
    let mut pack = super::packs::Pack {
        scores: file.rows.iter().map(|r| (r.urn, r.score)).collect(),
        ..Default::default()
    };
    pack.scores.sort_unstable_by_key(|&(urn, _)| urn);
    pack.set_indicators(
        file.rows
            .iter()
            .flat_map(|r| r.indicators.iter().map(|(n, v)| (r.urn, n.clone(), *v)))
            .collect(),
    );
    super::packs::write(tx, &term, team, &pack)
}
