//! Key handling with synthetic KeyEvents: resolve through the keymap, then apply.

use crate::tui_support::*;
use ratatui::crossterm::event::{KeyCode, KeyEvent, KeyEventKind, KeyModifiers};
use std::collections::BTreeMap;
use termly::tui::view::{Grouping, Row, SortColumn};
use termly::tui::{Action, App, Mode};

fn urn(app: &App) -> u32 {
    app.selected_urn().unwrap()
}

#[test]
fn moves_with_arrows_vim_keys_pages_and_ends() {
    let mut app = app(70);
    draw(&mut app, 80, 24);
    let first = urn(&app);
    press(&mut app, key('j'));
    press(&mut app, code(KeyCode::Down));
    assert_eq!(app.cursor(), 2);
    press(&mut app, key('k'));
    assert_eq!(app.cursor(), 1);
    press(&mut app, code(KeyCode::PageDown));
    assert_eq!(app.cursor(), 1 + app.page());
    press(&mut app, key('G'));
    assert_eq!(app.cursor(), 69);
    press(&mut app, code(KeyCode::Home));
    assert_eq!(urn(&app), first);
    press(&mut app, key('k'));
    assert_eq!(app.cursor(), 0, "stops at the top");
}

#[test]
fn only_presses_count() {
    let mut app = app(10);
    let mut ev = key('j');
    ev.kind = KeyEventKind::Release;
    assert_eq!(app.handle_key(ev), None);
    assert_eq!(app.handle_key(key('j')), Some(Action::Down));
}

#[test]
fn filter_is_live_enter_keeps_escape_clears() {
    let mut app = app(70);
    press(&mut app, key('/'));
    assert_eq!(app.mode(), Mode::Filter);
    type_text(&mut app, "kes");
    assert_eq!(
        app.handle_key(key('q')),
        Some(Action::Input('q')),
        "q is typed, not quit"
    );
    assert!(app.shown() > 0 && app.shown() < 70);
    assert!(app.rows().iter().all(|r| match r {
        Row::School(i) => app.data().schools[*i].name.to_lowercase().contains("kes"),
        _ => true,
    }));
    press(&mut app, code(KeyCode::Backspace));
    press(&mut app, code(KeyCode::Enter));
    assert_eq!(app.mode(), Mode::Grid);
    assert_eq!(app.filters().text, "ke");
    press(&mut app, key('/'));
    press(&mut app, code(KeyCode::Esc));
    assert_eq!(app.filters().text, "");
    assert_eq!(app.shown(), 70);
}

#[test]
fn filter_by_urn_digits() {
    let mut app = app(70);
    press(&mut app, key('/'));
    type_text(&mut app, "100042");
    assert_eq!(app.shown(), 1);
    assert_eq!(urn(&app), 100042);
}

#[test]
fn cursor_stays_on_the_same_school_when_the_view_changes() {
    let mut app = app(70);
    for _ in 0..9 {
        press(&mut app, key('j'));
    }
    let here = urn(&app);
    press(&mut app, key('s'));
    assert_eq!(app.sort().column, SortColumn::Urn);
    assert_eq!(urn(&app), here);
    press(&mut app, key('S'));
    assert!(app.sort().reversed);
    assert_eq!(urn(&app), here);
    press(&mut app, key('v'));
    assert_eq!(app.grouping(), Grouping::Phase);
    assert_eq!(urn(&app), here);
    assert!(matches!(app.rows()[0], Row::Group { .. }));
    press(&mut app, key('<'));
    assert_eq!(app.sort().column, SortColumn::Name);
    assert_eq!(urn(&app), here);
}

#[test]
fn cursor_skips_group_headers() {
    let mut app = app(70);
    press(&mut app, key('v'));
    press(&mut app, key('g'));
    assert!(matches!(app.rows()[app.cursor()], Row::School(_)));
    for _ in 0..80 {
        press(&mut app, key('j'));
        assert!(matches!(app.rows()[app.cursor()], Row::School(_)));
    }
}

