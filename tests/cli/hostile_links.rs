//! A link planted at a name termly writes, pointing at a file to destroy or at nothing, is
//! never written through, and no temporary file is left; a formula in any CSV field is shown
//! as text, never run by a spreadsheet.

use crate::common::cli::stderr;
use std::path::{Path, PathBuf};

use crate::common::cli::termly_on as termly;

fn ok(dir: &Path, db: &Path, args: &[&str]) -> String {
    let out = termly(dir, db, args);
    assert!(out.status.success(), "{args:?}: {}", stderr(&out));
    String::from_utf8_lossy(&out.stdout).into_owned()
}

/// A database whose school names, actions, owners and notes all begin like formulas.
fn hostile_record(dir: &Path) -> PathBuf {
    let db = dir.join("t.db");
    let store = termly::store::Store::open(&db).unwrap();
    crate::decisions_fixture::fill(&store);
    store
        .test_db()
        .execute_batch(
            "UPDATE schools SET name = '=HYPERLINK(\"http://x.invalid\",\"Amberley\")' WHERE urn = 100001;",
        )
        .unwrap();
    drop(store);
    ok(
        dir,
        &db,
        &[
            "decide",
            "--urn",
            "100001",
            "--kind",
            "note",
            "--actions",
            "=cmd|' /C calc'!A0",
            "--owner",
            "@SUM(A1:A9)",
            "--due",
            "2099-01-31",
            "--rationale",
            "+Visit",
            "--chair=-Chair",
        ],
    );
    ok(
        dir,
        &db,
        &[
            "actions",
            "--done",
            "1",
            "--note=-2 points",
            "--by",
            "\tTab",
        ],
    );
    db
}

#[test]
fn every_csv_field_that_could_be_a_formula_is_shown_as_text() {
    let dir = tempfile::tempdir().unwrap();
    let db = hostile_record(dir.path());
    let csv = ok(dir.path(), &db, &["actions", "--format", "csv"]);
    let mut rows = csv::ReaderBuilder::new()
        .has_headers(true)
        .from_reader(csv.as_bytes());
    let mut fields = 0;
    for row in rows.records() {
        for field in row.unwrap().iter() {
            fields += 1;
            assert!(
                !field.starts_with(['=', '+', '-', '@', '\t', '\r']),
                "a field a spreadsheet would run: {field:?}\n{csv}"
            );
        }
    }
    assert!(fields > 0, "{csv}");
    for shown in [
        "'=HYPERLINK(",
        "'=cmd|' /C calc'!A0",
        "'@SUM(A1:A9)",
        "'-2 points",
    ] {
        assert!(csv.contains(shown), "{shown:?} in\n{csv}");
    }
}

/// A link to nothing, or to a file someone cares about (links are planted on Unix only).
#[cfg(unix)]
#[derive(Clone, Copy, Debug)]
enum Planted {
    ToVictim,
    Dangling,
}

#[cfg(unix)]
#[test]
fn links_planted_at_every_written_name_are_never_followed() {
    use std::os::unix::fs::{symlink, PermissionsExt};
    let dir = tempfile::tempdir().unwrap();
    let db = hostile_record(dir.path());
    let writes: [(&str, &[&str]); 6] = [
        ("m.md", &["export", "--output"]),
        ("m.toml", &["export", "--format", "toml", "--output"]),
        ("m.xlsx", &["export", "--format", "xlsx", "--output"]),
        ("a.csv", &["actions", "--format", "csv", "-o"]),
        ("a.xlsx", &["actions", "--format", "xlsx", "-o"]),
        ("b.db", &["backup"]),
    ];
    for (name, args) in writes {
        for planted in [Planted::ToVictim, Planted::Dangling] {
            let out = dir.path().join(format!("{name}-{planted:?}"));
            std::fs::create_dir(&out).unwrap();
            let victim = dir.path().join(format!("victim-{name}-{planted:?}"));
            std::fs::write(&victim, "precious").unwrap();
            let nowhere = out.join("nowhere");
            let target = out.join(name);
            // The old temporary name too: a link there must not matter either.
            let mut partial = target.as_os_str().to_owned();
            partial.push(".partial");
            symlink(&victim, &partial).unwrap();
            match planted {
                Planted::ToVictim => symlink(&victim, &target).unwrap(),
                Planted::Dangling => symlink(&nowhere, &target).unwrap(),
            }
            let mut full: Vec<&str> = args.to_vec();
            let shown = target.display().to_string();
            full.push(&shown);
            let run = termly(dir.path(), &db, &full);
            let what = format!("{name} over a link {planted:?}: {}", stderr(&run));
            assert_eq!(
                std::fs::read_to_string(&victim).unwrap(),
                "precious",
                "{what}"
            );
            assert!(!nowhere.exists(), "{what}");
            // Whatever was written is a private, regular file; nothing temporary is left.
            for entry in std::fs::read_dir(&out).unwrap() {
                let path = entry.unwrap().path();
                let file = path.file_name().unwrap().to_string_lossy().into_owned();
                assert!(!file.starts_with('.'), "{file} left behind: {what}");
                let meta = std::fs::symlink_metadata(&path).unwrap();
                if !meta.is_symlink() {
                    assert_eq!(meta.permissions().mode() & 0o777, 0o600, "{file}: {what}");
                }
            }
            if name == "b.db" {
                // A backup never replaces an existing name, link or not.
                assert!(!run.status.success(), "{what}");
                assert!(stderr(&run).contains("already exists"), "{what}");
            } else {
                assert!(run.status.success(), "{what}");
            }
        }
    }
}
