//! Issue 27: what a first meeting trips on, checked on the real binary at 160×45 and 100×30.
//! Each test reads the screen and fails on the old behaviour: messages glued together, a
//! narrow help box that cuts its rows, a one-line note scrolled sideways, labels in another
//! date format, forms that record by different rules, a question that does not say what `y`
//! does, and a first screen in name order.

use super::chair_fixture::{cursor_line, first_row, grid_name, Borough};
use crate::common::tmux::{need_tmux, Tmux};

const SIZES: [(u16, u16); 2] = [(160, 45), (100, 30)];

/// termly on the borough at `w`×`h`, the meeting open.
fn opened(b: &Borough, tag: &str, w: u16, h: u16) -> Tmux {
    let tmux = Tmux::new(&format!("p27-{tag}-{w}"), &format!("{tag}{w}"));
    tmux.start(&b.path(), Some("A. Chair"));
    tmux.resize_window(w, h);
    tmux.open_meeting();
    tmux
}

/// The screen's bottom two lines: the status line and the hints.
fn status_line(screen: &str) -> String {
    let lines: Vec<&str> = screen.lines().collect();
    lines[lines.len().saturating_sub(2)].to_string()
}

#[test]
fn one_status_message_at_a_time() {
    if !need_tmux() {
        return;
    }
    for (w, h) in SIZES {
        let b = Borough::new();
        let tmux = opened(&b, "status", w, h);
        tmux.keys(&["R"]);
        let s = tmux.wait_for("the reveal notice", |s| s.contains("hidden when you move"));
        assert!(
            status_line(&s).contains("confidential comments shown"),
            "{s}"
        );
        tmux.keys(&["S"]);
        let s = tmux.wait_for("the newer message", |s| s.contains("sorted by"));
        let line = status_line(&s);
        assert!(
            !line.contains("hidden when you move"),
            "the older notice is not glued to the newer message at {w}×{h}:\n{line}"
        );
    }
}

#[test]
fn help_uses_the_width_and_cuts_no_row() {
    if !need_tmux() {
        return;
    }
    for (w, h) in SIZES {
        let b = Borough::new();
        let tmux = opened(&b, "help", w, h);
        tmux.keys(&["?"]);
        let s = tmux.wait_for("help", |s| s.contains("Help · Esc closes"));
        let top = s.lines().find(|l| l.contains("Help · Esc closes")).unwrap();
        let box_w = top
            .chars()
            .skip_while(|&c| c != '┌')
            .take_while(|&c| c != '┐')
            .count()
            + 1;
        assert!(
            box_w as u16 >= w - 4,
            "the box takes the width ({box_w} of {w}):\n{s}"
        );
        let left = top.chars().position(|c| c == '┌').unwrap();
        for l in s.lines() {
            let inside: String = l.chars().skip(left + 1).take(box_w - 2).collect();
            assert!(!inside.contains('…'), "a help row is cut at {w}×{h}:\n{s}");
        }
        assert!(
            s.contains("hidden again when you move)") || s.contains("when you move)"),
            "the reveal row ends whole at {w}×{h}:\n{s}"
        );
    }
}

#[test]
fn actions_list_shows_whole_owners() {
    if !need_tmux() {
        return;
    }
    for (w, h) in SIZES {
        let b = Borough::new();
        let tmux = opened(&b, "actions", w, h);
        let papers = b.papers();
        let (ok, _, err) = b.termly(&[
            "decide",
            "--urn",
            &papers[0].1.to_string(),
            "--kind",
            "note",
            "--action",
            "Ask for the plan | R. Singh (Finance) | 29/01/2099",
        ]);
        assert!(ok, "{err}");
        tmux.wait_for("the decision", |s| {
            s.contains("1 decided") || s.contains("#1")
        });
        tmux.keys(&["o"]);
        let s = tmux.wait_for("the actions list", |s| s.contains("Open actions"));
        assert!(
            s.contains("R. Singh (Finance)"),
            "the owner is whole at {w}×{h}:\n{s}"
        );
    }
}

