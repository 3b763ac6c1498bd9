//! Every kind of bad input named in the brief gives a message with file, line, column and
//! what was expected; every problem in a run is reported, not just the first.

use crate::ingest_support::*;

fn only_problem(b: &Borough) -> String {
    let p = b.problems();
    assert_eq!(p.len(), 1, "{p:#?}");
    p.into_iter().next().unwrap()
}

#[test]
fn clean_borough_parses() {
    let b = Borough::new();
    let parsed = b.parse().unwrap();
    assert_eq!(parsed.register.as_ref().unwrap().register.schools.len(), 3);
    assert_eq!(parsed.scores.len(), 2);
    assert_eq!(parsed.scores[0].team, "finance", "config team order");
    let finance = &parsed.scores[0].rows;
    assert_eq!(finance[2].score, None);
    assert_eq!(
        finance[2].indicators,
        vec![("balance_pct".to_string(), -6.0)]
    );
    assert_eq!(
        parsed.describe(),
        "3 schools, 2 support rows, 2 inspections, 2 score files over 1 terms"
    );
}

#[test]
fn unknown_urn_in_a_score_file() {
    let b = Borough::new();
    b.write("scores/2026-27-autumn/hr.csv", format!("{HR}100999,2,\n"));
    let file = b.shown("scores/2026-27-autumn/hr.csv");
    assert_eq!(
        only_problem(&b),
        format!("{file}:5:1 (urn): URN 100999 is not on the register")
    );
}

#[test]
fn duplicate_urns_in_scores_and_register() {
    let b = Borough::new();
    b.write(
        "scores/2026-27-autumn/hr.csv",
        format!("{HR}100002,3,again\n"),
    );
    b.write(
        "register.csv",
        format!("{REGISTER}100001,Another Name,primary,Community school,,,\n"),
    );
    let p = b.problems();
    assert_eq!(p.len(), 2, "{p:#?}");
    assert_eq!(
        p[0],
        format!(
            "{}:5:1 (urn): duplicate URN 100001: already on line 2",
            b.shown("register.csv")
        )
    );
    assert_eq!(
        p[1],
        format!(
            "{}:5:1 (urn): duplicate URN 100002: already on line 3",
            b.shown("scores/2026-27-autumn/hr.csv")
        )
    );
}

#[test]
fn score_off_the_scale_and_not_a_number() {
    let b = Borough::new();
    b.write(
        "scores/2026-27-autumn/hr.csv",
        "urn,score,comment\n100001,5,\n100002,Amber,\n100003,0,\n",
    );
    let file = b.shown("scores/2026-27-autumn/hr.csv");
    let expected = "expected a whole number from 1 to 4, or a word for one: \
        low, g, green (1); moderate, ag, amber-green (2); high, amber-red, ar (3); severe, r, red (4)";
    let amber = " (a plain \"amber\" is not accepted: councils differ on whether it means 2 or 3; set it under [scale.aliases])";
    assert_eq!(
        b.problems(),
        vec![
            format!("{file}:2:2 (score): {expected}; found \"5\""),
            format!("{file}:3:2 (score): {expected}; found \"Amber\"{amber}"),
            format!("{file}:4:2 (score): {expected}; found \"0\""),
        ]
    );
}

#[test]
fn non_numeric_indicator() {
    let b = Borough::new();
    b.write(
        "scores/2026-27-autumn/finance.csv",
        "urn,score,comment,balance_pct\n100001,1,,n/a\n",
    );
    assert_eq!(
        only_problem(&b),
        format!(
            "{}:2:4 (balance_pct): expected a number such as 12.5, found \"n/a\"",
            b.shown("scores/2026-27-autumn/finance.csv")
        )
    );
}

#[test]
fn unknown_team_and_unknown_term_folder() {
    let b = Borough::new();
    b.write("scores/2026-27-autumn/premises.csv", HR);
    b.write("scores/autumn-2026/hr.csv", HR);
    b.write("scores/2026-27-autumn/notes.txt", "ignored");
    let p = b.problems();
    assert_eq!(p.len(), 2, "{p:#?}");
    assert!(
        p.iter().any(|m| m.starts_with(&format!(
            "{}: `premises` is not a configured team; expected one of finance, hr, attendance, standards",
            b.shown("scores/2026-27-autumn/premises.csv")
        ))),
        "{p:#?}"
    );
    assert!(
        p.iter().any(|m| m.starts_with(&format!(
            "{}: folder name is not a term",
            b.shown("scores/autumn-2026")
        ))),
        "{p:#?}"
    );
}

#[test]
fn missing_required_column() {
    let b = Borough::new();
    b.write("scores/2026-27-autumn/hr.csv", "school,score\n100001,2\n");
    b.write(
        "register.csv",
        "urn,name,establishment_type\n100001,A,Community school\n",
    );
    let p = b.problems();
    assert!(
        p[0].starts_with(&format!(
            "{}:1: missing required column `phase`",
            b.shown("register.csv")
        )),
        "{p:#?}"
    );
    assert!(
        p.iter().any(|m| m.starts_with(&format!(
            "{}:1: missing required column `urn`",
            b.shown("scores/2026-27-autumn/hr.csv")
        ))),
        "{p:#?}"
    );
}

