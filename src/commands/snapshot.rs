//! `termly snapshot` (in progress).

use crate::cli::GlobalArgs;
use clap::Args;
use std::process::ExitCode;

#[derive(Debug, Args)]
pub struct SnapshotArgs {}

pub fn run(_global: &GlobalArgs, _args: SnapshotArgs) -> anyhow::Result<ExitCode> {
    anyhow::bail!("`termly snapshot` is not built yet")
}
