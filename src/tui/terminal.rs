//! Terminal set-up and restore, in one place. `with_terminal` enters raw mode and the
//! alternate screen (ratatui::try_init also installs a panic hook that restores the screen),
//! runs the closure, and restores on return or error. While panicking the hook has already
//! restored, so the guard does not restore twice.

use ratatui::DefaultTerminal;

struct Restore;

impl Drop for Restore {
    fn drop(&mut self) {
        if !std::thread::panicking() {
            let _ = ratatui::crossterm::execute!(
                std::io::stdout(),
                ratatui::crossterm::event::DisableBracketedPaste
            );
            ratatui::restore();
        }
    }
}

/// Run `f` with a terminal in raw mode on the alternate screen; the cursor is hidden while
/// drawing. The terminal is restored however `f` ends.
pub fn with_terminal<T>(
    f: impl FnOnce(&mut DefaultTerminal) -> anyhow::Result<T>,
) -> anyhow::Result<T> {
    let mut terminal = ratatui::try_init()?;
    let _restore = Restore;
    // Pasted text arrives whole, so it goes into a form field rather than being read as keys.
    ratatui::crossterm::execute!(
        std::io::stdout(),
        ratatui::crossterm::event::EnableBracketedPaste
    )?;
    terminal.hide_cursor()?;
    f(&mut terminal)
}
