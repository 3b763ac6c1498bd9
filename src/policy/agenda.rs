//! Why a school needs discussing this term, with an urgency for ordering the agenda.

use super::{AgendaReason, FlagLevel, SchoolAssessment, SuggestionKind, Trend};
use crate::config::Config;
use crate::model::{legacy_grade_label, Inspection, InspectionOutcome};
use crate::term::Term;

/// Urgencies: higher first. Spaced so a bigger jump in category outranks a smaller one.
pub const URGENCY_ESCALATE: u32 = 80;
pub const URGENCY_TOP_OF_SCALE: u32 = 65;
pub const URGENCY_MAJOR_FLAG: u32 = 60;
pub const URGENCY_NEW_INSPECTION: u32 = 55;
pub const URGENCY_BAND_UP: u32 = 50;
pub const URGENCY_NO_CATEGORY: u32 = 45;
pub const URGENCY_OVERDUE: u32 = 40;
pub const URGENCY_BAND_DOWN: u32 = 30;
pub const URGENCY_MINOR_FLAG: u32 = 25;
pub const URGENCY_STEP_DOWN: u32 = 20;

/// Fill `a.agenda` from everything else in the assessment. `inspection` is the latest one
/// the assessment used; it is new when dated on or after the previous term's start.
pub fn agenda_reasons(
    config: &Config,
    a: &SchoolAssessment,
    term: Term,
    inspection: Option<&Inspection>,
) -> Vec<AgendaReason> {
    let mut out = Vec::new();
    let label = |key: &str| config.category_label(key).to_string();
    let level = |key: &str| config.category(key).map(|c| c.level);
    if let Some(s) = &a.suggestion {
        match s.kind {
            SuggestionKind::AtLeast => {
                let jump = match (
                    level(&s.category),
                    a.current_category.as_deref().and_then(level),
                ) {
                    (Some(to), Some(from)) => to.saturating_sub(from) as u32,
                    _ => 1,
                };
                out.push(AgendaReason {
                    urgency: URGENCY_ESCALATE + 5 * jump.min(4),
                    text: match &a.current_category {
                        Some(c) => format!(
                            "suggests at least {} (now {})",
                            label(&s.category),
                            label(c)
                        ),
                        None => format!("suggests at least {}", label(&s.category)),
                    },
                });
            }
            SuggestionKind::StepDown => out.push(AgendaReason {
                urgency: URGENCY_STEP_DOWN,
                text: format!("consider a step down to {}", label(&s.category)),
            }),
        }
    }
    if a.current_category.is_none() {
        out.push(AgendaReason {
            urgency: URGENCY_NO_CATEGORY,
            text: "no support category recorded".into(),
        });
    }
    let top: Vec<String> = config
        .teams
        .iter()
        .zip(&a.scores)
        .filter_map(|(t, s)| {
            s.as_ref()
                .filter(|s| s.value >= config.scale.max)
                .map(|s| format!("{} {}", t.label, s.value))
        })
        .collect();
    if !top.is_empty() {
        out.push(AgendaReason {
            urgency: URGENCY_TOP_OF_SCALE,
            text: format!(
                "{} ({})",
                top.join(", "),
                config.scale.label(config.scale.max)
            ),
        });
    }
    if let (Some(now), Some(before)) = (&a.composite, &a.previous_composite) {
        if now.band != before.band {
            let band = |i: usize| {
                config
                    .composite
                    .bands
                    .get(i)
                    .map(|b| b.label.as_str())
                    .unwrap_or("?")
            };
            let up = a.trend == Trend::Up || now.band > before.band;
            out.push(AgendaReason {
                urgency: if up {
                    URGENCY_BAND_UP
                } else {
                    URGENCY_BAND_DOWN
                },
                text: format!(
                    "composite {} a band: {} → {} ({:.1} → {:.1})",
                    if up { "up" } else { "down" },
                    band(before.band),
                    band(now.band),
                    before.value,
                    now.value
                ),
            });
        }
    }
    if let Some(t) = &a.time_in_category {
        if t.overdue {
            let exit = t
                .expected_exit
                .map(|d| d.format(" (expected exit by %b %Y)").to_string())
                .unwrap_or_default();
            out.push(AgendaReason {
                urgency: URGENCY_OVERDUE,
                text: format!("{} terms in {}{exit}", t.terms, label(&t.category)),
            });
        }
    }
    if let Some(i) = inspection {
        if i.date >= term.prev().start_date() {
            out.push(AgendaReason {
                urgency: URGENCY_NEW_INSPECTION,
                text: format!(
                    "new inspection {}: {}",
                    i.date.format("%-d %b %Y"),
                    outcome(i)
                ),
            });
        }
    }
    for f in &a.flags {
        out.push(AgendaReason {
            urgency: match f.level {
                FlagLevel::Major => URGENCY_MAJOR_FLAG,
                FlagLevel::Minor => URGENCY_MINOR_FLAG,
            },
            text: format!("flag: {}", f.text),
        });
    }
    out.sort_by_key(|r| std::cmp::Reverse(r.urgency));
    out
}

/// A few words for an inspection outcome.
fn outcome(i: &Inspection) -> String {
    match &i.outcome {
        InspectionOutcome::Legacy { grade, concern } => {
            let mut s = format!("grade {grade} ({})", legacy_grade_label(*grade));
            if let Some(c) = concern {
                s.push_str(", ");
                s.push_str(c.label());
            }
            s
        }
        InspectionOutcome::ReportCard {
            areas,
            safeguarding_met,
        } => {
            let worst = areas.iter().map(|(_, g)| *g).max();
            let mut s = match worst {
                Some(g) => format!("report card, lowest grade {}", g.label()),
                None => "report card".to_string(),
            };
            if !safeguarding_met {
                s.push_str(", safeguarding not met");
            }
            s
        }
    }
}
