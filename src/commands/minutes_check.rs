//! `termly check-minutes FILE`: read TOML minutes back and compare them, field by field,
//! with the meeting and decisions in the database. Exits non-zero on any difference.

use crate::cli::GlobalArgs;
use crate::store::Store;
use clap::Args;
use std::path::PathBuf;
use std::process::ExitCode;

#[derive(Debug, Args)]
pub struct CheckMinutesArgs {
    /// TOML minutes written by `termly export --format toml`.
    pub file: PathBuf,
}

pub fn run(global: &GlobalArgs, args: CheckMinutesArgs) -> anyhow::Result<ExitCode> {
    let config = crate::cli::load_config(global)?;
    let store = Store::open(&config.database_path())?;
    let diffs = crate::minutes::check_file(&config, &store, &args.file)?;
    if diffs.is_empty() {
        println!("{}: matches the database", args.file.display());
        return Ok(ExitCode::SUCCESS);
    }
    println!(
        "{}: {} difference(s) from the database:",
        args.file.display(),
        diffs.len()
    );
    for d in diffs {
        println!("  {}", crate::model::sanitize_text(&d, false));
    }
    Ok(ExitCode::FAILURE)
}
