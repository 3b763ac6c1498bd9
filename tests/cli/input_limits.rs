//! Any size, any file: what is not a regular file, or is over `[limits] max_file_mb`, is
//! refused at once with a clear message, before a byte is read, and nothing is written.

use std::path::Path;
use std::process::{Command, Output};

fn termly(dir: &Path, args: &[&str]) -> Output {
    Command::new(env!("CARGO_BIN_EXE_termly"))
        .arg("--config")
        .arg(dir.join("termly.toml"))
        .arg("--database")
        .arg(dir.join("termly.db"))
        .args(args)
        .output()
        .unwrap()
}

fn refused(dir: &Path, file: &Path, message: &str) {
    let out = termly(dir, &["import", "--register", file.to_str().unwrap()]);
    let stderr = String::from_utf8_lossy(&out.stderr);
    assert!(!out.status.success(), "{stderr}");
    assert!(stderr.contains(message), "{stderr}");
    assert!(stderr.contains("nothing was imported"), "{stderr}");
}

#[test]
fn devices_pipes_folders_and_big_files_are_refused_before_reading() {
    let dir = tempfile::tempdir().unwrap();
    let d = dir.path();
    std::fs::write(d.join("termly.toml"), "[limits]\nmax_file_mb = 1\n").unwrap();
    // Read until the machine kills it, were it read.
    #[cfg(unix)]
    refused(d, Path::new("/dev/zero"), "not a regular file");
    // Windows' null device has no file information to ask for (Wine: "Invalid parameter"),
    // so it is refused at that question, still before a byte is read.
    #[cfg(windows)]
    refused(d, Path::new("NUL"), "NUL: cannot read");
    refused(d, d, "is a folder, not a regular file");
    let fifo = d.join("pipe.csv");
    let made = Command::new("mkfifo").arg(&fifo).status();
    if made.is_ok_and(|s| s.success()) {
        // Opening a FIFO with no writer would block: it must be refused before that.
        refused(d, &fifo, "not a regular file");
    }
    let big = d.join("big.csv");
    let mut text = String::from("urn,name,phase,establishment_type\n");
    while text.len() <= 1024 * 1024 {
        text.push_str("100001,A school with a long name,primary,Community school\n");
    }
    std::fs::write(&big, &text).unwrap();
    refused(
        d,
        &big,
        "over the limit of 1048576 bytes ([limits] max_file_mb)",
    );
}
