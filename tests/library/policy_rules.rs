//! Each shipped rule kind, with its boundaries, on small fictional boroughs.

use crate::policy_support::*;
use termly::model::{Area, AreaGrade, Concern, Phase};
use termly::policy::{SuggestionKind, Trend};

const URN: u32 = 100001;
const AUT: &str = "2026-27 autumn";
const SUM: &str = "2025-26 summer";
const SPR: &str = "2025-26 spring";

fn school(b: &mut Borough, category: &str) {
    b.school(URN, "Elmbrook Primary", Phase::Primary, true)
        .category(URN, category, "2026-01-05");
}

/// (suggested category key or "", kind) for a school.
fn suggested(b: &Borough) -> (String, Option<SuggestionKind>) {
    let a = b.one(URN);
    match a.suggestion {
        Some(s) => (s.category, Some(s.kind)),
        None => (String::new(), None),
    }
}

#[test]
fn inspection_rules_both_shapes() {
    use AreaGrade::*;
    type Setup = fn(&mut Borough);
    let cases: Vec<(&str, Setup, &str, &str)> = vec![
        (
            "legacy grade 3",
            |b| {
                b.legacy(URN, "2026-10-14", 3, None);
            },
            "enhanced",
            "Ofsted grade 3 on 14 Oct 2026 → at least Enhanced",
        ),
        (
            "legacy grade 2",
            |b| {
                b.legacy(URN, "2026-10-14", 2, None);
            },
            "",
            "",
        ),
        (
            "serious weaknesses",
            |b| {
                b.legacy(URN, "2026-10-14", 4, Some(Concern::SeriousWeaknesses));
            },
            "intensive_b",
            "Ofsted serious weaknesses on 14 Oct 2026",
        ),
        (
            "special measures",
            |b| {
                b.legacy(URN, "2026-10-14", 4, Some(Concern::SpecialMeasures));
            },
            "intensive_b",
            "Ofsted special measures",
        ),
        (
            "report card urgent",
            |b| {
                b.report_card(
                    URN,
                    "2026-10-08",
                    &[
                        (Area::Inclusion, UrgentImprovement),
                        (Area::Achievement, ExpectedStandard),
                    ],
                    true,
                );
            },
            "intensive_b",
            "report card 8 Oct 2026: Inclusion urgent improvement",
        ),
        (
            "safeguarding not met",
            |b| {
                b.report_card(
                    URN,
                    "2026-10-08",
                    &[(Area::Inclusion, StrongStandard)],
                    false,
                );
            },
            "intensive_b",
            "safeguarding not met (report card 8 Oct 2026)",
        ),
        (
            "report card needs attention in leadership",
            |b| {
                b.report_card(
                    URN,
                    "2026-10-08",
                    &[(Area::LeadershipGovernance, NeedsAttention)],
                    true,
                );
            },
            "enhanced",
            "Leadership and governance needs attention",
        ),
        (
            "report card needs attention in inclusion only",
            |b| {
                b.report_card(
                    URN,
                    "2026-10-08",
                    &[(Area::Inclusion, NeedsAttention)],
                    true,
                );
            },
            "",
            "",
        ),
        (
            "report card all expected",
            |b| {
                b.report_card(
                    URN,
                    "2026-10-08",
                    &[(Area::Achievement, ExpectedStandard)],
                    true,
                );
            },
            "",
            "",
        ),
        (
            "older grade 3 replaced by a later grade 2",
            |b| {
                b.legacy(URN, "2023-03-01", 3, None)
                    .legacy(URN, "2026-10-01", 2, None);
            },
            "",
            "",
        ),
        (
            "inspection after the term counts for nothing yet",
            |b| {
                b.legacy(URN, "2027-01-20", 3, None);
            },
            "",
            "",
        ),
    ];
    for (name, setup, want, sentence) in cases {
        let mut b = Borough::new();
        school(&mut b, "core");
        b.scores(AUT, URN, &s([1, 1, 1, 1]));
        setup(&mut b);
        let (got, _) = suggested(&b);
        assert_eq!(got, want, "{name}");
        let a = b.one(URN);
        if !sentence.is_empty() {
            assert!(
                a.reasons.iter().any(|r| r.sentence.contains(sentence)),
                "{name}: {:?}",
                reasons(&a)
            );
        }
    }
}

