//! Markdown and TOML minutes of a meeting, and checking TOML minutes against the database.

pub mod markdown;
pub mod model;
pub mod toml_minutes;
pub mod verify;

/// The one Markdown escaper, shared with the printed heat map.
pub use crate::md_escape as escape;

pub use model::{build, HeldMeeting, Minutes};

use crate::config::Config;
use crate::store::decisions::DecisionError;
use crate::store::StoreError;
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
    minutes: &Minutes,
) -> Result<(PathBuf, PathBuf), MinutesError> {
    let dir = config.resolve(&config.data.minutes);
    let stem = file_stem(minutes);
    let md = dir.join(format!("{stem}.md"));
    let toml = dir.join(format!("{stem}.toml"));
    write_file(&md, &markdown::render(config, minutes))?;
    write_file(&toml, &toml_minutes::to_toml(minutes)?)?;
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

/// Read TOML minutes back from a file.
pub fn read_file(path: &Path) -> Result<Minutes, MinutesError> {
    let text = std::fs::read_to_string(path).map_err(|source| MinutesError::Io {
        path: path.display().to_string(),
        source,
    })?;
    toml_minutes::from_toml(&text, &path.display().to_string())
}
