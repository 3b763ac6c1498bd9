//! `termly decide`: record a decision from the command line, by the same code path as the
//! meeting screen (open or resume the term's meeting, validate, one durable transaction).
//! `--revoke ID` records a revocation; `--close-meeting` closes the term's open meeting.

use super::meetings::parse_date;
use super::Context;
use crate::meeting::establish::{categories_to_establish, establish_categories};
use crate::meeting::MeetingService;
use crate::model::{ActionLine, DecisionKind, NewDecision};
use crate::policy::{self, empty_assessment};
use crate::store::decisions::DecisionError;
use crate::store::{load_dataset, Store};
use crate::term::Term;
use chrono::NaiveDate;
use clap::Args;
use std::process::ExitCode;

#[derive(Debug, Args)]
pub struct DecideArgs {
    /// The school's URN.
    #[arg(long, required_unless_present_any = ["revoke", "close_meeting", "establish_categories"])]
    pub urn: Option<u32>,
    /// What was decided.
    #[arg(long, value_parser = ["recategorise", "confirm", "defer", "note"], required_unless_present_any = ["revoke", "close_meeting", "establish_categories"])]
    pub kind: Option<String>,
    /// The new category key, for recategorise (e.g. enhanced).
    #[arg(long, value_name = "CATEGORY")]
    pub to: Option<String>,
    /// Why (required to recategorise, defer or revoke).
    #[arg(long, default_value = "")]
    pub rationale: String,
    /// One action with its own owner and due date, "WHAT | OWNER | DATE" (repeat for each),
    /// e.g. --action "Attendance visit | EWO lead | 31/01/2027".
    #[arg(long = "action", value_name = "WHAT | OWNER | DATE", value_parser = parse_action)]
    pub action_lines: Vec<ActionLine>,
    /// Actions agreed, one a line, all owned by --owner and due on --due.
    #[arg(long, default_value = "")]
    pub actions: String,
    /// Who owns the --actions; for a deferral, who follows it up.
    #[arg(long, default_value = "")]
    pub owner: String,
    /// When the --actions are due; for a deferral, the revisit-by date (31/01/2027,
    /// 2027-01-31, 31 Jan 2027…).
    #[arg(long, value_parser = parse_date)]
    pub due: Option<NaiveDate>,
    /// Who chairs (needed when a new meeting is opened).
    #[arg(long)]
    pub chair: Option<String>,
    /// Someone present, when a new meeting is opened (repeat for each).
    #[arg(long = "attendee", value_name = "NAME")]
    pub attendees: Vec<String>,
    /// The day the meeting is held, when a new meeting is opened (default: today). The
    /// decision belongs to the term (--term) whatever the day.
    #[arg(long, value_name = "DATE", value_parser = parse_date)]
    pub meeting_date: Option<NaiveDate>,
    /// Who records the decision (default: the chair).
    #[arg(long)]
    pub recorded_by: Option<String>,
    /// The term (default: the latest term with scores).
    #[arg(long)]
    pub term: Option<String>,
    /// Revoke decision ID instead (give the reason with --rationale).
    #[arg(long, value_name = "ID", conflicts_with_all = ["urn", "kind", "to", "close_meeting"])]
    pub revoke: Option<i64>,
    /// Close the term's open meeting instead of recording a decision.
    #[arg(long, conflicts_with_all = ["urn", "kind", "to"])]
    pub close_meeting: bool,
    /// Record the starting category of every school with none yet (the agenda's
    /// "Categories to establish"), one decision each with the policy's reasons.
    #[arg(long, conflicts_with_all = ["urn", "kind", "to", "revoke", "close_meeting"])]
    pub establish_categories: bool,
    /// Open a new meeting when the term's meeting has been closed (refused otherwise, so a
    /// stray command never starts a second meeting).
    #[arg(long)]
    pub open_meeting: bool,
}

/// `--action "WHAT | OWNER | DATE"`: all three parts (checked by the meeting's rules), the
/// date as `parse_day` reads it.
fn parse_action(s: &str) -> Result<ActionLine, String> {
    // From the right, so the action itself may hold a `|`.
    let parts: Vec<&str> = s.rsplitn(3, '|').map(str::trim).collect();
    let [due, owner, text] = parts[..] else {
        return Err(format!(
            "`{s}` is not an action; expected \"WHAT | OWNER | DATE\", e.g. \"Attendance visit | EWO lead | 31/01/2027\""
        ));
    };
    let due = parse_date(due)?;
    Ok(ActionLine {
        text: text.to_string(),
        owner: owner.to_string(),
        due: Some(due),
    })
}

/// The term given, or the latest with scores in the database.
pub fn term_or_latest(store: &Store, term: Option<&str>) -> anyhow::Result<Term> {
    if let Some(t) = term {
        return Ok(t.parse()?);
    }
    store
        .latest_scored_term()?
        .ok_or_else(|| anyhow::anyhow!("the database holds no scores yet; give --term"))
}

