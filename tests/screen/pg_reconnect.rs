//! A dropped connection mid-meeting: the real binary in tmux on a PostgreSQL server of the
//! test's own (never the shared one), a confirm form open with its rationale typed, and the
//! server stopped under it. The screen says the database is unreachable and keeps trying,
//! without spinning; the save says so too and keeps the form and its text; once the server
//! is back the screen recovers by itself and the same save, tried again, records it.

use crate::common::files::good_borough;
use crate::common::tmux::{need_tmux, Tmux};
use crate::pg_live::{import_into, select};
use crate::pg_support::{self, OwnServer};
use std::time::Duration;
use termly::store::{Location, Store};

const NOTICE: &str = "database unreachable — retrying";
const WHY: &str = "Typed before the server went away";

/// CPU time (user + system) the process has used so far.
fn cpu_time(pid: &str) -> Duration {
    let stat = std::fs::read_to_string(format!("/proc/{pid}/stat")).unwrap();
    // Fields after the command name (which is in parentheses and may hold spaces).
    let after = &stat[stat.rfind(')').unwrap() + 2..];
    let fields: Vec<&str> = after.split_whitespace().collect();
    // utime and stime are fields 14 and 15 of the whole line: 11 and 12 after the name.
    let ticks: u64 = fields[11].parse::<u64>().unwrap() + fields[12].parse::<u64>().unwrap();
    let per_second = std::process::Command::new("getconf")
        .arg("CLK_TCK")
        .output()
        .ok()
        .and_then(|o| {
            String::from_utf8_lossy(&o.stdout)
                .trim()
                .parse::<u64>()
                .ok()
        })
        .unwrap_or(100);
    Duration::from_millis(ticks * 1000 / per_second)
}

#[test]
fn a_server_restart_mid_form_keeps_the_text_and_the_retry_saves_it() {
    if !need_tmux() {
        return;
    }
    let Some(mut own) = OwnServer::start() else {
        return;
    };
    let url = pg_support::fresh_database(&own.url(), "reconnect");
    let dir = good_borough();
    import_into(dir.path(), &url);
    let tmux = Tmux::new("pgreconnect", "reconnect");
    tmux.start_on(dir.path(), &url, Some("A. Chair"));
    tmux.open_meeting();
    select(&tmux, "900004");
    tmux.keys(&["x"]);
    tmux.wait_for("the confirm form", |s| s.contains("Confirm Dunmore"));
    tmux.text(WHY);
    tmux.wait_for("the typed rationale", |s| s.contains(WHY));

    own.stop();
    tmux.wait_for("the unreachable notice", |s| s.contains(NOTICE));
    // Down, the screen waits between attempts rather than spinning.
    let pid = tmux.pane_pid();
    let (cpu, wait) = (cpu_time(&pid), Duration::from_secs(2));
    std::thread::sleep(wait);
    let used = cpu_time(&pid) - cpu;
    println!("while the server was down termly used {used:?} of CPU in {wait:?}");
    assert!(
        used < wait / 4,
        "termly spun while the server was down: {used:?}"
    );

    tmux.keys(&["Enter"]);
    let s = tmux.wait_for("the save's failure", |s| {
        s.contains("the database is unreachable")
    });
    assert!(s.contains("Confirm Dunmore"), "the form stays open:\n{s}");
    assert!(s.contains(WHY), "the text is kept:\n{s}");
    assert!(!s.contains("saved decision"), "{s}");

    own.start_again();
    let s = tmux.wait_for("the screen to recover", |s| !s.contains(NOTICE));
    assert!(s.contains(WHY), "the text is still there:\n{s}");
    tmux.keys(&["C-r"]);
    let s = tmux.wait_for("the retried save", |s| s.contains("saved decision #1"));
    assert!(s.contains("1 decided"), "{s}");

    let store = Store::open_at(&Location::Postgres(url), None).unwrap();
    let decisions = store.decisions_for_meeting(1).unwrap();
    assert_eq!(decisions.len(), 1, "{decisions:?}");
    assert_eq!(decisions[0].rationale, WHY);
    assert_eq!(decisions[0].urn, 900004);
}
