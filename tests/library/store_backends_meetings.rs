//! The meeting side of the store, checked the same way on SQLite and on PostgreSQL: meetings
//! and their agenda, decisions and the category history they write, revocation and
//! supersession, actions, matters arising, meeting admin and details, and written files.

use crate::backends::on_each_backend;
use crate::decisions_fixture::{
    action, at, config, date, fill, new, open_meeting, term, AMBER, BIRCH, CEDAR, DAMSON,
};
use termly::actions::ActionStatus;
use termly::config::Config;
use termly::model::DecisionContext;
use termly::model::DecisionKind;
use termly::store::actions::ActionChange;
use termly::store::decisions::FailureKind;
use termly::store::Store;
use termly::term::{Season, Term};

fn categories(store: &Store, urn: u32) -> Vec<String> {
    termly::meeting::school_spells(store, urn, None)
        .unwrap()
        .into_iter()
        .map(|s| s.category)
        .collect()
}

fn default_config() -> Config {
    config(std::path::Path::new("."))
}

/// A filled store with its first meeting open.
fn meeting_in(store: &mut Store) -> i64 {
    fill(store);
    open_meeting(store)
}

#[test]
fn a_meeting_resumes_and_its_agenda_numbers_hold() {
    on_each_backend("mtg_agenda", |backend, mut store| {
        let m = meeting_in(&mut store);
        let again = store
            .open_or_resume_meeting(term(), date(), "", &[], at(9, 1))
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
        let seen: Vec<(u32, &str)> = items.iter().map(|i| (i.urn, i.reason.as_str())).collect();
        assert_eq!(seen, [(DAMSON, "Raised by the head")], "{backend}");

        let closed = store.close_meeting(m, at(11, 0)).unwrap();
        assert!(closed.closed_at.is_some(), "{backend}");
        let late = termly::meeting::record_decision(
            &mut store,
            &default_config(),
            new(m, CEDAR, DecisionKind::Confirm, None, ""),
            at(11, 5),
        );
        assert_eq!(late.unwrap_err().kind(), FailureKind::Input, "{backend}");
    });
}

#[test]
fn a_recategorisation_and_its_revocation_write_the_category_history() {
    on_each_backend("mtg_revoke", |backend, mut store| {
        let m = meeting_in(&mut store);
        let config = default_config();
        let confirm = termly::meeting::record_decision(
            &mut store,
            &config,
            new(m, BIRCH, DecisionKind::Confirm, None, ""),
            at(9, 5),
        )
        .unwrap();
        assert_eq!(confirm.to_category.as_deref(), Some("focused"), "{backend}");
        assert_eq!(store.decision(confirm.id).unwrap(), confirm, "{backend}");
        let to_focused = new(
            m,
            AMBER,
            DecisionKind::Recategorise,
            Some("focused"),
            "Deficit",
        );
        let moved =
            termly::meeting::record_decision(&mut store, &config, to_focused, at(9, 10)).unwrap();
        assert_eq!(categories(&store, AMBER), ["core", "focused"], "{backend}");

        let revoked = termly::meeting::revoke(
            &mut store,
            moved.id,
            "Wrong school",
            "S. Okafor",
            m,
            at(9, 12),
        )
        .unwrap();
        assert_eq!(revoked.revokes, Some(moved.id), "{backend}");
        assert_eq!(
            categories(&store, AMBER),
            ["core"],
            "{backend}: the revoked decision drops out of the record"
        );
        assert_eq!(
            termly::meeting::latest_category(&store, AMBER)
                .unwrap()
                .as_deref(),
            Some("core")
        );
        let twice =
            termly::meeting::revoke(&mut store, moved.id, "Twice", "S. Okafor", m, at(9, 13));
        assert!(
            twice.unwrap_err().to_string().contains("already revoked"),
            "{backend}"
        );
        assert_eq!(store.revocations_for_meeting(m).unwrap(), [revoked]);
        assert!(termly::meeting::effective(&store.decisions_for_school(AMBER).unwrap()).is_empty());
        assert_eq!(store.decisions_for_school(AMBER).unwrap().len(), 2);
    });
}

