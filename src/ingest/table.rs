//! A file as a table of text: a header and rows that remember their line. CSV and TOML
//! (`[[school]]` / `[[score]]` tables) both become a [`Sheet`], so each reader has one path.
//! Wrong field counts, duplicate headers and empty files are reported here.

use super::error::Problem;
use super::input::Input;
use super::text::{clean, decode, line_of, FieldDecoder, LfReader};
use super::workbook::{is_workbook, Place};
use std::io::Read;
use toml::Spanned;

#[derive(Debug, Clone)]
pub struct Row {
    /// 1-based line where the record starts.
    pub line: u64,
    pub fields: Vec<String>,
}

impl Row {
    /// The trimmed field at `col`, or "" when absent.
    pub fn get(&self, col: usize) -> &str {
        self.fields.get(col).map(|s| s.trim()).unwrap_or("")
    }

    /// Like [`Row::get`] for an optional column.
    pub fn opt(&self, col: Option<usize>) -> &str {
        col.map(|c| self.get(c)).unwrap_or("")
    }
}

/// A table read from a file: its header, then its rows one at a time ([`Sheet::next_row`]),
/// so a file of any length is held one row at a time. Sources never see the format: CSV,
/// TOML and workbooks all arrive as a `Sheet`.
pub struct Sheet<'a> {
    pub file: String,
    /// Headers as written (cleaned).
    pub headers: Vec<String>,
    /// TOML has keys, not numbered columns.
    pub toml: bool,
    pub(super) rows: Rows<'a>,
    pub(super) rows_seen: usize,
    /// A problem was given out: "no rows" would only repeat it.
    pub(super) had_problem: bool,
    /// Refuse rows whose width differs from the header; a source that judges ragged rows
    /// itself (summary rows at the end of a DfE file) turns this off.
    pub(super) strict_width: bool,
    /// For a workbook: the sheet, where its columns start, and its error cells.
    pub(super) workbook: Option<Place>,
}

pub(super) enum Rows<'a> {
    Loaded(std::vec::IntoIter<Row>, Option<Input<'a>>),
    /// A workbook's sheet, read whole, and the hash of the file and sheet.
    Cells(std::vec::IntoIter<Row>, String),
    Csv(Box<CsvRows<'a>>),
}

pub(super) struct CsvRows<'a> {
    reader: csv::Reader<LfReader<std::io::Chain<std::io::Cursor<Vec<u8>>, Input<'a>>>>,
    decoder: FieldDecoder,
    record: csv::ByteRecord,
    done: bool,
}

/// More columns than this is not a team's spreadsheet but a broken or hostile file.
pub const MAX_COLUMNS: usize = 500;
/// Longest field kept (bytes): a comment is a sentence or two, not a document.
pub const MAX_FIELD_BYTES: usize = 10_000;

/// A last column that holds a list, one field per item: GIAS writes each linked
/// establishment (`115961 Predecessor`) as a field of its own after the header's last column.
const LIST_COLUMNS: [&str; 1] = ["Linked establishments"];

const UTF8_BOM: &[u8] = b"\xEF\xBB\xBF";

