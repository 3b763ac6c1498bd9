//! The decision forms driven by synthetic key events: recategorise's three steps, confirm,
//! defer, note and undo; snapshots of every step; typed text survives errors and resizes.

use chrono::NaiveDate;
use ratatui::buffer::Buffer;
use ratatui::crossterm::event::{KeyCode, KeyEvent, KeyModifiers};
use ratatui::layout::Rect;
use ratatui::widgets::Widget;
use std::path::Path;
use termly::config::Config;
use termly::dataset::Dataset;
use termly::model::{Decision, DecisionKind, NewDecision, Phase, School};
use termly::policy::Capacity;
use termly::store::decisions::FailureKind;
use termly::tui::forms::{
    FieldId, Form, FormKeys, FormOutcome, FormPopup, RecategoriseForm, RecategoriseStep,
    SaveFailure, SchoolRef, SimpleForm, UndoForm, UndoStep,
};
use termly::tui::theme::{ColorDepth, Theme, ThemeKind};
use termly::tui::Keymap;

fn config() -> Config {
    Config::default_with_base(Path::new("config")).unwrap()
}

fn theme(config: &Config) -> Theme {
    Theme::build(
        ThemeKind::Dark,
        4,
        config.categories.len(),
        ColorDepth::TrueColor,
    )
}

fn school() -> SchoolRef {
    SchoolRef {
        urn: 100101,
        name: "Brackenfold Primary".into(),
        category: Some("enhanced".into()),
    }
}

fn recategorise(config: &Config) -> Form {
    Form::Recategorise(RecategoriseForm::new(
        config,
        school(),
        Some("intensive_a"),
        &Capacity {
            lama_hours_term: 392.0,
            lama_capacity_term: 400.0,
            ..Capacity::default()
        },
        true,
    ))
}

fn key(code: KeyCode) -> KeyEvent {
    KeyEvent::new(code, KeyModifiers::NONE)
}

fn ctrl(c: char) -> KeyEvent {
    KeyEvent::new(KeyCode::Char(c), KeyModifiers::CONTROL)
}

fn press(form: &mut Form, code: KeyCode) -> FormOutcome {
    form.press_key(&Keymap::defaults(), key(code))
}

fn type_text(form: &mut Form, text: &str) {
    for c in text.chars() {
        let out = if c == '\n' {
            press(form, KeyCode::Enter)
        } else {
            press(form, KeyCode::Char(c))
        };
        assert_eq!(out, FormOutcome::Continue);
    }
}

fn screen(form: &Form, theme: &Theme, w: u16, h: u16) -> String {
    let mut buf = Buffer::empty(Rect::new(0, 0, w, h));
    FormPopup {
        form,
        theme,
        keys: &FormKeys::default(),
    }
    .render(buf.area, &mut buf);
    let mut out = String::new();
    for y in 0..h {
        let row: String = (0..w).map(|x| buf[(x, y)].symbol().to_string()).collect();
        out.push_str(row.trim_end());
        out.push('\n');
    }
    out
}

fn recat(form: &Form) -> &RecategoriseForm {
    match form {
        Form::Recategorise(f) => f,
        _ => panic!("not a recategorise form"),
    }
}

#[test]
fn suggestion_is_preselected_and_current_cannot_be_chosen() {
    let c = config();
    let t = theme(&c);
    let mut form = recategorise(&c);
    let f = recat(&form);
    assert_eq!(f.picker.selected_option().unwrap().key, "intensive_a");
    insta::assert_snapshot!("recategorise_step1_80x24", screen(&form, &t, 80, 24));
    // Up twice reaches Enhanced, the current category: Enter refuses and explains.
    press(&mut form, KeyCode::Up);
    assert_eq!(
        recat(&form).picker.selected_option().unwrap().key,
        "enhanced"
    );
    press(&mut form, KeyCode::Enter);
    assert_eq!(recat(&form).step, RecategoriseStep::Pick);
    let s = screen(&form, &t, 80, 24);
    assert!(s.contains("Enhanced is the current category"), "{s}");
    press(&mut form, KeyCode::Down);
    press(&mut form, KeyCode::Enter);
    assert_eq!(recat(&form).step, RecategoriseStep::Details);
}

