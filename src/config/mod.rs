//! Settings. The shipped, commented `config/termly.toml` is embedded as the default; a user
//! file given with `--config` is laid over it key by key (arrays replace arrays), and any key
//! termly does not know is an error that names the key and the file.

pub mod compile;
pub mod rules;

use rules::PolicyConfig;
use serde::Deserialize;
use std::collections::{BTreeMap, BTreeSet};
use std::path::{Path, PathBuf};

mod backslash_hint;
mod banding_layer;
mod circulation;
mod files;
mod inputs;
mod meeting;
mod paths;
pub mod place;
mod ranges;
mod words;

pub use circulation::MinutesConfig;
pub use files::{BackupConfig, DataConfig};
pub use inputs::{LimitsConfig, RegisterConfig, SourceConfig};
pub use meeting::MeetingConfig;

pub const DEFAULT_CONFIG: &str = include_str!("../../config/termly.toml");

#[derive(Debug, thiserror::Error)]
pub enum ConfigError {
    #[error("{file}: cannot read: {source}")]
    Read {
        file: String,
        source: std::io::Error,
    },
    #[error("{file}: {message}")]
    Invalid { file: String, message: String },
}

#[derive(Debug, Clone, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Config {
    pub teams: Vec<TeamConfig>,
    pub scale: ScaleConfig,
    pub composite: CompositeConfig,
    pub categories: Vec<CategoryConfig>,
    #[serde(default)]
    pub policy: PolicyConfig,
    pub capacity: CapacityConfig,
    /// How long the meeting is and how long an item takes (the header's time budget).
    #[serde(default)]
    pub meeting: MeetingConfig,
    pub data: DataConfig,
    #[serde(default)]
    pub ui: UiConfig,
    /// Comments and indicators kept off the shared screen and out of printed snapshots.
    #[serde(default)]
    pub confidential: ConfidentialConfig,
    /// Key overrides: mode → key → action, e.g. `[keys.grid] "x" = "confirm"`.
    #[serde(default)]
    pub keys: BTreeMap<String, BTreeMap<String, String>>,
    #[serde(default)]
    pub backup: BackupConfig,
    #[serde(default)]
    pub register: RegisterConfig,
    /// Recipes that turn a per-school file (DfE statistics…) into one team's indicators.
    #[serde(default)]
    pub sources: Vec<SourceConfig>,
    #[serde(default)]
    pub limits: LimitsConfig,
    /// What the circulated minutes carry: authority, marking, venue, distribution.
    #[serde(default)]
    pub minutes: MinutesConfig,
    /// The folder the built-in defaults' relative paths resolve against (`config/`); the
    /// paths a user's file sets were made absolute from that file's folder when loaded.
    #[serde(skip)]
    pub base_dir: PathBuf,
    /// Where the settings came from, for messages.
    #[serde(skip)]
    pub source: String,
    /// The path settings a user's file set (`data.register`, `backup.folder`…).
    #[serde(skip)]
    pub user_paths: BTreeSet<String>,
    /// The user's file (its name and text), to say where in it a setting is.
    #[serde(skip)]
    user_file: Option<(String, String)>,
}

#[derive(Debug, Clone, Deserialize, PartialEq)]
#[serde(deny_unknown_fields)]
pub struct TeamConfig {
    pub key: String,
    pub label: String,
    /// Column heading, three or four letters.
    pub short: Option<String>,
    #[serde(default = "one")]
    pub weight: f64,
    /// The header of the score column in this team's sheets (default `score`).
    #[serde(default)]
    pub score_column: Option<String>,
    /// The header of the comment column in this team's sheets (default `comment`).
    #[serde(default)]
    pub comment_column: Option<String>,
    /// Words this team writes for a score (`red = 4`, `amber = 3`, `green = 1`), accepted
    /// besides the scale's labels and `[scale.aliases]`.
    #[serde(default)]
    pub words: BTreeMap<String, u8>,
}

fn one() -> f64 {
    1.0
}

impl TeamConfig {
    pub fn short(&self) -> &str {
        self.short.as_deref().unwrap_or(&self.label)
    }
    /// The header of the score column in this team's sheets.
    pub fn score_header(&self) -> &str {
        self.score_column.as_deref().unwrap_or("score")
    }
    /// The header of the comment column in this team's sheets.
    pub fn comment_header(&self) -> &str {
        self.comment_column.as_deref().unwrap_or("comment")
    }
}

#[derive(Debug, Clone, Deserialize, PartialEq)]
#[serde(deny_unknown_fields)]
pub struct ScaleConfig {
    pub min: u8,
    pub max: u8,
    /// One label per level, lowest first.
    pub labels: Vec<String>,
    /// Words teams write for a level (`red = 4`), matched ignoring case and punctuation.
    #[serde(default)]
    pub aliases: BTreeMap<String, u8>,
}

