//! Backups with SQLite's online backup API: a consistent copy even while a meeting is
//! writing. Restore by closing termly and copying a backup over the database file (remove
//! the `-wal` and `-shm` files beside it), or open a backup directly with `--database`.
//! A PostgreSQL database is backed up into a SQLite file by the same copy as `termly admin
//! copy` (one snapshot of the server), so its whole record can always leave in one file.

use super::{Store, StoreError};
use crate::files::PrivateFile;
use chrono::NaiveDateTime;
use rusqlite::backup::Backup;
use rusqlite::Connection;
use std::path::{Path, PathBuf};

/// `<folder>/<database name>-<yyyymmdd-hhmmss>.db`: a backup carries the name of the
/// database it came from, so backups of several databases can share a folder.
pub fn default_backup_path(folder: &Path, database: &Path, now: NaiveDateTime) -> PathBuf {
    folder.join(format!(
        "{}-{}.db",
        database_name(database),
        now.format("%Y%m%d-%H%M%S")
    ))
}

/// A file's stem, or a server database's name (`postgres://…/NAME?…`, `dbname=NAME`).
fn database_name(database: &Path) -> String {
    let text = database.to_string_lossy();
    if super::db::is_postgres_url(&text) {
        return super::db::database_name(&text);
    }
    database
        .file_stem()
        .unwrap_or_default()
        .to_string_lossy()
        .into_owned()
}

/// `path`, or `path` with `-2`, `-3`… before the extension if it is taken.
pub fn unused_path(path: &Path) -> PathBuf {
    crate::files::next_free_name(path, Path::exists)
}

/// Copy the whole database to `dest`, a new file readable by its owner only. The copy is
/// written under a temporary name through [`crate::files::PrivateFile`], checked with
/// SQLite's integrity check, and only then given its name, so a failed or damaged backup
/// never counts as one. A server database is written as a SQLite file through the same copy
/// as `termly admin copy`, so a council can always take its whole record away in one file.
pub fn backup_to(store: &Store, dest: &Path) -> Result<(), StoreError> {
    let display = dest.display().to_string();
    // An empty file made ready for the backup may be replaced; anything else, or a link, not.
    if std::fs::symlink_metadata(dest).is_ok_and(|m| m.is_symlink() || m.len() > 0) {
        return Err(StoreError::Invalid(format!(
            "{display} already exists; choose a new file for the backup"
        )));
    }
    let create = |source: std::io::Error| StoreError::Create {
        path: display.clone(),
        source,
    };
    let file = PrivateFile::create(dest).map_err(create)?;
    let temp = file.temp_path().to_path_buf();
    // Errors name the backup asked for, not its temporary name.
    let named = |e: StoreError| match e {
        StoreError::DiskFull { folder, .. } => StoreError::DiskFull {
            path: display.clone(),
            folder,
        },
        StoreError::Database { source, .. } => StoreError::Database {
            path: display.clone(),
            source,
        },
        other => other,
    };
    let written = copy_into(store, &temp)
        .and_then(|()| standalone(&temp))
        .and_then(|()| verify(&temp, &display))
        .map_err(named);
    remove_companions(&temp);
    written?;
    file.commit().map_err(create)
}

/// The copy itself, into the (empty) file at `temp`.
fn copy_into(store: &Store, temp: &Path) -> Result<(), StoreError> {
    let display = temp.display().to_string();
    let Some(source) = store.db.sqlite() else {
        return super::copy::copy_to_file(store, temp)
            .map(drop)
            .map_err(|e| match e {
                super::copy::CopyError::Store(e) => e,
                other => StoreError::Invalid(format!("backup: {other}")),
            });
    };
    let mut to = Connection::open(temp).map_err(|e| StoreError::database(&display, e))?;
    Backup::new(source, &mut to)
        .and_then(|b| b.run_to_completion(256, std::time::Duration::ZERO, None))
        .map_err(|e| StoreError::database(&display, e))?;
    to.close()
        .map_err(|(_, e)| StoreError::database(&display, e))
}