#[test]
fn recategorise_all_steps_rationale_required_due_validated() {
    let c = config();
    let t = theme(&c);
    let mut form = recategorise(&c);
    press(&mut form, KeyCode::Enter);
    insta::assert_snapshot!("recategorise_step2_empty_80x24", screen(&form, &t, 80, 24));

    // Submitting an empty rationale stays on the step with an inline error.
    assert_eq!(
        form.press_key(&Keymap::defaults(), ctrl('s')),
        FormOutcome::Continue
    );
    assert_eq!(recat(&form).step, RecategoriseStep::Details);
    let s = screen(&form, &t, 80, 24);
    assert!(s.contains("Rationale is required"), "{s}");
    insta::assert_snapshot!("recategorise_step2_rationale_required_80x24", s);

    type_text(&mut form, "Attendance 4 for two terms\nOfsted RI");
    press(&mut form, KeyCode::Tab);
    type_text(&mut form, "LaMA to agree an attendance plan");
    press(&mut form, KeyCode::Tab);
    type_text(&mut form, "Adviser Marram");
    press(&mut form, KeyCode::Tab);
    type_text(&mut form, "2027-02-30");
    // Ctrl-S tries to go on: the date is not real.
    assert_eq!(
        form.press_key(&Keymap::defaults(), ctrl('s')),
        FormOutcome::Continue
    );
    assert_eq!(recat(&form).step, RecategoriseStep::Details);
    let s = screen(&form, &t, 80, 24);
    assert!(s.contains("expected a real date such as 31/01/2027"), "{s}");
    insta::assert_snapshot!("recategorise_step2_bad_due_80x24", s);
    for _ in 0..2 {
        press(&mut form, KeyCode::Backspace);
    }
    type_text(&mut form, "28");
    assert_eq!(
        form.press_key(&Keymap::defaults(), ctrl('s')),
        FormOutcome::Continue
    );
    assert_eq!(recat(&form).step, RecategoriseStep::Confirm);
    insta::assert_snapshot!("recategorise_step3_80x24", screen(&form, &t, 80, 24));
    insta::assert_snapshot!("recategorise_step3_120x40", screen(&form, &t, 120, 40));

    let FormOutcome::Submit(draft) = press(&mut form, KeyCode::Enter) else {
        panic!("Enter on the confirm step submits");
    };
    assert_eq!(
        *draft,
        NewDecision {
            kind: Some(DecisionKind::Recategorise),
            urn: 100101,
            to_category: Some("intensive_a".into()),
            rationale: "Attendance 4 for two terms\nOfsted RI".into(),
            actions: "LaMA to agree an attendance plan".into(),
            action_lines: vec![termly::model::ActionLine {
                text: "LaMA to agree an attendance plan".into(),
                owner: "Adviser Marram".into(),
                due: NaiveDate::from_ymd_opt(2027, 2, 28),
            }],
            revokes: None,
            // The form's own, sent again by every retry (tui_form_requests.rs).
            request_id: draft.request_id.clone(),
            ..NewDecision::default()
        }
    );

    // Saving failed: the error shows, nothing typed is lost, and Enter (or Ctrl-R) retries.
    form.set_error(SaveFailure::new(
        FailureKind::Busy,
        "not saved: the database is busy (another termly is writing); try again",
    ));
    let s = screen(&form, &t, 80, 24);
    assert!(s.contains("database is busy"), "{s}");
    insta::assert_snapshot!("recategorise_step3_save_failed_80x24", s);
    assert_eq!(
        form.press_key(&Keymap::defaults(), ctrl('r')),
        FormOutcome::Submit(draft.clone())
    );
    assert_eq!(press(&mut form, KeyCode::Enter), FormOutcome::Submit(draft));
}

#[test]
fn over_capacity_is_shown_on_the_confirm_step() {
    let c = config();
    let t = theme(&c);
    let mut form = Form::Recategorise(RecategoriseForm::new(
        &c,
        SchoolRef {
            category: Some("core".into()),
            ..school()
        },
        None,
        &Capacity {
            lama_hours_term: 395.0,
            lama_capacity_term: 400.0,
            ..Capacity::default()
        },
        true,
    ));
    // From Core, nothing suggested: the first other category (Focused) is pre-selected.
    assert_eq!(
        recat(&form).picker.selected_option().unwrap().key,
        "focused"
    );
    press(&mut form, KeyCode::Char('5')); // Intensive A
    press(&mut form, KeyCode::Enter);
    type_text(&mut form, "Safeguarding concerns");
    form.press_key(&Keymap::defaults(), ctrl('s'));
    let s = screen(&form, &t, 100, 30);
    assert!(
        s.contains("LaMA hours a term 395 → 409 of 400 (9 over)"),
        "{s}"
    );
    assert!(s.contains("one-day reviews a year 0 → 3 of 36"), "{s}");
    assert!(s.contains("over capacity"), "{s}");
    // Enter does not record an over-capacity decision; `o` does.
    assert!(matches!(
        form.press_key(&Keymap::defaults(), KeyEvent::from(KeyCode::Enter)),
        FormOutcome::Continue
    ));
    assert!(matches!(
        form.press_key(&Keymap::defaults(), KeyEvent::from(KeyCode::Char('o'))),
        FormOutcome::Submit(_)
    ));
}

