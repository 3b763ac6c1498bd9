//! Time in the current support category, and when the policy expects the school to leave it.

use super::TimeInCategory;
use crate::config::Config;
use crate::model::CategorySpell;
use crate::term::Term;
use chrono::NaiveDate;

/// Terms are counted inclusively: a school placed in Enhanced during the autumn term has been
/// in it 1 term that autumn and 4 terms by the next autumn. The expected exit is the end of
/// the term `expected_exit_terms` terms after the one it started in (inclusive); the school
/// is overdue once `as_of` is past that date.
pub fn time_in_category(
    config: &Config,
    spell: &CategorySpell,
    term: Term,
    as_of: NaiveDate,
) -> TimeInCategory {
    let start = Term::containing(spell.since);
    let terms = start.terms_until(term) + 1;
    let expected_exit = config
        .category(&spell.category)
        .and_then(|c| c.expected_exit_terms)
        .filter(|n| *n > 0)
        .map(|n| Term::from_ordinal(start.ordinal() + n as i32 - 1).end_date());
    TimeInCategory {
        category: spell.category.clone(),
        since: spell.since,
        terms: terms.max(0),
        expected_exit,
        overdue: expected_exit.is_some_and(|d| as_of > d),
    }
}

/// The date the assessment looks from: today, kept within the assessed term.
pub fn as_of(term: Term, today: NaiveDate) -> NaiveDate {
    today.clamp(term.start_date(), term.end_date())
}
