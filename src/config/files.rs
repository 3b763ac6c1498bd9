//! The `[data]` and `[backup]` sections: where termly reads its inputs and writes its
//! database, minutes and backups. Relative paths are anchored by `paths`.

use serde::Deserialize;
use std::path::PathBuf;

#[derive(Debug, Clone, Deserialize, PartialEq)]
#[serde(deny_unknown_fields)]
pub struct DataConfig {
    /// Register: termly CSV/TOML or a GIAS extract (recognised by its header). None: not
    /// configured (a user's file that leaves it out never falls back to the bundled borough).
    #[serde(default)]
    pub register: Option<PathBuf>,
    /// Keep one local authority from a GIAS extract.
    #[serde(default)]
    pub la_code: Option<String>,
    #[serde(default)]
    pub support: Option<PathBuf>,
    #[serde(default)]
    pub inspections: Option<PathBuf>,
    /// Folder with one sub-folder per term (`2025-26-autumn/finance.csv`), or a workbook
    /// per term (`2025-26-autumn.xlsx`, a sheet per team). None: not configured.
    #[serde(default)]
    pub scores: Option<PathBuf>,
    /// The sheet to read in the workbooks above (default: the first visible sheet).
    #[serde(default)]
    pub sheet: Option<String>,
    /// A SQLite file, or a `postgres://user@host/dbname` URL (never with a password).
    #[serde(default = "default_database")]
    pub database: PathBuf,
    /// For a PostgreSQL database: a command that prints the password, used when neither
    /// `PGPASSWORD` nor `~/.pgpass` has one (e.g. `pass show termly/db`).
    #[serde(default)]
    pub password_command: Option<String>,
    /// Where the screen writes minutes.
    #[serde(default = "default_minutes")]
    pub minutes: PathBuf,
}

fn default_database() -> PathBuf {
    PathBuf::from("termly.db")
}

fn default_minutes() -> PathBuf {
    PathBuf::from("minutes")
}

impl DataConfig {
    /// The input settings that are not configured, for `check` and `import` to say once.
    pub fn not_configured(&self) -> Vec<&'static str> {
        let mut missing = Vec::new();
        if self.register.is_none() {
            missing.push("register");
        }
        if self.support.is_none() {
            missing.push("support");
        }
        if self.inspections.is_none() {
            missing.push("inspections");
        }
        if self.scores.is_none() {
            missing.push("scores");
        }
        missing
    }

    /// True when no input at all is configured (nothing to import).
    pub fn has_no_inputs(&self) -> bool {
        self.not_configured().len() == 4
    }
}

#[derive(Debug, Clone, Deserialize, PartialEq)]
#[serde(deny_unknown_fields)]
pub struct BackupConfig {
    /// Folder for automatic backups (relative to the config file).
    #[serde(default = "default_backup_dir")]
    pub folder: PathBuf,
    /// How many automatic backups to keep.
    #[serde(default = "default_keep")]
    pub keep: usize,
}

impl Default for BackupConfig {
    fn default() -> Self {
        BackupConfig {
            folder: default_backup_dir(),
            keep: default_keep(),
        }
    }
}

fn default_backup_dir() -> PathBuf {
    PathBuf::from("backups")
}
fn default_keep() -> usize {
    10
}