impl<'a> Sheet<'a> {
    /// CSV text already in memory (tests, small readers).
    pub fn from_csv(file: &str, text: &'a str) -> Result<Sheet<'a>, Vec<Problem>> {
        Sheet::read_csv(Input::from_bytes(file, text.as_bytes()))
    }

    /// Start reading CSV from `input`: the header now, rows as they are asked for. A
    /// workbook (by its name) is read instead, its header found by a `urn` column.
    pub fn read_csv(input: Input<'a>) -> Result<Sheet<'a>, Vec<Problem>> {
        Sheet::read_table(input, "urn")
    }

    /// CSV, or a workbook whose header is the first row holding the column `key`.
    pub fn read_table(mut input: Input<'a>, key: &str) -> Result<Sheet<'a>, Vec<Problem>> {
        if is_workbook(&input.name) {
            return Sheet::read_workbook(input, key);
        }
        let file = input.name.clone();
        let mut start = Vec::with_capacity(3);
        (&mut input)
            .take(3)
            .read_to_end(&mut start)
            .map_err(|e| vec![Problem::file(&file, format!("cannot read: {e}"))])?;
        if start.starts_with(b"\xFF\xFE") || start.starts_with(b"\xFE\xFF") {
            return Err(vec![Problem::line(
                &file,
                1,
                "the file is UTF-16; save it as UTF-8 (CSV UTF-8) or Windows-1252",
            )]);
        }
        let declared_utf8 = start == UTF8_BOM;
        if declared_utf8 {
            start.clear();
        }
        let reader = csv::ReaderBuilder::new()
            .has_headers(false)
            .flexible(true)
            .from_reader(LfReader::new(std::io::Cursor::new(start).chain(input)));
        let mut csv_rows = CsvRows {
            reader,
            decoder: FieldDecoder::new(declared_utf8),
            record: csv::ByteRecord::new(),
            done: false,
        };
        let headers = match csv_rows.next_record(&file) {
            None => {
                return Err(vec![Problem::file(
                    &file,
                    "empty file: no header and no rows",
                )])
            }
            Some(Err(p)) => return Err(vec![p]),
            Some(Ok(row)) => row.fields.iter().map(|h| clean(h)).collect(),
        };
        let sheet = Sheet {
            file,
            headers,
            toml: false,
            rows: Rows::Csv(Box::new(csv_rows)),
            rows_seen: 0,
            had_problem: false,
            strict_width: true,
            workbook: None,
        };
        let problems = sheet.duplicate_headers();
        if problems.is_empty() {
            Ok(sheet)
        } else {
            Err(problems)
        }
    }

    /// CSV, a workbook, or TOML when the name ends in `.toml`: `tables` pulls the `[[array]]` tables out
    /// of the TOML text (each reader knows its own document shape).
    pub fn read_any(
        input: Input<'a>,
        array: &str,
        tables: impl FnOnce(&str) -> Result<Vec<Spanned<toml::Table>>, toml::de::Error>,
    ) -> Result<Sheet<'a>, Vec<Problem>> {
        if !input.name.to_ascii_lowercase().ends_with(".toml") {
            return Sheet::read_table(input, "urn");
        }
        let mut input = input;
        let bytes = input.read_all().map_err(|p| vec![p])?;
        let text = decode(&input.name, &bytes).map_err(|p| vec![p])?;
        let parsed = tables(&text).map_err(|e| vec![toml_problem(&input.name, &text, &e)])?;
        Sheet::from_toml(input, &text, array, parsed)
    }

    /// The next good row; a problem with a row is added to `problems` and skipped.
    pub fn next_ok(&mut self, problems: &mut Vec<Problem>) -> Option<Row> {
        loop {
            match self.next_row()? {
                Ok(row) => return Some(row),
                Err(p) => problems.push(p),
            }
        }
    }

    /// Pass rows of any width to the source, which judges them itself.
    pub fn allow_ragged(mut self) -> Self {
        self.strict_width = false;
        self
    }

    /// The next row, a problem with one, or None at the end. A header with no rows is a
    /// problem; so is a row of the wrong width unless [`Sheet::allow_ragged`]. A problem
    /// that leaves the rest unreadable (an encoding error, a hostile width) ends the rows.
    pub fn next_row(&mut self) -> Option<Result<Row, Problem>> {
        let next = match &mut self.rows {
            Rows::Loaded(rows, _) | Rows::Cells(rows, _) => rows.next().map(Ok),
            Rows::Csv(csv) => csv.next_record(&self.file),
        };
        let Some(next) = next else {
            if self.rows_seen == 0 && !self.toml && !self.had_problem {
                self.rows_seen = usize::MAX;
                return Some(Err(Problem::file(
                    &self.file,
                    "no rows: the file has only a header",
                )));
            }
            return None;
        };
        let mut row = match next {
            Ok(row) => row,
            Err(p) => {
                self.had_problem = true;
                return Some(Err(p));
            }
        };
        self.rows_seen = self.rows_seen.saturating_add(1);
        if self.toml {
            return Some(Ok(row));
        }
        if let Some(problem) = self.cell_problem(&row) {
            self.had_problem = true;
            return Some(Err(problem));
        }
        let width = self.headers.len();
        let last_is_list = self
            .headers
            .last()
            .is_some_and(|h| LIST_COLUMNS.iter().any(|l| h.eq_ignore_ascii_case(l)));
        if last_is_list && row.fields.len() > width {
            let items = row.fields.split_off(width - 1);
            row.fields.push(items.join("; "));
        }
        if self.strict_width && row.fields.len() != width {
            self.had_problem = true;
            return Some(Err(Problem::line(
                &self.file,
                row.line,
                format!(
                    "expected {width} fields (as in the header), found {}",
                    row.fields.len()
                ),
            )));
        }
        Some(Ok(row))
    }

    /// Read what is left and give the sha256 of the whole file.
    pub fn finish(self) -> Result<String, Problem> {
        match self.rows {
            Rows::Loaded(_, Some(input)) => input.finish(),
            Rows::Loaded(_, None) => Ok(String::new()),
            Rows::Cells(_, hash) => Ok(hash),
            Rows::Csv(csv) => csv.reader.into_inner().into_inner().into_inner().1.finish(),
        }
    }

    /// Build a sheet from TOML tables (`[[school]]` …), one row per table; keys become
    /// columns. A nested table (such as `[score.indicators]`) contributes its keys too.
    /// `input` has been read whole (into `text`); it gives the file's name and hash.
    pub fn from_toml(
        input: Input<'a>,
        text: &str,
        array: &str,
        tables: Vec<Spanned<toml::Table>>,
    ) -> Result<Sheet<'a>, Vec<Problem>> {
        let file = input.name.clone();
        let file = file.as_str();
        let mut problems = Vec::new();
        let mut headers: Vec<String> = Vec::new();
        let mut rows = Vec::new();
        for table in tables {
            let line = line_of(text.as_bytes(), table.span().start);
            let mut pairs = Vec::new();
            for (key, value) in table.into_inner() {
                match value {
                    toml::Value::Table(inner) => {
                        for (k, v) in inner {
                            pairs.push((k, v));
                        }
                    }
                    v => pairs.push((key, v)),
                }
            }
            let mut fields = vec![String::new(); headers.len()];
            for (key, value) in pairs {
                let text = match value {
                    toml::Value::String(s) => s,
                    toml::Value::Integer(i) => i.to_string(),
                    toml::Value::Float(f) => f.to_string(),
                    toml::Value::Boolean(b) => if b { "yes" } else { "no" }.to_string(),
                    toml::Value::Datetime(d) => d.to_string(),
                    _ => {
                        problems.push(Problem {
                            field: Some(key.clone()),
                            ..Problem::line(
                                file,
                                line,
                                "expected a single value, not a list or table",
                            )
                        });
                        continue;
                    }
                };
                let col = match headers.iter().position(|h| *h == key) {
                    Some(c) => c,
                    None => {
                        headers.push(key);
                        fields.push(String::new());
                        headers.len() - 1
                    }
                };
                fields[col] = text;
            }
            rows.push(Row { line, fields });
        }
        if rows.is_empty() && problems.is_empty() {
            problems.push(Problem::file(
                file,
                format!("no rows: expected one or more [[{array}]] tables"),
            ));
        }
        if problems.is_empty() {
            Ok(Sheet {
                file: file.to_string(),
                headers,
                toml: true,
                rows: Rows::Loaded(rows.into_iter(), Some(input)),
                rows_seen: 0,
                had_problem: false,
                strict_width: true,
                workbook: None,
            })
        } else {
            Err(problems)
        }
    }

    /// The column with this header, ignoring case and runs of spaces
    /// (`Pupil:     Teacher Ratio` is `Pupil: Teacher Ratio`).
    pub fn column(&self, name: &str) -> Option<usize> {
        let want = header_key(name);
        self.headers.iter().position(|h| header_key(h) == want)
    }

    /// Required columns: their positions, or one problem per missing column.
    pub fn require(&self, names: &[&str]) -> Result<Vec<usize>, Vec<Problem>> {
        let mut cols = Vec::new();
        let mut problems = Vec::new();
        for name in names {
            match self.column(name) {
                Some(c) => cols.push(c),
                None if self.toml => problems.push(Problem::file(
                    &self.file,
                    format!("missing required key `{name}` (every table needs it)"),
                )),
                None => problems.push(self.header_problem(format!(
                    "missing required column `{name}`; the header has: {}",
                    self.headers.join(", ")
                ))),
            }
        }
        if problems.is_empty() {
            Ok(cols)
        } else {
            Err(problems)
        }
    }

    /// A problem with the field at `col` of `row`.
    pub fn at(&self, row: &Row, col: usize, message: impl Into<String>) -> Problem {
        let first_col = self.workbook.as_ref().map_or(0, |w| w.first_col);
        Problem {
            file: self.file.clone(),
            line: Some(row.line),
            column: if self.toml {
                None
            } else {
                Some(first_col + col + 1)
            },
            field: self.headers.get(col).cloned(),
            sheet: self.sheet_name().map(Into::into),
            message: message.into(),
        }
    }

    /// A problem with a whole row.
    pub fn row_problem(&self, row: &Row, message: impl Into<String>) -> Problem {
        Problem::line(&self.file, row.line, message).in_sheet(self.sheet_name())
    }

    /// A problem with the header row (line 1 of a CSV file).
    pub fn header_problem(&self, message: impl Into<String>) -> Problem {
        let line = self.workbook.as_ref().map_or(1, |w| w.header_line);
        Problem::line(&self.file, line, message).in_sheet(self.sheet_name())
    }

    /// The worksheet read, for a workbook.
    pub fn sheet_name(&self) -> Option<&str> {
        self.workbook.as_ref().map(|w| w.sheet.as_str())
    }

    pub(super) fn duplicate_headers(&self) -> Vec<Problem> {
        let mut problems = Vec::new();
        for (i, h) in self.headers.iter().enumerate() {
            if h.is_empty() {
                continue;
            }
            if let Some(j) = self.headers[..i]
                .iter()
                .position(|x| header_key(x) == header_key(h))
            {
                let first_col = self.workbook.as_ref().map_or(0, |w| w.first_col);
                problems.push(Problem {
                    column: Some(first_col + i + 1),
                    field: Some(h.clone()),
                    ..self.header_problem(format!(
                        "column `{h}` appears twice (columns {} and {})",
                        first_col + j + 1,
                        first_col + i + 1
                    ))
                });
            }
        }
        problems
    }
}

impl CsvRows<'_> {
    /// The next non-blank record, decoded, or a problem with it.
    fn next_record(&mut self, file: &str) -> Option<Result<Row, Problem>> {
        loop {
            if self.done {
                return None;
            }
            match self.reader.read_byte_record(&mut self.record) {
                Ok(false) => {
                    self.done = true;
                    return None;
                }
                Ok(true) => {}
                Err(e) => {
                    self.done = true;
                    let line = e.position().map(|p| p.line()).unwrap_or(1);
                    return Some(Err(Problem::line(
                        file,
                        line,
                        format!("cannot read CSV: {e}"),
                    )));
                }
            }
            let line = self.record.position().map(|p| p.line()).unwrap_or(1);
            if self.record.iter().all(|f| f.trim_ascii().is_empty()) {
                continue;
            }
            return Some(self.decode(file, line));
        }
    }

