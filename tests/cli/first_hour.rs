//! A real authority's first hour: `termly init` on the real Hampshire download, the teams'
//! own sheets, configurations that never fall back to the bundled borough, and the real KS2
//! files read with counts that add up (checked against a count made here from the files'
//! own columns).
// Some helpers serve only the Unix-only tests below.
#![cfg_attr(not(unix), allow(dead_code))]

use std::collections::{HashMap, HashSet};
use std::io::{Read, Write};
use std::path::{Path, PathBuf};
use std::process::{Command, Output};
use termly::ingest::indicators::{read_sheet, Skip, SourceSpec};
use termly::ingest::input::Input;
use termly::ingest::register::{read_input, RegisterFilter};
use termly::ingest::table::Sheet;

fn real(path: &str) -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR"))
        .join("tests/data/real")
        .join(path)
}

fn run(cwd: &Path, args: &[&str]) -> Output {
    Command::new(env!("CARGO_BIN_EXE_termly"))
        .current_dir(cwd)
        .args(args)
        .env_remove("TERMLY_CONFIG")
        .env("NO_COLOR", "1")
        .output()
        .unwrap()
}

fn ok(cwd: &Path, args: &[&str]) -> String {
    let out = run(cwd, args);
    let text = format!(
        "{}{}",
        String::from_utf8_lossy(&out.stdout),
        String::from_utf8_lossy(&out.stderr)
    );
    assert!(out.status.success(), "termly {args:?}: {text}");
    text
}

/// The register of one authority from the real GIAS download.
fn register_urns(la: &str) -> HashSet<u32> {
    let filter = RegisterFilter {
        la: Some(la.into()),
        ..RegisterFilter::default()
    };
    let input = Input::open(
        &real("gias/hampshire-surrey_gias-search_20220420.csv"),
        u64::MAX,
    );
    let (register, _) = read_input(input.unwrap(), &filter).unwrap();
    register.schools.iter().map(|s| s.urn).collect()
}

#[test]
fn real_ks2_files_are_read_with_counts_that_add_up() {
    for la in ["850", "936"] {
        let file = real(&format!("performance-tables/2018-{la}-ks2.csv"));
        let register = register_urns(la);
        let spec = SourceSpec {
            name: "ks2".into(),
            team: "standards".into(),
            file: file.clone(),
            urn_column: "URN".into(),
            la_column: Some("LEA".into()),
            la_column_required: true,
            la: Some(la.into()),
            columns: vec![("rwm_expected_pct".into(), "PTRWM_EXP".into())],
            sheet: None,
        };
        let text = std::fs::read_to_string(&file).unwrap();
        let mut sheet = Sheet::from_csv("ks2.csv", &text)
            .ok()
            .unwrap()
            .allow_ragged();
        let (values, report) = read_sheet(&mut sheet, &spec, &register)
            .unwrap_or_else(|p| panic!("{la}: the file is never refused for short rows: {p:#?}"));

        // The same counts, from the file's own columns with the csv crate alone.
        let mut reader = csv::ReaderBuilder::new()
            .flexible(true)
            .from_reader(text.trim_start_matches('\u{feff}').as_bytes());
        let header: Vec<String> = reader.headers().unwrap().iter().map(String::from).collect();
        let col = |name: &str| header.iter().position(|h| h == name).unwrap();
        let (c_urn, c_lea, c_rwm) = (col("URN"), col("LEA"), col("PTRWM_EXP"));
        let mut counts: HashMap<&str, usize> = HashMap::new();
        let mut with_value = 0;
        let mut markers = 0;
        let mut rows = 0;
        for record in reader.records() {
            let r = record.unwrap();
            rows += 1;
            let urn: Option<u32> = r.get(c_urn).and_then(|u| u.trim().parse().ok());
            let reason = match urn {
                None => "no urn",
                Some(_) if r.get(c_lea) != Some(la) => "other la",
                Some(u) if !register.contains(&u) => "not on register",
                Some(_) if r.len() < header.len() && r.iter().any(|f| f == "NEW") => "new",
                Some(_) if r.len() < header.len() => "no results",
                Some(_) => {
                    let v = r.get(c_rwm).unwrap().trim().trim_end_matches('%');
                    if v.parse::<f64>().is_ok() {
                        with_value += 1;
                    } else {
                        markers += 1;
                    }
                    "kept"
                }
            };
            *counts.entry(reason).or_default() += 1;
        }
        let n = |k: &str| counts.get(k).copied().unwrap_or(0);
        assert_eq!(report.rows, rows, "{la}: rows");
        assert_eq!(report.kept, n("kept"), "{la}: kept");
        let skipped = |s: Skip| report.skipped.get(&s).copied().unwrap_or(0);
        assert_eq!(skipped(Skip::NewSchool), n("new"), "{la}: new schools");
        assert_eq!(
            skipped(Skip::NoResults),
            n("no results"),
            "{la}: no results"
        );
        assert_eq!(skipped(Skip::NoUrn), n("no urn"), "{la}: no URN");
        assert_eq!(skipped(Skip::NotOnRegister), n("not on register"), "{la}");
        assert!(n("new") > 0, "{la}: the real file has NEW rows");
        let skipped_total: usize = report.skipped.values().sum();
        assert_eq!(
            report.kept + skipped_total,
            rows,
            "{la}: every row counted once"
        );
        assert_eq!(values.len(), with_value, "{la}: values");
        assert_eq!(report.per_indicator[0].1, with_value);
        let markers_seen: usize = report.markers.values().sum();
        assert_eq!(markers_seen, markers, "{la}: markers");
        // Values and "no value" add up to the schools on the register.
        let short = n("new") + n("no results");
        let not_in_file = register.len() - n("kept") - short;
        assert_eq!(
            with_value + not_in_file + short + markers,
            register.len(),
            "{la}: values and no value sum to the register"
        );
        let shown = report.to_string();
        assert!(
            shown.contains(&format!(
                "of the {} schools on the register: rwm_expected_pct {with_value} with a value, {} no value ({not_in_file} not in the file",
                register.len(),
                register.len() - with_value
            )),
            "{la}: {shown}"
        );
    }
}

