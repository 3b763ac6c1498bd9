//! Issue 14, point 6: one key, one meaning. Forms read their keys from the keymap's `form`
//! mode, so a `[keys.form]` override works and help lists it; Ctrl-S moves on to the review,
//! Enter records there and Esc goes back, in recategorise, defer, note, undo and
//! add-to-agenda alike; letters typed in a field stay text. The category picker's keys
//! (`[keys.picker]`) and the over-capacity review's extra key (`[keys.over_capacity]`) come
//! from the same table: overridden, the old keys do nothing and help lists the new ones.

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
    text.push_str("[keys.picker]\n\"w\" = \"down\"\n\"j\" = \"none\"\n");
    text.push_str("[keys.over_capacity]\n\"!\" = \"record_over_capacity\"\n\"o\" = \"none\"\n");
    std::fs::write(&config, text).unwrap();

    let tmux = Tmux::new("h14b-keys", "keys");
    tmux.start(&b.path(), Some("A. Chair"));
    tmux.open_meeting();
    // The walk below moves by name order (`s` from the agenda order the screen opens on).
    tmux.keys(&["s"]);
    tmux.wait_for("name order", |s| s.contains("sorted by name"));
    tmux.keys(&["n"]);
    tmux.wait_for("item 1", |s| s.contains("item 1 of"));

    // Help lists the forms' keys, the override among them.
    tmux.keys(&["?"]);
    let line = help_line(&tmux, |l| l.contains("next step: done typing"))
        .expect("help lists the form's next-step key");
    assert!(line.contains("ctrl-s") && line.contains("F2"), "{line}");
    let line = help_line(&tmux, |l| l.contains("although it takes the service over"))
        .expect("help lists the over-capacity key");
    // The help box sits over the grid: its row is the part between the box's borders.
    let row = line.split('│').find(|p| p.contains("although")).unwrap();
    let keys: Vec<&str> = row.trim().split("  ").next().unwrap().split(' ').collect();
    assert!(keys.contains(&"!") && !keys.contains(&"o"), "{line}");
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
    // One action: what, Tab, who, Tab, by when.
    tmux.text("Ask for the plan");
    tmux.keys(&["Tab"]);
    tmux.text("SIP");
    tmux.keys(&["Tab"]);
    tmux.text("29/01/2099");
    review_back_record(
        &tmux,
        "step 2 of 2: review",
        "step 1 of 2",
        "saved decision #2",
    );

    // Recategorise: c, Enter (the pre-selected category), a rationale, Ctrl-S, Enter. In the
    // picker the override w moves down, k moves up and the unbound j does nothing.
    tmux.keys(&["j", "c"]);
    let s = tmux.wait_for("the picker", |s| s.contains("step 1 of 3"));
    let selected = |s: &str| {
        s.lines()
            .find_map(|l| l.split_once("┃▶ ").map(|(_, row)| row.to_string()))
            .unwrap_or_default()
    };
    let first = selected(&s);
    assert!(first.starts_with("1 Core"), "{s}");
    tmux.keys(&["w"]);
    tmux.wait_for("w moves down", |s| selected(s).starts_with("2 "));
    tmux.keys(&["k"]);
    tmux.wait_for("k moves up", |s| selected(s) == first);
    tmux.keys(&["j"]);
    std::thread::sleep(std::time::Duration::from_millis(300));
    assert_eq!(selected(&tmux.screen()), first, "j is unbound");
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

    // Over capacity (item 2 goes from Core to Intensive B, three more reviews than the
    // service has): Enter and the unbound o record nothing; the override ! records it.
    tmux.go_to_item(2);
    let s = tmux.recategorise_to_suggestion("Safeguarding not met at inspection");
    assert!(s.contains("Press ! to record it all the"), "{s}");
    assert!(s.contains("! record it over capacity"), "{s}");
    tmux.keys(&["Enter", "o"]);
    std::thread::sleep(std::time::Duration::from_millis(400));
    let s = tmux.screen();
    assert!(
        s.contains("step 3 of 3") && !s.contains("saved decision #5"),
        "Enter and o record nothing:\n{s}"
    );
    tmux.keys(&["!"]);
    tmux.wait_for("the save", |s| s.contains("saved decision #5"));
}
