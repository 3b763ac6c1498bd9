//! A real legacy `.xls` (BIFF8) workbook, written by another program (xlwt; see
//! `tests/data/workbooks/README.md`): it reads as its CSV twin, and its `#N/A` cell is
//! refused at its sheet and cell.

use std::path::{Path, PathBuf};
use termly::config::Config;
use termly::ingest::input::Input;
use termly::ingest::{scores, Problem};

fn data(name: &str) -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR"))
        .join("tests/data/workbooks")
        .join(name)
}

fn read(name: &str, sheet: Option<&str>) -> Result<Vec<scores::ScoreRow>, Vec<Problem>> {
    let config = Config::default_with_base(Path::new("config")).unwrap();
    let input = Input::open(&data(name), 1 << 20)
        .unwrap()
        .with_sheet(sheet.map(str::to_string));
    scores::read_input(input, &config.scale, None).map(|(rows, _)| rows)
}

#[test]
fn an_xls_workbook_gives_the_same_scores_as_its_csv_twin() {
    let from_xls = read("attendance.xls", None).unwrap_or_else(|e| panic!("{e:?}"));
    let from_csv = read("attendance.csv", None).unwrap();
    assert_eq!(from_xls.len(), 4);
    assert_eq!(from_xls, from_csv);
    // The URN typed as text is the same URN as one stored as a number.
    assert_eq!(from_xls[1].urn.to_string(), "100002");
}

#[test]
fn an_xls_error_cell_is_refused_at_its_sheet_and_cell() {
    let e = read("attendance.xls", Some("errors")).unwrap_err();
    let messages: Vec<String> = e.iter().map(|p| p.to_string()).collect();
    let file = data("attendance.xls").display().to_string();
    assert_eq!(
        messages,
        [format!(
            "{file} [errors] B4: #N/A where a score was expected"
        )]
    );
}
