//! Real public files (tests/data/real/, see its README): every GIAS download imports or is
//! refused for a reason a person would accept, with kept and skipped counts that agree with
//! a count made here from the file's own columns; then Hampshire from its GIAS download and
//! two DfE statistics files, through the binary, to a snapshot and an agenda.

use std::collections::HashMap;
use std::path::{Path, PathBuf};
use std::process::Command;
use termly::ingest::input::Input;
use termly::ingest::register::{read_input, RegisterFilter};

fn real(path: &str) -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR"))
        .join("tests/data/real")
        .join(path)
}

/// The rows of a GIAS file as header → value maps, read with the csv crate alone.
fn rows_of(path: &Path) -> Vec<HashMap<String, String>> {
    let mut reader = csv::ReaderBuilder::new()
        .flexible(true)
        .from_path(path)
        .unwrap();
    let headers: Vec<String> = reader
        .byte_headers()
        .unwrap()
        .iter()
        .map(|h| {
            String::from_utf8_lossy(h)
                .trim_start_matches('\u{feff}')
                .to_string()
        })
        .collect();
    reader
        .byte_records()
        .map(|r| {
            let r = r.unwrap();
            headers
                .iter()
                .zip(r.iter())
                .map(|(h, v)| (h.clone(), String::from_utf8_lossy(v).trim().to_string()))
                .collect()
        })
        .collect()
}

/// What the brief says the register keeps, and why the rest is skipped, worked out
/// independently of termly's code: (kept, skipped by reason).
fn independent_count(rows: &[HashMap<String, String>]) -> (usize, HashMap<&'static str, usize>) {
    let get = |row: &HashMap<String, String>, k: &str| row.get(k).cloned().unwrap_or_default();
    let phases = [
        "primary",
        "secondary",
        "all-through",
        "nursery",
        "middle deemed primary",
        "middle deemed secondary",
        "16 plus",
    ];
    let mut kept = 0;
    let mut skipped: HashMap<&'static str, usize> = HashMap::new();
    for row in rows {
        let status = get(row, "EstablishmentStatus (name)");
        let kind = get(row, "TypeOfEstablishment (name)").to_lowercase();
        let group = get(row, "EstablishmentTypeGroup (name)").to_lowercase();
        let reason = match (status.as_str(), group.as_str()) {
            ("Closed", _) => Some("closed"),
            ("Proposed to open", _) => Some("not yet open"),
            _ if kind.contains("independent") => Some("independent schools"),
            _ if kind.contains("non-maintained") => Some("non-maintained special schools"),
            (_, "local authority maintained schools" | "la maintained schools")
            | (_, "academies" | "free schools" | "special schools") => None,
            (_, "children's centres") => Some("children's centres"),
            (_, "independent schools") => Some("independent schools"),
            (_, "colleges") => Some("colleges"),
            (_, "universities") => Some("universities"),
            (_, "welsh schools") => Some("Welsh establishments"),
            _ => Some("other types"),
        };
        let phase = get(row, "PhaseOfEducation (name)").to_lowercase();
        let phase_known = phases.contains(&phase.as_str())
            || group == "special schools"
            || kind.contains("special")
            || kind.contains("pupil referral")
            || (phase == "not applicable" && kind.contains("nursery"));
        match reason {
            Some(r) => *skipped.entry(r).or_default() += 1,
            None if phase_known => kept += 1,
            None => *skipped.entry("with no school phase").or_default() += 1,
        }
    }
    (kept, skipped)
}

