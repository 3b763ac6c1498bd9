//! Where each pane goes, from the screen's size and a few plain facts about what is open.
//! Pure layout maths: state asks it for page sizes, the renderer for areas, and it knows
//! neither.

use ratatui::layout::Rect;

/// What the layout depends on besides the size.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub struct Needs {
    /// A failure is on the status line (it is kept on very short screens).
    pub error_shown: bool,
    /// The grid is maximised: no legend or hints.
    pub maximised: bool,
    /// The filter is being typed: the hints line shows it.
    pub typing_filter: bool,
    /// The detail pane is open (`Some`), and whether it is maximised.
    pub detail: Option<bool>,
}

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

pub fn areas(needs: &Needs, area: Rect) -> Areas {
    let h = area.height;
    let line = |y: u16| Rect::new(area.x, y, area.width, 1);
    let empty = Rect::new(area.x, area.y, area.width, 0);
    // Lines other than the grid, dropped from the least needed as the screen shrinks.
    let show_header = h >= 3;
    let show_status = h >= 5 || needs.error_shown && h >= 2;
    let show_hints = h >= 8 && !needs.maximised || needs.typing_filter && h >= 4;
    let show_legend = h >= 12 && !needs.maximised;
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
    let (grid, detail) = split_body(needs.detail, body);
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
fn split_body(detail: Option<bool>, body: Rect) -> (Rect, Rect) {
    let Some(maximised) = detail else {
        return (body, Rect::new(body.x, body.bottom(), body.width, 0));
    };
    if maximised || body.height < 10 {
        return (Rect::new(body.x, body.y, body.width, 0), body);
    }
    let grid_h = (body.height * 2 / 5).max(5);
    let grid = Rect::new(body.x, body.y, body.width, grid_h);
    let detail = Rect::new(body.x, body.y + grid_h, body.width, body.height - grid_h);
    (grid, detail)
}

/// Body rows of the grid that fit in an area of this height (one line is the header).
pub fn grid_body_height(height: u16) -> usize {
    height.saturating_sub(1) as usize
}

/// Body rows of the grid for a screen of this size.
pub fn page_rows(needs: &Needs, area: Rect) -> usize {
    grid_body_height(areas(needs, area).grid.height)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn an_open_detail_pane_takes_the_lower_part_of_the_body() {
        let area = Rect::new(0, 0, 100, 40);
        let shut = areas(&Needs::default(), area);
        assert_eq!(shut.detail.height, 0);
        let open = areas(
            &Needs {
                detail: Some(false),
                ..Needs::default()
            },
            area,
        );
        assert_eq!(open.grid.height + open.detail.height, shut.grid.height);
        assert_eq!(open.detail.y, open.grid.bottom());
        let max = areas(
            &Needs {
                detail: Some(true),
                ..Needs::default()
            },
            area,
        );
        assert_eq!(max.grid.height, 0);
        assert_eq!(
            page_rows(&Needs::default(), area),
            shut.grid.height as usize - 1
        );
    }

    #[test]
    fn a_shown_error_keeps_the_status_line_on_a_tiny_screen() {
        let tiny = Rect::new(0, 0, 40, 3);
        assert_eq!(areas(&Needs::default(), tiny).status.height, 0);
        let needs = Needs {
            error_shown: true,
            ..Needs::default()
        };
        assert_eq!(areas(&needs, tiny).status.height, 1);
    }
}
