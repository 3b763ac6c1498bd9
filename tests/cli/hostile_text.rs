//! Text from anywhere (written straight into the database here, as an attacker with the file
//! would) leaves termly clean: no control character or bidirectional override in the
//! Markdown, TOML or workbook minutes, and a rationale too long for one Excel cell is cut
//! with a note rather than failing the export. Connection strings with a password are
//! refused without the password being shown, and never become a file. Settings out of range
//! are refused naming the file, line and key.
// Some helpers serve only the Unix-only tests below.
#![cfg_attr(not(unix), allow(dead_code))]

use crate::common::cli::stderr;
use std::path::{Path, PathBuf};
use std::process::Command;

const HOSTILE: &str = "Amberley\u{1b}[31m Red\u{202e}fdp.exe\u{2066}\u{7}\u{85} Primary";

use crate::common::cli::termly_on as termly;

fn ok(dir: &Path, db: &Path, args: &[&str]) {
    let out = termly(dir, db, args);
    assert!(out.status.success(), "{args:?}: {}", stderr(&out));
}

fn unsafe_chars(text: &str) -> Vec<String> {
    text.chars()
        .filter(|&c| termly::text::is_unsafe_char_in_toml(c))
        .map(|c| format!("U+{:04X}", c as u32))
        .collect()
}

/// A decided meeting whose school name, comment and rationale carry escapes and overrides,
/// and whose rationale is longer than an Excel cell holds.
fn hostile_record(dir: &Path) -> PathBuf {
    let db = dir.join("t.db");
    let store = termly::store::Store::open(&db).unwrap();
    crate::decisions_fixture::fill(&store);
    ok(
        dir,
        &db,
        &[
            "decide",
            "--urn",
            "100001",
            "--kind",
            "confirm",
            "--rationale",
            &"Steady progress. ".repeat(6_000),
            "--chair",
            "S. Okafor",
        ],
    );
    let conn = rusqlite::Connection::open(&db).unwrap();
    conn.execute("UPDATE schools SET name = ?1 WHERE urn = 100001", [HOSTILE])
        .unwrap();
    conn.execute(
        "UPDATE scores SET comment = ?1 WHERE urn = 100001",
        [format!("PA {HOSTILE}")],
    )
    .unwrap();
    // The record is append-only: lift its guard for this one change, as an attacker with the
    // file could, and put it back.
    let guards: Vec<(String, String)> = conn
        .prepare("SELECT name, sql FROM sqlite_master WHERE type = 'trigger' AND tbl_name = 'decisions' AND sql LIKE '%UPDATE%'")
        .unwrap()
        .query_map([], |r| Ok((r.get(0)?, r.get(1)?)))
        .unwrap()
        .map(Result::unwrap)
        .collect();
    for (name, _) in &guards {
        conn.execute_batch(&format!("DROP TRIGGER \"{name}\""))
            .unwrap();
    }
    let long = format!("{HOSTILE} {}", "x".repeat(100_000));
    conn.execute("UPDATE decisions SET rationale = ?1", [long])
        .unwrap();
    for (_, sql) in &guards {
        conn.execute_batch(sql).unwrap();
    }
    db
}

