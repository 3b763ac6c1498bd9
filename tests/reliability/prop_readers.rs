//! Property tests for every input reader and the configuration loader:
//! - arbitrary bytes (and CSV-shaped noise) never panic, and every problem names the file;
//! - valid data written with the csv crate and read back gives the same data.
//!
//! Case counts are modest so CI stays fast; PROPTEST_CASES overrides them.

use chrono::NaiveDate;
use proptest::prelude::*;
use std::collections::{BTreeMap, HashSet};
use std::path::{Path, PathBuf};
use termly::config::Config;
use termly::ingest::{inspections, register, scores, support, Problem, RegisterFilter};
use termly::model::{Area, AreaGrade, Concern, InspectionOutcome, Phase, Urn};

fn config() -> Config {
    Config::default_with_base(Path::new("config")).unwrap()
}

/// `n` cases, or `PROPTEST_CASES`; no persistence files written into the tree.
pub(crate) fn cases(n: u32) -> ProptestConfig {
    ProptestConfig {
        cases: std::env::var("PROPTEST_CASES")
            .ok()
            .and_then(|s| s.parse().ok())
            .unwrap_or(n),
        failure_persistence: None,
        ..ProptestConfig::default()
    }
}

/// Every problem names the file it was given, and a line (when there is one) is at least 1.
fn problems_are_located(file: &str, problems: &[Problem]) -> Result<(), TestCaseError> {
    prop_assert!(!problems.is_empty(), "an error with no problem in it");
    for p in problems {
        prop_assert_eq!(&p.file, file);
        prop_assert!(p.line.is_none_or(|l| l >= 1), "line 0 in {}", p);
        prop_assert!(!p.message.is_empty());
    }
    Ok(())
}

/// Run every reader on `bytes` under a CSV and a TOML name; none may panic.
fn read_everything(bytes: &[u8]) -> Result<(), TestCaseError> {
    let config = config();
    let known: HashSet<Urn> = [100001, 100002].into();
    for file in ["in.csv", "in.toml"] {
        if let Err(p) = register::read(file, bytes, &RegisterFilter::default()) {
            problems_are_located(file, &p)?;
        }
        if let Err(p) = scores::read(file, bytes, &config.scale, Some(&known)) {
            problems_are_located(file, &p)?;
        }
    }
    if let Err(p) = support::read("s.csv", bytes, &config, Some(&known)) {
        problems_are_located("s.csv", &p)?;
    }
    if let Err(p) = inspections::read("i.csv", bytes, None) {
        problems_are_located("i.csv", &p)?;
    }
    Ok(())
}

/// CSV-shaped noise: a real header for some reader, then rows of fields drawn from values
/// that are nearly right (so the readers get past the header into the row checks).
fn csv_noise() -> impl Strategy<Value = String> {
    let header = prop::sample::select(vec![
        "urn,name,phase,establishment_type,pupils,headteacher,la_code,maintained",
        "urn,score,comment,pa_rate",
        "urn,category,since,sip,lama",
        "urn,date,grade,concern,inclusion,achievement,safeguarding",
        "URN,EstablishmentName,PhaseOfEducation (name),TypeOfEstablishment (name),EstablishmentStatus (name),LA (code)",
        "urn,urn,score",
        "",
    ]);
    let field = prop::sample::select(vec![
        "100001",
        "100002",
        "99999",
        "1000000",
        "",
        " ",
        "primary",
        "Academy converter",
        "Community school",
        "4",
        "0",
        "9",
        "1.5",
        "NaN",
        "-1",
        "yes",
        "maybe",
        "core",
        "enhanced",
        "2024-09-01",
        "31/02/2024",
        "met",
        "not_met",
        "sm",
        "\"quoted, comma\"",
        "\"",
        "\u{1b}[31m",
        "\u{0}",
        "\r",
        "\r\n",
        "é",
        "\u{feff}",
        "Open",
        "Closed",
        "999",
    ]);
    let row = prop::collection::vec(field, 0..9).prop_map(|f| f.join(","));
    (header, prop::collection::vec(row, 0..12))
        .prop_map(|(h, rows)| format!("{h}\n{}", rows.join("\n")))
}

