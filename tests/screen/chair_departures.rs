//! Issue 14, point 4: decisions a council can defend. A confirm below the policy's "at
//! least" is refused without a reason, is marked `!` on the grid once given one, and is
//! listed in the minutes under "Departures from the policy"; a second category decision on
//! the same school asks first; an undo says "revoked decision #N".

use super::chair_fixture::{cursor_line, grid_name, Borough};
use crate::common::tmux::{need_tmux, Tmux};

#[test]
fn a_departure_needs_its_reason_and_a_second_decision_asks() {
    if !need_tmux() {
        return;
    }
    let b = Borough::new();
    let papers = b.papers();
    // Item 1 of the bundled borough is at Core while the policy says at least Intensive B.
    let (_, _, name) = papers[0].clone();
    let tmux = Tmux::new("h14-depart", "depart");
    tmux.start(&b.path(), Some("A. Chair"));
    tmux.open_meeting();
    tmux.wait_for("the meeting", |s| s.contains("items · 0 decided"));
    tmux.keys(&[":"]);
    tmux.wait_for("the item prompt", |s| s.contains("Go to which item"));
    tmux.text("1");
    tmux.keys(&["Enter"]);
    tmux.wait_for("item 1", |s| s.contains("item 1 of"));

    tmux.keys(&["x"]);
    tmux.wait_for("the warning", |s| s.contains("departs from the policy"));
    tmux.keys(&["Enter"]);
    let s = tmux.wait_for("the refusal", |s| s.contains("give the reason"));
    assert!(s.contains("0 decided"), "nothing recorded:\n{s}");

    tmux.text("new head starts in January");
    tmux.keys(&["Enter"]);
    let s = tmux.wait_for("the save", |s| s.contains("saved decision #1"));
    let row = cursor_line(&s);
    let after_category = row.split(" Core").nth(1).unwrap_or_default();
    assert!(
        row.contains(&grid_name(&name)) && after_category.trim_start().starts_with('!'),
        "the departure is marked !:\n{s}"
    );

    // A second confirm asks first, showing the earlier decision; `n` keeps it.
    tmux.keys(&["x"]);
    let s = tmux.wait_for("the question", |s| s.contains("Already decided"));
    assert!(s.contains("#1 confirm Core"), "{s}");
    tmux.keys(&["n"]);
    tmux.wait_for("the question gone", |s| !s.contains("Already decided"));

    // Undo reports the decision it revoked.
    tmux.keys(&["u"]);
    tmux.wait_for("the undo picker", |s| s.contains("Undo a decision"));
    tmux.keys(&["Enter"]);
    tmux.wait_for("the undo reason", |s| s.contains("Reason for undoing"));
    tmux.text("wrong school");
    tmux.keys(&["C-s"]);
    tmux.wait_for("the review", |s| s.contains("Enter undo it"));
    tmux.keys(&["Enter"]);
    tmux.wait_for("the undo", |s| s.contains("revoked decision #1"));

    tmux.keys(&["E"]);
    tmux.wait_for("the minutes", |s| s.contains("minutes written"));
    let md = crate::common::files::written_minutes(&b.path());
    assert!(md.contains("## Departures from the policy"), "{md}");
    assert!(md.contains("new head starts in January"), "{md}");
    assert!(md.contains("revoked by #2"), "{md}");
}
