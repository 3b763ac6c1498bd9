//! `termly check` (in progress).

use crate::cli::GlobalArgs;
use clap::Args;
use std::process::ExitCode;

#[derive(Debug, Args)]
pub struct CheckArgs {}

pub fn run(_global: &GlobalArgs, _args: CheckArgs) -> anyhow::Result<ExitCode> {
    anyhow::bail!("`termly check` is not built yet")
}
