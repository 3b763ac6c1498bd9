//! Copies of the fixture data in `tests/data`.

use std::path::{Path, PathBuf};
use termly::config::Config;
use termly::import::import_all;
use termly::ingest::ImportOptions;
use termly::store::Store;

/// `tests/data` in this crate.
pub fn data_dir() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/data")
}

/// Copy the tree `from` into `to` (created if need be), leaving out files named in `skip`.
pub fn copy_dir_skipping(from: &Path, to: &Path, skip: &[&str]) {
    std::fs::create_dir_all(to).unwrap();
    for entry in std::fs::read_dir(from).unwrap() {
        let entry = entry.unwrap();
        let target = to.join(entry.file_name());
        if entry.file_type().unwrap().is_dir() {
            copy_dir_skipping(&entry.path(), &target, skip);
        } else if !skip.iter().any(|s| entry.file_name() == *s) {
            std::fs::copy(entry.path(), target).unwrap();
        }
    }
}

/// Copy the tree `from` into `to`, except any `termly.db` (a database left by a run by
/// hand in the source folder must not leak into a test).
pub fn copy_dir(from: &Path, to: &Path) {
    copy_dir_skipping(from, to, &["termly.db"]);
}

/// `tests/data/good` copied into a new temp folder.
pub fn good_borough() -> tempfile::TempDir {
    let dir = tempfile::tempdir().unwrap();
    copy_dir(&data_dir().join("good"), dir.path());
    dir
}

/// `tests/data/good` in a temp folder, imported; its config and database path.
pub fn imported_borough() -> (tempfile::TempDir, Config, PathBuf) {
    let dir = good_borough();
    let config = Config::load(Some(&dir.path().join("termly.toml"))).unwrap();
    let db = config.database_path();
    imported_store(&config);
    (dir, config, db)
}

/// The config's database opened and every input it names imported, with a fake clock so
/// the import's timestamps are fixed.
pub fn imported_store(config: &Config) -> Store {
    let mut store = Store::open(&config.database_path()).unwrap();
    import_all(
        config,
        &mut store,
        &ImportOptions::default(),
        &termly::clock::FakeClock::default(),
    )
    .unwrap();
    store
}

/// The Markdown minutes the screen wrote into `<dir>/minutes` (the first found).
pub fn written_minutes(dir: &Path) -> String {
    let md = std::fs::read_dir(dir.join("minutes"))
        .unwrap()
        .map(|e| e.unwrap().path())
        .find(|p| p.extension().is_some_and(|e| e == "md"))
        .expect("a Markdown minutes file");
    std::fs::read_to_string(md).unwrap()
}
