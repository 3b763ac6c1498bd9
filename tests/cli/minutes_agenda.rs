//! The minutes list the agenda schools no decision reached, worked out from the policy as on
//! the meeting's date, so `termly export` and the screen's export key write the same file.

use crate::common::files::{good_borough, imported_store};
use termly::config::Config;
use termly::meeting::minutes_of;
use termly::minutes::{self, markdown};
use termly::store::load_dataset;

#[test]
fn agenda_schools_not_reached_are_listed_and_the_files_match_the_command() {
    let dir = good_borough();
    let config_path = dir.path().join("termly.toml");
    let config = Config::load(Some(&config_path)).unwrap();
    let mut store = imported_store(&config);

    let teams = config.team_keys();
    let data = load_dataset(&store, &teams).unwrap();
    let term_idx = data.terms.len() - 1;
    let date = chrono::NaiveDate::from_ymd_opt(2026, 11, 23).unwrap();
    let agenda = termly::policy::assess_term(&config, &data, term_idx, date).agenda;
    assert!(agenda.len() >= 2, "the good borough has an agenda");
    let (first, second) = (data.schools[agenda[0]].urn, data.schools[agenda[1]].urn);

    let now = chrono::DateTime::parse_from_rfc3339("2026-11-23T10:00:00+00:00").unwrap();
    let meeting = store
        .open_or_resume_meeting(data.terms[term_idx].term, date, "A. Chair", &[], now)
        .unwrap();
    termly::meeting::record_decision(
        &mut store,
        &config,
        termly::store::decisions::NewDecision {
            meeting_id: meeting.id,
            urn: first,
            kind: Some(termly::model::DecisionKind::Confirm),
            rationale: "Stays as it is.".into(),
            recorded_by: "A. Chair".into(),
            ..Default::default()
        },
        now,
    )
    .unwrap();

    let m = minutes_of(&config, &store, meeting.id, false).unwrap();
    let text = markdown::render(&config, &m);
    let not_reached = text
        .split("## On the agenda, not reached")
        .nth(1)
        .and_then(|rest| rest.split("\n## ").next())
        .expect("a not-reached section");
    assert!(not_reached.contains(&second.to_string()), "{text}");
    assert!(!not_reached.contains(&first.to_string()), "{text}");

    // The screen's key writes files; the command prints: the same Markdown.
    let (md, _toml) = minutes::write_minutes_files(
        &config,
        &store,
        &minutes_of(&config, &store, meeting.id, false).unwrap(),
        "2026-11-27T10:00:00+00:00",
    )
    .unwrap();
    assert_eq!(std::fs::read_to_string(md.path).unwrap(), text);
    let out = std::process::Command::new(env!("CARGO_BIN_EXE_termly"))
        .arg("--config")
        .arg(&config_path)
        .args(["export", "--meeting", "latest", "--format", "md"])
        .output()
        .unwrap();
    assert!(
        out.status.success(),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    assert_eq!(String::from_utf8(out.stdout).unwrap(), text);
}
