//! The `termly` binary: parse the command line and hand over to the library, with the
//! system's clock (the library never reads the time itself).

use chrono::{DateTime, FixedOffset};
use clap::Parser;
use std::sync::Arc;

/// The local wall clock: the one place termly reads the time.
struct LocalClock;

impl termly::clock::Clock for LocalClock {
    fn now(&self) -> DateTime<FixedOffset> {
        chrono::Local::now().fixed_offset()
    }
}

fn main() -> std::process::ExitCode {
    termly::cli::run(termly::cli::Cli::parse(), Arc::new(LocalClock))
}
