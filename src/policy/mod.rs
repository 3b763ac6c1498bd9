//! The policy engine: composite risk, banding, suggestions with reasons, agenda, capacity.
//! Pure code: no IO.

use crate::config::Config;
use serde::Deserialize;

/// Policy rules from `[policy]` in the configuration.
#[derive(Debug, Clone, Deserialize, Default, PartialEq)]
#[serde(deny_unknown_fields)]
pub struct PolicyConfig {}

/// Check the policy section against the rest of the configuration (teams, categories).
pub fn validate_config(_config: &Config) -> Result<(), String> {
    Ok(())
}