impl ScaleConfig {
    pub fn label(&self, score: u8) -> &str {
        score
            .checked_sub(self.min)
            .and_then(|i| self.labels.get(i as usize))
            .map(String::as_str)
            .unwrap_or("?")
    }
    pub fn contains(&self, score: i64) -> bool {
        score >= self.min as i64 && score <= self.max as i64
    }
}

#[derive(Debug, Clone, Copy, Deserialize, PartialEq, Eq)]
#[serde(rename_all = "snake_case")]
pub enum CompositeMethod {
    Max,
    WeightedMean,
    CountAtLeast,
}

#[derive(Debug, Clone, Deserialize, PartialEq)]
#[serde(deny_unknown_fields)]
pub struct CompositeConfig {
    pub method: CompositeMethod,
    /// For `count_at_least`: the level a score must reach to count.
    #[serde(default)]
    pub threshold: Option<u8>,
    /// Bands, each starting at `from` (inclusive); the highest `from` not above the value wins.
    pub bands: Vec<BandConfig>,
}

#[derive(Debug, Clone, Deserialize, PartialEq)]
#[serde(deny_unknown_fields)]
pub struct BandConfig {
    pub label: String,
    pub from: f64,
}

#[derive(Debug, Clone, Deserialize, PartialEq)]
#[serde(deny_unknown_fields)]
pub struct CategoryConfig {
    pub key: String,
    pub label: String,
    /// Grid form, up to 8 characters.
    pub short: Option<String>,
    /// Intensity: "at least" compares levels. Variants (Focused: team around the school) share one.
    pub level: u8,
    pub sip_visits_maintained: u32,
    pub sip_visits_other: u32,
    /// LaMA hours a term. Give `lama_hours_year` instead for entitlements stated per year.
    #[serde(default)]
    pub lama_hours_term: Option<f64>,
    #[serde(default)]
    pub lama_hours_year: Option<f64>,
    #[serde(default)]
    pub reviews_year: u32,
    #[serde(default)]
    pub tag_meetings: bool,
    /// Terms after which a school is expected to have left this category.
    #[serde(default)]
    pub expected_exit_terms: Option<u32>,
}

impl CategoryConfig {
    pub fn short(&self) -> &str {
        self.short.as_deref().unwrap_or(&self.label)
    }
    pub fn lama_hours_per_term(&self) -> f64 {
        self.lama_hours_term
            .or(self.lama_hours_year.map(|y| y / 3.0))
            .unwrap_or(0.0)
    }
    pub fn sip_visits(&self, maintained: bool) -> u32 {
        if maintained {
            self.sip_visits_maintained
        } else {
            self.sip_visits_other
        }
    }
}

#[derive(Debug, Clone, Deserialize, PartialEq)]
#[serde(deny_unknown_fields)]
pub struct CapacityConfig {
    /// LaMA hours the service has each term.
    pub lama_hours_term: f64,
    /// One-day reviews the service can run in a year.
    #[serde(default)]
    pub reviews_year: Option<u32>,
    /// SIP visits the service can make in a year (shown and checked only when set).
    #[serde(default)]
    pub sip_visits_year: Option<u32>,
}

/// What is too private for the wall. A team key or indicator name that matches nothing is
/// simply never hidden (a config that drops the HR team keeps working).
#[derive(Debug, Clone, Deserialize, PartialEq)]
#[serde(deny_unknown_fields)]
pub struct ConfidentialConfig {
    /// Teams whose comments are confidential.
    #[serde(default = "default_confidential_teams")]
    pub teams: Vec<String>,
    /// Indicator names whose values are confidential, whichever team sends them.
    #[serde(default)]
    pub indicators: Vec<String>,
}

fn default_confidential_teams() -> Vec<String> {
    vec!["hr".into()]
}

impl Default for ConfidentialConfig {
    fn default() -> Self {
        ConfidentialConfig {
            teams: default_confidential_teams(),
            indicators: Vec::new(),
        }
    }
}

impl ConfidentialConfig {
    pub fn team(&self, key: &str) -> bool {
        self.teams.iter().any(|t| t == key)
    }
    pub fn indicator(&self, name: &str) -> bool {
        self.indicators.iter().any(|i| i == name)
    }
}

#[derive(Debug, Clone, Deserialize, PartialEq, Default)]
#[serde(deny_unknown_fields)]
pub struct UiConfig {
    /// dark, light, high-contrast, rag or monochrome.
    #[serde(default)]
    pub theme: Option<String>,
}

