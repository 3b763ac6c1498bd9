//! The fingerprint of every file termly wrote, so a later export can tell whether someone
//! has edited it since (and must not overwrite it).

use super::{Result, Store};
use crate::args;
use std::path::Path;

/// The sha256 of `bytes`, as lowercase hex.
pub use crate::ingest::text::sha256_hex as fingerprint;

impl Store {
    /// The fingerprint termly recorded when it last wrote `path`, if it ever did.
    pub fn written_fingerprint(&self, path: &Path) -> Result<Option<String>> {
        self.db
            .query_opt(
                "SELECT sha256 FROM written_files WHERE path = ?1",
                args![path.to_string_lossy().into_owned()],
                |r| r.get(0),
            )
            .map_err(|e| self.err(e))
    }

    /// Remember what termly has just written at `path`.
    pub fn record_written(&self, path: &Path, sha256: &str, at: &str) -> Result<()> {
        self.db
            .execute(
                "INSERT INTO written_files (path, sha256, written_at) VALUES (?1, ?2, ?3)
                 ON CONFLICT (path) DO UPDATE SET sha256 = excluded.sha256, written_at = excluded.written_at",
                args![path.to_string_lossy().into_owned(), sha256, at],
            )
            .map(|_| ())
            .map_err(|e| self.err(e))
    }
}
