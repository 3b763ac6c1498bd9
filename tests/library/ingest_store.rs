//! Writing imports: one transaction, unchanged files skipped, changed score files replace
//! their team-term and are logged, and a bad file leaves the database row-for-row unchanged.

use crate::ingest_support::*;
use std::collections::HashSet;
use termly::import::{apply as apply_import, import_all, FileStatus, ImportError, ImportSummary};
use termly::ingest::{parse_all, ImportOptions};
use termly::store::{load_dataset, Store};

/// Every row of every table the importer writes, as text.
fn dump(store: &Store) -> Vec<String> {
    let mut out = Vec::new();
    for (table, order) in [
        ("schools", "urn"),
        ("inspections", "urn, date"),
        ("category_history", "id"),
        ("scores", "term, team, urn"),
        ("indicators", "term, team, urn, name"),
        ("imports", "id"),
    ] {
        let mut stmt = store
            .test_connection()
            .prepare(&format!("SELECT * FROM {table} ORDER BY {order}"))
            .unwrap();
        let n = stmt.column_count();
        let mut rows = stmt.query([]).unwrap();
        while let Some(r) = rows.next().unwrap() {
            let cells: Vec<String> = (0..n)
                .map(|i| format!("{:?}", r.get_ref(i).unwrap()))
                .collect();
            out.push(format!("{table}: {}", cells.join(" | ")));
        }
    }
    out
}

fn count(store: &Store, sql: &str) -> i64 {
    store
        .test_connection()
        .query_row(sql, [], |r| r.get(0))
        .unwrap()
}

fn import(b: &Borough, store: &mut Store) -> Result<ImportSummary, ImportError> {
    import_all(
        &b.config(),
        store,
        &ImportOptions::default(),
        &termly::clock::FakeClock::default(),
    )
}

#[test]
fn first_import_writes_everything() {
    let b = Borough::new();
    let mut store = Store::open_in_memory().unwrap();
    let summary = import(&b, &mut store).unwrap();
    assert_eq!(summary.imported(), 5);
    assert_eq!(summary.category_changes, 2);
    assert_eq!(count(&store, "SELECT count(*) FROM schools"), 3);
    assert_eq!(count(&store, "SELECT count(*) FROM scores"), 6);
    assert_eq!(count(&store, "SELECT count(*) FROM indicators"), 3);
    assert_eq!(count(&store, "SELECT count(*) FROM imports"), 5);

    let config = b.config();
    let teams = config.team_keys();
    let data = load_dataset(&store, &teams).unwrap();
    assert_eq!(data.terms.len(), 1);
    assert_eq!(data.score(0, 2, 1), Some(4), "hr for the special school");
    assert_eq!(data.score(0, 2, 0), None, "indicators only");
    assert_eq!(data.terms[0].indicators_for(2, 0)[0].value, -6.0);
    assert_eq!(
        data.category_at(1, data.terms[0].term).unwrap().category,
        "enhanced"
    );
    assert_eq!(data.schools[1].lama.as_deref(), Some("Adviser Three"));
    assert_eq!(data.latest_inspection(1).unwrap().short(), "RC·N");
}

#[test]
fn reimporting_unchanged_files_changes_nothing() {
    let b = Borough::new();
    let mut store = Store::open_in_memory().unwrap();
    import(&b, &mut store).unwrap();
    let before = dump(&store);
    let summary = import(&b, &mut store).unwrap();
    assert_eq!(summary.imported(), 0);
    assert_eq!(summary.unchanged(), 5);
    assert!(summary
        .files
        .iter()
        .all(|f| f.status == FileStatus::Unchanged));
    assert_eq!(dump(&store), before);
}

