//! The legend: what each score colour and mark means (naming the palette), then the grid's
//! symbols, most needed first. It wraps onto the lines it is given, never cutting a word;
//! when even that is too little it uses the short words, then leaves out the last symbols
//! and says `? all symbols` (help lists every one).

use super::cells::{fill, put, score_text};
use super::marks::LEGEND;
use super::theme::Theme;
use crate::config::ScaleConfig;
use ratatui::buffer::Buffer;
use ratatui::layout::Rect;
use ratatui::style::Style;
use ratatui::widgets::Widget;

pub struct Legend<'a> {
    pub scale: &'a ScaleConfig,
    pub theme: &'a Theme,
}

/// One unbreakable piece of the legend: runs of text with their styles.
type Piece = Vec<(String, Style)>;

const MORE: &str = "? all symbols";

impl Legend<'_> {
    fn levels(&self) -> Vec<Piece> {
        let theme = self.theme;
        let scale = self.scale;
        let title = if theme.palette.is_empty() {
            " Risk:".to_string()
        } else {
            format!(" Risk ({}):", theme.palette)
        };
        let mut pieces = vec![vec![(title, theme.legend)]];
        for (i, label) in scale.labels.iter().enumerate() {
            let (st, mark) = theme.level(i);
            let mut b = [0u8; 16];
            let t = score_text(scale.min.saturating_add(i as u8), mark, &mut b);
            pieces.push(vec![
                (t.to_string(), st),
                (format!(" {label}"), theme.legend),
            ]);
        }
        pieces
    }

    fn symbols(&self, short: bool) -> Vec<Piece> {
        let theme = self.theme;
        LEGEND
            .iter()
            .map(|i| {
                let word = if short { i.short } else { i.word };
                vec![(format!("{} {word}", i.symbol), theme.legend)]
            })
            .collect()
    }

    /// The pieces placed on `lines` rows of `width`: (row, x, piece). Tries the full words,
    /// then the short ones, then drops symbols from the end behind `? all symbols`.
    fn place(&self, width: u16, lines: u16) -> Vec<(u16, u16, Piece)> {
        for short in [false, true] {
            let mut all = self.levels();
            all.extend(self.symbols(short));
            if let Some(p) = flow(&all, width, lines) {
                return p;
            }
        }
        let mut all = self.levels();
        let symbols = self.symbols(true);
        let more = vec![(MORE.to_string(), self.theme.hint_key)];
        for keep in (0..symbols.len()).rev() {
            let mut pieces = all.clone();
            pieces.extend(symbols[..keep].iter().cloned());
            pieces.push(more.clone());
            if let Some(p) = flow(&pieces, width, lines) {
                return p;
            }
        }
        all.push(more);
        flow_clipped(&all, width, lines)
    }
}

fn piece_width(p: &Piece) -> u16 {
    p.iter().map(|(t, _)| t.chars().count() as u16).sum()
}

/// Lay pieces left to right with two spaces between, wrapping whole pieces; None when they
/// need more than `lines` rows.
fn flow(pieces: &[Piece], width: u16, lines: u16) -> Option<Vec<(u16, u16, Piece)>> {
    let mut out = Vec::with_capacity(pieces.len());
    let (mut row, mut x) = (0u16, 0u16);
    for p in pieces {
        let w = piece_width(p);
        let start = if x == 0 { 0 } else { x + 2 };
        if start + w > width {
            if x == 0 {
                return None;
            }
            row += 1;
            if row >= lines || w + 1 > width {
                return None;
            }
            out.push((row, 1, p.clone()));
            x = 1 + w;
        } else {
            out.push((row, start, p.clone()));
            x = start + w;
        }
    }
    Some(out)
}

/// As many whole pieces as fit (a very narrow screen).
fn flow_clipped(pieces: &[Piece], width: u16, lines: u16) -> Vec<(u16, u16, Piece)> {
    let mut n = pieces.len();
    while n > 0 {
        if let Some(p) = flow(&pieces[..n], width, lines) {
            return p;
        }
        n -= 1;
    }
    Vec::new()
}

impl Widget for &Legend<'_> {
    fn render(self, area: Rect, buf: &mut Buffer) {
        if area.height == 0 || area.width == 0 {
            return;
        }
        let theme = self.theme;
        for y in area.y..area.bottom() {
            fill(buf, area.x, y, area.width, theme.legend);
        }
        for (row, x, piece) in self.place(area.width, area.height) {
            let y = area.y + row;
            let mut cx = area.x + x;
            for (text, style) in piece {
                cx += put(buf, cx, y, area.right().saturating_sub(cx), &text, style);
            }
        }
    }
}
