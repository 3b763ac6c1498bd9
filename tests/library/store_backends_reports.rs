//! The reports' questions and the record's guarantees, checked on SQLite and on PostgreSQL:
//! the same answers from both, UPDATE and DELETE refused by the database itself, and the two
//! ways a server says no to a save (gone for now; this role may not).

use crate::backends::on_each_backend;
use crate::decisions_fixture::{at, config, fill, new, open_meeting, term, AMBER, BIRCH};
use termly::actions::ActionStatus;
use termly::args;
use termly::model::{Decision, DecisionKind};
use termly::store::decisions::FailureKind;
use termly::store::{school, Location, Store};

/// A filled store with an indicator sent without a score, and Birchwood moved to core at
/// its first meeting; returns that meeting and the decision.
fn reported(store: &mut Store) -> (i64, Decision) {
    fill(store);
    let m = open_meeting(store);
    store
        .test_db()
        .execute(
            "INSERT INTO indicators (term, team, urn, name, value) VALUES ('2026-27-autumn', 'hr', 100001, 'vacancies', 2.5)",
            args![],
        )
        .unwrap();
    let to_core = new(
        m,
        BIRCH,
        DecisionKind::Recategorise,
        Some("core"),
        "Recovered",
    );
    let moved = termly::meeting::record_decision(
        store,
        &config(std::path::Path::new(".")),
        to_core,
        at(9, 30),
    )
    .unwrap();
    (m, moved)
}

#[test]
fn the_reports_read_the_same_on_both() {
    on_each_backend("mtg_reports", |backend, mut store| {
        let (m, moved) = reported(&mut store);
        let record = store.school_record(AMBER).unwrap().unwrap();
        assert_eq!(record.name, "Amberley Primary School", "{backend}");
        assert!(record.maintained, "{backend}");
        assert_eq!(record.lama.as_deref(), Some("Adviser One"));
        assert_eq!(record.sip, None);
        assert!(store.school_record(999_999).unwrap().is_none(), "{backend}");
        let spells = termly::meeting::school_spells(&store, BIRCH, None).unwrap();
        assert_eq!(spells.len(), 2, "{backend}");
        assert_eq!(spells[1].decision_id, Some(moved.id), "{backend}");
        assert_eq!(
            spells[1].since.to_string(),
            "2026-11-23",
            "{backend}: the meeting's date"
        );
        let mut scores: Vec<(String, String, Option<u8>)> = store
            .school_scores(AMBER)
            .unwrap()
            .into_iter()
            .map(|s| (s.term.key(), s.team, s.score))
            .collect();
        scores.sort();
        assert_eq!(
            scores,
            [
                ("2025-26-summer".into(), "finance".into(), Some(2)),
                ("2026-27-autumn".into(), "attendance".into(), Some(2)),
                ("2026-27-autumn".into(), "finance".into(), Some(1)),
            ],
            "{backend}"
        );
        assert_eq!(
            store.latest_scored_term().unwrap(),
            Some(term()),
            "{backend}"
        );
        let spells = |urn| -> Vec<(String, Option<i64>)> {
            termly::meeting::school_spells(&store, urn, None)
                .unwrap()
                .into_iter()
                .map(|s| (s.category, s.meeting_id))
                .collect()
        };
        assert_eq!(spells(AMBER), [("core".into(), None)], "{backend}");
        assert_eq!(
            spells(BIRCH),
            [("focused".into(), None), ("core".into(), Some(m))],
            "{backend}"
        );
    });
}

#[test]
fn a_schools_detail_and_a_terms_comments_read_the_same_on_both() {
    on_each_backend("mtg_detail", |backend, mut store| {
        reported(&mut store);
        let detail = school::school_scores(&store, AMBER).unwrap();
        let teams: Vec<(String, &str, Option<u8>, usize)> = detail
            .iter()
            .map(|s| (s.term.key(), s.team.as_str(), s.score, s.indicators.len()))
            .collect();
        assert_eq!(
            teams,
            [
                ("2025-26-summer".into(), "finance", Some(2), 0),
                ("2026-27-autumn".into(), "attendance", Some(2), 0),
                ("2026-27-autumn".into(), "finance", Some(1), 0),
                ("2026-27-autumn".into(), "hr", None, 1),
            ],
            "{backend}: indicators without a score still show"
        );
        assert_eq!(detail[3].indicators, [("vacancies".to_string(), 2.5)]);
        let comments: Vec<(u32, String)> = school::term_comments(&store, term())
            .unwrap()
            .into_iter()
            .map(|s| (s.urn, s.team))
            .collect();
        assert_eq!(
            comments,
            [
                (AMBER, "attendance".into()),
                (AMBER, "finance".into()),
                (BIRCH, "finance".into()),
                (BIRCH, "standards".into()),
            ],
            "{backend}"
        );
    });
}