#[test]
fn every_gias_download_imports_or_is_refused_for_a_reason() {
    let mut files: Vec<PathBuf> = std::fs::read_dir(real("gias"))
        .unwrap()
        .map(|e| e.unwrap().path())
        .collect();
    files.sort();
    assert_eq!(files.len(), 9);
    for path in files {
        let name = path.file_name().unwrap().to_string_lossy().to_string();
        let input = Input::open(&path, u64::MAX).unwrap();
        let result = read_input(input, &RegisterFilter::default());
        if name.starts_with("fixture_teaching-vacancies") {
            let problems = result.expect_err("the hand-edited fixture is refused");
            assert_eq!(problems.len(), 10, "{problems:#?}");
            assert!(problems.iter().all(|p| p.line.is_some()
                && p.message == "expected 120 fields (as in the header), found 135"));
            continue;
        }
        if name.starts_with("links_") {
            let problems = result.expect_err("a links file is not a register");
            assert!(
                problems[0].message.contains("GIAS links file"),
                "{problems:#?}"
            );
            continue;
        }
        let (register, _) = result.unwrap_or_else(|p| panic!("{name}: {p:#?}"));
        let rows = rows_of(&path);
        let (kept, skipped) = independent_count(&rows);
        assert_eq!(register.schools.len(), kept, "{name}: kept");
        for (reason, n) in &register.skipped {
            let expected = skipped.get(reason).copied().unwrap_or(0);
            assert_eq!(*n, expected, "{name}: skipped {reason}");
        }
        let total: usize = register.skipped.iter().map(|(_, n)| n).sum();
        assert_eq!(kept + total, rows.len(), "{name}: every row counted once");
    }
}

#[test]
fn surrey_2021_skips_what_the_service_does_not_follow() {
    let input = Input::open(&real("gias/surrey-936_gias-search_2021.csv"), u64::MAX).unwrap();
    let filter = RegisterFilter {
        la: Some("936".into()),
        ..RegisterFilter::default()
    };
    let (register, _) = read_input(input, &filter).unwrap();
    // 5-digit URNs of children's centres are skipped, never errors.
    assert_eq!(register.skipped("children's centres"), 70);
    // 94 independent schools and 15 independent special schools.
    assert_eq!(register.skipped("independent schools"), 109);
    assert_eq!(register.skipped("non-maintained special schools"), 5);
    assert_eq!(register.skipped("universities"), 3);
    assert_eq!(register.skipped("colleges"), 3);
    assert!(register.schools.iter().all(|s| s.urn >= 100_000));
}

#[test]
fn a_windows_1252_extract_keeps_its_accents() {
    let path = real("gias/fixture_ecf_example_schools_data.csv");
    let (register, _) = read_input(
        Input::open(&path, u64::MAX).unwrap(),
        &RegisterFilter::default(),
    )
    .unwrap();
    let names: Vec<&str> = register.schools.iter().map(|s| s.name.as_str()).collect();
    assert!(
        names.contains(&"St Thomas à Becket Church of England Aided Primary School"),
        "{names:?}"
    );
}

#[test]
fn a_narrow_download_records_what_it_lacks_as_unknown() {
    let path = real("gias/hampshire-surrey_gias-search_20210507_9cols.csv");
    let (register, _) = read_input(
        Input::open(&path, u64::MAX).unwrap(),
        &RegisterFilter::default(),
    )
    .unwrap();
    assert_eq!(register.schools.len(), 729);
    assert!(register
        .schools
        .iter()
        .all(|s| s.establishment_type.is_empty()));
    // Maintained or not follows from the type group.
    let academies = register.schools.iter().filter(|s| !s.maintained).count();
    assert_eq!(academies, 152 + 7);
    // An Ofsted rating without a date is not an inspection.
    assert!(register.inspections.is_empty());
}

fn termly(dir: &Path, args: &[&str]) -> String {
    let out = Command::new(env!("CARGO_BIN_EXE_termly"))
        .arg("--config")
        .arg(real("hampshire.toml"))
        .arg("--database")
        .arg(dir.join("termly.db"))
        .args(args)
        .env("NO_COLOR", "1")
        .output()
        .unwrap();
    let stdout = String::from_utf8(out.stdout).unwrap();
    let stderr = String::from_utf8_lossy(&out.stderr);
    assert!(out.status.success(), "termly {args:?}: {stdout}{stderr}");
    stdout
}

