//! Reading input files: register (own CSV/TOML, GIAS), support, inspections, scores, and
//! per-school files through a source recipe. Ingest only parses: files in, values out
//! ([`parse_all`], [`indicators::parse_source`]), every problem at once. Writing the values
//! is the import module's job.

mod compound_file;
pub mod discover;
pub mod error;
pub mod fields;
pub mod gias;
/// The GIAS groups vocabulary, shared with the configuration (it lives below both).
pub use crate::gias_groups;
pub mod indicators;
pub mod input;
pub mod inspections;
pub mod register;
pub mod scores;
mod sheet_xml;
#[cfg(test)]
mod sheet_xml_tests;
pub mod support;
pub mod table;
pub mod text;
pub mod workbook;
pub mod workbook_bounds;
mod xls_bounds;
mod xls_strings;
mod xlsx_package;

pub use error::{Problem, Problems};
pub use register::{Register, RegisterFilter, RegisterFormat};

use crate::config::tidy_path as tidy;
use crate::config::{Config, LimitsConfig};
use crate::model::{Inspection, Urn};
use crate::term::Term;
use input::Input;
use std::collections::HashSet;
use std::path::{Path, PathBuf};

/// What to import. With no file given, everything configured in `[data]`; given any of
/// `register`, `support`, `inspections` or `scores`, only the files given.
#[derive(Debug, Clone, Default)]
pub struct ImportOptions {
    pub register: Option<PathBuf>,
    /// Keep one local authority of a GIAS extract (default: `data.la_code`).
    pub la: Option<String>,
    pub include_closed: bool,
    pub support: Option<PathBuf>,
    pub inspections: Option<PathBuf>,
    pub scores: Option<PathBuf>,
    /// The sheet to read in each workbook (`--sheet`; default `[data] sheet`, else the
    /// first visible sheet). A workbook per term has a sheet per team instead.
    pub sheet: Option<String>,
}

impl ImportOptions {
    /// True when files were named, so only those are read.
    pub fn selects_files(&self) -> bool {
        self.register.is_some()
            || self.support.is_some()
            || self.inspections.is_some()
            || self.scores.is_some()
    }

    /// The files to read: the ones given, or every configured one.
    fn paths(&self, config: &Config) -> Paths {
        let data = &config.data;
        let resolve = |p: &Path| tidy(&config.resolve(p));
        if self.selects_files() {
            Paths {
                register: self.register.clone(),
                support: self.support.clone(),
                inspections: self.inspections.clone(),
                scores: self.scores.clone(),
            }
        } else {
            Paths {
                register: data.register.as_deref().map(resolve),
                support: data.support.as_deref().map(resolve),
                inspections: data.inspections.as_deref().map(resolve),
                scores: data.scores.as_deref().map(resolve),
            }
        }
    }

    /// The sheet named for workbooks: `--sheet`, else `[data] sheet`.
    fn sheet(&self, config: &Config) -> Option<String> {
        self.sheet.clone().or_else(|| config.data.sheet.clone())
    }

    /// The GIAS filter: `--la` or `data.la_code`, closed establishments or not, and the
    /// configured establishment groups.
    pub fn filter(&self, config: &Config) -> RegisterFilter {
        RegisterFilter {
            la: self.la.clone().or_else(|| config.data.la_code.clone()),
            include_closed: self.include_closed,
            groups: config
                .register
                .gias_groups
                .iter()
                .filter_map(|g| gias_groups::Group::parse(g))
                .collect(),
        }
    }
}

struct Paths {
    register: Option<PathBuf>,
    support: Option<PathBuf>,
    inspections: Option<PathBuf>,
    scores: Option<PathBuf>,
}

/// A file that was read: where it is and the sha256 that decides whether it changed.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct SourceFile {
    pub path: PathBuf,
    pub hash: String,
    /// The sheet of a workbook per term (`2025-26-autumn.xlsx [finance]`).
    pub sheet: Option<String>,
}

impl SourceFile {
    pub fn display(&self) -> String {
        match &self.sheet {
            Some(sheet) => format!("{} [{sheet}]", self.path.display()),
            None => self.path.display().to_string(),
        }
    }
}

#[derive(Debug, Clone)]
pub struct ParsedRegister {
    pub source: SourceFile,
    pub register: Register,
}

#[derive(Debug, Clone)]
pub struct ParsedSupport {
    pub source: SourceFile,
    pub rows: Vec<support::SupportRow>,
}

