//! Banding boundaries, flags, config validation naming the rule, and the other condition kinds.

use crate::policy_support::*;
use termly::model::Phase;
use termly::policy::{category_level, explain_composite, FlagLevel};

const URN: u32 = 100001;
const AUT: &str = "2026-27 autumn";

fn banded(phase: Phase, team: &str, name: &str, value: f64) -> termly::policy::SchoolAssessment {
    let mut b = Borough::new();
    b.school(URN, "Hollowmere School", phase, true)
        .category(URN, "core", "2025-09-01")
        .scores(AUT, URN, &[Some(1), Some(1), None, Some(1)])
        .indicator(AUT, URN, team, name, value);
    if team == "finance" {
        b.scores.clear();
        b.scores(AUT, URN, &[None, Some(1), Some(1), Some(1)]);
    }
    b.one(URN)
}

#[test]
fn banding_min_inclusive_max_exclusive() {
    // (phase, indicator, value, derived score, flag)
    let cases = [
        (Phase::Primary, 14.99, 1, None),
        (Phase::Primary, 15.0, 2, None),
        (Phase::Primary, 19.99, 2, None),
        (Phase::Primary, 20.0, 3, Some(FlagLevel::Minor)),
        (Phase::Primary, 30.0, 4, Some(FlagLevel::Major)),
        (Phase::Special, 30.0, 2, None),
        (Phase::Special, 35.0, 3, Some(FlagLevel::Minor)),
        (Phase::Special, 45.0, 4, Some(FlagLevel::Major)),
    ];
    for (phase, v, want, flag) in cases {
        let a = banded(phase, "attendance", "persistent_absence_pct", v);
        let sc = a.scores[2].clone().expect("derived score");
        assert_eq!(sc.value, want, "{phase:?} PA {v}");
        let how = sc.derived_from.unwrap();
        assert!(how.contains("persistent_absence_pct"), "{how}");
        assert_eq!(a.flags.first().map(|f| f.level), flag, "{phase:?} PA {v}");
    }
    let a = banded(Phase::Primary, "attendance", "persistent_absence_pct", 31.0);
    assert_eq!(a.flags[0].text, "PA 31%");
}

#[test]
fn finance_deficit_is_high_risk() {
    for (v, want) in [
        (-5.01, 4),
        (-5.0, 3),
        (-0.1, 3),
        (0.0, 2),
        (4.9, 2),
        (5.0, 1),
        (12.0, 1),
    ] {
        let a = banded(Phase::Primary, "finance", "balance_pct", v);
        assert_eq!(a.scores[0].as_ref().unwrap().value, want, "balance {v}");
    }
}

#[test]
fn a_team_score_wins_over_banding_but_flags_still_show() {
    let mut b = Borough::new();
    b.school(URN, "Hollowmere School", Phase::Primary, true)
        .category(URN, "core", "2025-09-01")
        .scores(AUT, URN, &[Some(1), Some(1), Some(2), Some(1)])
        .indicator(AUT, URN, "attendance", "persistent_absence_pct", 33.0);
    let a = b.one(URN);
    let sc = a.scores[2].clone().unwrap();
    assert_eq!(sc.value, 2);
    assert!(sc.derived_from.is_none());
    assert_eq!(a.flags[0].level, FlagLevel::Major);
    assert!(a.agenda.iter().any(|r| r.text == "flag: PA 33%"));
}

#[test]
fn config_rejects_unknown_names_naming_the_rule() {
    let cases = [
        (
            "[[policy.rules]]\nname = \"odd-team\"\nat_least = \"enhanced\"\nwhen = { team_at_least = { team = \"catering\", score = 3 } }\n",
            &["odd-team", "catering"][..],
        ),
        (
            "[[policy.rules]]\nname = \"odd-category\"\nat_least = \"platinum\"\nwhen = { composite_at_least = 3 }\n",
            &["odd-category", "platinum"],
        ),
        (
            "[[policy.rules]]\nname = \"odd-indicator\"\nat_least = \"enhanced\"\nwhen = { all = [{ indicator = { name = \"ghost_pct\", min = 3 } }] }\n",
            &["odd-indicator", "ghost_pct"],
        ),
        (
            "[[policy.rules]]\nname = \"nested\"\nstep_down_to = \"core\"\nwhen = { any = [{ category_at_least = \"gold\" }] }\n",
            &["nested", "gold"],
        ),
        (
            "[[policy.banding]]\nname = \"bad-band\"\nteam = \"canteen\"\nindicator = \"x\"\nranges = [{ score = 1 }]\n",
            &["bad-band", "canteen"],
        ),
        (
            "[[policy.banding]]\nname = \"off-scale\"\nteam = \"hr\"\nindicator = \"x\"\nranges = [{ score = 9 }]\n",
            &["off-scale", "9"],
        ),
        (
            "[[policy.rules]]\nname = \"two-ways\"\nat_least = \"enhanced\"\nstep_down = true\nwhen = { composite_at_least = 3 }\n",
            &["two-ways", "exactly one"],
        ),
        (
            "[[policy.rules]]\nname = \"bad-template\"\nat_least = \"enhanced\"\nsentence = \"{school} is bad\"\nwhen = { composite_at_least = 3 }\n",
            &["bad-template", "{school}"],
        ),
    ];
    for (text, words) in cases {
        let err = config_with(text).expect_err(text);
        for w in words {
            assert!(err.contains(w), "{err} should name {w}");
        }
        assert!(err.contains("test.toml"), "{err}");
    }
    // A declared indicator is accepted.
    let ok = "[policy]\nindicators = [\"ghost_pct\"]\n[[policy.rules]]\nname = \"x\"\nat_least = \"enhanced\"\nwhen = { indicator = { name = \"ghost_pct\", min = 3 } }\n";
    config_with(ok).unwrap();
}

