//! Assess a synthetic borough: 70 schools (a real authority) and 24,000 schools × 8 teams ×
//! 12 terms (every school in England and more, to keep the meeting screen responsive).

use chrono::NaiveDate;
use criterion::{criterion_group, criterion_main, Criterion};
use rand::rngs::SmallRng;
use rand::{Rng, SeedableRng};
use std::hint::black_box;
use std::path::PathBuf;
use termly::config::Config;
use termly::dataset::{Dataset, IndicatorValue, TermScores};
use termly::model::{CategorySpell, Inspection, InspectionOutcome, Phase, School};
use termly::policy::{assess_term, capacity, categories_at};
use termly::term::{Season, Term};

const EIGHT_TEAMS: &str = r#"
[[teams]]
key = "finance"
label = "Finance"
[[teams]]
key = "hr"
label = "HR"
[[teams]]
key = "attendance"
label = "Attendance"
[[teams]]
key = "standards"
label = "Standards"
weight = 1.5
[[teams]]
key = "safeguarding"
label = "Safeguarding"
[[teams]]
key = "governance"
label = "Governance"
[[teams]]
key = "send"
label = "SEND"
[[teams]]
key = "premises"
label = "Premises"
"#;

fn borough(config: &Config, n: usize, n_terms: usize) -> Dataset {
    let mut rng = SmallRng::seed_from_u64(7);
    let teams = config.team_keys();
    let nt = teams.len();
    let cats = [
        "core",
        "core",
        "core",
        "focused",
        "focused_tas",
        "enhanced",
        "intensive_a",
        "intensive_b",
    ];
    let phases = [
        Phase::Primary,
        Phase::Primary,
        Phase::Secondary,
        Phase::Special,
        Phase::Nursery,
    ];
    let mut schools = Vec::with_capacity(n);
    let mut inspections = Vec::with_capacity(n);
    let mut categories = Vec::with_capacity(n);
    for i in 0..n {
        let urn = 100_000 + i as u32;
        let maintained = rng.random_bool(0.6);
        schools.push(School {
            urn,
            name: format!("School {i}"),
            phase: phases[i % phases.len()],
            establishment_type: if maintained {
                "Community school"
            } else {
                "Academy converter"
            }
            .into(),
            maintained,
            pupils: None,
            headteacher: None,
            la_code: None,
            sip: None,
            lama: Some(format!("Adviser {}", i % 40)),
        });
        let date =
            NaiveDate::from_ymd_opt(2020 + rng.random_range(0..6), rng.random_range(1..=12), 10)
                .unwrap();
        inspections.push(vec![Inspection {
            urn,
            date,
            outcome: InspectionOutcome::Legacy {
                grade: rng.random_range(1..=4),
                concern: None,
            },
        }]);
        categories.push(vec![CategorySpell::imported(
            urn,
            cats[rng.random_range(0..cats.len())],
            date,
        )]);
    }
    let first = Term::new(2023, Season::Autumn).ordinal();
    let terms = (0..n_terms)
        .map(|k| {
            let mut t = TermScores::new(Term::from_ordinal(first + k as i32), n, nt);
            for (j, slot) in t.scores.iter_mut().enumerate() {
                // Attendance sometimes sends indicators only, so banding runs too.
                if j % nt == 2 && rng.random_bool(0.2) {
                    t.indicators.push(IndicatorValue {
                        school: (j / nt) as u32,
                        team: 2,
                        name: "persistent_absence_pct".into(),
                        value: rng.random_range(5.0..45.0),
                    });
                } else if rng.random_bool(0.95) {
                    *slot = Some(rng.random_range(1..=4));
                }
            }
            t
        })
        .collect();
    Dataset {
        teams,
        schools,
        inspections,
        categories,
        terms,
        decisions: Vec::new(),
        meetings: Vec::new(),
    }
}

fn bench(c: &mut Criterion) {
    let config = Config::from_sources(
        Some(("bench.toml".into(), EIGHT_TEAMS.into())),
        PathBuf::from("."),
    )
    .unwrap();
    let today = NaiveDate::from_ymd_opt(2027, 7, 1).unwrap();
    for (n, label) in [
        (70, "assess 70 schools"),
        (24_000, "assess 24000 schools x 8 teams, 12 terms"),
    ] {
        let data = borough(&config, n, 12);
        let last = data.terms.len() - 1;
        c.bench_function(label, |b| {
            b.iter(|| black_box(assess_term(&config, &data, last, today)))
        });
    }
    let data = borough(&config, 24_000, 12);
    let cats = categories_at(&data, data.latest_term().unwrap());
    c.bench_function("capacity 24000 schools", |b| {
        b.iter(|| black_box(capacity(&config, &data, &cats)))
    });
}

criterion_group! {
    name = benches;
    config = Criterion::default().sample_size(10);
    targets = bench
}
criterion_main!(benches);
