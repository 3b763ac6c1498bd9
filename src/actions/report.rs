//! Lists of actions as text (for the terminal), Markdown (for papers) and CSV (for a
//! spreadsheet). Open actions carry their due words ("OVERDUE by 7 days") in every form.

use super::{ActionItem, ActionStatus};
use crate::md_escape as escape;
use crate::model::sanitize_text;
use chrono::NaiveDate;

/// `termly actions --format`.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum ActionFormat {
    Text,
    Markdown,
    Csv,
}

pub fn render(actions: &[ActionItem], today: NaiveDate, format: ActionFormat) -> String {
    match format {
        ActionFormat::Text => text(actions, today),
        ActionFormat::Markdown => markdown(actions, today),
        ActionFormat::Csv => csv(actions, today),
    }
}

/// The status in words: "open · OVERDUE by 7 days", "done 24 Nov 2026: visited".
pub fn status_words(a: &ActionItem, today: NaiveDate) -> String {
    let when = a
        .changed_at
        .get(..10)
        .and_then(|d| d.parse::<NaiveDate>().ok());
    let on = when
        .map(|d| format!(" {}", d.format("%-d %b %Y")))
        .unwrap_or_default();
    let note = if a.note.is_empty() {
        String::new()
    } else {
        format!(": {}", a.note)
    };
    match a.status {
        ActionStatus::Open => {
            let due = a.due_words(today);
            let carried = if a.carried { "carried forward" } else { "open" };
            if due.is_empty() {
                carried.to_string()
            } else {
                format!("{carried} · {due}")
            }
        }
        done_or_dropped => format!("{done_or_dropped}{on}{note}"),
    }
}

pub fn due_date(a: &ActionItem) -> String {
    a.due
        .map(|d| d.format("%-d %b %Y").to_string())
        .unwrap_or_else(|| "–".into())
}

fn text(actions: &[ActionItem], today: NaiveDate) -> String {
    if actions.is_empty() {
        return "no actions\n".into();
    }
    let clean = |s: &str| sanitize_text(s, false);
    let rows: Vec<[String; 6]> = actions
        .iter()
        .map(|a| {
            [
                format!("#{}", a.id),
                clean(&a.school),
                clean(&a.text),
                clean(&a.owner),
                due_date(a),
                clean(&status_words(a, today)),
            ]
        })
        .collect();
    let head = ["#", "School", "Action", "Owner", "Due", "Status"].map(String::from);
    let widths: Vec<usize> = (0..6)
        .map(|i| {
            rows.iter()
                .chain(std::iter::once(&head))
                .map(|r| r[i].chars().count())
                .max()
                .unwrap_or(0)
        })
        .collect();
    let mut out = String::new();
    for row in std::iter::once(&head).chain(&rows) {
        let line: Vec<String> = row
            .iter()
            .zip(&widths)
            .map(|(cell, w)| format!("{cell:<w$}"))
            .collect();
        out.push_str(line.join("  ").trim_end());
        out.push('\n');
    }
    out
}

fn markdown(actions: &[ActionItem], today: NaiveDate) -> String {
    let mut out = String::from("| # | School | Action | Owner | Due | Status |\n");
    out.push_str("| ---: | --- | --- | --- | --- | --- |\n");
    for a in actions {
        out.push_str(&format!(
            "| {} | {} ({}) | {} | {} | {} | {} |\n",
            a.id,
            escape::cell(&a.school),
            a.urn,
            escape::cell(&a.text),
            escape::cell(&a.owner),
            due_date(a),
            escape::cell(&status_words(a, today)),
        ));
    }
    out
}

fn csv(actions: &[ActionItem], today: NaiveDate) -> String {
    let mut w = ::csv::Writer::from_writer(Vec::new());
    let head = [
        "id",
        "urn",
        "school",
        "action",
        "owner",
        "due",
        "status",
        "overdue",
        "decision",
        "meeting",
        "changed_at",
        "changed_by",
        "note",
    ];
    // Every field is made safe for a spreadsheet: a leading `=` would run as a formula.
    let mut write = |row: Vec<String>| {
        w.write_record(
            row.iter()
                .map(|f| crate::text::spreadsheet_safe(f).into_owned()),
        )
        .expect("writing to memory")
    };
    write(head.iter().map(|s| s.to_string()).collect());
    for a in actions {
        write(vec![
            a.id.to_string(),
            a.urn.to_string(),
            a.school.clone(),
            a.text.clone(),
            a.owner.clone(),
            a.due.map(|d| d.to_string()).unwrap_or_default(),
            a.status.key().to_string(),
            a.is_overdue(today).to_string(),
            a.decision_id.to_string(),
            a.meeting_id.to_string(),
            a.changed_at.clone(),
            a.changed_by.clone(),
            a.note.clone(),
        ]);
    }
    let bytes = w.into_inner().expect("writing to memory");
    String::from_utf8(bytes).expect("the fields are UTF-8")
}
