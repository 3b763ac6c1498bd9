//! The termly cycle across two terms, as the chair meets it: meeting 1 records a note with
//! actions and a deferral; the injected clock moves past the actions' due date (no sleep); meeting 2
//! opens on matters arising, with the overdue actions marked and the deferred school back on
//! its agenda; the chair walks them with n, marking one done and carrying one forward, and
//! `termly actions` shows it.

use crate::common::files::{copy_dir, imported_borough};
use crate::tui_support::{code, key, press, text, type_text as typed};
use chrono::NaiveDate;
use ratatui::buffer::Buffer;
use ratatui::crossterm::event::{KeyCode, KeyEvent, KeyModifiers};
use ratatui::layout::Rect;
use std::sync::Arc;
use termly::actions::ActionStatus;
use termly::clock::{Clock, FakeClock, SharedClock};
use termly::config::Config;
use termly::store::Store;
use termly::term::{Season, Term};
use termly::tui::{App, Mode};

fn ctrl(c: char) -> KeyEvent {
    KeyEvent::new(KeyCode::Char(c), KeyModifiers::CONTROL)
}

fn date(s: &str) -> NaiveDate {
    s.parse().unwrap()
}

fn screen(app: &mut App, w: u16, h: u16) -> Buffer {
    let area = Rect::new(0, 0, w, h);
    app.set_screen(area);
    let mut buf = Buffer::empty(area);
    termly::tui::ui::render_buffer(app, area, &mut buf);
    buf
}

/// The screen on `term` reading the time from `clock`, with the meeting started.
fn meeting_screen(config: &Config, db: &std::path::Path, term: Term, clock: SharedClock) -> App {
    let store = Store::open(db).unwrap();
    let data = termly::store::load_dataset(&store, &config.team_keys()).unwrap();
    let mut app = App::new(
        config.clone(),
        data,
        Some(term),
        clock,
        termly::commands::screen::hooks(),
    )
    .unwrap()
    .with_store(store)
    .unwrap()
    .with_theme(crate::tui_support::theme(
        termly::tui::ThemeKind::Monochrome,
    ));
    app.set_screen(Rect::new(0, 0, 160, 45));
    app.start_meeting(Some("S. Okafor"), &["A. Finance".to_string()]);
    // Opening a new meeting asks first: one `y`.
    if matches!(app.popup(), Some(termly::tui::popup::Popup::Prompt(_, _)))
        && app.meeting_id().is_none()
    {
        press(&mut app, key('y'));
    }
    app
}

fn go_to(app: &mut App, urn: u32) {
    // Clear any earlier filter first.
    press(app, key('/'));
    press(app, code(KeyCode::Esc));
    press(app, key('/'));
    typed(app, &urn.to_string());
    press(app, code(KeyCode::Enter));
    assert_eq!(app.selected_urn(), Some(urn));
}

/// Meeting 1 on the screen: a note with two actions for Cinderhill, Dunmore deferred.
fn first_meeting(config: &Config, db: &std::path::Path, clock: SharedClock) -> i64 {
    let autumn = Term::new(2026, Season::Autumn);
    let mut app = meeting_screen(config, db, autumn, clock);
    let id = app.meeting_id().unwrap();
    assert_eq!(
        app.mode(),
        Mode::Grid,
        "nothing arises at the first meeting"
    );
    go_to(&mut app, 900003);
    press(&mut app, key('N'));
    // Each action on its own row: what, Tab, owner, Tab, due; Tab goes on to the next row.
    for what in ["Attendance visit", "Report to governors"] {
        typed(&mut app, what);
        press(&mut app, code(KeyCode::Tab));
        typed(&mut app, "EWO lead");
        press(&mut app, code(KeyCode::Tab));
        typed(&mut app, "11/12/2026");
        press(&mut app, code(KeyCode::Tab));
    }
    press(&mut app, ctrl('s'));
    press(&mut app, code(KeyCode::Enter));
    assert!(
        app.popup().is_none(),
        "{:?}",
        app.popup()
            .as_ref()
            .and_then(|p| p.error().map(String::from))
    );
    go_to(&mut app, 900004);
    press(&mut app, key('d'));
    typed(&mut app, "Awaiting the new head's plan");
    press(&mut app, code(KeyCode::Tab));
    press(&mut app, code(KeyCode::Tab));
    typed(&mut app, "2027-01-29");
    press(&mut app, ctrl('s'));
    press(&mut app, code(KeyCode::Enter));
    assert!(app.popup().is_none(), "{:?}", app.status());
    press(&mut app, key('C'));
    press(&mut app, key('y'));
    assert!(app.meeting_id().is_none(), "closed: {:?}", app.status());
    id
}

