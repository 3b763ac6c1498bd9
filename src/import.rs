//! The import step: [`crate::ingest`] turns files into values, and this applies the values
//! to the store in one transaction (all or nothing). A file whose hash matches the last
//! import of the same target is left alone, so re-importing an unchanged file does nothing.

use crate::clock::Clock;
use crate::config::Config;
use crate::ingest::indicators::{parse_source, ParsedSource, SourceSpec};
use crate::ingest::{parse_all, ImportOptions, ParsedImport, Problems, SourceFile};
use crate::store::import::{ImportBatch, Target};
use crate::store::{Store, StoreError};
use crate::term::Term;
use std::fmt;

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum FileStatus {
    Imported,
    /// Same bytes as last time: nothing written.
    Unchanged,
}

#[derive(Debug, Clone, PartialEq, Eq)]
pub struct FileOutcome {
    /// register, support, inspections, scores or indicators.
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
    /// Columns of the score files that termly does not use, each named once.
    pub ignored_columns: Vec<String>,
}

impl ImportSummary {
    pub fn imported(&self) -> usize {
        self.count(FileStatus::Imported)
    }
    pub fn unchanged(&self) -> usize {
        self.count(FileStatus::Unchanged)
    }
    fn count(&self, status: FileStatus) -> usize {
        self.files.iter().filter(|f| f.status == status).count()
    }
}

