//! Issue 14, point 8: `termly decide --due` refuses a due date before the meeting, with a
//! message naming both dates, and records nothing; dates are read as people type them.

use crate::decisions_fixture::{at, date, fill, term};
use std::path::Path;
use std::process::{Command, Output};
use termly::store::Store;

fn decide(db: &Path, urn: &str, due: &str) -> Output {
    Command::new(env!("CARGO_BIN_EXE_termly"))
        .arg("--database")
        .arg(db)
        .args(["decide", "--urn", urn, "--kind", "note"])
        .args(["--actions", "Visit the school", "--owner", "Adviser One"])
        .args(["--due", due])
        .output()
        .unwrap()
}

/// The fixture borough with the term's meeting opened on 23 Nov 2026.
fn borough(dir: &Path) -> std::path::PathBuf {
    let db = dir.join("t.db");
    let mut store = Store::open(&db).unwrap();
    fill(&store);
    store
        .open_or_resume_meeting(term(), date(), "S. Okafor", &[], at(9, 0))
        .unwrap();
    db
}

#[test]
fn a_due_date_before_the_meeting_is_refused_and_nothing_is_recorded() {
    let dir = tempfile::tempdir().unwrap();
    let db = borough(dir.path());
    for typed in ["2020-01-15", "15/01/2020", "22 Nov 2026"] {
        let out = decide(&db, "100001", typed);
        let err = String::from_utf8_lossy(&out.stderr);
        assert!(!out.status.success(), "{typed} was accepted");
        assert!(
            err.contains("is before the meeting (23 Nov 2026)"),
            "{typed}: {err}"
        );
    }
    let out = decide(&db, "100001", "2020-01-15");
    assert!(
        String::from_utf8_lossy(&out.stderr)
            .contains("the due date 15 Jan 2020 is before the meeting (23 Nov 2026)"),
        "{out:?}"
    );
    let store = Store::open(&db).unwrap();
    assert!(store.decisions_for_school(100001).unwrap().is_empty());

    // The meeting's own day and later are accepted, however they are typed.
    for (typed, id) in [("23 Nov 2026", 1), ("31/01/2027", 2), ("31-01-2027", 3)] {
        let out = decide(&db, "100001", typed);
        assert!(out.status.success(), "{typed}: {out:?}");
        assert_eq!(
            String::from_utf8_lossy(&out.stdout),
            format!("saved decision #{id} in meeting #1\n")
        );
    }
}
