//! Markdown and TOML minutes of a meeting, and checking TOML minutes against the database.

pub mod escape;
pub mod markdown;
pub mod model;
pub mod toml_minutes;
pub mod verify;

pub use model::{build, Minutes};

use crate::config::Config;
use crate::model::Urn;
use crate::store::decisions::DecisionError;
use crate::store::{Store, StoreError};
use std::path::{Path, PathBuf};

#[derive(Debug, thiserror::Error)]
pub enum MinutesError {
    #[error(transparent)]
    Decision(#[from] DecisionError),
    #[error(transparent)]
    Store(#[from] StoreError),
    #[error("{path}: {source}")]
    Io {
        path: String,
        #[source]
        source: std::io::Error,
    },
    #[error("{file}: {message}")]
    Parse { file: String, message: String },
    #[error("cannot write TOML minutes: {0}")]
    Format(String),
}

/// The file name (without extension) the minutes of a meeting are written under.
pub fn file_stem(m: &Minutes) -> String {
    format!("minutes-{}-meeting-{}", m.meeting.term, m.meeting.id)
}

/// Write both forms into the configured minutes folder; returns (Markdown, TOML) paths.
pub fn write_minutes_files(
    config: &Config,
    store: &Store,
    meeting_id: i64,
) -> Result<(PathBuf, PathBuf), MinutesError> {
    write_minutes_files_with(config, store, meeting_id, &[])
}

/// As [`write_minutes_files`], listing `extra_agenda` schools (URN, reason) not reached.
pub fn write_minutes_files_with(
    config: &Config,
    store: &Store,
    meeting_id: i64,
    extra_agenda: &[(Urn, String)],
) -> Result<(PathBuf, PathBuf), MinutesError> {
    let minutes = build(config, store, meeting_id, extra_agenda, false)?;
    let dir = config.resolve(&config.data.minutes);
    let stem = file_stem(&minutes);
    let md = dir.join(format!("{stem}.md"));
    let toml = dir.join(format!("{stem}.toml"));
    write_file(&md, &markdown::render(config, &minutes))?;
    write_file(&toml, &toml_minutes::to_toml(&minutes)?)?;
    Ok((md, toml))
}

/// Write via a temporary file and a rename, so a reader never sees half the minutes.
pub fn write_file(path: &Path, text: &str) -> Result<(), MinutesError> {
    let io = |source| MinutesError::Io {
        path: path.display().to_string(),
        source,
    };
    if let Some(dir) = path.parent().filter(|d| !d.as_os_str().is_empty()) {
        std::fs::create_dir_all(dir).map_err(io)?;
    }
    let tmp = path.with_extension("partial");
    std::fs::write(&tmp, text).map_err(io)?;
    std::fs::rename(&tmp, path).map_err(io)
}

/// Read TOML minutes and compare them with the database: the differences, in words.
pub fn check_file(
    config: &Config,
    store: &Store,
    path: &Path,
) -> Result<Vec<String>, MinutesError> {
    let text = std::fs::read_to_string(path).map_err(|source| MinutesError::Io {
        path: path.display().to_string(),
        source,
    })?;
    let file = toml_minutes::from_toml(&text, &path.display().to_string())?;
    let db = build(config, store, file.meeting.id, &[], file.heatmap.is_some())?;
    Ok(verify::differences(&file, &db))
}
