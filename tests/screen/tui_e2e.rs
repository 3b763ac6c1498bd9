//! End to end: the real binary in a tmux pseudo-terminal, on the bundled fictional fixtures.
//! Moves, filters, reads the screen, quits, and checks the terminal was given back.

use crate::common::tmux::{need_tmux, Tmux};
use std::path::Path;
use std::process::Command;

#[test]
fn drives_the_real_binary_in_tmux() {
    if !need_tmux() {
        return;
    }
    let bin = env!("CARGO_BIN_EXE_termly");
    let dir = tempfile::tempdir().unwrap();
    let fx = dir.path().join("fx");
    let status = Command::new(bin)
        .args(["demo-data", "--fixtures", "--out"])
        .arg(&fx)
        .status()
        .unwrap();
    assert!(status.success());
    std::fs::write(
        dir.path().join("cfg.toml"),
        "[data]\nregister = \"fx/register.csv\"\nsupport = \"fx/support.csv\"\n\
         inspections = \"fx/inspections.csv\"\nscores = \"fx/scores\"\ndatabase = \"t.db\"\n\
         minutes = \"minutes\"\n[backup]\nfolder = \"backups\"\n",
    )
    .unwrap();
    let name = first_school_name(&fx.join("register.csv"));
    let word = name.split_whitespace().next().unwrap().to_string();

    let tmux = Tmux::new("e2e", "e2e");
    let cmd = format!(
        "cd '{}' && '{}' --config cfg.toml --chair 'A. Chair'; echo EXITED-$?; sleep 60",
        dir.path().display(),
        bin
    );
    tmux.new_session(120, 40, None, &cmd);
    tmux.open_meeting();
    let s = tmux.wait_for("the grid", |s| {
        s.contains("2026-27 Autumn") && s.contains("School")
    });
    assert!(s.contains("chair A. Chair"), "{s}");
    assert!(
        s.lines().any(|l| l.starts_with('▶')),
        "cursor row marked:\n{s}"
    );

    tmux.keys(&["j", "j"]);
    tmux.keys(&["/"]);
    tmux.text(&word);
    tmux.keys(&["Enter"]);
    // Filter mode ends (its hints go) once Enter is processed, after every typed key.
    let s = tmux.wait_for("the filter", |s| {
        s.contains("(filtered)") && !s.contains("Enter keep")
    });
    let body: Vec<&str> = s
        .lines()
        .filter(|l| l.starts_with('▶') || l.starts_with(' ') || l.starts_with('●'))
        .collect();
    assert!(s.contains(&word), "{s}");
    assert!(
        body.iter().any(|l| l.starts_with('▶') && l.contains(&word)),
        "cursor on a match:\n{s}"
    );

    tmux.keys(&["?"]);
    tmux.wait_for("help", |s| s.contains("Help · Esc closes"));
    tmux.keys(&["Escape"]);
    tmux.wait_for("help closed", |s| !s.contains("Help · Esc closes"));
    tmux.keys(&["q"]);
    let s = tmux.wait_for("exit", |s| s.contains("EXITED-"));
    assert!(s.contains("EXITED-0"), "{s}");
    assert!(!s.contains("School▲"), "alternate screen left:\n{s}");
}

fn first_school_name(register: &Path) -> String {
    let mut r = csv::Reader::from_path(register).unwrap();
    let headers = r.headers().unwrap().clone();
    let col = headers.iter().position(|h| h == "name").unwrap();
    let rec = r.records().next().unwrap().unwrap();
    rec[col].to_string()
}
