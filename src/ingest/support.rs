//! Support details: `urn,category,since,sip,lama`. The category is a configured category
//! key (or its label); `since` is `yyyy-mm-dd` (also `dd-mm-yyyy`); the school must be on
//! the register.

use super::error::{found, Problem};
use super::fields;
use super::input::Input;
use super::register::check_urn;
use super::table::Sheet;
use crate::config::Config;
use crate::model::Urn;
use std::collections::{HashMap, HashSet};

pub use crate::model::SupportRow;

/// Read a support file. `known` is the register's URNs (None: not checked, because the
/// register itself could not be read).
pub fn read(
    file: &str,
    bytes: &[u8],
    config: &Config,
    known: Option<&HashSet<Urn>>,
) -> Result<Vec<SupportRow>, Vec<Problem>> {
    read_from(Input::from_bytes(file, bytes), config, known)
}

/// Read a support file from `input` (CSV, or the sheet `input` names of a workbook).
pub fn read_from(
    input: Input,
    config: &Config,
    known: Option<&HashSet<Urn>>,
) -> Result<Vec<SupportRow>, Vec<Problem>> {
    let mut sheet = Sheet::read_csv(input)?;
    let cols = sheet.require(&["urn", "category", "since"])?;
    let (c_urn, c_cat, c_since) = (cols[0], cols[1], cols[2]);
    let c_sip = sheet.column("sip");
    let c_lama = sheet.column("lama");
    let keys: Vec<&str> = config.categories.iter().map(|c| c.key.as_str()).collect();
    let mut rows = Vec::new();
    let mut problems = Vec::new();
    let mut seen = HashMap::new();
    while let Some(row) = sheet.next_ok(&mut problems) {
        let row = &row;
        let before = problems.len();
        let urn = check_urn(&sheet, row, c_urn, &mut seen, &mut problems);
        if let (Some(urn), Some(known)) = (urn, known) {
            if !known.contains(&urn) {
                problems.push(sheet.at(row, c_urn, format!("URN {urn} is not on the register")));
            }
        }
        let text = row.get(c_cat);
        let category = config
            .categories
            .iter()
            .find(|c| c.key.eq_ignore_ascii_case(text) || c.label.eq_ignore_ascii_case(text));
        if category.is_none() {
            problems.push(sheet.at(
                row,
                c_cat,
                format!(
                    "expected a category ({}), found {}",
                    keys.join(", "),
                    found(text)
                ),
            ));
        }
        let since =
            fields::date(row.get(c_since)).map_err(|m| problems.push(sheet.at(row, c_since, m)));
        if problems.len() > before {
            continue;
        }
        rows.push(SupportRow {
            urn: urn.expect("checked"),
            category: category.expect("checked").key.clone(),
            since: since.expect("checked"),
            sip: fields::optional_text(row.opt(c_sip)),
            lama: fields::optional_text(row.opt(c_lama)),
        });
    }
    if problems.is_empty() {
        Ok(rows)
    } else {
        Err(problems)
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use std::path::Path;

    #[test]
    fn reads_and_checks_rows() {
        let config = Config::default_with_base(Path::new(".")).unwrap();
        let known: HashSet<Urn> = [100001, 100002].into();
        let rows = read(
            "s.csv",
            b"urn,category,since,sip,lama\n100001,enhanced,2024-09-01,Adviser One,\n100002,Intensive A,01-01-2025,,\n",
            &config,
            Some(&known),
        )
        .unwrap();
        assert_eq!(rows[0].category, "enhanced");
        assert_eq!(rows[0].lama, None);
        assert_eq!(rows[1].category, "intensive_a");
        let e = read(
            "s.csv",
            b"urn,category,since\n100003,core,2024-09-01\n100001,platinum,2024-09-01\n100002,core,yesterday\n",
            &config,
            Some(&known),
        )
        .unwrap_err();
        assert_eq!(e.len(), 3);
        assert!(e[0].to_string().contains("not on the register"));
        assert!(e[1]
            .to_string()
            .starts_with("s.csv:3:2 (category): expected a category (core,"));
        assert!(e[2].to_string().starts_with("s.csv:4:3 (since)"));
    }
}
