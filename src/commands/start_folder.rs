//! Where the built-in settings live when no `--config` is given.
//!
//! The built-in defaults resolve their paths from `config/` in the current folder: right in a
//! checkout (`cargo run`) or in the unpacked Windows zip opened in a terminal. A Windows
//! shortcut, though, starts termly in whatever its "Start in" says, which is
//! `C:\Windows\System32` when left empty: there termly would look for the bundled borough in
//! the wrong place and try to make its database among the system's files. So when the
//! current folder has no `config` folder and the program's own folder has the shipped
//! `config/termly.toml` (the zip's layout), the defaults resolve from the program's folder.

use std::path::{Path, PathBuf};

/// The `config` folder beside the running program, when the current folder has none.
pub fn defaults_folder() -> Option<PathBuf> {
    let program = std::env::current_exe().ok()?;
    choose(Path::new("."), program.parent()?)
}

/// `here/config` wins whenever it exists; then `program_dir/config`, if it holds the
/// shipped `termly.toml`.
fn choose(here: &Path, program_dir: &Path) -> Option<PathBuf> {
    if here.join("config").is_dir() {
        return None;
    }
    let beside = program_dir.join("config");
    beside.join("termly.toml").is_file().then_some(beside)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_current_folder_wins_then_the_programs_folder() {
        let dir = tempfile::tempdir().unwrap();
        let (here, program) = (dir.path().join("here"), dir.path().join("app"));
        std::fs::create_dir_all(program.join("config")).unwrap();
        std::fs::create_dir_all(&here).unwrap();
        assert_eq!(choose(&here, &program), None, "no shipped termly.toml");
        std::fs::write(program.join("config").join("termly.toml"), "").unwrap();
        assert_eq!(choose(&here, &program), Some(program.join("config")));
        std::fs::create_dir_all(here.join("config")).unwrap();
        assert_eq!(choose(&here, &program), None, "the current folder's config");
    }
}
