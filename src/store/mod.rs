//! The store: a SQLite file (WAL, `synchronous=FULL`, foreign keys on, a busy timeout) by
//! default, or a PostgreSQL database for a service with several officers, with forward-only
//! migrations kept as SQL in `migrations/sqlite` and `migrations/postgres`. It is the single
//! source of truth during a meeting.

pub mod actions;
pub mod agenda_numbers;
pub mod backup;
pub mod copy;
pub mod decision_context;
pub mod decisions;
pub mod import;
mod load;
pub mod matters;
pub mod meeting_admin;
pub mod meeting_details;
pub mod meetings;
pub mod packs;
pub mod reports;
pub mod roles;
pub mod school;
pub mod written;

pub use load::{decode_areas, encode_areas, load_dataset};

pub mod db;
mod pgpass;

/// Where the database is (below the store, so the configuration can name it too).
pub use crate::location::Location;

use db::{Db, DbError, Dialect, PgConnection, PgTarget};
use rusqlite::Connection;
use std::cell::RefCell;
use std::path::{Path, PathBuf};

mod embedded {
    refinery::embed_migrations!("migrations/sqlite");
}

mod embedded_postgres {
    refinery::embed_migrations!("migrations/postgres");
}

/// How long a writer waits for another process's lock before giving up.
pub const BUSY_TIMEOUT_MS: u64 = 5_000;

#[derive(Debug, thiserror::Error)]
pub enum StoreError {
    #[error("database {path}: {source}")]
    Database {
        path: String,
        #[source]
        source: DbError,
    },
    #[error("database {path}: cannot create its folder or file: {source}")]
    Create {
        path: String,
        #[source]
        source: std::io::Error,
    },
    #[error("database {path} was written by a newer termly (schema version {found}; this termly knows up to {known}); upgrade termly, or open a backup")]
    NewerSchema {
        path: String,
        found: i64,
        known: i64,
    },
    #[error("database {path}: migration failed: {message}")]
    Migration { path: String, message: String },
    #[error("database {path} is not a termly database or is damaged: {message}")]
    Corrupt { path: String, message: String },
    #[error("{0}")]
    Invalid(String),
    /// Another process held the database's write lock for longer than termly waits.
    #[error("database {path} is busy: another import or meeting was writing to it for longer than {} seconds; try again when it has finished", BUSY_TIMEOUT_MS / 1000)]
    Busy { path: String },
    #[error("the disk holding {folder} is full (database {path}); nothing was saved")]
    DiskFull { path: String, folder: String },
    /// The server refused this role a write (its grants or row-level security).
    #[error("the database refused role {role} writing {what}: {reason}")]
    Refused {
        role: String,
        what: String,
        reason: String,
    },
}

impl StoreError {
    /// A database error at `path`, in words when it is one a person can act on (another
    /// writer, a full disk) rather than SQLite's own message.
    pub fn database(path: &str, source: impl Into<DbError>) -> StoreError {
        let source = source.into();
        if source.is_busy() {
            StoreError::Busy { path: path.into() }
        } else if source.is_disk_full() {
            StoreError::disk_full(path)
        } else {
            StoreError::Database {
                path: path.into(),
                source,
            }
        }
    }

    /// The disk holding the database at `path` is full.
    fn disk_full(path: &str) -> StoreError {
        let folder = Path::new(path)
            .parent()
            .filter(|p| !p.as_os_str().is_empty())
            .map_or_else(|| ".".to_string(), |p| p.display().to_string());
        StoreError::DiskFull {
            path: path.into(),
            folder,
        }
    }

    /// The underlying database error, when there is one.
    pub fn db_error(&self) -> Option<&DbError> {
        match self {
            StoreError::Database { source, .. } => Some(source),
            _ => None,
        }
    }
}

pub type Result<T> = std::result::Result<T, StoreError>;

/// An open database: the seam between termly and its storage. Only this module speaks
/// SQL; every question and write is a method here, written once for both backends (a
/// SQLite file, or a PostgreSQL server: see `db`).
pub struct Store {
    db: Db,
    path: PathBuf,
    read_only: bool,
}

