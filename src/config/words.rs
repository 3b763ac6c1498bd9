//! Scores in the words teams use: the scale's labels and `[scale.aliases]`, matched without
//! regard to case, spaces or punctuation.

use super::ScaleConfig;

impl ScaleConfig {
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
            crate::ingest::error::found(text)
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
}
