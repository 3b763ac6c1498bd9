//! The bundled fixtures: the fictional Borough of Wrenfield (LA 999), generated with a fixed
//! seed, then hand-written stories laid over chosen schools so every policy rule and screen
//! state has a school to show it. `fixtures/STORIES.md` is written from the same table.

use super::gias::{establishments, write_establishments};
use super::story_data::apply;
use super::{generate, write_borough_as, Borough, DemoOptions, DemoSchool};
use crate::model::Phase;
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
    Story { key: 'e', title: "Enhanced past expected exit", text: "Enhanced since 11 Sep 2023 (nine terms; expected exit is six); Good (2) in March 2022, but standards 3 every term (at risk of requires improvement, which keeps it at Enhanced). Time in category should flag it." },
    Story { key: 'f', title: "Report card: safeguarding not met", text: "Report card dated 8 Oct 2026 with safeguarding not met and two areas needing attention; the school is Core." },
    Story { key: 'g', title: "Special measures", text: "Legacy grade 4 with special measures (11 Mar 2026); Enhanced since Sep 2025; standards 4. Intensive B territory; academy order issued." },
    Story { key: 'h', title: "Focused for long, low risk", text: "Focused since 9 Jan 2023; every team ≤ 2 in every term, mostly 1. A step-down candidate." },
    Story { key: 'i', title: "Awkward names", text: "A long name (over 40 characters) with ’ and é, headteacher with ’ and è, and a comment with ’; Focused (team around the school)." },
];

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

/// Write the fixtures to `dir`: register, support, inspections, scores, STORIES.md and a
/// small Windows-1252 GIAS sample (some of Wrenfield, a closed school, another authority).
pub fn write_fixtures(dir: &Path) -> io::Result<()> {
    let (b, stories) = fixtures_borough();
    // The oldest term is kept as teams keep it: one workbook, a sheet per team.
    write_borough_as(dir, &b, &|ti| ti == 0)?;
    crate::files::write_private(
        &dir.join("STORIES.md"),
        stories_markdown(&b, &stories).as_bytes(),
    )?;
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
         `TERMLY_BLESS=1 cargo test --test cli demo_data::fixtures_are_up_to_date`.\n\n\
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
         dd-mm-yyyy): open Wrenfield schools (story i's accented name among them), closed Wrenfield\n\
         establishments, and schools of other invented authorities. Try\n\
         `termly import --register fixtures/gias-sample.csv --la 999`.\n",
    );
    md
}
