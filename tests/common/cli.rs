//! The real binary, run as a user would.

use std::path::Path;
use std::process::Command;

/// `termly --config termly.toml` run in `dir` (a copy of a borough), ready for more args.
pub fn termly_in(dir: &Path) -> Command {
    let mut c = Command::new(env!("CARGO_BIN_EXE_termly"));
    c.current_dir(dir).args(["--config", "termly.toml"]);
    c
}

/// `termly --database DB ARGS` run in `dir`, as it finished.
pub fn termly_on(dir: &Path, db: &Path, args: &[&str]) -> std::process::Output {
    Command::new(env!("CARGO_BIN_EXE_termly"))
        .current_dir(dir)
        .arg("--database")
        .arg(db)
        .args(args)
        .output()
        .unwrap()
}

/// What a finished run printed to standard output.
pub fn stdout(o: &std::process::Output) -> String {
    String::from_utf8_lossy(&o.stdout).into_owned()
}

/// What a finished run printed to standard error.
pub fn stderr(o: &std::process::Output) -> String {
    String::from_utf8_lossy(&o.stderr).into_owned()
}

/// `termly --config termly.toml ARGS` run in `dir`; its standard output, once it has
/// succeeded (a failure panics with what it printed).
pub fn run_ok(dir: &Path, args: &[&str]) -> String {
    let out = termly_in(dir).args(args).output().unwrap();
    assert!(
        out.status.success(),
        "{args:?}: {}{}",
        stdout(&out),
        stderr(&out)
    );
    stdout(&out)
}
