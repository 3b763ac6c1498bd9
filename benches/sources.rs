//! `termly import --source` minus process start: the real England absence file (21,217
//! rows, tests/data/real) read into the attendance team's indicators, against a register
//! holding every URN the file names. Each iteration gets a fresh copy of that database.

use criterion::{criterion_group, criterion_main, BatchSize, Criterion};
use std::path::Path;
use termly::config::Config;
use termly::import::{import_all, import_source};
use termly::ingest::indicators::SourceSpec;
use termly::ingest::ImportOptions;
use termly::store::Store;

const ABSENCE: &str = "tests/data/real/performance-tables/england_abs_PPERSABS10.csv";

/// A register (termly's own CSV) of every school URN in the absence file.
fn register_of_every_urn(dir: &Path) -> std::path::PathBuf {
    let text = std::fs::read_to_string(ABSENCE).unwrap();
    let mut out = String::from("urn,name,phase,establishment_type\n");
    for line in text.lines().skip(1) {
        let urn = line.split(',').nth(2).unwrap_or("");
        if urn.len() == 6 && urn.bytes().all(|b| b.is_ascii_digit()) {
            out.push_str(&format!("{urn},School {urn},primary,Community school\n"));
        }
    }
    let path = dir.join("register.csv");
    std::fs::write(&path, out).unwrap();
    path
}

fn bench(c: &mut Criterion) {
    let dir = tempfile::tempdir().unwrap();
    let mut config = Config::default_with_base(Path::new("config")).unwrap();
    let template = dir.path().join("register.db");
    config.data.database = template.clone();
    {
        let mut store = Store::open(&template).unwrap();
        let opts = ImportOptions {
            register: Some(register_of_every_urn(dir.path())),
            ..ImportOptions::default()
        };
        import_all(
            &config,
            &mut store,
            &opts,
            &termly::clock::FakeClock::default(),
        )
        .unwrap();
        store
            .test_connection()
            .execute_batch("PRAGMA wal_checkpoint(TRUNCATE)")
            .unwrap();
    }
    let spec = SourceSpec {
        name: "absence".into(),
        team: "attendance".into(),
        file: ABSENCE.into(),
        urn_column: "URN".into(),
        la_column: Some("LA".into()),
        la_column_required: true,
        la: None,
        columns: vec![
            ("overall_absence_pct".into(), "PERCTOT".into()),
            ("persistent_absence_pct".into(), "PPERSABS10".into()),
        ],
        sheet: None,
    };
    let term = "2025-26 autumn".parse().unwrap();
    let mut n = 0;
    c.bench_function(
        "import the England absence file as indicators (21,217 rows)",
        |b| {
            b.iter_batched(
                || {
                    n += 1;
                    let path = dir.path().join(format!("run-{n}.db"));
                    std::fs::copy(&template, &path).unwrap();
                    Store::open(&path).unwrap()
                },
                |mut store| {
                    import_source(
                        &config,
                        &mut store,
                        &spec,
                        term,
                        &termly::clock::FakeClock::default(),
                    )
                    .unwrap()
                },
                BatchSize::PerIteration,
            )
        },
    );
}

criterion_group! {
    name = benches;
    config = Criterion::default().sample_size(10);
    targets = bench
}
criterion_main!(benches);
