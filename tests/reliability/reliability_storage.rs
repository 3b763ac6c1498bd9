//! Storage faults: a full database, a read-only file, a folder that cannot be created, a
//! file of garbage, a truncated file and a database from a newer termly. Each gives a clear
//! message, writes nothing partial, loses nothing typed, and is checked through the store
//! and through the real binary.

use crate::common::cli::stderr;
use crate::common::cli::termly_in;
use crate::common::files::imported_borough;
#[cfg(unix)]
use crate::common::tmux::{need_tmux, Tmux};
use crate::tui_support::{code, key, press, text};
use ratatui::crossterm::event::{KeyCode, KeyEvent, KeyModifiers};
use std::path::Path;
use std::process::Output;
use termly::model::DecisionKind;
use termly::store::decisions::FailureKind;
use termly::store::decisions::{DecisionError, NewDecision};
use termly::store::Store;

fn termly(dir: &Path, args: &[&str]) -> Output {
    termly_in(dir).args(args).output().unwrap()
}

const DECIDE: [&str; 10] = [
    "decide",
    "--urn",
    "900001",
    "--kind",
    "note",
    "--rationale",
    "Typed in the meeting",
    "--chair",
    "A. Chair",
    "--term=2026-27 autumn",
];

/// The binary fails with one clear line naming the problem, and never says "locked".
fn fails_clearly(o: &Output, expect: &str) {
    let e = stderr(o);
    assert!(!o.status.success(), "expected a failure, got {o:?}");
    assert!(e.starts_with("termly: "), "{e}");
    assert!(e.contains(expect), "expected {expect:?} in: {e}");
    assert!(!e.contains("panicked"), "{e}");
    assert!(!e.to_lowercase().contains("locked"), "{e}");
}

fn count(store: &Store, table: &str) -> i64 {
    store
        .test_connection()
        .query_row(&format!("SELECT count(*) FROM {table}"), [], |r| r.get(0))
        .unwrap()
}

/// Cap the file at its current size on this connection: the next page it needs is "full".
/// Vacuumed first, so no free page is left inside the file for the write to take instead
/// (a migration that rebuilds a table leaves some).
fn fill_up(store: &Store) {
    store.test_connection().execute_batch("VACUUM").unwrap();
    let pages: i64 = store
        .test_connection()
        .query_row("PRAGMA page_count", [], |r| r.get(0))
        .unwrap();
    store
        .test_connection()
        .execute_batch(&format!("PRAGMA max_page_count = {pages}"))
        .unwrap();
}

/// Longer than a page, so it cannot fit in the space already allocated.
fn long_rationale() -> String {
    "Attendance has fallen for three terms running; ".repeat(120)
}

#[test]
fn a_full_database_refuses_cleanly_and_the_same_decision_saves_after() {
    let (_dir, config, db) = imported_borough();
    let mut store = Store::open(&db).unwrap();
    let now = chrono::Local::now().fixed_offset();
    let meeting = store
        .open_or_resume_meeting(
            "2026-27 autumn".parse().unwrap(),
            now.date_naive(),
            "A. Chair",
            &[],
            now,
        )
        .unwrap();
    let new = NewDecision {
        meeting_id: meeting.id,
        urn: 900002,
        kind: Some(DecisionKind::Recategorise),
        to_category: Some("intensive_a".into()),
        rationale: long_rationale(),
        recorded_by: "A. Chair".into(),
        ..NewDecision::default()
    };
    fill_up(&store);
    let err = termly::meeting::record_decision(&mut store, &config, new.clone(), now).unwrap_err();
    assert!(matches!(err, DecisionError::Full(_)), "{err:?}");
    assert_eq!(err.kind(), FailureKind::Busy, "{err:?}");
    let message = err.to_string();
    assert!(
        message.starts_with("not saved: the disk is full"),
        "{message}"
    );
    // Nothing partial: neither the decision nor its category change.
    assert_eq!(count(&store, "decisions"), 0);
    assert_eq!(
        termly::meeting::latest_category(&store, 900002)
            .unwrap()
            .as_deref(),
        Some("enhanced")
    );
    let check: String = store
        .test_connection()
        .query_row("PRAGMA integrity_check", [], |r| r.get(0))
        .unwrap();
    assert_eq!(check, "ok");

    store
        .test_connection()
        .execute_batch("PRAGMA max_page_count = 1073741823")
        .unwrap();
    let saved = termly::meeting::record_decision(&mut store, &config, new, now).unwrap();
    assert_eq!(saved.rationale, long_rationale().trim());
    assert_eq!(
        termly::meeting::latest_category(&store, 900002)
            .unwrap()
            .as_deref(),
        Some("intensive_a")
    );
}

