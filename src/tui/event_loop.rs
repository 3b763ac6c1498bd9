//! The loop: draw, wait up to a poll interval for a key, resolve and apply it, then tick so
//! other processes' changes to the database show within a second. Generic over the backend
//! so tests can drive it with a `TestBackend` and scripted events.
//!
//! Every way the loop can end without `q` is bounded: a stop signal is seen within one poll
//! interval, and end of file or an error on the terminal, reading or writing, ends it with
//! [`TerminalGone`] rather than being retried.

use super::app::App;
use super::tty::{self, Input, TerminalGone};
use super::ui;
use ratatui::backend::Backend;
use ratatui::crossterm::event::{self, Event};
use ratatui::layout::Rect;
use ratatui::Terminal;
use std::time::Duration;

/// How long to wait for a key before checking the database again.
pub const POLL: Duration = Duration::from_millis(250);

/// Where events come from: the real terminal or a script.
pub trait EventSource {
    /// The next event, or None when `timeout` passes without one. An error ends the screen.
    fn next(&mut self, timeout: Duration) -> Result<Option<Event>, TerminalGone>;
}

/// Events from the terminal on standard input, via crossterm. crossterm is only asked to
/// read when bytes are waiting (see tty.rs for why).
pub struct TerminalEvents;

impl EventSource for TerminalEvents {
    fn next(&mut self, timeout: Duration) -> Result<Option<Event>, TerminalGone> {
        // End of file is checked before crossterm touches the terminal at all.
        tty::wait_for_input(Duration::ZERO)?;
        // Several keys can arrive in one read: crossterm hands over the ones it has parsed.
        if let Some(ev) = parsed_event()? {
            return Ok(Some(ev));
        }
        if tty::wait_for_input(timeout)? == Input::Idle {
            return Ok(None);
        }
        parsed_event()
    }
}

/// The next event crossterm has, or can parse from bytes already waiting, without blocking.
fn parsed_event() -> Result<Option<Event>, TerminalGone> {
    tty::guarded_read(|| match event::poll(Duration::ZERO) {
        Ok(true) => event::read().map(Some),
        Ok(false) => Ok(None),
        Err(e) => Err(e),
    })
    .map_err(TerminalGone::Io)
}

/// Run until the app asks to quit, a stop signal arrives, or the terminal goes away.
pub fn run<B, E>(
    terminal: &mut Terminal<B>,
    app: &mut App,
    events: &mut E,
) -> Result<(), TerminalGone>
where
    B: Backend,
    B::Error: Send + Sync + 'static,
    E: EventSource,
{
    let gone = |e: B::Error| TerminalGone::Write(e.to_string());
    // A stop signal (SIGTERM, SIGHUP) ends the loop like `q`; see terminal.rs.
    while !app.should_quit() && !super::terminal::stop_requested() {
        // Stopped from outside (SIGTSTP): the terminal is given back, then taken again.
        super::terminal::suspend_if_asked(terminal).map_err(gone)?;
        let size = terminal.size().map_err(gone)?;
        app.set_screen(Rect::new(0, 0, size.width, size.height));
        terminal
            .draw(|frame| ui::render(app, frame))
            .map_err(gone)?;
        if let Some(ev) = events.next(POLL)? {
            step(app, ev);
        }
        app.tick();
    }
    Ok(())
}

/// Apply one event.
pub fn step(app: &mut App, ev: Event) {
    match ev {
        Event::Key(key) => {
            if let Some(action) = app.handle_key(key) {
                app.apply(action);
            }
        }
        Event::Paste(text) => app.paste(&text),
        _ => {}
    }
}
