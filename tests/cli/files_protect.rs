//! Files that protect people's work: every file termly writes is owner-only, an export never
//! overwrites minutes a clerk has edited, and `--database` keeps a practice database's
//! backups and minutes to itself.

use crate::common::cli::stderr;
use std::path::{Path, PathBuf};
use std::process::{Command, Output};

fn termly(cwd: &Path, db: &Path, args: &[&str]) -> Output {
    let out = Command::new(env!("CARGO_BIN_EXE_termly"))
        .current_dir(cwd)
        .arg("--database")
        .arg(db)
        .args(args)
        .output()
        .unwrap();
    assert!(
        out.status.success(),
        "{args:?}: {}",
        String::from_utf8_lossy(&out.stderr)
    );
    out
}

/// A database with one meeting and one decision in it.
fn decided(dir: &Path) -> PathBuf {
    let db = dir.join("practice.db");
    crate::decisions_fixture::fill(&termly::store::Store::open(&db).unwrap());
    termly(
        dir,
        &db,
        &[
            "decide",
            "--urn",
            "100001",
            "--kind",
            "confirm",
            "--rationale",
            "Steady",
            "--chair",
            "S. Okafor",
        ],
    );
    db
}

fn files_under(dir: &Path) -> Vec<PathBuf> {
    let mut found = Vec::new();
    for entry in std::fs::read_dir(dir).unwrap() {
        let path = entry.unwrap().path();
        if path.is_dir() {
            found.extend(files_under(&path));
        } else {
            found.push(path);
        }
    }
    found
}

#[test]
fn an_edited_export_is_kept_and_the_next_free_name_written() {
    let dir = tempfile::tempdir().unwrap();
    let db = decided(dir.path());
    let md = dir.path().join("minutes.md");
    let args = ["export", "--output", "minutes.md"];
    let first = termly(dir.path(), &db, &args);
    assert!(stderr(&first).contains("wrote"), "{}", stderr(&first));
    // Unchanged since termly wrote it: a second export may replace it.
    let again = termly(dir.path(), &db, &args);
    assert!(!stderr(&again).contains("instead"), "{}", stderr(&again));
    assert!(!dir.path().join("minutes-2.md").exists());

    let edited =
        std::fs::read_to_string(&md).unwrap() + "\nClerk's note: apologies from A. Finance.\n";
    std::fs::write(&md, &edited).unwrap();
    let third = termly(dir.path(), &db, &args);
    assert!(
        stderr(&third).contains("was changed since termly wrote it")
            && stderr(&third).contains("minutes-2.md"),
        "{}",
        stderr(&third)
    );
    assert_eq!(
        std::fs::read_to_string(&md).unwrap(),
        edited,
        "the clerk's copy is untouched"
    );
    assert!(dir.path().join("minutes-2.md").exists());

    // A file termly never wrote is not overwritten either.
    std::fs::write(dir.path().join("theirs.md"), "someone else's").unwrap();
    termly(dir.path(), &db, &["export", "--output", "theirs.md"]);
    assert_eq!(
        std::fs::read_to_string(dir.path().join("theirs.md")).unwrap(),
        "someone else's"
    );
    assert!(dir.path().join("theirs-2.md").exists());
}

#[test]
fn with_database_alone_backups_and_minutes_stay_beside_it_and_are_private() {
    let dir = tempfile::tempdir().unwrap();
    let db = decided(dir.path());
    // Run from a folder holding a config/ like a checkout: nothing may land in it.
    let checkout = dir.path().join("checkout");
    std::fs::create_dir_all(checkout.join("config")).unwrap();
    termly(&checkout, &db, &["backup"]);
    termly(
        &checkout,
        &db,
        &["export", "--format", "toml", "--output", "../m.toml"],
    );
    termly(
        &checkout,
        &db,
        &["decide", "--close-meeting", "--chair", "S. Okafor"],
    );
    assert!(
        files_under(&checkout).is_empty(),
        "{:?}",
        files_under(&checkout)
    );
    let names: Vec<String> = std::fs::read_dir(dir.path())
        .unwrap()
        .map(|e| e.unwrap().file_name().to_string_lossy().into_owned())
        .collect();
    assert!(
        names
            .iter()
            .any(|n| n.starts_with("practice-") && n.ends_with(".db")),
        "the backup is named after its database, beside it: {names:?}"
    );
    #[cfg(unix)]
    {
        use std::os::unix::fs::PermissionsExt;
        for file in files_under(dir.path()) {
            let mode = std::fs::metadata(&file).unwrap().permissions().mode() & 0o777;
            assert_eq!(mode, 0o600, "{} is {mode:o}", file.display());
        }
    }
}
