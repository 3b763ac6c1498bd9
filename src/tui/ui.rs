//! Lay the panes out and draw them, reading `&App` only: each pane from its own view.

use super::actions_view::ActionsView;
use super::app::App;
use super::forms::FormKeys;
use super::layout::{self, Areas};
use super::mode::Mode;
use ratatui::buffer::Buffer;
use ratatui::layout::Rect;
use ratatui::widgets::Widget;
use ratatui::Frame;

/// Where each pane goes for this App on a screen of this size.
pub fn areas(app: &App, area: Rect) -> Areas {
    layout::areas(&app.layout_needs(), area)
}

/// Draw the whole screen into a buffer.
pub fn render_buffer(app: &App, area: Rect, buf: &mut Buffer) {
    let a = areas(app, area);
    (&app.header_view()).render(a.header, buf);
    (&app.legend_view()).render(a.legend, buf);
    match app.actions_pane() {
        // The actions list takes the grid's and the detail pane's place while open.
        Some(pane) => {
            let view = ActionsView {
                theme: app.theme(),
                today: app.today(),
                pane,
            };
            (&view).render(a.grid.union(a.detail), buf);
        }
        None => {
            if a.grid.height > 0 {
                (&app.grid_view()).render(a.grid, buf);
            }
            if let Some(view) = app.detail_view() {
                view.render(a.detail, buf);
            }
        }
    }
    (&app.status_view()).render(a.status, buf);
    (&app.hints_view()).render(a.hints, buf);
    match app.mode() {
        Mode::Help => (&app.help_view()).render(area, buf),
        Mode::FilterMenu => (&app.filter_menu_view()).render(a.grid, buf),
        _ => {}
    }
    if let Some(popup) = app.popup() {
        let keys = FormKeys::from_keymap(app.keymap());
        popup.render(area, buf, app.theme(), &keys);
    }
    neutralise(buf, area);
}

/// The screen's one sanitiser, whatever drew the text and wherever it came from (a file, a
/// keyboard, the database): no cell leaves holding a control character or a bidirectional
/// override, which could drive the terminal or make text display as something else. Such a
/// character is dropped from its cell (a zero-width override rides on the character before
/// it); a cell that held nothing else shows `�`.
fn neutralise(buf: &mut Buffer, area: Rect) {
    let area = area.intersection(buf.area);
    for y in area.top()..area.bottom() {
        for x in area.left()..area.right() {
            let cell = &mut buf[(x, y)];
            if cell.symbol().chars().any(crate::text::is_unsafe_char) {
                let kept: String = cell
                    .symbol()
                    .chars()
                    .filter(|&c| !crate::text::is_unsafe_char(c))
                    .collect();
                cell.set_symbol(if kept.is_empty() { "\u{fffd}" } else { &kept });
            }
        }
    }
}

pub fn render(app: &App, frame: &mut Frame) {
    let area = frame.area();
    render_buffer(app, area, frame.buffer_mut());
}

/// Body rows of the grid for a screen of this size (for `App::set_page`).
pub fn page_rows(app: &App, area: Rect) -> usize {
    layout::page_rows(&app.layout_needs(), area)
}

#[cfg(test)]
mod tests {
    use super::*;
    use ratatui::style::Style;

    #[test]
    fn no_cell_leaves_with_a_control_or_an_override() {
        let area = Rect::new(0, 0, 12, 1);
        let mut buf = Buffer::empty(area);
        buf.set_string(0, 0, "a\u{202e}b\u{1b}c\u{7}", Style::default());
        neutralise(&mut buf, area);
        let shown: String = (0..6).map(|x| buf[(x, 0)].symbol().to_string()).collect();
        assert!(!shown.chars().any(crate::text::is_unsafe_char), "{shown:?}");
        assert!(shown.starts_with('a'), "{shown:?}");
    }
}
