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

    fn render(&self) -> String {
        let mut s = self.file.clone();
        if let Some(line) = self.line {
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

/// Quote a value found in a file for a message: cleaned of control characters and cut short.
pub fn found(value: &str) -> String {
    let clean = crate::model::sanitize_text(value, false);
    let mut short: String = clean.chars().take(40).collect();
    if clean.chars().count() > 40 {
        short.push('…');
    }
    format!("\"{short}\"")
}

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
    fn found_strips_escapes_and_shortens() {
        assert_eq!(found("a\u{1b}[31mb"), "\"ab\"");
        assert_eq!(found(&"x".repeat(50)).chars().count(), 43);
    }
}
