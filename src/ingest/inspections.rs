//! Inspections: one row per inspection, either a legacy judgement (`grade` 1–4 with an
//! optional `concern`) or a report card (area grades and `safeguarding` met / not_met).
//! A row with both, or neither, is an error.

use super::error::{found, Problem};
use super::fields;
use super::input::Input;
use super::table::{Row, Sheet};
use crate::model::{Area, AreaGrade, Concern, Inspection, InspectionOutcome, Urn};
use std::collections::{HashMap, HashSet};

pub fn read(
    file: &str,
    bytes: &[u8],
    known: Option<&HashSet<Urn>>,
) -> Result<Vec<Inspection>, Vec<Problem>> {
    read_from(Input::from_bytes(file, bytes), known)
}

/// Read inspections from `input` (CSV, or the sheet `input` names of a workbook).
pub fn read_from(
    input: Input,
    known: Option<&HashSet<Urn>>,
) -> Result<Vec<Inspection>, Vec<Problem>> {
    let mut sheet = Sheet::read_csv(input)?;
    let cols = sheet.require(&["urn", "date"])?;
    let cols = Columns {
        urn: cols[0],
        date: cols[1],
        grade: sheet.column("grade"),
        concern: sheet.column("concern"),
        areas: Area::ALL
            .iter()
            .filter_map(|a| sheet.column(a.key()).map(|c| (*a, c)))
            .collect(),
        safeguarding: sheet.column("safeguarding"),
    };
    let mut out = Vec::new();
    let mut problems = Vec::new();
    let mut seen: HashMap<(Urn, chrono::NaiveDate), u64> = HashMap::new();
    while let Some(row) = sheet.next_ok(&mut problems) {
        let row = &row;
        let before = problems.len();
        let urn = match fields::urn(row.get(cols.urn)) {
            Ok(urn) => {
                if known.is_some_and(|k| !k.contains(&urn)) {
                    problems.push(sheet.at(
                        row,
                        cols.urn,
                        format!("URN {urn} is not on the register"),
                    ));
                }
                Some(urn)
            }
            Err(m) => {
                problems.push(sheet.at(row, cols.urn, m));
                None
            }
        };
        let date = fields::date(row.get(cols.date))
            .map_err(|m| problems.push(sheet.at(row, cols.date, m)))
            .ok();
        if let (Some(urn), Some(date)) = (urn, date) {
            if let Some(first) = seen.insert((urn, date), row.line) {
                problems.push(sheet.row_problem(
                    row,
                    format!("duplicate inspection of URN {urn} on {date}: already on line {first}"),
                ));
            }
        }
        let outcome = outcome(&sheet, row, &cols, &mut problems);
        if problems.len() > before {
            continue;
        }
        out.push(Inspection {
            urn: urn.expect("checked"),
            date: date.expect("checked"),
            outcome: outcome.expect("checked"),
        });
    }
    if problems.is_empty() {
        Ok(out)
    } else {
        Err(problems)
    }
}

struct Columns {
    urn: usize,
    date: usize,
    grade: Option<usize>,
    concern: Option<usize>,
    areas: Vec<(Area, usize)>,
    safeguarding: Option<usize>,
}

fn outcome(
    sheet: &Sheet,
    row: &Row,
    cols: &Columns,
    problems: &mut Vec<Problem>,
) -> Option<InspectionOutcome> {
    let any_area = cols.areas.iter().any(|(_, c)| !row.get(*c).is_empty());
    let legacy = !row.opt(cols.grade).is_empty() || !row.opt(cols.concern).is_empty();
    let report_card = any_area || !row.opt(cols.safeguarding).is_empty();
    match (legacy, report_card) {
        (true, true) => {
            problems.push(sheet.row_problem(
                row,
                "expected either a legacy grade (grade, concern) or a report card (area grades, safeguarding), found both",
            ));
            None
        }
        (false, false) => {
            problems.push(sheet.row_problem(
                row,
                "expected a legacy grade (grade 1 to 4) or a report card (area grades and safeguarding), found neither",
            ));
            None
        }
        (true, false) => legacy_outcome(sheet, row, cols, problems),
        (false, true) => report_card_outcome(sheet, row, cols, problems),
    }
}

/// A legacy inspection: grade 1 to 4, and an optional concern.
fn legacy_outcome(
    sheet: &Sheet,
    row: &Row,
    cols: &Columns,
    problems: &mut Vec<Problem>,
) -> Option<InspectionOutcome> {
    let (grade, concern) = (row.opt(cols.grade), row.opt(cols.concern));
    let before = problems.len();
    let g = match grade.parse::<u8>() {
        Ok(g @ 1..=4) => Some(g),
        _ => {
            problems.push(sheet.at(
                row,
                cols.grade.unwrap_or(0),
                format!(
                    "expected a grade from 1 (Outstanding) to 4 (Inadequate), found {}",
                    found(grade)
                ),
            ));
            None
        }
    };
    let c = if concern.is_empty() {
        None
    } else {
        let c = Concern::parse(concern);
        if c.is_none() {
            problems.push(sheet.at(
                row,
                cols.concern.unwrap_or(0),
                format!(
                    "expected empty, serious_weaknesses or special_measures, found {}",
                    found(concern)
                ),
            ));
        }
        c
    };
    (problems.len() == before).then(|| InspectionOutcome::Legacy {
        grade: g.expect("checked"),
        concern: c,
    })
}