impl Config {
    /// The shipped defaults, with paths relative to `base_dir`.
    pub fn default_with_base(base_dir: &Path) -> Result<Config, ConfigError> {
        Config::from_sources(None, base_dir.to_path_buf())
    }

    /// Load: the embedded defaults, then `file` laid over them. Without a file, relative
    /// paths resolve against `./config` (where the shipped file lives in a checkout).
    pub fn load(file: Option<&Path>) -> Result<Config, ConfigError> {
        match file {
            None => Config::default_with_base(Path::new("config")),
            Some(path) => {
                let text = std::fs::read_to_string(path).map_err(|source| ConfigError::Read {
                    file: path.display().to_string(),
                    source,
                })?;
                let user_base = path
                    .parent()
                    .map(Path::to_path_buf)
                    .filter(|p| !p.as_os_str().is_empty())
                    .unwrap_or_else(|| PathBuf::from("."));
                Config::from_layers(
                    Some((path.display().to_string(), text)),
                    PathBuf::from("config"),
                    &user_base,
                )
            }
        }
    }

    /// Parse a user file's text (named `file` in messages) over the defaults, every
    /// relative path resolving from `base_dir`.
    pub fn from_sources(
        user: Option<(String, String)>,
        base_dir: PathBuf,
    ) -> Result<Config, ConfigError> {
        let user_base = base_dir.clone();
        Config::from_layers(user, base_dir, &user_base)
    }

    /// As [`Config::from_sources`], the defaults' paths resolving from `base_dir` and the
    /// paths the user's file sets from `user_base`.
    pub fn from_layers(
        user: Option<(String, String)>,
        base_dir: PathBuf,
        user_base: &Path,
    ) -> Result<Config, ConfigError> {
        let mut merged: toml::Table =
            DEFAULT_CONFIG
                .parse()
                .map_err(|e: toml::de::Error| ConfigError::Invalid {
                    file: "built-in config/termly.toml".into(),
                    message: e.to_string(),
                })?;
        let mut user_paths = BTreeSet::new();
        let source = match &user {
            Some((file, text)) => {
                let mut table: toml::Table =
                    text.parse()
                        .map_err(|e: toml::de::Error| ConfigError::Invalid {
                            file: match e.span() {
                                Some(span) => located(file, text, span.start),
                                None => file.clone(),
                            },
                            message: match e.span() {
                                Some(span) => backslash_hint::explain(
                                    e.message(),
                                    backslash_hint::line_at(text, span.start),
                                ),
                                None => e.message().to_string(),
                            },
                        })?;
                // With one base for both, the paths are already where they resolve from.
                let anchor_from = Some(user_base).filter(|b| *b != base_dir);
                user_paths = paths::anchor_user_paths(&mut table, anchor_from);
                paths::own_layout(&mut merged, &mut table, anchor_from);
                banding_layer::lay_banding(&mut merged, &mut table).map_err(|message| {
                    ConfigError::Invalid {
                        file: file.clone(),
                        message,
                    }
                })?;
                merge(&mut merged, table);
                file.clone()
            }
            None => "built-in config/termly.toml".to_string(),
        };
        let mut config: Config = deserialize(merged, user.as_ref(), &source)?;
        config.base_dir = base_dir;
        config.source = source.clone();
        config.user_paths = user_paths;
        config.user_file = user;
        config.validate().map_err(|message| ConfigError::Invalid {
            file: source.clone(),
            message,
        })?;
        if let Err(refusal) = config.check_ranges() {
            let key: Vec<&str> = refusal.key.iter().map(String::as_str).collect();
            return Err(ConfigError::Invalid {
                file: config.place(&key),
                message: format!("{}: {}", refusal.key.join("."), refusal.message),
            });
        }
        Ok(config)
    }

    /// `file:line:column` where the user's file sets the key at `path` (`["ui", "theme"]`),
    /// or the file's name when it does not set it.
    pub fn place(&self, path: &[&str]) -> String {
        match &self.user_file {
            Some((file, text)) => place::place_of(file, text, path).unwrap_or_else(|| file.clone()),
            None => self.source.clone(),
        }
    }

    /// Resolve a configured path against the config file's folder.
    pub fn resolve(&self, path: &Path) -> PathBuf {
        if path.is_absolute() {
            path.to_path_buf()
        } else {
            tidy_path(&self.base_dir.join(path))
        }
    }

    /// Whether the user's file set this path (`backup.folder`, `data.minutes`…).
    pub fn user_sets(&self, key: &str) -> bool {
        self.user_paths.contains(key)
    }

