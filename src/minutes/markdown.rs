//! Minutes as Markdown, for papers and email. Every piece of text that came from a person or
//! a file goes through [`escape`]; tables keep one row per line and one cell per column.

use super::escape::{cell, inline};
use super::model::{DecisionRecord, Minutes};
use crate::config::Config;
use crate::term::Term;
use chrono::{DateTime, NaiveDate};
use std::fmt::Write;

const DECISION_HEADER: &str = "| # | School | Category | Rationale | Actions | Owner | Due | Policy said | Recorded |\n| ---: | --- | --- | --- | --- | --- | --- | --- | --- |\n";

const SECTIONS: [(&str, &str); 4] = [
    ("recategorise", "Recategorised"),
    ("confirm", "Confirmed"),
    ("defer", "Deferred"),
    ("note", "Noted"),
];

/// Render the minutes. Same minutes in, same bytes out.
pub fn render(config: &Config, m: &Minutes) -> String {
    let mut out = String::new();
    let term = m
        .meeting
        .term
        .parse::<Term>()
        .map(|t| t.to_string())
        .unwrap_or_else(|_| inline(&m.meeting.term));
    let date = NaiveDate::parse_from_str(&m.meeting.date, "%Y-%m-%d")
        .map(|d| d.format("%A %-d %B %Y").to_string())
        .unwrap_or_else(|_| m.meeting.date.clone());
    let _ = writeln!(
        out,
        "# Minutes of the school risk-assessment meeting, {term}\n"
    );
    let _ = writeln!(out, "- Meeting: #{}, {date}", m.meeting.id);
    let _ = writeln!(out, "- Chair: {}", inline(&m.meeting.chair));
    let attendees: Vec<String> = m.meeting.attendees.iter().map(|a| inline(a)).collect();
    let _ = writeln!(
        out,
        "- Attendees: {}",
        if attendees.is_empty() {
            "none recorded".into()
        } else {
            attendees.join(", ")
        }
    );
    let _ = writeln!(
        out,
        "- Opened: {}",
        time(&m.meeting.opened_at, &m.meeting.date)
    );
    let _ = writeln!(
        out,
        "- Closed: {}\n",
        m.meeting
            .closed_at
            .as_deref()
            .map(|c| time(c, &m.meeting.date))
            .unwrap_or_else(|| "not closed".into())
    );

    summary(&mut out, config, m);

    for (kind, title) in SECTIONS {
        let group: Vec<&DecisionRecord> = m.decisions.iter().filter(|d| d.kind == kind).collect();
        if group.is_empty() {
            continue;
        }
        let _ = writeln!(out, "## {title}\n");
        out.push_str(DECISION_HEADER);
        for d in group {
            decision_row(&mut out, config, m, d);
        }
        out.push('\n');
    }

    let revocations: Vec<&DecisionRecord> =
        m.decisions.iter().filter(|d| d.kind == "revoke").collect();
    if !revocations.is_empty() {
        out.push_str("## Revocations\n\n| # | School | Revokes | Reason | Category now | Recorded |\n| ---: | --- | ---: | --- | --- | --- |\n");
        for d in revocations {
            let _ = writeln!(
                out,
                "| {} | {} | {} | {} | {} | {} |",
                d.id,
                school(d),
                d.revokes.map(|r| format!("#{r}")).unwrap_or_default(),
                cell(&d.rationale),
                category(config, d.to_category.as_deref()),
                time(&d.recorded_at, &m.meeting.date)
            );
        }
        out.push('\n');
    }

    if !m.not_reached.is_empty() {
        out.push_str(
            "## On the agenda, not reached\n\n| School | URN | Reason |\n| --- | ---: | --- |\n",
        );
        for a in &m.not_reached {
            let _ = writeln!(
                out,
                "| {} | {} | {} |",
                cell(&a.school),
                a.urn,
                cell(&a.reason)
            );
        }
        out.push('\n');
    }

    if let Some(h) = &m.heatmap {
        heatmap(&mut out, config, h);
    }
    while out.ends_with("\n\n") {
        out.pop();
    }
    out
}

