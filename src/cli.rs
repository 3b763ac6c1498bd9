//! The command line (clap derive) and dispatch to one module per command.

use crate::commands;
use crate::config::Config;
use clap::{Args, Parser, Subcommand};
use std::path::PathBuf;
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

#[derive(Debug, Args, Clone, Default)]
pub struct GlobalArgs {
    /// Configuration file laid over the built-in defaults.
    #[arg(long, global = true, value_name = "FILE", env = "TERMLY_CONFIG")]
    pub config: Option<PathBuf>,
    /// SQLite database to use instead of the configured one.
    #[arg(long, global = true, value_name = "FILE")]
    pub database: Option<PathBuf>,
}

/// Options of the meeting screen (the default command).
#[derive(Debug, Args, Clone, Default)]
pub struct ScreenArgs {
    /// The term to open, e.g. "2026-27 autumn" (default: the latest term with scores).
    #[arg(long)]
    pub term: Option<String>,
    /// Who chairs the meeting.
    #[arg(long)]
    pub chair: Option<String>,
    /// Someone present (repeat for each).
    #[arg(long = "attendee", value_name = "NAME")]
    pub attendees: Vec<String>,
    /// dark, light, high-contrast, rag or monochrome.
    #[arg(long)]
    pub theme: Option<String>,
    /// Watch the score folders and re-import files that change.
    #[arg(long)]
    pub watch: bool,
}

#[derive(Debug, Subcommand)]
pub enum Command {
    /// Import the register, support details, inspections and scores (all or nothing), or
    /// one per-school file into a team's indicators.
    Import(commands::import::ImportCommand),
    /// Validate every configured file without writing; list every problem.
    Check(commands::check::CheckArgs),
    /// Print the heat map for a term as plain text or Markdown.
    Snapshot(commands::snapshot::SnapshotArgs),
    /// Print a school's category history, scores by term and decisions.
    History(commands::history::HistoryArgs),
    /// Write a reproducible synthetic borough of any size.
    DemoData(commands::demo::DemoArgs),
    /// Record a decision (or --revoke one, or --close-meeting) in the term's open meeting.
    Decide(commands::decide::DecideArgs),
    /// Write a meeting's minutes as Markdown or TOML.
    Export(commands::export::ExportArgs),
    /// Compare TOML minutes with the database; non-zero exit on any difference.
    CheckMinutes(commands::minutes_check::CheckMinutesArgs),
    /// Copy the database with SQLite's online backup (readable by its owner only).
    Backup(commands::backup::BackupArgs),
}

/// Settings and database path after applying the global options.
pub fn load_config(global: &GlobalArgs) -> anyhow::Result<Config> {
    let mut config = Config::load(global.config.as_deref())?;
    if let Some(db) = &global.database {
        // Given on the command line: relative to the current directory, not the config.
        config.data.database = std::path::absolute(db)?;
    }
    Ok(config)
}

/// Run a command; errors are printed once, plainly, and become a non-zero exit status.
pub fn run(cli: Cli) -> ExitCode {
    let result = match cli.command {
        Some(Command::Import(args)) => commands::import::run(&cli.global, args),
        Some(Command::Check(args)) => commands::check::run(&cli.global, args),
        Some(Command::Snapshot(args)) => commands::snapshot::run(&cli.global, args),
        Some(Command::History(args)) => commands::history::run(&cli.global, args),
        Some(Command::DemoData(args)) => commands::demo::run(args),
        Some(Command::Decide(args)) => commands::decide::run(&cli.global, args),
        Some(Command::Export(args)) => commands::export::run(&cli.global, args),
        Some(Command::CheckMinutes(args)) => commands::minutes_check::run(&cli.global, args),
        Some(Command::Backup(args)) => commands::backup::run(&cli.global, args),
        None => commands::screen::run(&cli.global, cli.screen),
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
