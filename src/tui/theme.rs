//! Styles for every pane, built from a [`palette::Page`](super::palette). Every text colour
//! is raised to its contrast floor against the page it is drawn on (4.5:1, 7:1 for names,
//! scores and suggestions; 8:1 in high contrast, which keeps 4.5:1 under a projector's 5 %
//! flare), after 256-colour rounding when the terminal has no truecolor. Every score level
//! also has a mark (brackets, bold) so its meaning survives blur, colour blindness and
//! `NO_COLOR`.

use super::palette::{self, Page};
use crate::colour::{self, Rgb};
use ratatui::style::{Color, Modifier, Style};

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum ThemeKind {
    Dark,
    Light,
    HighContrast,
    /// Red–amber–green scores on the dark page.
    Rag,
    Monochrome,
}

impl ThemeKind {
    pub const ALL: [ThemeKind; 5] = [
        ThemeKind::Dark,
        ThemeKind::Light,
        ThemeKind::HighContrast,
        ThemeKind::Rag,
        ThemeKind::Monochrome,
    ];

    pub fn parse(name: &str) -> Option<ThemeKind> {
        match name.trim().to_ascii_lowercase().replace('_', "-").as_str() {
            "dark" => Some(ThemeKind::Dark),
            "light" => Some(ThemeKind::Light),
            "high-contrast" | "highcontrast" | "contrast" => Some(ThemeKind::HighContrast),
            "rag" | "red-amber-green" => Some(ThemeKind::Rag),
            "monochrome" | "mono" | "none" => Some(ThemeKind::Monochrome),
            _ => None,
        }
    }

    pub fn name(self) -> &'static str {
        match self {
            ThemeKind::Dark => "dark",
            ThemeKind::Light => "light",
            ThemeKind::HighContrast => "high-contrast",
            ThemeKind::Rag => "rag",
            ThemeKind::Monochrome => "monochrome",
        }
    }
}

/// How colours reach the terminal.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum ColorDepth {
    TrueColor,
    Indexed256,
}

/// What the environment says about colour (read once, passed in so tests control it).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct ColorEnv {
    pub no_color: bool,
    pub depth: ColorDepth,
}

impl ColorEnv {
    pub fn from_env() -> ColorEnv {
        let no_color = std::env::var_os("NO_COLOR").is_some_and(|v| !v.is_empty());
        let colorterm = std::env::var("COLORTERM").ok();
        let windows_terminal = std::env::var_os("WT_SESSION").is_some();
        ColorEnv {
            no_color,
            depth: ColorDepth::from_env(colorterm.as_deref(), windows_terminal),
        }
    }
}

impl ColorDepth {
    /// 24-bit colour when the terminal says so: `COLORTERM=truecolor` (or `24bit`), or
    /// Windows Terminal, which says so only by setting `WT_SESSION`. Otherwise the 256-colour
    /// palette, which every terminal termly supports draws, Windows' old console host included.
    fn from_env(colorterm: Option<&str>, windows_terminal: bool) -> ColorDepth {
        let said = colorterm.is_some_and(|v| {
            let v = v.to_ascii_lowercase();
            v == "truecolor" || v == "24bit"
        });
        if said || windows_terminal {
            ColorDepth::TrueColor
        } else {
            ColorDepth::Indexed256
        }
    }
}

#[derive(Debug, thiserror::Error, PartialEq, Eq)]
#[error("unknown theme `{0}`: expected dark, light, high-contrast, rag or monochrome")]
pub struct ThemeError(pub String);

