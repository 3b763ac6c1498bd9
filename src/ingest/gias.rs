//! A DfE "Get Information About Schools" establishment extract. Columns come and go between
//! releases, so they are found by name. About 50,000 rows for all of England: rows of other
//! local authorities, closed establishments and establishments with no school phase termly
//! follows (independent and further-education providers, children's centres…) are skipped
//! and counted rather than reported.

use super::error::{found, Problem};
use super::fields;
use super::register::{check_urn, finish, optional, Register, RegisterFilter, RegisterFormat};
use super::table::{Row, Sheet};
use super::text::clean;
use crate::model::{is_maintained_type, Phase, School};
use std::collections::HashMap;

pub fn read(sheet: &Sheet, filter: &RegisterFilter) -> Result<Register, Vec<Problem>> {
    let mut required = vec![
        "URN",
        "EstablishmentName",
        "TypeOfEstablishment (name)",
        "PhaseOfEducation (name)",
    ];
    if filter.la.is_some() {
        required.push("LA (code)");
    }
    let cols = sheet.require(&required)?;
    let (c_urn, c_name, c_type, c_phase) = (cols[0], cols[1], cols[2], cols[3]);
    let c_la = sheet.column("LA (code)");
    let c_status = sheet.column("EstablishmentStatus (name)");
    let c_pupils = sheet.column("NumberOfPupils");
    let c_title = sheet.column("HeadTitle (name)");
    let c_first = sheet.column("HeadFirstName");
    let c_last = sheet.column("HeadLastName");
    let c_open = sheet.column("OpenDate");
    let c_close = sheet.column("CloseDate");
    let la = filter.la.as_deref().map(str::trim);

    let mut register = Register {
        format: RegisterFormat::Gias,
        schools: Vec::new(),
        skipped_closed: 0,
        skipped_other_la: 0,
        skipped_no_phase: 0,
    };
    let mut problems = Vec::new();
    let mut seen = HashMap::new();
    for row in &sheet.rows {
        let la_code = clean(row.opt(c_la));
        if la.is_some_and(|la| la != la_code) {
            register.skipped_other_la += 1;
            continue;
        }
        let status = row.opt(c_status);
        if !filter.include_closed && status.eq_ignore_ascii_case("closed") {
            register.skipped_closed += 1;
            continue;
        }
        let before = problems.len();
        let urn = check_urn(sheet, row, c_urn, &mut seen, &mut problems);
        // Dates are checked so a malformed extract is noticed; termly keeps no use for them.
        optional(sheet, row, c_open, gias_date, &mut problems);
        optional(sheet, row, c_close, gias_date, &mut problems);
        let pupils = optional(sheet, row, c_pupils, fields::count, &mut problems);
        let name = clean(row.get(c_name));
        if name.is_empty() {
            problems.push(sheet.at(
                row,
                c_name,
                "expected the establishment's name, found nothing",
            ));
        }
        let establishment_type = clean(row.get(c_type));
        if problems.len() > before {
            continue;
        }
        let Some(phase) = phase_of(&establishment_type, row.get(c_phase)) else {
            register.skipped_no_phase += 1;
            continue;
        };
        register.schools.push(School {
            urn: urn.expect("checked"),
            name,
            phase,
            maintained: is_maintained_type(&establishment_type),
            establishment_type,
            pupils,
            headteacher: headteacher(row, c_title, c_first, c_last),
            la_code: (!la_code.is_empty()).then_some(la_code),
            sip: None,
            lama: None,
        });
    }
    finish(register, problems)
}

/// GIAS writes dates `dd-mm-yyyy`.
fn gias_date(text: &str) -> Result<chrono::NaiveDate, String> {
    chrono::NaiveDate::parse_from_str(text.trim(), "%d-%m-%Y")
        .map_err(|_| format!("expected a date dd-mm-yyyy, found {}", found(text)))
}

/// Special schools and PRUs are named by their type; otherwise the phase of education.
fn phase_of(establishment_type: &str, phase: &str) -> Option<Phase> {
    let t = establishment_type.to_ascii_lowercase();
    if t.contains("special") {
        return Some(Phase::Special);
    }
    if t.contains("pupil referral unit") || t.contains("alternative provision") {
        return Some(Phase::AlternativeProvision);
    }
    if phase.trim().eq_ignore_ascii_case("not applicable") {
        return t.contains("nursery").then_some(Phase::Nursery);
    }
    Phase::parse(phase)
}

/// "Mrs Ada Example" from title, first and last name; "Not applicable" titles dropped.
fn headteacher(
    row: &Row,
    title: Option<usize>,
    first: Option<usize>,
    last: Option<usize>,
) -> Option<String> {
    let parts: Vec<String> = [title, first, last]
        .into_iter()
        .map(|c| clean(row.opt(c)))
        .filter(|p| !p.is_empty() && !p.eq_ignore_ascii_case("not applicable"))
        .collect();
    (!parts.is_empty()).then(|| parts.join(" "))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn phase_from_type_and_phase() {
        assert_eq!(
            phase_of("Community special school", "Not applicable"),
            Some(Phase::Special)
        );
        assert_eq!(
            phase_of("Pupil referral unit", "Not applicable"),
            Some(Phase::AlternativeProvision)
        );
        assert_eq!(
            phase_of("Local authority nursery school", "Not applicable"),
            Some(Phase::Nursery)
        );
        assert_eq!(
            phase_of("Academy converter", "Secondary"),
            Some(Phase::Secondary)
        );
        assert_eq!(phase_of("Further education", "Not applicable"), None);
    }
}
