//! Problems found in input files. Every problem names the file, and where it can the line
//! (1-based, as a text editor counts), the column (1-based field number and its header) and
//! what was expected. Readers collect every problem in a file rather than stopping at the first.

use std::fmt;

/// One thing wrong with one input file.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
#[error("{}", self.render())]
pub struct Problem {
    pub file: String,
    pub line: Option<u64>,
    /// 1-based field number (CSV) — None for whole-row, whole-file or TOML problems.
    pub column: Option<usize>,
    /// The header (CSV) or key (TOML) of the field, when the problem is about one field.
    pub field: Option<String>,
    /// The worksheet, for a workbook: then `line` is the sheet's row and `column` its
    /// column, and the place is written as Excel names a cell (`[Autumn] C14`).
    /// Boxed: a problem is passed by value through every reader, so it is kept small.
    pub sheet: Option<Box<str>>,
    pub message: String,
}

impl Problem {
    /// A problem with the whole file (missing, unreadable, empty, wrong folder name...).
    pub fn file(file: impl Into<String>, message: impl Into<String>) -> Problem {
        Problem {
            file: file.into(),
            line: None,
            column: None,
            field: None,
            sheet: None,
            message: message.into(),
        }
    }

    /// A problem with one line of a file.
    pub fn line(file: impl Into<String>, line: u64, message: impl Into<String>) -> Problem {
        Problem {
            line: Some(line),
            ..Problem::file(file, message)
        }
    }

    /// The same problem placed in a worksheet.
    pub fn in_sheet(self, sheet: Option<&str>) -> Problem {
        Problem {
            sheet: sheet.map(Into::into),
            ..self
        }
    }

    fn render(&self) -> String {
        let mut s = self.file.clone();
        if let Some(sheet) = &self.sheet {
            s.push_str(&format!(" [{sheet}]"));
            match (self.line, self.column) {
                (Some(line), Some(col)) => s.push_str(&format!(" {}{line}", column_letters(col))),
                (Some(line), None) => s.push_str(&format!(" row {line}")),
                _ => {}
            }
        } else if let Some(line) = self.line {
            s.push_str(&format!(":{line}"));
            if let Some(col) = self.column {
                s.push_str(&format!(":{col}"));
            }
        }
        if let Some(field) = &self.field {
            s.push_str(&format!(" ({field})"));
        }
        s.push_str(": ");
        s.push_str(&self.message);
        s
    }
}

/// Excel's name for a 1-based column: 1 → A, 26 → Z, 27 → AA.
pub fn column_letters(col: usize) -> String {
    let mut n = col;
    let mut letters = Vec::new();
    while n > 0 {
        let rem = (n - 1) % 26;
        letters.push(b'A' + rem as u8);
        n = (n - 1) / 26;
    }
    letters.reverse();
    String::from_utf8(letters).unwrap_or_default()
}

/// Every problem found in one run, in file order.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Problems(pub Vec<Problem>);

impl Problems {
    pub fn is_empty(&self) -> bool {
        self.0.is_empty()
    }
    pub fn len(&self) -> usize {
        self.0.len()
    }
    pub fn iter(&self) -> std::slice::Iter<'_, Problem> {
        self.0.iter()
    }
}

impl fmt::Display for Problems {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        for (i, p) in self.0.iter().enumerate() {
            if i > 0 {
                writeln!(f)?;
            }
            write!(f, "{p}")?;
        }
        Ok(())
    }
}

impl std::error::Error for Problems {}

pub use crate::text::found;

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn renders_file_line_column_and_field() {
        let p = Problem {
            file: "scores/2026-27-autumn/hr.csv".into(),
            line: Some(14),
            column: Some(2),
            field: Some("score".into()),
            sheet: None,
            message: "expected a whole number from 1 to 4, found \"5\"".into(),
        };
        assert_eq!(
            p.to_string(),
            "scores/2026-27-autumn/hr.csv:14:2 (score): expected a whole number from 1 to 4, found \"5\""
        );
        assert_eq!(
            Problem::file("a.csv", "no rows").to_string(),
            "a.csv: no rows"
        );
        assert_eq!(Problem::line("a.csv", 3, "x").to_string(), "a.csv:3: x");
    }

    #[test]
    fn workbook_places_are_cells() {
        let p = Problem {
            column: Some(3),
            ..Problem::line("attendance.xlsx", 14, "#N/A where a score was expected")
        }
        .in_sheet(Some("Autumn"));
        assert_eq!(
            p.to_string(),
            "attendance.xlsx [Autumn] C14: #N/A where a score was expected"
        );
        let row = Problem::line("a.xlsx", 3, "x").in_sheet(Some("S"));
        assert_eq!(row.to_string(), "a.xlsx [S] row 3: x");
        assert_eq!(column_letters(26), "Z");
        assert_eq!(column_letters(27), "AA");
        assert_eq!(column_letters(703), "AAA");
    }

    #[test]
    fn found_strips_escapes_and_shortens() {
        assert_eq!(found("a\u{1b}[31mb"), "\"ab\"");
        assert_eq!(found(&"x".repeat(50)).chars().count(), 43);
    }
}
