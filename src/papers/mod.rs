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

/// The most characters Excel holds in one cell.
const EXCEL_CELL_CHARS: usize = 32_767;

/// Text as a workbook cell can hold it: cleaned (no control characters or bidirectional
/// overrides), and, over Excel's limit of 32,767 characters, cut short with a note in the
/// cell saying so, so an export never fails for a long rationale or comment.
pub fn cell_text(text: &str) -> String {
    let clean = crate::model::sanitize_text(text, true);
    let chars = clean.chars().count();
    if chars <= EXCEL_CELL_CHARS {
        return clean;
    }
    let note = |cut: usize| {
        format!(
            " … [cut here: {cut} more characters did not fit Excel's limit of 32,767 a cell; \
             the whole text is in the Markdown and TOML minutes]"
        )
    };
    // The note's own length depends on the count it gives: size it for the largest.
    let room = EXCEL_CELL_CHARS - note(chars).chars().count();
    let kept: String = clean.chars().take(room).collect();
    format!("{kept}{}", note(chars - room))
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
                sheet.write_string_with_format(r as u32 + 1, c as u16, cell_text(text), &wrap)?;
            }
        }
    }
    sheet.set_freeze_panes(1, 0)?;
    let last_col = headers.len().saturating_sub(1) as u16;
    sheet.autofilter(0, 0, rows.len() as u32, last_col)?;
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn text_over_excels_limit_is_cut_and_says_so() {
        let long = "x".repeat(100_000);
        let cell = cell_text(&long);
        let n = cell.chars().count();
        assert!(n <= EXCEL_CELL_CHARS && n > EXCEL_CELL_CHARS - 10, "{n}");
        assert!(cell.ends_with("the whole text is in the Markdown and TOML minutes]"));
        assert!(cell.contains("more characters did not fit Excel's limit"));
        assert_eq!(cell_text("short\u{202e}"), "short");
    }
}
