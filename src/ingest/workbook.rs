//! Workbooks (`.xlsx`, `.xlsm`, `.xls`, `.ods`) read with calamine into the same [`Sheet`]
//! as a CSV file, so every reader accepts them unchanged. Cells are taken as Excel holds
//! them: numbers, text, booleans and dates (1900 or 1904 system) as such, a formula as its
//! cached value, a percentage-formatted number as the percentage it shows. The header is
//! the first row holding the key (URN) column, so title rows above it are skipped. Places
//! are cells: `attendance.xlsx [Autumn] C14`.

use super::error::{found, Problem};
use super::input::Input;
use super::sheet_xml::{self, Shown};
use super::table::{header_key, Row, Rows, Sheet, MAX_COLUMNS, MAX_FIELD_BYTES};
use super::text::clean;
use super::workbook_bounds::{self, WorkbookLimits};
use super::xls_bounds;
use super::xlsx_package;
use calamine::{Data, DataRef, Range, Reader, SheetVisible, Sheets};
use std::collections::HashMap;
use std::io::Cursor;

/// File name endings read as workbooks.
pub const EXTENSIONS: [&str; 4] = ["xlsx", "xlsm", "xls", "ods"];

/// True when `name` ends in a workbook extension.
pub fn is_workbook(name: &str) -> bool {
    let lower = name.to_ascii_lowercase();
    EXTENSIONS
        .iter()
        .any(|ext| lower.ends_with(&format!(".{ext}")))
}

/// Where a workbook sheet's cells are, for messages and refusals.
#[derive(Debug, Clone, Default)]
pub struct Place {
    pub sheet: String,
    /// 0-based column of the sheet where the header starts.
    pub first_col: usize,
    pub header_line: u64,
    /// Error cells under the header: (row, column index) → `#N/A`.
    pub errors: HashMap<(u64, usize), String>,
    /// Rows with a value outside the header's columns: row → its column in the sheet.
    pub stray: HashMap<u64, usize>,
}

/// One sheet read out of a workbook.
struct Grid {
    place: Place,
    headers: Vec<String>,
    rows: Vec<Row>,
}

type Book<'b> = Sheets<Cursor<&'b [u8]>>;

/// Open the workbook in `bytes`, once it is measured within `limits`.
fn open<'b>(file: &str, bytes: &'b [u8], limits: &WorkbookLimits) -> Result<Book<'b>, Problem> {
    let ext = file.rsplit('.').next().unwrap_or("").to_ascii_lowercase();
    let bad = |e: &dyn std::fmt::Display| {
        Problem::file(file, format!("cannot read the workbook ({ext}): {e}"))
    };
    if ext == "xls" {
        xls_bounds::check(file, bytes, limits)?;
    } else {
        workbook_bounds::check(file, bytes, ext == "ods", limits)?;
    }
    let cursor = Cursor::new(bytes);
    match ext.as_str() {
        "xls" => calamine::Xls::new(cursor)
            .map(Sheets::Xls)
            .map_err(|e| bad(&e)),
        "ods" => calamine::Ods::new(cursor)
            .map(Sheets::Ods)
            .map_err(|e| bad(&e)),
        _ => calamine::Xlsx::new(cursor)
            .map(Sheets::Xlsx)
            .map_err(|e| bad(&e)),
    }
}

/// The visible sheets' names, in workbook order.
pub fn sheet_names(
    file: &str,
    bytes: &[u8],
    limits: &WorkbookLimits,
) -> Result<Vec<String>, Problem> {
    let book = open(file, bytes, limits)?;
    Ok(visible(&book))
}

fn visible(book: &Book) -> Vec<String> {
    book.sheets_metadata()
        .iter()
        .filter(|s| s.visible == SheetVisible::Visible)
        .map(|s| s.name.clone())
        .collect()
}