#[test]
fn team_score_rules() {
    // (name, last term, this term, current category, expected suggestion)
    type Case<'a> = (&'a str, [u8; 4], [u8; 4], &'a str, &'a str);
    let cases: Vec<Case> = vec![
        ("quiet", [1, 1, 1, 1], [1, 1, 1, 2], "core", ""),
        (
            "team up by 2",
            [1, 1, 1, 1],
            [1, 1, 1, 3],
            "core",
            "intensive_a",
        ),
        ("team up by 1 only", [1, 1, 2, 2], [1, 1, 2, 3], "core", ""),
        (
            "composite up exactly 1.0",
            [1, 1, 1, 1],
            [2, 2, 2, 2],
            "core",
            "intensive_a",
        ),
        ("composite up 0.67", [1, 1, 1, 1], [2, 2, 2, 1], "core", ""),
        (
            "standards 4 with hr 3",
            [1, 3, 1, 4],
            [1, 3, 1, 4],
            "core",
            "intensive_a",
        ),
        (
            "standards 4 with hr 2",
            [1, 2, 1, 4],
            [1, 2, 1, 4],
            "core",
            "",
        ),
        (
            "attendance 3 alone, standards 2",
            [1, 1, 3, 2],
            [1, 1, 3, 2],
            "core",
            "",
        ),
        (
            "attendance 3 and finance 3, standards 2",
            [3, 1, 3, 2],
            [3, 1, 3, 2],
            "core",
            "focused_tas",
        ),
        (
            "finance 4, standards 2",
            [4, 1, 1, 2],
            [4, 1, 1, 2],
            "core",
            "focused_tas",
        ),
        (
            "attendance 3 and hr 3, standards 3",
            [1, 3, 3, 3],
            [1, 3, 3, 3],
            "core",
            "",
        ),
        (
            "tas already focused",
            [1, 3, 3, 2],
            [1, 3, 3, 2],
            "focused",
            "",
        ),
        (
            "tas but enhanced",
            [1, 3, 3, 2],
            [1, 3, 3, 2],
            "enhanced",
            "",
        ),
        (
            "intensive needed above enhanced",
            [1, 1, 1, 1],
            [1, 1, 1, 3],
            "enhanced",
            "intensive_a",
        ),
        (
            "already intensive b",
            [1, 1, 1, 1],
            [1, 1, 1, 3],
            "intensive_b",
            "",
        ),
    ];
    for (name, before, now, cat, want) in cases {
        let mut b = Borough::new();
        school(&mut b, cat);
        b.scores(SUM, URN, &s(before)).scores(AUT, URN, &s(now));
        let (got, kind) = suggested(&b);
        assert_eq!(got, want, "{name}: {:?}", reasons(&b.one(URN)));
        if !want.is_empty() {
            assert_eq!(kind, Some(SuggestionKind::AtLeast), "{name}");
        }
    }
}

#[test]
fn reasons_carry_actual_values() {
    let mut b = Borough::new();
    school(&mut b, "core");
    b.scores(SUM, URN, &s([1, 1, 2, 1]))
        .scores(AUT, URN, &s([1, 1, 4, 2]));
    let a = b.one(URN);
    let all = reasons(&a).join("\n");
    assert!(
        all.contains("Attendance up 2 since last term (2 → 4)"),
        "{all}"
    );
    assert!(all.contains("Attendance 4 (severe) this term"), "{all}");
    assert!(all.contains("→ at least Intensive A"), "{all}");
    assert!(
        all.contains("→ at least Focused (team around the school)"),
        "{all}"
    );
    assert_eq!(
        a.suggestion.unwrap().category,
        "intensive_a",
        "highest wins"
    );
}

#[test]
fn at_risk_of_requires_improvement() {
    for (grade, standards, want) in [
        (2, 3, "enhanced"),
        (1, 3, "enhanced"),
        (2, 2, ""),
        (3, 1, "enhanced"),
    ] {
        let mut b = Borough::new();
        school(&mut b, "core");
        b.legacy(URN, "2024-05-01", grade, None)
            .scores(AUT, URN, &s([1, 1, 1, standards]));
        assert_eq!(suggested(&b).0, want, "grade {grade} standards {standards}");
    }
}

#[test]
fn ri_at_risk_again_needs_two_consecutive_terms() {
    let mut b = Borough::new();
    school(&mut b, "enhanced");
    b.legacy(URN, "2024-05-01", 3, None)
        .scores(SUM, URN, &s([1, 1, 1, 3]))
        .scores(AUT, URN, &s([1, 1, 1, 3]));
    let a = b.one(URN);
    assert_eq!(a.suggestion.as_ref().unwrap().category, "intensive_a");
    assert!(reasons(&a)
        .iter()
        .any(|r| r.contains("Standards ≥ 3 for 2 terms (3, 3)")));

    // A gap (no summer term) breaks the run.
    let mut b = Borough::new();
    school(&mut b, "enhanced");
    b.legacy(URN, "2024-05-01", 3, None)
        .scores(SPR, URN, &s([1, 1, 1, 3]))
        .scores(AUT, URN, &s([1, 1, 1, 3]));
    assert_eq!(suggested(&b).0, "");
}

