//! The workbooks `termly init` and `termly templates` hand out: one scoring workbook per team
//! per term, and the support workbook of starting categories. Each lists every school on the
//! register, leaves the cells a person fills in empty, and offers the accepted entries in an
//! Excel drop-down (data validation), so what comes back reads as it is.

use crate::config::{Config, TeamConfig};
use crate::model::School;
use crate::term::Term;
use rust_xlsxwriter::{DataValidation, DataValidationErrorStyle, Format, Workbook, XlsxError};
use std::io;
use std::path::Path;

/// The row of the header (0-based): a title and a note of the scale come first.
const HEADER_ROW: u32 = 2;
/// Rows the drop-down covers beyond the schools listed (a school added by hand).
const SPARE_ROWS: u32 = 50;

/// One team's scoring workbook for `term`: URN, school, phase, type, an empty score column
/// with a drop-down of the accepted words and numbers, and a comment column.
pub fn team_workbook(
    config: &Config,
    team: &TeamConfig,
    term: Term,
    authority: &str,
    schools: &[School],
) -> Result<Vec<u8>, XlsxError> {
    let scale = config.scale.for_team(team);
    let entries = scale.accepted_entries();
    let mut book = Workbook::new();
    let bold = Format::new().set_bold();
    let sheet = book.add_worksheet();
    sheet.set_name(&team.key)?;
    sheet.write_string_with_format(
        0,
        0,
        format!("{authority} — {} scores, {term}", team.label),
        &bold,
    )?;
    sheet.write_string(
        1,
        0,
        format!(
            "Score each school from {} (lowest risk) to {}: {}. Leave a school blank to leave it unscored.",
            scale.min,
            scale.max,
            scale.describe()
        ),
    )?;
    let score_header = team.score_column.as_deref().unwrap_or("Score");
    let comment_header = team.comment_column.as_deref().unwrap_or("Comment");
    let headers = [
        "URN",
        "School",
        "Phase",
        "Type",
        score_header,
        comment_header,
    ];
    for (c, h) in headers.iter().enumerate() {
        sheet.write_string_with_format(HEADER_ROW, c as u16, *h, &bold)?;
    }
    for (i, school) in schools.iter().enumerate() {
        let row = HEADER_ROW + 1 + i as u32;
        sheet.write_number(row, 0, school.urn as f64)?;
        sheet.write_string(row, 1, &school.name)?;
        sheet.write_string(row, 2, school.phase.label())?;
        sheet.write_string(row, 3, &school.establishment_type)?;
    }
    let last = HEADER_ROW + schools.len() as u32 + SPARE_ROWS;
    let validation = DataValidation::new()
        .allow_list_strings(&entries)?
        .set_input_title("Score")?
        .set_input_message(format!("{} to {}, or a word for one", scale.min, scale.max))?
        .set_error_title("Not a score")?
        .set_error_message(format!("Pick one of: {}", entries.join(", ")))?
        .set_error_style(DataValidationErrorStyle::Stop);
    sheet.add_data_validation(HEADER_ROW + 1, 4, last, 4, &validation)?;
    sheet.set_column_width(0, 9)?;
    sheet.set_column_width(1, 44)?;
    sheet.set_column_width(2, 14)?;
    sheet.set_column_width(3, 30)?;
    sheet.set_column_width(4, 12)?;
    sheet.set_column_width(5, 60)?;
    sheet.set_freeze_panes(HEADER_ROW + 1, 2)?;
    book.save_to_buffer()
}

/// One school's starting category for the support workbook, with the policy's reason.
pub struct StartingCategory<'a> {
    pub school: &'a School,
    /// Category label.
    pub category: String,
    pub reason: String,
}

/// The support workbook: every school with a starting category, the date it starts, and a
/// drop-down of the categories, for the service to correct and import.
pub fn support_workbook(
    config: &Config,
    authority: &str,
    since: chrono::NaiveDate,
    rows: &[StartingCategory],
) -> Result<Vec<u8>, XlsxError> {
    let labels: Vec<String> = config.categories.iter().map(|c| c.label.clone()).collect();
    let mut book = Workbook::new();
    let bold = Format::new().set_bold();
    let sheet = book.add_worksheet();
    sheet.set_name("support")?;
    sheet.write_string_with_format(0, 0, format!("{authority} — support categories"), &bold)?;
    sheet.write_string(
        1,
        0,
        "Starting categories: the policy's suggestion where it has one, Core otherwise. Correct any, then set [data] support to this file and run termly import.",
    )?;
    let headers = ["URN", "School", "Category", "Since", "Why"];
    for (c, h) in headers.iter().enumerate() {
        sheet.write_string_with_format(HEADER_ROW, c as u16, *h, &bold)?;
    }
    let since = since.format("%Y-%m-%d").to_string();
    for (i, row) in rows.iter().enumerate() {
        let r = HEADER_ROW + 1 + i as u32;
        sheet.write_number(r, 0, row.school.urn as f64)?;
        sheet.write_string(r, 1, &row.school.name)?;
        sheet.write_string(r, 2, &row.category)?;
        sheet.write_string(r, 3, &since)?;
        sheet.write_string(r, 4, &row.reason)?;
    }
    let last = HEADER_ROW + rows.len() as u32 + SPARE_ROWS;
    let validation = DataValidation::new()
        .allow_list_strings(&labels)?
        .set_error_title("Not a category")?
        .set_error_message(format!("Pick one of: {}", labels.join(", ")))?;
    sheet.add_data_validation(HEADER_ROW + 1, 2, last, 2, &validation)?;
    sheet.set_column_width(0, 9)?;
    sheet.set_column_width(1, 44)?;
    sheet.set_column_width(2, 30)?;
    sheet.set_column_width(3, 12)?;
    sheet.set_column_width(4, 70)?;
    sheet.set_freeze_panes(HEADER_ROW + 1, 2)?;
    book.save_to_buffer()
}

/// Write a workbook's bytes, never over a file that is there (a team's filled-in sheet).
/// True when written, false when the file was there already.
pub fn write_new(path: &Path, bytes: Result<Vec<u8>, XlsxError>) -> io::Result<bool> {
    if path.exists() {
        return Ok(false);
    }
    let bytes = bytes.map_err(io::Error::other)?;
    crate::files::write_private(path, &bytes)?;
    Ok(true)
}