/// A report card: the area grades given, and safeguarding met or not.
fn report_card_outcome(
    sheet: &Sheet,
    row: &Row,
    cols: &Columns,
    problems: &mut Vec<Problem>,
) -> Option<InspectionOutcome> {
    let before = problems.len();
    let mut areas = Vec::new();
    for (area, col) in &cols.areas {
        let text = row.get(*col);
        if text.is_empty() {
            continue;
        }
        match AreaGrade::parse(text) {
            Some(g) => areas.push((*area, g)),
            None => problems.push(sheet.at(
                row,
                *col,
                format!(
                    "expected exceptional, strong_standard, expected_standard, needs_attention, urgent_improvement or empty, found {}",
                    found(text)
                ),
            )),
        }
    }
    let safeguarding = row.opt(cols.safeguarding);
    let met = match safeguarding
        .to_ascii_lowercase()
        .replace([' ', '-'], "_")
        .as_str()
    {
        "met" => Some(true),
        "not_met" => Some(false),
        _ => {
            let message = format!("expected met or not_met, found {}", found(safeguarding));
            problems.push(match cols.safeguarding {
                Some(c) => sheet.at(row, c, message),
                None => sheet.row_problem(
                    row,
                    "a report card needs a `safeguarding` column (met or not_met)",
                ),
            });
            None
        }
    };
    (problems.len() == before).then(|| InspectionOutcome::ReportCard {
        areas,
        safeguarding_met: met.expect("checked"),
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    const HEADER: &str = "urn,date,grade,concern,inclusion,curriculum_teaching,achievement,attendance_behaviour,personal_development,leadership_governance,early_years,post16,safeguarding\n";

    #[test]
    fn both_shapes_read() {
        let text = format!(
            "{HEADER}100001,2023-03-14,3,,,,,,,,,,\n100001,2021-01-10,4,special_measures,,,,,,,,,\n100002,2026-10-08,,,expected_standard,needs_attention,expected_standard,strong_standard,expected_standard,needs_attention,,,not_met\n"
        );
        let v = read("i.csv", text.as_bytes(), None).unwrap();
        assert_eq!(v.len(), 3);
        assert_eq!(
            v[0].outcome,
            InspectionOutcome::Legacy {
                grade: 3,
                concern: None
            }
        );
        assert_eq!(
            v[1].outcome,
            InspectionOutcome::Legacy {
                grade: 4,
                concern: Some(Concern::SpecialMeasures)
            }
        );
        match &v[2].outcome {
            InspectionOutcome::ReportCard {
                areas,
                safeguarding_met,
            } => {
                assert_eq!(areas.len(), 6);
                assert!(!safeguarding_met);
            }
            other => panic!("{other:?}"),
        }
    }

    #[test]
    fn mixed_neither_and_bad_values() {
        let text = format!(
            "{HEADER}100001,2023-03-14,3,,strong,,,,,,,,met\n100002,2023-03-14,,,,,,,,,,,\n100003,2023-03-14,5,,,,,,,,,,\n100004,2023-03-14,,,great,,,,,,,,met\n100005,2023-03-14,,,strong,,,,,,,,maybe\n100006,2023-03-14,2,,,,,,,,,,\n100006,2023-03-14,2,,,,,,,,,,\n"
        );
        let e = read(
            "i.csv",
            text.as_bytes(),
            Some(&[100001, 100002, 100003, 100004, 100005].into()),
        )
        .unwrap_err();
        let text: Vec<String> = e.iter().map(|p| p.to_string()).collect();
        assert!(text[0].starts_with("i.csv:2: expected either"), "{text:#?}");
        assert!(
            text[1].starts_with("i.csv:3: expected a legacy grade"),
            "{text:#?}"
        );
        assert!(text[2].starts_with("i.csv:4:3 (grade)"), "{text:#?}");
        assert!(text[3].starts_with("i.csv:5:5 (inclusion)"), "{text:#?}");
        assert!(
            text[4].starts_with("i.csv:6:13 (safeguarding)"),
            "{text:#?}"
        );
        assert!(text[5].contains("not on the register"), "{text:#?}");
        assert!(
            text.iter().any(|t| t.contains("duplicate inspection")),
            "{text:#?}"
        );
    }
}
