//! A decision saved twice by a retry: the screen's form sends one request id with every
//! attempt, and the store records the decision once however often the same id comes back —
//! on SQLite and on PostgreSQL, and after a connection lost with the commit's outcome.

use crate::backends::on_each_backend;
use crate::decisions_fixture::{at, config, fill, new, open_meeting, BIRCH, CEDAR};
use termly::args;
use termly::model::{DecisionKind, NewDecision};
use termly::store::decisions::FailureKind;
use termly::store::{Location, Store};

fn requested(decision: NewDecision, request_id: &str) -> NewDecision {
    NewDecision {
        request_id: Some(request_id.to_string()),
        ..decision
    }
}

fn decision_count(store: &Store) -> i64 {
    store
        .test_db()
        .value("SELECT count(*) FROM decisions", args![])
        .unwrap()
}

#[test]
fn the_same_request_twice_records_one_decision() {
    on_each_backend("req_same", |backend, mut store| {
        fill(&store);
        let m = open_meeting(&mut store);
        let config = config(std::path::Path::new("."));
        let recategorise = || {
            requested(
                new(m, BIRCH, DecisionKind::Recategorise, Some("core"), "Better"),
                "form-1",
            )
        };
        let first = termly::meeting::record_decision(&mut store, &config, recategorise(), at(9, 5))
            .unwrap();
        // The school is now core: checked again, the form would be refused as no change.
        let again = termly::meeting::record_decision(&mut store, &config, recategorise(), at(9, 6))
            .unwrap();
        assert_eq!(
            again, first,
            "{backend}: the retry returns the saved decision"
        );
        assert_eq!(decision_count(&store), 1, "{backend}");
        assert_eq!(
            termly::meeting::school_spells(&store, BIRCH, None)
                .unwrap()
                .len(),
            2,
            "{backend}: one category change, not two"
        );
    });
}

#[test]
fn different_requests_record_two_decisions() {
    on_each_backend("req_diff", |backend, mut store| {
        fill(&store);
        let m = open_meeting(&mut store);
        let config = config(std::path::Path::new("."));
        let note = |id| requested(new(m, CEDAR, DecisionKind::Note, None, "Visit"), id);
        let first =
            termly::meeting::record_decision(&mut store, &config, note("a"), at(9, 5)).unwrap();
        let second =
            termly::meeting::record_decision(&mut store, &config, note("b"), at(9, 6)).unwrap();
        assert_ne!(first.id, second.id, "{backend}");
        let plain = || new(m, CEDAR, DecisionKind::Note, None, "Visit");
        termly::meeting::record_decision(&mut store, &config, plain(), at(9, 7)).unwrap();
        termly::meeting::record_decision(&mut store, &config, plain(), at(9, 8)).unwrap();
        assert_eq!(
            decision_count(&store),
            4,
            "{backend}: without a request id every save is a new decision"
        );
    });
}

#[test]
fn the_database_refuses_a_second_row_with_the_same_request() {
    on_each_backend("req_index", |backend, mut store| {
        fill(&store);
        let m = open_meeting(&mut store);
        let insert = "INSERT INTO decisions (meeting_id, urn, kind, rationale, recorded_by, recorded_at, request_id)
                      VALUES (?1, ?2, 'note', 'x', 'chair', '2026-10-01T09:00:00+01:00', 'same')";
        store.test_db().execute(insert, args![m, CEDAR]).unwrap();
        let twice = store.test_db().execute(insert, args![m, CEDAR]);
        assert!(twice.is_err(), "{backend}: the unique index holds");
    });
}

/// The lost commit: the decision committed, but the connection went before the chair heard
/// so. The screen kept the form; the retries send the same request id. The first retry
/// finds the server gone ("unreachable", the form kept again); the next, on a new
/// connection, finds the decision already saved and says so, instead of saving it twice.
#[test]
fn a_retry_after_a_lost_commit_does_not_save_twice() {
    let Some(server) = crate::pg_support::server() else {
        return;
    };
    let url = crate::pg_support::fresh_database(&server, "req_lost");
    let mut store = Store::open_at(&Location::Postgres(url.clone()), None).unwrap();
    fill(&store);
    let config = config(std::path::Path::new("."));
    let m = open_meeting(&mut store);
    let form = || {
        requested(
            new(m, BIRCH, DecisionKind::Recategorise, Some("core"), "Better"),
            "lost-commit",
        )
    };
    let committed =
        termly::meeting::record_decision(&mut store, &config, form(), at(9, 5)).unwrap();
    let pid: i32 = store
        .test_db()
        .value("SELECT pg_backend_pid()", args![])
        .unwrap();
    let mut admin = postgres::Client::connect(&server, postgres::NoTls).unwrap();
    admin
        .execute("SELECT pg_terminate_backend($1)", &[&pid])
        .unwrap();
    let failed =
        termly::meeting::record_decision(&mut store, &config, form(), at(9, 6)).unwrap_err();
    assert_eq!(failed.kind(), FailureKind::Busy, "{failed}");
    assert!(
        failed.to_string().contains("the database is unreachable"),
        "{failed}"
    );
    let retried = termly::meeting::record_decision(&mut store, &config, form(), at(9, 7)).unwrap();
    assert_eq!(retried, committed);
    assert_eq!(store.decisions_for_meeting(m).unwrap(), [committed]);
    let mut other = postgres::Client::connect(&url, postgres::NoTls).unwrap();
    let rows: i64 = other
        .query_one(
            "SELECT count(*) FROM decisions WHERE request_id = 'lost-commit'",
            &[],
        )
        .unwrap()
        .get(0);
    assert_eq!(rows, 1, "one row, seen from another session too");
}
