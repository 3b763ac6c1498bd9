//! The detail pane, rendered from a hand-built dataset and assessment: text snapshots at two
//! sizes for both inspection shapes, a scrolled view, a style snapshot of the score section,
//! and tiny areas that must not panic.

use chrono::NaiveDate;
use ratatui::buffer::Buffer;
use ratatui::layout::Rect;
use ratatui::widgets::Widget;
use std::path::Path;
use termly::config::Config;
use termly::dataset::{Dataset, IndicatorValue, TermScores};
use termly::model::{
    Area, AreaGrade, CategorySpell, Decision, DecisionKind, Inspection, InspectionOutcome, Phase,
    School, Score,
};
use termly::policy::{
    compiled_policy, school_scores, AgendaReason, Compiled, Composite, EffectiveScore, Flag,
    FlagLevel, Reason, SchoolAssessment, Suggestion, SuggestionKind, TimeInCategory, Trend,
};
use termly::term::{Season, Term};
use termly::tui::detail::DetailView;
use termly::tui::theme::{ColorDepth, Theme, ThemeKind};

fn d(y: i32, m: u32, day: u32) -> NaiveDate {
    NaiveDate::from_ymd_opt(y, m, day).unwrap()
}

fn config() -> Config {
    Config::default_with_base(Path::new("config")).unwrap()
}

fn theme(config: &Config) -> Theme {
    Theme::build(
        ThemeKind::Dark,
        config.scale.labels.len(),
        config.categories.len(),
        ColorDepth::TrueColor,
    )
}

fn terms() -> [Term; 3] {
    [
        Term::new(2025, Season::Summer),
        Term::new(2026, Season::Autumn),
        Term::new(2026, Season::Spring),
    ]
}

fn school(urn: u32, name: &str, phase: Phase, kind: &str, maintained: bool) -> School {
    School {
        urn,
        name: name.into(),
        phase,
        establishment_type: kind.into(),
        maintained,
        pupils: Some(812),
        headteacher: Some("R. Fernsby".into()),
        la_code: Some("999".into()),
        sip: Some("Adviser Quill".into()),
        lama: Some("Adviser Marram".into()),
    }
}

fn decision(id: i64, urn: u32, kind: DecisionKind, rationale: &str) -> Decision {
    Decision {
        id,
        meeting_id: 2,
        urn,
        kind,
        from_category: None,
        to_category: None,
        rationale: rationale.into(),
        actions: String::new(),
        owner: String::new(),
        due: None,
        recorded_by: "Chair Example".into(),
        recorded_at: "2026-11-23T10:15:00+00:00".into(),
        revokes: None,
        policy_reasons: String::new(),
    }
}

