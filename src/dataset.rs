//! Everything the policy and the screen read, loaded from the store in one go: the register,
//! every term's scores as a dense matrix, inspections, category history and decisions.
//! Plain data: no IO. Comments are not held here (they are fetched for one school at a time).

use crate::model::{CategorySpell, Decision, Inspection, Meeting, RecordPosition, School, Urn};
use crate::term::Term;
use chrono::NaiveDate;
use std::sync::Arc;

/// One indicator value a team sent for one school in one term.
#[derive(Debug, Clone, PartialEq)]
pub struct IndicatorValue {
    pub school: u32,
    pub team: u16,
    /// Shared among every value of the same indicator: a national load holds ~a million.
    pub name: Arc<str>,
    pub value: f64,
}

/// All scores of one term: `scores[school * n_teams + team]`, in config team order.
#[derive(Debug, Clone, PartialEq)]
pub struct TermScores {
    pub term: Term,
    pub scores: Vec<Option<u8>>,
    /// Sorted by (school, team, name).
    pub indicators: Vec<IndicatorValue>,
}

impl TermScores {
    pub fn new(term: Term, n_schools: usize, n_teams: usize) -> TermScores {
        TermScores {
            term,
            scores: vec![None; n_schools * n_teams],
            indicators: Vec::new(),
        }
    }

    /// Indicators one team sent for one school.
    pub fn indicators_for(&self, school: usize, team: usize) -> &[IndicatorValue] {
        let key = (school as u32, team as u16);
        let start = self
            .indicators
            .partition_point(|i| (i.school, i.team) < key);
        let end = start
            + self.indicators[start..]
                .iter()
                .take_while(|i| (i.school, i.team) == key)
                .count();
        &self.indicators[start..end]
    }
}

#[derive(Debug, Clone, Default, PartialEq)]
pub struct Dataset {
    /// Team keys, in config order (the column order of every score matrix).
    pub teams: Vec<String>,
    /// The register, sorted by URN.
    pub schools: Vec<School>,
    /// Per school (same index as `schools`): inspections, oldest first.
    pub inspections: Vec<Vec<Inspection>>,
    /// Per school: category spells in record order (see [`crate::category_timeline`]).
    pub categories: Vec<Vec<CategorySpell>>,
    /// Terms that hold scores, oldest first.
    pub terms: Vec<TermScores>,
    /// Every decision, in the order recorded.
    pub decisions: Vec<Decision>,
    /// Every meeting, by number.
    pub meetings: Vec<Meeting>,
}

impl Dataset {
    pub fn n_teams(&self) -> usize {
        self.teams.len()
    }

    pub fn school_index(&self, urn: Urn) -> Option<usize> {
        self.schools.binary_search_by_key(&urn, |s| s.urn).ok()
    }

    pub fn term_index(&self, term: Term) -> Option<usize> {
        self.terms.binary_search_by_key(&term, |t| t.term).ok()
    }

    pub fn latest_term(&self) -> Option<Term> {
        self.terms.last().map(|t| t.term)
    }

    /// A team's score for a school in the term at `term_idx`.
    pub fn score(&self, term_idx: usize, school: usize, team: usize) -> Option<u8> {
        self.terms[term_idx].scores[school * self.n_teams() + team]
    }

    /// The school's category at a term: the one answer every view reads.
    pub fn category_at(&self, school: usize, term: Term) -> Option<&CategorySpell> {
        self.category_as_of(school, RecordPosition::end_of(term))
    }

    /// The school's category at a point in the record (before a meeting, after a decision).
    pub fn category_as_of(&self, school: usize, at: RecordPosition) -> Option<&CategorySpell> {
        crate::category_timeline::at(self.categories.get(school)?, at)
    }

    /// The school's spells that apply at a term, in record order (its history so far).
    pub fn spells_until(&self, school: usize, term: Term) -> &[CategorySpell] {
        let spells = self.categories.get(school).map_or(&[][..], |v| &v[..]);
        let end = RecordPosition::end_of(term);
        &spells[..spells.partition_point(|s| s.position() <= end)]
    }

    /// The latest inspection on or before a date.
    pub fn inspection_on(&self, school: usize, date: NaiveDate) -> Option<&Inspection> {
        self.inspections
            .get(school)?
            .iter()
            .rev()
            .find(|i| i.date <= date)
    }

    pub fn latest_inspection(&self, school: usize) -> Option<&Inspection> {
        self.inspections.get(school).and_then(|i| i.last())
    }

    /// Decisions about one school, in the order recorded.
    pub fn decisions_for(&self, urn: Urn) -> impl Iterator<Item = &Decision> {
        self.decisions.iter().filter(move |d| d.urn == urn)
    }
}
