//! A PostgreSQL connection that goes away: the next call says the database is unreachable,
//! the one after reconnects; a transaction that lost its connection is never finished on a
//! new one; the change counter moves for other sessions' commits, not for our own, and
//! reading it sends the server nothing.

use crate::pg_support::{self, OwnServer};
use std::time::{Duration, Instant};
use termly::args;
use termly::store::db::TxMode;
use termly::store::{Location, Store};

fn open(url: &str) -> Store {
    Store::open_at(&Location::Postgres(url.to_string()), None).unwrap()
}

/// The server process of each termly session on the database `url` names.
fn termly_backends(url: &str) -> Vec<i32> {
    let mut admin = postgres::Client::connect(url, postgres::NoTls).unwrap();
    admin
        .query(
            "SELECT pid FROM pg_stat_activity WHERE datname = current_database() AND application_name = 'termly' ORDER BY pid",
            &[],
        )
        .unwrap()
        .iter()
        .map(|r| r.get(0))
        .collect()
}

/// End every termly session on the database, as a dropped network link would.
fn drop_connections(url: &str) {
    let pids = termly_backends(url);
    assert!(!pids.is_empty(), "no termly session to drop");
    let mut admin = postgres::Client::connect(url, postgres::NoTls).unwrap();
    for pid in pids {
        admin
            .query_one("SELECT pg_terminate_backend($1)", &[&pid])
            .unwrap();
    }
}

/// When the backend last ran a statement (it moves with every statement it runs).
fn last_activity(url: &str, pid: i32) -> String {
    let mut admin = postgres::Client::connect(url, postgres::NoTls).unwrap();
    admin
        .query_one(
            "SELECT CAST(state_change AS TEXT) FROM pg_stat_activity WHERE pid = $1",
            &[&pid],
        )
        .unwrap()
        .get(0)
}

const SCHOOL: &str = "INSERT INTO schools (urn, name, phase, establishment_type, maintained) VALUES (?1, 'S', 'primary', 'Community school', 1)";

#[test]
fn a_dropped_connection_is_unreachable_once_then_reconnects() {
    let Some(server) = pg_support::server() else {
        return;
    };
    let url = pg_support::fresh_database(&server, "dropped");
    let store = open(&url);
    let before = store.data_version().unwrap();
    drop_connections(&url);
    let err = store.is_empty().expect_err("the connection is gone");
    assert!(err.db_error().is_some_and(|e| e.is_unreachable()), "{err}");
    assert!(err.to_string().contains("unreachable"), "{err}");
    assert!(store.is_empty().unwrap(), "the next call reconnects");
    assert_ne!(
        store.data_version().unwrap(),
        before,
        "after a reconnect the screen reloads: anything may have changed"
    );
}

#[test]
fn a_transaction_that_lost_its_connection_never_commits_on_another() {
    let Some(server) = pg_support::server() else {
        return;
    };
    let url = pg_support::fresh_database(&server, "losttx");
    let store = open(&url);
    let db = store.test_db();
    let tx = db.begin(TxMode::Write).unwrap();
    tx.execute(SCHOOL, args![100001]).unwrap();
    drop_connections(&url);
    let lost = tx.execute(SCHOOL, args![100002]).unwrap_err();
    assert!(lost.is_unreachable(), "{lost}");
    // Not run on a new connection outside the transaction.
    let refused = tx.execute(SCHOOL, args![100003]).unwrap_err();
    assert!(refused.is_unreachable(), "{refused}");
    let commit = tx.commit().unwrap_err();
    assert!(commit.is_unreachable(), "{commit}");
    let n: i64 = db.value("SELECT count(*) FROM schools", args![]).unwrap();
    assert_eq!(n, 0, "nothing of the lost transaction was saved");
    // The connection is whole again for the next transaction.
    let tx = db.begin(TxMode::Exclusive).unwrap();
    tx.execute(SCHOOL, args![100004]).unwrap();
    tx.commit().unwrap();
    let n: i64 = db.value("SELECT count(*) FROM schools", args![]).unwrap();
    assert_eq!(n, 1);
}

#[test]
fn the_change_counter_moves_for_other_sessions_only_and_asks_the_server_nothing() {
    let Some(server) = pg_support::server() else {
        return;
    };
    let url = pg_support::fresh_database(&server, "counter");
    let screen = open(&url);
    let [pid] = termly_backends(&url)[..] else {
        panic!("one termly session expected");
    };
    let writer = open(&url);

    // Idle: reading the counter sends no statement.
    let seen = screen.data_version().unwrap();
    let activity = last_activity(&url, pid);
    for _ in 0..20 {
        assert_eq!(screen.data_version().unwrap(), seen);
        std::thread::sleep(Duration::from_millis(25));
    }
    assert_eq!(last_activity(&url, pid), activity, "a statement was sent");

    // Our own commit does not move it; another session's does.
    let theirs = writer.data_version().unwrap();
    screen.test_db().execute(SCHOOL, args![100001]).unwrap();
    assert_eq!(screen.data_version().unwrap(), seen, "our own commit");
    let start = Instant::now();
    while writer.data_version().unwrap() == theirs {
        assert!(
            start.elapsed() < Duration::from_secs(3),
            "the other session never heard of the commit"
        );
        std::thread::sleep(Duration::from_millis(10));
    }
    writer.test_db().execute(SCHOOL, args![100002]).unwrap();
    let start = Instant::now();
    while screen.data_version().unwrap() == seen {
        assert!(
            start.elapsed() < Duration::from_secs(3),
            "the screen never heard of the other commit"
        );
        std::thread::sleep(Duration::from_millis(10));
    }
    // A rolled-back write tells nobody.
    let moved = screen.data_version().unwrap();
    let tx = writer.test_db().begin(TxMode::Write).unwrap();
    tx.execute(SCHOOL, args![100003]).unwrap();
    drop(tx);
    writer.test_db().execute(SCHOOL, args![100004]).unwrap();
    let start = Instant::now();
    while screen.data_version().unwrap() == moved {
        assert!(start.elapsed() < Duration::from_secs(3), "no notification");
        std::thread::sleep(Duration::from_millis(10));
    }
    assert_eq!(
        screen.data_version().unwrap(),
        moved + 1,
        "one commit, one change: the rolled-back one told nobody"
    );
}

#[test]
fn a_restarted_server_is_unreachable_while_down_and_used_again_when_back() {
    let Some(mut own) = OwnServer::start() else {
        return;
    };
    let url = pg_support::fresh_database(&own.url(), "restart");
    let store = open(&url);
    let before = store.data_version().unwrap();
    own.stop();
    for _ in 0..3 {
        let err = store.data_version().expect_err("the server is down");
        assert!(err.db_error().is_some_and(|e| e.is_unreachable()), "{err}");
    }
    let err = store.is_empty().expect_err("the server is down");
    assert!(err.to_string().contains("unreachable"), "{err}");
    own.start_again();
    assert!(store.is_empty().unwrap(), "{}", own.log());
    assert_ne!(store.data_version().unwrap(), before);
}
