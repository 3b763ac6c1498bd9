//! `termly backup` against a PostgreSQL database: one SQLite file, readable by its owner
//! only, and nothing else written.

use crate::pg_support;
use std::process::Command;
use termly::store::db::Dialect;
use termly::store::Store;

#[test]
fn backing_up_a_server_database_writes_one_private_sqlite_file() {
    let Some(server) = pg_support::server() else {
        return;
    };
    let url = pg_support::fresh_database(&server, "clibackup");
    let dir = tempfile::tempdir().unwrap();
    let out = Command::new(env!("CARGO_BIN_EXE_termly"))
        .current_dir(dir.path())
        .arg("--database")
        .arg(&url)
        .args(["backup", "server.db"])
        .output()
        .unwrap();
    let err = String::from_utf8_lossy(&out.stderr);
    assert!(out.status.success(), "{err}");
    let written: Vec<_> = std::fs::read_dir(dir.path())
        .unwrap()
        .map(|e| e.unwrap().file_name())
        .collect();
    assert_eq!(written, ["server.db"], "one file, no -wal or -shm left");
    let file = dir.path().join("server.db");
    #[cfg(unix)]
    {
        use std::os::unix::fs::PermissionsExt;
        let mode = std::fs::metadata(&file).unwrap().permissions().mode();
        assert_eq!(mode & 0o077, 0, "mode {mode:o}");
    }
    assert_eq!(Store::open(&file).unwrap().dialect(), Dialect::Sqlite);
}
