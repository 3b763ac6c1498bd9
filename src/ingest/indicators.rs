//! A source: any per-school file (a DfE absence, census, KS2/KS4 or finance CSV) turned
//! into one team's indicators for one term, through a recipe that says which column holds
//! the URN and which columns become which indicators. The file arrives as a [`Sheet`], so
//! nothing here knows whether it was CSV.
//!
//! DfE files end with local-authority and national summary rows (no URN, fewer fields) and
//! use markers such as `SUPP` or `NE` for "no value": both are counted, never errors. A row
//! for a school on the register must line up with the header and hold numbers or markers.

use super::error::Problem;
use super::fields::{dfe_number, no_value_marker, urn as parse_urn};
use super::input::Input;
use super::table::Sheet;
use super::SourceFile;
use crate::model::Urn;
use crate::term::Term;
use std::collections::{BTreeMap, HashMap, HashSet};
use std::fmt;
use std::path::PathBuf;

/// What to read: a `[[sources]]` recipe, or the same given on the command line.
#[derive(Debug, Clone, PartialEq)]
pub struct SourceSpec {
    /// The recipe's name, or the file's name for `--indicators`.
    pub name: String,
    pub team: String,
    pub file: PathBuf,
    pub urn_column: String,
    /// The column holding the local-authority code, and the authority to keep.
    pub la_column: Option<String>,
    /// A recipe that names its LA column needs it; `--la` uses `LA` where the file has it.
    pub la_column_required: bool,
    pub la: Option<String>,
    /// (indicator name, column header), in the order given.
    pub columns: Vec<(String, String)>,
    /// For a workbook: the sheet to read (None: the first visible one).
    pub sheet: Option<String>,
}

/// One indicator value for one school.
pub type IndicatorValue = (Urn, String, f64);

/// What a source gave, ready to write.
#[derive(Debug, Clone)]
pub struct ParsedSource {
    pub source: SourceFile,
    pub name: String,
    pub team: String,
    pub term: Term,
    pub values: Vec<IndicatorValue>,
    pub report: SourceReport,
    /// What to say when the file's schools are another phase than the register's.
    pub phase_note: Option<String>,
}

/// What happened to the rows of a source file, for the import summary. Every row is kept
/// or skipped for one reason; for every school on the register, each indicator has a value
/// or "no value" for one reason; so the counts add up.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct SourceReport {
    pub rows: usize,
    /// Rows of schools on the register whose values were read.
    pub kept: usize,
    /// Rows left out, by reason (see [`Skip`]).
    pub skipped: BTreeMap<Skip, usize>,
    /// Schools on the register.
    pub register: usize,
    /// Register schools given a value, per indicator, in recipe order.
    pub per_indicator: Vec<(String, usize)>,
    /// Cells with no value, by marker ("" for empty), over every indicator.
    pub markers: BTreeMap<String, usize>,
    /// The same per indicator, in recipe order.
    pub markers_per_indicator: Vec<BTreeMap<String, usize>>,
    /// Register schools that got no value at all.
    pub without_value: usize,
    /// URNs of the rows kept, for comparing the file's phases with the register's.
    pub kept_urns: Vec<Urn>,
}

/// Why a row of a source file was not read.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord)]
pub enum Skip {
    /// A new school (`NEW`): a short row with no results yet.
    NewSchool,
    /// A short row with no results (no cohort, or results not published).
    NoResults,
    /// More fields than the header.
    TooLong,
    /// An empty or non-URN in the URN column: the LA and national summary rows.
    NoUrn,
    OtherAuthority,
    NotOnRegister,
}

impl Skip {
    fn describe(self) -> &'static str {
        match self {
            Skip::NewSchool => "new schools (NEW)",
            Skip::NoResults => "short rows with no results (no cohort)",
            Skip::TooLong => "rows longer than the header",
            Skip::NoUrn => "with no URN (summary rows)",
            Skip::OtherAuthority => "in other authorities",
            Skip::NotOnRegister => "not on the register",
        }
    }

    /// A short row for a school on the register gives it "no value", for this reason.
    fn is_school_without_results(self) -> bool {
        matches!(self, Skip::NewSchool | Skip::NoResults | Skip::TooLong)
    }
}

impl SourceReport {
    fn skipped_total(&self) -> usize {
        self.skipped.values().sum()
    }
}

