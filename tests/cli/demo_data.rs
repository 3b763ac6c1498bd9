//! `termly demo-data` and the bundled fixtures: reproducible, loadable, the right size.

use std::collections::BTreeMap;
use std::path::{Path, PathBuf};
use termly::config::Config;
use termly::demo::{self, DemoOptions};

/// Every file under `dir`, by relative path, with its bytes.
fn read_tree(dir: &Path) -> BTreeMap<PathBuf, Vec<u8>> {
    fn walk(root: &Path, dir: &Path, out: &mut BTreeMap<PathBuf, Vec<u8>>) {
        for entry in std::fs::read_dir(dir).unwrap() {
            let path = entry.unwrap().path();
            if path.is_dir() {
                walk(root, &path, out);
            } else {
                let rel = path.strip_prefix(root).unwrap().to_path_buf();
                out.insert(rel, std::fs::read(&path).unwrap());
            }
        }
    }
    let mut out = BTreeMap::new();
    walk(dir, dir, &mut out);
    out
}

/// The same file: byte for byte, except that a workbook written on Windows says so in its
/// zip headers (the zip crate records the system that made each entry: "fat" there, "unx"
/// here), so there the entries' names and contents are compared instead.
fn same_file(name: &Path, committed: &[u8], fresh: &[u8]) -> bool {
    let zipped = name.extension().is_some_and(|e| e == "xlsx");
    if !cfg!(windows) || !zipped {
        return committed == fresh;
    }
    fn entries(bytes: &[u8]) -> Vec<(String, Vec<u8>)> {
        let mut zip = zip::ZipArchive::new(std::io::Cursor::new(bytes)).unwrap();
        (0..zip.len())
            .map(|i| {
                let mut entry = zip.by_index(i).unwrap();
                let mut body = Vec::new();
                std::io::Read::read_to_end(&mut entry, &mut body).unwrap();
                (entry.name().unwrap().into_owned(), body)
            })
            .collect()
    }
    entries(committed) == entries(fresh)
}

fn write(opts: &DemoOptions, gias_rows: usize) -> tempfile::TempDir {
    let dir = tempfile::tempdir().unwrap();
    demo::write_demo(dir.path(), opts, gias_rows, false).unwrap();
    dir
}

fn csv_rows(path: &Path) -> Vec<csv::StringRecord> {
    let mut r = csv::Reader::from_path(path).unwrap();
    r.records().map(|r| r.unwrap()).collect()
}

fn headers(path: &Path) -> Vec<String> {
    let mut r = csv::Reader::from_path(path).unwrap();
    r.headers().unwrap().iter().map(str::to_string).collect()
}

#[test]
fn same_seed_gives_identical_bytes() {
    let opts = DemoOptions::new(300, 5, 8, 42);
    let a = write(&opts, 400);
    let b = write(&opts, 400);
    let (ta, tb) = (read_tree(a.path()), read_tree(b.path()));
    assert_eq!(ta.keys().collect::<Vec<_>>(), tb.keys().collect::<Vec<_>>());
    for (name, bytes) in &ta {
        assert!(
            tb[name] == *bytes,
            "{} differs between runs",
            name.display()
        );
    }
    // register, support, inspections, config, gias, 5 terms x 8 teams
    assert_eq!(ta.len(), 5 + 40);
}

#[test]
fn different_seeds_differ() {
    let a = write(&DemoOptions::new(100, 3, 4, 1), 0);
    let b = write(&DemoOptions::new(100, 3, 4, 2), 0);
    for file in [
        "register.csv",
        "support.csv",
        "inspections.csv",
        "scores/2026-27-autumn/hr.csv",
    ] {
        let (x, y) = (
            std::fs::read(a.path().join(file)).unwrap(),
            std::fs::read(b.path().join(file)).unwrap(),
        );
        assert_ne!(x, y, "{file} is the same for seeds 1 and 2");
    }
}

#[test]
fn config_loads_and_points_at_the_files() {
    for teams in [1, 4, 8] {
        let dir = write(&DemoOptions::new(50, 2, teams, 7), 0);
        let config = Config::load(Some(&dir.path().join("termly.toml"))).unwrap();
        assert_eq!(config.teams.len(), teams);
        assert_eq!(config.teams[0].key, "finance");
        for path in [
            config.data.register.as_ref(),
            config.data.support.as_ref(),
            config.data.inspections.as_ref(),
            config.data.scores.as_ref(),
        ] {
            let path = config.resolve(path.unwrap());
            assert!(path.exists(), "{} is missing", path.display());
        }
        assert_eq!(config.database_path(), dir.path().join("termly.db"));
        assert!(config.capacity.lama_hours_term > 0.0);
    }
}

