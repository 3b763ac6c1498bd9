//! `termly meetings`: every meeting with its apologies and next date; `--meeting ID` with
//! `--apology NAME` (repeat) and `--next-meeting DATE` sets what the circulated minutes
//! need beyond the chair and attendees.

use super::export::meeting_id;
use super::Context;
use chrono::NaiveDate;
use clap::Args;
use std::process::ExitCode;

#[derive(Debug, Args)]
#[command(group = clap::ArgGroup::new("change").multiple(true))]
pub struct MeetingsArgs {
    /// The meeting to change: its number or `latest`. Without it, list every meeting.
    #[arg(long, requires = "change")]
    pub meeting: Option<String>,
    /// Someone who sent apologies (repeat for each); replaces the meeting's list.
    #[arg(long = "apology", value_name = "NAME", group = "change")]
    pub apologies: Vec<String>,
    /// The date of the next meeting (yyyy-mm-dd).
    #[arg(long, value_name = "DATE", value_parser = parse_date, group = "change")]
    pub next_meeting: Option<NaiveDate>,
}

fn parse_date(s: &str) -> Result<NaiveDate, String> {
    NaiveDate::parse_from_str(s.trim(), "%Y-%m-%d")
        .map_err(|_| format!("`{s}` is not a date; expected yyyy-mm-dd"))
}

pub fn run(ctx: &mut Context, args: MeetingsArgs) -> anyhow::Result<ExitCode> {
    let now = ctx.clock.now();
    let store = ctx.store()?;
    if let Some(given) = &args.meeting {
        let id = meeting_id(store, given)?;
        let apologies = (!args.apologies.is_empty()).then_some(args.apologies.as_slice());
        store.set_meeting_details(id, apologies, args.next_meeting, now)?;
    }
    for m in store.meetings()? {
        let details = store.meeting_details(m.id)?;
        let closed = match &m.closed_at {
            Some(at) => format!("closed {}", at.get(..10).unwrap_or(at)),
            None => "open".into(),
        };
        let apologies = if details.apologies.is_empty() {
            "none".into()
        } else {
            details.apologies.join(", ")
        };
        let next = details
            .next_meeting
            .map(|d| d.format("%-d %b %Y").to_string())
            .unwrap_or_else(|| "to be arranged".into());
        println!(
            "#{:<3} {}  {}  chair {}  {closed}  apologies: {apologies}  next meeting: {next}",
            m.id,
            m.term,
            m.date.format("%-d %b %Y"),
            crate::model::sanitize_text(&m.chair, false),
        );
    }
    Ok(ExitCode::SUCCESS)
}