#[test]
fn a_long_note_wraps_and_its_start_stays_in_sight() {
    if !need_tmux() {
        return;
    }
    let note = "Governors asked for the attendance figures to be checked again before the spring \
                term visit, and the head agreed to send them by the end of the month";
    for (w, h) in SIZES {
        let b = Borough::new();
        let tmux = opened(&b, "note", w, h);
        tmux.keys(&["x"]);
        tmux.wait_for("the confirm form", |s| s.contains("Confirm "));
        tmux.text(note);
        let s = tmux.wait_for("the note typed", |s| s.contains("end of the month"));
        assert!(
            s.contains("Governors asked"),
            "the start of the note is in sight while typing at {w}×{h}:\n{s}"
        );
        assert!(
            s.contains("Ctrl-S review") && s.contains("Enter record"),
            "the hint line says the one rule:\n{s}"
        );
        tmux.keys(&["Enter"]);
        tmux.wait_for("the save", |s| s.contains("saved decision #1"));
    }
}

#[test]
fn dates_are_labelled_dd_mm_yyyy_everywhere() {
    if !need_tmux() {
        return;
    }
    for (w, h) in SIZES {
        let b = Borough::new();
        let tmux = opened(&b, "dates", w, h);
        tmux.keys(&["i"]);
        let s = tmux.wait_for("meeting details", |s| s.contains("Next meeting ("));
        assert!(
            s.contains("Next meeting (dd/mm/yyyy)") && !s.contains("yyyy-mm-dd"),
            "{s}"
        );
        tmux.keys(&["Tab"]);
        tmux.text("2027-03-20");
        tmux.keys(&["Enter"]);
        tmux.wait_for("saved", |s| s.contains("next meeting saved"));
        tmux.keys(&["d"]);
        let s = tmux.wait_for("the defer form", |s| s.contains("Revisit by"));
        assert!(s.contains("dd/mm/yyyy") && !s.contains("yyyy-mm-dd"), "{s}");
    }
}

#[test]
fn every_form_records_by_one_rule() {
    if !need_tmux() {
        return;
    }
    for (w, h) in SIZES {
        let b = Borough::new();
        let tmux = opened(&b, "rule", w, h);
        // Confirm at the policy (the last school, with no suggestion): x Enter, as ever.
        tmux.keys(&["G", "x", "Enter"]);
        tmux.wait_for("the confirm", |s| s.contains("saved decision #1"));
        // Undo: pick, a reason, Enter in the last field records (no Ctrl-S needed).
        tmux.keys(&["u"]);
        tmux.wait_for("the undo picker", |s| s.contains("Undo a decision"));
        tmux.keys(&["Enter"]);
        let s = tmux.wait_for("the reason", |s| s.contains("Ctrl-S review"));
        assert!(s.contains("Enter record"), "{s}");
        tmux.text("wrong school");
        tmux.keys(&["Enter"]);
        tmux.wait_for("the undo", |s| s.contains("revoked decision #1"));
        // Add to the agenda: the same.
        tmux.keys(&["G", "A"]);
        tmux.wait_for("the agenda prompt", |s| s.contains("Add to the agenda"));
        tmux.text("Raised by the LA");
        tmux.keys(&["Enter"]);
        tmux.wait_for("added", |s| s.contains("added URN"));
        // Defer: Ctrl-S from the first field goes to the review, Enter there records.
        tmux.keys(&["d"]);
        tmux.wait_for("the defer form", |s| s.contains("step 1 of 2"));
        tmux.text("Waiting for the inspection report");
        tmux.keys(&["C-s"]);
        tmux.wait_for("the review", |s| s.contains("step 2 of 2: review"));
        tmux.keys(&["Enter"]);
        tmux.wait_for("the deferral", |s| s.contains("saved decision #3"));
    }
}

