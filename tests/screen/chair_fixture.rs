//! The bundled fictional borough in a temporary folder, for driving a meeting in tmux: the
//! fixtures, a config pointing at them, and helpers to read the numbered agenda papers and
//! the screen.

use std::path::PathBuf;
use std::process::Command;

pub struct Borough {
    pub dir: tempfile::TempDir,
}

impl Borough {
    /// Fixtures from `termly demo-data --fixtures` and `termly.toml` beside them.
    pub fn new() -> Borough {
        let dir = tempfile::tempdir().unwrap();
        let status = Command::new(env!("CARGO_BIN_EXE_termly"))
            .args(["demo-data", "--fixtures", "--out"])
            .arg(dir.path().join("fx"))
            .status()
            .unwrap();
        assert!(status.success());
        std::fs::write(
            dir.path().join("termly.toml"),
            "[data]\nregister = \"fx/register.csv\"\nsupport = \"fx/support.csv\"\n\
             inspections = \"fx/inspections.csv\"\nscores = \"fx/scores\"\ndatabase = \"t.db\"\n\
             minutes = \"minutes\"\n[backup]\nfolder = \"backups\"\n",
        )
        .unwrap();
        Borough { dir }
    }

    pub fn path(&self) -> PathBuf {
        self.dir.path().to_path_buf()
    }

    /// Run termly with `args` in the folder; (success, stdout, stderr).
    pub fn termly(&self, args: &[&str]) -> (bool, String, String) {
        let out = Command::new(env!("CARGO_BIN_EXE_termly"))
            .current_dir(self.dir.path())
            .arg("--config")
            .arg("termly.toml")
            .args(args)
            .output()
            .unwrap();
        (
            out.status.success(),
            String::from_utf8_lossy(&out.stdout).into_owned(),
            String::from_utf8_lossy(&out.stderr).into_owned(),
        )
    }

    /// The printed agenda papers: (item number, URN, school name) in order.
    pub fn papers(&self) -> Vec<(usize, u32, String)> {
        let (ok, out, err) = self.termly(&["snapshot", "--agenda"]);
        assert!(ok, "{err}");
        parse_papers(&out)
    }
}

/// `7. 100123 Some School — Core; …` lines of `snapshot --agenda`.
pub fn parse_papers(text: &str) -> Vec<(usize, u32, String)> {
    text.lines()
        .filter_map(|l| {
            let (n, rest) = l.split_once(". ")?;
            let n: usize = n.parse().ok()?;
            let (urn, rest) = rest.split_once(' ')?;
            let name = rest.split(" — ").next()?;
            Some((n, urn.parse().ok()?, name.to_string()))
        })
        .collect()
}

/// The grid line under the cursor (marked ▶).
pub fn cursor_line(screen: &str) -> String {
    screen
        .lines()
        .find(|l| l.starts_with('▶'))
        .unwrap_or_default()
        .to_string()
}

/// The school's name as the grid shows it (the grid cuts long names).
pub fn grid_name(name: &str) -> String {
    name.chars().take(24).collect()
}

/// The first body line of the grid (below the column headings).
pub fn first_row(screen: &str) -> String {
    let mut lines = screen
        .lines()
        .skip_while(|l| !l.trim_start().starts_with("School"));
    lines.next();
    lines.next().unwrap_or_default().to_string()
}
