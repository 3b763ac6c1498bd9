//! Numbers in the settings that parse but cannot be meant: a negative or not-a-number
//! capacity ("79 of -400", "79 of NaN"), a meeting longer than a day, a limit of nothing.
//! Each refusal names its key, so the loader can point at the line that sets it.

use super::Config;

/// A setting refused: its key (`["capacity", "lama_hours_term"]`) and why.
#[derive(Debug, Clone, PartialEq)]
pub struct Refusal {
    pub key: Vec<String>,
    pub message: String,
}

fn refuse(key: &[&str], message: impl Into<String>) -> Refusal {
    Refusal {
        key: key.iter().map(|k| k.to_string()).collect(),
        message: message.into(),
    }
}

/// A number of hours (or any capacity): finite and not negative.
fn capacity(key: &[&str], value: f64) -> Result<(), Refusal> {
    if value.is_finite() && value >= 0.0 {
        Ok(())
    } else {
        Err(refuse(
            key,
            format!("{value} is not a capacity: give a number of zero or more"),
        ))
    }
}

/// The longest meeting, and the longest item, in minutes: a day.
const MAX_MINUTES: u32 = 24 * 60;

impl Config {
    /// Refuse numbers no service can mean.
    pub(super) fn check_ranges(&self) -> Result<(), Refusal> {
        capacity(
            &["capacity", "lama_hours_term"],
            self.capacity.lama_hours_term,
        )?;
        for (i, c) in self.categories.iter().enumerate() {
            let at = i.to_string();
            if let Some(hours) = c.lama_hours_term {
                capacity(&["categories", &at, "lama_hours_term"], hours)?;
            }
            if let Some(hours) = c.lama_hours_year {
                capacity(&["categories", &at, "lama_hours_year"], hours)?;
            }
        }
        for (key, minutes) in [
            ("length_minutes", self.meeting.length_minutes),
            ("minutes_per_item", self.meeting.minutes_per_item),
        ] {
            if minutes > MAX_MINUTES {
                return Err(refuse(
                    &["meeting", key],
                    format!("{minutes} minutes is longer than a day (at most {MAX_MINUTES})"),
                ));
            }
        }
        let limits = &self.limits;
        for (key, value) in [
            ("max_file_mb", limits.max_file_mb),
            ("max_unpacked_mb", limits.max_unpacked_mb),
            ("max_cells", limits.max_cells),
            ("max_shared_strings", limits.max_shared_strings),
            ("max_shared_string_mb", limits.max_shared_string_mb),
        ] {
            if value == 0 {
                return Err(refuse(&["limits", key], "must be at least 1"));
            }
        }
        Ok(())
    }
}

#[cfg(test)]
mod tests {
    use crate::config::{Config, ConfigError};
    use std::path::PathBuf;

    fn refusal(text: &str) -> String {
        let user = Some(("t.toml".to_string(), text.to_string()));
        match Config::from_sources(user, PathBuf::from("config")) {
            Err(ConfigError::Invalid { file, message }) => format!("{file}: {message}"),
            other => panic!("accepted: {other:?}"),
        }
    }

    #[test]
    fn negative_and_not_a_number_capacities_are_refused_at_their_line() {
        let said = refusal("# service\n[capacity]\nlama_hours_term = -400.0\n");
        assert!(
            said.starts_with("t.toml:3:1: capacity.lama_hours_term: -400 is not a capacity"),
            "{said}"
        );
        let said = refusal("[capacity]\nlama_hours_term = nan\n");
        assert!(
            said.contains("t.toml:2:1: capacity.lama_hours_term: NaN"),
            "{said}"
        );
        let said = refusal("[capacity]\nlama_hours_term = inf\n");
        assert!(said.contains("capacity.lama_hours_term: inf"), "{said}");
    }

    #[test]
    fn a_meeting_longer_than_a_day_is_refused() {
        let said = refusal("[meeting]\nlength_minutes = 4294967295\nminutes_per_item = 6\n");
        assert!(
            said.starts_with("t.toml:2:1: meeting.length_minutes:"),
            "{said}"
        );
    }

    #[test]
    fn an_out_of_range_integer_names_file_line_and_key() {
        let said = refusal("[meeting]\n\nminutes_per_item = -1\n");
        assert!(
            said.starts_with("t.toml:3:1: meeting.minutes_per_item:"),
            "{said}"
        );
        let said = refusal("[limits]\nmax_cells = 0\n");
        assert!(
            said.starts_with("t.toml:2:1: limits.max_cells: must be at least 1"),
            "{said}"
        );
    }
}
