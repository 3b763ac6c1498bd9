//! Each decision form names its attempt to save with one request id, sent unchanged by every
//! retry, so a retry after a lost commit is recognised by the store (see
//! tests/library/store_backends_requests.rs); a new form is a new request.

use ratatui::crossterm::event::{KeyCode, KeyEvent, KeyModifiers};
use std::path::Path;
use termly::config::Config;
use termly::model::{DecisionKind, NewDecision};
use termly::store::decisions::FailureKind;
use termly::tui::forms::{Form, FormOutcome, SaveFailure, SchoolRef, SimpleForm};
use termly::tui::Keymap;

fn school() -> SchoolRef {
    SchoolRef {
        urn: 100101,
        name: "Brackenfold Primary".into(),
        category: Some("enhanced".into()),
    }
}

fn confirm_form(config: &Config) -> Form {
    Form::Simple(SimpleForm::new(config, DecisionKind::Confirm, school()))
}

fn submit(form: &mut Form, key: KeyEvent) -> NewDecision {
    match form.press_key(&Keymap::defaults(), key) {
        FormOutcome::Submit(draft) => *draft,
        other => panic!("expected a submission, got {other:?}"),
    }
}

#[test]
fn every_retry_of_a_form_sends_its_request_id_and_a_new_form_another() {
    let config = Config::default_with_base(Path::new("config")).unwrap();
    let enter = KeyEvent::new(KeyCode::Enter, KeyModifiers::NONE);
    let retry = KeyEvent::new(KeyCode::Char('r'), KeyModifiers::CONTROL);
    let mut form = confirm_form(&config);
    let first = submit(&mut form, enter);
    let id = first
        .request_id
        .clone()
        .expect("the form names its request");
    assert!(id.len() >= 32, "{id}");
    form.set_error(SaveFailure::new(
        FailureKind::Busy,
        "not saved: the database is unreachable; your text is kept",
    ));
    assert_eq!(submit(&mut form, retry).request_id.as_ref(), Some(&id));
    assert_eq!(submit(&mut form, enter).request_id.as_ref(), Some(&id));
    let other = submit(&mut confirm_form(&config), enter);
    assert_ne!(other.request_id, Some(id), "a new form is a new decision");
}
