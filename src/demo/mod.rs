//! Synthetic boroughs of any size, for the demo, tests and benchmarks, and the bundled
//! fixtures of the fictional Borough of Wrenfield. Everything is drawn from one seeded
//! `SmallRng`, so the same options give byte-identical files.

mod borough;
mod categorised;
mod gias;
mod gias_columns;
pub mod names;
mod stories;
mod story_data;
mod write;
mod xlsx;

pub use borough::generate;
pub use gias::{write_gias, GIAS_COLUMNS};
pub use stories::{fixtures_borough, write_fixtures, Story, STORIES};
pub use write::{config_text, write_borough, write_borough_as, write_demo, DemoFiles};
pub use xlsx::write_term_workbook;

use crate::model::{Inspection, School};
use crate::term::{Season, Term};
use chrono::NaiveDate;

/// The last term the demo data has scores for.
pub const LATEST_TERM: Term = Term {
    year: 2026,
    season: Season::Autumn,
};

/// Largest sizes `termly demo-data` accepts.
pub const MAX_SCHOOLS: usize = 100_000;
pub const MAX_TERMS: usize = 30;

/// What to generate.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct DemoOptions {
    pub schools: usize,
    pub terms: usize,
    /// The first `teams` of [`TEAMS`].
    pub teams: usize,
    pub seed: u64,
    pub la_code: String,
    pub la_name: String,
}

impl DemoOptions {
    pub fn new(schools: usize, terms: usize, teams: usize, seed: u64) -> DemoOptions {
        DemoOptions {
            schools,
            terms,
            teams,
            seed,
            la_code: "999".into(),
            la_name: "Wrenfield".into(),
        }
    }

    pub fn validate(&self) -> Result<(), String> {
        if self.schools == 0 || self.schools > MAX_SCHOOLS {
            return Err(format!("--schools must be 1 to {MAX_SCHOOLS}"));
        }
        if self.terms == 0 || self.terms > MAX_TERMS {
            return Err(format!("--terms must be 1 to {MAX_TERMS}"));
        }
        if self.teams == 0 || self.teams > TEAMS.len() {
            return Err(format!("--teams must be 1 to {}", TEAMS.len()));
        }
        Ok(())
    }
}

/// A team the generator can score for, with the indicators it sends.
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct TeamSpec {
    pub key: &'static str,
    pub label: &'static str,
    pub short: &'static str,
    pub weight: f64,
    pub indicators: &'static [&'static str],
}

/// The four default teams first, then extras for `--teams` up to 8.
pub const TEAMS: [TeamSpec; 8] = [
    TeamSpec {
        key: "finance",
        label: "Finance",
        short: "Fin",
        weight: 1.0,
        indicators: &["balance_pct"],
    },
    TeamSpec {
        key: "hr",
        label: "HR",
        short: "HR",
        weight: 1.0,
        indicators: &[],
    },
    TeamSpec {
        key: "attendance",
        label: "Attendance",
        short: "Att",
        weight: 1.0,
        indicators: &["overall_absence_pct", "persistent_absence_pct"],
    },
    TeamSpec {
        key: "standards",
        label: "Standards",
        short: "Std",
        weight: 1.5,
        indicators: &[],
    },
    TeamSpec {
        key: "safeguarding",
        label: "Safeguarding",
        short: "Sfg",
        weight: 1.0,
        indicators: &[],
    },
    TeamSpec {
        key: "governance",
        label: "Governance",
        short: "Gov",
        weight: 1.0,
        indicators: &[],
    },
    TeamSpec {
        key: "send",
        label: "SEND",
        short: "SEND",
        weight: 1.0,
        indicators: &[],
    },
    TeamSpec {
        key: "premises",
        label: "Premises",
        short: "Prem",
        weight: 0.5,
        indicators: &[],
    },
];

/// Headteacher and address details a GIAS extract carries beside the register fields.
#[derive(Debug, Clone, PartialEq)]
pub struct Extra {
    pub head_title: String,
    pub head_first: String,
    pub head_last: String,
    pub street: String,
    pub town: String,
    pub postcode: String,
    pub opened: NaiveDate,
}

/// One generated school with its support arrangements and inspections.
#[derive(Debug, Clone, PartialEq)]
pub struct DemoSchool {
    pub school: School,
    pub extra: Extra,
    /// Support category key and the date it was assigned.
    pub category: String,
    pub since: NaiveDate,
    /// Oldest first.
    pub inspections: Vec<Inspection>,
}

/// One team's row for one school in one term. Indicators follow the team's
/// [`TeamSpec::indicators`] order; unused slots are ignored.
#[derive(Debug, Clone, PartialEq)]
pub struct ScoreRow {
    pub score: Option<u8>,
    pub comment: String,
    pub indicators: [f32; 2],
}

/// A whole synthetic borough.
#[derive(Debug, Clone, PartialEq)]
pub struct Borough {
    pub la_code: String,
    pub la_name: String,
    pub seed: u64,
    pub teams: Vec<TeamSpec>,
    /// Oldest first, ending at [`LATEST_TERM`].
    pub terms: Vec<Term>,
    /// Sorted by URN.
    pub schools: Vec<DemoSchool>,
    /// Dense: `[term][team][school]`.
    pub scores: Vec<ScoreRow>,
}

impl Borough {
    pub fn index(&self, term: usize, team: usize, school: usize) -> usize {
        (term * self.teams.len() + team) * self.schools.len() + school
    }

    pub fn row(&self, term: usize, team: usize, school: usize) -> &ScoreRow {
        &self.scores[self.index(term, team, school)]
    }

    pub fn row_mut(&mut self, term: usize, team: usize, school: usize) -> &mut ScoreRow {
        let i = self.index(term, team, school);
        &mut self.scores[i]
    }

    pub fn team_index(&self, key: &str) -> Option<usize> {
        self.teams.iter().position(|t| t.key == key)
    }
}

/// `count` terms ending at [`LATEST_TERM`], oldest first.
pub fn terms_ending_latest(count: usize) -> Vec<Term> {
    let last = LATEST_TERM.ordinal();
    (0..count as i32)
        .map(|i| Term::from_ordinal(last - (count as i32 - 1) + i))
        .collect()
}
