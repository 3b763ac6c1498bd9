//! Which teams are silent: a configured team with no score (its own or banded from its
//! indicators) for any school in a term where other teams have scores. That is how a
//! configuration mistake shows (a banding rule switched off, a score column misnamed), so
//! `termly check` warns of it.

use super::banding::effective_value;
use crate::config::compile::Compiled;
use crate::dataset::Dataset;
use crate::term::Term;
use std::collections::BTreeSet;

/// (term, team key) for every team with a score (its own or banded) for some school.
pub fn scored_teams(compiled: &Compiled, data: &Dataset) -> Vec<(Term, String)> {
    let mut scored = Vec::new();
    for (t, term) in data.terms.iter().enumerate() {
        for team in 0..data.n_teams() {
            if (0..data.schools.len())
                .any(|s| effective_value(compiled, data, t, s, team).is_some())
            {
                scored.push((term.term, data.teams[team].clone()));
            }
        }
    }
    scored
}

/// The teams of `teams` with no score in a term where another team has one, given every
/// (term, team) that has a score.
pub fn silent_teams(teams: &[String], scored: &BTreeSet<(Term, String)>) -> Vec<(Term, String)> {
    let terms: BTreeSet<Term> = scored.iter().map(|(t, _)| *t).collect();
    let mut silent = Vec::new();
    for term in terms {
        for team in teams {
            if !scored.contains(&(term, team.clone())) {
                silent.push((term, team.clone()));
            }
        }
    }
    silent
}
