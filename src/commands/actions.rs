//! `termly actions`: every action with its owner, due date and status, filtered; and
//! `--done ID` / `--drop ID` with a `--note` to close one.

use super::Context;
use crate::actions::report::{self, ActionFormat};
use crate::actions::{sort_for_review, ActionFilter, ActionStatus};
use crate::model::Urn;
use crate::store::actions::ActionChange;
use crate::store::Store;
use clap::{Args, ValueEnum};
use std::process::ExitCode;

#[derive(Debug, Clone, Copy, PartialEq, Eq, ValueEnum)]
pub enum Format {
    /// Plain text, overdue first.
    Text,
    /// A Markdown table.
    Md,
    /// Comma-separated values, one action a row.
    Csv,
    /// The action log as a workbook (needs -o).
    Xlsx,
}

#[derive(Debug, Args)]
pub struct ActionsArgs {
    /// Only open actions.
    #[arg(long)]
    pub open: bool,
    /// Only open actions past their due date.
    #[arg(long)]
    pub overdue: bool,
    /// Only actions whose owner contains NAME (any case).
    #[arg(long, value_name = "NAME")]
    pub owner: Option<String>,
    /// Only one school's actions.
    #[arg(long, value_name = "URN")]
    pub school: Option<Urn>,
    /// Plain text, a Markdown table, CSV, or a workbook (xlsx, with -o).
    #[arg(long, value_enum, default_value = "text")]
    pub format: Format,
    /// Write to FILE (as the minutes are: owner-only, never over a file edited since termly
    /// wrote it) instead of standard output.
    #[arg(short, long, value_name = "FILE")]
    pub output: Option<std::path::PathBuf>,
    /// Mark action ID done.
    #[arg(long, value_name = "ID", conflicts_with = "drop")]
    pub done: Option<i64>,
    /// Drop action ID (needs --note saying why).
    #[arg(long, value_name = "ID")]
    pub drop: Option<i64>,
    /// What was done, or why it was dropped.
    #[arg(long, default_value = "")]
    pub note: String,
    /// Who is recording the change (default: the login name).
    #[arg(long, value_name = "NAME")]
    pub by: Option<String>,
}

pub fn run(ctx: &mut Context, args: ActionsArgs) -> anyhow::Result<ExitCode> {
    let now = ctx.clock.now();
    let store = ctx.store()?;
    let change = match (args.done, args.drop) {
        (Some(id), _) => Some((id, ActionStatus::Done)),
        (_, Some(id)) => Some((id, ActionStatus::Dropped)),
        _ => None,
    };
    let Some((id, status)) = change else {
        return write_list(store, &args, now);
    };
    let by = args
        .by
        .clone()
        .or_else(|| std::env::var("USER").ok())
        .unwrap_or_else(|| "unknown".into());
    let change = ActionChange {
        action_id: id,
        status,
        carried: false,
        note: args.note.clone(),
        by,
        meeting_id: None,
        due: None,
    };
    let changed = store.change_action(&change, now)?;
    println!(
        "action #{} ({}): {}",
        changed.id,
        changed.school,
        report::status_words(&changed, now.date_naive())
    );
    Ok(ExitCode::SUCCESS)
}

/// The list to standard output, or to `-o FILE` (a workbook with `--format xlsx`).
fn write_list(
    store: &Store,
    args: &ActionsArgs,
    now: chrono::DateTime<chrono::FixedOffset>,
) -> anyhow::Result<ExitCode> {
    let today = now.date_naive();
    let bytes = match args.format {
        Format::Xlsx => {
            if args.output.is_none() {
                anyhow::bail!("--format xlsx writes a file: add -o FILE, e.g. -o actions.xlsx");
            }
            crate::papers::actions::action_log_workbook(&filtered(store, args, today)?, today)?
        }
        _ => list(store, args, today)?.into_bytes(),
    };
    match &args.output {
        Some(path) => {
            let at = crate::store::decisions::timestamp(now);
            let written = crate::minutes::write_protected_bytes(store, path, &bytes, &at)?;
            eprintln!("actions: {}", written.describe());
        }
        None => print!("{}", String::from_utf8_lossy(&bytes)),
    }
    Ok(ExitCode::SUCCESS)
}

/// The actions the filters keep, overdue first.
fn filtered(
    store: &Store,
    args: &ActionsArgs,
    today: chrono::NaiveDate,
) -> anyhow::Result<Vec<crate::actions::ActionItem>> {
    let filter = ActionFilter {
        open_only: args.open,
        overdue_only: args.overdue,
        owner: args.owner.clone(),
        school: args.school,
    };
    let mut actions: Vec<_> = store
        .actions()?
        .into_iter()
        .filter(|a| filter.keeps(a, today))
        .collect();
    sort_for_review(&mut actions, today);
    Ok(actions)
}

/// The filtered list, overdue first, as text, Markdown or CSV.
pub fn list(store: &Store, args: &ActionsArgs, today: chrono::NaiveDate) -> anyhow::Result<String> {
    let actions = filtered(store, args, today)?;
    let format = match args.format {
        Format::Md => ActionFormat::Markdown,
        Format::Csv => ActionFormat::Csv,
        _ => ActionFormat::Text,
    };
    Ok(report::render(&actions, today, format))
}
