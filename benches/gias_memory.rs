//! Peak memory of a national GIAS import: `termly import --register gias.csv` on the
//! 50,000-row Windows-1252 extract `termly demo-data --gias-rows 50000` writes (5,000 rows in
//! a smoke run unless TERMLY_BENCH_FULL=1). Criterion measures with [`PeakHeap`]: the most
//! bytes the Rust heap held at once during an import, above what it held before. SQLite's
//! own page cache is allocated outside Rust's allocator and is not counted; `/usr/bin/time -v`
//! gives the whole process (see README, "Performance").

#[path = "scale/mod.rs"]
mod scale;

use criterion::measurement::{Measurement, ValueFormatter};
use criterion::{criterion_group, criterion_main, BatchSize, Criterion, Throughput};
use std::alloc::{GlobalAlloc, Layout, System};
use std::sync::atomic::{AtomicUsize, Ordering};
use termly::config::Config;
use termly::demo::{write_demo, DemoOptions};
use termly::import::import_all;
use termly::ingest::ImportOptions;
use termly::store::Store;

/// The system allocator, keeping count of the bytes in use and the most in use at once.
struct Counting;

static IN_USE: AtomicUsize = AtomicUsize::new(0);
static PEAK: AtomicUsize = AtomicUsize::new(0);

unsafe impl GlobalAlloc for Counting {
    unsafe fn alloc(&self, layout: Layout) -> *mut u8 {
        let p = unsafe { System.alloc(layout) };
        if !p.is_null() {
            let now = IN_USE.fetch_add(layout.size(), Ordering::Relaxed) + layout.size();
            PEAK.fetch_max(now, Ordering::Relaxed);
        }
        p
    }
    unsafe fn dealloc(&self, ptr: *mut u8, layout: Layout) {
        unsafe { System.dealloc(ptr, layout) };
        IN_USE.fetch_sub(layout.size(), Ordering::Relaxed);
    }
}

#[global_allocator]
static ALLOCATOR: Counting = Counting;

/// Peak heap bytes above the level at the start of a measurement.
struct PeakHeap;

impl Measurement for PeakHeap {
    type Intermediate = usize;
    type Value = usize;

    fn start(&self) -> usize {
        let now = IN_USE.load(Ordering::Relaxed);
        PEAK.store(now, Ordering::Relaxed);
        now
    }
    fn end(&self, base: usize) -> usize {
        PEAK.load(Ordering::Relaxed).saturating_sub(base)
    }
    fn add(&self, a: &usize, b: &usize) -> usize {
        a + b
    }
    fn zero(&self) -> usize {
        0
    }
    fn to_f64(&self, value: &usize) -> f64 {
        *value as f64
    }
    fn formatter(&self) -> &dyn ValueFormatter {
        &Megabytes
    }
}

struct Megabytes;

impl ValueFormatter for Megabytes {
    fn scale_values(&self, _typical: f64, values: &mut [f64]) -> &'static str {
        values.iter_mut().for_each(|v| *v /= 1e6);
        "MB"
    }
    fn scale_throughputs(
        &self,
        _typical: f64,
        _t: &Throughput,
        values: &mut [f64],
    ) -> &'static str {
        values.iter_mut().for_each(|v| *v /= 1e6);
        "MB"
    }
    fn scale_for_machines(&self, _values: &mut [f64]) -> &'static str {
        "bytes"
    }
}

fn bench(c: &mut Criterion<PeakHeap>) {
    let rows = scale::GIAS_ROWS * scale::national() / scale::NATIONAL;
    let dir = tempfile::tempdir().unwrap();
    let files = write_demo(dir.path(), &DemoOptions::new(200, 1, 1, 1), rows, false).unwrap();
    let config = Config::load(Some(&files.config)).unwrap();
    let opts = ImportOptions {
        register: files.gias.clone(),
        ..ImportOptions::default()
    };
    let mut n = 0;
    c.bench_function(&format!("peak heap of a GIAS import ({rows} rows)"), |b| {
        b.iter_batched(
            || {
                n += 1;
                Store::open(&dir.path().join(format!("gias-{n}.db"))).unwrap()
            },
            |mut store| {
                import_all(
                    &config,
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

criterion_group! {
    name = benches;
    config = Criterion::default().with_measurement(PeakHeap).sample_size(10);
    targets = bench
}
criterion_main!(benches);
