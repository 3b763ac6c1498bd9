//! Snapshots of the meeting screen: text at 80×24 and 160×45, and the styles of every cell
//! (run-length per row) for each theme, sorted, filtered and grouped.

use crate::tui_support::*;
use ratatui::crossterm::event::KeyCode;
use termly::tui::ThemeKind;

#[test]
fn grid_text_80x24() {
    let mut app = app(70);
    insta::assert_snapshot!("grid_80x24", text(&draw(&mut app, 80, 24)));
}

#[test]
fn grid_text_160x45() {
    let mut app = app(70);
    insta::assert_snapshot!("grid_160x45", text(&draw(&mut app, 160, 45)));
}

#[test]
fn styles_for_each_theme() {
    for kind in ThemeKind::ALL {
        let mut app = app(30).with_theme(theme(kind));
        press(&mut app, key('j'));
        let buf = draw(&mut app, 80, 24);
        insta::assert_snapshot!(format!("styles_{}", kind.name()), styles(&buf));
    }
}

#[test]
fn sorted_by_composite() {
    let mut app = app(70);
    // name → URN → phase → type → Ofsted → category → 4 teams → composite
    for _ in 0..10 {
        press(&mut app, key('s'));
    }
    let buf = draw(&mut app, 80, 24);
    let t = text(&buf);
    assert!(t.contains("Σ▼"), "{t}");
    insta::assert_snapshot!("sorted_composite_text", t);
    insta::assert_snapshot!("sorted_composite_styles", styles(&buf));
}

#[test]
fn filtered_by_typing() {
    let mut app = app(70);
    press(&mut app, key('/'));
    type_text(&mut app, "bram");
    let buf = draw(&mut app, 80, 24);
    insta::assert_snapshot!("filter_typing_text", text(&buf));
    press(&mut app, code(KeyCode::Enter));
    insta::assert_snapshot!("filter_kept_styles", styles(&draw(&mut app, 80, 24)));
}

#[test]
fn grouped_by_phase() {
    let mut app = app(70);
    press(&mut app, key('v'));
    let buf = draw(&mut app, 160, 45);
    let t = text(&buf);
    assert!(t.contains("── Primary (35) "), "{t}");
    insta::assert_snapshot!("grouped_phase_text", t);
    insta::assert_snapshot!("grouped_phase_styles", styles(&buf));
}

#[test]
fn monochrome_has_no_colour_and_marks_the_cursor() {
    let mut app = app(20).with_theme(theme(ThemeKind::Monochrome));
    let buf = draw(&mut app, 100, 30);
    for cell in buf.content() {
        assert_eq!(cell.fg, ratatui::style::Color::Reset);
        assert_eq!(cell.bg, ratatui::style::Color::Reset);
    }
    let t = text(&buf);
    let cursor_line = t
        .lines()
        .find(|l| l.starts_with('▶'))
        .expect("cursor marked with ▶");
    assert!(cursor_line.contains("Alder"), "{cursor_line}");
    // Levels stay distinguishable without colour: the upper half is bracketed, and each
    // level has its own weight, underline or reverse video.
    for mark in ["[3]", "[4]"] {
        assert!(t.contains(mark), "{mark} missing");
    }
    let looks: std::collections::HashSet<_> = (0..4)
        .map(|i| app.theme().level(i))
        .map(|(s, m)| (s.add_modifier, m))
        .collect();
    assert_eq!(looks.len(), 4);
}

#[test]
fn overlays_render() {
    let mut app = app(70);
    press(&mut app, key('?'));
    let t = text(&draw(&mut app, 100, 40));
    assert!(
        t.contains("Help") && t.contains("freeze / resume live updates"),
        "{t}"
    );
    press(&mut app, code(KeyCode::Esc));
    press(&mut app, key('f'));
    let t = text(&draw(&mut app, 100, 40));
    assert!(t.contains("p  phase: all"), "{t}");
    insta::assert_snapshot!("filter_menu", t);
}

#[test]
fn tiny_and_huge_sizes_never_panic() {
    for (w, h) in [
        (1, 1),
        (2, 2),
        (10, 3),
        (20, 5),
        (40, 10),
        (80, 24),
        (300, 80),
    ] {
        for setup in 0..4 {
            let mut app = app(70);
            match setup {
                1 => press(&mut app, key('?')),
                2 => press(&mut app, key('f')),
                3 => {
                    press(&mut app, key('v'));
                    press(&mut app, key('/'));
                    type_text(&mut app, "al");
                }
                _ => {}
            }
            let buf = draw(&mut app, w, h);
            assert_eq!(buf.area.width, w);
        }
    }
}

#[test]
fn long_names_are_truncated_not_wrapped() {
    let mut app = app(70);
    let t = text(&draw(&mut app, 80, 24));
    assert!(t.lines().any(|l| l.contains('…')), "{t}");
    assert!(t.lines().all(|l| l.chars().count() <= 80));
}

#[test]
fn narrow_screens_scroll_team_columns() {
    let mut app = app(10);
    let t = text(&draw(&mut app, 40, 12));
    let header = t
        .lines()
        .find(|l| l.contains("School"))
        .unwrap()
        .to_string();
    assert!(header.contains("Fin"), "{header}");
    press(&mut app, key('l'));
    press(&mut app, key('l'));
    let t = text(&draw(&mut app, 40, 12));
    let header = t.lines().find(|l| l.contains("School")).unwrap();
    assert!(header.contains('‹') && !header.contains("Fin"), "{header}");
}