impl fmt::Display for ImportSummary {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        for file in &self.files {
            let status = match file.status {
                FileStatus::Imported => "imported ",
                FileStatus::Unchanged => "unchanged",
            };
            write!(f, "{status} {:<11} {}", file.kind, file.file)?;
            // A register or source's note counts its rows itself, adding up.
            let counted = matches!(file.kind, "register" | "indicators");
            match &file.note {
                Some(note) if counted => writeln!(f, ": {note}")?,
                Some(note) => writeln!(f, " ({} rows); {note}", file.rows)?,
                None => writeln!(f, " ({} rows)", file.rows)?,
            }
        }
        if !self.ignored_columns.is_empty() {
            writeln!(
                f,
                "columns not used in the score files: {}",
                self.ignored_columns.join(", ")
            )?;
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

/// Why an import did not happen.
#[derive(Debug, thiserror::Error)]
pub enum ImportError {
    /// The files have problems; nothing was written.
    #[error("{count} problem(s) in the input files; nothing was imported:\n{problems}", count = .0.len(), problems = .0)]
    Invalid(Problems),
    /// The database refused the write; the transaction was rolled back.
    #[error(transparent)]
    Store(#[from] StoreError),
}

/// Parse the selected files and write them in one transaction. Nothing is written when
/// any file has a problem; unchanged files are skipped.
pub fn import_all(
    config: &Config,
    store: &mut Store,
    opts: &ImportOptions,
    clock: &dyn Clock,
) -> Result<ImportSummary, ImportError> {
    let known = store.known_urns()?;
    let parsed = parse_all(config, opts, Some(&known)).map_err(ImportError::Invalid)?;
    Ok(apply(store, &parsed, &now(clock))?)
}

/// Read one source (a recipe or `--indicators`) for `term` against the register in the
/// database, and write its indicators.
pub fn import_source(
    config: &Config,
    store: &mut Store,
    spec: &SourceSpec,
    term: Term,
    clock: &dyn Clock,
) -> Result<ImportSummary, ImportError> {
    let register = store.known_urns()?;
    if register.is_empty() {
        return Err(ImportError::Invalid(Problems(vec![
            crate::ingest::Problem::file(
                spec.file.display().to_string(),
                "the database has no register yet: import one first (termly import --register FILE)",
            ),
        ])));
    }
    let mut parsed = parse_source(spec, term, &register, &config.limits)
        .map_err(|p| ImportError::Invalid(Problems(p)))?;
    let phases = store.school_phases()?.into_iter().collect();
    parsed.phase_note = crate::ingest::indicators::phase_mismatch(&parsed.report, &phases);
    Ok(apply_source(store, &parsed, &now(clock))?)
}

/// The time stamped on the import log and category history.
fn now(clock: &dyn Clock) -> String {
    clock
        .now()
        .to_rfc3339_opts(chrono::SecondsFormat::Secs, false)
}

/// Write `parsed` in one transaction; `now` (RFC 3339) stamps the import log and history.
pub fn apply(
    store: &mut Store,
    parsed: &ParsedImport,
    now: &str,
) -> Result<ImportSummary, StoreError> {
    // Named in the one line that says so when the server refuses this role a write.
    let role = store.role_name()?;
    let refused = |what: &str| {
        let role = role.clone();
        let what = what.to_string();
        move |e: StoreError| e.refused_as(role.as_deref(), &what)
    };
    let batch = store.begin_import()?;
    let mut summary = ImportSummary {
        ignored_columns: parsed.ignored_columns(),
        ..ImportSummary::default()
    };
    if let Some(reg) = &parsed.register {
        let target = target("register", None, None);
        let n = reg.register.schools.len();
        let status = write_if_changed(&batch, &target, &reg.source, n, now, || {
            batch.upsert_schools(&reg.register.schools)?;
            // A register's legacy grades never replace an inspections file's.
            batch.write_inspections(&reg.register.inspections, true)
        })
        .map_err(refused("the register"))?;
        let mut o = outcome("register", &reg.source, None, None, n, status);
        o.note = reg.register.note();
        summary.files.push(o);
    }
    if let Some(sup) = &parsed.support {
        let target = target("support", None, None);
        let status = write_if_changed(&batch, &target, &sup.source, sup.rows.len(), now, || {
            summary.category_changes += batch.write_support(&sup.rows, now)?;
            Ok(())
        })
        .map_err(refused("support details"))?;
        let o = outcome("support", &sup.source, None, None, sup.rows.len(), status);
        summary.files.push(o);
    }
    if let Some(ins) = &parsed.inspections {
        let target = target("inspections", None, None);
        let status = write_if_changed(&batch, &target, &ins.source, ins.rows.len(), now, || {
            batch.write_inspections(&ins.rows, false)
        })
        .map_err(refused("inspections"))?;
        let o = outcome(
            "inspections",
            &ins.source,
            None,
            None,
            ins.rows.len(),
            status,
        );
        summary.files.push(o);
    }
    for file in &parsed.scores {
        let term = file.term.key();
        let target = target("scores", Some(&term), Some(&file.team));
        let status = write_if_changed(&batch, &target, &file.source, file.rows.len(), now, || {
            batch.replace_scores(&term, &file.team, &file.rows)
        })
        .map_err(refused(&format!(
            "{}'s scores for {}",
            file.team, file.term
        )))?;
        let mut o = outcome(
            "scores",
            &file.source,
            Some(file.term),
            Some(&file.team),
            file.rows.len(),
            status,
        );
        if file.unscored > 0 {
            o.note = Some(format!("{} school(s) not scored yet", file.unscored));
        }
        summary.files.push(o);
    }
    batch.commit().map_err(refused("the score packs"))?;
    Ok(summary)
}

/// Write one source's indicators in one transaction.
pub fn apply_source(
    store: &mut Store,
    parsed: &ParsedSource,
    now: &str,
) -> Result<ImportSummary, StoreError> {
    let role = store.role_name()?;
    let what = format!(
        "{}'s indicators for {} from {}",
        parsed.team, parsed.term, parsed.name
    );
    let refused = |e: StoreError| e.refused_as(role.as_deref(), &what);
    let batch = store.begin_import()?;
    let term = parsed.term.key();
    let kind = format!("source:{}", parsed.name);
    let target = target(&kind, Some(&term), Some(&parsed.team));
    let rows = parsed.report.rows;
    let status = write_if_changed(&batch, &target, &parsed.source, rows, now, || {
        batch.replace_source_indicators(&parsed.name, &term, &parsed.team, &parsed.values)
    })
    .map_err(refused)?;
    batch.commit().map_err(refused)?;
    let mut o = outcome(
        "indicators",
        &parsed.source,
        Some(parsed.term),
        Some(&parsed.team),
        rows,
        status,
    );
    let mut note = format!(
        "{} for {} {}: {}",
        parsed.name, parsed.team, parsed.term, parsed.report
    );
    if let Some(phase) = &parsed.phase_note {
        note.push_str(&format!("; {phase}"));
    }
    o.note = Some(note);
    Ok(ImportSummary {
        files: vec![o],
        ..ImportSummary::default()
    })
}

fn target(kind: &str, term: Option<&str>, team: Option<&str>) -> Target {
    Target {
        kind: kind.to_string(),
        term: term.map(str::to_string),
        team: team.map(str::to_string),
    }
}

/// Run `write` and log the file, unless the target's last import had the same hash.
fn write_if_changed(
    batch: &ImportBatch,
    target: &Target,
    source: &SourceFile,
    rows: usize,
    now: &str,
    write: impl FnOnce() -> Result<(), StoreError>,
) -> Result<FileStatus, StoreError> {
    if !batch.changed(target, &source.hash)? {
        return Ok(FileStatus::Unchanged);
    }
    write()?;
    batch.log(target, &source.display(), &source.hash, rows, now)?;
    Ok(FileStatus::Imported)
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