impl<'a> Sheet<'a> {
    /// A workbook's sheet already read into rows (see [`super::workbook`]).
    pub(super) fn from_workbook(
        file: String,
        headers: Vec<String>,
        rows: Vec<Row>,
        place: Place,
        hash: String,
    ) -> Result<Sheet<'a>, Vec<Problem>> {
        let sheet = Sheet {
            file,
            headers: headers.iter().map(|h| clean(h)).collect(),
            toml: false,
            rows: Rows::Cells(rows.into_iter(), hash),
            rows_seen: 0,
            had_problem: false,
            strict_width: true,
            workbook: Some(place),
        };
        let problems = sheet.duplicate_headers();
        if problems.is_empty() {
            Ok(sheet)
        } else {
            Err(problems)
        }
    }

    /// A workbook row with an error cell (`#N/A`) under a header, or a value right of the
    /// header's last column, is refused at that cell. A source that judges its own rows
    /// ([`Sheet::allow_ragged`]) gets error cells as their text instead.
    pub(super) fn cell_problem(&self, row: &Row) -> Option<Problem> {
        let place = self.workbook.as_ref()?;
        // Most sheets have neither: no lookups per row then.
        if !self.strict_width || (place.errors.is_empty() && place.stray.is_empty()) {
            return None;
        }
        let error =
            (0..self.headers.len()).find_map(|c| place.errors.get(&(row.line, c)).map(|e| (c, e)));
        if let Some((col, error)) = error {
            let header = self.headers.get(col).map_or("", |h| h.as_str());
            return Some(Problem {
                field: None,
                ..self.at(
                    row,
                    col,
                    format!("{error} where {} was expected", expected(header)),
                )
            });
        }
        let stray = *place.stray.get(&row.line)?;
        Some(Problem {
            column: Some(stray + 1),
            ..self.row_problem(row, "a value outside the header's columns")
        })
    }

    /// Read a workbook whole (a zip cannot be streamed) and take the sheet `input` names, or
    /// the first visible one; its header is the first row holding the column `key`.
    pub fn read_workbook(mut input: Input<'a>, key: &str) -> Result<Sheet<'a>, Vec<Problem>> {
        let file = input.name.clone();
        let bytes = input.read_all().map_err(|p| vec![p])?;
        let limits = input.workbook_limits();
        let wanted = input.sheet.clone();
        let grid = read_grid(&file, &bytes, wanted.as_deref(), key, &limits)?;
        let hash = input.finish().map_err(|p| vec![p])?;
        // Another sheet of the same file is other data: the sheet counts in the hash.
        let hash = super::text::sha256_hex(
            format!("{hash}\0termly sheet={}", grid.place.sheet).as_bytes(),
        );
        Sheet::from_workbook(file, grid.headers, grid.rows, grid.place, hash)
    }
}

fn read_grid(
    file: &str,
    bytes: &[u8],
    wanted: Option<&str>,
    key: &str,
    limits: &WorkbookLimits,
) -> Result<Grid, Vec<Problem>> {
    let mut book = open(file, bytes, limits).map_err(|p| vec![p])?;
    let names = visible(&book);
    let sheet = match wanted {
        Some(w) => {
            let all: Vec<String> = book.sheet_names();
            all.into_iter()
                .find(|n| n == w || n.trim().eq_ignore_ascii_case(w.trim()))
                .ok_or_else(|| {
                    vec![Problem::file(
                        file,
                        format!(
                            "no sheet called {}; the workbook has: {}",
                            found(w),
                            names.join(", ")
                        ),
                    )]
                })?
        }
        None => names
            .first()
            .cloned()
            .ok_or_else(|| vec![Problem::file(file, "the workbook has no visible sheet")])?,
    };
    let cells = match &mut book {
        // xlsx in one pass: values with their style, so a percentage reads as it shows.
        Sheets::Xlsx(x) => xlsx_cells(x, &sheet, bytes),
        other => other
            .worksheet_range(&sheet)
            .map(|r| range_cells(&r))
            .map_err(|e| e.to_string()),
    }
    .map_err(|e| {
        vec![Problem::file(file, format!("cannot read the workbook: {e}")).in_sheet(Some(&sheet))]
    })?;
    grid_of(file, sheet, cells, key)
}

