//! `termly admin copy` through the real binary: the bundled borough with a meeting and its
//! decisions, copied SQLite → PostgreSQL → SQLite, gives byte-identical minutes from every
//! copy; a non-empty destination is refused and left as it was; a copy that cannot be made
//! leaves nothing behind. Also `termly backup` of a server database, which writes a SQLite
//! file through the same copy.

use crate::pg_support;
use std::path::Path;
use std::process::Output;
use termly::store::copy::TABLES;
use termly::store::{Location, Store};

fn termly(args: &[&str]) -> Output {
    std::process::Command::new(env!("CARGO_BIN_EXE_termly"))
        .args(args)
        .current_dir(env!("CARGO_MANIFEST_DIR"))
        .env_remove("TERMLY_CONFIG")
        .output()
        .unwrap()
}

fn on(database: &str, args: &[&str]) -> Output {
    let mut all = vec!["--database", database];
    all.extend_from_slice(args);
    termly(&all)
}

fn ok(out: Output, what: &str) -> String {
    assert!(
        out.status.success(),
        "{what} failed:\n{}\n{}",
        String::from_utf8_lossy(&out.stdout),
        String::from_utf8_lossy(&out.stderr)
    );
    String::from_utf8(out.stdout).unwrap()
}

fn refused(out: Output, what: &str) -> String {
    assert!(!out.status.success(), "{what} should have failed");
    String::from_utf8_lossy(&out.stderr).into_owned()
}

/// The first URNs of the bundled register.
fn urns(n: usize) -> Vec<String> {
    let register = Path::new(env!("CARGO_MANIFEST_DIR")).join("fixtures/register.csv");
    std::fs::read_to_string(register)
        .unwrap()
        .lines()
        .skip(1)
        .take(n)
        .map(|l| l.split(',').next().unwrap().to_string())
        .collect()
}

/// The bundled borough imported into `db`, with a meeting: a decision of every kind, a
/// revocation, apologies, the next meeting's date, and the meeting closed.
fn borough_with_a_meeting(db: &str) {
    ok(on(db, &["import"]), "import");
    let u = urns(5);
    let decide = |args: &[&str]| ok(on(db, &[&["decide"], args].concat()), "decide");
    decide(&[
        "--urn",
        &u[0],
        "--kind",
        "recategorise",
        "--to",
        "enhanced",
        "--rationale",
        "Attendance 4 for two terms; “persistent” absence at 31%",
        "--actions",
        "Attendance review\nLaMA visit",
        "--owner",
        "Adviser One",
        "--due",
        "2027-01-29",
        "--chair",
        "Chair Person",
        "--attendee",
        "Finance Lead",
        "--attendee",
        "HR Lead",
    ]);
    decide(&[
        "--urn",
        &u[1],
        "--kind",
        "confirm",
        "--rationale",
        "Improving; no change",
    ]);
    decide(&[
        "--urn",
        &u[2],
        "--kind",
        "defer",
        "--rationale",
        "Awaiting the report | card",
        "--due",
        "2027-02-12",
    ]);
    decide(&[
        "--urn",
        &u[3],
        "--kind",
        "note",
        "--rationale",
        "Governors written to",
        "--actions",
        "Letter to the chair of governors",
        "--owner",
        "Clerk",
        "--due",
        "2099-01-29",
    ]);
    decide(&["--revoke", "2", "--rationale", "Wrong school"]);
    ok(
        on(
            db,
            &[
                "meetings",
                "--meeting",
                "1",
                "--apology",
                "Standards Lead",
                "--next-meeting",
                "2027-03-10",
            ],
        ),
        "meetings",
    );
    ok(on(db, &["decide", "--close-meeting"]), "close");
}

/// The meeting's minutes as Markdown and as TOML.
fn minutes(db: &str) -> (String, String) {
    (
        ok(on(db, &["export", "--meeting", "1"]), "export md"),
        ok(
            on(db, &["export", "--meeting", "1", "--format", "toml"]),
            "export toml",
        ),
    )
}

/// (table, rows) as `admin copy` prints them.
fn printed_counts(stdout: &str) -> Vec<(String, i64)> {
    stdout
        .lines()
        .filter_map(|l| l.strip_prefix("  "))
        .map(|l| {
            let mut words = l.split_whitespace();
            let table = words.next().unwrap().to_string();
            (table, words.next().unwrap().parse().unwrap())
        })
        .collect()
}

/// Every table's rows, counted in the database itself.
fn counted(location: &str) -> Vec<(String, i64)> {
    let store = Store::open_at(&Location::parse(location), None).unwrap();
    TABLES
        .iter()
        .map(|t| {
            let sql = format!("SELECT count(*) FROM {}", t.name);
            (
                t.name.to_string(),
                store.test_db().value(&sql, &[]).unwrap(),
            )
        })
        .collect()
}

fn copy(from: &str, to: &str) -> Output {
    termly(&["admin", "copy", "--from", from, "--to", to])
}

