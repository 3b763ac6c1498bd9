//! Watching the terminal itself: is there input, has it gone away?
//!
//! crossterm 0.29 reads the terminal in a loop that only stops on "would block". When the
//! terminal goes away (a dropped SSH connection, a killed tmux session) every read returns end
//! of file at once, so that loop never ends and termly would spin at full CPU forever. The
//! event source therefore asks the terminal first, with `poll(2)` and `FIONREAD`, and only lets
//! crossterm read when bytes are waiting. A watchdog thread is the backstop for the narrow
//! window where the terminal dies between that check and crossterm's read: a read that has
//! not come back within a second can only be that spin, and the watchdog ends the process.

use std::sync::atomic::{AtomicU64, Ordering};
use std::sync::OnceLock;
use std::time::{Duration, Instant};

/// The exit status when the terminal went away (128 + SIGHUP, as a shell reports a hangup).
pub const HANGUP_STATUS: u8 = 129;

/// Why the screen ended without the chair asking it to.
#[derive(Debug, thiserror::Error)]
pub enum TerminalGone {
    #[error("end of file on the terminal")]
    EndOfInput,
    #[error("the terminal hung up")]
    Hangup,
    /// Windows: the console window was closed (its close, log-off or shutdown event).
    #[error("the console window was closed")]
    ConsoleClosed,
    #[error("reading the terminal failed: {0}")]
    Io(#[source] std::io::Error),
    #[error("writing to the terminal failed: {0}")]
    Write(String),
}

/// What the terminal's input holds after waiting.
#[derive(Debug, PartialEq, Eq)]
pub enum Input {
    /// Bytes are waiting to be read.
    Ready,
    /// Nothing arrived within the timeout (or a signal interrupted the wait).
    Idle,
}

/// Wait up to `timeout` for input on standard input, which the screen has checked is a
/// terminal. End of file and hang-up are errors, so no caller can loop on them.
#[cfg(unix)]
pub fn wait_for_input(timeout: Duration) -> Result<Input, TerminalGone> {
    let mut fds = libc::pollfd {
        fd: libc::STDIN_FILENO,
        events: libc::POLLIN,
        revents: 0,
    };
    let millis = i32::try_from(timeout.as_millis()).unwrap_or(i32::MAX);
    // SAFETY: one valid pollfd, and its count.
    let n = unsafe { libc::poll(&mut fds, 1, millis) };
    if n < 0 {
        let err = std::io::Error::last_os_error();
        // A signal (SIGHUP, SIGWINCH, …) woke us: the loop checks its flags and comes back.
        return if err.kind() == std::io::ErrorKind::Interrupted {
            Ok(Input::Idle)
        } else {
            Err(TerminalGone::Io(err))
        };
    }
    if n == 0 {
        return Ok(Input::Idle);
    }
    if fds.revents & libc::POLLHUP != 0 {
        return Err(TerminalGone::Hangup);
    }
    if fds.revents & (libc::POLLERR | libc::POLLNVAL) != 0 {
        return Err(TerminalGone::Io(std::io::Error::other(
            "the terminal reports an error",
        )));
    }
    // Readable (or hung up) with nothing to read is end of file: the terminal is gone.
    match bytes_waiting() {
        Ok(0) => Err(TerminalGone::EndOfInput),
        Ok(_) => Ok(Input::Ready),
        Err(e) => Err(TerminalGone::Io(e)),
    }
}

#[cfg(not(unix))]
pub fn wait_for_input(timeout: Duration) -> Result<Input, TerminalGone> {
    use ratatui::crossterm::event;
    match event::poll(timeout) {
        Ok(true) => Ok(Input::Ready),
        Ok(false) => Ok(Input::Idle),
        Err(e) => Err(TerminalGone::Io(e)),
    }
}

/// How many bytes standard input holds, unread.
#[cfg(unix)]
fn bytes_waiting() -> std::io::Result<usize> {
    let mut count: libc::c_int = 0;
    // SAFETY: FIONREAD writes one c_int through the pointer we pass.
    let rc = unsafe { libc::ioctl(libc::STDIN_FILENO, libc::FIONREAD, &mut count) };
    if rc < 0 {
        return Err(std::io::Error::last_os_error());
    }
    Ok(usize::try_from(count).unwrap_or(0))
}

/// True when the terminal on standard input is still there (used to decide whether the
/// screen may be restored after a hang-up signal).
#[cfg(unix)]
pub fn still_there() -> bool {
    let mut fds = libc::pollfd {
        fd: libc::STDIN_FILENO,
        events: libc::POLLIN,
        revents: 0,
    };
    // SAFETY: one valid pollfd, and its count.
    let n = unsafe { libc::poll(&mut fds, 1, 0) };
    if n < 0 {
        return false;
    }
    if n == 0 {
        return true;
    }
    fds.revents & (libc::POLLHUP | libc::POLLERR | libc::POLLNVAL) == 0
        && bytes_waiting().is_ok_and(|b| b > 0)
}

/// On Windows a hang-up is only ever the console's close event: the console is gone.
#[cfg(windows)]
pub fn still_there() -> bool {
    !super::console_events::console_closed()
}

#[cfg(not(any(unix, windows)))]
pub fn still_there() -> bool {
    true
}

/// Milliseconds since the watchdog's epoch at which the current terminal read began; 0 when
/// no read is under way.
static READ_STARTED: AtomicU64 = AtomicU64::new(0);
static EPOCH: OnceLock<Instant> = OnceLock::new();
/// Writes the one line saying the terminal went away.
type Report = Box<dyn Fn(&TerminalGone) + Send + Sync>;
/// Where the watchdog reports before it ends the process.
static REPORT: OnceLock<Report> = OnceLock::new();

/// How long a read of bytes already waiting may take before it is taken to be spinning.
const STUCK_AFTER: Duration = Duration::from_millis(1000);

fn millis_since_epoch() -> u64 {
    let epoch = EPOCH.get_or_init(Instant::now);
    // Never 0, which means "not reading".
    u64::try_from(epoch.elapsed().as_millis())
        .unwrap_or(u64::MAX)
        .max(1)
}

/// A read that began at `started` (0: none under way) and is still going at `now` is
/// spinning once it has taken longer than [`STUCK_AFTER`].
fn is_stuck(started: u64, now: u64) -> bool {
    started != 0 && now.saturating_sub(started) > STUCK_AFTER.as_millis() as u64
}

/// Run `read` (crossterm's read of bytes known to be waiting) under the watchdog's eye.
pub fn guarded_read<T>(read: impl FnOnce() -> T) -> T {
    READ_STARTED.store(millis_since_epoch(), Ordering::SeqCst);
    let out = read();
    READ_STARTED.store(0, Ordering::SeqCst);
    out
}

/// Start the watchdog once. `report` writes the one line saying the terminal went away;
/// the watchdog calls it, then exits with [`HANGUP_STATUS`] without touching the terminal.
/// No save can be under way then: saves run on the thread that is stuck in the read.
pub fn start_watchdog(report: impl Fn(&TerminalGone) + Send + Sync + 'static) {
    if REPORT.set(Box::new(report)).is_err() {
        return;
    }
    millis_since_epoch();
    let spawned = std::thread::Builder::new()
        .name("termly-tty-watchdog".into())
        .spawn(|| loop {
            std::thread::sleep(Duration::from_millis(100));
            if is_stuck(READ_STARTED.load(Ordering::SeqCst), millis_since_epoch()) {
                if let Some(report) = REPORT.get() {
                    report(&TerminalGone::EndOfInput);
                }
                std::process::exit(i32::from(HANGUP_STATUS));
            }
        });
    // Without the watchdog the screen still works; only the rare race is unguarded.
    drop(spawned);
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn only_a_read_under_way_for_over_a_second_is_stuck() {
        assert!(!is_stuck(0, 50_000), "no read under way");
        assert!(!is_stuck(1_000, 1_900));
        assert!(!is_stuck(1_000, 2_000));
        assert!(is_stuck(1_000, 2_001));
    }

    #[test]
    fn a_guarded_read_is_cleared_when_it_returns() {
        let seen = guarded_read(|| READ_STARTED.load(Ordering::SeqCst));
        assert_ne!(seen, 0, "marked while reading");
        assert_eq!(READ_STARTED.load(Ordering::SeqCst), 0);
    }
}
