//! The meeting screen, the default command: open the database (importing the configured
//! files first when it is empty), pick the term, open or resume the term's meeting, and run
//! the screen until `q`.

use super::Context;
use crate::clock::Clock;
use crate::config::Config;
use crate::import::{import_all, ImportError};
use crate::ingest::ImportOptions;
use crate::store::{load_dataset, Store};
use crate::term::Term;
use crate::tui::event_loop::{self, TerminalEvents};
use crate::tui::terminal::ScreenError;
use crate::tui::tty::{self, TerminalGone};
use crate::tui::{terminal, App, ColorEnv, Hooks, Theme};
use anyhow::Context as _;
use clap::Args;
use std::path::{Path, PathBuf};
use std::process::ExitCode;

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
    /// The day the meeting is held (default: today), e.g. 20/01/2027. The meeting belongs to
    /// the term (--term) whatever the day.
    #[arg(long, value_name = "DATE", value_parser = super::meetings::parse_date)]
    pub meeting_date: Option<chrono::NaiveDate>,
    /// dark, light, high-contrast, rag or monochrome.
    #[arg(long)]
    pub theme: Option<String>,
    /// Watch the score folders and re-import files that change.
    #[arg(long)]
    pub watch: bool,
}

/// The policy and importer the real screen uses.
pub fn hooks() -> Hooks {
    Hooks {
        assess: crate::policy::assess_term,
        capacity: crate::policy::capacity_at,
        import: Some(reimport),
    }
}

/// Import the configured files (unchanged ones are skipped); a one-line summary.
fn reimport(config: &Config, store: &mut Store, clock: &dyn Clock) -> Result<String, ImportError> {
    let summary = import_all(config, store, &ImportOptions::default(), clock)?;
    Ok(format!(
        "{} file(s) imported, {} unchanged",
        summary.imported(),
        summary.unchanged()
    ))
}

/// Everything up to the terminal: database, first import, term, App.
pub fn prepare(ctx: Context, args: &ScreenArgs) -> anyhow::Result<App> {
    ctx.refuse_empty_new_database()?;
    let (config, clock, mut store) = ctx.into_store()?;
    let theme_name = args.theme.clone().or_else(|| config.ui.theme.clone());
    let theme = Theme::new(
        theme_name.as_deref(),
        config.scale.labels.len(),
        config.categories.len(),
        ColorEnv::from_env(),
    )
    .with_context(|| match &args.theme {
        Some(_) => "--theme".to_string(),
        None => format!("{}: ui.theme", config.place(&["ui", "theme"])),
    })?;
    if store.is_empty()? {
        // A fresh clone opens on the bundled fixtures.
        import_all(
            &config,
            &mut store,
            &ImportOptions::default(),
            clock.as_ref(),
        )
        .context("importing the configured data into the new database")?;
    }
    let teams = config.team_keys();
    let data = load_dataset(&store, &teams)?;
    let term = match &args.term {
        Some(t) => {
            let term: Term = t.parse()?;
            if data.term_index(term).is_none() {
                anyhow::bail!(
                    "no scores for {term}; terms with scores: {}",
                    data.terms
                        .iter()
                        .map(|t| t.term.to_string())
                        .collect::<Vec<_>>()
                        .join(", ")
                );
            }
            Some(term)
        }
        None => None,
    };
    let mut app = App::new(config, data, term, clock, hooks())?
        .with_theme(theme)
        .with_store(store)?;
    // Resume the term's open meeting, or open one with --chair, or ask on the screen.
    app.set_meeting_date(args.meeting_date);
    app.start_meeting(args.chair.as_deref(), &args.attendees);
    let mut app = app.in_agenda_order();
    if args.watch {
        app = app.with_watch();
    }
    Ok(app)
}

pub fn run(ctx: Context, args: ScreenArgs) -> anyhow::Result<ExitCode> {
    require_a_terminal()?;
    let clock = ctx.clock.clone();
    let mut app = prepare(ctx, &args)?;
    let log = hangup_log(app.config());
    let (watchdog_log, watchdog_clock) = (log.clone(), clock.clone());
    tty::start_watchdog(move |why| report_gone(&watchdog_log, watchdog_clock.as_ref(), why));
    let screen =
        terminal::with_terminal(|t| Ok(event_loop::run(t, &mut app, &mut TerminalEvents)?));
    match screen {
        Ok(()) => Ok(ExitCode::SUCCESS),
        Err(ScreenError::Gone(why)) => {
            report_gone(&log, clock.as_ref(), &why);
            Ok(ExitCode::from(tty::HANGUP_STATUS))
        }
        Err(e) => Err(e.into()),
    }
}

/// The screen reads keys from standard input and draws on standard output; without a
/// terminal on both it could only spin or scribble escape codes into a file.
fn require_a_terminal() -> anyhow::Result<()> {
    use std::io::IsTerminal;
    if !std::io::stdin().is_terminal() {
        anyhow::bail!(
            "the meeting screen needs a terminal, and standard input is not one \
             (redirected, or at end of file); run termly in a terminal, or use \
             `termly snapshot` to print the heat map"
        );
    }
    if !std::io::stdout().is_terminal() {
        anyhow::bail!(
            "the meeting screen needs a terminal, and standard output is not one; \
             use `termly snapshot` to print the heat map to a file"
        );
    }
    Ok(())
}

/// The log beside the database: `termly.db` logs to `termly.log`.
/// `<database>.log` beside a SQLite file; for a server database, `termly-screen.log` in the
/// minutes folder (this machine's own record of its screen).
fn hangup_log(config: &crate::config::Config) -> PathBuf {
    match config.database_location() {
        crate::store::Location::File(database) => database.with_extension("log"),
        crate::store::Location::Postgres(_) => config
            .resolve(&config.data.minutes)
            .join("termly-screen.log"),
    }
}

/// One line saying the terminal went away: appended to the log, and to standard error when
/// that is a file, a pipe or a terminal still there (never to a dead one).
fn report_gone(log: &Path, clock: &dyn Clock, why: &TerminalGone) {
    use std::io::{IsTerminal, Write};
    let line = format!(
        "{} termly: the terminal went away ({why}); the screen has ended, the open meeting \
         and every saved decision are kept: run termly again to resume",
        clock.now().format("%Y-%m-%d %H:%M:%S")
    );
    let appended = crate::files::append_private(log, &line);
    if !std::io::stderr().is_terminal() || tty::still_there() {
        let _ = writeln!(std::io::stderr(), "{line}");
        if let Err(e) = appended {
            let _ = writeln!(
                std::io::stderr(),
                "termly: could not write {}: {e}",
                log.display()
            );
        }
    }
}