#[test]
fn the_opening_question_says_what_y_does() {
    if !need_tmux() {
        return;
    }
    for (w, h) in SIZES {
        let b = Borough::new();
        let tmux = Tmux::new(&format!("p27-open-{w}"), &format!("open{w}"));
        tmux.start(&b.path(), Some("A. Chair"));
        tmux.resize_window(w, h);
        let s = tmux.wait_for("the question", |s| {
            s.contains("Open the meeting") && s.contains("only views")
        });
        for said in [
            "No meeting is open for 2026-27 Autumn",
            "Nothing is recorded until you press y",
            "held on",
            "under the chair's name: A. Chair",
            "n only views",
        ] {
            assert!(s.contains(said), "{said} at {w}×{h}:\n{s}");
        }
        let path = format!("/tmp/issue27-question-{w}x{h}.txt");
        std::fs::write(&path, &s).unwrap();
        tmux.keys(&["y"]);
        let s = tmux.wait_for("the meeting", |s| s.contains("meeting #"));
        std::fs::write(format!("/tmp/issue27-first-screen-{w}x{h}.txt"), &s).unwrap();
    }
}

#[test]
fn the_first_screen_is_the_agenda_with_the_cursor_on_item_1() {
    if !need_tmux() {
        return;
    }
    for (w, h) in SIZES {
        let b = Borough::new();
        let papers = b.papers();
        let tmux = opened(&b, "first", w, h);
        let s = tmux.wait_for("the grid", |s| first_row(s).starts_with('▶'));
        assert!(
            cursor_line(&s).contains(&grid_name(&papers[0].2)),
            "item 1 under the cursor at {w}×{h}:\n{s}"
        );
        // Name order is one key away.
        tmux.keys(&["s"]);
        tmux.wait_for("name order", |s| s.contains("sorted by name"));
    }
}

#[test]
fn every_help_lists_every_format() {
    let b = Borough::new();
    for (command, formats) in [
        ("snapshot", &["text", "md", "xlsx"][..]),
        ("export", &["md", "toml", "xlsx"][..]),
        ("actions", &["text", "md", "csv", "xlsx"][..]),
    ] {
        let (ok, out, err) = b.termly(&[command, "--help"]);
        assert!(ok, "{err}");
        for f in formats {
            assert!(
                out.contains(&format!("- {f}:")),
                "{command} --help lists {f}:\n{out}"
            );
        }
        let first = out.lines().next().unwrap_or_default();
        assert!(
            formats.iter().all(|f| first.contains(f)),
            "{command}'s summary names every format: {first}"
        );
    }
    let readme =
        std::fs::read_to_string(concat!(env!("CARGO_MANIFEST_DIR"), "/README.md")).unwrap();
    for (command, formats) in [
        ("snapshot", "text\\|md\\|xlsx"),
        ("export", "md\\|toml\\|xlsx"),
        ("actions", "text\\|md\\|csv\\|xlsx"),
    ] {
        let row = readme
            .lines()
            .find(|l| l.starts_with(&format!("| `termly {command}")))
            .unwrap();
        assert!(row.contains(formats), "{row}");
    }
}

#[test]
fn help_at_160_columns_wraps_and_cuts_nothing() {
    use termly::tui::help::{box_width, help_lines, wrapped_lines};
    let keymap = termly::tui::Keymap::defaults();
    let lines = wrapped_lines(&keymap, box_width(160));
    let text: String = lines.iter().map(|(_, l)| format!("{l}\n")).collect();
    assert!(!text.contains('…'), "{text}");
    assert!(
        lines.iter().all(|(_, l)| l.chars().count() <= 153),
        "{text}"
    );
    let words = |t: &str| t.split_whitespace().map(String::from).collect::<Vec<_>>();
    let whole: String = help_lines(&keymap)
        .into_iter()
        .map(|(_, l)| l + "\n")
        .collect();
    assert_eq!(words(&whole), words(&text), "every word is kept");
    insta::assert_snapshot!("help_160_columns", text);
}