#[derive(Debug, Clone)]
pub struct ParsedInspections {
    pub source: SourceFile,
    pub rows: Vec<Inspection>,
}

#[derive(Debug, Clone)]
pub struct ParsedScores {
    pub source: SourceFile,
    pub term: Term,
    pub team: String,
    pub rows: Vec<scores::ScoreRow>,
    /// Columns of the file termly does not use (school name, phase…), as headed.
    pub ignored: Vec<String>,
    /// Schools listed with nothing filled in.
    pub unscored: usize,
}

/// Everything read in one run, checked and ready to write.
#[derive(Debug, Clone, Default)]
pub struct ParsedImport {
    pub register: Option<ParsedRegister>,
    pub support: Option<ParsedSupport>,
    pub inspections: Option<ParsedInspections>,
    /// Sorted by term, then team.
    pub scores: Vec<ParsedScores>,
}

impl ParsedImport {
    /// The columns of score files termly did not use, each named once, for the summary:
    /// `Phase, School, Type (not used)`.
    pub fn ignored_columns(&self) -> Vec<String> {
        let mut seen: Vec<String> = Vec::new();
        for file in &self.scores {
            for h in &file.ignored {
                if !seen
                    .iter()
                    .any(|s| table::header_key(s) == table::header_key(h))
                {
                    seen.push(h.clone());
                }
            }
        }
        seen
    }

    /// One line for `termly check`: what was read.
    pub fn describe(&self) -> String {
        let terms: HashSet<Term> = self.scores.iter().map(|s| s.term).collect();
        format!(
            "{} schools, {} support rows, {} inspections, {} score files over {} terms",
            self.register
                .as_ref()
                .map_or(0, |r| r.register.schools.len()),
            self.support.as_ref().map_or(0, |s| s.rows.len()),
            self.inspections.as_ref().map_or(0, |s| s.rows.len()),
            self.scores.len(),
            terms.len()
        )
    }
}

/// Read a register file; a GIAS extract's hash also covers the filter it was read with.
fn parse_register(
    path: &Path,
    limits: &LimitsConfig,
    filter: &RegisterFilter,
    sheet: Option<String>,
) -> Result<ParsedRegister, Vec<Problem>> {
    let input = Input::open_within(path, limits)
        .map_err(|p| vec![p])?
        .with_sheet(sheet);
    let (register, hash) = register::read_input(input, filter)?;
    let source = SourceFile {
        path: path.to_path_buf(),
        hash: register_hash(hash, &register, filter),
        sheet: None,
    };
    Ok(ParsedRegister { source, register })
}

/// Parse every file `opts` selects. URNs are checked against the register read now plus
/// `also_known` (schools already in the database stay valid: decisions and earlier terms
/// refer to them). `also_known` None with no register read means URNs cannot be checked.
/// Returns every problem found, in file order.
pub fn parse_all(
    config: &Config,
    opts: &ImportOptions,
    also_known: Option<&HashSet<Urn>>,
) -> Result<ParsedImport, Problems> {
    let mut problems = Vec::new();
    let paths = opts.paths(config);
    let filter = opts.filter(config);
    let mut register_failed = false;
    let limits = &config.limits;
    let sheet = opts.sheet(config);
    let register = paths.register.as_deref().and_then(|path| {
        parse_register(path, limits, &filter, sheet.clone())
            .map_err(|p| {
                problems.extend(p);
                register_failed = true;
            })
            .ok()
    });
    // Without a readable register, URNs cannot be checked: say nothing rather than flag all.
    let known: Option<HashSet<Urn>> = match (&register, also_known) {
        _ if register_failed => None,
        (None, None) => None,
        (reg, extra) => {
            let mut k: HashSet<Urn> = extra.cloned().unwrap_or_default();
            if let Some(r) = reg {
                k.extend(r.register.schools.iter().map(|s| s.urn));
            }
            Some(k)
        }
    };
    let known = known.as_ref();

    let support = paths.support.as_deref().and_then(|path| {
        let (source, bytes) = read_file(path, limits, sheet.as_deref(), &mut problems)?;
        let input = Input::from_bytes(&source.display(), &bytes)
            .with_sheet(sheet.clone())
            .with_limits(limits);
        support::read_from(input, config, known)
            .map(|rows| ParsedSupport { source, rows })
            .map_err(|p| problems.extend(p))
            .ok()
    });
    let inspections = paths.inspections.as_deref().and_then(|path| {
        let (source, bytes) = read_file(path, limits, sheet.as_deref(), &mut problems)?;
        let input = Input::from_bytes(&source.display(), &bytes)
            .with_sheet(sheet.clone())
            .with_limits(limits);
        inspections::read_from(input, known)
            .map(|rows| ParsedInspections { source, rows })
            .map_err(|p| problems.extend(p))
            .ok()
    });
    let mut score_files = Vec::new();
    if let Some(dir) = &paths.scores {
        match discover::score_files(dir, config) {
            Ok(found) => {
                // A national term is 8 files of 24,000 rows: read them on every core.
                let parsed = in_parallel(&found, |f| -> Result<ParsedScores, Vec<Problem>> {
                    let input = Input::open_within(&f.path, limits)
                        .map_err(|p| vec![p])?
                        .with_sheet(f.sheet.clone().or_else(|| sheet.clone()));
                    let layout = scores::ScoreLayout::for_team(config, &f.team);
                    let read = scores::read_with(input, &layout, known)?;
                    Ok(ParsedScores {
                        source: SourceFile {
                            path: f.path.clone(),
                            hash: read.hash,
                            sheet: f.sheet.clone(),
                        },
                        term: f.term,
                        team: f.team.clone(),
                        rows: read.rows,
                        ignored: read.ignored,
                        unscored: read.unscored,
                    })
                });
                for result in parsed {
                    match result {
                        Ok(file) => score_files.push(file),
                        Err(p) => problems.extend(p),
                    }
                }
            }
            Err(p) => problems.extend(p),
        }
    }
    if !problems.is_empty() {
        return Err(Problems(problems));
    }
    Ok(ParsedImport {
        register,
        support,
        inspections,
        scores: score_files,
    })
}

