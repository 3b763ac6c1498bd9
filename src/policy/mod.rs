//! The policy engine: composite risk, banding, suggestions with reasons, agenda, capacity.
//! Pure code: no IO. Everything it concludes carries the reasons behind it.

mod agenda;
mod assess;
mod banding;
mod capacity;
mod composite;
pub mod coverage;
mod rules;
mod scores;
mod time;

use crate::config::Config;
use crate::term::Term;
use chrono::NaiveDate;

pub use crate::config::compile::{compile, Compiled};
/// The `[policy]` section as written (it lives with the rest of the settings).
pub use crate::config::rules as config;
pub use crate::config::rules::{Condition, PolicyConfig};
pub use crate::model::fmt_num;
pub use agenda::*;
pub use assess::{assess_compiled, assess_term, empty_assessment};
pub use capacity::{
    budgets, capacity, capacity_at, categories_at, decision_budgets, Budget, NO_LAMA,
};
pub use composite::{band_of, composite, explain_composite};
pub use scores::{compiled_policy, school_scores, score_history, SchoolScores};
pub use time::time_in_category;

/// The level ("intensity") of a category key, `None` when unknown.
pub fn category_level(config: &Config, key: &str) -> Option<u8> {
    config.category(key).map(|c| c.level)
}

/// A team's score as the policy sees it: sent by the team, or derived from an indicator.
#[derive(Debug, Clone, PartialEq)]
pub struct EffectiveScore {
    pub value: u8,
    /// Set when a banding rule produced the score: the sentence saying how.
    pub derived_from: Option<String>,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Trend {
    Up,
    Down,
    Same,
    /// No composite last term to compare with.
    New,
}

#[derive(Debug, Clone, PartialEq)]
pub struct Composite {
    pub value: f64,
    /// Index into `config.composite.bands`.
    pub band: usize,
    /// How many teams' scores it rests on (missing scores are left out, never zero).
    pub teams_counted: usize,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum SuggestionKind {
    AtLeast,
    StepDown,
}

#[derive(Debug, Clone, PartialEq)]
pub struct Suggestion {
    pub kind: SuggestionKind,
    /// Category key.
    pub category: String,
}

/// One rule that fired for a school, in words.
#[derive(Debug, Clone, PartialEq)]
pub struct Reason {
    /// The rule's name in the configuration.
    pub rule: String,
    pub consequence: SuggestionKind,
    pub category: String,
    /// e.g. "Ofsted grade 3 → at least Enhanced".
    pub sentence: String,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord)]
pub enum FlagLevel {
    Minor,
    Major,
}

#[derive(Debug, Clone, PartialEq)]
pub struct Flag {
    pub level: FlagLevel,
    /// Short text for the grid, e.g. "PA 31%".
    pub text: String,
}

#[derive(Debug, Clone, PartialEq)]
pub struct TimeInCategory {
    pub category: String,
    /// The term it took effect in, and the day it was set (see `CategorySpell`).
    pub since_term: Term,
    pub since: NaiveDate,
    /// Whole terms from `since_term` to the assessed term.
    pub terms: i32,
    pub expected_exit: Option<NaiveDate>,
    pub overdue: bool,
}

#[derive(Debug, Clone, PartialEq)]
pub struct AgendaReason {
    /// Higher is more urgent.
    pub urgency: u32,
    pub text: String,
}

/// Everything the policy concludes about one school in one term.
#[derive(Debug, Clone, PartialEq)]
pub struct SchoolAssessment {
    /// Per configured team, in config order.
    pub scores: Vec<Option<EffectiveScore>>,
    pub composite: Option<Composite>,
    pub previous_composite: Option<Composite>,
    pub trend: Trend,
    pub current_category: Option<String>,
    pub suggestion: Option<Suggestion>,
    pub reasons: Vec<Reason>,
    pub flags: Vec<Flag>,
    pub time_in_category: Option<TimeInCategory>,
    /// Empty when the school need not be discussed.
    pub agenda: Vec<AgendaReason>,
}

impl SchoolAssessment {
    pub fn on_agenda(&self) -> bool {
        !self.agenda.is_empty()
    }
    pub fn urgency(&self) -> u32 {
        self.agenda.iter().map(|a| a.urgency).max().unwrap_or(0)
    }
    /// On the agenda for decision, not only for information.
    pub fn for_decision(&self) -> bool {
        self.agenda.iter().any(AgendaReason::for_decision)
    }
}

/// The policy's view of one term: `schools[i]` matches `dataset.schools[i]`.
#[derive(Debug, Clone, PartialEq)]
pub struct TermAssessment {
    pub term: Term,
    pub schools: Vec<SchoolAssessment>,
    /// School indices on the agenda, most urgent first.
    pub agenda: Vec<usize>,
}

/// LaMA hours, reviews and SIP visits implied by a set of categories.
#[derive(Debug, Clone, PartialEq, Default)]
pub struct Capacity {
    pub lama_hours_term: f64,
    pub lama_capacity_term: f64,
    pub reviews_year: u32,
    pub sip_visits_year: u32,
    /// Per category key (config order): schools, LaMA hours a term.
    pub per_category: Vec<(String, usize, f64)>,
    /// Per LaMA name: schools, LaMA hours a term.
    pub per_lama: Vec<(String, usize, f64)>,
}
