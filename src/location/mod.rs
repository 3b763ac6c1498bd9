//! Where the database is: a SQLite file (the default) or a PostgreSQL server, told from the
//! text that names it. Plain text handling, below the configuration and the store, which
//! both name a database.

pub mod conninfo;

use conninfo::is_postgres_url;
use std::path::{Path, PathBuf};

#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Location {
    File(PathBuf),
    /// A `postgres://user@host/dbname` URL or a libpq keyword string (`host=… dbname=…`);
    /// one holding a password is refused when connecting, and never shown.
    Postgres(String),
}

impl Location {
    /// A `postgres://` URL or a libpq keyword string is a server; anything else is a file path.
    pub fn parse(text: &str) -> Location {
        if is_postgres_url(text) {
            Location::Postgres(text.to_string())
        } else {
            Location::File(PathBuf::from(text))
        }
    }

    pub fn from_path(path: &Path) -> Location {
        match path.to_str() {
            Some(text) => Location::parse(text),
            None => Location::File(path.to_path_buf()),
        }
    }

    pub fn is_server(&self) -> bool {
        matches!(self, Location::Postgres(_))
    }
}

impl std::fmt::Display for Location {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        match self {
            Location::File(p) => write!(f, "{}", p.display()),
            Location::Postgres(url) => f.write_str(&conninfo::redact(url)),
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn urls_are_servers_and_everything_else_a_file() {
        assert!(Location::parse("postgres://chair@db/termly").is_server());
        assert!(Location::parse("postgresql://chair@db/termly").is_server());
        let keywords = Location::parse("host=db user=chair password=secret dbname=termly");
        assert!(keywords.is_server());
        assert!(!keywords.to_string().contains("secret"), "{keywords}");
        assert_eq!(
            Location::parse("data/termly.db"),
            Location::File("data/termly.db".into())
        );
    }
}
