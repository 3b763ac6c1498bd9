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