/// A backup is one file: its journal mode is set back from WAL, so opening it never needs
/// (or leaves) `-wal` and `-shm` files beside it.
fn standalone(copy: &Path) -> Result<(), StoreError> {
    let display = copy.display().to_string();
    let conn = Connection::open(copy).map_err(|e| StoreError::database(&display, e))?;
    let _: String = conn
        .query_row("PRAGMA journal_mode = DELETE", [], |r| r.get(0))
        .map_err(|e| StoreError::database(&display, e))?;
    conn.close()
        .map_err(|(_, e)| StoreError::database(&display, e))
}

/// SQLite's files beside a database (best effort: what matters is the error being reported).
fn remove_companions(db: &Path) {
    for suffix in ["-journal", "-wal", "-shm"] {
        let mut name = db.as_os_str().to_owned();
        name.push(suffix);
        let _ = std::fs::remove_file(Path::new(&name));
    }
}

/// Refuse a copy that fails SQLite's integrity check or holds no termly schema.
fn verify(copy: &Path, display: &str) -> Result<(), StoreError> {
    if is_sound_backup(copy, "integrity_check") {
        Ok(())
    } else {
        Err(StoreError::Invalid(format!(
            "backup {display}: the copy failed its integrity check and was removed"
        )))
    }
}

/// A termly database that passes `check` (`integrity_check`, or the faster `quick_check`
/// when pruning): an empty or cut-short file is not a backup.
fn is_sound_backup(path: &Path, check: &str) -> bool {
    // Opened as immutable: nothing is written beside it, not even a lock file.
    let flags = rusqlite::OpenFlags::SQLITE_OPEN_READ_ONLY | rusqlite::OpenFlags::SQLITE_OPEN_URI;
    let Some(text) = path.to_str() else {
        return false;
    };
    let uri = format!(
        "file:{}?immutable=1",
        text.replace('%', "%25")
            .replace('?', "%3f")
            .replace('#', "%23")
    );
    let Ok(conn) = Connection::open_with_flags(uri, flags) else {
        return false;
    };
    let ok: rusqlite::Result<String> = conn.query_row(&format!("PRAGMA {check}"), [], |r| r.get(0));
    let schema: rusqlite::Result<i64> = conn.query_row(
        "SELECT count(*) FROM sqlite_master WHERE name = 'refinery_schema_history'",
        [],
        |r| r.get(0),
    );
    matches!(ok.as_deref(), Ok("ok")) && matches!(schema, Ok(1))
}

/// Where backups go and how many of a database's are kept (`[backup]` in the configuration).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct BackupPolicy {
    pub folder: PathBuf,
    pub keep: usize,
}

/// Take a backup into the policy's folder, named for `now`, and keep only the newest
/// `keep` of this database's backups. The meeting screen calls this when it opens a
/// meeting.
pub fn auto_backup(
    policy: &BackupPolicy,
    store: &Store,
    now: NaiveDateTime,
) -> Result<PathBuf, StoreError> {
    let dest = unused_path(&default_backup_path(&policy.folder, store.path(), now));
    backup_to(store, &dest)?;
    let dir = &policy.folder;
    let name = database_name(store.path());
    prune(dir, &name, policy.keep.max(1)).map_err(|source| StoreError::Create {
        path: dir.display().to_string(),
        source,
    })?;
    Ok(dest)
}

/// Remove all but the newest `keep` backups of the database called `name` (names sort by
/// time); other databases' backups in the folder are left alone. Only sound backups count:
/// an empty or damaged file with a backup's name (left by an older termly on a full disk)
/// never pushes a good backup out.
fn prune(dir: &Path, name: &str, keep: usize) -> std::io::Result<()> {
    let mut backups: Vec<(BackupStamp, PathBuf)> = std::fs::read_dir(dir)?
        .filter_map(|e| e.ok().map(|e| e.path()))
        .filter_map(|p| backup_stamp(&p, name).map(|stamp| (stamp, p)))
        .filter(|(_, p)| is_sound_backup(p, "quick_check"))
        .collect();
    backups.sort();
    let excess = backups.len().saturating_sub(keep);
    for (_, old) in &backups[..excess] {
        std::fs::remove_file(old)?;
        remove_companions(old);
    }
    Ok(())
}

/// The time stamp and `-N` suffix (as a number, so `-10` sorts after `-9`).
type BackupStamp = (String, u32);

