//! The school register: termly's own CSV or TOML, or a GIAS establishment extract
//! (recognised by its `EstablishmentName` column; see [`super::gias`]).

use super::error::{found, Problem};
use super::fields;
use super::table::{toml_problem, Row, Sheet};
use super::text::{clean, decode};
use crate::model::{is_maintained_type, Phase, School, Urn};
use serde::Deserialize;
use std::collections::HashMap;

/// Which shape the register file had.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum RegisterFormat {
    Csv,
    Toml,
    Gias,
}

/// Options for a GIAS extract.
#[derive(Debug, Clone, Default)]
pub struct RegisterFilter {
    /// Keep one local authority (`LA (code)`).
    pub la: Option<String>,
    /// Keep establishments whose status is "Closed".
    pub include_closed: bool,
}

/// The schools read from a register file, sorted by URN.
#[derive(Debug, Clone)]
pub struct Register {
    pub format: RegisterFormat,
    pub schools: Vec<School>,
    /// GIAS rows left out: closed, another LA, or not a school phase termly follows.
    pub skipped_closed: usize,
    pub skipped_other_la: usize,
    pub skipped_no_phase: usize,
}

impl Register {
    /// For a GIAS extract: what was left out, e.g. "GIAS extract; skipped 3 closed".
    pub fn note(&self) -> Option<String> {
        if self.format != RegisterFormat::Gias {
            return None;
        }
        let mut parts = vec!["GIAS extract".to_string()];
        let skipped: Vec<String> = [
            (self.skipped_closed, "closed"),
            (self.skipped_other_la, "in other local authorities"),
            (self.skipped_no_phase, "with no school phase"),
        ]
        .iter()
        .filter(|(n, _)| *n > 0)
        .map(|(n, what)| format!("{n} {what}"))
        .collect();
        if !skipped.is_empty() {
            parts.push(format!("skipped {}", skipped.join(", ")));
        }
        Some(parts.join("; "))
    }