#[test]
fn the_database_itself_refuses_to_change_decisions_and_actions() {
    on_each_backend("mtg_append_only", |backend, mut store| {
        fill(&store);
        let m = open_meeting(&mut store);
        let mut note = new(m, AMBER, DecisionKind::Note, None, "Kept");
        note.action_lines = vec![crate::decisions_fixture::action(
            "Visit",
            "SIP",
            "2026-12-11",
        )];
        termly::meeting::record_decision(
            &mut store,
            &config(std::path::Path::new(".")),
            note,
            at(9, 5),
        )
        .unwrap();
        let db = store.test_db();
        for sql in [
            "UPDATE decisions SET rationale = 'changed'",
            "DELETE FROM decisions",
            "UPDATE actions SET text = 'changed'",
            "DELETE FROM actions",
            "UPDATE action_events SET status = 'done'",
            "DELETE FROM action_events",
        ] {
            let refused = db.execute(sql, args![]).unwrap_err().to_string();
            assert!(
                refused.contains("append-only"),
                "{backend}: {sql}: {refused}"
            );
        }
        let kept: i64 = db
            .value(
                "SELECT count(*) FROM decisions WHERE rationale = 'Kept'",
                args![],
            )
            .unwrap();
        assert_eq!(kept, 1, "{backend}");
        assert_eq!(store.actions().unwrap()[0].status, ActionStatus::Open);
    });
}

/// A connection the server dropped mid-meeting: the save fails as "unreachable", a failure
/// the screen keeps the form for, and the same decision saves on retry.
#[test]
fn a_dropped_connection_is_unreachable_and_the_retry_saves() {
    let Some(server) = crate::pg_support::server() else {
        return;
    };
    let url = crate::pg_support::fresh_database(&server, "mtg_dropped");
    let mut store = Store::open_at(&Location::Postgres(url), None).unwrap();
    fill(&store);
    let config = config(std::path::Path::new("."));
    let m = open_meeting(&mut store);
    let pid: i32 = store
        .test_db()
        .value("SELECT pg_backend_pid()", args![])
        .unwrap();
    let mut admin = postgres::Client::connect(&server, postgres::NoTls).unwrap();
    admin
        .execute("SELECT pg_terminate_backend($1)", &[&pid])
        .unwrap();
    let decision = || new(m, BIRCH, DecisionKind::Confirm, None, "");
    let failed =
        termly::meeting::record_decision(&mut store, &config, decision(), at(9, 5)).unwrap_err();
    assert_eq!(failed.kind(), FailureKind::Busy, "{failed}");
    assert!(
        failed.to_string().contains("the database is unreachable"),
        "{failed}"
    );
    let saved =
        termly::meeting::record_decision(&mut store, &config, decision(), at(9, 6)).unwrap();
    assert_eq!(store.decisions_for_meeting(m).unwrap(), [saved]);
}

/// A role the server does not let write decisions: refused, in the server's words.
#[test]
fn a_write_the_server_refuses_the_role_is_refused() {
    let Some(server) = crate::pg_support::server() else {
        return;
    };
    let url = crate::pg_support::fresh_database(&server, "mtg_refused");
    let mut store = Store::open_at(&Location::Postgres(url), None).unwrap();
    fill(&store);
    let config = config(std::path::Path::new("."));
    let m = open_meeting(&mut store);
    let role = format!("termly_reader_{}", std::process::id());
    store
        .test_db()
        .execute_batch(&format!(
            "DROP ROLE IF EXISTS {role}; CREATE ROLE {role};
             GRANT SELECT ON ALL TABLES IN SCHEMA public TO {role};
             SET ROLE {role}"
        ))
        .unwrap();
    let refused = termly::meeting::record_decision(
        &mut store,
        &config,
        new(m, BIRCH, DecisionKind::Confirm, None, ""),
        at(9, 5),
    )
    .unwrap_err();
    store
        .test_db()
        .execute_batch(&format!(
            "RESET ROLE; REVOKE ALL ON ALL TABLES IN SCHEMA public FROM {role}; DROP ROLE {role}"
        ))
        .unwrap();
    assert_eq!(refused.kind(), FailureKind::Refused, "{refused}");
    let text = refused.to_string();
    assert!(
        text.contains("refused this role the write") && text.contains("permission denied"),
        "{text}"
    );
}
