//! A term's set of scoring workbooks, `<scores>/<term>/<team>.xlsx`, one per configured
//! team, never written over a workbook that is already there.

use super::workbooks::{team_workbook, write_new};
use crate::config::Config;
use crate::model::School;
use crate::term::Term;
use anyhow::Context as _;
use std::path::PathBuf;

/// One workbook of the set: where it is, and whether it was written now (false: a file was
/// there already and was left alone).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Template {
    pub path: PathBuf,
    pub written: bool,
}

/// Write `term`'s workbooks for every team into the configured scores folder.
pub fn write_term_set(
    config: &Config,
    schools: &[School],
    term: Term,
) -> anyhow::Result<Vec<Template>> {
    let scores = config.data.scores.as_ref().with_context(|| {
        format!(
            "no scores folder is configured in {}: set [data] scores = \"scores\"",
            config.source
        )
    })?;
    let folder = config.resolve(scores).join(term.key());
    let authority = &config.minutes.authority;
    let mut set = Vec::new();
    for team in &config.teams {
        let path = folder.join(format!("{}.xlsx", team.key));
        let bytes = team_workbook(config, team, term, authority, schools);
        let written =
            write_new(&path, bytes).with_context(|| format!("writing {}", path.display()))?;
        set.push(Template { path, written });
    }
    Ok(set)
}