#[test]
fn counts_match_the_options() {
    let (schools, terms, teams) = (240, 4, 6);
    let dir = write(&DemoOptions::new(schools, terms, teams, 9), 0);
    let d = dir.path();
    let register = csv_rows(&d.join("register.csv"));
    assert_eq!(register.len(), schools);
    let urns: Vec<u32> = register.iter().map(|r| r[0].parse().unwrap()).collect();
    assert!(
        urns.windows(2).all(|w| w[0] < w[1]),
        "URNs are unique and sorted"
    );
    assert!(urns.iter().all(|u| (100_000..1_000_000).contains(u)));
    assert_eq!(csv_rows(&d.join("support.csv")).len(), schools);
    let mut term_dirs: Vec<String> = std::fs::read_dir(d.join("scores"))
        .unwrap()
        .map(|e| e.unwrap().file_name().to_string_lossy().into_owned())
        .collect();
    term_dirs.sort();
    assert_eq!(
        term_dirs,
        [
            "2025-26-autumn",
            "2025-26-spring",
            "2025-26-summer",
            "2026-27-autumn"
        ]
    );
    for term in &term_dirs {
        let files = std::fs::read_dir(d.join("scores").join(term))
            .unwrap()
            .count();
        assert_eq!(files, teams);
        for team in ["finance", "attendance", "governance"] {
            let path = d.join("scores").join(term).join(format!("{team}.csv"));
            let rows = csv_rows(&path);
            assert_eq!(rows.len(), schools);
            for r in &rows {
                if !r[1].is_empty() {
                    let s: u8 = r[1].parse().unwrap();
                    assert!((1..=4).contains(&s));
                }
            }
        }
    }
    let att = headers(&d.join("scores/2026-27-autumn/attendance.csv"));
    assert_eq!(
        att,
        [
            "urn",
            "score",
            "comment",
            "overall_absence_pct",
            "persistent_absence_pct"
        ]
    );
    let fin = headers(&d.join("scores/2026-27-autumn/finance.csv"));
    assert_eq!(fin, ["urn", "score", "comment", "balance_pct"]);
}

#[test]
fn scores_are_mostly_low_and_some_rows_are_indicators_only() {
    let b = demo::generate(&DemoOptions::new(2000, 6, 4, 3));
    let scored: Vec<u8> = b.scores.iter().filter_map(|r| r.score).collect();
    let low = scored.iter().filter(|s| **s <= 2).count();
    assert!(low * 10 > scored.len() * 7, "{low} of {} low", scored.len());
    assert!(scored.contains(&4));
    let indicator_only = b.scores.iter().filter(|r| r.score.is_none()).count();
    assert!(indicator_only > 0 && indicator_only < b.scores.len() / 50);
    let categories: std::collections::BTreeSet<&str> =
        b.schools.iter().map(|s| s.category.as_str()).collect();
    for c in [
        "core",
        "focused",
        "focused_tas",
        "enhanced",
        "intensive_a",
        "intensive_b",
    ] {
        assert!(categories.contains(c), "no school in {c}");
    }
    // LaMA only for Focused and above.
    for s in &b.schools {
        assert_eq!(
            s.school.lama.is_some(),
            s.category != "core",
            "{}",
            s.school.urn
        );
    }
}

#[test]
fn gias_extract_is_windows_1252_and_quoted() {
    let dir = write(&DemoOptions::new(100, 1, 1, 5), 3000);
    let bytes = std::fs::read(dir.path().join("gias.csv")).unwrap();
    assert!(
        std::str::from_utf8(&bytes).is_err(),
        "é and ’ are single bytes in Windows-1252"
    );
    let (text, _, bad) = encoding_rs::WINDOWS_1252.decode(&bytes);
    assert!(!bad);
    assert!(text.contains('é') && text.contains('’'));
    let first = text.lines().next().unwrap();
    assert!(first.starts_with("\"URN\",\"LA (code)\",\"LA (name)\""));
    let mut r = csv::Reader::from_reader(text.as_bytes());
    let head: Vec<String> = r.headers().unwrap().iter().map(str::to_string).collect();
    assert!((120..=140).contains(&head.len()), "{} columns", head.len());
    let col = |name: &str| head.iter().position(|h| h == name).unwrap();
    let rows: Vec<csv::StringRecord> = r.records().map(|r| r.unwrap()).collect();
    assert_eq!(rows.len(), 3000);
    let las: std::collections::BTreeSet<&str> = rows.iter().map(|r| &r[col("LA (code)")]).collect();
    assert!(las.len() >= 4);
    let closed = rows
        .iter()
        .filter(|r| &r[col("EstablishmentStatus (name)")] == "Closed")
        .count();
    assert!(closed > 0);
    let open_date = &rows[0][col("OpenDate")];
    assert!(
        chrono::NaiveDate::parse_from_str(open_date, "%d-%m-%Y").is_ok(),
        "{open_date}"
    );
    // Every field is quoted, empty ones included.
    assert!(text.lines().nth(1).unwrap().contains(",\"\","));
}

fn fixtures_dir() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("fixtures")
}

