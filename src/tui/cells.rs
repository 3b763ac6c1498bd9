//! Small drawing helpers that write straight into a Buffer without allocating: truncation
//! with an ellipsis, centring, numbers.

use ratatui::buffer::Buffer;
use ratatui::style::Style;

/// Write `text` at (x, y) in at most `w` cells; longer text ends in `…`. Never wraps.
pub fn put(buf: &mut Buffer, x: u16, y: u16, w: u16, text: &str, style: Style) -> u16 {
    if w == 0 || !inside(buf, x, y) {
        return 0;
    }
    let w = w.min(buf.area.right() - x);
    let count = text.chars().count();
    if count <= w as usize {
        let (end, _) = buf.set_stringn(x, y, text, w as usize, style);
        return end - x;
    }
    let cut = text
        .char_indices()
        .nth(w as usize - 1)
        .map(|(i, _)| i)
        .unwrap_or(text.len());
    let (end, _) = buf.set_stringn(x, y, &text[..cut], w as usize - 1, style);
    buf.set_stringn(end, y, "…", 1, style);
    end + 1 - x
}

/// Write `text` centred in `w` cells.
pub fn put_centred(buf: &mut Buffer, x: u16, y: u16, w: u16, text: &str, style: Style) {
    let n = text.chars().count() as u16;
    let pad = w.saturating_sub(n) / 2;
    put(buf, x + pad.min(w), y, w - pad.min(w), text, style);
}

/// Paint `w` cells from (x, y) with a style and spaces.
pub fn fill(buf: &mut Buffer, x: u16, y: u16, w: u16, style: Style) {
    if !inside(buf, x, y) {
        return;
    }
    let end = (x.saturating_add(w)).min(buf.area.right());
    for cx in x..end {
        if let Some(c) = buf.cell_mut((cx, y)) {
            c.reset();
            c.set_char(' ');
            c.set_style(style);
        }
    }
}

fn inside(buf: &Buffer, x: u16, y: u16) -> bool {
    x >= buf.area.left() && x < buf.area.right() && y >= buf.area.top() && y < buf.area.bottom()
}

/// A score as text in a caller-provided array: `open digits close` (`[4]`, ` 1 `).
pub fn score_text(value: u8, mark: [char; 2], out: &mut [u8; 16]) -> &str {
    let mut n = 0;
    let mut push = |s: &str, out: &mut [u8; 16]| {
        out[n..n + s.len()].copy_from_slice(s.as_bytes());
        n += s.len();
    };
    let mut g = [0u8; 4];
    push(mark[0].encode_utf8(&mut g), out);
    let mut digits = [0u8; 3];
    let mut d = 0;
    let mut v = value;
    loop {
        digits[2 - d] = b'0' + v % 10;
        d += 1;
        v /= 10;
        if v == 0 {
            break;
        }
    }
    let s = std::str::from_utf8(&digits[3 - d..]).unwrap_or("?");
    push(s, out);
    push(mark[1].encode_utf8(&mut g), out);
    std::str::from_utf8(&out[..n]).unwrap_or("?")
}

#[cfg(test)]
mod tests {
    use super::*;
    use ratatui::layout::Rect;

    #[test]
    fn truncates_with_ellipsis_and_clips_at_the_edge() {
        let mut buf = Buffer::empty(Rect::new(0, 0, 10, 1));
        put(&mut buf, 0, 0, 6, "Amberley Primary", Style::new());
        assert_eq!(
            buf.content()[..6]
                .iter()
                .map(|c| c.symbol())
                .collect::<String>(),
            "Amber…"
        );
        put(&mut buf, 8, 0, 6, "abcdef", Style::new());
        put(&mut buf, 20, 5, 6, "outside", Style::new());
        assert_eq!(buf.content()[8].symbol(), "a");
    }

    #[test]
    fn score_text_without_allocating() {
        let mut b = [0u8; 16];
        assert_eq!(score_text(4, ['[', ']'], &mut b), "[4]");
        assert_eq!(score_text(10, [' ', ' '], &mut b), " 10 ");
    }
}
