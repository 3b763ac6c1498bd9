//! The meeting screen, the default command (in progress).

use crate::cli::{GlobalArgs, ScreenArgs};
use std::process::ExitCode;

pub fn run(_global: &GlobalArgs, _args: ScreenArgs) -> anyhow::Result<ExitCode> {
    anyhow::bail!("the meeting screen is not built yet")
}
