//! Durability end to end: the real binary in tmux on a copy of tests/data/good records a
//! decision through the keys, is killed with SIGKILL as soon as the screen says "saved",
//! and on restart the decision and the open meeting are there. Twice, so a second kill
//! after a resume loses nothing either.

use std::path::Path;
use std::process::Command;
use std::time::{Duration, Instant};
use termly::model::DecisionKind;
use termly::store::Store;

struct Tmux {
    socket: String,
}

impl Tmux {
    fn run(&self, args: &[&str]) -> String {
        let out = Command::new("tmux")
            .arg("-L")
            .arg(&self.socket)
            .args(args)
            .output()
            .expect("tmux runs");
        String::from_utf8_lossy(&out.stdout).into_owned()
    }
    fn screen(&self) -> String {
        self.run(&["capture-pane", "-p", "-t", "kill"])
    }
    fn keys(&self, keys: &[&str]) {
        let mut args = vec!["send-keys", "-t", "kill"];
        args.extend_from_slice(keys);
        self.run(&args);
    }
    fn text(&self, s: &str) {
        self.keys(&["-l", s]);
    }
    fn wait_for(&self, what: &str, ok: impl Fn(&str) -> bool) -> String {
        let start = Instant::now();
        loop {
            let s = self.screen();
            if ok(&s) {
                return s;
            }
            if start.elapsed() > Duration::from_secs(90) {
                panic!("timed out waiting for {what}; screen:\n{s}");
            }
            std::thread::sleep(Duration::from_millis(100));
        }
    }
    /// Start termly in a fresh session; `exec` so the pane's pid is termly's own.
    fn start(&self, dir: &Path, chair: Option<&str>) {
        let chair = chair.map_or(String::new(), |c| format!(" --chair '{c}'"));
        let cmd = format!(
            "cd '{}' && exec '{}' --config termly.toml{chair}",
            dir.display(),
            env!("CARGO_BIN_EXE_termly"),
        );
        self.run(&[
            "new-session",
            "-d",
            "-s",
            "kill",
            "-x",
            "120",
            "-y",
            "40",
            &cmd,
        ]);
    }
    /// SIGKILL termly: no destructor, no flush, no terminal restore.
    fn kill_9(&self) {
        let pid = self.run(&["display", "-p", "-t", "kill", "#{pane_pid}"]);
        let pid = pid.trim();
        assert!(!pid.is_empty(), "no pane pid");
        let status = Command::new("kill").args(["-9", pid]).status().unwrap();
        assert!(status.success(), "kill -9 {pid}");
        let start = Instant::now();
        while Path::new(&format!("/proc/{pid}")).exists() {
            assert!(
                start.elapsed() < Duration::from_secs(10),
                "{pid} still alive"
            );
            std::thread::sleep(Duration::from_millis(50));
        }
        self.run(&["kill-server"]);
    }
}

impl Drop for Tmux {
    fn drop(&mut self) {
        self.run(&["kill-server"]);
    }
}

fn tmux_available() -> bool {
    Command::new("tmux")
        .arg("-V")
        .output()
        .is_ok_and(|o| o.status.success())
}

fn copy_dir(from: &Path, to: &Path) {
    std::fs::create_dir_all(to).unwrap();
    for entry in std::fs::read_dir(from).unwrap() {
        let entry = entry.unwrap();
        let target = to.join(entry.file_name());
        if entry.file_type().unwrap().is_dir() {
            copy_dir(&entry.path(), &target);
        } else if entry.file_name() != "termly.db" {
            std::fs::copy(entry.path(), target).unwrap();
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
    if !tmux_available() {
        eprintln!("SKIPPED: tmux is not installed, so the kill test cannot run");
        return;
    }
    let dir = tempfile::tempdir().unwrap();
    copy_dir(Path::new("tests/data/good"), dir.path());
    let db = dir.path().join("termly.db");
    let tmux = Tmux {
        socket: format!("termly-kill-{}", std::process::id()),
    };

    // First run: record a recategorisation from the detail pane, kill on "saved".
    tmux.start(dir.path(), Some("A. Chair"));
    tmux.wait_for("the meeting", |s| s.contains("meeting #1"));
    select(&tmux, "900002");
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

    let store = Store::open(&db).unwrap();
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
        store.current_category(900002).unwrap().as_deref(),
        Some("intensive_a")
    );
    drop(store);

    // Second run, no --chair: the open meeting resumes with the decision on the grid.
    tmux.start(dir.path(), None);
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
    select(&tmux, "900004");
    tmux.keys(&["x"]);
    tmux.wait_for("the confirm form", |s| s.contains("Confirm Dunmore"));
    tmux.text("Stable");
    tmux.keys(&["Enter"]);
    tmux.wait_for("saved", |s| s.contains("saved decision #2"));
    tmux.kill_9();

    let store = Store::open(&db).unwrap();
    let ds = store.decisions_for_meeting(meeting.id).unwrap();
    let kinds: Vec<DecisionKind> = ds.iter().map(|d| d.kind).collect();
    assert_eq!(
        kinds,
        vec![DecisionKind::Recategorise, DecisionKind::Confirm]
    );
    assert!(store.meeting(meeting.id).unwrap().closed_at.is_none());
}
