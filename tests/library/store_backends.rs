//! The store's behaviour, checked on both backends: a SQLite file and a PostgreSQL database
//! (when `TERMLY_TEST_PG` names a server; see tests/common/pg.rs).

use crate::backends::on_each_backend;
use crate::pg_support;
use termly::store::{Location, Store};

#[test]
fn a_new_database_is_migrated_and_empty() {
    on_each_backend("migrated", |backend, store| {
        assert_eq!(store.schema_version().unwrap(), 13, "{backend}");
        assert!(store.is_empty().unwrap(), "{backend}");
    });
}

#[test]
fn reopening_a_migrated_database_changes_nothing() {
    if let Some(server) = pg_support::server() {
        let url = pg_support::fresh_database(&server, "reopen");
        drop(Store::open_at(&Location::Postgres(url.clone()), None).unwrap());
        let store = Store::open_at(&Location::Postgres(url), None).unwrap();
        assert_eq!(store.schema_version().unwrap(), 13);
    }
}

#[test]
fn a_password_in_the_url_is_refused_before_connecting() {
    let err = Store::open_at(
        &Location::Postgres("postgres://chair:secret@db.invalid/termly".into()),
        None,
    )
    .err()
    .unwrap()
    .to_string();
    assert!(err.contains("never takes one on the command line"), "{err}");
    assert!(!err.contains("secret"), "{err}");
}
