//! Shared setup for the scale benches: a demo borough written ONCE per bench binary into a
//! temp folder and imported into an on-disk database, so the measured loops run on the real
//! code paths (files, SQLite on disk) without paying for the setup.
//!
//! National scale is 24,000 schools × 8 teams × 12 terms. In a smoke run (`cargo test
//! --benches`, as CI does, or `cargo bench -- --test`) it drops to 2,400 schools unless
//! TERMLY_BENCH_FULL=1 is set, to keep the run short.
#![allow(dead_code)]

use std::path::{Path, PathBuf};
use termly::config::Config;
use termly::demo::{write_demo, DemoFiles, DemoOptions};
use termly::import::import_all;
use termly::ingest::ImportOptions;
use termly::store::{load_dataset, Store};

pub const NATIONAL: usize = 24_000;
pub const GIAS_ROWS: usize = 50_000;

/// True in a smoke run: `cargo bench` passes `--bench`, `cargo test --benches` does not,
/// and `--test` asks criterion for one pass of each benchmark.
pub fn test_mode() -> bool {
    let args: Vec<String> = std::env::args().collect();
    args.iter().any(|a| a == "--test") || !args.iter().any(|a| a == "--bench")
}

/// 24,000, or 2,400 in --test mode without TERMLY_BENCH_FULL=1.
pub fn national() -> usize {
    if test_mode() && std::env::var_os("TERMLY_BENCH_FULL").is_none() {
        NATIONAL / 10
    } else {
        NATIONAL
    }
}

/// A borough on disk with its config (database inside the temp folder).
pub struct Borough {
    pub dir: tempfile::TempDir,
    pub files: DemoFiles,
    pub config: Config,
    pub schools: usize,
}

impl Borough {
    /// `termly demo-data --schools N --terms 12 --teams 8 --seed 1 [--gias-rows R]`.
    pub fn demo(schools: usize, gias_rows: usize) -> Borough {
        let dir = tempfile::tempdir().unwrap();
        let opts = DemoOptions::new(schools, 12, 8, 1);
        let files = write_demo(dir.path(), &opts, gias_rows, false).unwrap();
        let config = Config::load(Some(&files.config)).unwrap();
        Borough {
            dir,
            files,
            config,
            schools,
        }
    }

    /// The bundled Wrenfield fixtures (fixtures/ via the shipped config), with the
    /// database in a temp folder.
    pub fn fixtures() -> Borough {
        let dir = tempfile::tempdir().unwrap();
        let mut config = Config::default_with_base(Path::new("config")).unwrap();
        config.data.database = dir.path().join("termly.db");
        let root = Path::new(env!("CARGO_MANIFEST_DIR")).join("fixtures");
        let files = DemoFiles {
            config: PathBuf::from("config/termly.toml"),
            register: root.join("register.csv"),
            support: root.join("support.csv"),
            inspections: root.join("inspections.csv"),
            scores: root.join("scores"),
            gias: Some(root.join("gias-sample.csv")),
        };
        let schools = std::fs::read_to_string(&files.register)
            .map(|t| t.lines().count().saturating_sub(1))
            .unwrap_or(0);
        Borough {
            dir,
            files,
            config,
            schools,
        }
    }

    pub fn teams(&self) -> Vec<String> {
        self.config.team_keys()
    }

    /// Import everything configured into the borough's database (once, in setup).
    pub fn import(&self) -> Store {
        let mut store = Store::open(&self.config.database_path()).unwrap();
        import_all(
            &self.config,
            &mut store,
            &ImportOptions::default(),
            &termly::clock::FakeClock::default(),
        )
        .unwrap();
        store
    }

    /// Open the imported database and load it, as every command does.
    pub fn load(&self) -> termly::dataset::Dataset {
        let store = Store::open(&self.config.database_path()).unwrap();
        load_dataset(&store, &self.teams()).unwrap()
    }

    pub fn label(&self, what: &str) -> String {
        format!("{what} ({} schools)", self.schools)
    }
}
