//! `termly admin …`: running a service's database rather than a meeting, done by its owner
//! once or rarely. Each subcommand lives in its own module; this one only names them.

use super::Context;
use clap::Subcommand;
use std::process::ExitCode;

#[derive(Debug, Subcommand)]
pub enum AdminCommand {
    /// Copy a whole database into an empty one, SQLite or PostgreSQL either way, in one
    /// transaction, and print the rows of every table.
    Copy(super::admin_copy::CopyArgs),
    /// Create the PostgreSQL roles (a chair, one per team, a viewer), their grants and
    /// row-level security; run again after adding a team or upgrading termly.
    InitRoles,
}

pub fn run(ctx: &mut Context, command: AdminCommand) -> anyhow::Result<ExitCode> {
    match command {
        AdminCommand::Copy(args) => super::admin_copy::run(ctx, args),
        AdminCommand::InitRoles => super::admin_roles::run(ctx),
    }
}
