//! A meeting's record as a workbook: its decisions, the actions they set (with owner, due
//! date and status) and who attended, one sheet each.

use super::{actions::action_sheet, text_table, workbook, PapersError};
use crate::actions::ActionItem;
use crate::config::Config;
use crate::minutes::model::{DecisionRecord, Minutes};
use crate::model::sanitize_text;
use chrono::NaiveDate;

/// The sheets' names, in order.
pub const SHEETS: [&str; 3] = ["Decisions", "Actions", "Attendance"];

/// The whole workbook for `m` and the action records its decisions set, dated `today`.
pub fn meeting_workbook(
    config: &Config,
    m: &Minutes,
    actions: &[ActionItem],
    today: NaiveDate,
) -> Result<Vec<u8>, PapersError> {
    let mut book = workbook(today)?;
    let decisions: Vec<Vec<String>> = m
        .decisions
        .iter()
        .map(|d| decision_row(config, d))
        .collect();
    text_table(
        book.add_worksheet().set_name(SHEETS[0])?,
        &[
            ("#", 5.0),
            ("URN", 8.0),
            ("School", 30.0),
            ("Decision", 12.0),
            ("From", 12.0),
            ("To", 12.0),
            ("Rationale", 50.0),
            ("Policy reasons", 40.0),
            ("Recorded by", 14.0),
            ("Recorded at", 18.0),
            ("Revoked by", 10.0),
        ],
        &decisions,
    )?;
    action_sheet(book.add_worksheet().set_name(SHEETS[1])?, actions, today)?;
    let mut people = vec![vec![
        sanitize_text(&m.meeting.chair, false),
        "chair".to_string(),
    ]];
    people.extend(
        m.meeting
            .attendees
            .iter()
            .filter(|a| **a != m.meeting.chair)
            .map(|a| vec![sanitize_text(a, false), "attended".to_string()]),
    );
    people.extend(
        m.meeting
            .apologies
            .iter()
            .map(|a| vec![sanitize_text(a, false), "apologies".to_string()]),
    );
    text_table(
        book.add_worksheet().set_name(SHEETS[2])?,
        &[("Name", 30.0), ("Role", 10.0)],
        &people,
    )?;
    Ok(book.save_to_buffer()?)
}

fn decision_row(config: &Config, d: &DecisionRecord) -> Vec<String> {
    let category = |k: &Option<String>| {
        k.as_deref()
            .map(|k| config.category_label(k).to_string())
            .unwrap_or_default()
    };
    vec![
        d.id.to_string(),
        d.urn.to_string(),
        sanitize_text(&d.school, false),
        d.kind.clone(),
        category(&d.from_category),
        category(&d.to_category),
        sanitize_text(&d.rationale, true),
        d.policy_reasons.join("\n"),
        sanitize_text(&d.recorded_by, false),
        d.recorded_at.clone(),
        d.revoked_by.map(|id| id.to_string()).unwrap_or_default(),
    ]
}
