//! Terminal set-up and restore, in one place. `with_terminal` enters raw mode and the
//! alternate screen (ratatui::try_init also installs a panic hook that restores the screen),
//! runs the closure, and restores on return or error. While panicking the hook has already
//! restored, so the guard does not restore twice.
//!
//! SIGTERM, SIGHUP and SIGINT only raise a flag: the event loop sees it within one poll
//! interval and returns, so the terminal is restored by the same path as `q`, outside any
//! write to the database. A second signal while the first is pending ends the process.

use ratatui::DefaultTerminal;
use std::sync::atomic::{AtomicBool, Ordering};
use std::sync::{Arc, OnceLock};

/// Raised by a stop signal; read by the event loop.
static STOP: OnceLock<Arc<AtomicBool>> = OnceLock::new();

fn stop_flag() -> &'static Arc<AtomicBool> {
    STOP.get_or_init(|| Arc::new(AtomicBool::new(false)))
}

/// True once SIGTERM, SIGHUP or SIGINT has arrived while the screen is up.
pub fn stop_requested() -> bool {
    stop_flag().load(Ordering::SeqCst)
}

#[cfg(unix)]
const STOP_SIGNALS: [i32; 3] = [
    signal_hook::consts::SIGTERM,
    signal_hook::consts::SIGHUP,
    signal_hook::consts::SIGINT,
];

/// Install the handlers once: the first signal sets the flag, a second one exits (status 1).
fn watch_stop_signals() -> std::io::Result<()> {
    #[cfg(unix)]
    {
        static INSTALLED: OnceLock<()> = OnceLock::new();
        if INSTALLED.get().is_none() {
            for sig in STOP_SIGNALS {
                // Order matters: the shutdown check runs before the flag is set.
                signal_hook::flag::register_conditional_shutdown(sig, 1, stop_flag().clone())?;
                signal_hook::flag::register(sig, stop_flag().clone())?;
            }
            let _ = INSTALLED.set(());
        }
    }
    Ok(())
}

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

/// Run `f` with a terminal in raw mode on the alternate screen; the cursor is hidden while
/// drawing. The terminal is restored however `f` ends; when a stop signal ended it, the
/// result is an error naming the signal (so the exit status is non-zero).
pub fn with_terminal<T>(
    f: impl FnOnce(&mut DefaultTerminal) -> anyhow::Result<T>,
) -> anyhow::Result<T> {
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
    drop(restore);
    if stop_requested() {
        anyhow::bail!("stopped by a signal; every decision saved before it is kept");
    }
    out
}
