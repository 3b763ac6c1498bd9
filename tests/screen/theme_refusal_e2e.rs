//! An unknown theme in the config file is blamed on the file's `ui.theme`, at its line, not on
//! `--theme` (the real binary in tmux: the screen needs a terminal before it reads the theme).

use crate::common::files::good_borough;
use crate::common::tmux::{need_tmux, Tmux};

#[test]
fn an_unknown_theme_in_the_file_names_the_file_line_and_key() {
    if !need_tmux() {
        return;
    }
    let dir = good_borough();
    let config = std::fs::read_to_string(dir.path().join("termly.toml")).unwrap();
    std::fs::write(
        dir.path().join("termly.toml"),
        format!("{config}\n[ui]\ntheme = \"neon\"\n"),
    )
    .unwrap();
    let line = config.lines().count() + 3;
    let tmux = Tmux::new("theme", "t");
    tmux.start_shell(dir.path());
    tmux.line(&format!(
        "'{}' --config termly.toml; echo EXITED-$?",
        env!("CARGO_BIN_EXE_termly")
    ));
    let s = tmux.wait_for("the refusal", |s| {
        s.lines().any(|l| l.starts_with("EXITED-"))
    });
    // The message may wrap at the pane's edge.
    let s = s.replace('\n', "");
    assert!(
        s.contains(&format!(
            "termly.toml:{line}:1: ui.theme: unknown theme `neon`"
        )),
        "{s}"
    );
    assert!(!s.contains("--theme"), "{s}");
}
