//! The random borough: schools, support categories, inspections and correlated score walks.
//!
//! Each school has a hidden risk level (most schools low); team scores wander around it with
//! a shock shared by all teams (bad terms hit several teams at once) and one per team, so
//! scores are believable and correlated. Categories and inspections follow the same level.

use super::categorised::after_earlier_meetings;
use super::names;
use super::{
    terms_ending_latest, Borough, DemoOptions, DemoSchool, Extra, ScoreRow, TeamSpec, TEAMS,
};
use crate::model::{
    is_maintained_type, Area, AreaGrade, Concern, Inspection, InspectionOutcome, Phase, School,
};
use crate::term::Term;
use chrono::{Duration, NaiveDate};
use rand::rngs::SmallRng;
use rand::seq::SliceRandom;
use rand::{Rng, SeedableRng};

/// An approximately normal draw with mean 0 and standard deviation 1 (sum of uniforms).
pub(crate) fn gauss(rng: &mut SmallRng) -> f64 {
    (rng.random::<f64>() + rng.random::<f64>() + rng.random::<f64>() - 1.5) * 2.0
}

/// Round to one decimal place, never giving "-0.0".
pub(crate) fn tenth(v: f64) -> f32 {
    ((v * 10.0).round() / 10.0 + 0.0) as f32
}

fn weighted<'a>(rng: &mut SmallRng, items: &[(&'a str, u32)]) -> &'a str {
    let total: u32 = items.iter().map(|(_, w)| w).sum();
    let mut pick = rng.random_range(0..total);
    for (item, w) in items {
        if pick < *w {
            return item;
        }
        pick -= w;
    }
    items[items.len() - 1].0
}

pub(crate) fn date(y: i32, m: u32, d: u32) -> NaiveDate {
    NaiveDate::from_ymd_opt(y, m, d).expect("valid date")
}

fn date_between(rng: &mut SmallRng, from: NaiveDate, to: NaiveDate) -> NaiveDate {
    let days = (to - from).num_days().max(0);
    from + Duration::days(rng.random_range(0..=days))
}

/// Phases in realistic proportions; small boroughs still get one of each rarer phase.
fn phases(rng: &mut SmallRng, n: usize) -> Vec<Phase> {
    let share = |p: f64, min: usize| {
        let c = (n as f64 * p).round() as usize;
        if n >= 20 {
            c.max(min)
        } else {
            c
        }
    };
    let mut out = Vec::with_capacity(n);
    for (phase, count) in [
        (Phase::Secondary, share(0.14, 1)),
        (Phase::Special, share(0.04, 2)),
        (Phase::Nursery, share(0.03, 1)),
        (Phase::AlternativeProvision, share(0.02, 1)),
        (Phase::AllThrough, share(0.015, 1)),
    ] {
        out.extend(std::iter::repeat_n(phase, count));
    }
    out.truncate(n);
    out.resize(n, Phase::Primary);
    out.shuffle(rng);
    out
}

fn establishment_type(rng: &mut SmallRng, phase: Phase) -> &'static str {
    match phase {
        Phase::Primary => weighted(
            rng,
            &[
                ("Community school", 40),
                ("Voluntary aided school", 12),
                ("Voluntary controlled school", 6),
                ("Foundation school", 4),
                ("Academy converter", 25),
                ("Academy sponsor led", 10),
                ("Free schools", 3),
            ],
        ),
        Phase::Secondary => weighted(
            rng,
            &[
                ("Community school", 15),
                ("Voluntary aided school", 8),
                ("Foundation school", 7),
                ("Academy converter", 45),
                ("Academy sponsor led", 20),
                ("Free schools", 5),
            ],
        ),
        Phase::Special => weighted(
            rng,
            &[
                ("Community special school", 60),
                ("Academy special converter", 25),
                ("Free schools special", 15),
            ],
        ),
        Phase::Nursery => "Local authority nursery school",
        Phase::AlternativeProvision => weighted(
            rng,
            &[
                ("Pupil referral unit", 70),
                ("Academy alternative provision converter", 30),
            ],
        ),
        Phase::AllThrough => weighted(
            rng,
            &[
                ("Community school", 30),
                ("Academy converter", 50),
                ("Free schools", 20),
            ],
        ),
    }
}

