//! The meeting service and the one agenda: what the screen, `termly decide` and
//! `termly export` share.

use crate::decisions_fixture::*;
use termly::clock::FakeClock;
use termly::meeting::{meeting_agenda, minutes_of, policy_reasons, MeetingService};
use termly::model::DecisionKind::*;
use termly::model::NewDecision;
use termly::policy::{assess_term, TermAssessment};
use termly::store::{load_dataset, Store};

fn assessed(
    store: &Store,
    cfg: &termly::config::Config,
) -> (termly::dataset::Dataset, TermAssessment) {
    let data = load_dataset(store, &cfg.team_keys()).unwrap();
    let i = data.term_index(term()).unwrap();
    let assessment = assess_term(cfg, &data, i, date());
    (data, assessment)
}

#[test]
fn a_decision_is_recorded_with_the_policys_reasons_and_the_chair_by_default() {
    let dir = tempfile::tempdir().unwrap();
    let cfg = config(&dir.path().join("config"));
    let mut store = store();
    // Graded 3 by Ofsted: the policy suggests at least Enhanced, and says why.
    store
        .test_connection()
        .execute(
            "INSERT INTO inspections (urn, date, kind, grade) VALUES (?1, '2026-10-01', 'legacy', 3)",
            [BIRCH],
        )
        .unwrap();
    let (data, assessment) = assessed(&store, &cfg);
    let expected = policy_reasons(&data, &assessment, BIRCH);
    assert!(expected.contains("Ofsted grade 3"), "{expected}");

    let clock = FakeClock::at(at(9, 30));
    let mut service = MeetingService::new(&cfg, &mut store, &clock);
    let opened = service
        .open_or_resume(term(), date(), "S. Okafor", &[])
        .unwrap();
    assert!(!opened.resumed);
    let mut decision = new(0, BIRCH, Confirm, None, "Holding steady");
    decision.recorded_by.clear();
    let saved = service
        .record(&opened.meeting, decision, &data, &assessment)
        .unwrap();
    assert_eq!(saved.policy_reasons, expected);
    assert_eq!(saved.recorded_by, "S. Okafor");
    assert_eq!(saved.recorded_at, "2026-11-23T09:30:00+00:00");

    // A revocation goes through the same door.
    let undo = NewDecision {
        urn: BIRCH,
        kind: Some(Revoke),
        rationale: "Wrong school".into(),
        revokes: Some(saved.id),
        ..NewDecision::default()
    };
    let revoked = service
        .record(&opened.meeting, undo, &data, &assessment)
        .unwrap();
    assert_eq!(revoked.revokes, Some(saved.id));
    assert_eq!(revoked.kind, Revoke);
}

#[test]
fn closing_a_meeting_writes_its_minutes() {
    let dir = tempfile::tempdir().unwrap();
    let cfg = config(&dir.path().join("config"));
    let mut store = store();
    let (data, assessment) = assessed(&store, &cfg);
    let clock = FakeClock::at(at(10, 0));
    let mut service = MeetingService::new(&cfg, &mut store, &clock);
    let meeting = service
        .open_or_resume(term(), date(), "S. Okafor", &[])
        .unwrap()
        .meeting;
    service
        .record(
            &meeting,
            new(0, AMBER, Confirm, None, "Fine"),
            &data,
            &assessment,
        )
        .unwrap();
    let closed = service.close(meeting.id).unwrap();
    assert!(closed.meeting.closed_at.is_some());
    let (md, toml) = closed.minutes.expect("minutes written");
    let (md, toml) = (md.path, toml.path);
    assert!(md.starts_with(dir.path()), "{}", md.display());
    let text = std::fs::read_to_string(&md).unwrap();
    assert!(text.contains("Amberley Primary School"), "{text}");
    assert!(toml.exists());
    // The files hold what the export command prints.
    let built = minutes_of(&cfg, &store, meeting.id, false).unwrap();
    assert_eq!(text, termly::minutes::markdown::render(&cfg, &built));
}

#[test]
fn the_agenda_is_the_policys_then_the_hand_added_and_keeps_the_rooms_order() {
    let dir = tempfile::tempdir().unwrap();
    let cfg = config(&dir.path().join("config"));
    let mut store = store();
    let m = open_meeting(&mut store);
    let (data, assessment) = assessed(&store, &cfg);
    let policy: Vec<usize> = assessment.agenda.clone();
    let cedar = data.school_index(CEDAR).unwrap();
    assert!(
        !policy.contains(&cedar),
        "Cedar Lane is not on the policy's agenda"
    );
    store
        .add_agenda_item(m, CEDAR, "Asked by the finance team", at(9, 1))
        .unwrap();
    let items = store.agenda_items(m).unwrap();

    let agenda = meeting_agenda(&data, &assessment, &items, &[]);
    // Damson has no category yet: it is one of the categories to establish, not an item.
    let damson = data.school_index(DAMSON).unwrap();
    let mut expected: Vec<usize> = policy.iter().copied().filter(|&i| i != damson).collect();
    assert!(policy.contains(&damson));
    expected.push(cedar);
    assert_eq!(agenda.order(), expected);
    let last = agenda.entries.last().unwrap();
    assert_eq!(last.summary(), "Asked by the finance team");
    assert_eq!(
        last.reasons()[0].text,
        "added by hand: Asked by the finance team"
    );

    // A decision marks the school decided; the order the room first saw is kept even when
    // the policy's own order would differ.
    let d = termly::meeting::record_decision(
        &mut store,
        &cfg,
        new(m, CEDAR, Confirm, None, "Fine"),
        at(9, 2),
    )
    .unwrap();
    let mut reordered = meeting_agenda(&data, &assessment, &items, &[d]);
    assert!(reordered.is_decided(cedar));
    assert_eq!(reordered.recorded, 1);
    let previous: Vec<u32> = expected
        .iter()
        .rev()
        .map(|&i| data.schools[i].urn)
        .collect();
    reordered.keep_order(&previous, &data);
    let mut walked = expected.clone();
    walked.reverse();
    assert_eq!(reordered.order(), walked);
}
