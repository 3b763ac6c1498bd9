//! Evaluate suggestion conditions for one school, collecting evidence — the actual values
//! that made a condition hold — only when asked, so the common "does not fire" path allocates
//! nothing.

use super::banding::effective_value;
use crate::config::compile::{Compiled, Cond};
use crate::config::Config;
use crate::dataset::Dataset;
use crate::model::fmt_num;
use crate::model::{Inspection, InspectionOutcome};

/// What the rules may look at for one school in one term.
pub struct Ctx<'a> {
    pub config: &'a Config,
    pub compiled: &'a Compiled,
    pub data: &'a Dataset,
    pub school: usize,
    pub term_idx: usize,
    /// Effective score values this term, per team.
    pub scores: &'a [Option<u8>],
    /// Effective score values in the previous term with scores, per team.
    pub previous: Option<&'a [Option<u8>]>,
    pub composite: Option<f64>,
    pub previous_composite: Option<f64>,
    pub inspection: Option<&'a Inspection>,
    /// Category index and label of the current category.
    pub category: Option<usize>,
    pub terms_in_category: Option<i32>,
}

impl Ctx<'_> {
    /// Dataset term indices of the last `n` consecutive terms ending at this one, newest first;
    /// `None` when the history is shorter or has a gap.
    fn lookback(&self, n: usize) -> Option<impl Iterator<Item = usize> + '_> {
        if n > self.term_idx + 1 {
            return None;
        }
        let now = self.data.terms[self.term_idx].term.ordinal();
        let first = self.term_idx + 1 - n;
        let oldest = self.data.terms[first].term.ordinal();
        if now - oldest != n as i32 - 1 {
            return None;
        }
        Some((first..=self.term_idx).rev())
    }

    fn value(&self, t: usize, team: usize) -> Option<u8> {
        if t == self.term_idx {
            self.scores[team]
        } else {
            effective_value(self.compiled, self.data, t, self.school, team)
        }
    }

    fn team(&self, team: usize) -> &str {
        &self.config.teams[team].label
    }

    fn team_scored(&self, team: usize, v: u8) -> String {
        format!("{} {v} ({})", self.team(team), self.config.scale.label(v))
    }

    fn level(&self) -> Option<u8> {
        self.category.map(|c| self.compiled.levels[c])
    }
}

/// Does `cond` hold? When `ev` is given and it holds, push the evidence.
pub fn eval(cond: &Cond, x: &Ctx, ev: Option<&mut Vec<String>>) -> bool {
    match cond {
        Cond::All(_) | Cond::Any(_) | Cond::Not(_) => logic(cond, x, ev),
        Cond::TeamAtLeast { .. }
        | Cond::TeamAtMost { .. }
        | Cond::TeamsAtLeast { .. }
        | Cond::AllTeamsAtMost { .. }
        | Cond::TeamRise { .. } => team_scores(cond, x, ev),
        Cond::CompositeAtLeast(_) | Cond::CompositeRise(_) => composite(cond, x, ev),
        Cond::LegacyGrade(_)
        | Cond::OfstedConcern(_)
        | Cond::ReportCardArea { .. }
        | Cond::SafeguardingMet(_) => inspection(cond, x, ev),
        Cond::Maintained(_)
        | Cond::Phase(_)
        | Cond::TermsInCategoryAtLeast(_)
        | Cond::CategoryAtLeast(_)
        | Cond::CategoryAtMost(_)
        | Cond::Indicator { .. } => school(cond, x, ev),
    }
}

/// `all`, `any` and `not`.
fn logic(cond: &Cond, x: &Ctx, ev: Option<&mut Vec<String>>) -> bool {
    match cond {
        Cond::All(cs) => {
            // Test first, then gather evidence, so a failing `all` leaves nothing behind.
            if !cs.iter().all(|c| eval(c, x, None)) {
                return false;
            }
            if let Some(ev) = ev {
                for c in cs {
                    eval(c, x, Some(ev));
                }
            }
            true
        }
        Cond::Any(cs) => match cs.iter().find(|c| eval(c, x, None)) {
            Some(c) => {
                if let Some(ev) = ev {
                    eval(c, x, Some(ev));
                }
                true
            }
            None => false,
        },
        Cond::Not(c) => !eval(c, x, None),
        _ => false,
    }
}