#[test]
fn hampshire_from_its_gias_download_and_dfe_statistics_to_the_agenda() {
    let dir = tempfile::tempdir().unwrap();
    let d = dir.path();
    let gias = real("gias/hampshire-surrey_gias-search_20220420.csv");
    let out = termly(
        d,
        &[
            "import",
            "--register",
            gias.to_str().unwrap(),
            "--la",
            "850",
        ],
    );
    assert!(
        out.contains("GIAS extract, LA 850: 427 schools kept of 1,096 rows (669 skipped: 576 in other authorities, 93 closed); 409 legacy inspections"),
        "{out}"
    );
    let term = "2025-26 autumn";
    let out = termly(d, &["import", "--source", "absence", "--term", term]);
    assert!(out.contains("414 schools kept of 21,217 rows (20,803 skipped: 3 with no URN (summary rows), 20,697 in other authorities, 103 not on the register)"), "{out}");
    assert!(out.contains("of the 427 schools on the register: overall_absence_pct 414 with a value, 13 no value (13 not in the file); persistent_absence_pct 394 with a value, 33 no value (13 not in the file, SUPP 20)"), "{out}");
    let out = termly(d, &["import", "--source", "ks4", "--term", term]);
    assert!(
        out.contains("progress8 2 with a value, 425 no value (425 not in the file)"),
        "{out}"
    );
    // KS4 against a register of primaries: the summary says why so few.
    assert!(
        out.contains("the file's phase does not match the register: it has only 2 all-through, while the register is 425 primary, 2 all-through"),
        "{out}"
    );
    // Unchanged files do nothing.
    let out = termly(d, &["import", "--source", "absence", "--term", term]);
    assert!(out.starts_with("unchanged indicators"), "{out}");

    let snapshot = termly(
        d,
        &["snapshot", "--term", term, "--agenda", "--with-heatmap"],
    );
    let first = snapshot.lines().next().unwrap();
    assert!(
        first.starts_with("termly heat map · 2025-26 Autumn · 427 schools"),
        "{first}"
    );
    // A score banded from the real persistent-absence figure, with its flag.
    let riders = snapshot
        .lines()
        .find(|l| l.starts_with("115908  Riders Junior School"))
        .unwrap();
    assert!(
        riders.contains("3▒ᵇ") && riders.contains("PA 21.7%"),
        "{riders}"
    );
    // The agenda's reasons come from the real Ofsted grades in the GIAS download.
    let agenda = snapshot.split("\nAgenda\n").nth(1).unwrap();
    assert!(
        agenda.contains("Ofsted serious weaknesses on 12 Nov 2021"),
        "{agenda}"
    );
    assert!(
        agenda.contains("Ofsted grade 3 on 15 Sep 2021 → at least Enhanced"),
        "{agenda}"
    );
}

#[test]
fn a_source_needs_its_team_term_and_columns() {
    let dir = tempfile::tempdir().unwrap();
    let abs = real("performance-tables/england_abs_PPERSABS10.csv");
    let abs = abs.to_str().unwrap();
    let cases: [(&[&str], &str); 5] = [
        (
            &[
                "--indicators",
                abs,
                "--term",
                "2025-26 autumn",
                "--column",
                "pa=PPERSABS10",
            ],
            "needs --team",
        ),
        (
            &[
                "--indicators",
                abs,
                "--team",
                "attendance",
                "--column",
                "pa=PPERSABS10",
            ],
            "need --term",
        ),
        (
            &[
                "--indicators",
                abs,
                "--team",
                "attendance",
                "--term",
                "2025-26 autumn",
            ],
            "at least one --column",
        ),
        (
            &[
                "--indicators",
                abs,
                "--team",
                "attendance",
                "--term",
                "2025-26 autumn",
                "--column",
                "PPERSABS10",
            ],
            "expected NAME=HEADER",
        ),
        (
            &["--source", "nope", "--term", "2025-26 autumn"],
            "no source `nope` in the configuration; configured: absence, ks4",
        ),
    ];
    for (args, message) in cases {
        let out = Command::new(env!("CARGO_BIN_EXE_termly"))
            .arg("--config")
            .arg(real("hampshire.toml"))
            .arg("--database")
            .arg(dir.path().join("termly.db"))
            .arg("import")
            .args(args)
            .output()
            .unwrap();
        let stderr = String::from_utf8_lossy(&out.stderr);
        assert!(!out.status.success(), "{args:?}");
        assert!(stderr.contains(message), "{args:?}: {stderr}");
    }
}