/// Two fictional schools: Brackenfold (legacy inspection, decisions) and Cobblestone
/// (report card). Teams in config order: finance, hr, attendance, standards.
fn dataset() -> Dataset {
    let teams: Vec<String> = ["finance", "hr", "attendance", "standards"]
        .iter()
        .map(|s| s.to_string())
        .collect();
    let schools = vec![
        school(
            100101,
            "Brackenfold Primary",
            Phase::Primary,
            "Community school",
            true,
        ),
        school(
            100202,
            "Cobblestone Academy",
            Phase::Secondary,
            "Academy converter",
            false,
        ),
    ];
    let grid: [[[Option<u8>; 4]; 2]; 3] = [
        [
            [Some(1), Some(1), Some(2), Some(2)],
            [Some(2), None, Some(2), Some(3)],
        ],
        [
            [Some(2), Some(1), Some(3), Some(2)],
            [Some(2), Some(2), Some(3), Some(3)],
        ],
        [
            [Some(2), Some(2), Some(4), Some(3)],
            [Some(3), Some(2), Some(4), Some(4)],
        ],
    ];
    let term_scores = terms()
        .iter()
        .zip(grid)
        .map(|(t, rows)| {
            let mut ts = TermScores::new(*t, 2, 4);
            for (s, row) in rows.iter().enumerate() {
                for (team, v) in row.iter().enumerate() {
                    ts.scores[s * 4 + team] = *v;
                }
            }
            ts.indicators.push(IndicatorValue {
                school: 0,
                team: 2,
                name: "persistent_absence_pct".into(),
                value: 31.0,
            });
            ts
        })
        .collect();
    let mut recat = decision(
        7,
        100101,
        DecisionKind::Recategorise,
        "Attendance falling for two terms",
    );
    recat.from_category = Some("focused".into());
    recat.to_category = Some("enhanced".into());
    recat.actions = "LaMA to agree attendance plan\nTAG in January".into();
    recat.owner = "Adviser Marram".into();
    recat.due = Some(d(2027, 1, 31));
    let mut wrong = decision(
        8,
        100101,
        DecisionKind::Recategorise,
        "Entered against the wrong school",
    );
    wrong.from_category = Some("enhanced".into());
    wrong.to_category = Some("intensive_a".into());
    let mut revoke = decision(9, 100101, DecisionKind::Revoke, "Recorded in error");
    revoke.revokes = Some(8);
    let confirm = decision(10, 100202, DecisionKind::Confirm, "Stable");
    Dataset {
        teams,
        schools,
        inspections: vec![
            vec![
                Inspection {
                    urn: 100101,
                    date: d(2019, 3, 5),
                    outcome: InspectionOutcome::Legacy {
                        grade: 2,
                        concern: None,
                    },
                },
                Inspection {
                    urn: 100101,
                    date: d(2023, 3, 14),
                    outcome: InspectionOutcome::Legacy {
                        grade: 3,
                        concern: None,
                    },
                },
            ],
            vec![Inspection {
                urn: 100202,
                date: d(2026, 10, 8),
                outcome: InspectionOutcome::ReportCard {
                    areas: vec![
                        (Area::Inclusion, AreaGrade::ExpectedStandard),
                        (Area::CurriculumTeaching, AreaGrade::NeedsAttention),
                        (Area::Achievement, AreaGrade::ExpectedStandard),
                        (Area::AttendanceBehaviour, AreaGrade::UrgentImprovement),
                        (Area::PersonalDevelopment, AreaGrade::StrongStandard),
                        (Area::LeadershipGovernance, AreaGrade::NeedsAttention),
                    ],
                    safeguarding_met: false,
                },
            }],
        ],
        categories: vec![
            vec![
                CategorySpell::imported(100101, "focused", d(2024, 9, 1)),
                CategorySpell {
                    meeting_id: Some(1),
                    decision_id: Some(7),
                    ..CategorySpell::imported(100101, "enhanced", d(2026, 11, 23))
                },
            ],
            vec![CategorySpell::imported(100202, "enhanced", d(2024, 9, 1))],
        ],
        terms: term_scores,
        decisions: vec![recat, wrong, revoke, confirm],
        meetings: Vec::new(),
    }
}

fn score(urn: u32, term: Term, team: &str, v: Option<u8>, comment: &str) -> Score {
    Score {
        urn,
        term,
        team: team.into(),
        score: v,
        comment: comment.into(),
        indicators: Vec::new(),
    }
}

fn scores(long: bool) -> Vec<Score> {
    let t = terms()[2];
    let mut att = score(
        100101,
        t,
        "attendance",
        None,
        "PA 31% against 19% borough; two exclusion spikes",
    );
    att.indicators = vec![
        ("overall_absence_pct".into(), 8.2),
        ("persistent_absence_pct".into(), 31.0),
    ];
    let std_comment = if long {
        "KS2 reading below floor for the second year running. The new English lead started in \
         January and the trust-wide phonics programme is not yet embedded; governors have asked \
         for a termly progress check and the LaMA will attend the next curriculum committee. \
         Writing moderation found generous judgements in year 6."
    } else {
        "KS2 reading below floor"
    };
    vec![
        score(100101, t, "finance", Some(2), "Small in-year deficit"),
        score(100101, t, "hr", Some(2), ""),
        att,
        score(100101, t, "standards", Some(3), std_comment),
        score(
            100101,
            terms()[1],
            "finance",
            Some(2),
            "an older comment, not shown",
        ),
    ]
}

