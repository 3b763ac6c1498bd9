//! Issue 14, point 6: one key, one meaning. Forms read their keys from the keymap's `form`
//! mode, so a `[keys.form]` override works and help lists it; Ctrl-S moves on to the review,
//! Enter records there and Esc goes back, in recategorise, defer, note, undo and
//! add-to-agenda alike; letters typed in a field stay text.

use super::chair_fixture::Borough;
use crate::common::tmux::{need_tmux, Tmux};

/// Press PageDown in help until `line_ok` matches a line, or give up after a few pages.
fn help_line(tmux: &Tmux, line_ok: impl Fn(&str) -> bool) -> Option<String> {
    for _ in 0..12 {
        if let Some(l) = tmux.screen().lines().find(|l| line_ok(l)) {
            return Some(l.to_string());
        }
        tmux.keys(&["PageDown"]);
        std::thread::sleep(std::time::Duration::from_millis(150));
    }
    None
}

/// In an open form: Ctrl-S moves to the review (`review`), Esc goes back to typing
/// (`typing`), Ctrl-S again, and Enter records (`saved`).
fn review_back_record(tmux: &Tmux, review: &str, typing: &str, saved: &str) {
    tmux.keys(&["C-s"]);
    tmux.wait_for("the review", |s| s.contains(review));
    tmux.keys(&["Escape"]);
    tmux.wait_for("back to typing", |s| {
        s.contains(typing) && !s.contains(review)
    });
    tmux.keys(&["C-s"]);
    let s = tmux.wait_for("the review again", |s| s.contains(review));
    // Over capacity Enter does not record (point 3): this school is not.
    assert!(!s.contains("over capacity"), "{s}");
    tmux.keys(&["Enter"]);
    tmux.wait_for(saved, |s| s.contains(saved));
}

#[test]
fn form_keys_come_from_the_keymap_and_mean_the_same_in_every_form() {
    if !need_tmux() {
        return;
    }
    let b = Borough::new();
    let config = b.path().join("termly.toml");
    let mut text = std::fs::read_to_string(&config).unwrap();
    text.push_str("[keys.form]\n\"F2\" = \"form_next\"\n");
    std::fs::write(&config, text).unwrap();

    let tmux = Tmux::new("h14b-keys", "keys");
    tmux.start(&b.path(), Some("A. Chair"));
    tmux.open_meeting();
    tmux.keys(&["n"]);
    tmux.wait_for("item 1", |s| s.contains("item 1 of"));

    // Help lists the forms' keys, the override among them.
    tmux.keys(&["?"]);
    let line = help_line(&tmux, |l| l.contains("next step: done typing"))
        .expect("help lists the form's next-step key");
    assert!(line.contains("ctrl-s") && line.contains("F2"), "{line}");
    tmux.keys(&["Escape"]);
    tmux.wait_for("the grid", |s| s.contains("item 1 of"));

    // Defer: the overridden key moves on like Ctrl-S; typed letters (q, n, y) are text.
    tmux.keys(&["d"]);
    let s = tmux.wait_for("the defer form", |s| s.contains("step 1 of 2"));
    assert!(
        s.contains("Ctrl-S/F2 review"),
        "the form's hints follow the keymap:\n{s}"
    );
    tmux.text("quickly, not yet");
    tmux.keys(&["F2"]);
    tmux.wait_for("the review by F2", |s| s.contains("step 2 of 2: review"));
    tmux.keys(&["Escape"]);
    tmux.wait_for("back to typing", |s| s.contains("step 1 of 2"));
    review_back_record(
        &tmux,
        "step 2 of 2: review",
        "step 1 of 2",
        "saved decision #1",
    );

    // Note.
    tmux.keys(&["N"]);
    tmux.wait_for("the note form", |s| {
        s.contains("Note ") && s.contains("step 1 of 2")
    });
    tmux.text("Ask for the plan");
    review_back_record(
        &tmux,
        "step 2 of 2: review",
        "step 1 of 2",
        "saved decision #2",
    );

    // Recategorise: c, Enter (the suggestion), a rationale, Ctrl-S, Enter.
    tmux.keys(&["j", "c"]);
    tmux.wait_for("the picker", |s| s.contains("step 1 of 3"));
    tmux.keys(&["Enter"]);
    tmux.wait_for("the details", |s| s.contains("step 2 of 3"));
    tmux.text("As the policy suggests");
    review_back_record(&tmux, "step 3 of 3", "step 2 of 3", "saved decision #3");

    // Undo.
    tmux.keys(&["u"]);
    tmux.wait_for("the undo picker", |s| s.contains("Undo a decision"));
    tmux.keys(&["Enter"]);
    tmux.wait_for("the undo reason", |s| s.contains("Ctrl-S/F2 review"));
    tmux.text("wrong school");
    review_back_record(
        &tmux,
        "Enter undo it",
        "Ctrl-S/F2 review",
        "revoked decision #3",
    );

    // Add to the agenda.
    tmux.keys(&["G", "A"]);
    tmux.wait_for("the agenda prompt", |s| s.contains("Add to the agenda"));
    tmux.text("Raised by the LA");
    review_back_record(&tmux, "back to edit", "Ctrl-S/F2 review", "added URN");
}
