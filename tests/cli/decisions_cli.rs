//! `termly decide`, `history`, `export` and `backup` driven through the real binary.

use crate::common::cli::{stderr, stdout};
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

#[test]
fn decide_revoke_close_history_export_backup() {
    let dir = tempfile::tempdir().unwrap();
    let db = dir.path().join("t.db");
    crate::decisions_fixture::fill(&termly::store::Store::open(&db).unwrap());

    let no_chair = termly(&db, &["decide", "--urn", "100001", "--kind", "confirm"]);
    assert!(!no_chair.status.success());
    assert!(stderr(&no_chair).contains("chair"), "{}", stderr(&no_chair));

    let first = termly(
        &db,
        &[
            "decide",
            "--urn",
            "100001",
            "--kind",
            "recategorise",
            "--to",
            "enhanced",
            "--rationale",
            "Attendance 4",
            "--chair",
            "S. Okafor",
            "--attendee",
            "A. Finance",
            "--due",
            "2099-01-29",
            "--owner",
            "Adviser One",
        ],
    );
    assert!(first.status.success(), "{}", stderr(&first));
    assert_eq!(stdout(&first), "saved decision #1 in meeting #1\n");

    let missing = termly(&db, &["decide", "--urn", "100002", "--kind", "defer"]);
    assert!(!missing.status.success());
    assert!(
        stderr(&missing).contains("rationale is required"),
        "{}",
        stderr(&missing)
    );

    let bad_due = termly(
        &db,
        &[
            "decide", "--urn", "100002", "--kind", "note", "--due", "soon",
        ],
    );
    assert!(!bad_due.status.success());

    let revoke = termly(
        &db,
        &["decide", "--revoke", "1", "--rationale", "Wrong school"],
    );
    assert!(revoke.status.success(), "{}", stderr(&revoke));
    assert_eq!(
        stdout(&revoke),
        "saved decision #2 (revokes #1) in meeting #1\n"
    );

    let again = termly(&db, &["decide", "--revoke", "1", "--rationale", "again"]);
    assert!(
        stderr(&again).contains("already revoked by decision #2"),
        "{}",
        stderr(&again)
    );

    let history = termly(&db, &["history", "100001"]);
    assert!(history.status.success(), "{}", stderr(&history));
    let h = stdout(&history);
    assert!(
        h.starts_with("Amberley Primary School (URN 100001)\n"),
        "{h}"
    );
    // The revoked recategorisation never took effect: the history keeps the import only.
    assert!(
        h.contains("Core                               from 2024-25 Autumn  imported, since 1 Sep 2024\n\n"),
        "{h}"
    );
    assert!(
        h.contains("#1    2026-27 Autumn  meeting #1 held "),
        "each decision with its term and meeting date: {h}"
    );
    assert!(h.contains("Revoked #1  Enhanced → Core"), "{h}");
    assert!(h.contains("[revoked by #2]"), "{h}");
    assert!(h.contains("owner Adviser One · due 29 Jan 2099"), "{h}");
    assert!(h.contains("Aut 26"), "{h}");
    assert!(h.contains("1 Balanced budget"), "{h}");
    let unknown = termly(&db, &["history", "999999"]);
    assert!(!unknown.status.success());
    assert!(stderr(&unknown).contains("no school with URN 999999"));

    // Closing writes the minutes, as the screen's close does; with --database alone, beside
    // the database.
    let close = termly(&db, &["decide", "--close-meeting"]);
    let closed = stdout(&close);
    assert!(
        closed.starts_with("closed meeting #1 (2026-27 Autumn)\nminutes written to "),
        "{closed}{}",
        stderr(&close)
    );
    let written = Path::new("t-minutes").join("minutes-2026-27-autumn-meeting-1.toml");
    assert!(
        closed.trim_end().ends_with(&*written.to_string_lossy()),
        "{closed}"
    );

    let md = termly(&db, &["export", "--meeting", "latest", "--with-heatmap"]);
    assert!(md.status.success(), "{}", stderr(&md));
    assert!(stdout(&md).contains("## Appendix: heat map"));
    let out = dir.path().join("m.toml");
    let toml = termly(
        &db,
        &[
            "export",
            "--meeting",
            "1",
            "--format",
            "toml",
            "-o",
            out.to_str().unwrap(),
        ],
    );
    assert!(toml.status.success(), "{}", stderr(&toml));
    assert!(std::fs::read_to_string(&out)
        .unwrap()
        .contains("format_version = 2"));
    let none = termly(&db, &["export", "--meeting", "7"]);
    assert!(
        stderr(&none).contains("there is no meeting #7"),
        "{}",
        stderr(&none)
    );

    let copy = dir.path().join("copy.db");
    let backup = termly(&db, &["backup", copy.to_str().unwrap()]);
    assert!(backup.status.success(), "{}", stderr(&backup));
    let restored = termly::store::Store::open(&copy).unwrap();
    assert_eq!(restored.decisions_for_meeting(1).unwrap().len(), 2);
    assert!(
        !termly(&db, &["backup", copy.to_str().unwrap()])
            .status
            .success(),
        "no overwrite"
    );
}
