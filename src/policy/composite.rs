//! One risk figure per school and term from the team scores, by the configured method, and
//! the words that trace it back to the scores.

use super::{Composite, SchoolAssessment};
use crate::config::{CompositeMethod, Config};

/// Composite of effective score values (`None` = missing, left out). `None` when no team
/// scored, or when a weighted mean has no weight to divide by.
pub fn composite(config: &Config, values: &[Option<u8>]) -> Option<Composite> {
    let counted = values.iter().filter(|v| v.is_some()).count();
    if counted == 0 {
        return None;
    }
    let value = match config.composite.method {
        CompositeMethod::Max => values.iter().flatten().copied().max()? as f64,
        CompositeMethod::WeightedMean => {
            let (mut sum, mut weights) = (0.0, 0.0);
            for (v, team) in values.iter().zip(&config.teams) {
                if let Some(v) = v {
                    sum += *v as f64 * team.weight;
                    weights += team.weight;
                }
            }
            if weights <= 0.0 {
                return None;
            }
            sum / weights
        }
        CompositeMethod::CountAtLeast => {
            let threshold = config.composite.threshold.unwrap_or(config.scale.max);
            values.iter().flatten().filter(|v| **v >= threshold).count() as f64
        }
    };
    Some(Composite {
        value,
        band: band_of(config, value),
        teams_counted: counted,
    })
}

/// The band with the highest `from` not above the value (the lowest band when below all).
pub fn band_of(config: &Config, value: f64) -> usize {
    let mut best: Option<(usize, f64)> = None;
    for (i, b) in config.composite.bands.iter().enumerate() {
        if b.from <= value + 1e-9 && best.is_none_or(|(_, f)| b.from > f) {
            best = Some((i, b.from));
        }
    }
    best.map(|(i, _)| i).unwrap_or_else(|| {
        let lowest = config
            .composite
            .bands
            .iter()
            .enumerate()
            .min_by(|a, b| a.1.from.total_cmp(&b.1.from));
        lowest.map(|(i, _)| i).unwrap_or(0)
    })
}

/// Every step from the team scores to the composite and its band, in words.
pub fn explain_composite(config: &Config, a: &SchoolAssessment) -> Vec<String> {
    let mut lines = Vec::new();
    for (team, score) in config.teams.iter().zip(&a.scores) {
        let weight = match config.composite.method {
            CompositeMethod::WeightedMean => format!(" × weight {}", team.weight),
            _ => String::new(),
        };
        lines.push(match score {
            Some(s) => {
                let how = match &s.derived_from {
                    Some(d) => format!(" — {d}"),
                    None => " — sent by the team".to_string(),
                };
                format!(
                    "{} {} ({}){weight}{how}",
                    team.label,
                    s.value,
                    config.scale.label(s.value)
                )
            }
            None => format!("{}: no score — left out", team.label),
        });
    }
    let Some(c) = &a.composite else {
        lines.push("No composite: no team has scored this school this term".into());
        return lines;
    };
    let values: Vec<(f64, f64)> = config
        .teams
        .iter()
        .zip(&a.scores)
        .filter_map(|(t, s)| s.as_ref().map(|s| (s.value as f64, t.weight)))
        .collect();
    lines.push(match config.composite.method {
        CompositeMethod::Max => format!(
            "Composite = the highest of {} scores = {}",
            c.teams_counted, c.value
        ),
        CompositeMethod::WeightedMean => {
            let sum: f64 = values.iter().map(|(v, w)| v * w).sum();
            let weights: f64 = values.iter().map(|(_, w)| w).sum();
            format!(
                "Composite = weighted mean of {} scores = {sum:.2} / {weights:.2} = {:.2}",
                c.teams_counted, c.value
            )
        }
        CompositeMethod::CountAtLeast => format!(
            "Composite = number of the {} scores at {} or more = {}",
            c.teams_counted,
            config.composite.threshold.unwrap_or(config.scale.max),
            c.value
        ),
    });
    if let Some(b) = config.composite.bands.get(c.band) {
        lines.push(format!(
            "Band {} (from {}): the highest band starting at or below {:.2}",
            b.label, b.from, c.value
        ));
    }
    if let Some(p) = &a.previous_composite {
        lines.push(format!(
            "Last term {:.2} ({}): {}",
            p.value,
            config
                .composite
                .bands
                .get(p.band)
                .map(|b| b.label.as_str())
                .unwrap_or("?"),
            match a.trend {
                super::Trend::Up => "risk up",
                super::Trend::Down => "risk down",
                super::Trend::Same => "unchanged",
                super::Trend::New => "new",
            }
        ));
    }
    lines
}
