//! Step 1 of recategorising: choose the new category from the configured list. The
//! policy's suggestion starts selected and is marked; the current category is marked and
//! cannot be chosen (recording "no change" is what confirm is for).

use super::FormInput;
use crate::config::Config;
use crate::tui::action::Action;
use crate::tui::theme::Theme;
use ratatui::buffer::Buffer;
use ratatui::crossterm::event::{KeyCode, KeyEvent};
use ratatui::layout::Rect;
use ratatui::text::{Line, Span};
use ratatui::widgets::Widget;

/// One category as the form needs it (copied from the config so the form owns its state).
#[derive(Debug, Clone, PartialEq)]
pub struct CategoryOption {
    pub key: String,
    pub label: String,
    pub lama_hours_term: f64,
}

#[derive(Debug, Clone, PartialEq)]
pub struct CategoryPicker {
    pub options: Vec<CategoryOption>,
    pub selected: usize,
    pub current: Option<usize>,
    pub suggested: Option<usize>,
    /// Shown when the chair tries to choose the current category.
    pub warning: Option<String>,
}

/// What a key did to the picker.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum PickOutcome {
    Continue,
    Chosen,
}

impl CategoryPicker {
    /// `current` and `suggested` are category keys. The suggestion is pre-selected when it
    /// differs from the current category; otherwise the first other category is.
    pub fn new(config: &Config, current: Option<&str>, suggested: Option<&str>) -> Self {
        let options: Vec<CategoryOption> = config
            .categories
            .iter()
            .map(|c| CategoryOption {
                key: c.key.clone(),
                label: c.label.clone(),
                lama_hours_term: c.lama_hours_per_term(),
            })
            .collect();
        let find = |key: Option<&str>| key.and_then(|k| options.iter().position(|o| o.key == k));
        let current = find(current);
        let suggested = find(suggested);
        let selected = suggested
            .filter(|&s| Some(s) != current)
            .or_else(|| (0..options.len()).find(|&i| Some(i) != current))
            .unwrap_or(0);
        CategoryPicker {
            options,
            selected,
            current,
            suggested,
            warning: None,
        }
    }

    pub fn selected_option(&self) -> Option<&CategoryOption> {
        self.options.get(self.selected)
    }

    pub fn current_option(&self) -> Option<&CategoryOption> {
        self.current.and_then(|i| self.options.get(i))
    }

    pub fn is_suggested(&self, i: usize) -> bool {
        self.suggested == Some(i)
    }

    /// A move, a choice, or a digit that picks by number.
    pub fn handle(&mut self, input: FormInput) -> PickOutcome {
        let n = self.options.len();
        if n == 0 {
            return PickOutcome::Continue;
        }
        self.warning = None;
        match input {
            FormInput::Act(Action::Up) => self.selected = self.selected.saturating_sub(1),
            FormInput::Act(Action::Down) => self.selected = (self.selected + 1).min(n - 1),
            FormInput::Act(Action::Top) => self.selected = 0,
            FormInput::Act(Action::Bottom) => self.selected = n - 1,
            FormInput::Type(KeyEvent {
                code: KeyCode::Char(c @ '1'..='9'),
                ..
            }) => {
                let i = c as usize - '1' as usize;
                if i < n {
                    self.selected = i;
                }
            }
            FormInput::Act(Action::FormEnter | Action::FormNext) => {
                if Some(self.selected) == self.current {
                    self.warning = Some(format!(
                        "{} is the current category: choose another, or use confirm for no change",
                        self.options[self.selected].label
                    ));
                } else {
                    return PickOutcome::Chosen;
                }
            }
            _ => {}
        }
        PickOutcome::Continue
    }

    /// Rows the list needs.
    pub fn wanted_height(&self) -> u16 {
        self.options.len() as u16
    }

    pub fn render(&self, area: Rect, buf: &mut Buffer, theme: &Theme) {
        // Keep the selection visible when the list is taller than the area.
        let height = area.height as usize;
        if height == 0 || area.width == 0 {
            return;
        }
        let first = (self.selected + 1).saturating_sub(height);
        for (row, (i, opt)) in self
            .options
            .iter()
            .enumerate()
            .skip(first)
            .take(height)
            .enumerate()
        {
            let selected = i == self.selected;
            let base = if selected { theme.cursor } else { theme.base };
            let mark = if selected { theme.cursor_mark } else { " " };
            let mut spans = vec![
                Span::styled(format!("{mark} {} ", i + 1), base),
                Span::styled(format!("{:<34}", opt.label), base),
            ];
            if opt.lama_hours_term > 0.0 {
                spans.push(Span::styled(
                    format!(" LaMA {:>4.1} h/term", opt.lama_hours_term),
                    if selected { base } else { theme.dim },
                ));
            }
            if self.is_suggested(i) {
                spans.push(Span::styled("  ★ suggested", theme.header));
            }
            if self.current == Some(i) {
                spans.push(Span::styled("  ● current", theme.dim));
            }
            Line::from(spans).render(Rect::new(area.x, area.y + row as u16, area.width, 1), buf);
        }
    }
}
