//! `termly import` (in progress).

use crate::cli::GlobalArgs;
use clap::Args;
use std::process::ExitCode;

#[derive(Debug, Args)]
pub struct ImportArgs {}

pub fn run(_global: &GlobalArgs, _args: ImportArgs) -> anyhow::Result<ExitCode> {
    anyhow::bail!("`termly import` is not built yet")
}
