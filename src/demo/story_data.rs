//! The hand-written histories laid over the fixture schools, one arm per story (see
//! `STORIES` in `stories.rs` for what each one shows).

use super::borough::{date, tenth};
use super::stories::FIXTURE_TERMS;
use super::Borough;
use crate::model::{Area, AreaGrade, Concern, Inspection, InspectionOutcome, Phase};
use chrono::NaiveDate;

/// Scores by term for the fixture terms, oldest first.
type Series = [u8; FIXTURE_TERMS];

fn legacy(urn: u32, d: NaiveDate, grade: u8, concern: Option<Concern>) -> Inspection {
    Inspection {
        urn,
        date: d,
        outcome: InspectionOutcome::Legacy { grade, concern },
    }
}

/// Set one team's scores and comments for every fixture term.
fn set(b: &mut Borough, si: usize, team: &str, scores: Series, comments: [&str; FIXTURE_TERMS]) {
    let k = b.team_index(team).expect("fixture team");
    let phase = b.schools[si].school.phase;
    for t in 0..FIXTURE_TERMS {
        let row = b.row_mut(t, k, si);
        row.score = Some(scores[t]);
        row.comment = comments[t].to_string();
        // Indicators in line with the score, with a small fixed wobble.
        let x = scores[t] as f64 + ((t * 7 + si) % 5) as f64 * 0.08 - 0.16;
        row.indicators = match team {
            "attendance" => {
                let base = if phase == Phase::Secondary { 1.5 } else { 0.0 };
                let overall = 3.8 + base + 1.7 * (x - 1.0);
                [tenth(overall), tenth(overall * 2.3)]
            }
            "finance" => [tenth(5.5 - 3.2 * (x - 1.0)), 0.0],
            _ => [0.0, 0.0],
        };
    }
}

fn set_indicator(
    b: &mut Borough,
    si: usize,
    team: &str,
    slot: usize,
    values: [f32; FIXTURE_TERMS],
) {
    let k = b.team_index(team).expect("fixture team");
    for (t, v) in values.into_iter().enumerate() {
        b.row_mut(t, k, si).indicators[slot] = v;
    }
}

const QUIET: [&str; FIXTURE_TERMS] = ["", "", "", "", "", "", ""];

fn support(b: &mut Borough, si: usize, category: &str, since: NaiveDate, lama: Option<&str>) {
    let s = &mut b.schools[si];
    s.category = category.to_string();
    s.since = since;
    s.school.lama = lama.map(str::to_string);
}