#[test]
fn a_superseding_decision_keeps_its_context() {
    on_each_backend("mtg_supersede", |backend, mut store| {
        let m = meeting_in(&mut store);
        let config = default_config();
        let confirm = termly::meeting::record_decision(
            &mut store,
            &config,
            new(m, BIRCH, DecisionKind::Confirm, None, ""),
            at(9, 5),
        )
        .unwrap();
        let context = DecisionContext {
            departure: Some("Policy suggests core".into()),
            supersedes: Some(confirm.id),
            over_capacity: Some("one enhanced place".into()),
        };
        let to_enhanced = new(
            m,
            BIRCH,
            DecisionKind::Recategorise,
            Some("enhanced"),
            "Outcomes fell",
        );
        let replacing = termly::meeting::record_in_context(
            &mut store,
            &config,
            to_enhanced,
            &context,
            at(9, 20),
        )
        .unwrap();
        let contexts = store.decision_contexts(m).unwrap();
        assert_eq!(contexts.len(), 1, "{backend}");
        assert_eq!(contexts.get(&replacing.id), Some(&context), "{backend}");
        let kinds: Vec<DecisionKind> = store
            .decisions_for_meeting(m)
            .unwrap()
            .iter()
            .map(|d| d.kind)
            .collect();
        assert_eq!(
            kinds,
            [DecisionKind::Confirm, DecisionKind::Recategorise],
            "{backend}"
        );
        assert_eq!(categories(&store, BIRCH), ["focused", "enhanced"]);
    });
}

/// Records, in meeting `m`: a note with two actions for Amberley, a deferral with one for
/// Birchwood, and a note for Cedar Lane that is revoked (its action dropped).
fn record_actions(store: &mut Store, m: i64) {
    let config = default_config();
    let mut note = new(m, AMBER, DecisionKind::Note, None, "");
    note.actions = "Attendance visit\nReport to governors".into();
    note.owner = "EWO lead".into();
    note.due = "2026-12-11".parse().ok();
    termly::meeting::record_decision(store, &config, note, at(9, 5)).unwrap();
    let mut defer = new(m, BIRCH, DecisionKind::Defer, None, "Wait for the budget");
    defer.action_lines = vec![action("Ask for the recovery plan", "SIP", "2027-01-08")];
    defer.due = "2027-01-15".parse().ok();
    termly::meeting::record_decision(store, &config, defer, at(9, 6)).unwrap();
    let mut wrong = new(m, CEDAR, DecisionKind::Note, None, "");
    wrong.action_lines = vec![action("Visit the wrong school", "SIP", "2026-12-01")];
    let wrong = termly::meeting::record_decision(store, &config, wrong, at(9, 7)).unwrap();
    termly::meeting::revoke(store, wrong.id, "Mistake", "S. Okafor", m, at(9, 8)).unwrap();
}

fn done(action_id: i64, meeting_id: i64) -> ActionChange {
    ActionChange {
        action_id,
        status: ActionStatus::Done,
        carried: false,
        note: "Sent".into(),
        by: "Clerk".into(),
        meeting_id: Some(meeting_id),
        due: None,
    }
}

#[test]
fn actions_are_set_changed_and_dropped() {
    on_each_backend("mtg_actions", |backend, mut store| {
        let m = meeting_in(&mut store);
        record_actions(&mut store, m);
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
            actions[2].due,
            "2027-01-08".parse().ok(),
            "{backend}: the action's own date, not the deferral's revisit date"
        );
        let changed = store
            .change_action(&done(actions[1].id, m), at(10, 0))
            .unwrap();
        assert_eq!(
            (
                changed.status,
                changed.note.as_str(),
                changed.changed_by.as_str()
            ),
            (ActionStatus::Done, "Sent", "Clerk"),
            "{backend}"
        );
        assert_eq!(changed.changed_at_meeting, Some(m), "{backend}");
        let again = store.change_action(&done(actions[1].id, m), at(10, 1));
        assert!(again.unwrap_err().to_string().contains("already done"));
        assert_eq!(store.actions_for_school(AMBER).unwrap().len(), 2);
        assert_eq!(store.actions_of_meeting(m).unwrap().len(), 4);
        assert_eq!(store.action(actions[3].id).unwrap(), actions[3]);
    });
}

