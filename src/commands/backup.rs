//! `termly backup [FILE]`: a consistent copy of the database, taken with SQLite's online
//! backup API while others may be using it. The copy is readable by its owner only.

use crate::cli::GlobalArgs;
use crate::store::{backup, Store};
use clap::Args;
use std::path::PathBuf;
use std::process::ExitCode;

#[derive(Debug, Args)]
pub struct BackupArgs {
    /// Where to write the copy (default: <backup folder>/termly-<yyyymmdd-hhmmss>.db).
    pub file: Option<PathBuf>,
}

pub fn run(global: &GlobalArgs, args: BackupArgs) -> anyhow::Result<ExitCode> {
    let config = crate::cli::load_config(global)?;
    let store = Store::open(&config.database_path())?;
    let dest = match args.file {
        Some(f) => f,
        None => backup::unused_path(&backup::default_backup_path(
            &config,
            chrono::Local::now().naive_local(),
        )),
    };
    backup::backup_to(&store, &dest)?;
    println!("backed up {} to {}", store.path().display(), dest.display());
    Ok(ExitCode::SUCCESS)
}
