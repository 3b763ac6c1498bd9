//! Issue 14, point 2: the agenda stays put. Items are numbered when the meeting opens, the
//! numbers survive a decision that takes a school off the policy's agenda, a SIGKILL and a
//! re-sort; `n` walks agenda order from the current item whatever the sort; `:N` goes to
//! item N; the printed papers use the same numbers.

use super::chair_fixture::{cursor_line, first_row, grid_name, Borough};
use crate::common::tmux::{need_tmux, Tmux};

#[test]
fn agenda_numbers_survive_a_kill_and_a_resort() {
    if !need_tmux() {
        return;
    }
    let b = Borough::new();
    let tmux = Tmux::new("h14-agenda", "agenda");
    tmux.start(&b.path(), Some("A. Chair"));
    tmux.open_meeting();
    tmux.wait_for("the meeting", |s| s.contains("items · 0 decided"));
    let papers = b.papers();
    assert!(papers.len() > 8, "{papers:?}");
    let (_, first_urn, first_name) = papers[0].clone();

    // Item 1 takes its suggestion: the policy no longer lists it, but it keeps number 1.
    let (ok, _, err) = b.termly(&[
        "decide",
        "--urn",
        &first_urn.to_string(),
        "--kind",
        "recategorise",
        "--to",
        "intensive_b",
        "--rationale",
        "as the policy suggests",
    ]);
    assert!(ok, "{err}");
    tmux.wait_for("the decision", |s| s.contains("1 decided"));
    assert_eq!(b.papers(), papers, "the papers keep their numbers");

    tmux.kill_9();
    let tmux = Tmux::new("h14-agenda2", "agenda2");
    tmux.start(&b.path(), Some("A. Chair"));
    tmux.wait_for("the resumed meeting", |s| s.contains("1 decided"));

    // The screen opens in agenda order: rows in item order, item 1 first.
    tmux.keys(&["g"]);
    let s = tmux.wait_for("the top", |s| first_row(s).starts_with('▶'));
    assert!(
        cursor_line(&s).contains(&grid_name(&first_name)),
        "item 1 first:\n{s}"
    );

    // Sort by something else, go to item 6, and `n` goes to item 7.
    tmux.keys(&["<"]);
    tmux.wait_for("the flags sort", |s| s.contains("sorted by flags"));
    tmux.keys(&[":"]);
    tmux.wait_for("the item prompt", |s| s.contains("Go to which item"));
    tmux.text("6");
    tmux.keys(&["Enter"]);
    let s = tmux.wait_for("item 6", |s| s.contains("item 6 of"));
    assert!(cursor_line(&s).contains(&grid_name(&papers[5].2)), "{s}");
    tmux.keys(&["n"]);
    let s = tmux.wait_for("item 7", |s| s.contains("item 7 of"));
    assert!(cursor_line(&s).contains(&grid_name(&papers[6].2)), "{s}");

    // The cursor wanders; `p` still goes from item 7 to item 6.
    tmux.keys(&["g", "j", "j"]);
    tmux.keys(&["p"]);
    let s = tmux.wait_for("item 6 again", |s| s.contains("item 6 of"));
    assert!(cursor_line(&s).contains(&grid_name(&papers[5].2)), "{s}");
}

#[test]
fn agenda_papers_print_the_agenda_alone_unless_asked() {
    let b = Borough::new();
    let (ok, alone, err) = b.termly(&["snapshot", "--agenda"]);
    assert!(ok, "{err}");
    assert!(alone.contains("\nAgenda\nFor decision ("), "{alone}");
    assert!(alone.contains("\nFor information ("), "{alone}");
    assert!(!alone.contains("Scores:"), "no heat map:\n{alone}");
    let (ok, both, err) = b.termly(&["snapshot", "--agenda", "--with-heatmap"]);
    assert!(ok, "{err}");
    assert!(
        both.contains("Scores:") && both.contains("\nAgenda\nFor decision ("),
        "{both}"
    );
}
