//! Assess every school in one term: scores, composite, trend, category, rules, flags, agenda.

use super::agenda::agenda_reasons;
use super::banding::flags;
use super::rules::{eval, Ctx};
use super::scores::{compiled_policy, composite_into, school_scores};
use super::time::{as_of, time_in_category};
use super::{
    Composite, Reason, SchoolAssessment, Suggestion, SuggestionKind, TermAssessment, Trend,
};
use crate::config::compile::{Compiled, Consequence};
use crate::config::Config;
use crate::dataset::Dataset;
use crate::term::Term;
use chrono::NaiveDate;
use std::cmp::Ordering;

/// Composite values closer than this count as unchanged (floating-point noise only: any real
/// change in a score moves a mean by far more).
const SAME: f64 = 1e-6;

/// Assess every school in the term at `term_idx`. Trend compares composite *values* with the
/// previous term that has scores (so a move within a band still shows); the agenda uses
/// *band* changes. Categories and inspections are those in force at the end of the term.
///
/// Panics if `term_idx` is out of range. The configuration must have passed validation
/// (`Config::load` does this); an invalid policy is treated as having no rules.
pub fn assess_term(
    config: &Config,
    data: &Dataset,
    term_idx: usize,
    today: NaiveDate,
) -> TermAssessment {
    assess_compiled(config, &compiled_policy(config), data, term_idx, today)
}

/// As [`assess_term`], with the policy compiled once by the caller.
pub fn assess_compiled(
    config: &Config,
    compiled: &Compiled,
    data: &Dataset,
    term_idx: usize,
    today: NaiveDate,
) -> TermAssessment {
    let term = data.terms[term_idx].term;
    let assessing = Assessing {
        config,
        compiled,
        data,
        term_idx,
        term,
        end: term.end_date(),
        as_of: as_of(term, today),
        new_since: super::agenda::new_inspections_since(data, term),
    };
    let n_teams = config.teams.len().min(data.n_teams());
    // One pair of buffers for every school's scores, this term and the previous one.
    let mut now = vec![None; n_teams];
    let mut before = vec![None; n_teams];
    let schools: Vec<SchoolAssessment> = (0..data.schools.len())
        .map(|school| assessing.school(school, &mut now, &mut before))
        .collect();
    let agenda = agenda_order(data, &schools);
    TermAssessment {
        term,
        schools,
        agenda,
    }
}

/// What every school's assessment in one term shares.
struct Assessing<'a> {
    config: &'a Config,
    compiled: &'a Compiled,
    data: &'a Dataset,
    term_idx: usize,
    term: Term,
    /// Categories and inspections are those in force on this day.
    end: NaiveDate,
    /// Time in category is counted to this day.
    as_of: NaiveDate,
    /// Inspections published since this day put a school on the agenda.
    new_since: NaiveDate,
}

impl Assessing<'_> {
    /// One school: its effective scores now and in the previous term (written into `now`
    /// and `before`), composite and trend, category, suggestion, flags and agenda reasons.
    fn school(
        &self,
        school: usize,
        now: &mut [Option<u8>],
        before: &mut [Option<u8>],
    ) -> SchoolAssessment {
        let (config, compiled, data, term_idx) =
            (self.config, self.compiled, self.data, self.term_idx);
        // This term's scores and composite as every view shows them.
        let this_term = school_scores(config, compiled, data, term_idx, school);
        for (slot, s) in now.iter_mut().zip(&this_term.scores) {
            *slot = s.as_ref().map(|s| s.value);
        }
        let has_previous = term_idx > 0;
        let previous_composite = if has_previous {
            composite_into(config, compiled, data, term_idx - 1, school, before)
        } else {
            None
        };
        let (scores, comp) = (this_term.scores, this_term.composite);
        let inspection = data.inspection_on(school, self.end);
        let spell = data.category_at(school, self.term);
        let category = spell.and_then(|s| config.category_index(&s.category));
        let time = spell.map(|s| time_in_category(config, s, self.term, self.as_of));
        let ctx = Ctx {
            config,
            compiled,
            data,
            school,
            term_idx,
            scores: now,
            previous: has_previous.then_some(&before[..]),
            composite: comp.as_ref().map(|c| c.value),
            previous_composite: previous_composite.as_ref().map(|c| c.value),
            inspection,
            category,
            terms_in_category: time.as_ref().map(|t| t.terms),
        };
        let (suggestion, reasons) = suggest(config, compiled, &ctx);
        let mut flag_list = Vec::new();
        flags(compiled, data, term_idx, school, &mut flag_list);
        let mut a = SchoolAssessment {
            scores,
            trend: trend(comp.as_ref(), previous_composite.as_ref()),
            composite: comp,
            previous_composite,
            current_category: spell.map(|s| s.category.clone()),
            suggestion,
            reasons,
            flags: flag_list,
            time_in_category: time,
            agenda: Vec::new(),
        };
        a.agenda = agenda_reasons(config, &a, inspection, self.new_since);
        a
    }
}

