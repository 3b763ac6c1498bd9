//! `termly demo-data`: write a reproducible synthetic borough, with a config to open it.

use crate::demo::{self, DemoOptions};
use anyhow::Context;
use clap::Args;
use std::path::PathBuf;
use std::process::ExitCode;

#[derive(Debug, Args)]
pub struct DemoArgs {
    /// How many schools.
    #[arg(long, default_value_t = 200)]
    pub schools: usize,
    /// How many terms of scores, ending with 2026-27 autumn.
    #[arg(long, default_value_t = 7)]
    pub terms: usize,
    /// How many teams (1-8): finance, hr, attendance, standards, then safeguarding,
    /// governance, send, premises.
    #[arg(long, default_value_t = 4)]
    pub teams: usize,
    /// Random seed: the same seed and sizes give byte-identical files.
    #[arg(long, default_value_t = 1)]
    pub seed: u64,
    /// Folder to write into (created if missing).
    #[arg(long, value_name = "DIR")]
    pub out: PathBuf,
    /// Also write gias.csv, a GIAS-shaped Windows-1252 extract with this many rows.
    #[arg(long, value_name = "ROWS", default_value_t = 0)]
    pub gias_rows: usize,
    /// Write the bundled Wrenfield fixtures (with their stories) instead of a random borough.
    #[arg(long, conflicts_with_all = ["schools", "terms", "teams", "seed", "gias_rows", "xlsx"])]
    pub fixtures: bool,
    /// Write each term's scores as one workbook, scores/<term>.xlsx, with a sheet per team
    /// (as teams keep them: a title row, a serial date, a formula, a percentage column).
    #[arg(long)]
    pub xlsx: bool,
}

pub fn run(args: DemoArgs) -> anyhow::Result<ExitCode> {
    std::fs::create_dir_all(&args.out)
        .with_context(|| format!("cannot create {}", args.out.display()))?;
    if args.fixtures {
        demo::write_fixtures(&args.out)
            .with_context(|| format!("writing fixtures to {}", args.out.display()))?;
        println!("Wrote the Wrenfield fixtures to {}", args.out.display());
        return Ok(ExitCode::SUCCESS);
    }
    let opts = DemoOptions::new(args.schools, args.terms, args.teams, args.seed);
    opts.validate().map_err(anyhow::Error::msg)?;
    let files = demo::write_demo(&args.out, &opts, args.gias_rows, args.xlsx)
        .with_context(|| format!("writing demo data to {}", args.out.display()))?;
    println!(
        "Wrote {} schools, {} terms, {} teams (seed {}) to {}",
        opts.schools,
        opts.terms,
        opts.teams,
        opts.seed,
        args.out.display()
    );
    if let Some(gias) = &files.gias {
        println!("GIAS extract: {} ({} rows)", gias.display(), args.gias_rows);
    }
    println!(
        "Open it with: termly --config {} (or `import`, `check`, `snapshot`)",
        files.config.display()
    );
    Ok(ExitCode::SUCCESS)
}
