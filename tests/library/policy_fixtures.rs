//! The Wrenfield fixtures (fixtures/STORIES.md), imported into a fresh database: each story
//! reaches the agenda for the reason it was written to show.

use std::path::Path;
use termly::config::Config;
use termly::import::import_all;
use termly::ingest::ImportOptions;
use termly::policy::{assess_term, SuggestionKind, TermAssessment};
use termly::store::{load_dataset, Store};

fn assessed() -> (termly::dataset::Dataset, TermAssessment) {
    let dir = tempfile::tempdir().unwrap();
    let mut config =
        Config::default_with_base(&Path::new(env!("CARGO_MANIFEST_DIR")).join("config")).unwrap();
    config.data.database = dir.path().join("t.db");
    let mut store = Store::open(&config.database_path()).unwrap();
    import_all(
        &config,
        &mut store,
        &ImportOptions::default(),
        &termly::clock::FakeClock::default(),
    )
    .unwrap();
    let teams = config.team_keys();
    let data = load_dataset(&store, &teams).unwrap();
    let last = data.terms.len() - 1;
    assert_eq!(data.terms[last].term.key(), "2026-27-autumn");
    let today = chrono::NaiveDate::from_ymd_opt(2026, 11, 23).unwrap();
    let t = assess_term(&config, &data, last, today);
    (data, t)
}

/// The agenda lines (agenda reasons then rule sentences) of one school, which must be on it.
fn lines(data: &termly::dataset::Dataset, t: &TermAssessment, urn: u32) -> Vec<String> {
    let i = data.school_index(urn).unwrap();
    assert!(t.agenda.contains(&i), "{urn} is not on the agenda");
    let a = &t.schools[i];
    a.agenda
        .iter()
        .map(|r| r.text.clone())
        .chain(a.reasons.iter().map(|r| r.sentence.clone()))
        .collect()
}

#[test]
fn every_story_is_on_the_agenda_for_its_reason() {
    let (data, t) = assessed();
    // (story, URN, words one line must contain)
    let stories: [(&str, u32, &[&str]); 9] = [
        (
            "a. attendance sliding",
            100007,
            &["Attendance 4 (severe)", "PA 31.4%"],
        ),
        (
            "b. growing deficit",
            100010,
            &["Finance 4 (severe)", "Balance -7.1%"],
        ),
        (
            "c. just inspected RI",
            100059,
            &[
                "new inspection 14 Oct 2026",
                "Ofsted grade 3 on 14 Oct 2026 → at least Enhanced",
            ],
        ),
        (
            "d. intensive A, improving",
            100015,
            &["terms in Intensive A", "composite down a band"],
        ),
        (
            "e. enhanced past exit",
            100095,
            &["10 terms in Enhanced (expected exit by Aug 2025)"],
        ),
        (
            "f. safeguarding not met",
            100110,
            &["safeguarding not met (report card 8 Oct 2026)"],
        ),
        (
            "g. special measures",
            100022,
            &[
                "Ofsted special measures on 11 Mar 2026",
                "Standards 4 (severe)",
            ],
        ),
        (
            "h. focused for long, low risk",
            100014,
            &["all teams ≤ 2 for 3 terms → consider a step down to Core"],
        ),
        (
            "i. awkward names",
            100029,
            &["consider a step down to Core"],
        ),
    ];
    for (story, urn, wants) in stories {
        let got = lines(&data, &t, urn);
        for w in wants {
            assert!(
                got.iter().any(|l| l.contains(w)),
                "{story}: no line has {w:?}: {got:#?}"
            );
        }
    }
    let sugg = |urn: u32| {
        t.schools[data.school_index(urn).unwrap()]
            .suggestion
            .as_ref()
            .map(|s| (s.kind, s.category.clone()))
    };
    assert_eq!(
        sugg(100110),
        Some((SuggestionKind::AtLeast, "intensive_b".into()))
    );
    assert_eq!(
        sugg(100022),
        Some((SuggestionKind::AtLeast, "intensive_b".into()))
    );
    assert_eq!(
        sugg(100014),
        Some((SuggestionKind::StepDown, "core".into()))
    );
    assert_eq!(
        sugg(100007),
        Some((SuggestionKind::AtLeast, "focused_tas".into()))
    );
    // Every story is for decision, and the list for decision fits a two-hour meeting.
    for (story, urn, _) in stories {
        let i = data.school_index(urn).unwrap();
        assert!(
            t.schools[i].for_decision(),
            "{story} is only for information"
        );
    }
    let for_decision = t.agenda.iter().filter(|i| t.schools[**i].for_decision());
    let count = for_decision.count();
    assert!(
        (10..=20).contains(&count),
        "{count} schools for decision, not 10 to 20"
    );
    // The most urgent items come first: the two schools causing concern lead.
    let first: Vec<u32> = t.agenda[..2].iter().map(|i| data.schools[*i].urn).collect();
    assert!(first.contains(&100110), "{first:?}");
}
