//! Step 3 of recategorising: before → after, what it does to every capacity the service
//! has (LaMA hours, reviews, SIP visits when configured), and what will be recorded. Enter
//! records it; over capacity, only `o` does (as `[keys.over_capacity]` binds it).

use super::decision_form::RecategoriseForm;
use super::fields::{FieldId, FieldSet};
use super::FormKeys;
use crate::tui::theme::Theme;
use ratatui::buffer::Buffer;
use ratatui::layout::Rect;
use ratatui::text::{Line, Span};
use ratatui::widgets::{Paragraph, Widget, Wrap};

const LABEL_WIDTH: usize = 11;

fn label(text: &str, theme: &Theme) -> Span<'static> {
    Span::styled(format!("{text:<LABEL_WIDTH$}"), theme.dim)
}

/// Signed hours with one decimal: `+4.7`, `-14.0`, `±0.0`.
pub fn signed_hours(h: f64) -> String {
    if h.abs() < 0.05 {
        "±0.0".to_string()
    } else {
        format!("{h:+.1}")
    }
}

/// The lines of the confirm step.
pub(crate) fn summary(
    form: &RecategoriseForm,
    theme: &Theme,
    keys: &FormKeys,
) -> Vec<Line<'static>> {
    let before = form.picker.current_option();
    let after = form.picker.selected_option();
    let before_label = before.map_or("none".to_string(), |o| o.label.clone());
    let after_label = after.map_or(String::new(), |o| o.label.clone());
    let mut lines = Vec::new();
    lines.push(Line::from(vec![
        label("Before", theme),
        Span::styled(before_label, theme.base),
    ]));
    let mut after_line = vec![
        label("After", theme),
        Span::styled(after_label, theme.header),
    ];
    if form.picker.suggested.is_some() && form.picker.suggested == Some(form.picker.selected) {
        after_line.push(Span::styled("   ★ suggested", theme.header));
    }
    lines.push(Line::from(after_line));
    // Every capacity the configuration defines, before → after, the service's total.
    for (i, b) in form.selected_budgets().iter().enumerate() {
        let head = if i == 0 {
            label("Service", theme)
        } else {
            Span::raw(" ".repeat(LABEL_WIDTH))
        };
        let delta = b.after - b.before;
        let change = if delta.fract().abs() < 1e-9 && delta.abs() >= 0.5 {
            format!("{delta:+.0}")
        } else {
            signed_hours(delta)
        };
        let style = if b.overspent_by_decision() {
            theme.flag_major
        } else {
            theme.base
        };
        let mut line = vec![
            head,
            Span::styled(b.describe(), style),
            Span::styled(format!("  ({change})"), theme.dim),
        ];
        if b.overspent_by_decision() {
            line.push(Span::styled("  ▲ over capacity", theme.flag_major));
        }
        lines.push(Line::from(line));
    }
    if form.over_capacity() {
        lines.push(Line::from(Span::styled(
            format!(
                "This decision takes the service over capacity. Press {} to record it all the same.",
                keys.shown("o")
            ),
            theme.flag_major,
        )));
    }
    lines.push(Line::default());
    lines.extend(recorded(&form.fields, theme));
    lines
}

/// What will be recorded, field by field in the form's order, every value wrapped in full:
/// each action on its own line with its owner and due date. The review step of every form.
pub(crate) fn recorded(fields: &FieldSet, theme: &Theme) -> Vec<Line<'static>> {
    let mut lines = Vec::new();
    for f in &fields.fields {
        let (name, text) = match f.spec.id {
            FieldId::Actions => {
                let actions: Vec<String> = fields
                    .action_lines()
                    .iter()
                    .enumerate()
                    .map(|(i, a)| {
                        let due = a
                            .due
                            .map_or("no date".into(), |d| d.format("%-d %b %Y").to_string());
                        format!("{}. {} — {}, due {due}", i + 1, a.text, a.owner)
                    })
                    .collect();
                (f.spec.label, actions.join("\n"))
            }
            FieldId::ActionText(_) | FieldId::ActionOwner(_) | FieldId::ActionDue(_) => continue,
            id => (f.spec.label, fields.text(id)),
        };
        let text = if text.is_empty() {
            "—".to_string()
        } else {
            text
        };
        for (i, l) in text.lines().enumerate() {
            let head = if i == 0 {
                label(name, theme)
            } else {
                Span::raw(" ".repeat(LABEL_WIDTH))
            };
            lines.push(Line::from(vec![
                head,
                Span::styled(l.to_string(), theme.base),
            ]));
        }
    }
    lines
}

pub(crate) fn render_lines(lines: Vec<Line<'static>>, area: Rect, buf: &mut Buffer) {
    if area.width == 0 || area.height == 0 {
        return;
    }
    Paragraph::new(lines)
        .wrap(Wrap { trim: false })
        .render(area, buf);
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn hours_are_signed() {
        assert_eq!(signed_hours(4.666), "+4.7");
        assert_eq!(signed_hours(-14.0), "-14.0");
        assert_eq!(signed_hours(0.0), "±0.0");
    }
}
