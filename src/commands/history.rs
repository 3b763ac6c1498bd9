//! `termly history URN`: a school's category history (and how each spell came about),
//! its scores by term with comments, and every decision about it.

use super::Context;
use crate::actions::ActionItem;
use crate::config::Config;
use crate::dataset::Dataset;
use crate::model::{
    sanitize_text, CategorySpell, Decision, DecisionKind, Meeting, RecordPosition, Urn,
};
use crate::policy::{compiled_policy, score_history};
use crate::printout::truncate;
use crate::store::reports::{SchoolRecord, ScoreRecord};
use crate::store::{load_dataset, Store};
use crate::term::Term;
use chrono::NaiveDate;
use clap::Args;
use std::collections::BTreeMap;
use std::fmt::Write;
use std::process::ExitCode;

#[derive(Debug, Args)]
pub struct HistoryArgs {
    /// The school's URN.
    pub urn: Urn,
    /// Print confidential comments too (`[confidential]` in the config, HR by default).
    #[arg(long)]
    pub include_confidential: bool,
}

pub fn run(ctx: &mut Context, args: HistoryArgs) -> anyhow::Result<ExitCode> {
    let config = ctx.config.clone();
    let today = ctx.clock.today();
    print!(
        "{}",
        render(
            &config,
            ctx.store()?,
            args.urn,
            args.include_confidential,
            today
        )?
    );
    Ok(ExitCode::SUCCESS)
}

/// Width of a score cell: the score and the start of its comment.
const CELL: usize = 22;

/// The whole report as text: the school, its category history, its scores by term and
/// every decision about it; confidential comments only with `include_confidential`.
pub fn render(
    config: &Config,
    store: &Store,
    urn: Urn,
    include_confidential: bool,
    today: NaiveDate,
) -> anyhow::Result<String> {
    let Some(school) = store.school_record(urn)? else {
        anyhow::bail!("there is no school with URN {urn}");
    };
    let meetings: BTreeMap<i64, Meeting> =
        store.meetings()?.into_iter().map(|m| (m.id, m)).collect();
    let mut decisions = store.decisions_for_school(urn)?;
    // The record's order: term, then meeting (by its date), then decision; not the clock.
    decisions.sort_by_key(|d| match meetings.get(&d.meeting_id) {
        Some(m) => RecordPosition::decision(m.term, m.date, m.id, d.id),
        None => RecordPosition::end_of(Term::from_ordinal(i32::MAX / 4)),
    });
    let data = load_dataset(store, &config.team_keys())?;
    let mut out = String::new();
    header(&mut out, urn, &school)?;
    let school_spells = data
        .school_index(urn)
        .and_then(|i| data.categories.get(i))
        .map_or(&[][..], |v| &v[..]);
    spells(&mut out, config, school_spells)?;
    let comments = store.school_scores(urn)?;
    scores(&mut out, config, &data, urn, comments, include_confidential)?;
    let actions: Vec<ActionItem> = store.actions_for_school(urn)?;
    // A recategorisation's "from" as the record now reads it (see `meeting::category_before`).
    let from = |d: &Decision| match meetings.get(&d.meeting_id) {
        Some(m) => crate::meeting::category_before(&data, m, d),
        None => d.from_category.clone(),
    };
    decision_list(&mut out, config, &decisions, &meetings, &from)?;
    follow_ups(&mut out, &decisions, &actions, today)?;
    Ok(out)
}

fn clean(s: &str) -> String {
    sanitize_text(s, false)
}

fn header(out: &mut String, urn: Urn, school: &SchoolRecord) -> std::fmt::Result {
    writeln!(out, "{} (URN {urn})", clean(&school.name))?;
    let phase = crate::model::Phase::parse(&school.phase)
        .map(|p| p.label().to_string())
        .unwrap_or_else(|| school.phase.clone());
    writeln!(
        out,
        "{phase} · {} · {}{}{}",
        clean(&school.establishment_type),
        if school.maintained {
            "maintained"
        } else {
            "not maintained"
        },
        school
            .sip
            .as_ref()
            .map(|s| format!(" · SIP {}", clean(s)))
            .unwrap_or_default(),
        school
            .lama
            .as_ref()
            .map(|s| format!(" · LaMA {}", clean(s)))
            .unwrap_or_default(),
    )
}

/// Each category spell in record order: the term it applies from, and how it came about
/// (imported with its date, or which meeting's decision on which day). Revoked decisions
/// never took effect and are not listed here (the decisions below show them).
fn spells(out: &mut String, config: &Config, spells: &[CategorySpell]) -> std::fmt::Result {
    writeln!(out, "\nCategory history")?;
    if spells.is_empty() {
        writeln!(out, "  no category recorded")?;
    }
    for spell in spells {
        let how = match (spell.decision_id, spell.meeting_id) {
            (Some(d), Some(m)) => {
                format!("decision #{d} at meeting #{m}, held {}", day(spell.since))
            }
            _ => format!("imported, since {}", day(spell.since)),
        };
        writeln!(
            out,
            "  {:<34} from {:<14}  {how}",
            clean(config.category_label(&spell.category)),
            spell.term.to_string()
        )?;
    }
    Ok(())
}

fn day(d: NaiveDate) -> String {
    d.format("%-d %b %Y").to_string()
}

