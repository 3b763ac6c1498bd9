//! The data side of the store on both backends: the bundled borough imported into a SQLite
//! file and into PostgreSQL loads the same dataset; re-importing unchanged files writes
//! nothing; a failed import leaves nothing behind; score packs are used and refreshed.

use crate::backends::on_each_backend;
use std::path::{Path, PathBuf};
use termly::config::Config;
use termly::dataset::Dataset;
use termly::import::{apply as apply_import, import_all, import_source, ImportSummary};
use termly::ingest::indicators::SourceSpec;
use termly::ingest::{parse_all, ImportOptions};
use termly::model::ScoreRow;
use termly::store::db::Value;
use termly::store::{load_dataset, Store};

const LATEST: &str = "2026-27-autumn";

/// The shipped config, reading a copy of the bundled borough in `dir` (so a test may
/// change a file), with its database beside it.
fn fixtures_config(dir: &Path) -> Config {
    let root = Path::new(env!("CARGO_MANIFEST_DIR"));
    copy_dir(&root.join("fixtures"), &dir.join("fixtures"));
    let mut config = Config::default_with_base(&root.join("config")).unwrap();
    let copy = dir.join("fixtures");
    config.data.register = Some(copy.join("register.csv"));
    config.data.support = Some(copy.join("support.csv"));
    config.data.inspections = Some(copy.join("inspections.csv"));
    config.data.scores = Some(copy.join("scores"));
    config.data.database = dir.join("t.db");
    config
}

fn copy_dir(from: &Path, to: &Path) {
    std::fs::create_dir_all(to).unwrap();
    for entry in std::fs::read_dir(from).unwrap() {
        let path = entry.unwrap().path();
        let dest = to.join(path.file_name().unwrap());
        if path.is_dir() {
            copy_dir(&path, &dest);
        } else {
            std::fs::copy(&path, &dest).unwrap();
        }
    }
}

fn import(config: &Config, store: &mut Store) -> ImportSummary {
    import_all(
        config,
        store,
        &ImportOptions::default(),
        &termly::clock::FakeClock::default(),
    )
    .unwrap()
}

fn load(config: &Config, store: &Store) -> Dataset {
    load_dataset(store, &config.team_keys()).unwrap()
}

fn count(store: &Store, table: &str) -> i64 {
    store
        .test_db()
        .value(&format!("SELECT count(*) FROM {table}"), &[])
        .unwrap()
}

/// Every row of every table an import writes, as text.
fn dump(store: &Store) -> Vec<String> {
    let mut out = Vec::new();
    for (table, order) in [
        ("schools", "urn"),
        ("inspections", "urn, date"),
        ("category_history", "id"),
        ("scores", "term, team, urn"),
        ("indicators", "term, team, urn, name"),
        ("imports", "id"),
        ("score_packs", "term, team"),
        ("score_packs_stale", "term, team"),
    ] {
        let sql = format!("SELECT * FROM {table} ORDER BY {order}");
        store
            .test_db()
            .for_each(&sql, &[], |r| {
                let cells: Vec<String> = (0..r.len())
                    .map(|i| format!("{:?}", r.get::<Value>(i).unwrap()))
                    .collect();
                out.push(format!("{table}: {}", cells.join(" | ")));
                Ok(())
            })
            .unwrap();
    }
    out
}

/// Every school's score for one team in one term, by URN, as the loader sees it.
fn scores_of(data: &Dataset, term: &str, team: usize) -> Vec<(u32, Option<u8>)> {
    let t = data.term_index(term.parse().unwrap()).unwrap();
    (0..data.schools.len())
        .map(|i| (data.schools[i].urn, data.score(t, i, team)))
        .collect()
}

fn reference() -> Dataset {
    let dir = tempfile::tempdir().unwrap();
    let config = fixtures_config(dir.path());
    let mut store = Store::open_in_memory().unwrap();
    import(&config, &mut store);
    load(&config, &store)
}

#[test]
fn the_bundled_borough_loads_the_same_dataset_on_both_backends() {
    let expected = reference();
    // The reference is the whole borough, not an empty shell.
    assert_eq!(expected.schools.len(), 70);
    assert_eq!(expected.terms.len(), 7);
    assert_eq!(expected.terms.last().unwrap().term.key(), LATEST);
    assert!(expected.inspections.iter().any(|i| !i.is_empty()));
    assert!(expected.categories.iter().all(|c| !c.is_empty()));
    assert!(expected.terms.iter().any(|t| !t.indicators.is_empty()));
    on_each_backend("dataset", |backend, mut store| {
        let dir = tempfile::tempdir().unwrap();
        let config = fixtures_config(dir.path());
        import(&config, &mut store);
        let data = load(&config, &store);
        assert_eq!(data.schools, expected.schools, "{backend}: schools");
        assert_eq!(
            data.inspections, expected.inspections,
            "{backend}: inspections"
        );
        assert_eq!(
            data.categories, expected.categories,
            "{backend}: categories"
        );
        assert_eq!(data.terms.len(), expected.terms.len(), "{backend}: terms");
        for (got, want) in data.terms.iter().zip(&expected.terms) {
            assert_eq!(got.term, want.term, "{backend}");
            assert_eq!(got.scores, want.scores, "{backend}: {} scores", want.term);
            assert_eq!(
                got.indicators, want.indicators,
                "{backend}: {} indicators",
                want.term
            );
        }
        assert_eq!(data, expected, "{backend}");
    });
}

