//! `termly admin copy` at national scale (24,000 schools × 8 teams × 12 terms: 2.3 million
//! score rows, 0.9 million indicators): SQLite → PostgreSQL and PostgreSQL → SQLite, each
//! into a new empty database, and SQLite → SQLite for comparison. Each measured copy
//! includes its checks (every table counted on both sides, the record's checksum) and the
//! commit.
//!
//! Needs a server: `TERMLY_TEST_PG=postgres://…` (`.ci/postgres start` prints one). Without
//! it the bench says SKIPPED, except in CI, where its absence is a failure.

#[path = "scale/mod.rs"]
mod scale;

#[path = "../tests/common/pg.rs"]
mod pg;

use criterion::{criterion_group, criterion_main, Criterion};
use scale::Borough;
use std::time::{Duration, Instant};
use termly::store::copy::copy_store;
use termly::store::{Location, Store};

fn open_server(url: &str) -> Store {
    Store::open_at(&Location::Postgres(url.to_string()), None).unwrap()
}

/// Drop a database the bench made, so a run leaves nothing on the server.
fn drop_database(server: &str, url: &str) {
    let name = url.rsplit('/').next().unwrap().split('?').next().unwrap();
    let mut admin = postgres::Client::connect(server, postgres::NoTls).unwrap();
    admin
        .batch_execute(&format!("DROP DATABASE IF EXISTS {name}"))
        .unwrap();
}

/// Time `iters` copies of `from`, each into a new destination made (and removed) untimed.
fn timed_copies<D>(
    iters: u64,
    from: &Store,
    mut make: impl FnMut() -> (Store, D),
    mut remove: impl FnMut(D),
) -> Duration {
    let mut total = Duration::ZERO;
    for _ in 0..iters {
        let (to, handle) = make();
        let start = Instant::now();
        copy_store(from, &to).unwrap();
        total += start.elapsed();
        drop(to);
        remove(handle);
    }
    total
}

fn bench(c: &mut Criterion) {
    let Some(server) = pg::server() else {
        return;
    };
    let borough = Borough::demo(scale::national(), 0);
    let sqlite = borough.import();
    let source_url = pg::fresh_database(&server, "copysource");
    let on_server = open_server(&source_url);
    copy_store(&sqlite, &on_server).unwrap();
    let files = tempfile::tempdir().unwrap();
    let mut next_file = 0;
    let mut new_file = || {
        next_file += 1;
        let path = files.path().join(format!("copy-{next_file}.db"));
        (Store::open(&path).unwrap(), path)
    };
    let remove_file = |path: std::path::PathBuf| std::fs::remove_file(path).unwrap();

    c.bench_function(&borough.label("copy: SQLite → PostgreSQL"), |b| {
        b.iter_custom(|iters| {
            let new_database = || {
                let url = pg::fresh_database(&server, "copybench");
                (open_server(&url), url)
            };
            timed_copies(iters, &sqlite, new_database, |url| {
                drop_database(&server, &url)
            })
        })
    });
    c.bench_function(&borough.label("copy: PostgreSQL → SQLite"), |b| {
        b.iter_custom(|iters| timed_copies(iters, &on_server, &mut new_file, remove_file))
    });
    c.bench_function(&borough.label("copy: SQLite → SQLite"), |b| {
        b.iter_custom(|iters| timed_copies(iters, &sqlite, &mut new_file, remove_file))
    });
    drop(on_server);
    drop_database(&server, &source_url);
}

criterion_group! {
    name = benches;
    config = Criterion::default().sample_size(10);
    targets = bench
}
criterion_main!(benches);
