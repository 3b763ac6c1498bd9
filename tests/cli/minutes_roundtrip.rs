//! TOML minutes read back and checked against the database, in the library and through
//! `termly check-minutes`.

use crate::decisions_fixture::*;
use std::process::Command;
use termly::meeting::{check_minutes_file, minutes_of};
use termly::minutes::{self, toml_minutes};
use termly::model::DecisionKind::*;
use termly::store::Store;

fn scripted(store: &mut Store, cfg: &termly::config::Config) -> i64 {
    let m = open_meeting(store);
    let mut d = new(
        m,
        AMBER,
        Recategorise,
        Some("focused"),
        "Line one\nLine \"two\" | x",
    );
    d.due = chrono::NaiveDate::from_ymd_opt(2027, 2, 1);
    d.policy_reasons = "attendance 3 → at least Focused".into();
    let first = termly::meeting::record_decision(store, cfg, d, at(9, 10)).unwrap();
    termly::meeting::record_decision(store, cfg, new(m, BIRCH, Confirm, None, ""), at(9, 20))
        .unwrap();
    termly::meeting::revoke(store, first.id, "Wrong school", "S. Okafor", m, at(9, 30)).unwrap();
    m
}

#[test]
fn written_files_round_trip_and_tampering_is_reported() {
    let dir = tempfile::tempdir().unwrap();
    let mut cfg = config(dir.path());
    cfg.data.minutes = "minutes".into();
    let mut store = Store::open(&dir.path().join("t.db")).unwrap();
    fill(&store);
    let m = scripted(&mut store, &cfg);
    let (md, toml_path) = minutes::write_minutes_files(
        &cfg,
        &store,
        &minutes_of(&cfg, &store, m, false).unwrap(),
        "2026-11-27T10:00:00+00:00",
    )
    .unwrap();
    let (md, toml_path) = (md.path, toml_path.path);
    assert!(md.starts_with(dir.path().join("minutes")), "{md:?}");
    assert!(std::fs::read_to_string(&md)
        .unwrap()
        .contains("\n# The local authority: minutes of the school risk-assessment meeting"));
    let text = std::fs::read_to_string(&toml_path).unwrap();
    let back = toml_minutes::from_toml(&text, "t").unwrap();
    assert_eq!(back, minutes_of(&cfg, &store, m, false).unwrap());
    assert!(check_minutes_file(&cfg, &store, &toml_path)
        .unwrap()
        .is_empty());

    let tampered = text
        .replace("Line one", "Line 1")
        .replace("owner = \"\"", "owner = \"Someone\"");
    assert_ne!(tampered, text);
    std::fs::write(&toml_path, &tampered).unwrap();
    let diffs = check_minutes_file(&cfg, &store, &toml_path).unwrap();
    assert!(
        diffs
            .iter()
            .any(|d| d.starts_with("decision #1: rationale:")),
        "{diffs:?}"
    );
    assert!(diffs.iter().any(|d| d.contains(": owner:")), "{diffs:?}");

    // A decision recorded after the minutes were written is reported as missing.
    std::fs::write(&toml_path, &text).unwrap();
    termly::meeting::record_decision(
        &mut store,
        &cfg,
        new(m, CEDAR, Defer, None, "Later"),
        at(9, 40),
    )
    .unwrap();
    let diffs = check_minutes_file(&cfg, &store, &toml_path).unwrap();
    assert!(
        diffs.iter().any(|d| d.contains("missing from the file")),
        "{diffs:?}"
    );
}

#[test]
fn wrong_version_and_garbage_are_refused() {
    let err = toml_minutes::from_toml("format_version = 3\n", "m.toml")
        .unwrap_err()
        .to_string();
    assert!(
        err.contains("m.toml") && err.contains("format_version 3"),
        "{err}"
    );
    let err = toml_minutes::from_toml("x = [", "m.toml")
        .unwrap_err()
        .to_string();
    assert!(err.starts_with("m.toml:"), "{err}");
}

#[test]
fn check_minutes_command_exits_non_zero_on_mismatch() {
    let dir = tempfile::tempdir().unwrap();
    let db = dir.path().join("t.db");
    let cfg = config(dir.path());
    let mut store = Store::open(&db).unwrap();
    fill(&store);
    let m = scripted(&mut store, &cfg);
    let text = toml_minutes::to_toml(&minutes_of(&cfg, &store, m, false).unwrap()).unwrap();
    drop(store);
    let file = dir.path().join("m.toml");
    std::fs::write(&file, &text).unwrap();
    let run = || {
        Command::new(env!("CARGO_BIN_EXE_termly"))
            .arg("--database")
            .arg(&db)
            .arg("check-minutes")
            .arg(&file)
            .output()
            .unwrap()
    };
    let ok = run();
    assert!(
        ok.status.success(),
        "{}",
        String::from_utf8_lossy(&ok.stderr)
    );
    std::fs::write(
        &file,
        text.replace("chair = \"S. Okafor\"", "chair = \"Someone Else\""),
    )
    .unwrap();
    let bad = run();
    assert!(!bad.status.success());
    let out = String::from_utf8_lossy(&bad.stdout);
    assert!(
        out.contains("meeting: chair: file says \"Someone Else\""),
        "{out}"
    );
}
