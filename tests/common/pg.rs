//! A PostgreSQL server for the tests that need one. `TERMLY_TEST_PG` holds a URL to a server
//! where the tests may create databases (`.ci/postgres start` prints one). In CI (`CI` set)
//! its absence is a failure; on a developer's machine without it the test says SKIPPED.
//!
//! A test that stops and starts a server (a dropped connection mid-meeting) starts its own
//! with [`OwnServer`], never touching the shared one.
// Each test binary that includes this file uses only part of it.
#![allow(dead_code)]

use std::path::PathBuf;
use std::process::Command;
use std::sync::atomic::{AtomicU32, Ordering};

/// The server's URL, or None (after saying SKIPPED) when there is none outside CI.
#[must_use]
pub fn server() -> Option<String> {
    match std::env::var("TERMLY_TEST_PG") {
        Ok(url) if !url.is_empty() => Some(url),
        _ => {
            assert!(
                std::env::var_os("CI").is_none(),
                "TERMLY_TEST_PG is not set; in CI it must be (.ci/run starts PostgreSQL)"
            );
            eprintln!("SKIPPED: no PostgreSQL (set TERMLY_TEST_PG=postgres://… to run this test)");
            None
        }
    }
}

/// The same server URL with another database name in place of the last path segment.
pub fn with_database(server: &str, name: &str) -> String {
    let (head, tail) = match server.split_once('?') {
        Some((h, t)) => (h, Some(t)),
        None => (server, None),
    };
    let scheme_end = head.find("://").map_or(0, |i| i + 3);
    let base = match head[scheme_end..].find('/') {
        Some(i) => &head[..scheme_end + i],
        None => head,
    };
    match tail {
        Some(t) => format!("{base}/{name}?{t}"),
        None => format!("{base}/{name}"),
    }
}

/// A new, empty database on the server, named for this test; returns its URL.
pub fn fresh_database(server: &str, tag: &str) -> String {
    static NEXT: AtomicU32 = AtomicU32::new(0);
    let name = format!(
        "termly_{}_{}_{}",
        tag.chars()
            .filter(|c| c.is_ascii_alphanumeric())
            .take(24)
            .collect::<String>()
            .to_lowercase(),
        std::process::id(),
        NEXT.fetch_add(1, Ordering::SeqCst)
    );
    let mut admin = postgres::Client::connect(server, postgres::NoTls)
        .unwrap_or_else(|e| panic!("cannot reach the test PostgreSQL at {server}: {e}"));
    // One statement each: neither may run inside a transaction block.
    admin
        .batch_execute(&format!("DROP DATABASE IF EXISTS {name}"))
        .unwrap();
    admin
        .batch_execute(&format!("CREATE DATABASE {name}"))
        .unwrap();
    with_database(server, &name)
}

/// The newest PostgreSQL's programs (`initdb`, `pg_ctl`), if it is installed.
fn server_programs() -> Option<PathBuf> {
    let mut found: Vec<PathBuf> = std::fs::read_dir("/usr/lib/postgresql")
        .ok()?
        .flatten()
        .map(|e| e.path().join("bin"))
        .filter(|bin| bin.join("initdb").exists())
        .collect();
    found.sort_by_key(|bin| {
        let version = bin.parent().and_then(|v| v.file_name());
        version.and_then(|v| v.to_str()?.parse::<u32>().ok())
    });
    found.pop()
}

/// A throwaway PostgreSQL server of one test's own: an unprivileged user's server on a Unix
/// socket in a temporary folder (no TCP), as `.ci/postgres` starts CI's. The test may stop
/// and start it at will; dropping it stops it and removes the folder.
pub struct OwnServer {
    programs: PathBuf,
    /// Runs the server's programs as its owner (`runuser -u postgres --` when root, since
    /// PostgreSQL refuses to run as root).
    runner: Vec<String>,
    folder: tempfile::TempDir,
    owner: String,
    running: bool,
}