fn pupils(rng: &mut SmallRng, phase: Phase) -> u32 {
    let (lo, hi) = match phase {
        Phase::Primary => (90, 630),
        Phase::Secondary => (600, 1800),
        Phase::Special => (60, 250),
        Phase::Nursery => (60, 140),
        Phase::AlternativeProvision => (20, 90),
        Phase::AllThrough => (900, 2200),
    };
    rng.random_range(lo..=hi)
}

fn area_grade(rng: &mut SmallRng, risk: f64) -> AreaGrade {
    let v = risk + gauss(rng) * 0.5;
    match v {
        v if v < 1.1 => AreaGrade::Exceptional,
        v if v < 1.8 => AreaGrade::StrongStandard,
        v if v < 2.7 => AreaGrade::ExpectedStandard,
        v if v < 3.4 => AreaGrade::NeedsAttention,
        _ => AreaGrade::UrgentImprovement,
    }
}

fn legacy(rng: &mut SmallRng, risk: f64) -> InspectionOutcome {
    let v = risk + gauss(rng) * 0.45;
    let grade = match v {
        v if v < 0.9 => 1,
        v if v < 2.45 => 2,
        v if v < 3.45 => 3,
        _ => 4,
    };
    let concern = (grade == 4).then(|| {
        if risk > 3.3 && rng.random_bool(0.5) {
            Concern::SpecialMeasures
        } else {
            Concern::SeriousWeaknesses
        }
    });
    InspectionOutcome::Legacy { grade, concern }
}

fn report_card(rng: &mut SmallRng, risk: f64, phase: Phase) -> InspectionOutcome {
    let early_years = matches!(phase, Phase::Nursery | Phase::Primary | Phase::AllThrough);
    let post16 = match phase {
        Phase::Secondary => rng.random_bool(0.6),
        Phase::AllThrough => true,
        Phase::Special => rng.random_bool(0.3),
        _ => false,
    };
    let areas = Area::ALL
        .iter()
        .filter(|a| match a {
            Area::EarlyYears => early_years,
            Area::Post16 => post16,
            _ => true,
        })
        .map(|a| (*a, area_grade(rng, risk)))
        .collect();
    let p_not_met = if risk > 3.0 { 0.1 } else { 0.02 };
    InspectionOutcome::ReportCard {
        areas,
        safeguarding_met: !rng.random_bool(p_not_met),
    }
}

/// Legacy inspections until November 2025, sometimes a report card after it.
fn inspections(rng: &mut SmallRng, urn: u32, risk: f64, school: &School) -> Vec<Inspection> {
    let mut out = Vec::new();
    if school.establishment_type.starts_with("Free") && rng.random_bool(0.3) {
        return out; // newly opened, not yet inspected
    }
    let last_legacy = date_between(rng, date(2016, 1, 11), date(2025, 10, 31));
    if rng.random_bool(0.3) {
        let earlier = last_legacy - Duration::days(rng.random_range(3 * 365..5 * 365));
        let then = (risk + gauss(rng) * 0.5).max(1.0);
        let outcome = legacy(rng, then);
        out.push(Inspection {
            urn,
            date: earlier,
            outcome,
        });
    }
    let outcome = legacy(rng, risk);
    out.push(Inspection {
        urn,
        date: last_legacy,
        outcome,
    });
    if rng.random_bool(0.22) {
        let when = date_between(rng, date(2025, 11, 10), date(2026, 12, 11));
        let outcome = report_card(rng, risk, school.phase);
        out.push(Inspection {
            urn,
            date: when,
            outcome,
        });
    }
    out
}