#[test]
fn a_changed_score_file_replaces_that_team_term_and_is_logged() {
    let b = Borough::new();
    let mut store = Store::open_in_memory().unwrap();
    import(&b, &mut store).unwrap();
    b.write(
        "scores/2026-27-autumn/hr.csv",
        "urn,score,comment\n100002,3,Revised\n",
    );
    let summary = import(&b, &mut store).unwrap();
    let changed: Vec<_> = summary
        .files
        .iter()
        .filter(|f| f.status == FileStatus::Imported)
        .collect();
    assert_eq!(changed.len(), 1);
    assert_eq!(changed[0].team.as_deref(), Some("hr"));
    assert_eq!(
        count(&store, "SELECT count(*) FROM scores WHERE team = 'hr'"),
        1,
        "old rows of the team-term are gone"
    );
    assert_eq!(
        count(
            &store,
            "SELECT score FROM scores WHERE team = 'hr' AND urn = 100002"
        ),
        3
    );
    assert_eq!(
        count(&store, "SELECT count(*) FROM scores WHERE team = 'finance'"),
        3
    );
    assert_eq!(
        count(&store, "SELECT count(*) FROM imports WHERE team = 'hr'"),
        2
    );
    assert_eq!(
        count(
            &store,
            "SELECT rows FROM imports WHERE team = 'hr' ORDER BY id DESC LIMIT 1"
        ),
        1
    );
    let hashes: HashSet<String> = store
        .test_connection()
        .prepare("SELECT hash FROM imports WHERE team = 'hr'")
        .unwrap()
        .query_map([], |r| r.get(0))
        .unwrap()
        .map(Result::unwrap)
        .collect();
    assert_eq!(hashes.len(), 2);
}

#[test]
fn one_bad_file_leaves_the_database_unchanged() {
    let b = Borough::new();
    let mut store = Store::open_in_memory().unwrap();
    import(&b, &mut store).unwrap();
    let before = dump(&store);
    // A good change and a bad one together: neither is written.
    b.write(
        "scores/2026-27-autumn/hr.csv",
        "urn,score,comment\n100002,3,Revised\n",
    );
    b.write("scores/2026-27-spring/finance.csv", FINANCE);
    b.write("register.csv", REGISTER.replace("Amberley", "Renamed"));
    b.write("scores/2026-27-autumn/finance.csv", "urn,score\n100001,9\n");
    match import(&b, &mut store) {
        Err(ImportError::Invalid(p)) => assert_eq!(p.len(), 1, "{p}"),
        other => panic!("expected problems, got {other:?}"),
    }
    assert_eq!(dump(&store), before);
}

#[test]
fn a_failed_write_rolls_back_the_whole_transaction() {
    let b = Borough::new();
    let mut store = Store::open_in_memory().unwrap();
    let before = dump(&store);
    // Told the URN exists (as if in the database), the parse passes; the foreign key then
    // fails late in the write, after the register and earlier files were written.
    b.write("scores/2026-27-autumn/hr.csv", format!("{HR}100999,2,\n"));
    let parsed = parse_all(
        &b.config(),
        &ImportOptions::default(),
        Some(&[100999].into()),
    )
    .unwrap();
    let err = apply_import(&mut store, &parsed, "2026-11-01T09:00:00+00:00").unwrap_err();
    assert!(err.to_string().contains("FOREIGN KEY"), "{err}");
    assert_eq!(dump(&store), before);
}

#[test]
fn register_updates_and_keeps_schools_no_longer_listed() {
    let b = Borough::new();
    let mut store = Store::open_in_memory().unwrap();
    import(&b, &mut store).unwrap();
    let register: String = REGISTER
        .lines()
        .filter(|l| !l.starts_with("100003"))
        .map(|l| {
            format!(
                "{}\n",
                l.replace("Amberley Primary School", "Amberley Primary")
            )
        })
        .collect();
    b.write("register.csv", register);
    b.remove("scores/2026-27-autumn/finance.csv");
    b.write("scores/2026-27-autumn/hr.csv", "urn,score\n100001,1\n");
    import(&b, &mut store).unwrap();
    let name: String = store
        .test_connection()
        .query_row("SELECT name FROM schools WHERE urn = 100001", [], |r| {
            r.get(0)
        })
        .unwrap();
    assert_eq!(name, "Amberley Primary");
    assert_eq!(count(&store, "SELECT count(*) FROM schools"), 3);
    assert_eq!(
        count(&store, "SELECT count(*) FROM schools WHERE sip IS NOT NULL"),
        2,
        "support details survive a register import"
    );
}

#[test]
fn support_adds_history_only_for_new_later_categories() {
    let b = Borough::new();
    let mut store = Store::open_in_memory().unwrap();
    import(&b, &mut store).unwrap();
    // 100001 moves to focused; 100002's row goes back in time (stale): not applied.
    b.write(
        "support.csv",
        "urn,category,since,sip,lama\n100001,focused,2026-01-05,Adviser Four,Adviser One\n100002,core,2020-09-01,Adviser Two,\n",
    );
    let summary = import(&b, &mut store).unwrap();
    assert_eq!(summary.category_changes, 1);
    assert_eq!(count(&store, "SELECT count(*) FROM category_history"), 3);
    let latest: String = store
        .test_connection()
        .query_row(
            "SELECT category FROM category_history WHERE urn = 100001 ORDER BY id DESC LIMIT 1",
            [],
            |r| r.get(0),
        )
        .unwrap();
    assert_eq!(latest, "focused");
    let sip: String = store
        .test_connection()
        .query_row("SELECT sip FROM schools WHERE urn = 100001", [], |r| {
            r.get(0)
        })
        .unwrap();
    assert_eq!(sip, "Adviser Four");
}