fn assessment_brackenfold() -> SchoolAssessment {
    let eff = |v| {
        Some(EffectiveScore {
            value: v,
            derived_from: None,
        })
    };
    SchoolAssessment {
        scores: vec![
            eff(2),
            eff(2),
            Some(EffectiveScore {
                value: 4,
                derived_from: Some("persistent_absence_pct 31 ≥ 25 → 4".into()),
            }),
            eff(3),
        ],
        composite: Some(Composite {
            value: 2.8,
            band: 2,
            teams_counted: 4,
        }),
        previous_composite: Some(Composite {
            value: 2.0,
            band: 1,
            teams_counted: 4,
        }),
        trend: Trend::Up,
        current_category: Some("enhanced".into()),
        suggestion: Some(Suggestion {
            kind: SuggestionKind::AtLeast,
            category: "intensive_a".into(),
        }),
        reasons: vec![
            Reason {
                rule: "ofsted_ri".into(),
                consequence: SuggestionKind::AtLeast,
                category: "enhanced".into(),
                sentence: "Ofsted grade 3 → at least Enhanced".into(),
            },
            Reason {
                rule: "attendance_and_standards".into(),
                consequence: SuggestionKind::AtLeast,
                category: "intensive_a".into(),
                sentence: "attendance 4 and standards 3 → at least Intensive A".into(),
            },
        ],
        flags: vec![
            Flag {
                level: FlagLevel::Major,
                text: "PA 31%".into(),
            },
            Flag {
                level: FlagLevel::Minor,
                text: "deficit".into(),
            },
        ],
        time_in_category: Some(TimeInCategory {
            category: "enhanced".into(),
            since_term: Term::containing(d(2026, 11, 23)),
            since: d(2026, 11, 23),
            terms: 1,
            expected_exit: Some(d(2028, 11, 30)),
            overdue: false,
        }),
        agenda: vec![AgendaReason {
            urgency: 3,
            text: "suggests Intensive A, is Enhanced".into(),
        }],
    }
}

fn assessment_cobblestone() -> SchoolAssessment {
    let eff = |v| {
        Some(EffectiveScore {
            value: v,
            derived_from: None,
        })
    };
    SchoolAssessment {
        scores: vec![eff(3), eff(2), eff(4), eff(4)],
        composite: Some(Composite {
            value: 3.4,
            band: 3,
            teams_counted: 4,
        }),
        previous_composite: Some(Composite {
            value: 2.7,
            band: 2,
            teams_counted: 4,
        }),
        trend: Trend::Up,
        current_category: Some("enhanced".into()),
        suggestion: Some(Suggestion {
            kind: SuggestionKind::AtLeast,
            category: "intensive_b".into(),
        }),
        reasons: vec![Reason {
            rule: "safeguarding".into(),
            consequence: SuggestionKind::AtLeast,
            category: "intensive_b".into(),
            sentence: "Report card: safeguarding not met → at least Intensive B".into(),
        }],
        flags: vec![],
        time_in_category: Some(TimeInCategory {
            category: "enhanced".into(),
            since_term: Term::containing(d(2024, 9, 1)),
            since: d(2024, 9, 1),
            terms: 7,
            expected_exit: Some(d(2026, 8, 31)),
            overdue: true,
        }),
        agenda: vec![],
    }
}

fn render(view: DetailView<'_>, w: u16, h: u16) -> Buffer {
    let mut buf = Buffer::empty(Rect::new(0, 0, w, h));
    view.render(buf.area, &mut buf);
    buf
}

fn text(buf: &Buffer) -> String {
    let area = buf.area;
    let mut out = String::new();
    for y in 0..area.height {
        let mut row = String::new();
        for x in 0..area.width {
            row.push_str(buf[(x, y)].symbol());
        }
        out.push_str(row.trim_end());
        out.push('\n');
    }
    out
}

struct Fixture {
    config: Config,
    compiled: Compiled,
    dataset: Dataset,
    theme: Theme,
    scores: Vec<Score>,
    a: SchoolAssessment,
    b: SchoolAssessment,
}