#[test]
fn step_down_after_three_low_terms() {
    // (name, current, three terms of scores, inspection grade, expected)
    let low = [1, 2, 1, 2];
    type Case<'a> = (&'a str, &'a str, Vec<[u8; 4]>, Option<u8>, &'a str);
    let cases: Vec<Case> = vec![
        (
            "enhanced, low three terms",
            "enhanced",
            vec![low, low, low],
            None,
            "focused",
        ),
        (
            "intensive b steps to a",
            "intensive_b",
            vec![low, low, low],
            None,
            "intensive_a",
        ),
        (
            "only two terms of history",
            "enhanced",
            vec![low, low],
            None,
            "",
        ),
        (
            "one term at 3",
            "enhanced",
            vec![low, [1, 3, 1, 1], low],
            None,
            "",
        ),
        ("already core", "core", vec![low, low, low], None, ""),
        (
            "still graded 3",
            "enhanced",
            vec![low, low, low],
            Some(3),
            "",
        ),
    ];
    for (name, cat, terms, grade, want) in cases {
        let mut b = Borough::new();
        school(&mut b, cat);
        let keys = ["2025-26 summer", "2026-27 autumn", "2026-27 spring"];
        for (k, sc) in keys[3 - terms.len()..].iter().zip(&terms) {
            b.scores(k, URN, &s(*sc));
        }
        if let Some(g) = grade {
            b.legacy(URN, "2025-01-10", g, None);
        }
        let (got, kind) = suggested(&b);
        assert_eq!(got, want, "{name}: {:?}", reasons(&b.one(URN)));
        if !want.is_empty() {
            assert_eq!(kind, Some(SuggestionKind::StepDown), "{name}");
            let a = b.one(URN);
            assert!(
                reasons(&a)
                    .iter()
                    .any(|r| r.contains("all teams ≤ 2 for 3 terms → consider a step down")),
                "{name}"
            );
        }
    }
}

#[test]
fn missing_scores_are_left_out_and_never_fire() {
    let mut b = Borough::new();
    school(&mut b, "core");
    b.scores(AUT, URN, &[None, None, None, None]);
    let a = b.one(URN);
    assert!(a.composite.is_none());
    assert_eq!(a.trend, Trend::New);
    assert!(a.suggestion.is_none());
    assert!(a.reasons.is_empty());

    let mut b = Borough::new();
    school(&mut b, "core");
    b.scores(AUT, URN, &[None, None, Some(3), None]);
    let a = b.one(URN);
    let c = a.composite.clone().unwrap();
    assert_eq!(c.teams_counted, 1);
    assert_eq!(
        c.value, 3.0,
        "a mean of the scores present, not zero-filled"
    );
    assert!(
        a.suggestion.is_none(),
        "standards unknown is not standards sound: {:?}",
        reasons(&a)
    );
}

#[test]
fn single_term_of_history_and_academies() {
    let mut b = Borough::new();
    b.school(URN, "Fernhill Academy", Phase::Secondary, false)
        .category(URN, "core", "2026-09-01")
        .school(100002, "Older School", Phase::Primary, true)
        .category(100002, "core", "2020-09-01")
        .scores(SUM, 100002, &s([1, 1, 1, 1]))
        .scores(AUT, 100002, &s([1, 1, 1, 1]))
        .scores(AUT, URN, &s([3, 1, 3, 1]));
    let (data, t) = b.assess();
    let a = &t.schools[data.school_index(URN).unwrap()];
    assert_eq!(a.trend, Trend::New);
    assert!(a.previous_composite.is_none());
    assert_eq!(a.suggestion.as_ref().unwrap().category, "focused_tas");
    let older = &t.schools[data.school_index(100002).unwrap()];
    assert_eq!(older.trend, Trend::Same);
}

#[test]
fn time_in_category_and_overdue() {
    let mut b = Borough::new();
    b.school(URN, "Elmbrook Primary", Phase::Primary, true)
        .category(URN, "enhanced", "2024-09-02")
        .scores(AUT, URN, &s([2, 1, 3, 3]));
    let a = b.one(URN);
    let t = a.time_in_category.clone().unwrap();
    assert_eq!(t.terms, 7, "autumn 2024 to autumn 2026 inclusive");
    assert_eq!(t.expected_exit, Some(d("2026-08-31")));
    assert!(t.overdue);
    assert!(a
        .agenda
        .iter()
        .any(|r| r.text.contains("7 terms in Enhanced")));

    let mut b = Borough::new();
    b.school(URN, "Elmbrook Primary", Phase::Primary, true)
        .category(URN, "enhanced", "2025-01-06")
        .scores(AUT, URN, &s([1, 1, 1, 1]));
    let t = b.one(URN).time_in_category.unwrap();
    assert_eq!(t.terms, 6);
    assert!(!t.overdue, "exit due at the end of this term");
}