/// A table of terms by teams and the composite: each cell the score and the start of its
/// comment. The scores are the ones the grid, the detail pane and the papers show
/// (`policy::score_history`): one a banding rule derived from an indicator is marked ᵇ.
fn scores(
    out: &mut String,
    config: &Config,
    data: &Dataset,
    urn: Urn,
    comments: Vec<ScoreRecord>,
    include_confidential: bool,
) -> std::fmt::Result {
    writeln!(
        out,
        "\nScores by term (score and comment; ᵇ from an indicator by a banding rule)"
    )?;
    let mut comment_of: BTreeMap<(Term, String), String> = BTreeMap::new();
    for row in comments {
        comment_of.insert((row.term, row.team), row.comment);
    }
    let history = match data.school_index(urn) {
        Some(school) => score_history(config, &compiled_policy(config), data, school),
        None => Vec::new(),
    };
    let terms: Vec<_> = data
        .terms
        .iter()
        .zip(&history)
        .filter(|(t, h)| !h.is_empty() || comment_of.keys().any(|(term, _)| *term == t.term))
        .collect();
    if terms.is_empty() {
        return writeln!(out, "  none");
    }
    let mut head = format!("  {:<8}", "Term");
    for t in &config.teams {
        write!(head, " {:<CELL$}", truncate(t.short(), CELL))?;
    }
    writeln!(out, "{head} Σ")?;
    for (term, h) in terms {
        let mut line = format!("  {:<8}", term.term.short());
        for (i, t) in config.teams.iter().enumerate() {
            let score = match h.scores.get(i).and_then(Option::as_ref) {
                Some(s) if s.derived_from.is_some() => format!("{}ᵇ", s.value),
                Some(s) => s.value.to_string(),
                None => "·".into(),
            };
            let text = match comment_of.get(&(term.term, t.key.clone())) {
                Some(comment) => {
                    // Too narrow here for the long placeholder: one word says it.
                    let hidden = !include_confidential && config.confidential.team(&t.key);
                    let c = clean(if hidden { "(confidential)" } else { comment });
                    truncate(format!("{score} {c}").trim_end(), CELL)
                }
                None if score == "·" => "–".into(),
                None => score,
            };
            write!(line, " {:<CELL$}", text)?;
        }
        let composite = h
            .composite
            .as_ref()
            .map_or_else(|| "–".to_string(), |c| format!("{:.1}", c.value));
        writeln!(out, "{line} {composite}")?;
    }
    Ok(())
}

/// What the decisions left to be done: owner, due or revisit-by date, and each action's
/// status now.
fn follow_ups(
    out: &mut String,
    decisions: &[Decision],
    actions: &[ActionItem],
    today: NaiveDate,
) -> std::fmt::Result {
    let lines: Vec<String> = decisions
        .iter()
        .flat_map(|d| {
            let head = follow_up(d).map(|f| format!("  #{:<4} {f}", d.id));
            let each = actions
                .iter()
                .filter(move |a| a.decision_id == d.id)
                .map(|a| {
                    format!(
                        "  #{:<4} action #{}: {} · {}",
                        d.id,
                        a.id,
                        truncate(&clean(&a.text), 60),
                        clean(&crate::actions::report::status_words(a, today))
                    )
                });
            head.into_iter().chain(each)
        })
        .collect();
    if lines.is_empty() {
        return Ok(());
    }
    writeln!(out, "\nOwners, due dates and actions")?;
    for line in lines {
        writeln!(out, "{line}")?;
    }
    Ok(())
}

/// "owner X · due D", or for a deferral "revisit by D".
fn follow_up(d: &Decision) -> Option<String> {
    let mut parts = Vec::new();
    if !d.owner.trim().is_empty() {
        parts.push(format!("owner {}", clean(d.owner.trim())));
    }
    if let Some(due) = d.due {
        let word = if d.kind == DecisionKind::Defer {
            "revisit by"
        } else {
            "due"
        };
        parts.push(format!("{word} {}", due.format("%-d %b %Y")));
    }
    (!parts.is_empty()).then(|| parts.join(" · "))
}

/// Every decision about the school, with what revoked it.
fn decision_list(
    out: &mut String,
    config: &Config,
    decisions: &[Decision],
    meetings: &BTreeMap<i64, Meeting>,
    from: &dyn Fn(&Decision) -> Option<String>,
) -> std::fmt::Result {
    writeln!(out, "\nDecisions (in term order)")?;
    if decisions.is_empty() {
        writeln!(out, "  none")?;
    }
    let label = |c: &Option<String>| {
        c.as_deref()
            .map(|k| config.category_label(k).to_string())
            .unwrap_or_else(|| "none".into())
    };
    for d in decisions {
        let change = match d.kind {
            DecisionKind::Recategorise | DecisionKind::Revoke => {
                format!("{} → {}", label(&from(d)), label(&d.to_category))
            }
            _ => label(&d.from_category),
        };
        let revoked = decisions.iter().find(|r| r.revokes == Some(d.id));
        let (term, held) = meetings
            .get(&d.meeting_id)
            .map(|m| (m.term.to_string(), day(m.date)))
            .unwrap_or_default();
        writeln!(
            out,
            "  #{:<4} {term}  meeting #{} held {held}  {}{}  {change}{}",
            d.id,
            d.meeting_id,
            d.kind.label(),
            d.revokes.map(|r| format!(" #{r}")).unwrap_or_default(),
            revoked
                .map(|r| format!("  [revoked by #{}]", r.id))
                .unwrap_or_default(),
        )?;
        if !d.rationale.is_empty() {
            writeln!(out, "         {}", truncate(&clean(&d.rationale), 100))?;
        }
        if !d.actions.is_empty() {
            writeln!(
                out,
                "         actions: {}",
                truncate(&clean(&d.actions), 91)
            )?;
        }
    }
    Ok(())
}