#[test]
fn sqlite_to_postgres_and_back_gives_byte_identical_minutes() {
    let Some(server) = pg_support::server() else {
        return;
    };
    let dir = tempfile::tempdir().unwrap();
    let path = |name: &str| dir.path().join(name).to_str().unwrap().to_string();
    let (original, back) = (path("original.db"), path("back.db"));
    borough_with_a_meeting(&original);
    let url = pg_support::fresh_database(&server, "copyround");

    let there = ok(copy(&original, &url), "copy to PostgreSQL");
    let home = ok(copy(&url, &back), "copy back to SQLite");

    let counts = counted(&original);
    assert!(counts.contains(&("decisions".into(), 5)), "{counts:?}");
    assert!(counts.iter().any(|(t, n)| t == "scores" && *n > 1000));
    assert_eq!(printed_counts(&there), counts, "{there}");
    assert_eq!(printed_counts(&home), counts, "{home}");
    assert_eq!(counted(&url), counts);
    assert_eq!(counted(&back), counts);
    let checksum = |out: &str| out.lines().last().unwrap().to_string();
    assert_eq!(checksum(&there), checksum(&home));

    let before = minutes(&original);
    assert!(before.0.contains("Wrong school"), "{}", before.0);
    assert_eq!(minutes(&back), before, "minutes from the copy back");
    assert_eq!(minutes(&url), before, "minutes from PostgreSQL");

    // New records on the server follow the copied ones instead of colliding with them.
    let u = urns(6);
    let next = on(
        &url,
        &[
            "decide",
            "--urn",
            &u[5],
            "--kind",
            "confirm",
            "--rationale",
            "Kept under review",
            "--open-meeting",
            "--chair",
            "Chair Person",
        ],
    );
    assert_eq!(
        ok(next, "a decision on the copy"),
        "saved decision #6 in meeting #2\n"
    );
}

#[test]
fn a_second_copy_into_a_database_with_data_is_refused_and_changes_nothing() {
    let Some(server) = pg_support::server() else {
        return;
    };
    let dir = tempfile::tempdir().unwrap();
    let original = dir.path().join("original.db").to_str().unwrap().to_string();
    let other = dir.path().join("other.db").to_str().unwrap().to_string();
    borough_with_a_meeting(&original);
    ok(on(&other, &["import"]), "import into the other file");
    let url = pg_support::fresh_database(&server, "copytwice");
    ok(copy(&original, &url), "first copy");
    let on_server = counted(&url);
    let other_before = counted(&other);

    let err = refused(copy(&other, &url), "a second copy to PostgreSQL");
    assert!(
        err.contains("already holds data") && err.contains("nothing was written"),
        "{err}"
    );
    assert_eq!(counted(&url), on_server);

    let err = refused(copy(&url, &other), "a copy into a SQLite file with data");
    assert!(err.contains("already holds data"), "{err}");
    assert_eq!(counted(&other), other_before);
}

#[test]
fn a_copy_that_cannot_be_made_leaves_nothing() {
    let dir = tempfile::tempdir().unwrap();
    let original = dir.path().join("original.db").to_str().unwrap().to_string();
    ok(on(&original, &["import"]), "import");
    // A folder that cannot be made: its parent is a file.
    std::fs::write(dir.path().join("plain"), "not a folder").unwrap();
    let blocked = dir.path().join("plain/sub/copy.db");
    let err = refused(
        copy(&original, blocked.to_str().unwrap()),
        "a copy under a file",
    );
    assert!(err.contains("cannot create"), "{err}");
    assert!(!dir.path().join("plain/sub").exists());

    let missing = dir.path().join("missing.db");
    let out = dir.path().join("out.db");
    let err = refused(
        copy(missing.to_str().unwrap(), out.to_str().unwrap()),
        "a copy of nothing",
    );
    assert!(err.contains("no database there to copy from"), "{err}");
    assert!(!missing.exists() && !out.exists());

    if let Some(server) = pg_support::server() {
        // A server database that does not exist is not created by the copy.
        let url = pg_support::with_database(&server, "termly_copy_never_created");
        refused(copy(&original, &url), "a copy to a missing server database");
        let mut admin = postgres::Client::connect(&server, postgres::NoTls).unwrap();
        let found: i64 = admin
            .query_one(
                "SELECT count(*) FROM pg_database WHERE datname = 'termly_copy_never_created'",
                &[],
            )
            .unwrap()
            .get(0);
        assert_eq!(found, 0);
    }
}

#[test]
fn a_backup_of_a_server_database_is_one_private_sqlite_file() {
    let Some(server) = pg_support::server() else {
        return;
    };
    let dir = tempfile::tempdir().unwrap();
    let original = dir.path().join("original.db").to_str().unwrap().to_string();
    borough_with_a_meeting(&original);
    let url = pg_support::fresh_database(&server, "backup");
    ok(copy(&original, &url), "copy to PostgreSQL");

    let file = dir.path().join("taken-away.db");
    let said = ok(
        on(&url, &["backup", file.to_str().unwrap()]),
        "backup of the server",
    );
    assert!(said.starts_with("backed up postgres://"), "{said}");
    #[cfg(unix)]
    {
        use std::os::unix::fs::PermissionsExt;
        let mode = std::fs::metadata(&file).unwrap().permissions().mode();
        assert_eq!(mode & 0o077, 0, "mode {mode:o}");
    }
    let file = file.to_str().unwrap();
    assert_eq!(counted(file), counted(&original));
    assert_eq!(minutes(file), minutes(&original));

    // With no file named, the backup goes in the backup folder, named after the database.
    let config = dir.path().join("termly.toml");
    let folder = dir.path().join("backups");
    std::fs::write(
        &config,
        format!("[backup]\nfolder = {:?}\n", folder.to_str().unwrap()),
    )
    .unwrap();
    let config = config.to_str().unwrap();
    ok(
        termly(&["--config", config, "--database", &url, "backup"]),
        "backup into the folder",
    );
    let name = url.rsplit('/').next().unwrap();
    let taken: Vec<String> = std::fs::read_dir(&folder)
        .unwrap()
        .map(|e| e.unwrap().file_name().to_string_lossy().into_owned())
        .collect();
    assert_eq!(taken.len(), 1, "{taken:?}");
    assert!(
        taken[0].starts_with(&format!("{name}-")) && taken[0].ends_with(".db"),
        "{taken:?}"
    );
}
