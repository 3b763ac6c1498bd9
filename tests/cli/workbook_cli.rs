//! Workbooks through the real binary: a workbook term imported as a new user would, a broken
//! one refused at its cell with nothing imported, `snapshot --format xlsx`, `export --format
//! xlsx` and `actions --format xlsx` read back and compared with the database.

use calamine::{Data, Reader, Xlsx};
use std::path::Path;
use std::process::{Command, Output};
use termly::minutes::toml_minutes::from_toml;

fn termly(dir: &Path, args: &[&str]) -> Output {
    Command::new(env!("CARGO_BIN_EXE_termly"))
        .current_dir(dir)
        .args(args)
        .output()
        .unwrap()
}

fn ok(o: &Output) -> (String, String) {
    let out = String::from_utf8_lossy(&o.stdout).into_owned();
    let err = String::from_utf8_lossy(&o.stderr).into_owned();
    assert!(o.status.success(), "{out}{err}");
    (out, err)
}

fn text(cell: Option<&Data>) -> String {
    match cell {
        None | Some(Data::Empty) => String::new(),
        Some(Data::String(s)) => s.clone(),
        Some(other) => other.to_string(),
    }
}

#[test]
fn a_workbook_term_imports_and_a_broken_one_changes_nothing() {
    let dir = tempfile::tempdir().unwrap();
    let d = dir.path();
    ok(&termly(
        d,
        &[
            "demo-data",
            "--out",
            "borough",
            "--schools",
            "30",
            "--terms",
            "2",
            "--xlsx",
        ],
    ));
    let cfg = ["--config", "borough/termly.toml"];
    let (out, _) = ok(&termly(d, &[&cfg[..], &["import"]].concat()));
    assert!(
        out.contains(&format!(
            "{}2026-27-autumn.xlsx [attendance] (30 rows)",
            Path::new("borough").join("scores").join("").display()
        )),
        "{out}"
    );
    let (out, _) = ok(&termly(d, &[&cfg[..], &["import"]].concat()));
    assert!(out.contains("0 file(s) imported, 11 unchanged"), "{out}");

    // One error cell: the whole import is refused at that cell, and the database keeps
    // what it had.
    let path = d.join("borough/scores/2026-27-autumn.xlsx");
    let mut book = rust_xlsxwriter::Workbook::new();
    for team in ["finance", "hr", "attendance", "standards"] {
        let sheet = book.add_worksheet().set_name(team).unwrap();
        sheet.write_string(0, 0, "urn").unwrap();
        sheet.write_string(0, 1, "score").unwrap();
        sheet.write_number(1, 0, 100001.0).unwrap();
        if team == "hr" {
            let f = rust_xlsxwriter::Formula::new("=1/0").set_result("#DIV/0!");
            sheet.write_formula(1, 1, f).unwrap();
        } else {
            sheet.write_number(1, 1, 4.0).unwrap();
        }
    }
    book.save(&path).unwrap();
    let bad = termly(d, &[&cfg[..], &["import"]].concat());
    assert!(!bad.status.success());
    let err = String::from_utf8_lossy(&bad.stderr);
    assert!(
        err.contains(&format!(
            "{}2026-27-autumn.xlsx [hr] B2: #DIV/0! where a score was expected",
            Path::new("borough").join("scores").join("").display()
        )),
        "{err}"
    );
    assert!(err.contains("nothing was imported"), "{err}");
}

#[cfg(unix)]
fn mode(p: &Path) -> u32 {
    use std::os::unix::fs::PermissionsExt;
    std::fs::metadata(p).unwrap().permissions().mode() & 0o777
}

