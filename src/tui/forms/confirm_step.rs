//! Step 3 of recategorising: before → after, what it does to LaMA hours a term and to the
//! service's total against capacity, and what will be recorded. Enter records it.

use super::decision_form::RecategoriseForm;
use super::fields::FieldId;
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
pub(crate) fn summary(form: &RecategoriseForm, theme: &Theme) -> Vec<Line<'static>> {
    let before = form.picker.current_option();
    let after = form.picker.selected_option();
    let before_hours = before.map_or(0.0, |o| o.lama_hours_term);
    let after_hours = after.map_or(0.0, |o| o.lama_hours_term);
    let change = after_hours - before_hours;
    let new_total = form.lama_total + change;
    let before_label = before.map_or("none".to_string(), |o| o.label.clone());
    let after_label = after.map_or(String::new(), |o| o.label.clone());
    let w = before_label
        .chars()
        .count()
        .max(after_label.chars().count());
    let mut lines = Vec::new();
    lines.push(Line::from(vec![
        label("Before", theme),
        Span::styled(format!("{before_label:<w$}"), theme.base),
        Span::styled(format!("   LaMA {before_hours:.1} h a term"), theme.dim),
    ]));
    let mut after_line = vec![
        label("After", theme),
        Span::styled(format!("{after_label:<w$}"), theme.header),
        Span::styled(format!("   LaMA {after_hours:.1} h a term"), theme.dim),
    ];
    if form.picker.suggested.is_some() && form.picker.suggested == Some(form.picker.selected) {
        after_line.push(Span::styled("   ★ suggested", theme.header));
    }
    lines.push(Line::from(after_line));
    lines.push(Line::from(vec![
        label("Change", theme),
        Span::styled(
            format!("{} LaMA hours a term", signed_hours(change)),
            theme.base,
        ),
    ]));
    let mut service = vec![
        label("Service", theme),
        Span::styled(
            format!(
                "{:.1} → {new_total:.1} of {:.1} LaMA hours a term",
                form.lama_total, form.lama_capacity
            ),
            theme.base,
        ),
    ];
    if new_total > form.lama_capacity + 1e-9 {
        service.push(Span::styled(
            format!(
                "  ▲ over capacity by {:.1} h",
                new_total - form.lama_capacity
            ),
            theme.flag_major,
        ));
    }
    lines.push(Line::from(service));
    lines.push(Line::default());
    for (id, name) in [
        (FieldId::Rationale, "Rationale"),
        (FieldId::Actions, "Actions"),
        (FieldId::Owner, "Owner"),
        (FieldId::Due, "Due"),
    ] {
        let text = form.fields.text(id);
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
