//! The detail pane's content, one function per section, as styled lines before wrapping.
//! Every score shows its number, label and glyph as well as its colour.

use super::DetailView;
use crate::config::CompositeMethod;
use crate::model::{InspectionOutcome, Score};
use crate::policy::{score_history, Trend};
use crate::tui::sparkline::{spark, spark_scores};
use chrono::NaiveDate;
use ratatui::text::{Line, Span};
use std::collections::HashMap;

/// A line and the indent its continuation rows hang at.
pub(crate) type Row = (Line<'static>, usize);

const INDENT: usize = 2;
/// Width of a trend column: `Aut 25` plus a space.
const TERM_COL: usize = 7;
/// Shown in place of a confidential comment or indicator value.
const HIDDEN: &str = "confidential — press R to reveal";

pub(super) fn date(d: NaiveDate) -> String {
    d.format("%-d %b %Y").to_string()
}

impl DetailView<'_> {
    pub(super) fn heading(&self, text: String) -> Row {
        (Line::from(Span::styled(text, self.theme.group)), 0)
    }

    pub(super) fn text(&self, spans: Vec<Span<'static>>, hang: usize) -> Row {
        let mut all = vec![Span::raw(" ".repeat(INDENT))];
        all.extend(spans);
        (Line::from(all), INDENT + hang)
    }

    pub(super) fn team_label(&self, key: &str) -> String {
        self.config
            .team_index(key)
            .map_or(key.to_string(), |i| self.config.teams[i].label.clone())
    }

    /// ` 1 ` or `[3]` in the level's colours.
    pub(super) fn score_cell(&self, score: u8) -> Span<'static> {
        let level = score.saturating_sub(self.config.scale.min) as usize;
        let (style, glyph) = self.theme.level(level);
        Span::styled(format!("{}{score}{}", glyph[0], glyph[1]), style)
    }

    pub(crate) fn register(&self) -> Vec<Row> {
        let s = &self.dataset.schools[self.school];
        let mut out = vec![self.heading("Register".into())];
        let mut first = format!(
            "URN {} · {} · {} ({})",
            s.urn,
            s.phase.label(),
            s.establishment_type,
            if s.maintained {
                "maintained"
            } else {
                "not maintained"
            }
        );
        if let Some(p) = s.pupils {
            first.push_str(&format!(" · {p} pupils"));
        }
        out.push(self.text(vec![Span::styled(first, self.theme.base)], 2));
        let who = |label: &str, v: &Option<String>| {
            format!(
                "{label} {}",
                v.as_deref().filter(|x| !x.is_empty()).unwrap_or("—")
            )
        };
        out.push(self.text(
            vec![Span::styled(
                format!(
                    "{} · {} · {}",
                    who("Headteacher", &s.headteacher),
                    who("SIP", &s.sip),
                    who("LaMA", &s.lama)
                ),
                self.theme.base,
            )],
            2,
        ));
        out
    }

    pub(crate) fn this_term(&self) -> Vec<Row> {
        let Some(t) = self.term_idx.filter(|&t| t < self.dataset.terms.len()) else {
            return vec![
                self.heading("This term".into()),
                self.text(vec![Span::styled("No scores held yet", self.theme.dim)], 0),
            ];
        };
        let term = self.dataset.terms[t].term;
        let urn = self.dataset.schools[self.school].urn;
        let comments: HashMap<&str, &Score> = self
            .scores
            .iter()
            .filter(|s| s.term == term && s.urn == urn)
            .map(|s| (s.team.as_str(), s))
            .collect();
        let label_w = self.label_width();
        let mut out = vec![self.heading(format!("This term · {term}"))];
        for (ti, key) in self.dataset.teams.iter().enumerate() {
            let score = comments.get(key.as_str()).copied();
            out.extend(self.team_this_term(t, ti, key, score, label_w));
        }
        out.extend(self.composite_this_term(label_w));
        out
    }

    /// One team's score this term with its comment, then where a derived score came from
    /// and the indicators sent (confidential ones hidden until revealed).
    fn team_this_term(
        &self,
        t: usize,
        ti: usize,
        key: &str,
        score: Option<&Score>,
        label_w: usize,
    ) -> Vec<Row> {
        let eff = self
            .assessment
            .and_then(|a| a.scores.get(ti))
            .and_then(|s| s.as_ref());
        let value = eff
            .map(|e| e.value)
            .or_else(|| self.dataset.score(t, self.school, ti));
        let mut spans = vec![Span::styled(
            format!("{:<label_w$} ", self.team_label(key)),
            self.theme.base,
        )];
        match value {
            Some(v) => {
                spans.push(self.score_cell(v));
                spans.push(Span::styled(
                    format!(" {:<9}", self.config.scale.label(v)),
                    self.theme.base,
                ));
            }
            None => spans.push(Span::styled(" —  no score ", self.theme.dim)),
        }
        if let Some(c) = score.map(|s| s.comment.trim()).filter(|c| !c.is_empty()) {
            if self.reveal || !self.config.confidential.team(key) {
                let c = crate::text::bounded(c);
                spans.push(Span::styled(format!("“{c}”"), self.theme.base));
            } else {
                spans.push(Span::styled(HIDDEN, self.theme.dim));
            }
        }
        let hang = label_w + 1 + 3 + 10;
        let mut out = vec![self.text(spans, hang)];
        if let Some(d) = eff.and_then(|e| e.derived_from.as_deref()) {
            out.push(self.text(
                vec![
                    Span::raw(" ".repeat(hang)),
                    Span::styled(format!("derived from indicator: {d}"), self.theme.dim),
                ],
                hang,
            ));
        }
        if let Some(s) = score.filter(|s| !s.indicators.is_empty()) {
            out.push(self.indicators(s, hang));
        }
        out
    }

    /// `indicators: name value · …` under a team's score.
    fn indicators(&self, score: &Score, hang: usize) -> Row {
        let list: Vec<String> = score
            .indicators
            .iter()
            .map(|(n, v)| {
                if self.reveal || !self.config.confidential.indicator(n) {
                    format!("{n} {}", crate::policy::fmt_num(*v))
                } else {
                    format!("{n} {HIDDEN}")
                }
            })
            .collect();
        self.text(
            vec![
                Span::raw(" ".repeat(hang)),
                Span::styled(format!("indicators: {}", list.join(" · ")), self.theme.dim),
            ],
            hang,
        )
    }

    /// The composite, its band and trend, and the previous term's value.
    fn composite_this_term(&self, label_w: usize) -> Option<Row> {
        let c = self.assessment.and_then(|a| a.composite.as_ref())?;
        let band = self
            .config
            .composite
            .bands
            .get(c.band)
            .map_or("", |b| b.label.as_str());
        let (style, glyph) = self.theme.scaled(c.band, self.config.composite.bands.len());
        let trend = match self.assessment.map(|a| a.trend) {
            Some(Trend::Up) => "↑ up",
            Some(Trend::Down) => "↓ down",
            Some(Trend::Same) => "→ same",
            _ => "new",
        };
        let mut spans = vec![
            Span::styled(format!("{:<label_w$} ", "Composite"), self.theme.header),
            Span::styled(format!("{}{:.1}{}", glyph[0], c.value, glyph[1]), style),
            Span::styled(
                format!(" {band} · {} teams · {trend}", c.teams_counted),
                self.theme.base,
            ),
        ];
        if let Some(p) = self.assessment.and_then(|a| a.previous_composite.as_ref()) {
            spans.push(Span::styled(
                format!(" from {:.1}", p.value),
                self.theme.dim,
            ));
        }
        Some(self.text(spans, label_w + 1))
    }

    fn label_width(&self) -> usize {
        self.dataset
            .teams
            .iter()
            .map(|k| self.team_label(k).chars().count())
            .chain(std::iter::once("Composite".len()))
            .max()
            .unwrap_or(9)
            .min(16)
    }

    /// One row per team and the composite: a sparkline over every term held, then the
    /// latest terms' values in columns under their short names.
    pub(crate) fn trends(&self, width: u16) -> Vec<Row> {
        let terms = &self.dataset.terms;
        let mut out = vec![self.heading(format!("Trends · {} terms", terms.len()))];
        if terms.is_empty() {
            return out;
        }
        let label_w = self.label_width();
        let spark_w = terms.len().max(5) + 2;
        let room = (width as usize).saturating_sub(INDENT + label_w + 1 + spark_w);
        let shown = (room / TERM_COL).clamp(1, terms.len());
        let first = terms.len() - shown;
        let pad = " ".repeat(label_w + 1 + spark_w);
        let mut header = vec![Span::raw(pad)];
        for t in &terms[first..] {
            header.push(Span::styled(
                format!("{:<TERM_COL$}", t.term.short()),
                self.theme.column_header,
            ));
        }
        out.push(self.text(header, 0));
        let (min, max) = (self.config.scale.min, self.config.scale.max);
        // Every term's scores from the one function the grid and the papers use, so a
        // score derived from an indicator shows here as it does there.
        let history = score_history(self.config, self.compiled, self.dataset, self.school);
        for (ti, key) in self.dataset.teams.iter().enumerate() {
            let values: Vec<Option<u8>> = history
                .iter()
                .map(|h| h.scores.get(ti).and_then(|s| s.as_ref()).map(|s| s.value))
                .collect();
            let mut spans = vec![
                Span::styled(
                    format!("{:<label_w$} ", self.team_label(key)),
                    self.theme.base,
                ),
                Span::styled(
                    format!("{:<spark_w$}", spark_scores(&values, min, max)),
                    self.theme.header,
                ),
            ];
            for v in &values[first..] {
                spans.push(match v {
                    Some(v) => self.score_cell(*v),
                    None => Span::styled(" · ", self.theme.dim),
                });
                spans.push(Span::raw(" ".repeat(TERM_COL - 3)));
            }
            out.push(self.text(spans, 0));
        }
        let composites: Vec<Option<(f64, usize)>> = history
            .iter()
            .map(|h| h.composite.as_ref().map(|c| (c.value, c.band)))
            .collect();
        let (lo, hi) = match self.config.composite.method {
            CompositeMethod::CountAtLeast => (0.0, self.dataset.teams.len() as f64),
            _ => (min as f64, max as f64),
        };
        let values: Vec<Option<f64>> = composites.iter().map(|c| c.map(|(v, _)| v)).collect();
        let mut spans = vec![
            Span::styled(format!("{:<label_w$} ", "Composite"), self.theme.header),
            Span::styled(
                format!("{:<spark_w$}", spark(&values, lo, hi)),
                self.theme.header,
            ),
        ];
        let n_bands = self.config.composite.bands.len();
        for c in &composites[first..] {
            match c {
                Some((v, band)) => {
                    let (style, _) = self.theme.scaled(*band, n_bands);
                    spans.push(Span::styled(format!("{v:.1}"), style));
                    spans.push(Span::raw(" ".repeat(TERM_COL - 3)));
                }
                None => {
                    spans.push(Span::styled(" · ", self.theme.dim));
                    spans.push(Span::raw(" ".repeat(TERM_COL - 3)));
                }
            }
        }
        out.push(self.text(spans, 0));
        out
    }

    pub(crate) fn inspection(&self) -> Vec<Row> {
        let mut out = vec![self.heading("Inspection".into())];
        let all = self
            .dataset
            .inspections
            .get(self.school)
            .map_or(&[][..], |v| &v[..]);
        let Some(latest) = all.last() else {
            out.push(self.text(
                vec![Span::styled("No inspection recorded", self.theme.dim)],
                0,
            ));
            return out;
        };
        match &latest.outcome {
            InspectionOutcome::Legacy { .. } => {
                out.push(self.text(vec![Span::styled(latest.describe(), self.theme.base)], 2));
            }
            InspectionOutcome::ReportCard {
                areas,
                safeguarding_met,
            } => {
                out.push(self.text(
                    vec![Span::styled(
                        format!("Report card, inspected {}", date(latest.date)),
                        self.theme.base,
                    )],
                    2,
                ));
                for (area, grade) in areas {
                    let worry = grade >= &crate::model::AreaGrade::NeedsAttention;
                    out.push(self.text(
                        vec![
                            Span::styled(format!("  {:<36}", area.label()), self.theme.base),
                            Span::styled(
                                grade.label().to_string(),
                                if worry {
                                    self.theme.flag_major
                                } else {
                                    self.theme.base
                                },
                            ),
                        ],
                        38,
                    ));
                }
                out.push(self.text(
                    vec![
                        Span::styled(format!("  {:<36}", "Safeguarding"), self.theme.base),
                        if *safeguarding_met {
                            Span::styled("met", self.theme.base)
                        } else {
                            Span::styled("NOT MET", self.theme.flag_major)
                        },
                    ],
                    38,
                ));
            }
        }
        for earlier in all[..all.len() - 1].iter().rev() {
            out.push(self.text(
                vec![Span::styled(
                    format!("Earlier: {}", earlier.describe()),
                    self.theme.dim,
                )],
                9,
            ));
        }
        out
    }
}
