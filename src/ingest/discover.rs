//! Finding score files: `<scores>/<term>/<team>.csv` (or `.toml`). Every sub-folder must be
//! a term and every CSV/TOML file in it a configured team; anything else is a problem naming
//! the path. Hidden files and other file types (a team's .xlsx, say) are left alone.

use super::error::Problem;
use crate::config::Config;
use crate::term::Term;
use std::path::{Path, PathBuf};

/// One score file found on disk.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ScoreSource {
    pub path: PathBuf,
    pub term: Term,
    pub team: String,
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
        if !entry.is_dir() || hidden(&entry) {
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
            if ext != "csv" && ext != "toml" {
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
            if let Some(other) = found
                .iter()
                .find(|s: &&ScoreSource| s.term == term && s.team == stem)
            {
                problems.push(Problem::file(
                    file.display().to_string(),
                    format!(
                        "a second file for team `{stem}` in {name} (also {})",
                        other.path.display()
                    ),
                ));
                continue;
            }
            found.push(ScoreSource {
                path: file,
                term,
                team: stem,
            });
        }
    }
    if !problems.is_empty() {
        return Err(problems);
    }
    found.sort_by_key(|s| (s.term, config.team_index(&s.team)));
    Ok(found)
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