fn category(rng: &mut SmallRng, risk: f64, latest: Option<&Inspection>) -> &'static str {
    let concern = matches!(
        latest.map(|i| &i.outcome),
        Some(InspectionOutcome::Legacy {
            concern: Some(_),
            ..
        })
    );
    // Decisions lag the evidence: a few schools sit a level off where their risk points.
    let lagged = risk
        + if rng.random_bool(0.12) {
            gauss(rng) * 0.6
        } else {
            0.0
        };
    match lagged {
        _ if concern && risk > 2.6 && rng.random_bool(0.6) => "intensive_b",
        r if r < 2.0 => "core",
        r if r < 2.5 => {
            if rng.random_bool(0.2) {
                "focused_tas"
            } else {
                "focused"
            }
        }
        r if r < 3.1 => "enhanced",
        _ => "intensive_a",
    }
}

/// When the school joined `category`. Schools in support mostly leave it on time (policy:
/// focused and enhanced within two years, intensive within four terms), so only a few are
/// drawn past their expected exit: the draw is scaled, not redrawn, to keep the seeded stream.
fn since(rng: &mut SmallRng, category: &str, latest: Term) -> NaiveDate {
    let back = match category {
        "core" => rng.random_range(3..24),
        "intensive_a" | "intensive_b" => rng.random_range(0..6) * 4 / 6,
        _ => rng.random_range(0..9) * 6 / 9,
    };
    let term = Term::from_ordinal(latest.ordinal() - back);
    term.start_date() + Duration::days(rng.random_range(2..40))
}

/// Generate a borough from `opts`. Deterministic in `opts`.
pub fn generate(opts: &DemoOptions) -> Borough {
    let mut rng = SmallRng::seed_from_u64(opts.seed);
    let terms = terms_ending_latest(opts.terms);
    let latest = *terms.last().expect("at least one term");
    let teams: Vec<TeamSpec> = TEAMS[..opts.teams.min(TEAMS.len())].to_vec();
    let n = opts.schools;
    let mut schools = Vec::with_capacity(n);
    let mut risks = Vec::with_capacity(n);
    let mut used_names = std::collections::HashSet::new();
    let mut urn = 100_000u32;
    for phase in phases(&mut rng, n) {
        urn += rng.random_range(1..=7);
        let est = establishment_type(&mut rng, phase);
        // Try a few places for a fresh name; very large boroughs may repeat one, as real ones do.
        let mut name = String::new();
        for _ in 0..6 {
            name = format!(
                "{} {}",
                names::place(&mut rng),
                names::school_kind(&mut rng, phase, est)
            );
            if used_names.insert(name.clone()) {
                break;
            }
        }
        let (head_title, head_first, head_last) = names::person(&mut rng);
        let academy = !is_maintained_type(est);
        let opened = if academy {
            date_between(&mut rng, date(2011, 4, 1), date(2024, 9, 1))
        } else {
            date_between(&mut rng, date(1952, 9, 1), date(2010, 9, 1))
        };
        let school = School {
            urn,
            name,
            phase,
            establishment_type: est.to_string(),
            maintained: !academy,
            pupils: Some(pupils(&mut rng, phase)),
            headteacher: Some(names::initial_and_surname(&head_first, &head_last)),
            la_code: Some(opts.la_code.clone()),
            sip: Some(names::SIPS[rng.random_range(0..names::SIPS.len())].to_string()),
            lama: None,
        };
        let u: f64 = rng.random();
        let risk = 1.0 + 2.8 * u * u * u;
        let inspections = inspections(&mut rng, urn, risk, &school);
        let drawn = category(&mut rng, risk, inspections.last());
        let since = since(&mut rng, drawn, latest);
        let mut school = school;
        if drawn != "core" {
            school.lama = Some(names::LAMAS[rng.random_range(0..names::LAMAS.len())].to_string());
        }
        let (category, since) = after_earlier_meetings(drawn, since, inspections.last());
        if school.lama.is_none() && category != "core" {
            // Chosen by URN, not drawn, so the seeded stream (every later school) is unchanged.
            school.lama = Some(names::LAMAS[urn as usize % names::LAMAS.len()].to_string());
        }
        let extra = Extra {
            head_title,
            head_first,
            head_last,
            street: names::street(&mut rng),
            town: opts.la_name.clone(),
            postcode: names::postcode(&mut rng, "WQ"),
            opened,
        };
        risks.push(risk);
        schools.push(DemoSchool {
            school,
            extra,
            category: category.to_string(),
            since,
            inspections,
        });
    }
    let scores = score_walks(&mut rng, &schools, &risks, &teams, terms.len());
    Borough {
        la_code: opts.la_code.clone(),
        la_name: opts.la_name.clone(),
        seed: opts.seed,
        teams,
        terms,
        schools,
        scores,
    }
}

