//! Issue 14, point 5: meetings cannot be opened by accident. Opening asks one `y` on the
//! term, chair and attendees (a bare Enter is no answer); after `C` decision keys open
//! nothing; `termly meetings` lists, corrects and abandons; `termly decide` refuses a
//! closed term's meeting unless told `--open-meeting`.

use super::chair_fixture::Borough;
use crate::common::tmux::{need_tmux, Tmux};

#[test]
fn opening_asks_closing_is_final_and_meetings_are_looked_after() {
    if !need_tmux() {
        return;
    }
    let b = Borough::new();
    let tmux = Tmux::new("h14-meet", "meet");
    tmux.start(&b.path(), Some("A. Chair"));
    let s = tmux.wait_for("the question", |s| s.contains("Open the meeting"));
    assert!(
        s.contains("2026-27 Autumn")
            && s.contains("held on")
            && s.contains("under the chair's name: A. Chair")
            && s.contains("n only views"),
        "{s}"
    );
    tmux.keys(&["Enter"]);
    std::thread::sleep(std::time::Duration::from_millis(300));
    assert!(
        tmux.screen().contains("Open the meeting"),
        "Enter is no answer"
    );
    tmux.keys(&["y"]);
    tmux.wait_for("the meeting", |s| s.contains("meeting #1"));

    // A late arrival, on the screen.
    tmux.keys(&["M"]);
    tmux.wait_for("the corrections", |s| s.contains("Chair and attendees"));
    tmux.keys(&["Tab"]);
    tmux.text("L. Late");
    // One name per line in the list: Ctrl-S moves on to the review.
    tmux.keys(&["C-s"]);
    tmux.wait_for("the review", |s| s.contains("Enter record"));
    tmux.keys(&["Enter"]);
    tmux.wait_for("the correction", |s| s.contains("attendees L. Late"));

    tmux.keys(&["C"]);
    tmux.wait_for("the close question", |s| s.contains("Close the meeting"));
    tmux.keys(&["y"]);
    tmux.wait_for("the close", |s| s.contains("meeting #1 closed"));
    tmux.keys(&["x"]);
    let s = tmux.wait_for("the refusal", |s| s.contains("meeting #1 is closed"));
    assert!(
        !s.contains("Start the meeting") && !s.contains("Open the meeting"),
        "{s}"
    );
    tmux.keys(&["q"]);

    let (ok, _, err) = b.termly(&[
        "decide",
        "--urn",
        "100110",
        "--kind",
        "note",
        "--actions",
        "call",
        "--chair",
        "X",
    ]);
    assert!(!ok, "decide on a closed term's meeting is refused");
    assert!(err.contains("--open-meeting"), "{err}");

    // A second screen asks again, saying the term's meeting is closed; say yes by
    // mistake, then abandon the empty meeting.
    let tmux = Tmux::new("h14-meet2", "meet2");
    tmux.start(&b.path(), Some("Stray"));
    let s = tmux.wait_for("the question", |s| s.contains("Open the meeting"));
    assert!(s.contains("is closed; this opens another"), "{s}");
    tmux.keys(&["y"]);
    tmux.wait_for("meeting 2", |s| s.contains("meeting #2"));
    tmux.keys(&["q"]);
    let (ok, out, err) = b.termly(&["meetings", "--abandon", "2"]);
    assert!(ok, "{err}");
    assert!(out.contains("abandoned"), "{out}");
    let (ok, list, err) = b.termly(&["meetings", "--changes"]);
    assert!(ok, "{err}");
    assert!(
        list.contains("A. Chair") && list.contains("abandoned"),
        "{list}"
    );
    assert!(
        list.contains("attendee_added") && list.contains("L. Late"),
        "{list}"
    );
    let (ok, minutes, err) = b.termly(&["export", "--meeting", "latest"]);
    assert!(ok, "{err}");
    assert!(
        minutes.contains("- Meeting: #1,"),
        "latest skips the abandoned #2:\n{minutes}"
    );
}
