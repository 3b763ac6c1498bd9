//! Check the `[policy]` section against the rest of the configuration and turn names into
//! indices once, so assessing 24,000 schools never looks a name up.

use super::rules::{BandingRule, Condition, IndicatorCondition, RangeConfig};
use super::Config;
use crate::model::{Area, AreaGrade, Concern, Phase};

/// A banding rule with its team resolved.
#[derive(Debug, Clone)]
pub struct Banding {
    pub rule: BandingRule,
    pub team: usize,
    /// The indicator is listed under `[confidential]`: its value stays out of flag and
    /// reason text (the detail pane shows it behind R).
    pub confidential: bool,
}

impl Banding {
    pub fn applies_to(&self, phase: Phase, establishment_type: &str) -> bool {
        self.rule.phases.as_ref().is_none_or(|p| p.contains(&phase))
            && self.rule.establishment_types.as_ref().is_none_or(|types| {
                types
                    .iter()
                    .any(|t| t.eq_ignore_ascii_case(establishment_type.trim()))
            })
    }

    pub fn range_for(&self, value: f64) -> Option<&RangeConfig> {
        self.rule.ranges.iter().find(|r| r.contains(value))
    }

    pub fn flag_label(&self) -> &str {
        self.rule.label.as_deref().unwrap_or(&self.rule.indicator)
    }

