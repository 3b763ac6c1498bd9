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
    Text,
    Md,
    Csv,
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
    #[arg(long, value_enum, default_value = "text")]
    pub format: Format,
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
        print!("{}", list(store, &args, now.date_naive())?);
        return Ok(ExitCode::SUCCESS);
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

/// The filtered list, overdue first, in the format asked for.
pub fn list(store: &Store, args: &ActionsArgs, today: chrono::NaiveDate) -> anyhow::Result<String> {
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
    let format = match args.format {
        Format::Text => ActionFormat::Text,
        Format::Md => ActionFormat::Markdown,
        Format::Csv => ActionFormat::Csv,
    };
    Ok(report::render(&actions, today, format))
}
