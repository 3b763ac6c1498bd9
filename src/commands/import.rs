//! `termly import`: read the configured register, support details, inspections and every
//! term's scores (or only the files named on the command line), and write them all or
//! nothing. Every problem is printed, one per line.

use crate::cli::{load_config, GlobalArgs};
use crate::ingest::{import_all, ImportError, ImportOptions};
use crate::model::sanitize_text;
use crate::store::Store;
use clap::Args;
use std::path::PathBuf;
use std::process::ExitCode;

#[derive(Debug, Args, Clone, Default)]
pub struct ImportArgs {
    /// Import this register (termly CSV/TOML or a GIAS extract). Naming any file imports
    /// only the files named; with none, everything configured in [data] is imported.
    #[arg(long, value_name = "FILE")]
    pub register: Option<PathBuf>,
    /// Keep one local authority of a GIAS extract (its `LA (code)`).
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
    /// Import this scores folder (one sub-folder per term).
    #[arg(long, value_name = "DIR")]
    pub scores: Option<PathBuf>,
}

impl ImportArgs {
    pub fn options(&self) -> ImportOptions {
        ImportOptions {
            register: self.register.clone(),
            la: self.la.clone(),
            include_closed: self.include_closed,
            support: self.support.clone(),
            inspections: self.inspections.clone(),
            scores: self.scores.clone(),
        }
    }
}

pub fn run(global: &GlobalArgs, args: ImportArgs) -> anyhow::Result<ExitCode> {
    let config = load_config(global)?;
    let mut store = Store::open(&config.database_path())?;
    match import_all(&config, &mut store, &args.options()) {
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
