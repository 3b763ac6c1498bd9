//! The small filter menu: each filter with its key (from the keymap) and current value.

use super::action::Action;
use super::cells::{fill, put};
use super::keymap::Keymap;
use super::mode::Mode;
use super::theme::Theme;
use super::view::Filters;
use crate::config::Config;
use ratatui::buffer::Buffer;
use ratatui::layout::Rect;
use ratatui::widgets::{Block, Borders, Clear, Widget};

pub struct FilterMenu<'a> {
    pub filters: &'a Filters,
    pub config: &'a Config,
    pub keymap: &'a Keymap,
    /// Schools shown with these filters.
    pub shown: usize,
    pub theme: &'a Theme,
}

impl FilterMenu<'_> {
    /// One line per filter with its key and value, then how many schools are shown.
    pub fn lines(&self) -> Vec<String> {
        let f = self.filters;
        let all = "all".to_string();
        let items: [(Action, &str, String); 6] = [
            (
                Action::CyclePhase,
                "phase",
                f.phase
                    .map(|p| p.label().to_string())
                    .unwrap_or_else(|| all.clone()),
            ),
            (
                Action::CycleCategory,
                "category",
                f.category
                    .as_deref()
                    .map(|c| self.config.category_label(c).to_string())
                    .unwrap_or_else(|| all.clone()),
            ),
            (
                Action::CycleLama,
                "LaMA",
                f.lama.clone().unwrap_or_else(|| all.clone()),
            ),
            (
                Action::CycleMaintained,
                "type",
                match f.maintained {
                    Some(true) => "maintained".into(),
                    Some(false) => "academies and others".into(),
                    None => all.clone(),
                },
            ),
            (
                Action::AgendaOnly,
                "agenda only",
                if f.agenda_only {
                    "on".into()
                } else {
                    "off".into()
                },
            ),
            (Action::ClearFilters, "clear every filter", String::new()),
        ];
        let mut out: Vec<String> = items
            .into_iter()
            .filter_map(|(action, label, value)| {
                let key = self.keymap.keys_for(Mode::FilterMenu, action).next()?;
                Some(if value.is_empty() {
                    format!("{key}  {label}")
                } else {
                    format!("{key}  {label}: {value}")
                })
            })
            .collect();
        out.push(format!("{} schools shown", self.shown));
        out
    }
}

impl Widget for &FilterMenu<'_> {
    fn render(self, area: Rect, buf: &mut Buffer) {
        let theme = self.theme;
        let lines = self.lines();
        let w = area.width.min(44);
        let h = area.height.min(lines.len() as u16 + 2);
        if w < 3 || h < 3 {
            return;
        }
        let r = Rect::new(area.right() - w, area.y, w, h);
        Clear.render(r, buf);
        for y in r.top()..r.bottom() {
            fill(buf, r.x, y, r.width, theme.overlay);
        }
        Block::new()
            .borders(Borders::ALL)
            .title(" Filters · Esc closes ")
            .style(theme.overlay)
            .border_style(theme.header)
            .render(r, buf);
        for (i, text) in lines.iter().take(h as usize - 2).enumerate() {
            put(
                buf,
                r.x + 2,
                r.y + 1 + i as u16,
                w.saturating_sub(3),
                text,
                theme.overlay,
            );
        }
    }
}
