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
}

/// What happened to the rows of a source file, for the import summary.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct SourceReport {
    pub rows: usize,
    pub kept: usize,
    pub no_urn: usize,
    pub other_la: usize,
    pub not_on_register: usize,
    /// Rows shorter or longer than the header, none of them a school on the register
    /// (the summary block at the end of a DfE file).
    pub ragged: usize,
    /// Cells with no value, by marker ("" for empty).
    pub markers: BTreeMap<String, usize>,
    /// Register schools given a value, per indicator, in recipe order.
    pub per_indicator: Vec<(String, usize)>,
    /// Register schools that got no value at all.
    pub without_value: usize,
}

impl fmt::Display for SourceReport {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        let got: Vec<String> = self
            .per_indicator
            .iter()
            .map(|(name, n)| format!("{name} {n}"))
            .collect();
        write!(
            f,
            "{} schools on the register: {}; {} with none",
            self.kept,
            got.join(", "),
            self.without_value
        )?;
        write!(
            f,
            "; skipped {} with no URN, {} in other authorities, {} not on the register, {} short or ragged",
            self.no_urn, self.other_la, self.not_on_register, self.ragged
        )?;
        if !self.markers.is_empty() {
            let markers: Vec<String> = self
                .markers
                .iter()
                .map(|(m, n)| {
                    let shown = if m.is_empty() { "empty" } else { m.as_str() };
                    format!("{shown} {n}")
                })
                .collect();
            write!(f, "; no value: {}", markers.join(", "))?;
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
    })
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
pub fn read_sheet(
    sheet: &mut Sheet,
    spec: &SourceSpec,
    register: &HashSet<Urn>,
) -> Result<(Vec<IndicatorValue>, SourceReport), Vec<Problem>> {
    let cols = find_columns(sheet, spec)?;
    let width = sheet.headers.len();
    let mut report = SourceReport::default();
    let mut values = Vec::new();
    let mut problems = Vec::new();
    let mut seen: HashMap<Urn, u64> = HashMap::new();
    let mut per_indicator = vec![0usize; cols.values.len()];
    while let Some(row) = sheet.next_ok(&mut problems) {
        report.rows += 1;
        let urn = parse_urn(row.get(cols.urn)).ok();
        let other_la = match (cols.la, spec.la.as_deref()) {
            (Some(c), Some(la)) => row.get(c) != la.trim(),
            _ => false,
        };
        let ours = urn.filter(|u| !other_la && register.contains(u));
        if row.fields.len() != width {
            let Some(urn) = ours else {
                report.ragged += 1;
                continue;
            };
            problems.push(sheet.row_problem(
                &row,
                format!(
                    "URN {urn} is on the register, but its row has {} fields where the header has {width}",
                    row.fields.len()
                ),
            ));
            continue;
        }
        let Some(urn) = urn else {
            report.no_urn += 1;
            continue;
        };
        if other_la {
            report.other_la += 1;
            continue;
        }
        if ours.is_none() {
            report.not_on_register += 1;
            continue;
        }
        if let Some(first) = seen.insert(urn, row.line) {
            problems.push(sheet.at(
                &row,
                cols.urn,
                format!("duplicate URN {urn}: already on line {first}"),
            ));
            continue;
        }
        report.kept += 1;
        for (i, (name, col)) in cols.values.iter().enumerate() {
            match cell_value(row.get(*col)) {
                Ok(v) => {
                    values.push((urn, name.clone(), v));
                    per_indicator[i] += 1;
                }
                Err(Cell::Marker(m)) => *report.markers.entry(m.to_string()).or_default() += 1,
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
            (
                report.no_urn,
                report.other_la,
                report.not_on_register,
                report.ragged
            ),
            (2, 1, 1, 1)
        );
        assert_eq!(report.markers.get("SUPP"), Some(&1));
        assert_eq!(
            report.per_indicator[0],
            ("overall_absence_pct".to_string(), 1)
        );
        assert_eq!(report.without_value, 2);
    }

    #[test]
    fn bad_values_and_ragged_register_rows_are_refused() {
        let text = "LA,URN,PERCTOT,PPERSABS10\n850,100001,lots,1\n850,100002,1\n850,100003,1,2,3\n";
        let e = read(text, None).unwrap_err();
        let text: Vec<String> = e.iter().map(|p| p.to_string()).collect();
        assert_eq!(text.len(), 3, "{text:#?}");
        assert!(
            text[0].starts_with("abs.csv:2:3 (PERCTOT): expected a number"),
            "{}",
            text[0]
        );
        assert!(
            text[1].starts_with("abs.csv:3: URN 100002 is on the register"),
            "{}",
            text[1]
        );
        assert!(text[2].starts_with("abs.csv:4: URN 100003"), "{}", text[2]);
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
        assert_eq!(report.ragged, 1, "a truncated last row not on the register");
    }

    #[test]
    fn missing_columns_are_named() {
        let e = read("URN,PERCTOT\n100001,1\n", None).unwrap_err();
        assert!(e[0].message.contains("`PPERSABS10`"), "{e:?}");
    }
}
