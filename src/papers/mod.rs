//! Workbooks out: the papers sent before a meeting (`termly snapshot --format xlsx`) and a
//! meeting's record (`termly export --format xlsx`), written with rust_xlsxwriter. Each
//! builder gives the file's bytes; the command decides where they go.

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

/// Write `bytes` to `path`, readable by its owner only (0600: papers name schools and
/// people), never over a file already there — an edited workbook is somebody's work — but
/// to the next free name beside it (`papers-2.xlsx`). Gives the path written.
pub fn write_new(path: &std::path::Path, bytes: &[u8]) -> std::io::Result<std::path::PathBuf> {
    use std::io::Write;
    if let Some(dir) = path.parent().filter(|d| !d.as_os_str().is_empty()) {
        std::fs::create_dir_all(dir)?;
    }
    let stem = path.file_stem().unwrap_or_default().to_string_lossy();
    let ext = path
        .extension()
        .map(|e| format!(".{}", e.to_string_lossy()))
        .unwrap_or_default();
    let mut candidate = path.to_path_buf();
    for n in 2.. {
        let mut options = std::fs::OpenOptions::new();
        // create_new: the check and the creation are one step, so nothing is overwritten.
        options.write(true).create_new(true);
        #[cfg(unix)]
        std::os::unix::fs::OpenOptionsExt::mode(&mut options, 0o600);
        match options.open(&candidate) {
            Ok(mut file) => {
                file.write_all(bytes)?;
                file.sync_all()?;
                return Ok(candidate);
            }
            Err(e) if e.kind() == std::io::ErrorKind::AlreadyExists => {
                candidate = path.with_file_name(format!("{stem}-{n}{ext}"));
            }
            Err(e) => return Err(e),
        }
    }
    unreachable!("some name is always free")
}