/// One non-empty cell: absolute row and column (0-based), and its text or its error.
pub(super) struct RawCell {
    pub row: u32,
    pub col: u32,
    pub value: Result<String, String>,
}

/// An xlsx sheet's cells: straight from its XML when it has the common shape (several
/// times faster), else through calamine's reader.
fn xlsx_cells(
    book: &mut calamine::Xlsx<Cursor<&[u8]>>,
    sheet: &str,
    bytes: &[u8],
) -> Result<Vec<RawCell>, String> {
    let is_1904 = book.has_1904_epoch();
    let mut reader = book
        .worksheet_cells_reader(sheet)
        .map_err(|e| e.to_string())?;
    let shown: Vec<Shown> = reader
        .styles()
        .iter()
        .map(|s| Shown::of(s.number_format.as_ref()))
        .collect();
    if let Some(cells) = fast_cells(bytes, sheet, &shown, is_1904) {
        return Ok(cells);
    }
    calamine_cells(&mut reader)
}

/// The sheet's cells read by [`sheet_xml`], in order, or None to leave them to calamine.
pub(super) fn fast_cells(
    bytes: &[u8],
    sheet: &str,
    shown: &[Shown],
    is_1904: bool,
) -> Option<Vec<RawCell>> {
    let mut zip = zip::ZipArchive::new(Cursor::new(bytes)).ok()?;
    let (path, folder) = xlsx_package::sheet_part(&mut zip, sheet)?;
    let strings = xlsx_package::shared_strings(&mut zip, &folder)?;
    let xml = xlsx_package::part(&mut zip, &path)?;
    let context = sheet_xml::Context {
        strings: &strings,
        shown,
        is_1904,
    };
    sheet_xml::cells(&xml, &context).map(sorted)
}

/// Rows are stored in order, but nothing in the format requires it.
fn sorted(mut cells: Vec<RawCell>) -> Vec<RawCell> {
    if !cells.is_sorted_by_key(|c| (c.row, c.col)) {
        cells.sort_by_key(|c| (c.row, c.col));
    }
    cells
}

pub(super) fn calamine_cells(
    reader: &mut calamine::XlsxCellReader<'_, Cursor<&[u8]>>,
) -> Result<Vec<RawCell>, String> {
    let percent: Vec<bool> = reader
        .styles()
        .iter()
        .map(|s| {
            s.number_format
                .as_ref()
                .is_some_and(|f| f.format_code.contains('%'))
        })
        .collect();
    let mut cells = Vec::new();
    while let Some((cell, style)) = reader
        .next_cell_with_style_id()
        .map_err(|e| e.to_string())?
    {
        let (row, col) = cell.get_position();
        let percent = percent.get(style).copied().unwrap_or(false);
        let value = match cell.get_value() {
            // The common cells without a copy through `Data`.
            DataRef::Empty => continue,
            DataRef::SharedString(text) if !is_error_text(text) => Ok(text.to_string()),
            DataRef::Float(f) => Ok(number_text(if percent { f * 100.0 } else { *f })),
            other => cell_text(&Data::from(other.clone()), percent),
        };
        if value.as_ref().is_ok_and(|t| t.trim().is_empty()) {
            continue;
        }
        cells.push(RawCell { row, col, value });
    }
    Ok(sorted(cells))
}

fn range_cells(range: &Range<Data>) -> Vec<RawCell> {
    let (top, left) = range.start().unwrap_or((0, 0));
    range
        .used_cells()
        .map(|(r, c, data)| RawCell {
            row: top + r as u32,
            col: left + c as u32,
            value: cell_text(data, false),
        })
        .filter(|c| !c.value.as_ref().is_ok_and(|t| t.trim().is_empty()))
        .collect()
}

