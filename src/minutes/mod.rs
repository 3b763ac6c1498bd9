//! Markdown and TOML minutes of a meeting, and checking TOML minutes against the database.

pub mod markdown;
mod markdown_appendix;
mod markdown_departures;
pub mod model;
pub mod records;
pub mod toml_minutes;
pub mod verify;

/// The one Markdown escaper, shared with the printed heat map.
pub use crate::md_escape as escape;

pub use model::Minutes;

use crate::config::Config;
use crate::store::decisions::DecisionError;
use crate::store::{Store, StoreError};
use std::path::{Path, PathBuf};

#[derive(Debug, thiserror::Error)]
pub enum MinutesError {
    #[error(transparent)]
    Decision(#[from] DecisionError),
    #[error(transparent)]
    Store(#[from] StoreError),
    /// The reason is part of the message, not a separate cause, so it is said once.
    #[error("{path}: {error}")]
    Io { path: String, error: std::io::Error },
    #[error("{file}: {message}")]
    Parse { file: String, message: String },
    #[error("cannot write TOML minutes: {0}")]
    Format(String),
}

/// The file name (without extension) the minutes of a meeting are written under.
pub fn file_stem(m: &Minutes) -> String {
    format!("minutes-{}-meeting-{}", m.meeting.term, m.meeting.id)
}

/// Write both forms into the configured minutes folder, never over a file edited since
/// termly wrote it. `at` is the time recorded with each file's fingerprint.
pub fn write_minutes_files(
    config: &Config,
    store: &Store,
    minutes: &Minutes,
    at: &str,
) -> Result<(Written, Written), MinutesError> {
    let dir = config.resolve(&config.data.minutes);
    let stem = file_stem(minutes);
    let md = dir.join(format!("{stem}.md"));
    let toml = dir.join(format!("{stem}.toml"));
    let md = write_protected(store, &md, &markdown::render(config, minutes), at)?;
    let toml = write_protected(store, &toml, &toml_minutes::to_toml(minutes)?, at)?;
    Ok((md, toml))
}

/// Where a file went: the path asked for, or the next free name beside it.
#[derive(Debug, Clone, PartialEq)]
pub struct Written {
    pub path: PathBuf,
    /// The file that was asked for and left alone because it changed after termly wrote it.
    pub kept: Option<PathBuf>,
}

/// "minutes written to A and B", naming any edited copy that was kept instead of replaced.
pub fn describe_pair(md: &Written, toml: &Written) -> String {
    let mut line = format!(
        "minutes written to {} and {}",
        md.path.display(),
        toml.path.display()
    );
    for kept in [&md.kept, &toml.kept].into_iter().flatten() {
        line.push_str(&format!(
            " ({} was changed since termly wrote it and is kept)",
            kept.display()
        ));
    }
    line
}

impl Written {
    /// "wrote X" or "X was changed since termly wrote it …: wrote Y instead".
    pub fn describe(&self) -> String {
        match &self.kept {
            None => format!("wrote {}", self.path.display()),
            Some(kept) => format!(
                "{} was changed since termly wrote it and is kept: wrote {} instead",
                kept.display(),
                self.path.display()
            ),
        }
    }
}

/// Write `text` at `path` (owner-only), unless a file is there that termly did not write or
/// that has changed since: then write the next free name (`…-2.md`) and say so.
pub fn write_protected(
    store: &Store,
    path: &Path,
    text: &str,
    at: &str,
) -> Result<Written, MinutesError> {
    write_protected_bytes(store, path, text.as_bytes(), at)
}

/// As [`write_protected`], for any file termly writes for people (workbooks too).
pub fn write_protected_bytes(
    store: &Store,
    path: &Path,
    bytes: &[u8],
    at: &str,
) -> Result<Written, MinutesError> {
    let io = |p: &Path| {
        let path = p.display().to_string();
        move |error| MinutesError::Io { path, error }
    };
    let asked = std::path::absolute(path).map_err(io(path))?;
    let replaceable = |p: &Path| -> bool {
        let Ok(bytes) = std::fs::read(p) else {
            return !p.exists();
        };
        let now = crate::store::written::fingerprint(&bytes);
        matches!(store.written_fingerprint(p), Ok(Some(was)) if was == now)
    };
    let chosen = crate::files::next_free_name(&asked, |p| !replaceable(p));
    crate::files::write_private(&chosen, bytes).map_err(io(&chosen))?;
    if !store.is_read_only() {
        let hash = crate::store::written::fingerprint(bytes);
        store.record_written(&chosen, &hash, at)?;
    }
    let kept = (chosen != asked).then_some(asked);
    Ok(Written { path: chosen, kept })
}

/// Write via a private temporary file and a rename, so a reader never sees half the minutes.
pub fn write_file(path: &Path, text: &str) -> Result<(), MinutesError> {
    crate::files::write_private(path, text.as_bytes()).map_err(|error| MinutesError::Io {
        path: path.display().to_string(),
        error,
    })
}

/// Read TOML minutes back from a file.
pub fn read_file(path: &Path) -> Result<Minutes, MinutesError> {
    let text = std::fs::read_to_string(path).map_err(|error| MinutesError::Io {
        path: path.display().to_string(),
        error,
    })?;
    toml_minutes::from_toml(&text, &path.display().to_string())
}
