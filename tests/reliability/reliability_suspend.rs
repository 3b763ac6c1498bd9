//! Stopped from outside and continued: after `kill -TSTP` the shell has its terminal back as
//! it was (main screen, same tty settings), and after `fg` the screen is taken again and
//! drawn whole, not left blank.

use crate::common::files::good_borough;
use crate::common::tmux::{need_tmux, Tmux};
use std::process::Command;

fn kill(sig: &str, pid: &str) {
    let ok = Command::new("kill").args([sig, pid]).status().unwrap();
    assert!(ok.success(), "kill {sig} {pid}");
}

#[test]
fn sigtstp_gives_the_terminal_back_and_sigcont_redraws() {
    if !need_tmux() {
        return;
    }
    let dir = good_borough();
    let tmux = Tmux::new("suspend", "t");
    tmux.start_shell(dir.path());
    tmux.line("stty -g > before.stty; clear");
    tmux.wait_for("stty", |_| dir.path().join("before.stty").exists());
    tmux.line(&format!(
        "'{}' --config termly.toml --chair 'A. Chair'; echo EXITED-$?",
        env!("CARGO_BIN_EXE_termly")
    ));
    tmux.wait_for("the screen", |s| s.contains("Open the meeting"));
    assert!(tmux.alternate_on());
    let pid = tmux.foreground_child();

    kill("-TSTP", &pid);
    let s = tmux.wait_for("the shell to say it stopped", |s| {
        s.contains("Stopped") || s.contains("stopped")
    });
    assert!(
        !tmux.alternate_on(),
        "alternate screen left on while stopped:\n{s}"
    );
    tmux.line("stty -g > stopped.stty; echo PROMPT-$((6*7))");
    tmux.wait_for("the shell to answer", |s| s.contains("PROMPT-42"));
    let before = std::fs::read_to_string(dir.path().join("before.stty")).unwrap();
    let stopped = std::fs::read_to_string(dir.path().join("stopped.stty")).unwrap();
    assert_eq!(before, stopped, "tty settings given back while stopped");

    tmux.line("fg");
    let s = tmux.wait_for("the screen drawn again", |s| s.contains("Open the meeting"));
    assert!(tmux.alternate_on(), "the screen is taken again:\n{s}");

    kill("-TERM", &pid);
    let s = tmux.wait_for("the program to end", |s| {
        s.lines().any(|l| l.starts_with("EXITED-"))
    });
    assert!(!tmux.alternate_on(), "{s}");
}
