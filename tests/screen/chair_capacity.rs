//! Issue 14, point 3: capacity cannot be overspent unseen. The header shows every
//! configured capacity; the recategorise review shows each before → after; a decision
//! that takes one over capacity says so and needs `o` (Enter does not record it); the
//! minutes list the over-commitment.

use super::chair_fixture::Borough;
use crate::common::tmux::{need_tmux, Tmux};

#[test]
fn an_over_capacity_recategorisation_needs_its_extra_key() {
    if !need_tmux() {
        return;
    }
    let b = Borough::new();
    let tmux = Tmux::new("h14-cap", "cap");
    tmux.start(&b.path(), Some("A. Chair"));
    tmux.open_meeting();
    // Every configured capacity and the time budget, in the header.
    tmux.wait_for("the header", |s| {
        let head = s.lines().next().unwrap_or_default();
        head.contains("34/36") && head.contains("LaMA 308/400") && head.contains("/120 min")
    });

    // Item 1 is at Core; the policy suggests at least Intensive B (three reviews a year).
    tmux.go_to_item(1);
    let s = tmux.recategorise_to_suggestion("Safeguarding not met at inspection");
    assert!(
        s.contains("one-day reviews a year 34 → 37 of 36 (1 over)"),
        "{s}"
    );
    assert!(s.contains("LaMA hours a term 308 → 322 of 400"), "{s}");
    assert!(s.contains("over capacity"), "{s}");

    tmux.keys(&["Enter"]);
    std::thread::sleep(std::time::Duration::from_millis(400));
    let s = tmux.screen();
    assert!(
        s.contains("step 3 of 3") && !s.contains("saved decision"),
        "Enter alone records nothing:\n{s}"
    );
    tmux.keys(&["o"]);
    tmux.wait_for("the save", |s| s.contains("saved decision #1"));
    tmux.wait_for("the header's mark", |s| {
        s.lines().next().unwrap_or_default().contains("▲37/36")
    });

    tmux.keys(&["E"]);
    tmux.wait_for("the minutes", |s| s.contains("minutes written"));
    let md = crate::common::files::written_minutes(&b.path());
    assert!(md.contains("## Over-commitments of capacity"), "{md}");
    assert!(md.contains("reviews a year 34 → 37 of 36 (1 over)"), "{md}");
}