/// The committed fixtures are exactly what the generator writes. Set TERMLY_BLESS=1 to
/// rewrite them after changing the generator or the stories.
#[test]
fn fixtures_are_up_to_date() {
    let fresh = tempfile::tempdir().unwrap();
    demo::write_fixtures(fresh.path()).unwrap();
    if std::env::var_os("TERMLY_BLESS").is_some() {
        demo::write_fixtures(&fixtures_dir()).unwrap();
    }
    for (name, bytes) in read_tree(fresh.path()) {
        let committed = std::fs::read(fixtures_dir().join(&name))
            .unwrap_or_else(|_| panic!("fixtures/{} is missing", name.display()));
        assert!(
            same_file(&name, &committed, &bytes),
            "fixtures/{} is out of date: run TERMLY_BLESS=1 cargo test --test cli demo_data",
            name.display()
        );
    }
}

#[test]
fn fixtures_tell_their_stories() {
    let (b, stories) = demo::fixtures_borough();
    assert_eq!(b.schools.len(), 70);
    assert_eq!(b.la_code, "999");
    assert_eq!(b.terms.first().unwrap().key(), "2024-25-autumn");
    assert_eq!(b.terms.last().unwrap().key(), "2026-27-autumn");
    let count = |p: termly::model::Phase| b.schools.iter().filter(|s| s.school.phase == p).count();
    use termly::model::Phase;
    assert!((2..=3).contains(&count(Phase::Special)));
    assert!((1..=2).contains(&count(Phase::Nursery)));
    assert_eq!(count(Phase::AlternativeProvision), 1);
    assert_eq!(count(Phase::AllThrough), 1);
    assert!(count(Phase::Secondary) >= 5);
    assert!(b.schools.iter().any(|s| s.school.maintained));
    assert!(b.schools.iter().any(|s| !s.school.maintained));
    let school = |key: char| stories.iter().find(|(s, _)| s.key == key).unwrap().1;
    let series = |key: char, team: &str| -> Vec<u8> {
        let k = b.team_index(team).unwrap();
        (0..b.terms.len())
            .map(|t| b.row(t, k, school(key)).score.unwrap())
            .collect()
    };
    assert_eq!(series('a', "attendance")[4..], [2, 3, 4]);
    assert_eq!(series('b', "finance")[4..], [2, 3, 4]);
    let fin = b.team_index("finance").unwrap();
    let balances: Vec<f32> = (4..7)
        .map(|t| b.row(t, fin, school('b')).indicators[0])
        .collect();
    assert!(balances[0] > balances[1] && balances[1] > balances[2] && balances[2] < 0.0);
    let d = series('d', "standards");
    assert!(d.first() > d.last());
    assert_eq!(b.schools[school('d')].category, "intensive_a");
    for team in ["finance", "hr", "attendance", "standards"] {
        assert!(series('h', team)[4..].iter().all(|s| *s <= 2));
    }
    let awkward = &b.schools[school('i')].school.name;
    assert!(awkward.chars().count() > 40 && awkward.contains('’') && awkward.contains('é'));
    let urns: std::collections::BTreeSet<usize> = stories.iter().map(|(_, i)| *i).collect();
    assert_eq!(urns.len(), stories.len(), "each story has its own school");
}

fn termly(args: &[&str], cwd: &Path) -> std::process::Output {
    std::process::Command::new(env!("CARGO_BIN_EXE_termly"))
        .args(args)
        .current_dir(cwd)
        .env_remove("TERMLY_CONFIG")
        .output()
        .unwrap()
}

fn assert_ok(out: &std::process::Output, what: &str) {
    assert!(
        out.status.success(),
        "{what} failed:\n{}\n{}",
        String::from_utf8_lossy(&out.stdout),
        String::from_utf8_lossy(&out.stderr)
    );
}

#[test]
fn demo_data_passes_check_and_imports() {
    let dir = write(&DemoOptions::new(150, 3, 5, 11), 0);
    let config = dir.path().join("termly.toml");
    let config = config.to_str().unwrap();
    let out = termly(&["--config", config, "check"], dir.path());
    assert_ok(&out, "check");
    assert!(String::from_utf8_lossy(&out.stdout).contains("150 schools"));
    assert_ok(
        &termly(&["--config", config, "import"], dir.path()),
        "import",
    );
    assert!(dir.path().join("termly.db").exists());
    let out = termly(&["--config", config, "snapshot"], dir.path());
    assert_ok(&out, "snapshot");
}

#[test]
fn fixtures_pass_check() {
    let out = termly(&["check"], Path::new(env!("CARGO_MANIFEST_DIR")));
    assert_ok(&out, "check of the fixtures");
    assert!(String::from_utf8_lossy(&out.stdout).contains("70 schools"));
}

#[test]
fn gias_sample_imports_for_la_999() {
    let db = tempfile::tempdir().unwrap();
    let db_path = db.path().join("t.db");
    let out = termly(
        &[
            "--database",
            db_path.to_str().unwrap(),
            "import",
            "--register",
            "fixtures/gias-sample.csv",
            "--la",
            "999",
        ],
        Path::new(env!("CARGO_MANIFEST_DIR")),
    );
    assert_ok(&out, "import of fixtures/gias-sample.csv");
}
