//! What a set of categories costs the service: LaMA hours a term, one-day reviews and SIP
//! visits a year, per category and per LaMA, against what the service has.

use super::Capacity;
use crate::config::Config;
use crate::dataset::Dataset;
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

/// Every school's current category, in dataset order: the input `capacity` usually wants.
pub fn current_categories(data: &Dataset) -> Vec<Option<String>> {
    (0..data.schools.len())
        .map(|i| data.current_spell(i).map(|s| s.category.clone()))
        .collect()
}
