//! `termly snapshot` minus process start: open the on-disk database, load every term,
//! assess the latest term and render the text heat map (24,000 rows at national scale).
//! Also each step alone, to show where the time goes.

#[path = "scale/mod.rs"]
mod scale;

use chrono::NaiveDate;
use criterion::{criterion_group, criterion_main, Criterion};
use scale::Borough;
use std::hint::black_box;
use termly::policy::assess_term;
use termly::printout::{self, Options};
use termly::store::{load_dataset, Store};

fn today() -> NaiveDate {
    NaiveDate::from_ymd_opt(2026, 11, 23).unwrap()
}

fn snapshot_text(b: &Borough) -> String {
    let store = Store::open(&b.config.database_path()).unwrap();
    let data = load_dataset(&store, &b.teams()).unwrap();
    let last = data.terms.len() - 1;
    let assessment = assess_term(&b.config, &data, last, today());
    printout::render(&b.config, &data, &assessment, Options::default())
}

fn bench(c: &mut Criterion) {
    for borough in [Borough::fixtures(), Borough::demo(scale::national(), 0)] {
        drop(borough.import());
        c.bench_function(
            &borough.label("snapshot: open + load + assess + render"),
            |b| b.iter(|| black_box(snapshot_text(&borough))),
        );
        c.bench_function(&borough.label("snapshot step: open + load_dataset"), |b| {
            b.iter(|| black_box(borough.load()))
        });
        let data = borough.load();
        let last = data.terms.len() - 1;
        c.bench_function(&borough.label("snapshot step: assess_term"), |b| {
            b.iter(|| black_box(assess_term(&borough.config, &data, last, today())))
        });
        let assessment = assess_term(&borough.config, &data, last, today());
        c.bench_function(&borough.label("snapshot step: render text"), |b| {
            b.iter(|| {
                black_box(printout::render(
                    &borough.config,
                    &data,
                    &assessment,
                    Options::default(),
                ))
            })
        });
    }
}

criterion_group! {
    name = benches;
    config = Criterion::default().sample_size(10);
    targets = bench
}
criterion_main!(benches);
