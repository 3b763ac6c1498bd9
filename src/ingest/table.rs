//! A file as a table of text: a header and rows that remember their line. CSV and TOML
//! (`[[school]]` / `[[score]]` tables) both become a [`Sheet`], so each reader has one path.
//! Wrong field counts, duplicate headers and empty files are reported here.

use super::error::Problem;
use super::text::{clean, line_of};
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

#[derive(Debug, Clone)]
pub struct Sheet {
    pub file: String,
    /// Headers as written (cleaned).
    pub headers: Vec<String>,
    pub rows: Vec<Row>,
    /// TOML has keys, not numbered columns.
    pub toml: bool,
}

/// More columns than this is not a team's spreadsheet but a broken or hostile file.
pub const MAX_COLUMNS: usize = 500;
/// Longest field kept (bytes): a comment is a sentence or two, not a document.
pub const MAX_FIELD_BYTES: usize = 10_000;

impl Sheet {
    /// Read CSV text (already decoded, LF line endings). Rows with the wrong number of
    /// fields are reported and left out; blank rows (a spreadsheet's trailing `,,,`) skipped.
    pub fn from_csv(file: &str, text: &str) -> Result<Sheet, Vec<Problem>> {
        let mut reader = csv::ReaderBuilder::new()
            .has_headers(false)
            .flexible(true)
            .from_reader(text.as_bytes());
        let mut problems = Vec::new();
        let mut headers: Option<Vec<String>> = None;
        let mut rows = Vec::new();
        for record in reader.records() {
            let record = match record {
                Ok(r) => r,
                Err(e) => {
                    let line = e.position().map(|p| p.line()).unwrap_or(1);
                    problems.push(Problem::line(file, line, format!("cannot read CSV: {e}")));
                    continue;
                }
            };
            let line = record.position().map(|p| p.line()).unwrap_or(1);
            if record.iter().all(|f| f.trim().is_empty()) {
                continue;
            }
            if record.len() > MAX_COLUMNS {
                problems.push(Problem::line(
                    file,
                    line,
                    format!(
                        "{} columns; termly reads at most {MAX_COLUMNS}",
                        record.len()
                    ),
                ));
                // Nothing further in such a file can be trusted to line up.
                return Err(problems);
            }
            if let Some(col) = record.iter().position(|f| f.len() > MAX_FIELD_BYTES) {
                problems.push(Problem {
                    column: Some(col + 1),
                    ..Problem::line(
                        file,
                        line,
                        format!(
                            "a field of {} bytes; fields may be at most {MAX_FIELD_BYTES}",
                            record[col].len()
                        ),
                    )
                });
                continue;
            }
            match &headers {
                None => headers = Some(record.iter().map(clean).collect()),
                Some(h) => {
                    if record.len() != h.len() {
                        problems.push(Problem::line(
                            file,
                            line,
                            format!(
                                "expected {} fields (as in the header), found {}",
                                h.len(),
                                record.len()
                            ),
                        ));
                        continue;
                    }
                    rows.push(Row {
                        line,
                        fields: record.iter().map(str::to_string).collect(),
                    });
                }
            }
        }
        let Some(headers) = headers else {
            return Err(vec![Problem::file(
                file,
                "empty file: no header and no rows",
            )]);
        };
        let sheet = Sheet {
            file: file.to_string(),
            headers,
            rows,
            toml: false,
        };
        problems.extend(sheet.duplicate_headers());
        if sheet.rows.is_empty() && problems.is_empty() {
            problems.push(Problem::file(file, "no rows: the file has only a header"));
        }
        if problems.is_empty() {
            Ok(sheet)
        } else {
            Err(problems)
        }
    }

    /// Build a sheet from TOML tables (`[[school]]` …), one row per table; keys become
    /// columns. A nested table (such as `[score.indicators]`) contributes its keys too.
    pub fn from_toml(
        file: &str,
        text: &str,
        array: &str,
        tables: Vec<Spanned<toml::Table>>,
    ) -> Result<Sheet, Vec<Problem>> {
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
                rows,
                toml: true,
            })
        } else {
            Err(problems)
        }
    }

    /// The column with this header (case-insensitive).
    pub fn column(&self, name: &str) -> Option<usize> {
        self.headers
            .iter()
            .position(|h| h.eq_ignore_ascii_case(name))
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
                None => problems.push(Problem::line(
                    &self.file,
                    1,
                    format!(
                        "missing required column `{name}`; the header has: {}",
                        self.headers.join(", ")
                    ),
                )),
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
        Problem {
            file: self.file.clone(),
            line: Some(row.line),
            column: if self.toml { None } else { Some(col + 1) },
            field: self.headers.get(col).cloned(),
            message: message.into(),
        }
    }

    /// A problem with a whole row.
    pub fn row_problem(&self, row: &Row, message: impl Into<String>) -> Problem {
        Problem::line(&self.file, row.line, message)
    }

    fn duplicate_headers(&self) -> Vec<Problem> {
        let mut problems = Vec::new();
        for (i, h) in self.headers.iter().enumerate() {
            if h.is_empty() {
                continue;
            }
            if let Some(j) = self.headers[..i]
                .iter()
                .position(|x| x.eq_ignore_ascii_case(h))
            {
                problems.push(Problem {
                    column: Some(i + 1),
                    field: Some(h.clone()),
                    ..Problem::line(
                        &self.file,
                        1,
                        format!(
                            "column `{h}` appears twice (columns {} and {})",
                            j + 1,
                            i + 1
                        ),
                    )
                });
            }
        }
        problems
    }
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

    #[test]
    fn csv_rows_keep_their_lines() {
        let s = Sheet::from_csv("f", "a,b\n1,2\n\n,\n\"x\ny\",3\n4,5\n").unwrap();
        assert_eq!(s.rows.len(), 3);
        assert_eq!(s.rows[0].line, 2);
        assert_eq!(s.rows[1].line, 5);
        assert_eq!(s.rows[2].line, 7);
    }

    #[test]
    fn wrong_field_count_and_empty_files_are_reported() {
        let e = Sheet::from_csv("f", "a,b\n1,2,3\n4\n5,6\n").unwrap_err();
        assert_eq!(e.len(), 2);
        assert_eq!(
            e[0].to_string(),
            "f:2: expected 2 fields (as in the header), found 3"
        );
        assert!(Sheet::from_csv("f", "").unwrap_err()[0]
            .message
            .contains("empty"));
        assert!(Sheet::from_csv("f", "a,b\n").unwrap_err()[0]
            .message
            .contains("no rows"));
        let e = Sheet::from_csv("f", "a,b,A\n1,2,3\n").unwrap_err();
        assert!(e[0].message.contains("twice"), "{:?}", e);
    }

    #[test]
    fn missing_columns_are_named() {
        let s = Sheet::from_csv("f", "urn,comment\n1,x\n").unwrap();
        let e = s.require(&["urn", "score"]).unwrap_err();
        assert!(e[0]
            .to_string()
            .starts_with("f:1: missing required column `score`"));
    }
}