#[test]
fn matters_arising_carry_into_the_next_meeting() {
    on_each_backend("mtg_matters", |backend, mut store| {
        let m = meeting_in(&mut store);
        record_actions(&mut store, m);
        let governors = store.actions().unwrap()[1].id;
        store.change_action(&done(governors, m), at(10, 0)).unwrap();
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
        let agenda: Vec<u32> = store
            .agenda_items(next.id)
            .unwrap()
            .iter()
            .map(|i| i.urn)
            .collect();
        assert_eq!(agenda, [BIRCH], "{backend}: the deferral is carried");
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
fn chair_and_attendee_corrections_are_recorded() {
    on_each_backend("mtg_admin", |backend, mut store| {
        let m = meeting_in(&mut store);
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
        // The day it was held, corrected after the term: the term stays.
        let held = chrono::NaiveDate::from_ymd_opt(2027, 1, 20).unwrap();
        let meeting = store.set_meeting_date(m, held, at(9, 4)).unwrap();
        assert_eq!((meeting.date, meeting.term), (held, term()), "{backend}");
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
                ("date".into(), "2026-11-23".into(), "2027-01-20".into()),
            ],
            "{backend}"
        );
    });
}

#[test]
fn an_abandoned_meeting_is_kept_but_set_aside() {
    on_each_backend("mtg_abandon", |backend, mut store| {
        let m = meeting_in(&mut store);
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
    });
}

#[test]
fn meeting_details_and_written_files_are_kept() {
    on_each_backend("mtg_details", |backend, mut store| {
        let m = meeting_in(&mut store);
        let names = ["D. Away".to_string(), " ".to_string()];
        let details = store
            .set_meeting_details(m, Some(&names), "2027-02-01".parse().ok(), at(9, 4))
            .unwrap();
        assert_eq!(details.apologies, ["D. Away"], "{backend}");
        store
            .set_meeting_details(m, None, "2027-02-08".parse().ok(), at(9, 5))
            .unwrap();
        let details = store.meeting_details(m).unwrap();
        assert_eq!(details.apologies, ["D. Away"], "{backend}: kept as it was");
        assert_eq!(details.next_meeting, "2027-02-08".parse().ok(), "{backend}");

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
fn a_comma_inside_a_name_is_one_person_in_the_store() {
    on_each_backend("mtg_commas", |backend, mut store| {
        fill(&store);
        let present = [
            "B. Officer (Finance, HR)".to_string(),
            "E. Clerk".to_string(),
        ];
        let m = store
            .open_or_resume_meeting(term(), date(), "S. Okafor", &present, at(9, 0))
            .unwrap()
            .id;
        store
            .add_attendee(m, "F. Adviser, Standards", at(9, 1))
            .unwrap();
        let apologies = [
            "C. Governor (Chair, Schools Forum)".to_string(),
            "D. Officer".to_string(),
        ];
        store
            .set_meeting_details(m, Some(&apologies), None, at(9, 2))
            .unwrap();
        // Read back as another process would.
        assert_eq!(
            store.meeting(m).unwrap().attendees,
            [
                "B. Officer (Finance, HR)",
                "E. Clerk",
                "F. Adviser, Standards"
            ],
            "{backend}"
        );
        assert_eq!(
            store.meeting_details(m).unwrap().apologies,
            apologies,
            "{backend}"
        );
    });
}
