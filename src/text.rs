//! Text as termly shows and writes it: cleaned of anything that could drive a terminal, and
//! numbers without a trailing ".0".

/// Remove control characters and terminal escape sequences from text that came from a file
/// or a keyboard, so nothing read can drive a terminal or break the minutes. Tabs and
/// newlines become spaces unless `keep_newlines`.
pub fn sanitize_text(input: &str, keep_newlines: bool) -> String {
    let mut out = String::with_capacity(input.len());
    let mut chars = input.chars().peekable();
    while let Some(c) = chars.next() {
        match c {
            '\u{1b}' => {
                // ESC [ ... final byte (CSI), ESC ] ... BEL/ST (OSC), or ESC + one char.
                match chars.peek() {
                    Some('[') => {
                        chars.next();
                        for n in chars.by_ref() {
                            if ('@'..='~').contains(&n) {
                                break;
                            }
                        }
                    }
                    Some(']') | Some('P') | Some('_') | Some('^') => {
                        chars.next();
                        while let Some(n) = chars.next() {
                            if n == '\u{7}' {
                                break;
                            }
                            if n == '\u{1b}' && chars.peek() == Some(&'\\') {
                                chars.next();
                                break;
                            }
                        }
                    }
                    Some(_) => {
                        chars.next();
                    }
                    None => {}
                }
            }
            '\n' if keep_newlines => out.push('\n'),
            '\r' if keep_newlines => {
                if chars.peek() != Some(&'\n') {
                    out.push('\n');
                }
            }
            '\t' | '\n' | '\r' => out.push(' '),
            c if is_unsafe_char(c) => {}
            c => out.push(c),
        }
    }
    out
}

/// A character that must never reach a terminal, the minutes or a workbook as itself: a
/// control character (C0, DEL, C1), or a bidirectional override or isolate
/// (U+202A–U+202E, U+2066–U+2069), which make text display differently from what it says.
pub fn is_unsafe_char(c: char) -> bool {
    c.is_control() || matches!(c, '\u{202a}'..='\u{202e}' | '\u{2066}'..='\u{2069}')
}

/// As [`is_unsafe_char`], for a TOML document, which holds its own line breaks and tabs:
/// those are left to TOML.
pub fn is_unsafe_char_in_toml(c: char) -> bool {
    is_unsafe_char(c) && !matches!(c, '\n' | '\r' | '\t')
}

/// A CSV field a spreadsheet will show as text, never run: one beginning with `=`, `+`, `-`,
/// `@`, a tab or a carriage return (how Excel and LibreOffice recognise a formula, such as
/// `=HYPERLINK(…)` or `=cmd|' /C calc'!A0`) gets a leading `'`.
pub fn spreadsheet_safe(field: &str) -> std::borrow::Cow<'_, str> {
    match field.chars().next() {
        Some('=' | '+' | '-' | '@' | '\t' | '\r') => format!("'{field}").into(),
        _ => field.into(),
    }
}

/// The most of one piece of text (a comment, a rationale, a name) the screen lays out:
/// the pane shows a few screens of it at most, so nothing longer is copied or wrapped on
/// every frame.
pub const SHOWN_BYTES: usize = 4096;

/// `text` cut to [`SHOWN_BYTES`] at a character boundary, saying how much more there is.
pub fn bounded(text: &str) -> std::borrow::Cow<'_, str> {
    if text.len() <= SHOWN_BYTES {
        return text.into();
    }
    let mut cut = SHOWN_BYTES;
    while !text.is_char_boundary(cut) {
        cut -= 1;
    }
    let more = text.len() - cut;
    let more = if more >= 1 << 20 {
        format!("{:.1} MB", more as f64 / f64::from(1 << 20))
    } else {
        format!("{} KB", more.div_ceil(1024))
    };
    format!(
        "{} … [{more} more: see the minutes or an export]",
        &text[..cut]
    )
    .into()
}

/// Numbers as people write them: no trailing ".0".
pub fn fmt_num(v: f64) -> String {
    if v.fract() == 0.0 && v.abs() < 1e15 {
        format!("{}", v as i64)
    } else {
        format!("{v:.1}")
    }
}

/// A count as people write it: `1,096`.
pub fn fmt_count(n: usize) -> String {
    let digits = n.to_string();
    let mut out = String::with_capacity(digits.len() + digits.len() / 3);
    for (i, c) in digits.chars().enumerate() {
        if i > 0 && (digits.len() - i).is_multiple_of(3) {
            out.push(',');
        }
        out.push(c);
    }
    out
}

/// Quote a value found in a file for a message: cleaned of control characters and cut short.
pub fn found(value: &str) -> String {
    let clean = sanitize_text(value, false);
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
    fn counts_have_thousands_separators() {
        assert_eq!(fmt_count(0), "0");
        assert_eq!(fmt_count(427), "427");
        assert_eq!(fmt_count(1096), "1,096");
        assert_eq!(fmt_count(1234567), "1,234,567");
    }

    #[test]
    fn long_text_is_bounded_for_the_screen() {
        assert_eq!(bounded("short"), "short");
        let long = "é".repeat(5 << 20);
        let shown = bounded(&long);
        assert!(shown.len() < SHOWN_BYTES + 64, "{}", shown.len());
        assert!(
            shown.ends_with("… [10.0 MB more: see the minutes or an export]"),
            "{shown}"
        );
    }

    #[test]
    fn formulas_in_csv_fields_are_shown_not_run() {
        for formula in [
            "=HYPERLINK(\"http://x\")",
            "=cmd|' /C calc'!A0",
            "+1",
            "-1",
            "@SUM(A1)",
            "\tx",
            "\rx",
        ] {
            assert_eq!(spreadsheet_safe(formula), format!("'{formula}"));
        }
        assert_eq!(spreadsheet_safe("St Mary's"), "St Mary's");
        assert_eq!(spreadsheet_safe("a=b"), "a=b");
        assert_eq!(spreadsheet_safe(""), "");
    }

    #[test]
    fn sanitize_strips_escapes_and_controls() {
        assert_eq!(sanitize_text("a\u{1b}[31mred\u{1b}[0m b", false), "ared b");
        assert_eq!(sanitize_text("x\u{1b}]0;title\u{7}y", false), "xy");
        assert_eq!(sanitize_text("one\r\ntwo\u{0}", true), "one\ntwo");
        assert_eq!(sanitize_text("one\ntwo\tthree", false), "one two three");
        assert_eq!(
            sanitize_text("evil\u{202e}txt.exe\u{2066}x\u{2069}\u{85}", false),
            "eviltxt.exex"
        );
        assert_eq!(
            sanitize_text("St Mary’s – Fierté", false),
            "St Mary’s – Fierté"
        );
    }
}
