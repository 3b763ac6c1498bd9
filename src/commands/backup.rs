//! `termly backup [FILE]`: a consistent copy of the database, taken with SQLite's online
//! backup API while others may be using it. The copy is readable by its owner only. A
//! PostgreSQL database is written into a SQLite file, through the same copy as `admin copy`.

use super::Context;
use crate::store::backup;
use clap::Args;
use std::path::PathBuf;
use std::process::ExitCode;

#[derive(Debug, Args)]
pub struct BackupArgs {
    /// Where to write the copy (default: <backup folder>/<database name>-<yyyymmdd-hhmmss>.db).
    pub file: Option<PathBuf>,
}

pub fn run(ctx: &mut Context, args: BackupArgs) -> anyhow::Result<ExitCode> {
    let now = ctx.clock.local();
    let config = ctx.config.clone();
    let store = ctx.store()?;
    let dest = match args.file {
        Some(f) => f,
        None => backup::unused_path(&backup::default_backup_path(
            &config.resolve(&config.backup.folder),
            store.path(),
            now,
        )),
    };
    backup::backup_to(store, &dest)?;
    println!("backed up {} to {}", store.path().display(), dest.display());
    Ok(ExitCode::SUCCESS)
}
