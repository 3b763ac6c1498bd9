//! Undo: pick one of the decisions still standing (the latest starts selected), give a
//! reason, and submit a revoking decision. Nothing is deleted.

use super::fields::{FieldId, FieldSet, FieldSpec, FieldsOutcome};
use super::popup::{draw_frame, Footer};
use super::FormKeys;
use super::{
    form_message, typing_hints, DiscardGuard, FormInput, FormOutcome, NewDecision, SaveFailure,
};
use crate::config::Config;
use crate::dataset::Dataset;
use crate::model::{Decision, DecisionKind, Urn};
use crate::tui::action::Action;
use crate::tui::theme::Theme;
use ratatui::buffer::Buffer;
use ratatui::layout::Rect;
use ratatui::text::{Line, Span};
use ratatui::widgets::Widget;
use std::collections::HashSet;

/// A decision that can be undone, as the list shows it.
#[derive(Debug, Clone, PartialEq)]
pub struct UndoItem {
    pub id: i64,
    pub urn: Urn,
    pub summary: String,
}

impl UndoItem {
    /// `#12 Birch Academy: Recategorised Enhanced → Intensive A (rationale…)`.
    pub fn describe(d: &Decision, school_name: &str, config: &Config) -> UndoItem {
        let change = match (d.kind, &d.from_category, &d.to_category) {
            (DecisionKind::Recategorise, from, Some(to)) => format!(
                " {} → {}",
                from.as_deref().map_or("none", |f| config.category_label(f)),
                config.category_label(to)
            ),
            _ => String::new(),
        };
        let first = d
            .rationale
            .lines()
            .next()
            .filter(|l| !l.is_empty())
            .or_else(|| d.actions.lines().next())
            .unwrap_or("");
        let first = if first.chars().count() > 40 {
            format!("{}…", first.chars().take(39).collect::<String>())
        } else {
            first.to_string()
        };
        let mut summary = format!("#{} {school_name}: {}{change}", d.id, d.kind.label());
        if !first.is_empty() {
            summary.push_str(&format!(" ({first})"));
        }
        UndoItem {
            id: d.id,
            urn: d.urn,
            summary,
        }
    }
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum UndoStep {
    Pick,
    Reason,
    /// What will be revoked and why, read-only; Enter records it.
    Review,
}

#[derive(Debug, Clone)]
pub struct UndoForm {
    /// Newest first.
    pub items: Vec<UndoItem>,
    pub selected: usize,
    pub step: UndoStep,
    pub fields: FieldSet,
    pub error: Option<SaveFailure>,
    guard: DiscardGuard,
}

/// One paragraph, wrapped as it grows: Enter in it records (nothing else is asked).
const REASON: [FieldSpec; 1] = [FieldSpec::new(
    FieldId::Rationale,
    "Reason for undoing",
    true,
    false,
)];

impl UndoForm {
    /// From items newest first; None when there is nothing to undo.
    pub fn new(items: Vec<UndoItem>) -> Option<UndoForm> {
        if items.is_empty() {
            return None;
        }
        Some(UndoForm {
            items,
            selected: 0,
            step: UndoStep::Pick,
            fields: FieldSet::new(&REASON),
            error: None,
            guard: DiscardGuard::default(),
        })
    }

    /// The school's decisions still standing.
    pub fn for_school(dataset: &Dataset, config: &Config, urn: Urn) -> Option<UndoForm> {
        UndoForm::new(standing(dataset, config, |d| d.urn == urn))
    }

    /// The meeting's decisions still standing.
    pub fn for_meeting(dataset: &Dataset, config: &Config, meeting_id: i64) -> Option<UndoForm> {
        UndoForm::new(standing(dataset, config, |d| d.meeting_id == meeting_id))
    }

    pub fn selected_item(&self) -> &UndoItem {
        &self.items[self.selected.min(self.items.len() - 1)]
    }

    pub fn draft(&self) -> NewDecision {
        let item = self.selected_item();
        NewDecision {
            kind: Some(DecisionKind::Revoke),
            urn: item.urn,
            to_category: None,
            rationale: self.fields.text(FieldId::Rationale),
            actions: String::new(),
            owner: String::new(),
            due: None,
            revokes: Some(item.id),
            ..NewDecision::default()
        }
    }

    pub fn handle(&mut self, input: FormInput) -> FormOutcome {
        let action = input.action();
        if action != Some(Action::FormBack) {
            self.guard.disarm();
        }
        match (self.step, action) {
            (UndoStep::Pick, Some(Action::FormBack)) => {
                if self.guard.esc(self.fields.has_text()) {
                    return FormOutcome::Cancel;
                }
            }
            (UndoStep::Pick, Some(Action::Up)) => self.selected = self.selected.saturating_sub(1),
            (UndoStep::Pick, Some(Action::Down)) => {
                self.selected = (self.selected + 1).min(self.items.len() - 1)
            }
            (UndoStep::Pick, Some(Action::Top)) => self.selected = 0,
            (UndoStep::Pick, Some(Action::Bottom)) => self.selected = self.items.len() - 1,
            (UndoStep::Pick, Some(Action::FormEnter | Action::FormNext)) => {
                self.step = UndoStep::Reason
            }
            (UndoStep::Pick, _) => {}
            (UndoStep::Reason, Some(Action::FormBack)) => self.step = UndoStep::Pick,
            // From any field to the review.
            (UndoStep::Reason, Some(Action::FormNext)) => {
                if self.fields.validate() {
                    self.step = UndoStep::Review;
                }
            }
            (UndoStep::Reason, Some(Action::FormRetry)) => return self.retry(),
            // Enter in the last field: nothing left to ask, so it records.
            (UndoStep::Reason, _) => {
                if self.fields.handle(input) == FieldsOutcome::Submit && self.fields.validate() {
                    return FormOutcome::Submit(Box::new(self.draft()));
                }
            }
            (UndoStep::Review, Some(Action::FormBack)) => self.step = UndoStep::Reason,
            (UndoStep::Review, Some(Action::FormRetry)) if self.can_retry() => {
                return FormOutcome::Submit(Box::new(self.draft()))
            }
            (UndoStep::Review, Some(Action::FormEnter)) => {
                return FormOutcome::Submit(Box::new(self.draft()))
            }
            (UndoStep::Review, _) => {}
        }
        FormOutcome::Continue
    }

