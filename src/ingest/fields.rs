//! Parsing one field's text. Each parser returns what was expected on failure; the reader
//! adds the file, line and column.

use super::error::found;
use crate::model::Urn;
use chrono::NaiveDate;

/// A URN: six digits, 100000 to 999999.
pub fn urn(text: &str) -> Result<Urn, String> {
    let t = text.trim();
    match t.parse::<u32>() {
        Ok(n) if t.len() == 6 && (100_000..=999_999).contains(&n) => Ok(n),
        _ => Err(format!(
            "expected a 6-digit URN (100000 to 999999), found {}",
            found(t)
        )),
    }
}

/// A date written `yyyy-mm-dd`, or `dd-mm-yyyy` / `dd/mm/yyyy` as spreadsheets and GIAS write it.
pub fn date(text: &str) -> Result<NaiveDate, String> {
    let t = text.trim();
    ["%Y-%m-%d", "%d-%m-%Y", "%d/%m/%Y"]
        .iter()
        .find_map(|f| NaiveDate::parse_from_str(t, f).ok())
        .ok_or_else(|| {
            format!(
                "expected a date yyyy-mm-dd or dd-mm-yyyy, found {}",
                found(t)
            )
        })
}

/// A count such as pupils on roll.
pub fn count(text: &str) -> Result<u32, String> {
    let t = text.trim();
    t.parse::<u32>()
        .map_err(|_| format!("expected a whole number of 0 or more, found {}", found(t)))
}

/// yes/no (also true/false, 1/0, y/n).
pub fn yes_no(text: &str) -> Result<bool, String> {
    match text.trim().to_ascii_lowercase().as_str() {
        "yes" | "y" | "true" | "1" => Ok(true),
        "no" | "n" | "false" | "0" => Ok(false),
        _ => Err(format!("expected yes or no, found {}", found(text))),
    }
}

/// A finite decimal number (an indicator).
pub fn number(text: &str) -> Result<f64, String> {
    let t = text.trim();
    match t.parse::<f64>() {
        Ok(v) if v.is_finite() => Ok(v),
        _ => Err(format!(
            "expected a number such as 12.5, found {}",
            found(t)
        )),
    }
}

/// What the DfE writes for "no value": suppressed, not eligible, not published, not
/// applicable, new, low coverage, and the statistical symbols (`x`, `z`, `c`, `u`, `..`, `:`,
/// `-`). Empty and blank cells mean the same.
pub const NO_VALUE_MARKERS: [&str; 14] = [
    "SUPP", "SUPP!", "NE", "NP", "NA", "NEW", "LOWCOV", "x", "z", "c", "u", "..", ":", "-",
];

/// The marker a cell holds, if it holds one ("" for an empty or blank cell).
pub fn no_value_marker(text: &str) -> Option<&'static str> {
    let t = text.trim();
    if t.is_empty() {
        return Some("");
    }
    NO_VALUE_MARKERS
        .into_iter()
        .find(|m| m.eq_ignore_ascii_case(t))
}

/// A number as the DfE writes one: `66.2%`, `"43,187"`, `"£45,421"`, `-1.23`, ` 4 `.
pub fn dfe_number(text: &str) -> Result<f64, String> {
    let t = text.trim();
    let bare = t.strip_prefix('£').unwrap_or(t);
    let bare = bare.strip_suffix('%').unwrap_or(bare).trim();
    let bare: String = bare.chars().filter(|&c| c != ',').collect();
    match bare.parse::<f64>() {
        Ok(v) if v.is_finite() && !bare.is_empty() => Ok(v),
        _ => Err(format!(
            "expected a number (such as 12.5, 66.2% or \"43,187\") or a no-value marker ({}), found {}",
            NO_VALUE_MARKERS.join(" "),
            found(t)
        )),
    }
}

/// Empty text becomes None (after cleaning control characters).
pub fn optional_text(text: &str) -> Option<String> {
    let t = super::text::clean(text);
    (!t.is_empty()).then_some(t)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn urns_are_six_digits() {
        assert_eq!(urn(" 100001 "), Ok(100001));
        for bad in ["99999", "1000000", "10000a", "", "-10000", "+10000"] {
            assert!(urn(bad).is_err(), "{bad}");
        }
    }

    #[test]
    fn dates_in_both_orders() {
        let d = NaiveDate::from_ymd_opt(2024, 9, 1).unwrap();
        assert_eq!(date("2024-09-01"), Ok(d));
        assert_eq!(date("01-09-2024"), Ok(d));
        assert_eq!(date("01/09/2024"), Ok(d));
        assert!(date("2024-13-01").is_err());
    }

    #[test]
    fn dfe_numbers_and_markers() {
        assert_eq!(dfe_number("66.2%"), Ok(66.2));
        assert_eq!(dfe_number("43,187"), Ok(43187.0));
        assert_eq!(dfe_number("£45,421"), Ok(45421.0));
        assert_eq!(dfe_number(" -1.23 "), Ok(-1.23));
        assert!(dfe_number("n/a").is_err());
        assert!(dfe_number("%").is_err());
        assert_eq!(no_value_marker(" NA "), Some("NA"));
        assert_eq!(no_value_marker("-   "), Some("-"));
        assert_eq!(no_value_marker("SUPP!"), Some("SUPP!"));
        assert_eq!(no_value_marker("  "), Some(""));
        assert_eq!(no_value_marker("12"), None);
    }

    #[test]
    fn numbers_and_flags() {
        assert_eq!(number("-3.2"), Ok(-3.2));
        assert!(number("NaN").is_err());
        assert!(number("12%").is_err());
        assert_eq!(yes_no("Yes"), Ok(true));
        assert!(yes_no("maybe").is_err());
        assert_eq!(count("412"), Ok(412));
        assert!(count("4.5").is_err());
    }
}
