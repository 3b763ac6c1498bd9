//! `termly history URN`: a school's category history (and how each spell came about),
//! its scores by term with comments, and every decision about it.

use crate::cli::GlobalArgs;
use crate::config::Config;
use crate::model::{sanitize_text, DecisionKind, Urn};
use crate::store::Store;
use crate::term::Term;
use clap::Args;
use rusqlite::OptionalExtension;
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

pub fn run(global: &GlobalArgs, args: HistoryArgs) -> anyhow::Result<ExitCode> {
    let config = crate::cli::load_config(global)?;
    let store = Store::open(&config.database_path())?;
    print!(
        "{}",
        render(&config, &store, args.urn, args.include_confidential)?
    );
    Ok(ExitCode::SUCCESS)
}

struct SchoolRow {
    name: String,
    phase: String,
    kind: String,
    maintained: bool,
    sip: Option<String>,
    lama: Option<String>,
}

/// Width of a score cell: the score and the start of its comment.
const CELL: usize = 22;

/// The whole report as text.
/// The school's history; confidential comments only with `include_confidential`.
pub fn render(
    config: &Config,
    store: &Store,
    urn: Urn,
    include_confidential: bool,
) -> anyhow::Result<String> {
    let conn = &store.conn;
    let school: Option<SchoolRow> = conn
        .query_row(
            "SELECT name, phase, establishment_type, maintained, sip, lama FROM schools WHERE urn = ?1",
            [urn],
            |r| {
                Ok(SchoolRow {
                    name: r.get(0)?,
                    phase: r.get(1)?,
                    kind: r.get(2)?,
                    maintained: r.get(3)?,
                    sip: r.get(4)?,
                    lama: r.get(5)?,
                })
            },
        )
        .optional()?;
    let Some(SchoolRow {
        name,
        phase,
        kind,
        maintained,
        sip,
        lama,
    }) = school
    else {
        anyhow::bail!("there is no school with URN {urn}");
    };
    let clean = |s: &str| sanitize_text(s, false);
    let mut out = String::new();
    writeln!(out, "{} (URN {urn})", clean(&name))?;
    let phase = crate::model::Phase::parse(&phase)
        .map(|p| p.label().to_string())
        .unwrap_or(phase);
    writeln!(
        out,
        "{phase} · {} · {}{}{}",
        clean(&kind),
        if maintained {
            "maintained"
        } else {
            "not maintained"
        },
        sip.map(|s| format!(" · SIP {}", clean(&s)))
            .unwrap_or_default(),
        lama.map(|s| format!(" · LaMA {}", clean(&s)))
            .unwrap_or_default(),
    )?;

    let meetings: BTreeMap<i64, String> = store
        .meetings()?
        .into_iter()
        .map(|m| (m.id, m.term.to_string()))
        .collect();
    let decisions = store.decisions_for_school(urn)?;
    let meeting_of = |decision: i64| {
        decisions
            .iter()
            .find(|d| d.id == decision)
            .map(|d| d.meeting_id)
    };

    writeln!(out, "\nCategory history")?;
    let mut stmt = conn.prepare(
        "SELECT category, since, decision_id FROM category_history WHERE urn = ?1 ORDER BY id",
    )?;
    let spells = stmt
        .query_map([urn], |r| {
            Ok((
                r.get::<_, String>(0)?,
                r.get::<_, String>(1)?,
                r.get::<_, Option<i64>>(2)?,
            ))
        })?
        .collect::<rusqlite::Result<Vec<_>>>()?;
    if spells.is_empty() {
        writeln!(out, "  no category recorded")?;
    }
    for (category, since, decision) in spells {
        let how = match decision {
            None => "imported".to_string(),
            Some(d) => match meeting_of(d) {
                Some(m) => format!(
                    "decision #{d} in meeting #{m} ({})",
                    meetings.get(&m).cloned().unwrap_or_default()
                ),
                None => format!("decision #{d}"),
            },
        };
        writeln!(
            out,
            "  {:<34} since {since}  {how}",
            clean(config.category_label(&category))
        )?;
    }

    scores(&mut out, config, store, urn, include_confidential)?;

    writeln!(out, "\nDecisions")?;
    if decisions.is_empty() {
        writeln!(out, "  none")?;
    }
    for d in &decisions {
        let label = |c: &Option<String>| {
            c.as_deref()
                .map(|k| config.category_label(k).to_string())
                .unwrap_or_else(|| "none".into())
        };
        let change = match d.kind {
            DecisionKind::Recategorise | DecisionKind::Revoke => {
                format!("{} → {}", label(&d.from_category), label(&d.to_category))
            }
            _ => label(&d.from_category),
        };
        let revoked = decisions.iter().find(|r| r.revokes == Some(d.id));
        writeln!(
            out,
            "  #{:<4} {}  meeting #{} ({})  {}{}  {change}{}",
            d.id,
            d.recorded_at.get(..10).unwrap_or(&d.recorded_at),
            d.meeting_id,
            meetings.get(&d.meeting_id).cloned().unwrap_or_default(),
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
    Ok(out)
}

fn scores(
    out: &mut String,
    config: &Config,
    store: &Store,
    urn: Urn,
    include_confidential: bool,
) -> anyhow::Result<()> {
    writeln!(out, "\nScores by term (score and comment)")?;
    let mut stmt = store
        .conn
        .prepare("SELECT term, team, score, comment FROM scores WHERE urn = ?1")?;
    let mut by_term: BTreeMap<Term, BTreeMap<String, (Option<u8>, String)>> = BTreeMap::new();
    let rows = stmt.query_map([urn], |r| {
        Ok((
            r.get::<_, String>(0)?,
            r.get::<_, String>(1)?,
            r.get::<_, Option<u8>>(2)?,
            r.get::<_, String>(3)?,
        ))
    })?;
    for row in rows {
        let (term, team, score, comment) = row?;
        if let Ok(term) = term.parse::<Term>() {
            by_term
                .entry(term)
                .or_default()
                .insert(team, (score, comment));
        }
    }
    if by_term.is_empty() {
        writeln!(out, "  none")?;
        return Ok(());
    }
    let mut head = format!("  {:<8}", "Term");
    for t in &config.teams {
        write!(head, " {:<CELL$}", truncate(t.short(), CELL))?;
    }
    writeln!(out, "{}", head.trim_end())?;
    for (term, teams) in &by_term {
        let mut line = format!("  {:<8}", term.short());
        for t in &config.teams {
            let text = match teams.get(&t.key) {
                Some((score, comment)) => {
                    let s = score.map(|s| s.to_string()).unwrap_or_else(|| "·".into());
                    // Too narrow here for the long placeholder: one word says it.
                    let hidden = !include_confidential && config.confidential.team(&t.key);
                    let c = sanitize_text(if hidden { "(confidential)" } else { comment }, false);
                    truncate(format!("{s} {c}").trim_end(), CELL)
                }
                None => "–".into(),
            };
            write!(line, " {:<CELL$}", text)?;
        }
        writeln!(out, "{}", line.trim_end())?;
    }
    Ok(())
}

/// At most `n` characters, with an ellipsis when cut.
fn truncate(s: &str, n: usize) -> String {
    if s.chars().count() <= n {
        s.to_string()
    } else {
        let mut t: String = s.chars().take(n.saturating_sub(1)).collect();
        t.push('…');
        t
    }
}