/// The data-validation list of the first sheet of a workbook, as stored.
fn validation_list(xlsx: &Path) -> Vec<String> {
    let sheet = zip_entry(xlsx, "xl/worksheets/sheet1.xml");
    let start = sheet.find("<formula1>").expect("a data validation") + "<formula1>".len();
    let end = sheet[start..].find("</formula1>").unwrap() + start;
    sheet[start..end]
        .trim_matches('"')
        .split(',')
        .map(str::to_string)
        .collect()
}

fn zip_entry(path: &Path, name: &str) -> String {
    let mut zip = zip::ZipArchive::new(std::fs::File::open(path).unwrap()).unwrap();
    let mut text = String::new();
    zip.by_name(name)
        .unwrap()
        .read_to_string(&mut text)
        .unwrap();
    text
}

/// A copy of a scoring workbook with a score typed into the score column (E) of the first
/// `n` schools, as a team fills it in: each row's cells as written, the new cell added.
fn fill_in(template: &Path, filled: &Path, n: usize, score: &str) {
    let mut zip = zip::ZipArchive::new(std::fs::File::open(template).unwrap()).unwrap();
    let mut out = zip::ZipWriter::new(std::fs::File::create(filled).unwrap());
    for i in 0..zip.len() {
        let mut entry = zip.by_index(i).unwrap();
        let name = entry.name().unwrap().to_string();
        let mut bytes = Vec::new();
        entry.read_to_end(&mut bytes).unwrap();
        if name == "xl/worksheets/sheet1.xml" {
            let mut xml = String::from_utf8(bytes).unwrap();
            // Rows 4.. are the schools (a title, a note of the scale, then the header).
            for row in 4..4 + n {
                let open = format!("<row r=\"{row}\"");
                let at = xml.find(&open).unwrap();
                let close = xml[at..].find("</row>").unwrap() + at;
                let cell = format!("<c r=\"E{row}\" t=\"inlineStr\"><is><t>{score}</t></is></c>");
                xml.insert_str(close, &cell);
            }
            bytes = xml.into_bytes();
        }
        out.start_file(name, zip::write::SimpleFileOptions::default())
            .unwrap();
        out.write_all(&bytes).unwrap();
    }
    out.finish().unwrap();
}

