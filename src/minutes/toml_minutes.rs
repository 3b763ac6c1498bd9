//! Minutes as TOML: the [`Minutes`] structs serialised, `format_version = 2`, re-readable.
//! Version 1 files (before matters arising, actions and the marking) are still read: the
//! fields they lack are left empty.

use super::model::{Minutes, FORMAT_VERSION};

/// The oldest version this termly reads.
pub const OLDEST_VERSION: u32 = 1;
use super::MinutesError;

/// Serialise; the same minutes always give the same bytes.
pub fn to_toml(m: &Minutes) -> Result<String, MinutesError> {
    let body = toml::to_string(m).map_err(|e| MinutesError::Format(e.to_string()))?;
    let body = escape_unsafe(&body);
    Ok(format!(
        "# termly meeting minutes: `termly check-minutes FILE` compares them with the database.\n{body}"
    ))
}

/// Read minutes written by [`to_toml`]; `file` names the source in messages.
pub fn from_toml(text: &str, file: &str) -> Result<Minutes, MinutesError> {
    let version: toml::Table = text
        .parse()
        .map_err(|e: toml::de::Error| MinutesError::Parse {
            file: file.to_string(),
            message: e.to_string(),
        })?;
    match version
        .get("format_version")
        .and_then(toml::Value::as_integer)
    {
        Some(v) if (OLDEST_VERSION as i64..=FORMAT_VERSION as i64).contains(&v) => {}
        Some(v) => {
            return Err(MinutesError::Parse {
                file: file.to_string(),
                message: format!(
                    "format_version {v} is not supported (this termly reads {OLDEST_VERSION} to {FORMAT_VERSION})"
                ),
            })
        }
        None => {
            return Err(MinutesError::Parse {
                file: file.to_string(),
                message: "no format_version: not termly minutes".into(),
            })
        }
    }
    toml::from_str(text).map_err(|e: toml::de::Error| MinutesError::Parse {
        file: file.to_string(),
        message: e.to_string(),
    })
}

/// The TOML text with every character that must not appear as itself (see
/// [`crate::text::is_unsafe_char`]; toml escapes ASCII controls, not bidirectional
/// overrides or C1 controls) written as a `\uXXXX` escape, so the file reads back to the
/// same text and shows nothing that displays differently from what it says. A literal
/// string ('…', which cannot hold escapes) that holds one is rewritten as a basic string.
fn escape_unsafe(doc: &str) -> String {
    if !doc.chars().any(crate::text::is_unsafe_char_in_toml) {
        return doc.to_string();
    }
    let mut out = String::with_capacity(doc.len() + 64);
    let mut rest = doc;
    while let Some(c) = rest.chars().next() {
        let (quote, basic) = if rest.starts_with("\"\"\"") {
            ("\"\"\"", true)
        } else if rest.starts_with("'''") {
            ("'''", false)
        } else if c == '"' {
            ("\"", true)
        } else if c == '\'' {
            ("'", false)
        } else {
            out.push(c);
            rest = &rest[c.len_utf8()..];
            continue;
        };
        let body_start = quote.len();
        let body_len = string_end(&rest[body_start..], quote, basic);
        let body = &rest[body_start..body_start + body_len];
        let new_quote = if quote.len() == 3 { "\"\"\"" } else { "\"" };
        if basic || !body.chars().any(crate::text::is_unsafe_char_in_toml) {
            out.push_str(quote);
            push_escaped(&mut out, body, false);
            out.push_str(quote);
        } else {
            out.push_str(new_quote);
            push_escaped(&mut out, body, true);
            out.push_str(new_quote);
        }
        rest = &rest[(body_start + body_len + quote.len()).min(rest.len())..];
    }
    out
}

/// Where a string's body ends (before its closing quote); a basic string's `\"` does not end it.
fn string_end(s: &str, quote: &str, basic: bool) -> usize {
    let mut i = 0;
    while i < s.len() {
        if basic && s[i..].starts_with('\\') {
            i += 1 + s[i + 1..].chars().next().map_or(0, char::len_utf8);
            continue;
        }
        if s[i..].starts_with(quote) {
            // A multi-line string may end in up to two more quotes of its own.
            let mut end = i;
            while quote.len() == 3 && s[end + 1..].starts_with(quote) {
                end += 1;
            }
            return end;
        }
        i += s[i..].chars().next().map_or(1, char::len_utf8);
    }
    s.len()
}

/// `body` with unsafe characters as `\uXXXX`; `from_literal` also escapes what a literal
/// string holds as itself and a basic one cannot (`\`, `"`).
fn push_escaped(out: &mut String, body: &str, from_literal: bool) {
    for c in body.chars() {
        match c {
            '\\' if from_literal => out.push_str("\\\\"),
            '"' if from_literal => out.push_str("\\\""),
            c if crate::text::is_unsafe_char_in_toml(c) => {
                out.push_str(&format!("\\u{:04X}", c as u32));
            }
            c => out.push(c),
        }
    }
}

#[cfg(test)]
mod escape_tests {
    use super::escape_unsafe;

    #[test]
    fn overrides_are_escaped_and_read_back_the_same() {
        let mut table = toml::Table::new();
        let values = [
            ("plain", "St Mary\u{202e}s"),
            ("literal", "C:\\path \u{2066}x\u{2069}"),
            ("quotes", "say \"no\" \u{202a}"),
            ("lines", "one\ntwo \u{202e}\u{85}"),
            ("apostrophe", "it's \u{202e}"),
        ];
        for (k, v) in values {
            table.insert(k.to_string(), toml::Value::String(v.to_string()));
        }
        table.insert("under".into(), toml::Value::Table(table.clone()));
        let doc = toml::to_string(&table).unwrap();
        let escaped = escape_unsafe(&doc);
        assert!(
            !escaped.chars().any(crate::text::is_unsafe_char_in_toml),
            "{escaped}"
        );
        let back: toml::Table = escaped.parse().unwrap();
        assert_eq!(back, table, "{escaped}");
    }
}
