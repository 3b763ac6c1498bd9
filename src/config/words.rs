//! Scores in the words teams use: the scale's labels and `[scale.aliases]`, matched without
//! regard to case, spaces or punctuation.

use super::{ScaleConfig, TeamConfig};

impl ScaleConfig {
    /// The scale as one team reads it: its own words laid over `[scale.aliases]`.
    pub fn for_team(&self, team: &TeamConfig) -> ScaleConfig {
        let mut scale = self.clone();
        for (word, &score) in &team.words {
            scale.aliases.retain(|w, _| word_key(w) != word_key(word));
            scale.aliases.insert(word.clone(), score);
        }
        scale
    }

    /// What a team may pick in a score cell, for a workbook's drop-down: the numbers, the
    /// labels, and the words of more than two letters (`r` and `ag` are shorthand for typing).
    pub fn accepted_entries(&self) -> Vec<String> {
        let mut entries: Vec<String> = (self.min..=self.max).map(|n| n.to_string()).collect();
        for level in self.min..=self.max {
            let label = self.label(level).to_string();
            if !entries.iter().any(|e| word_key(e) == word_key(&label)) {
                entries.push(label);
            }
        }
        let mut words: Vec<(&String, &u8)> = self.aliases.iter().collect();
        words.sort_by_key(|(word, &score)| (score, word.to_string()));
        for (word, _) in words {
            if word_key(word).len() > 2 && !entries.iter().any(|e| word_key(e) == word_key(word)) {
                entries.push(word.clone());
            }
        }
        entries
    }

    /// The scale in one line, for a workbook's header note: `1 low (green) … 4 severe (red)`.
    pub fn describe(&self) -> String {
        let levels: Vec<String> = (self.min..=self.max)
            .map(|level| {
                let words: Vec<&str> = self
                    .aliases
                    .iter()
                    .filter(|(w, &s)| s == level && word_key(w).len() > 2)
                    .map(|(w, _)| w.as_str())
                    .collect();
                if words.is_empty() {
                    format!("{level} {}", self.label(level))
                } else {
                    format!("{level} {} ({})", self.label(level), words.join(", "))
                }
            })
            .collect();
        levels.join("; ")
    }

    /// A score as a team writes it: the number, a label of the scale or an alias.
    pub fn parse_score(&self, text: &str) -> Result<u8, String> {
        let text = text.trim();
        if let Ok(n) = text.parse::<i64>() {
            if self.contains(n) {
                return Ok(n as u8);
            }
        }
        let key = word_key(text);
        let by_label = (self.min..=self.max).find(|&s| word_key(self.label(s)) == key);
        let by_alias = self
            .aliases
            .iter()
            .find(|(word, _)| word_key(word) == key)
            .map(|(_, &s)| s);
        if let Some(score) = by_label.or(by_alias) {
            return Ok(score);
        }
        let words: Vec<String> = (self.min..=self.max)
            .map(|level| {
                let mut names = vec![self.label(level)];
                names.extend(
                    self.aliases
                        .iter()
                        .filter(|(_, &s)| s == level)
                        .map(|(w, _)| w.as_str()),
                );
                format!("{} ({level})", names.join(", "))
            })
            .collect();
        let mut message = format!(
            "expected a whole number from {} to {}, or a word for one: {}; found {}",
            self.min,
            self.max,
            words.join("; "),
            crate::text::found(text)
        );
        if key == "amber" {
            message.push_str(
                " (a plain \"amber\" is not accepted: councils differ on whether it means 2 or 3; set it under [scale.aliases])",
            );
        }
        Err(message)
    }
}

/// A rating word as compared: lower-case letters and digits only (`Amber/Red` = `amber-red`).
fn word_key(word: &str) -> String {
    word.chars()
        .filter(char::is_ascii_alphanumeric)
        .map(|c| c.to_ascii_lowercase())
        .collect()
}

#[cfg(test)]
mod tests {
    use super::super::Config;
    use std::path::{Path, PathBuf};

    #[test]
    fn scores_in_words() {
        let c = Config::default_with_base(Path::new("config")).unwrap();
        let scale = &c.scale;
        for (text, want) in [
            ("3", 3),
            ("Red", 4),
            (" amber / red ", 3),
            ("AG", 2),
            ("green", 1),
            ("HIGH", 3),
            ("Amber-Green", 2),
        ] {
            assert_eq!(scale.parse_score(text), Ok(want), "{text}");
        }
        let e = scale.parse_score("Amber").unwrap_err();
        assert!(e.contains("councils differ"), "{e}");
        assert!(e.contains("red"), "{e}");
        assert!(scale.parse_score("5").is_err());
        let c = Config::from_sources(
            Some(("a.toml".into(), "[scale.aliases]\namber = 3\n".into())),
            PathBuf::from("."),
        )
        .unwrap();
        assert_eq!(c.scale.parse_score("Amber"), Ok(3));
        let e = Config::from_sources(
            Some(("a.toml".into(), "[scale.aliases]\namber = 7\n".into())),
            PathBuf::from("."),
        )
        .unwrap_err();
        assert!(e.to_string().contains("off the scale"), "{e}");
    }

    #[test]
    fn a_team_reads_its_own_words_and_offers_them() {
        let mut c = Config::default_with_base(Path::new("config")).unwrap();
        c.teams[0].words = [("Red", 4), ("Amber", 3), ("Green", 1)]
            .map(|(w, s)| (w.to_string(), s))
            .into();
        let scale = c.scale.for_team(&c.teams[0]);
        assert_eq!(scale.parse_score("amber"), Ok(3));
        assert_eq!(scale.parse_score("GREEN"), Ok(1));
        assert!(
            c.scale.parse_score("amber").is_err(),
            "other teams keep the scale"
        );
        let entries = scale.accepted_entries();
        assert_eq!(
            &entries[..8],
            ["1", "2", "3", "4", "low", "moderate", "high", "severe"]
        );
        assert!(entries.contains(&"Amber".to_string()), "{entries:?}");
        assert!(
            !entries.iter().any(|e| e == "r" || e == "ag"),
            "{entries:?}"
        );
        assert!(
            scale.describe().starts_with("1 low ("),
            "{}",
            scale.describe()
        );
    }
}
