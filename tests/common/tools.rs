//! The outside tools some tests drive (tmux, strace). In CI (`CI` set) a missing tool is a
//! failure, so no test passes because its tool is missing; `.ci/run` installs them. On a
//! developer's machine without one, the test says SKIPPED and returns.

use std::process::Command;

/// True when `tool` answers `tool <version_arg>`. Panics in CI when it does not.
#[must_use]
pub fn need(tool: &str, version_arg: &str) -> bool {
    let present = Command::new(tool)
        .arg(version_arg)
        .output()
        .is_ok_and(|o| o.status.success());
    if present {
        return true;
    }
    assert!(
        std::env::var_os("CI").is_none(),
        "{tool} is not installed; in CI it must be (.ci/run installs it)"
    );
    eprintln!("SKIPPED: {tool} is not installed, so this test cannot run");
    false
}