fn fixture(long: bool) -> Fixture {
    let config = config();
    let theme = theme(&config);
    let compiled = compiled_policy(&config);
    let dataset = dataset();
    // The composites are the policy's own, as on the real screen, so "This term" and
    // Trends (which scores every term with the same function) agree.
    let policy = |mut a: SchoolAssessment, school: usize| {
        a.composite = school_scores(&config, &compiled, &dataset, 2, school).composite;
        a.previous_composite = school_scores(&config, &compiled, &dataset, 1, school).composite;
        a
    };
    let (a, b) = (
        policy(assessment_brackenfold(), 0),
        policy(assessment_cobblestone(), 1),
    );
    Fixture {
        compiled,
        config,
        dataset,
        theme,
        scores: scores(long),
        a,
        b,
    }
}

fn view(f: &Fixture, school: usize, scroll: u16) -> DetailView<'_> {
    DetailView {
        config: &f.config,
        compiled: &f.compiled,
        dataset: &f.dataset,
        school,
        term: f.dataset.terms[2].term,
        term_idx: Some(2),
        assessment: Some(if school == 0 { &f.a } else { &f.b }),
        scores: &f.scores,
        actions: &[],
        today: NaiveDate::from_ymd_opt(2026, 11, 20).unwrap(),
        departures: &[],
        meeting_id: None,
        theme: &f.theme,
        scroll,
        reveal: false,
    }
}

#[test]
fn legacy_inspection_with_decisions_80x24_and_120x40() {
    let f = fixture(false);
    insta::assert_snapshot!("legacy_80x24", text(&render(view(&f, 0, 0), 80, 24)));
    insta::assert_snapshot!("legacy_120x40", text(&render(view(&f, 0, 0), 120, 40)));
}

#[test]
fn the_whole_pane_tall_enough_to_see_everything() {
    let f = fixture(false);
    insta::assert_snapshot!("legacy_full_120x80", text(&render(view(&f, 0, 0), 120, 80)));
}

#[test]
fn report_card_one_area_per_line() {
    let f = fixture(false);
    let v = view(&f, 1, 0);
    let full = text(&render(v, 120, 80));
    insta::assert_snapshot!("report_card_120x80", full);
    let scrolled = DetailView { scroll: 22, ..v };
    insta::assert_snapshot!(
        "report_card_80x24_scrolled",
        text(&render(scrolled, 80, 24))
    );
}

#[test]
fn long_comment_wraps_and_scrolls_with_a_clamp() {
    let f = fixture(true);
    let v = view(&f, 0, 0);
    let area = Rect::new(0, 0, 80, 24);
    let max = v.max_scroll(area);
    assert!(max > 0, "content taller than the pane");
    insta::assert_snapshot!("long_comment_80x24_top", text(&render(v, 80, 24)));
    let scrolled = DetailView { scroll: 6, ..v };
    insta::assert_snapshot!(
        "long_comment_80x24_scrolled",
        text(&render(scrolled, 80, 24))
    );
    // A stale offset far past the end shows the last page, same as the clamped offset.
    let past = text(&render(DetailView { scroll: 9_999, ..v }, 80, 24));
    let clamped = text(&render(DetailView { scroll: max, ..v }, 80, 24));
    assert_eq!(past, clamped);
    assert!(
        clamped.contains("None recorded") || clamped.contains("recorded by"),
        "{clamped}"
    );
    // The whole comment is there once, across wrapped rows.
    let rows: Vec<String> = v
        .lines(78)
        .iter()
        .map(|l| l.to_string().trim().to_string())
        .collect();
    let all = rows.join(" ");
    assert!(
        all.contains("found generous judgements in year 6.”"),
        "{all}"
    );
    assert!(
        rows.iter().all(|r| r.chars().count() <= 78),
        "rows fit the width"
    );
}

