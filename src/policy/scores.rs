//! A school's team scores and composite in one term: the one answer the grid, the detail
//! pane, the Trends panel, `termly history`, the papers and the minutes all show. A score a
//! team sent counts as sent; a team that sent indicators only is scored by the configured
//! banding rules (see [`super::banding`]). No view works a score or composite out for itself.

use super::banding::{effective_score, effective_value};
use super::composite::composite;
use super::{Composite, EffectiveScore};
use crate::config::compile::{compile, Compiled};
use crate::config::Config;
use crate::dataset::Dataset;

/// One school's scores in one term, as every view shows them.
#[derive(Debug, Clone, PartialEq)]
pub struct SchoolScores {
    /// Per configured team, in config order: sent, or derived from an indicator.
    pub scores: Vec<Option<EffectiveScore>>,
    /// From those scores by the configured method; `None` when no team scored.
    pub composite: Option<Composite>,
}

impl SchoolScores {
    /// The score values alone, per team.
    pub fn values(&self) -> Vec<Option<u8>> {
        self.scores
            .iter()
            .map(|s| s.as_ref().map(|s| s.value))
            .collect()
    }

    /// No team scored the school this term, not even through an indicator.
    pub fn is_empty(&self) -> bool {
        self.scores.iter().all(Option::is_none)
    }
}

/// The school's scores and composite in the term at `term_idx` of `data.terms`.
pub fn school_scores(
    config: &Config,
    compiled: &Compiled,
    data: &Dataset,
    term_idx: usize,
    school: usize,
) -> SchoolScores {
    let scores: Vec<Option<EffectiveScore>> = (0..n_teams(config, data))
        .map(|team| effective_score(config, compiled, data, term_idx, school, team))
        .collect();
    let values: Vec<Option<u8>> = scores.iter().map(|s| s.as_ref().map(|s| s.value)).collect();
    SchoolScores {
        composite: composite(config, &values),
        scores,
    }
}

/// The school's scores in every term held, oldest first (`data.terms` order).
pub fn score_history(
    config: &Config,
    compiled: &Compiled,
    data: &Dataset,
    school: usize,
) -> Vec<SchoolScores> {
    (0..data.terms.len())
        .map(|t| school_scores(config, compiled, data, t, school))
        .collect()
}

/// The composite alone, without the words on how each score was derived: the same numbers
/// as [`school_scores`], cheaply, for looking back a term while assessing every school.
/// `values` is a buffer of one slot per team; it is left holding the score values.
pub fn composite_into(
    config: &Config,
    compiled: &Compiled,
    data: &Dataset,
    term_idx: usize,
    school: usize,
    values: &mut [Option<u8>],
) -> Option<Composite> {
    for (team, slot) in values.iter_mut().enumerate() {
        *slot = effective_value(compiled, data, term_idx, school, team);
    }
    composite(config, values)
}

/// The policy compiled for assessing. The configuration must have passed validation
/// (`Config::load` does this); an invalid policy is treated as having no rules and no
/// banding, so only the scores teams sent count.
pub fn compiled_policy(config: &Config) -> Compiled {
    compile(config).unwrap_or_else(|_| Compiled {
        banding: vec![Vec::new(); config.teams.len()],
        rules: Vec::new(),
        levels: config.categories.iter().map(|c| c.level).collect(),
    })
}

/// Teams both configured and held in the data (the score matrix's columns).
fn n_teams(config: &Config, data: &Dataset) -> usize {
    config.teams.len().min(data.n_teams())
}
