//! No panic from any terminal size: the screen, the detail pane, every form, prompt and
//! popup drawn through a ratatui Terminal on a TestBackend resized from 1×1 up to 400×120,
//! as the event loop does (set_screen, then draw), plus a seeded random walk of keys and
//! sizes. Typed text in an open form survives the whole sweep.

use crate::common::files::imported_borough;
use crate::tui_support::{code, key, press, type_text};
use rand::{rngs::SmallRng, Rng, SeedableRng};
use ratatui::backend::TestBackend;
use ratatui::crossterm::event::{Event, KeyCode, KeyEvent, KeyModifiers};
use ratatui::layout::Rect;
use ratatui::Terminal;
use termly::store::Store;
use termly::tui::event_loop::step;
use termly::tui::App;

const WIDTHS: [u16; 19] = [
    1, 2, 3, 4, 5, 8, 10, 15, 20, 30, 40, 60, 80, 100, 120, 160, 200, 300, 400,
];
const HEIGHTS: [u16; 15] = [1, 2, 3, 4, 5, 6, 8, 10, 12, 16, 24, 30, 40, 60, 120];

/// An App on an imported copy of tests/data/good with the real policy.
fn open_app(chair: Option<&str>) -> (tempfile::TempDir, App) {
    let (dir, config, db) = imported_borough();
    let store = Store::open(&db).unwrap();
    let mut app = crate::tui_support::store_app(config, store);
    app.start_meeting(chair, &[]);
    // Opening a meeting asks first: one `y`.
    if chair.is_some() && app.popup().is_some() {
        crate::tui_support::press(&mut app, crate::tui_support::key('y'));
    }
    (dir, app)
}

/// One frame at w×h, as the event loop draws it.
fn frame(terminal: &mut Terminal<TestBackend>, app: &mut App, w: u16, h: u16) {
    terminal.backend_mut().resize(w, h);
    let size = terminal.size().unwrap();
    app.set_screen(Rect::new(0, 0, size.width, size.height));
    terminal
        .draw(|f| termly::tui::ui::render(app, f))
        .unwrap_or_else(|e| panic!("draw at {w}×{h}: {e}"));
}

fn sweep(terminal: &mut Terminal<TestBackend>, app: &mut App) {
    for &w in &WIDTHS {
        for &h in &HEIGHTS {
            frame(terminal, app, w, h);
        }
    }
}

fn screen_text(terminal: &Terminal<TestBackend>) -> String {
    crate::tui_support::text(terminal.backend().buffer())
}

#[test]
fn every_view_and_form_draws_at_every_size() {
    let mut t = Terminal::new(TestBackend::new(80, 24)).unwrap();
    // (keys to reach the state from the grid, text typed into it that must survive)
    let states: [(&[KeyEvent], Option<&str>); 9] = [
        (&[], None),
        (&[key('?')], None),
        (&[key('/')], Some("Beck")),
        (&[code(KeyCode::Enter)], None),
        (&[key('x')], Some("Stable and well led")),
        (&[key('d')], Some("Waiting for the new head")),
        (&[key('N')], Some("Governors to review")),
        (&[key('c')], None),
        (
            &[key('c'), key('5'), code(KeyCode::Enter)],
            Some("Falling attendance"),
        ),
    ];
    for (keys, typed) in states {
        // A fresh screen for each, so one state's keys cannot leak into the next.
        let (_dir, mut app) = open_app(Some("A. Chair"));
        for k in keys {
            press(&mut app, *k);
        }
        if let Some(s) = typed {
            type_text(&mut app, s);
        }
        let before = app.popup().is_some();
        sweep(&mut t, &mut app);
        assert_eq!(
            app.popup().is_some(),
            before,
            "{keys:?}: a resize closed the popup"
        );
        if let Some(s) = typed {
            frame(&mut t, &mut app, 120, 40);
            let shown = screen_text(&t);
            assert!(shown.contains(s), "{s:?} lost in a resize:\n{shown}");
        }
    }
    // The start-of-meeting prompt (no chair given).
    let (_dir, mut app) = open_app(None);
    assert!(app.popup().is_some(), "the chair prompt is open");
    type_text(&mut app, "A. Chair");
    sweep(&mut t, &mut app);
    frame(&mut t, &mut app, 120, 40);
    assert!(screen_text(&t).contains("A. Chair"));
}

#[test]
fn random_keys_and_sizes_never_panic() {
    let (_dir, mut app) = open_app(Some("A. Chair"));
    let mut t = Terminal::new(TestBackend::new(80, 24)).unwrap();
    let keys: Vec<KeyEvent> = "jkhlxcdN?/gGnpaAFq 12345"
        .chars()
        .map(key)
        .chain(
            [
                KeyCode::Enter,
                KeyCode::Esc,
                KeyCode::Tab,
                KeyCode::BackTab,
                KeyCode::Backspace,
                KeyCode::Up,
                KeyCode::Down,
                KeyCode::Left,
                KeyCode::Right,
                KeyCode::PageDown,
                KeyCode::PageUp,
            ]
            .map(code),
        )
        .chain([KeyEvent::new(KeyCode::Char('s'), KeyModifiers::CONTROL)])
        .collect();
    let mut rng = SmallRng::seed_from_u64(7);
    for _ in 0..1500 {
        let k = keys[rng.random_range(0..keys.len())];
        // `q` would end the loop: keep going, as after a resize nothing should quit.
        step(&mut app, Event::Key(k));
        app.keep_running();
        if rng.random_bool(0.3) {
            let w = rng.random_range(1..=400);
            let h = rng.random_range(1..=120);
            frame(&mut t, &mut app, w, h);
        }
    }
    sweep(&mut t, &mut app);
}
