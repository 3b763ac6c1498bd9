//! Actions as records: born with the decision that sets them, one per line, changed only by
//! appending a status, dropped when their decision is revoked.

use crate::decisions_fixture::{action, at, new, open_meeting, store, AMBER, BIRCH};
use termly::actions::ActionStatus;
use termly::model::DecisionKind;
use termly::store::actions::ActionChange;

fn change(id: i64, status: ActionStatus, note: &str) -> ActionChange {
    ActionChange {
        action_id: id,
        status,
        carried: false,
        note: note.into(),
        by: "Clerk".into(),
        meeting_id: None,
        due: None,
    }
}

#[test]
fn a_decision_sets_one_action_per_line_and_a_change_appends() {
    let mut store = store();
    let config = crate::decisions_fixture::config(std::path::Path::new("."));
    let m = open_meeting(&mut store);
    let mut note = new(m, AMBER, DecisionKind::Note, None, "");
    note.actions = "Attendance visit\nReport to governors".into();
    note.owner = "EWO lead".into();
    note.due = "2026-12-11".parse().ok();
    termly::meeting::record_decision(&mut store, &config, note, at(9, 5)).unwrap();
    let mut defer = new(m, BIRCH, DecisionKind::Defer, None, "Wait for the budget");
    defer.action_lines = vec![action("Ask for the recovery plan", "SIP", "2027-01-08")];
    defer.due = "2027-01-15".parse().ok();
    termly::meeting::record_decision(&mut store, &config, defer, at(9, 6)).unwrap();

    let actions = store.actions().unwrap();
    let texts: Vec<&str> = actions.iter().map(|a| a.text.as_str()).collect();
    assert_eq!(
        texts,
        [
            "Attendance visit",
            "Report to governors",
            "Ask for the recovery plan"
        ]
    );
    assert!(actions.iter().all(|a| a.status == ActionStatus::Open));
    assert_eq!(actions[0].owner, "EWO lead");
    assert_eq!(actions[0].due, "2026-12-11".parse().ok());
    assert_eq!(
        actions[2].due,
        "2027-01-08".parse().ok(),
        "the action's own date, not the deferral's revisit date"
    );
    assert_eq!(actions[2].owner, "SIP");
    assert_eq!(actions[0].school, "Amberley Primary School");

    assert!(
        store
            .change_action(&change(1, ActionStatus::Dropped, " "), at(10, 0))
            .is_err(),
        "dropping needs a reason"
    );
    let done = store
        .change_action(&change(1, ActionStatus::Done, "Visited 24 Nov"), at(10, 0))
        .unwrap();
    assert_eq!(
        (done.status, done.note.as_str()),
        (ActionStatus::Done, "Visited 24 Nov")
    );
    assert_eq!(done.changed_by, "Clerk");
    let again = store.change_action(&change(1, ActionStatus::Done, ""), at(10, 1));
    assert!(again.unwrap_err().to_string().contains("already done"));
    let rows: i64 = store
        .test_connection()
        .query_row(
            "SELECT count(*) FROM action_events WHERE action_id = 1",
            [],
            |r| r.get(0),
        )
        .unwrap();
    assert_eq!(rows, 2, "opened, then done: nothing written over");
    assert!(store
        .test_connection()
        .execute("DELETE FROM action_events", [])
        .is_err());
    assert!(store
        .test_connection()
        .execute("UPDATE actions SET owner = 'x'", [])
        .is_err());
}

#[test]
fn revoking_a_decision_drops_its_open_actions() {
    let mut store = store();
    let config = crate::decisions_fixture::config(std::path::Path::new("."));
    let m = open_meeting(&mut store);
    let mut note = new(m, AMBER, DecisionKind::Note, None, "");
    note.actions = "One\nTwo".into();
    note.owner = "EWO lead".into();
    note.due = "2026-12-11".parse().ok();
    let d = termly::meeting::record_decision(&mut store, &config, note, at(9, 5)).unwrap();
    store
        .change_action(&change(1, ActionStatus::Done, "finished"), at(9, 10))
        .unwrap();
    termly::meeting::revoke(&mut store, d.id, "Wrong school", "S. Okafor", m, at(9, 20)).unwrap();
    let actions = store.actions().unwrap();
    assert_eq!(
        actions[0].status,
        ActionStatus::Done,
        "a done action stays done"
    );
    assert_eq!(actions[1].status, ActionStatus::Dropped);
    assert!(actions[1].note.contains("revoked"), "{}", actions[1].note);
}
