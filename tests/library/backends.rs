//! Running one check on each backend: a new SQLite file, then a new PostgreSQL database when
//! `TERMLY_TEST_PG` names a server (see tests/common/pg.rs).

use crate::pg_support;
use termly::store::{Location, Store};

/// Run `check` on a new SQLite file, then on a new PostgreSQL database if there is a server.
pub fn on_each_backend(tag: &str, check: impl Fn(&str, Store)) {
    let dir = tempfile::tempdir().unwrap();
    let file = dir.path().join("termly.db");
    check("sqlite", Store::open(&file).unwrap());
    if let Some(server) = pg_support::server() {
        let url = pg_support::fresh_database(&server, tag);
        let store = Store::open_at(&Location::Postgres(url), None).unwrap();
        check("postgres", store);
    }
}
