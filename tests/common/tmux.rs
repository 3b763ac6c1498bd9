//! Drives the real binary in a tmux pseudo-terminal: one private server (socket) per
//! driver, one session in it, killed when the driver is dropped.

use std::path::Path;
use std::process::Command;
use std::time::{Duration, Instant};

/// Whether a test that needs tmux can run (see `tools::need`): it fails in CI without it.
#[must_use]
pub fn need_tmux() -> bool {
    super::tools::need("tmux", "-V")
}

pub struct Tmux {
    socket: String,
    session: String,
}

impl Tmux {
    /// A driver on socket `termly-<tag>-<pid>` (so parallel tests and runs do not meet)
    /// for the session named `session`.
    pub fn new(tag: &str, session: &str) -> Tmux {
        Tmux {
            socket: format!("termly-{tag}-{}", std::process::id()),
            session: session.to_string(),
        }
    }

    pub fn run(&self, args: &[&str]) -> String {
        let out = Command::new("tmux")
            .arg("-L")
            .arg(&self.socket)
            .args(args)
            .output()
            .expect("tmux runs");
        String::from_utf8_lossy(&out.stdout).into_owned()
    }

    pub fn screen(&self) -> String {
        self.run(&["capture-pane", "-p", "-t", &self.session])
    }

    pub fn keys(&self, keys: &[&str]) {
        let mut args = vec!["send-keys", "-t", &self.session];
        args.extend_from_slice(keys);
        self.run(&args);
    }

    /// Type `s` literally (no key names).
    pub fn text(&self, s: &str) {
        self.keys(&["-l", s]);
    }

    /// Type a shell command and run it.
    pub fn line(&self, cmd: &str) {
        self.text(cmd);
        self.keys(&["Enter"]);
    }

    /// Wait until the screen satisfies `ok` (generous limit: a first run imports).
    pub fn wait_for(&self, what: &str, ok: impl Fn(&str) -> bool) -> String {
        let start = Instant::now();
        loop {
            let s = self.screen();
            // A capture can land in the middle of a redraw (half old frame, half new), so the
            // screen must also be the same a moment later before it counts.
            if ok(&s) {
                std::thread::sleep(Duration::from_millis(60));
                if self.screen() == s {
                    return s;
                }
                continue;
            }
            if start.elapsed() > Duration::from_secs(90) {
                panic!("timed out waiting for {what}; screen:\n{s}");
            }
            std::thread::sleep(Duration::from_millis(100));
        }
    }

    /// A tmux format variable of the pane, e.g. `pane_pid`.
    fn pane(&self, var: &str) -> String {
        let format = format!("#{{{var}}}");
        self.run(&["display", "-p", "-t", &self.session, &format])
            .trim()
            .to_string()
    }

    /// The pid of the pane's process (termly itself, when it was started with `exec`).
    pub fn pane_pid(&self) -> String {
        self.pane("pane_pid")
    }

    pub fn alternate_on(&self) -> bool {
        self.pane("alternate_on") == "1"
    }

    /// Start the session, `width`×`height`, running `cmd` (in `dir` when given).
    pub fn new_session(&self, width: u16, height: u16, dir: Option<&Path>, cmd: &str) {
        let (w, h) = (width.to_string(), height.to_string());
        let mut args = vec!["new-session", "-d", "-s", &self.session, "-x", &w, "-y", &h];
        if let Some(dir) = dir {
            args.extend(["-c", dir.to_str().unwrap()]);
        }
        args.push(cmd);
        self.run(&args);
    }

    pub fn resize_window(&self, width: u16, height: u16) {
        let (w, h) = (width.to_string(), height.to_string());
        self.run(&["resize-window", "-t", &self.session, "-x", &w, "-y", &h]);
    }

    /// Start termly in `dir` at 120×40; `exec` so the pane's pid is termly's own.
    pub fn start(&self, dir: &Path, chair: Option<&str>) {
        self.start_with(dir, "", chair);
    }

    /// As [`Tmux::start`], on the database `url` (a `postgres://` URL) instead of the
    /// configured file.
    pub fn start_on(&self, dir: &Path, url: &str, chair: Option<&str>) {
        self.start_with(dir, &format!(" --database '{url}'"), chair);
    }

    fn start_with(&self, dir: &Path, options: &str, chair: Option<&str>) {
        let chair = chair.map_or(String::new(), |c| format!(" --chair '{c}'"));
        let cmd = format!(
            "cd '{}' && exec '{}' --config termly.toml{options}{chair}",
            dir.display(),
            env!("CARGO_BIN_EXE_termly"),
        );
        self.new_session(120, 40, None, &cmd);
    }

    /// Go to agenda item `n` by its number (`:`), and return the screen there.
    pub fn go_to_item(&self, n: usize) -> String {
        self.keys(&[":"]);
        self.wait_for("the item prompt", |s| s.contains("Go to which item"));
        self.text(&n.to_string());
        self.keys(&["Enter"]);
        let at = format!("item {n} of");
        self.wait_for(&at, |s| s.contains(&at))
    }

    /// Recategorise the school under the cursor to the policy's suggestion (pre-selected)
    /// with `rationale`, up to the review step; returns the review's screen.
    pub fn recategorise_to_suggestion(&self, rationale: &str) -> String {
        self.keys(&["c"]);
        self.wait_for("the picker", |s| s.contains("step 1 of 3"));
        self.keys(&["Enter"]);
        self.wait_for("the details", |s| s.contains("step 2 of 3"));
        self.text(rationale);
        self.keys(&["C-s"]);
        self.wait_for("the review", |s| s.contains("step 3 of 3"))
    }

    /// Answer the screen's "Open the meeting" question with its one `y`.
    pub fn open_meeting(&self) {
        self.wait_for("the open-meeting question", |s| {
            s.contains("Open the meeting")
        });
        self.keys(&["y"]);
        self.wait_for("the meeting", |s| s.contains("meeting #"));
    }

    /// A plain `sh` in `dir`, 100×30, with a short prompt.
    pub fn start_shell(&self, dir: &Path) {
        self.new_session(100, 30, Some(dir), "env PS1='$ ' sh");
        // capture-pane drops trailing spaces, so the prompt reads "$".
        self.wait_for("the shell", |s| s.trim_start().starts_with('$'));
    }

    /// SIGKILL the pane's process (termly, after `start`): no destructor, no flush, no
    /// terminal restore. Then end the server.
    pub fn kill_9(&self) {
        let pid = self.pane("pane_pid");
        assert!(!pid.is_empty(), "no pane pid");
        let status = Command::new("kill").args(["-9", &pid]).status().unwrap();
        assert!(status.success(), "kill -9 {pid}");
        let start = Instant::now();
        while Path::new(&format!("/proc/{pid}")).exists() {
            assert!(
                start.elapsed() < Duration::from_secs(10),
                "{pid} still alive"
            );
            std::thread::sleep(Duration::from_millis(50));
        }
        self.run(&["kill-server"]);
    }

    /// The pid of the pane shell's child (the program it is running).
    pub fn foreground_child(&self) -> String {
        let shell = self.pane("pane_pid");
        let start = Instant::now();
        loop {
            let children = std::fs::read_to_string(format!("/proc/{shell}/task/{shell}/children"))
                .unwrap_or_default();
            if let Some(pid) = children.split_whitespace().next() {
                return pid.to_string();
            }
            assert!(
                start.elapsed() < Duration::from_secs(30),
                "no child of {shell}"
            );
            std::thread::sleep(Duration::from_millis(50));
        }
    }
}

impl Drop for Tmux {
    fn drop(&mut self) {
        self.run(&["kill-server"]);
    }
}