// Unix only: it passes a 100 KB rationale as one argument, and a Windows command line
// stops at 32,767 characters (the arguments after it are lost, so `--chair` goes missing).
#[cfg(unix)]
#[test]
fn hostile_text_leaves_every_format_clean_and_a_long_rationale_is_cut_with_a_note() {
    let dir = tempfile::tempdir().unwrap();
    let db = hostile_record(dir.path());
    ok(dir.path(), &db, &["export", "--output", "m.md"]);
    ok(
        dir.path(),
        &db,
        &["export", "--format", "toml", "--output", "m.toml"],
    );
    ok(
        dir.path(),
        &db,
        &["export", "--format", "xlsx", "--output", "m.xlsx"],
    );
    let md = std::fs::read_to_string(dir.path().join("m.md")).unwrap();
    assert!(
        unsafe_chars(&md).is_empty(),
        "Markdown: {:?}",
        unsafe_chars(&md)
    );
    assert!(md.contains("Amberley"), "{md}");
    let toml = std::fs::read_to_string(dir.path().join("m.toml")).unwrap();
    assert!(
        unsafe_chars(&toml).is_empty(),
        "TOML: {:?}",
        unsafe_chars(&toml)
    );
    assert!(toml.contains("\\u202E"), "the override is kept, escaped");
    // Escaped, not lost: the file still agrees with the database.
    ok(dir.path(), &db, &["check-minutes", "m.toml"]);

    use calamine::{Reader, Xlsx};
    let mut book: Xlsx<_> = calamine::open_workbook(dir.path().join("m.xlsx")).unwrap();
    let mut cut = 0;
    for name in book.sheet_names() {
        let range = book.worksheet_range(&name).unwrap();
        for cell in range.used_cells() {
            let text = cell.2.to_string();
            assert!(
                unsafe_chars(&text).is_empty(),
                "{name}: {:?}",
                unsafe_chars(&text)
            );
            assert!(
                text.chars().count() <= 32_767,
                "{name}: a cell over Excel's limit"
            );
            if text.contains("did not fit Excel's limit") {
                cut += 1;
            }
        }
    }
    assert!(
        cut > 0,
        "the long rationale says in its cell that it was cut"
    );
}

#[test]
fn a_password_in_any_connection_string_is_refused_and_never_shown_or_a_file() {
    let dir = tempfile::tempdir().unwrap();
    for conn in [
        "host=127.0.0.1 port=9 user=chair password=hunter2 dbname=termly",
        "host=127.0.0.1 port=9 user=chair password='hunter2 two' dbname=termly",
        "postgres://chair@127.0.0.1:9/termly?password=hunter2",
        "postgresql://chair:hunter2@127.0.0.1:9/termly",
    ] {
        for args in [&["backup"][..], &["import", "--register", "r.csv"][..]] {
            let out = termly(dir.path(), Path::new(conn), args);
            let said = stderr(&out);
            assert!(!out.status.success(), "{conn}: {said}");
            assert!(!said.contains("hunter2"), "{conn}: {said}");
            assert!(said.contains("password"), "{conn}: {said}");
        }
    }
    let left: Vec<_> = std::fs::read_dir(dir.path()).unwrap().collect();
    assert!(left.is_empty(), "no file was made: {left:?}");
}

#[test]
fn settings_out_of_range_are_refused_naming_file_line_and_key() {
    let dir = tempfile::tempdir().unwrap();
    let db = dir.path().join("t.db");
    for (text, expect) in [
        (
            "[capacity]\nlama_hours_term = -400.0\n",
            "termly.toml:2:1: capacity.lama_hours_term",
        ),
        (
            "[capacity]\nlama_hours_term = nan\n",
            "termly.toml:2:1: capacity.lama_hours_term",
        ),
        (
            "[meeting]\nlength_minutes = 4294967295\nminutes_per_item = 4294967295\n",
            "termly.toml:2:1: meeting.length_minutes",
        ),
        (
            "\n[meeting]\nminutes_per_item = -6\n",
            "termly.toml:3:1: meeting.minutes_per_item",
        ),
        (
            "[limits]\nmax_cells = 0\n",
            "termly.toml:2:1: limits.max_cells",
        ),
    ] {
        std::fs::write(dir.path().join("termly.toml"), text).unwrap();
        let out = Command::new(env!("CARGO_BIN_EXE_termly"))
            .current_dir(dir.path())
            .args(["--config", "termly.toml", "--database"])
            .arg(&db)
            .arg("backup")
            .output()
            .unwrap();
        let said = stderr(&out);
        assert!(!out.status.success(), "{text}: accepted");
        assert!(said.contains(expect), "{text}: {said}");
    }
}
