//! `termly decide`: record a decision from the command line, by the same code path as the
//! meeting screen (open or resume the term's meeting, validate, one durable transaction).
//! `--revoke ID` records a revocation; `--close-meeting` closes the term's open meeting.

use crate::cli::GlobalArgs;
use crate::model::DecisionKind;
use crate::store::decisions::NewDecision;
use crate::store::Store;
use crate::term::Term;
use chrono::NaiveDate;
use clap::Args;
use std::process::ExitCode;

#[derive(Debug, Args)]
pub struct DecideArgs {
    /// The school's URN.
    #[arg(long, required_unless_present_any = ["revoke", "close_meeting"])]
    pub urn: Option<u32>,
    /// What was decided.
    #[arg(long, value_parser = ["recategorise", "confirm", "defer", "note"], required_unless_present_any = ["revoke", "close_meeting"])]
    pub kind: Option<String>,
    /// The new category key, for recategorise (e.g. enhanced).
    #[arg(long, value_name = "CATEGORY")]
    pub to: Option<String>,
    /// Why (required to recategorise, defer or revoke).
    #[arg(long, default_value = "")]
    pub rationale: String,
    /// Actions agreed.
    #[arg(long, default_value = "")]
    pub actions: String,
    /// Who owns the actions.
    #[arg(long, default_value = "")]
    pub owner: String,
    /// When the actions are due (yyyy-mm-dd).
    #[arg(long, value_parser = parse_date)]
    pub due: Option<NaiveDate>,
    /// Who chairs (needed when a new meeting is opened).
    #[arg(long)]
    pub chair: Option<String>,
    /// Someone present, when a new meeting is opened (repeat for each).
    #[arg(long = "attendee", value_name = "NAME")]
    pub attendees: Vec<String>,
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
}

fn parse_date(s: &str) -> Result<NaiveDate, String> {
    NaiveDate::parse_from_str(s.trim(), "%Y-%m-%d")
        .map_err(|_| format!("`{s}` is not a date; expected yyyy-mm-dd"))
}

/// The term given, or the latest with scores in the database.
pub fn term_or_latest(store: &Store, term: Option<&str>) -> anyhow::Result<Term> {
    if let Some(t) = term {
        return Ok(t.parse()?);
    }
    let mut stmt = store.conn.prepare("SELECT DISTINCT term FROM scores")?;
    let terms = stmt.query_map([], |r| r.get::<_, String>(0))?;
    let mut latest: Option<Term> = None;
    for t in terms {
        if let Ok(t) = t?.parse::<Term>() {
            latest = latest.max(Some(t));
        }
    }
    latest.ok_or_else(|| anyhow::anyhow!("the database holds no scores yet; give --term"))
}

pub fn run(global: &GlobalArgs, args: DecideArgs) -> anyhow::Result<ExitCode> {
    let config = crate::cli::load_config(global)?;
    let mut store = Store::open(&config.database_path())?;
    let term = term_or_latest(&store, args.term.as_deref())?;
    let now = chrono::Local::now().fixed_offset();
    if args.close_meeting {
        let open = store
            .open_meeting(term)?
            .ok_or_else(|| anyhow::anyhow!("no meeting is open for {term}"))?;
        store.close_meeting(open.id, now)?;
        println!("closed meeting #{} ({term})", open.id);
        return Ok(ExitCode::SUCCESS);
    }
    let meeting = store.open_or_resume_meeting(
        term,
        now.date_naive(),
        args.chair.as_deref().unwrap_or(""),
        &args.attendees,
        now,
    )?;
    let recorded_by = args
        .recorded_by
        .or(args.chair)
        .unwrap_or_else(|| meeting.chair.clone());
    let saved = match args.revoke {
        Some(id) => store.revoke(id, &args.rationale, &recorded_by, meeting.id, now)?,
        None => store.record_decision(
            &config,
            NewDecision {
                meeting_id: meeting.id,
                urn: args.urn.unwrap_or_default(),
                kind: args.kind.as_deref().and_then(DecisionKind::parse),
                to_category: args.to,
                rationale: args.rationale,
                actions: args.actions,
                owner: args.owner,
                due: args.due,
                recorded_by,
                policy_reasons: String::new(),
            },
            now,
        )?,
    };
    // Printed only now: record_decision/revoke return after the commit.
    match saved.revokes {
        Some(r) => println!(
            "saved decision #{} (revokes #{r}) in meeting #{}",
            saved.id, meeting.id
        ),
        None => println!("saved decision #{} in meeting #{}", saved.id, meeting.id),
    }
    Ok(ExitCode::SUCCESS)
}