#[test]
fn typed_text_survives_a_resize_and_going_back() {
    let c = config();
    let t = theme(&c);
    let mut form = recategorise(&c);
    press(&mut form, KeyCode::Enter);
    type_text(&mut form, "Reading below floor in KS2");
    let big = screen(&form, &t, 120, 40);
    assert!(big.contains("Reading below floor in KS2"), "{big}");
    let small = screen(&form, &t, 80, 24);
    assert!(small.contains("Reading below floor in KS2"), "{small}");
    let tiny = screen(&form, &t, 30, 8);
    drop(tiny);
    let again = screen(&form, &t, 120, 40);
    assert_eq!(big, again, "state does not depend on the area");
    // Esc goes back a step; Enter comes forward again; the text is still there.
    press(&mut form, KeyCode::Esc);
    assert_eq!(recat(&form).step, RecategoriseStep::Pick);
    press(&mut form, KeyCode::Enter);
    assert_eq!(
        recat(&form).fields.text(FieldId::Rationale),
        "Reading below floor in KS2"
    );
}

#[test]
fn esc_with_text_asks_before_discarding() {
    let c = config();
    let t = theme(&c);
    let mut form = Form::Simple(SimpleForm::new(&c, DecisionKind::Defer, school()));
    type_text(&mut form, "Awaiting the finance audit");
    assert_eq!(press(&mut form, KeyCode::Esc), FormOutcome::Continue);
    let s = screen(&form, &t, 80, 24);
    assert!(s.contains("Esc again discards"), "{s}");
    assert_eq!(press(&mut form, KeyCode::Esc), FormOutcome::Cancel);
    // With nothing typed one Esc closes.
    let mut empty = Form::Simple(SimpleForm::new(&c, DecisionKind::Note, school()));
    assert_eq!(press(&mut empty, KeyCode::Esc), FormOutcome::Cancel);
}

#[test]
fn confirm_submits_with_an_optional_note() {
    let c = config();
    let t = theme(&c);
    let mut form = Form::Simple(SimpleForm::new(&c, DecisionKind::Confirm, school()));
    insta::assert_snapshot!("confirm_80x24", screen(&form, &t, 80, 24));
    let FormOutcome::Submit(d) = press(&mut form, KeyCode::Enter) else {
        panic!("Enter records a confirm");
    };
    assert_eq!(d.kind, Some(DecisionKind::Confirm));
    assert_eq!(d.rationale, "");
    assert_eq!(d.to_category, None);
}

#[test]
fn defer_needs_a_reason() {
    let c = config();
    let t = theme(&c);
    let mut form = Form::Simple(SimpleForm::new(&c, DecisionKind::Defer, school()));
    assert_eq!(
        form.press_key(&Keymap::defaults(), ctrl('s')),
        FormOutcome::Continue
    );
    insta::assert_snapshot!("defer_reason_required_80x24", screen(&form, &t, 80, 24));
    type_text(&mut form, "Awaiting the finance audit");
    press(&mut form, KeyCode::Tab);
    press(&mut form, KeyCode::Tab);
    type_text(&mut form, "2027-03-01");
    // Ctrl-S from any field goes to the review; Enter there records.
    assert_eq!(
        form.press_key(&Keymap::defaults(), ctrl('s')),
        FormOutcome::Continue
    );
    insta::assert_snapshot!("defer_review_80x24", screen(&form, &t, 80, 24));
    let FormOutcome::Submit(d) = press(&mut form, KeyCode::Enter) else {
        panic!("Enter on the review records");
    };
    // Enter in the last field records as well: nothing is left to ask.
    assert_eq!(press(&mut form, KeyCode::Esc), FormOutcome::Continue);
    assert!(matches!(
        press(&mut form, KeyCode::Enter),
        FormOutcome::Submit(_)
    ));
    assert_eq!(d.kind, Some(DecisionKind::Defer));
    assert_eq!(d.rationale, "Awaiting the finance audit");
    assert_eq!(d.due, NaiveDate::from_ymd_opt(2027, 3, 1));
}