impl Store {
    /// Open (creating if need be, readable by its owner only) and migrate a SQLite file.
    pub fn open(path: &Path) -> Result<Store> {
        let display = path.display().to_string();
        if !path.exists() {
            crate::files::create_empty_private(path).map_err(|source| StoreError::Create {
                path: display.clone(),
                source,
            })?;
        }
        let read_only = std::fs::metadata(path)
            .map(|m| m.permissions().readonly())
            .unwrap_or(false);
        let conn = if read_only {
            Connection::open_with_flags(path, rusqlite::OpenFlags::SQLITE_OPEN_READ_ONLY)
        } else {
            Connection::open(path)
        }
        .map_err(|source| StoreError::database(&display, source))?;
        let mut store = Store {
            db: Db::Sqlite(conn),
            path: path.to_path_buf(),
            read_only,
        };
        store.configure()?;
        store.migrate()?;
        Ok(store)
    }

    /// Open a file path or a `postgres://` URL. `password_command` is used only for a
    /// server, when neither `PGPASSWORD` nor `.pgpass` gives a password.
    pub fn open_at(location: &Location, password_command: Option<&str>) -> Result<Store> {
        match location {
            Location::File(path) => Store::open(path),
            Location::Postgres(url) => Store::open_postgres(url, password_command),
        }
    }

    /// Connect to a PostgreSQL database and migrate it.
    pub fn open_postgres(url: &str, password_command: Option<&str>) -> Result<Store> {
        let shown = db::redact(url);
        let wrap = |source: DbError| StoreError::Database {
            path: shown.clone(),
            source,
        };
        let target = PgTarget::parse(url, password_command).map_err(wrap)?;
        let conn = PgConnection::open(target).map_err(wrap)?;
        let mut store = Store {
            db: Db::Postgres(Box::new(RefCell::new(conn))),
            path: PathBuf::from(&shown),
            read_only: false,
        };
        store.migrate()?;
        Ok(store)
    }

    /// A private in-memory database, for tests.
    pub fn open_in_memory() -> Result<Store> {
        let conn = Connection::open_in_memory().map_err(|source| StoreError::Database {
            path: ":memory:".into(),
            source: source.into(),
        })?;
        let mut store = Store {
            db: Db::Sqlite(conn),
            path: PathBuf::from(":memory:"),
            read_only: false,
        };
        store.configure()?;
        store.migrate()?;
        Ok(store)
    }

    /// The database connection, for tests that simulate damage, a full disk or another
    /// writer, and for checks across both backends.
    #[cfg(feature = "test-support")]
    pub fn test_db(&self) -> &Db {
        &self.db
    }

    /// The SQLite connection (a SQLite store only), for tests that simulate damage.
    #[cfg(feature = "test-support")]
    pub fn test_connection(&self) -> &Connection {
        self.db.sqlite().expect("a SQLite store")
    }

    /// The SQLite connection of a SQLite store, for its settings (PRAGMAs) and tests. Only
    /// SQLite-specific code calls it, after checking the dialect or opening a file.
    fn conn(&self) -> &Connection {
        self.db.sqlite().expect("only called on a SQLite store")
    }

    /// The file's path, or for PostgreSQL the URL (as given, never with a password).
    pub fn path(&self) -> &Path {
        &self.path
    }

    /// Which database this is.
    pub fn dialect(&self) -> Dialect {
        self.db.dialect()
    }

    /// True when the file could only be opened for reading (the screen is then view-only).
    pub fn is_read_only(&self) -> bool {
        self.read_only
    }

    /// Wrap a database error with this database's path.
    pub fn err(&self, source: impl Into<DbError>) -> StoreError {
        let path = self.path.display().to_string();
        let source = source.into();
        match self.db.sqlite() {
            // SQLite says only "disk I/O error" when its WAL cannot grow.
            Some(conn) if is_io_error(&source) && disk_was_full(conn) => {
                StoreError::disk_full(&path)
            }
            _ => StoreError::database(&path, source),
        }
    }

