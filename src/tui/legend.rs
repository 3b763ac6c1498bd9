//! The legend line: what each score colour and glyph means, and the grid's symbols.

use super::app::App;
use super::cells::{fill, put, score_text};
use ratatui::buffer::Buffer;
use ratatui::layout::Rect;
use ratatui::widgets::Widget;

pub struct Legend<'a> {
    pub app: &'a App,
}

impl Widget for &Legend<'_> {
    fn render(self, area: Rect, buf: &mut Buffer) {
        if area.height == 0 || area.width == 0 {
            return;
        }
        let app = self.app;
        let theme = &app.theme;
        let (y, right) = (area.y, area.right());
        fill(buf, area.x, y, area.width, theme.legend);
        let mut x = area.x + put(buf, area.x, y, area.width, " Risk ", theme.legend);
        let scale = &app.config.scale;
        for (i, label) in scale.labels.iter().enumerate() {
            if x >= right {
                return;
            }
            let (st, glyph) = theme.level(i);
            let mut b = [0u8; 16];
            let t = score_text(scale.min.saturating_add(i as u8), glyph, &mut b);
            x += put(buf, x, y, right - x, " ", st);
            x += put(buf, x, y, right.saturating_sub(x), t, st);
            x += put(buf, x, y, right.saturating_sub(x), " ", st);
            x += put(buf, x, y, right.saturating_sub(x), " ", theme.legend);
            x += put(buf, x, y, right.saturating_sub(x), label, theme.legend);
            x += put(buf, x, y, right.saturating_sub(x), "  ", theme.legend);
        }
        let tail = "– none  ⁱ from indicator  Σ composite  ↑ worse ↓ better → same · new  • on agenda  ≥ at least";
        if x < right {
            put(buf, x, y, right - x, tail, theme.legend);
        }
    }
}