impl fmt::Display for SourceReport {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        use crate::text::fmt_count;
        write!(
            f,
            "{} schools kept of {} rows",
            fmt_count(self.kept),
            fmt_count(self.rows)
        )?;
        if !self.skipped.is_empty() {
            let reasons: Vec<String> = self
                .skipped
                .iter()
                .map(|(why, n)| format!("{} {}", fmt_count(*n), why.describe()))
                .collect();
            write!(
                f,
                " ({} skipped: {})",
                fmt_count(self.skipped_total()),
                reasons.join(", ")
            )?;
        }
        // Per indicator, values and "no value" add up to the schools on the register: no
        // value is a school not in the file, a short row, or a marker in its cell.
        let short: Vec<(Skip, usize)> = self
            .skipped
            .iter()
            .filter(|(s, _)| s.is_school_without_results())
            .map(|(s, n)| (*s, *n))
            .collect();
        let in_file = self.kept + short.iter().map(|(_, n)| n).sum::<usize>();
        let none = BTreeMap::new();
        write!(
            f,
            "; of the {} schools on the register:",
            fmt_count(self.register)
        )?;
        for (i, (name, n)) in self.per_indicator.iter().enumerate() {
            let sep = if i == 0 { " " } else { "; " };
            write!(
                f,
                "{sep}{name} {} with a value, {} no value",
                fmt_count(*n),
                fmt_count(self.register.saturating_sub(*n))
            )?;
            let mut why: Vec<String> = Vec::new();
            if self.register > in_file {
                why.push(format!(
                    "{} not in the file",
                    fmt_count(self.register - in_file)
                ));
            }
            for (skip, n) in &short {
                why.push(format!("{} {}", fmt_count(*n), skip.describe()));
            }
            for (marker, n) in self.markers_per_indicator.get(i).unwrap_or(&none) {
                let shown = if marker.is_empty() {
                    "empty"
                } else {
                    marker.as_str()
                };
                why.push(format!("{shown} {}", fmt_count(*n)));
            }
            if !why.is_empty() {
                write!(f, " ({})", why.join(", "))?;
            }
        }
        Ok(())
    }
}

/// Read the source file for `term`; URNs count only when on `register`.
pub fn parse_source(
    spec: &SourceSpec,
    term: Term,
    register: &HashSet<Urn>,
    limits: &crate::config::LimitsConfig,
) -> Result<ParsedSource, Vec<Problem>> {
    let input = Input::open_within(&spec.file, limits)
        .map_err(|p| vec![p])?
        .with_sheet(spec.sheet.clone());
    let mut sheet = Sheet::read_table(input, &spec.urn_column)?.allow_ragged();
    let (values, report) = read_sheet(&mut sheet, spec, register)?;
    let hash = sheet.finish().map_err(|p| vec![p])?;
    Ok(ParsedSource {
        source: SourceFile {
            path: spec.file.clone(),
            hash: recipe_hash(&hash, spec),
            sheet: None,
        },
        name: spec.name.clone(),
        team: spec.team.clone(),
        term,
        values,
        report,
        phase_note: None,
    })
}

/// When the schools a file matched are of phases that make up less than half the register
/// (KS4 results against a register of primaries), say so: the low count is not a fault.
/// `phases` is every register school's phase, by URN.
pub fn phase_mismatch(report: &SourceReport, phases: &HashMap<Urn, String>) -> Option<String> {
    use crate::text::fmt_count;
    let tally = |urns: &mut dyn Iterator<Item = &Urn>| {
        let mut t: BTreeMap<&str, usize> = BTreeMap::new();
        for urn in urns {
            if let Some(p) = phases.get(urn) {
                *t.entry(p.as_str()).or_default() += 1;
            }
        }
        t
    };
    let in_file = tally(&mut report.kept_urns.iter());
    let register = tally(&mut phases.keys());
    let covered: usize = register
        .iter()
        .filter(|(p, _)| in_file.contains_key(*p))
        .map(|(_, n)| n)
        .sum();
    if phases.is_empty() || covered * 2 >= phases.len() {
        return None;
    }
    let list = |t: &BTreeMap<&str, usize>| {
        let mut v: Vec<(&&str, &usize)> = t.iter().collect();
        v.sort_by(|a, b| b.1.cmp(a.1).then(a.0.cmp(b.0)));
        v.iter()
            .map(|(p, n)| format!("{} {}", fmt_count(**n), p.replace('_', "-")))
            .collect::<Vec<_>>()
            .join(", ")
    };
    let matched = if in_file.is_empty() {
        "no school on the register".to_string()
    } else {
        format!("only {}", list(&in_file))
    };
    Some(format!(
        "the file's phase does not match the register: it has {matched}, while the register is {}",
        list(&register)
    ))
}

/// The same file read with another recipe gives other values: the recipe counts in the hash.
fn recipe_hash(file_hash: &str, spec: &SourceSpec) -> String {
    super::text::sha256_hex(
        format!(
            "{file_hash}\0termly urn={} la={:?}/{:?} columns={:?} sheet={:?}",
            spec.urn_column, spec.la_column, spec.la, spec.columns, spec.sheet
        )
        .as_bytes(),
    )
}

/// Where the recipe's columns are in this sheet.
struct Columns {
    urn: usize,
    la: Option<usize>,
    values: Vec<(String, usize)>,
}

