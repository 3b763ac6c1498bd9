//! Windows paths in a config file. TOML reads a backslash inside double quotes as the start
//! of an escape, so `register = "C:\Users\…"` fails with a message about unicode digits that
//! says nothing about paths. When the line at fault has a backslash inside double quotes,
//! the message says how to write it.

/// `message`, with the hint added when `line` (the line of the parse error) holds a
/// backslash inside double quotes.
pub(super) fn explain(message: &str, line: &str) -> String {
    let quoted_backslash = line
        .split_once('"')
        .is_some_and(|(_, rest)| rest.contains('\\'));
    if quoted_backslash {
        format!(
            "{message} (a backslash in double quotes starts an escape: write a Windows path \
             in single quotes, 'C:\\termly\\register.csv', or with forward slashes, \
             \"C:/termly/register.csv\")"
        )
    } else {
        message.to_string()
    }
}

/// The line of `text` holding byte `offset`.
pub(super) fn line_at(text: &str, offset: usize) -> &str {
    let offset = offset.min(text.len());
    let start = text[..offset].rfind('\n').map_or(0, |i| i + 1);
    let end = text[offset..].find('\n').map_or(text.len(), |i| offset + i);
    &text[start..end]
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_windows_path_in_double_quotes_is_explained() {
        let text = "[data]\nregister = \"C:\\Users\\me\\register.csv\"\n";
        let offset = text.find("\\U").unwrap();
        let line = line_at(text, offset);
        assert_eq!(line, "register = \"C:\\Users\\me\\register.csv\"");
        let told = explain("too few unicode value digits", line);
        assert!(told.starts_with("too few unicode value digits (a backslash"));
        assert!(told.contains("'C:\\termly\\register.csv'"), "{told}");
        assert_eq!(explain("expected `=`", "register 'C:\\x'"), "expected `=`");
    }
}