// Unix only: the test writes the repository's absolute Linux path into a config, which
// Wine's Windows resolves on drive C: (its Z: is the Linux root).
#[cfg(unix)]
#[test]
fn init_sets_up_hampshire_and_a_filled_in_workbook_comes_back() {
    let dir = tempfile::tempdir().unwrap();
    let site = dir.path().join("hampshire");
    let gias = real("gias/hampshire-surrey_gias-search_20220420.csv");
    let out = ok(
        dir.path(),
        &[
            "init",
            "--la",
            "850",
            "--register",
            gias.to_str().unwrap(),
            "--authority",
            "Hampshire County Council",
            "--dir",
            site.to_str().unwrap(),
            "--term",
            "2025-26 autumn",
        ],
    );
    assert!(
        out.contains(
            "427 schools kept of 1,096 rows (669 skipped: 576 in other authorities, 93 closed)"
        ),
        "{out}"
    );
    let config = site.join("termly.toml");
    let cfg = config.to_str().unwrap();
    assert!(
        out.contains(&format!("termly --config {cfg} import")),
        "{out}"
    );
    let text = std::fs::read_to_string(&config).unwrap();
    assert!(
        text.contains("authority = \"Hampshire County Council\""),
        "{text}"
    );
    assert!(
        text.contains("register = \"../../../") || text.contains("register = \"../"),
        "the register is relative to the config: {text}"
    );
    // Never overwritten.
    let again = run(
        dir.path(),
        &[
            "init",
            "--la",
            "850",
            "--register",
            gias.to_str().unwrap(),
            "--dir",
            site.to_str().unwrap(),
        ],
    );
    assert!(!again.status.success());
    assert!(String::from_utf8_lossy(&again.stderr).contains("never overwrites"));
    assert_eq!(std::fs::read_to_string(&config).unwrap(), text);

    // The finance workbook offers the scale's words and numbers in a drop-down.
    let finance = site.join("scores/2025-26-autumn/finance.xlsx");
    let list = validation_list(&finance);
    assert_eq!(&list[..4], ["1", "2", "3", "4"], "{list:?}");
    for word in ["low", "severe", "green", "red", "amber-red"] {
        assert!(list.iter().any(|w| w == word), "{word} in {list:?}");
    }
    let support = validation_list(&site.join("support.xlsx"));
    assert_eq!(support[0], "Core");
    assert_eq!(support.len(), 6, "{support:?}");

    // The empty templates import as "not scored yet"; a filled-in copy is read as it is.
    fill_in(&finance, &dir.path().join("filled.xlsx"), 5, "Red");
    std::fs::copy(dir.path().join("filled.xlsx"), &finance).unwrap();
    let out = ok(dir.path(), &["--config", cfg, "import"]);
    assert!(
        out.contains("finance.xlsx (5 rows); 422 school(s) not scored yet"),
        "{out}"
    );
    assert!(
        out.contains("columns not used in the score files: School, Phase, Type"),
        "{out}"
    );
    let snapshot = ok(
        dir.path(),
        &["--config", cfg, "snapshot", "--term", "2025-26 autumn"],
    );
    let first = snapshot.lines().find(|l| l.starts_with("115850")).unwrap();
    assert!(first.contains('4'), "a Red is a 4: {first}");
    // The agenda of a first meeting: one list of categories to establish.
    let agenda = ok(
        dir.path(),
        &[
            "--config",
            cfg,
            "snapshot",
            "--agenda",
            "--term",
            "2025-26 autumn",
        ],
    );
    assert!(agenda.contains("Categories to establish (427)"), "{agenda}");
    assert!(agenda.contains("Time: "), "{agenda}");
    // The next term's set.
    let out = ok(
        dir.path(),
        &["--config", cfg, "templates", "--term", "2025-26 spring"],
    );
    assert!(out.contains("wrote"), "{out}");
    assert!(site.join("scores/2025-26-spring/hr.xlsx").is_file());
}

