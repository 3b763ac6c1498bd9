//! The sections a council needs to defend its decisions: each departure from the policy
//! with its reason, each over-commitment of capacity, and which decisions superseded an
//! earlier one of the meeting.

use super::escape::cell;
use super::markdown_appendix::school;
use super::model::{DecisionRecord, Minutes};
use std::fmt::Write;

pub(super) fn departures(out: &mut String, m: &Minutes) {
    let departing: Vec<&DecisionRecord> = m
        .decisions
        .iter()
        .filter(|d| !d.departure.is_empty())
        .collect();
    if !departing.is_empty() {
        out.push_str("## Departures from the policy\n\n| # | School | Departure | Reason | Standing |\n| ---: | --- | --- | --- | --- |\n");
        for d in departing {
            let standing = match d.revoked_by {
                Some(by) => format!("revoked by #{by}"),
                None => "stands".into(),
            };
            let _ = writeln!(
                out,
                "| {} | {} | {} | {} | {standing} |",
                d.id,
                school(d),
                cell(&d.departure),
                cell(&d.rationale)
            );
        }
        out.push('\n');
    }
    let over: Vec<&DecisionRecord> = m
        .decisions
        .iter()
        .filter(|d| !d.over_capacity.is_empty())
        .collect();
    if !over.is_empty() {
        out.push_str("## Over-commitments of capacity\n\n");
        for d in over {
            let revoked = d
                .revoked_by
                .map(|by| format!(" — revoked by #{by}"))
                .unwrap_or_default();
            let _ = writeln!(
                out,
                "- #{} ({}): {}{revoked}",
                d.id,
                school(d),
                cell(&d.over_capacity)
            );
        }
        out.push('\n');
    }
    let superseding: Vec<&DecisionRecord> = m
        .decisions
        .iter()
        .filter(|d| d.supersedes.is_some())
        .collect();
    if !superseding.is_empty() {
        out.push_str("## Decisions superseded in the meeting\n\n");
        for d in superseding {
            let _ = writeln!(
                out,
                "- #{} ({}) supersedes #{}",
                d.id,
                school(d),
                d.supersedes.unwrap_or_default()
            );
        }
        out.push('\n');
    }
}