impl OwnServer {
    /// A new server, started; None (after saying SKIPPED) where the tests have no
    /// PostgreSQL, as [`server`]. In CI, where `.ci/postgres` installed it, a failure panics.
    #[must_use]
    pub fn start() -> Option<OwnServer> {
        server()?;
        let Some(programs) = server_programs() else {
            assert!(
                std::env::var_os("CI").is_none(),
                "PostgreSQL's programs are not in /usr/lib/postgresql; .ci/postgres installs them"
            );
            eprintln!("SKIPPED: PostgreSQL's programs (initdb, pg_ctl) are not installed");
            return None;
        };
        let folder = tempfile::Builder::new()
            .prefix("termly-pg-own.")
            .tempdir()
            .unwrap();
        let root = is_root();
        let owner = if root {
            "postgres".to_string()
        } else {
            std::env::var("USER").unwrap_or_else(|_| "postgres".into())
        };
        let runner = if root {
            vec!["runuser".into(), "-u".into(), owner.clone(), "--".into()]
        } else {
            Vec::new()
        };
        let mut own = OwnServer {
            programs,
            runner,
            folder,
            owner,
            running: false,
        };
        if root {
            run_ok(Command::new("chown").arg(&own.owner).arg(own.folder.path()));
        }
        run_ok(Command::new("chmod").arg("0755").arg(own.folder.path()));
        let data = own.data().to_str().unwrap().to_string();
        let mut initdb = own.program("initdb");
        initdb.args(["-D", &data, "-U", &own.owner, "--auth=trust", "-E", "UTF8"]);
        initdb.args(["--locale=C", "--no-sync"]);
        run_ok(&mut initdb);
        own.start_again();
        Some(own)
    }

    fn data(&self) -> PathBuf {
        self.folder.path().join("data")
    }

    fn program(&self, name: &str) -> Command {
        let path = self.programs.join(name);
        match self.runner.split_first() {
            Some((first, rest)) => {
                let mut c = Command::new(first);
                c.args(rest).arg(path);
                c
            }
            None => Command::new(path),
        }
    }

    fn pg_ctl(&self, args: &[&str]) {
        let data = self.data();
        let mut c = self.program("pg_ctl");
        c.arg("-D").arg(&data).args(args);
        run_ok(&mut c);
    }

    /// The URL of its `postgres` database (pass it to [`fresh_database`]).
    pub fn url(&self) -> String {
        let socket = self.folder.path().to_str().unwrap().replace('/', "%2F");
        format!("postgres://{}@{socket}/postgres", self.owner)
    }

    /// Start it again after [`OwnServer::stop`], on the same socket and data.
    pub fn start_again(&mut self) {
        let dir = self.folder.path().to_str().unwrap().to_string();
        let log = self.folder.path().join("server.log");
        let options = format!(
            "-c listen_addresses='' -c unix_socket_directories='{dir}' -c fsync=on -c max_connections=50"
        );
        self.pg_ctl(&["-l", log.to_str().unwrap(), "-w", "-o", &options, "start"]);
        self.running = true;
    }

    /// Stop it as an administrator would for a restart (`-m fast`: every session is told
    /// the server is shutting down, and unfinished transactions are rolled back).
    pub fn stop(&mut self) {
        self.pg_ctl(&["-m", "fast", "-w", "stop"]);
        self.running = false;
    }

    /// The server's own log, for a failing test's message.
    pub fn log(&self) -> String {
        std::fs::read_to_string(self.folder.path().join("server.log")).unwrap_or_default()
    }
}

impl Drop for OwnServer {
    fn drop(&mut self) {
        if self.running {
            let data = self.data();
            let mut c = self.program("pg_ctl");
            c.arg("-D")
                .arg(&data)
                .args(["-m", "immediate", "-w", "stop"]);
            // Dropping while a test panics must not panic again.
            let _ = c.output();
        }
    }
}

/// True when this process runs as root.
fn is_root() -> bool {
    Command::new("id")
        .arg("-u")
        .output()
        .is_ok_and(|o| String::from_utf8_lossy(&o.stdout).trim() == "0")
}

/// Run `c`; panic with its output if it fails.
fn run_ok(c: &mut Command) {
    let out = c.output().unwrap_or_else(|e| panic!("{c:?}: {e}"));
    assert!(
        out.status.success(),
        "{c:?} failed:\n{}{}",
        String::from_utf8_lossy(&out.stdout),
        String::from_utf8_lossy(&out.stderr)
    );
}

#[cfg(test)]
#[test]
fn database_names_replace_the_last_segment() {
    assert_eq!(
        with_database("postgres://u@%2Ftmp%2Fx/postgres", "t1"),
        "postgres://u@%2Ftmp%2Fx/t1"
    );
    assert_eq!(
        with_database("postgres://u@h:5432/db?sslmode=disable", "t2"),
        "postgres://u@h:5432/t2?sslmode=disable"
    );
    assert_eq!(with_database("postgres://u@h", "t3"), "postgres://u@h/t3");
}