/// The shipped configuration with one line dropped or one value replaced: deep enough to
/// reach the validation after parsing.
fn config_mutation() -> impl Strategy<Value = String> {
    let text = include_str!("../../config/termly.toml");
    let lines: Vec<String> = text.lines().map(str::to_string).collect();
    let n = lines.len();
    let value = prop::sample::select(vec![
        "0",
        "-1",
        "99999999999999999999",
        "1e308",
        "\"\"",
        "\"x\"",
        "[]",
        "{}",
        "true",
        "\"../../etc\"",
        "nan",
        "inf",
        "[1, \"a\"]",
        "{ label = \"x\" }",
    ]);
    (0..n, value, any::<bool>()).prop_map(move |(i, v, drop)| {
        let mut out = lines.clone();
        if drop {
            out.remove(i);
        } else if let Some(eq) = out[i].find(" = ") {
            out[i] = format!("{} = {v}", &out[i][..eq]);
        } else {
            out[i] = format!("{}{v}", out[i]);
        }
        out.join("\n")
    })
}

fn load_config(text: &str) {
    let _ = Config::from_sources(
        Some(("user.toml".to_string(), text.to_string())),
        PathBuf::from("."),
    );
}

proptest! {
    #![proptest_config(cases(256))]

    #[test]
    fn readers_never_panic_on_arbitrary_bytes(bytes in prop::collection::vec(any::<u8>(), 0..2048)) {
        read_everything(&bytes)?;
    }

    #[test]
    fn readers_never_panic_on_csv_shaped_noise(text in csv_noise()) {
        read_everything(text.as_bytes())?;
    }

    #[test]
    fn config_loader_never_panics_on_arbitrary_text(text in ".{0,400}") {
        load_config(&text);
    }

    #[test]
    fn config_loader_never_panics_on_near_miss_configs(text in config_mutation()) {
        load_config(&text);
    }
}

// ── Round trips ─────────────────────────────────────────────────────────────────────────

/// A name with inner spaces and CSV-hostile punctuation, but no leading/trailing space.
fn name() -> impl Strategy<Value = String> {
    "[A-Z][A-Za-z ,'\"&()-]{0,40}[a-z]"
}

fn date() -> impl Strategy<Value = NaiveDate> {
    (2000i32..2030, 1u32..=12, 1u32..=28)
        .prop_map(|(y, m, d)| NaiveDate::from_ymd_opt(y, m, d).unwrap())
}

fn urns(max: usize) -> impl Strategy<Value = Vec<Urn>> {
    prop::collection::btree_set(100000u32..=999999, 1..max).prop_map(|s| s.into_iter().collect())
}

#[derive(Debug, Clone)]
struct SchoolRow {
    urn: Urn,
    name: String,
    phase: Phase,
    establishment_type: String,
    pupils: Option<u32>,
    headteacher: Option<String>,
    maintained: Option<bool>,
}

fn schools() -> impl Strategy<Value = Vec<SchoolRow>> {
    urns(30)
        .prop_flat_map(|urns| {
            let n = urns.len();
            let one = (
                name(),
                prop::sample::select(Phase::ALL.to_vec()),
                prop::sample::select(vec![
                    "Community school",
                    "Academy converter",
                    "Foundation school",
                    "Free schools",
                ]),
                prop::option::of(0u32..5000),
                prop::option::of(name()),
                prop::option::of(any::<bool>()),
            );
            (Just(urns), prop::collection::vec(one, n))
        })
        .prop_map(|(urns, rest)| {
            urns.into_iter()
                .zip(rest)
                .map(
                    |(urn, (name, phase, t, pupils, headteacher, maintained))| SchoolRow {
                        urn,
                        name,
                        phase,
                        establishment_type: t.to_string(),
                        pupils,
                        headteacher,
                        maintained,
                    },
                )
                .collect()
        })
}

fn csv_bytes(header: &[&str], rows: &[Vec<String>]) -> Vec<u8> {
    let mut w = csv::Writer::from_writer(Vec::new());
    w.write_record(header).unwrap();
    for r in rows {
        w.write_record(r).unwrap();
    }
    w.into_inner().unwrap()
}

