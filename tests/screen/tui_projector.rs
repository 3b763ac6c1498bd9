//! The screen as a projector shows it, for every theme in truecolor and in 256 colours.
//! Every visible character's contrast is read from the rendered buffer's styles (see
//! `projector_measure` for how terminal colours map to RGB): the main view with the cursor
//! on every row of the bundled fixtures at 80×24 and 120×35, the detail pane, each form,
//! the filter menu and the help. Adjacent score levels are compared with CIEDE2000 for
//! normal vision and under protanopia, deuteranopia and tritanopia.

use crate::common::files::imported_store;
use crate::projector_measure::{min_contrast, min_level_delta_e, Worst};
use crate::tui_support::{self, code, key, press};
use ratatui::buffer::Buffer;
use ratatui::crossterm::event::{KeyCode, KeyEvent, KeyModifiers};
use ratatui::layout::Rect;
use std::path::Path;
use termly::colour::{Deficiency, PROJECTOR_FLARE};
use termly::config::Config;
use termly::tui::grid_layout::ColKind;
use termly::tui::theme::{ColorDepth, Theme, ThemeKind};
use termly::tui::App;

const DEPTHS: [ColorDepth; 2] = [ColorDepth::TrueColor, ColorDepth::Indexed256];

/// The bundled fictional borough (`fixtures/`), imported into a temp database.
fn fixtures_app(kind: ThemeKind, depth: ColorDepth) -> (tempfile::TempDir, App) {
    let dir = tempfile::tempdir().unwrap();
    let mut config = Config::default_with_base(Path::new("config")).unwrap();
    config.data.database = dir.path().join("termly.db");
    config.backup.folder = dir.path().join("backups");
    let store = imported_store(&config);
    let theme = Theme::build(
        kind,
        config.scale.labels.len(),
        config.categories.len(),
        depth,
    );
    let app = tui_support::store_app(config, store).with_theme(theme);
    (dir, app)
}

fn draw(app: &mut App, w: u16, h: u16) -> Buffer {
    let area = Rect::new(0, 0, w, h);
    app.set_screen(area);
    let mut buf = Buffer::empty(area);
    termly::tui::ui::render_buffer(app, area, &mut buf);
    buf
}

/// The lowest contrast of all text, and of school names, scores and suggestions, over
/// one screen.
#[derive(Debug)]
struct Scores {
    all: Worst,
    key_text: Worst,
}

fn measure(app: &App, buf: &Buffer, flare: f64, label: &str) -> Scores {
    let all = min_contrast(buf, flare, label, |_, _| true);
    let grid = termly::tui::ui::areas(app, buf.area).grid;
    let layout = app.grid_view().layout(grid.width);
    let key_cols: Vec<(u16, u16)> = layout
        .cols
        .iter()
        .filter(|c| matches!(c.kind, ColKind::Name | ColKind::Team(_) | ColKind::Suggest))
        .map(|c| (grid.x + c.x, grid.x + c.x + c.w))
        .collect();
    let key_text = min_contrast(buf, flare, label, |x, y| {
        y > grid.y && y < grid.bottom() && key_cols.iter().any(|&(a, b)| x >= a && x < b)
    });
    Scores { all, key_text }
}

/// Every screen the meeting shows, measured: a running minimum.
fn screens(kind: ThemeKind, depth: ColorDepth, flare: f64) -> Scores {
    let mut s = Scores {
        all: Worst::none(),
        key_text: Worst::none(),
    };
    let mut take = |app: &App, buf: &Buffer, label: &str| {
        let m = measure(app, buf, flare, label);
        s.all.take(m.all);
        s.key_text.take(m.key_text);
    };
    let (_dir, mut app) = fixtures_app(kind, depth);
    for (w, h) in [(80, 24), (120, 35)] {
        press(&mut app, key('g'));
        for row in 0..app.rows().len() {
            let buf = draw(&mut app, w, h);
            take(&app, &buf, &format!("grid {w}×{h} row {row}"));
            press(&mut app, key('j'));
        }
    }
    press(&mut app, key('g'));
    for row in 0..app.rows().len() {
        press(&mut app, code(KeyCode::Enter));
        let buf = draw(&mut app, 100, 30);
        take(&app, &buf, &format!("detail row {row}"));
        press(&mut app, code(KeyCode::Esc));
        press(&mut app, key('j'));
    }
    // A confidential comment on show: the status line's notice.
    press(&mut app, code(KeyCode::Enter));
    press(&mut app, key('R'));
    let buf = draw(&mut app, 100, 30);
    take(&app, &buf, "revealed");
    press(&mut app, code(KeyCode::Esc));
    for k in ['?', 'f'] {
        press(&mut app, key(k));
        let buf = draw(&mut app, 100, 30);
        take(&app, &buf, &format!("overlay {k}"));
        press(&mut app, code(KeyCode::Esc));
    }
    press(&mut app, key('/'));
    press(&mut app, key('a'));
    let buf = draw(&mut app, 80, 24);
    take(&app, &buf, "filter typing");
    press(&mut app, code(KeyCode::Esc));
    forms(&mut app, &mut take);
    s
}