#[test]
fn snapshot_xlsx_is_private_and_never_overwrites() {
    let dir = tempfile::tempdir().unwrap();
    let d = dir.path();
    ok(&termly(
        d,
        &["demo-data", "--out", "b", "--schools", "20", "--terms", "2"],
    ));
    let cfg = ["--config", "b/termly.toml"];
    ok(&termly(d, &[&cfg[..], &["import"]].concat()));
    let no_file = termly(d, &[&cfg[..], &["snapshot", "--format", "xlsx"]].concat());
    assert!(!no_file.status.success());
    assert!(String::from_utf8_lossy(&no_file.stderr).contains("add -o FILE"));

    let args = [
        &cfg[..],
        &["snapshot", "--format", "xlsx", "-o", "papers.xlsx"],
    ]
    .concat();
    let (_, err) = ok(&termly(d, &args));
    let papers = std::path::absolute(d.join("papers.xlsx")).unwrap();
    assert_eq!(err, format!("wrote {}\n", papers.display()));
    #[cfg(unix)]
    assert_eq!(mode(&d.join("papers.xlsx")), 0o600);
    let first = std::fs::read(d.join("papers.xlsx")).unwrap();
    let mut book: Xlsx<_> = calamine::open_workbook(d.join("papers.xlsx")).unwrap();
    assert_eq!(book.sheet_names(), ["Heat map", "Agenda", "Capacity"]);
    let heat = book.worksheet_range("Heat map").unwrap();
    assert_eq!(heat.height(), 21, "a header and 20 schools");
    // Windows refuses to replace a file another program holds open (as Excel would).
    drop(book);

    // Written again unchanged, termly's own file is replaced; edited, it is kept.
    let (_, err) = ok(&termly(d, &args));
    assert_eq!(err, format!("wrote {}\n", papers.display()));
    std::fs::write(d.join("papers.xlsx"), b"edited by hand").unwrap();
    let (_, err) = ok(&termly(d, &args));
    let second = std::path::absolute(d.join("papers-2.xlsx")).unwrap();
    assert_eq!(
        err,
        format!(
            "{} was changed since termly wrote it and is kept: wrote {} instead\n",
            papers.display(),
            second.display()
        )
    );
    assert_eq!(
        std::fs::read(d.join("papers.xlsx")).unwrap(),
        b"edited by hand"
    );
    assert_eq!(std::fs::read(d.join("papers-2.xlsx")).unwrap(), first);
}

#[test]
fn export_xlsx_holds_the_meetings_decisions_actions_and_attendance() {
    let dir = tempfile::tempdir().unwrap();
    let d = dir.path();
    let db = d.join("t.db");
    crate::decisions_fixture::fill(&termly::store::Store::open(&db).unwrap());
    let db_arg = ["--database", db.to_str().unwrap()];
    let decide = |extra: &[&str]| ok(&termly(d, &[&db_arg[..], &["decide"], extra].concat()));
    decide(&[
        "--urn",
        "100001",
        "--kind",
        "recategorise",
        "--to",
        "enhanced",
        "--rationale",
        "Attendance 4",
        "--actions",
        "Review the attendance plan\nVisit in January",
        "--owner",
        "Adviser One",
        "--due",
        "2099-01-29",
        "--chair",
        "S. Okafor",
        "--attendee",
        "A. Finance",
    ]);
    decide(&[
        "--urn",
        "100002",
        "--kind",
        "confirm",
        "--rationale",
        "Steady",
    ]);
    decide(&[
        "--urn",
        "100003",
        "--kind",
        "note",
        "--rationale",
        "Head leaving",
        "--actions",
        "Ask HR",
        "--owner",
        "HR lead",
        "--due",
        "2099-01-29",
    ]);
    decide(&["--revoke", "3", "--rationale", "Wrong school"]);

    let args = [
        &db_arg[..],
        &[
            "export",
            "--meeting",
            "1",
            "--format",
            "xlsx",
            "-o",
            "m.xlsx",
        ],
    ]
    .concat();
    ok(&termly(d, &args));
    let (toml, _) = ok(&termly(
        d,
        &[
            &db_arg[..],
            &["export", "--meeting", "1", "--format", "toml"],
        ]
        .concat(),
    ));
    let m = from_toml(&toml, "stdout").unwrap();
    let mut book: Xlsx<_> = calamine::open_workbook(d.join("m.xlsx")).unwrap();
    assert_eq!(book.sheet_names(), ["Decisions", "Actions", "Attendance"]);

    let decisions = book.worksheet_range("Decisions").unwrap();
    assert_eq!(decisions.height(), m.decisions.len() + 1);
    for (i, dr) in m.decisions.iter().enumerate() {
        let r = i as u32 + 1;
        assert_eq!(text(decisions.get_value((r, 0))), dr.id.to_string());
        assert_eq!(text(decisions.get_value((r, 1))), dr.urn.to_string());
        assert_eq!(text(decisions.get_value((r, 2))), dr.school);
        assert_eq!(text(decisions.get_value((r, 3))), dr.kind);
        assert_eq!(text(decisions.get_value((r, 6))), dr.rationale);
        assert_eq!(
            text(decisions.get_value((r, 7))),
            dr.policy_reasons.join("\n")
        );
        assert_eq!(text(decisions.get_value((r, 8))), dr.recorded_by);
        let revoked = dr.revoked_by.map(|x| x.to_string()).unwrap_or_default();
        assert_eq!(text(decisions.get_value((r, 10))), revoked);
    }
    assert_eq!(text(decisions.get_value((1, 5))), "Enhanced");

    let actions = book.worksheet_range("Actions").unwrap();
    let rows: Vec<Vec<String>> = actions
        .rows()
        .map(|r| r.iter().map(|c| text(Some(c))).collect())
        .collect();
    let store = termly::store::Store::open(&db).unwrap();
    let records = store.actions_of_meeting(1).unwrap();
    assert_eq!(rows.len(), records.len() + 1);
    let head = [
        "Action", "Meeting", "Decision", "URN", "School", "What", "Owner", "Due", "Status",
    ];
    assert_eq!(rows[0][..9], head);
    for (row, a) in rows[1..].iter().zip(&records) {
        let due = a.due.map(|d| d.to_string()).unwrap_or_default();
        let want = [
            a.id.to_string(),
            a.meeting_id.to_string(),
            a.decision_id.to_string(),
            a.urn.to_string(),
            a.school.clone(),
            a.text.clone(),
            a.owner.clone(),
            due,
            a.status.key().to_string(),
        ];
        assert_eq!(row[..9], want);
    }
    let statuses: Vec<(&str, &str)> = rows[1..]
        .iter()
        .map(|r| (r[5].as_str(), r[8].as_str()))
        .collect();
    assert!(
        statuses.contains(&("Visit in January", "open")),
        "{statuses:?}"
    );
    assert!(
        statuses.contains(&("Ask HR", "dropped")),
        "the revoked note's action is dropped: {statuses:?}"
    );

    let attendance = book.worksheet_range("Attendance").unwrap();
    let people: Vec<String> = attendance.rows().skip(1).map(|r| text(r.first())).collect();
    let mut want = vec![m.meeting.chair.clone()];
    want.extend(
        m.meeting
            .attendees
            .iter()
            .filter(|a| **a != m.meeting.chair)
            .cloned(),
    );
    assert_eq!(people, want);
    assert!(people.contains(&"A. Finance".to_string()));
}