fn opt<T: ToString>(v: &Option<T>) -> String {
    v.as_ref().map(T::to_string).unwrap_or_default()
}

proptest! {
    #![proptest_config(cases(64))]

    #[test]
    fn register_round_trips(rows in schools(), shuffle in any::<prop::sample::Index>()) {
        // Written in a rotated order: the reader sorts by URN.
        let mut written = rows.clone();
        let k = shuffle.index(written.len());
        written.rotate_left(k);
        let records: Vec<Vec<String>> = written
            .iter()
            .map(|s| vec![
                s.urn.to_string(), s.name.clone(), s.phase.key().to_string(),
                s.establishment_type.clone(), opt(&s.pupils), opt(&s.headteacher),
                "999".into(), s.maintained.map(|m| if m { "yes" } else { "no" }).unwrap_or("").into(),
            ])
            .collect();
        let bytes = csv_bytes(
            &["urn", "name", "phase", "establishment_type", "pupils", "headteacher", "la_code", "maintained"],
            &records,
        );
        let got = register::read("r.csv", &bytes, &RegisterFilter::default())
            .map_err(|p| TestCaseError::fail(format!("{p:?}")))?;
        prop_assert_eq!(got.schools.len(), rows.len());
        for (s, want) in got.schools.iter().zip(&rows) {
            prop_assert_eq!(s.urn, want.urn);
            prop_assert_eq!(&s.name, &want.name);
            prop_assert_eq!(s.phase, want.phase);
            prop_assert_eq!(&s.establishment_type, &want.establishment_type);
            prop_assert_eq!(s.pupils, want.pupils);
            prop_assert_eq!(&s.headteacher, &want.headteacher);
            prop_assert_eq!(s.la_code.as_deref(), Some("999"));
            let maintained = want.maintained.unwrap_or_else(|| termly::model::is_maintained_type(&want.establishment_type));
            prop_assert_eq!(s.maintained, maintained);
        }
    }

    #[test]
    fn scores_round_trip(
        rows in urns(40).prop_flat_map(|u| {
            let n = u.len();
            (Just(u), prop::collection::vec((prop::option::of(1u8..=4), "[A-Za-z0-9 ,.'\"%-]{0,60}", prop::option::of(-1000.0f64..1000.0)), n))
        })
    ) {
        let (urns, rest) = rows;
        // A row needs a score or an indicator.
        let rows: Vec<(Urn, Option<u8>, String, Option<f64>)> = urns
            .into_iter()
            .zip(rest)
            .map(|(u, (s, c, i))| (u, if s.is_none() && i.is_none() { Some(2) } else { s }, c.trim().to_string(), i))
            .collect();
        let records: Vec<Vec<String>> = rows
            .iter()
            .map(|(u, s, c, i)| vec![u.to_string(), opt(s), c.clone(), opt(i)])
            .collect();
        let bytes = csv_bytes(&["urn", "score", "comment", "PA rate"], &records);
        let got = scores::read("finance.csv", &bytes, &config().scale, None)
            .map_err(|p| TestCaseError::fail(format!("{p:?}")))?;
        prop_assert_eq!(got.len(), rows.len());
        for (g, (u, s, c, i)) in got.iter().zip(&rows) {
            prop_assert_eq!(g.urn, *u);
            prop_assert_eq!(g.score, *s);
            prop_assert_eq!(&g.comment, c);
            let want: Vec<(String, f64)> = i.iter().map(|v| ("pa_rate".to_string(), *v)).collect();
            prop_assert_eq!(&g.indicators, &want);
        }
    }

    #[test]
    fn support_round_trips(
        rows in urns(40).prop_flat_map(|u| {
            let n = u.len();
            let keys: Vec<String> = config().categories.iter().map(|c| c.key.clone()).collect();
            (Just(u), prop::collection::vec((prop::sample::select(keys), date(), prop::option::of(name()), prop::option::of(name())), n))
        })
    ) {
        let (urns, rest) = rows;
        let records: Vec<Vec<String>> = urns
            .iter()
            .zip(&rest)
            .map(|(u, (c, d, sip, lama))| vec![u.to_string(), c.clone(), d.format("%Y-%m-%d").to_string(), opt(sip), opt(lama)])
            .collect();
        let bytes = csv_bytes(&["urn", "category", "since", "sip", "lama"], &records);
        let known: HashSet<Urn> = urns.iter().copied().collect();
        let got = support::read("support.csv", &bytes, &config(), Some(&known))
            .map_err(|p| TestCaseError::fail(format!("{p:?}")))?;
        prop_assert_eq!(got.len(), urns.len());
        for (g, (u, (c, d, sip, lama))) in got.iter().zip(urns.iter().zip(&rest)) {
            prop_assert_eq!(g.urn, *u);
            prop_assert_eq!(&g.category, c);
            prop_assert_eq!(g.since, *d);
            prop_assert_eq!(&g.sip, sip);
            prop_assert_eq!(&g.lama, lama);
        }
    }

    #[test]
    fn inspections_round_trip(outcomes in prop::collection::vec((100000u32..=999999, date(), outcome()), 1..30)) {
        // One inspection per school and date.
        let unique: BTreeMap<(Urn, NaiveDate), InspectionOutcome> =
            outcomes.into_iter().map(|(u, d, o)| ((u, d), o)).collect();
        let mut header = vec!["urn", "date", "grade", "concern"];
        header.extend(Area::ALL.iter().map(|a| a.key()));
        header.push("safeguarding");
        let records: Vec<Vec<String>> = unique
            .iter()
            .map(|((u, d), o)| {
                let mut r = vec![u.to_string(), d.format("%Y-%m-%d").to_string()];
                match o {
                    InspectionOutcome::Legacy { grade, concern } => {
                        r.push(grade.to_string());
                        r.push(concern.map(|c| match c {
                            Concern::SeriousWeaknesses => "serious_weaknesses",
                            Concern::SpecialMeasures => "special_measures",
                        }).unwrap_or("").to_string());
                        r.extend(Area::ALL.iter().map(|_| String::new()));
                        r.push(String::new());
                    }
                    InspectionOutcome::ReportCard { areas, safeguarding_met } => {
                        r.extend([String::new(), String::new()]);
                        for a in Area::ALL {
                            let g = areas.iter().find(|(x, _)| *x == a).map(|(_, g)| g.key()).unwrap_or("");
                            r.push(g.to_string());
                        }
                        r.push(if *safeguarding_met { "met" } else { "not_met" }.to_string());
                    }
                }
                r
            })
            .collect();
        let bytes = csv_bytes(&header, &records);
        let got = inspections::read("inspections.csv", &bytes, None)
            .map_err(|p| TestCaseError::fail(format!("{p:?}")))?;
        let got: BTreeMap<(Urn, NaiveDate), InspectionOutcome> =
            got.into_iter().map(|i| ((i.urn, i.date), i.outcome)).collect();
        prop_assert_eq!(got, unique);
    }
}

fn outcome() -> impl Strategy<Value = InspectionOutcome> {
    let concern = prop::option::of(prop::sample::select(vec![
        Concern::SeriousWeaknesses,
        Concern::SpecialMeasures,
    ]));
    let legacy = (1u8..=4, concern)
        .prop_map(|(grade, concern)| InspectionOutcome::Legacy { grade, concern });
    let grades = vec![
        AreaGrade::Exceptional,
        AreaGrade::StrongStandard,
        AreaGrade::ExpectedStandard,
        AreaGrade::NeedsAttention,
        AreaGrade::UrgentImprovement,
    ];
    // Areas in Area::ALL order (the reader's column order), each present or not.
    let areas = prop::collection::vec(
        prop::option::of(prop::sample::select(grades)),
        Area::ALL.len(),
    )
    .prop_map(|gs| {
        Area::ALL
            .iter()
            .zip(gs)
            .filter_map(|(a, g)| g.map(|g| (*a, g)))
            .collect::<Vec<_>>()
    });
    let card = (areas, any::<bool>()).prop_map(|(areas, safeguarding_met)| {
        InspectionOutcome::ReportCard {
            areas,
            safeguarding_met,
        }
    });
    prop_oneof![legacy, card]
}
