//! Finding score files: `<scores>/<term>/<team>.csv` (or `.toml`, or a workbook such as
//! `.xlsx`), or one workbook per term, `<scores>/<term>.xlsx`, with a sheet per team named
//! by the team's key. Every sub-folder must be a term and every file in it a configured
//! team; anything else is a problem naming the path. Hidden files and other file types are
//! left alone.

use super::error::Problem;
use super::workbook;
use crate::config::Config;
use crate::term::Term;
use std::path::{Path, PathBuf};

/// One score file found on disk.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ScoreSource {
    pub path: PathBuf,
    pub term: Term,
    pub team: String,
    /// The team's sheet, in a workbook per term.
    pub sheet: Option<String>,
}

impl ScoreSource {
    /// How messages name it: the file, and the sheet of a workbook per term.
    pub fn display(&self) -> String {
        match &self.sheet {
            Some(sheet) => format!("{} [{sheet}]", self.path.display()),
            None => self.path.display().to_string(),
        }
    }
}

/// Every score file under `dir`, sorted by term then team (config order).
pub fn score_files(dir: &Path, config: &Config) -> Result<Vec<ScoreSource>, Vec<Problem>> {
    let shown = dir.display().to_string();
    if !dir.is_dir() {
        return Err(vec![Problem::file(
            shown,
            "scores folder not found (expected one sub-folder per term, e.g. 2026-27-autumn/finance.csv)",
        )]);
    }
    let mut problems = Vec::new();
    let mut found = Vec::new();
    for entry in sorted_entries(dir, &mut problems) {
        if hidden(&entry) {
            continue;
        }
        if !entry.is_dir() {
            term_workbook(&entry, config, &mut found, &mut problems);
            continue;
        }
        let name = entry
            .file_name()
            .unwrap_or_default()
            .to_string_lossy()
            .to_string();
        let term = match name.parse::<Term>() {
            Ok(t) => t,
            Err(_) => {
                problems.push(Problem::file(
                    entry.display().to_string(),
                    "folder name is not a term; expected e.g. 2026-27-autumn",
                ));
                continue;
            }
        };
        for file in sorted_entries(&entry, &mut problems) {
            if file.is_dir() || hidden(&file) {
                continue;
            }
            let ext = file
                .extension()
                .map(|e| e.to_string_lossy().to_ascii_lowercase())
                .unwrap_or_default();
            if ext != "csv" && ext != "toml" && !workbook::EXTENSIONS.contains(&ext.as_str()) {
                continue;
            }
            let stem = file
                .file_stem()
                .unwrap_or_default()
                .to_string_lossy()
                .to_string();
            if config.team_index(&stem).is_none() {
                let teams: Vec<&str> = config.teams.iter().map(|t| t.key.as_str()).collect();
                problems.push(Problem::file(
                    file.display().to_string(),
                    format!(
                        "`{stem}` is not a configured team; expected one of {}",
                        teams.join(", ")
                    ),
                ));
                continue;
            }
            add(
                ScoreSource {
                    path: file,
                    term,
                    team: stem,
                    sheet: None,
                },
                &mut found,
                &mut problems,
            );
        }
    }
    if !problems.is_empty() {
        return Err(problems);
    }
    found.sort_by_key(|s| (s.term, config.team_index(&s.team)));
    Ok(found)
}

/// Add `source` unless its team already has a file for that term.
fn add(source: ScoreSource, found: &mut Vec<ScoreSource>, problems: &mut Vec<Problem>) {
    if let Some(other) = found
        .iter()
        .find(|s| s.term == source.term && s.team == source.team)
    {
        problems.push(Problem::file(
            source.display(),
            format!(
                "a second file for team `{}` in {} (also {})",
                source.team,
                source.term.key(),
                other.display()
            ),
        ));
        return;
    }
    found.push(source);
}

/// `<scores>/<term>.xlsx`: a sheet per team, each sheet named by a team's key.
fn term_workbook(
    path: &Path,
    config: &Config,
    found: &mut Vec<ScoreSource>,
    problems: &mut Vec<Problem>,
) {
    let shown = path.display().to_string();
    if !workbook::is_workbook(&shown) {
        return;
    }
    let stem = path.file_stem().unwrap_or_default().to_string_lossy();
    let Ok(term) = stem.parse::<Term>() else {
        return;
    };
    let limits = super::workbook_bounds::WorkbookLimits::from_config(&config.limits);
    let names = super::input::Input::open_within(path, &config.limits)
        .and_then(|mut input| input.read_all())
        .and_then(|bytes| workbook::sheet_names(&shown, &bytes, &limits));
    let names = match names {
        Ok(names) => names,
        Err(p) => return problems.push(p),
    };
    for sheet in names {
        let Some(team) = config
            .teams
            .iter()
            .find(|t| t.key.eq_ignore_ascii_case(sheet.trim()))
        else {
            let teams: Vec<&str> = config.teams.iter().map(|t| t.key.as_str()).collect();
            problems.push(
                Problem::file(
                    &shown,
                    format!(
                        "sheet `{sheet}` is not a configured team; in a workbook per term each sheet is a team: {}",
                        teams.join(", ")
                    ),
                )
                .in_sheet(Some(&sheet)),
            );
            continue;
        };
        let source = ScoreSource {
            path: path.to_path_buf(),
            term,
            team: team.key.clone(),
            sheet: Some(sheet),
        };
        add(source, found, problems);
    }
}

fn hidden(path: &Path) -> bool {
    path.file_name()
        .map(|n| {
            let n = n.to_string_lossy();
            n.starts_with('.') || n.starts_with("~$")
        })
        .unwrap_or(false)
}

fn sorted_entries(dir: &Path, problems: &mut Vec<Problem>) -> Vec<PathBuf> {
    match std::fs::read_dir(dir) {
        Ok(entries) => {
            let mut v: Vec<PathBuf> = entries.filter_map(|e| e.ok().map(|e| e.path())).collect();
            v.sort();
            v
        }
        Err(e) => {
            problems.push(Problem::file(
                dir.display().to_string(),
                format!("cannot read folder: {e}"),
            ));
            Vec::new()
        }
    }
}
