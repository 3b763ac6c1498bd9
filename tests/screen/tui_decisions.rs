//! Decisions from the keyboard, end to end inside the App: an on-disk store imported from
//! tests/data/good, the real policy, synthetic keys. Checks the database after each step,
//! that a failed write keeps the form and its text, and snapshots the detail pane and each
//! form at 80×24.

use crate::common::files::imported_borough;
use crate::tui_support::{code, key, press, text, today, type_text as typed};
use ratatui::buffer::Buffer;
use ratatui::crossterm::event::{KeyCode, KeyEvent, KeyModifiers};
use ratatui::layout::Rect;
use std::path::{Path, PathBuf};
use termly::model::DecisionKind;
use termly::store::Store;
use termly::tui::{App, Mode};

struct Fixture {
    _dir: tempfile::TempDir,
    db: PathBuf,
    app: App,
}

/// The good fixtures copied to a temp folder, imported, and an App on them with the real
/// policy. `chair`: open the meeting as the screen command does.
fn fixture(chair: Option<&str>) -> Fixture {
    let mut f = unopened(chair);
    // Opening a meeting asks first: one `y`.
    let app = &mut f.app;
    if chair.is_some() && app.popup().is_some() {
        crate::tui_support::press(app, crate::tui_support::key('y'));
    }
    // The start message names a backup file in the temp folder: keep snapshots stable.
    app.clear_status_message();
    f
}

/// The same, left at the opening question.
fn unopened(chair: Option<&str>) -> Fixture {
    let (dir, config, db) = imported_borough();
    let store = Store::open(&db).unwrap();
    let mut app = crate::tui_support::store_app(config, store).with_theme(
        crate::tui_support::theme(termly::tui::ThemeKind::Monochrome),
    );
    app.set_screen(Rect::new(0, 0, 80, 24));
    app.start_meeting(chair, &[]);
    Fixture { _dir: dir, db, app }
}

fn ctrl(c: char) -> KeyEvent {
    KeyEvent::new(KeyCode::Char(c), KeyModifiers::CONTROL)
}

fn screen(app: &mut App, w: u16, h: u16) -> Buffer {
    let area = Rect::new(0, 0, w, h);
    app.set_screen(area);
    let mut buf = Buffer::empty(area);
    termly::tui::ui::render_buffer(app, area, &mut buf);
    buf
}

/// A second connection, as another process would see the file.
fn reader(db: &Path) -> Store {
    Store::open(db).unwrap()
}

/// Put the cursor on a school by URN (through the filter, as a user would).
fn go_to(app: &mut App, urn: u32) {
    press(app, key('/'));
    typed(app, &urn.to_string());
    press(app, code(KeyCode::Enter));
    assert_eq!(app.selected_urn(), Some(urn));
}

#[test]
fn recategorise_from_the_detail_pane_is_saved_with_category_history() {
    let mut f = fixture(Some("A. Chair"));
    let app = &mut f.app;
    let meeting = app.meeting_id().expect("meeting opened");
    go_to(app, 900002);
    press(app, code(KeyCode::Enter));
    assert_eq!(app.mode(), Mode::Detail);
    let before = app.capacity().lama_hours_term;
    press(app, key('c'));
    assert!(app.popup().is_some(), "the recategorise form opened");
    // Pick Intensive A (whatever is pre-selected), then details.
    let target = "intensive_a";
    let pos = app
        .config()
        .categories
        .iter()
        .position(|c| c.key == target)
        .unwrap();
    press(app, key(char::from_digit(pos as u32 + 1, 10).unwrap()));
    press(app, code(KeyCode::Enter));
    typed(app, "Attendance falling; Ofsted due.");
    press(app, ctrl('s'));
    // The confirm step shows before → after; Enter records.
    let shown = text(&screen(app, 80, 24));
    assert!(shown.contains("Intensive A"), "{shown}");
    press(app, code(KeyCode::Enter));
    assert!(
        app.popup().is_none(),
        "closed after saving: {:?}",
        app.status()
    );
    assert!(
        app.status()
            .message
            .starts_with("saved decision #1 (Beckside Academy) at "),
        "{}",
        app.status().message
    );

    let db = reader(&f.db);
    let ds = db.decisions_for_meeting(meeting).unwrap();
    assert_eq!(ds.len(), 1);
    assert_eq!(ds[0].kind, DecisionKind::Recategorise);
    assert_eq!(ds[0].from_category.as_deref(), Some("enhanced"));
    assert_eq!(ds[0].to_category.as_deref(), Some(target));
    assert_eq!(ds[0].rationale, "Attendance falling; Ofsted due.");
    assert_eq!(ds[0].recorded_by, "A. Chair");
    assert_eq!(
        termly::meeting::category_at(&db, 900002, app.term())
            .unwrap()
            .as_deref(),
        Some(target)
    );
    // The screen shows it at once: category, mark, progress; capacity was recomputed.
    let i = app.data().school_index(900002).unwrap();
    assert_eq!(
        app.assessment().schools[i].current_category.as_deref(),
        Some(target)
    );
    assert_eq!(app.decision_mark(i), Some("»"));
    assert_eq!(app.progress().2, 1);
    assert!(
        app.capacity().lama_hours_term >= before,
        "{before} → {}",
        app.capacity().lama_hours_term
    );
    let shown = text(&screen(app, 80, 24));
    assert!(shown.contains("#1 A. Chair"), "{shown}");
}

