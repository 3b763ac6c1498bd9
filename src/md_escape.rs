//! Markdown escaping for anything that came from a person or a file (the minutes and the
//! printed heat map alike), only where CommonMark
//! (with GFM tables) needs it: escaped text can neither start a block (heading, list, quote,
//! fence, setext underline) nor contain an inline construct (emphasis, code, link, HTML,
//! entity), and a table cell stays one cell. A hyphen inside a word or before a number
//! ("Ashby-Lund", "balance -4.3%") is left alone: only a line's first character can start
//! a list.

use crate::model::sanitize_text;

/// Punctuation that opens or closes an inline construct wherever it stands.
const INLINE: &[char] = &['\\', '`', '*', '[', ']', '<', '~'];
/// Punctuation that starts a block when it is a line's first character.
const LINE_START: &[char] = &['#', '>', '-', '+', '=', '|'];

/// Where a piece of text stands, which decides what needs escaping.
#[derive(Clone, Copy)]
struct Place {
    /// At the start of a line or a list item's content (blocks can start here).
    line_start: bool,
    /// In a table, or in text that could become one: `|` would split a cell.
    pipes: bool,
}

/// Escape one line of text that may stand at the start of a line or list item (no newlines
/// expected; any left become spaces).
pub fn inline(text: &str) -> String {
    escape_line(
        &sanitize_text(text, false),
        Place {
            line_start: true,
            pipes: false,
        },
    )
}

/// One line that stands after other text on its line (not in a table): only inline
/// constructs need escaping.
pub fn mid(text: &str) -> String {
    escape_line(
        &sanitize_text(text, false),
        Place {
            line_start: false,
            pipes: false,
        },
    )
}

/// One line safe wherever it stands: at a line's start or in a table cell.
pub fn anywhere(text: &str) -> String {
    escape_line(
        &sanitize_text(text, false),
        Place {
            line_start: true,
            pipes: true,
        },
    )
}

/// Text for a table cell: one line, with line breaks shown as "; " (or a space after a
/// line that already ends in punctuation). A cell holds inlines only, so nothing in it
/// starts a block.
pub fn cell(text: &str) -> String {
    let place = Place {
        line_start: false,
        pipes: true,
    };
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
        out.push_str(&escape_line(line, place));
    }
    out
}

/// Text inside a list item: line breaks kept as hard breaks, continuation lines indented
/// by `indent` spaces so they stay in the item.
pub fn block(text: &str, indent: usize) -> String {
    let place = Place {
        line_start: true,
        pipes: true,
    };
    let pad = " ".repeat(indent);
    let lines: Vec<String> = sanitize_text(text, true)
        .lines()
        .map(str::trim)
        .filter(|l| !l.is_empty())
        .map(|l| escape_line(l, place))
        .collect();
    lines.join(&format!("\\\n{pad}"))
}

fn escape_line(line: &str, place: Place) -> String {
    let line = line.trim();
    let chars: Vec<char> = line.chars().collect();
    let mut out = String::with_capacity(line.len() + 8);
    // "1." or "1)" at the start of a line would begin an ordered list.
    let digits = chars.iter().take_while(|c| c.is_ascii_digit()).count();
    for (i, &c) in chars.iter().enumerate() {
        let before = i.checked_sub(1).map(|j| chars[j]);
        let after = chars.get(i + 1).copied();
        let needed = INLINE.contains(&c)
            || (c == '|' && place.pipes)
            // `_` between two letters or digits cannot open or close emphasis.
            || (c == '_' && !(before.is_some_and(char::is_alphanumeric) && after.is_some_and(char::is_alphanumeric)))
            // `&` starts an entity only before a letter, digit or `#`.
            || (c == '&' && after.is_some_and(|a| a.is_ascii_alphanumeric() || a == '#'))
            || (place.line_start && i == 0 && LINE_START.contains(&c))
            || (place.line_start && i == digits && digits > 0 && (c == '.' || c == ')'));
        if needed {
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
        assert_eq!(inline("a|b *c* <b>"), "a|b \\*c\\* \\<b>");
        assert_eq!(cell("a|b"), "a\\|b");
        assert_eq!(inline("K. Ashby-Lund"), "K. Ashby-Lund");
        assert_eq!(
            cell("Balance -4.3% & falling; snake_case &amp;"),
            "Balance -4.3% & falling; snake_case \\&amp;"
        );
        assert_eq!(inline("- item"), "\\- item");
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
