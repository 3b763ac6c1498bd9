//! Confidential comments and indicators on the screen, inside the App on the bundled
//! fixtures: hidden behind "press R", revealed for the current school only, named on the
//! status line while shown, and listed in the help from the keymap.

use crate::common::files::imported_store;
use crate::tui_support::{self, code, key, press, text, type_text};
use ratatui::buffer::Buffer;
use ratatui::crossterm::event::KeyCode;
use ratatui::layout::Rect;
use std::path::Path;
use termly::config::Config;
use termly::tui::App;

const HIDDEN: &str = "confidential — press R to reveal";

fn app(indicators: &[&str]) -> (tempfile::TempDir, App) {
    let dir = tempfile::tempdir().unwrap();
    let mut config = Config::default_with_base(Path::new("config")).unwrap();
    config.data.database = dir.path().join("termly.db");
    config.confidential.indicators = indicators.iter().map(|s| s.to_string()).collect();
    let store = imported_store(&config);
    (dir, tui_support::store_app(config, store))
}

fn screen(app: &mut App) -> String {
    let area = Rect::new(0, 0, 120, 40);
    app.set_screen(area);
    let mut buf = Buffer::empty(area);
    termly::tui::ui::render_buffer(app, area, &mut buf);
    text(&buf)
}

/// The detail pane on a school, by URN, as a user gets there.
fn open(app: &mut App, urn: u32) {
    press(app, key('/'));
    type_text(app, &urn.to_string());
    press(app, code(KeyCode::Enter));
    press(app, key('/'));
    for _ in 0..6 {
        press(app, code(KeyCode::Backspace));
    }
    press(app, code(KeyCode::Enter));
    assert_eq!(app.selected_urn(), Some(urn));
    press(app, code(KeyCode::Enter));
}

#[test]
fn hr_comment_is_hidden_until_r_and_only_for_that_school() {
    let (_dir, mut app) = app(&[]);
    open(&mut app, 100007);
    let s = screen(&mut app);
    assert!(s.contains(HIDDEN) && !s.contains("sick leave"), "{s}");
    assert!(s.contains("“"), "other teams' comments still show:\n{s}");

    press(&mut app, key('R'));
    let s = screen(&mut app);
    assert!(s.contains("Head on sick leave since October"), "{s}");
    assert!(s.contains("confidential comments shown for"), "{s}");

    press(&mut app, key('J'));
    let s = screen(&mut app);
    assert!(
        !s.contains("sick leave") && !s.contains("confidential comments shown"),
        "{s}"
    );
    press(&mut app, key('K'));
    let s = screen(&mut app);
    assert!(s.contains(HIDDEN) && !s.contains("sick leave"), "{s}");

    // R again hides at once.
    press(&mut app, key('R'));
    press(&mut app, key('R'));
    assert!(!screen(&mut app).contains("sick leave"));
}

#[test]
fn confidential_indicators_hide_their_values_in_flags_and_the_detail_pane() {
    let (_dir, mut app) = app(&["balance_pct"]);
    open(&mut app, 100103);
    let s = screen(&mut app);
    assert!(!s.contains("-5.1"), "{s}");
    assert!(
        s.contains("balance_pct confidential — press R to reveal"),
        "{s}"
    );
    assert!(
        s.contains("Balance (confidential)"),
        "the flag keeps its level:\n{s}"
    );
    press(&mut app, key('R'));
    let s = screen(&mut app);
    assert!(s.contains("balance_pct -5.1"), "{s}");
}

#[test]
fn the_reveal_key_comes_from_the_keymap_and_is_in_the_help() {
    let (_dir, app) = app(&[]);
    let help: Vec<String> = termly::tui::help::help_lines(app.keymap())
        .into_iter()
        .map(|(_, l)| l)
        .collect();
    assert!(
        help.iter()
            .any(|l| l.contains('R') && l.contains("confidential")),
        "{help:#?}"
    );
}
