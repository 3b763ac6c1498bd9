//! Issue 14, point 1: a triaged agenda that fits the meeting. The papers split the agenda
//! into items for decision and for information (numbers run on); the header shows the
//! minutes the items left for decision need against the meeting's length, and a decision
//! takes its item's minutes off.

use super::chair_fixture::Borough;
use crate::common::tmux::{need_tmux, Tmux};

/// `≈180/120 min` → 180.
fn minutes_needed(screen: &str) -> u32 {
    let head = screen.lines().next().unwrap_or_default();
    let at = head.find('≈').expect("a time budget in the header");
    head[at + '≈'.len_utf8()..]
        .split('/')
        .next()
        .and_then(|n| n.trim().parse().ok())
        .unwrap_or_else(|| panic!("no minutes in {head}"))
}

#[test]
fn the_header_counts_the_minutes_the_decisions_left_need() {
    if !need_tmux() {
        return;
    }
    let b = Borough::new();
    let papers = {
        let (ok, out, err) = b.termly(&["snapshot", "--agenda"]);
        assert!(ok, "{err}");
        out
    };
    let decide_at = papers.find("For decision (").expect("decision items");
    let inform_at = papers.find("For information (").expect("information items");
    assert!(decide_at < inform_at, "decisions come first:\n{papers}");
    // A good new inspection is only for information.
    let information = &papers[inform_at..];
    assert!(
        information.contains("lowest grade strong standard"),
        "{papers}"
    );

    let tmux = Tmux::new("h14-triage", "triage");
    tmux.start(&b.path(), Some("A. Chair"));
    tmux.open_meeting();
    let s = tmux.wait_for("the budget", |s| s.contains("/120 min"));
    let before = minutes_needed(&s);
    assert_eq!(before % 6, 0, "six minutes an item:\n{s}");
    // Defer item 3: a deferral carries the school to the next meeting and closes the item.
    tmux.keys(&[":"]);
    tmux.wait_for("the item prompt", |s| s.contains("Go to which item"));
    tmux.text("3");
    tmux.keys(&["Enter"]);
    tmux.wait_for("item 3", |s| s.contains("item 3 of"));
    tmux.keys(&["d"]);
    tmux.wait_for("the defer form", |s| s.contains("Defer"));
    tmux.text("Awaiting the academy order");
    tmux.keys(&["C-s"]);
    tmux.wait_for("the review", |s| s.contains("step 2 of 2: review"));
    tmux.keys(&["Enter"]);
    let s = tmux.wait_for("the save", |s| s.contains("saved decision #1"));
    assert_eq!(
        minutes_needed(&s),
        before - 6,
        "a deferral closes its item:\n{s}"
    );
}