fn find_columns(sheet: &Sheet, spec: &SourceSpec) -> Result<Columns, Vec<Problem>> {
    let mut names: Vec<&str> = vec![&spec.urn_column];
    names.extend(spec.columns.iter().map(|(_, h)| h.as_str()));
    let la_name = spec.la_column.as_deref().filter(|_| spec.la.is_some());
    let la_needed = la_name.filter(|_| spec.la_column_required);
    names.extend(la_needed);
    let cols = sheet.require(&names)?;
    Ok(Columns {
        urn: cols[0],
        la: la_name.and_then(|name| sheet.column(name)),
        values: spec
            .columns
            .iter()
            .zip(&cols[1..])
            .map(|((name, _), &c)| (name.clone(), c))
            .collect(),
    })
}

/// The source logic: rows of `sheet` to indicator values, counting what was skipped.
/// Short rows (new schools, no cohort) are skipped and counted, never refused: for a school
/// on the register they mean "no value".
pub fn read_sheet(
    sheet: &mut Sheet,
    spec: &SourceSpec,
    register: &HashSet<Urn>,
) -> Result<(Vec<IndicatorValue>, SourceReport), Vec<Problem>> {
    let cols = find_columns(sheet, spec)?;
    let width = sheet.headers.len();
    let mut report = SourceReport {
        register: register.len(),
        ..SourceReport::default()
    };
    let mut values = Vec::new();
    let mut problems = Vec::new();
    let mut seen: HashMap<Urn, u64> = HashMap::new();
    let mut per_indicator = vec![0usize; cols.values.len()];
    report.markers_per_indicator = vec![BTreeMap::new(); cols.values.len()];
    while let Some(row) = sheet.next_ok(&mut problems) {
        report.rows += 1;
        let urn = parse_urn(row.get(cols.urn)).ok();
        let other_la = match (cols.la, spec.la.as_deref()) {
            (Some(c), Some(la)) => row.get(c) != la.trim(),
            _ => false,
        };
        let skip = match urn {
            None => Some(Skip::NoUrn),
            Some(_) if other_la => Some(Skip::OtherAuthority),
            Some(u) if !register.contains(&u) => Some(Skip::NotOnRegister),
            Some(_) if row.fields.len() > width => Some(Skip::TooLong),
            Some(_) if row.fields.len() < width => {
                if row.fields.iter().any(|f| f.trim() == "NEW") {
                    Some(Skip::NewSchool)
                } else {
                    Some(Skip::NoResults)
                }
            }
            Some(_) => None,
        };
        if let Some(skip) = skip {
            *report.skipped.entry(skip).or_default() += 1;
            if !skip.is_school_without_results() {
                continue;
            }
        }
        let urn = urn.expect("a row with no URN was skipped");
        if let Some(first) = seen.insert(urn, row.line) {
            problems.push(sheet.at(
                &row,
                cols.urn,
                format!("duplicate URN {urn}: already on line {first}"),
            ));
            continue;
        }
        if skip.is_some() {
            continue;
        }
        report.kept += 1;
        report.kept_urns.push(urn);
        for (i, (name, col)) in cols.values.iter().enumerate() {
            match cell_value(row.get(*col)) {
                Ok(v) => {
                    values.push((urn, name.clone(), v));
                    per_indicator[i] += 1;
                }
                Err(Cell::Marker(m)) => {
                    *report.markers.entry(m.to_string()).or_default() += 1;
                    *report.markers_per_indicator[i]
                        .entry(m.to_string())
                        .or_default() += 1;
                }
                Err(Cell::Bad(m)) => problems.push(sheet.at(&row, *col, m)),
            }
        }
    }
    if !problems.is_empty() {
        return Err(problems);
    }
    let with_value: HashSet<Urn> = values.iter().map(|(u, _, _)| *u).collect();
    report.without_value = register.len() - with_value.len();
    report.per_indicator = cols
        .values
        .iter()
        .map(|(n, _)| n.clone())
        .zip(per_indicator)
        .collect();
    Ok((values, report))
}

