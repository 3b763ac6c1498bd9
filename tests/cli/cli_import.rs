//! `termly import` and `termly check` through the real binary.

use crate::ingest_support::*;
use std::process::{Command, Output};

fn termly(b: &Borough, args: &[&str]) -> Output {
    Command::new(env!("CARGO_BIN_EXE_termly"))
        .arg("--config")
        .arg(b.path("termly.toml"))
        .args(args)
        .env_remove("TERMLY_CONFIG")
        .output()
        .unwrap()
}

fn text(bytes: &[u8]) -> String {
    String::from_utf8_lossy(bytes).to_string()
}

#[test]
fn check_reports_ok_and_writes_nothing() {
    let b = Borough::new();
    let out = termly(&b, &["check"]);
    assert!(out.status.success(), "{}", text(&out.stderr));
    let stdout = text(&out.stdout);
    let lines: Vec<&str> = stdout.lines().collect();
    assert_eq!(
        lines[0],
        "ok: 3 schools, 2 support rows, 2 inspections, 2 score files over 1 terms"
    );
    // Only finance and hr sent scores: the other two teams are warned of, once each.
    assert_eq!(lines.len(), 3, "{stdout}");
    for team in ["attendance", "standards"] {
        assert!(
            stdout.contains(&format!(
                "warning: team `{team}` has no score for any school in 2026-27 Autumn"
            )),
            "{stdout}"
        );
    }
    assert!(
        !b.path("termly.db").exists(),
        "check must not create the database"
    );
}

#[test]
fn check_lists_every_problem_and_fails() {
    let b = Borough::new();
    b.write(
        "scores/2026-27-autumn/hr.csv",
        "urn,score\n100001,5\n100777,2\n",
    );
    let out = termly(&b, &["check"]);
    assert!(!out.status.success());
    let stdout = text(&out.stdout);
    let lines: Vec<&str> = stdout.lines().collect();
    assert_eq!(lines.len(), 2, "{stdout}");
    assert!(
        lines[0].contains("hr.csv:2:2 (score): expected a whole number from 1 to 4, or a word")
            && lines[0].ends_with("found \"5\"")
    );
    assert!(lines[1].ends_with("hr.csv:3:1 (urn): URN 100777 is not on the register"));
    assert!(text(&out.stderr).contains("2 problem(s)"));
}

#[test]
fn import_then_reimport_then_bad_file() {
    let b = Borough::new();
    let out = termly(&b, &["import"]);
    assert!(out.status.success(), "{}", text(&out.stderr));
    let stdout = text(&out.stdout);
    assert!(
        stdout.contains("5 file(s) imported, 0 unchanged"),
        "{stdout}"
    );
    assert!(b.path("termly.db").exists());

    let out = termly(&b, &["import"]);
    assert!(out.status.success());
    assert!(text(&out.stdout).contains("0 file(s) imported, 5 unchanged"));

    b.write("scores/2026-27-autumn/hr.csv", "urn,score\n100001,x\n");
    let out = termly(&b, &["import"]);
    assert!(!out.status.success());
    let stderr = text(&out.stderr);
    assert!(stderr.contains("hr.csv:2:2 (score)"), "{stderr}");
    assert!(stderr.contains("nothing was imported"), "{stderr}");
}

#[test]
fn naming_files_imports_and_checks_only_those() {
    let b = Borough::new();
    b.write(
        "other/2026-27-spring/standards.csv",
        "urn,score\n100001,2\n",
    );
    let other = b.path("other");
    let other = other.to_str().unwrap();
    // Checked alone, URNs are checked against the configured register.
    let out = termly(&b, &["check", "--scores", other]);
    assert!(out.status.success(), "{}", text(&out.stdout));
    assert!(text(&out.stdout).contains("0 schools, 0 support rows, 0 inspections, 1 score files"));
    // Imported into an empty database, the school is unknown.
    let out = termly(&b, &["import", "--scores", other]);
    assert!(!out.status.success());
    assert!(text(&out.stderr).contains("URN 100001 is not on the register"));
    assert!(termly(&b, &["import"]).status.success());
    let out = termly(&b, &["import", "--scores", other]);
    assert!(out.status.success(), "{}", text(&out.stderr));
    let stdout = text(&out.stdout);
    assert!(stdout.contains("standards.csv"), "{stdout}");
    assert!(!stdout.contains("hr.csv"), "{stdout}");
    assert!(
        stdout.contains("1 file(s) imported, 0 unchanged"),
        "{stdout}"
    );
}