#[test]
fn the_action_log_as_a_workbook() {
    let dir = tempfile::tempdir().unwrap();
    let d = dir.path();
    let db = d.join("t.db");
    crate::decisions_fixture::fill(&termly::store::Store::open(&db).unwrap());
    let db_arg = ["--database", db.to_str().unwrap()];
    let run = |extra: &[&str]| ok(&termly(d, &[&db_arg[..], extra].concat()));
    run(&[
        "decide",
        "--urn",
        "100001",
        "--kind",
        "note",
        "--rationale",
        "Budget",
        "--actions",
        "Send the recovery plan",
        "--owner",
        "Finance lead",
        "--due",
        "2099-12-01",
        "--chair",
        "S. Okafor",
    ]);
    run(&[
        "decide",
        "--urn",
        "100002",
        "--kind",
        "note",
        "--rationale",
        "Staffing",
        "--actions",
        "Call the head",
        "--owner",
        "HR lead",
        "--due",
        "2099-01-29",
    ]);
    let no_file = termly(d, &[&db_arg[..], &["actions", "--format", "xlsx"]].concat());
    assert!(!no_file.status.success());
    run(&[
        "actions", "--done", "2", "--note", "called", "--by", "HR lead",
    ]);
    run(&["actions", "--format", "xlsx", "-o", "actions.xlsx"]);
    #[cfg(unix)]
    assert_eq!(mode(&d.join("actions.xlsx")), 0o600);
    let mut book: Xlsx<_> = calamine::open_workbook(d.join("actions.xlsx")).unwrap();
    assert_eq!(book.sheet_names(), ["Actions"]);
    let range = book.worksheet_range("Actions").unwrap();
    let rows: Vec<Vec<String>> = range
        .rows()
        .skip(1)
        .map(|r| r.iter().map(|c| text(Some(c))).collect())
        .collect();
    let store = termly::store::Store::open(&db).unwrap();
    let all = store.actions().unwrap();
    assert_eq!(rows.len(), all.len());
    for row in &rows {
        let a = all.iter().find(|a| a.id.to_string() == row[0]).unwrap();
        assert_eq!(row[5], a.text);
        assert_eq!(row[6], a.owner);
        assert_eq!(row[8], a.status.key());
    }
    let call = rows.iter().find(|r| r[5] == "Call the head").unwrap();
    assert_eq!(call[8], "done");
    assert!(
        call[9].starts_with("done") && call[9].ends_with(": called"),
        "{call:?}"
    );
}
