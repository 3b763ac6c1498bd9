//! Backups with SQLite's online backup API: a consistent copy even while a meeting is
//! writing. Restore by closing termly and copying a backup over the database file (remove
//! the `-wal` and `-shm` files beside it), or open a backup directly with `--database`.

use super::{create_private_file, Store, StoreError};
use crate::config::Config;
use chrono::NaiveDateTime;
use rusqlite::backup::Backup;
use rusqlite::Connection;
use std::path::{Path, PathBuf};

/// `<backup folder>/termly-<yyyymmdd-hhmmss>.db`.
pub fn default_backup_path(config: &Config, now: NaiveDateTime) -> PathBuf {
    config
        .resolve(&config.backup.folder)
        .join(format!("termly-{}.db", now.format("%Y%m%d-%H%M%S")))
}

/// `path`, or `path` with `-2`, `-3`… before the extension if it is taken.
pub fn unused_path(path: &Path) -> PathBuf {
    let stem = path
        .file_stem()
        .unwrap_or_default()
        .to_string_lossy()
        .into_owned();
    let mut candidate = path.to_path_buf();
    let mut n = 2;
    while candidate.exists() {
        candidate = path.with_file_name(format!("{stem}-{n}.db"));
        n += 1;
    }
    candidate
}

/// Copy the whole database to `dest`, a new file created readable by its owner only.
pub fn backup_to(store: &Store, dest: &Path) -> Result<(), StoreError> {
    let display = dest.display().to_string();
    let sqlite = |source| StoreError::Sqlite {
        path: display.clone(),
        source,
    };
    if dest.exists() && std::fs::metadata(dest).map(|m| m.len() > 0).unwrap_or(true) {
        return Err(StoreError::Invalid(format!(
            "{display} already exists; choose a new file for the backup"
        )));
    }
    create_private_file(dest).map_err(|source| StoreError::Create {
        path: display.clone(),
        source,
    })?;
    let mut to = Connection::open(dest).map_err(sqlite)?;
    Backup::new(&store.conn, &mut to)
        .and_then(|b| b.run_to_completion(256, std::time::Duration::ZERO, None))
        .map_err(sqlite)?;
    Ok(())
}

/// Take a backup into the configured folder, named for `now`, and keep only the newest
/// `backup.keep`. The meeting screen calls this when it opens a meeting.
pub fn auto_backup(
    config: &Config,
    store: &Store,
    now: NaiveDateTime,
) -> Result<PathBuf, StoreError> {
    let dest = unused_path(&default_backup_path(config, now));
    backup_to(store, &dest)?;
    let dir = config.resolve(&config.backup.folder);
    prune(&dir, config.backup.keep.max(1)).map_err(|source| StoreError::Create {
        path: dir.display().to_string(),
        source,
    })?;
    Ok(dest)
}

/// Remove all but the newest `keep` `termly-*.db` backups (names sort by time).
fn prune(dir: &Path, keep: usize) -> std::io::Result<()> {
    let mut backups: Vec<PathBuf> = std::fs::read_dir(dir)?
        .filter_map(|e| e.ok().map(|e| e.path()))
        .filter(|p| {
            let name = p.file_name().unwrap_or_default().to_string_lossy();
            name.starts_with("termly-") && name.ends_with(".db") && name.len() >= 25
        })
        .collect();
    backups.sort_by_key(|p| backup_sort_key(p));
    let excess = backups.len().saturating_sub(keep);
    for old in &backups[..excess] {
        std::fs::remove_file(old)?;
    }
    Ok(())
}

/// Time stamp, then the `-N` suffix as a number (so `-10` sorts after `-9`).
fn backup_sort_key(p: &Path) -> (String, u32) {
    let stem = p
        .file_stem()
        .unwrap_or_default()
        .to_string_lossy()
        .into_owned();
    let stamp: String = stem.chars().take(22).collect();
    let n = stem.get(23..).and_then(|s| s.parse().ok()).unwrap_or(1);
    (stamp, n)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn backup_is_private_complete_and_pruned() {
        let dir = tempfile::tempdir().unwrap();
        let mut config = Config::default_with_base(dir.path()).unwrap();
        config.backup.folder = PathBuf::from("b");
        config.backup.keep = 2;
        let store = Store::open(&dir.path().join("t.db")).unwrap();
        store
            .conn
            .execute(
                "INSERT INTO schools (urn, name, phase, establishment_type, maintained) VALUES (100001, 'A', 'primary', 'Community school', 1)",
                [],
            )
            .unwrap();
        let t = |s| NaiveDateTime::parse_from_str(s, "%Y-%m-%d %H:%M:%S").unwrap();
        let first = auto_backup(&config, &store, t("2026-11-23 09:00:00")).unwrap();
        assert!(first.ends_with("b/termly-20261123-090000.db"), "{first:?}");
        let same = auto_backup(&config, &store, t("2026-11-23 09:00:00")).unwrap();
        assert!(same.ends_with("termly-20261123-090000-2.db"), "{same:?}");
        auto_backup(&config, &store, t("2026-11-24 09:00:00")).unwrap();
        let left = std::fs::read_dir(dir.path().join("b")).unwrap().count();
        assert_eq!(left, 2);
        assert!(!first.exists(), "the oldest is pruned");
        #[cfg(unix)]
        {
            use std::os::unix::fs::PermissionsExt;
            let mode = std::fs::metadata(&same).unwrap().permissions().mode();
            assert_eq!(mode & 0o077, 0, "mode {mode:o}");
        }
        let copy = Store::open(&same).unwrap();
        assert!(!copy.is_empty().unwrap());
        assert!(backup_to(&store, &same).is_err(), "never overwrites");
    }
}
