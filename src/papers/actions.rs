//! Actions as a sheet: a row per action record with its owner, due date and status, for a
//! meeting's export and for the action log (`termly actions --format xlsx`).

use super::{text_table, workbook, PapersError};
use crate::actions::report::status_words;
use crate::actions::ActionItem;
use crate::model::sanitize_text;
use chrono::NaiveDate;
use rust_xlsxwriter::Worksheet;

/// The action log's one sheet.
pub const SHEET: &str = "Actions";

/// The columns of an action sheet.
pub const HEADERS: [(&str, f64); 10] = [
    ("Action", 8.0),
    ("Meeting", 8.0),
    ("Decision", 9.0),
    ("URN", 8.0),
    ("School", 30.0),
    ("What", 50.0),
    ("Owner", 16.0),
    ("Due", 11.0),
    ("Status", 10.0),
    ("Status in words", 40.0),
];

/// `actions` as a table on `sheet`; "overdue" is judged on `today`.
pub fn action_sheet(
    sheet: &mut Worksheet,
    actions: &[ActionItem],
    today: NaiveDate,
) -> Result<(), PapersError> {
    let rows: Vec<Vec<String>> = actions
        .iter()
        .map(|a| {
            vec![
                a.id.to_string(),
                a.meeting_id.to_string(),
                a.decision_id.to_string(),
                a.urn.to_string(),
                sanitize_text(&a.school, false),
                sanitize_text(&a.text, false),
                sanitize_text(&a.owner, false),
                a.due.map(|d| d.to_string()).unwrap_or_default(),
                a.status.key().to_string(),
                sanitize_text(&status_words(a, today), false),
            ]
        })
        .collect();
    text_table(sheet, &HEADERS, &rows)
}

/// The action log as a workbook, dated `today`.
pub fn action_log_workbook(
    actions: &[ActionItem],
    today: NaiveDate,
) -> Result<Vec<u8>, PapersError> {
    let mut book = workbook(today)?;
    action_sheet(book.add_worksheet().set_name(SHEET)?, actions, today)?;
    Ok(book.save_to_buffer()?)
}