/// Everything the widgets need to style themselves.
#[derive(Debug, Clone, PartialEq)]
pub struct Theme {
    pub kind: ThemeKind,
    pub base: Style,
    pub header: Style,
    pub column_header: Style,
    pub legend: Style,
    /// The cursor bar. Everything on it is drawn in its own text colour, except the score
    /// cells, which keep their level colours.
    pub cursor: Style,
    pub group: Style,
    pub dim: Style,
    pub status: Style,
    pub error: Style,
    /// Frozen updates, and a confidential comment on show: a notice that must be seen.
    pub frozen: Style,
    pub hints: Style,
    pub hint_key: Style,
    pub overlay: Style,
    pub flag_major: Style,
    /// One per scale level, lowest first.
    pub levels: Vec<Style>,
    /// One per level: the characters either side of the digit (brackets for the upper half).
    pub marks: Vec<[char; 2]>,
    /// One per configured category (config order).
    pub categories: Vec<Style>,
    /// The marker in the first column of the cursor row.
    pub cursor_mark: &'static str,
    /// What the legend calls the score colours ("" in monochrome).
    pub palette: &'static str,
}

/// Contrast floors: every text, and names, scores and suggestions.
const TEXT_FLOOR: f64 = 4.5;
const KEY_FLOOR: f64 = 7.0;
/// High contrast must keep 4.5:1 with 5 % flare on a black page: 8:1 without flare.
const FLARE_SAFE_FLOOR: f64 = 8.0;

impl Theme {
    /// Pick a theme by name (None = dark); NO_COLOR always wins and gives monochrome.
    pub fn new(
        name: Option<&str>,
        levels: usize,
        categories: usize,
        env: ColorEnv,
    ) -> Result<Theme, ThemeError> {
        let kind = match name {
            Some(n) => ThemeKind::parse(n).ok_or_else(|| ThemeError(n.to_string()))?,
            None => ThemeKind::Dark,
        };
        let kind = if env.no_color {
            ThemeKind::Monochrome
        } else {
            kind
        };
        Ok(Theme::build(kind, levels.max(1), categories, env.depth))
    }

    pub fn build(kind: ThemeKind, levels: usize, categories: usize, depth: ColorDepth) -> Theme {
        let levels = levels.max(1);
        let marks = (0..levels).map(|i| level_mark(i, levels)).collect();
        let page = match kind {
            ThemeKind::Monochrome => return monochrome(levels, categories, marks),
            ThemeKind::Light => palette::LIGHT,
            ThemeKind::HighContrast => palette::HIGH_CONTRAST,
            ThemeKind::Rag => palette::RAG,
            ThemeKind::Dark => palette::DARK,
        };
        let (text, key) = if kind == ThemeKind::HighContrast {
            (FLARE_SAFE_FLOOR, FLARE_SAFE_FLOOR)
        } else {
            (TEXT_FLOOR, KEY_FLOOR)
        };
        Painter { page, depth }.theme(kind, levels, categories, marks, text, key)
    }

    /// Style and mark for a score, `level` counted from 0 at the scale minimum.
    pub fn level(&self, level: usize) -> (Style, [char; 2]) {
        let i = level.min(self.levels.len() - 1);
        (self.levels[i], self.marks[i])
    }

    /// Style for a position on a scale of `n` steps (composite bands map onto score levels).
    pub fn scaled(&self, index: usize, n: usize) -> (Style, [char; 2]) {
        self.level(sample_index(index, n, self.levels.len() - 1))
    }

    pub fn category(&self, index: Option<usize>) -> Style {
        index
            .and_then(|i| self.categories.get(i).copied())
            .unwrap_or(self.base)
    }
}

/// Brackets for the upper half of the scale; plain spaces below.
fn level_mark(i: usize, n: usize) -> [char; 2] {
    if n > 1 && i * 2 >= n {
        ['[', ']']
    } else {
        [' ', ' ']
    }
}

