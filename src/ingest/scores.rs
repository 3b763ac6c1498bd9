//! One team's scores for one term: `urn,score,comment` and any other column as a named
//! numeric indicator (CSV), or `[[score]]` tables with `urn`, `score`, `comment` and an
//! `[score.indicators]` table (TOML). A score may be empty when the row sends indicators.

use super::error::Problem;
use super::fields;
use super::input::Input;
use super::register::check_urn;
use super::table::{Row, Sheet};
use super::text::clean;
use crate::config::{Config, ScaleConfig};
use crate::model::Urn;
use serde::Deserialize;
use std::collections::{HashMap, HashSet};

pub use crate::model::ScoreRow;

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct ScoresToml {
    #[serde(default)]
    score: Vec<toml::Spanned<toml::Table>>,
}

/// Read one score file; `file` names it in messages and its extension picks TOML.
pub fn read(
    file: &str,
    bytes: &[u8],
    scale: &ScaleConfig,
    known: Option<&HashSet<Urn>>,
) -> Result<Vec<ScoreRow>, Vec<Problem>> {
    read_input(Input::from_bytes(file, bytes), scale, known).map(|(rows, _)| rows)
}

/// How one team's sheet is laid out: the headers of its score and comment columns, the
/// words it may write, and which other columns are indicators.
#[derive(Debug, Clone)]
pub struct ScoreLayout {
    pub scale: ScaleConfig,
    pub score_header: String,
    pub comment_header: String,
    /// Indicator names termly uses; None: every other column is an indicator.
    pub indicators: Option<HashSet<String>>,
    /// The setting to name when the score column is missing (`[[teams]] score_column …`).
    pub score_setting: Option<String>,
}

impl ScoreLayout {
    /// `urn,score,comment`, every other column an indicator.
    pub fn plain(scale: &ScaleConfig) -> ScoreLayout {
        ScoreLayout {
            scale: scale.clone(),
            score_header: "score".into(),
            comment_header: "comment".into(),
            indicators: None,
            score_setting: None,
        }
    }

    /// A configured team's layout: its own columns and words; columns that are not an
    /// indicator the policy knows (school name, LA, notes…) are ignored.
    pub fn for_team(config: &Config, team: &str) -> ScoreLayout {
        let Some(t) = config.teams.iter().find(|t| t.key == team) else {
            return ScoreLayout::plain(&config.scale);
        };
        let mut known: HashSet<String> = config.policy.indicators.iter().cloned().collect();
        known.extend(config.policy.banding.iter().map(|b| b.indicator.clone()));
        known.extend(config.confidential.indicators.iter().cloned());
        ScoreLayout {
            scale: config.scale.for_team(t),
            score_header: t.score_header().to_string(),
            comment_header: t.comment_header().to_string(),
            indicators: Some(known),
            score_setting: Some(format!(
                "score_column = \"…\" in the [[teams]] entry with key = \"{}\" of {}",
                t.key, config.source
            )),
        }
    }
}

/// One score file read: its rows, the sha256 of the file, the columns not used and the
/// schools left unscored (a row with a URN and nothing else, as in a new template).
#[derive(Debug, Clone)]
pub struct ScoresRead {
    pub rows: Vec<ScoreRow>,
    pub hash: String,
    pub ignored: Vec<String>,
    pub unscored: usize,
}

/// Read one score file as it streams in; also gives the sha256 of the file.
pub fn read_input(
    input: Input,
    scale: &ScaleConfig,
    known: Option<&HashSet<Urn>>,
) -> Result<(Vec<ScoreRow>, String), Vec<Problem>> {
    read_with(input, &ScoreLayout::plain(scale), known).map(|r| (r.rows, r.hash))
}

/// Read one team's score file laid out as `layout` says.
pub fn read_with(
    input: Input,
    layout: &ScoreLayout,
    known: Option<&HashSet<Urn>>,
) -> Result<ScoresRead, Vec<Problem>> {
    let scale = &layout.scale;
    let mut sheet = Sheet::read_any(input, "score", |text| {
        toml::from_str::<ScoresToml>(text).map(|doc| doc.score)
    })?;
    let c_urn = sheet.require(&["urn"])?[0];
    let c_score = sheet.column(&layout.score_header);
    let c_comment = sheet.column(&layout.comment_header);
    let mut ignored = Vec::new();
    let indicator_cols: Vec<(usize, String)> = sheet
        .headers
        .iter()
        .enumerate()
        .filter(|(i, _)| ![Some(c_urn), c_score, c_comment].contains(&Some(*i)))
        .map(|(i, h)| (i, h, clean(h).to_ascii_lowercase().replace(' ', "_")))
        .filter(|(_, h, name)| match &layout.indicators {
            None => true,
            Some(names) if names.contains(name) => true,
            Some(_) => {
                if !h.trim().is_empty() {
                    ignored.push(h.to_string());
                }
                false
            }
        })
        .map(|(i, _, name)| (i, name))
        .collect();
    if c_score.is_none() && indicator_cols.iter().all(|(_, n)| n.is_empty()) {
        let mut message = format!(
            "no score column: looked for a column headed `{}`; the header has: {}",
            layout.score_header,
            sheet.headers.join(", ")
        );
        match &layout.score_setting {
            Some(setting) => message.push_str(&format!(
                "; if this team's scores are under another header, set {setting}"
            )),
            None => message.push_str(" (or give at least one indicator column)"),
        }
        return Err(vec![sheet.header_problem(message)]);
    }

    let mut rows = Vec::new();
    let mut problems = Vec::new();
    let mut seen = HashMap::new();
    let mut unscored = 0;
    while let Some(row) = sheet.next_ok(&mut problems) {
        let row = &row;
        let before = problems.len();
        let urn = check_urn(&sheet, row, c_urn, &mut seen, &mut problems);
        if let (Some(urn), Some(known)) = (urn, known) {
            if !known.contains(&urn) {
                problems.push(sheet.at(row, c_urn, format!("URN {urn} is not on the register")));
            }
        }
        let mut indicators = Vec::new();
        for (col, name) in &indicator_cols {
            let text = row.get(*col);
            if text.is_empty() {
                continue;
            }
            if name.is_empty() {
                problems.push(sheet.at(row, *col, "a value in a column with no header"));
                continue;
            }
            match fields::number(text) {
                Ok(v) => indicators.push((name.clone(), v)),
                Err(m) => problems.push(sheet.at(row, *col, m)),
            }
        }
        let comment = clean(row.opt(c_comment));
        if problems.len() == before
            && indicators.is_empty()
            && row.opt(c_score).is_empty()
            && comment.is_empty()
        {
            // A school the team has not scored yet: nothing to store, nothing wrong.
            unscored += 1;
            continue;
        }
        let needs_score = indicators.is_empty() && problems.len() == before;
        let score = score_of(&sheet, row, c_score, scale, needs_score, &mut problems);
        if problems.len() > before {
            continue;
        }
        rows.push(ScoreRow {
            urn: urn.expect("checked"),
            score,
            comment,
            indicators,
        });
    }
    if !problems.is_empty() {
        return Err(problems);
    }
    let hash = sheet.finish().map_err(|p| vec![p])?;
    Ok(ScoresRead {
        rows,
        hash,
        ignored,
        unscored,
    })
}

