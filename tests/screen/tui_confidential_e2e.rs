//! Confidential comments end to end, in the real binary in a tmux pseudo-terminal on the
//! bundled fictional fixtures: hidden on the screen until R, shown for that school only and
//! hidden again on the next; never in `termly snapshot` without --include-confidential; never
//! copied into the minutes, even for a school decided while its comment was on show.

use crate::common::files::copy_dir;
use crate::common::tmux::{need_tmux, Tmux};
use std::path::Path;
use std::process::Command;

const URN: &str = "100007";
const HR_COMMENT: &str = "Head on sick leave since October";
const HIDDEN: &str = "confidential — press R to reveal";

fn termly(dir: &Path, args: &[&str]) -> String {
    let out = Command::new(env!("CARGO_BIN_EXE_termly"))
        .current_dir(dir)
        .args(["--config", "cfg.toml"])
        .args(args)
        .output()
        .unwrap();
    assert!(
        out.status.success(),
        "{args:?}: {}",
        String::from_utf8_lossy(&out.stderr)
    );
    String::from_utf8(out.stdout).unwrap()
}

#[test]
fn r_reveals_for_one_school_and_nothing_leaks_into_print() {
    if !need_tmux() {
        return;
    }
    let dir = tempfile::tempdir().unwrap();
    copy_dir(
        &Path::new(env!("CARGO_MANIFEST_DIR")).join("fixtures"),
        &dir.path().join("fx"),
    );
    std::fs::write(
        dir.path().join("cfg.toml"),
        "[data]\nregister = \"fx/register.csv\"\nsupport = \"fx/support.csv\"\n\
         inspections = \"fx/inspections.csv\"\nscores = \"fx/scores\"\ndatabase = \"t.db\"\n\
         minutes = \"minutes\"\n[backup]\nfolder = \"backups\"\n",
    )
    .unwrap();
    let hr = std::fs::read_to_string(dir.path().join("fx/scores/2026-27-autumn/hr.csv")).unwrap();
    assert!(
        hr.contains(&format!("{URN},2,{HR_COMMENT}")),
        "fixture changed"
    );

    let tmux = Tmux::new("h16conf", "h16conf");
    let cmd = format!(
        "cd '{}' && '{}' --config cfg.toml --chair 'A. Chair'; echo EXITED-$?; sleep 60",
        dir.path().display(),
        env!("CARGO_BIN_EXE_termly")
    );
    tmux.new_session(120, 40, None, &cmd);
    tmux.open_meeting();
    tmux.wait_for("the grid", |s| {
        s.contains("2026-27 Autumn") && s.contains("School")
    });
    // Put the cursor on the school, then clear the filter (the cursor stays on it).
    tmux.keys(&["/"]);
    tmux.text(URN);
    tmux.keys(&["Enter"]);
    tmux.wait_for("the filter", |s| s.contains("1 of 70 schools"));
    tmux.keys(&["/"]);
    for _ in 0..URN.len() {
        tmux.keys(&["BSpace"]);
    }
    tmux.keys(&["Enter"]);
    tmux.wait_for("all schools", |s| s.contains("70 of 70 schools"));

    tmux.keys(&["Enter"]);
    let s = tmux.wait_for("the detail pane", |s| s.contains(&format!("URN {URN}")));
    assert!(s.contains(HIDDEN) && !s.contains(HR_COMMENT), "{s}");

    tmux.keys(&["R"]);
    let s = tmux.wait_for("the reveal", |s| s.contains(HR_COMMENT));
    assert!(
        s.contains("confidential comments shown for"),
        "status says so:\n{s}"
    );

    // Decided while on show: the minutes must still not carry it.
    tmux.keys(&["x"]);
    tmux.wait_for("the confirm form", |s| {
        s.contains("Confirm ") && s.contains("┏")
    });
    // The policy suggests more than Core: confirming departs from it and needs a reason.
    tmux.text("Reviewed with the attendance team");
    tmux.keys(&["Enter"]);
    tmux.wait_for("the save", |s| s.contains("saved decision #"));

    tmux.keys(&["J"]);
    let s = tmux.wait_for("the next school", |s| {
        !s.contains(&format!("URN {URN}")) && s.contains("URN ")
    });
    assert!(!s.contains(HR_COMMENT), "hidden on the next school:\n{s}");
    assert!(!s.contains("confidential comments shown for"), "{s}");
    tmux.keys(&["K"]);
    let s = tmux.wait_for("back again", |s| {
        s.contains(&format!("URN {URN}")) && s.contains(HIDDEN)
    });
    assert!(s.contains(HIDDEN) && !s.contains(HR_COMMENT), "{s}");

    // One key at a time: Escape and q sent together read as alt-q.
    tmux.keys(&["Escape"]);
    tmux.wait_for("the pane closed", |s| !s.contains(&format!("URN {URN}")));
    tmux.keys(&["q"]);
    tmux.wait_for("exit", |s| s.contains("EXITED-0"));

    let d = dir.path();
    assert!(!termly(d, &["snapshot"]).contains(HR_COMMENT));
    let papers = termly(d, &["snapshot", "--comments"]);
    assert!(!papers.contains(HR_COMMENT), "{papers}");
    assert!(papers.contains("Team comments") && papers.contains("confidential"));
    let md = termly(d, &["snapshot", "--comments", "--format", "md"]);
    assert!(!md.contains(HR_COMMENT), "{md}");
    let private = termly(d, &["snapshot", "--include-confidential"]);
    assert!(private.contains(HR_COMMENT), "{private}");
    assert!(!termly(d, &["history", URN]).contains(HR_COMMENT));

    let minutes = termly(d, &["export", "--with-heatmap"]);
    assert!(
        minutes.contains(URN),
        "the decision is in the minutes:\n{minutes}"
    );
    assert!(!minutes.contains(HR_COMMENT), "{minutes}");
}