    /// The database file (for a PostgreSQL database, its URL as a path: see
    /// [`Config::database_location`]).
    pub fn database_path(&self) -> PathBuf {
        match self.database_location() {
            crate::location::Location::File(path) => path,
            crate::location::Location::Postgres(url) => PathBuf::from(url),
        }
    }

    /// Where the database is: a file (resolved from the config's folder) or a server.
    pub fn database_location(&self) -> crate::location::Location {
        match crate::location::Location::from_path(&self.data.database) {
            crate::location::Location::File(path) => {
                crate::location::Location::File(self.resolve(&path))
            }
            server => server,
        }
    }

    pub fn team_index(&self, key: &str) -> Option<usize> {
        self.teams.iter().position(|t| t.key == key)
    }

    /// The team keys in column order (the dataset's teams).
    pub fn team_keys(&self) -> Vec<String> {
        self.teams.iter().map(|t| t.key.clone()).collect()
    }

    pub fn category(&self, key: &str) -> Option<&CategoryConfig> {
        self.categories.iter().find(|c| c.key == key)
    }

    pub fn category_index(&self, key: &str) -> Option<usize> {
        self.categories.iter().position(|c| c.key == key)
    }

    /// Label for a category key, or the key itself when unknown.
    pub fn category_label<'a>(&'a self, key: &'a str) -> &'a str {
        self.category(key).map(|c| c.label.as_str()).unwrap_or(key)
    }

    fn validate(&self) -> Result<(), String> {
        if self.teams.is_empty() {
            return Err("at least one team is needed under [[teams]]".into());
        }
        let mut seen = std::collections::HashSet::new();
        for t in &self.teams {
            if !valid_key(&t.key) {
                return Err(format!(
                    "team key `{}` must be lower-case letters, digits and _",
                    t.key
                ));
            }
            if !seen.insert(&t.key) {
                return Err(format!("team `{}` is listed twice", t.key));
            }
            if !(t.weight.is_finite() && t.weight >= 0.0) {
                return Err(format!("team `{}`: weight must be zero or more", t.key));
            }
            for (word, &score) in &t.words {
                if !self.scale.contains(score as i64) {
                    return Err(format!(
                        "team `{}`: words: `{word}` = {score} is off the scale ({}..={})",
                        t.key, self.scale.min, self.scale.max
                    ));
                }
            }
        }
        if self.scale.min > self.scale.max {
            return Err("scale: min is above max".into());
        }
        let levels = (self.scale.max - self.scale.min) as usize + 1;
        if self.scale.labels.len() != levels {
            return Err(format!(
                "scale: {} labels given for {} levels ({}..={})",
                self.scale.labels.len(),
                levels,
                self.scale.min,
                self.scale.max
            ));
        }
        for (word, &score) in &self.scale.aliases {
            if !self.scale.contains(score as i64) {
                return Err(format!(
                    "scale.aliases: `{word}` = {score} is off the scale ({}..={})",
                    self.scale.min, self.scale.max
                ));
            }
        }
        self.register.validate()?;
        self.validate_sources()?;
        if self.composite.bands.is_empty() {
            return Err("composite: at least one band is needed".into());
        }
        if self.composite.method == CompositeMethod::CountAtLeast
            && self.composite.threshold.is_none()
        {
            return Err("composite: method count_at_least needs a threshold".into());
        }
        if self.categories.is_empty() {
            return Err("at least one category is needed under [[categories]]".into());
        }
        let mut seen = std::collections::HashSet::new();
        for c in &self.categories {
            if !seen.insert(&c.key) {
                return Err(format!("category `{}` is listed twice", c.key));
            }
        }
        // The policy rules must name known teams, categories and indicators.
        compile::compile(self).map(|_| ())
    }
}

/// `config/../fixtures/x.csv` → `fixtures/x.csv`, so messages show the path a person would
/// type. Purely lexical: a `..` after a symlinked folder is left alone only if it cannot be
/// folded (leading `..` stays).
pub fn tidy_path(path: &Path) -> PathBuf {
    use std::path::Component;
    let mut out: Vec<Component> = Vec::new();
    for part in path.components() {
        match part {
            Component::CurDir => {}
            Component::ParentDir => match out.last() {
                Some(Component::Normal(_)) => {
                    out.pop();
                }
                Some(Component::RootDir) => {}
                _ => out.push(part),
            },
            other => out.push(other),
        }
    }
    if out.is_empty() {
        PathBuf::from(".")
    } else {
        out.iter().collect()
    }
}

/// `file:line:column` for a byte offset into `text`.
fn located(file: &str, text: &str, offset: usize) -> String {
    place::line_column(file, text, offset)
}

