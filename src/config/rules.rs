//! The `[policy]` section as written in TOML: banding rules (indicator → score) and
//! suggestion rules (condition → "at least" a category, or "consider a step down").
//! Checked and turned into indices once by [`super::compile`].

use crate::model::{Area, AreaGrade, Concern, Phase};
use serde::Deserialize;

/// Policy rules from `[policy]` in the configuration.
#[derive(Debug, Clone, Deserialize, Default, PartialEq)]
#[serde(deny_unknown_fields)]
pub struct PolicyConfig {
    /// Indicator names rules may use besides those named by banding rules.
    #[serde(default)]
    pub indicators: Vec<String>,
    /// Turn an indicator into a score when a team sends indicators only; raise flags.
    #[serde(default)]
    pub banding: Vec<BandingRule>,
    /// Suggestion rules, each with a condition (`when`) and a consequence.
    #[serde(default)]
    pub rules: Vec<RuleConfig>,
}

#[derive(Debug, Clone, Copy, Deserialize, PartialEq, Eq)]
#[serde(rename_all = "snake_case")]
pub enum FlagConfig {
    Minor,
    Major,
}

/// One band of an indicator: `min` inclusive, `max` exclusive; a missing end is open.
#[derive(Debug, Clone, Deserialize, PartialEq)]
#[serde(deny_unknown_fields)]
pub struct RangeConfig {
    #[serde(default)]
    pub min: Option<f64>,
    #[serde(default)]
    pub max: Option<f64>,
    pub score: u8,
    #[serde(default)]
    pub flag: Option<FlagConfig>,
}

impl RangeConfig {
    pub fn contains(&self, v: f64) -> bool {
        self.min.is_none_or(|m| v >= m) && self.max.is_none_or(|m| v < m)
    }
}

#[derive(Debug, Clone, Deserialize, PartialEq)]
#[serde(deny_unknown_fields)]
pub struct BandingRule {
    pub name: String,
    pub team: String,
    pub indicator: String,
    /// Only schools of these phases (all when absent).
    #[serde(default)]
    pub phases: Option<Vec<Phase>>,
    /// Only these establishment types, GIAS wording, case-insensitive (all when absent).
    #[serde(default)]
    pub establishment_types: Option<Vec<String>>,
    /// Short name for flags, e.g. "PA" gives "PA 31%".
    #[serde(default)]
    pub label: Option<String>,
    /// Printed after the value, e.g. "%".
    #[serde(default)]
    pub unit: String,
    pub ranges: Vec<RangeConfig>,
}

#[derive(Debug, Clone, Deserialize, PartialEq)]
#[serde(deny_unknown_fields)]
pub struct RuleConfig {
    pub name: String,
    /// Template: `{evidence}` (the values that made it fire), `{category}` (label),
    /// `{consequence}` ("at least Enhanced" / "consider a step down to Core").
    #[serde(default)]
    pub sentence: Option<String>,
    #[serde(default)]
    pub at_least: Option<String>,
    #[serde(default)]
    pub step_down_to: Option<String>,
    /// Step down to the next lower level (the first category of that level in config order).
    #[serde(default)]
    pub step_down: bool,
    pub when: Condition,
}