    fn new(format: RegisterFormat) -> Register {
        Register {
            format,
            schools: Vec::new(),
            skipped_closed: 0,
            skipped_other_la: 0,
            skipped_no_phase: 0,
        }
    }
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct RegisterToml {
    #[serde(default)]
    school: Vec<toml::Spanned<toml::Table>>,
}

/// Read a register from `bytes`; `file` names it in messages and its extension picks TOML.
pub fn read(file: &str, bytes: &[u8], filter: &RegisterFilter) -> Result<Register, Vec<Problem>> {
    let text = decode(file, bytes).map_err(|p| vec![p])?;
    let (sheet, format) = if file.to_ascii_lowercase().ends_with(".toml") {
        let doc: RegisterToml =
            toml::from_str(&text).map_err(|e| vec![toml_problem(file, &text, &e)])?;
        (
            Sheet::from_toml(file, &text, "school", doc.school)?,
            RegisterFormat::Toml,
        )
    } else {
        let sheet = Sheet::from_csv(file, &text)?;
        if sheet.column("EstablishmentName").is_some() {
            return super::gias::read(&sheet, filter);
        }
        (sheet, RegisterFormat::Csv)
    };
    read_own(&sheet, format)
}

const OWN_COLUMNS: [&str; 8] = [
    "urn",
    "name",
    "phase",
    "establishment_type",
    "pupils",
    "headteacher",
    "la_code",
    "maintained",
];

fn unknown_toml_keys(sheet: &Sheet) -> Result<(), Vec<Problem>> {
    let problems: Vec<Problem> = sheet
        .headers
        .iter()
        .enumerate()
        .filter(|(_, h)| !OWN_COLUMNS.contains(&h.as_str()))
        .filter_map(|(col, h)| {
            let row = sheet.rows.iter().find(|r| !r.get(col).is_empty())?;
            Some(sheet.at(
                row,
                col,
                format!(
                    "unknown key `{h}`; expected one of {}",
                    OWN_COLUMNS.join(", ")
                ),
            ))
        })
        .collect();
    if problems.is_empty() {
        Ok(())
    } else {
        Err(problems)
    }
}

/// termly's own columns: urn, name, phase, establishment_type; optional pupils,
/// headteacher, la_code and maintained (yes/no, overriding what the type implies).
fn read_own(sheet: &Sheet, format: RegisterFormat) -> Result<Register, Vec<Problem>> {
    if format == RegisterFormat::Toml {
        // A CSV may carry extra columns from a spreadsheet; a TOML key termly does not know
        // is a typo, as in the configuration.
        unknown_toml_keys(sheet)?;
    }
    let cols = sheet.require(&["urn", "name", "phase", "establishment_type"])?;
    let (c_urn, c_name, c_phase, c_type) = (cols[0], cols[1], cols[2], cols[3]);
    let c_pupils = sheet.column("pupils");
    let c_head = sheet.column("headteacher");
    let c_la = sheet.column("la_code");
    let c_maintained = sheet.column("maintained");
    let mut register = Register::new(format);
    let mut problems = Vec::new();
    let mut seen = HashMap::new();
    for row in &sheet.rows {
        let before = problems.len();
        let urn = check_urn(sheet, row, c_urn, &mut seen, &mut problems);
        let name = clean(row.get(c_name));
        if name.is_empty() {
            problems.push(sheet.at(row, c_name, "expected the school's name, found nothing"));
        }
        let phase = Phase::parse(row.get(c_phase));
        if phase.is_none() {
            problems.push(sheet.at(
                row,
                c_phase,
                format!(
                    "expected one of nursery, primary, secondary, all_through, special, alternative_provision; found {}",
                    found(row.get(c_phase))
                ),
            ));
        }
        let establishment_type = clean(row.get(c_type));
        if establishment_type.is_empty() {
            problems.push(sheet.at(
                row,
                c_type,
                "expected an establishment type such as \"Community school\", found nothing",
            ));
        }
        let pupils = optional(sheet, row, c_pupils, fields::count, &mut problems);
        let maintained = optional(sheet, row, c_maintained, fields::yes_no, &mut problems)
            .unwrap_or_else(|| is_maintained_type(&establishment_type));
        if problems.len() > before {
            continue;
        }
        register.schools.push(School {
            urn: urn.expect("checked"),
            name,
            phase: phase.expect("checked"),
            establishment_type,
            maintained,
            pupils,
            headteacher: fields::optional_text(row.opt(c_head)),
            la_code: fields::optional_text(row.opt(c_la)),
            sip: None,
            lama: None,
        });
    }
    finish(register, problems)
}

/// Parse a URN and reject a repeat of an earlier row's.
pub(super) fn check_urn(
    sheet: &Sheet,
    row: &Row,
    col: usize,
    seen: &mut HashMap<Urn, u64>,
    problems: &mut Vec<Problem>,
) -> Option<Urn> {
    match fields::urn(row.get(col)) {
        Ok(urn) => match seen.insert(urn, row.line) {
            Some(first) => {
                seen.insert(urn, first);
                problems.push(sheet.at(
                    row,
                    col,
                    format!("duplicate URN {urn}: already on line {first}"),
                ));
                None
            }
            None => Some(urn),
        },
        Err(message) => {
            problems.push(sheet.at(row, col, message));
            None
        }
    }
}

/// An optional field: absent or empty is None, otherwise it must parse.
pub(super) fn optional<T>(
    sheet: &Sheet,
    row: &Row,
    col: Option<usize>,
    parse: impl Fn(&str) -> Result<T, String>,
    problems: &mut Vec<Problem>,
) -> Option<T> {
    let col = col?;
    let text = row.get(col);
    if text.is_empty() {
        return None;
    }
    match parse(text) {
        Ok(v) => Some(v),
        Err(message) => {
            problems.push(sheet.at(row, col, message));
            None
        }
    }
}

pub(super) fn finish(
    mut register: Register,
    problems: Vec<Problem>,
) -> Result<Register, Vec<Problem>> {
    if !problems.is_empty() {
        return Err(problems);
    }
    register.schools.sort_by_key(|s| s.urn);
    Ok(register)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn read_str(file: &str, text: &str) -> Result<Register, Vec<Problem>> {
        read(file, text.as_bytes(), &RegisterFilter::default())
    }

    #[test]
    fn own_csv_in_any_column_order() {
        let r = read_str(
            "r.csv",
            "name,urn,establishment_type,phase,pupils\nBeta Academy,100002,Academy converter,secondary,900\nAlpha Primary,100001,Community school,primary,\n",
        )
        .unwrap();
        assert_eq!(r.format, RegisterFormat::Csv);
        assert_eq!(r.schools[0].urn, 100001);
        assert!(r.schools[0].maintained);
        assert_eq!(r.schools[0].pupils, None);
        assert!(!r.schools[1].maintained);
        assert_eq!(r.schools[1].pupils, Some(900));
    }

    #[test]
    fn maintained_override_and_bad_values_are_collected() {
        let r = read_str(
            "r.csv",
            "urn,name,phase,establishment_type,maintained\n100001,A,primary,Academy converter,yes\n",
        )
        .unwrap();
        assert!(r.schools[0].maintained);
        let e = read_str(
            "r.csv",
            "urn,name,phase,establishment_type\n12,A,primary,Community school\n100002,,middle,Community school\n100003,C,primary,Community school\n100003,D,primary,Community school\n",
        )
        .unwrap_err();
        let text: Vec<String> = e.iter().map(|p| p.to_string()).collect();
        assert_eq!(text.len(), 4, "{text:#?}");
        assert!(text[0].starts_with("r.csv:2:1 (urn): expected a 6-digit URN"));
        assert!(text[1].starts_with("r.csv:3:2 (name)"));
        assert!(text[2].starts_with("r.csv:3:3 (phase)"));
        assert_eq!(
            text[3],
            "r.csv:5:1 (urn): duplicate URN 100003: already on line 4"
        );
    }

    #[test]
    fn toml_register() {
        let r = read_str(
            "r.toml",
            "[[school]]\nurn = 100001\nname = \"Alpha\"\nphase = \"primary\"\nestablishment_type = \"Community school\"\n\n[[school]]\nurn = 100002\nname = \"Beta\"\nphase = \"special\"\nestablishment_type = \"Academy special converter\"\nmaintained = false\n",
        )
        .unwrap();
        assert_eq!(r.format, RegisterFormat::Toml);
        assert_eq!(r.schools.len(), 2);
        let e = read_str(
            "r.toml",
            "[[school]]\nurn = 100001\nname = \"Alpha\"\nphase = \"primary\"\nestablishment_type = \"Community school\"\n\n[[school]]\nurn = 99\nname = \"Beta\"\nphase = \"special\"\nestablishment_type = \"x\"\n",
        )
        .unwrap_err();
        assert_eq!(e[0].line, Some(7), "{}", e[0]);
        assert_eq!(e[0].field.as_deref(), Some("urn"));
        let e = read_str("r.toml", "[[school]\nurn = 1\n").unwrap_err();
        assert_eq!(e[0].line, Some(1));
    }
}
