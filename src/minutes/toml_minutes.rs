//! Minutes as TOML: the [`Minutes`] structs serialised, `format_version = 2`, re-readable.
//! Version 1 files (before matters arising, actions and the marking) are still read: the
//! fields they lack are left empty.

use super::model::{Minutes, FORMAT_VERSION};

/// The oldest version this termly reads.
pub const OLDEST_VERSION: u32 = 1;
use super::MinutesError;

/// Serialise; the same minutes always give the same bytes.
pub fn to_toml(m: &Minutes) -> Result<String, MinutesError> {
    let body = toml::to_string(m).map_err(|e| MinutesError::Format(e.to_string()))?;
    Ok(format!(
        "# termly meeting minutes: `termly check-minutes FILE` compares them with the database.\n{body}"
    ))
}

/// Read minutes written by [`to_toml`]; `file` names the source in messages.
pub fn from_toml(text: &str, file: &str) -> Result<Minutes, MinutesError> {
    let version: toml::Table = text
        .parse()
        .map_err(|e: toml::de::Error| MinutesError::Parse {
            file: file.to_string(),
            message: e.to_string(),
        })?;
    match version
        .get("format_version")
        .and_then(toml::Value::as_integer)
    {
        Some(v) if (OLDEST_VERSION as i64..=FORMAT_VERSION as i64).contains(&v) => {}
        Some(v) => {
            return Err(MinutesError::Parse {
                file: file.to_string(),
                message: format!(
                    "format_version {v} is not supported (this termly reads {OLDEST_VERSION} to {FORMAT_VERSION})"
                ),
            })
        }
        None => {
            return Err(MinutesError::Parse {
                file: file.to_string(),
                message: "no format_version: not termly minutes".into(),
            })
        }
    }
    toml::from_str(text).map_err(|e: toml::de::Error| MinutesError::Parse {
        file: file.to_string(),
        message: e.to_string(),
    })
}