    /// The indicator's value as flag and reason text show it.
    pub fn shown_value(&self, value: f64) -> String {
        if self.confidential {
            "(confidential)".into()
        } else {
            format!("{}{}", crate::model::fmt_num(value), self.rule.unit)
        }
    }
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Consequence {
    AtLeast(usize),
    StepDownTo(usize),
    StepDownNext,
}

#[derive(Debug, Clone)]
pub struct Rule {
    pub name: String,
    pub sentence: Option<String>,
    pub consequence: Consequence,
    pub when: Cond,
}

/// [`Condition`] with teams and categories as indices (categories as levels).
#[derive(Debug, Clone)]
pub enum Cond {
    All(Vec<Cond>),
    Any(Vec<Cond>),
    Not(Box<Cond>),
    TeamAtLeast {
        team: usize,
        score: u8,
        terms: usize,
    },
    TeamAtMost {
        team: usize,
        score: u8,
        terms: usize,
    },
    TeamsAtLeast {
        score: u8,
        count: usize,
        teams: Vec<usize>,
    },
    AllTeamsAtMost {
        score: u8,
        terms: usize,
        teams: Vec<usize>,
    },
    TeamRise {
        teams: Vec<usize>,
        by: u8,
    },
    CompositeAtLeast(f64),
    CompositeRise(f64),
    LegacyGrade(Vec<u8>),
    OfstedConcern(Vec<Concern>),
    ReportCardArea {
        area: Option<Area>,
        grade: AreaGrade,
    },
    SafeguardingMet(bool),
    Maintained(bool),
    Phase(Vec<Phase>),
    TermsInCategoryAtLeast(i32),
    CategoryAtLeast(u8),
    CategoryAtMost(u8),
    Indicator {
        team: Option<usize>,
        name: String,
        min: Option<f64>,
        max: Option<f64>,
    },
}

/// The policy ready to run.
#[derive(Debug, Clone)]
pub struct Compiled {
    /// Per team: banding rules for that team, in config order.
    pub banding: Vec<Vec<Banding>>,
    pub rules: Vec<Rule>,
    /// Levels of every category, in config order.
    pub levels: Vec<u8>,
}

/// Check and resolve. Every message names the rule it is about.
pub fn compile(config: &Config) -> Result<Compiled, String> {
    let policy = &config.policy;
    let n_teams = config.teams.len();
    let mut banding: Vec<Vec<Banding>> = vec![Vec::new(); n_teams];
    for b in &policy.banding {
        let at = || format!("policy banding rule `{}`", b.name);
        let team = team_index(config, &b.team).ok_or_else(|| {
            format!(
                "{}: unknown team `{}` ({})",
                at(),
                b.team,
                known_teams(config)
            )
        })?;
        if b.ranges.is_empty() {
            return Err(format!("{}: no ranges", at()));
        }
        for r in &b.ranges {
            if !config.scale.contains(r.score as i64) {
                return Err(format!(
                    "{}: score {} is off the scale {}..={}",
                    at(),
                    r.score,
                    config.scale.min,
                    config.scale.max
                ));
            }
            if let (Some(lo), Some(hi)) = (r.min, r.max) {
                if lo >= hi {
                    return Err(format!("{}: a range has min {lo} not below max {hi}", at()));
                }
            }
        }
        banding[team].push(Banding {
            rule: b.clone(),
            team,
            confidential: config.confidential.indicator(&b.indicator),
        });
    }
    let mut rules = Vec::with_capacity(policy.rules.len());
    for r in &policy.rules {
        let at = format!("policy rule `{}`", r.name);
        let category = |key: &str| {
            config.category_index(key).ok_or_else(|| {
                format!(
                    "{at}: unknown category `{key}` ({})",
                    known_categories(config)
                )
            })
        };
        let consequence = match (&r.at_least, &r.step_down_to, r.step_down) {
            (Some(c), None, false) => Consequence::AtLeast(category(c)?),
            (None, Some(c), false) => Consequence::StepDownTo(category(c)?),
            (None, None, true) => Consequence::StepDownNext,
            _ => {
                return Err(format!(
                    "{at}: give exactly one of `at_least`, `step_down_to` or `step_down = true`"
                ))
            }
        };
        if let Some(s) = &r.sentence {
            check_template(s).map_err(|m| format!("{at}: {m}"))?;
        }
        let when = cond(config, &r.when).map_err(|m| format!("{at}: {m}"))?;
        rules.push(Rule {
            name: r.name.clone(),
            sentence: r.sentence.clone(),
            consequence,
            when,
        });
    }
    Ok(Compiled {
        banding,
        rules,
        levels: config.categories.iter().map(|c| c.level).collect(),
    })
}

fn team_index(config: &Config, key: &str) -> Option<usize> {
    config.team_index(key)
}

fn known_teams(config: &Config) -> String {
    let keys: Vec<&str> = config.teams.iter().map(|t| t.key.as_str()).collect();
    format!("teams are {}", keys.join(", "))
}

fn known_categories(config: &Config) -> String {
    let keys: Vec<&str> = config.categories.iter().map(|c| c.key.as_str()).collect();
    format!("categories are {}", keys.join(", "))
}

fn check_template(s: &str) -> Result<(), String> {
    let mut rest = s;
    while let Some(open) = rest.find('{') {
        let after = &rest[open + 1..];
        let close = after
            .find('}')
            .ok_or_else(|| format!("sentence has an unclosed `{{`: {s:?}"))?;
        let name = &after[..close];
        if !matches!(name, "evidence" | "category" | "consequence") {
            return Err(format!(
                "sentence names `{{{name}}}`; use {{evidence}}, {{category}} or {{consequence}}"
            ));
        }
        rest = &after[close + 1..];
    }
    Ok(())
}

fn cond(config: &Config, c: &Condition) -> Result<Cond, String> {
    let team = |key: &str| checked_team(config, key);
    let teams = |keys: &Option<Vec<String>>| checked_teams(config, keys);
    let level = |key: &str| checked_level(config, key);
    let score = |s: u8| checked_score(config, s);
    let all = |v: &[Condition]| -> Result<Vec<Cond>, String> {
        v.iter().map(|c| cond(config, c)).collect()
    };
    Ok(match c {
        Condition::All(v) => Cond::All(all(v)?),
        Condition::Any(v) => Cond::Any(all(v)?),
        Condition::Not(c) => Cond::Not(Box::new(cond(config, c)?)),
        Condition::TeamAtLeast(t) => Cond::TeamAtLeast {
            team: team(&t.team)?,
            score: score(t.score)?,
            terms: checked_terms(t.terms)?,
        },
        Condition::TeamAtMost(t) => Cond::TeamAtMost {
            team: team(&t.team)?,
            score: score(t.score)?,
            terms: checked_terms(t.terms)?,
        },
        Condition::TeamsAtLeast(t) => Cond::TeamsAtLeast {
            score: score(t.score)?,
            count: t.count.max(1) as usize,
            teams: teams(&t.teams)?,
        },
        Condition::AllTeamsAtMost(t) => Cond::AllTeamsAtMost {
            score: score(t.score)?,
            terms: checked_terms(t.terms)?,
            teams: teams(&t.teams)?,
        },
        Condition::TeamRise(t) => Cond::TeamRise {
            teams: match &t.team {
                Some(k) => vec![team(k)?],
                None => (0..config.teams.len()).collect(),
            },
            by: t.by,
        },
        Condition::CompositeAtLeast(x) => Cond::CompositeAtLeast(*x),
        Condition::CompositeRise(x) => Cond::CompositeRise(*x),
        Condition::LegacyGrade(g) => {
            if let Some(bad) = g.iter().find(|g| !(1..=4).contains(*g)) {
                return Err(format!("legacy grade {bad} is not 1..=4"));
            }
            Cond::LegacyGrade(g.clone())
        }
        Condition::OfstedConcern(c) => Cond::OfstedConcern(c.clone()),
        Condition::ReportCardArea(r) => Cond::ReportCardArea {
            area: r.area,
            grade: r.grade,
        },
        Condition::SafeguardingMet(b) => Cond::SafeguardingMet(*b),
        Condition::Maintained(b) => Cond::Maintained(*b),
        Condition::Phase(p) => Cond::Phase(p.clone()),
        Condition::TermsInCategoryAtLeast(n) => Cond::TermsInCategoryAtLeast(*n as i32),
        Condition::CategoryAtLeast(k) => Cond::CategoryAtLeast(level(k)?),
        Condition::CategoryAtMost(k) => Cond::CategoryAtMost(level(k)?),
        Condition::Indicator(i) => indicator_cond(config, i)?,
    })
}

fn checked_team(config: &Config, key: &str) -> Result<usize, String> {
    team_index(config, key).ok_or_else(|| format!("unknown team `{key}` ({})", known_teams(config)))
}

/// The named teams, or every team when none are named.
fn checked_teams(config: &Config, keys: &Option<Vec<String>>) -> Result<Vec<usize>, String> {
    match keys {
        None => Ok((0..config.teams.len()).collect()),
        Some(k) => k.iter().map(|key| checked_team(config, key)).collect(),
    }
}

/// A category's level, for comparing categories.
fn checked_level(config: &Config, key: &str) -> Result<u8, String> {
    config
        .category(key)
        .map(|c| c.level)
        .ok_or_else(|| format!("unknown category `{key}` ({})", known_categories(config)))
}

fn checked_score(config: &Config, s: u8) -> Result<u8, String> {
    if config.scale.contains(s as i64) {
        Ok(s)
    } else {
        Err(format!(
            "score {s} is off the scale {}..={}",
            config.scale.min, config.scale.max
        ))
    }
}

fn checked_terms(n: u32) -> Result<usize, String> {
    if n == 0 {
        Err("terms must be 1 or more".to_string())
    } else {
        Ok(n as usize)
    }
}

/// An indicator condition must name an indicator the policy knows, so a typo is an error.
fn indicator_cond(config: &Config, i: &IndicatorCondition) -> Result<Cond, String> {
    let known = config.policy.indicators.contains(&i.name)
        || config.policy.banding.iter().any(|b| b.indicator == i.name);
    if !known {
        return Err(format!(
            "unknown indicator `{}` (name it in a banding rule or in [policy] indicators)",
            i.name
        ));
    }
    Ok(Cond::Indicator {
        team: i
            .team
            .as_deref()
            .map(|k| checked_team(config, k))
            .transpose()?,
        name: i.name.clone(),
        min: i.min,
        max: i.max,
    })
}
