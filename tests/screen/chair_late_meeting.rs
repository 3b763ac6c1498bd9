//! Issue 22: a term's meeting held after the term has ended, as councils often hold it.
//! The real binary runs under `faketime` on 20 January 2027 and chairs the 2026-27 Autumn
//! meeting: the opening question says the day and that the decisions count in Autumn; a
//! recategorisation moves the header's capacity and the school's row in the grid at once;
//! `snapshot` for Autumn and `history` agree.

use super::chair_fixture::Borough;
use crate::common::tmux::{need_tmux, Tmux};
use crate::common::tools::need;

const LATE: &str = "2027-01-20 10:00:00";

#[test]
fn a_meeting_held_after_its_term_records_into_that_term() {
    if !need_tmux() || !need("faketime", "--version") {
        return;
    }
    let b = Borough::new();
    let papers = b.papers();
    let (_, urn, name) = papers.first().cloned().expect("an agenda");
    let tmux = Tmux::new("h22-late", "late");
    let cmd = format!(
        "cd '{}' && exec faketime '{LATE}' '{}' --config termly.toml --term '2026-27 autumn' --chair 'A. Chair'",
        b.path().display(),
        env!("CARGO_BIN_EXE_termly"),
    );
    tmux.new_session(120, 40, None, &cmd);
    let s = tmux.wait_for("the opening question", |s| s.contains("Open the meeting"));
    assert!(
        s.contains("held on Wednesday 20 January 2027")
            && s.contains(
                "That day is after 2026-27 Autumn; its decisions count in 2026-27 Autumn."
            ),
        "{s}"
    );
    tmux.keys(&["y"]);
    let s = tmux.wait_for("the meeting", |s| s.contains("meeting #1"));
    let head = s.lines().next().unwrap_or_default().to_string();
    assert!(
        head.contains("LaMA 308/400") && head.contains("34/36"),
        "{head}"
    );
    let row = |s: &str| {
        s.lines()
            .find(|l| l.contains(&name[..name.len().min(20)]))
            .unwrap_or_default()
            .to_string()
    };

    // Item 1: Core, the policy suggests Intensive B; recategorise to the suggestion.
    tmux.keys(&[":"]);
    tmux.wait_for("the item prompt", |s| s.contains("Go to which item"));
    tmux.text("1");
    tmux.keys(&["Enter"]);
    let s = tmux.wait_for("item 1", |s| s.contains("item 1 of"));
    assert!(row(&s).contains("Core"), "{}", row(&s));
    tmux.keys(&["c"]);
    tmux.wait_for("the picker", |s| s.contains("step 1 of 3"));
    tmux.keys(&["Enter"]);
    tmux.wait_for("the details", |s| s.contains("step 2 of 3"));
    tmux.text("Safeguarding not met at inspection");
    tmux.keys(&["C-s"]);
    let s = tmux.wait_for("the review", |s| s.contains("step 3 of 3"));
    assert!(s.contains("LaMA hours a term 308 → 322 of 400"), "{s}");
    tmux.keys(&["o"]);
    // The header and the grid move together, in the same frame.
    let s = tmux.wait_for("the save, header and grid", |s| {
        let head = s.lines().next().unwrap_or_default();
        s.contains("saved decision #1") && head.contains("LaMA 322/400") && head.contains("▲37/36")
    });
    assert!(
        row(&s).contains("Int B"),
        "the grid says the new category: {}",
        row(&s)
    );
    tmux.keys(&["q"]);

    // The papers for Autumn and the school's history read the same record.
    let (ok, out, err) = b.termly(&["snapshot", "--term", "2026-27 autumn"]);
    assert!(ok, "{err}");
    let line = out
        .lines()
        .find(|l| l.contains(&urn.to_string()))
        .unwrap_or_default();
    assert!(line.contains("Int B"), "{line}");
    let (ok, out, err) = b.termly(&["history", &urn.to_string()]);
    assert!(ok, "{err}");
    assert!(
        out.contains("from 2026-27 Autumn  decision #1 at meeting #1, held 20 Jan 2027"),
        "{out}"
    );
    assert!(
        out.contains("#1    2026-27 Autumn  meeting #1 held 20 Jan 2027"),
        "{out}"
    );
}
