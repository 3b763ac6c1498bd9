//! What earlier meetings did with the inspections they knew of. The shipped policy places a
//! school graded 3 (or with a report-card area needing attention in teaching, achievement or
//! leadership) at least in Enhanced, and a school causing concern in Intensive B. A borough
//! that has run the policy has already acted on every inspection before the last meeting, so
//! the generator raises such a school's drawn category to that floor; only inspections since
//! then are left for the meeting to act on.

use super::LATEST_TERM;
use crate::model::{Area, AreaGrade, Inspection, InspectionOutcome};
use chrono::{Duration, NaiveDate};

/// Category keys by level, as in the shipped configuration.
const LEVELS: [(&str, u8); 6] = [
    ("core", 0),
    ("focused", 1),
    ("focused_tas", 1),
    ("enhanced", 2),
    ("intensive_a", 3),
    ("intensive_b", 4),
];

fn level(category: &str) -> u8 {
    LEVELS
        .iter()
        .find(|(k, _)| *k == category)
        .map_or(0, |(_, l)| *l)
}

/// The least category the policy puts a school in for this inspection, if any.
fn floor_for(inspection: &Inspection) -> Option<&'static str> {
    match &inspection.outcome {
        InspectionOutcome::Legacy { grade, concern } => match grade {
            _ if concern.is_some() => Some("intensive_b"),
            4 => Some("intensive_b"),
            3 => Some("enhanced"),
            _ => None,
        },
        InspectionOutcome::ReportCard {
            areas,
            safeguarding_met,
        } => {
            let worst = |wanted: &[Area]| {
                areas
                    .iter()
                    .filter(|(a, _)| wanted.is_empty() || wanted.contains(a))
                    .map(|(_, g)| *g)
                    .max()
            };
            if !safeguarding_met || worst(&[]) >= Some(AreaGrade::UrgentImprovement) {
                Some("intensive_b")
            } else if worst(&[
                Area::CurriculumTeaching,
                Area::Achievement,
                Area::LeadershipGovernance,
            ]) >= Some(AreaGrade::NeedsAttention)
            {
                Some("enhanced")
            } else {
                None
            }
        }
    }
}

/// The category and since date after the meetings before the last one acted on `latest`
/// (the school's latest inspection). A raised school joined its category at the first
/// meeting after the inspection, unless it was already in support from a later date.
pub(super) fn after_earlier_meetings(
    category: &'static str,
    since: NaiveDate,
    latest: Option<&Inspection>,
) -> (&'static str, NaiveDate) {
    let known = latest.filter(|i| i.date < LATEST_TERM.prev().start_date());
    match known.and_then(|i| floor_for(i).map(|f| (i, f))) {
        Some((i, floor)) if level(floor) > level(category) => {
            (floor, since.max(i.date + Duration::days(42)))
        }
        _ => (category, since),
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::model::Concern;

    fn on(y: i32, m: u32, d: u32, outcome: InspectionOutcome) -> Inspection {
        Inspection {
            urn: 100001,
            date: NaiveDate::from_ymd_opt(y, m, d).unwrap(),
            outcome,
        }
    }

    #[test]
    fn an_inspection_before_the_last_meeting_raises_the_category() {
        let d = |y, m, dd| NaiveDate::from_ymd_opt(y, m, dd).unwrap();
        let sm = on(
            2025,
            5,
            12,
            InspectionOutcome::Legacy {
                grade: 4,
                concern: Some(Concern::SpecialMeasures),
            },
        );
        assert_eq!(
            after_earlier_meetings("intensive_a", d(2025, 1, 10), Some(&sm)),
            ("intensive_b", d(2025, 6, 23))
        );
        let ri = on(
            2023,
            3,
            1,
            InspectionOutcome::Legacy {
                grade: 3,
                concern: None,
            },
        );
        // Already above the floor: unchanged.
        assert_eq!(
            after_earlier_meetings("intensive_a", d(2025, 1, 10), Some(&ri)),
            ("intensive_a", d(2025, 1, 10))
        );
        assert_eq!(
            after_earlier_meetings("focused", d(2025, 1, 10), Some(&ri)),
            ("enhanced", d(2025, 1, 10))
        );
    }

    #[test]
    fn an_inspection_since_the_last_meeting_is_left_for_this_one() {
        let d = |y, m, dd| NaiveDate::from_ymd_opt(y, m, dd).unwrap();
        let recent = on(
            2026,
            10,
            14,
            InspectionOutcome::Legacy {
                grade: 3,
                concern: None,
            },
        );
        assert_eq!(
            after_earlier_meetings("core", d(2020, 9, 7), Some(&recent)),
            ("core", d(2020, 9, 7))
        );
    }
}
