//! Colours and glyphs. Scores use a colour-blind-safe sequential scale (cividis-like),
//! categories the Okabe–Ito qualitative palette, and every score also has a glyph so the
//! meaning survives a washed-out projector, colour blindness and `NO_COLOR`.

use ratatui::style::{Color, Modifier, Style};

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum ThemeKind {
    Dark,
    Light,
    HighContrast,
    Monochrome,
}

impl ThemeKind {
    pub const ALL: [ThemeKind; 4] = [
        ThemeKind::Dark,
        ThemeKind::Light,
        ThemeKind::HighContrast,
        ThemeKind::Monochrome,
    ];

    pub fn parse(name: &str) -> Option<ThemeKind> {
        match name.trim().to_ascii_lowercase().replace('_', "-").as_str() {
            "dark" => Some(ThemeKind::Dark),
            "light" => Some(ThemeKind::Light),
            "high-contrast" | "highcontrast" | "contrast" => Some(ThemeKind::HighContrast),
            "monochrome" | "mono" | "none" => Some(ThemeKind::Monochrome),
            _ => None,
        }
    }

    pub fn name(self) -> &'static str {
        match self {
            ThemeKind::Dark => "dark",
            ThemeKind::Light => "light",
            ThemeKind::HighContrast => "high-contrast",
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
        let truecolor = std::env::var("COLORTERM")
            .map(|v| {
                let v = v.to_ascii_lowercase();
                v == "truecolor" || v == "24bit"
            })
            .unwrap_or(false);
        ColorEnv {
            no_color,
            depth: if truecolor {
                ColorDepth::TrueColor
            } else {
                ColorDepth::Indexed256
            },
        }
    }
}

#[derive(Debug, thiserror::Error, PartialEq, Eq)]
#[error("unknown theme `{0}`: expected dark, light, high-contrast or monochrome")]
pub struct ThemeError(pub String);

/// Everything the widgets need to style themselves.
#[derive(Debug, Clone, PartialEq)]
pub struct Theme {
    pub kind: ThemeKind,
    pub base: Style,
    pub header: Style,
    pub column_header: Style,
    pub legend: Style,
    pub cursor: Style,
    pub group: Style,
    pub dim: Style,
    pub status: Style,
    pub error: Style,
    pub frozen: Style,
    pub hints: Style,
    pub hint_key: Style,
    pub overlay: Style,
    pub flag_major: Style,
    /// One per scale level, lowest first.
    pub levels: Vec<Style>,
    /// One per level: the glyph drawn either side of the number.
    pub glyphs: Vec<char>,
    /// One per configured category (config order).
    pub categories: Vec<Style>,
    /// The marker in the first column of the cursor row.
    pub cursor_mark: &'static str,
}

type Rgb = (u8, u8, u8);

/// cividis anchor points (dark blue → grey → yellow), sampled from the published map.
const CIVIDIS: [Rgb; 5] = [
    (0, 34, 78),
    (65, 77, 107),
    (124, 123, 120),
    (188, 175, 111),
    (253, 231, 55),
];

/// High contrast: black, Okabe–Ito blue, orange, then yellow.
const HIGH_CONTRAST: [Rgb; 4] = [(0, 0, 0), (0, 114, 178), (230, 159, 0), (255, 255, 0)];

/// Okabe–Ito, without black, in an order that keeps neighbouring categories apart.
const OKABE_ITO: [Rgb; 7] = [
    (153, 153, 153),
    (86, 180, 233),
    (0, 158, 115),
    (240, 228, 66),
    (230, 159, 0),
    (213, 94, 0),
    (204, 121, 167),
];