// Unix only, for the same reason: an absolute Linux path written into the config.
#[cfg(unix)]
#[test]
fn a_config_with_only_a_register_never_touches_the_bundled_borough() {
    let dir = tempfile::tempdir().unwrap();
    let gias = real("gias/hampshire-surrey_gias-search_20220420.csv");
    let config = dir.path().join("hampshire.toml");
    std::fs::write(
        &config,
        format!(
            "[data]\nregister = {:?}\nla_code = \"850\"\n",
            gias.to_str().unwrap()
        ),
    )
    .unwrap();
    let cfg = config.to_str().unwrap();
    // From the repository, where fixtures/ is at hand.
    let repo = Path::new(env!("CARGO_MANIFEST_DIR"));
    let check = ok(repo, &["--config", cfg, "check"]);
    assert!(
        check.contains("ok: 427 schools, 0 support rows, 0 inspections, 0 score files"),
        "{check}"
    );
    assert_eq!(check.matches("not configured").count(), 1, "{check}");
    assert!(check.contains("not configured in"), "{check}");
    let import = ok(repo, &["--config", cfg, "import"]);
    for out in [&check, &import] {
        assert!(!out.contains("fixtures"), "{out}");
    }
    assert!(
        dir.path().join("termly.db").is_file(),
        "the database sits beside the config"
    );

    // An empty configuration: nothing to read, and no database made.
    let empty_dir = tempfile::tempdir().unwrap();
    let empty = empty_dir.path().join("empty.toml");
    std::fs::write(&empty, "").unwrap();
    let out = run(repo, &["--config", empty.to_str().unwrap(), "snapshot"]);
    assert!(!out.status.success());
    let stderr = String::from_utf8_lossy(&out.stderr);
    assert!(stderr.contains("no register is configured"), "{stderr}");
    assert!(!stderr.contains("fixtures"), "{stderr}");
    assert!(
        !empty_dir.path().join("termly.db").exists(),
        "no empty database"
    );
}

fn finance_borough(config_extra: &str) -> tempfile::TempDir {
    let dir = tempfile::tempdir().unwrap();
    let d = dir.path();
    std::fs::write(
        d.join("register.csv"),
        "urn,name,phase,establishment_type\n100001,Anton Junior School,primary,Community school\n100002,Ashley Infant School,primary,Academy converter\n100003,Balksbury Junior,primary,Community school\n",
    )
    .unwrap();
    std::fs::create_dir_all(d.join("scores/2025-26-autumn")).unwrap();
    std::fs::write(
        d.join("scores/2025-26-autumn/finance.csv"),
        "URN,School,Finance RAG,Comments\n100001,Anton Junior School,Red,Reserves falling\n100002,Ashley Infant School,Amber,\n100003,Balksbury Junior,Green,Healthy\n",
    )
    .unwrap();
    std::fs::write(
        d.join("termly.toml"),
        format!("[data]\nregister = \"register.csv\"\nscores = \"scores\"\n\n{config_extra}"),
    )
    .unwrap();
    dir
}

const TEAMS: &str = "[[teams]]\nkey = \"hr\"\nlabel = \"HR\"\n[[teams]]\nkey = \"attendance\"\nlabel = \"Attendance\"\n[[teams]]\nkey = \"standards\"\nlabel = \"Standards\"\n";

#[test]
fn a_finance_sheet_with_its_own_headers_and_rag_words() {
    let with = finance_borough(&format!(
        "[[teams]]\nkey = \"finance\"\nlabel = \"Finance\"\nscore_column = \"Finance RAG\"\ncomment_column = \"Comments\"\nwords = {{ Red = 4, Amber = 3, Green = 1 }}\n{TEAMS}"
    ));
    let out = ok(with.path(), &["--config", "termly.toml", "import"]);
    assert!(out.contains("finance.csv (3 rows)"), "{out}");
    assert_eq!(
        out.matches("columns not used in the score files: School")
            .count(),
        1,
        "{out}"
    );
    let snap = ok(
        with.path(),
        &[
            "--config",
            "termly.toml",
            "snapshot",
            "--comments",
            "--include-confidential",
        ],
    );
    assert!(snap.contains("Reserves falling"), "{snap}");

    let without = finance_borough("");
    let out = run(without.path(), &["--config", "termly.toml", "import"]);
    assert!(!out.status.success());
    let stderr = String::from_utf8_lossy(&out.stderr);
    let lines: Vec<&str> = stderr
        .lines()
        .filter(|l| l.contains("finance.csv"))
        .collect();
    assert_eq!(lines.len(), 1, "one clear message: {stderr}");
    for part in [
        "looked for a column headed `score`",
        "the header has: URN, School, Finance RAG, Comments",
        "score_column",
        "key = \"finance\"",
    ] {
        assert!(lines[0].contains(part), "{part}: {stderr}");
    }
}
