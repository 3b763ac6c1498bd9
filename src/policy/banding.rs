//! Effective scores: a team's own score, or, when it sent indicators only, the score the
//! first applicable banding rule gives. Flags come from banding whether or not a score was sent.

use super::{EffectiveScore, Flag};
use crate::config::compile::{Banding, Compiled};
use crate::config::rules::FlagConfig;
use crate::config::Config;
use crate::dataset::Dataset;

/// The indicator value and band a rule finds for one school, team and term.
fn band<'a>(
    rule: &'a Banding,
    data: &Dataset,
    t: usize,
    school: usize,
) -> Option<(f64, &'a crate::config::rules::RangeConfig)> {
    let s = &data.schools[school];
    if !rule.applies_to(s.phase, &s.establishment_type) {
        return None;
    }
    let value = data.terms[t]
        .indicators_for(school, rule.team)
        .iter()
        .find(|i| *i.name == *rule.rule.indicator)?
        .value;
    Some((value, rule.range_for(value)?))
}

/// The first applicable banding rule for a team that has a value for this school.
fn first_band<'a>(
    c: &'a Compiled,
    data: &Dataset,
    t: usize,
    school: usize,
    team: usize,
) -> Option<(&'a Banding, f64, u8)> {
    c.banding[team]
        .iter()
        .find_map(|b| band(b, data, t, school).map(|(v, r)| (b, v, r.score)))
}

/// The score the policy uses, without explanation (cheap: for looking back over terms).
pub fn effective_value(
    c: &Compiled,
    data: &Dataset,
    t: usize,
    school: usize,
    team: usize,
) -> Option<u8> {
    data.score(t, school, team).or_else(|| {
        if c.banding[team].is_empty() {
            None
        } else {
            first_band(c, data, t, school, team).map(|(_, _, s)| s)
        }
    })
}

/// The score with how it was derived, for display.
pub fn effective_score(
    config: &Config,
    c: &Compiled,
    data: &Dataset,
    t: usize,
    school: usize,
    team: usize,
) -> Option<EffectiveScore> {
    if let Some(value) = data.score(t, school, team) {
        return Some(EffectiveScore {
            value,
            derived_from: None,
        });
    }
    let (rule, v, score) = first_band(c, data, t, school, team)?;
    Some(EffectiveScore {
        value: score,
        derived_from: Some(format!(
            "{} {} from {} {} (banding rule `{}`)",
            config.teams[team].label,
            score,
            rule.rule.indicator,
            rule.shown_value(v),
            rule.rule.name
        )),
    })
}

/// Flags raised by the first applicable banding rule of each indicator.
pub fn flags(c: &Compiled, data: &Dataset, t: usize, school: usize, out: &mut Vec<Flag>) {
    for rules in &c.banding {
        for (i, b) in rules.iter().enumerate() {
            // A more specific rule earlier in the list for the same indicator wins.
            let shadowed = rules[..i].iter().any(|e| {
                e.rule.indicator == b.rule.indicator && band(e, data, t, school).is_some()
            });
            if shadowed {
                continue;
            }
            if let Some((v, r)) = band(b, data, t, school) {
                if let Some(f) = r.flag {
                    out.push(Flag {
                        level: flag_level(f),
                        text: format!("{} {}", b.flag_label(), b.shown_value(v)),
                    });
                }
            }
        }
    }
}

/// Flag level from the config form.
pub fn flag_level(f: FlagConfig) -> super::FlagLevel {
    match f {
        FlagConfig::Minor => super::FlagLevel::Minor,
        FlagConfig::Major => super::FlagLevel::Major,
    }
}
