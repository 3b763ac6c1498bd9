//! Matters arising counts what is on the list now: marking an action done, carrying one
//! forward and dropping one each move the heading's "to review" and "overdue" at once, on
//! the screen drawn into a test buffer.

use crate::common::cli::run_ok;
use crate::common::files::{copy_dir, imported_borough};
use crate::tui_support::{code, key, press, text, type_text};
use chrono::NaiveDate;
use ratatui::buffer::Buffer;
use ratatui::crossterm::event::KeyCode;
use ratatui::layout::Rect;
use termly::actions::ActionStatus;
use termly::clock::FakeClock;
use termly::store::Store;
use termly::term::{Season, Term};
use termly::tui::{App, Mode};

fn screen(app: &mut App) -> String {
    let area = Rect::new(0, 0, 160, 45);
    app.set_screen(area);
    let mut buf = Buffer::empty(area);
    termly::tui::ui::render_buffer(app, area, &mut buf);
    text(&buf)
}

/// The heading line of the matters arising list.
fn heading(app: &mut App) -> String {
    let shown = screen(app);
    shown
        .lines()
        .find(|l| l.contains("Matters arising ·"))
        .unwrap_or_else(|| panic!("{shown}"))
        .to_string()
}

/// Open actions past their due date, as the database has them now.
fn overdue_in_store(store: &Store, today: NaiveDate) -> usize {
    store
        .actions()
        .unwrap()
        .iter()
        .filter(|a| a.is_overdue(today))
        .count()
}

/// Answer the prompt a matters-arising key opens: `words` in its one field, then Enter to
/// the review and Enter to record.
fn answer(app: &mut App, words: &str) {
    type_text(app, words);
    press(app, code(KeyCode::Enter));
    press(app, code(KeyCode::Enter));
    assert!(app.popup().is_none(), "{:?}", app.status());
}

#[test]
fn marking_actions_moves_the_counts_at_once() {
    let (dir, config, db) = imported_borough();
    let d = dir.path();
    // Meeting 1 (autumn) sets four actions due 11 December, and closes.
    let run = |args: &[&str]| run_ok(d, args);
    run(&[
        "decide",
        "--term",
        "2026-27 autumn",
        "--chair",
        "A. Chair",
        "--urn",
        "900003",
        "--kind",
        "note",
        "--actions",
        "Attendance visit\nReport to governors\nCheck the register\nMeet the SENCo",
        "--owner",
        "EWO lead",
        "--due",
        "2026-12-11",
    ]);
    run(&["decide", "--term", "2026-27 autumn", "--close-meeting"]);
    copy_dir(
        &d.join("scores/2026-27-autumn"),
        &d.join("scores/2026-27-spring"),
    );
    run(&["import"]);

    // Meeting 2 (spring) on 20 January opens on matters arising.
    let today = NaiveDate::from_ymd_opt(2027, 1, 20).unwrap();
    let store = Store::open(&db).unwrap();
    let data = termly::store::load_dataset(&store, &config.team_keys()).unwrap();
    let mut app = App::new(
        config.clone(),
        data,
        Some(Term::new(2026, Season::Spring)),
        FakeClock::on(today).shared(),
        termly::commands::screen::hooks(),
    )
    .unwrap()
    .with_store(store)
    .unwrap();
    app.start_meeting(Some("S. Okafor"), &[]);
    press(&mut app, key('y'));
    assert_eq!(app.mode(), Mode::Actions, "{:?}", app.status());
    let reader = Store::open(&db).unwrap();
    let counts = |app: &mut App, pending: usize| {
        let line = heading(app);
        let want = format!(
            "4 action(s), {pending} to review, {} overdue",
            overdue_in_store(&reader, today)
        );
        assert!(line.contains(&want), "want {want:?} in {line}");
    };
    counts(&mut app, 4);
    assert_eq!(overdue_in_store(&reader, today), 4);

    press(&mut app, key('x'));
    answer(&mut app, "Visited 8 Jan");
    counts(&mut app, 3);
    assert_eq!(
        overdue_in_store(&reader, today),
        3,
        "done is no longer overdue"
    );

    press(&mut app, key('c'));
    // Carrying forward asks for the reason, then the new due date.
    type_text(&mut app, "Governors meet in March");
    press(&mut app, code(KeyCode::Enter));
    answer(&mut app, "13/03/2027");
    counts(&mut app, 2);

    press(&mut app, key('D'));
    answer(&mut app, "Superseded by the new plan");
    counts(&mut app, 1);

    let statuses: Vec<ActionStatus> = reader.actions().unwrap().iter().map(|a| a.status).collect();
    assert_eq!(
        statuses,
        [
            ActionStatus::Done,
            ActionStatus::Open,
            ActionStatus::Dropped,
            ActionStatus::Open
        ]
    );
    // The rows say what the heading counts.
    let shown = screen(&mut app);
    for outcome in [
        "done: Visited 8 Jan",
        "carried forward: Governors meet in March",
        "dropped: Superseded by the new plan",
    ] {
        assert!(shown.contains(outcome), "{outcome} in {shown}");
    }
}
