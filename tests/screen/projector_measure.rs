//! Measuring the screen as a projector shows it: every run of text's WCAG contrast against
//! its own background, read from the styles of a rendered `TestBackend`-style buffer, and
//! the CIEDE2000 difference between adjacent score levels under each colour-vision
//! deficiency.
//!
//! Terminal colours become RGB by a fixed, documented table: `Color::Rgb` as given; indexed
//! colours 0–15 and the named ANSI colours at xterm's defaults, 16–231 the xterm 6×6×6 cube
//! and 232–255 its grey ramp (`termly::colour::indexed_rgb`). `Color::Reset` is the
//! terminal's own default, taken as xterm's: black text on a white page. `REVERSED` swaps
//! the two.

use ratatui::buffer::Buffer;
use ratatui::style::{Color, Modifier};
use termly::colour::{self, Deficiency, Rgb};
use termly::tui::theme::Theme;

/// What `Color::Reset` is taken to mean (xterm's default colours).
pub const DEFAULT_FG: Rgb = (0, 0, 0);
pub const DEFAULT_BG: Rgb = (255, 255, 255);

/// A colour as the measurement sees it, or None for Reset.
pub fn to_rgb(c: Color) -> Option<Rgb> {
    let named = |i: u8| Some(colour::indexed_rgb(i));
    match c {
        Color::Reset => None,
        Color::Rgb(r, g, b) => Some((r, g, b)),
        Color::Indexed(i) => named(i),
        Color::Black => named(0),
        Color::Red => named(1),
        Color::Green => named(2),
        Color::Yellow => named(3),
        Color::Blue => named(4),
        Color::Magenta => named(5),
        Color::Cyan => named(6),
        Color::Gray => named(7),
        Color::DarkGray => named(8),
        Color::LightRed => named(9),
        Color::LightGreen => named(10),
        Color::LightYellow => named(11),
        Color::LightBlue => named(12),
        Color::LightMagenta => named(13),
        Color::LightCyan => named(14),
        Color::White => named(15),
    }
}

/// The (text, background) colours a cell shows.
pub fn cell_colours(buf: &Buffer, x: u16, y: u16) -> (Rgb, Rgb) {
    let cell = &buf[(x, y)];
    let fg = to_rgb(cell.fg).unwrap_or(DEFAULT_FG);
    let bg = to_rgb(cell.bg).unwrap_or(DEFAULT_BG);
    if cell.modifier.contains(Modifier::REVERSED) {
        (bg, fg)
    } else {
        (fg, bg)
    }
}

/// The lowest contrast found, and where.
#[derive(Debug, Clone, PartialEq)]
pub struct Worst {
    pub ratio: f64,
    pub at: String,
}

impl Worst {
    pub fn none() -> Worst {
        Worst {
            ratio: f64::INFINITY,
            at: String::new(),
        }
    }
    pub fn take(&mut self, other: Worst) {
        if other.ratio < self.ratio {
            *self = other;
        }
    }
}

/// The lowest contrast of any visible character for which `include(x, y)` holds, with
/// `flare` (share of white) added to both colours. Blank cells carry no text.
pub fn min_contrast(
    buf: &Buffer,
    flare: f64,
    label: &str,
    include: impl Fn(u16, u16) -> bool,
) -> Worst {
    let mut worst = Worst::none();
    let area = buf.area;
    for y in area.top()..area.bottom() {
        for x in area.left()..area.right() {
            let sym = buf[(x, y)].symbol();
            if sym.trim().is_empty() || !include(x, y) {
                continue;
            }
            let (fg, bg) = cell_colours(buf, x, y);
            let ratio = colour::contrast_with_flare(fg, bg, flare);
            if ratio < worst.ratio {
                let line: String = (area.left()..area.right())
                    .map(|cx| buf[(cx, y)].symbol())
                    .collect();
                worst = Worst {
                    ratio,
                    at: format!(
                        "{label} ({x},{y}) {sym:?} {fg:?} on {bg:?}: {}",
                        line.trim_end()
                    ),
                };
            }
        }
    }
    worst
}

/// The smallest CIEDE2000 between adjacent score-level backgrounds, for normal vision
/// (None) or a deficiency. None when the theme has no level colours (monochrome).
pub fn min_level_delta_e(theme: &Theme, vision: Option<Deficiency>) -> Option<(f64, usize)> {
    let colours: Vec<Rgb> = theme
        .levels
        .iter()
        .filter_map(|s| s.bg.and_then(to_rgb))
        .collect();
    if colours.len() < 2 || colours.len() != theme.levels.len() {
        return None;
    }
    colours
        .windows(2)
        .enumerate()
        .map(|(i, w)| {
            let a = colour::simulate(w[0], vision);
            let b = colour::simulate(w[1], vision);
            (colour::delta_e(a, b), i)
        })
        .min_by(|a, b| a.0.total_cmp(&b.0))
}