/// Shade glyphs from none to full; four levels use the first four, more levels sample all.
const SHADES: [char; 5] = [' ', '░', '▒', '▓', '█'];

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
        let c = |rgb: Rgb| to_color(rgb, depth);
        let glyphs = (0..levels)
            .map(|i| SHADES[sample_index(i, levels, levels.clamp(2, SHADES.len()) - 1)])
            .collect();
        if kind == ThemeKind::Monochrome {
            let b = Style::new().add_modifier(Modifier::BOLD);
            let levels_styles = (0..levels)
                .map(|i| if i + 1 == levels { b } else { Style::new() })
                .collect();
            return Theme {
                kind,
                base: Style::new(),
                header: b,
                column_header: b.add_modifier(Modifier::UNDERLINED),
                legend: Style::new(),
                cursor: Style::new().add_modifier(Modifier::BOLD | Modifier::REVERSED),
                group: b,
                dim: Style::new(),
                status: Style::new(),
                error: Style::new().add_modifier(Modifier::BOLD | Modifier::REVERSED),
                frozen: Style::new().add_modifier(Modifier::BOLD | Modifier::REVERSED),
                hints: Style::new(),
                hint_key: b,
                overlay: Style::new(),
                flag_major: b,
                levels: levels_styles,
                glyphs,
                categories: vec![Style::new(); categories],
                cursor_mark: "▶",
            };
        }
        let (fg, bg, dim, cursor_bg, accent): (Rgb, Rgb, Rgb, Rgb, Rgb) = match kind {
            ThemeKind::Light => (
                (20, 20, 20),
                (250, 250, 250),
                (90, 90, 90),
                (200, 215, 240),
                (0, 90, 160),
            ),
            ThemeKind::HighContrast => (
                (255, 255, 255),
                (0, 0, 0),
                (220, 220, 220),
                (60, 60, 60),
                (255, 255, 0),
            ),
            _ => (
                (225, 225, 225),
                (18, 18, 24),
                (140, 140, 150),
                (50, 60, 90),
                (86, 180, 233),
            ),
        };
        let anchors: &[Rgb] = if kind == ThemeKind::HighContrast {
            &HIGH_CONTRAST
        } else {
            &CIVIDIS
        };
        let levels_styles = (0..levels)
            .map(|i| {
                let t = if levels == 1 {
                    1.0
                } else {
                    i as f64 / (levels - 1) as f64
                };
                let rgb = interpolate(anchors, t);
                let mut s = Style::new().bg(c(rgb)).fg(c(contrast_text(rgb)));
                if i + 1 == levels {
                    s = s.add_modifier(Modifier::BOLD);
                }
                s
            })
            .collect();
        let base = Style::new().fg(c(fg)).bg(c(bg));
        let category_styles = (0..categories)
            .map(|i| {
                let rgb = OKABE_ITO[i % OKABE_ITO.len()];
                // On a light background yellow vanishes: darken every hue a little.
                let rgb = if kind == ThemeKind::Light {
                    darken(rgb, 0.65)
                } else {
                    rgb
                };
                base.fg(c(rgb))
            })
            .collect();
        let bold = Modifier::BOLD;
        Theme {
            kind,
            base,
            header: base.fg(c(accent)).add_modifier(bold),
            column_header: base.add_modifier(bold | Modifier::UNDERLINED),
            legend: base.fg(c(dim)),
            cursor: Style::new().bg(c(cursor_bg)).fg(c(fg)).add_modifier(bold),
            group: base.fg(c(accent)).add_modifier(bold),
            dim: base.fg(c(dim)),
            status: base,
            error: Style::new()
                .fg(c((255, 255, 255)))
                .bg(c((170, 30, 30)))
                .add_modifier(bold),
            frozen: Style::new()
                .fg(c((0, 0, 0)))
                .bg(c((240, 228, 66)))
                .add_modifier(bold),
            hints: base.fg(c(dim)),
            hint_key: base.fg(c(accent)).add_modifier(bold),
            overlay: base,
            flag_major: base.fg(c((213, 94, 0))).add_modifier(bold),
            levels: levels_styles,
            glyphs,
            categories: category_styles,
            cursor_mark: "▶",
        }
    }

    /// Style and glyph for a score, `level` counted from 0 at the scale minimum.
    pub fn level(&self, level: usize) -> (Style, char) {
        let i = level.min(self.levels.len() - 1);
        (self.levels[i], self.glyphs[i])
    }

    /// Style for a position on a scale of `n` steps (composite bands map onto score levels).
    pub fn scaled(&self, index: usize, n: usize) -> (Style, char) {
        self.level(sample_index(index, n, self.levels.len() - 1))
    }

    pub fn category(&self, index: Option<usize>) -> Style {
        index
            .and_then(|i| self.categories.get(i).copied())
            .unwrap_or(self.base)
    }
}

/// Map `i` of `n` evenly onto 0..=max.
fn sample_index(i: usize, n: usize, max: usize) -> usize {
    if n <= 1 {
        return max;
    }
    ((i.min(n - 1) * max) as f64 / (n - 1) as f64).round() as usize
}

