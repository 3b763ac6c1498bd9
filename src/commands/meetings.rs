//! `termly meetings`: every meeting with its decisions, apologies and next date. With
//! `--meeting ID` (or the latest): `--apology NAME` and `--next-meeting DATE` set what the
//! circulated minutes need; `--date`, `--chair`, `--attendee` and `--remove-attendee` correct
//! the day it was held and who was there (each change recorded with its time). `--abandon ID` keeps an empty meeting opened
//! by mistake, marked abandoned and no longer "latest".

use super::export::meeting_id;
use super::Context;
use crate::store::Store;
use chrono::NaiveDate;
use clap::Args;
use std::process::ExitCode;

#[derive(Debug, Args)]
#[command(group = clap::ArgGroup::new("change").multiple(true))]
pub struct MeetingsArgs {
    /// The meeting to change: its number or `latest` (the default for a change).
    #[arg(long, requires = "change")]
    pub meeting: Option<String>,
    /// Someone who sent apologies (repeat for each); replaces the meeting's list.
    #[arg(long = "apology", value_name = "NAME", group = "change")]
    pub apologies: Vec<String>,
    /// The date of the next meeting (31/01/2027, 2027-01-31, 31 Jan 2027…).
    #[arg(long, value_name = "DATE", value_parser = parse_date, group = "change")]
    pub next_meeting: Option<NaiveDate>,
    /// Correct the day it was held (31/01/2027, 2027-01-31, 31 Jan 2027…). Its decisions
    /// stay in its term.
    #[arg(long, value_name = "DATE", value_parser = parse_date, group = "change")]
    pub date: Option<NaiveDate>,
    /// Correct who chairs it.
    #[arg(long, group = "change")]
    pub chair: Option<String>,
    /// Add someone who attends, a late arrival say (repeat for each).
    #[arg(long = "attendee", value_name = "NAME", group = "change")]
    pub attendees: Vec<String>,
    /// Take someone off the attendees (repeat for each).
    #[arg(long = "remove-attendee", value_name = "NAME", group = "change")]
    pub remove_attendees: Vec<String>,
    /// Abandon meeting ID: it must have no decisions; it is kept, marked abandoned.
    #[arg(long, value_name = "ID", conflicts_with = "change")]
    pub abandon: Option<i64>,
    /// Also list each meeting's recorded corrections.
    #[arg(long)]
    pub changes: bool,
}

pub(crate) fn parse_date(s: &str) -> Result<NaiveDate, String> {
    crate::term::parse_day(s).ok_or_else(|| {
        format!(
            "`{s}` is not a date; expected one such as {}",
            crate::term::DAY_FORMATS
        )
    })
}

pub fn run(ctx: &mut Context, args: MeetingsArgs) -> anyhow::Result<ExitCode> {
    let now = ctx.clock.now();
    let store = ctx.store()?;
    if let Some(id) = args.abandon {
        store.abandon_meeting(id, now)?;
        println!("meeting #{id} abandoned (kept, marked abandoned; no longer latest)");
        return Ok(ExitCode::SUCCESS);
    }
    let details = !args.apologies.is_empty() || args.next_meeting.is_some();
    let people = args.chair.is_some()
        || args.date.is_some()
        || !args.attendees.is_empty()
        || !args.remove_attendees.is_empty();
    if details || people {
        let id = meeting_id(store, args.meeting.as_deref().unwrap_or("latest"))?;
        if details {
            let apologies = (!args.apologies.is_empty()).then_some(args.apologies.as_slice());
            store.set_meeting_details(id, apologies, args.next_meeting, now)?;
        }
        if let Some(date) = args.date {
            store.set_meeting_date(id, date, now)?;
        }
        if let Some(chair) = &args.chair {
            store.set_chair(id, chair, now)?;
        }
        for a in &args.attendees {
            store.add_attendee(id, a, now)?;
        }
        for a in &args.remove_attendees {
            store.remove_attendee(id, a, now)?;
        }
    }
    print!("{}", list(store, args.changes)?);
    Ok(ExitCode::SUCCESS)
}

/// One line a meeting (and, when asked, its recorded corrections).
fn list(store: &Store, changes: bool) -> anyhow::Result<String> {
    let mut out = String::new();
    for s in store.meeting_summaries()? {
        let m = &s.meeting;
        let details = store.meeting_details(m.id)?;
        let closed = match (&s.abandoned_at, &m.closed_at) {
            (Some(at), _) => format!("abandoned {}", at.get(..10).unwrap_or(at)),
            (None, Some(at)) => format!("closed {}", at.get(..10).unwrap_or(at)),
            (None, None) => "open".into(),
        };
        let names = |v: &[String]| {
            if v.is_empty() {
                "none".to_string()
            } else {
                // Semicolons part the names: a name may hold a comma.
                crate::model::sanitize_text(&v.join("; "), false)
            }
        };
        let next = details
            .next_meeting
            .map(|d| d.format("%-d %b %Y").to_string())
            .unwrap_or_else(|| "to be arranged".into());
        out.push_str(&format!(
            "#{:<3} {}  {}  chair {}  opened {}  {closed}  {} decision(s)  attendees: {}  apologies: {}  next meeting: {next}\n",
            m.id,
            m.term,
            m.date.format("%-d %b %Y"),
            crate::model::sanitize_text(&m.chair, false),
            m.opened_at.get(..16).unwrap_or(&m.opened_at).replace('T', " "),
            s.decisions,
            names(&m.attendees),
            names(&details.apologies),
        ));
        if changes {
            for c in store.meeting_changes(m.id)? {
                out.push_str(&format!(
                    "      {} {}: {} → {}\n",
                    c.changed_at
                        .get(..16)
                        .unwrap_or(&c.changed_at)
                        .replace('T', " "),
                    c.what,
                    crate::model::sanitize_text(&c.old_value, false),
                    crate::model::sanitize_text(&c.new_value, false)
                ));
            }
        }
    }
    if out.is_empty() {
        out.push_str("no meetings yet\n");
    }
    Ok(out)
}
