//! Actions between meetings: listing every action of a borough whose last meeting set 1,000
//! (500 decisions, two lines each), and gathering the next meeting's matters arising.

use chrono::{Duration, FixedOffset, TimeZone};
use criterion::{criterion_group, criterion_main, Criterion};
use std::hint::black_box;
use termly::actions::{sort_for_review, ActionFilter};
use termly::config::Config;
use termly::model::DecisionKind;
use termly::store::decisions::NewDecision;
use termly::store::Store;
use termly::term::{Season, Term};

fn borough(store: &mut Store, schools: u32) {
    let tx = store.test_connection().unchecked_transaction().unwrap();
    for i in 0..schools {
        tx.execute(
            "INSERT INTO schools (urn, name, phase, establishment_type, maintained) VALUES (?1, ?2, 'primary', 'Community school', 1)",
            rusqlite::params![200000 + i, format!("Bench School {i}")],
        )
        .unwrap();
    }
    tx.commit().unwrap();
}

fn bench(c: &mut Criterion) {
    let config = Config::default_with_base(std::path::Path::new("config")).unwrap();
    let autumn = FixedOffset::east_opt(0)
        .unwrap()
        .with_ymd_and_hms(2026, 11, 23, 9, 0, 0)
        .unwrap();
    let mut store = Store::open_in_memory().unwrap();
    borough(&mut store, 500);
    let first = store
        .open_or_resume_meeting(
            Term::new(2026, Season::Autumn),
            autumn.date_naive(),
            "Chair",
            &[],
            autumn,
        )
        .unwrap()
        .id;
    for i in 0..500u32 {
        let kind = if i % 5 == 0 {
            DecisionKind::Defer
        } else {
            DecisionKind::Note
        };
        let new = NewDecision {
            meeting_id: first,
            urn: 200000 + i,
            kind: Some(kind),
            rationale: "Attendance has fallen".into(),
            // Each action with its owner and due date (a deferral's own date is its revisit).
            action_lines: ["Visit the school", "Report to governors"]
                .map(|text| termly::model::ActionLine {
                    text: text.into(),
                    owner: format!("Officer {}", i % 12),
                    due: Some(autumn.date_naive() + Duration::days(i as i64 % 60)),
                })
                .to_vec(),
            due: Some(autumn.date_naive() + Duration::days(30)),
            recorded_by: "Chair".into(),
            ..NewDecision::default()
        };
        termly::meeting::record_decision(&mut store, &config, new, autumn).unwrap();
    }
    store.close_meeting(first, autumn).unwrap();
    let spring = autumn + Duration::days(60);
    let second = store
        .open_or_resume_meeting(
            Term::new(2026, Season::Spring),
            spring.date_naive(),
            "Chair",
            &[],
            spring,
        )
        .unwrap()
        .id;
    let today = spring.date_naive();

    c.bench_function("termly actions --overdue --owner, 1,000 actions", |b| {
        let filter = ActionFilter {
            overdue_only: true,
            owner: Some("officer 3".into()),
            ..ActionFilter::default()
        };
        b.iter(|| {
            let mut list: Vec<_> = store
                .actions()
                .unwrap()
                .into_iter()
                .filter(|a| filter.keeps(a, today))
                .collect();
            sort_for_review(&mut list, today);
            black_box(list)
        })
    });
    c.bench_function(
        "matters arising of the next meeting, 1,000 actions, 100 deferrals",
        |b| b.iter(|| black_box(store.matters_arising(second).unwrap())),
    );
}

criterion_group!(benches, bench);
criterion_main!(benches);
