//! `termly backup` against a PostgreSQL database: refused in one plain line that names the
//! server's own backups, with nothing written.

use crate::pg_support;
use std::process::Command;

#[test]
fn backing_up_a_server_database_says_the_server_does_it() {
    let Some(server) = pg_support::server() else {
        return;
    };
    let url = pg_support::fresh_database(&server, "clibackup");
    let dir = tempfile::tempdir().unwrap();
    let out = Command::new(env!("CARGO_BIN_EXE_termly"))
        .current_dir(dir.path())
        .arg("--database")
        .arg(&url)
        .arg("backup")
        .output()
        .unwrap();
    let err = String::from_utf8_lossy(&out.stderr);
    assert!(!out.status.success(), "{err}");
    assert!(
        err.contains("termly does not back up a PostgreSQL database") && err.contains("pg_dump"),
        "{err}"
    );
    assert_eq!(err.trim().lines().count(), 1, "{err}");
    assert!(
        std::fs::read_dir(dir.path()).unwrap().next().is_none(),
        "nothing is written"
    );
}
