//! One module per command. Each takes the global options and its own arguments and returns
//! the exit status; errors propagate to `cli::run`, which prints them once.

pub mod backup;
pub mod check;
pub mod decide;
pub mod demo;
pub mod export;
pub mod history;
pub mod import;
pub mod minutes_check;
pub mod screen;
pub mod snapshot;

use crate::config::Config;
use crate::import::import_all;
use crate::ingest::ImportOptions;
use crate::store::Store;
use anyhow::Context;

/// Open the configured database; a new or empty one is first filled from the configured
/// files, so a fresh clone works with any command.
pub fn open_store_with_data(config: &Config) -> anyhow::Result<Store> {
    let mut store = Store::open(&config.database_path())?;
    if store.is_empty()? && !store.is_read_only() {
        let summary = import_all(config, &mut store, &ImportOptions::default())
            .context("importing the configured data into the new database")?;
        eprintln!(
            "termly: new database {}: imported {} file(s)",
            store.path().display(),
            summary.imported()
        );
    }
    Ok(store)
}