/// Conditions on teams' scores, this term or over several.
fn team_scores(cond: &Cond, x: &Ctx, ev: Option<&mut Vec<String>>) -> bool {
    match cond {
        Cond::TeamAtLeast { .. } | Cond::TeamAtMost { .. } => team_over_terms(cond, x, ev),
        Cond::TeamsAtLeast {
            score,
            count,
            teams,
        } => {
            let n = teams
                .iter()
                .filter(|t| x.scores[**t].is_some_and(|v| v >= *score))
                .count();
            if n < *count {
                return false;
            }
            if let Some(ev) = ev {
                let which: Vec<String> = teams
                    .iter()
                    .filter_map(|t| {
                        x.scores[*t]
                            .filter(|v| v >= score)
                            .map(|v| x.team_scored(*t, v))
                    })
                    .collect();
                ev.push(format!("{} this term", which.join(" and ")));
            }
            true
        }
        Cond::AllTeamsAtMost {
            score,
            terms,
            teams,
        } => {
            let Some(ts) = x.lookback(*terms) else {
                return false;
            };
            // Each term needs at least one score: no evidence is not low risk.
            let holds = ts.collect::<Vec<_>>().into_iter().all(|t| {
                let mut any = false;
                let all = teams.iter().all(|team| match x.value(t, *team) {
                    Some(v) => {
                        any = true;
                        v <= *score
                    }
                    None => true,
                });
                all && any
            });
            if holds {
                if let Some(ev) = ev {
                    ev.push(if *terms == 1 {
                        format!("all teams ≤ {score} this term")
                    } else {
                        format!("all teams ≤ {score} for {terms} terms")
                    });
                }
            }
            holds
        }
        Cond::TeamRise { teams, by } => {
            let Some(prev) = x.previous else {
                return false;
            };
            let rise = |t: &usize| match (prev[*t], x.scores[*t]) {
                (Some(a), Some(b)) if b >= a.saturating_add(*by) => Some((a, b)),
                _ => None,
            };
            let Some(t) = teams.iter().find(|t| rise(t).is_some()) else {
                return false;
            };
            if let (Some(ev), Some((a, b))) = (ev, rise(t)) {
                ev.push(format!(
                    "{} up {} since last term ({a} → {b})",
                    x.team(*t),
                    b - a
                ));
            }
            true
        }
        _ => false,
    }
}

/// One team's score at least (or at most) a level, this term or for several terms running.
fn team_over_terms(cond: &Cond, x: &Ctx, ev: Option<&mut Vec<String>>) -> bool {
    match cond {
        Cond::TeamAtLeast { team, score, terms } | Cond::TeamAtMost { team, score, terms } => {
            let at_least = matches!(cond, Cond::TeamAtLeast { .. });
            let ok =
                |v: Option<u8>| v.is_some_and(|v| if at_least { v >= *score } else { v <= *score });
            if *terms == 1 {
                let v = x.scores[*team];
                if !ok(v) {
                    return false;
                }
                if let (Some(ev), Some(v)) = (ev, v) {
                    ev.push(format!("{} this term", x.team_scored(*team, v)));
                }
                return true;
            }
            let Some(mut ts) = x.lookback(*terms) else {
                return false;
            };
            if !ts.all(|t| ok(x.value(t, *team))) {
                return false;
            }
            if let (Some(ev), Some(ts)) = (ev, x.lookback(*terms)) {
                let vals: Vec<String> = ts
                    .collect::<Vec<_>>()
                    .into_iter()
                    .rev()
                    .map(|t| x.value(t, *team).map(|v| v.to_string()).unwrap_or_default())
                    .collect();
                ev.push(format!(
                    "{} {} {score} for {terms} terms ({})",
                    x.team(*team),
                    if at_least { "≥" } else { "≤" },
                    vals.join(", ")
                ));
            }
            true
        }
        _ => false,
    }
}

/// Conditions on the composite.
fn composite(cond: &Cond, x: &Ctx, ev: Option<&mut Vec<String>>) -> bool {
    match cond {
        Cond::CompositeAtLeast(min) => match x.composite {
            Some(c) if c >= *min - 1e-9 => {
                if let Some(ev) = ev {
                    ev.push(format!("composite {c:.1}"));
                }
                true
            }
            _ => false,
        },
        Cond::CompositeRise(by) => match (x.previous_composite, x.composite) {
            (Some(a), Some(b)) if b - a >= *by - 1e-9 => {
                if let Some(ev) = ev {
                    ev.push(format!(
                        "composite up {:.1} since last term ({a:.1} → {b:.1})",
                        b - a
                    ));
                }
                true
            }
            _ => false,
        },
        _ => false,
    }
}