/// The row's score: a number or word of the scale, or none. Empty is a problem only when
/// `needed` (the row sends no indicators to derive one from).
fn score_of(
    sheet: &Sheet,
    row: &Row,
    col: Option<usize>,
    scale: &ScaleConfig,
    needed: bool,
    problems: &mut Vec<Problem>,
) -> Option<u8> {
    let text = row.opt(col);
    if text.is_empty() {
        if needed {
            let message = format!(
                "expected a whole number from {} to {}, or indicators to derive it from; found nothing",
                scale.min, scale.max
            );
            problems.push(match col {
                Some(c) => sheet.at(row, c, message),
                None => sheet.row_problem(row, message),
            });
        }
        return None;
    }
    scale
        .parse_score(text)
        .map_err(|message| problems.push(sheet.at(row, col.expect("text came from it"), message)))
        .ok()
}

#[cfg(test)]
mod tests {
    use super::*;

    fn scale() -> ScaleConfig {
        ScaleConfig {
            min: 1,
            max: 4,
            labels: vec!["a".into(), "b".into(), "c".into(), "d".into()],
            aliases: [("red".to_string(), 4)].into_iter().collect(),
        }
    }

    #[test]
    fn scores_comments_and_indicators() {
        let rows = read(
            "hr.csv",
            b"urn,score,comment,PA pct,balance_pct\n100001,2,\"ok, fine\",19.4,\n100002,,indicators only,,-3.2\n",
            &scale(),
            None,
        )
        .unwrap();
        assert_eq!(rows[0].score, Some(2));
        assert_eq!(rows[0].comment, "ok, fine");
        assert_eq!(rows[0].indicators, vec![("pa_pct".to_string(), 19.4)]);
        assert_eq!(rows[1].score, None);
        assert_eq!(rows[1].indicators, vec![("balance_pct".to_string(), -3.2)]);
    }

    #[test]
    fn bad_scores_are_all_reported() {
        let e = read(
            "hr.csv",
            b"urn,score,comment,x\n100001,5,,\n100002,two,,\n100003,,a comment,\n100004,1,,lots\n100005,2.5,,\n100006,,,\n",
            &scale(),
            None,
        )
        .unwrap_err();
        let text: Vec<String> = e.iter().map(|p| p.to_string()).collect();
        assert_eq!(text.len(), 5, "{text:#?}");
        assert_eq!(
            text[0],
            "hr.csv:2:2 (score): expected a whole number from 1 to 4, or a word for one: a (1); b (2); c (3); d, red (4); found \"5\""
        );
        assert!(text[1].contains("found \"two\""));
        assert!(text[2].starts_with("hr.csv:4:2 (score)"));
        assert!(text[3].starts_with("hr.csv:5:4 (x): expected a number"));
    }

    #[test]
    fn scores_in_words_are_stored_as_numbers() {
        let rows = read(
            "hr.csv",
            b"urn,score\n100001,Red\n100002, C \n",
            &scale(),
            None,
        )
        .unwrap();
        assert_eq!(rows[0].score, Some(4));
        assert_eq!(rows[1].score, Some(3));
    }

    #[test]
    fn toml_scores() {
        let text = "[[score]]\nurn = 100001\nscore = 3\ncomment = \"rising\"\n[score.indicators]\npersistent_absence_pct = 24.1\n\n[[score]]\nurn = 100002\nscore = 9\n";
        let e = read("att.toml", text.as_bytes(), &scale(), None).unwrap_err();
        assert_eq!(e.len(), 1);
        assert_eq!(e[0].line, Some(8), "{}", e[0]);
        let first = text.split("\n\n").next().unwrap();
        let ok = read("att.toml", first.as_bytes(), &scale(), None).unwrap();
        assert_eq!(
            ok[0].indicators,
            vec![("persistent_absence_pct".to_string(), 24.1)]
        );
    }
}