/// Dense `[term][team][school]` rows from correlated random walks around each school's risk.
fn score_walks(
    rng: &mut SmallRng,
    schools: &[DemoSchool],
    risks: &[f64],
    teams: &[TeamSpec],
    n_terms: usize,
) -> Vec<ScoreRow> {
    let (n, t) = (schools.len(), teams.len());
    let mut rows = vec![
        ScoreRow {
            score: None,
            comment: String::new(),
            indicators: [0.0; 2],
        };
        n * t * n_terms
    ];
    let mut offsets = vec![0.0f64; t];
    let mut own = vec![0.0f64; t];
    for (s, school) in schools.iter().enumerate() {
        let risk = risks[s];
        let slope = gauss(rng) * 0.06;
        let mut shared = gauss(rng) * 0.3;
        for k in 0..t {
            offsets[k] = gauss(rng) * 0.35;
            own[k] = gauss(rng) * 0.3;
        }
        for term in 0..n_terms {
            shared = 0.8 * shared + gauss(rng) * 0.15;
            let drift = slope * (term as f64 - (n_terms as f64 - 1.0));
            for (k, team) in teams.iter().enumerate() {
                own[k] = 0.8 * own[k] + gauss(rng) * 0.15;
                let x = risk + offsets[k] + shared + own[k] + drift;
                let score = score_for(x);
                let row = &mut rows[(term * t + k) * n + s];
                row.indicators = indicators(rng, team.key, x, school.school.phase);
                // A handful of rows carry indicators only, for the banding rules to score.
                if !team.indicators.is_empty() && rng.random_bool(0.006) {
                    row.score = None;
                    row.comment = "Indicators only this term".to_string();
                } else {
                    row.score = Some(score);
                    row.comment = names::comment(rng, team.key, score).to_string();
                }
            }
        }
    }
    rows
}

/// A team's score for a walk value: nearest level, except that the top of the scale (severe)
/// takes a clearly worse value than "high", so few schools a term are scored severe.
fn score_for(x: f64) -> u8 {
    if x >= SEVERE_FROM {
        4
    } else {
        x.round().clamp(1.0, 3.0) as u8
    }
}

const SEVERE_FROM: f64 = 3.7;

fn indicators(rng: &mut SmallRng, team: &str, x: f64, phase: Phase) -> [f32; 2] {
    match team {
        "attendance" => {
            let base = match phase {
                Phase::Secondary | Phase::AllThrough => 1.5,
                Phase::Special => 2.5,
                Phase::AlternativeProvision => 12.0,
                Phase::Nursery => 1.0,
                Phase::Primary => 0.0,
            };
            let overall = (3.8 + base + 1.7 * (x - 1.0) + gauss(rng) * 0.5).max(1.5);
            let pa = (overall * 2.3 + gauss(rng) * 1.5).clamp(2.0, 95.0);
            [tenth(overall), tenth(pa)]
        }
        "finance" => [tenth(5.5 - 3.2 * (x - 1.0) + gauss(rng) * 1.2), 0.0],
        _ => [0.0, 0.0],
    }
}
