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

    /// The configured database, opened (and migrated) on first use. A database file that is
    /// not there is never created here: only an import (or `init`) makes one, with data in it.
    pub fn store(&mut self) -> anyhow::Result<&mut Store> {
        if self.store.is_none() && self.database_is_new() {
            anyhow::bail!(
                "no database at {}: import the data first (termly import, or termly init for a new authority)",
                self.config.database_path().display()
            );
        }
        self.open_store()
    }

    /// The database as [`Context::store`], created when it is not there yet: for the
    /// commands that put data in it.
    pub fn store_creating(&mut self) -> anyhow::Result<&mut Store> {
        self.open_store()
    }

    fn open_store(&mut self) -> anyhow::Result<&mut Store> {
        if self.store.is_none() {
            self.store = Some(Store::open_at(
                &self.config.database_location(),
                self.config.data.password_command.as_deref(),
            )?);
        }
        Ok(self.store.as_mut().expect("opened above"))
    }

    /// True when the database is a file that is not there yet (opening it would create it).
    pub fn database_is_new(&self) -> bool {
        match self.config.database_location() {
            Location::File(path) => !path.exists(),
            Location::Postgres(_) => false,
        }
    }

    /// Refuse before a new database file is made for nothing: with no input configured, or
    /// with inputs that have problems, there is no data to put in it.
    pub fn refuse_empty_new_database(&self) -> anyhow::Result<()> {
        if !self.database_is_new() {
            return Ok(());
        }
        let config = &self.config;
        if config.data.register.is_none() {
            anyhow::bail!(
                "no register is configured in {}, and there is no database yet ({}): set [data] register, or run `termly init --la CODE --register FILE`; no database was created",
                config.source,
                config.database_path().display()
            );
        }
        if let Err(problems) = crate::ingest::parse_all(config, &ImportOptions::default(), None) {
            anyhow::bail!(
                "{} problem(s) in the configured files; no database was created:\n{problems}",
                problems.len()
            );
        }
        Ok(())
    }

    /// The database as [`Context::store`]; a new or empty one is first filled from the
    /// configured files, so a fresh clone works with any command. A database file is never
    /// created when there is nothing to fill it with.
    pub fn store_with_data(&mut self) -> anyhow::Result<&mut Store> {
        self.refuse_empty_new_database()?;
        self.open_store()?;
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
        self.open_store()?;
        let store = self.store.take().expect("opened above");
        Ok((self.config, self.clock, store))
    }
}
