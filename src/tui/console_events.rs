//! Windows' console events, taken as termly takes signals on Linux (see terminal.rs).
//!
//! Windows has no SIGHUP, SIGTERM or SIGINT. Closing the console window (or logging off, or
//! shutting down) sends the process a close event instead, and then ends it as soon as the
//! handler returns, or after about five seconds. So the close event raises the same hang-up
//! flag as SIGHUP and the handler waits: the screen's loop sees the flag within one poll,
//! lets a save under way commit, writes its line to the log and exits with status 129; the
//! open meeting resumes on the next start. Ctrl+Break (and Ctrl+C when the screen is not in
//! raw mode) raise the stop flag, as SIGTERM and SIGINT do; a second one ends termly at once.

use std::sync::atomic::{AtomicBool, Ordering};
use std::sync::{Arc, OnceLock};
use std::time::Duration;
use windows_sys::core::BOOL;
use windows_sys::Win32::System::Console::{
    SetConsoleCtrlHandler, CTRL_BREAK_EVENT, CTRL_CLOSE_EVENT, CTRL_C_EVENT, CTRL_LOGOFF_EVENT,
    CTRL_SHUTDOWN_EVENT,
};

/// The flags the handler raises: the same two the Unix signal handlers raise.
struct Flags {
    stop: Arc<AtomicBool>,
    hangup: Arc<AtomicBool>,
}

static FLAGS: OnceLock<Flags> = OnceLock::new();

/// What a console event makes termly do.
#[derive(Debug, PartialEq, Eq)]
enum Reaction {
    /// The console is going: hang-up flag raised; keep the process alive while the screen
    /// ends (Windows ends it when the handler returns).
    HangUp,
    /// Ctrl+Break or Ctrl+C: stop flag raised; the handler returns at once.
    Stop,
    /// A second stop while the first is pending: end now, as a second SIGTERM does.
    ExitNow,
    /// Not ours: let the next handler (Windows' default) have it.
    Pass,
}

/// Decide on `event` and raise its flag.
fn react(event: u32, stop: &AtomicBool, hangup: &AtomicBool) -> Reaction {
    match event {
        CTRL_CLOSE_EVENT | CTRL_LOGOFF_EVENT | CTRL_SHUTDOWN_EVENT => {
            hangup.store(true, Ordering::SeqCst);
            Reaction::HangUp
        }
        CTRL_C_EVENT | CTRL_BREAK_EVENT => {
            if stop.swap(true, Ordering::SeqCst) {
                Reaction::ExitNow
            } else {
                Reaction::Stop
            }
        }
        _ => Reaction::Pass,
    }
}

/// How long the handler holds the process open after a close event: Windows allows about
/// five seconds; the screen needs one poll interval and any save under way.
const HOLD_ON_CLOSE: Duration = Duration::from_secs(10);

/// Called by Windows on its own thread for each console event.
unsafe extern "system" fn on_console_event(event: u32) -> BOOL {
    let Some(flags) = FLAGS.get() else {
        return 0;
    };
    match react(event, &flags.stop, &flags.hangup) {
        Reaction::HangUp => {
            // The main thread exits the process when the screen has ended; until then
            // returning would let Windows end it mid-save.
            std::thread::sleep(HOLD_ON_CLOSE);
            1
        }
        Reaction::Stop => 1,
        Reaction::ExitNow => std::process::exit(1),
        Reaction::Pass => 0,
    }
}

/// Install the handler once, raising `stop` and `hangup`.
pub fn watch(stop: Arc<AtomicBool>, hangup: Arc<AtomicBool>) -> std::io::Result<()> {
    if FLAGS.set(Flags { stop, hangup }).is_err() {
        return Ok(());
    }
    // SAFETY: the handler is a plain function that lives as long as the process.
    if unsafe { SetConsoleCtrlHandler(Some(on_console_event), 1) } == 0 {
        return Err(std::io::Error::last_os_error());
    }
    Ok(())
}

/// True once the console window has been closed (the console is gone: nothing more may be
/// written to it).
pub fn console_closed() -> bool {
    FLAGS
        .get()
        .is_some_and(|flags| flags.hangup.load(Ordering::SeqCst))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn closing_the_console_is_a_hang_up_and_holds_the_process_open() {
        for event in [CTRL_CLOSE_EVENT, CTRL_LOGOFF_EVENT, CTRL_SHUTDOWN_EVENT] {
            let (stop, hangup) = (AtomicBool::new(false), AtomicBool::new(false));
            assert_eq!(react(event, &stop, &hangup), Reaction::HangUp);
            assert!(hangup.load(Ordering::SeqCst));
            assert!(!stop.load(Ordering::SeqCst), "a hang-up, not a stop");
        }
    }

    #[test]
    fn break_and_interrupt_stop_and_a_second_one_ends_at_once() {
        for event in [CTRL_BREAK_EVENT, CTRL_C_EVENT] {
            let (stop, hangup) = (AtomicBool::new(false), AtomicBool::new(false));
            assert_eq!(react(event, &stop, &hangup), Reaction::Stop);
            assert!(stop.load(Ordering::SeqCst));
            assert_eq!(react(event, &stop, &hangup), Reaction::ExitNow);
            assert!(!hangup.load(Ordering::SeqCst));
        }
        let (stop, hangup) = (AtomicBool::new(false), AtomicBool::new(false));
        assert_eq!(react(99, &stop, &hangup), Reaction::Pass);
    }

    #[test]
    fn the_handler_is_accepted_by_the_console() {
        // Installs for this test process only; nothing here raises an event.
        let stop = Arc::new(AtomicBool::new(false));
        let hangup = Arc::new(AtomicBool::new(false));
        watch(stop, hangup).unwrap();
        assert!(!console_closed());
    }
}