#[test]
fn a_full_database_keeps_the_form_and_its_text_on_the_screen() {
    let (_dir, config, db) = imported_borough();
    let store = Store::open(&db).unwrap();
    let mut app = crate::tui_support::store_app(config, store);
    app.start_meeting(Some("A. Chair"), &[]);
    // Opening a meeting asks first: one `y`.
    if app.popup().is_some() {
        crate::tui_support::press(&mut app, crate::tui_support::key('y'));
    }
    fill_up(app.store().unwrap());

    press(&mut app, key('/'));
    crate::tui_support::type_text(&mut app, "900001");
    press(&mut app, code(KeyCode::Enter));
    press(&mut app, key('x'));
    assert!(app.popup().is_some(), "the confirm form opened");
    app.paste(&long_rationale());
    press(&mut app, code(KeyCode::Enter));
    let err = app
        .popup()
        .expect("the form stays open")
        .error()
        .expect("and shows why")
        .to_string();
    assert!(err.contains("disk is full"), "{err}");
    let shown = text(&crate::tui_support::draw(&mut app, 100, 30));
    assert!(
        shown.contains("Attendance has fallen"),
        "typed text kept:\n{shown}"
    );
    assert_eq!(count(app.store().unwrap(), "decisions"), 0);

    // Space is freed; retrying the same form saves what was typed.
    app.store()
        .unwrap()
        .test_connection()
        .execute_batch("PRAGMA max_page_count = 1073741823")
        .unwrap();
    press(
        &mut app,
        KeyEvent::new(KeyCode::Char('r'), KeyModifiers::CONTROL),
    );
    assert!(app.popup().is_none(), "{:?}", app.status());
    let d = app.store().unwrap().decisions_for_school(900001).unwrap();
    assert_eq!(d.len(), 1);
    assert_eq!(d[0].rationale, long_rationale().trim());
}

#[test]
fn a_read_only_file_is_view_only_and_refuses_writes_clearly() {
    let (dir, config, db) = imported_borough();
    let first = termly(dir.path(), &DECIDE);
    assert!(first.status.success(), "{}", stderr(&first));
    let mut perms = std::fs::metadata(&db).unwrap().permissions();
    perms.set_readonly(true);
    std::fs::set_permissions(&db, perms).unwrap();

    // The mode bit decides, not an access check: truthful even when run as root.
    let mut store = Store::open(&db).unwrap();
    assert!(store.is_read_only());
    let meeting = store
        .open_meeting("2026-27 autumn".parse().unwrap())
        .unwrap()
        .unwrap();
    let err = termly::meeting::record_decision(
        &mut store,
        &config,
        NewDecision {
            meeting_id: meeting.id,
            urn: 900003,
            kind: Some(DecisionKind::Note),
            rationale: "Typed in the meeting".into(),
            recorded_by: "A. Chair".into(),
            ..NewDecision::default()
        },
        chrono::Local::now().fixed_offset(),
    )
    .unwrap_err();
    assert!(matches!(err, DecisionError::ReadOnly(_)), "{err:?}");
    assert!(err.to_string().contains("read-only"), "{err}");
    drop(store);

    let o = termly(dir.path(), &DECIDE);
    fails_clearly(&o, "read-only");
    // Reading still works.
    let snap = termly(dir.path(), &["snapshot", "--term", "2026-27 autumn"]);
    assert!(snap.status.success(), "{}", stderr(&snap));
    let store = Store::open(&db).unwrap();
    assert_eq!(count(&store, "decisions"), 1, "nothing written");
}

