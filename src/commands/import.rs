//! `termly import`: read the configured register, support details, inspections and every
//! term's scores (or only the files named on the command line), and write them all or
//! nothing; or read one per-school file into a team's indicators (`--indicators` with
//! `--column`s, or a configured recipe with `--source`). Every problem is printed, one per line.

use super::Context;
use crate::config::Config;
use crate::import::{import_all, import_source, ImportError, ImportSummary};
use crate::ingest::indicators::SourceSpec;
use crate::ingest::{parse_all, ImportOptions};
use crate::model::sanitize_text;
use crate::term::Term;
use anyhow::{bail, Context as _};
use clap::Args;
use std::path::PathBuf;
use std::process::ExitCode;

#[derive(Debug, Args, Clone, Default)]
pub struct ImportArgs {
    /// Import this register (termly CSV/TOML or a GIAS extract). Naming any file imports
    /// only the files named; with none, everything configured in [data] is imported.
    #[arg(long, value_name = "FILE")]
    pub register: Option<PathBuf>,
    /// Keep one local authority: of a GIAS extract (its `LA (code)`), or of an indicators
    /// file that has an `LA` column (a recipe names its own).
    #[arg(long, value_name = "CODE")]
    pub la: Option<String>,
    /// Keep GIAS establishments whose status is Closed.
    #[arg(long)]
    pub include_closed: bool,
    /// Import this support file (category, since, SIP, LaMA).
    #[arg(long, value_name = "FILE")]
    pub support: Option<PathBuf>,
    /// Import this inspections file.
    #[arg(long, value_name = "FILE")]
    pub inspections: Option<PathBuf>,
    /// Import this scores folder (one sub-folder per term, or a workbook per term).
    #[arg(long, value_name = "DIR")]
    pub scores: Option<PathBuf>,
    /// In a workbook (.xlsx, .xlsm, .xls, .ods), read this sheet rather than the first
    /// visible one (default: [data] sheet, or a recipe's own `sheet`).
    #[arg(long, value_name = "NAME")]
    pub sheet: Option<String>,
}

impl ImportArgs {
    fn selects_files(&self) -> bool {
        self.options().selects_files()
    }

    pub fn options(&self) -> ImportOptions {
        ImportOptions {
            register: self.register.clone(),
            la: self.la.clone(),
            include_closed: self.include_closed,
            support: self.support.clone(),
            inspections: self.inspections.clone(),
            scores: self.scores.clone(),
            sheet: self.sheet.clone(),
        }
    }
}

/// `termly import`: the files of [`ImportArgs`], or one source of indicators.
#[derive(Debug, Args, Clone, Default)]
pub struct ImportCommand {
    #[command(flatten)]
    pub files: ImportArgs,
    #[command(flatten)]
    pub source: SourceArgs,
}

/// A per-school file read into one team's indicators for one term.
#[derive(Debug, Args, Clone, Default)]
pub struct SourceArgs {
    /// A per-school file (DfE statistics CSV…) whose columns become a team's indicators.
    #[arg(long, value_name = "FILE", conflicts_with = "source")]
    pub indicators: Option<PathBuf>,
    /// Run the `[[sources]]` recipe of this name from the configuration.
    #[arg(long, value_name = "NAME")]
    pub source: Option<String>,
    /// The team the indicators belong to (with --indicators).
    #[arg(long, value_name = "TEAM")]
    pub team: Option<String>,
    /// The term the values are for, e.g. "2025-26 autumn" (with --indicators or --source).
    #[arg(long, value_name = "TERM")]
    pub term: Option<String>,
    /// NAME=HEADER: the column HEADER becomes indicator NAME (repeat for each).
    #[arg(long = "column", value_name = "NAME=HEADER")]
    pub columns: Vec<String>,
    /// The header of the URN column (with --indicators).
    #[arg(long, value_name = "HEADER", default_value = "URN")]
    pub urn_column: String,
}

impl SourceArgs {
    fn given(&self) -> bool {
        self.indicators.is_some() || self.source.is_some()
    }

