//! Kill test: `termly decide` (the same store code as the screen) is killed with SIGKILL at
//! random moments, again and again, on a copy of tests/data/good, with its database a SQLite
//! file or a PostgreSQL database. After every kill: every decision acknowledged on stdout is
//! in the database, the database is consistent (SQLite's `integrity_check`; on both, every
//! recategorisation has exactly its one category-history row and each school's category is
//! its latest recategorisation's), the term's one open meeting is the same one (resumed,
//! never reopened), and no decision is stored twice. At least 50 runs are killed mid-run
//! on each backend (TERMLY_KILL_ITERATIONS for more).

use crate::common::cli::termly_in;
use crate::common::files::good_borough;
use crate::pg_support;
use rand::{rngs::SmallRng, Rng, SeedableRng};
use std::collections::{BTreeMap, HashMap};
use std::io::Read;
use std::path::{Path, PathBuf};
use std::process::{Command, Stdio};
use std::time::{Duration, Instant};
use termly::args;
use termly::store::{Location, Store};

const TERM: &str = "2026-27 autumn";
const KINDS: [&str; 4] = ["note", "defer", "confirm", "recategorise"];
const URNS: [u32; 4] = [900001, 900002, 900003, 900004];

/// Where the decisions go.
enum Backend {
    Sqlite(PathBuf),
    Postgres(String),
}

impl Backend {
    fn name(&self) -> &'static str {
        match self {
            Backend::Sqlite(_) => "sqlite",
            Backend::Postgres(_) => "postgres",
        }
    }

    /// `termly` in `dir` on this database.
    fn termly(&self, dir: &Path) -> Command {
        let mut c = termly_in(dir);
        if let Backend::Postgres(url) = self {
            c.args(["--database", url]);
        }
        c
    }

    fn open(&self) -> termly::store::Result<Store> {
        match self {
            Backend::Sqlite(path) => Store::open(path),
            Backend::Postgres(url) => Store::open_at(&Location::Postgres(url.clone()), None),
        }
    }
}

fn decide_args(i: usize, current: &HashMap<u32, String>) -> Vec<String> {
    let urn = URNS[i % URNS.len()];
    let kind = KINDS[i % KINDS.len()];
    let mut args: Vec<String> = [
        "decide",
        "--term",
        TERM,
        "--urn",
        &urn.to_string(),
        "--kind",
        kind,
        "--rationale",
        &format!("kill iteration {i}"),
        "--chair",
        "A. Chair",
    ]
    .iter()
    .map(|s| s.to_string())
    .collect();
    if kind == "recategorise" {
        // Always a change: between two categories, away from where the school is now.
        let to = match current.get(&urn).map(String::as_str) {
            Some("focused") => "enhanced",
            _ => "focused",
        };
        args.extend(["--to".to_string(), to.to_string()]);
    }
    args
}

/// Spawn one `decide`, kill it after `delay` (unless it finished first); its stdout.
fn decide_and_kill(mut decide: Command, delay: Duration) -> (String, bool) {
    let mut child = decide
        .stdout(Stdio::piped())
        .stderr(Stdio::piped())
        .spawn()
        .unwrap();
    std::thread::sleep(delay);
    let killed = matches!(child.try_wait(), Ok(None));
    // SIGKILL on unix: no destructor, no flush, no clean close of the database.
    let _ = child.kill();
    let _ = child.wait();
    let mut out = String::new();
    child
        .stdout
        .take()
        .unwrap()
        .read_to_string(&mut out)
        .unwrap();
    (out, killed)
}

/// "saved decision #N in meeting #M" → (N, M).
fn acknowledged(stdout: &str) -> Option<(i64, i64)> {
    let rest = stdout
        .lines()
        .find_map(|l| l.strip_prefix("saved decision #"))?;
    let (n, rest) = rest.split_once(" in meeting #")?;
    Some((n.parse().ok()?, rest.trim().parse().ok()?))
}

