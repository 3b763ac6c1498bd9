//! `termly init`: from a GIAS download to a database with the register, a configuration
//! beside it, a scoring workbook per team for the term and a support workbook of starting
//! categories. Everything is read and checked before anything is written; an existing
//! configuration is never overwritten.

use super::config_text::{config_text, NewConfig};
use super::templates::{write_term_set, Template};
use super::workbooks::{support_workbook, write_new, StartingCategory};
use crate::clock::Clock;
use crate::config::{tidy_path, Config};
use crate::dataset::TermScores;
use crate::import::{apply, ImportSummary};
use crate::ingest::{parse_all, ImportOptions};
use crate::policy::assess_term;
use crate::store::{load_dataset, Store};
use crate::term::Term;
use anyhow::{bail, Context as _};
use std::path::{Component, Path, PathBuf};

/// What `termly init` was asked.
#[derive(Debug, Clone)]
pub struct InitRequest {
    pub la: String,
    pub register: PathBuf,
    pub authority: Option<String>,
    /// Where the configuration and everything else go.
    pub dir: PathBuf,
    /// The term of the first set of workbooks (default: the term containing today).
    pub term: Option<Term>,
}

/// What `termly init` did.
#[derive(Debug, Clone)]
pub struct InitReport {
    pub config: PathBuf,
    pub import: ImportSummary,
    pub term: Term,
    pub workbooks: Vec<Template>,
    pub support: PathBuf,
    /// Schools whose starting category is the policy's suggestion rather than Core.
    pub suggested: usize,
    pub schools: usize,
}

impl InitReport {
    /// The three commands to run next, with this configuration.
    pub fn next_commands(&self) -> [String; 3] {
        let config = shell_word(&self.config.display().to_string());
        [
            format!("termly --config {config} check"),
            format!("termly --config {config} import"),
            format!("termly --config {config}"),
        ]
    }
}

/// Set up an authority in `req.dir`.
pub fn init(req: &InitRequest, clock: &dyn Clock) -> anyhow::Result<InitReport> {
    std::fs::create_dir_all(&req.dir)
        .with_context(|| format!("cannot make the folder {}", req.dir.display()))?;
    let dir = std::path::absolute(&req.dir)?;
    let config_path = dir.join("termly.toml");
    if config_path.exists() {
        bail!(
            "{} already exists; termly init never overwrites a configuration (use `termly templates --term …` for a new term's workbooks)",
            config_path.display()
        );
    }
    let register = std::path::absolute(&req.register)?;
    if !register.is_file() {
        bail!("{}: file not found", req.register.display());
    }
    let authority = req
        .authority
        .clone()
        .unwrap_or_else(|| format!("Local authority {}", req.la));
    let text = config_text(&NewConfig {
        authority: &authority,
        la_code: &req.la,
        register: &relative_to(&dir, &register).to_string_lossy(),
        support: "support.xlsx",
    });
    let shown = config_path.display().to_string();
    let config = Config::from_layers(Some((shown, text.clone())), PathBuf::from("config"), &dir)?;
    // Read the register before writing anything: a refused file leaves nothing behind.
    let opts = ImportOptions {
        register: Some(register.clone()),
        ..ImportOptions::default()
    };
    let parsed = parse_all(&config, &opts, None).map_err(|problems| {
        anyhow::anyhow!(
            "{} problem(s) in the register; nothing was written:\n{problems}",
            problems.len()
        )
    })?;
    let schools = parsed
        .register
        .as_ref()
        .map_or(0, |r| r.register.schools.len());
    if schools == 0 {
        bail!(
            "{}: no school of LA {} in this file; nothing was written",
            req.register.display(),
            req.la
        );
    }
    crate::files::write_private(&config_path, text.as_bytes())
        .with_context(|| format!("writing {}", config_path.display()))?;
    let mut store = Store::open(&config.database_path())?;
    let now = clock
        .now()
        .to_rfc3339_opts(chrono::SecondsFormat::Secs, false);
    let import = apply(&mut store, &parsed, &now)?;
    let mut data = load_dataset(&store, &config.team_keys())?;
    let today = clock.today();
    let term = req.term.unwrap_or_else(|| Term::containing(today));
    let workbooks = write_term_set(&config, &data.schools, term)?;

    // Starting categories: the policy's suggestion (from the register's inspections), or Core.
    if data.term_index(term).is_none() {
        data.terms
            .push(TermScores::new(term, data.schools.len(), data.n_teams()));
        data.terms.sort_by_key(|t| t.term);
    }
    let idx = data.term_index(term).expect("added above");
    let assessment = assess_term(&config, &data, idx, today);
    let core = config.categories[0].label.clone();
    let mut suggested = 0;
    let rows: Vec<StartingCategory> = data
        .schools
        .iter()
        .zip(&assessment.schools)
        .map(|(school, a)| match &a.suggestion {
            Some(s) => {
                suggested += 1;
                StartingCategory {
                    school,
                    category: config.category_label(&s.category).to_string(),
                    reason: a
                        .reasons
                        .iter()
                        .map(|r| r.sentence.clone())
                        .collect::<Vec<_>>()
                        .join("; "),
                }
            }
            None => StartingCategory {
                school,
                category: core.clone(),
                reason: format!("no rule applies: {core}"),
            },
        })
        .collect();
    let support = dir.join("support.xlsx");
    write_new(
        &support,
        support_workbook(&config, &authority, today, &rows),
    )
    .with_context(|| format!("writing {}", support.display()))?;
    Ok(InitReport {
        config: config_path,
        import,
        term,
        workbooks,
        support,
        suggested,
        schools,
    })
}

/// `target` as a path from `base` (both absolute): `../downloads/gias.csv`.
fn relative_to(base: &Path, target: &Path) -> PathBuf {
    let base_tidy = tidy_path(base);
    let base: Vec<Component> = base_tidy.components().collect();
    let target_tidy = tidy_path(target);
    let target: Vec<Component> = target_tidy.components().collect();
    let common = base.iter().zip(&target).take_while(|(a, b)| a == b).count();
    if common == 0 {
        return target_tidy; // another drive or root: keep it absolute
    }
    let mut out = PathBuf::new();
    for _ in common..base.len() {
        out.push("..");
    }
    for part in &target[common..] {
        out.push(part.as_os_str());
    }
    out
}

/// A path as typed into a shell: quoted when it has anything but plain characters.
fn shell_word(text: &str) -> String {
    if text
        .chars()
        .all(|c| c.is_ascii_alphanumeric() || "/._-+:=@,".contains(c))
    {
        text.to_string()
    } else {
        format!("'{}'", text.replace('\'', r"'\''"))
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn paths_are_written_relative_to_the_config() {
        assert_eq!(
            relative_to(Path::new("/a/b/site"), Path::new("/a/b/downloads/g.csv")),
            Path::new("../downloads/g.csv")
        );
        assert_eq!(
            relative_to(Path::new("/a/site"), Path::new("/a/site/g.csv")),
            Path::new("g.csv")
        );
        assert_eq!(shell_word("/tmp/x y/termly.toml"), "'/tmp/x y/termly.toml'");
        assert_eq!(shell_word("/tmp/h/termly.toml"), "/tmp/h/termly.toml");
    }
}
