//! A DfE "Get Information About Schools" establishment extract, as councils download it:
//! the full `edubasealldata` rows, a search download, or a narrow one with a few columns.
//! Columns come and go between releases, so they are found by name; what a file lacks is
//! recorded as unknown. Only the establishment groups the service follows become the
//! register ([`crate::gias_groups`]); every other row is skipped and counted by reason,
//! never reported, whatever its URN looks like.

use super::error::{found, Problem};
use super::fields;
use super::gias_groups::{Group, ALL_GROUPS};
use super::register::{check_urn, finish, optional, Register, RegisterFilter, RegisterFormat};
use super::table::{Row, Sheet};
use super::text::clean;
use crate::model::{is_maintained_type, Concern, Inspection, InspectionOutcome, Phase, School};
use std::collections::HashMap;

/// Why a row did not become a school, in the order the summary lists them.
pub const OTHER_LA: &str = "in other authorities";
pub const CLOSED: &str = "closed";
pub const NOT_YET_OPEN: &str = "not yet open";
pub const NO_PHASE: &str = "with no school phase";

/// Where the columns a register uses are, when the file has them.
struct Columns {
    urn: usize,
    name: usize,
    type_name: Option<usize>,
    group: Option<usize>,
    phase: Option<usize>,
    la: Option<usize>,
    status: Option<usize>,
    pupils: Option<usize>,
    head: [Option<usize>; 3],
    open: Option<usize>,
    close: Option<usize>,
    ofsted_rating: Option<usize>,
    ofsted_date: Option<usize>,
}

impl Columns {
    fn find(sheet: &Sheet, filter: &RegisterFilter) -> Result<Columns, Vec<Problem>> {
        let mut required = vec!["URN", "EstablishmentName"];
        if filter.la.is_some() {
            required.push("LA (code)");
        }
        let cols = sheet.require(&required)?;
        let c = |name: &str| sheet.column(name);
        let columns = Columns {
            urn: cols[0],
            name: cols[1],
            type_name: c("TypeOfEstablishment (name)"),
            group: c("EstablishmentTypeGroup (name)"),
            phase: c("PhaseOfEducation (name)"),
            la: c("LA (code)"),
            status: c("EstablishmentStatus (name)"),
            pupils: c("NumberOfPupils"),
            head: [c("HeadTitle (name)"), c("HeadFirstName"), c("HeadLastName")],
            open: c("OpenDate"),
            close: c("CloseDate"),
            ofsted_rating: c("OfstedRating (name)"),
            ofsted_date: c("OfstedLastInsp"),
        };
        if columns.type_name.is_none() && (columns.group.is_none() || columns.phase.is_none()) {
            return Err(vec![sheet.header_problem(
                "a GIAS extract needs `TypeOfEstablishment (name)`, or both `EstablishmentTypeGroup (name)` and `PhaseOfEducation (name)`",
            )]);
        }
        Ok(columns)
    }
}

