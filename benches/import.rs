//! `termly import` minus process start, on disk: one term's scores (8 team files) into a
//! database that already holds the register, and a 50,000-row Windows-1252 GIAS extract
//! into a new database. Each iteration gets a fresh database (prepared outside the timing).

#[path = "scale/mod.rs"]
mod scale;

use criterion::{criterion_group, criterion_main, BatchSize, Criterion};
use scale::Borough;
use std::path::{Path, PathBuf};
use termly::import::import_all;
use termly::ingest::ImportOptions;
use termly::store::Store;

/// A scores folder holding only the latest term, copied from the borough's.
fn one_term(b: &Borough) -> PathBuf {
    let mut terms: Vec<PathBuf> = std::fs::read_dir(&b.files.scores)
        .unwrap()
        .map(|e| e.unwrap().path())
        .collect();
    terms.sort();
    let latest = terms.last().unwrap();
    let out = b.dir.path().join("one-term");
    let dest = out.join(latest.file_name().unwrap());
    std::fs::create_dir_all(&dest).unwrap();
    for f in std::fs::read_dir(latest).unwrap() {
        let f = f.unwrap().path();
        std::fs::copy(&f, dest.join(f.file_name().unwrap())).unwrap();
    }
    out
}

/// A copy of `template` (a closed database) at a fresh path, opened.
fn fresh_copy(template: &Path, dir: &Path, n: &mut u32) -> Store {
    *n += 1;
    let path = dir.join(format!("run-{n}.db"));
    std::fs::copy(template, &path).unwrap();
    Store::open(&path).unwrap()
}

fn scores(c: &mut Criterion, b: &Borough) {
    let template = b.dir.path().join("register-only.db");
    {
        let mut store = Store::open(&template).unwrap();
        let opts = ImportOptions {
            register: Some(b.files.register.clone()),
            support: Some(b.files.support.clone()),
            inspections: Some(b.files.inspections.clone()),
            ..ImportOptions::default()
        };
        import_all(
            &b.config,
            &mut store,
            &opts,
            &termly::clock::FakeClock::default(),
        )
        .unwrap();
        // Fold the WAL into the file so a plain copy is the whole database.
        store
            .test_connection()
            .execute_batch("PRAGMA wal_checkpoint(TRUNCATE)")
            .unwrap();
    }
    let opts = ImportOptions {
        scores: Some(one_term(b)),
        ..ImportOptions::default()
    };
    let runs = tempfile::tempdir().unwrap();
    let mut n = 0;
    c.bench_function(&b.label("import one term's scores, 8 teams"), |bench| {
        bench.iter_batched(
            || fresh_copy(&template, runs.path(), &mut n),
            |mut store| {
                import_all(
                    &b.config,
                    &mut store,
                    &opts,
                    &termly::clock::FakeClock::default(),
                )
                .unwrap()
            },
            BatchSize::PerIteration,
        )
    });
}

fn gias(c: &mut Criterion, b: &Borough) {
    let path = b.files.gias.clone().unwrap();
    let rows = std::fs::read(&path).unwrap().split(|&c| c == b'\n').count() - 2;
    let opts = ImportOptions {
        register: Some(path),
        ..ImportOptions::default()
    };
    let runs = tempfile::tempdir().unwrap();
    let mut n = 0;
    c.bench_function(&format!("import GIAS extract ({rows} rows)"), |bench| {
        bench.iter_batched(
            || {
                n += 1;
                Store::open(&runs.path().join(format!("gias-{n}.db"))).unwrap()
            },
            |mut store| {
                import_all(
                    &b.config,
                    &mut store,
                    &opts,
                    &termly::clock::FakeClock::default(),
                )
                .unwrap()
            },
            BatchSize::PerIteration,
        )
    });
}

fn bench(c: &mut Criterion) {
    let fixtures = Borough::fixtures();
    scores(c, &fixtures);
    gias(c, &fixtures);
    let gias_rows = scale::GIAS_ROWS * scale::national() / scale::NATIONAL;
    let national = Borough::demo(scale::national(), gias_rows);
    scores(c, &national);
    gias(c, &national);
}

criterion_group! {
    name = benches;
    config = Criterion::default().sample_size(10);
    targets = bench
}
criterion_main!(benches);
