//! `termly check`: read every configured file, write nothing, and list every problem with
//! file, line and column. Exit status 0 only when everything is clean.

use super::Context;
use crate::commands::import::ImportArgs;
use crate::ingest::{configured_register_urns, parse_all};
use crate::model::sanitize_text;
use clap::Args;
use std::collections::HashSet;
use std::process::ExitCode;

#[derive(Debug, Args, Clone, Default)]
pub struct CheckArgs {
    /// The same file overrides as `termly import`.
    #[command(flatten)]
    pub files: ImportArgs,
}

pub fn run(ctx: &Context, args: CheckArgs) -> anyhow::Result<ExitCode> {
    let config = &ctx.config;
    // Files only: the database is neither opened nor created. Checking some files alone,
    // their URNs are checked against the configured register.
    let opts = args.files.options();
    if !opts.selects_files() {
        super::import::say_not_configured(config);
    }
    let register_urns = if opts.selects_files() && opts.register.is_none() {
        configured_register_urns(config, &opts)
    } else {
        Some(HashSet::new())
    };
    match parse_all(config, &opts, register_urns.as_ref()) {
        Ok(parsed) => {
            println!("ok: {}", parsed.describe());
            Ok(ExitCode::SUCCESS)
        }
        Err(problems) => {
            for p in problems.iter() {
                println!("{}", sanitize_text(&p.to_string(), false));
            }
            eprintln!("termly check: {} problem(s)", problems.len());
            Ok(ExitCode::FAILURE)
        }
    }
}