#[test]
fn reimporting_unchanged_files_writes_nothing_on_both_backends() {
    on_each_backend("unchanged", |backend, mut store| {
        let dir = tempfile::tempdir().unwrap();
        let config = fixtures_config(dir.path());
        let first = import(&config, &mut store);
        assert!(first.imported() > 3, "{backend}: {first:?}");
        let before = dump(&store);
        let again = import(&config, &mut store);
        assert_eq!(again.imported(), 0, "{backend}: {again:?}");
        assert_eq!(again.unchanged(), first.imported(), "{backend}");
        assert_eq!(dump(&store), before, "{backend}");
    });
}

#[test]
fn a_failed_import_leaves_nothing_written_on_both_backends() {
    on_each_backend("failed", |backend, mut store| {
        let dir = tempfile::tempdir().unwrap();
        let config = fixtures_config(dir.path());
        let before = dump(&store);
        // Told the URN exists, the parse passes; its foreign key then fails in the last
        // file written, after the register and every other file.
        let mut parsed =
            parse_all(&config, &ImportOptions::default(), Some(&[100999].into())).unwrap();
        parsed.scores.last_mut().unwrap().rows.push(ScoreRow {
            urn: 100999,
            score: Some(2),
            comment: String::new(),
            indicators: vec![("late".into(), 1.0)],
        });
        let err = apply_import(&mut store, &parsed, "2026-11-01T09:00:00+00:00")
            .unwrap_err()
            .to_string();
        assert!(
            err.to_lowercase().contains("foreign key"),
            "{backend}: {err}"
        );
        assert_eq!(dump(&store), before, "{backend}");
        // The connection is usable again: the same files import cleanly.
        import(&config, &mut store);
        assert_eq!(count(&store, "schools"), 70, "{backend}");
    });
}

/// The pairs with any rows: each should have a pack after an import.
fn pairs_with_rows(store: &Store) -> i64 {
    store
        .test_db()
        .value(
            "SELECT count(*) FROM (SELECT term, team FROM scores
             UNION SELECT term, team FROM indicators) AS pairs",
            &[],
        )
        .unwrap()
}

/// Mark every pair stale, so the loader reads rows rather than packs.
fn force_rows(store: &Store) {
    store
        .test_db()
        .execute_batch(
            "INSERT INTO score_packs_stale (term, team)
               SELECT DISTINCT term, team FROM scores WHERE true ON CONFLICT DO NOTHING;
             INSERT INTO score_packs_stale (term, team)
               SELECT DISTINCT term, team FROM indicators WHERE true ON CONFLICT DO NOTHING;",
        )
        .unwrap();
}

#[test]
fn packs_are_written_used_and_refreshed_on_both_backends() {
    on_each_backend("packs", |backend, mut store| {
        let dir = tempfile::tempdir().unwrap();
        let config = fixtures_config(dir.path());
        import(&config, &mut store);
        assert_eq!(
            count(&store, "score_packs"),
            pairs_with_rows(&store),
            "{backend}"
        );
        assert_eq!(count(&store, "score_packs_stale"), 0, "{backend}");
        let from_packs = load(&config, &store);
        force_rows(&store);
        assert_eq!(load(&config, &store), from_packs, "{backend}: rows = packs");

        // A direct write marks its pair; with the mark cleared the loader keeps to the
        // pack, which shows the pack is what it reads.
        import(&config, &mut store);
        let hr = config.team_index("hr").unwrap();
        let urn: u32 = store
            .test_db()
            .value(
                "SELECT min(urn) FROM scores WHERE term = ?1 AND team = 'hr'",
                &[Value::Text(LATEST.into())],
            )
            .unwrap();
        let school = from_packs.school_index(urn).unwrap();
        let set_score = |score: i64| {
            store
                .test_db()
                .execute(
                    "UPDATE scores SET score = ?1 WHERE term = ?2 AND team = 'hr' AND urn = ?3",
                    &[
                        Value::Int(score),
                        Value::Text(LATEST.into()),
                        Value::Int(urn.into()),
                    ],
                )
                .unwrap()
        };
        assert_eq!(set_score(4), 1, "{backend}");
        assert_eq!(count(&store, "score_packs_stale"), 1, "{backend}");
        assert_eq!(
            scores_of(&load(&config, &store), LATEST, hr)[school].1,
            Some(4)
        );
        store
            .test_db()
            .execute_batch("DELETE FROM score_packs_stale")
            .unwrap();
        let packed = scores_of(&from_packs, LATEST, hr)[school].1;
        assert_ne!(packed, Some(4), "{backend}: the fixture's score differs");
        assert_eq!(
            scores_of(&load(&config, &store), LATEST, hr)[school].1,
            packed,
            "{backend}: read from the pack"
        );

        // A changed file is repacked from its new rows.
        let hr_file = config
            .data
            .scores
            .as_ref()
            .unwrap()
            .join(LATEST)
            .join("hr.csv");
        std::fs::write(&hr_file, format!("urn,score,comment\n{urn},1,Revised\n")).unwrap();
        import(&config, &mut store);
        assert_eq!(count(&store, "score_packs_stale"), 0, "{backend}");
        let repacked = load(&config, &store);
        assert_eq!(
            scores_of(&repacked, LATEST, hr)[school],
            (urn, Some(1)),
            "{backend}"
        );
        force_rows(&store);
        assert_eq!(load(&config, &store), repacked, "{backend}: rows = packs");
    });
}