pub fn run(ctx: &mut Context, args: DecideArgs) -> anyhow::Result<ExitCode> {
    // Named in the one line that says so when the server refuses this role the write.
    let role = ctx.store()?.role_name()?;
    record(ctx, args).map_err(|e| name_the_role(e, role.as_deref()))
}

/// A write the server refused this role (a viewer's, a team lead's), said as an import
/// says it: who was refused, and why.
fn name_the_role(err: anyhow::Error, role: Option<&str>) -> anyhow::Error {
    match (err.downcast_ref::<DecisionError>(), role) {
        (Some(DecisionError::Refused(why)), Some(role)) => {
            anyhow::anyhow!("the database refused role {role} writing to the meeting: {why}")
        }
        _ => err,
    }
}

fn record(ctx: &mut Context, args: DecideArgs) -> anyhow::Result<ExitCode> {
    let config = ctx.config.clone();
    let clock = ctx.clock.clone();
    let store = ctx.store()?;
    let term = term_or_latest(store, args.term.as_deref())?;
    // The policy's view of the term, for the reasons stored with the decision.
    let data = load_dataset(store, &config.team_keys())?;
    let assessment = match data.term_index(term) {
        Some(i) => policy::assess_term(&config, &data, i, clock.today()),
        None => empty_assessment(term, &data),
    };
    let mut meetings = MeetingService::new(&config, store, clock.as_ref());
    if args.close_meeting {
        let id = store_open_meeting(&meetings, term)?;
        return close(&mut meetings, id, term);
    }
    if meetings.open_meeting(term)?.is_none() && !args.open_meeting {
        if let Some(closed) = meetings.closed_meeting(term)? {
            anyhow::bail!(
                "the {term} meeting (#{}) is closed and its decisions are final; to open a new meeting for {term}, add --open-meeting",
                closed.id
            );
        }
    }
    let held_on = args.meeting_date.unwrap_or_else(|| clock.today());
    let opened = meetings.open_or_resume(
        term,
        held_on,
        args.chair.as_deref().unwrap_or(""),
        &args.attendees,
    )?;
    let meeting = opened.meeting;
    if opened.resumed && args.meeting_date.is_some_and(|d| d != meeting.date) {
        eprintln!(
            "note: meeting #{} is held on {}; --meeting-date is for a new meeting (correct it with `termly meetings --meeting {} --date …`)",
            meeting.id,
            meeting.date.format("%-d %b %Y"),
            meeting.id
        );
    }
    if args.establish_categories {
        let establishing = categories_to_establish(&config, &data, &assessment);
        let by = args.recorded_by.or(args.chair).unwrap_or_default();
        let saved = establish_categories(
            &mut meetings,
            &meeting,
            &data,
            &assessment,
            &establishing,
            &by,
        )?;
        println!(
            "saved {} starting categor{} in meeting #{}, one decision each",
            saved.len(),
            if saved.len() == 1 { "y" } else { "ies" },
            meeting.id
        );
        return Ok(ExitCode::SUCCESS);
    }
    let decision = NewDecision {
        urn: args.urn.unwrap_or_default(),
        kind: match args.revoke {
            Some(_) => Some(DecisionKind::Revoke),
            None => args.kind.as_deref().and_then(DecisionKind::parse),
        },
        to_category: args.to,
        rationale: args.rationale,
        actions: args.actions,
        action_lines: args.action_lines,
        owner: args.owner,
        due: args.due,
        recorded_by: args.recorded_by.or(args.chair).unwrap_or_default(),
        revokes: args.revoke,
        ..NewDecision::default()
    };
    let saved = meetings.record(&meeting, decision, &data, &assessment)?;
    // Printed only now: recording returns after the commit.
    match saved.revokes {
        Some(r) => println!(
            "saved decision #{} (revokes #{r}) in meeting #{}",
            saved.id, meeting.id
        ),
        None => println!("saved decision #{} in meeting #{}", saved.id, meeting.id),
    }
    Ok(ExitCode::SUCCESS)
}

fn store_open_meeting(meetings: &MeetingService, term: Term) -> anyhow::Result<i64> {
    meetings
        .open_meeting(term)?
        .map(|m| m.id)
        .ok_or_else(|| anyhow::anyhow!("no meeting is open for {term}"))
}

/// Close the term's open meeting and write its minutes.
fn close(meetings: &mut MeetingService, id: i64, term: Term) -> anyhow::Result<ExitCode> {
    let closed = meetings.close(id)?;
    println!("closed meeting #{} ({term})", closed.meeting.id);
    let (md, toml) = closed.minutes.map_err(|e| {
        anyhow::anyhow!("the meeting is closed, but its minutes were not written: {e}")
    })?;
    println!("{}", crate::minutes::describe_pair(&md, &toml));
    Ok(ExitCode::SUCCESS)
}