/// Why a cell gave no number: a DfE marker for "no value", or text that is not a number.
enum Cell {
    Marker(&'static str),
    Bad(String),
}

/// The number in a cell, as the DfE writes numbers.
fn cell_value(text: &str) -> Result<f64, Cell> {
    if let Some(marker) = no_value_marker(text) {
        return Err(Cell::Marker(marker));
    }
    dfe_number(text).map_err(Cell::Bad)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn spec(la: Option<&str>) -> SourceSpec {
        SourceSpec {
            name: "absence".into(),
            team: "attendance".into(),
            file: PathBuf::from("abs.csv"),
            urn_column: "URN".into(),
            la_column: Some("LA".into()),
            la_column_required: true,
            la: la.map(str::to_string),
            columns: vec![
                ("overall_absence_pct".into(), "PERCTOT".into()),
                ("persistent_absence_pct".into(), "PPERSABS10".into()),
            ],
            sheet: None,
        }
    }

    fn read(
        text: &str,
        la: Option<&str>,
    ) -> Result<(Vec<IndicatorValue>, SourceReport), Vec<Problem>> {
        let register: HashSet<Urn> = [100001, 100002, 100003].into();
        let mut sheet = Sheet::from_csv("abs.csv", text)
            .ok()
            .unwrap()
            .allow_ragged();
        read_sheet(&mut sheet, &spec(la), &register)
    }

    #[test]
    fn values_markers_and_summary_rows() {
        let text = "\u{feff}LA,ESTAB,URN,PERCTOT,  PPERSABS10\n850,2001,100001,4.5,\"12.5%\"\n850,2002,100002,SUPP,NE\n851,2003,100003,3,4\n850,2004,200001,1,2\n850,,,4.1,8.2\nNAT,PRI,,4,8.2\nNAT,SEC\n";
        let (values, report) = read(text, Some("850")).unwrap();
        assert_eq!(
            values,
            vec![
                (100001, "overall_absence_pct".to_string(), 4.5),
                (100001, "persistent_absence_pct".to_string(), 12.5)
            ]
        );
        assert_eq!(report.kept, 2);
        assert_eq!(
            report.skipped,
            [
                (Skip::NoUrn, 3),
                (Skip::OtherAuthority, 1),
                (Skip::NotOnRegister, 1)
            ]
            .into()
        );
        assert_eq!(report.markers.get("SUPP"), Some(&1));
        assert_eq!(
            report.per_indicator[0],
            ("overall_absence_pct".to_string(), 1)
        );
        assert_eq!(report.without_value, 2);
    }

    #[test]
    fn bad_values_are_refused() {
        let text = "LA,URN,PERCTOT,PPERSABS10\n850,100001,lots,1\n850,100002,1,many\n";
        let e = read(text, None).unwrap_err();
        let text: Vec<String> = e.iter().map(|p| p.to_string()).collect();
        assert_eq!(text.len(), 2, "{text:#?}");
        assert!(
            text[0].starts_with("abs.csv:2:3 (PERCTOT): expected a number"),
            "{}",
            text[0]
        );
    }

    #[test]
    fn short_rows_of_register_schools_are_no_value_never_a_refusal() {
        let text = "LA,URN,PERCTOT,PPERSABS10\n850,100001,4,SUPP\n850,100002,NEW\n850,100003,27\n850,100004,1,2,3\n";
        let (values, report) = read(text, None).unwrap();
        assert_eq!(values.len(), 1);
        assert_eq!(report.kept, 1);
        assert_eq!(
            report.skipped,
            [
                (Skip::NewSchool, 1),
                (Skip::NoResults, 1),
                (Skip::NotOnRegister, 1)
            ]
            .into()
        );
        let shown = report.to_string();
        assert_eq!(
            shown,
            "1 schools kept of 4 rows (3 skipped: 1 new schools (NEW), 1 short rows with no results (no cohort), 1 not on the register); of the 3 schools on the register: overall_absence_pct 1 with a value, 2 no value (1 new schools (NEW), 1 short rows with no results (no cohort)); persistent_absence_pct 0 with a value, 3 no value (1 new schools (NEW), 1 short rows with no results (no cohort), SUPP 1)"
        );
    }

    #[test]
    fn headers_match_across_inner_spaces_and_money_is_a_number() {
        let register: HashSet<Urn> = [100001].into();
        let mut spec = spec(None);
        spec.columns = vec![
            ("pupil_teacher_ratio".into(), "Pupil: Teacher Ratio".into()),
            ("mean_salary".into(), "Mean Salary".into()),
        ];
        let text = "URN,LA,Pupil:     Teacher Ratio,Mean Salary\r\n100001,850, 21.5 ,\"£45,421\"\r\n100002,850";
        let mut sheet = Sheet::from_csv("swf.csv", text)
            .ok()
            .unwrap()
            .allow_ragged();
        let (values, report) = read_sheet(&mut sheet, &spec, &register).unwrap();
        assert_eq!(
            values,
            vec![
                (100001, "pupil_teacher_ratio".to_string(), 21.5),
                (100001, "mean_salary".to_string(), 45421.0)
            ]
        );
        assert_eq!(
            report.skipped,
            [(Skip::NotOnRegister, 1)].into(),
            "a truncated last row not on the register"
        );
    }

    #[test]
    fn missing_columns_are_named() {
        let e = read("URN,PERCTOT\n100001,1\n", None).unwrap_err();
        assert!(e[0].message.contains("`PPERSABS10`"), "{e:?}");
    }
}
