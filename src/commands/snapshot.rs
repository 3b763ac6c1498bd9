//! `termly snapshot`: print the heat map for a term, for papers sent before the meeting, or
//! write it as a workbook (`--format xlsx -o papers.xlsx`: heat map, agenda and capacity).

use super::Context;
use crate::confidential::comments_section;
use crate::policy;
use crate::printout::{self, Format, Options};
use crate::store::load_dataset;
use crate::store::school::term_comments;
use crate::term::Term;
use anyhow::Context as _;
use clap::{Args, ValueEnum};
use std::io::Write;
use std::process::ExitCode;

#[derive(Debug, Clone, Copy, ValueEnum, Default)]
pub enum FormatArg {
    /// Plain text, aligned for a terminal or an email.
    #[default]
    Text,
    /// A Markdown table, for papers.
    Md,
    /// A workbook: the heat map in the theme's colours, the agenda and capacity (needs -o).
    Xlsx,
}

#[derive(Debug, Args)]
pub struct SnapshotArgs {
    /// The term, e.g. "2026-27 autumn" (default: the latest term with scores).
    #[arg(long)]
    pub term: Option<String>,
    /// Plain text, a Markdown table, or a workbook (xlsx, with -o).
    #[arg(long, value_enum, default_value_t = FormatArg::Text)]
    pub format: FormatArg,
    /// Write to FILE instead of standard output, as the minutes are written: readable by you
    /// only, and a file changed since termly wrote it is kept (the next free name is used).
    #[arg(short, long, value_name = "FILE")]
    pub output: Option<std::path::PathBuf>,
    /// Print the agenda, numbered as the term's meeting numbers it (most urgent first
    /// before the meeting opens), with every reason; alone unless --with-heatmap.
    #[arg(long)]
    pub agenda: bool,
    /// With --agenda, print the heat map as well.
    #[arg(long)]
    pub with_heatmap: bool,
    /// Also print the LaMA hours, reviews and SIP visits the current categories imply.
    #[arg(long)]
    pub capacity: bool,
    /// Also print each school's team comments; confidential ones (`[confidential]` in the
    /// config, HR by default) are left out.
    #[arg(long)]
    pub comments: bool,
    /// Print confidential comments too (implies --comments). For papers that stay private.
    #[arg(long)]
    pub include_confidential: bool,
}

pub fn run(ctx: &mut Context, args: SnapshotArgs) -> anyhow::Result<ExitCode> {
    let teams = ctx.config.team_keys();
    let config = ctx.config.clone();
    let config = &config;
    let now = ctx.clock.now();
    let today = ctx.clock.today();
    let store = ctx.store_with_data()?;
    let path = store.path().to_path_buf();
    let data = load_dataset(store, &teams)?;
    let term_idx = match &args.term {
        Some(text) => {
            let term: Term = text.parse()?;
            data.term_index(term)
                .with_context(|| format!("no scores for {term} in {}", path.display()))?
        }
        None => data.terms.len().checked_sub(1).with_context(|| {
            format!("no scores in {}; run `termly import` first", path.display())
        })?,
    };
    let comments = match args.comments || args.include_confidential {
        true => Some(term_comments(store, data.terms[term_idx].term)?),
        false => None,
    };
    let term = data.terms[term_idx].term;
    let numbered = meeting_numbers(store, term)?;
    let mut assessment = policy::assess_term(config, &data, term_idx, today);
    if let Some((items, numbers)) = numbered {
        crate::meeting::add_hand_items(&data, &mut assessment, &items);
        crate::meeting::apply_numbers(&data, &mut assessment, &numbers);
    }
    if let FormatArg::Xlsx = args.format {
        let Some(path) = &args.output else {
            anyhow::bail!("--format xlsx writes a file: add -o FILE, e.g. -o papers.xlsx");
        };
        let bytes = crate::papers::heatmap::snapshot_workbook(config, &data, &assessment, today)?;
        return wrote(store, path, &bytes, now);
    }
    let opts = Options {
        format: match args.format {
            FormatArg::Md => Format::Markdown,
            _ => Format::Text,
        },
        agenda: args.agenda,
        capacity: args.capacity,
        agenda_only: args.agenda && !args.with_heatmap,
    };
    let mut text = printout::render(config, &data, &assessment, opts);
    if let Some(comments) = comments {
        text.push('\n');
        text.push_str(&comments_section(
            config,
            &data,
            &comments,
            args.include_confidential,
            matches!(opts.format, Format::Markdown),
        ));
    }
    if let Some(path) = &args.output {
        return wrote(store, path, text.as_bytes(), now);
    }
    let mut out = std::io::stdout().lock();
    // A closed pipe (`| head`) is not an error worth reporting.
    match out.write_all(text.as_bytes()).and_then(|_| out.flush()) {
        Err(e) if e.kind() != std::io::ErrorKind::BrokenPipe => Err(e.into()),
        _ => Ok(ExitCode::SUCCESS),
    }
}

/// The hand-added items and item numbers of the term's meeting (its open meeting, else its
/// latest), so the papers match the screen; None before any meeting.
fn meeting_numbers(
    store: &crate::store::Store,
    term: Term,
) -> anyhow::Result<Option<(Vec<crate::model::AgendaItem>, Vec<crate::model::Urn>)>> {
    let meetings = store.meetings()?;
    let of_term = meetings.iter().filter(|m| m.term == term);
    let chosen = of_term
        .clone()
        .rev()
        .find(|m| m.closed_at.is_none())
        .or_else(|| of_term.clone().next_back());
    Ok(match chosen {
        Some(m) => Some((store.agenda_items(m.id)?, store.agenda_numbers(m.id)?)),
        None => None,
    })
}

/// Write `bytes` to `path` as the minutes are written (owner-only; a file edited since
/// termly wrote it is kept and the next free name used) and say where.
fn wrote(
    store: &crate::store::Store,
    path: &std::path::Path,
    bytes: &[u8],
    now: chrono::DateTime<chrono::FixedOffset>,
) -> anyhow::Result<ExitCode> {
    let at = crate::store::decisions::timestamp(now);
    let written = crate::minutes::write_protected_bytes(store, path, bytes, &at)?;
    eprintln!("{}", written.describe());
    Ok(ExitCode::SUCCESS)
}
