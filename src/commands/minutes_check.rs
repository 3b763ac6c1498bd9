//! `termly check-minutes FILE`: read TOML minutes back and compare them, field by field,
//! with the meeting and decisions in the database. Exits non-zero on any difference.

use super::Context;
use crate::meeting::check_minutes_file;
use clap::Args;
use std::path::PathBuf;
use std::process::ExitCode;

#[derive(Debug, Args)]
pub struct CheckMinutesArgs {
    /// TOML minutes written by `termly export --format toml`.
    pub file: PathBuf,
}

pub fn run(ctx: &mut Context, args: CheckMinutesArgs) -> anyhow::Result<ExitCode> {
    let config = ctx.config.clone();
    let diffs = check_minutes_file(&config, ctx.store()?, &args.file)?;
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