#[test]
fn a_folder_that_cannot_be_created_is_named() {
    let (dir, _config, _db) = imported_borough();
    let blocker = dir.path().join("not-a-folder");
    std::fs::write(&blocker, "a file where a folder should be").unwrap();
    let target = blocker.join("sub/termly.db");
    let err = Store::open(&target).err().unwrap().to_string();
    assert!(err.contains("cannot create its folder or file"), "{err}");
    assert!(err.contains("not-a-folder/sub/termly.db"), "{err}");

    // Only an import makes a database: it names the folder it cannot create.
    let o = termly(
        dir.path(),
        &["--database", target.to_str().unwrap(), "import"],
    );
    fails_clearly(&o, "cannot create its folder or file");
    fails_clearly(&o, "not-a-folder/sub/termly.db");
    // A decision never makes one: it names the database that is not there.
    let o = termly(
        dir.path(),
        &[&["--database", target.to_str().unwrap()][..], &DECIDE].concat(),
    );
    fails_clearly(&o, "no database at");
    fails_clearly(&o, "not-a-folder/sub/termly.db");
}

#[test]
fn garbage_and_truncated_files_are_not_a_termly_database_and_are_left_alone() {
    let (dir, _config, db) = imported_borough();
    let garbage = dir.path().join("garbage.db");
    let bytes: Vec<u8> = (0..16384u32)
        .map(|i| (i.wrapping_mul(2654435761) >> 13) as u8)
        .collect();
    std::fs::write(&garbage, &bytes).unwrap();
    let err = Store::open(&garbage).err().unwrap().to_string();
    assert!(err.contains("not a termly database"), "{err}");
    let o = termly(
        dir.path(),
        &[&["--database", "garbage.db"][..], &DECIDE].concat(),
    );
    fails_clearly(&o, "not a termly database");
    assert_eq!(std::fs::read(&garbage).unwrap(), bytes, "file untouched");
    assert!(!dir.path().join("garbage.db-wal").exists());

    // A real database cut short (a copy interrupted half way).
    let whole = std::fs::read(&db).unwrap();
    let cut = dir.path().join("cut.db");
    std::fs::write(&cut, &whole[..whole.len() / 2]).unwrap();
    let o = termly(
        dir.path(),
        &[&["--database", "cut.db"][..], &DECIDE].concat(),
    );
    fails_clearly(&o, "cut.db");
    assert!(
        stderr(&o).contains("malformed") || stderr(&o).contains("not a termly database"),
        "{}",
        stderr(&o)
    );
}

// Drives the binary in a tmux shell: Linux only.
#[cfg(unix)]
#[test]
fn a_newer_schema_is_refused_with_what_to_do() {
    let (dir, _config, db) = imported_borough();
    let store = Store::open(&db).unwrap();
    store
        .test_connection()
        .execute(
            "INSERT INTO refinery_schema_history (version, name, applied_on, checksum) VALUES (99, 'future', '2030-01-01', '0')",
            [],
        )
        .unwrap();
    drop(store);
    let o = termly(dir.path(), &DECIDE);
    fails_clearly(&o, "newer termly");
    fails_clearly(&o, "upgrade termly");
    // The screen, in a real terminal (it refuses to start without one).
    if !need_tmux() {
        return;
    }
    let tmux = Tmux::new("storage-newer", "t");
    tmux.start_shell(dir.path());
    tmux.line(&format!(
        "'{}' --config termly.toml 2>&1; echo EXITED-$?",
        env!("CARGO_BIN_EXE_termly")
    ));
    let s = tmux.wait_for("the exit", |s| s.lines().any(|l| l.starts_with("EXITED-")));
    assert!(s.contains("EXITED-1"), "{s}");
    assert!(s.contains("newer termly"), "{s}");
    assert!(!s.to_lowercase().contains("locked"), "{s}");
}