/// Each decision form and prompt, step by step.
fn forms(app: &mut App, take: &mut impl FnMut(&App, &Buffer, &str)) {
    let mut shot = |app: &mut App, label: &str| {
        let buf = draw(app, 80, 24);
        take(app, &buf, label);
    };
    let ctrl_s = KeyEvent::new(KeyCode::Char('s'), KeyModifiers::CONTROL);
    press(app, key('c'));
    shot(app, "start prompt");
    press(app, code(KeyCode::Esc));
    app.start_meeting(Some("A. Chair"), &[]);
    press(app, key('g'));
    press(app, key('c'));
    shot(app, "recategorise pick");
    press(app, code(KeyCode::Enter));
    shot(app, "recategorise details (empty)");
    press(app, ctrl_s);
    shot(app, "recategorise details (rationale required)");
    for c in "Rationale".chars() {
        press(app, key(c));
    }
    press(app, ctrl_s);
    shot(app, "recategorise confirm");
    for _ in 0..4 {
        press(app, code(KeyCode::Esc));
    }
    for k in ['x', 'd', 'N', 'A'] {
        press(app, key(k));
        shot(app, &format!("form {k}"));
        press(app, code(KeyCode::Esc));
        press(app, code(KeyCode::Esc));
    }
    press(app, key('x'));
    press(app, code(KeyCode::Enter));
    shot(app, "saved");
    press(app, key('u'));
    shot(app, "undo");
    press(app, code(KeyCode::Esc));
    press(app, code(KeyCode::Esc));
    press(app, key('C'));
    shot(app, "close meeting confirm");
    press(app, code(KeyCode::Esc));
}

fn depth_name(d: ColorDepth) -> &'static str {
    match d {
        ColorDepth::TrueColor => "truecolor",
        ColorDepth::Indexed256 => "256",
    }
}

fn level_theme(kind: ThemeKind, depth: ColorDepth) -> Theme {
    let c = tui_support::config();
    Theme::build(kind, c.scale.labels.len(), c.categories.len(), depth)
}

const TEXT_FLOOR: f64 = 4.5;
const KEY_FLOOR: f64 = 7.0;
const LEVEL_DELTA_E: f64 = 15.0;

#[test]
fn every_theme_meets_the_contrast_floors_on_every_screen() {
    for kind in ThemeKind::ALL {
        for depth in DEPTHS {
            let s = screens(kind, depth, 0.0);
            let name = format!("{} / {}", kind.name(), depth_name(depth));
            // The figures for the README and closing notes (`-- --nocapture` shows them).
            println!(
                "{name}: text {:.2}, names·scores·suggestion {:.2}",
                s.all.ratio, s.key_text.ratio
            );
            assert!(
                s.all.ratio >= TEXT_FLOOR,
                "{name}: {:.2} at {}",
                s.all.ratio,
                s.all.at
            );
            assert!(
                s.key_text.ratio >= KEY_FLOOR,
                "{name}: names, scores, suggestions {:.2} at {}",
                s.key_text.ratio,
                s.key_text.at
            );
        }
    }
}

#[test]
fn high_contrast_survives_projector_flare() {
    // Every theme is measured for the README's table; only high-contrast must pass.
    for kind in ThemeKind::ALL {
        for depth in DEPTHS {
            let s = screens(kind, depth, PROJECTOR_FLARE);
            println!(
                "{} / {}: text {:.2} with 5 % flare",
                kind.name(),
                depth_name(depth),
                s.all.ratio
            );
            if kind == ThemeKind::HighContrast {
                assert!(
                    s.all.ratio >= TEXT_FLOOR,
                    "{}: {:.2} with flare at {}",
                    depth_name(depth),
                    s.all.ratio,
                    s.all.at
                );
            }
        }
    }
}

