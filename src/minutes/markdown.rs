//! Minutes as Markdown, ready to circulate: they read like council minutes, in the order a
//! clerk expects (marking, attendance, matters arising, decisions for ratification,
//! capacity, actions, deferrals, the agenda not reached, what was revoked, then appendices).
//! Every piece of text that came from a person or a file goes through [`escape`]; tables
//! keep one row per line and one cell per column.

use super::escape::{cell, inline, mid};
use super::markdown_appendix::{appendix, category, date_long, day, school, signed, time};
use super::markdown_departures::departures;
use super::model::{DecisionRecord, Minutes};
use crate::config::Config;
use crate::model::DecisionKind;
use crate::term::Term;
use std::fmt::Write;

/// Render the minutes. Same minutes in, same bytes out.
pub fn render(config: &Config, m: &Minutes) -> String {
    let mut out = String::new();
    head(&mut out, m);
    matters_arising(&mut out, m);
    ratification(&mut out, config, m);
    departures(&mut out, m);
    capacity(&mut out, config, m);
    actions(&mut out, m);
    deferred(&mut out, m);
    not_reached(&mut out, m);
    revoked(&mut out, config, m);
    appendix(&mut out, config, m);
    while out.ends_with("\n\n") {
        out.pop();
    }
    // Each part escapes what it writes; this last pass holds whatever any part missed: no
    // control character or bidirectional override leaves in the minutes.
    crate::model::sanitize_text(&out, true)
}

/// The decisions that stand: not revocations, not revoked.
pub(super) fn standing(m: &Minutes) -> impl Iterator<Item = &DecisionRecord> {
    m.decisions
        .iter()
        .filter(|d| d.kind != "revoke" && d.revoked_by.is_none())
}

fn head(out: &mut String, m: &Minutes) {
    let c = &m.circulation;
    let mut marks: Vec<String> = Vec::new();
    if !c.marking.trim().is_empty() {
        marks.push(format!("**{}**", mid(&c.marking)));
    }
    if m.meeting.closed_at.is_none() {
        marks.push("**DRAFT**: the meeting is not closed".into());
    }
    if !marks.is_empty() {
        let _ = writeln!(out, "{}\n", marks.join(" · "));
    }
    let term = m
        .meeting
        .term
        .parse::<Term>()
        .map(|t| t.to_string())
        .unwrap_or_else(|_| mid(&m.meeting.term));
    let authority = if c.authority.trim().is_empty() {
        String::new()
    } else {
        format!("{}: ", mid(&c.authority))
    };
    let _ = writeln!(
        out,
        "# {authority}minutes of the school risk-assessment meeting, {term}\n"
    );
    let meeting = &m.meeting;
    let _ = writeln!(
        out,
        "- Meeting: #{}, {}",
        meeting.id,
        date_long(&meeting.date)
    );
    if !c.venue.trim().is_empty() {
        let _ = writeln!(out, "- Venue: {}", mid(&c.venue));
    }
    let _ = writeln!(out, "- Chair: {}", mid(&meeting.chair));
    people(out, "Present", &meeting.attendees, "none recorded");
    people(out, "Apologies", &meeting.apologies, "none");
    let _ = writeln!(out, "- Opened: {}", time(&meeting.opened_at, &meeting.date));
    let closed = meeting
        .closed_at
        .as_deref()
        .map(|t| time(t, &meeting.date))
        .unwrap_or_else(|| "not closed".into());
    let _ = writeln!(out, "- Closed: {closed}");
    let next = meeting
        .next_meeting
        .as_deref()
        .map(date_long)
        .unwrap_or_else(|| "to be arranged".into());
    let _ = writeln!(out, "- Next meeting: {next}");
    people(out, "Distribution", &c.distribution, "not set");
    out.push('\n');
}

/// `- Present:` and one name per nested item: a name may hold a comma (`C. Governor (Chair,
/// Schools Forum)` is one person), so names are never run together on a line.
fn people(out: &mut String, label: &str, names: &[String], none: &str) {
    if names.is_empty() {
        let _ = writeln!(out, "- {label}: {none}");
        return;
    }
    let _ = writeln!(out, "- {label}:");
    for name in names {
        let _ = writeln!(out, "  - {}", inline(name));
    }
}

