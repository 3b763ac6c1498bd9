use super::*;
use crate::args;

fn seeded() -> Store {
    let store = Store::open_in_memory().unwrap();
    store
        .db
        .execute_batch(
            "INSERT INTO schools (urn, name, phase, establishment_type, maintained) VALUES
               (100001, 'A', 'primary', 'Community school', 1),
               (100002, 'B’é', 'secondary', 'Academy', 0);
             INSERT INTO scores (term, team, urn, score, comment) VALUES
               ('2026-27-autumn', 'hr', 100001, 3, 'x'), ('2026-27-autumn', 'hr', 100002, NULL, '');
             INSERT INTO indicators (term, team, urn, name, value) VALUES
               ('2026-27-autumn', 'hr', 100002, 'pa', -1.5);
             INSERT INTO meetings (id, term, date, chair, opened_at) VALUES
               (7, '2026-27-autumn', '2026-11-23', 'Chair', 'now');
             INSERT INTO decisions (id, meeting_id, urn, kind, rationale, recorded_by, recorded_at) VALUES
               (40, 7, 100001, 'confirm', 'ok', 'Chair', 'now');
             INSERT INTO decisions (id, meeting_id, urn, kind, rationale, recorded_by, recorded_at, revokes) VALUES
               (41, 7, 100001, 'revoke', 'wrong', 'Chair', 'later', 40);
             INSERT INTO category_history (urn, category, since, decision_id, recorded_at) VALUES
               (100001, 'core', '2024-09-01', NULL, 'then');",
        )
        .unwrap();
    store
}

fn count(store: &Store, table: &str) -> i64 {
    store
        .db
        .value(&format!("SELECT count(*) FROM {table}"), args![])
        .unwrap()
}

#[test]
fn every_table_is_copied_with_its_ids_and_new_rows_follow_them() {
    let from = seeded();
    let to = Store::open_in_memory().unwrap();
    let report = copy_store(&from, &to).unwrap();
    let rows = |name: &str| report.tables.iter().find(|(t, _)| *t == name).unwrap().1;
    assert_eq!(rows("schools"), 2);
    assert_eq!(rows("decisions"), 2);
    assert_eq!(rows("score_packs_stale"), 1);
    assert_eq!(report.tables.len(), TABLES.len());
    for (table, n) in &report.tables {
        assert_eq!(count(&to, table), *n, "{table}");
    }
    let revokes: i64 = to
        .db
        .value("SELECT revokes FROM decisions WHERE id = 41", args![])
        .unwrap();
    assert_eq!(revokes, 40);
    let name: String = to
        .db
        .value("SELECT name FROM schools WHERE urn = 100002", args![])
        .unwrap();
    assert_eq!(name, "B’é");
    let id = to
        .db
        .insert_id(
            "INSERT INTO decisions (meeting_id, urn, kind, rationale, recorded_by, recorded_at)
             VALUES (7, 100002, 'note', 'n', 'Chair', 'now') RETURNING id",
            args![],
        )
        .unwrap();
    assert_eq!(id, 42);
    assert_eq!(
        report.record_checksum,
        verify::record_checksum(&from.db).unwrap()
    );
}

#[test]
fn a_destination_with_data_is_refused_and_left_alone() {
    let from = seeded();
    let to = Store::open_in_memory().unwrap();
    to.db
        .execute_batch(
            "INSERT INTO written_files (path, sha256, written_at) VALUES ('/m.md', 'ab', 'now')",
        )
        .unwrap();
    let err = copy_store(&from, &to).unwrap_err().to_string();
    assert!(
        err.contains("already holds data (1 rows in written_files)")
            && err.contains("nothing was written"),
        "{err}"
    );
    assert_eq!(count(&to, "schools"), 0);
    assert_eq!(count(&to, "written_files"), 1);
}

#[test]
fn a_table_termly_does_not_know_stops_the_copy_before_anything_is_written() {
    let from = seeded();
    from.db
        .execute_batch("CREATE TABLE notes (id INTEGER PRIMARY KEY, text TEXT)")
        .unwrap();
    let to = Store::open_in_memory().unwrap();
    let err = copy_store(&from, &to).unwrap_err().to_string();
    assert!(err.contains("does not know how to copy (notes)"), "{err}");
    assert_eq!(count(&to, "schools"), 0);
}

#[test]
fn a_column_termly_does_not_know_stops_the_copy() {
    let from = seeded();
    from.db
        .execute_batch("ALTER TABLE schools ADD COLUMN website TEXT")
        .unwrap();
    let to = Store::open_in_memory().unwrap();
    let err = copy_store(&from, &to).unwrap_err().to_string();
    assert!(err.contains("table schools has columns"), "{err}");
}

#[test]
fn a_failure_part_way_rolls_the_whole_copy_back() {
    let from = seeded();
    // A value the destination's CHECK refuses, in a table copied after several others.
    from.db
        .execute_batch(
            "PRAGMA ignore_check_constraints = ON;
             INSERT INTO decisions (meeting_id, urn, kind, rationale, recorded_by, recorded_at)
               VALUES (7, 100002, 'bogus', 'x', 'Chair', 'now');",
        )
        .unwrap();
    let to = Store::open_in_memory().unwrap();
    assert!(copy_store(&from, &to).is_err());
    for table in TABLES {
        assert_eq!(count(&to, table.name), 0, "{}", table.name);
    }
}

#[test]
fn pages_continue_after_the_last_key_of_the_one_before() {
    let from = Store::open_in_memory().unwrap();
    let rows = PAGE_ROWS * 2 + 3;
    let tx = from.db.begin(TxMode::Write).unwrap();
    for i in 0..rows {
        tx.execute(
            "INSERT INTO written_files (path, sha256, written_at) VALUES (?1, 'h', 'now')",
            args![format!("/m/{i:06}.md")],
        )
        .unwrap();
    }
    tx.commit().unwrap();
    let to = Store::open_in_memory().unwrap();
    let report = copy_store(&from, &to).unwrap();
    let copied = report.tables.iter().find(|(t, _)| *t == "written_files");
    assert_eq!(copied, Some(&("written_files", rows as i64)));
    assert_eq!(count(&to, "written_files"), rows as i64);
}

#[test]
fn a_file_the_copy_created_is_removed_when_it_fails() {
    let dir = tempfile::tempdir().unwrap();
    let from = seeded();
    from.db
        .execute_batch("CREATE TABLE notes (id INTEGER PRIMARY KEY)")
        .unwrap();
    let dest = dir.path().join("copy.db");
    assert!(copy_to_file(&from, &dest).is_err());
    assert!(!dest.exists());
}

#[test]
fn a_missing_source_or_one_database_as_both_is_refused() {
    let dir = tempfile::tempdir().unwrap();
    let missing = Location::File(dir.path().join("none.db"));
    let dest = Location::File(dir.path().join("out.db"));
    let err = copy_between(&missing, &dest, None).unwrap_err();
    assert!(matches!(err, CopyError::NoSource(_)), "{err}");
    assert!(!dir.path().join("none.db").exists());
    assert!(!dir.path().join("out.db").exists());
    let err = copy_between(&dest, &dest, None).unwrap_err();
    assert!(matches!(err, CopyError::SameDatabase(_)), "{err}");
}

#[test]
fn multi_row_inserts_number_every_parameter() {
    assert_eq!(
        insert_sql("t", &["a", "b"], 2),
        "INSERT INTO t (a, b) VALUES (?1, ?2), (?3, ?4)"
    );
}
