//! `[minutes]`: what the circulated minutes say about who wrote them and for whom.

use serde::Deserialize;

#[derive(Debug, Clone, Deserialize, PartialEq)]
#[serde(deny_unknown_fields)]
pub struct MinutesConfig {
    /// The council, at the head of the minutes.
    #[serde(default = "default_authority")]
    pub authority: String,
    /// The protective marking on every copy, e.g. "OFFICIAL-SENSITIVE".
    #[serde(default = "default_marking")]
    pub marking: String,
    /// Where the meeting is held.
    #[serde(default)]
    pub venue: String,
    /// Who receives the minutes.
    #[serde(default)]
    pub distribution: Vec<String>,
}

fn default_authority() -> String {
    "The local authority".into()
}
fn default_marking() -> String {
    "OFFICIAL-SENSITIVE".into()
}

impl Default for MinutesConfig {
    fn default() -> Self {
        MinutesConfig {
            authority: default_authority(),
            marking: default_marking(),
            venue: String::new(),
            distribution: Vec::new(),
        }
    }
}
