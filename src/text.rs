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
            c if c.is_control() => {}
            // Unicode bidi overrides can make text display differently from what it says.
            '\u{202a}'..='\u{202e}' | '\u{2066}'..='\u{2069}' => {}
            c => out.push(c),
        }
    }
    out
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

/// Numbers as people write them: no trailing ".0".
pub fn fmt_num(v: f64) -> String {
    if v.fract() == 0.0 && v.abs() < 1e15 {
        format!("{}", v as i64)
    } else {
        format!("{v:.1}")
    }
}

#[cfg(test)]
mod tests {
    use super::*;

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
            sanitize_text("St Mary’s – Fierté", false),
            "St Mary’s – Fierté"
        );
    }
}