/// No colour at all: levels differ by underline, bold, reverse video and brackets.
fn monochrome(levels: usize, categories: usize, marks: Vec<[char; 2]>) -> Theme {
    let b = Style::new().add_modifier(Modifier::BOLD);
    let strong = Style::new().add_modifier(Modifier::BOLD | Modifier::REVERSED);
    let level_styles = (0..levels)
        .map(|i| match i {
            _ if levels > 1 && i + 1 == levels => strong,
            _ if i * 2 >= levels => b,
            0 => Style::new(),
            _ => Style::new().add_modifier(Modifier::UNDERLINED),
        })
        .collect();
    Theme {
        kind: ThemeKind::Monochrome,
        base: Style::new(),
        header: b,
        column_header: b.add_modifier(Modifier::UNDERLINED),
        legend: Style::new(),
        cursor: strong,
        group: b,
        dim: Style::new(),
        status: Style::new(),
        error: strong,
        frozen: strong,
        hints: Style::new(),
        hint_key: b,
        overlay: Style::new(),
        flag_major: b,
        levels: level_styles,
        marks,
        categories: vec![Style::new(); categories],
        cursor_mark: "▶",
        palette: "",
    }
}

/// Turns a page's colours into styles at a colour depth, lifting each text colour to its
/// floor against the colour it is drawn on.
struct Painter {
    page: Page,
    depth: ColorDepth,
}

impl Painter {
    /// The colour the terminal will actually show.
    fn shown(&self, rgb: Rgb) -> Rgb {
        match self.depth {
            ColorDepth::TrueColor => rgb,
            ColorDepth::Indexed256 => colour::indexed_rgb(colour::nearest_256(rgb)),
        }
    }

    fn color(&self, rgb: Rgb) -> Color {
        to_color(rgb, self.depth)
    }

    /// `fg` lifted to `floor` against `bg`, as the terminal will show both.
    fn text(&self, fg: Rgb, bg: Rgb, floor: f64) -> Color {
        let bg = self.shown(bg);
        self.color(colour::readable(fg, bg, floor, |c| self.shown(c)))
    }

    fn theme(
        &self,
        kind: ThemeKind,
        levels: usize,
        categories: usize,
        marks: Vec<[char; 2]>,
        text: f64,
        key: f64,
    ) -> Theme {
        let p = self.page;
        let bold = Modifier::BOLD;
        let bg = self.color(p.bg);
        let base = Style::new().fg(self.text(p.fg, p.bg, key)).bg(bg);
        let dim = base.fg(self.text(p.dim, p.bg, text));
        let accent = base.fg(self.text(p.accent, p.bg, text));
        let level_styles = (0..levels)
            .map(|i| {
                let rgb = p.levels[sample_index(i, levels, p.levels.len() - 1)];
                let fg = self.text(colour::best_text(self.shown(rgb)), rgb, key);
                let s = Style::new().bg(self.color(rgb)).fg(fg);
                if i * 2 >= levels && levels > 1 {
                    s.add_modifier(bold)
                } else {
                    s
                }
            })
            .collect();
        let category_styles = (0..categories)
            .map(|i| {
                let hue = palette::CATEGORY_HUES[i % palette::CATEGORY_HUES.len()];
                base.fg(self.text(hue, p.bg, key))
            })
            .collect();
        let cursor_fg = self.text(p.cursor_fg, p.cursor_bg, key);
        let error_bg = (150, 0, 0);
        let frozen_bg = (240, 228, 66);
        Theme {
            kind,
            base,
            header: accent.add_modifier(bold),
            column_header: base.add_modifier(bold | Modifier::UNDERLINED),
            legend: dim,
            cursor: Style::new()
                .bg(self.color(p.cursor_bg))
                .fg(cursor_fg)
                .add_modifier(bold),
            group: accent.add_modifier(bold),
            dim,
            status: base,
            error: Style::new()
                .fg(self.text((255, 255, 255), error_bg, text))
                .bg(self.color(error_bg))
                .add_modifier(bold),
            frozen: Style::new()
                .fg(self.text((0, 0, 0), frozen_bg, text))
                .bg(self.color(frozen_bg))
                .add_modifier(bold),
            hints: dim,
            hint_key: accent.add_modifier(bold),
            overlay: base,
            flag_major: base.fg(self.text(p.flag, p.bg, text)).add_modifier(bold),
            levels: level_styles,
            marks,
            categories: category_styles,
            cursor_mark: "▶",
            palette: p.palette_name,
        }
    }
}

