//! The `termly` binary: parse the command line and hand over to the library.

use clap::Parser;

fn main() -> std::process::ExitCode {
    termly::cli::run(termly::cli::Cli::parse())
}