fn grid_of(
    file: &str,
    sheet: String,
    mut cells: Vec<RawCell>,
    key: &str,
) -> Result<Grid, Vec<Problem>> {
    let want = header_key(key);
    // Each row's cells are a run of the sorted cells: no vector per row.
    let mut rows = cells.chunk_by_mut(|a, b| a.row == b.row);
    let header = rows.by_ref().find(|cells| {
        cells
            .iter()
            .any(|c| c.value.as_ref().is_ok_and(|t| header_key(t) == want))
    });
    let Some(header_cells) = header else {
        return Err(vec![Problem::file(
            file,
            format!("no row holds a `{key}` column: the header row must name it"),
        )
        .in_sheet(Some(&sheet))]);
    };
    // The table runs from the header's first cell to its last: empty columns around it
    // are not columns.
    let first_col = header_cells.first().map_or(0, |c| c.col);
    let last_col = header_cells.last().map_or(0, |c| c.col);
    let width = (last_col - first_col) as usize + 1;
    let mut place = Place {
        sheet,
        first_col: first_col as usize,
        header_line: header_cells[0].row as u64 + 1,
        ..Place::default()
    };
    if width > MAX_COLUMNS {
        return Err(vec![Problem::line(
            file,
            place.header_line,
            format!("{width} columns; termly reads at most {MAX_COLUMNS}"),
        )
        .in_sheet(Some(&place.sheet))]);
    }
    let mut headers = vec![String::new(); width];
    for c in header_cells {
        headers[(c.col - first_col) as usize] = take(&mut c.value).unwrap_or_default();
    }
    let mut out = Vec::with_capacity(rows.size_hint().1.unwrap_or(0));
    for cells in rows {
        if let Some(row) = row_of(cells, first_col, width, &mut place) {
            out.push(row);
        }
    }
    Ok(Grid {
        place,
        headers,
        rows: out,
    })
}

/// One row under the header, its fields under the header's columns; None when it holds
/// nothing. Error cells and values outside the columns are noted in `place`.
fn row_of(cells: &mut [RawCell], first_col: u32, width: usize, place: &mut Place) -> Option<Row> {
    let line = cells.first()?.row as u64 + 1;
    let mut fields = vec![String::new(); width];
    let mut flagged = false;
    for cell in cells {
        let inside = (first_col..first_col + width as u32).contains(&cell.col);
        let col = cell.col.wrapping_sub(first_col) as usize;
        match take(&mut cell.value) {
            Ok(text) if inside => fields[col] = text,
            Ok(_) => {
                place.stray.entry(line).or_insert(cell.col as usize);
                flagged = true;
            }
            Err(e) if inside => {
                // Kept as its text too: a source that judges its own rows sees `#N/A`.
                fields[col] = e.clone();
                place.errors.insert((line, col), e);
                flagged = true;
            }
            Err(_) => {}
        }
    }
    (flagged || !fields.iter().all(|f| is_blank_text(f))).then_some(Row { line, fields })
}

/// Nothing but white space (as `str::trim` sees it), answered from the first byte when
/// that is plainly not white space: most cells are numbers.
pub(super) fn is_blank_text(text: &str) -> bool {
    match text.as_bytes().first() {
        Some(&b) if b < 0x80 && !matches!(b, b'\t' | b'\n' | 0x0B | 0x0C | b'\r' | b' ') => false,
        _ => text.trim().is_empty(),
    }
}

fn take(value: &mut Result<String, String>) -> Result<String, String> {
    std::mem::replace(value, Ok(String::new()))
}

/// A cell's value as the text a CSV would hold, or its error (`#N/A`).
pub(super) fn cell_text(cell: &Data, percent: bool) -> Result<String, String> {
    let text = match cell {
        Data::Empty => String::new(),
        // ODS keeps an error as its text; the same text typed into a cell means the same.
        Data::String(s) if is_error_text(s) => return Err(s.trim().to_string()),
        Data::String(s) => s.clone(),
        Data::Int(i) => i.to_string(),
        Data::Float(f) if percent => number_text(f * 100.0),
        Data::Float(f) => number_text(*f),
        Data::Bool(b) => if *b { "yes" } else { "no" }.to_string(),
        Data::DateTime(d) if d.is_datetime() => match d.as_datetime() {
            Some(dt) if dt.time() == chrono::NaiveTime::MIN => dt.date().to_string(),
            Some(dt) => dt.format("%Y-%m-%d %H:%M:%S").to_string(),
            None => number_text(d.as_f64()),
        },
        Data::DateTime(d) => number_text(d.as_f64()),
        Data::DateTimeIso(s) => s.strip_suffix("T00:00:00").unwrap_or(s).to_string(),
        Data::DurationIso(s) => s.clone(),
        Data::Error(e) => return Err(e.to_string()),
    };
    if text.len() > MAX_FIELD_BYTES {
        let mut end = MAX_FIELD_BYTES;
        while !text.is_char_boundary(end) {
            end -= 1;
        }
        return Ok(text[..end].to_string());
    }
    Ok(text)
}