/// Add a spring term of scores (the autumn files again) so a second meeting has a term.
fn add_spring_scores(
    dir: &std::path::Path,
    config: &Config,
    db: &std::path::Path,
    clock: &dyn Clock,
) {
    copy_dir(
        &dir.join("scores/2026-27-autumn"),
        &dir.join("scores/2026-27-spring"),
    );
    let mut store = Store::open(db).unwrap();
    termly::import::import_all(config, &mut store, &Default::default(), clock).unwrap();
}

#[test]
fn two_terms_actions_come_back_and_deferrals_return() {
    let (dir, config, db) = imported_borough();
    let clock = Arc::new(FakeClock::on(date("2026-11-20")));
    let first = first_meeting(&config, &db, clock.clone());
    let store = Store::open(&db).unwrap();
    let actions = store.actions().unwrap();
    assert_eq!(actions.len(), 2, "{actions:?}");
    assert!(actions
        .iter()
        .all(|a| a.owner == "EWO lead" && a.due == Some(date("2026-12-11"))));
    // Two months on: the actions fell due on 11 December.
    clock.advance(chrono::Duration::days(61));
    assert_eq!(clock.today(), date("2027-01-20"));
    add_spring_scores(dir.path(), &config, &db, clock.as_ref());

    // The spring meeting.
    let spring = Term::new(2026, Season::Spring);
    let mut app = meeting_screen(&config, &db, spring, clock.clone());
    let second = app.meeting_id().unwrap();
    assert!(second > first);
    assert_eq!(
        app.mode(),
        Mode::Actions,
        "the meeting opens on matters arising"
    );
    // The start message names a backup in the temp folder: keep the snapshot stable.
    app.clear_status_message();
    let shown = text(&screen(&mut app, 160, 45));
    insta::assert_snapshot!("matters_arising_160x45", shown);
    assert!(shown.contains("Matters arising · meeting #2"), "{shown}");
    assert!(shown.contains("OVERDUE by 40 days"), "{shown}");
    assert!(
        shown.contains("Dunmore Special School (900004)  revisit by 29 Jan 2027"),
        "{shown}"
    );

    // The deferred school is on the new agenda, the deferral its reason.
    let items = store.agenda_items(second).unwrap();
    assert_eq!(items.len(), 1);
    assert_eq!(items[0].urn, 900004);
    assert!(
        items[0].reason.starts_with("deferred at meeting #1"),
        "{}",
        items[0].reason
    );
    let i = app.data().school_index(900004).unwrap();
    assert!(app.assessment().agenda.contains(&i));

    // Walk matters arising: done, then carried forward; n then goes on to the agenda.
    press(&mut app, key('x'));
    typed(&mut app, "Visited 8 Jan");
    press(&mut app, code(KeyCode::Enter));
    press(&mut app, code(KeyCode::Enter));
    assert!(app.popup().is_none(), "{:?}", app.status());
    press(&mut app, key('c'));
    press(&mut app, code(KeyCode::Enter));
    press(&mut app, code(KeyCode::Enter));
    let s = text(&screen(&mut app, 160, 45));
    assert!(
        s.contains("Reason is required") && s.contains("New due date is required"),
        "carrying forward needs a reason and a new due date: {s}"
    );
    typed(&mut app, "Governors meet in March");
    press(&mut app, code(KeyCode::Enter));
    typed(&mut app, "13/03/2027");
    press(&mut app, code(KeyCode::Enter));
    press(&mut app, code(KeyCode::Enter));
    assert!(app.popup().is_none(), "{:?}", app.status());
    let after = text(&screen(&mut app, 160, 45));
    assert!(after.contains("done: Visited 8 Jan"), "{after}");
    assert!(
        after.contains("carried forward: Governors meet in March"),
        "{after}"
    );
    press(&mut app, key('n'));
    assert_eq!(
        app.mode(),
        Mode::Grid,
        "past the last matter arising: the agenda"
    );
    assert!(app
        .selected()
        .is_some_and(|s| app.assessment().agenda.contains(&s)));

    let actions = store.actions().unwrap();
    assert_eq!(actions[0].status, ActionStatus::Done);
    assert_eq!(actions[0].changed_at_meeting, Some(second));
    assert_eq!(actions[1].status, ActionStatus::Open);
    assert!(actions[1].carried);
    assert_eq!(actions[1].due, Some(date("2027-03-13")), "its new due date");
    let args = termly::commands::actions::ActionsArgs {
        open: false,
        overdue: false,
        owner: None,
        school: None,
        format: termly::commands::actions::Format::Text,
        output: None,
        done: None,
        drop: None,
        note: String::new(),
        by: None,
    };
    let listed = termly::commands::actions::list(&store, &args, date("2027-01-20")).unwrap();
    let row = |n: &str| {
        listed
            .lines()
            .find(|l| l.starts_with(n))
            .unwrap()
            .to_string()
    };
    assert!(
        row("#2").contains("carried forward · due in 52 days"),
        "{listed}"
    );
    assert!(
        row("#1").contains("done") && row("#1").contains("Visited 8 Jan"),
        "{listed}"
    );

    second_meeting_decides_and_closes(&mut app);
    let status = app.status().message.clone();
    let md_path = status
        .split("minutes written to ")
        .nth(1)
        .and_then(|rest| rest.split(" and ").next())
        .unwrap_or_else(|| panic!("{status}"));
    let md = std::fs::read_to_string(md_path).unwrap();
    let count = CLOSE_COUNT.with(|c| c.get());
    crate::cycle_minutes::check_against_database(&md, &store, second, count);
    assert!(
        md.contains("- Apologies:\n  - C. Governor (Chair, Schools Forum)\n  - D. Officer\n"),
        "{md}"
    );
    assert!(md.contains("- Next meeting: Friday 14 May 2027\n"), "{md}");
    // The detail pane says an open action is overdue, in words.
    go_to(&mut app, 900003);
    press(&mut app, code(KeyCode::Enter));
    let detail: String = app
        .detail_view()
        .expect("the detail pane is open")
        .lines(150)
        .iter()
        .map(|l| format!("{l}\n"))
        .collect();
    assert!(
        detail.contains("action #2 Report to governors: carried forward · due in 52 days"),
        "{detail}"
    );
    if std::env::var_os("SHOW_MINUTES").is_some() {
        eprintln!("{md}");
    }
    crate::cycle_minutes::all_private(&config.resolve(&config.data.minutes));
    crate::cycle_minutes::all_private(&config.resolve(&config.backup.folder));
}

