//! The rules for recording and revoking decisions, and the category history they write.

use crate::decisions_fixture::*;
use termly::model::DecisionKind::*;
use termly::store::decisions::DecisionError;
use termly::store::decisions::FailureKind;
use termly::store::load_dataset;

fn history(store: &termly::store::Store, urn: u32) -> Vec<(String, Option<i64>)> {
    let mut stmt = store
        .test_connection()
        .prepare("SELECT category, decision_id FROM category_history WHERE urn = ?1 ORDER BY id")
        .unwrap();
    stmt.query_map([urn], |r| Ok((r.get(0)?, r.get(1)?)))
        .unwrap()
        .map(Result::unwrap)
        .collect()
}

#[test]
fn meeting_is_resumed_not_duplicated() {
    let mut store = store();
    let a = open_meeting(&mut store);
    let again = store
        .open_or_resume_meeting(term(), date(), "", &[], at(10, 0))
        .unwrap();
    assert_eq!(again.id, a);
    assert_eq!(again.chair, "S. Okafor");
    assert_eq!(again.attendees.len(), 2);
    store.close_meeting(a, at(12, 0)).unwrap();
    let err = store
        .open_or_resume_meeting(term(), date(), "  ", &[], at(13, 0))
        .unwrap_err();
    assert!(
        err.kind() == FailureKind::Input && err.to_string().contains("chair"),
        "{err}"
    );
    let b = store
        .open_or_resume_meeting(term(), date(), "T. Deputy", &[], at(13, 0))
        .unwrap();
    assert_ne!(b.id, a);
    assert_eq!(store.latest_meeting().unwrap().unwrap().id, b.id);
    assert_eq!(store.meetings().unwrap().len(), 2);
}

#[test]
fn rationale_is_required_where_it_matters() {
    let cfg = config(std::path::Path::new("."));
    let mut store = store();
    let m = open_meeting(&mut store);
    for kind in [Recategorise, Defer] {
        let err = termly::meeting::record_decision(
            &mut store,
            &cfg,
            new(m, AMBER, kind, Some("focused"), "  \n "),
            at(9, 5),
        )
        .unwrap_err();
        assert!(matches!(err, DecisionError::Invalid(_)), "{err}");
        assert!(err.to_string().contains("rationale"), "{err}");
    }
    let err =
        termly::meeting::record_decision(&mut store, &cfg, new(m, AMBER, Note, None, ""), at(9, 5))
            .unwrap_err();
    assert!(err.to_string().contains("actions or a rationale"), "{err}");
    let mut note = new(m, AMBER, Note, None, "");
    note.actions = "SIP to visit".into();
    note.owner = "SIP".into();
    note.due = "2026-12-11".parse().ok();
    assert!(termly::meeting::record_decision(&mut store, &cfg, note, at(9, 6)).is_ok());
    let confirm = termly::meeting::record_decision(
        &mut store,
        &cfg,
        new(m, BIRCH, Confirm, None, ""),
        at(9, 7),
    )
    .unwrap();
    assert_eq!(confirm.from_category.as_deref(), Some("focused"));
    assert_eq!(confirm.to_category.as_deref(), Some("focused"));
    assert_eq!(store.decisions_for_meeting(m).unwrap().len(), 2);
}

#[test]
fn recategorise_checks_the_category_and_writes_history() {
    let cfg = config(std::path::Path::new("."));
    let mut store = store();
    let m = open_meeting(&mut store);
    let same = termly::meeting::record_decision(
        &mut store,
        &cfg,
        new(m, AMBER, Recategorise, Some("core"), "why"),
        at(9, 5),
    )
    .unwrap_err();
    assert!(same.to_string().contains("already Core"), "{same}");
    let unknown = termly::meeting::record_decision(
        &mut store,
        &cfg,
        new(m, AMBER, Recategorise, Some("platinum"), "why"),
        at(9, 5),
    )
    .unwrap_err();
    assert!(
        unknown.to_string().contains("`platinum` is not a category"),
        "{unknown}"
    );
    let school = termly::meeting::record_decision(
        &mut store,
        &cfg,
        new(m, 999999, Confirm, None, ""),
        at(9, 5),
    )
    .unwrap_err();
    assert!(school.to_string().contains("999999"), "{school}");

    let d = termly::meeting::record_decision(
        &mut store,
        &cfg,
        new(
            m,
            AMBER,
            Recategorise,
            Some("enhanced"),
            "Attendance 4\nstandards 3",
        ),
        at(9, 10),
    )
    .unwrap();
    assert_eq!(d.from_category.as_deref(), Some("core"));
    assert_eq!(d.rationale, "Attendance 4\nstandards 3", "newlines kept");
    assert_eq!(
        termly::meeting::category_at(&store, AMBER, term())
            .unwrap()
            .as_deref(),
        Some("enhanced")
    );
    // The decision is the record: no history row of its own is needed.
    assert_eq!(history(&store, AMBER), vec![("core".into(), None)]);
    let data = load_dataset(&store, &["finance".to_string()]).unwrap();
    let spell = data.category_at(0, term()).unwrap();
    assert_eq!(spell.since, date(), "the meeting's date");
    assert_eq!(spell.term, term(), "the meeting's term");
    assert_eq!(spell.decision_id, Some(d.id));
}

