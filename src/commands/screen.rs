//! The meeting screen, the default command: open the database (importing the configured
//! files first when it is empty), pick the term, open or resume the term's meeting, and run
//! the screen until `q`.

use crate::cli::{GlobalArgs, ScreenArgs};
use crate::config::Config;
use crate::import::import_all;
use crate::ingest::ImportOptions;
use crate::store::{load_dataset, Store};
use crate::term::Term;
use crate::tui::event_loop::{self, TerminalEvents};
use crate::tui::tty::{self, TerminalGone};
use crate::tui::{terminal, App, ColorEnv, Hooks, Theme};
use anyhow::Context;
use std::path::{Path, PathBuf};
use std::process::ExitCode;

/// The policy and importer the real screen uses.
pub fn hooks() -> Hooks {
    Hooks {
        assess: crate::policy::assess_term,
        capacity: crate::policy::capacity,
        import: Some(reimport),
    }
}

/// Import the configured files (unchanged ones are skipped); a one-line summary.
fn reimport(config: &Config, store: &mut Store) -> anyhow::Result<String> {
    let summary = import_all(config, store, &ImportOptions::default())?;
    Ok(format!(
        "{} file(s) imported, {} unchanged",
        summary.imported(),
        summary.unchanged()
    ))
}

/// Everything up to the terminal: config, database, first import, term, App.
pub fn prepare(global: &GlobalArgs, args: &ScreenArgs) -> anyhow::Result<App> {
    let config = crate::cli::load_config(global)?;
    let theme_name = args.theme.clone().or_else(|| config.ui.theme.clone());
    let theme = Theme::new(
        theme_name.as_deref(),
        config.scale.labels.len(),
        config.categories.len(),
        ColorEnv::from_env(),
    )
    .context("--theme")?;
    let mut store = Store::open(&config.database_path())?;
    if store.is_empty()? {
        // A fresh clone opens on the bundled fixtures.
        import_all(&config, &mut store, &ImportOptions::default())
            .context("importing the configured data into the new database")?;
    }
    let teams: Vec<String> = config.teams.iter().map(|t| t.key.clone()).collect();
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
    let today = chrono::Local::now().date_naive();
    let mut app = App::new(config, data, term, today, hooks())?
        .with_theme(theme)
        .with_store(store)?;
    // Resume the term's open meeting, or open one with --chair, or ask on the screen.
    app.start_meeting(args.chair.as_deref(), &args.attendees);
    if args.watch {
        app = app.with_watch();
    }
    Ok(app)
}

pub fn run(global: &GlobalArgs, args: ScreenArgs) -> anyhow::Result<ExitCode> {
    require_a_terminal()?;
    let mut app = prepare(global, &args)?;
    let log = hangup_log(&app.config.database_path());
    let watchdog_log = log.clone();
    tty::start_watchdog(move |why| report_gone(&watchdog_log, why));
    match terminal::with_terminal(|t| event_loop::run(t, &mut app, &mut TerminalEvents)) {
        Ok(()) => Ok(ExitCode::SUCCESS),
        Err(e) => match e.downcast_ref::<TerminalGone>() {
            Some(why) => {
                report_gone(&log, why);
                Ok(ExitCode::from(tty::HANGUP_STATUS))
            }
            None => Err(e),
        },
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
fn hangup_log(database: &Path) -> PathBuf {
    database.with_extension("log")
}

/// One line saying the terminal went away: appended to the log, and to standard error when
/// that is a file, a pipe or a terminal still there (never to a dead one).
fn report_gone(log: &Path, why: &TerminalGone) {
    use std::io::{IsTerminal, Write};
    let line = format!(
        "{} termly: the terminal went away ({why}); the screen has ended, the open meeting \
         and every saved decision are kept: run termly again to resume",
        chrono::Local::now().format("%Y-%m-%d %H:%M:%S")
    );
    let appended = crate::store::create_private_file(log).and_then(|()| {
        let mut f = std::fs::OpenOptions::new().append(true).open(log)?;
        writeln!(f, "{line}")
    });
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