/// Map `i` of `n` evenly onto 0..=max.
fn sample_index(i: usize, n: usize, max: usize) -> usize {
    if n <= 1 {
        return max;
    }
    ((i.min(n - 1) * max) as f64 / (n - 1) as f64).round() as usize
}

fn to_color(rgb: Rgb, depth: ColorDepth) -> Color {
    match depth {
        ColorDepth::TrueColor => Color::Rgb(rgb.0, rgb.1, rgb.2),
        ColorDepth::Indexed256 => Color::Indexed(colour::nearest_256(rgb)),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn truecolor_when_colorterm_or_windows_terminal_says_so() {
        use ColorDepth::{Indexed256, TrueColor};
        assert_eq!(ColorDepth::from_env(Some("truecolor"), false), TrueColor);
        assert_eq!(ColorDepth::from_env(Some("24BIT"), false), TrueColor);
        assert_eq!(
            ColorDepth::from_env(None, true),
            TrueColor,
            "Windows Terminal"
        );
        assert_eq!(
            ColorDepth::from_env(None, false),
            Indexed256,
            "old console host"
        );
        assert_eq!(ColorDepth::from_env(Some("yes"), false), Indexed256);
    }

    const TRUE: ColorEnv = ColorEnv {
        no_color: false,
        depth: ColorDepth::TrueColor,
    };

    #[test]
    fn no_color_forces_monochrome_without_any_colour() {
        let env = ColorEnv {
            no_color: true,
            depth: ColorDepth::TrueColor,
        };
        let t = Theme::new(Some("dark"), 4, 6, env).unwrap();
        assert_eq!(t.kind, ThemeKind::Monochrome);
        for s in t
            .levels
            .iter()
            .chain(t.categories.iter())
            .chain([&t.cursor, &t.base])
        {
            assert_eq!(s.fg, None);
            assert_eq!(s.bg, None);
        }
        assert!(t.cursor.add_modifier.contains(Modifier::REVERSED));
        assert!(t.levels[3].add_modifier.contains(Modifier::BOLD));
        let looks: std::collections::HashSet<_> = t
            .levels
            .iter()
            .zip(&t.marks)
            .map(|(s, m)| (s.add_modifier, *m))
            .collect();
        assert_eq!(looks.len(), 4, "every level looks different without colour");
    }

    #[test]
    fn scale_interpolates_for_other_sizes_and_text_contrasts() {
        for n in [2, 3, 4, 5, 7] {
            let t = Theme::new(None, n, 1, TRUE).unwrap();
            assert_eq!(t.levels.len(), n);
            for s in &t.levels {
                let (Some(Color::Rgb(br, bg, bb)), Some(Color::Rgb(fr, fg, fb))) = (s.bg, s.fg)
                else {
                    panic!("truecolor expected");
                };
                let ratio = colour::contrast((br, bg, bb), (fr, fg, fb));
                assert!(ratio >= 7.0, "contrast {ratio} at {n} levels");
            }
        }
    }

    #[test]
    fn indexed_colours_without_truecolor() {
        let env = ColorEnv {
            no_color: false,
            depth: ColorDepth::Indexed256,
        };
        let t = Theme::new(Some("light"), 4, 2, env).unwrap();
        assert!(matches!(t.levels[0].bg, Some(Color::Indexed(_))));
        // Level colours are cube entries: the same colour in 256 colours as in truecolor.
        let rgb = Theme::build(ThemeKind::Light, 4, 2, ColorDepth::TrueColor);
        for (a, b) in t.levels.iter().zip(&rgb.levels) {
            let (Some(Color::Indexed(i)), Some(Color::Rgb(r, g, bl))) = (a.bg, b.bg) else {
                panic!("{a:?} {b:?}");
            };
            assert_eq!(colour::indexed_rgb(i), (r, g, bl));
        }
    }

    #[test]
    fn unknown_theme_is_an_error() {
        assert!(Theme::new(Some("neon"), 4, 1, TRUE).is_err());
        for k in ThemeKind::ALL {
            assert_eq!(ThemeKind::parse(k.name()), Some(k));
        }
    }
}
