//! The meeting side of the store, checked the same way on SQLite and on PostgreSQL: meetings
//! and their agenda, decisions and the category history they write, revocation and
//! supersession, actions, matters arising, meeting admin and details, written files, the
//! reports' questions, and the append-only record enforced by the database itself.

use crate::backends::on_each_backend;
use crate::decisions_fixture::{
    at, config, fill, new, open_meeting, term, AMBER, BIRCH, CEDAR, DAMSON,
};
use termly::actions::ActionStatus;
use termly::args;
use termly::model::DecisionKind;
use termly::store::actions::ActionChange;
use termly::store::decision_context::DecisionContext;
use termly::store::decisions::FailureKind;
use termly::store::{school, Store};
use termly::term::{Season, Term};

fn categories(store: &Store, urn: u32) -> Vec<String> {
    store
        .category_spells(urn)
        .unwrap()
        .into_iter()
        .map(|s| s.category)
        .collect()
}

#[test]
fn decisions_revocations_and_supersessions_write_the_same_record() {
    on_each_backend("mtg_decisions", |backend, mut store| {
        fill(&store);
        let config = config(std::path::Path::new("."));
        let m = open_meeting(&mut store);
        let again = store
            .open_or_resume_meeting(term(), crate::decisions_fixture::date(), "", &[], at(9, 1))
            .unwrap();
        assert_eq!(again.id, m, "{backend}: an open meeting is resumed");
        assert_eq!(
            store.number_agenda(m, &[BIRCH, AMBER]).unwrap(),
            [BIRCH, AMBER],
            "{backend}"
        );
        assert_eq!(
            store.number_agenda(m, &[AMBER, CEDAR, BIRCH]).unwrap(),
            [BIRCH, AMBER, CEDAR],
            "{backend}: numbers hold, newcomers go last"
        );
        store
            .add_agenda_item(m, DAMSON, "Raised by the head", at(9, 2))
            .unwrap();
        let items = store.agenda_items(m).unwrap();
        assert_eq!(items.len(), 1, "{backend}");
        assert_eq!(
            (items[0].urn, items[0].reason.as_str()),
            (DAMSON, "Raised by the head")
        );

        let confirm = store
            .record_decision(
                &config,
                new(m, BIRCH, DecisionKind::Confirm, None, ""),
                at(9, 5),
            )
            .unwrap();
        assert_eq!(confirm.to_category.as_deref(), Some("focused"), "{backend}");
        let moved = store
            .record_decision(
                &config,
                new(
                    m,
                    AMBER,
                    DecisionKind::Recategorise,
                    Some("focused"),
                    "Deficit",
                ),
                at(9, 10),
            )
            .unwrap();
        assert_eq!(categories(&store, AMBER), ["core", "focused"], "{backend}");
        assert_eq!(
            store.current_category(AMBER).unwrap().as_deref(),
            Some("focused")
        );

        let revoked = store
            .revoke(moved.id, "Wrong school", "S. Okafor", m, at(9, 12))
            .unwrap();
        assert_eq!(revoked.revokes, Some(moved.id), "{backend}");
        assert_eq!(
            categories(&store, AMBER),
            ["core", "focused", "core"],
            "{backend}: the revocation restores the category"
        );
        let again = store.revoke(moved.id, "Twice", "S. Okafor", m, at(9, 13));
        assert!(
            again.unwrap_err().to_string().contains("already revoked"),
            "{backend}"
        );

        let context = DecisionContext {
            departure: "Policy suggests core".into(),
            supersedes: Some(confirm.id),
            over_capacity: String::new(),
        };
        let replacing = store
            .record_decision_in_context(
                &config,
                new(
                    m,
                    BIRCH,
                    DecisionKind::Recategorise,
                    Some("enhanced"),
                    "Outcomes fell",
                ),
                &context,
                at(9, 20),
            )
            .unwrap();
        let contexts = store.decision_contexts(m).unwrap();
        assert_eq!(contexts.get(&replacing.id), Some(&context), "{backend}");
        assert_eq!(contexts.len(), 1, "{backend}");

        let kinds: Vec<DecisionKind> = store
            .decisions_for_meeting(m)
            .unwrap()
            .iter()
            .map(|d| d.kind)
            .collect();
        assert_eq!(
            kinds,
            [
                DecisionKind::Confirm,
                DecisionKind::Recategorise,
                DecisionKind::Revoke,
                DecisionKind::Recategorise
            ],
            "{backend}"
        );
        assert_eq!(store.revocations_for_meeting(m).unwrap().len(), 1);
        assert!(store
            .effective_decisions_for_school(AMBER)
            .unwrap()
            .is_empty());
        assert_eq!(
            store.decision(replacing.id).unwrap(),
            replacing,
            "{backend}"
        );
        let closed = store.close_meeting(m, at(11, 0)).unwrap();
        assert!(closed.closed_at.is_some(), "{backend}");
        let late = store.record_decision(
            &config,
            new(m, CEDAR, DecisionKind::Confirm, None, ""),
            at(11, 5),
        );
        assert_eq!(late.unwrap_err().kind(), FailureKind::Input, "{backend}");
    });
}