fn absence_source(dir: &Path, urns: &[u32]) -> SourceSpec {
    let file: PathBuf = dir.join("absence.csv");
    let mut text = String::from("URN,PA\n");
    for (i, urn) in urns.iter().enumerate() {
        text.push_str(&format!("{urn},{}.5\n", 10 + i));
    }
    std::fs::write(&file, text).unwrap();
    SourceSpec {
        name: "absence".into(),
        team: "standards".into(),
        file,
        urn_column: "URN".into(),
        la_column: None,
        la_column_required: false,
        la: None,
        columns: vec![("persistent_absence_pct".into(), "PA".into())],
        sheet: None,
    }
}

#[test]
fn a_source_and_two_changed_files_in_one_import_are_all_repacked_on_both_backends() {
    on_each_backend("sources", |backend, mut store| {
        let dir = tempfile::tempdir().unwrap();
        let config = fixtures_config(dir.path());
        import(&config, &mut store);
        let urns: Vec<u32> = load(&config, &store).schools[..3]
            .iter()
            .map(|s| s.urn)
            .collect();
        let spec = absence_source(dir.path(), &urns);
        import_source(
            &config,
            &mut store,
            &spec,
            LATEST.parse().unwrap(),
            &termly::clock::FakeClock::default(),
        )
        .unwrap();
        assert_eq!(count(&store, "score_packs_stale"), 0, "{backend}");
        // Attendance has no source (its pack is written directly, the stale marks lifted);
        // standards, written after it in the same transaction, shares its pack with the
        // source, so its rows must still mark the pair for the commit to repack.
        let term_dir = config.data.scores.as_ref().unwrap().join(LATEST);
        let first = urns[0];
        std::fs::write(
            term_dir.join("attendance.csv"),
            format!("urn,score,comment\n{first},1,\n"),
        )
        .unwrap();
        std::fs::write(
            term_dir.join("standards.csv"),
            format!("urn,score,comment\n{first},3,\n"),
        )
        .unwrap();
        let summary = import(&config, &mut store);
        assert_eq!(summary.imported(), 2, "{backend}: {summary:?}");
        assert_eq!(count(&store, "score_packs_stale"), 0, "{backend}");
        let from_packs = load(&config, &store);
        let standards = config.team_index("standards").unwrap();
        let attendance = config.team_index("attendance").unwrap();
        assert_eq!(
            scores_of(&from_packs, LATEST, standards)[0],
            (first, Some(3))
        );
        assert_eq!(
            scores_of(&from_packs, LATEST, attendance)[0],
            (first, Some(1))
        );
        let t = from_packs.term_index(LATEST.parse().unwrap()).unwrap();
        let absence = from_packs.terms[t].indicators_for(0, standards);
        assert_eq!(absence.len(), 1, "{backend}: {absence:?}");
        assert_eq!(absence[0].value, 10.5, "{backend}");
        force_rows(&store);
        assert_eq!(load(&config, &store), from_packs, "{backend}: rows = packs");
    });
}

#[test]
fn automatic_backups_are_one_sqlite_file_on_both_backends() {
    on_each_backend("autobackup", |backend, store| {
        let dir = tempfile::tempdir().unwrap();
        let policy = termly::store::backup::BackupPolicy {
            folder: dir.path().join("backups"),
            keep: 10,
        };
        let now = chrono::NaiveDate::from_ymd_opt(2026, 11, 23)
            .unwrap()
            .and_hms_opt(9, 0, 0)
            .unwrap();
        let taken = termly::store::backup::auto_backup(&policy, &store, now).unwrap();
        assert!(taken.starts_with(dir.path().join("backups")), "{backend}");
        let copy = Store::open(&taken).unwrap();
        assert_eq!(
            copy.dialect(),
            termly::store::db::Dialect::Sqlite,
            "{backend}"
        );
        assert_eq!(
            copy.schema_version().unwrap(),
            store.schema_version().unwrap(),
            "{backend}"
        );
    });
}
