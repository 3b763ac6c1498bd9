//! `termly demo-data` (in progress).

use clap::Args;
use std::process::ExitCode;

#[derive(Debug, Args)]
pub struct DemoArgs {}

pub fn run(_args: DemoArgs) -> anyhow::Result<ExitCode> {
    anyhow::bail!("`termly demo-data` is not built yet")
}
