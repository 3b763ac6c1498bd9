//! The loop: draw, wait up to a poll interval for a key, resolve and apply it, then tick so
//! other processes' changes to the database show within a second. Generic over the backend
//! so tests can drive it with a `TestBackend` and scripted events.

use super::app::App;
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
    /// The next event, or None when `timeout` passes without one.
    fn next(&mut self, timeout: Duration) -> std::io::Result<Option<Event>>;
}

/// Events from the terminal via crossterm.
pub struct TerminalEvents;

impl EventSource for TerminalEvents {
    fn next(&mut self, timeout: Duration) -> std::io::Result<Option<Event>> {
        if event::poll(timeout)? {
            Ok(Some(event::read()?))
        } else {
            Ok(None)
        }
    }
}

/// Run until the app asks to quit (or the events run out, for scripted sources that return
/// an error at the end).
pub fn run<B, E>(terminal: &mut Terminal<B>, app: &mut App, events: &mut E) -> anyhow::Result<()>
where
    B: Backend,
    B::Error: Send + Sync + 'static,
    E: EventSource,
{
    // A stop signal (SIGTERM, SIGHUP) ends the loop like `q`; see terminal.rs.
    while !app.quit && !super::terminal::stop_requested() {
        let size = terminal.size()?;
        app.set_screen(Rect::new(0, 0, size.width, size.height));
        terminal.draw(|frame| ui::render(app, frame))?;
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