#[test]
fn actions_and_matters_arising_carry_into_the_next_meeting() {
    on_each_backend("mtg_actions", |backend, mut store| {
        fill(&store);
        let config = config(std::path::Path::new("."));
        let m = open_meeting(&mut store);
        let mut note = new(m, AMBER, DecisionKind::Note, None, "");
        note.actions = "Attendance visit\nReport to governors".into();
        note.owner = "EWO lead".into();
        note.due = "2026-12-11".parse().ok();
        let note = store.record_decision(&config, note, at(9, 5)).unwrap();
        let mut defer = new(m, BIRCH, DecisionKind::Defer, None, "Wait for the budget");
        defer.actions = "Ask for the recovery plan".into();
        defer.due = "2027-01-15".parse().ok();
        store.record_decision(&config, defer, at(9, 6)).unwrap();
        let mut wrong = new(m, CEDAR, DecisionKind::Note, None, "");
        wrong.actions = "Visit the wrong school".into();
        let wrong = store.record_decision(&config, wrong, at(9, 7)).unwrap();
        store
            .revoke(wrong.id, "Mistake", "S. Okafor", m, at(9, 8))
            .unwrap();

        let actions = store.actions().unwrap();
        let seen: Vec<(&str, ActionStatus)> = actions
            .iter()
            .map(|a| (a.text.as_str(), a.status))
            .collect();
        assert_eq!(
            seen,
            [
                ("Attendance visit", ActionStatus::Open),
                ("Report to governors", ActionStatus::Open),
                ("Ask for the recovery plan", ActionStatus::Open),
                ("Visit the wrong school", ActionStatus::Dropped),
            ],
            "{backend}"
        );
        assert_eq!(actions[0].due, "2026-12-11".parse().ok(), "{backend}");
        assert_eq!(
            actions[2].due, None,
            "{backend}: a deferral's date is no due date"
        );
        assert_eq!(actions[0].decision_id, note.id);
        let done = store
            .change_action(
                &ActionChange {
                    action_id: actions[1].id,
                    status: ActionStatus::Done,
                    carried: false,
                    note: "Sent".into(),
                    by: "Clerk".into(),
                    meeting_id: Some(m),
                },
                at(10, 0),
            )
            .unwrap();
        assert_eq!(
            (done.status, done.note.as_str(), done.changed_by.as_str()),
            (ActionStatus::Done, "Sent", "Clerk"),
            "{backend}"
        );
        assert_eq!(store.actions_for_school(AMBER).unwrap().len(), 2);
        assert_eq!(store.actions_of_meeting(m).unwrap().len(), 4);
        store.close_meeting(m, at(11, 0)).unwrap();

        let next = store
            .open_or_resume_meeting(
                Term::new(2026, Season::Spring),
                "2027-02-01".parse().unwrap(),
                "S. Okafor",
                &[],
                at(12, 0),
            )
            .unwrap();
        let agenda = store.agenda_items(next.id).unwrap();
        assert_eq!(agenda.len(), 1, "{backend}: the deferral is carried");
        assert_eq!(agenda[0].urn, BIRCH, "{backend}");
        let arising = store.matters_arising(next.id).unwrap();
        assert_eq!(arising.previous_meeting, Some(m), "{backend}");
        let deferred: Vec<u32> = arising.deferred.iter().map(|d| d.urn).collect();
        assert_eq!(deferred, [BIRCH], "{backend}");
        assert_eq!(
            arising.deferred[0].revisit_by,
            "2027-01-15".parse().ok(),
            "{backend}"
        );
        let open: Vec<&str> = arising.actions.iter().map(|a| a.text.as_str()).collect();
        assert_eq!(
            open,
            ["Attendance visit", "Ask for the recovery plan"],
            "{backend}"
        );
    });
}

