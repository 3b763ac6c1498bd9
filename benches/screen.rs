//! The meeting screen at fixture and national scale, on the real path: an on-disk database
//! imported from demo files, `load_dataset`, `App::new` with the real policy hooks, and
//! rendering into a 160×45 buffer. First frame after start, then key → finished frame for
//! move, page, open detail, a filter keystroke, a re-sort and a regroup.

#[path = "scale/mod.rs"]
mod scale;

use chrono::NaiveDate;
use criterion::{criterion_group, criterion_main, Criterion};
use ratatui::buffer::Buffer;
use ratatui::layout::Rect;
use scale::Borough;
use std::hint::black_box;
use termly::store::{load_dataset, Store};
use termly::tui::{ui, Action, App};

const AREA: Rect = Rect::new(0, 0, 160, 45);

fn today() -> NaiveDate {
    NaiveDate::from_ymd_opt(2026, 11, 23).unwrap()
}

/// What `termly` does before the first draw (less the terminal): open, load, assess, view.
fn start(b: &Borough) -> App {
    let store = Store::open(&b.config.database_path()).unwrap();
    let data = load_dataset(&store, &b.teams()).unwrap();
    let mut app = App::new(
        b.config.clone(),
        data,
        None,
        termly::clock::FakeClock::on(today()).shared(),
        termly::commands::screen::hooks(),
    )
    .unwrap()
    .with_store(store)
    .unwrap();
    app.set_screen(AREA);
    app
}

fn frame(app: &App, buf: &mut Buffer) {
    buf.reset();
    ui::render_buffer(app, AREA, buf);
}

/// One key then one frame; `pair` alternates so the cursor never runs off the end.
fn key_frame(c: &mut Criterion, app: &mut App, label: &str, pair: [Action; 2]) {
    let mut buf = Buffer::empty(AREA);
    let mut flip = false;
    c.bench_function(label, |b| {
        b.iter(|| {
            app.apply(pair[flip as usize]);
            flip = !flip;
            frame(app, &mut buf);
            black_box(&buf);
        })
    });
}

fn bench(c: &mut Criterion) {
    for borough in [Borough::fixtures(), Borough::demo(scale::national(), 0)] {
        drop(borough.import());
        let l = |what: &str| borough.label(what);
        c.bench_function(&l("screen: start to first frame 160x45"), |b| {
            let mut buf = Buffer::empty(AREA);
            b.iter(|| {
                let app = start(&borough);
                frame(&app, &mut buf);
                black_box(app)
            })
        });
        let mut app = start(&borough);
        key_frame(
            c,
            &mut app,
            &l("key->frame: move"),
            [Action::Down, Action::Up],
        );
        key_frame(
            c,
            &mut app,
            &l("key->frame: page"),
            [Action::PageDown, Action::PageUp],
        );
        key_frame(
            c,
            &mut app,
            &l("key->frame: open detail / close"),
            [Action::OpenDetail, Action::Close],
        );
        app.apply(Action::Filter);
        key_frame(
            c,
            &mut app,
            &l("key->frame: filter keystroke"),
            [Action::Input('a'), Action::FilterBackspace],
        );
        app.apply(Action::FilterCancel);
        key_frame(
            c,
            &mut app,
            &l("key->frame: re-sort"),
            [Action::SortNext, Action::SortPrev],
        );
        key_frame(
            c,
            &mut app,
            &l("key->frame: regroup"),
            [Action::Group, Action::Group],
        );
    }
}

criterion_group! {
    name = benches;
    config = Criterion::default().sample_size(20);
    targets = bench
}
criterion_main!(benches);