    fn decode(&mut self, file: &str, line: u64) -> Result<Row, Problem> {
        if self.record.len() > MAX_COLUMNS {
            // Nothing further in such a file can be trusted to line up.
            self.done = true;
            return Err(Problem::line(
                file,
                line,
                format!(
                    "{} columns; termly reads at most {MAX_COLUMNS}",
                    self.record.len()
                ),
            ));
        }
        if let Some(col) = self.record.iter().position(|f| f.len() > MAX_FIELD_BYTES) {
            return Err(Problem {
                column: Some(col + 1),
                ..Problem::line(
                    file,
                    line,
                    format!(
                        "a field of {} bytes; fields may be at most {MAX_FIELD_BYTES}",
                        self.record[col].len()
                    ),
                )
            });
        }
        let mut fields = Vec::with_capacity(self.record.len());
        for bytes in self.record.iter() {
            match self.decoder.decode(file, line, bytes) {
                Ok(text) => fields.push(text),
                Err(p) => {
                    // One encoding problem says it for the whole file.
                    self.done = true;
                    return Err(p);
                }
            }
        }
        Ok(Row { line, fields })
    }
}

/// A header as compared: lower case, inner runs of white space made one space.
pub fn header_key(header: &str) -> String {
    header
        .split_whitespace()
        .collect::<Vec<_>>()
        .join(" ")
        .to_lowercase()
}

