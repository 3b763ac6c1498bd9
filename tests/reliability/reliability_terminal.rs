//! The terminal is given back after SIGTERM, SIGHUP, a panic and an error: in a tmux pane
//! the alternate screen is off, the tty settings (`stty -g`) are as before, and the shell
//! runs the next command. Resizing the real binary's pane down to 1×1 and up to 400×120,
//! with a form open, does not end it.
//!
//! The panic and error cases run this test binary again in the pane (the ignored
//! `child_process_entry`, with TERMLY_TERMINAL_CHILD set), so they go through the same
//! `with_terminal` as the screen without a test-only switch in termly itself.

use crate::common::files::good_borough;
use crate::common::tmux::{need_tmux, Tmux};
use std::process::Command;
use std::time::Duration;
use termly::tui::terminal::{with_terminal, ScreenError};

const CHILD_ENV: &str = "TERMLY_TERMINAL_CHILD";

/// The `echo EXITED-$?` after the program has run (not the command line that contains it).
fn exited(screen: &str) -> bool {
    screen.lines().any(|l| l.starts_with("EXITED-"))
}

/// Record the tty settings, run `cmd` (which takes over the screen), let `end` stop it,
/// then check the terminal is as it was and the shell still runs commands.
fn given_back_after(tag: &str, cmd: &str, ready: &str, end: impl FnOnce(&Tmux)) -> String {
    let dir = good_borough();
    let tmux = Tmux::new(&format!("rel-{tag}"), "t");
    tmux.start_shell(dir.path());
    tmux.line("stty -g > before.stty; clear");
    tmux.wait_for("stty", |_| dir.path().join("before.stty").exists());
    tmux.line(&format!("{cmd}; echo EXITED-$?"));
    tmux.wait_for("the program's screen", |s| s.contains(ready));
    assert!(tmux.alternate_on(), "the program uses the alternate screen");
    end(&tmux);
    let s = tmux.wait_for("the program to end", exited);
    assert!(!tmux.alternate_on(), "alternate screen left on:\n{s}");
    tmux.line("stty -g > after.stty; echo PROMPT-$((6*7))");
    let s = tmux.wait_for("the shell to answer", |s| s.contains("PROMPT-42"));
    let before = std::fs::read_to_string(dir.path().join("before.stty")).unwrap();
    let after = std::fs::read_to_string(dir.path().join("after.stty")).unwrap();
    assert_eq!(before, after, "tty settings restored");
    s
}

fn termly_screen() -> String {
    format!(
        "'{}' --config termly.toml --chair 'A. Chair'",
        env!("CARGO_BIN_EXE_termly")
    )
}

fn signal(tmux: &Tmux, sig: &str) {
    let pid = tmux.foreground_child();
    let ok = Command::new("kill")
        .args([&format!("-{sig}"), pid.as_str()])
        .status()
        .unwrap();
    assert!(ok.success());
}

#[test]
fn sigterm_and_sighup_give_the_terminal_back() {
    if !need_tmux() {
        return;
    }
    // SIGTERM stops the screen; SIGHUP says the terminal went away (status 129), but this
    // terminal is still there, so it is given back all the same.
    for (sig, status, says) in [
        ("TERM", "EXITED-1", "stopped by a signal"),
        ("HUP", "EXITED-129", "the terminal went away"),
    ] {
        let s = given_back_after(
            &sig.to_lowercase(),
            &termly_screen(),
            "Open the meeting",
            |t| signal(t, sig),
        );
        assert!(s.contains(status), "SIG{sig}: exit status\n{s}");
        assert!(s.contains(says), "SIG{sig}:\n{s}");
    }
}

#[test]
fn a_panic_and_an_error_give_the_terminal_back() {
    if !need_tmux() {
        return;
    }
    let me = std::env::current_exe().unwrap();
    for mode in ["panic", "error"] {
        let cmd = format!(
            "RUST_BACKTRACE=0 {CHILD_ENV}={mode} '{}' --exact reliability_terminal::child_process_entry --ignored --nocapture --test-threads=1",
            me.display()
        );
        let s = given_back_after(mode, &cmd, "CHILD-DRAWN", |_| {});
        assert!(
            s.contains("EXITED-101"),
            "{mode}: the test binary failed\n{s}"
        );
        assert!(
            s.contains(&format!("child {mode}")),
            "{mode}: message shown\n{s}"
        );
    }
}

/// Not a test of its own: the program the test above runs in a pane, so it is ignored in a
/// normal run (where it would have nothing to check) and run with `--ignored` there.
#[test]
#[ignore = "run in a tmux pane by a_panic_and_an_error_give_the_terminal_back"]
fn child_process_entry() {
    let mode = std::env::var(CHILD_ENV)
        .expect("run by a_panic_and_an_error_give_the_terminal_back, which sets the mode");
    let result: Result<(), ScreenError> = with_terminal(|t| {
        t.draw(|f| f.render_widget(ratatui::widgets::Paragraph::new("CHILD-DRAWN"), f.area()))?;
        std::thread::sleep(Duration::from_millis(500));
        match mode.as_str() {
            "panic" => panic!("child panic"),
            _ => Err(ScreenError::Failed("child error".into())),
        }
    });
    // As the binary's main does: print the error once the screen is given back.
    if let Err(e) = result {
        panic!("{e}");
    }
}

#[test]
fn resizing_the_real_screen_to_extremes_does_not_end_it() {
    if !need_tmux() {
        return;
    }
    let dir = good_borough();
    let tmux = Tmux::new("rel-resize", "t");
    tmux.start_shell(dir.path());
    tmux.line(&format!("{}; echo EXITED-$?", termly_screen()));
    tmux.open_meeting();
    tmux.wait_for("the grid", |s| s.contains("meeting #1"));
    let sizes = [
        (1, 1),
        (400, 120),
        (2, 1),
        (20, 5),
        (1, 60),
        (300, 2),
        (100, 30),
    ];
    // Wait for each size to land before the next, so the screen sees every one of them.
    let resize = |w: u16, h: u16| {
        tmux.resize_window(w, h);
        let want = format!("{w}x{h}");
        let start = std::time::Instant::now();
        while tmux
            .run(&[
                "display",
                "-p",
                "-t",
                "t",
                "#{window_width}x#{window_height}",
            ])
            .trim()
            != want
        {
            assert!(
                start.elapsed() < Duration::from_secs(10),
                "no resize to {want}"
            );
            std::thread::yield_now();
        }
    };
    for (w, h) in sizes {
        resize(w, h);
    }
    // And with a form open, typed text in it.
    tmux.keys(&["x"]);
    tmux.wait_for("the confirm form", |s| s.contains("Confirm"));
    tmux.text("Stable");
    for (w, h) in sizes {
        resize(w, h);
    }
    let s = tmux.wait_for("the form at full size", |s| s.contains("Stable"));
    assert!(!exited(&s), "{s}");
    // Esc asks once more before discarding typed text; wait for each step, because two
    // Escapes sent together can arrive as one Alt-Escape on a busy machine.
    tmux.keys(&["Escape"]);
    tmux.wait_for("the discard warning", |s| s.contains("Esc again"));
    tmux.keys(&["Escape"]);
    tmux.wait_for("the form to close", |s| !s.contains("Confirm Alderbrook"));
    tmux.keys(&["q"]);
    let s = tmux.wait_for("exit", exited);
    assert!(s.contains("EXITED-0"), "{s}");
}
