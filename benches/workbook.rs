//! Reading one team's term of 24,000 schools (the national scale) as a workbook against the
//! same rows as CSV: `urn, score, comment` and two indicators, one a percentage cell. The
//! target is at most 3× the CSV time. Both are read from memory, so only parsing counts.
//! A smoke run (`cargo test --benches`) reads 2,400 rows unless TERMLY_BENCH_FULL=1.

mod scale;

use criterion::{criterion_group, criterion_main, Criterion};
use std::fmt::Write as _;
use termly::config::Config;
use termly::ingest::input::Input;
use termly::ingest::scores;

/// The same `rows` twice: CSV text and a workbook.
fn term_files(rows: u32) -> (Vec<u8>, Vec<u8>) {
    let mut csv = String::from("urn,score,comment,persistent_absence_pct,overall_absence_pct\n");
    let mut book = rust_xlsxwriter::Workbook::new();
    let percent = rust_xlsxwriter::Format::new().set_num_format("0.0%");
    let sheet = book.add_worksheet().set_name("attendance").unwrap();
    let headers = [
        "urn",
        "score",
        "comment",
        "persistent_absence_pct",
        "overall_absence_pct",
    ];
    for (c, h) in headers.iter().enumerate() {
        sheet.write_string(0, c as u16, *h).unwrap();
    }
    for i in 0..rows {
        let urn = 100_000 + i;
        let score = 1 + i % 4;
        let comment = if i % 5 == 0 {
            "PA rising since spring"
        } else {
            ""
        };
        let pa = 5.0 + f64::from(i % 300) / 10.0;
        let overall = 3.0 + f64::from(i % 90) / 10.0;
        let _ = writeln!(csv, "{urn},{score},{comment},{pa:.1},{overall:.1}");
        let r = i + 1;
        sheet.write_number(r, 0, f64::from(urn)).unwrap();
        sheet.write_number(r, 1, f64::from(score)).unwrap();
        if !comment.is_empty() {
            sheet.write_string(r, 2, comment).unwrap();
        }
        sheet
            .write_number_with_format(r, 3, pa / 100.0, &percent)
            .unwrap();
        sheet.write_number(r, 4, overall).unwrap();
    }
    (csv.into_bytes(), book.save_to_buffer().unwrap())
}

fn bench(c: &mut Criterion) {
    let config = Config::default_with_base(std::path::Path::new("config")).unwrap();
    let n = scale::national();
    let (csv, xlsx) = term_files(n as u32);
    let read = |name: &str, bytes: &[u8]| {
        let (rows, _) =
            scores::read_input(Input::from_bytes(name, bytes), &config.scale, None).unwrap();
        assert_eq!(rows.len(), n);
    };
    let mut group = c.benchmark_group(format!("read one team's term ({n} rows)"));
    group.bench_function("CSV", |b| b.iter(|| read("attendance.csv", &csv)));
    group.bench_function("workbook (xlsx)", |b| {
        b.iter(|| read("attendance.xlsx", &xlsx))
    });
    group.finish();
}

criterion_group! {
    name = benches;
    config = Criterion::default().sample_size(10);
    targets = bench
}
criterion_main!(benches);