/// The merged settings as a [`Config`]. A refusal names the key and, when the user's file
/// set it, the file, line and column: the merged table is written out and read back, so
/// toml's span of the error gives the key, which is then found in the user's file.
fn deserialize(
    merged: toml::Table,
    user: Option<&(String, String)>,
    source: &str,
) -> Result<Config, ConfigError> {
    let text = toml::to_string(&merged).map_err(|e| ConfigError::Invalid {
        file: source.to_string(),
        message: e.to_string(),
    })?;
    toml::from_str(&text).map_err(|e: toml::de::Error| {
        let key = e.span().and_then(|span| place::key_at(&text, span.start));
        let (file, message) = match (&key, user) {
            (Some(key), Some((file, user_text))) => {
                let path: Vec<&str> = key.split('.').collect();
                let file = place::place_of(file, user_text, &path)
                    .unwrap_or_else(|| locate_key_in(file, user_text, e.message()));
                (file, format!("{key}: {}", e.message()))
            }
            (None, Some((file, user_text))) => (
                locate_key_in(file, user_text, e.message()),
                e.message().to_string(),
            ),
            (Some(key), None) => (source.to_string(), format!("{key}: {}", e.message())),
            (None, None) => (source.to_string(), e.message().to_string()),
        };
        ConfigError::Invalid { file, message }
    })
}

/// Errors found after merging have no position: point at the line of the user's file that
/// sets the key the message names (serde quotes it in backticks), when there is one.
fn locate_key_in(file: &str, text: &str, message: &str) -> String {
    let key = message.split('`').nth(1).unwrap_or("");
    if key.is_empty() {
        return file.to_string();
    }
    let mut offset = 0;
    for line in text.split_inclusive('\n') {
        let t = line.trim_start();
        if let Some(rest) = t.strip_prefix(key) {
            if rest.trim_start().starts_with('=') {
                return located(file, text, offset + (line.len() - t.len()));
            }
        }
        offset += line.len();
    }
    file.to_string()
}

fn valid_key(k: &str) -> bool {
    !k.is_empty()
        && k.chars()
            .all(|c| c.is_ascii_lowercase() || c.is_ascii_digit() || c == '_')
}

/// Lay `over` on `base`: tables merge key by key, anything else replaces.
fn merge(base: &mut toml::Table, over: toml::Table) {
    for (key, value) in over {
        match (base.get_mut(&key), value) {
            (Some(toml::Value::Table(b)), toml::Value::Table(o)) => merge(b, o),
            (_, v) => {
                base.insert(key, v);
            }
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn shipped_default_loads() {
        let c = Config::default_with_base(Path::new("config")).unwrap();
        assert_eq!(c.teams.len(), 4);
        assert_eq!(c.scale.labels.len(), 4);
        assert!(c.category("core").is_some());
        assert_eq!(c.database_path(), Path::new("termly.db"));
        assert_eq!(tidy_path(Path::new("a/./b/../../../c")), Path::new("../c"));
        assert_eq!(tidy_path(Path::new("/x/../y")), Path::new("/y"));
        assert_eq!(
            tidy_path(Path::new("config/../fixtures/a.csv")),
            Path::new("fixtures/a.csv")
        );
        assert_eq!(tidy_path(Path::new("../x/./y")), Path::new("../x/y"));
        assert_eq!(tidy_path(Path::new("a/..")), Path::new("."));
    }

    #[test]
    fn user_file_overrides_and_unknown_keys_are_named() {
        let c = Config::from_sources(
            Some((
                "my.toml".into(),
                "[capacity]\nlama_hours_term = 99\n".into(),
            )),
            PathBuf::from("/x"),
        )
        .unwrap();
        assert_eq!(c.capacity.lama_hours_term, 99.0);
        assert_eq!(c.teams.len(), 4, "untouched sections keep their defaults");

        let err = Config::from_sources(
            Some((
                "my.toml".into(),
                "[capacity]\nlama_hours_trem = 99\n".into(),
            )),
            PathBuf::from("/x"),
        )
        .unwrap_err()
        .to_string();
        assert!(err.contains("my.toml"), "{err}");
        assert!(err.contains("lama_hours_trem"), "{err}");
        assert!(err.contains("my.toml:2:1"), "{err}");
    }

    #[test]
    fn bad_scale_is_rejected() {
        let err = Config::from_sources(
            Some((
                "s.toml".into(),
                "[scale]\nmin = 1\nmax = 5\nlabels = [\"a\"]\n".into(),
            )),
            PathBuf::from("."),
        )
        .unwrap_err()
        .to_string();
        assert!(err.contains("labels"), "{err}");
    }
}
