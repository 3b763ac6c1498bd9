//! Kill test: `termly decide` (the same store code as the screen) is killed with SIGKILL at
//! random moments, again and again, on a copy of tests/data/good. After every kill:
//! every decision acknowledged on stdout is in the database, `PRAGMA integrity_check` is ok,
//! the term's one open meeting is the same one (resumed, never reopened), and no decision
//! is stored twice. At least 50 runs are killed mid-run (TERMLY_KILL_ITERATIONS for more).

use crate::common::cli::termly_in as termly;
use crate::common::files::good_borough;
use rand::{rngs::SmallRng, Rng, SeedableRng};
use std::collections::{BTreeMap, HashMap};
use std::io::Read;
use std::path::Path;
use std::process::Stdio;
use std::time::{Duration, Instant};
use termly::store::Store;

const TERM: &str = "2026-27 autumn";
const KINDS: [&str; 3] = ["note", "defer", "confirm"];
const URNS: [&str; 4] = ["900001", "900002", "900003", "900004"];

fn decide_args(i: usize) -> Vec<String> {
    [
        "decide",
        "--term",
        TERM,
        "--urn",
        URNS[i % URNS.len()],
        "--kind",
        KINDS[i % KINDS.len()],
        "--rationale",
        &format!("kill iteration {i}"),
        "--chair",
        "A. Chair",
    ]
    .iter()
    .map(|s| s.to_string())
    .collect()
}

/// Spawn one `decide`, kill it after `delay` (unless it finished first); its stdout.
fn decide_and_kill(dir: &Path, i: usize, delay: Duration) -> (String, bool) {
    let mut child = termly(dir)
        .args(decide_args(i))
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
fn calibrate(dir: &Path) -> Duration {
    let start = Instant::now();
    let out = termly(dir).args(decide_args(0)).output().unwrap();
    assert!(
        out.status.success(),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    assert!(acknowledged(&String::from_utf8_lossy(&out.stdout)).is_some());
    start.elapsed()
}

#[test]
fn sigkill_at_random_moments_loses_no_acknowledged_decision() {
    let iterations: usize = std::env::var("TERMLY_KILL_ITERATIONS")
        .ok()
        .and_then(|s| s.parse().ok())
        .unwrap_or(50);
    let dir = good_borough();
    let db = dir.path().join("termly.db");
    let import = termly(dir.path()).arg("import").output().unwrap();
    assert!(
        import.status.success(),
        "{}",
        String::from_utf8_lossy(&import.stderr)
    );

    // The first decision opens meeting #1; it must be the one every later run resumes.
    let full_run = calibrate(dir.path());
    let window = (full_run * 6 / 5).max(Duration::from_millis(40));
    let mut acked: BTreeMap<i64, String> = BTreeMap::new();
    acked.insert(1, "kill iteration 0".into());
    let meeting_id = 1;

    let seed = std::env::var("TERMLY_KILL_SEED")
        .ok()
        .and_then(|s| s.parse().ok())
        .unwrap_or_else(|| {
            std::time::SystemTime::now()
                .duration_since(std::time::UNIX_EPOCH)
                .unwrap()
                .as_nanos() as u64
        });
    println!("kill test: seed {seed} (TERMLY_KILL_SEED to repeat), window {window:?}");
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
        let (stdout, killed) = decide_and_kill(dir.path(), i, delay);
        kills += usize::from(killed);
        let rationale = format!("kill iteration {i}");
        if let Some((id, m)) = acknowledged(&stdout) {
            assert_eq!(m, meeting_id, "iteration {i} used another meeting");
            acked.insert(id, rationale.clone());
        }

        let store = Store::open(&db).unwrap_or_else(|e| panic!("iteration {i}: {e}"));
        let check: String = store
            .test_connection()
            .query_row("PRAGMA integrity_check", [], |r| r.get(0))
            .unwrap();
        assert_eq!(check, "ok", "iteration {i}");
        let open = store.open_meeting(TERM.parse().unwrap()).unwrap();
        assert_eq!(open.map(|m| m.id), Some(meeting_id), "iteration {i}");
        assert_eq!(store.meetings().unwrap().len(), 1, "iteration {i}");
        let stored = store.decisions_for_meeting(meeting_id).unwrap();
        let by_id: HashMap<i64, &str> = stored
            .iter()
            .map(|d| (d.id, d.rationale.as_str()))
            .collect();
        for (id, why) in &acked {
            assert_eq!(
                by_id.get(id).copied(),
                Some(why.as_str()),
                "iteration {i}: acknowledged decision #{id} lost"
            );
        }
        let mut rationales: Vec<&str> = stored.iter().map(|d| d.rationale.as_str()).collect();
        rationales.sort_unstable();
        let before = rationales.len();
        rationales.dedup();
        assert_eq!(
            rationales.len(),
            before,
            "iteration {i}: a decision stored twice"
        );
        if stored.iter().any(|d| d.rationale == rationale) && acknowledged(&stdout).is_none() {
            unacked_but_saved += 1;
        }
    }

    // A last uninterrupted run resumes the same meeting and works.
    let out = termly(dir.path())
        .args(decide_args(i + 1))
        .output()
        .unwrap();
    let stdout = String::from_utf8_lossy(&out.stdout);
    assert_eq!(
        acknowledged(&stdout).map(|(_, m)| m),
        Some(meeting_id),
        "{stdout}"
    );
    println!(
        "kill test: {i} runs, {kills} killed mid-run, {} decisions acknowledged, \
         {unacked_but_saved} saved but killed before acknowledging, 0 lost",
        acked.len() - 1
    );
}
