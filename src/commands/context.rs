//! What every command works with, built once per run: the settings (after the global
//! options), the clock, and the database, opened the first time a command asks for it.

use crate::clock::SharedClock;
use crate::config::Config;
use crate::import::import_all;
use crate::ingest::ImportOptions;
use crate::store::{Location, Store};
use anyhow::Context as _;
use clap::Args;
use std::path::{Path, PathBuf};

/// Options every command takes.
#[derive(Debug, Args, Clone, Default)]
pub struct GlobalArgs {
    /// Configuration file laid over the built-in defaults.
    #[arg(long, global = true, value_name = "FILE", env = "TERMLY_CONFIG")]
    pub config: Option<PathBuf>,
    /// SQLite database file, or a postgres://user@host/dbname URL, instead of the
    /// configured one.
    #[arg(long, global = true, value_name = "FILE|URL")]
    pub database: Option<PathBuf>,
}

/// Settings, clock and database for one command.
pub struct Context {
    pub config: Config,
    pub clock: SharedClock,
    store: Option<Store>,
}

impl Context {
    /// Settings after applying the global options; the database is not opened yet.
    pub fn load(global: &GlobalArgs, clock: SharedClock) -> anyhow::Result<Context> {
        let mut config = match (&global.config, super::start_folder::defaults_folder()) {
            // Started outside its folder (a Windows shortcut): the zip's own settings.
            (None, Some(folder)) => Config::default_with_base(&folder)?,
            (file, _) => Config::load(file.as_deref())?,
        };
        let server = global
            .database
            .as_deref()
            .is_some_and(|db| Location::from_path(db).is_server());
        if let (true, Some(url)) = (server, &global.database) {
            // A server keeps the configured minutes and backup folders.
            config.data.database = url.clone();
        } else if let Some(db) = &global.database {
            // Given on the command line: relative to the current directory, not the config.
            let db = std::path::absolute(db)?;
            // A practice database keeps its backups and minutes to itself, beside it,
            // unless the user's file says where they go.
            let beside = db.parent().map(Path::to_path_buf).unwrap_or_default();
            if !config.user_sets("backup.folder") {
                config.backup.folder = beside.clone();
            }
            if !config.user_sets("data.minutes") {
                let stem = db.file_stem().unwrap_or_default().to_string_lossy();
                config.data.minutes = beside.join(format!("{stem}-minutes"));
            }
            config.data.database = db;
        }
        Ok(Context {
            config,
            clock,
            store: None,
        })
    }

    /// The configured database, opened (and migrated) on first use.
    pub fn store(&mut self) -> anyhow::Result<&mut Store> {
        if self.store.is_none() {
            self.store = Some(Store::open_at(
                &self.config.database_location(),
                self.config.data.password_command.as_deref(),
            )?);
        }
        Ok(self.store.as_mut().expect("opened above"))
    }

    /// The database as [`Context::store`]; a new or empty one is first filled from the
    /// configured files, so a fresh clone works with any command.
    pub fn store_with_data(&mut self) -> anyhow::Result<&mut Store> {
        self.store()?;
        let (config, store) = (&self.config, self.store.as_mut().expect("opened above"));
        if store.is_empty()? && !store.is_read_only() {
            let summary = import_all(
                config,
                store,
                &ImportOptions::default(),
                self.clock.as_ref(),
            )
            .context("importing the configured data into the new database")?;
            eprintln!(
                "termly: new database {}: imported {} file(s)",
                store.path().display(),
                summary.imported()
            );
        }
        Ok(store)
    }

    /// Hand the database over (to the screen, which keeps it for the meeting).
    pub fn into_store(mut self) -> anyhow::Result<(Config, SharedClock, Store)> {
        self.store()?;
        let store = self.store.take().expect("opened above");
        Ok((self.config, self.clock, store))
    }
}