#[test]
fn defer_needs_a_reason_and_undo_revokes() {
    let mut f = fixture(Some("A. Chair"));
    let app = &mut f.app;
    let meeting = app.meeting_id().unwrap();
    go_to(app, 900004);
    press(app, key('d'));
    press(app, ctrl('s'));
    assert!(app.popup().is_some(), "a reason is required");
    assert!(reader(&f.db)
        .decisions_for_meeting(meeting)
        .unwrap()
        .is_empty());
    typed(app, "Awaiting the new head's plan");
    press(app, ctrl('s'));
    assert!(
        app.popup().is_some(),
        "Ctrl-S moves on to the review; it never records"
    );
    press(app, code(KeyCode::Enter));
    assert!(app.popup().is_none());
    assert!(app.status().message.contains("saved decision #1"));

    press(app, key('u'));
    assert!(app.popup().is_some(), "the undo form opened");
    press(app, code(KeyCode::Enter));
    typed(app, "Recorded against the wrong school");
    press(app, ctrl('s'));
    press(app, code(KeyCode::Enter));
    assert!(app.popup().is_none(), "{:?}", app.status());
    let ds = reader(&f.db).decisions_for_meeting(meeting).unwrap();
    assert_eq!(ds.len(), 2);
    assert_eq!(ds[1].kind, DecisionKind::Revoke);
    assert_eq!(ds[1].revokes, Some(ds[0].id));
    let i = app.data().school_index(900004).unwrap();
    assert_eq!(app.decision_mark(i), None, "undone: no mark");
    assert_eq!(app.progress().2, 0);
}

#[test]
fn a_failed_write_keeps_the_form_and_its_text_and_retry_saves() {
    let mut f = fixture(Some("A. Chair"));
    let other = reader(&f.db);
    other
        .test_connection()
        .execute_batch(
            "CREATE TRIGGER refuse BEFORE INSERT ON decisions
             BEGIN SELECT RAISE(ABORT, 'simulated write failure'); END;",
        )
        .unwrap();
    let app = &mut f.app;
    go_to(app, 900001);
    press(app, key('x'));
    typed(app, "Still secure");
    press(app, code(KeyCode::Enter));
    assert!(app.popup().is_some(), "the form stays open");
    let err = app.popup().unwrap().error().unwrap().to_string();
    assert!(err.contains("simulated write failure"), "{err}");
    assert!(
        !app.status().message.contains("saved"),
        "{:?}",
        app.status()
    );
    let shown = text(&screen(app, 80, 24));
    assert!(shown.contains("Still secure"), "typed text kept:\n{shown}");
    assert!(shown.contains("simulated write failure"), "{shown}");

    other
        .test_connection()
        .execute_batch("DROP TRIGGER refuse;")
        .unwrap();
    press(app, ctrl('r'));
    assert!(app.popup().is_none(), "{:?}", app.status());
    assert!(app.status().message.contains("saved decision #1"));
    let ds = reader(&f.db)
        .decisions_for_meeting(app.meeting_id().unwrap())
        .unwrap();
    assert_eq!(ds.len(), 1);
    assert_eq!(ds[0].rationale, "Still secure");
}

