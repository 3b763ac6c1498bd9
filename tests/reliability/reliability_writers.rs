//! Two writers: two streams of `termly decide` processes record decisions on one database
//! at the same moment, starting before any meeting is open. Every decision lands, in one
//! meeting, no "database is locked" (or any error) reaches the user, and an open screen
//! (App with a store) shows each decision on its next tick after the writer acknowledged it:
//! the event loop ticks every 250 ms, so within a second.

use crate::common::cli::termly_in as termly;
use crate::common::files::good_borough;
use chrono::NaiveDate;
use std::path::{Path, PathBuf};
use std::sync::mpsc;
use std::sync::{Arc, Barrier};
use termly::clock::FakeClock;
use termly::config::Config;
use termly::store::{load_dataset, Store};
use termly::tui::App;

const PER_WRITER: usize = 20;
const TERM: &str = "2026-27 autumn";

/// What one `decide` run reported.
struct Ack {
    writer: char,
    n: usize,
    id: Option<i64>,
    stdout: String,
    stderr: String,
    ok: bool,
}

fn writer(dir: PathBuf, name: char, start: Arc<Barrier>, tx: mpsc::Sender<Ack>) {
    start.wait();
    for n in 0..PER_WRITER {
        let urn = ["900001", "900002", "900003", "900004"][n % 4];
        let out = termly(&dir)
            .args(["decide", "--term", TERM, "--urn", urn, "--kind", "note"])
            .args(["--rationale", &format!("writer {name} decision {n}")])
            .args(["--chair", &format!("{name}. Chair")])
            .output()
            .unwrap();
        let stdout = String::from_utf8_lossy(&out.stdout).into_owned();
        let id = stdout
            .strip_prefix("saved decision #")
            .and_then(|r| r.split_whitespace().next())
            .and_then(|n| n.parse().ok());
        tx.send(Ack {
            writer: name,
            n,
            id,
            stdout,
            stderr: String::from_utf8_lossy(&out.stderr).into_owned(),
            ok: out.status.success(),
        })
        .unwrap();
    }
}

fn open_app(dir: &Path) -> App {
    let config = Config::load(Some(&dir.join("termly.toml"))).unwrap();
    let store = Store::open(&config.database_path()).unwrap();
    let teams = config.team_keys();
    let data = load_dataset(&store, &teams).unwrap();
    let today = NaiveDate::from_ymd_opt(2026, 11, 23).unwrap();
    App::new(
        config,
        data,
        Some(TERM.parse().unwrap()),
        FakeClock::on(today).shared(),
        termly::commands::screen::hooks(),
    )
    .unwrap()
    .with_store(store)
    .unwrap()
}

#[test]
fn two_processes_write_at_once_and_an_open_screen_sees_both() {
    let dir = good_borough();
    let import = termly(dir.path()).arg("import").output().unwrap();
    assert!(import.status.success());
    let mut app = open_app(dir.path());
    assert!(app.data().decisions.is_empty());

    let start = Arc::new(Barrier::new(2));
    let (tx, rx) = mpsc::channel();
    let threads: Vec<_> = ['A', 'B']
        .into_iter()
        .map(|name| {
            let (dir, start, tx) = (dir.path().to_path_buf(), start.clone(), tx.clone());
            std::thread::spawn(move || writer(dir, name, start, tx))
        })
        .collect();
    drop(tx);

    let mut ids = Vec::new();
    for ack in rx {
        let who = format!("writer {} run {}", ack.writer, ack.n);
        assert!(ack.ok, "{who} failed: {}", ack.stderr);
        assert!(
            ack.stderr.is_empty(),
            "{who} printed to stderr: {}",
            ack.stderr
        );
        let id = ack
            .id
            .unwrap_or_else(|| panic!("{who}: no acknowledgement in {:?}", ack.stdout));
        // The very next tick of the open screen shows it.
        app.tick();
        assert!(
            app.data().decisions.iter().any(|d| d.id == id),
            "{who}: decision #{id} not on the screen after a tick"
        );
        ids.push(id);
    }
    for t in threads {
        t.join().unwrap();
    }

    ids.sort_unstable();
    ids.dedup();
    assert_eq!(
        ids.len(),
        2 * PER_WRITER,
        "every run saved its own decision"
    );
    let store = Store::open(&dir.path().join("termly.db")).unwrap();
    let meetings = store.meetings().unwrap();
    assert_eq!(
        meetings.len(),
        1,
        "both writers share one meeting: {meetings:?}"
    );
    let stored = store.decisions_for_meeting(meetings[0].id).unwrap();
    assert_eq!(stored.len(), 2 * PER_WRITER);
    for name in ['A', 'B'] {
        for n in 0..PER_WRITER {
            let why = format!("writer {name} decision {n}");
            assert!(stored.iter().any(|d| d.rationale == why), "{why} missing");
        }
    }
}
