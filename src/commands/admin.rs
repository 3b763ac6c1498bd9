//! `termly admin …`: running a service's database rather than a meeting. Each subcommand
//! lives in its own module.

use super::Context;
use clap::Subcommand;
use std::process::ExitCode;

#[derive(Debug, Subcommand)]
pub enum AdminCommand {
    /// Copy a whole database into an empty one, SQLite or PostgreSQL either way, in one
    /// transaction, and print the rows of every table.
    Copy(super::admin_copy::CopyArgs),
}

pub fn run(ctx: &mut Context, command: AdminCommand) -> anyhow::Result<ExitCode> {
    match command {
        AdminCommand::Copy(args) => super::admin_copy::run(ctx, args),
    }
}