/// How long an uninterrupted `decide` takes here, so kills cover its whole run.
fn calibrate(backend: &Backend, dir: &Path) -> Duration {
    let start = Instant::now();
    let out = backend
        .termly(dir)
        .args(decide_args(0, &HashMap::new()))
        .output()
        .unwrap();
    assert!(
        out.status.success(),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    assert!(acknowledged(&String::from_utf8_lossy(&out.stdout)).is_some());
    start.elapsed()
}

/// The record holds together after every kill: no history row was written for a decision
/// (a decision's category comes from the decision itself), every standing recategorisation
/// is a spell of its school, and each school's category is its latest recategorisation's.
/// Returns each school's current category.
fn check_category_history(store: &Store, at: &str) -> HashMap<u32, String> {
    let db = store.test_db();
    let decision_rows: i64 = db
        .value(
            "SELECT count(*) FROM category_history WHERE decision_id IS NOT NULL",
            args![],
        )
        .unwrap();
    assert_eq!(decision_rows, 0, "{at}: a decision wrote a history row");
    let recategorised: i64 = db
        .value(
            "SELECT count(*) FROM decisions WHERE kind = 'recategorise'",
            args![],
        )
        .unwrap();
    let spells: usize = URNS
        .iter()
        .map(|urn| {
            termly::meeting::school_spells(store, *urn, None)
                .unwrap()
                .iter()
                .filter(|s| s.decision_id.is_some())
                .count()
        })
        .sum();
    assert_eq!(
        recategorised, spells as i64,
        "{at}: a recategorisation missing from the record"
    );
    let mut current = HashMap::new();
    for urn in URNS {
        let now = termly::meeting::latest_category(store, urn)
            .unwrap()
            .unwrap_or_default();
        let latest: Option<String> = db
            .query_opt(
                "SELECT to_category FROM decisions WHERE urn = ?1 AND kind = 'recategorise' ORDER BY id DESC",
                args![urn],
                |r| r.get(0),
            )
            .unwrap();
        if let Some(latest) = latest {
            assert_eq!(now, latest, "{at}: school {urn}'s category");
        }
        current.insert(urn, now);
    }
    current
}

/// After run `i`: the database is whole, the meeting is the same, every acknowledged
/// decision is there once. Returns (each school's category, whether run `i` was saved).
fn check_after_kill(
    backend: &Backend,
    i: usize,
    meeting_id: i64,
    acked: &BTreeMap<i64, String>,
) -> (HashMap<u32, String>, bool) {
    let at = format!("{} iteration {i}", backend.name());
    let store = backend.open().unwrap_or_else(|e| panic!("{at}: {e}"));
    if let Some(conn) = store.test_db().sqlite() {
        let check: String = conn
            .query_row("PRAGMA integrity_check", [], |r| r.get(0))
            .unwrap();
        assert_eq!(check, "ok", "{at}");
    }
    let open = store.open_meeting(TERM.parse().unwrap()).unwrap();
    assert_eq!(open.map(|m| m.id), Some(meeting_id), "{at}");
    assert_eq!(store.meetings().unwrap().len(), 1, "{at}");
    let stored = store.decisions_for_meeting(meeting_id).unwrap();
    let by_id: HashMap<i64, &str> = stored
        .iter()
        .map(|d| (d.id, d.rationale.as_str()))
        .collect();
    for (id, why) in acked {
        assert_eq!(
            by_id.get(id).copied(),
            Some(why.as_str()),
            "{at}: acknowledged decision #{id} lost"
        );
    }
    let mut rationales: Vec<&str> = stored.iter().map(|d| d.rationale.as_str()).collect();
    rationales.sort_unstable();
    let before = rationales.len();
    rationales.dedup();
    assert_eq!(rationales.len(), before, "{at}: a decision stored twice");
    let saved = stored
        .iter()
        .any(|d| d.rationale == format!("kill iteration {i}"));
    (check_category_history(&store, &at), saved)
}

/// The loop itself, on a copy of the good borough whose decisions go to `backend`.
fn kill_loop(dir: &Path, backend: &Backend) {
    let iterations: usize = std::env::var("TERMLY_KILL_ITERATIONS")
        .ok()
        .and_then(|s| s.parse().ok())
        .unwrap_or(50);
    let import = backend.termly(dir).arg("import").output().unwrap();
    assert!(
        import.status.success(),
        "{}",
        String::from_utf8_lossy(&import.stderr)
    );

    // The first decision opens meeting #1; it must be the one every later run resumes.
    let full_run = calibrate(backend, dir);
    let window = (full_run * 6 / 5).max(Duration::from_millis(40));
    let mut acked: BTreeMap<i64, String> = BTreeMap::new();
    acked.insert(1, "kill iteration 0".into());
    let meeting_id = 1;
    let (mut current, _) = check_after_kill(backend, 0, meeting_id, &acked);

    let seed = std::env::var("TERMLY_KILL_SEED")
        .ok()
        .and_then(|s| s.parse().ok())
        .unwrap_or_else(|| {
            std::time::SystemTime::now()
                .duration_since(std::time::UNIX_EPOCH)
                .unwrap()
                .as_nanos() as u64
        });
    let name = backend.name();
    println!("kill test ({name}): seed {seed} (TERMLY_KILL_SEED to repeat), window {window:?}");
    let mut rng = SmallRng::seed_from_u64(seed);
    let (mut kills, mut unacked_but_saved) = (0, 0);
    // Runs that finish before their kill do not count towards the kills asked for.
    let mut i = 0;
    while kills < iterations {
        i += 1;
        assert!(
            i <= iterations * 5,
            "too few runs were still going when killed"
        );
        let delay = Duration::from_micros(rng.random_range(0..=window.as_micros() as u64));
        let mut decide = backend.termly(dir);
        decide.args(decide_args(i, &current));
        let (stdout, killed) = decide_and_kill(decide, delay);
        kills += usize::from(killed);
        if let Some((id, m)) = acknowledged(&stdout) {
            assert_eq!(m, meeting_id, "iteration {i} used another meeting");
            acked.insert(id, format!("kill iteration {i}"));
        }
        let (now, saved) = check_after_kill(backend, i, meeting_id, &acked);
        current = now;
        if saved && acknowledged(&stdout).is_none() {
            unacked_but_saved += 1;
        }
    }

    // A last uninterrupted run resumes the same meeting and works.
    let out = backend
        .termly(dir)
        .args(decide_args(i + 1, &current))
        .output()
        .unwrap();
    let stdout = String::from_utf8_lossy(&out.stdout);
    assert_eq!(
        acknowledged(&stdout).map(|(_, m)| m),
        Some(meeting_id),
        "{stdout}{}",
        String::from_utf8_lossy(&out.stderr)
    );
    println!(
        "kill test ({name}): {i} runs, {kills} killed mid-run, {} decisions acknowledged, \
         {unacked_but_saved} saved but killed before acknowledging, 0 lost",
        acked.len() - 1
    );
}

#[test]
fn sigkill_at_random_moments_loses_no_acknowledged_decision() {
    let dir = good_borough();
    let db = dir.path().join("termly.db");
    kill_loop(dir.path(), &Backend::Sqlite(db));
}

#[test]
fn sigkill_at_random_moments_loses_no_acknowledged_decision_on_postgres() {
    let Some(server) = pg_support::server() else {
        return;
    };
    let dir = good_borough();
    let url = pg_support::fresh_database(&server, "kill");
    kill_loop(dir.path(), &Backend::Postgres(url));
}