#[test]
fn typed_text_survives_a_resize() {
    let mut f = fixture(Some("A. Chair"));
    let app = &mut f.app;
    go_to(app, 900003);
    press(app, key('N'));
    typed(app, "Governors to review the SEND offer");
    let before = screen(app, 80, 24);
    screen(app, 40, 12);
    screen(app, 200, 60);
    let after = screen(app, 80, 24);
    assert_eq!(text(&before), text(&after));
    assert!(
        text(&after).contains("Governors to review"),
        "{}",
        text(&after)
    );
}

#[test]
fn without_a_chair_the_screen_asks_and_viewing_works_meanwhile() {
    let mut f = fixture(None);
    let app = &mut f.app;
    assert!(app.meeting_id().is_none());
    assert!(app.popup().is_some(), "the start prompt is shown");
    insta::assert_snapshot!("start_prompt_80x24", text(&screen(app, 80, 24)));
    press(app, code(KeyCode::Esc));
    assert!(app.popup().is_none());
    press(app, key('j'));
    press(app, key('x'));
    assert!(
        app.popup().is_some(),
        "a decision key asks for the chair again"
    );
    typed(app, "B. Chair");
    // The meeting's date is asked, prefilled with today.
    press(app, code(KeyCode::Tab));
    press(app, code(KeyCode::Tab));
    // Attendees one per line (a comma stays inside a name); Ctrl-S is done.
    typed(app, "C. One (Chair, Schools Forum)");
    press(app, code(KeyCode::Enter));
    typed(app, "D. Two");
    assert!(app.popup().is_some(), "Enter in the list starts a new line");
    press(app, ctrl('s'));
    // Then one `y` on the term, chair and attendees; a bare Enter is no answer.
    let s = text(&screen(app, 80, 24));
    assert!(
        s.contains("Open the meeting") && s.contains("B. Chair"),
        "{s}"
    );
    assert!(s.contains("C. One (Chair, Schools Forum); D. Two"), "{s}");
    press(app, code(KeyCode::Enter));
    assert!(app.meeting_id().is_none(), "Enter opens nothing");
    press(app, key('y'));
    assert!(app.popup().is_none(), "{:?}", app.status());
    let id = app.meeting_id().expect("opened");
    let m = reader(&f.db).meeting(id).unwrap();
    assert_eq!(m.chair, "B. Chair");
    assert_eq!(m.attendees, vec!["C. One (Chair, Schools Forum)", "D. Two"]);
    assert_eq!(m.date, app.today(), "today, as prefilled");
}

#[test]
fn the_opening_question_says_the_day_and_d_changes_it() {
    let mut f = unopened(Some("A. Chair"));
    let app = &mut f.app;
    assert!(app.meeting_id().is_none());
    let s = text(&screen(app, 100, 30));
    assert!(s.contains("held on"), "{s}");
    assert!(s.contains("under the chair's name: A. Chair"), "{s}");
    press(app, key('d'));
    let s = text(&screen(app, 100, 30));
    assert!(
        s.contains("Start the meeting") && s.contains("Meeting date"),
        "{s}"
    );
    // Chair kept; the day replaced with one after the term has ended.
    press(app, code(KeyCode::Tab));
    for _ in 0..10 {
        press(app, code(KeyCode::Backspace));
    }
    typed(app, "01/13/2027");
    press(app, ctrl('s'));
    let s = text(&screen(app, 100, 30));
    assert!(
        s.contains("is not a date"),
        "a wrong day is refused in words: {s}"
    );
    for _ in 0..10 {
        press(app, code(KeyCode::Backspace));
    }
    typed(app, "13/01/2027");
    press(app, ctrl('s'));
    let s = text(&screen(app, 100, 30));
    assert!(
        s.contains("held on Wednesday 13 January 2027"),
        "the question says the new day: {s}"
    );
    assert!(
        s.contains("That day is after 2026-27 Autumn; its decisions count in 2026-27 Autumn."),
        "{s}"
    );
    press(app, key('y'));
    let id = app.meeting_id().expect("opened");
    let m = reader(&f.db).meeting(id).unwrap();
    assert_eq!(m.chair, "A. Chair");
    assert_eq!(m.date.to_string(), "2027-01-13");
    assert_eq!(m.term, app.term(), "the screen's term, not the day's");
}

