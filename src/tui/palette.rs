//! The colours of each theme, as numbers. Chosen by measurement (see
//! `tests/screen/tui_projector.rs` and README "On the projector"): every score level's digit
//! reaches 7:1 on its own colour with black or white text, and adjacent levels differ by
//! CIEDE2000 ≥ 15 for normal vision and under simulated protanopia, deuteranopia and
//! tritanopia. Every level colour is an
//! entry of the xterm 256-colour cube, so 256-colour terminals show exactly these colours.

use crate::colour::Rgb;

/// The default score palette: pale cyan, deep blue, amber, deep red. Light and dark levels
/// alternate, which keeps every neighbour far apart under each deficiency (ΔE00 ≥ 45); the
/// digit and its brackets carry the order.
pub const PROJECTOR_LEVELS: [Rgb; 4] = [(215, 255, 255), (0, 95, 135), (255, 175, 0), (95, 0, 0)];

/// Red–amber–green as councils speak of it: green, amber, orange, deep red. Amber leans to
/// yellow and orange stays light, because a deeper amber next to orange falls below ΔE00 15
/// for deuteranopes.
pub const RAG_LEVELS: [Rgb; 4] = [(0, 95, 0), (255, 255, 95), (255, 135, 0), (95, 0, 0)];

/// Okabe–Ito hues for the support categories (Core first); each theme lightens or darkens
/// them until they read on its page.
pub const CATEGORY_HUES: [Rgb; 7] = [
    (153, 153, 153),
    (86, 180, 233),
    (0, 158, 115),
    (240, 228, 66),
    (230, 159, 0),
    (213, 94, 0),
    (204, 121, 167),
];

/// A theme's page and accents. Text colours are raised to their contrast floor against the
/// page when the theme is built, so these are starting hues, not final values.
#[derive(Debug, Clone, Copy)]
pub struct Page {
    pub fg: Rgb,
    pub bg: Rgb,
    pub dim: Rgb,
    pub accent: Rgb,
    /// The cursor bar: a strong band with its own text colour.
    pub cursor_bg: Rgb,
    pub cursor_fg: Rgb,
    pub flag: Rgb,
    pub levels: [Rgb; 4],
    /// What the legend calls the score palette.
    pub palette_name: &'static str,
}

pub const DARK: Page = Page {
    fg: (235, 235, 235),
    bg: (18, 18, 24),
    dim: (170, 170, 180),
    accent: (95, 175, 255),
    cursor_bg: (215, 235, 255),
    cursor_fg: (0, 0, 0),
    flag: (255, 160, 70),
    levels: PROJECTOR_LEVELS,
    palette_name: "blue–amber–red",
};

pub const LIGHT: Page = Page {
    fg: (20, 20, 20),
    bg: (250, 250, 250),
    dim: (80, 80, 80),
    accent: (0, 80, 150),
    cursor_bg: (0, 50, 110),
    cursor_fg: (255, 255, 255),
    flag: (170, 60, 0),
    levels: PROJECTOR_LEVELS,
    palette_name: "blue–amber–red",
};

pub const HIGH_CONTRAST: Page = Page {
    fg: (255, 255, 255),
    bg: (0, 0, 0),
    dim: (225, 225, 225),
    accent: (255, 255, 0),
    cursor_bg: (255, 255, 0),
    cursor_fg: (0, 0, 0),
    flag: (255, 175, 0),
    levels: PROJECTOR_LEVELS,
    palette_name: "blue–amber–red",
};

/// RAG on the dark page.
pub const RAG: Page = Page {
    levels: RAG_LEVELS,
    palette_name: "RAG",
    ..DARK
};