#[test]
fn adjacent_levels_differ_for_every_vision_in_every_colour_theme() {
    for kind in ThemeKind::ALL {
        for depth in DEPTHS {
            let theme = level_theme(kind, depth);
            for vision in std::iter::once(None).chain(Deficiency::ALL.map(Some)) {
                let Some((de, i)) = min_level_delta_e(&theme, vision) else {
                    println!("{} / {}: no colours", kind.name(), depth_name(depth));
                    assert_eq!(
                        kind,
                        ThemeKind::Monochrome,
                        "only monochrome has no colours"
                    );
                    continue;
                };
                println!(
                    "{} / {} / {vision:?}: min ΔE00 {de:.1} (levels {}–{})",
                    kind.name(),
                    depth_name(depth),
                    i + 1,
                    i + 2
                );
                assert!(
                    de >= LEVEL_DELTA_E,
                    "{} / {} / {:?}: levels {}–{} ΔE00 {de:.1}",
                    kind.name(),
                    depth_name(depth),
                    vision,
                    i + 1,
                    i + 2
                );
            }
        }
    }
}

#[test]
fn the_default_theme_scores_best_on_the_level_checks() {
    let worst = |kind| {
        DEPTHS
            .iter()
            .flat_map(|&d| {
                let theme = level_theme(kind, d);
                std::iter::once(None)
                    .chain(Deficiency::ALL.map(Some))
                    .filter_map(move |v| min_level_delta_e(&theme, v).map(|x| x.0))
            })
            .fold(f64::INFINITY, f64::min)
    };
    let default = worst(ThemeKind::Dark);
    for kind in ThemeKind::ALL
        .into_iter()
        .filter(|&k| k != ThemeKind::Monochrome)
    {
        assert!(worst(kind) <= default, "{} beats the default", kind.name());
    }
}

/// The grid with its styles, at the sizes a large projector font gives.
#[test]
fn grid_snapshots_with_styles() {
    let (_dir, mut app) = fixtures_app(ThemeKind::Dark, ColorDepth::TrueColor);
    // Dunlin Hill: a major flag, a raised suggestion and a worsening trend on the cursor.
    to_dunlin_hill(&mut app);
    for (w, h) in [(80, 24), (120, 35)] {
        let buf = draw(&mut app, w, h);
        let text = tui_support::text(&buf);
        insta::assert_snapshot!(format!("projector_grid_{w}x{h}_text"), text);
        insta::assert_snapshot!(
            format!("projector_grid_{w}x{h}_styles"),
            tui_support::styles(&buf)
        );
    }
}

fn to_dunlin_hill(app: &mut App) {
    press(app, key('g'));
    while app
        .selected()
        .is_some_and(|i| !app.data().schools[i].name.starts_with("Dunlin Hill"))
    {
        press(app, key('j'));
    }
}

/// From 80 to 120 columns nothing is lost silently: the legend wraps whole words, hidden
/// columns are announced and reachable, and the cursor row's flags are always on screen.
#[test]
fn narrow_projector_widths_lose_nothing_silently() {
    let (_dir, mut app) = fixtures_app(ThemeKind::Dark, ColorDepth::TrueColor);
    to_dunlin_hill(&mut app);
    for w in 80..=120 {
        let buf = draw(&mut app, w, 24);
        let t = tui_support::text(&buf);
        let lines: Vec<&str> = t.lines().collect();
        let legend = format!("{}\n{}", lines[1], lines[2]);
        assert!(!legend.contains('…'), "legend cut at {w}:\n{legend}");
        assert!(legend.contains("[4] severe"), "{legend}");
        let all_words = termly::tui::marks::LEGEND
            .iter()
            .all(|i| legend.contains(&format!("{} ", i.symbol)));
        assert!(
            all_words || legend.contains("? all symbols"),
            "{w}: {legend}"
        );
        let status = lines[22];
        if !lines[3].contains("Flags") {
            assert!(status.contains("Flags →"), "{w}: {status}");
        }
        let row = lines.iter().find(|l| l.starts_with('▶')).unwrap();
        assert!(
            row.contains("!! Balance -5.1%") || status.contains("!! Balance -5.1%"),
            "{w}: flags not on screen:\n{t}"
        );
        let hints = lines[23];
        assert!(hints.trim_end().ends_with("? help"), "{w}: {hints}");
    }
    // At 80 columns the Type and Flags columns are announced, and → brings them in.
    let t = tui_support::text(&draw(&mut app, 80, 24));
    assert!(t.contains("+ Type, Flags →"), "{t}");
    press(&mut app, key('l'));
    let t = tui_support::text(&draw(&mut app, 80, 24));
    let header = t.lines().nth(3).unwrap();
    assert!(header.contains("Type") && header.contains("Flags"), "{t}");
    let row = t.lines().find(|l| l.starts_with('▶')).unwrap();
    assert!(row.contains("!! Balance"), "{row}");
    assert!(
        t.lines().nth(22).unwrap().contains("!! Balance -5.1%"),
        "{t}"
    );
    press(&mut app, key('h'));
    let t = tui_support::text(&draw(&mut app, 80, 24));
    assert!(t.contains("+ Type, Flags →"), "back again:\n{t}");
}
