//! Live updates: pick up other processes' writes to the database (SQLite's data_version)
//! and, with `--watch`, re-import score files that change on disk.

use super::app::App;
use crate::store::load_dataset;
use std::collections::BTreeMap;
use std::path::{Path, PathBuf};
use std::time::{Duration, Instant, SystemTime};

/// How often the score folders are scanned.
const WATCH_EVERY: Duration = Duration::from_secs(1);

/// Notices changes to the CSV files under the scores folder (one level of term folders).
pub struct Watcher {
    root: PathBuf,
    last_scan: Option<Instant>,
    seen: Option<BTreeMap<PathBuf, SystemTime>>,
}

impl Watcher {
    pub fn new(root: PathBuf) -> Watcher {
        Watcher {
            root,
            last_scan: None,
            seen: None,
        }
    }

    /// True when a file was added, removed or modified since the previous scan. Scans at
    /// most once a second; the first scan only records what is there.
    pub fn changed(&mut self, now: Instant) -> bool {
        if self
            .last_scan
            .is_some_and(|t| now.duration_since(t) < WATCH_EVERY)
        {
            return false;
        }
        self.last_scan = Some(now);
        let current = scan(&self.root);
        let changed = self.seen.as_ref().is_some_and(|s| *s != current);
        self.seen = Some(current);
        changed
    }
}

fn scan(root: &Path) -> BTreeMap<PathBuf, SystemTime> {
    let mut out = BTreeMap::new();
    let Ok(terms) = std::fs::read_dir(root) else {
        return out;
    };
    for term in terms.flatten() {
        let Ok(files) = std::fs::read_dir(term.path()) else {
            continue;
        };
        for f in files.flatten() {
            let p = f.path();
            if p.extension().is_some_and(|e| e.eq_ignore_ascii_case("csv")) {
                if let Ok(m) = f.metadata().and_then(|m| m.modified()) {
                    out.insert(p, m);
                }
            }
        }
    }
    out
}

impl App {
    /// One poll tick: re-import watched files that changed, then reload when another
    /// connection has written. Returns true when the data was reloaded. A database that
    /// cannot be reached is said on the status line and looked for again now and then;
    /// when it is back, the screen reloads (anything may have changed meanwhile).
    pub fn tick(&mut self) -> bool {
        if self.watch_due() {
            self.reimport();
        }
        let was_unreachable = self.session.is_unreachable();
        let changed = self.session.database_changed(Instant::now());
        let unreachable = self.session.is_unreachable();
        self.screen.set_unreachable(unreachable);
        let reloaded = match changed {
            Ok(false) => false,
            Ok(true) if self.screen.is_frozen() => {
                self.screen.set_stale(true);
                false
            }
            Ok(true) => self.reload(),
            // Shown on the status line until it is back; not a failure to acknowledge.
            Err(_) if unreachable => false,
            Err(e) => {
                self.screen.fail(e.to_string());
                false
            }
        };
        if was_unreachable && !unreachable {
            self.screen.say("the database is reachable again");
        }
        reloaded
    }

    fn watch_due(&mut self) -> bool {
        self.hooks.import.is_some()
            && self.session.store().is_some()
            && self
                .watcher
                .as_mut()
                .is_some_and(|w| w.changed(Instant::now()))
    }

    fn reimport(&mut self) {
        let (Some(import), Some((store, clock))) =
            (self.hooks.import, self.session.store_and_clock())
        else {
            return;
        };
        match import(self.loaded.config(), store, clock) {
            Ok(summary) => {
                self.screen.say(format!("re-imported: {summary}"));
                // Our own writes do not move data_version: reload now (unless frozen).
                if self.screen.is_frozen() {
                    self.screen.set_stale(true);
                } else {
                    self.reload();
                }
            }
            Err(e) => self.screen.fail(format!("re-import failed: {e}")),
        }
    }

    /// Load the database again and re-assess, keeping cursor, filter, sort and grouping.
    pub fn reload(&mut self) -> bool {
        let Some(store) = self.session.store() else {
            return false;
        };
        match load_dataset(store, &self.loaded.config().team_keys()) {
            Ok(data) => {
                self.screen.set_stale(false);
                self.set_data(data);
                // An open detail pane re-reads its school's comments and indicators.
                self.sync_detail(true);
                let at = self.session.clock().now().format("%H:%M:%S");
                self.screen
                    .say(format!("updated from the database at {at}"));
                true
            }
            Err(e) => {
                self.screen.fail(format!("reload failed: {e}"));
                false
            }
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn watcher_notices_new_and_changed_score_files() {
        let dir = tempfile::tempdir().unwrap();
        let term = dir.path().join("2026-27-autumn");
        std::fs::create_dir_all(&term).unwrap();
        std::fs::write(term.join("finance.csv"), "urn,score\n").unwrap();
        let mut w = Watcher::new(dir.path().to_path_buf());
        let t0 = Instant::now();
        assert!(!w.changed(t0), "the first scan only records");
        std::fs::write(term.join("hr.csv"), "urn,score\n").unwrap();
        assert!(!w.changed(t0), "not scanned again within a second");
        assert!(w.changed(t0 + WATCH_EVERY));
        assert!(!w.changed(t0 + WATCH_EVERY * 2), "no change since");
    }
}
