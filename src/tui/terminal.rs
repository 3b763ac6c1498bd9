//! Terminal set-up and restore, in one place. `with_terminal` enters raw mode and the
//! alternate screen (ratatui::try_init also installs a panic hook that restores the screen),
//! runs the closure, and restores on return or error. While panicking the hook has already
//! restored, so the guard does not restore twice.
//!
//! SIGTERM, SIGHUP and SIGINT (on Windows, the console's events: see console_events.rs)
//! only raise a flag: the event loop sees it within one poll
//! interval and returns, so the terminal is restored by the same path as `q`, outside any
//! write to the database. A second SIGTERM or SIGINT while the first is pending ends the
//! process.
//!
//! When the terminal itself has gone (end of file, an I/O error, or SIGHUP with the terminal
//! closed) nothing more is written to it: the screen is not restored, and the caller gets a
//! [`TerminalGone`] error to report and turn into [`tty::HANGUP_STATUS`].

use super::tty::{self, TerminalGone};
use ratatui::DefaultTerminal;
use std::sync::atomic::{AtomicBool, Ordering};
use std::sync::{Arc, OnceLock};

/// Raised by SIGTERM or SIGINT; read by the event loop.
static STOP: OnceLock<Arc<AtomicBool>> = OnceLock::new();
/// Raised by SIGHUP.
static HANGUP: OnceLock<Arc<AtomicBool>> = OnceLock::new();
/// Raised by SIGTSTP (`kill -TSTP`, or a job-control stop from the shell).
static SUSPEND: OnceLock<Arc<AtomicBool>> = OnceLock::new();

fn suspend_flag() -> &'static Arc<AtomicBool> {
    SUSPEND.get_or_init(|| Arc::new(AtomicBool::new(false)))
}

fn stop_flag() -> &'static Arc<AtomicBool> {
    STOP.get_or_init(|| Arc::new(AtomicBool::new(false)))
}

fn hangup_flag() -> &'static Arc<AtomicBool> {
    HANGUP.get_or_init(|| Arc::new(AtomicBool::new(false)))
}

/// True once SIGTERM, SIGHUP or SIGINT has arrived while the screen is up.
pub fn stop_requested() -> bool {
    stop_flag().load(Ordering::SeqCst) || hangup_flag().load(Ordering::SeqCst)
}

/// Install the handlers once: the first signal sets its flag; a second SIGTERM or SIGINT
/// exits at once.
fn watch_stop_signals() -> std::io::Result<()> {
    #[cfg(unix)]
    {
        use signal_hook::consts::{SIGHUP, SIGINT, SIGTERM};
        use signal_hook::flag::{register, register_conditional_shutdown};
        static INSTALLED: OnceLock<()> = OnceLock::new();
        if INSTALLED.get().is_none() {
            // Order matters: the shutdown check runs before the flag is set.
            for sig in [SIGTERM, SIGINT] {
                register_conditional_shutdown(sig, 1, stop_flag().clone())?;
                register(sig, stop_flag().clone())?;
            }
            // A hang-up can arrive twice (as the controlling process and as the foreground
            // group); nobody is there to insist, so it only ever raises the flag and a save
            // under way commits before the loop ends.
            register(SIGHUP, hangup_flag().clone())?;
            // A stop from outside only raises a flag too: the loop gives the terminal back
            // before the process actually stops (see `suspend_if_asked`).
            register(signal_hook::consts::SIGTSTP, suspend_flag().clone())?;
            let _ = INSTALLED.set(());
        }
    }
    // Windows has none of these signals: its console's events raise the same flags.
    #[cfg(windows)]
    super::console_events::watch(stop_flag().clone(), hangup_flag().clone())?;
    Ok(())
}

/// When SIGTSTP has arrived: give the terminal back as it was (cooked, main screen, cursor
/// shown), stop the process as the signal asked, and once continued (SIGCONT: `fg`) take
/// the terminal again and have the next draw repaint every cell.
pub fn suspend_if_asked<B: ratatui::backend::Backend>(
    terminal: &mut ratatui::Terminal<B>,
) -> Result<(), B::Error> {
    if !suspend_flag().swap(false, Ordering::SeqCst) {
        return Ok(());
    }
    #[cfg(unix)]
    {
        use ratatui::crossterm::{cursor, event, execute, terminal as term};
        let mut out = std::io::stdout();
        let _ = execute!(out, event::DisableBracketedPaste, cursor::Show);
        let _ = term::disable_raw_mode();
        let _ = execute!(out, term::LeaveAlternateScreen);
        // Stops here until continued.
        let _ = signal_hook::low_level::emulate_default_handler(signal_hook::consts::SIGTSTP);
        let _ = execute!(out, term::EnterAlternateScreen, event::EnableBracketedPaste);
        let _ = term::enable_raw_mode();
        let _ = execute!(out, cursor::Hide);
    }
    terminal.clear()
}

/// Restores the terminal when dropped, unless told the terminal is gone.
struct Restore;

impl Drop for Restore {
    fn drop(&mut self) {
        // The panic hook leaves the alternate screen but knows nothing of bracketed paste.
        let _ = ratatui::crossterm::execute!(
            std::io::stdout(),
            ratatui::crossterm::event::DisableBracketedPaste
        );
        if !std::thread::panicking() {
            ratatui::restore();
        }
    }
}

/// Why the screen ended other than by the chair's `q`.
#[derive(Debug, thiserror::Error)]
pub enum ScreenError {
    /// The terminal went away: nothing more is written to it.
    #[error("the terminal went away ({0})")]
    Gone(#[from] TerminalGone),
    #[error("stopped by a signal; every decision saved before it is kept")]
    Stopped,
    #[error("the terminal could not be set up: {0}")]
    Setup(#[from] std::io::Error),
    /// Anything else the screen's body gave up on; the terminal is restored first.
    #[error("{0}")]
    Failed(String),
}

/// Run `f` with a terminal in raw mode on the alternate screen; the cursor is hidden while
/// drawing. The terminal is restored however `f` ends, unless it has gone away. A stop
/// signal makes the result [`ScreenError::Stopped`] (so the exit status is non-zero); a
/// terminal that went away, [`ScreenError::Gone`].
pub fn with_terminal<T>(
    f: impl FnOnce(&mut DefaultTerminal) -> Result<T, ScreenError>,
) -> Result<T, ScreenError> {
    watch_stop_signals()?;
    let mut terminal = ratatui::try_init()?;
    let restore = Restore;
    // Pasted text arrives whole, so it goes into a form field rather than being read as keys.
    ratatui::crossterm::execute!(
        std::io::stdout(),
        ratatui::crossterm::event::EnableBracketedPaste
    )?;
    terminal.hide_cursor()?;
    let out = f(&mut terminal);
    let gone = matches!(out, Err(ScreenError::Gone(_)));
    let hung_up = hangup_flag().load(Ordering::SeqCst);
    if gone || (hung_up && !tty::still_there()) {
        // Writing the restore sequences (or ratatui's "show the cursor" on drop) to a dead
        // terminal would only fail; the process is about to end.
        std::mem::forget(restore);
        std::mem::forget(terminal);
    } else {
        drop(terminal);
        drop(restore);
    }
    if hung_up && !gone {
        let why = if cfg!(windows) {
            TerminalGone::ConsoleClosed
        } else {
            TerminalGone::Hangup
        };
        return Err(why.into());
    }
    if stop_flag().load(Ordering::SeqCst) {
        return Err(ScreenError::Stopped);
    }
    out
}
