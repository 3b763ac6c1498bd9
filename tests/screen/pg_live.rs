//! Live across machines: two screens (the real binary, each in its own tmux) on ONE
//! PostgreSQL database. A decision recorded on either shows on the other within a second,
//! and so does a team's revised scores imported from a third desk, carried by
//! LISTEN/NOTIFY; an idle screen sends the server no statement at all.
//!
//! The test waits up to three seconds for each change to arrive but asserts only that it
//! arrived; the latency it saw is printed (`--nocapture`), never asserted.

use crate::common::cli::termly_in;
use crate::common::files::good_borough;
use crate::common::tmux::{need_tmux, Tmux};
use crate::pg_support;
use std::path::Path;
use std::time::{Duration, Instant};

/// Fill the database at `url` from the borough's files, as a team lead's import would.
pub(crate) fn import_into(dir: &Path, url: &str) {
    let out = termly_in(dir)
        .args(["--database", url, "import"])
        .output()
        .unwrap();
    assert!(
        out.status.success(),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
}

/// Filter the grid down to one school and put the cursor on it.
pub(crate) fn select(tmux: &Tmux, urn: &str) {
    tmux.keys(&["/"]);
    tmux.text(urn);
    tmux.keys(&["Enter"]);
    tmux.wait_for("the filter", |s| s.contains("1 of 5 schools (filtered)"));
}

/// Poll `tmux` every 20 ms until `ok`; how long that took, or None after `limit`.
fn arrival(
    tmux: &Tmux,
    since: Instant,
    limit: Duration,
    ok: impl Fn(&str) -> bool,
) -> Option<Duration> {
    loop {
        if ok(&tmux.screen()) {
            return Some(since.elapsed());
        }
        if since.elapsed() > limit {
            return None;
        }
        std::thread::sleep(Duration::from_millis(20));
    }
}

/// How a test records its decision: the key, the form's title word, and whether the
/// form has a review step (Ctrl-S, then Enter) before it saves.
#[derive(Clone, Copy)]
enum Decide {
    Confirm,
    Defer,
}

/// Record a decision on `urn` (`name` in the form's title) on `tmux`; returns when the key
/// that saves it was sent.
fn decide(tmux: &Tmux, how: Decide, (urn, name, why): (&str, &str, &str)) -> Instant {
    select(tmux, urn);
    let (key, verb) = match how {
        Decide::Confirm => ("x", "Confirm"),
        Decide::Defer => ("d", "Defer"),
    };
    tmux.keys(&[key]);
    tmux.wait_for("the form", |s| s.contains(&format!("{verb} {name}")));
    tmux.text(why);
    if let Decide::Defer = how {
        tmux.keys(&["C-s"]);
        tmux.wait_for("the review step", |s| s.contains("step 2 of 2"));
    }
    let sent = Instant::now();
    tmux.keys(&["Enter"]);
    sent
}

/// One decision on `from`, seen on `to`: (saved on `from`, shown on `to`) after the key.
fn decision_crosses(
    (from, to): (&Tmux, &Tmux),
    how: Decide,
    school: (&str, &str, &str),
    (saved, shown): (&str, &str),
) -> (Duration, Duration) {
    let sent = decide(from, how, school);
    // Saving is not what is measured: a loaded machine may take its time over it.
    let on_from = arrival(from, sent, Duration::from_secs(30), |s| s.contains(saved))
        .unwrap_or_else(|| panic!("{saved} never shown:\n{}", from.screen()));
    let limit = on_from + Duration::from_secs(3);
    let on_to = arrival(to, sent, limit, |s| s.contains(shown)).unwrap_or_else(|| {
        panic!(
            "the decision never reached the other screen within 3 s:\n{}",
            to.screen()
        )
    });
    (on_from, on_to)
}

/// The grid row of the school called `name`.
fn row(screen: &str, name: &str) -> String {
    screen
        .lines()
        .find(|l| l.contains(name) && !l.contains("URN"))
        .unwrap_or_else(|| panic!("no row for {name}:\n{screen}"))
        .to_string()
}

/// A finance lead's revised file: every school at the top of the scale.
const REVISED_FINANCE: &str = "urn,score,comment,balance_pct
900001,4,Deficit recovery plan,-6.0
900002,4,Deficit recovery plan,-6.1
900003,4,Deficit recovery plan,-6.2
900004,4,Deficit recovery plan,-6.3
900005,4,Deficit recovery plan,-6.4
";

/// Each termly session's last statement time: unchanged while nothing is sent.
fn activity(url: &str) -> Vec<(i32, String)> {
    let mut admin = postgres::Client::connect(url, postgres::NoTls).unwrap();
    admin
        .query(
            "SELECT pid, CAST(state_change AS TEXT) FROM pg_stat_activity
             WHERE datname = current_database() AND application_name = 'termly' ORDER BY pid",
            &[],
        )
        .unwrap()
        .iter()
        .map(|r| (r.get(0), r.get(1)))
        .collect()
}

#[test]
fn two_screens_on_one_postgres_database_each_see_the_others_decision() {
    if !need_tmux() {
        return;
    }
    let Some(server) = pg_support::server() else {
        return;
    };
    let url = pg_support::fresh_database(&server, "live");
    let (dir_a, dir_b) = (good_borough(), good_borough());
    import_into(dir_a.path(), &url);

    let a = Tmux::new("pglive-a", "a");
    a.start_on(dir_a.path(), &url, Some("A. Chair"));
    a.open_meeting();
    let b = Tmux::new("pglive-b", "b");
    b.start_on(dir_b.path(), &url, None);
    b.wait_for("the resumed meeting", |s| s.contains("resumed meeting #1"));

    let (a_saved, b_shown) = decision_crosses(
        (&a, &b),
        Decide::Confirm,
        ("900004", "Dunmore", "Stable, seen from both desks"),
        ("saved decision #1", "1 decided"),
    );
    let (b_saved, a_shown) = decision_crosses(
        (&b, &a),
        Decide::Defer,
        ("900002", "Beckside", "Waiting for the attendance figures"),
        ("saved decision #2", "2 decided"),
    );
    println!(
        "live on PostgreSQL: a's decision saved {a_saved:?} after its key, on b's screen \
         {b_shown:?} after it ({:?} later); b's saved {b_saved:?}, on a's screen {a_shown:?} \
         ({:?} later); screens polled every 20 ms",
        b_shown.saturating_sub(a_saved),
        a_shown.saturating_sub(b_saved),
    );

    // A revised team file imported from a third desk shows on both screens.
    let (a_row, b_row) = (row(&a.screen(), "Dunmore"), row(&b.screen(), "Beckside"));
    let finance = dir_a.path().join("scores/2026-27-autumn/finance.csv");
    std::fs::write(&finance, REVISED_FINANCE).unwrap();
    let sent = Instant::now();
    import_into(dir_a.path(), &url);
    let imported = sent.elapsed();
    let limit = imported + Duration::from_secs(3);
    let on_a = arrival(&a, sent, limit, |s| row(s, "Dunmore") != a_row)
        .unwrap_or_else(|| panic!("the import never reached a:\n{}", a.screen()));
    let on_b = arrival(&b, sent, limit, |s| row(s, "Beckside") != b_row)
        .unwrap_or_else(|| panic!("the import never reached b:\n{}", b.screen()));
    println!(
        "live on PostgreSQL: an import took {imported:?} (whole command); on a's screen \
         {on_a:?}, on b's {on_b:?} after it started"
    );

    // Settled: two idle screens (a tick every 250 ms each) send the server nothing.
    std::thread::sleep(Duration::from_secs(1));
    let before = activity(&url);
    assert_eq!(before.len(), 2, "two termly sessions: {before:?}");
    std::thread::sleep(Duration::from_secs(2));
    assert_eq!(activity(&url), before, "an idle screen sent a statement");
}
