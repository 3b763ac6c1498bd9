//! The frame every form is drawn in: a centred box over the grid with a title, the form's
//! content, then any message (an error, a warning) and a line of key hints at the bottom.

use super::{Form, FormKeys};
use crate::tui::theme::Theme;
use ratatui::buffer::Buffer;
use ratatui::layout::Rect;
use ratatui::style::Style;
use ratatui::text::{Line, Span};
use ratatui::widgets::{Block, BorderType, Clear, Paragraph, Widget, Wrap};

/// Draws an open form over whatever is beneath, centred in `area` (pass the whole screen).
pub struct FormPopup<'a> {
    pub form: &'a Form,
    pub theme: &'a Theme,
    pub keys: &'a FormKeys,
}

impl Widget for FormPopup<'_> {
    fn render(self, area: Rect, buf: &mut Buffer) {
        self.form.render(area, buf, self.theme, self.keys);
    }
}

/// A `width`×`height` rectangle centred in `area`, never larger than it.
pub fn centred(area: Rect, width: u16, height: u16) -> Rect {
    let w = width.min(area.width);
    let h = height.min(area.height);
    Rect::new(
        area.x + (area.width - w) / 2,
        area.y + (area.height - h) / 2,
        w,
        h,
    )
}

/// The popup's width for a screen width: nearly all of a small screen, two thirds of a big one.
pub(crate) fn popup_width(screen: u16) -> u16 {
    if screen <= 84 {
        screen.saturating_sub(4).max(screen.min(20))
    } else {
        (screen * 2 / 3).clamp(80, 110)
    }
}

/// The width inside the border of a popup drawn on `screen`.
pub(crate) fn content_width(screen: Rect) -> u16 {
    popup_width(screen.width)
        .min(screen.width)
        .saturating_sub(2)
}

/// The bottom of a form: an optional message and the key hints.
pub(crate) struct Footer<'a> {
    pub message: Option<(&'a str, Style)>,
    pub hints: &'a [(&'a str, &'a str)],
}

impl Footer<'_> {
    fn rows(&self, width: u16) -> u16 {
        let msg = self.message.map_or(0, |(m, _)| {
            let w = width.max(1) as usize;
            (m.chars().count().div_ceil(w)).clamp(1, 3) as u16
        });
        msg + 1
    }
}

/// Clear the box, draw its border and footer; returns where the content goes.
pub(crate) fn draw_frame(
    screen: Rect,
    buf: &mut Buffer,
    theme: &Theme,
    keys: &FormKeys,
    title: &str,
    content_rows: u16,
    footer: &Footer<'_>,
) -> Rect {
    let width = popup_width(screen.width);
    let inner_width = width.saturating_sub(2);
    let footer_rows = footer.rows(inner_width);
    let height = content_rows + footer_rows + 2;
    let rect = centred(screen, width, height);
    if rect.width == 0 || rect.height == 0 {
        return Rect::new(rect.x, rect.y, 0, 0);
    }
    Clear.render(rect, buf);
    let block = Block::bordered()
        .border_type(BorderType::Thick)
        .border_style(theme.header)
        .title(Line::from(Span::styled(format!(" {title} "), theme.header)))
        .style(theme.overlay);
    let inner = block.inner(rect);
    block.render(rect, buf);
    let footer_rows = footer_rows.min(inner.height);
    let content = Rect::new(inner.x, inner.y, inner.width, inner.height - footer_rows);
    let mut y = content.y + content.height;
    let bottom = inner.y + inner.height;
    if let Some((msg, style)) = footer.message {
        let rows = footer_rows.saturating_sub(1);
        if rows > 0 {
            Paragraph::new(Line::from(Span::styled(msg, style)))
                .wrap(Wrap { trim: true })
                .render(Rect::new(inner.x, y, inner.width, rows), buf);
            y += rows;
        }
    }
    if y < bottom {
        hints_line(footer.hints, keys, theme).render(Rect::new(inner.x, y, inner.width, 1), buf);
    }
    content
}

/// `Enter choose · Esc cancel` with the keys picked out.
pub(crate) fn hints_line<'a>(
    hints: &'a [(&'a str, &'a str)],
    keys: &FormKeys,
    theme: &Theme,
) -> Line<'a> {
    let mut spans = Vec::new();
    for (i, (key, what)) in hints.iter().enumerate() {
        if i > 0 {
            spans.push(Span::styled(" · ", theme.hints));
        }
        spans.push(Span::styled(keys.shown(key), theme.hint_key));
        spans.push(Span::styled(format!(" {what}"), theme.hints));
    }
    Line::from(spans)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn centred_fits_inside_even_when_too_big() {
        let area = Rect::new(0, 0, 80, 24);
        assert_eq!(centred(area, 40, 10), Rect::new(20, 7, 40, 10));
        assert_eq!(centred(area, 200, 50), area);
        assert_eq!(
            centred(Rect::new(0, 0, 1, 1), 10, 10),
            Rect::new(0, 0, 1, 1)
        );
    }
}