/// Turn a TOML syntax or shape error into a problem with its line and column.
pub fn toml_problem(file: &str, text: &str, err: &toml::de::Error) -> Problem {
    let message = err.message().trim().to_string();
    match err.span() {
        Some(span) => {
            let line = line_of(text.as_bytes(), span.start);
            let line_start = text[..span.start].rfind('\n').map(|i| i + 1).unwrap_or(0);
            Problem {
                column: Some(text[line_start..span.start].chars().count() + 1),
                ..Problem::line(file, line, message)
            }
        }
        None => Problem::file(file, message),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn all_rows(text: &str) -> Result<Vec<Row>, Vec<Problem>> {
        let mut sheet = Sheet::from_csv("f", text)?;
        let (mut rows, mut problems) = (Vec::new(), Vec::new());
        while let Some(row) = sheet.next_row() {
            match row {
                Ok(r) => rows.push(r),
                Err(p) => problems.push(p),
            }
        }
        if problems.is_empty() {
            Ok(rows)
        } else {
            Err(problems)
        }
    }

    #[test]
    fn linked_establishments_take_the_extra_fields() {
        let text = "URN,Name,Linked establishments\n100001,A,Does not have links\n100002,B,115961 Predecessor,148215 Successor\n100003,C,x,y\n";
        let rows = all_rows(text).unwrap();
        assert_eq!(rows[1].fields[2], "115961 Predecessor; 148215 Successor");
        let e = all_rows("URN,Name,Links\n100002,B,1,2\n").unwrap_err();
        assert!(e[0].message.contains("expected 3 fields"), "{e:?}");
    }

    #[test]
    fn bom_crlf_and_no_final_newline() {
        let rows = all_rows("\u{feff}urn,x\r\n100001,1\r\n100002,2").unwrap();
        assert_eq!(rows.len(), 2);
        assert_eq!(rows[1].line, 3);
        let sheet = Sheet::from_csv("f", "\u{feff}urn,x\n1,2\n").unwrap();
        assert_eq!(sheet.headers, ["urn", "x"]);
    }

    #[test]
    fn csv_rows_keep_their_lines() {
        let rows = all_rows("a,b\n1,2\n\n,\n\"x\ny\",3\n4,5\n").unwrap();
        let lines: Vec<u64> = rows.iter().map(|r| r.line).collect();
        assert_eq!(lines, [2, 5, 7]);
    }

    #[test]
    fn wrong_field_count_and_empty_files_are_reported() {
        let e = all_rows("a,b\n1,2,3\n4\n5,6\n").unwrap_err();
        assert_eq!(e.len(), 2);
        assert_eq!(
            e[0].to_string(),
            "f:2: expected 2 fields (as in the header), found 3"
        );
        assert!(Sheet::from_csv("f", "").err().unwrap()[0]
            .message
            .contains("empty"));
        assert!(all_rows("a,b\n").unwrap_err()[0]
            .message
            .contains("no rows"));
        let e = Sheet::from_csv("f", "a,b,A\n1,2,3\n").err().unwrap();
        assert!(e[0].message.contains("twice"), "{:?}", e);
    }

    #[test]
    fn missing_columns_are_named() {
        let s = Sheet::from_csv("f", "urn,comment\n1,x\n").ok().unwrap();
        let e = s.require(&["urn", "score"]).unwrap_err();
        assert!(e[0]
            .to_string()
            .starts_with("f:1: missing required column `score`"));
    }
}
