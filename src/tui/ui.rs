//! Lay the panes out and draw them, reading `&App` only.

use super::app::App;
use super::filter_menu::FilterMenu;
use super::grid::GridView;
use super::header::HeaderLine;
use super::help::HelpOverlay;
use super::legend::Legend;
use super::mode::Mode;
use super::status::{HintsLine, StatusLine};
use ratatui::buffer::Buffer;
use ratatui::layout::Rect;
use ratatui::widgets::Widget;
use ratatui::Frame;

/// Where each pane goes for a screen of this size.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Areas {
    pub header: Rect,
    pub legend: Rect,
    pub grid: Rect,
    /// The detail pane (below the grid, or all of the body when maximised); empty when shut.
    pub detail: Rect,
    pub status: Rect,
    pub hints: Rect,
}

pub fn areas(app: &App, area: Rect) -> Areas {
    let h = area.height;
    let line = |y: u16| Rect::new(area.x, y, area.width, 1);
    let empty = Rect::new(area.x, area.y, area.width, 0);
    // Lines other than the grid, dropped from the least needed as the screen shrinks.
    let show_header = h >= 3;
    let show_status = h >= 5 || app.status.error.is_some() && h >= 2;
    let show_hints = h >= 8 && !app.maximised || app.mode == Mode::Filter && h >= 4;
    let show_legend = h >= 12 && !app.maximised;
    // Two legend lines when there is room: it wraps rather than losing symbols.
    let legend_lines = if h >= 16 { 2 } else { 1 };
    let mut top = area.y;
    let mut bottom = area.bottom();
    let header = if show_header {
        top += 1;
        line(area.y)
    } else {
        empty
    };
    let legend = if show_legend {
        top += legend_lines;
        Rect::new(area.x, top - legend_lines, area.width, legend_lines)
    } else {
        empty
    };
    let hints = if show_hints {
        bottom -= 1;
        line(bottom)
    } else {
        empty
    };
    let status = if show_status && bottom > top {
        bottom -= 1;
        line(bottom)
    } else {
        empty
    };
    let body = Rect::new(area.x, top, area.width, bottom.saturating_sub(top));
    let (grid, detail) = split_body(app, body);
    Areas {
        header,
        legend,
        grid,
        detail,
        status,
        hints,
    }
}

/// Share the body between the grid and an open detail pane: the grid keeps enough rows to
/// show the cursor among its neighbours, the pane gets the rest (or everything, maximised).
fn split_body(app: &App, body: Rect) -> (Rect, Rect) {
    let Some(d) = &app.detail else {
        return (body, Rect::new(body.x, body.bottom(), body.width, 0));
    };
    if d.maximised || body.height < 10 {
        return (Rect::new(body.x, body.y, body.width, 0), body);
    }
    let grid_h = (body.height * 2 / 5).max(5);
    let grid = Rect::new(body.x, body.y, body.width, grid_h);
    let detail = Rect::new(body.x, body.y + grid_h, body.width, body.height - grid_h);
    (grid, detail)
}

/// Draw the whole screen into a buffer.
pub fn render_buffer(app: &App, area: Rect, buf: &mut Buffer) {
    let a = areas(app, area);
    (&HeaderLine { app }).render(a.header, buf);
    (&Legend { app }).render(a.legend, buf);
    if a.grid.height > 0 {
        (&GridView { app }).render(a.grid, buf);
    }
    if let Some(view) = app.detail_view() {
        view.render(a.detail, buf);
    }
    (&StatusLine { app }).render(a.status, buf);
    (&HintsLine { app }).render(a.hints, buf);
    match app.mode {
        Mode::Help => (&HelpOverlay { app }).render(area, buf),
        Mode::FilterMenu => (&FilterMenu { app }).render(a.grid, buf),
        _ => {}
    }
    if let Some(popup) = &app.popup {
        popup.render(area, buf, &app.theme);
    }
}

pub fn render(app: &App, frame: &mut Frame) {
    let area = frame.area();
    render_buffer(app, area, frame.buffer_mut());
}

/// Body rows of the grid for a screen of this size (for `App::set_page`).
pub fn page_rows(app: &App, area: Rect) -> usize {
    GridView::body_height(areas(app, area).grid.height)
}
