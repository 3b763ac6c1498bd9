//! A small fictional borough built straight into a store, shared by the decision and
//! minutes tests (`mod decisions_fixture;`).
#![allow(dead_code)]

use chrono::{DateTime, FixedOffset, NaiveDate, TimeZone};
use std::path::Path;
use termly::config::Config;
use termly::model::DecisionKind;
use termly::store::decisions::NewDecision;
use termly::store::Store;
use termly::term::{Season, Term};

pub const AMBER: u32 = 100001;
pub const BIRCH: u32 = 100002;
pub const CEDAR: u32 = 100003;
pub const DAMSON: u32 = 100004;

pub fn term() -> Term {
    Term::new(2026, Season::Autumn)
}

pub fn date() -> NaiveDate {
    NaiveDate::from_ymd_opt(2026, 11, 23).unwrap()
}

/// 23 November 2026 at `h:m` UTC.
pub fn at(h: u32, m: u32) -> DateTime<FixedOffset> {
    FixedOffset::east_opt(0)
        .unwrap()
        .with_ymd_and_hms(2026, 11, 23, h, m, 0)
        .unwrap()
}

pub fn config(base: &Path) -> Config {
    Config::default_with_base(base).unwrap()
}

/// Four schools; three with a category; two terms of scores (on either backend).
pub fn fill(store: &Store) {
    store
        .test_db()
        .execute_batch(
            "INSERT INTO schools (urn, name, phase, establishment_type, maintained, lama) VALUES
               (100001, 'Amberley Primary School', 'primary', 'Community school', 1, 'Adviser One'),
               (100002, 'Birchwood Academy', 'secondary', 'Academy converter', 0, 'Adviser Two'),
               (100003, 'Cedar Lane Infants', 'primary', 'Voluntary aided school', 1, NULL),
               (100004, 'Damson Hill Special', 'special', 'Community special school', 1, NULL);
             INSERT INTO category_history (urn, category, since, recorded_at) VALUES
               (100001, 'core', '2024-09-01', '2024-09-01T09:00:00+00:00'),
               (100002, 'focused', '2025-01-06', '2025-01-06T09:00:00+00:00'),
               (100003, 'enhanced', '2025-09-01', '2025-09-01T09:00:00+00:00');
             INSERT INTO scores (term, team, urn, score, comment) VALUES
               ('2026-27-autumn', 'finance', 100001, 1, 'Balanced budget'),
               ('2026-27-autumn', 'attendance', 100001, 2, 'PA slightly above borough'),
               ('2026-27-autumn', 'finance', 100002, 3, 'Deficit | recovery plan'),
               ('2026-27-autumn', 'standards', 100002, 4, 'KS4 outcomes fell'),
               ('2026-27-autumn', 'hr', 100003, 2, ''),
               ('2025-26-summer', 'finance', 100001, 2, 'Earlier');",
        )
        .unwrap();
}

pub fn store() -> Store {
    let store = Store::open_in_memory().unwrap();
    fill(&store);
    store
}

pub fn open_meeting(store: &mut Store) -> i64 {
    store
        .open_or_resume_meeting(
            term(),
            date(),
            "S. Okafor",
            &["A. Finance".to_string(), "B. Standards".to_string()],
            at(9, 0),
        )
        .unwrap()
        .id
}

pub fn new(
    meeting_id: i64,
    urn: u32,
    kind: DecisionKind,
    to: Option<&str>,
    rationale: &str,
) -> NewDecision {
    NewDecision {
        meeting_id,
        urn,
        kind: Some(kind),
        to_category: to.map(str::to_string),
        rationale: rationale.to_string(),
        recorded_by: "S. Okafor".into(),
        ..NewDecision::default()
    }
}

/// One action with its owner and due date (`yyyy-mm-dd`).
pub fn action(text: &str, owner: &str, due: &str) -> termly::model::ActionLine {
    termly::model::ActionLine {
        text: text.into(),
        owner: owner.into(),
        due: due.parse().ok(),
    }
}
