//! Issue 14, point 7: the detail pane leads with what the chair needs (the suggestion and
//! its reasons, this term's scores, this meeting's decisions), then the rest.

use super::chair_fixture::Borough;
use crate::common::tmux::{need_tmux, Tmux};

#[test]
fn the_detail_pane_leads_with_the_suggestion_and_this_meetings_decisions() {
    if !need_tmux() {
        return;
    }
    let b = Borough::new();
    let tmux = Tmux::new("h14-detail", "detail");
    tmux.start(&b.path(), Some("A. Chair"));
    tmux.open_meeting();
    tmux.wait_for("the meeting", |s| s.contains("items · 0 decided"));
    tmux.keys(&["n"]);
    tmux.wait_for("item 1", |s| s.contains("item 1 of"));
    tmux.keys(&["N"]);
    tmux.wait_for("the note form", |s| s.contains("Actions"));
    tmux.text("Ask the trust for its safeguarding plan");
    tmux.keys(&["Tab"]);
    tmux.text("SIP");
    tmux.keys(&["Tab"]);
    tmux.text("29/01/2099");
    tmux.keys(&["C-s"]);
    tmux.wait_for("the review", |s| s.contains("step 2 of 2: review"));
    tmux.keys(&["Enter"]);
    tmux.wait_for("the save", |s| s.contains("saved decision #1"));
    tmux.keys(&["Enter"]);
    let s = tmux.wait_for("the pane", |s| s.contains("This meeting's decisions · 1"));
    let at = |what: &str| s.find(what).unwrap_or_else(|| panic!("no {what}:\n{s}"));
    assert!(at("Suggestion") < at("This term ·"), "{s}");
    assert!(at("This term ·") < at("This meeting's decisions"), "{s}");
    assert!(
        !s.contains("Register") || at("This meeting's decisions") < at("Register"),
        "{s}"
    );
    // A note leaves the item open: the header still counts none decided.
    assert!(s.contains("0 decided") || s.contains("0 dec"), "{s}");
}