#[test]
fn add_to_agenda_then_close_the_meeting_behind_a_confirm() {
    let mut f = fixture(Some("A. Chair"));
    let app = &mut f.app;
    let id = app.meeting_id().unwrap();
    let total = app.progress().1;
    go_to(app, 900003);
    let i = app.data().school_index(900003).unwrap();
    let was_on = app.assessment().agenda.contains(&i);
    press(app, key('A'));
    insta::assert_snapshot!("agenda_prompt_80x24", text(&screen(app, 80, 24)));
    typed(app, "Nursery funding change");
    // Ctrl-S goes to the review; Enter there records.
    press(
        app,
        KeyEvent::new(KeyCode::Char('s'), KeyModifiers::CONTROL),
    );
    let db = reader(&f.db);
    assert!(
        db.agenda_items(id).unwrap().is_empty(),
        "not before the review"
    );
    insta::assert_snapshot!("agenda_review_80x24", text(&screen(app, 80, 24)));
    press(app, code(KeyCode::Enter));
    assert_eq!(db.agenda_items(id).unwrap().len(), 1);
    assert!(app.assessment().agenda.contains(&i));
    assert_eq!(app.progress().1, total + usize::from(!was_on));
    let reasons = &app.assessment().schools[i].agenda;
    assert!(
        reasons
            .iter()
            .any(|r| r.text.contains("Nursery funding change")),
        "{reasons:?}"
    );

    press(app, key('E'));
    assert!(
        app.status().message.starts_with("minutes written to "),
        "{:?}",
        app.status()
    );
    let md = app.status().message["minutes written to ".len()..]
        .split(" and ")
        .next()
        .unwrap()
        .to_string();
    assert!(Path::new(&md).exists(), "{md}");
    app.clear_status_message();
    press(app, key('C'));
    insta::assert_snapshot!("close_confirm_80x24", text(&screen(app, 80, 24)));
    press(app, key('n'));
    assert!(db.meeting(id).unwrap().closed_at.is_none(), "no means no");
    press(app, key('C'));
    press(app, key('y'));
    assert!(db.meeting(id).unwrap().closed_at.is_some());
    assert!(app.meeting_id().is_none());
    assert!(
        app.status().message.contains("closed"),
        "{:?}",
        app.status()
    );
    assert!(
        app.status().message.contains("minutes written"),
        "{:?}",
        app.status()
    );
    // Decision keys after the close say so and open nothing.
    for k in ['x', 'c', 'd', 'N'] {
        press(app, key(k));
        assert!(app.popup().is_none(), "{k} opened a popup");
        assert!(
            app.status().message.contains("is closed"),
            "{:?}",
            app.status()
        );
    }
    assert_eq!(
        reader(&f.db).meetings().unwrap().len(),
        1,
        "no second meeting"
    );
}

#[test]
fn read_only_database_is_view_only() {
    let f = fixture(Some("A. Chair"));
    let db = f.db.clone();
    let config = f.app.config().clone();
    drop(f.app);
    let mut perms = std::fs::metadata(&db).unwrap().permissions();
    perms.set_readonly(true);
    std::fs::set_permissions(&db, perms).unwrap();
    let store = Store::open(&db).unwrap();
    if !store.is_read_only() {
        // Running as root: file modes do not stop writes, so there is nothing to check.
        eprintln!("SKIPPED: the database is writable despite its mode (root?)");
        return;
    }
    let mut app = crate::tui_support::store_app(config, store);
    app.start_meeting(Some("A. Chair"), &[]);
    // Opening a meeting asks first: one `y`.
    if app.popup().is_some() {
        crate::tui_support::press(&mut app, crate::tui_support::key('y'));
    }
    press(&mut app, key('c'));
    assert!(app.popup().is_none());
    assert_eq!(app.status().message, "read-only database: view only");
}

