//! A team's indicators from several files for one term: its own scores file and sources.
//! A team's score wins over a banded indicator, the detail pane's per-school read shows
//! every indicator, and re-importing one file replaces only what that file gave.

use std::path::Path;
use termly::config::Config;
use termly::import::{import_all, import_source, FileStatus};
use termly::ingest::indicators::SourceSpec;
use termly::ingest::ImportOptions;
use termly::store::school::school_scores;
use termly::store::{load_dataset, Store};

fn write(dir: &Path, name: &str, text: &str) -> std::path::PathBuf {
    let path = dir.join(name);
    std::fs::create_dir_all(path.parent().unwrap()).unwrap();
    std::fs::write(&path, text).unwrap();
    path
}

fn absence(dir: &Path) -> SourceSpec {
    SourceSpec {
        name: "absence".into(),
        team: "attendance".into(),
        file: dir.join("abs.csv"),
        urn_column: "URN".into(),
        la_column: Some("LA".into()),
        la_column_required: false,
        la: Some("901".into()),
        columns: vec![("persistent_absence_pct".into(), "PPERSABS10".into())],
        sheet: None,
    }
}

#[test]
fn a_team_score_wins_and_every_file_keeps_its_own_indicators() {
    let dir = tempfile::tempdir().unwrap();
    let d = dir.path();
    let config = Config::default_with_base(d).unwrap();
    let mut store = Store::open_in_memory().unwrap();
    let register = write(
        d,
        "register.csv",
        "urn,name,phase,establishment_type\n100001,Alder Primary,primary,Community school\n100002,Birch Primary,primary,Community school\n",
    );
    let scores = d.join("scores");
    write(
        d,
        "scores/2025-26-autumn/attendance.csv",
        "urn,score,comment,overall_absence_pct\n100001,Amber/Red,,6.1\n",
    );
    let opts = ImportOptions {
        register: Some(register),
        scores: Some(scores.clone()),
        ..ImportOptions::default()
    };
    import_all(
        &config,
        &mut store,
        &opts,
        &termly::clock::FakeClock::default(),
    )
    .unwrap();
    write(
        d,
        "abs.csv",
        "LA,ESTAB,URN,PERCTOT,PPERSABS10\n901,2001,100001,5,\"12.5%\"\n901,2002,100002,7,31.0\n902,2003,100003,1,1\nNAT,PRI,,4,8.2\n",
    );
    let term = "2025-26 autumn".parse().unwrap();
    let summary = import_source(
        &config,
        &mut store,
        &absence(d),
        term,
        &termly::clock::FakeClock::default(),
    )
    .unwrap();
    let note = summary.files[0].note.clone().unwrap();
    assert!(
        note.contains(
            "of the 2 schools on the register: persistent_absence_pct 2 with a value, 0 no value"
        ),
        "{note}"
    );
    assert!(
        note.contains("1 with no URN (summary rows), 1 in other authorities"),
        "{note}"
    );

    let teams: Vec<String> = config.teams.iter().map(|t| t.key.clone()).collect();
    let attendance = config.team_index("attendance").unwrap();
    let data = load_dataset(&store, &teams).unwrap();
    let t = data.term_index(term).unwrap();
    // Alder: the team's "Amber/Red" (3) stands; Birch: banded from PA 31% (4).
    assert_eq!(data.score(t, 0, attendance), Some(3));
    assert_eq!(data.score(t, 1, attendance), None);
    let policy_view = termly::policy::assess_term(
        &config,
        &data,
        t,
        chrono::NaiveDate::from_ymd_opt(2025, 11, 1).unwrap(),
    );
    let birch = &policy_view.schools[1];
    assert_eq!(birch.scores[attendance].as_ref().map(|s| s.value), Some(4));

    let alder = school_scores(&store, 100001).unwrap();
    assert_eq!(
        alder[0].indicators,
        vec![
            ("overall_absence_pct".to_string(), 6.1),
            ("persistent_absence_pct".to_string(), 12.5)
        ]
    );

    // A revised team file replaces the team's own values only.
    write(
        d,
        "scores/2025-26-autumn/attendance.csv",
        "urn,score,comment\n100001,2,better\n",
    );
    let opts = ImportOptions {
        scores: Some(scores),
        ..ImportOptions::default()
    };
    import_all(
        &config,
        &mut store,
        &opts,
        &termly::clock::FakeClock::default(),
    )
    .unwrap();
    let alder = school_scores(&store, 100001).unwrap();
    assert_eq!(
        alder[0].indicators,
        vec![("persistent_absence_pct".to_string(), 12.5)]
    );
    assert_eq!(alder[0].score, Some(2));

    // The unchanged source does nothing.
    let again = import_source(
        &config,
        &mut store,
        &absence(d),
        term,
        &termly::clock::FakeClock::default(),
    )
    .unwrap();
    assert_eq!(again.files[0].status, FileStatus::Unchanged);
}
