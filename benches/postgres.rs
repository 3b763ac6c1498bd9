//! PostgreSQL against SQLite at national scale (24,000 schools × 8 teams × 12 terms): the
//! snapshot (open + load + assess + render) and the screen's start to first frame on each, and
//! one durable decision on PostgreSQL. Targets: PostgreSQL at most twice SQLite's figure for
//! the first two, and at most 20 ms median for the decision on a local server.
//!
//! Needs a server: `TERMLY_TEST_PG=postgres://…` (`.ci/postgres start` prints one). Without
//! it the bench says SKIPPED, except in CI, where its absence is a failure.

#[path = "scale/mod.rs"]
mod scale;

#[path = "../tests/common/pg.rs"]
mod pg;

use chrono::{FixedOffset, NaiveDate, TimeZone};
use criterion::{criterion_group, criterion_main, Criterion};
use ratatui::buffer::Buffer;
use ratatui::layout::Rect;
use scale::Borough;
use std::hint::black_box;
use termly::config::Config;
use termly::import::import_all;
use termly::ingest::ImportOptions;
use termly::model::{DecisionKind, NewDecision};
use termly::policy::assess_term;
use termly::printout::{self, Options};
use termly::store::{load_dataset, Store};
use termly::term::{Season, Term};
use termly::tui::{ui, App};

const AREA: Rect = Rect::new(0, 0, 160, 45);

fn today() -> NaiveDate {
    NaiveDate::from_ymd_opt(2026, 11, 23).unwrap()
}

fn open(config: &Config) -> Store {
    Store::open_at(
        &config.database_location(),
        config.data.password_command.as_deref(),
    )
    .unwrap()
}

fn snapshot_text(config: &Config) -> String {
    let store = open(config);
    let data = load_dataset(&store, &config.team_keys()).unwrap();
    let last = data.terms.len() - 1;
    let assessment = assess_term(config, &data, last, today());
    printout::render(config, &data, &assessment, Options::default())
}

fn first_frame(config: &Config, buf: &mut Buffer) -> App {
    let store = open(config);
    let data = load_dataset(&store, &config.team_keys()).unwrap();
    let mut app = App::new(
        config.clone(),
        data,
        None,
        termly::clock::FakeClock::on(today()).shared(),
        termly::commands::screen::hooks(),
    )
    .unwrap()
    .with_store(store)
    .unwrap();
    app.set_screen(AREA);
    buf.reset();
    ui::render_buffer(&app, AREA, buf);
    app
}

fn bench(c: &mut Criterion) {
    let Some(server) = pg::server() else {
        return;
    };
    let borough = Borough::demo(scale::national(), 0);
    drop(borough.import());
    let mut on_server = borough.config.clone();
    on_server.data.database = pg::fresh_database(&server, "bench").into();
    import_all(
        &on_server,
        &mut open(&on_server),
        &ImportOptions::default(),
        &termly::clock::FakeClock::default(),
    )
    .unwrap();
    assert_eq!(snapshot_text(&borough.config), snapshot_text(&on_server));

    for (backend, config) in [("sqlite", &borough.config), ("postgres", &on_server)] {
        c.bench_function(
            &borough.label(&format!(
                "{backend}: snapshot open + load + assess + render"
            )),
            |b| b.iter(|| black_box(snapshot_text(config))),
        );
        c.bench_function(
            &borough.label(&format!("{backend}: screen start to first frame 160x45")),
            |b| {
                let mut buf = Buffer::empty(AREA);
                b.iter(|| black_box(first_frame(config, &mut buf)))
            },
        );
    }

    let now = FixedOffset::east_opt(0)
        .unwrap()
        .with_ymd_and_hms(2026, 11, 23, 9, 30, 0)
        .unwrap();
    let mut store = open(&on_server);
    let meeting = store
        .open_or_resume_meeting(Term::new(2026, Season::Autumn), today(), "Chair", &[], now)
        .unwrap()
        .id;
    let urn = load_dataset(&store, &on_server.team_keys())
        .unwrap()
        .schools[0]
        .urn;
    c.bench_function(
        "postgres: record one decision durably (local server)",
        |b| {
            b.iter(|| {
                let decision = NewDecision {
                    meeting_id: meeting,
                    urn,
                    kind: Some(DecisionKind::Note),
                    rationale: "Noted at the meeting.".into(),
                    recorded_by: "Chair".into(),
                    ..NewDecision::default()
                };
                termly::meeting::record_decision(&mut store, &on_server, decision, now).unwrap()
            })
        },
    );
}

criterion_group! {
    name = benches;
    config = Criterion::default().sample_size(10);
    targets = bench
}
criterion_main!(benches);