/// A condition on one school in one term. Missing data never satisfies a condition.
#[derive(Debug, Clone, Deserialize, PartialEq)]
#[serde(rename_all = "snake_case")]
pub enum Condition {
    All(Vec<Condition>),
    Any(Vec<Condition>),
    /// Gates without adding evidence.
    Not(Box<Condition>),
    /// This team scored `score` or more in each of the last `terms` consecutive terms.
    TeamAtLeast(TeamLevel),
    /// This team scored `score` or less in each of the last `terms` consecutive terms.
    TeamAtMost(TeamLevel),
    /// At least `count` of the teams (all, or those listed) scored `score` or more.
    TeamsAtLeast(TeamsAtLeast),
    /// Every team with a score scored `score` or less, in each of the last `terms` terms.
    AllTeamsAtMost(AllTeamsAtMost),
    /// A team's score (this team, or any) rose by `by` or more since the previous term.
    TeamRise(TeamRise),
    CompositeAtLeast(f64),
    /// Composite rose by this much or more since the previous term.
    CompositeRise(f64),
    /// The latest inspection is a legacy one with one of these grades.
    LegacyGrade(Vec<u8>),
    /// The latest inspection is a legacy one with one of these concerns.
    OfstedConcern(Vec<Concern>),
    /// The latest inspection is a report card with this area (or any area) graded `grade`
    /// or worse.
    ReportCardArea(ReportCardArea),
    /// The latest inspection is a report card with safeguarding met (true) or not met (false).
    SafeguardingMet(bool),
    Maintained(bool),
    Phase(Vec<Phase>),
    TermsInCategoryAtLeast(u32),
    /// The current category's level is at least / at most this category's.
    CategoryAtLeast(String),
    CategoryAtMost(String),
    /// An indicator this term: `min` inclusive, `max` exclusive.
    Indicator(IndicatorCondition),
}

#[derive(Debug, Clone, Deserialize, PartialEq)]
#[serde(deny_unknown_fields)]
pub struct TeamLevel {
    pub team: String,
    pub score: u8,
    #[serde(default = "one")]
    pub terms: u32,
}

#[derive(Debug, Clone, Deserialize, PartialEq)]
#[serde(deny_unknown_fields)]
pub struct TeamsAtLeast {
    pub score: u8,
    #[serde(default = "one")]
    pub count: u32,
    #[serde(default)]
    pub teams: Option<Vec<String>>,
}

#[derive(Debug, Clone, Deserialize, PartialEq)]
#[serde(deny_unknown_fields)]
pub struct AllTeamsAtMost {
    pub score: u8,
    #[serde(default = "one")]
    pub terms: u32,
    #[serde(default)]
    pub teams: Option<Vec<String>>,
}

#[derive(Debug, Clone, Deserialize, PartialEq)]
#[serde(deny_unknown_fields)]
pub struct TeamRise {
    #[serde(default)]
    pub team: Option<String>,
    pub by: u8,
}

#[derive(Debug, Clone, Deserialize, PartialEq)]
#[serde(deny_unknown_fields)]
pub struct ReportCardArea {
    #[serde(default)]
    pub area: Option<Area>,
    pub grade: AreaGrade,
}

#[derive(Debug, Clone, Deserialize, PartialEq)]
#[serde(deny_unknown_fields)]
pub struct IndicatorCondition {
    #[serde(default)]
    pub team: Option<String>,
    pub name: String,
    #[serde(default)]
    pub min: Option<f64>,
    #[serde(default)]
    pub max: Option<f64>,
}

fn one() -> u32 {
    1
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn range_min_inclusive_max_exclusive() {
        let r = RangeConfig {
            min: Some(15.0),
            max: Some(20.0),
            score: 2,
            flag: None,
        };
        for (v, want) in [(14.999, false), (15.0, true), (19.999, true), (20.0, false)] {
            assert_eq!(r.contains(v), want, "{v}");
        }
        let open = RangeConfig {
            min: None,
            max: None,
            score: 1,
            flag: None,
        };
        assert!(open.contains(-1e9) && open.contains(1e9));
    }

    #[test]
    fn conditions_read_from_toml() {
        let rule: RuleConfig = toml::from_str(
            "name = \"x\"\nat_least = \"enhanced\"\nwhen = { all = [\n  { legacy_grade = [3] },\n  { team_at_least = { team = \"hr\", score = 3, terms = 2 } },\n] }\n",
        )
        .unwrap();
        assert_eq!(
            rule.when,
            Condition::All(vec![
                Condition::LegacyGrade(vec![3]),
                Condition::TeamAtLeast(TeamLevel {
                    team: "hr".into(),
                    score: 3,
                    terms: 2
                }),
            ])
        );
        let typo = toml::from_str::<RuleConfig>(
            "name = \"x\"\nat_least = \"enhanced\"\nwhen = { team_at_least = { team = \"hr\", scor = 3 } }\n",
        );
        assert!(typo.unwrap_err().to_string().contains("scor"));
    }
}
