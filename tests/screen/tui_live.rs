//! Live updates: a second connection writes, and the App's tick picks it up (or holds it
//! while frozen), keeping the cursor on the same school.

use crate::tui_support::*;
use termly::store::{load_dataset, Store};
use termly::tui::App;

fn seed(store: &Store) {
    store
        .test_connection()
        .execute_batch(
            "INSERT INTO schools (urn, name, phase, establishment_type, maintained) VALUES
               (100001, 'Alder Primary School', 'primary', 'Community school', 1),
               (100002, 'Bramble Academy', 'secondary', 'Academy converter', 0),
               (100003, 'Cobble Nursery School', 'nursery', 'Nursery school', 1);
             INSERT INTO scores (term, team, urn, score) VALUES
               ('2026-27-autumn', 'finance', 100001, 1),
               ('2026-27-autumn', 'finance', 100002, 2),
               ('2026-27-autumn', 'finance', 100003, 1);",
        )
        .unwrap();
}

fn open_app(path: &std::path::Path) -> App {
    let store = Store::open(path).unwrap();
    let teams = config().team_keys();
    let data = load_dataset(&store, &teams).unwrap();
    App::new(config(), data, None, clock(), hooks())
        .unwrap()
        .with_store(store)
        .unwrap()
}

#[test]
fn another_connection_write_shows_on_the_next_tick() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("live.db");
    seed(&Store::open(&path).unwrap());
    let mut app = open_app(&path);
    press(&mut app, key('j'));
    assert_eq!(app.selected_urn(), Some(100002));
    assert!(!app.tick(), "nothing changed yet");

    let other = Store::open(&path).unwrap();
    other
        .test_connection()
        .execute(
            "UPDATE scores SET score = 4 WHERE urn = 100002 AND team = 'finance'",
            [],
        )
        .unwrap();
    assert!(app.tick(), "the change is picked up");
    let i = app.data().school_index(100002).unwrap();
    assert_eq!(
        app.assessment().schools[i].scores[0]
            .as_ref()
            .unwrap()
            .value,
        4
    );
    assert_eq!(app.selected_urn(), Some(100002), "cursor kept by URN");
    let t = text(&draw(&mut app, 100, 20));
    assert!(t.contains("[4]"), "{t}");
}

#[test]
fn frozen_screens_hold_changes_until_resumed() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("live.db");
    seed(&Store::open(&path).unwrap());
    let mut app = open_app(&path);
    press(&mut app, key('F'));
    let other = Store::open(&path).unwrap();
    other
        .test_connection()
        .execute(
            "INSERT INTO schools (urn, name, phase, establishment_type, maintained)
             VALUES (100004, 'Dunmere Academy', 'primary', 'Academy converter', 0)",
            [],
        )
        .unwrap();
    assert!(!app.tick());
    assert!(app.is_stale());
    assert_eq!(app.data().schools.len(), 3);
    assert!(text(&draw(&mut app, 100, 20)).contains("FROZEN"));
    press(&mut app, key('F'));
    assert_eq!(
        app.data().schools.len(),
        4,
        "resuming applies the held change"
    );
    assert!(!app.is_stale());
}

#[test]
fn a_reload_failure_is_shown_not_swallowed() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("live.db");
    seed(&Store::open(&path).unwrap());
    let mut app = open_app(&path);
    let other = Store::open(&path).unwrap();
    other
        .test_connection()
        .execute_batch("DROP TABLE indicators")
        .unwrap();
    app.tick();
    assert!(app.status().error.is_some());
    let t = text(&draw(&mut app, 120, 20));
    assert!(t.contains("reload failed"), "{t}");
}