#[test]
fn every_reason_and_every_decision_is_shown() {
    let f = fixture(false);
    let all: Vec<String> = view(&f, 0, 0)
        .lines(200)
        .iter()
        .map(|l| l.to_string())
        .collect();
    let joined = all.join("\n");
    for needle in [
        "Ofsted grade 3 → at least Enhanced",
        "attendance 4 and standards 3 → at least Intensive A",
        "#7 Recategorised Focused → Enhanced",
        "#8 Recategorised Enhanced → Intensive A  [REVOKED by #9: Recorded in error]",
        "#9 Revoked #8",
        "derived from indicator: persistent_absence_pct 31 ≥ 25 → 4",
        "indicators: overall_absence_pct 8.2 · persistent_absence_pct 31",
        "Requires improvement (3), inspected 14 Mar 2023",
    ] {
        assert!(joined.contains(needle), "missing {needle:?} in\n{joined}");
    }
    assert!(
        !joined.contains("an older comment"),
        "only this term's comments"
    );
    assert!(!joined.contains("Stable"), "another school's decision");
}

#[test]
fn overdue_category_is_marked() {
    let f = fixture(false);
    let joined: String = view(&f, 1, 0)
        .lines(200)
        .iter()
        .map(|l| l.to_string() + "\n")
        .collect();
    assert!(joined.contains("7 terms in category"), "{joined}");
    assert!(joined.contains("⚠ OVERDUE"), "{joined}");
    assert!(
        joined
            .lines()
            .any(|l| l.trim_start().starts_with("Safeguarding") && l.ends_with("NOT MET")),
        "{joined}"
    );
}

/// Colour matters: lock in the styles of the "This term" rows (cell by cell runs).
#[test]
fn score_section_styles() {
    let f = fixture(false);
    let buf = render(view(&f, 0, 0), 100, 30);
    let rows: Vec<String> = (0..buf.area.height)
        .map(|y| {
            (0..buf.area.width)
                .map(|x| buf[(x, y)].symbol().to_string())
                .collect()
        })
        .collect();
    let first = rows.iter().position(|r| r.contains("This term ·")).unwrap();
    let last = first
        + rows[first..]
            .iter()
            .position(|r| r.trim_matches(['│', ' ']).is_empty())
            .unwrap();
    let mut out = String::new();
    for y in first as u16..last as u16 {
        let row = &rows[y as usize];
        out.push_str(&format!("row {y}: {}\n", row.trim_end()));
        let mut x = 0;
        while x < buf.area.width {
            let style = buf[(x, y)].style();
            let start = x;
            let mut run = String::new();
            while x < buf.area.width && buf[(x, y)].style() == style {
                run.push_str(buf[(x, y)].symbol());
                x += 1;
            }
            if run.trim().is_empty() && style.bg == f.theme.base.bg {
                continue;
            }
            out.push_str(&format!(
                "  {start:>3} {:?} fg={:?} bg={:?} mod={:?}\n",
                run.trim_end(),
                style.fg,
                style.bg,
                style.add_modifier
            ));
        }
    }
    insta::assert_snapshot!("score_section_styles", out);
}

#[test]
fn tiny_areas_do_not_panic() {
    let f = fixture(true);
    for (w, h) in [(1, 1), (2, 2), (3, 1), (10, 3), (20, 5), (80, 1)] {
        for school in 0..2 {
            render(view(&f, school, 0), w, h);
            render(view(&f, school, u16::MAX), w, h);
        }
    }
    let empty = Dataset::default();
    let v = DetailView {
        config: &f.config,
        compiled: &f.compiled,
        dataset: &empty,
        school: 0,
        term: Term::containing(NaiveDate::from_ymd_opt(2026, 11, 20).unwrap()),
        term_idx: None,
        assessment: None,
        scores: &[],
        actions: &[],
        today: NaiveDate::from_ymd_opt(2026, 11, 20).unwrap(),
        departures: &[],
        meeting_id: None,
        theme: &f.theme,
        scroll: 0,
        reveal: false,
    };
    assert!(text(&render(v, 40, 5)).contains("No school selected"));
}

#[test]
fn without_an_assessment_the_raw_scores_still_show() {
    let f = fixture(false);
    let v = DetailView {
        assessment: None,
        ..view(&f, 0, 0)
    };
    let joined: String = v.lines(120).iter().map(|l| l.to_string() + "\n").collect();
    assert!(joined.contains("Not assessed"), "{joined}");
    assert!(joined.contains("Standards  [3] high"), "{joined}");
}