fn interpolate(anchors: &[Rgb], t: f64) -> Rgb {
    let t = t.clamp(0.0, 1.0) * (anchors.len() - 1) as f64;
    let i = (t.floor() as usize).min(anchors.len() - 2);
    let f = t - i as f64;
    let (a, b) = (anchors[i], anchors[i + 1]);
    let mix = |x: u8, y: u8| (x as f64 + (y as f64 - x as f64) * f).round() as u8;
    (mix(a.0, b.0), mix(a.1, b.1), mix(a.2, b.2))
}

fn darken(rgb: Rgb, f: f64) -> Rgb {
    let m = |x: u8| (x as f64 * f).round() as u8;
    (m(rgb.0), m(rgb.1), m(rgb.2))
}

/// WCAG relative luminance.
pub fn luminance(rgb: Rgb) -> f64 {
    let lin = |c: u8| {
        let c = c as f64 / 255.0;
        if c <= 0.03928 {
            c / 12.92
        } else {
            ((c + 0.055) / 1.055).powf(2.4)
        }
    };
    0.2126 * lin(rgb.0) + 0.7152 * lin(rgb.1) + 0.0722 * lin(rgb.2)
}

/// Black or white text, whichever contrasts more with the background.
pub fn contrast_text(bg: Rgb) -> Rgb {
    let l = luminance(bg);
    // Contrast ratio against white is 1.05/(l+0.05), against black (l+0.05)/0.05.
    if (l + 0.05) / 0.05 >= 1.05 / (l + 0.05) {
        (0, 0, 0)
    } else {
        (255, 255, 255)
    }
}

fn to_color(rgb: Rgb, depth: ColorDepth) -> Color {
    match depth {
        ColorDepth::TrueColor => Color::Rgb(rgb.0, rgb.1, rgb.2),
        ColorDepth::Indexed256 => Color::Indexed(nearest_256(rgb)),
    }
}

/// The nearest xterm-256 colour: the 6×6×6 cube or the grey ramp, whichever is closer.
pub fn nearest_256(rgb: Rgb) -> u8 {
    const STEPS: [u8; 6] = [0, 95, 135, 175, 215, 255];
    let nearest_step = |v: u8| {
        (0..6)
            .min_by_key(|&i| (STEPS[i] as i32 - v as i32).abs())
            .unwrap_or(0)
    };
    let (r, g, b) = (
        nearest_step(rgb.0),
        nearest_step(rgb.1),
        nearest_step(rgb.2),
    );
    let cube = (STEPS[r], STEPS[g], STEPS[b]);
    let avg = (rgb.0 as u32 + rgb.1 as u32 + rgb.2 as u32) / 3;
    let grey_i = ((avg.saturating_sub(8)) / 10).min(23) as u8;
    let grey_v = 8 + 10 * grey_i;
    let dist = |c: Rgb| {
        let d = |x: u8, y: u8| (x as i32 - y as i32).pow(2);
        d(c.0, rgb.0) + d(c.1, rgb.1) + d(c.2, rgb.2)
    };
    if dist((grey_v, grey_v, grey_v)) < dist(cube) {
        232 + grey_i
    } else {
        16 + 36 * r as u8 + 6 * g as u8 + b as u8
    }
}

#[cfg(test)]
mod tests {
    use super::*;

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
        let glyphs: std::collections::HashSet<_> = t.glyphs.iter().collect();
        assert_eq!(glyphs.len(), 4, "every level has its own glyph");
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
                let (lb, lf) = (luminance((br, bg, bb)), luminance((fr, fg, fb)));
                let ratio = (lb.max(lf) + 0.05) / (lb.min(lf) + 0.05);
                assert!(ratio >= 4.5, "contrast {ratio} at {n} levels");
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
        assert_eq!(nearest_256((0, 0, 0)), 16);
        assert_eq!(nearest_256((255, 255, 255)), 231);
        assert_eq!(nearest_256((128, 128, 128)), 244);
    }

    #[test]
    fn unknown_theme_is_an_error() {
        assert!(Theme::new(Some("neon"), 4, 1, TRUE).is_err());
        for k in ThemeKind::ALL {
            assert_eq!(ThemeKind::parse(k.name()), Some(k));
        }
    }
}
