//! The bundled fixtures: the fictional Borough of Wrenfield (LA 999), generated with a fixed
//! seed, then hand-written stories laid over chosen schools so every policy rule and screen
//! state has a school to show it. `fixtures/STORIES.md` is written from the same table.

use super::borough::date;
use super::gias::{establishments, write_establishments};
use super::{generate, write_borough, Borough, DemoOptions, DemoSchool};
use crate::model::{Area, AreaGrade, Concern, Inspection, InspectionOutcome, Phase};
use chrono::NaiveDate;
use std::fmt::Write as _;
use std::io;
use std::path::Path;

pub const FIXTURE_SEED: u64 = 20_261_001;
pub const FIXTURE_SCHOOLS: usize = 70;
/// 2024-25 autumn … 2026-27 autumn.
pub const FIXTURE_TERMS: usize = 7;

/// One hand-written story.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Story {
    pub key: char,
    pub title: &'static str,
    pub text: &'static str,
}

pub const STORIES: &[Story] = &[
    Story { key: 'a', title: "Attendance sliding", text: "Attendance 2 → 3 → 4 over the last three terms, persistent absence rising from 19.6% to 31.4%; other teams low. Core: the attendance 4 should put it on the agenda." },
    Story { key: 'b', title: "Growing deficit", text: "Finance 2 → 3 → 4 over the last three terms; balance_pct −0.8 → −3.4 → −7.1 (it was +4.2 two years ago). Maintained, so the authority carries the risk." },
    Story { key: 'c', title: "Just inspected: requires improvement", text: "Legacy grade 3 dated 14 Oct 2026, in the latest term; still Core. The new inspection and the grade rule should suggest at least Enhanced." },
    Story { key: 'd', title: "Intensive A, improving", text: "Intensive A since 13 Jan 2025 (five terms by 2026-27 autumn, past the expected four); every team's scores falling, standards 4 → 2. A candidate to step down." },
    Story { key: 'e', title: "Enhanced past expected exit", text: "Enhanced since 11 Sep 2023 (nine terms; expected exit is six); scores flat at 2–3. Time in category should flag it." },
    Story { key: 'f', title: "Report card: safeguarding not met", text: "Report card dated 8 Oct 2026 with safeguarding not met and two areas needing attention; the school is Core." },
    Story { key: 'g', title: "Special measures", text: "Legacy grade 4 with special measures (11 Mar 2026); Enhanced since Sep 2025; standards 4. Intensive B territory; academy order issued." },
    Story { key: 'h', title: "Focused for long, low risk", text: "Focused since 9 Jan 2023; every team ≤ 2 in every term, mostly 1. A step-down candidate." },
    Story { key: 'i', title: "Awkward names", text: "A long name (over 40 characters) with ’ and é, headteacher with ’ and è, and a comment with ’; Focused (team around the school)." },
];

/// Scores by term for the fixture terms, oldest first.
type Series = [u8; FIXTURE_TERMS];

/// The Wrenfield borough with its stories applied. Returns the borough and, per story, the
/// index of its school.
pub fn fixtures_borough() -> (Borough, Vec<(Story, usize)>) {
    let mut opts = DemoOptions::new(FIXTURE_SCHOOLS, FIXTURE_TERMS, 4, FIXTURE_SEED);
    opts.la_name = "Wrenfield".into();
    let mut b = generate(&opts);
    let mut used = Vec::new();
    let mut pick = |b: &Borough, want: &dyn Fn(&DemoSchool) -> bool| -> usize {
        let i = (0..b.schools.len())
            .find(|i| !used.contains(i) && want(&b.schools[*i]))
            .or_else(|| (0..b.schools.len()).find(|i| !used.contains(i)))
            .expect("enough schools for every story");
        used.push(i);
        i
    };
    let primary_maintained =
        |s: &DemoSchool| s.school.phase == Phase::Primary && s.school.maintained;
    let primary_academy = |s: &DemoSchool| s.school.phase == Phase::Primary && !s.school.maintained;
    let secondary = |s: &DemoSchool| s.school.phase == Phase::Secondary;
    let secondary_academy =
        |s: &DemoSchool| s.school.phase == Phase::Secondary && !s.school.maintained;
    let picks = [
        pick(&b, &primary_maintained),
        pick(&b, &primary_maintained),
        pick(&b, &secondary),
        pick(&b, &primary_maintained),
        pick(&b, &secondary_academy),
        pick(&b, &secondary_academy),
        pick(&b, &primary_maintained),
        pick(&b, &primary_academy),
        pick(&b, &primary_maintained),
    ];
    let stories: Vec<(Story, usize)> = STORIES.iter().copied().zip(picks).collect();
    for (story, i) in &stories {
        apply(&mut b, story.key, *i);
    }
    (b, stories)
}

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
                [
                    super::borough::tenth(overall),
                    super::borough::tenth(overall * 2.3),
                ]
            }
            "finance" => [super::borough::tenth(5.5 - 3.2 * (x - 1.0)), 0.0],
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