#[test]
fn agenda_walk_and_agenda_only() {
    let mut app = app(70);
    let agenda = app.assessment().agenda.clone();
    assert!(agenda.len() > 2);
    press(&mut app, key('n'));
    assert_eq!(app.selected(), Some(agenda[0]));
    press(&mut app, key('n'));
    assert_eq!(app.selected(), Some(agenda[1]));
    press(&mut app, key('p'));
    press(&mut app, key('p'));
    assert_eq!(
        app.selected(),
        Some(*agenda.last().unwrap()),
        "wraps around"
    );
    press(&mut app, key('a'));
    assert_eq!(app.shown(), agenda.len());
    assert_eq!(app.selected(), Some(*agenda.last().unwrap()));
}

#[test]
fn filter_menu_cycles_filters() {
    let mut app = app(70);
    press(&mut app, key('f'));
    assert_eq!(app.mode(), Mode::FilterMenu);
    press(&mut app, key('p'));
    assert_eq!(app.filters().phase, Some(termly::model::Phase::Nursery));
    press(&mut app, key('p'));
    assert_eq!(app.filters().phase, Some(termly::model::Phase::Primary));
    press(&mut app, key('m'));
    assert_eq!(app.filters().maintained, Some(true));
    assert!(app.rows().iter().all(|r| match r {
        Row::School(i) => {
            let s = &app.data().schools[*i];
            s.maintained && s.phase == termly::model::Phase::Primary
        }
        _ => true,
    }));
    press(&mut app, key('c'));
    assert_eq!(app.filters().category.as_deref(), Some("core"));
    press(&mut app, key('l'));
    assert_eq!(app.filters().lama.as_deref(), Some("Adviser One"));
    press(&mut app, key('x'));
    assert!(app.filters().is_empty());
    press(&mut app, code(KeyCode::Esc));
    assert_eq!(app.mode(), Mode::Grid);
}

#[test]
fn freeze_maximise_help_quit() {
    let mut app = app(10);
    press(&mut app, key('F'));
    assert!(app.is_frozen());
    press(&mut app, key('F'));
    assert!(!app.is_frozen());
    press(&mut app, key('z'));
    assert!(app.is_maximised());
    press(&mut app, key('?'));
    assert_eq!(app.mode(), Mode::Help);
    press(&mut app, key('q'));
    assert_eq!(app.mode(), Mode::Grid, "q closes help first");
    assert!(!app.should_quit());
    press(
        &mut app,
        KeyEvent::new(KeyCode::Char('c'), KeyModifiers::CONTROL),
    );
    assert!(app.should_quit());
}

#[test]
fn errors_stay_until_a_key_acknowledges_them() {
    let mut app = app(10);
    app.show_error("could not save");
    assert_eq!(app.handle_key(key('j')), None, "the key only acknowledges");
    assert_eq!(app.status().error, None);
    assert_eq!(app.handle_key(key('j')), Some(Action::Down));
}

#[test]
fn config_keys_override_and_bad_ones_are_refused() {
    let mut cfg = config();
    let mut grid = BTreeMap::new();
    grid.insert("x".to_string(), "freeze".to_string());
    cfg.keys.insert("grid".into(), grid);
    let mut app = App::new(cfg.clone(), dataset(5), None, clock(), hooks()).unwrap();
    press(&mut app, key('x'));
    assert!(app.is_frozen());

    cfg.keys
        .get_mut("grid")
        .unwrap()
        .insert("y".into(), "launch".into());
    let err = App::new(cfg, dataset(5), None, clock(), hooks())
        .err()
        .unwrap()
        .to_string();
    assert!(
        err.contains("launch") && err.contains("unknown action"),
        "{err}"
    );
}

#[test]
fn horizontal_scroll_is_bounded() {
    let mut app = app(5);
    for _ in 0..10 {
        press(&mut app, key('l'));
    }
    assert_eq!(app.h_scroll(), 3);
    for _ in 0..10 {
        press(&mut app, key('h'));
    }
    assert_eq!(app.h_scroll(), 0);
}
