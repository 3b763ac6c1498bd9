//! Which teams are silent: a configured team with no score (its own or banded from its
//! indicators) for any school in a term where other teams have scores. That is how a
//! configuration mistake shows (a banding rule switched off, a score column misnamed), so
//! `termly check` warns of it.

use super::banding::effective_value;
use crate::config::compile::Compiled;
use crate::dataset::Dataset;
use crate::term::Term;

/// (term, team key) for every team with no score at all in a term others scored.
pub fn silent_teams(compiled: &Compiled, data: &Dataset) -> Vec<(Term, String)> {
    let mut silent = Vec::new();
    for (t, term) in data.terms.iter().enumerate() {
        let scored: Vec<bool> = (0..data.n_teams())
            .map(|team| {
                (0..data.schools.len())
                    .any(|s| effective_value(compiled, data, t, s, team).is_some())
            })
            .collect();
        if !scored.iter().any(|&s| s) {
            continue;
        }
        for (team, &any) in scored.iter().enumerate() {
            if !any {
                silent.push((term.term, data.teams[team].clone()));
            }
        }
    }
    silent
}
