//! Why a school needs discussing this term, with an urgency for ordering the agenda.

use super::{AgendaReason, FlagLevel, SchoolAssessment, SuggestionKind, Trend};
use crate::config::Config;
use crate::dataset::Dataset;
use crate::model::{legacy_grade_label, Inspection, InspectionOutcome};
use crate::term::Term;
use chrono::NaiveDate;

/// Urgencies: higher first. Spaced so a bigger jump in category outranks a smaller one.
/// Reasons at or above [`URGENCY_FOR_DECISION`] put a school on the agenda *for decision*
/// (a suggested category change, a severe score or major flag, safeguarding, a new
/// inspection below good, past expected exit, added by hand); the rest only *for
/// information* (a good new inspection, a composite moving a band, a minor flag).
pub const URGENCY_ESCALATE: u32 = 80;
pub const URGENCY_TOP_OF_SCALE: u32 = 65;
pub const URGENCY_MAJOR_FLAG: u32 = 60;
pub const URGENCY_NEW_INSPECTION: u32 = 55;
pub const URGENCY_NO_CATEGORY: u32 = 45;
pub const URGENCY_OVERDUE: u32 = 40;
pub const URGENCY_STEP_DOWN: u32 = 35;
pub const URGENCY_BY_HAND: u32 = 30;
pub const URGENCY_FOR_DECISION: u32 = 30;
pub const URGENCY_BAND_UP: u32 = 25;
pub const URGENCY_BAND_DOWN: u32 = 20;
pub const URGENCY_MINOR_FLAG: u32 = 15;
pub const URGENCY_GOOD_INSPECTION: u32 = 10;

impl AgendaReason {
    /// This reason asks the meeting for a decision (not only for information).
    pub fn for_decision(&self) -> bool {
        self.urgency >= URGENCY_FOR_DECISION
    }
}

/// From when an inspection counts as new in `term`: one term only, so since the last
/// meeting of an earlier term (the last decision recorded before this term began), or
/// failing that since the last term's start.
pub fn new_inspections_since(data: &Dataset, term: Term) -> NaiveDate {
    let floor = term.prev().start_date();
    let start = term.start_date();
    data.decisions
        .iter()
        .filter_map(|d| d.recorded_at.get(..10))
        .filter_map(|d| NaiveDate::parse_from_str(d, "%Y-%m-%d").ok())
        .filter(|d| *d < start && *d > floor)
        .max()
        .map_or(floor, |d| d.succ_opt().unwrap_or(d))
}

/// Fill `a.agenda` from everything else in the assessment. `inspection` is the latest one
/// the assessment used; it is new when dated on or after `new_since`.
pub fn agenda_reasons(
    config: &Config,
    a: &SchoolAssessment,
    inspection: Option<&Inspection>,
    new_since: NaiveDate,
) -> Vec<AgendaReason> {
    let mut out: Vec<AgendaReason> = [
        suggestion_reason(config, a),
        a.current_category.is_none().then(|| AgendaReason {
            urgency: URGENCY_NO_CATEGORY,
            text: "no support category recorded".into(),
        }),
        top_of_scale_reason(config, a),
        band_move_reason(config, a),
        overdue_reason(config, a),
        inspection.and_then(|i| new_inspection_reason(i, new_since)),
    ]
    .into_iter()
    .flatten()
    .collect();
    out.extend(a.flags.iter().map(|f| AgendaReason {
        urgency: match f.level {
            FlagLevel::Major => URGENCY_MAJOR_FLAG,
            FlagLevel::Minor => URGENCY_MINOR_FLAG,
        },
        text: format!("flag: {}", f.text),
    }));
    out.sort_by_key(|r| std::cmp::Reverse(r.urgency));
    out
}

/// The policy suggests a different category: more urgent the further it would move.
fn suggestion_reason(config: &Config, a: &SchoolAssessment) -> Option<AgendaReason> {
    let s = a.suggestion.as_ref()?;
    let label = |key: &str| config.category_label(key).to_string();
    let level = |key: &str| config.category(key).map(|c| c.level);
    Some(match s.kind {
        SuggestionKind::AtLeast => {
            let jump = match (
                level(&s.category),
                a.current_category.as_deref().and_then(level),
            ) {
                (Some(to), Some(from)) => to.saturating_sub(from) as u32,
                _ => 1,
            };
            AgendaReason {
                urgency: URGENCY_ESCALATE + 5 * jump.min(4),
                text: match &a.current_category {
                    Some(c) => format!(
                        "suggests at least {} (now {})",
                        label(&s.category),
                        label(c)
                    ),
                    None => format!("suggests at least {}", label(&s.category)),
                },
            }
        }
        SuggestionKind::StepDown => AgendaReason {
            urgency: URGENCY_STEP_DOWN,
            text: format!("consider a step down to {}", label(&s.category)),
        },
    })
}

