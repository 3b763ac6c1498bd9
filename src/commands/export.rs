//! `termly export`: a meeting's minutes as Markdown or TOML, to stdout or a file, or its
//! decisions, actions and attendance as a workbook (`--format xlsx -o FILE`).

use super::Context;
use crate::meeting::minutes_of;
use crate::minutes::{self, markdown, toml_minutes};
use crate::store::Store;
use clap::{Args, ValueEnum};
use std::path::PathBuf;
use std::process::ExitCode;

#[derive(Debug, Clone, Copy, PartialEq, Eq, ValueEnum)]
pub enum MinutesFormat {
    /// The minutes as Markdown, to circulate.
    Md,
    /// The minutes as TOML, to keep and compare with `check-minutes`.
    Toml,
    /// A workbook: decisions, actions and attendance, one sheet each (needs -o).
    Xlsx,
}

#[derive(Debug, Args)]
pub struct ExportArgs {
    /// Meeting number, or `latest`.
    #[arg(long, default_value = "latest")]
    pub meeting: String,
    /// Markdown or TOML minutes, or a workbook (xlsx, with -o).
    #[arg(long, value_enum, default_value = "md")]
    pub format: MinutesFormat,
    /// Write to FILE instead of standard output.
    #[arg(short, long, value_name = "FILE")]
    pub output: Option<PathBuf>,
    /// Add the term's heat map (scores of every school) as an appendix.
    #[arg(long)]
    pub with_heatmap: bool,
}

/// `latest` or a meeting number, checked against the database.
pub fn meeting_id(store: &Store, given: &str) -> anyhow::Result<i64> {
    if given.trim().eq_ignore_ascii_case("latest") {
        return Ok(store
            .latest_meeting()?
            .ok_or_else(|| anyhow::anyhow!("no meeting has been held yet"))?
            .id);
    }
    let id: i64 = given
        .trim()
        .trim_start_matches('#')
        .parse()
        .map_err(|_| anyhow::anyhow!("`{given}` is not a meeting number or `latest`"))?;
    Ok(store.meeting(id)?.id)
}

pub fn run(ctx: &mut Context, args: ExportArgs) -> anyhow::Result<ExitCode> {
    let config = ctx.config.clone();
    let now = ctx.clock.now();
    let store = ctx.store()?;
    let id = meeting_id(store, &args.meeting)?;
    let m = minutes_of(&config, store, id, args.with_heatmap)?;
    let text = match args.format {
        MinutesFormat::Md => markdown::render(&config, &m),
        MinutesFormat::Toml => toml_minutes::to_toml(&m)?,
        MinutesFormat::Xlsx => {
            let Some(path) = &args.output else {
                anyhow::bail!("--format xlsx writes a file: add -o FILE, e.g. -o meeting.xlsx");
            };
            let actions = store.actions_of_meeting(id)?;
            let today = now.date_naive();
            let bytes = crate::papers::meeting::meeting_workbook(&config, &m, &actions, today)?;
            let at = crate::store::decisions::timestamp(now);
            let written = minutes::write_protected_bytes(store, path, &bytes, &at)?;
            eprintln!("meeting #{id}: {}", written.describe());
            return Ok(ExitCode::SUCCESS);
        }
    };
    match args.output {
        Some(path) => {
            let at = crate::store::decisions::timestamp(now);
            let written = minutes::write_protected(store, &path, &text, &at)?;
            eprintln!("minutes of meeting #{id}: {}", written.describe());
        }
        None => print!("{text}"),
    }
    Ok(ExitCode::SUCCESS)
}