#[test]
fn scores_may_name_schools_already_in_the_database() {
    let b = Borough::new();
    let mut store = Store::open_in_memory().unwrap();
    import(&b, &mut store).unwrap();
    // 100003 leaves the register, but last term's file still scores it.
    let register: String = REGISTER
        .lines()
        .filter(|l| !l.starts_with("100003"))
        .map(|l| format!("{l}\n"))
        .collect();
    b.write("register.csv", register);
    import(&b, &mut store).unwrap();
    assert_eq!(
        count(&store, "SELECT count(*) FROM scores WHERE urn = 100003"),
        2
    );
}

#[test]
fn file_database_round_trip() {
    let b = Borough::new();
    let path = b.path("termly.db");
    {
        let mut store = Store::open(&path).unwrap();
        import(&b, &mut store).unwrap();
    }
    let mut store = Store::open(&path).unwrap();
    let summary = import(&b, &mut store).unwrap();
    assert_eq!(summary.imported(), 0);
}

#[test]
fn naming_files_imports_only_those_checked_against_the_database() {
    let b = Borough::new();
    let mut store = Store::open_in_memory().unwrap();
    import(&b, &mut store).unwrap();
    b.write(
        "new/2026-27-spring/standards.csv",
        "urn,score\n100001,2\n100003,4\n",
    );
    b.write("register.csv", "this file is not read");
    let opts = ImportOptions {
        scores: Some(b.path("new")),
        ..Default::default()
    };
    let summary = import_all(
        &b.config(),
        &mut store,
        &opts,
        &termly::clock::FakeClock::default(),
    )
    .unwrap();
    assert_eq!(summary.files.len(), 1);
    assert_eq!(summary.files[0].kind, "scores");
    assert_eq!(
        count(
            &store,
            "SELECT count(*) FROM scores WHERE team = 'standards'"
        ),
        2
    );
    // URNs are still checked, against the schools in the database.
    b.write("new/2026-27-spring/standards.csv", "urn,score\n100555,2\n");
    match import_all(
        &b.config(),
        &mut store,
        &opts,
        &termly::clock::FakeClock::default(),
    ) {
        Err(ImportError::Invalid(p)) => {
            assert!(p.to_string().contains("100555 is not on the register"))
        }
        other => panic!("{other:?}"),
    }
}

#[test]
fn the_packs_an_import_writes_match_its_rows_and_the_stale_triggers_come_back() {
    let b = Borough::new();
    let mut store = Store::open_in_memory().unwrap();
    import(&b, &mut store).unwrap();
    // A re-import of a changed file lifts and restores the triggers too.
    b.write(
        "scores/2026-27-autumn/hr.csv",
        "urn,score,comment\n100002,3,Revised\n",
    );
    import(&b, &mut store).unwrap();
    assert_eq!(
        count(&store, "SELECT count(*) FROM score_packs_stale"),
        0,
        "every pair the imports wrote is packed"
    );
    assert_eq!(
        count(
            &store,
            "SELECT count(*) FROM sqlite_master WHERE type = 'trigger' AND name LIKE '%stale%'"
        ),
        6,
        "the stale triggers are back after the import"
    );
    let teams = b.config().team_keys();
    let from_packs = load_dataset(&store, &teams).unwrap();
    // Force every pair to be read from its rows: the same data must come back.
    store
        .test_connection()
        .execute_batch(
            "INSERT OR IGNORE INTO score_packs_stale (term, team) SELECT DISTINCT term, team FROM scores;
             INSERT OR IGNORE INTO score_packs_stale (term, team) SELECT DISTINCT term, team FROM indicators;",
        )
        .unwrap();
    let from_rows = load_dataset(&store, &teams).unwrap();
    assert_eq!(from_packs, from_rows);
    // And a direct write after the import still marks its pair stale.
    store
        .test_connection()
        .execute_batch(
            "DELETE FROM score_packs_stale; UPDATE scores SET score = 4 WHERE team = 'hr'",
        )
        .unwrap();
    assert_eq!(count(&store, "SELECT count(*) FROM score_packs_stale"), 1);
}
