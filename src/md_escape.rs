//! Markdown escaping for anything that came from a person or a file, used by the minutes
//! and the printed heat map alike. Escaped text can
//! neither start a block (heading, list, quote, fence, setext underline) nor contain an
//! inline construct (emphasis, code, link, HTML, entity), and a table cell stays one cell.

use crate::model::sanitize_text;

/// ASCII punctuation that can open or close something in CommonMark/GFM.
const SPECIAL: &[char] = &[
    '\\', '`', '*', '_', '{', '}', '[', ']', '<', '>', '#', '+', '-', '!', '|', '&', '~', '=',
];

/// Escape one line of text (no newlines expected; any left become spaces).
pub fn inline(text: &str) -> String {
    escape_line(&sanitize_text(text, false))
}

/// Text for a table cell: one line, with line breaks shown as "; " (or a space after a
/// line that already ends in punctuation).
pub fn cell(text: &str) -> String {
    let mut out = String::new();
    for line in sanitize_text(text, true)
        .lines()
        .map(str::trim)
        .filter(|l| !l.is_empty())
    {
        if !out.is_empty() {
            let ends_sentence = out.ends_with(['.', ';', ':', '!', '?', ',']);
            out.push_str(if ends_sentence { " " } else { "; " });
        }
        out.push_str(&escape_line(line));
    }
    out
}

/// Text inside a list item: line breaks kept as hard breaks, continuation lines indented
/// by `indent` spaces so they stay in the item.
pub fn block(text: &str, indent: usize) -> String {
    let pad = " ".repeat(indent);
    let lines: Vec<String> = sanitize_text(text, true)
        .lines()
        .map(str::trim)
        .filter(|l| !l.is_empty())
        .map(escape_line)
        .collect();
    lines.join(&format!("\\\n{pad}"))
}

fn escape_line(line: &str) -> String {
    let line = line.trim();
    let mut out = String::with_capacity(line.len() + 8);
    // "1." or "1)" at the start of a line would begin an ordered list.
    let digits = line.chars().take_while(char::is_ascii_digit).count();
    for (i, c) in line.chars().enumerate() {
        if SPECIAL.contains(&c) || (i == digits && digits > 0 && (c == '.' || c == ')')) {
            out.push('\\');
        }
        out.push(c);
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn escapes_markup_and_keeps_words() {
        assert_eq!(inline("St Mary's C of E"), "St Mary's C of E");
        assert_eq!(inline("a|b *c* <b>"), "a\\|b \\*c\\* \\<b\\>");
        assert_eq!(inline("1. first"), "1\\. first");
        assert_eq!(inline("Year 1. fine"), "Year 1. fine");
        assert_eq!(inline("# x\u{1b}[2J"), "\\# x");
    }

    #[test]
    fn cells_and_blocks_handle_newlines() {
        assert_eq!(cell("one\ntwo|\r\n\nthree"), "one; two\\|; three");
        assert_eq!(cell("One.\nTwo"), "One. Two");
        assert_eq!(block("one\n- two", 2), "one\\\n  \\- two");
    }
}