#[test]
fn note_needs_actions() {
    let c = config();
    let t = theme(&c);
    let mut form = Form::Simple(SimpleForm::new(&c, DecisionKind::Note, school()));
    insta::assert_snapshot!("note_empty_80x24", screen(&form, &t, 80, 24));
    assert_eq!(
        form.press_key(&Keymap::defaults(), ctrl('s')),
        FormOutcome::Continue
    );
    assert!(screen(&form, &t, 80, 24).contains("give at least one action"));
    // The due column shows a dim hint, never a value.
    assert!(screen(&form, &t, 80, 24).contains("dd/mm/yyyy"));
    type_text(&mut form, "SIP to visit before half term");
    form.paste("\u{1b}[31mpasted\u{1b}[0m line");
    assert_eq!(
        form.press_key(&Keymap::defaults(), ctrl('s')),
        FormOutcome::Continue
    );
    assert!(
        screen(&form, &t, 80, 24).contains("action 1: who owns it?"),
        "an action with no owner is refused, naming the line"
    );
    type_text(&mut form, "SIP");
    assert_eq!(
        form.press_key(&Keymap::defaults(), ctrl('s')),
        FormOutcome::Continue
    );
    assert!(
        screen(&form, &t, 80, 24).contains("action 1: by when? (dd/mm/yyyy)"),
        "an action with no date is refused, naming the line"
    );
    type_text(&mut form, "31/13/2026");
    assert_eq!(
        form.press_key(&Keymap::defaults(), ctrl('s')),
        FormOutcome::Continue
    );
    assert!(screen(&form, &t, 80, 24).contains("expected a real date"));
    for _ in 0..10 {
        press(&mut form, KeyCode::Backspace);
    }
    type_text(&mut form, "30/11/2026");
    // A second action, for someone else by another day: a new row appeared below.
    press(&mut form, KeyCode::Tab);
    type_text(&mut form, "Governors to report");
    press(&mut form, KeyCode::Tab);
    type_text(&mut form, "Clerk");
    assert_eq!(
        form.press_key(&Keymap::defaults(), ctrl('s')),
        FormOutcome::Continue
    );
    assert!(screen(&form, &t, 80, 24).contains("action 2: by when?"));
    type_text(&mut form, "2027-01-15");
    assert_eq!(
        form.press_key(&Keymap::defaults(), ctrl('s')),
        FormOutcome::Continue,
        "Ctrl-S never records"
    );
    let review = screen(&form, &t, 100, 30);
    assert!(
        review.contains("1. SIP to visit before half termpasted line — SIP, due 30 Nov 2026")
            && review.contains("2. Governors to report — Clerk, due 15 Jan 2027"),
        "{review}"
    );
    assert_eq!(
        form.press_key(&Keymap::defaults(), ctrl('s')),
        FormOutcome::Continue,
        "not on the review either"
    );
    let FormOutcome::Submit(d) = press(&mut form, KeyCode::Enter) else {
        panic!("Enter on the review records");
    };
    assert_eq!(d.kind, Some(DecisionKind::Note));
    assert_eq!(
        d.actions,
        "SIP to visit before half termpasted line\nGovernors to report"
    );
    let lines: Vec<(&str, &str, String)> = d
        .action_lines
        .iter()
        .map(|l| {
            (
                l.text.as_str(),
                l.owner.as_str(),
                l.due.unwrap().to_string(),
            )
        })
        .collect();
    assert_eq!(
        lines,
        [
            (
                "SIP to visit before half termpasted line",
                "SIP",
                "2026-11-30".to_string()
            ),
            ("Governors to report", "Clerk", "2027-01-15".to_string()),
        ],
        "each action its own owner and date"
    );
    // A failed save keeps the text; Ctrl-R submits the same again.
    form.set_error(SaveFailure::new(
        FailureKind::Busy,
        "not saved: the disk is full",
    ));
    assert_eq!(form.error(), Some("not saved: the disk is full"));
    assert_eq!(
        form.press_key(&Keymap::defaults(), ctrl('r')),
        FormOutcome::Submit(d.clone())
    );
    // Input the store refused is not sent again as it is: Ctrl-R waits for a correction,
    // while Enter on the review still saves what is now typed.
    form.set_error(SaveFailure::new(
        FailureKind::Input,
        "there is no school with URN 100101",
    ));
    assert_eq!(
        form.press_key(&Keymap::defaults(), ctrl('r')),
        FormOutcome::Continue
    );
    assert_eq!(press(&mut form, KeyCode::Enter), FormOutcome::Submit(d));
}

