//! When the terminal goes away (a killed tmux session, as a dropped SSH connection or a
//! closed laptop lid does), termly ends within two seconds instead of spinning: on the grid,
//! with a decision form open and text typed, and with `--watch`. The database stays whole,
//! the meeting stays open with its saved decision, and the log says what happened. With
//! standard input at end of file the screen refuses to start, with a message.

use crate::common::files::good_borough;
use crate::common::tmux::{need_tmux, Tmux};
use std::time::{Duration, Instant};
use termly::store::Store;

/// How the screen is left when its terminal is killed.
#[derive(Clone, Copy, Debug)]
enum LeftWith {
    TheGrid,
    AFormWithText,
    Watching,
}

/// True once `pid` has exited (gone, or a zombie waiting for its parent).
fn exited(pid: &str) -> bool {
    match std::fs::read_to_string(format!("/proc/{pid}/stat")) {
        Err(_) => true,
        // The state follows the command name, which is in parentheses.
        Ok(stat) => stat
            .rsplit_once(") ")
            .is_some_and(|(_, rest)| rest.starts_with('Z') || rest.starts_with('X')),
    }
}

/// Record one confirm decision on the first school, so there is something to keep.
fn save_a_decision(tmux: &Tmux) {
    tmux.keys(&["x"]);
    tmux.wait_for("the confirm form", |s| s.contains("Confirm"));
    tmux.text("Stable this term");
    tmux.keys(&["Enter"]);
    tmux.wait_for("saved", |s| s.contains("saved decision #1"));
}

fn kill_the_session_under(left: LeftWith) {
    let dir = good_borough();
    let tmux = Tmux::new(&format!("hangup-{left:?}").to_lowercase(), "t");
    let watch = if matches!(left, LeftWith::Watching) {
        " --watch"
    } else {
        ""
    };
    let cmd = format!(
        "cd '{}' && exec '{}' --config termly.toml --chair 'A. Chair'{watch}",
        dir.path().display(),
        env!("CARGO_BIN_EXE_termly"),
    );
    tmux.new_session(120, 40, None, &cmd);
    tmux.open_meeting();
    tmux.wait_for("the meeting", |s| s.contains("meeting #1"));
    save_a_decision(&tmux);
    if matches!(left, LeftWith::AFormWithText) {
        tmux.keys(&["j", "x"]);
        tmux.wait_for("a second form", |s| s.contains("Confirm"));
        tmux.text("Half-typed rationale");
        tmux.wait_for("the typed text", |s| s.contains("Half-typed rationale"));
    }
    let pid = tmux.pane_pid();

    tmux.run(&["kill-session", "-t", "t"]);
    let start = Instant::now();
    while !exited(&pid) {
        assert!(
            start.elapsed() < Duration::from_secs(2),
            "{left:?}: termly {pid} still running 2 s after its terminal went away"
        );
        std::thread::sleep(Duration::from_millis(20));
    }

    let db = dir.path().join("termly.db");
    let conn = rusqlite::Connection::open(&db).unwrap();
    let check: String = conn
        .query_row("PRAGMA integrity_check", [], |r| r.get(0))
        .unwrap();
    assert_eq!(check, "ok", "{left:?}");
    drop(conn);
    let store = Store::open(&db).unwrap();
    let meeting = store
        .open_meeting("2026-27 autumn".parse().unwrap())
        .unwrap()
        .expect("the meeting is still open, so it can be resumed");
    assert_eq!(store.decisions_for_meeting(meeting.id).unwrap().len(), 1);
    drop(store);
    let log = std::fs::read_to_string(dir.path().join("termly.log")).unwrap();
    assert_eq!(log.lines().count(), 1, "{log}");
    assert!(log.contains("the terminal went away"), "{log}");

    // And it does resume: a new screen finds meeting #1 and its decision.
    let again = Tmux::new(&format!("resume-{left:?}").to_lowercase(), "r");
    again.start(dir.path(), None);
    let s = again.wait_for("the resumed meeting", |s| s.contains("meeting #1"));
    assert!(s.contains("resumed meeting #1"), "{left:?}:\n{s}");
    assert!(s.contains("1 decided"), "{left:?}:\n{s}");
}

#[test]
fn killing_the_terminal_under_the_grid_ends_termly_and_keeps_the_meeting() {
    if !need_tmux() {
        return;
    }
    kill_the_session_under(LeftWith::TheGrid);
}

#[test]
fn killing_the_terminal_under_an_open_form_keeps_every_saved_decision() {
    if !need_tmux() {
        return;
    }
    kill_the_session_under(LeftWith::AFormWithText);
}

#[test]
fn killing_the_terminal_while_watching_the_score_files_ends_termly() {
    if !need_tmux() {
        return;
    }
    kill_the_session_under(LeftWith::Watching);
}

#[test]
fn standard_input_at_end_of_file_is_refused_not_spun_on() {
    if !need_tmux() {
        return;
    }
    let dir = good_borough();
    let tmux = Tmux::new("hangup-devnull", "t");
    tmux.start_shell(dir.path());
    tmux.line(&format!(
        "'{}' --config termly.toml --chair X < /dev/null; echo EXITED-$?",
        env!("CARGO_BIN_EXE_termly")
    ));
    let s = tmux.wait_for("the exit", |s| s.lines().any(|l| l.starts_with("EXITED-")));
    assert!(s.contains("EXITED-1"), "{s}");
    assert!(s.contains("needs a terminal"), "{s}");
    assert!(
        !dir.path().join("termly.db").exists(),
        "refused before anything was written"
    );
}