#[test]
fn meeting_admin_details_and_written_files() {
    on_each_backend("mtg_admin", |backend, mut store| {
        fill(&store);
        let m = open_meeting(&mut store);
        store.set_chair(m, "R. Deputy", at(9, 1)).unwrap();
        let meeting = store.add_attendee(m, "C. Late", at(9, 2)).unwrap();
        assert_eq!(meeting.chair, "R. Deputy", "{backend}");
        assert_eq!(
            meeting.attendees,
            ["A. Finance", "B. Standards", "C. Late"],
            "{backend}"
        );
        let meeting = store.remove_attendee(m, "A. Finance", at(9, 3)).unwrap();
        assert_eq!(meeting.attendees, ["B. Standards", "C. Late"]);
        let changes: Vec<(String, String, String)> = store
            .meeting_changes(m)
            .unwrap()
            .into_iter()
            .map(|c| (c.what, c.old_value, c.new_value))
            .collect();
        assert_eq!(
            changes,
            [
                ("chair".into(), "S. Okafor".into(), "R. Deputy".into()),
                ("attendee_added".into(), String::new(), "C. Late".into()),
                (
                    "attendee_removed".into(),
                    "A. Finance".into(),
                    String::new()
                ),
            ],
            "{backend}"
        );

        let details = store
            .set_meeting_details(
                m,
                Some(&["D. Away".to_string(), " ".to_string()]),
                "2027-02-01".parse().ok(),
                at(9, 4),
            )
            .unwrap();
        assert_eq!(details.apologies, ["D. Away"], "{backend}");
        store
            .set_meeting_details(m, None, "2027-02-08".parse().ok(), at(9, 5))
            .unwrap();
        let details = store.meeting_details(m).unwrap();
        assert_eq!(details.apologies, ["D. Away"], "{backend}: kept as it was");
        assert_eq!(details.next_meeting, "2027-02-08".parse().ok(), "{backend}");
        store.close_meeting(m, at(11, 0)).unwrap();
        assert_eq!(store.closed_meeting(term()).unwrap().map(|x| x.id), Some(m));

        let spare = store
            .open_or_resume_meeting(
                Term::new(2026, Season::Summer),
                "2027-06-01".parse().unwrap(),
                "S. Okafor",
                &[],
                at(12, 0),
            )
            .unwrap();
        store.abandon_meeting(spare.id, at(12, 1)).unwrap();
        let summaries = store.meeting_summaries().unwrap();
        assert_eq!(summaries.len(), 2, "{backend}");
        assert!(summaries[1].abandoned_at.is_some(), "{backend}");
        assert_eq!(
            store.latest_meeting().unwrap().map(|x| x.id),
            Some(m),
            "{backend}: an abandoned meeting is not the latest"
        );
        let whats: Vec<String> = store
            .meeting_changes(spare.id)
            .unwrap()
            .into_iter()
            .map(|c| c.what)
            .collect();
        assert_eq!(whats, ["abandoned"], "{backend}");
        assert!(store.set_chair(spare.id, "X", at(12, 2)).is_err());

        let path = std::path::Path::new("/minutes/2026-27-autumn.xlsx");
        assert_eq!(store.written_fingerprint(path).unwrap(), None, "{backend}");
        store
            .record_written(path, "aa11", "2026-11-23T12:00:00+00:00")
            .unwrap();
        store
            .record_written(path, "bb22", "2026-11-23T12:05:00+00:00")
            .unwrap();
        assert_eq!(
            store.written_fingerprint(path).unwrap().as_deref(),
            Some("bb22"),
            "{backend}"
        );
    });
}

