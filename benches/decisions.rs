//! Recording one decision durably (WAL, synchronous=FULL, on disk) and exporting the
//! minutes of a meeting with 500 decisions.

use chrono::{FixedOffset, TimeZone};
use criterion::{criterion_group, criterion_main, Criterion};
use std::hint::black_box;
use termly::config::Config;
use termly::meeting::minutes_of;
use termly::minutes::{markdown, toml_minutes};
use termly::model::DecisionKind;
use termly::store::decisions::NewDecision;
use termly::store::Store;
use termly::term::{Season, Term};

fn fixture(store: &mut Store, schools: u32) -> i64 {
    let tx = store.test_connection().unchecked_transaction().unwrap();
    for i in 0..schools {
        let urn = 200000 + i;
        tx.execute(
            "INSERT INTO schools (urn, name, phase, establishment_type, maintained) VALUES (?1, ?2, 'primary', 'Community school', 1)",
            rusqlite::params![urn, format!("Bench School {i}")],
        )
        .unwrap();
        tx.execute(
            "INSERT INTO category_history (urn, category, since, recorded_at) VALUES (?1, 'core', '2024-09-01', 'x')",
            [urn],
        )
        .unwrap();
    }
    tx.commit().unwrap();
    let now = FixedOffset::east_opt(0)
        .unwrap()
        .with_ymd_and_hms(2026, 11, 23, 9, 0, 0)
        .unwrap();
    store
        .open_or_resume_meeting(
            Term::new(2026, Season::Autumn),
            now.date_naive(),
            "Chair",
            &[],
            now,
        )
        .unwrap()
        .id
}

fn decision(meeting_id: i64, urn: u32, kind: DecisionKind) -> NewDecision {
    NewDecision {
        meeting_id,
        urn,
        kind: Some(kind),
        to_category: (kind == DecisionKind::Recategorise).then(|| "enhanced".to_string()),
        rationale: "Attendance has fallen for three terms.\nStandards concerned | KS2".into(),
        action_lines: vec![termly::model::ActionLine {
            text: "LaMA to agree a plan".into(),
            owner: "Adviser One".into(),
            due: chrono::NaiveDate::from_ymd_opt(2099, 1, 29),
        }],
        recorded_by: "Chair".into(),
        ..NewDecision::default()
    }
}

fn bench(c: &mut Criterion) {
    let config = Config::default_with_base(std::path::Path::new("config")).unwrap();
    let now = FixedOffset::east_opt(0)
        .unwrap()
        .with_ymd_and_hms(2026, 11, 23, 9, 30, 0)
        .unwrap();

    let dir = tempfile::tempdir().unwrap();
    let mut store = Store::open(&dir.path().join("bench.db")).unwrap();
    let m = fixture(&mut store, 50);
    c.bench_function(
        "record one decision durably (file, WAL, synchronous=FULL)",
        |b| {
            b.iter(|| {
                termly::meeting::record_decision(
                    &mut store,
                    &config,
                    decision(m, 200001, DecisionKind::Confirm),
                    now,
                )
                .unwrap()
            })
        },
    );

    let mut big = Store::open_in_memory().unwrap();
    let m = fixture(&mut big, 500);
    for i in 0..500 {
        let kind = [
            DecisionKind::Recategorise,
            DecisionKind::Confirm,
            DecisionKind::Defer,
            DecisionKind::Note,
        ][i % 4];
        termly::meeting::record_decision(
            &mut big,
            &config,
            decision(m, 200000 + i as u32, kind),
            now,
        )
        .unwrap();
    }
    c.bench_function("export minutes, 500 decisions (markdown + toml)", |b| {
        b.iter(|| {
            let built = minutes_of(&config, &big, m, false).unwrap();
            black_box(markdown::render(&config, &built));
            black_box(toml_minutes::to_toml(&built).unwrap());
        })
    });
}

criterion_group!(benches, bench);
criterion_main!(benches);