fn matters_arising(out: &mut String, m: &Minutes) {
    out.push_str("## Matters arising\n\n");
    if m.matters_arising.is_empty() && m.returning.is_empty() {
        out.push_str("None.\n\n");
        return;
    }
    if !m.matters_arising.is_empty() {
        out.push_str("| Action | School | Action set | Owner | Due | Set at | Outcome |\n");
        out.push_str("| ---: | --- | --- | --- | --- | ---: | --- |\n");
        for a in &m.matters_arising {
            let outcome = if a.note.is_empty() {
                cell(&a.outcome)
            } else {
                format!("{}: {}", cell(&a.outcome), cell(&a.note))
            };
            let _ = writeln!(
                out,
                "| {} | {} ({}) | {} | {} | {} | #{} | {outcome} |",
                a.action,
                cell(&a.school),
                a.urn,
                cell(&a.text),
                cell(&a.owner),
                day(a.due.as_deref()),
                a.from_meeting,
            );
        }
        out.push('\n');
    }
    if !m.returning.is_empty() {
        out.push_str("Deferred by the previous meeting, on this agenda for decision:\n\n");
        out.push_str("| School | Deferred at | Revisit by | Reason |\n| --- | --- | --- | --- |\n");
        for d in &m.returning {
            let _ = writeln!(
                out,
                "| {} ({}) | meeting #{}, decision #{} | {} | {} |",
                cell(&d.school),
                d.urn,
                d.meeting,
                d.decision,
                day(d.revisit_by.as_deref()),
                cell(&d.reason)
            );
        }
        out.push('\n');
    }
}

/// One line per standing decision: school, before → after, the rationale in short.
fn ratification(out: &mut String, config: &Config, m: &Minutes) {
    out.push_str("## Decisions for ratification\n\n");
    let s = &m.summary;
    let total: usize = s.decisions_by_kind.iter().map(|k| k.count).sum();
    let kinds: Vec<String> = s
        .decisions_by_kind
        .iter()
        .map(|k| {
            let label = DecisionKind::parse(&k.kind)
                .map(|x| x.label().to_lowercase())
                .unwrap_or_else(|| k.kind.clone());
            format!("{} {label}", k.count)
        })
        .collect();
    let _ = writeln!(
        out,
        "{total} {} on {} {}{}{}.\n",
        plural(total, "decision", "decisions"),
        s.schools_discussed,
        plural(s.schools_discussed, "school", "schools"),
        if kinds.is_empty() {
            String::new()
        } else {
            format!(" ({})", kinds.join(", "))
        },
        if s.revoked > 0 {
            format!(
                "; {} revoked, listed under Revoked and not counted",
                s.revoked
            )
        } else {
            String::new()
        }
    );
    for d in standing(m) {
        let rationale = short(&d.rationale);
        let _ = writeln!(
            out,
            "- **#{}** {}: {}{}",
            d.id,
            school(d),
            change(config, d),
            if rationale.is_empty() {
                String::new()
            } else {
                format!(". {}", mid(&rationale))
            }
        );
    }
    out.push('\n');
}

/// "Core → Enhanced", "Focused (confirmed)", "deferred (Enhanced)", "noted (Core)".
pub(super) fn change(config: &Config, d: &DecisionRecord) -> String {
    let from = category(config, d.from_category.as_deref());
    match d.kind.as_str() {
        "recategorise" => format!("{from} → {}", category(config, d.to_category.as_deref())),
        "confirm" => format!("{} → {} (confirmed)", from, from),
        "defer" => format!("{from}, decision deferred"),
        "revoke" => format!("{from} → {}", category(config, d.to_category.as_deref())),
        _ => format!("{from}, noted"),
    }
}

/// The rationale's first sentence, at most about a line long.
fn short(text: &str) -> String {
    let first = text.lines().next().unwrap_or("").trim();
    let sentence = match first.find(". ") {
        Some(i) => &first[..=i],
        None => first,
    };
    if sentence.chars().count() <= 110 {
        sentence.to_string()
    } else {
        let cut: String = sentence.chars().take(109).collect();
        format!("{}…", cut.trim_end())
    }
}