/// The URNs of the configured register, for checking other files without a database;
/// None when it cannot be read (its problems are reported when it is checked itself).
pub fn configured_register_urns(config: &Config, opts: &ImportOptions) -> Option<HashSet<Urn>> {
    let path = tidy(&config.resolve(config.data.register.as_ref()?));
    let input = Input::open_within(&path, &config.limits)
        .ok()?
        .with_sheet(opts.sheet(config));
    let (register, _) = register::read_input(input, &opts.filter(config)).ok()?;
    Some(register.schools.iter().map(|s| s.urn).collect())
}

/// `work` applied to every item, spread over the machine's cores; results in item order.
fn in_parallel<T: Sync, R: Send>(items: &[T], work: impl Fn(&T) -> R + Sync) -> Vec<R> {
    let threads = std::thread::available_parallelism().map_or(1, |n| n.get());
    let chunk = items.len().div_ceil(threads.max(1)).max(1);
    std::thread::scope(|scope| {
        let handles: Vec<_> = items
            .chunks(chunk)
            .map(|part| scope.spawn(|| part.iter().map(&work).collect::<Vec<R>>()))
            .collect();
        handles
            .into_iter()
            .flat_map(|h| h.join().expect("a reader thread panicked"))
            .collect()
    })
}

/// A small file read whole (support, inspections), within the size limit, with its hash
/// (which covers the sheet named, as another sheet is other data).
fn read_file(
    path: &Path,
    limits: &LimitsConfig,
    sheet: Option<&str>,
    problems: &mut Vec<Problem>,
) -> Option<(SourceFile, Vec<u8>)> {
    let read = Input::open_within(path, limits).and_then(|mut input| {
        let bytes = input.read_all()?;
        Ok((input.finish()?, bytes))
    });
    match read {
        Ok((hash, bytes)) => Some((
            SourceFile {
                path: path.to_path_buf(),
                hash: match sheet {
                    Some(sheet) if workbook::is_workbook(&path.display().to_string()) => {
                        text::sha256_hex(format!("{hash}\0termly sheet={sheet}").as_bytes())
                    }
                    _ => hash,
                },
                sheet: None,
            },
            bytes,
        )),
        Err(p) => {
            problems.push(p);
            None
        }
    }
}

/// A GIAS extract read with another LA, closed-establishment or group setting gives another
/// register, so those settings count in its hash.
fn register_hash(file_hash: String, register: &Register, filter: &RegisterFilter) -> String {
    if register.format != RegisterFormat::Gias {
        return file_hash;
    }
    let groups: Vec<&str> = filter.groups.iter().map(|g| g.name()).collect();
    text::sha256_hex(
        format!(
            "{file_hash}\0termly la={:?} include_closed={} groups={groups:?}",
            filter.la, filter.include_closed
        )
        .as_bytes(),
    )
}