    fn configure(&mut self) -> Result<()> {
        let path = self.path.display().to_string();
        let conn = self.conn();
        // First, so the probe below waits out another process's checkpoint rather than
        // mistaking a busy file for a damaged one.
        conn.busy_timeout(std::time::Duration::from_millis(BUSY_TIMEOUT_MS))
            .map_err(|e| self.err(e))?;
        // A file that is not SQLite fails on the first read: say so plainly.
        let probe: rusqlite::Result<i64> =
            conn.query_row("SELECT count(*) FROM sqlite_master", [], |r| r.get(0));
        if let Err(e) = probe {
            let e = DbError::from(e);
            if e.is_busy() || e.is_disk_full() || (is_io_error(&e) && disk_was_full(conn)) {
                return Err(self.err(e));
            }
            return Err(StoreError::Corrupt {
                path,
                message: e.to_string(),
            });
        }
        let mut pragmas = String::from("PRAGMA foreign_keys = ON; PRAGMA synchronous = FULL;");
        if !self.read_only && self.path.as_os_str() != ":memory:" {
            pragmas.push_str("PRAGMA journal_mode = WAL;");
        }
        conn.execute_batch(&pragmas).map_err(|e| self.err(e))?;
        Ok(())
    }

    fn known_schema_version(&self) -> i64 {
        let versions = match self.dialect() {
            Dialect::Sqlite => embedded::migrations::runner().get_migrations().clone(),
            Dialect::Postgres => embedded_postgres::migrations::runner()
                .get_migrations()
                .clone(),
        };
        versions
            .iter()
            .map(|m| m.version() as i64)
            .max()
            .unwrap_or(0)
    }

    fn migrate(&mut self) -> Result<()> {
        let path = self.path.display().to_string();
        let known = self.known_schema_version();
        let found = self.schema_version()?;
        if found > known {
            return Err(StoreError::NewerSchema { path, found, known });
        }
        if found == known {
            return Ok(());
        }
        if self.read_only {
            return Err(StoreError::Migration {
                path,
                message: "the file is read-only and needs upgrading; open it once writable".into(),
            });
        }
        let failed = |message: String| StoreError::Migration {
            path: path.clone(),
            message,
        };
        match &mut self.db {
            Db::Sqlite(conn) => embedded::migrations::runner()
                .set_grouped(true)
                .run(conn)
                .map(drop)
                .map_err(|e| failed(e.to_string())),
            Db::Postgres(conn) => conn
                .get_mut()
                .migrate(|client| {
                    embedded_postgres::migrations::runner()
                        .set_grouped(true)
                        .run(client)
                        .map(drop)
                        .map_err(|e| e.to_string())
                })
                .map_err(|e| failed(e.to_string())),
        }
    }

    /// The highest migration applied (0 for a new database).
    pub fn schema_version(&self) -> Result<i64> {
        let has_table = match self.dialect() {
            Dialect::Sqlite => "SELECT count(*) FROM sqlite_master WHERE name = 'refinery_schema_history'",
            Dialect::Postgres => "SELECT count(*) FROM information_schema.tables WHERE table_schema = current_schema() AND table_name = 'refinery_schema_history'",
        };
        if self
            .db
            .value::<i64>(has_table, &[])
            .map_err(|e| self.err(e))?
            == 0
        {
            return Ok(0);
        }
        self.db
            .value(
                "SELECT CAST(coalesce(max(version), 0) AS BIGINT) FROM refinery_schema_history",
                &[],
            )
            .map_err(|e| self.err(e))
    }

    /// Changes whenever another connection commits (SQLite's `PRAGMA data_version`; on
    /// PostgreSQL, the count of other sessions' change notifications): the screen checks
    /// it to pick up other processes' writes.
    pub fn data_version(&self) -> Result<i64> {
        match &self.db {
            Db::Sqlite(conn) => conn
                .query_row("PRAGMA data_version", [], |r| r.get(0))
                .map_err(|e| self.err(e)),
            Db::Postgres(conn) => conn.borrow_mut().change_counter().map_err(|e| self.err(e)),
        }
    }