#[test]
fn text_is_sanitized() {
    let cfg = config(std::path::Path::new("."));
    let mut store = store();
    let m = open_meeting(&mut store);
    let mut n = new(
        m,
        CEDAR,
        Defer,
        None,
        "wait\u{1b}[31m for\u{7} data\r\nnext term",
    );
    n.owner = "Adviser\nTwo".into();
    let d = termly::meeting::record_decision(&mut store, &cfg, n, at(9, 5)).unwrap();
    assert_eq!(d.rationale, "wait for data\nnext term");
    assert_eq!(d.owner, "Adviser Two");
}

#[test]
fn revocation_restores_category_through_a_chain() {
    let cfg = config(std::path::Path::new("."));
    let mut store = store();
    let m = open_meeting(&mut store);
    let first = termly::meeting::record_decision(
        &mut store,
        &cfg,
        new(m, AMBER, Recategorise, Some("focused"), "one"),
        at(9, 10),
    )
    .unwrap();
    let second = termly::meeting::record_decision(
        &mut store,
        &cfg,
        new(m, AMBER, Recategorise, Some("enhanced"), "two"),
        at(9, 20),
    )
    .unwrap();
    let undo2 = termly::meeting::revoke(
        &mut store,
        second.id,
        "typed in error",
        "S. Okafor",
        m,
        at(9, 30),
    )
    .unwrap();
    assert_eq!(undo2.kind, Revoke);
    assert_eq!(undo2.revokes, Some(second.id));
    assert_eq!(
        termly::meeting::category_at(&store, AMBER, term())
            .unwrap()
            .as_deref(),
        Some("focused")
    );
    let undo1 = termly::meeting::revoke(
        &mut store,
        first.id,
        "not agreed",
        "S. Okafor",
        m,
        at(9, 40),
    )
    .unwrap();
    assert_eq!(undo1.to_category.as_deref(), Some("core"));
    assert_eq!(
        termly::meeting::category_at(&store, AMBER, term())
            .unwrap()
            .as_deref(),
        Some("core")
    );
    let standing: Vec<String> = termly::meeting::school_spells(&store, AMBER, None)
        .unwrap()
        .into_iter()
        .map(|s| s.category)
        .collect();
    assert_eq!(standing, ["core"], "both revoked decisions dropped out");
    assert!(termly::meeting::effective(&store.decisions_for_school(AMBER).unwrap()).is_empty());

    let again = termly::meeting::revoke(&mut store, first.id, "twice", "S. Okafor", m, at(9, 50))
        .unwrap_err();
    assert!(
        again
            .to_string()
            .contains(&format!("already revoked by decision #{}", undo1.id)),
        "{again}"
    );
    let rr = termly::meeting::revoke(
        &mut store,
        undo1.id,
        "undo the undo",
        "S. Okafor",
        m,
        at(9, 50),
    )
    .unwrap_err();
    assert!(rr.to_string().contains("cannot be revoked"), "{rr}");
    let no_reason =
        termly::meeting::revoke(&mut store, 9999, "", "S. Okafor", m, at(9, 50)).unwrap_err();
    assert!(
        matches!(no_reason, DecisionError::NotFound(_)),
        "{no_reason}"
    );
}

