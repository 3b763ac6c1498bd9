//! A term's scores as one workbook, a sheet per team named by the team's key, laid out as a
//! team keeps it: a title row with the date the scores were taken (an Excel serial date), a
//! blank row, then the header. One score is a formula with its cached value, the hr sheet
//! keeps its URNs as text, and a `_pct` indicator is a fraction formatted as a percentage —
//! each a thing the workbook reader must take as Excel shows it.

use super::Borough;
use rust_xlsxwriter::{DocProperties, ExcelDateTime, Format, Formula, Workbook, XlsxError};
use std::io;
use std::path::Path;

/// Write term `ti` of `b` to `path` (`<scores>/<term>.xlsx`).
pub fn write_term_workbook(path: &Path, b: &Borough, ti: usize) -> io::Result<()> {
    let mut book = term_workbook(b, ti).map_err(io::Error::other)?;
    let bytes = book.save_to_buffer().map_err(io::Error::other)?;
    crate::files::write_private(path, &bytes)
}

fn term_workbook(b: &Borough, ti: usize) -> Result<Workbook, XlsxError> {
    let term = b.terms[ti];
    let taken = term.start_date() + chrono::Days::new(35);
    let mut book = Workbook::new();
    // A fixed creation date keeps the file byte-identical for the same seed.
    let created = ExcelDateTime::from_ymd(2026, 1, 1)?;
    book.set_properties(&DocProperties::new().set_creation_datetime(&created));
    let date = Format::new().set_num_format("dd/mm/yyyy");
    let percent = Format::new().set_num_format("0.0%");
    let bold = Format::new().set_bold();
    for (ki, team) in b.teams.iter().enumerate() {
        let sheet = book.add_worksheet();
        sheet.set_name(team.key)?;
        sheet.write_string_with_format(
            0,
            0,
            format!("{} — {} scores, {}", b.la_name, team.key, term),
            &bold,
        )?;
        sheet.write_string(0, 3, "taken on")?;
        let serial = (taken - chrono::NaiveDate::from_ymd_opt(1899, 12, 30).expect("a date"))
            .num_days() as f64;
        sheet.write_number_with_format(0, 4, serial, &date)?;
        let mut headers = vec!["urn", "score", "comment"];
        headers.extend(team.indicators.iter().copied());
        for (c, h) in headers.iter().enumerate() {
            sheet.write_string_with_format(2, c as u16, *h, &bold)?;
        }
        let mut formula_written = false;
        for (si, school) in b.schools.iter().enumerate() {
            let r = 3 + si as u32;
            let row = b.row(ti, ki, si);
            let urn = school.school.urn;
            if team.key == "hr" {
                sheet.write_string(r, 0, urn.to_string())?;
            } else {
                sheet.write_number(r, 0, urn as f64)?;
            }
            if let Some(score) = row.score {
                if formula_written {
                    sheet.write_number(r, 1, score as f64)?;
                } else {
                    let f = Formula::new(format!("=MAX(1,{score})")).set_result(score.to_string());
                    sheet.write_formula(r, 1, f)?;
                    formula_written = true;
                }
            }
            if !row.comment.is_empty() {
                sheet.write_string(r, 2, &row.comment)?;
            }
            for (i, (name, value)) in team.indicators.iter().zip(row.indicators).enumerate() {
                // The value the CSV writes, so a workbook term and its CSV twin agree.
                let value: f64 = format!("{value:.1}").parse().unwrap_or_default();
                let col = 3 + i as u16;
                if name.ends_with("_pct") && team.key == "attendance" {
                    sheet.write_number_with_format(r, col, value / 100.0, &percent)?;
                } else {
                    sheet.write_number(r, col, value)?;
                }
            }
        }
        sheet.set_column_width(0, 10)?;
        sheet.set_column_width(2, 40)?;
    }
    Ok(book)
}
