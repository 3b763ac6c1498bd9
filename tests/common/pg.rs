//! A PostgreSQL server for the tests that need one. `TERMLY_TEST_PG` holds a URL to a server
//! where the tests may create databases (`.ci/postgres start` prints one). In CI (`CI` set)
//! its absence is a failure; on a developer's machine without it the test says SKIPPED.

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