fn summary(out: &mut String, config: &Config, m: &Minutes) {
    let s = &m.summary;
    let _ = writeln!(out, "## Summary\n");
    let total: usize = s.decisions_by_kind.iter().map(|k| k.count).sum();
    let kinds: Vec<String> = s
        .decisions_by_kind
        .iter()
        .map(|k| {
            let label = crate::model::DecisionKind::parse(&k.kind)
                .map(|x| x.label().to_lowercase())
                .unwrap_or_else(|| k.kind.clone());
            format!("{} {label}", k.count)
        })
        .collect();
    let _ = writeln!(
        out,
        "{} {} discussed; {} {}{}.\n",
        s.schools_discussed,
        plural(s.schools_discussed, "school", "schools"),
        total,
        plural(total, "decision", "decisions"),
        if kinds.is_empty() {
            String::new()
        } else {
            format!(" ({})", kinds.join(", "))
        }
    );
    out.push_str("| Category | Before | After | Change |\n| --- | ---: | ---: | ---: |\n");
    for c in &s.categories {
        let _ = writeln!(
            out,
            "| {} | {} | {} | {} |",
            category(
                config,
                Some(&c.category)
                    .filter(|k| !k.is_empty())
                    .map(|k| k.as_str())
            ),
            c.before,
            c.after,
            signed(c.after as f64 - c.before as f64, 0)
        );
    }
    let _ = write!(
        out,
        "\nLaMA hours a term: {:.1} before, {:.1} after ({}), against {:.1} available{}.",
        s.lama_hours_before,
        s.lama_hours_after,
        signed(s.lama_hours_after - s.lama_hours_before, 1),
        s.lama_hours_capacity,
        if s.lama_hours_after > s.lama_hours_capacity {
            format!(
                "; over capacity by {:.1}",
                s.lama_hours_after - s.lama_hours_capacity
            )
        } else {
            String::new()
        }
    );
    let _ = writeln!(
        out,
        " One-day reviews a year: {} before, {} after{}.\n",
        s.reviews_year_before,
        s.reviews_year_after,
        s.reviews_year_capacity
            .map(|c| format!(", against {c} available"))
            .unwrap_or_default()
    );
}

fn decision_row(out: &mut String, config: &Config, m: &Minutes, d: &DecisionRecord) {
    let change = match d.kind.as_str() {
        "recategorise" => format!(
            "{} → {}",
            category(config, d.from_category.as_deref()),
            category(config, d.to_category.as_deref())
        ),
        "confirm" => format!("{} (no change)", category(config, d.to_category.as_deref())),
        _ => category(config, d.from_category.as_deref()),
    };
    let number = match (d.revoked_by, &d.revoked_reason) {
        (Some(by), reason) => format!(
            "{} (revoked by #{by}: {})",
            d.id,
            cell(reason.as_deref().unwrap_or(""))
        ),
        (None, _) => d.id.to_string(),
    };
    let due = d
        .due
        .as_deref()
        .map(|x| {
            NaiveDate::parse_from_str(x, "%Y-%m-%d")
                .map(|n| n.format("%-d %b %Y").to_string())
                .unwrap_or_else(|_| cell(x))
        })
        .unwrap_or_default();
    let _ = writeln!(
        out,
        "| {number} | {} | {change} | {} | {} | {} | {due} | {} | {} |",
        school(d),
        cell(&d.rationale),
        cell(&d.actions),
        cell(&d.owner),
        cell(&d.policy_reasons.join("\n")),
        time(&d.recorded_at, &m.meeting.date)
    );
}

fn heatmap(out: &mut String, config: &Config, h: &super::model::Heatmap) {
    let term = h
        .term
        .parse::<Term>()
        .map(|t| t.to_string())
        .unwrap_or_else(|_| cell(&h.term));
    let _ = writeln!(out, "## Appendix: heat map, {term}\n");
    let heads: Vec<String> = h
        .teams
        .iter()
        .map(|k| {
            config
                .teams
                .iter()
                .find(|t| &t.key == k)
                .map(|t| cell(t.short()))
                .unwrap_or_else(|| cell(k))
        })
        .collect();
    let _ = writeln!(out, "| School | URN | {} |", heads.join(" | "));
    let _ = writeln!(out, "| --- | ---: |{}", " ---: |".repeat(heads.len()));
    for r in &h.rows {
        let scores: Vec<String> = h
            .teams
            .iter()
            .map(|t| {
                r.scores
                    .get(t)
                    .map(|s| s.to_string())
                    .unwrap_or_else(|| "–".into())
            })
            .collect();
        let _ = writeln!(
            out,
            "| {} | {} | {} |",
            cell(&r.school),
            r.urn,
            scores.join(" | ")
        );
    }
    out.push('\n');
}

fn school(d: &DecisionRecord) -> String {
    format!("{} ({})", cell(&d.school), d.urn)
}

fn category(config: &Config, key: Option<&str>) -> String {
    match key {
        Some(k) => cell(config.category_label(k)),
        None => "No category".into(),
    }
}

/// `09:10` on the meeting's own day, otherwise `24 Nov 2026 09:10`.
fn time(stamp: &str, meeting_date: &str) -> String {
    match DateTime::parse_from_rfc3339(stamp) {
        Ok(t) if t.format("%Y-%m-%d").to_string() == meeting_date => t.format("%H:%M").to_string(),
        Ok(t) => t.format("%-d %b %Y %H:%M").to_string(),
        Err(_) => cell(stamp),
    }
}

fn signed(v: f64, decimals: usize) -> String {
    if v > 0.0 {
        format!("+{v:.decimals$}")
    } else if v < 0.0 {
        format!("−{:.decimals$}", -v)
    } else {
        format!("{:.decimals$}", 0.0)
    }
}

fn plural<'a>(n: usize, one: &'a str, many: &'a str) -> &'a str {
    if n == 1 {
        one
    } else {
        many
    }
}
