//! Academic terms: Autumn (Sep–Dec), Spring (Jan–Easter), Summer (Easter–Jul) of a
//! school year that runs September to August. Written `2025-26 autumn`, stored and used as
//! a folder name as `2025-26-autumn`.

use chrono::{Datelike, NaiveDate};
use std::fmt;
use std::str::FromStr;

#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub enum Season {
    Autumn = 0,
    Spring = 1,
    Summer = 2,
}

impl Season {
    pub fn key(self) -> &'static str {
        match self {
            Season::Autumn => "autumn",
            Season::Spring => "spring",
            Season::Summer => "summer",
        }
    }
    pub fn label(self) -> &'static str {
        match self {
            Season::Autumn => "Autumn",
            Season::Spring => "Spring",
            Season::Summer => "Summer",
        }
    }
}

/// One term. Ordered chronologically.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub struct Term {
    /// The calendar year in which the school year starts (2025 for 2025-26).
    pub year: u16,
    pub season: Season,
}

#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
#[error("`{0}` is not a term; expected e.g. `2025-26 autumn` or `2025-26-spring`")]
pub struct TermParseError(pub String);

impl Term {
    pub fn new(year: u16, season: Season) -> Term {
        Term { year, season }
    }

    /// The term a date falls in. Easter moves, so the spring/summer boundary is taken as
    /// 1 April (the summer term starts after the Easter holiday, which is close to it).
    pub fn containing(date: NaiveDate) -> Term {
        let y = date.year() as u16;
        match date.month() {
            9..=12 => Term::new(y, Season::Autumn),
            1..=3 => Term::new(y - 1, Season::Spring),
            _ => Term::new(y - 1, Season::Summer),
        }
    }

    /// A dense index (three a year) so differences count terms.
    pub fn ordinal(self) -> i32 {
        self.year as i32 * 3 + self.season as i32
    }

    pub fn from_ordinal(n: i32) -> Term {
        let season = match n.rem_euclid(3) {
            0 => Season::Autumn,
            1 => Season::Spring,
            _ => Season::Summer,
        };
        Term::new(n.div_euclid(3) as u16, season)
    }

    pub fn next(self) -> Term {
        Term::from_ordinal(self.ordinal() + 1)
    }

    pub fn prev(self) -> Term {
        Term::from_ordinal(self.ordinal() - 1)
    }

    /// Number of terms from `self` to `later` (0 when the same term).
    pub fn terms_until(self, later: Term) -> i32 {
        later.ordinal() - self.ordinal()
    }

    /// First day of the term (nominal).
    pub fn start_date(self) -> NaiveDate {
        let (y, m) = match self.season {
            Season::Autumn => (self.year as i32, 9),
            Season::Spring => (self.year as i32 + 1, 1),
            Season::Summer => (self.year as i32 + 1, 4),
        };
        NaiveDate::from_ymd_opt(y, m, 1).expect("valid date")
    }

    /// Last day of the term (nominal).
    pub fn end_date(self) -> NaiveDate {
        self.next().start_date().pred_opt().expect("valid date")
    }

    /// Folder and database form: `2025-26-autumn`.
    pub fn key(self) -> String {
        format!(
            "{}-{:02}-{}",
            self.year,
            (self.year + 1) % 100,
            self.season.key()
        )
    }

    /// Short human form for column headers: `Aut 25`.
    pub fn short(self) -> String {
        let y = match self.season {
            Season::Autumn => self.year,
            _ => self.year + 1,
        };
        format!("{} {:02}", &self.season.label()[..3], y % 100)
    }
}

impl fmt::Display for Term {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(
            f,
            "{}-{:02} {}",
            self.year,
            (self.year + 1) % 100,
            self.season.label()
        )
    }
}