    /// True when no school has been imported yet.
    pub fn is_empty(&self) -> Result<bool> {
        let n: i64 = self
            .db
            .value("SELECT count(*) FROM schools", &[])
            .map_err(|e| self.err(e))?;
        Ok(n == 0)
    }
}

/// SQLite's "disk I/O error", which says nothing of why.
fn is_io_error(e: &DbError) -> bool {
    matches!(e, DbError::Sqlite(e) if e.sqlite_error_code() == Some(rusqlite::ErrorCode::SystemIoFailure))
}

/// Whether the system call behind SQLite's last I/O error failed for want of space (a
/// WAL or shared-memory file that could not grow says only "disk I/O error").
fn disk_was_full(conn: &Connection) -> bool {
    // SAFETY: the handle is this open connection's; the call only reads its last errno.
    let errno = unsafe { rusqlite::ffi::sqlite3_system_errno(conn.handle()) };
    #[cfg(unix)]
    {
        errno == libc::ENOSPC || errno == libc::EDQUOT
    }
    #[cfg(windows)]
    {
        // ERROR_HANDLE_DISK_FULL, ERROR_DISK_FULL.
        errno == 39 || errno == 112
    }
    #[cfg(not(any(unix, windows)))]
    {
        let _ = errno;
        false
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn migrates_a_new_database() {
        let store = Store::open_in_memory().unwrap();
        assert_eq!(store.schema_version().unwrap(), 13);
        assert!(store.is_empty().unwrap());
    }

    #[test]
    fn reopening_is_a_no_op_and_file_is_private() {
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("sub/t.db");
        drop(Store::open(&path).unwrap());
        let store = Store::open(&path).unwrap();
        assert_eq!(store.schema_version().unwrap(), 13);
        #[cfg(unix)]
        {
            use std::os::unix::fs::PermissionsExt;
            let mode = std::fs::metadata(&path).unwrap().permissions().mode();
            assert_eq!(mode & 0o077, 0, "mode {mode:o}");
        }
    }

    #[test]
    fn newer_schema_is_refused_clearly() {
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("t.db");
        let store = Store::open(&path).unwrap();
        store
            .conn()
            .execute(
                "INSERT INTO refinery_schema_history (version, name, applied_on, checksum) VALUES (99, 'future', '2030-01-01', '0')",
                [],
            )
            .unwrap();
        drop(store);
        let err = Store::open(&path).err().unwrap().to_string();
        assert!(err.contains("newer termly"), "{err}");
    }

    #[test]
    fn garbage_file_is_reported_as_not_a_database() {
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("t.db");
        std::fs::write(&path, vec![0xABu8; 8192]).unwrap();
        let err = Store::open(&path).err().unwrap().to_string();
        assert!(err.contains("not a termly database"), "{err}");
    }

    #[test]
    fn decisions_refuse_update_and_delete() {
        let store = Store::open_in_memory().unwrap();
        store
            .conn()
            .execute_batch(
                "INSERT INTO schools (urn, name, phase, establishment_type, maintained) VALUES (100001, 'A', 'primary', 'Community school', 1);
                 INSERT INTO meetings (term, date, chair, opened_at) VALUES ('2026-27-autumn', '2026-11-23', 'Chair', 'now');
                 INSERT INTO decisions (meeting_id, urn, kind, rationale, recorded_by, recorded_at) VALUES (1, 100001, 'confirm', 'ok', 'Chair', 'now');",
            )
            .unwrap();
        let upd = store
            .conn()
            .execute("UPDATE decisions SET rationale = 'changed'", []);
        assert!(upd.unwrap_err().to_string().contains("append-only"));
        let del = store.conn().execute("DELETE FROM decisions", []);
        assert!(del.unwrap_err().to_string().contains("append-only"));
        let n: i64 = store
            .conn()
            .query_row(
                "SELECT count(*) FROM decisions WHERE rationale = 'ok'",
                [],
                |r| r.get(0),
            )
            .unwrap();
        assert_eq!(n, 1);
    }
}