#[test]
fn snapshots_of_the_detail_pane_and_each_form() {
    let mut f = fixture(Some("A. Chair"));
    let app = &mut f.app;
    go_to(app, 900002);
    press(app, code(KeyCode::Enter));
    insta::assert_snapshot!("detail_80x24", text(&screen(app, 80, 24)));
    press(app, key('z'));
    insta::assert_snapshot!("detail_maximised_80x24", text(&screen(app, 80, 24)));
    press(app, key('j'));
    press(app, key('j'));
    assert_eq!(app.detail().unwrap().scroll, 2);
    press(app, key('z'));

    press(app, key('c'));
    insta::assert_snapshot!("recategorise_pick_80x24", text(&screen(app, 80, 24)));
    press(app, code(KeyCode::Enter));
    typed(app, "Rationale text");
    insta::assert_snapshot!("recategorise_details_80x24", text(&screen(app, 80, 24)));
    press(app, ctrl('s'));
    insta::assert_snapshot!("recategorise_confirm_80x24", text(&screen(app, 80, 24)));
    press(app, code(KeyCode::Esc));
    press(app, code(KeyCode::Esc));
    press(app, code(KeyCode::Esc));
    press(app, code(KeyCode::Esc));
    assert!(app.popup().is_none(), "Esc steps back, then discards");

    for (k, name) in [('x', "confirm"), ('d', "defer"), ('N', "note")] {
        press(app, key(k));
        insta::assert_snapshot!(format!("{name}_form_80x24"), text(&screen(app, 80, 24)));
        press(app, code(KeyCode::Esc));
        assert!(app.popup().is_none());
    }
    press(app, key('x'));
    press(app, code(KeyCode::Enter));
    assert!(app.status().message.contains("saved"), "{:?}", app.status());
    app.clear_status_message();
    app.clear_saved();
    press(app, key('u'));
    insta::assert_snapshot!("undo_form_80x24", text(&screen(app, 80, 24)));
}

#[test]
fn next_on_agenda_walks_from_the_decided_item_and_the_detail_pane_follows() {
    let mut f = fixture(Some("A. Chair"));
    let app = &mut f.app;
    go_to(app, 900002);
    press(app, key('x'));
    press(app, code(KeyCode::Enter));
    assert!(app.status().message.contains("saved"), "{:?}", app.status());
    // Clear the filter, open the detail on the first school, walk the agenda from there.
    press(app, key('/'));
    press(app, code(KeyCode::Esc));
    press(app, key('g'));
    press(app, code(KeyCode::Enter));
    assert_eq!(app.detail().unwrap().urn, 900001);
    press(app, key('n'));
    assert_eq!(app.selected_urn(), Some(900004), "{}", app.status().message);
    assert_eq!(app.detail().unwrap().urn, 900004, "the pane follows");
    assert!(
        app.status().message.contains("· 1 decided"),
        "{}",
        app.status().message
    );
    assert!(!app.detail().unwrap().scores.is_empty());
    press(app, code(KeyCode::Esc));
    assert_eq!(app.mode(), Mode::Grid);
    assert!(app.detail().is_none());
}

#[test]
fn the_agenda_keeps_its_order_after_a_decision_changes_the_policys_view() {
    let mut f = fixture(Some("A. Chair"));
    let app = &mut f.app;
    let order_before: Vec<u32> = app
        .assessment()
        .agenda
        .iter()
        .map(|&i| app.data().schools[i].urn)
        .collect();
    assert!(order_before.len() >= 2, "{order_before:?}");
    // Decide the first agenda school in the way its suggestion says, so the policy no longer
    // needs it discussed; the room still walks on to the second.
    press(app, key('n'));
    assert_eq!(app.selected_urn(), Some(order_before[0]));
    let first = app.selected().unwrap();
    let suggested = app.assessment().schools[first]
        .suggestion
        .clone()
        .expect("the first agenda school has a suggestion");
    press(app, key('c'));
    press(app, code(KeyCode::Enter)); // the suggestion is pre-selected
    typed(app, "As the policy suggests.");
    press(app, ctrl('s'));
    press(app, code(KeyCode::Enter));
    assert!(app.popup().is_none(), "{:?}", app.status());
    assert_eq!(
        app.assessment().schools[first].current_category.as_deref(),
        Some(suggested.category.as_str())
    );
    // The policy alone would now order the agenda differently...
    let term_idx = app.data().term_index(app.term()).unwrap();
    let fresh = termly::policy::assess_term(app.config(), app.data(), term_idx, today());
    let fresh_order: Vec<u32> = fresh
        .agenda
        .iter()
        .map(|&i| app.data().schools[i].urn)
        .collect();
    assert_ne!(
        fresh_order, order_before,
        "the decision changed the policy's agenda"
    );
    let order_after: Vec<u32> = app
        .assessment()
        .agenda
        .iter()
        .map(|&i| app.data().schools[i].urn)
        .collect();
    assert_eq!(order_after, order_before);
    press(app, key('n'));
    assert_eq!(app.selected_urn(), Some(order_before[1]));
}