thread_local! {
    /// The count the close dialog showed.
    static CLOSE_COUNT: std::cell::Cell<usize> = const { std::cell::Cell::new(0) };
}

/// The deferred school decided, a note with an action that is then undone, and the meeting
/// closed behind its dialog (whose count the minutes must agree with).
fn second_meeting_decides_and_closes(app: &mut App) {
    go_to(app, 900004);
    press(app, key('x'));
    typed(app, "Plan received and sound");
    press(app, code(KeyCode::Enter));
    assert!(app.popup().is_none(), "{:?}", app.status());
    go_to(app, 900002);
    press(app, key('N'));
    typed(app, "Review the budget recovery plan");
    press(app, code(KeyCode::Tab));
    typed(app, "Finance BP");
    press(app, code(KeyCode::Tab));
    typed(app, "2027-03-31");
    press(app, ctrl('s'));
    press(app, code(KeyCode::Enter));
    assert!(app.popup().is_none(), "{:?}", app.status());
    go_to(app, 900001);
    press(app, key('N'));
    typed(app, "Ask for the attendance plan");
    press(app, code(KeyCode::Tab));
    typed(app, "Adviser One");
    press(app, code(KeyCode::Tab));
    typed(app, "26/02/2027");
    press(app, ctrl('s'));
    press(app, code(KeyCode::Enter));
    assert!(app.popup().is_none(), "{:?}", app.status());
    press(app, key('u'));
    press(app, code(KeyCode::Enter));
    typed(app, "Recorded against the wrong school");
    press(app, ctrl('s'));
    press(app, code(KeyCode::Enter));
    assert!(app.popup().is_none(), "{:?}", app.status());
    // Apologies and the next meeting, for the minutes.
    press(app, key('i'));
    typed(app, "C. Governor (Chair, Schools Forum)");
    press(app, code(KeyCode::Enter));
    typed(app, "D. Officer");
    press(app, code(KeyCode::Tab));
    typed(app, "2027-05-14");
    // Enter in the last field records: nothing is left to ask.
    press(app, code(KeyCode::Enter));
    assert!(app.popup().is_none(), "{:?}", app.status());
    press(app, key('C'));
    let dialog = text(&screen(app, 160, 45));
    let count: usize = dialog
        .split("Its ")
        .nth(1)
        .and_then(|rest| rest.split(' ').next())
        .and_then(|n| n.parse().ok())
        .unwrap_or_else(|| panic!("{dialog}"));
    CLOSE_COUNT.with(|c| c.set(count));
    press(app, key('y'));
    assert!(app.meeting_id().is_none(), "closed: {:?}", app.status());
}
