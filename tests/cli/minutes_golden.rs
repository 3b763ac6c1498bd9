//! Golden minutes from a scripted meeting. Regenerate with `UPDATE_GOLDEN=1 cargo test
//! --test cli minutes_golden` and review the diff.

use crate::decisions_fixture::*;
use std::path::{Path, PathBuf};
use termly::config::Config;
use termly::meeting::minutes_of;
use termly::minutes::{markdown, toml_minutes};
use termly::model::DecisionKind::*;
use termly::store::Store;

/// The scripted meeting: every kind of decision, a revocation, an agenda item not reached.
pub fn scripted_meeting(store: &mut Store, cfg: &Config) -> i64 {
    let m = open_meeting(store);
    store
        .add_agenda_item(
            m,
            DAMSON,
            "New report card: leadership needs attention",
            at(9, 1),
        )
        .unwrap();
    store
        .add_agenda_item(m, CEDAR, "Enhanced past the expected exit", at(9, 1))
        .unwrap();
    let mut d = new(
        m,
        AMBER,
        Recategorise,
        Some("enhanced"),
        "Attendance has fallen for three terms.\nStandards team concerned about phonics.",
    );
    d.actions = "LaMA to agree a support plan\nOne-day review in spring".into();
    d.owner = "Adviser One".into();
    d.due = chrono::NaiveDate::from_ymd_opt(2027, 1, 29);
    d.policy_reasons =
        "attendance 3 for three terms → at least Focused\nstandards 3 → at least Enhanced".into();
    termly::meeting::record_decision(store, cfg, d, at(9, 12)).unwrap();
    let wrong = termly::meeting::record_decision(
        store,
        cfg,
        new(
            m,
            BIRCH,
            Recategorise,
            Some("intensive_a"),
            "Deficit and KS4 results",
        ),
        at(9, 20),
    )
    .unwrap();
    termly::meeting::revoke(
        store,
        wrong.id,
        "Entered against the wrong school",
        "S. Okafor",
        m,
        at(9, 22),
    )
    .unwrap();
    termly::meeting::record_decision(
        store,
        cfg,
        new(m, BIRCH, Confirm, None, "Recovery plan on track"),
        at(9, 25),
    )
    .unwrap();
    termly::meeting::record_decision(
        store,
        cfg,
        new(m, CEDAR, Defer, None, "Await the spring attendance data"),
        at(9, 31),
    )
    .unwrap();
    let mut note = new(m, BIRCH, Note, None, "");
    note.actions = "Finance to attend the next governors' meeting".into();
    note.owner = "A. Finance".into();
    note.due = chrono::NaiveDate::from_ymd_opt(2027, 2, 5);
    termly::meeting::record_decision(store, cfg, note, at(9, 40)).unwrap();
    store.close_meeting(m, at(10, 30)).unwrap();
    m
}

fn golden(name: &str, actual: &str) {
    let path: PathBuf = Path::new(env!("CARGO_MANIFEST_DIR"))
        .join("tests/golden")
        .join(name);
    if std::env::var_os("UPDATE_GOLDEN").is_some() {
        std::fs::write(&path, actual).unwrap();
        return;
    }
    let expected = std::fs::read_to_string(&path).unwrap_or_else(|e| {
        panic!(
            "{}: {e}; run with UPDATE_GOLDEN=1 to create it",
            path.display()
        )
    });
    assert_eq!(
        actual,
        expected,
        "{} differs; UPDATE_GOLDEN=1 regenerates it",
        path.display()
    );
}

#[test]
fn minutes_match_the_golden_files_and_are_deterministic() {
    let cfg = config(Path::new("."));
    let mut store = store();
    let m = scripted_meeting(&mut store, &cfg);
    let built = minutes_of(&cfg, &store, m, true).unwrap();
    let md = markdown::render(&cfg, &built);
    let toml = toml_minutes::to_toml(&built).unwrap();
    golden("minutes.md", &md);
    golden("minutes.toml", &toml);
    let again = minutes_of(&cfg, &store, m, true).unwrap();
    assert_eq!(markdown::render(&cfg, &again), md);
    assert_eq!(toml_minutes::to_toml(&again).unwrap(), toml);
}