pub(super) fn apply(b: &mut Borough, story: char, si: usize) {
    let urn = b.schools[si].school.urn;
    let lama = super::names::LAMAS;
    match story {
        'a' => {
            support(b, si, "core", date(2021, 9, 6), None);
            b.schools[si].inspections = vec![legacy(urn, date(2022, 3, 9), 2, None)];
            set(b, si, "finance", [1, 1, 1, 1, 2, 1, 1], QUIET);
            set(
                b,
                si,
                "hr",
                [1, 1, 1, 1, 1, 2, 2],
                [
                    "",
                    "",
                    "",
                    "",
                    "",
                    "Deputy head on maternity leave",
                    "Head on sick leave since October",
                ],
            );
            set(
                b,
                si,
                "standards",
                [2, 2, 1, 2, 2, 2, 2],
                [
                    "Phonics check dipped",
                    "",
                    "",
                    "Reading at KS1 a focus",
                    "",
                    "",
                    "",
                ],
            );
            set(
                b,
                si,
                "attendance",
                [1, 1, 2, 2, 2, 3, 4],
                [
                    "",
                    "",
                    "Slight rise in PA, Year 5",
                    "EWO allocated",
                    "PA rising; letters to 38 families",
                    "PA 25.3% against 17% borough; attendance panel held",
                    "PA 31.4% and rising; no attendance lead in post",
                ],
            );
            set_indicator(b, si, "attendance", 0, [4.1, 4.4, 5.0, 5.3, 6.2, 7.9, 9.6]);
            set_indicator(
                b,
                si,
                "attendance",
                1,
                [11.2, 12.0, 14.1, 15.8, 19.6, 25.3, 31.4],
            );
        }
        'b' => {
            support(b, si, "core", date(2019, 9, 9), None);
            b.schools[si].inspections = vec![legacy(urn, date(2019, 6, 12), 2, None)];
            set(
                b,
                si,
                "finance",
                [1, 1, 2, 2, 2, 3, 4],
                [
                    "",
                    "",
                    "Reserves reducing",
                    "Budget set with small in-year deficit",
                    "Forecast deficit at year end",
                    "Deficit recovery plan requested; falling rolls",
                    "Cumulative deficit 7% of income; recovery plan not credible",
                ],
            );
            set_indicator(b, si, "finance", 0, [4.2, 3.1, 1.9, 0.6, -0.8, -3.4, -7.1]);
            set(
                b,
                si,
                "hr",
                [1, 1, 1, 2, 2, 2, 2],
                [
                    "",
                    "",
                    "",
                    "Restructure consultation",
                    "Two support staff posts deleted",
                    "Restructure complete",
                    "Union concerns about workload",
                ],
            );
            set(b, si, "attendance", [1, 1, 1, 1, 1, 2, 1], QUIET);
            set(b, si, "standards", [2, 1, 1, 2, 2, 2, 2], QUIET);
        }
        'c' => {
            support(b, si, "core", date(2020, 9, 7), None);
            b.schools[si].inspections = vec![
                legacy(urn, date(2018, 5, 16), 2, None),
                legacy(urn, date(2026, 10, 14), 3, None),
            ];
            set(b, si, "finance", [1, 1, 1, 1, 1, 1, 1], QUIET);
            set(b, si, "hr", [1, 1, 2, 1, 1, 1, 2], QUIET);
            set(
                b,
                si,
                "attendance",
                [2, 2, 2, 2, 2, 2, 2],
                [
                    "Suspensions up in Year 9",
                    "",
                    "",
                    "",
                    "",
                    "",
                    "PA above borough at KS4",
                ],
            );
            set(
                b,
                si,
                "standards",
                [2, 2, 2, 2, 2, 2, 3],
                [
                    "",
                    "",
                    "KS4 progress slightly below national",
                    "",
                    "",
                    "KS3 curriculum uneven; inspection expected",
                    "Ofsted RI (14 Oct): KS3 curriculum and leadership of SEND",
                ],
            );
        }
        'd' => {
            support(b, si, "intensive_a", date(2025, 1, 13), Some(lama[1]));
            b.schools[si].inspections = vec![
                legacy(urn, date(2021, 2, 3), 3, None),
                legacy(urn, date(2024, 11, 20), 3, None),
            ];
            set(
                b,
                si,
                "standards",
                [4, 4, 4, 3, 3, 3, 2],
                [
                    "Outcomes well below national; second RI",
                    "Review: weak leadership of reading",
                    "Interim executive head appointed",
                    "Reading improving; KS2 still low",
                    "Review: clear improvement in teaching",
                    "KS2 outcomes up 14 points",
                    "Review: leaders now driving improvement",
                ],
            );
            set(
                b,
                si,
                "hr",
                [3, 3, 2, 2, 2, 2, 1],
                [
                    "Head resigned",
                    "Interim head in post",
                    "",
                    "Substantive head appointed",
                    "",
                    "",
                    "",
                ],
            );
            set(
                b,
                si,
                "attendance",
                [3, 3, 3, 3, 2, 2, 2],
                ["Fortnightly EWO visits", "", "", "PA falling", "", "", ""],
            );
            set(b, si, "finance", [2, 2, 2, 2, 2, 1, 1], QUIET);
        }
        'e' => {
            support(b, si, "enhanced", date(2023, 9, 11), Some(lama[2]));
            b.schools[si].inspections = vec![legacy(urn, date(2022, 3, 2), 2, None)];
            set(
                b,
                si,
                "standards",
                [3, 3, 3, 3, 3, 3, 3],
                [
                    "KS4 below national",
                    "",
                    "Maths department unstable",
                    "",
                    "No improvement in KS4 outcomes",
                    "",
                    "Third year of flat outcomes",
                ],
            );
            set(b, si, "attendance", [2, 2, 3, 2, 2, 3, 2], QUIET);
            set(
                b,
                si,
                "finance",
                [2, 2, 2, 2, 2, 2, 2],
                ["Trust reserves adequate", "", "", "", "", "", ""],
            );
            set(b, si, "hr", [2, 2, 2, 2, 2, 1, 2], QUIET);
        }
        'f' => {
            support(b, si, "core", date(2022, 9, 5), None);
            let area = |a, g| (a, g);
            let card = InspectionOutcome::ReportCard {
                areas: vec![
                    area(Area::Inclusion, AreaGrade::ExpectedStandard),
                    area(Area::CurriculumTeaching, AreaGrade::NeedsAttention),
                    area(Area::Achievement, AreaGrade::ExpectedStandard),
                    area(Area::AttendanceBehaviour, AreaGrade::StrongStandard),
                    area(Area::PersonalDevelopment, AreaGrade::ExpectedStandard),
                    area(Area::LeadershipGovernance, AreaGrade::NeedsAttention),
                ],
                safeguarding_met: false,
            };
            b.schools[si].inspections = vec![
                legacy(urn, date(2021, 11, 17), 2, None),
                Inspection {
                    urn,
                    date: date(2026, 10, 8),
                    outcome: card,
                },
            ];
            set(
                b,
                si,
                "standards",
                [2, 2, 2, 2, 2, 2, 3],
                [
                    "",
                    "",
                    "",
                    "",
                    "",
                    "",
                    "Report card: safeguarding not met; single central record gaps",
                ],
            );
            set(
                b,
                si,
                "hr",
                [1, 1, 1, 2, 2, 2, 2],
                [
                    "",
                    "",
                    "",
                    "DSL left; deputy covering",
                    "",
                    "",
                    "DSL post vacant",
                ],
            );
            set(b, si, "attendance", [1, 1, 2, 1, 1, 2, 2], QUIET);
            set(b, si, "finance", [1, 1, 1, 1, 1, 1, 1], QUIET);
        }
        'g' => {
            support(b, si, "enhanced", date(2025, 9, 8), Some(lama[0]));
            b.schools[si].inspections = vec![
                legacy(urn, date(2022, 5, 4), 3, None),
                legacy(urn, date(2026, 3, 11), 4, Some(Concern::SpecialMeasures)),
            ];
            set(
                b,
                si,
                "standards",
                [3, 3, 3, 3, 4, 4, 4],
                [
                    "KS2 below national",
                    "",
                    "",
                    "Review: safeguarding culture weak",
                    "Special measures (11 Mar 2026)",
                    "Academy order issued; sponsor not yet found",
                    "Monitoring visit: insufficient progress",
                ],
            );
            set(
                b,
                si,
                "hr",
                [2, 2, 3, 3, 3, 4, 3],
                [
                    "",
                    "",
                    "Head on long-term sick leave",
                    "",
                    "Interim head",
                    "Three heads in two years",
                    "Interim head extended",
                ],
            );
            set(b, si, "attendance", [2, 2, 2, 3, 3, 3, 3], QUIET);
            set(
                b,
                si,
                "finance",
                [2, 2, 2, 2, 3, 3, 3],
                [
                    "",
                    "",
                    "",
                    "",
                    "Deficit forecast",
                    "Licensed deficit",
                    "Monthly monitoring",
                ],
            );
        }
        'h' => {
            support(b, si, "focused", date(2023, 1, 9), Some(lama[3]));
            b.schools[si].inspections = vec![legacy(urn, date(2024, 2, 7), 2, None)];
            set(
                b,
                si,
                "standards",
                [2, 2, 2, 1, 1, 1, 1],
                [
                    "Writing at KS2 a focus",
                    "",
                    "Writing improved",
                    "",
                    "",
                    "No concerns",
                    "No concerns",
                ],
            );
            set(b, si, "hr", [1, 2, 1, 1, 1, 1, 1], QUIET);
            set(b, si, "attendance", [1, 1, 1, 1, 2, 1, 1], QUIET);
            set(b, si, "finance", [1, 1, 1, 1, 1, 1, 1], QUIET);
        }
        'i' => {
            let s = &mut b.schools[si];
            s.school.name = "St Aurélie’s Church of England Primary School and Nursery".into();
            s.school.establishment_type = "Voluntary aided school".into();
            s.school.maintained = true;
            s.school.headteacher = Some("M. D’Arcy-Lefèvre".into());
            s.extra.head_title = "Mrs".into();
            s.extra.head_first = "Maëlle".into();
            s.extra.head_last = "D’Arcy-Lefèvre".into();
            support(b, si, "focused_tas", date(2025, 4, 22), Some(lama[4]));
            b.schools[si].inspections = vec![legacy(urn, date(2023, 1, 25), 2, None)];
            set(
                b,
                si,
                "hr",
                [2, 2, 3, 3, 2, 2, 2],
                [
                    "",
                    "",
                    "Head’s workload high; two governors resigned",
                    "Staff wellbeing survey: low",
                    "HR adviser attending governors’ meetings",
                    "",
                    "",
                ],
            );
            set(b, si, "standards", [2, 2, 2, 2, 2, 2, 2], QUIET);
            set(b, si, "attendance", [1, 2, 1, 1, 2, 1, 2], QUIET);
            set(b, si, "finance", [2, 2, 2, 1, 1, 1, 1], QUIET);
        }
        _ => unreachable!("every story key is handled"),
    }
}
