//! Workbooks out: the papers sent before a meeting (`termly snapshot --format xlsx`) and a
//! meeting's record (`termly export --format xlsx`) and the action log (`termly actions
//! --format xlsx`), written with rust_xlsxwriter. Each builder gives the file's bytes; the
//! command writes them as the minutes are written (owner-only, never over an edited file).

pub mod actions;
pub mod heatmap;
pub mod meeting;

use chrono::{Datelike, NaiveDate};
use rust_xlsxwriter::{DocProperties, ExcelDateTime, Format, Workbook, Worksheet, XlsxError};

#[derive(Debug, thiserror::Error)]
pub enum PapersError {
    #[error("cannot build the workbook: {0}")]
    Xlsx(#[from] XlsxError),
}

/// A new workbook dated `on` (the clock's today, so the same data gives the same file).
fn workbook(on: NaiveDate) -> Result<Workbook, PapersError> {
    let mut book = Workbook::new();
    let created = ExcelDateTime::from_ymd(on.year() as u16, on.month() as u8, on.day() as u8)?;
    book.set_properties(&DocProperties::new().set_creation_datetime(&created));
    Ok(book)
}

fn bold() -> Format {
    Format::new().set_bold()
}

/// Cells whose text may run over several lines (reasons, rationale).
fn wrapped() -> Format {
    Format::new()
        .set_text_wrap()
        .set_align(rust_xlsxwriter::FormatAlign::Top)
}

/// A bold header row at `row`, with the widths given (characters).
fn header_row(sheet: &mut Worksheet, row: u32, headers: &[(&str, f64)]) -> Result<(), PapersError> {
    for (c, (text, width)) in headers.iter().enumerate() {
        sheet.write_string_with_format(row, c as u16, *text, &bold())?;
        sheet.set_column_width(c as u16, *width)?;
    }
    Ok(())
}

/// A table of text with a bold header, a frozen header row and a filter on every column.
fn text_table(
    sheet: &mut Worksheet,
    headers: &[(&str, f64)],
    rows: &[Vec<String>],
) -> Result<(), PapersError> {
    header_row(sheet, 0, headers)?;
    let wrap = wrapped();
    for (r, cells) in rows.iter().enumerate() {
        for (c, text) in cells.iter().enumerate() {
            if !text.is_empty() {
                sheet.write_string_with_format(r as u32 + 1, c as u16, text, &wrap)?;
            }
        }
    }
    sheet.set_freeze_panes(1, 0)?;
    let last_col = headers.len().saturating_sub(1) as u16;
    sheet.autofilter(0, 0, rows.len() as u32, last_col)?;
    Ok(())
}
