//! The command line (clap derive) and dispatch to one module per command.

use crate::clock::SharedClock;
use crate::commands::{self, Context, GlobalArgs, ScreenArgs};
use clap::{Parser, Subcommand};
use std::process::ExitCode;

#[derive(Debug, Parser)]
#[command(
    name = "termly",
    version,
    about = "Chair the termly school risk-assessment (heat-map) meeting",
    long_about = "Chair the termly school risk-assessment (heat-map) meeting.\n\nWith no command, opens the meeting screen on the latest term with scores."
)]
pub struct Cli {
    #[command(flatten)]
    pub global: GlobalArgs,
    #[command(subcommand)]
    pub command: Option<Command>,
    #[command(flatten)]
    pub screen: ScreenArgs,
}

#[derive(Debug, Subcommand)]
pub enum Command {
    /// Set up a real authority: termly.toml, the register imported, a scoring workbook per
    /// team for the term and a support workbook of starting categories.
    Init(commands::init::InitArgs),
    /// Write a term's scoring workbooks (one per team, a row per school) into the scores folder.
    Templates(commands::init::TemplatesArgs),
    /// Import the register, support details, inspections and scores (all or nothing), or
    /// one per-school file into a team's indicators.
    Import(commands::import::ImportCommand),
    /// Validate every configured file without writing; list every problem.
    Check(commands::check::CheckArgs),
    /// Print the heat map for a term as plain text or Markdown, or write it as a workbook
    /// (`--format text|md|xlsx`).
    Snapshot(commands::snapshot::SnapshotArgs),
    /// Print a school's category history, scores by term and decisions.
    History(commands::history::HistoryArgs),
    /// Write a reproducible synthetic borough of any size.
    DemoData(commands::demo::DemoArgs),
    /// Record a decision (or --revoke one, or --close-meeting) in the term's open meeting.
    Decide(commands::decide::DecideArgs),
    /// Write a meeting's minutes as Markdown or TOML, or its decisions, actions and
    /// attendance as a workbook (`--format md|toml|xlsx`).
    Export(commands::export::ExportArgs),
    /// Compare TOML minutes with the database; non-zero exit on any difference.
    CheckMinutes(commands::minutes_check::CheckMinutesArgs),
    /// List meetings; --meeting ID with --apology NAME and --next-meeting DATE sets what
    /// the circulated minutes need; --chair/--attendee correct who was there; --abandon ID.
    Meetings(commands::meetings::MeetingsArgs),
    /// List actions (--open, --overdue, --owner, --school) as text, Markdown, CSV or a
    /// workbook (`--format text|md|csv|xlsx`), or close one (--done ID --note).
    Actions(commands::actions::ActionsArgs),
    /// Copy the database with SQLite's online backup (readable by its owner only); a
    /// PostgreSQL database into a SQLite file, through the same copy as `admin copy`.
    Backup(commands::backup::BackupArgs),
    /// Run the service's database: copy between SQLite and PostgreSQL, make its roles.
    #[command(subcommand)]
    Admin(commands::admin::AdminCommand),
}

/// Run a command; errors are printed once, plainly, and become a non-zero exit status.
/// The settings are read once, into the [`Context`] every command takes (`demo-data` needs
/// none: it writes a borough of its own; `init` writes the settings).
pub fn run(cli: Cli, clock: SharedClock) -> ExitCode {
    let result = match cli.command {
        Some(Command::DemoData(args)) => commands::demo::run(args),
        Some(Command::Init(args)) => commands::init::run_init(args, clock.as_ref()),
        command => Context::load(&cli.global, clock).and_then(|mut ctx| match command {
            Some(Command::Import(args)) => commands::import::run(&mut ctx, args),
            Some(Command::Check(args)) => commands::check::run(&ctx, args),
            Some(Command::Snapshot(args)) => commands::snapshot::run(&mut ctx, args),
            Some(Command::History(args)) => commands::history::run(&mut ctx, args),
            Some(Command::Decide(args)) => commands::decide::run(&mut ctx, args),
            Some(Command::Export(args)) => commands::export::run(&mut ctx, args),
            Some(Command::Meetings(args)) => commands::meetings::run(&mut ctx, args),
            Some(Command::CheckMinutes(args)) => commands::minutes_check::run(&mut ctx, args),
            Some(Command::Backup(args)) => commands::backup::run(&mut ctx, args),
            Some(Command::Actions(args)) => commands::actions::run(&mut ctx, args),
            Some(Command::Admin(command)) => commands::admin::run(&mut ctx, command),
            Some(Command::Templates(args)) => commands::init::run_templates(&mut ctx, args),
            Some(Command::DemoData(_) | Command::Init(_)) => unreachable!("matched above"),
            None => commands::screen::run(ctx, cli.screen),
        }),
    };
    match result {
        Ok(code) => code,
        Err(err) => {
            eprintln!(
                "termly: {}",
                crate::model::sanitize_text(&format!("{err:#}"), true)
            );
            ExitCode::FAILURE
        }
    }
}
