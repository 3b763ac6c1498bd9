//! Word-wrap styled lines to a width ourselves, so the pane knows exactly how many rows its
//! content takes (to clamp scrolling) and continuation rows can hang under a label.

use ratatui::style::Style;
use ratatui::text::{Line, Span};

/// Display width of one character (0, 1 or 2 columns).
fn char_width(c: char) -> usize {
    let mut b = [0u8; 4];
    Span::raw(&*c.encode_utf8(&mut b)).width()
}

/// Wrap `line` to `width` columns; continuation rows start with `indent` spaces. Words
/// longer than a row are broken. Always returns at least one line.
pub fn wrap_line(line: Line<'static>, width: usize, indent: usize) -> Vec<Line<'static>> {
    let width = width.max(1);
    let indent = if indent * 2 > width { 0 } else { indent };
    let chars: Vec<(char, Style)> = line
        .spans
        .iter()
        .flat_map(|s| {
            let style = line.style.patch(s.style);
            s.content.chars().map(move |c| (c, style))
        })
        .collect();
    let total: usize = chars.iter().map(|(c, _)| char_width(*c)).sum();
    if total <= width {
        return vec![line];
    }
    // Tokens: runs of spaces or of non-spaces.
    let mut tokens: Vec<&[(char, Style)]> = Vec::new();
    let mut start = 0;
    for i in 1..=chars.len() {
        if i == chars.len() || (chars[i].0 == ' ') != (chars[i - 1].0 == ' ') {
            tokens.push(&chars[start..i]);
            start = i;
        }
    }
    let mut rows: Vec<Vec<(char, Style)>> = vec![Vec::new()];
    let mut used = 0;
    let new_row = |rows: &mut Vec<Vec<(char, Style)>>, used: &mut usize| {
        rows.push(vec![(' ', Style::default()); indent]);
        *used = indent;
    };
    for tok in tokens {
        let is_space = tok[0].0 == ' ';
        let w: usize = tok.iter().map(|(c, _)| char_width(*c)).sum();
        if is_space {
            // Spaces never start a continuation row.
            if used > indent || rows.len() == 1 {
                if used + w <= width {
                    rows.last_mut().expect("row").extend_from_slice(tok);
                    used += w;
                } else {
                    new_row(&mut rows, &mut used);
                }
            }
            continue;
        }
        let row_has_words = used > if rows.len() == 1 { 0 } else { indent };
        if used + w > width && row_has_words {
            new_row(&mut rows, &mut used);
        }
        for &(c, style) in tok {
            let cw = char_width(c);
            if used + cw > width && used > indent {
                new_row(&mut rows, &mut used);
            }
            rows.last_mut().expect("row").push((c, style));
            used += cw;
        }
    }
    rows.into_iter().map(to_line).collect()
}

fn to_line(row: Vec<(char, Style)>) -> Line<'static> {
    let mut spans: Vec<Span<'static>> = Vec::new();
    let mut text = String::new();
    let mut style: Option<Style> = None;
    for (c, s) in row {
        if style.is_some_and(|st| st != s) {
            spans.push(Span::styled(
                std::mem::take(&mut text),
                style.expect("style"),
            ));
        }
        style = Some(s);
        text.push(c);
    }
    // Trailing spaces would only pad the row.
    let trimmed = text.trim_end().len();
    text.truncate(trimmed);
    if let Some(s) = style {
        if !text.is_empty() {
            spans.push(Span::styled(text, s));
        }
    }
    Line::from(spans)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn plain(lines: &[Line<'static>]) -> Vec<String> {
        lines.iter().map(|l| l.to_string()).collect()
    }

    #[test]
    fn wraps_at_words_with_a_hanging_indent() {
        let l = Line::from("Rationale: the quick brown fox jumps over the lazy dog");
        assert_eq!(
            plain(&wrap_line(l, 20, 4)),
            vec![
                "Rationale: the quick",
                "    brown fox jumps",
                "    over the lazy",
                "    dog"
            ]
        );
    }

    #[test]
    fn breaks_long_words_and_survives_tiny_widths() {
        let l = Line::from("abcdefghij");
        assert_eq!(
            plain(&wrap_line(l.clone(), 4, 0)),
            vec!["abcd", "efgh", "ij"]
        );
        assert_eq!(wrap_line(l.clone(), 1, 3).len(), 10);
        assert_eq!(wrap_line(l, 0, 0).len(), 10);
        assert_eq!(plain(&wrap_line(Line::from(""), 5, 2)), vec![""]);
    }

    #[test]
    fn keeps_styles_across_rows() {
        let bold = Style::new().add_modifier(ratatui::style::Modifier::BOLD);
        let l = Line::from(vec![Span::raw("aaa "), Span::styled("bbb ccc", bold)]);
        let rows = wrap_line(l, 7, 0);
        assert_eq!(plain(&rows), vec!["aaa bbb", "ccc"]);
        assert_eq!(rows[1].spans[0].style, bold);
    }
}
