//! Attendees and apologies are lists of people, given by repeating a flag: a comma inside a
//! name (`C. Governor (Chair, Schools Forum)`) is part of the name in the database, the
//! `meetings` listing, the Markdown minutes, the TOML minutes (which `check-minutes` still
//! finds in agreement) and the workbook's Attendance sheet, one row a person.

use crate::common::cli::run_ok as run;
use crate::common::files::good_borough;
use calamine::{Data, Reader, Xlsx};
use termly::config::Config;
use termly::store::Store;

const CHAIR: &str = "A. Chair";
const ATTENDEES: [&str; 2] = ["B. Officer (Finance, HR)", "E. Clerk"];
const LATE: &str = "F. Adviser, Standards";
const APOLOGIES: [&str; 2] = ["C. Governor (Chair, Schools Forum)", "D. Officer"];

fn cell(c: Option<&Data>) -> String {
    match c {
        None | Some(Data::Empty) => String::new(),
        Some(other) => other.to_string(),
    }
}

#[test]
fn a_comma_in_a_name_survives_the_database_markdown_toml_and_the_workbook() {
    let dir = good_borough();
    let d = dir.path();
    run(d, &["import"]);
    let mut decide = vec![
        "decide",
        "--term",
        "2026-27 autumn",
        "--chair",
        CHAIR,
        "--urn",
        "900001",
        "--kind",
        "confirm",
        "--rationale",
        "Stable",
    ];
    for a in ATTENDEES {
        decide.extend(["--attendee", a]);
    }
    run(d, &decide);
    let mut details = vec!["meetings", "--meeting", "latest"];
    for a in APOLOGIES {
        details.extend(["--apology", a]);
    }
    details.extend(["--attendee", LATE]);
    let listed = run(d, &details);
    assert!(
        listed.contains(
            "attendees: B. Officer (Finance, HR); E. Clerk; F. Adviser, Standards  \
             apologies: C. Governor (Chair, Schools Forum); D. Officer"
        ),
        "{listed}"
    );

    // The database holds each person whole.
    let config = Config::load(Some(&d.join("termly.toml"))).unwrap();
    let store = Store::open(&config.database_path()).unwrap();
    let meeting = store.latest_meeting().unwrap().unwrap();
    let present = [ATTENDEES[0], ATTENDEES[1], LATE];
    assert_eq!(meeting.attendees, present);
    assert_eq!(
        store.meeting_details(meeting.id).unwrap().apologies,
        APOLOGIES
    );

    // Markdown: one person per item, never run together on a line.
    let md = run(d, &["export", "--format", "md"]);
    let want = format!(
        "- Present:\n{}- Apologies:\n{}",
        present.map(|p| format!("  - {p}\n")).concat(),
        APOLOGIES.map(|p| format!("  - {p}\n")).concat(),
    );
    assert!(md.contains(&want), "want\n{want}\nin\n{md}");

    // TOML: the same lists, and check-minutes agrees with the database.
    run(d, &["export", "--format", "toml", "-o", "minutes.toml"]);
    let toml = std::fs::read_to_string(d.join("minutes.toml")).unwrap();
    let minutes = termly::minutes::toml_minutes::from_toml(&toml, "minutes.toml").unwrap();
    assert_eq!(minutes.meeting.attendees, present);
    assert_eq!(minutes.meeting.apologies, APOLOGIES);
    let checked = run(d, &["check-minutes", "minutes.toml"]);
    assert!(checked.contains("matches the database"), "{checked}");

    // The workbook: one row a person, the whole name in one cell.
    run(d, &["export", "--format", "xlsx", "-o", "minutes.xlsx"]);
    let mut book: Xlsx<_> = calamine::open_workbook(d.join("minutes.xlsx")).unwrap();
    let sheet = book.worksheet_range("Attendance").unwrap();
    let rows: Vec<(String, String)> = sheet
        .rows()
        .skip(1)
        .map(|r| (cell(r.first()), cell(r.get(1))))
        .collect();
    let mut want = vec![(CHAIR.to_string(), "chair".to_string())];
    want.extend(present.map(|p| (p.to_string(), "attended".to_string())));
    want.extend(APOLOGIES.map(|p| (p.to_string(), "apologies".to_string())));
    assert_eq!(rows, want);
}

/// The command line takes each repeated flag whole: no flag splits its value at commas.
#[test]
fn repeated_flags_are_never_split_at_commas() {
    use clap::Parser;
    use termly::cli::{Cli, Command};
    let names = ["C. Governor (Chair, Schools Forum)", "D. Officer"];
    let with = |args: &[&str]| Cli::try_parse_from([&["termly"], args].concat()).unwrap();

    let screen = with(&["--attendee", names[0], "--attendee", names[1]]);
    assert_eq!(screen.screen.attendees, names);
    let Some(Command::Decide(decide)) = with(&[
        "decide",
        "--urn",
        "900001",
        "--kind",
        "confirm",
        "--attendee",
        names[0],
    ])
    .command
    else {
        panic!("decide")
    };
    assert_eq!(decide.attendees, [names[0]]);
    let Some(Command::Meetings(meetings)) = with(&[
        "meetings",
        "--apology",
        names[0],
        "--apology",
        names[1],
        "--attendee",
        names[0],
        "--remove-attendee",
        names[0],
    ])
    .command
    else {
        panic!("meetings")
    };
    assert_eq!(meetings.apologies, names);
    assert_eq!(meetings.attendees, [names[0]]);
    assert_eq!(meetings.remove_attendees, [names[0]]);
}