fn capacity(out: &mut String, config: &Config, m: &Minutes) {
    let s = &m.summary;
    out.push_str(
        "## Capacity\n\n| Category | Before | After | Change |\n| --- | ---: | ---: | ---: |\n",
    );
    for c in &s.categories {
        let key = Some(c.category.as_str()).filter(|k| !k.is_empty());
        let _ = writeln!(
            out,
            "| {} | {} | {} | {} |",
            category(config, key),
            c.before,
            c.after,
            signed(c.after as f64 - c.before as f64, 0)
        );
    }
    let _ = write!(
        out,
        "\nLaMA hours a term: {:.1} before → {:.1} after ({}), against {:.1} available.",
        s.lama_hours_before,
        s.lama_hours_after,
        signed(s.lama_hours_after - s.lama_hours_before, 1),
        s.lama_hours_capacity,
    );
    let _ = writeln!(
        out,
        " One-day reviews a year: {} before → {} after{}.\n",
        s.reviews_year_before,
        s.reviews_year_after,
        s.reviews_year_capacity
            .map(|c| format!(", against {c} available"))
            .unwrap_or_default()
    );
    let over_hours = s.lama_hours_after - s.lama_hours_capacity;
    let over_reviews = s
        .reviews_year_capacity
        .map(|c| s.reviews_year_after as i64 - c as i64)
        .filter(|n| *n > 0);
    if over_hours > 0.0 || over_reviews.is_some() {
        let mut what = Vec::new();
        if over_hours > 0.0 {
            what.push(format!("LaMA hours by {over_hours:.1} a term"));
        }
        if let Some(n) = over_reviews {
            what.push(format!("one-day reviews by {n} a year"));
        }
        let _ = writeln!(out, "**Over-committed**: {}.\n", what.join(" and "));
    }
}

fn actions(out: &mut String, m: &Minutes) {
    out.push_str("## Actions\n\n");
    if m.actions.is_empty() {
        out.push_str("None.\n\n");
        return;
    }
    out.push_str("| # | School | Action | Owner | Due |\n| ---: | --- | --- | --- | --- |\n");
    for a in &m.actions {
        let _ = writeln!(
            out,
            "| {} | {} ({}) | {} | {} | {} |",
            a.id,
            cell(&a.school),
            a.urn,
            cell(&a.text),
            cell(&a.owner),
            day(a.due.as_deref())
        );
    }
    out.push('\n');
}

fn deferred(out: &mut String, m: &Minutes) {
    if m.deferred.is_empty() {
        return;
    }
    out.push_str("## Deferred\n\n| School | Revisit by | Reason |\n| --- | --- | --- |\n");
    for d in &m.deferred {
        let _ = writeln!(
            out,
            "| {} ({}) | {} | {} |",
            cell(&d.school),
            d.urn,
            day(d.revisit_by.as_deref()),
            cell(&d.reason)
        );
    }
    out.push('\n');
}

fn not_reached(out: &mut String, m: &Minutes) {
    if m.not_reached.is_empty() {
        return;
    }
    out.push_str("## On the agenda, not reached\n\n| School | URN | Why on the agenda | The policy's reasons |\n| --- | ---: | --- | --- |\n");
    for a in &m.not_reached {
        let _ = writeln!(
            out,
            "| {} | {} | {} | {} |",
            cell(&a.school),
            a.urn,
            cell(&a.reason),
            cell(&a.policy_reasons.join("\n"))
        );
    }
    out.push('\n');
}

fn revoked(out: &mut String, config: &Config, m: &Minutes) {
    let gone: Vec<&DecisionRecord> = m
        .decisions
        .iter()
        .filter(|d| d.kind != "revoke" && d.revoked_by.is_some())
        .collect();
    if gone.is_empty() {
        return;
    }
    out.push_str("## Revoked\n\nNot counted above.\n\n| # | School | Decision | Revoked by | Reason |\n| ---: | --- | --- | --- | --- |\n");
    for d in gone {
        let _ = writeln!(
            out,
            "| {} | {} | {} | #{} | {} |",
            d.id,
            school(d),
            change(config, d),
            d.revoked_by.unwrap_or_default(),
            cell(d.revoked_reason.as_deref().unwrap_or(""))
        );
    }
    out.push('\n');
}

pub(super) fn plural<'a>(n: usize, one: &'a str, many: &'a str) -> &'a str {
    if n == 1 {
        one
    } else {
        many
    }
}
