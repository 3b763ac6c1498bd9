//! Issue 22 on the command line: a meeting held after its term (`--meeting-date`), its
//! decision in that term's papers at once; each action with its own owner and date
//! (`--action`), refused naming the action without them; the meeting's day corrected with
//! `termly meetings --date`, logged, and read by `history`.

use crate::common::cli::{stderr, stdout};
use std::path::Path;
use std::process::Output;

fn termly(db: &Path, args: &[&str]) -> Output {
    crate::common::cli::termly_on(db.parent().unwrap(), db, args)
}

/// Its error output, once it has failed.
fn refused(db: &Path, args: &[&str]) -> String {
    let out = termly(db, args);
    assert!(!out.status.success(), "{args:?} should be refused");
    stderr(&out)
}

fn ok(db: &Path, args: &[&str]) -> String {
    let out = termly(db, args);
    assert!(out.status.success(), "{args:?}: {}", stderr(&out));
    stdout(&out)
}

const AUTUMN: &str = "2026-27 autumn";

#[test]
fn a_late_meeting_records_into_its_term_with_actions_of_their_own() {
    let dir = tempfile::tempdir().unwrap();
    let db = dir.path().join("t.db");
    crate::decisions_fixture::fill(&termly::store::Store::open(&db).unwrap());

    // Autumn's meeting, held on 20 January: Amberley moves from Core to Enhanced.
    let saved = ok(
        &db,
        &[
            "decide",
            "--term",
            AUTUMN,
            "--meeting-date",
            "20/01/2027",
            "--chair",
            "S. Okafor",
            "--urn",
            "100001",
            "--kind",
            "recategorise",
            "--to",
            "enhanced",
            "--rationale",
            "Attendance 4 for two terms",
            "--action",
            "Attendance visit | EWO lead | 29/01/2027",
            "--action",
            "Report to governors | Clerk, Governance | 12/02/2027",
        ],
    );
    assert_eq!(saved, "saved decision #1 in meeting #1\n");
    let papers = ok(&db, &["snapshot", "--term", AUTUMN]);
    let amberley = papers
        .lines()
        .find(|l| l.contains("100001"))
        .unwrap_or_default();
    assert!(
        amberley.contains("Enhanced"),
        "in autumn's papers at once: {amberley}"
    );

    // Each action kept its own owner (a comma and all) and date.
    let listed = ok(&db, &["actions", "--open"]);
    let row = |what: &str| {
        listed
            .lines()
            .find(|l| l.contains(what))
            .unwrap_or_default()
            .to_string()
    };
    assert!(
        row("Attendance visit").contains("EWO lead")
            && row("Attendance visit").contains("29 Jan 2027"),
        "{listed}"
    );
    assert!(
        row("Report to governors").contains("Clerk, Governance")
            && row("Report to governors").contains("12 Feb 2027"),
        "{listed}"
    );

    // An action with no date is refused, naming it; so is a malformed --action.
    let note = [
        "decide", "--term", AUTUMN, "--urn", "100002", "--kind", "note",
    ];
    let undated = refused(
        &db,
        &[
            &note[..],
            &[
                "--actions",
                "Call the head\nSend the plan",
                "--owner",
                "SIP",
            ],
        ]
        .concat(),
    );
    assert!(undated.contains("action 1 has no due date"), "{undated}");
    let malformed = refused(&db, &[&note[..], &["--action", "Call the head"]].concat());
    assert!(malformed.contains("WHAT | OWNER | DATE"), "{malformed}");

    // The day corrected: logged, and history reads it.
    ok(&db, &["meetings", "--meeting", "1", "--date", "21/01/2027"]);
    let meetings = ok(&db, &["meetings", "--changes"]);
    assert!(
        meetings.contains("2027-01-20") && meetings.contains("2027-01-21"),
        "{meetings}"
    );
    let history = ok(&db, &["history", "100001"]);
    assert!(
        history.contains("Enhanced                           from 2026-27 Autumn  decision #1 at meeting #1, held 21 Jan 2027"),
        "{history}"
    );
    assert!(
        history.contains("#1    2026-27 Autumn  meeting #1 held 21 Jan 2027"),
        "{history}"
    );
}