#[test]
fn empty_and_header_only_files() {
    let b = Borough::new();
    b.write("scores/2026-27-autumn/hr.csv", "");
    b.write("scores/2026-27-autumn/finance.csv", "urn,score,comment\r\n");
    let p = b.problems();
    assert_eq!(
        p,
        vec![
            format!(
                "{}: empty file: no header and no rows",
                b.shown("scores/2026-27-autumn/hr.csv")
            ),
            format!(
                "{}: no rows: the file has only a header",
                b.shown("scores/2026-27-autumn/finance.csv")
            ),
        ]
        .into_iter()
        .rev()
        .collect::<Vec<_>>()
    );
}

#[test]
fn invalid_bytes_in_declared_encoding() {
    let b = Borough::new();
    // A byte-order mark declares UTF-8; a lone Latin-1 byte after it is invalid.
    let mut bytes = b"\xEF\xBB\xBFurn,score,comment\n100001,2,ok\n100002,3,caf".to_vec();
    bytes.extend_from_slice(b"\xE9\n");
    b.write("scores/2026-27-autumn/hr.csv", bytes);
    let p = only_problem(&b);
    assert!(
        p.starts_with(&format!(
            "{}:3: invalid UTF-8",
            b.shown("scores/2026-27-autumn/hr.csv")
        )),
        "{p}"
    );
    // A NUL byte (a UTF-16 or binary file) is refused with its line.
    b.write("scores/2026-27-autumn/hr.csv", b"urn,score\n100001,2\x00\n");
    assert!(only_problem(&b).contains(":2: contains a NUL byte"));
}

#[test]
fn bom_and_crlf_and_lone_cr_are_accepted() {
    let b = Borough::new();
    let crlf = HR.replace('\n', "\r\n");
    b.write("scores/2026-27-autumn/hr.csv", format!("\u{feff}{crlf}"));
    b.write(
        "scores/2026-27-autumn/finance.csv",
        FINANCE.replace('\n', "\r"),
    );
    let parsed = b.parse().unwrap();
    assert_eq!(parsed.scores[1].rows.len(), 3);
    assert_eq!(parsed.scores[1].rows[0].urn, 100001);
    assert_eq!(parsed.scores[0].rows[2].comment, "Indicators only");
    // Line numbers still count lines as an editor shows them.
    b.write(
        "scores/2026-27-autumn/hr.csv",
        "urn,score\r100001,2\r100002,9\r",
    );
    assert!(only_problem(&b).contains("hr.csv:3:2 (score)"));
}

#[test]
fn control_chars_and_escape_sequences_are_stripped() {
    let b = Borough::new();
    b.write(
        "register.csv",
        REGISTER.replace(
            "Amberley Primary School",
            "Amberley\u{1b}[2J\u{1b}[31m Primary\u{7} School",
        ),
    );
    b.write(
        "scores/2026-27-autumn/hr.csv",
        "urn,score,comment\n100001,2,\"fine\u{1b}]0;pwned\u{7} \u{8}really\"\n",
    );
    let parsed = b.parse().unwrap();
    assert_eq!(
        parsed.register.as_ref().unwrap().register.schools[0].name,
        "Amberley Primary School"
    );
    assert_eq!(parsed.scores[1].rows[0].comment, "fine really");
}

#[test]
fn missing_configured_files_are_named() {
    let b = Borough::new();
    b.remove("support.csv");
    b.remove("scores");
    let p = b.problems();
    assert_eq!(p[0], format!("{}: file not found", b.shown("support.csv")));
    assert!(p[1].starts_with(&format!("{}: scores folder not found", b.shown("scores"))));
}

#[test]
fn every_problem_across_files_is_collected() {
    let b = Borough::new();
    b.write(
        "support.csv",
        "urn,category,since\n100001,gold,2024-09-01\n100002,core,tuesday\n",
    );
    b.write(
        "inspections.csv",
        "urn,date,grade,safeguarding\n100001,2023-03-14,2,met\n",
    );
    b.write(
        "scores/2026-27-autumn/hr.csv",
        "urn,score\n100001,7\n100002,8\n",
    );
    let p = b.problems();
    assert_eq!(p.len(), 5, "{p:#?}");
    assert!(p[0].contains("support.csv:2:2 (category): expected a category (core, focused"));
    assert!(p[1].contains("support.csv:3:3 (since)"));
    assert!(p[2].contains("inspections.csv:2: expected either a legacy grade"));
    assert!(p[3].contains("hr.csv:2:2"));
    assert!(p[4].contains("hr.csv:3:2"));
}

#[test]
fn toml_score_files_are_read() {
    let b = Borough::new();
    b.remove("scores/2026-27-autumn/hr.csv");
    b.write(
        "scores/2026-27-autumn/attendance.toml",
        "[[score]]\nurn = 100001\nscore = 2\ncomment = \"PA above average\"\n[score.indicators]\npersistent_absence_pct = 19.4\n",
    );
    let parsed = b.parse().unwrap();
    let att = parsed
        .scores
        .iter()
        .find(|s| s.team == "attendance")
        .unwrap();
    assert_eq!(att.rows[0].score, Some(2));
    assert_eq!(
        att.rows[0].indicators,
        vec![("persistent_absence_pct".to_string(), 19.4)]
    );
}
