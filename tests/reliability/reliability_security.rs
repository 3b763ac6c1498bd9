//! Security: files termly creates are readable by their owner only; control characters and
//! escape sequences from input files, the command line or the database itself never reach
//! the terminal or the minutes; and no command opens a network connection (checked under
//! strace when it is installed).

use crate::common::cli::termly_in;
use crate::common::files::good_borough;
use crate::tui_support::{code, key, press};
use ratatui::layout::Rect;
use std::path::Path;
use std::process::Output;
#[cfg(unix)]
use termly::clock::FakeClock;
use termly::config::Config;
use termly::store::Store;

fn termly(dir: &Path, args: &[&str]) -> Output {
    termly_in(dir).args(args).output().unwrap()
}

fn ok(o: Output) -> String {
    assert!(o.status.success(), "{}", String::from_utf8_lossy(&o.stderr));
    String::from_utf8(o.stdout).expect("output is UTF-8")
}

#[cfg(unix)]
fn private(path: &Path) {
    use std::os::unix::fs::PermissionsExt;
    let mode = std::fs::metadata(path).unwrap().permissions().mode();
    assert_eq!(mode & 0o077, 0, "{} has mode {mode:o}", path.display());
}

#[cfg(unix)]
#[test]
fn database_wal_and_backups_are_owner_only_and_old_backups_pruned() {
    let dir = good_borough();
    // Keep two automatic backups.
    let toml = dir.path().join("termly.toml");
    let text = std::fs::read_to_string(&toml).unwrap();
    std::fs::write(&toml, text.replace("[backup]\n", "[backup]\nkeep = 2\n")).unwrap();
    ok(termly(dir.path(), &["import"]));
    let db = dir.path().join("termly.db");
    private(&db);

    let manual = dir.path().join("copy.db");
    ok(termly(dir.path(), &["backup", manual.to_str().unwrap()]));
    private(&manual);
    assert!(
        !termly(dir.path(), &["backup", manual.to_str().unwrap()])
            .status
            .success(),
        "a backup never overwrites"
    );

    // Opening a meeting takes an automatic backup; only the newest `keep` stay.
    let config = Config::load(Some(&toml)).unwrap();
    // Backups are named to the second: each opening happens a minute after the last.
    let start = crate::tui_support::clock().now();
    for n in 0..4 {
        let store = Store::open(&db).unwrap();
        // While a connection is open, the WAL and shared-memory files exist: private too.
        for side in ["termly.db-wal", "termly.db-shm"] {
            let p = dir.path().join(side);
            if p.exists() {
                private(&p);
            }
        }
        let clock = FakeClock::at(start + chrono::Duration::minutes(n)).shared();
        let mut app = crate::tui_support::store_app_with_clock(config.clone(), store, clock);
        app.start_meeting(Some("A. Chair"), &[]);
        // Opening a meeting asks first: one `y`.
        if app.popup().is_some() {
            crate::tui_support::press(&mut app, crate::tui_support::key('y'));
        }
        // Backups are named to the second; let the next one have its own name.
        std::thread::sleep(std::time::Duration::from_millis(1100));
    }
    let backups: Vec<_> = std::fs::read_dir(dir.path().join("backups"))
        .unwrap()
        .map(|e| e.unwrap().path())
        .collect();
    assert_eq!(backups.len(), 2, "{backups:?}");
    for b in &backups {
        private(b);
        let copy = Store::open(b).unwrap();
        assert_eq!(copy.meetings().unwrap().len(), 1);
    }
}

/// ESC, CSI, OSC (set the window title), BEL, backspace, a C1 CSI and DEL.
const HOSTILE: &str = "\u{1b}[31mRed\u{1b}[0m \u{1b}]0;pwned\u{7}\u{8}\u{7f}\u{9b}2J";

/// No byte a terminal would act on: C0 controls other than newline, DEL, or C1 controls.
fn assert_inert(what: &str, text: &str) {
    if let Some((i, c)) = text
        .char_indices()
        .find(|&(_, c)| (c.is_control() && c != '\n') || ('\u{80}'..='\u{9f}').contains(&c))
    {
        let from = text[..i].char_indices().rev().nth(30).map_or(0, |(j, _)| j);
        panic!(
            "{what}: control U+{:04X} at byte {i}, after {:?}",
            c as u32,
            &text[from..i]
        );
    }
}

/// A borough whose files, command-line arguments and database rows carry escape sequences.
fn hostile_borough() -> tempfile::TempDir {
    let dir = good_borough();
    let register = dir.path().join("register.csv");
    let text = std::fs::read_to_string(&register).unwrap();
    std::fs::write(
        &register,
        text.replace("Alderbrook", &format!("\"Alder{HOSTILE}brook\""))
            .replace(",R. Vale,", &format!(",\"R.{HOSTILE} Vale\",")),
    )
    .unwrap();
    let scores = dir.path().join("scores/2026-27-autumn/finance.csv");
    let text = std::fs::read_to_string(&scores).unwrap();
    let mut lines: Vec<String> = text.lines().map(str::to_string).collect();
    let header = lines[0].clone();
    let cols = header.split(',').count();
    let comment = header.split(',').position(|h| h == "comment");
    for line in lines.iter_mut().skip(1) {
        let mut f: Vec<String> = line.split(',').map(str::to_string).collect();
        if let Some(c) = comment {
            f[c] = format!("\"Deficit{HOSTILE}\"");
        }
        *line = f.join(",");
    }
    if comment.is_none() {
        lines[0] = format!("{header},comment");
        for line in lines.iter_mut().skip(1) {
            line.push_str(&format!(",\"Deficit{HOSTILE}\""));
        }
    }
    assert!(lines.iter().skip(1).all(|l| l.split(',').count() >= cols));
    std::fs::write(&scores, lines.join("\n") + "\n").unwrap();
    ok(termly(dir.path(), &["import"]));
    ok(termly(
        dir.path(),
        &[
            "decide",
            "--urn",
            "900001",
            "--kind",
            "defer",
            "--rationale",
            &format!("Rationale{HOSTILE}\nsecond line"),
            "--action",
            &format!("Act{HOSTILE} | Owner{HOSTILE} | 29/01/2099"),
            "--owner",
            &format!("Owner{HOSTILE}"),
            "--due",
            "2099-01-29",
            "--chair",
            &format!("Chair{HOSTILE}"),
            "--attendee",
            &format!("Att{HOSTILE}"),
        ],
    ));
    dir
}