    /// Ctrl-R while typing: send the same input again, if the last failure may pass now.
    fn retry(&mut self) -> FormOutcome {
        if self.can_retry() && self.fields.validate() {
            return FormOutcome::Submit(Box::new(self.draft()));
        }
        FormOutcome::Continue
    }

    /// The last save failed in a way the same input may get past.
    fn can_retry(&self) -> bool {
        self.error.as_ref().is_some_and(SaveFailure::can_retry)
    }

    pub fn paste(&mut self, text: &str) {
        if self.step == UndoStep::Reason {
            self.fields.paste(text);
        }
    }

    pub fn render(&self, area: Rect, buf: &mut Buffer, theme: &Theme, keys: &FormKeys) {
        let message = form_message(&self.guard, self.error.as_ref(), theme);
        match self.step {
            UndoStep::Pick => {
                let hints = [("↑↓", "choose"), ("Enter", "next"), ("Esc", "cancel")];
                let footer = Footer {
                    message,
                    hints: &hints,
                };
                let rows = self.items.len() as u16 + 2;
                let content = draw_frame(area, buf, theme, keys, "Undo a decision", rows, &footer);
                if content.height == 0 {
                    return;
                }
                Line::from(Span::styled(
                    "Which decision? (it stays in the minutes, marked revoked)",
                    theme.dim,
                ))
                .render(Rect::new(content.x, content.y, content.width, 1), buf);
                let list_h = content.height.saturating_sub(2) as usize;
                let first = (self.selected + 1).saturating_sub(list_h.max(1));
                for (row, (i, item)) in self
                    .items
                    .iter()
                    .enumerate()
                    .skip(first)
                    .take(list_h)
                    .enumerate()
                {
                    let selected = i == self.selected;
                    let style = if selected { theme.cursor } else { theme.base };
                    let mark = if selected { theme.cursor_mark } else { " " };
                    let mut spans = vec![Span::styled(format!("{mark} {}", item.summary), style)];
                    if i == 0 {
                        spans.push(Span::styled("  latest", theme.dim));
                    }
                    Line::from(spans).render(
                        Rect::new(content.x, content.y + 2 + row as u16, content.width, 1),
                        buf,
                    );
                }
            }
            UndoStep::Reason | UndoStep::Review => {
                let typing = typing_hints(&self.fields, "back");
                let hints: &[(&str, &str)] = match (self.step, self.can_retry()) {
                    (UndoStep::Review, true) => {
                        &[("Enter/Ctrl-R", "try again"), ("Esc", "back to edit")]
                    }
                    (UndoStep::Review, false) => &[("Enter", "undo it"), ("Esc", "back to edit")],
                    _ => &typing,
                };
                let footer = Footer { message, hints };
                let rows = self.fields.wanted_height(super::popup::content_width(area)) + 2;
                let content = draw_frame(area, buf, theme, keys, "Undo a decision", rows, &footer);
                if content.height == 0 {
                    return;
                }
                Line::from(vec![
                    Span::styled("Undo ", theme.dim),
                    Span::styled(self.selected_item().summary.clone(), theme.header),
                ])
                .render(Rect::new(content.x, content.y, content.width, 1), buf);
                let rest = Rect::new(
                    content.x,
                    content.y + 2.min(content.height),
                    content.width,
                    content.height.saturating_sub(2),
                );
                self.fields.render(rest, buf, theme);
            }
        }
    }
}

/// Decisions matching `keep` that are neither revocations nor revoked, newest first.
fn standing(dataset: &Dataset, config: &Config, keep: impl Fn(&Decision) -> bool) -> Vec<UndoItem> {
    let revoked: HashSet<i64> = dataset.decisions.iter().filter_map(|d| d.revokes).collect();
    let mut items: Vec<UndoItem> = dataset
        .decisions
        .iter()
        .filter(|d| keep(d) && d.kind != DecisionKind::Revoke && !revoked.contains(&d.id))
        .map(|d| {
            let name = dataset
                .school_index(d.urn)
                .map_or_else(|| d.urn.to_string(), |i| dataset.schools[i].name.clone());
            UndoItem::describe(d, &name, config)
        })
        .collect();
    // Decisions are held in the order recorded; ids grow with it.
    items.sort_by_key(|i| std::cmp::Reverse(i.id));
    items
}
