//! What a set of categories costs the service: LaMA hours a term, one-day reviews and SIP
//! visits a year, per category and per LaMA, against what the service has.

use super::Capacity;
use crate::config::Config;
use crate::dataset::Dataset;
use crate::term::Term;
use std::collections::BTreeMap;

/// Label used for schools with no LaMA allocated.
pub const NO_LAMA: &str = "(no LaMA)";

/// `categories[i]` is school `i`'s category key (current, or as it would be after
/// decisions). Unknown keys and `None` cost nothing and are not counted in any category.
pub fn capacity(config: &Config, data: &Dataset, categories: &[Option<String>]) -> Capacity {
    let mut per_category: Vec<(String, usize, f64)> = config
        .categories
        .iter()
        .map(|c| (c.key.clone(), 0, 0.0))
        .collect();
    let mut per_lama: BTreeMap<&str, (usize, f64)> = BTreeMap::new();
    let mut cap = Capacity {
        lama_capacity_term: config.capacity.lama_hours_term,
        ..Capacity::default()
    };
    for (school, key) in data.schools.iter().zip(categories) {
        let Some(i) = key.as_deref().and_then(|k| config.category_index(k)) else {
            continue;
        };
        let c = &config.categories[i];
        let hours = c.lama_hours_per_term();
        cap.lama_hours_term += hours;
        cap.reviews_year += c.reviews_year;
        cap.sip_visits_year += c.sip_visits(school.maintained);
        per_category[i].1 += 1;
        per_category[i].2 += hours;
        let lama = per_lama
            .entry(school.lama.as_deref().unwrap_or(NO_LAMA))
            .or_default();
        lama.0 += 1;
        lama.1 += hours;
    }
    cap.per_category = per_category;
    cap.per_lama = per_lama
        .into_iter()
        .map(|(k, (n, h))| (k.to_string(), n, h))
        .collect();
    cap
}

/// Every school's category at a term, in dataset order (see [`Dataset::category_at`]).
pub fn categories_at(data: &Dataset, term: Term) -> Vec<Option<String>> {
    (0..data.schools.len())
        .map(|i| data.category_at(i, term).map(|s| s.category.clone()))
        .collect()
}

/// What the service's categories cost at a term: the one capacity the header, the review
/// step, the minutes and the papers read.
pub fn capacity_at(config: &Config, data: &Dataset, term: Term) -> Capacity {
    capacity(config, data, &categories_at(data, term))
}

/// One capacity the configuration defines, before and after a decision (equal when no
/// decision is in view), against what the service has.
#[derive(Debug, Clone, PartialEq)]
pub struct Budget {
    /// `LaMA hours a term`, `one-day reviews a year`, `SIP visits a year`.
    pub name: &'static str,
    /// Short form for the header: `LaMA`, `reviews`, `SIP`.
    pub short: &'static str,
    pub before: f64,
    pub after: f64,
    pub available: f64,
}

impl Budget {
    /// Over what the service has after the decision.
    pub fn over(&self) -> bool {
        self.after > self.available + 1e-9
    }

    /// The decision itself takes this budget over (or further over) what the service has.
    pub fn overspent_by_decision(&self) -> bool {
        self.over() && self.after > self.before + 1e-9
    }

    /// `one-day reviews a year 29 → 32 of 30 (2 over)`.
    pub fn describe(&self) -> String {
        let n = |v: f64| {
            if v.fract().abs() < 1e-9 {
                format!("{v:.0}")
            } else {
                format!("{v:.1}")
            }
        };
        let mut s = if (self.after - self.before).abs() < 1e-9 {
            format!("{} {} of {}", self.name, n(self.after), n(self.available))
        } else {
            format!(
                "{} {} → {} of {}",
                self.name,
                n(self.before),
                n(self.after),
                n(self.available)
            )
        };
        if self.over() {
            s.push_str(&format!(" ({} over)", n(self.after - self.available)));
        }
        s
    }
}

/// Every capacity the configuration defines (LaMA hours always; reviews and SIP visits
/// when the service's numbers are configured), as they stand for `cap`.
pub fn budgets(config: &Config, cap: &Capacity) -> Vec<Budget> {
    decision_budgets(config, cap, false, None, None)
}

/// The budgets before and after moving one school (`maintained` or not) from category
/// `from` to `to` (keys; None for no change).
pub fn decision_budgets(
    config: &Config,
    cap: &Capacity,
    maintained: bool,
    from: Option<&str>,
    to: Option<&str>,
) -> Vec<Budget> {
    let cost = |key: Option<&str>| {
        key.and_then(|k| config.category(k))
            .map_or((0.0, 0.0, 0.0), |c| {
                (
                    c.lama_hours_per_term(),
                    f64::from(c.reviews_year),
                    f64::from(c.sip_visits(maintained)),
                )
            })
    };
    let (lama, reviews, sip) = if to.is_some() {
        let (a, b) = (cost(from), cost(to));
        (b.0 - a.0, b.1 - a.1, b.2 - a.2)
    } else {
        (0.0, 0.0, 0.0)
    };
    let mut out = vec![Budget {
        name: "LaMA hours a term",
        short: "LaMA",
        before: cap.lama_hours_term,
        after: cap.lama_hours_term + lama,
        available: config.capacity.lama_hours_term,
    }];
    if let Some(available) = config.capacity.reviews_year {
        let before = f64::from(cap.reviews_year);
        out.push(Budget {
            name: "one-day reviews a year",
            short: "reviews",
            before,
            after: before + reviews,
            available: f64::from(available),
        });
    }
    if let Some(available) = config.capacity.sip_visits_year {
        let before = f64::from(cap.sip_visits_year);
        out.push(Budget {
            name: "SIP visits a year",
            short: "SIP",
            before,
            after: before + sip,
            available: f64::from(available),
        });
    }
    out
}