/// Up, down or the same by composite value; new when either term has none.
fn trend(now: Option<&Composite>, before: Option<&Composite>) -> Trend {
    match (now, before) {
        (Some(a), Some(b)) if a.value > b.value + SAME => Trend::Up,
        (Some(a), Some(b)) if a.value < b.value - SAME => Trend::Down,
        (Some(_), Some(_)) => Trend::Same,
        _ => Trend::New,
    }
}

/// The schools on the agenda, most urgent first, then by higher composite, then by name.
fn agenda_order(data: &Dataset, schools: &[SchoolAssessment]) -> Vec<usize> {
    let mut agenda: Vec<usize> = (0..schools.len())
        .filter(|i| schools[*i].on_agenda())
        .collect();
    agenda.sort_by(|&i, &j| {
        let (a, b) = (&schools[i], &schools[j]);
        b.urgency()
            .cmp(&a.urgency())
            .then_with(|| {
                let (x, y) = (a.composite.as_ref(), b.composite.as_ref());
                match (x, y) {
                    (Some(x), Some(y)) => y.value.total_cmp(&x.value),
                    (Some(_), None) => Ordering::Less,
                    (None, Some(_)) => Ordering::Greater,
                    (None, None) => Ordering::Equal,
                }
            })
            .then_with(|| data.schools[i].name.cmp(&data.schools[j].name))
    });
    agenda
}

/// Run every rule; the suggestion is the highest "at least" above the current level, else a
/// step down when one fires and no "at least" holds the school at or above the target.
fn suggest(config: &Config, c: &Compiled, x: &Ctx) -> (Option<Suggestion>, Vec<Reason>) {
    let current = x.category.map(|i| c.levels[i]);
    let mut reasons = Vec::new();
    let mut highest: Option<usize> = None;
    let mut step_down: Option<usize> = None;
    for rule in &c.rules {
        let target = match rule.consequence {
            Consequence::AtLeast(k) => k,
            Consequence::StepDownTo(k) => match current {
                Some(l) if c.levels[k] < l => k,
                _ => continue,
            },
            Consequence::StepDownNext => match current.and_then(|l| next_lower(c, l)) {
                Some(k) => k,
                None => continue,
            },
        };
        if !eval(&rule.when, x, None) {
            continue;
        }
        let mut evidence = Vec::new();
        eval(&rule.when, x, Some(&mut evidence));
        let kind = match rule.consequence {
            Consequence::AtLeast(_) => {
                if highest.is_none_or(|h| c.levels[target] > c.levels[h]) {
                    highest = Some(target);
                }
                SuggestionKind::AtLeast
            }
            _ => {
                if step_down.is_none_or(|s| c.levels[target] > c.levels[s]) {
                    step_down = Some(target);
                }
                SuggestionKind::StepDown
            }
        };
        let label = &config.categories[target].label;
        let consequence = match kind {
            SuggestionKind::AtLeast => format!("at least {label}"),
            SuggestionKind::StepDown => format!("consider a step down to {label}"),
        };
        let template = rule
            .sentence
            .as_deref()
            .unwrap_or("{evidence} → {consequence}");
        let sentence = template
            .replace("{evidence}", &evidence.join(" and "))
            .replace("{category}", label)
            .replace("{consequence}", &consequence);
        reasons.push(Reason {
            rule: rule.name.clone(),
            consequence: kind,
            category: config.categories[target].key.clone(),
            sentence,
        });
    }
    let up = highest.filter(|h| current.is_none_or(|l| c.levels[*h] > l));
    let suggestion = if let Some(h) = up {
        Some(Suggestion {
            kind: SuggestionKind::AtLeast,
            category: config.categories[h].key.clone(),
        })
    } else {
        step_down
            .filter(|s| highest.is_none_or(|h| c.levels[h] <= c.levels[*s]))
            .map(|s| Suggestion {
                kind: SuggestionKind::StepDown,
                category: config.categories[s].key.clone(),
            })
    };
    (suggestion, reasons)
}

/// The first category (config order) of the highest level below `level`.
fn next_lower(c: &Compiled, level: u8) -> Option<usize> {
    let target = c.levels.iter().copied().filter(|l| *l < level).max()?;
    c.levels.iter().position(|l| *l == target)
}

/// An assessment with no scores (a term with nothing imported yet).
pub fn empty_assessment(term: Term, data: &Dataset) -> TermAssessment {
    TermAssessment {
        term,
        schools: (0..data.schools.len())
            .map(|i| SchoolAssessment {
                scores: vec![None; data.n_teams()],
                composite: None,
                previous_composite: None,
                trend: Trend::New,
                current_category: data.category_at(i, term).map(|s| s.category.clone()),
                suggestion: None,
                reasons: Vec::new(),
                flags: Vec::new(),
                time_in_category: None,
                agenda: Vec::new(),
            })
            .collect(),
        agenda: Vec::new(),
    }
}
