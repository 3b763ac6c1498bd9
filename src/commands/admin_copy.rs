//! `termly admin copy --from SRC --to DEST`: move a council's whole record between a SQLite
//! file and a PostgreSQL database (or to another file). The destination must be empty; the
//! copy is one transaction, checked before it commits, and prints what it copied.

use super::Context;
use crate::store::copy::{copy_between, CopyReport};
use crate::store::Location;
use clap::Args;
use std::path::PathBuf;
use std::process::ExitCode;

#[derive(Debug, Args)]
pub struct CopyArgs {
    /// The database to copy: a SQLite file or a postgres://user@host/dbname URL.
    #[arg(long, value_name = "FILE|URL")]
    pub from: PathBuf,
    /// An empty (or new) database to copy into: a SQLite file or a postgres:// URL.
    #[arg(long, value_name = "FILE|URL")]
    pub to: PathBuf,
}

pub fn run(ctx: &mut Context, args: CopyArgs) -> anyhow::Result<ExitCode> {
    let report = copy_between(
        &Location::from_path(&args.from),
        &Location::from_path(&args.to),
        ctx.config.data.password_command.as_deref(),
    )?;
    print!("{}", describe(&report));
    Ok(ExitCode::SUCCESS)
}

/// The rows of every table, and the record's checksum, as the command prints them.
pub fn describe(report: &CopyReport) -> String {
    let width = report
        .tables
        .iter()
        .map(|(t, _)| t.len())
        .max()
        .unwrap_or(0);
    let mut out = format!("copied {} to {}\n", report.from, report.to);
    for (table, rows) in &report.tables {
        out.push_str(&format!("  {table:<width$}  {rows:>9}\n"));
    }
    out.push_str(&format!(
        "record checksum (meetings, decisions, actions): {}\n",
        report.record_checksum
    ));
    out
}