/// Counts of skipped rows by reason.
#[derive(Default)]
struct Skipped(HashMap<&'static str, usize>);

impl Skipped {
    fn add(&mut self, reason: &'static str) {
        *self.0.entry(reason).or_default() += 1;
    }

    /// Every reason that applies to this filter, zeros included, in summary order.
    fn listed(&self, filter: &RegisterFilter) -> Vec<(&'static str, usize)> {
        let mut reasons = Vec::new();
        if filter.la.is_some() {
            reasons.push(OTHER_LA);
        }
        if !filter.include_closed {
            reasons.push(CLOSED);
        }
        reasons.push(NOT_YET_OPEN);
        reasons.extend(
            ALL_GROUPS
                .iter()
                .filter(|g| !filter.groups.contains(g))
                .map(|g| g.skipped_as()),
        );
        reasons.push(NO_PHASE);
        reasons
            .into_iter()
            .map(|r| (r, self.0.get(r).copied().unwrap_or(0)))
            .collect()
    }
}

pub fn read(sheet: &mut Sheet, filter: &RegisterFilter) -> Result<Register, Vec<Problem>> {
    let cols = Columns::find(sheet, filter)?;
    let la = filter.la.as_deref().map(str::trim);
    let mut register = Register::new(RegisterFormat::Gias);
    register.la = la.map(str::to_string);
    let mut skipped = Skipped::default();
    let mut problems = Vec::new();
    let mut seen = HashMap::new();
    while let Some(row) = sheet.next_ok(&mut problems) {
        if let Some(reason) = skip_reason(&row, &cols, filter, la) {
            skipped.add(reason);
            continue;
        }
        let type_name = clean(row.opt(cols.type_name));
        let group = Group::of(
            cols.group.map(|c| row.get(c)),
            cols.type_name.map(|_| type_name.as_str()),
        );
        let Some(phase) = phase_of(&type_name, group, row.opt(cols.phase)) else {
            skipped.add(NO_PHASE);
            continue;
        };
        let before = problems.len();
        let urn = check_urn(sheet, &row, cols.urn, &mut seen, &mut problems);
        // Dates are checked so a malformed extract is noticed; termly keeps no use for them.
        optional(sheet, &row, cols.open, gias_date, &mut problems);
        optional(sheet, &row, cols.close, gias_date, &mut problems);
        let inspected = optional(sheet, &row, cols.ofsted_date, gias_date, &mut problems);
        let pupils = optional(sheet, &row, cols.pupils, fields::count, &mut problems);
        let name = clean(row.get(cols.name));
        if name.is_empty() {
            problems.push(sheet.at(
                &row,
                cols.name,
                "expected the establishment's name, found nothing",
            ));
        }
        if problems.len() > before {
            continue;
        }
        let urn = urn.expect("checked");
        if let (Some(date), Some(outcome)) =
            (inspected, legacy_outcome(row.opt(cols.ofsted_rating)))
        {
            register.inspections.push(Inspection { urn, date, outcome });
        }
        let la_code = clean(row.opt(cols.la));
        register.schools.push(School {
            urn,
            name,
            phase,
            // The type decides when the file has it; otherwise the group does.
            maintained: if cols.type_name.is_some() {
                is_maintained_type(&type_name)
            } else {
                group.maintained()
            },
            establishment_type: type_name,
            pupils,
            headteacher: headteacher(&row, cols.head),
            la_code: (!la_code.is_empty()).then_some(la_code),
            sip: None,
            lama: None,
        });
    }
    register.skipped = skipped.listed(filter);
    register.inspections.sort_by_key(|i| i.urn);
    finish(register, problems)
}

/// Why a row is left out before its values are looked at, if it is.
fn skip_reason(
    row: &Row,
    cols: &Columns,
    filter: &RegisterFilter,
    la: Option<&str>,
) -> Option<&'static str> {
    if la.is_some_and(|la| la != row.opt(cols.la)) {
        return Some(OTHER_LA);
    }
    let status = row.opt(cols.status).to_ascii_lowercase();
    // "Open, but proposed to close" is open.
    if status == "closed" && !filter.include_closed {
        return Some(CLOSED);
    }
    if status.starts_with("proposed to open") {
        return Some(NOT_YET_OPEN);
    }
    let group = Group::of(
        cols.group.map(|c| row.get(c)),
        cols.type_name.map(|c| row.get(c)),
    );
    (!filter.groups.contains(&group)).then(|| group.skipped_as())
}

/// GIAS writes dates `dd-mm-yyyy`.
fn gias_date(text: &str) -> Result<chrono::NaiveDate, String> {
    chrono::NaiveDate::parse_from_str(text.trim(), "%d-%m-%Y")
        .map_err(|_| format!("expected a date dd-mm-yyyy, found {}", found(text)))
}

/// Special schools and PRUs are named by their type (or group); otherwise the phase of
/// education. None when neither says.
fn phase_of(establishment_type: &str, group: Group, phase: &str) -> Option<Phase> {
    let t = establishment_type.to_ascii_lowercase();
    if t.contains("special") || group == Group::Special || group == Group::NonMaintainedSpecial {
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

/// The legacy overall grade GIAS carried until 2025 (`OfstedRating (name)`).
fn legacy_outcome(rating: &str) -> Option<InspectionOutcome> {
    let (grade, concern) = match rating.trim().to_ascii_lowercase().as_str() {
        "outstanding" => (1, None),
        "good" => (2, None),
        "requires improvement" => (3, None),
        "inadequate" => (4, None),
        "serious weaknesses" => (4, Some(Concern::SeriousWeaknesses)),
        "special measures" => (4, Some(Concern::SpecialMeasures)),
        _ => return None,
    };
    Some(InspectionOutcome::Legacy { grade, concern })
}

/// "Mrs Ada Example" from title, first and last name; "Not applicable" titles dropped.
fn headteacher(row: &Row, cols: [Option<usize>; 3]) -> Option<String> {
    let parts: Vec<String> = cols
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
        let g = Group::LaMaintained;
        assert_eq!(
            phase_of("Community special school", g, "Not applicable"),
            Some(Phase::Special)
        );
        assert_eq!(
            phase_of("Pupil referral unit", g, "Not applicable"),
            Some(Phase::AlternativeProvision)
        );
        assert_eq!(
            phase_of("Local authority nursery school", g, "Not applicable"),
            Some(Phase::Nursery)
        );
        assert_eq!(
            phase_of("Academy converter", Group::Academies, "Secondary"),
            Some(Phase::Secondary)
        );
        assert_eq!(
            phase_of("", Group::Special, "Not applicable"),
            Some(Phase::Special)
        );
        assert_eq!(
            phase_of("Further education", Group::Colleges, "Not applicable"),
            None
        );
    }

    #[test]
    fn legacy_grades_and_concerns() {
        assert_eq!(
            legacy_outcome("Special Measures"),
            Some(InspectionOutcome::Legacy {
                grade: 4,
                concern: Some(Concern::SpecialMeasures)
            })
        );
        assert_eq!(
            legacy_outcome("Requires improvement"),
            Some(InspectionOutcome::Legacy {
                grade: 3,
                concern: None
            })
        );
        assert_eq!(legacy_outcome(""), None);
        assert_eq!(legacy_outcome("Not applicable"), None);
    }
}