    /// The recipe to run, from the command line or the configuration.
    fn spec(
        &self,
        config: &Config,
        la: Option<String>,
        sheet: Option<String>,
    ) -> anyhow::Result<SourceSpec> {
        let la = la.or_else(|| config.data.la_code.clone());
        if let Some(name) = &self.source {
            let recipe = config.source(name).with_context(|| {
                let names: Vec<&str> = config.sources.iter().map(|s| s.name.as_str()).collect();
                format!(
                    "no source `{name}` in the configuration; configured: {}",
                    if names.is_empty() {
                        "none".to_string()
                    } else {
                        names.join(", ")
                    }
                )
            })?;
            return Ok(SourceSpec {
                name: recipe.name.clone(),
                team: recipe.team.clone(),
                file: config.resolve(&recipe.file),
                urn_column: recipe.urn.clone(),
                la_column: recipe.la.clone(),
                la_column_required: true,
                la,
                columns: recipe
                    .columns
                    .iter()
                    .map(|(n, h)| (n.clone(), h.clone()))
                    .collect(),
                sheet: sheet.or_else(|| recipe.sheet.clone()),
            });
        }
        let file = self.indicators.clone().expect("given");
        let Some(team) = self.team.clone() else {
            bail!("--indicators needs --team TEAM");
        };
        if config.team_index(&team).is_none() {
            bail!("`{team}` is not a configured team");
        }
        if self.columns.is_empty() {
            bail!("--indicators needs at least one --column NAME=HEADER");
        }
        let mut columns = Vec::new();
        for c in &self.columns {
            let Some((name, header)) = c.split_once('=') else {
                bail!("--column {c}: expected NAME=HEADER, e.g. persistent_absence_pct=PPERSABS10");
            };
            columns.push((name.trim().to_string(), header.trim().to_string()));
        }
        Ok(SourceSpec {
            name: file
                .file_name()
                .map_or("indicators".into(), |n| n.to_string_lossy().to_string()),
            team,
            file,
            urn_column: self.urn_column.clone(),
            la_column: Some("LA".to_string()),
            la_column_required: false,
            la,
            columns,
            sheet,
        })
    }
}

pub fn run(ctx: &mut Context, args: ImportCommand) -> anyhow::Result<ExitCode> {
    let (config, clock) = (ctx.config.clone(), ctx.clock.clone());
    let result = if args.source.given() {
        if args.files.selects_files() {
            bail!("--indicators and --source import one file on their own: leave out --register, --support, --inspections and --scores");
        }
        let Some(term) = &args.source.term else {
            bail!("--indicators and --source need --term, e.g. --term \"2025-26 autumn\"");
        };
        let term: Term = term.parse()?;
        let spec = args
            .source
            .spec(&config, args.files.la.clone(), args.files.sheet.clone())?;
        if ctx.database_is_new() {
            bail!(
                "there is no database yet ({}): import a register first (termly import --register FILE); no database was created",
                config.database_path().display()
            );
        }
        import_source(&config, ctx.store()?, &spec, term, clock.as_ref())
    } else {
        let opts = args.files.options();
        if !opts.selects_files() {
            say_not_configured(&config);
            if config.data.has_no_inputs() {
                bail!(
                    "nothing to import: {} sets none of [data] register, support, inspections, scores",
                    config.source
                );
            }
        }
        if ctx.database_is_new() {
            // Read everything before a database file exists: a refused import leaves none.
            if let Err(problems) = parse_all(&config, &opts, None) {
                return report(Err(ImportError::Invalid(problems)));
            }
        }
        import_all(&config, ctx.store_creating()?, &opts, clock.as_ref())
    };
    report(result)
}

/// One line naming the inputs the configuration leaves unset (never the bundled borough's).
pub fn say_not_configured(config: &Config) {
    let missing = config.data.not_configured();
    if !missing.is_empty() {
        eprintln!(
            "termly: not configured in {}: {} (set them under [data] to read them)",
            config.source,
            missing.join(", ")
        );
    }
}

fn report(result: Result<ImportSummary, ImportError>) -> anyhow::Result<ExitCode> {
    match result {
        Ok(summary) => {
            println!("{}", sanitize_text(&summary.to_string(), true));
            Ok(ExitCode::SUCCESS)
        }
        Err(ImportError::Invalid(problems)) => {
            for p in problems.iter() {
                eprintln!("{}", sanitize_text(&p.to_string(), false));
            }
            eprintln!(
                "termly: {} problem(s); nothing was imported",
                problems.len()
            );
            Ok(ExitCode::FAILURE)
        }
        Err(e) => Err(e.into()),
    }
}