/// Conditions on the latest inspection.
fn inspection(cond: &Cond, x: &Ctx, ev: Option<&mut Vec<String>>) -> bool {
    match cond {
        Cond::LegacyGrade(grades) => match x.inspection {
            Some(
                i @ Inspection {
                    outcome: InspectionOutcome::Legacy { grade, .. },
                    ..
                },
            ) if grades.contains(grade) => {
                if let Some(ev) = ev {
                    ev.push(format!("Ofsted grade {grade} on {}", date(i)));
                }
                true
            }
            _ => false,
        },
        Cond::OfstedConcern(concerns) => match x.inspection {
            Some(
                i @ Inspection {
                    outcome:
                        InspectionOutcome::Legacy {
                            concern: Some(c), ..
                        },
                    ..
                },
            ) if concerns.contains(c) => {
                if let Some(ev) = ev {
                    ev.push(format!("Ofsted {} on {}", c.label(), date(i)));
                }
                true
            }
            _ => false,
        },
        Cond::ReportCardArea { area, grade } => {
            let Some(
                i @ Inspection {
                    outcome: InspectionOutcome::ReportCard { areas, .. },
                    ..
                },
            ) = x.inspection
            else {
                return false;
            };
            // Worse grades sort later.
            let hit = areas
                .iter()
                .filter(|(a, g)| area.is_none_or(|w| w == *a) && g >= grade)
                .max_by_key(|(_, g)| *g);
            match hit {
                Some((a, g)) => {
                    if let Some(ev) = ev {
                        ev.push(format!(
                            "report card {}: {} {}",
                            date(i),
                            a.label(),
                            g.label()
                        ));
                    }
                    true
                }
                None => false,
            }
        }
        Cond::SafeguardingMet(want) => match x.inspection {
            Some(
                i @ Inspection {
                    outcome:
                        InspectionOutcome::ReportCard {
                            safeguarding_met, ..
                        },
                    ..
                },
            ) if safeguarding_met == want => {
                if let Some(ev) = ev {
                    let met = if *want { "met" } else { "not met" };
                    ev.push(format!("safeguarding {met} (report card {})", date(i)));
                }
                true
            }
            _ => false,
        },
        _ => false,
    }
}

/// Conditions on the school itself: its type, phase, category and indicators.
fn school(cond: &Cond, x: &Ctx, ev: Option<&mut Vec<String>>) -> bool {
    match cond {
        Cond::Maintained(want) => {
            let holds = x.data.schools[x.school].maintained == *want;
            if let (true, Some(ev)) = (holds, ev) {
                ev.push(
                    if *want {
                        "maintained school"
                    } else {
                        "not maintained by the authority"
                    }
                    .into(),
                );
            }
            holds
        }
        Cond::Phase(phases) => {
            let p = x.data.schools[x.school].phase;
            let holds = phases.contains(&p);
            if let (true, Some(ev)) = (holds, ev) {
                ev.push(format!("{} school", p.label()));
            }
            holds
        }
        Cond::TermsInCategoryAtLeast(n) => match (x.terms_in_category, x.category) {
            (Some(t), Some(c)) if t >= *n => {
                if let Some(ev) = ev {
                    ev.push(format!("{t} terms in {}", x.config.categories[c].label));
                }
                true
            }
            _ => false,
        },
        Cond::CategoryAtLeast(level) | Cond::CategoryAtMost(level) => {
            let at_least = matches!(cond, Cond::CategoryAtLeast(_));
            let holds = x
                .level()
                .is_some_and(|l| if at_least { l >= *level } else { l <= *level });
            if let (true, Some(ev), Some(c)) = (holds, ev, x.category) {
                ev.push(format!("currently {}", x.config.categories[c].label));
            }
            holds
        }
        Cond::Indicator {
            team,
            name,
            min,
            max,
        } => {
            let ts = &x.data.terms[x.term_idx];
            let (lo, hi) = match team {
                Some(t) => (*t, *t + 1),
                None => (0, x.scores.len()),
            };
            let found = (lo..hi).find_map(|t| {
                ts.indicators_for(x.school, t)
                    .iter()
                    .find(|i| *i.name == **name)
                    .map(|i| i.value)
                    .filter(|v| min.is_none_or(|m| *v >= m) && max.is_none_or(|m| *v < m))
            });
            match found {
                Some(v) => {
                    if let Some(ev) = ev {
                        ev.push(format!("{name} {}", fmt_num(v)));
                    }
                    true
                }
                None => false,
            }
        }
        _ => false,
    }
}

fn date(i: &Inspection) -> String {
    i.date.format("%-d %b %Y").to_string()
}