impl FromStr for Term {
    type Err = TermParseError;
    fn from_str(s: &str) -> Result<Term, TermParseError> {
        let err = || TermParseError(s.to_string());
        let t = s.trim();
        let (years, season) = t
            .split_once([' ', '-', '_'])
            .and_then(|(a, rest)| {
                // `2025-26 autumn` / `2025-26-autumn`: the first separator is inside the years.
                let (b, season) = rest.split_once([' ', '-', '_'])?;
                Some((format!("{a}-{b}"), season.trim()))
            })
            .ok_or_else(err)?;
        let (start, end) = years.split_once('-').ok_or_else(err)?;
        let start: u16 = start.parse().map_err(|_| err())?;
        let end: u16 = end.parse().map_err(|_| err())?;
        if !(1900..=2999).contains(&start) || end != (start + 1) % 100 {
            return Err(err());
        }
        let season = match season.to_ascii_lowercase().as_str() {
            "autumn" | "aut" => Season::Autumn,
            "spring" | "spr" => Season::Spring,
            "summer" | "sum" => Season::Summer,
            _ => return Err(err()),
        };
        Ok(Term::new(start, season))
    }
}

impl serde::Serialize for Term {
    fn serialize<S: serde::Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
        s.serialize_str(&self.key())
    }
}

impl<'de> serde::Deserialize<'de> for Term {
    fn deserialize<D: serde::Deserializer<'de>>(d: D) -> Result<Term, D::Error> {
        let s = String::deserialize(d)?;
        s.parse().map_err(serde::de::Error::custom)
    }
}

/// A day as people type it: `2027-01-31`, `31/01/2027`, `31-01-2027`, `31.01.2027`,
/// `31 Jan 2027` or `31 January 2027`. Day first: this is a UK council's tool.
pub fn parse_day(text: &str) -> Option<NaiveDate> {
    let t = text.trim();
    const NUMERIC: [&str; 4] = ["%Y-%m-%d", "%d/%m/%Y", "%d-%m-%Y", "%d.%m.%Y"];
    const WORDS: [&str; 2] = ["%d %b %Y", "%d %B %Y"];
    // A four-digit year only: `%Y` alone would take `31/01/27` as the year 27.
    let year_ok = |d: &NaiveDate| (1000..=9999).contains(&d.year());
    NUMERIC
        .iter()
        .chain(WORDS.iter())
        .find_map(|f| NaiveDate::parse_from_str(t, f).ok())
        .filter(year_ok)
}

/// How `parse_day` wants a day, for messages.
pub const DAY_FORMATS: &str = "31/01/2027, 31-01-2027, 2027-01-31 or 31 Jan 2027";

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn parses_both_written_forms() {
        let t: Term = "2025-26 autumn".parse().unwrap();
        assert_eq!(t, Term::new(2025, Season::Autumn));
        assert_eq!(
            "2025-26-Spring".parse::<Term>().unwrap().season,
            Season::Spring
        );
        assert_eq!(t.key(), "2025-26-autumn");
        assert_eq!(t.to_string(), "2025-26 Autumn");
        assert_eq!(Term::new(2099, Season::Summer).key(), "2099-00-summer");
    }

    #[test]
    fn rejects_nonsense() {
        for bad in [
            "",
            "2025",
            "2025-27 autumn",
            "2025-26 winter",
            "abcd-ef autumn",
        ] {
            assert!(bad.parse::<Term>().is_err(), "{bad}");
        }
    }

    #[test]
    fn ordering_and_steps() {
        let a = Term::new(2025, Season::Summer);
        assert_eq!(a.next(), Term::new(2026, Season::Autumn));
        assert_eq!(a.next().prev(), a);
        assert!(Term::new(2025, Season::Autumn) < Term::new(2025, Season::Spring));
        assert_eq!(
            Term::new(2024, Season::Autumn).terms_until(Term::new(2025, Season::Spring)),
            4
        );
    }

    #[test]
    fn term_of_a_date() {
        let d = |y, m, dd| NaiveDate::from_ymd_opt(y, m, dd).unwrap();
        assert_eq!(
            Term::containing(d(2026, 11, 23)),
            Term::new(2026, Season::Autumn)
        );
        assert_eq!(
            Term::containing(d(2027, 2, 1)),
            Term::new(2026, Season::Spring)
        );
        assert_eq!(
            Term::containing(d(2027, 7, 20)),
            Term::new(2026, Season::Summer)
        );
        assert_eq!(Term::new(2026, Season::Spring).end_date(), d(2027, 3, 31));
    }
}
