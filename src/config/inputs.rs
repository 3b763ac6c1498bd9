//! Where input comes from: which GIAS establishments become the register, the recipes that
//! turn per-school files into a team's indicators, and how big a file termly will read.

use super::Config;
use serde::Deserialize;
use std::collections::BTreeMap;
use std::path::PathBuf;

#[derive(Debug, Clone, Deserialize, PartialEq)]
#[serde(deny_unknown_fields)]
pub struct RegisterConfig {
    /// GIAS establishment groups that become the register.
    #[serde(default = "default_gias_groups")]
    pub gias_groups: Vec<String>,
}

impl Default for RegisterConfig {
    fn default() -> Self {
        RegisterConfig {
            gias_groups: default_gias_groups(),
        }
    }
}

fn default_gias_groups() -> Vec<String> {
    crate::gias_groups::DEFAULT_GROUPS
        .iter()
        .map(|g| g.to_string())
        .collect()
}

/// `[[sources]]`: which columns of a per-school file become which indicators of a team.
#[derive(Debug, Clone, Deserialize, PartialEq)]
#[serde(deny_unknown_fields)]
pub struct SourceConfig {
    pub name: String,
    pub team: String,
    /// The file, relative to the config file's folder.
    pub file: PathBuf,
    /// The header of the URN column.
    #[serde(default = "default_urn_column")]
    pub urn: String,
    /// The header of the local-authority column; rows of other authorities are skipped
    /// (the authority is `--la` or `[data] la_code`).
    #[serde(default)]
    pub la: Option<String>,
    /// Indicator name = column header.
    pub columns: BTreeMap<String, String>,
    /// For a workbook: the sheet to read (default: the first visible sheet).
    #[serde(default)]
    pub sheet: Option<String>,
}

fn default_urn_column() -> String {
    "URN".to_string()
}

/// How much termly will read, so that no input, however made, can take the machine: a
/// workbook of a few kilobytes can claim gigabytes once unpacked. Each workbook reader
/// counts against these as it streams, and refuses the file naming the limit it passed.
#[derive(Debug, Clone, Deserialize, PartialEq)]
#[serde(deny_unknown_fields)]
pub struct LimitsConfig {
    /// The largest input file termly reads, in megabytes.
    #[serde(default = "default_max_file_mb")]
    pub max_file_mb: u64,
    /// The most a workbook may unpack to, all its parts together, in megabytes.
    #[serde(default = "default_max_unpacked_mb")]
    pub max_unpacked_mb: u64,
    /// The most cells a workbook's sheets may hold (repeated rows and columns counted out).
    #[serde(default = "default_max_cells")]
    pub max_cells: u64,
    /// The most shared strings an xlsx workbook may hold.
    #[serde(default = "default_max_shared_strings")]
    pub max_shared_strings: u64,
    /// The most text its shared strings may hold together, in megabytes.
    #[serde(default = "default_max_shared_string_mb")]
    pub max_shared_string_mb: u64,
}

impl Default for LimitsConfig {
    fn default() -> Self {
        LimitsConfig {
            max_file_mb: default_max_file_mb(),
            max_unpacked_mb: default_max_unpacked_mb(),
            max_cells: default_max_cells(),
            max_shared_strings: default_max_shared_strings(),
            max_shared_string_mb: default_max_shared_string_mb(),
        }
    }
}

fn default_max_file_mb() -> u64 {
    1024
}

fn default_max_unpacked_mb() -> u64 {
    96
}

fn default_max_cells() -> u64 {
    750_000
}

fn default_max_shared_strings() -> u64 {
    500_000
}

fn default_max_shared_string_mb() -> u64 {
    16
}

impl LimitsConfig {
    pub fn max_file_bytes(&self) -> u64 {
        self.max_file_mb.saturating_mul(1024 * 1024)
    }
}

impl RegisterConfig {
    pub(super) fn validate(&self) -> Result<(), String> {
        use crate::gias_groups::{Group, ALL_GROUPS};
        for g in &self.gias_groups {
            if Group::parse(g).is_none() {
                let known: Vec<&str> = ALL_GROUPS.iter().map(|g| g.name()).collect();
                return Err(format!(
                    "register.gias_groups: `{g}` is not a GIAS group; expected any of {}",
                    known.join(", ")
                ));
            }
        }
        Ok(())
    }
}

impl Config {
    /// The recipe called `name`.
    pub fn source(&self, name: &str) -> Option<&SourceConfig> {
        self.sources.iter().find(|s| s.name == name)
    }

    pub(super) fn validate_sources(&self) -> Result<(), String> {
        let mut seen = std::collections::HashSet::new();
        for s in &self.sources {
            if !seen.insert(&s.name) {
                return Err(format!("sources: `{}` is listed twice", s.name));
            }
            if self.team_index(&s.team).is_none() {
                return Err(format!(
                    "sources `{}`: team `{}` is not a configured team",
                    s.name, s.team
                ));
            }
            if s.columns.is_empty() {
                return Err(format!(
                    "sources `{}`: [sources.columns] names no indicator",
                    s.name
                ));
            }
        }
        Ok(())
    }
}

#[cfg(test)]
mod tests {
    use super::super::{Config, DEFAULT_CONFIG};
    use std::path::PathBuf;

    #[test]
    fn register_groups_and_sources_are_checked() {
        let load = |text: &str| {
            Config::from_sources(Some(("a.toml".into(), text.into())), PathBuf::from("."))
        };
        let e = load("[register]\ngias_groups = [\"Schools\"]\n").unwrap_err();
        assert!(e.to_string().contains("not a GIAS group"), "{e}");
        let e = load("[register]\ngias_grups = []\n").unwrap_err();
        assert!(e.to_string().contains("a.toml:2:1"), "{e}");
        let ok = load("[[sources]]\nname = \"abs\"\nteam = \"attendance\"\nfile = \"a.csv\"\n[sources.columns]\npa = \"PPERSABS10\"\n").unwrap();
        assert_eq!(ok.source("abs").unwrap().urn, "URN");
        let e = load("[[sources]]\nname = \"abs\"\nteam = \"nobody\"\nfile = \"a.csv\"\n[sources.columns]\npa = \"P\"\n").unwrap_err();
        assert!(e.to_string().contains("not a configured team"), "{e}");
        let e = load("[[sources]]\nname = \"abs\"\nteam = \"hr\"\nfile = \"a.csv\"\nurn_col = \"x\"\n[sources.columns]\npa = \"P\"\n").unwrap_err();
        assert!(e.to_string().contains("urn_col"), "{e}");
    }

    #[test]
    fn commented_recipes_load_when_uncommented() {
        let block = DEFAULT_CONFIG
            .split("# Absence (england_abs.csv)")
            .nth(1)
            .and_then(|rest| rest.split("# ── Screen").next())
            .unwrap();
        let toml: String = block
            .lines()
            .filter_map(|l| l.strip_prefix("# "))
            .filter(|l| {
                l.starts_with('[') || l.starts_with('{') || l.starts_with(']') || l.contains(" = ")
            })
            .map(|l| format!("{l}\n"))
            .collect();
        let c =
            Config::from_sources(Some(("recipes.toml".into(), toml)), PathBuf::from(".")).unwrap();
        let names: Vec<&str> = c.sources.iter().map(|s| s.name.as_str()).collect();
        assert_eq!(names, ["absence", "ks4", "ks2", "cfr", "census"]);
        assert_eq!(c.source("ks4").unwrap().columns["progress8"], "P8MEA");
        // The recipes' three rules come first; the three built-in rules stay in force.
        assert_eq!(c.policy.banding.len(), 6);
    }
}
