//! Durability end to end: the real binary in tmux on a copy of tests/data/good records a
//! decision through the keys, is killed with SIGKILL as soon as the screen says "saved",
//! and on restart the decision and the open meeting are there. Twice, so a second kill
//! after a resume loses nothing either. On a SQLite file and on a PostgreSQL database.

use crate::common::files::good_borough;
use crate::common::tmux::{need_tmux, Tmux};
use crate::pg_support;
use std::path::{Path, PathBuf};
use termly::model::DecisionKind;
use termly::store::{Location, Store};

/// Where the screen keeps its decisions.
enum Database {
    File(PathBuf),
    Server(String),
}

impl Database {
    fn start(&self, tmux: &Tmux, dir: &Path, chair: Option<&str>) {
        match self {
            Database::File(_) => tmux.start(dir, chair),
            Database::Server(url) => tmux.start_on(dir, url, chair),
        }
    }

    fn open(&self) -> Store {
        match self {
            Database::File(path) => Store::open(path).unwrap(),
            Database::Server(url) => {
                Store::open_at(&Location::Postgres(url.clone()), None).unwrap()
            }
        }
    }
}

/// Filter the grid down to one school and put the cursor on it.
fn select(tmux: &Tmux, urn: &str) {
    tmux.keys(&["/"]);
    tmux.text(urn);
    tmux.keys(&["Enter"]);
    tmux.wait_for("the filter", |s| s.contains("1 of 5 schools (filtered)"));
}

fn row<'a>(screen: &'a str, name: &str) -> &'a str {
    screen
        .lines()
        .find(|l| l.contains(name) && !l.contains("URN"))
        .unwrap_or_else(|| panic!("no row for {name}:\n{screen}"))
}

#[test]
fn a_saved_decision_survives_sigkill_and_the_meeting_resumes() {
    if !need_tmux() {
        return;
    }
    let dir = good_borough();
    let db = Database::File(dir.path().join("termly.db"));
    survives_sigkill(dir.path(), &db, &Tmux::new("kill", "kill"));
}

#[test]
fn a_saved_decision_survives_sigkill_and_the_meeting_resumes_on_postgres() {
    if !need_tmux() {
        return;
    }
    let Some(server) = pg_support::server() else {
        return;
    };
    let dir = good_borough();
    let db = Database::Server(pg_support::fresh_database(&server, "e2ekill"));
    survives_sigkill(dir.path(), &db, &Tmux::new("kill-pg", "kill"));
}

fn survives_sigkill(dir: &Path, db: &Database, tmux: &Tmux) {
    // First run: record a recategorisation from the detail pane, kill on "saved".
    db.start(tmux, dir, Some("A. Chair"));
    tmux.open_meeting();
    tmux.wait_for("the meeting", |s| s.contains("meeting #1"));
    select(tmux, "900002");
    tmux.keys(&["Enter"]);
    tmux.wait_for("the detail pane", |s| s.contains("(URN 900002)"));
    tmux.keys(&["c"]);
    tmux.wait_for("the category picker", |s| s.contains("step 1 of 3"));
    tmux.keys(&["5", "Enter"]);
    tmux.wait_for("the details step", |s| s.contains("step 2 of 3"));
    tmux.text("Attendance falling for three terms");
    tmux.keys(&["C-s"]);
    tmux.wait_for("the confirm step", |s| s.contains("step 3 of 3"));
    tmux.keys(&["Enter"]);
    tmux.wait_for("saved", |s| s.contains("saved decision #1"));
    tmux.kill_9();

    let store = db.open();
    let meeting = store
        .open_meeting("2026-27 autumn".parse().unwrap())
        .unwrap();
    let meeting = meeting.expect("the meeting is still open");
    let ds = store.decisions_for_meeting(meeting.id).unwrap();
    assert_eq!(ds.len(), 1);
    assert_eq!(ds[0].kind, DecisionKind::Recategorise);
    assert_eq!(ds[0].to_category.as_deref(), Some("intensive_a"));
    assert_eq!(ds[0].rationale, "Attendance falling for three terms");
    assert_eq!(
        termly::meeting::latest_category(&store, 900002)
            .unwrap()
            .as_deref(),
        Some("intensive_a")
    );
    drop(store);

    // Second run, no --chair: the open meeting resumes with the decision on the grid.
    db.start(tmux, dir, None);
    let s = tmux.wait_for("the resumed meeting", |s| {
        s.contains("meeting #1") && s.contains("Beckside Academy")
    });
    assert!(s.contains("resumed meeting #1"), "{s}");
    assert!(s.contains("chair A. Chair"), "{s}");
    let beckside = row(&s, "Beckside Academy");
    assert!(
        beckside.contains("»") && beckside.contains("Int A"),
        "{beckside}"
    );
    assert!(s.contains("1 decided"), "{s}");

    // Confirm another school, kill again, and both are there.
    select(tmux, "900004");
    tmux.keys(&["x"]);
    tmux.wait_for("the confirm form", |s| s.contains("Confirm Dunmore"));
    tmux.text("Stable");
    tmux.keys(&["Enter"]);
    tmux.wait_for("saved", |s| s.contains("saved decision #2"));
    tmux.kill_9();

    let store = db.open();
    let ds = store.decisions_for_meeting(meeting.id).unwrap();
    let kinds: Vec<DecisionKind> = ds.iter().map(|d| d.kind).collect();
    assert_eq!(
        kinds,
        vec![DecisionKind::Recategorise, DecisionKind::Confirm]
    );
    assert!(store.meeting(meeting.id).unwrap().closed_at.is_none());
}
