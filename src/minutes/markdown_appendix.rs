//! The appendices of the Markdown minutes (each decision in full with the policy's reasons,
//! and the heat map), and the small formatting helpers both parts share.

use super::escape::{block, cell, mid};
use super::markdown::change;
use super::model::{DecisionRecord, Heatmap, Minutes};
use crate::config::Config;
use crate::term::Term;
use chrono::{DateTime, NaiveDate};
use std::fmt::Write;

pub(super) fn appendix(out: &mut String, config: &Config, m: &Minutes) {
    if !m.decisions.is_empty() {
        out.push_str("## Appendix: the decisions in full\n\n");
        for d in &m.decisions {
            decision_in_full(out, config, m, d);
        }
    }
    if let Some(h) = &m.heatmap {
        heatmap(out, config, h);
    }
}

fn decision_in_full(out: &mut String, config: &Config, m: &Minutes, d: &DecisionRecord) {
    let kind = crate::model::DecisionKind::parse(&d.kind)
        .map(|k| k.label())
        .unwrap_or("Decision");
    let _ = writeln!(out, "### #{} {}: {kind}\n", d.id, school(d));
    let item = |out: &mut String, name: &str, text: &str| {
        if !text.trim().is_empty() {
            let _ = writeln!(out, "- {name}: {}", block(text, 2));
        }
    };
    item(out, "Category", &change(config, d));
    if let Some(target) = d.revokes {
        let _ = writeln!(out, "- Revokes: decision #{target}");
    }
    if let Some(by) = d.revoked_by {
        let reason = d.revoked_reason.as_deref().unwrap_or("");
        let _ = writeln!(out, "- Revoked by #{by}: {}", block(reason, 2));
    }
    let why = if d.kind == "revoke" {
        "Reason"
    } else {
        "Rationale"
    };
    item(out, why, &d.rationale);
    item(out, "Actions", &d.actions);
    item(out, "Owner", &d.owner);
    if let Some(due) = d.due.as_deref() {
        let word = if d.kind == "defer" {
            "Revisit by"
        } else {
            "Due"
        };
        let _ = writeln!(out, "- {word}: {}", day(Some(due)));
    }
    if !d.policy_reasons.is_empty() {
        out.push_str("- The policy's reasons:\n");
        for r in &d.policy_reasons {
            let _ = writeln!(out, "  - {}", block(r, 4));
        }
    }
    let _ = writeln!(
        out,
        "- Recorded: {} by {}\n",
        time(&d.recorded_at, &m.meeting.date),
        mid(&d.recorded_by)
    );
}

fn heatmap(out: &mut String, config: &Config, h: &Heatmap) {
    let term = h
        .term
        .parse::<Term>()
        .map(|t| t.to_string())
        .unwrap_or_else(|_| mid(&h.term));
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
    let _ = writeln!(out, "| School | URN | {} | Σ |", heads.join(" | "));
    let _ = writeln!(out, "| --- | ---: |{}", " ---: |".repeat(heads.len() + 1));
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
        let composite = r
            .composite
            .map_or_else(|| "–".to_string(), |c| format!("{c:.1}"));
        let _ = writeln!(
            out,
            "| {} | {} | {} | {composite} |",
            cell(&r.school),
            r.urn,
            scores.join(" | ")
        );
    }
    out.push('\n');
}

pub(super) fn school(d: &DecisionRecord) -> String {
    format!("{} ({})", cell(&d.school), d.urn)
}

pub(super) fn category(config: &Config, key: Option<&str>) -> String {
    match key {
        Some(k) => cell(config.category_label(k)),
        None => "No category".into(),
    }
}

/// `yyyy-mm-dd` as `29 Jan 2027`; "–" when there is none.
pub(super) fn day(date: Option<&str>) -> String {
    match date {
        None => "–".into(),
        Some(x) => NaiveDate::parse_from_str(x, "%Y-%m-%d")
            .map(|n| n.format("%-d %b %Y").to_string())
            .unwrap_or_else(|_| cell(x)),
    }
}

/// `yyyy-mm-dd` as `Monday 23 November 2026`.
pub(super) fn date_long(date: &str) -> String {
    NaiveDate::parse_from_str(date, "%Y-%m-%d")
        .map(|d| d.format("%A %-d %B %Y").to_string())
        .unwrap_or_else(|_| mid(date))
}

/// `09:10` on the meeting's own day, otherwise `24 Nov 2026 09:10`.
pub(super) fn time(stamp: &str, meeting_date: &str) -> String {
    match DateTime::parse_from_rfc3339(stamp) {
        Ok(t) if t.format("%Y-%m-%d").to_string() == meeting_date => t.format("%H:%M").to_string(),
        Ok(t) => t.format("%-d %b %Y %H:%M").to_string(),
        Err(_) => cell(stamp),
    }
}

pub(super) fn signed(v: f64, decimals: usize) -> String {
    if v > 0.0 {
        format!("+{v:.decimals$}")
    } else if v < 0.0 {
        format!("−{:.decimals$}", -v)
    } else {
        format!("{:.decimals$}", 0.0)
    }
}
