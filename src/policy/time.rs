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
    let start = spell.term;
    let terms = start.terms_until(term) + 1;
    let expected_exit = config
        .category(&spell.category)
        .and_then(|c| c.expected_exit_terms)
        .filter(|n| *n > 0)
        .map(|n| Term::from_ordinal(start.ordinal() + n as i32 - 1).end_date());
    TimeInCategory {
        category: spell.category.clone(),
        since_term: spell.term,
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

#[cfg(test)]
mod tests {
    use super::*;
    use crate::term::Season;

    #[test]
    fn counts_terms_inclusively_and_flags_overdue() {
        let config = Config::default_with_base(std::path::Path::new("config")).unwrap();
        let spell = CategorySpell::imported(
            100001,
            "intensive_a",
            NaiveDate::from_ymd_opt(2025, 1, 13).unwrap(),
        );
        let term = Term::new(2025, Season::Autumn);
        let t = time_in_category(&config, &spell, term, as_of(term, term.start_date()));
        assert_eq!(t.terms, 3, "spring, summer, autumn");
        assert_eq!(t.expected_exit, NaiveDate::from_ymd_opt(2026, 3, 31));
        assert!(!t.overdue);
        let later = Term::new(2025, Season::Summer);
        let t = time_in_category(&config, &spell, later, as_of(later, later.end_date()));
        assert_eq!(t.terms, 5, "spring 2025 to summer 2026");
        assert!(t.overdue);
    }

    #[test]
    fn as_of_stays_inside_the_term() {
        let term = Term::new(2026, Season::Autumn);
        let d = |y, m, dd| NaiveDate::from_ymd_opt(y, m, dd).unwrap();
        assert_eq!(as_of(term, d(2030, 1, 1)), term.end_date());
        assert_eq!(as_of(term, d(2020, 1, 1)), term.start_date());
        assert_eq!(as_of(term, d(2026, 11, 23)), d(2026, 11, 23));
    }
}