#[test]
fn summary_counts_categories_before_and_after() {
    let cfg = config(Path::new("."));
    let mut store = store();
    let m = scripted_meeting(&mut store, &cfg);
    let s = minutes_of(&cfg, &store, m, false).unwrap().summary;
    let count = |k: &str| {
        s.categories
            .iter()
            .find(|c| c.category == k)
            .map(|c| (c.before, c.after))
            .unwrap()
    };
    assert_eq!(count("core"), (1, 0));
    assert_eq!(count("enhanced"), (1, 2));
    assert_eq!(count("focused"), (1, 1), "the revoked change is undone");
    assert_eq!(count(""), (1, 1), "Damson has no category");
    // Focused 14 a year = 14/3 a term; Enhanced 14 a term.
    assert_eq!(s.lama_hours_before, 18.67, "rounded to two decimals");
    assert_eq!(s.lama_hours_after, 32.67);
    assert_eq!((s.reviews_year_before, s.reviews_year_after), (1, 2));
    assert_eq!(s.schools_discussed, 3);
}

#[test]
fn meeting_without_decisions_exports() {
    let cfg = config(Path::new("."));
    let mut store = store();
    let m = open_meeting(&mut store);
    store
        .add_agenda_item(m, AMBER, "Composite rose a band", at(9, 1))
        .unwrap();
    let built = minutes_of(&cfg, &store, m, false).unwrap();
    let md = markdown::render(&cfg, &built);
    assert!(md.contains("0 decisions on 0 schools."), "{md}");
    assert!(
        md.contains("| Amberley Primary School | 100001 | ")
            && md.contains("added by hand: Composite rose a band |"),
        "{md}"
    );
    assert!(md.contains("- Closed: not closed"), "{md}");
    assert!(!md.contains("## Recategorised"));
    let back = toml_minutes::from_toml(&toml_minutes::to_toml(&built).unwrap(), "t").unwrap();
    assert_eq!(back, built);
}

#[test]
fn unknown_meeting_is_a_clear_error() {
    let cfg = config(Path::new("."));
    let store = store();
    let err = minutes_of(&cfg, &store, 42, false).unwrap_err().to_string();
    assert_eq!(err, "there is no meeting #42");
}

#[test]
fn version_1_minutes_are_still_read_and_checked() {
    let cfg = config(Path::new("."));
    let mut store = store();
    scripted_meeting(&mut store, &cfg);
    let dir = tempfile::tempdir().unwrap();
    let v1 = Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/golden/minutes-v1.toml");
    let text = std::fs::read_to_string(&v1).unwrap();
    assert!(text.contains("format_version = 1"));
    let diffs = termly::meeting::check_minutes_file(&cfg, &store, &v1).unwrap();
    assert!(diffs.is_empty(), "{diffs:?}");
    let tampered = dir.path().join("v1.toml");
    std::fs::write(
        &tampered,
        text.replace("Recovery plan on track", "Recovery plan agreed"),
    )
    .unwrap();
    let diffs = termly::meeting::check_minutes_file(&cfg, &store, &tampered).unwrap();
    assert!(
        diffs
            .iter()
            .any(|d| d.starts_with("decision #4: rationale")),
        "{diffs:?}"
    );
}

#[test]
fn version_2_checks_actions_deferrals_and_the_agenda_not_reached() {
    let cfg = config(Path::new("."));
    let mut store = store();
    let m = scripted_meeting(&mut store, &cfg);
    let toml = toml_minutes::to_toml(&minutes_of(&cfg, &store, m, false).unwrap()).unwrap();
    let dir = tempfile::tempdir().unwrap();
    let check = |text: &str| {
        let path = dir.path().join("m.toml");
        std::fs::write(&path, text).unwrap();
        termly::meeting::check_minutes_file(&cfg, &store, &path).unwrap()
    };
    assert!(check(&toml).is_empty());
    let cases = [
        (
            "owner = \"A. Finance\"",
            "owner = \"Someone else\"",
            "action 3:",
        ),
        (
            "reason = \"Await the spring attendance data\"",
            "reason = \"Later\"",
            "deferral: decision 5:",
        ),
        (
            "added by hand: New report card",
            "added by hand: Old report",
            "not reached: URN 100004:",
        ),
        ("revoked = 1", "revoked = 0", "summary:"),
        (
            "marking = \"OFFICIAL-SENSITIVE\"",
            "marking = \"OFFICIAL\"",
            "circulation:",
        ),
    ];
    for (from, to, said) in cases {
        assert!(toml.contains(from), "{from} not in {toml}");
        let diffs = check(&toml.replacen(from, to, 1));
        assert!(
            diffs.iter().any(|d| d.starts_with(said)),
            "{said}: {diffs:?}"
        );
    }
}
