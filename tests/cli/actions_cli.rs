//! `termly actions`: the list, its filters and formats, and closing an action with a note.

use std::path::Path;
use std::process::{Command, Output};

fn termly(db: &Path, args: &[&str]) -> Output {
    Command::new(env!("CARGO_BIN_EXE_termly"))
        .arg("--database")
        .arg(db)
        .args(args)
        .output()
        .unwrap()
}

fn ok(db: &Path, args: &[&str]) -> String {
    let out = termly(db, args);
    assert!(
        out.status.success(),
        "{args:?}: {}",
        String::from_utf8_lossy(&out.stderr)
    );
    String::from_utf8_lossy(&out.stdout).into_owned()
}

fn note(db: &Path, urn: &str, actions: &str, owner: &str, due: &str) {
    ok(
        db,
        &[
            "decide",
            "--urn",
            urn,
            "--kind",
            "note",
            "--actions",
            actions,
            "--owner",
            owner,
            "--due",
            due,
            "--chair",
            "S. Okafor",
        ],
    );
}

/// The term's meeting, held on 6 Jan 2020: an action agreed at it may be due soon after
/// (a due date before the meeting is refused) and so be overdue on any day the suite runs.
fn meeting_held_long_ago(db: &Path) {
    let mut store = termly::store::Store::open(db).unwrap();
    crate::decisions_fixture::fill(&store);
    let held = chrono::NaiveDate::from_ymd_opt(2020, 1, 6).unwrap();
    let at = held.and_hms_opt(9, 0, 0).unwrap().and_utc().fixed_offset();
    store
        .open_or_resume_meeting(crate::decisions_fixture::term(), held, "S. Okafor", &[], at)
        .unwrap();
}

#[test]
fn list_filter_format_and_close() {
    let dir = tempfile::tempdir().unwrap();
    let db = dir.path().join("t.db");
    meeting_held_long_ago(&db);
    // Due dates far either side of any day the suite runs on.
    note(&db, "100001", "Attendance visit", "EWO lead", "2020-01-31");
    note(
        &db,
        "100002",
        "Budget recovery plan",
        "Finance BP",
        "2099-03-31",
    );

    let all = ok(&db, &["actions"]);
    let lines: Vec<&str> = all.lines().collect();
    assert!(lines[0].starts_with("#   School"), "{all}");
    assert!(
        lines[1].starts_with("#1") && lines[1].contains("OVERDUE"),
        "{all}"
    );
    assert!(
        lines[2].starts_with("#2") && lines[2].contains("due in"),
        "{all}"
    );

    let overdue = ok(&db, &["actions", "--overdue"]);
    assert!(
        overdue.contains("Attendance visit") && !overdue.contains("Budget"),
        "{overdue}"
    );
    let by_owner = ok(&db, &["actions", "--owner", "finance"]);
    assert!(
        by_owner.contains("Budget") && !by_owner.contains("Attendance"),
        "{by_owner}"
    );
    let by_school = ok(&db, &["actions", "--school", "100001"]);
    assert!(by_school.contains("Attendance") && !by_school.contains("Budget"));

    let md = ok(&db, &["actions", "--format", "md"]);
    assert!(
        md.starts_with("| # | School | Action | Owner | Due | Status |\n"),
        "{md}"
    );
    assert!(md.contains("| 1 | Amberley Primary School (100001) | Attendance visit | EWO lead | 31 Jan 2020 | open · OVERDUE by"), "{md}");
    let csv = ok(&db, &["actions", "--format", "csv"]);
    let mut reader = csv::Reader::from_reader(csv.as_bytes());
    let rows: Vec<csv::StringRecord> = reader.records().map(Result::unwrap).collect();
    assert_eq!(rows.len(), 2);
    assert_eq!(&rows[0][5], "2020-01-31");
    assert_eq!(&rows[0][7], "true");

    let drop_without_reason = termly(&db, &["actions", "--drop", "2"]);
    assert!(!drop_without_reason.status.success());
    let done = ok(
        &db,
        &[
            "actions",
            "--done",
            "1",
            "--note",
            "Visited 24 Nov",
            "--by",
            "Clerk",
        ],
    );
    assert!(
        done.starts_with("action #1 (Amberley Primary School): done"),
        "{done}"
    );
    let open = ok(&db, &["actions", "--open"]);
    assert!(!open.contains("Attendance visit"), "{open}");
    let history = ok(&db, &["history", "100001"]);
    assert!(
        history.contains("action #1: Attendance visit · done")
            && history.contains("Visited 24 Nov"),
        "{history}"
    );
    assert!(
        history.contains("owner EWO lead · due 31 Jan 2020"),
        "{history}"
    );
}

#[test]
fn meetings_sets_apologies_and_the_next_date_for_the_minutes() {
    let dir = tempfile::tempdir().unwrap();
    let db = dir.path().join("t.db");
    crate::decisions_fixture::fill(&termly::store::Store::open(&db).unwrap());
    note(&db, "100001", "Attendance visit", "EWO lead", "2099-01-31");
    let listed = ok(
        &db,
        &[
            "meetings",
            "--meeting",
            "latest",
            "--apology",
            "C. Governor",
            "--apology",
            "D. Officer",
            "--next-meeting",
            "2027-03-12",
        ],
    );
    assert!(
        listed.contains("apologies: C. Governor; D. Officer  next meeting: 12 Mar 2027"),
        "{listed}"
    );
    let only_date = ok(
        &db,
        &["meetings", "--meeting", "1", "--next-meeting", "2027-03-19"],
    );
    assert!(
        only_date.contains("C. Governor") && only_date.contains("19 Mar 2027"),
        "{only_date}"
    );
    let md = ok(&db, &["export"]);
    assert!(
        md.contains("- Apologies:\n  - C. Governor\n  - D. Officer\n"),
        "{md}"
    );
    assert!(
        md.contains("- Next meeting: Friday 19 March 2027\n"),
        "{md}"
    );
    assert!(md.starts_with("**OFFICIAL-SENSITIVE** · **DRAFT**"), "{md}");
    let refused = termly(&db, &["meetings", "--meeting", "1"]);
    assert!(!refused.status.success(), "--meeting alone changes nothing");
}
