//! Errors from either database, sorted into what the caller can do about them.

#[derive(Debug, thiserror::Error)]
pub enum DbError {
    #[error("{0}")]
    Sqlite(#[from] rusqlite::Error),
    #[error("{}", postgres_message(.0))]
    Postgres(#[from] postgres::Error),
    /// The server cannot be reached, or the connection to it was lost.
    #[error("the database is unreachable ({0})")]
    Unreachable(String),
    /// The connection settings themselves are wrong (a bad URL, a password in it).
    #[error("{0}")]
    Settings(String),
    #[error("column {column}: {message}")]
    Conversion { column: usize, message: String },
    #[error("no row found")]
    NoRows,
}

pub type DbResult<T> = std::result::Result<T, DbError>;

/// The server's own words, with its detail line when it gives one.
fn postgres_message(e: &postgres::Error) -> String {
    match e.as_db_error() {
        Some(db) => match db.detail() {
            Some(detail) => format!("{} ({detail})", db.message()),
            None => db.message().to_string(),
        },
        None => e.to_string(),
    }
}

impl DbError {
    fn sqlite_code(&self) -> Option<rusqlite::ErrorCode> {
        match self {
            DbError::Sqlite(e) => e.sqlite_error_code(),
            _ => None,
        }
    }

    fn postgres_code(&self) -> Option<&str> {
        match self {
            DbError::Postgres(e) => e.code().map(|c| c.code()),
            _ => None,
        }
    }

    /// Another writer holds the lock, or the server asked for a retry: try again.
    pub fn is_busy(&self) -> bool {
        use rusqlite::ErrorCode::{DatabaseBusy, DatabaseLocked};
        matches!(self.sqlite_code(), Some(DatabaseBusy | DatabaseLocked))
            || matches!(self.postgres_code(), Some("40001" | "40P01" | "55P03"))
    }

    pub fn is_disk_full(&self) -> bool {
        self.sqlite_code() == Some(rusqlite::ErrorCode::DiskFull)
            || matches!(self.postgres_code(), Some("53100"))
    }

    pub fn is_read_only(&self) -> bool {
        self.sqlite_code() == Some(rusqlite::ErrorCode::ReadOnly)
            || matches!(self.postgres_code(), Some("25006"))
    }

    /// The server refused this role the write (grants or row-level security).
    pub fn is_permission_denied(&self) -> bool {
        matches!(self.postgres_code(), Some("42501"))
    }

    /// The server has gone (or never answered): the same write may succeed once it is back.
    pub fn is_unreachable(&self) -> bool {
        // Class 08 is a connection failure; 57P01-57P03 are the server shutting down or
        // restarting (what a session hears when the server is restarted under it).
        if self
            .postgres_code()
            .is_some_and(|c| c.starts_with("08") || c.starts_with("57P"))
        {
            return true;
        }
        match self {
            DbError::Unreachable(_) => true,
            DbError::Postgres(e) => {
                e.is_closed()
                    || std::error::Error::source(e)
                        .is_some_and(|s| s.downcast_ref::<std::io::Error>().is_some())
            }
            _ => false,
        }
    }
}
