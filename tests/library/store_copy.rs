//! The store's copy between backends, through the library: every row of every table and
//! every id survive SQLite → PostgreSQL → SQLite; new records on the server follow the
//! copied ones; the automatic backup of a server database is a SQLite file named after it.

use crate::decisions_fixture::*;
use crate::pg_support;
use termly::model::DecisionKind::*;
use termly::store::copy::{copy_store, copy_to_file, Table, TABLES};
use termly::store::db::Value;
use termly::store::{backup, Location, Store};

/// Every row of `table`, in key order.
fn rows(store: &Store, table: &Table) -> Vec<Vec<Value>> {
    let sql = format!(
        "SELECT {} FROM {} ORDER BY {}",
        table.columns.join(", "),
        table.name,
        table.key().join(", ")
    );
    store
        .test_db()
        .query(&sql, &[], |r| {
            (0..r.len()).map(|i| r.get::<Value>(i)).collect()
        })
        .unwrap()
}

/// The fixture borough with a meeting: a recategorisation with actions, a confirmation,
/// and a revocation.
fn original(dir: &std::path::Path) -> Store {
    let cfg = config(dir);
    let mut store = Store::open(&dir.join("original.db")).unwrap();
    fill(&store);
    let m = open_meeting(&mut store);
    let mut first = new(m, AMBER, Recategorise, Some("focused"), "Attendance 3");
    first.actions = "Attendance review".into();
    first.owner = "Adviser One".into();
    first.due = "2027-01-29".parse().ok();
    let first = termly::meeting::record_decision(&mut store, &cfg, first, at(9, 10)).unwrap();
    termly::meeting::record_decision(
        &mut store,
        &cfg,
        new(m, BIRCH, Confirm, None, "Steady"),
        at(9, 20),
    )
    .unwrap();
    termly::meeting::revoke(
        &mut store,
        first.id,
        "Wrong school",
        "S. Okafor",
        m,
        at(9, 30),
    )
    .unwrap();
    store
}

#[test]
fn every_row_and_id_survives_sqlite_to_postgres_and_back() {
    let Some(server) = pg_support::server() else {
        return;
    };
    let dir = tempfile::tempdir().unwrap();
    let cfg = config(dir.path());
    let from = original(dir.path());
    let url = pg_support::fresh_database(&server, "copylib");
    let mut on_server = Store::open_at(&Location::Postgres(url), None).unwrap();
    let there = copy_store(&from, &on_server).unwrap();
    let back_path = dir.path().join("back.db");
    let home = copy_to_file(&on_server, &back_path).unwrap();
    assert_eq!(there.tables, home.tables);
    assert_eq!(there.record_checksum, home.record_checksum);
    let back = Store::open(&back_path).unwrap();
    for table in TABLES {
        assert_eq!(rows(&back, table), rows(&from, table), "{}", table.name);
    }
    let decisions = TABLES.iter().find(|t| t.name == "decisions").unwrap();
    assert_eq!(rows(&from, decisions).len(), 3);

    // The server's sequences were moved past the copied ids.
    let m = open_meeting(&mut on_server);
    let next = termly::meeting::record_decision(
        &mut on_server,
        &cfg,
        new(m, CEDAR, Note, None, "Noted"),
        at(10, 0),
    )
    .unwrap();
    assert_eq!(next.id, 4);

    // The automatic backup of a server database is one SQLite file, named after it.
    let policy = backup::BackupPolicy {
        folder: dir.path().join("backups"),
        keep: cfg.backup.keep,
    };
    let now = at(10, 5).naive_utc();
    let file = backup::auto_backup(&policy, &on_server, now).unwrap();
    let name = file.file_name().unwrap().to_str().unwrap().to_string();
    let database = on_server
        .path()
        .to_str()
        .unwrap()
        .rsplit('/')
        .next()
        .unwrap();
    assert_eq!(name, format!("{database}-20261123-100500.db"));
    let taken = Store::open(&file).unwrap();
    assert_eq!(rows(&taken, decisions).len(), 4);
}