#[test]
fn the_reports_read_the_same_on_both() {
    on_each_backend("mtg_reports", |backend, mut store| {
        fill(&store);
        let config = config(std::path::Path::new("."));
        let m = open_meeting(&mut store);
        store
            .test_db()
            .execute(
                "INSERT INTO indicators (term, team, urn, name, value) VALUES ('2026-27-autumn', 'hr', 100001, 'vacancies', 2.5)",
                args![],
            )
            .unwrap();
        let moved = store
            .record_decision(
                &config,
                new(
                    m,
                    BIRCH,
                    DecisionKind::Recategorise,
                    Some("core"),
                    "Recovered",
                ),
                at(9, 30),
            )
            .unwrap();

        let record = store.school_record(AMBER).unwrap().unwrap();
        assert_eq!(record.name, "Amberley Primary School", "{backend}");
        assert!(record.maintained, "{backend}");
        assert_eq!(record.lama.as_deref(), Some("Adviser One"));
        assert_eq!(record.sip, None);
        assert!(store.school_record(999_999).unwrap().is_none(), "{backend}");
        let spells = store.category_spells(BIRCH).unwrap();
        assert_eq!(spells.len(), 2, "{backend}");
        assert_eq!(spells[1].decision_id, Some(moved.id), "{backend}");
        assert_eq!(spells[1].since, "2026-11-23", "{backend}");
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
        let changes: Vec<(u32, String, Option<i64>)> = store
            .category_changes()
            .unwrap()
            .into_iter()
            .map(|c| (c.urn, c.category, c.meeting_id))
            .collect();
        assert_eq!(
            changes,
            [
                (AMBER, "core".into(), None),
                (BIRCH, "focused".into(), None),
                (BIRCH, "core".into(), Some(m)),
                (CEDAR, "enhanced".into(), None),
            ],
            "{backend}"
        );

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
        let config = config(std::path::Path::new("."));
        let m = open_meeting(&mut store);
        let mut note = new(m, AMBER, DecisionKind::Note, None, "Kept");
        note.actions = "Visit".into();
        store.record_decision(&config, note, at(9, 5)).unwrap();
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
    let mut store = Store::open_at(&termly::store::Location::Postgres(url), None).unwrap();
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
    let failed = store
        .record_decision(&config, decision(), at(9, 5))
        .unwrap_err();
    assert_eq!(failed.kind(), FailureKind::Busy, "{failed}");
    assert!(
        failed.to_string().contains("the database is unreachable"),
        "{failed}"
    );
    let saved = store
        .record_decision(&config, decision(), at(9, 6))
        .unwrap();
    assert_eq!(store.decisions_for_meeting(m).unwrap(), [saved]);
}

/// A role the server does not let write decisions: refused, in the server's words.
#[test]
fn a_write_the_server_refuses_the_role_is_refused() {
    let Some(server) = crate::pg_support::server() else {
        return;
    };
    let url = crate::pg_support::fresh_database(&server, "mtg_refused");
    let mut store = Store::open_at(&termly::store::Location::Postgres(url), None).unwrap();
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
    let refused = store
        .record_decision(
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