/// For `<name>-yyyymmdd-hhmmss[-N].db`, its stamp; `None` for any other file.
fn backup_stamp(path: &Path, name: &str) -> Option<BackupStamp> {
    let file = path.file_name()?.to_str()?;
    let rest = file
        .strip_prefix(name)?
        .strip_prefix('-')?
        .strip_suffix(".db")?;
    let (stamp, n) = match rest.get(15..) {
        Some("") => (rest, 1),
        Some(tail) => (&rest[..15], tail.strip_prefix('-')?.parse().ok()?),
        None => return None,
    };
    let shape = stamp.char_indices().all(|(i, c)| match i {
        8 => c == '-',
        _ => c.is_ascii_digit(),
    });
    shape.then(|| (stamp.to_string(), n))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn backup_is_private_complete_and_pruned() {
        let dir = tempfile::tempdir().unwrap();
        let policy = BackupPolicy {
            folder: dir.path().join("b"),
            keep: 2,
        };
        let store = Store::open(&dir.path().join("t.db")).unwrap();
        store
            .db
            .execute(
                "INSERT INTO schools (urn, name, phase, establishment_type, maintained) VALUES (100001, 'A', 'primary', 'Community school', 1)",
                crate::args![],
            )
            .unwrap();
        let t = |s| NaiveDateTime::parse_from_str(s, "%Y-%m-%d %H:%M:%S").unwrap();
        let first = auto_backup(&policy, &store, t("2026-11-23 09:00:00")).unwrap();
        assert!(first.ends_with("b/t-20261123-090000.db"), "{first:?}");
        let same = auto_backup(&policy, &store, t("2026-11-23 09:00:00")).unwrap();
        assert!(same.ends_with("t-20261123-090000-2.db"), "{same:?}");
        auto_backup(&policy, &store, t("2026-11-24 09:00:00")).unwrap();
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

#[cfg(test)]
mod per_database {
    use super::*;

    #[test]
    fn backup_names_are_read_for_their_own_database_only() {
        let stamp = |f: &str, name: &str| backup_stamp(Path::new(f), name);
        assert_eq!(
            stamp("real-20261123-090000.db", "real"),
            Some(("20261123-090000".into(), 1))
        );
        assert_eq!(
            stamp("real-20261123-090000-10.db", "real"),
            Some(("20261123-090000".into(), 10))
        );
        assert_eq!(stamp("real-training-20261123-090000.db", "real"), None);
        assert_eq!(stamp("realer-20261123-090000.db", "real"), None);
        assert_eq!(stamp("real-2026112x-090000.db", "real"), None);
        assert_eq!(stamp("real-20261123-090000.db.bak", "real"), None);
    }

    #[test]
    fn a_server_database_is_named_by_its_database_name() {
        let name = |s: &str| database_name(Path::new(s));
        assert_eq!(name("postgres://chair@db.example/wrenfield"), "wrenfield");
        assert_eq!(
            name("postgres://u@%2Ftmp%2Fpg/termly_test?sslmode=disable"),
            "termly_test"
        );
        assert_eq!(name("/data/real.db"), "real");
    }

    #[test]
    fn two_databases_in_one_folder_each_keep_their_newest_backups() {
        let dir = tempfile::tempdir().unwrap();
        let policy = BackupPolicy {
            folder: dir.path().join("shared"),
            keep: 2,
        };
        let real = Store::open(&dir.path().join("real.db")).unwrap();
        let training = Store::open(&dir.path().join("training.db")).unwrap();
        let at = |day: u32| {
            chrono::NaiveDate::from_ymd_opt(2026, 11, day)
                .unwrap()
                .and_hms_opt(9, 0, 0)
                .unwrap()
        };
        let mut real_backups = Vec::new();
        for day in 1..=3 {
            real_backups.push(auto_backup(&policy, &real, at(day)).unwrap());
        }
        // Ten practice runs on the training database, later than every real backup.
        for day in 10..20 {
            auto_backup(&policy, &training, at(day)).unwrap();
        }
        let mut left: Vec<String> = std::fs::read_dir(dir.path().join("shared"))
            .unwrap()
            .map(|e| e.unwrap().file_name().to_string_lossy().into_owned())
            .collect();
        left.sort();
        assert_eq!(
            left,
            [
                "real-20261102-090000.db",
                "real-20261103-090000.db",
                "training-20261118-090000.db",
                "training-20261119-090000.db"
            ]
        );
        assert!(!real_backups[0].exists());
    }
}