/// Excel's error values, as written in a cell.
const ERROR_TEXTS: [&str; 7] = [
    "#N/A", "#DIV/0!", "#REF!", "#VALUE!", "#NAME?", "#NUM!", "#NULL!",
];

pub(super) fn is_error_text(text: &str) -> bool {
    ERROR_TEXTS.contains(&text.trim())
}

/// A number as people write it: `100001` not `100001.0`, `6.1` not `6.1000000000000005`.
pub(super) fn number_text(value: f64) -> String {
    if !value.is_finite() {
        return value.to_string();
    }
    if value.fract() == 0.0 && value.abs() < 1e15 {
        return format!("{}", value as i64);
    }
    // The shortest text that reads back as the same number, when that is short enough;
    // otherwise fifteen significant digits, all a spreadsheet shows (6.1 not 6.1000000000000005).
    let shortest = value.to_string();
    if shortest.len() <= 16 {
        return shortest;
    }
    let digits = (14 - value.abs().log10().floor() as i32).clamp(0, 17) as usize;
    let fixed = format!("{value:.digits$}");
    let trimmed = fixed.trim_end_matches('0').trim_end_matches('.');
    trimmed.to_string()
}

/// What an error cell stood in place of, for its message: "a score", "a URN".
pub fn expected(header: &str) -> String {
    match header_key(header).as_str() {
        "urn" => "a URN".to_string(),
        "score" => "a score".to_string(),
        "" => "a value".to_string(),
        _ => format!("a value for `{}`", header.trim()),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn numbers_read_as_written() {
        assert_eq!(number_text(100001.0), "100001");
        assert_eq!(number_text(0.061 * 100.0), "6.1");
        assert_eq!(number_text(-3.2), "-3.2");
        assert_eq!(number_text(1.0 / 3.0), "0.333333333333333");
        assert_eq!(number_text(24.1), "24.1");
    }

    #[test]
    fn cells_of_every_kind() {
        assert_eq!(cell_text(&Data::Int(3), false).unwrap(), "3");
        assert_eq!(cell_text(&Data::Bool(true), false).unwrap(), "yes");
        assert_eq!(cell_text(&Data::Float(0.25), true).unwrap(), "25");
        assert_eq!(
            cell_text(&Data::DateTimeIso("2024-09-01T00:00:00".into()), false).unwrap(),
            "2024-09-01"
        );
        let na = cell_text(&Data::Error(calamine::CellErrorType::NA), false);
        assert_eq!(na.unwrap_err(), "#N/A");
        assert_eq!(expected("Score"), "a score");
        assert_eq!(expected("since"), "a value for `since`");
        assert_eq!(expected("URN"), "a URN");
    }

    #[test]
    fn blank_text_is_what_trim_empties() {
        for text in ["", " ", "\u{b}\t", "\u{a0}", "\r\n "] {
            assert!(is_blank_text(text), "{text:?}");
        }
        for text in ["1", " x", "\u{1c}", "é", "#N/A"] {
            assert_eq!(is_blank_text(text), text.trim().is_empty(), "{text:?}");
        }
    }

    #[test]
    fn workbook_names() {
        assert!(is_workbook("a/Attendance.XLSX"));
        assert!(is_workbook("b.ods"));
        assert!(!is_workbook("c.csv"));
    }
}