#[test]
fn revoking_a_superseded_change_leaves_the_category() {
    let cfg = config(std::path::Path::new("."));
    let mut store = store();
    let m = open_meeting(&mut store);
    let first = termly::meeting::record_decision(
        &mut store,
        &cfg,
        new(m, AMBER, Recategorise, Some("focused"), "one"),
        at(9, 10),
    )
    .unwrap();
    termly::meeting::record_decision(
        &mut store,
        &cfg,
        new(m, AMBER, Recategorise, Some("enhanced"), "two"),
        at(9, 20),
    )
    .unwrap();
    let undo = termly::meeting::revoke(
        &mut store,
        first.id,
        "wrong reason given",
        "S. Okafor",
        m,
        at(9, 30),
    )
    .unwrap();
    assert_eq!(undo.to_category.as_deref(), Some("enhanced"));
    assert_eq!(
        termly::meeting::category_at(&store, AMBER, term())
            .unwrap()
            .as_deref(),
        Some("enhanced")
    );
    assert_eq!(history(&store, AMBER).len(), 1, "only the imported row");
    let eff = termly::meeting::effective(&store.decisions_for_school(AMBER).unwrap());
    assert_eq!(eff.len(), 1);
    assert_eq!(eff[0].rationale, "two");
}

#[test]
fn closed_meeting_refuses_decisions() {
    let cfg = config(std::path::Path::new("."));
    let mut store = store();
    let m = open_meeting(&mut store);
    let d = termly::meeting::record_decision(
        &mut store,
        &cfg,
        new(m, BIRCH, Confirm, None, ""),
        at(9, 10),
    )
    .unwrap();
    store.close_meeting(m, at(11, 0)).unwrap();
    let err = termly::meeting::record_decision(
        &mut store,
        &cfg,
        new(m, AMBER, Confirm, None, ""),
        at(11, 5),
    )
    .unwrap_err();
    assert!(err.to_string().contains("closed"), "{err}");
    assert!(termly::meeting::revoke(&mut store, d.id, "late", "x", m, at(11, 6)).is_err());
    assert!(store.close_meeting(m, at(11, 7)).is_err(), "closing twice");
    assert!(matches!(
        store.meeting(77).unwrap_err(),
        DecisionError::NotFound(_)
    ));
}

#[test]
fn decisions_are_append_only_and_agenda_items_kept() {
    let cfg = config(std::path::Path::new("."));
    let mut store = store();
    let m = open_meeting(&mut store);
    store
        .add_agenda_item(m, DAMSON, "New report card", at(9, 1))
        .unwrap();
    assert!(store.add_agenda_item(m, 123456, "x", at(9, 1)).is_err());
    assert_eq!(store.agenda_items(m).unwrap()[0].reason, "New report card");
    termly::meeting::record_decision(
        &mut store,
        &cfg,
        new(m, BIRCH, Confirm, None, "fine"),
        at(9, 10),
    )
    .unwrap();
    let err = store
        .test_connection()
        .execute("UPDATE decisions SET rationale = 'x'", [])
        .unwrap_err();
    assert!(err.to_string().contains("append-only"));
    assert!(store
        .test_connection()
        .execute("DELETE FROM decisions", [])
        .is_err());
    assert_eq!(
        store.decisions_for_school(BIRCH).unwrap()[0].rationale,
        "fine"
    );
}

#[test]
fn a_locked_database_is_a_retryable_error_and_saves_nothing() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("t.db");
    let cfg = config(dir.path());
    let mut store = termly::store::Store::open(&path).unwrap();
    fill(&store);
    let m = open_meeting(&mut store);
    store
        .test_connection()
        .busy_timeout(std::time::Duration::from_millis(1))
        .unwrap();
    let other = rusqlite::Connection::open(&path).unwrap();
    other.execute_batch("BEGIN IMMEDIATE").unwrap();
    let err = termly::meeting::record_decision(
        &mut store,
        &cfg,
        new(m, BIRCH, Confirm, None, ""),
        at(9, 10),
    )
    .unwrap_err();
    assert_eq!(err.kind(), FailureKind::Busy, "{err:?}");
    other.execute_batch("ROLLBACK").unwrap();
    assert!(store.decisions_for_meeting(m).unwrap().is_empty());
    termly::meeting::record_decision(
        &mut store,
        &cfg,
        new(m, BIRCH, Confirm, None, ""),
        at(9, 11),
    )
    .unwrap();
    drop(store);
    let reopened = termly::store::Store::open(&path).unwrap();
    assert_eq!(
        reopened.decisions_for_meeting(m).unwrap().len(),
        1,
        "durable"
    );
}