/// Teams scoring at the top of the scale this term.
fn top_of_scale_reason(config: &Config, a: &SchoolAssessment) -> Option<AgendaReason> {
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
    (!top.is_empty()).then(|| AgendaReason {
        urgency: URGENCY_TOP_OF_SCALE,
        text: format!(
            "{} ({})",
            top.join(", "),
            config.scale.label(config.scale.max)
        ),
    })
}

/// The composite moved into another band since last term.
fn band_move_reason(config: &Config, a: &SchoolAssessment) -> Option<AgendaReason> {
    let (now, before) = (a.composite.as_ref()?, a.previous_composite.as_ref()?);
    if now.band == before.band {
        return None;
    }
    let band = |i: usize| {
        config
            .composite
            .bands
            .get(i)
            .map(|b| b.label.as_str())
            .unwrap_or("?")
    };
    let up = a.trend == Trend::Up || now.band > before.band;
    Some(AgendaReason {
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
    })
}

/// Longer in the category than the expected time to exit.
fn overdue_reason(config: &Config, a: &SchoolAssessment) -> Option<AgendaReason> {
    let t = a.time_in_category.as_ref().filter(|t| t.overdue)?;
    let exit = t
        .expected_exit
        .map(|d| d.format(" (expected exit by %b %Y)").to_string())
        .unwrap_or_default();
    Some(AgendaReason {
        urgency: URGENCY_OVERDUE,
        text: format!(
            "{} terms in {}{exit}",
            t.terms,
            config.category_label(&t.category)
        ),
    })
}

/// An inspection since `new_since`: for decision when below good.
fn new_inspection_reason(i: &Inspection, new_since: NaiveDate) -> Option<AgendaReason> {
    (i.date >= new_since).then(|| AgendaReason {
        urgency: if below_good(i) {
            URGENCY_NEW_INSPECTION
        } else {
            URGENCY_GOOD_INSPECTION
        },
        text: format!(
            "new inspection {}: {}",
            i.date.format("%-d %b %Y"),
            outcome(i)
        ),
    })
}

/// Below good: legacy grade 3 or 4, or a report card with an area needing attention or
/// worse, or safeguarding not met.
fn below_good(i: &Inspection) -> bool {
    match &i.outcome {
        InspectionOutcome::Legacy { grade, .. } => *grade >= 3,
        InspectionOutcome::ReportCard {
            areas,
            safeguarding_met,
        } => {
            !safeguarding_met
                || areas
                    .iter()
                    .any(|(_, g)| *g >= crate::model::AreaGrade::NeedsAttention)
        }
    }
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

#[cfg(test)]
mod tests {
    use super::*;
    use crate::model::{Decision, DecisionKind};

    fn decided_on(date: &str) -> Decision {
        Decision {
            id: 1,
            meeting_id: 1,
            urn: 100001,
            kind: DecisionKind::Confirm,
            from_category: None,
            to_category: None,
            rationale: String::new(),
            actions: String::new(),
            owner: String::new(),
            due: None,
            recorded_by: "A. Chair".into(),
            recorded_at: format!("{date}T10:00:00+00:00"),
            revokes: None,
            policy_reasons: String::new(),
        }
    }

    #[test]
    fn an_inspection_is_new_for_one_term_only() {
        let term: Term = "2026-27 autumn".parse().unwrap();
        let mut data = Dataset::default();
        // No earlier meeting: since the last term's start.
        assert_eq!(
            new_inspections_since(&data, term),
            NaiveDate::from_ymd_opt(2026, 4, 1).unwrap()
        );
        // Last term's meeting on 10 Jun: only what came after it is new now.
        data.decisions.push(decided_on("2026-06-10"));
        assert_eq!(
            new_inspections_since(&data, term),
            NaiveDate::from_ymd_opt(2026, 6, 11).unwrap()
        );
        // This term's own decisions do not move it.
        data.decisions.push(decided_on("2026-11-20"));
        assert_eq!(
            new_inspections_since(&data, term),
            NaiveDate::from_ymd_opt(2026, 6, 11).unwrap()
        );
    }
}