fn apply(b: &mut Borough, story: char, si: usize) {
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
                [2, 2, 2, 2, 2, 3, 3],
                [
                    "",
                    "",
                    "KS4 progress slightly below national",
                    "",
                    "",
                    "Inspection expected; KS3 curriculum uneven",
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
            b.schools[si].inspections = vec![legacy(urn, date(2023, 6, 21), 3, None)];
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

/// Write the fixtures to `dir`: register, support, inspections, scores, STORIES.md and a
/// small Windows-1252 GIAS sample (some of Wrenfield, a closed school, another authority).
pub fn write_fixtures(dir: &Path) -> io::Result<()> {
    let (b, stories) = fixtures_borough();
    write_borough(dir, &b)?;
    std::fs::write(dir.join("STORIES.md"), stories_markdown(&b, &stories))?;
    let mut own: Vec<usize> = (0..18).collect();
    let awkward = stories.iter().find(|(s, _)| s.key == 'i').map(|(_, i)| *i);
    own.extend(awkward.filter(|i| !own.contains(i)));
    write_establishments(&dir.join("gias-sample.csv"), &establishments(&b, &own, 12))
}

fn stories_markdown(b: &Borough, stories: &[(Story, usize)]) -> String {
    let mut md = String::from(
        "# Wrenfield fixtures: the stories\n\n\
         The Borough of Wrenfield (LA 999) is fictional: every school, person and number here is\n\
         invented. The files in this folder are generated by `termly::demo::write_fixtures`\n\
         (seeded, so they are reproducible); these schools were then given hand-written histories\n\
         so that each rule and screen state has an example. Terms run 2024-25 autumn to\n\
         2026-27 autumn.\n\n\
         Regenerate after changing the generator with\n\
         `TERMLY_BLESS=1 cargo test --test demo_data fixtures_are_up_to_date`.\n\n\
         | story | URN | school | category (since) |\n| --- | --- | --- | --- |\n",
    );
    for (story, i) in stories {
        let s = &b.schools[*i];
        let _ = writeln!(
            md,
            "| {}. {} | {} | {} | {} ({}) |",
            story.key,
            story.title,
            s.school.urn,
            s.school.name,
            s.category,
            s.since.format("%Y-%m-%d")
        );
    }
    md.push('\n');
    for (story, i) in stories {
        let s = &b.schools[*i];
        let _ = write!(
            md,
            "## {}. {} — URN {}\n\n{} ({}, {}). {}\n\n",
            story.key,
            story.title,
            s.school.urn,
            s.school.name,
            s.school.phase.label(),
            s.school.establishment_type,
            story.text
        );
    }
    md.push_str(
        "## gias-sample.csv\n\n\
         A small GIAS-shaped establishment extract (Windows-1252, every field quoted, dates\n\
         dd-mm-yyyy): 19 open Wrenfield schools (with story i's accented name), closed Wrenfield\n\
         establishments, and schools of other invented authorities. Try\n\
         `termly import --register fixtures/gias-sample.csv --la 999`.\n",
    );
    md
}
