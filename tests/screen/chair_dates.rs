//! Issue 14, point 8: dates as people type them. A due date of 31/01/2027 is accepted; one
//! before the meeting is refused with a clear message and nothing is recorded.

use super::chair_fixture::Borough;
use crate::common::tmux::{need_tmux, Tmux};

#[test]
fn due_dates_as_typed_and_never_before_the_meeting() {
    if !need_tmux() {
        return;
    }
    let b = Borough::new();
    let tmux = Tmux::new("h14-dates", "dates");
    tmux.start(&b.path(), Some("A. Chair"));
    tmux.open_meeting();
    tmux.wait_for("the meeting", |s| s.contains("items · 0 decided"));
    tmux.keys(&["n"]);
    tmux.wait_for("item 1", |s| s.contains("item 1 of"));

    tmux.keys(&["d"]);
    tmux.wait_for("the defer form", |s| s.contains("Revisit by"));
    tmux.text("Waiting for the finance plan");
    tmux.keys(&["Tab", "Tab"]);
    tmux.text("2020-01-15");
    tmux.keys(&["C-s"]);
    tmux.wait_for("the review", |s| s.contains("step 2 of 2: review"));
    tmux.keys(&["Enter"]);
    let s = tmux.wait_for("the refusal", |s| s.contains("before the meeting"));
    assert!(
        s.contains("the due date 15 Jan 2020 is before the meeting"),
        "{s}"
    );
    assert!(s.contains("0 decided"), "nothing recorded:\n{s}");

    tmux.keys(&["Escape"]);
    // Wait for the edit step before the next key: an Escape followed at once by another key
    // reads as Alt+that key to a terminal.
    tmux.wait_for("the edit step", |s| s.contains("step 1 of 2"));
    for _ in 0.."2020-01-15".len() {
        tmux.keys(&["BSpace"]);
    }
    tmux.text("31/01/2027");
    tmux.keys(&["C-s"]);
    tmux.wait_for("the review", |s| s.contains("step 2 of 2: review"));
    tmux.keys(&["Enter"]);
    tmux.wait_for("the save", |s| s.contains("saved decision #1"));
    let (ok, out, err) = b.termly(&["export", "--meeting", "latest"]);
    assert!(ok, "{err}");
    assert!(out.contains("| 31 Jan 2027 |"), "{out}");
}
