//! `termly check`: read every configured file, write nothing, and list every problem with
//! file, line and column. Exit status 0 only when everything is clean.

use super::Context;
use crate::commands::import::ImportArgs;
use crate::ingest::ParsedImport;
use crate::ingest::{configured_register_urns, parse_all};
use crate::model::sanitize_text;
use crate::policy::compile;
use crate::policy::coverage::{scored_teams, silent_teams};
use crate::store::{load_dataset, Store};
use crate::term::Term;
use clap::Args;
use std::collections::{BTreeSet, HashSet};
use std::process::ExitCode;

#[derive(Debug, Args, Clone, Default)]
pub struct CheckArgs {
    /// The same file overrides as `termly import`.
    #[command(flatten)]
    pub files: ImportArgs,
}

pub fn run(ctx: &Context, args: CheckArgs) -> anyhow::Result<ExitCode> {
    let config = &ctx.config;
    // Files only: the database is neither opened nor created. Checking some files alone,
    // their URNs are checked against the configured register.
    let opts = args.files.options();
    if !opts.selects_files() {
        super::import::say_not_configured(config);
    }
    let register_urns = if opts.selects_files() && opts.register.is_none() {
        configured_register_urns(config, &opts)
    } else {
        Some(HashSet::new())
    };
    match parse_all(config, &opts, register_urns.as_ref()) {
        Ok(parsed) => {
            println!("ok: {}", parsed.describe());
            let ignored = parsed.ignored_columns();
            if !ignored.is_empty() {
                println!(
                    "columns not used in the score files: {}",
                    ignored.join(", ")
                );
            }
            for warning in silent_team_warnings(ctx, &parsed)? {
                println!("warning: {warning}");
            }
            Ok(ExitCode::SUCCESS)
        }
        Err(problems) => {
            for p in problems.iter() {
                println!("{}", sanitize_text(&p.to_string(), false));
            }
            eprintln!("termly check: {} problem(s)", problems.len());
            Ok(ExitCode::FAILURE)
        }
    }
}

/// Teams with no score for any school in a term where other teams have scores: in the
/// score files read now, and in the database when there is one (where a source's
/// indicators, banded, give the scores). A database is never created here.
fn silent_team_warnings(ctx: &Context, parsed: &ParsedImport) -> anyhow::Result<Vec<String>> {
    let config = &ctx.config;
    let mut scored: BTreeSet<(Term, String)> = parsed
        .scores
        .iter()
        .filter(|f| {
            f.rows
                .iter()
                .any(|r| r.score.is_some() || !r.indicators.is_empty())
        })
        .map(|f| (f.term, f.team.clone()))
        .collect();
    if !ctx.database_is_new() {
        if let Ok(store) = Store::open_at(
            &config.database_location(),
            config.data.password_command.as_deref(),
        ) {
            let data = load_dataset(&store, &config.team_keys())?;
            let compiled = compile(config).map_err(anyhow::Error::msg)?;
            scored.extend(scored_teams(&compiled, &data));
        }
    }
    Ok(silent_teams(&config.team_keys(), &scored)
        .into_iter()
        .map(|(term, team)| {
            format!(
                "team `{team}` has no score for any school in {term}, where other teams have scores (a score column under another header? a banding rule switched off?)"
            )
        })
        .collect())
}
