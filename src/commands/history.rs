//! `termly history` (in progress).

use crate::cli::GlobalArgs;
use clap::Args;
use std::process::ExitCode;

#[derive(Debug, Args)]
pub struct HistoryArgs {}

pub fn run(_global: &GlobalArgs, _args: HistoryArgs) -> anyhow::Result<ExitCode> {
    anyhow::bail!("`termly history` is not built yet")
}
