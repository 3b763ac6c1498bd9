//! The school register: termly's own CSV or TOML, or a GIAS establishment extract
//! (recognised by its `EstablishmentName` column; see [`super::gias`]).

use super::error::{found, Problem};
use super::fields;
use super::gias_groups::{Group, DEFAULT_GROUPS};
use super::input::Input;
use super::table::{Row, Sheet};
use super::text::clean;
use crate::model::{is_maintained_type, Inspection, Phase, School, Urn};
use serde::Deserialize;
use std::collections::{HashMap, HashSet};

/// Which shape the register file had.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum RegisterFormat {
    Csv,
    Toml,
    Gias,
}

/// Options for a GIAS extract.
#[derive(Debug, Clone)]
pub struct RegisterFilter {
    /// Keep one local authority (`LA (code)`).
    pub la: Option<String>,
    /// Keep establishments whose status is "Closed".
    pub include_closed: bool,
    /// The establishment groups kept (`[register] gias_groups`).
    pub groups: Vec<Group>,
}

impl Default for RegisterFilter {
    fn default() -> Self {
        RegisterFilter {
            la: None,
            include_closed: false,
            groups: DEFAULT_GROUPS
                .iter()
                .filter_map(|g| Group::parse(g))
                .collect(),
        }
    }
}

/// The schools read from a register file, sorted by URN.
#[derive(Debug, Clone)]
pub struct Register {
    pub format: RegisterFormat,
    pub schools: Vec<School>,
    /// GIAS rows left out, by reason, in the order the summary lists them (zeros included).
    pub skipped: Vec<(&'static str, usize)>,
    /// Legacy inspections from a GIAS extract's `OfstedRating (name)` and `OfstedLastInsp`.
    pub inspections: Vec<Inspection>,
    /// The local authority kept from a GIAS extract.
    pub la: Option<String>,
}

impl Register {
    /// How many GIAS rows were skipped for `reason` (see [`super::gias`]).
    pub fn skipped(&self, reason: &str) -> usize {
        self.skipped
            .iter()
            .find(|(r, _)| *r == reason)
            .map_or(0, |(_, n)| *n)
    }

    /// For a GIAS extract, what was kept and left out, adding up to the rows read, e.g.
    /// "427 schools kept of 1,096 rows (669 skipped: 576 in other authorities, 93 closed)".
    pub fn note(&self) -> Option<String> {
        use crate::text::fmt_count;
        if self.format != RegisterFormat::Gias {
            return None;
        }
        let skipped: Vec<(&str, usize)> = self
            .skipped
            .iter()
            .filter(|(_, n)| *n > 0)
            .map(|(what, n)| (*what, *n))
            .collect();
        let n_skipped: usize = skipped.iter().map(|(_, n)| n).sum();
        let kept = self.schools.len();
        let from = match &self.la {
            Some(la) => format!("GIAS extract, LA {la}"),
            None => "GIAS extract".to_string(),
        };
        let mut note = format!(
            "{from}: {} schools kept of {} rows",
            fmt_count(kept),
            fmt_count(kept + n_skipped)
        );
        if !skipped.is_empty() {
            let reasons: Vec<String> = skipped
                .iter()
                .map(|(what, n)| format!("{} {what}", fmt_count(*n)))
                .collect();
            note.push_str(&format!(
                " ({} skipped: {})",
                fmt_count(n_skipped),
                reasons.join(", ")
            ));
        }
        if !self.inspections.is_empty() {
            note.push_str(&format!(
                "; {} legacy inspections",
                fmt_count(self.inspections.len())
            ));
        }
        Some(note)
    }

    pub(super) fn new(format: RegisterFormat) -> Register {
        Register {
            format,
            schools: Vec::new(),
            skipped: Vec::new(),
            inspections: Vec::new(),
            la: None,
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
    read_input(Input::from_bytes(file, bytes), filter).map(|(register, _)| register)
}

/// Read a register as it streams in; also gives the sha256 of the file.
pub fn read_input(
    input: Input,
    filter: &RegisterFilter,
) -> Result<(Register, String), Vec<Problem>> {
    let mut sheet = Sheet::read_any(input, "school", |text| {
        toml::from_str::<RegisterToml>(text).map(|doc| doc.school)
    })?;
    let register = if sheet.toml {
        read_own(&mut sheet, RegisterFormat::Toml)?
    } else if sheet.column("LinkURN").is_some() && sheet.column("EstablishmentName").is_none() {
        return Err(vec![sheet.header_problem(
            "this is a GIAS links file (URN, LinkURN, LinkType…), not an establishment extract; download the establishment fields from GIAS",
        )]);
    } else if sheet.column("EstablishmentName").is_some() {
        super::gias::read(&mut sheet, filter)?
    } else {
        read_own(&mut sheet, RegisterFormat::Csv)?
    };
    let hash = sheet.finish().map_err(|p| vec![p])?;
    Ok((register, hash))
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

/// A TOML key termly does not know, reported once, at the first row that sets it.
fn unknown_toml_keys(
    sheet: &Sheet,
    row: &Row,
    reported: &mut HashSet<usize>,
    problems: &mut Vec<Problem>,
) {
    for (col, h) in sheet.headers.iter().enumerate() {
        if OWN_COLUMNS.contains(&h.as_str()) || row.get(col).is_empty() || !reported.insert(col) {
            continue;
        }
        problems.push(sheet.at(
            row,
            col,
            format!(
                "unknown key `{h}`; expected one of {}",
                OWN_COLUMNS.join(", ")
            ),
        ));
    }
}

/// termly's own columns: urn, name, phase, establishment_type; optional pupils,
/// headteacher, la_code and maintained (yes/no, overriding what the type implies).
fn read_own(sheet: &mut Sheet, format: RegisterFormat) -> Result<Register, Vec<Problem>> {
    let cols = sheet.require(&["urn", "name", "phase", "establishment_type"])?;
    let (c_urn, c_name, c_phase, c_type) = (cols[0], cols[1], cols[2], cols[3]);
    let c_pupils = sheet.column("pupils");
    let c_head = sheet.column("headteacher");
    let c_la = sheet.column("la_code");
    let c_maintained = sheet.column("maintained");
    let mut register = Register::new(format);
    let mut problems = Vec::new();
    let mut seen = HashMap::new();
    let mut unknown_keys = HashSet::new();
    while let Some(row) = sheet.next_ok(&mut problems) {
        let row = &row;
        let before = problems.len();
        if format == RegisterFormat::Toml {
            // A CSV may carry extra columns from a spreadsheet; a TOML key termly does not
            // know is a typo, as in the configuration.
            unknown_toml_keys(sheet, row, &mut unknown_keys, &mut problems);
        }
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
