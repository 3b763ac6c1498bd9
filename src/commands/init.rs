//! `termly init` (a real authority set up in one command) and `termly templates` (the next
//! term's scoring workbooks).

use super::Context;
use crate::clock::Clock;
use crate::model::sanitize_text;
use crate::setup::init::{init, InitRequest};
use crate::setup::templates::{write_term_set, Template};
use crate::store::load_dataset;
use crate::term::Term;
use clap::Args;
use std::path::PathBuf;
use std::process::ExitCode;

#[derive(Debug, Args)]
pub struct InitArgs {
    /// The local authority's code, e.g. 850 (its `LA (code)` in GIAS).
    #[arg(long, value_name = "CODE")]
    pub la: String,
    /// The GIAS establishment download (or a termly register) to make the register from.
    #[arg(long, value_name = "FILE")]
    pub register: PathBuf,
    /// The authority's name, for the minutes and the workbooks.
    #[arg(long, value_name = "NAME")]
    pub authority: Option<String>,
    /// The folder for termly.toml, the database and the workbooks (default: this one).
    #[arg(long, value_name = "DIR", default_value = ".")]
    pub dir: PathBuf,
    /// The term of the scoring workbooks, e.g. "2025-26 autumn" (default: this term).
    #[arg(long, value_name = "TERM")]
    pub term: Option<String>,
}

#[derive(Debug, Args)]
pub struct TemplatesArgs {
    /// The term to write the scoring workbooks for, e.g. "2026-27 spring".
    #[arg(long, value_name = "TERM")]
    pub term: String,
}

pub fn run_init(args: InitArgs, clock: &dyn Clock) -> anyhow::Result<ExitCode> {
    let term = args.term.as_deref().map(str::parse::<Term>).transpose()?;
    let report = init(
        &InitRequest {
            la: args.la,
            register: args.register,
            authority: args.authority,
            dir: args.dir,
            term,
        },
        clock,
    )?;
    println!("wrote {}", report.config.display());
    println!("{}", sanitize_text(&report.import.to_string(), true));
    print_set(report.term, &report.workbooks);
    println!(
        "wrote {}: a starting category for each of {} schools ({} suggested by the policy, the rest Core)",
        report.support.display(),
        report.schools,
        report.suggested
    );
    println!("\nNext:");
    let commands = report.next_commands();
    let why = [
        "when the teams' workbooks are back: any problem, with its cell",
        "read them into the database",
        "open the heat map",
    ];
    let width = commands
        .iter()
        .map(|c| c.chars().count())
        .max()
        .unwrap_or(0);
    for (command, why) in commands.iter().zip(why) {
        println!("  {command:<width$}   # {why}");
    }
    Ok(ExitCode::SUCCESS)
}

pub fn run_templates(ctx: &mut Context, args: TemplatesArgs) -> anyhow::Result<ExitCode> {
    let term: Term = args.term.parse()?;
    if ctx.database_is_new() {
        anyhow::bail!(
            "there is no database yet ({}): run `termly init` or `termly import` first",
            ctx.config.database_path().display()
        );
    }
    let config = ctx.config.clone();
    let data = load_dataset(ctx.store()?, &config.team_keys())?;
    if data.schools.is_empty() {
        anyhow::bail!("the database has no register yet: import one first");
    }
    let set = write_term_set(&config, &data.schools, term)?;
    print_set(term, &set);
    Ok(ExitCode::SUCCESS)
}

fn print_set(term: Term, set: &[Template]) {
    println!("scoring workbooks for {term}, a row per school:");
    for t in set {
        let state = if t.written {
            "wrote"
        } else {
            "kept (already there)"
        };
        println!("  {state} {}", t.path.display());
    }
}