#[test]
fn escape_sequences_from_input_never_reach_the_output() {
    let dir = hostile_borough();
    let d = dir.path();
    let snapshot = ok(termly(
        d,
        &["snapshot", "--agenda", "--with-heatmap", "--capacity"],
    ));
    assert!(snapshot.contains("Alder"), "{snapshot}");
    assert_inert("snapshot", &snapshot);
    assert_inert(
        "snapshot md",
        &ok(termly(d, &["snapshot", "--format", "md"])),
    );
    let history = ok(termly(d, &["history", "900001"]));
    assert!(history.contains("Rationale"), "{history}");
    assert_inert("history", &history);
    let md = ok(termly(d, &["export", "--with-heatmap"]));
    assert!(md.contains("Rationale"), "{md}");
    assert_inert("minutes md", &md);
    let toml_path = d.join("minutes.toml");
    ok(termly(
        d,
        &[
            "export",
            "--format",
            "toml",
            "-o",
            toml_path.to_str().unwrap(),
        ],
    ));
    assert_inert(
        "minutes toml",
        &std::fs::read_to_string(&toml_path).unwrap(),
    );
    ok(termly(d, &["check-minutes", toml_path.to_str().unwrap()]));

    // The screen: grid, the school's detail pane and the history in it.
    let config = Config::load(Some(&d.join("termly.toml"))).unwrap();
    let store = Store::open(&config.database_path()).unwrap();
    let mut app = crate::tui_support::store_app(config, store);
    app.start_meeting(None, &[]);
    app.set_screen(Rect::new(0, 0, 160, 50));
    let grid = crate::tui_support::text(&crate::tui_support::draw(&mut app, 160, 50));
    assert!(grid.contains("Alder"), "{grid}");
    assert_inert("grid", &grid);
    press(&mut app, code(ratatui::crossterm::event::KeyCode::Enter));
    let detail = crate::tui_support::text(&crate::tui_support::draw(&mut app, 160, 50));
    assert_inert("detail pane", &detail);
    press(&mut app, key('?'));
    assert_inert(
        "help",
        &crate::tui_support::text(&crate::tui_support::draw(&mut app, 160, 50)),
    );
}

#[test]
fn escape_sequences_written_straight_into_the_database_never_reach_the_output() {
    // A database edited by hand (or by another tool) bypasses every reader's cleaning.
    let dir = hostile_borough();
    let d = dir.path();
    let store = Store::open(&d.join("termly.db")).unwrap();
    store
        .test_connection()
        .execute(
            "UPDATE schools SET name = ?1, headteacher = ?1 WHERE urn = 900002",
            [format!("Beck{HOSTILE}side")],
        )
        .unwrap();
    store
        .test_connection()
        .execute(
            "UPDATE scores SET comment = ?1 WHERE urn = 900002",
            [format!("Raw{HOSTILE}")],
        )
        .unwrap();
    drop(store);
    assert_inert("snapshot", &ok(termly(d, &["snapshot"])));
    assert_inert("history", &ok(termly(d, &["history", "900002"])));
    assert_inert("minutes", &ok(termly(d, &["export", "--with-heatmap"])));
}

// strace: Linux only.
#[cfg(unix)]
#[test]
fn no_command_opens_a_network_connection() {
    if !crate::common::tools::need("strace", "-V") {
        return;
    }
    let dir = good_borough();
    let d = dir.path();
    let bin = env!("CARGO_BIN_EXE_termly");
    let runs: [&[&str]; 8] = [
        &["check"],
        &["import"],
        &["snapshot", "--agenda"],
        &["history", "900001"],
        &[
            "decide", "--urn", "900001", "--kind", "confirm", "--chair", "A. Chair",
        ],
        &["export", "--format", "toml", "-o", "m.toml"],
        &["check-minutes", "m.toml"],
        &["backup", "b.db"],
    ];
    for args in runs {
        let log = d.join("strace.log");
        let o = std::process::Command::new("strace")
            .current_dir(d)
            .args([
                "-f",
                "-qq",
                "-e",
                "trace=network",
                "-e",
                "signal=none",
                "-o",
            ])
            .arg(&log)
            .arg(bin)
            .args(["--config", "termly.toml"])
            .args(args)
            .output()
            .unwrap();
        if !o.status.success() && String::from_utf8_lossy(&o.stderr).contains("PTRACE") {
            eprintln!("SKIPPED: strace cannot trace here (no ptrace permission)");
            return;
        }
        assert!(
            o.status.success(),
            "{args:?}: {}",
            String::from_utf8_lossy(&o.stderr)
        );
        let calls = std::fs::read_to_string(&log).unwrap();
        let calls: Vec<&str> = calls
            .lines()
            // System calls only, not the "+++ exited" or "--- SIG" notes.
            .filter(|l| !l.contains("+++") && !l.contains("---"))
            .collect();
        assert!(calls.is_empty(), "{args:?} made network calls: {calls:#?}");
    }
}