#[test]
fn user_rules_cover_every_condition_kind() {
    // Each user rule replaces the shipped list; (condition, holds for the school below?)
    let cases = [
        ("{ composite_at_least = 2.2 }", true), // (3 + 1 + 3 + 2 × 1.5) / 4.5 = 2.22
        ("{ composite_at_least = 2.23 }", false),
        ("{ teams_at_least = { score = 3, count = 2 } }", true),
        ("{ teams_at_least = { score = 3, count = 3 } }", false),
        (
            "{ teams_at_least = { score = 3, teams = [\"hr\", \"standards\"] } }",
            false,
        ),
        ("{ maintained = false }", true),
        ("{ maintained = true }", false),
        ("{ phase = [\"secondary\"] }", true),
        ("{ phase = [\"special\", \"primary\"] }", false),
        ("{ terms_in_category_at_least = 4 }", true),
        ("{ terms_in_category_at_least = 5 }", false),
        ("{ category_at_least = \"focused_tas\" }", true),
        ("{ category_at_most = \"core\" }", false),
        (
            "{ indicator = { name = \"overall_absence_pct\", min = 8 } }",
            true,
        ),
        (
            "{ indicator = { name = \"overall_absence_pct\", min = 8, max = 8.2 } }",
            false,
        ),
        ("{ not = { maintained = true } }", true),
        (
            "{ all = [{ maintained = false }, { composite_at_least = 9 }] }",
            false,
        ),
        (
            "{ any = [{ maintained = true }, { composite_at_least = 2 }] }",
            true,
        ),
        ("{ team_at_most = { team = \"hr\", score = 1 } }", true),
        ("{ all_teams_at_most = { score = 3 } }", true),
        ("{ all_teams_at_most = { score = 2 } }", false),
    ];
    for (cond, holds) in cases {
        let text = format!(
            "[[policy.rules]]\nname = \"probe\"\nat_least = \"intensive_b\"\nwhen = {cond}\n"
        );
        let config = config_with(&text).unwrap_or_else(|e| panic!("{cond}: {e}"));
        let mut b = Borough::with_config(config);
        b.school(URN, "Kestrel Academy", Phase::Secondary, false)
            .category(URN, "focused", "2025-09-15")
            .scores(AUT, URN, &[Some(3), Some(1), Some(3), Some(2)])
            .indicator(AUT, URN, "attendance", "overall_absence_pct", 8.2);
        let a = b.one(URN);
        assert_eq!(a.suggestion.is_some(), holds, "{cond}: {:?}", reasons(&a));
        if holds {
            assert!(
                a.reasons[0].sentence.ends_with("→ at least Intensive B"),
                "{:?}",
                a.reasons
            );
        }
    }
}

#[test]
fn composite_methods_and_explanation() {
    for (method, want) in [
        ("max", 3.0),
        ("weighted_mean", 2.0),
        ("count_at_least", 1.0),
    ] {
        let config = config_with(&format!("[composite]\nmethod = \"{method}\"\n")).unwrap();
        let mut b = Borough::with_config(config);
        b.school(URN, "Larchfield Primary", Phase::Primary, true)
            .scores(AUT, URN, &[Some(1), None, Some(3), Some(2)]);
        let (data, t) = b.assess();
        let a = &t.schools[0];
        // weighted: (1 + 3 + 2 × 1.5) / 3.5 = 2.0
        assert!(
            (a.composite.as_ref().unwrap().value - want).abs() < 1e-9,
            "{method}"
        );
        let lines = explain_composite(&b.config, a);
        assert!(
            lines.iter().any(|l| l.contains("HR: no score — left out")),
            "{lines:?}"
        );
        assert!(lines.iter().any(|l| l.starts_with("Band ")), "{lines:?}");
        assert_eq!(data.schools.len(), 1);
    }
}

#[test]
fn category_levels() {
    let c = config_with("").unwrap();
    assert_eq!(category_level(&c, "core"), Some(0));
    assert_eq!(category_level(&c, "focused_tas"), Some(1));
    assert_eq!(category_level(&c, "intensive_b"), Some(4));
    assert_eq!(category_level(&c, "nope"), None);
}