fn undo_dataset() -> Dataset {
    let decision = |id: i64, urn: u32, kind: DecisionKind, rationale: &str| Decision {
        id,
        meeting_id: 2,
        urn,
        kind,
        from_category: Some("focused".into()),
        to_category: (kind == DecisionKind::Recategorise).then(|| "enhanced".to_string()),
        rationale: rationale.into(),
        actions: String::new(),
        owner: String::new(),
        due: None,
        recorded_by: "Chair Example".into(),
        recorded_at: "2026-11-23T10:15:00+00:00".into(),
        revokes: None,
        policy_reasons: String::new(),
    };
    let mut revoke = decision(4, 100101, DecisionKind::Revoke, "wrong school");
    revoke.revokes = Some(3);
    Dataset {
        teams: vec!["finance".into()],
        schools: vec![School {
            urn: 100101,
            name: "Brackenfold Primary".into(),
            phase: Phase::Primary,
            establishment_type: "Community school".into(),
            maintained: true,
            pupils: None,
            headteacher: None,
            la_code: None,
            sip: None,
            lama: None,
        }],
        inspections: vec![vec![]],
        categories: vec![vec![]],
        terms: vec![],
        decisions: vec![
            decision(1, 100101, DecisionKind::Recategorise, "Attendance falling"),
            decision(2, 100101, DecisionKind::Note, "Governors to review"),
            decision(3, 100101, DecisionKind::Confirm, "Recorded by mistake"),
            revoke,
            decision(5, 100999, DecisionKind::Confirm, "Another school"),
        ],
        meetings: Vec::new(),
    }
}

#[test]
fn undo_picks_the_latest_standing_decision_and_needs_a_reason() {
    let c = config();
    let t = theme(&c);
    let data = undo_dataset();
    let undo = UndoForm::for_school(&data, &c, 100101).unwrap();
    // #3 is revoked and #4 is a revocation: the latest standing is #2.
    let ids: Vec<i64> = undo.items.iter().map(|i| i.id).collect();
    assert_eq!(ids, vec![2, 1]);
    assert_eq!(undo.selected_item().id, 2);
    let mut form = Form::Undo(undo);
    insta::assert_snapshot!("undo_pick_80x24", screen(&form, &t, 80, 24));
    press(&mut form, KeyCode::Down);
    press(&mut form, KeyCode::Enter);
    let Form::Undo(u) = &form else { unreachable!() };
    assert_eq!(u.step, UndoStep::Reason);
    assert_eq!(
        form.press_key(&Keymap::defaults(), ctrl('s')),
        FormOutcome::Continue
    );
    insta::assert_snapshot!("undo_reason_required_80x24", screen(&form, &t, 80, 24));
    type_text(&mut form, "Minuted against the wrong meeting");
    assert_eq!(
        form.press_key(&Keymap::defaults(), ctrl('s')),
        FormOutcome::Continue
    );
    let Form::Undo(u) = &form else { unreachable!() };
    assert_eq!(u.step, UndoStep::Review, "Ctrl-S moves on to the review");
    insta::assert_snapshot!("undo_review_80x24", screen(&form, &t, 80, 24));
    let FormOutcome::Submit(d) = press(&mut form, KeyCode::Enter) else {
        panic!("Enter on the review records the undo");
    };
    assert_eq!(d.kind, Some(DecisionKind::Revoke));
    assert_eq!(d.revokes, Some(1));
    assert_eq!(d.urn, 100101);
    assert_eq!(d.rationale, "Minuted against the wrong meeting");

    assert!(
        UndoForm::for_school(&data, &c, 100555).is_none(),
        "nothing to undo"
    );
    let meeting = UndoForm::for_meeting(&data, &c, 2).unwrap();
    assert_eq!(
        meeting.selected_item().id,
        5,
        "latest in the meeting, any school"
    );
}

#[test]
fn forms_draw_at_tiny_sizes_without_panicking() {
    let c = config();
    let t = theme(&c);
    let data = undo_dataset();
    let mut forms = vec![
        recategorise(&c),
        Form::Simple(SimpleForm::new(&c, DecisionKind::Confirm, school())),
        Form::Simple(SimpleForm::new(&c, DecisionKind::Defer, school())),
        Form::Simple(SimpleForm::new(&c, DecisionKind::Note, school())),
        Form::Undo(UndoForm::for_school(&data, &c, 100101).unwrap()),
    ];
    for form in &mut forms {
        for step in 0..3 {
            for (w, h) in [(1, 1), (2, 2), (5, 3), (20, 6), (80, 4)] {
                screen(form, &t, w, h);
            }
            type_text(form, "x");
            form.press_key(&Keymap::defaults(), ctrl('s'));
            if step == 0 {
                press(form, KeyCode::Enter);
            }
        }
    }
}
