//! A GIAS-shaped establishment extract ("Get Information About Schools"): about 130 quoted
//! columns, Windows-1252, `dd-mm-yyyy` dates, several local authorities and some closed
//! establishments. The borough's own schools come first; other authorities fill the rest.

use super::borough::date;
pub use super::gias_columns::GIAS_COLUMNS;
use super::names;
use super::Borough;
use crate::model::{is_maintained_type, Phase};
use chrono::{Duration, NaiveDate};
use rand::rngs::SmallRng;
use rand::seq::IndexedRandom;
use rand::{Rng, SeedableRng};
use std::io::{self, BufWriter, Write};
use std::path::Path;

/// Other invented authorities that fill the extract beyond the borough.
const OTHER_LAS: &[(&str, &str, &str)] = &[
    ("998", "Hartsmere", "HQ"),
    ("997", "Upper Calderwick", "CQ"),
    ("996", "Fennbridge", "FQ"),
    ("995", "Saltmarsh and Dene", "SQ"),
    ("994", "Kingsford Vale", "KQ"),
    ("993", "Otterbury", "OQ"),
];

/// Names with accents and curly apostrophes, to exercise Windows-1252 decoding.
const ACCENTED: &[&str] = &[
    "St Bénédicte’s Catholic Primary School",
    "Notre Dame de Clémence High School",
    "St Elowen’s Church of England Infant School",
    "Les Prés Verts Nursery School",
    "St Céleste’s Catholic Academy",
];

const ACCENTED_FIRST: &[&str] = &["Renée", "Zoé", "Anaïs", "Hélène", "José"];

/// One establishment as the extract describes it.
pub(crate) struct Establishment {
    pub urn: u32,
    pub la_code: String,
    pub la_name: String,
    pub number: u32,
    pub name: String,
    pub type_name: String,
    pub phase: Phase,
    pub open: bool,
    pub opened: NaiveDate,
    pub closed: Option<NaiveDate>,
    pub pupils: Option<u32>,
    pub head: (String, String, String),
    pub street: String,
    pub town: String,
    pub postcode: String,
    pub last_inspection: Option<NaiveDate>,
}

/// The borough's schools `own` (by index, all open) then `extras` invented establishments:
/// a few closed ones of the borough itself, the rest from other authorities.
pub(crate) fn establishments(b: &Borough, own: &[usize], extras: usize) -> Vec<Establishment> {
    let mut rng = SmallRng::seed_from_u64(b.seed ^ 0x6149_6173);
    let mut out: Vec<Establishment> = own
        .iter()
        .map(|&i| {
            let s = &b.schools[i];
            Establishment {
                urn: s.school.urn,
                la_code: b.la_code.clone(),
                la_name: b.la_name.clone(),
                number: 2000 + i as u32,
                name: s.school.name.clone(),
                type_name: s.school.establishment_type.clone(),
                phase: s.school.phase,
                open: true,
                opened: s.extra.opened,
                closed: None,
                pupils: s.school.pupils,
                head: (
                    s.extra.head_title.clone(),
                    s.extra.head_first.clone(),
                    s.extra.head_last.clone(),
                ),
                street: s.extra.street.clone(),
                town: s.extra.town.clone(),
                postcode: s.extra.postcode.clone(),
                last_inspection: s.inspections.last().map(|i| i.date),
            }
        })
        .collect();
    // Invented URNs well clear of the borough's range.
    let mut urn = 500_000u32;
    for j in 0..extras {
        urn += rng.random_range(1..=9);
        let number = 3001 + j as u32;
        // Ten closed establishments of the borough itself, early in the list.
        let own_la = j % 10 == 0 && j < 100;
        let (la_code, la_name, area) = if own_la {
            (b.la_code.as_str(), b.la_name.as_str(), "WQ")
        } else {
            *OTHER_LAS.choose(&mut rng).expect("non-empty")
        };
        let phase = *[
            Phase::Primary,
            Phase::Primary,
            Phase::Primary,
            Phase::Primary,
            Phase::Secondary,
            Phase::Special,
            Phase::Nursery,
            Phase::AlternativeProvision,
        ]
        .choose(&mut rng)
        .expect("non-empty");
        let type_name = match phase {
            Phase::Special => "Community special school",
            Phase::Nursery => "Local authority nursery school",
            Phase::AlternativeProvision => "Pupil referral unit",
            _ => *[
                "Community school",
                "Academy converter",
                "Voluntary aided school",
                "Academy sponsor led",
            ]
            .choose(&mut rng)
            .expect("non-empty"),
        };
        let name = if rng.random_bool(0.03) {
            ACCENTED.choose(&mut rng).expect("non-empty").to_string()
        } else {
            format!(
                "{} {}",
                names::place(&mut rng),
                names::school_kind(&mut rng, phase, type_name)
            )
        };
        let mut head = names::person(&mut rng);
        if rng.random_bool(0.03) {
            head.1 = ACCENTED_FIRST
                .choose(&mut rng)
                .expect("non-empty")
                .to_string();
        }
        let open = !own_la && !rng.random_bool(0.08);
        let opened = date(1950, 9, 1) + Duration::days(rng.random_range(0..365 * 70));
        let closed =
            (!open).then(|| date(2012, 1, 1) + Duration::days(rng.random_range(0..365 * 12)));
        out.push(Establishment {
            urn,
            la_code: la_code.to_string(),
            la_name: la_name.to_string(),
            number,
            name,
            type_name: type_name.to_string(),
            phase,
            open,
            opened,
            closed,
            pupils: open.then(|| rng.random_range(40..1500)),
            head,
            street: names::street(&mut rng),
            town: la_name.to_string(),
            postcode: names::postcode(&mut rng, area),
            last_inspection: open
                .then(|| date(2016, 1, 1) + Duration::days(rng.random_range(0..365 * 10))),
        });
    }
    out
}

fn dmy(d: NaiveDate) -> String {
    d.format("%d-%m-%Y").to_string()
}

fn phase_name(p: Phase) -> (&'static str, &'static str) {
    match p {
        Phase::Nursery => ("1", "Nursery"),
        Phase::Primary => ("2", "Primary"),
        Phase::Secondary => ("4", "Secondary"),
        Phase::AllThrough => ("7", "All-through"),
        Phase::Special | Phase::AlternativeProvision => ("0", "Not applicable"),
    }
}

fn type_code(t: &str) -> (&'static str, &'static str, &'static str) {
    // (type code, group code, group name)
    match t {
        "Community school" => ("1", "4", "Local authority maintained schools"),
        "Voluntary aided school" => ("2", "4", "Local authority maintained schools"),
        "Voluntary controlled school" => ("3", "4", "Local authority maintained schools"),
        "Foundation school" => ("5", "4", "Local authority maintained schools"),
        "Community special school" => ("7", "5", "Special schools"),
        "Pupil referral unit" => ("10", "4", "Local authority maintained schools"),
        "Local authority nursery school" => ("15", "4", "Local authority maintained schools"),
        "Academy sponsor led" => ("28", "10", "Academies"),
        "Academy special converter" => ("33", "10", "Academies"),
        "Academy converter" => ("34", "10", "Academies"),
        "Free schools" => ("35", "11", "Free Schools"),
        "Free schools special" => ("36", "11", "Free Schools"),
        "Academy alternative provision converter" => ("42", "10", "Academies"),
        _ => ("99", "9", "Other types"),
    }
}

/// The value of one column for one establishment.
fn field(col: &str, e: &Establishment, out: &mut String) {
    use std::fmt::Write as _;
    let academy = !is_maintained_type(&e.type_name);
    let (ph_code, ph_name) = phase_name(e.phase);
    let (t_code, g_code, g_name) = type_code(&e.type_name);
    let none = "Not applicable";
    let _ = match col {
        "URN" => write!(out, "{}", e.urn),
        "LA (code)" => write!(out, "{}", e.la_code),
        "LA (name)" => write!(out, "{}", e.la_name),
        "EstablishmentNumber" => write!(out, "{}", e.number),
        "EstablishmentName" => write!(out, "{}", e.name),
        "TypeOfEstablishment (code)" => write!(out, "{t_code}"),
        "TypeOfEstablishment (name)" => write!(out, "{}", e.type_name),
        "EstablishmentTypeGroup (code)" => write!(out, "{g_code}"),
        "EstablishmentTypeGroup (name)" => write!(out, "{g_name}"),
        "EstablishmentStatus (code)" => write!(out, "{}", if e.open { 1 } else { 2 }),
        "EstablishmentStatus (name)" => write!(out, "{}", if e.open { "Open" } else { "Closed" }),
        "ReasonEstablishmentOpened (name)" => write!(
            out,
            "{}",
            if academy {
                "Academy Converter"
            } else {
                "Not applicable"
            }
        ),
        "ReasonEstablishmentOpened (code)" => write!(out, "{}", if academy { 10 } else { 0 }),
        "OpenDate" => write!(out, "{}", dmy(e.opened)),
        "ReasonEstablishmentClosed (code)" => write!(out, "{}", if e.open { 0 } else { 10 }),
        "ReasonEstablishmentClosed (name)" => {
            write!(out, "{}", if e.open { none } else { "Academy Converter" })
        }
        "CloseDate" => write!(out, "{}", e.closed.map(dmy).unwrap_or_default()),
        "PhaseOfEducation (code)" => write!(out, "{ph_code}"),
        "PhaseOfEducation (name)" => write!(out, "{ph_name}"),
        "StatutoryLowAge" => write!(out, "{}", if e.phase == Phase::Secondary { 11 } else { 3 }),
        "StatutoryHighAge" => write!(out, "{}", if e.phase == Phase::Primary { 11 } else { 16 }),
        "Boarders (name)" | "BoardingEstablishment (name)" => write!(out, "No boarders"),
        "NurseryProvision (name)" => write!(out, "No Nursery Classes"),
        "OfficialSixthForm (name)" => write!(out, "Does not have a sixth form"),
        "Gender (name)" => write!(out, "Mixed"),
        "ReligiousCharacter (name)" | "ReligiousEthos (name)" => write!(out, "Does not apply"),
        "Diocese (name)" | "FurtherEducationType (name)" | "SchoolSponsorFlag (name)" => {
            write!(out, "{none}")
        }
        "AdmissionsPolicy (name)" => write!(out, "Not applicable"),
        "SpecialClasses (name)" => write!(out, "No Special Classes"),
        "CensusDate" => write!(out, "16-01-2025"),
        "NumberOfPupils" | "SchoolCapacity" | "SENNoStat" | "FSM" => match e.pupils {
            Some(p) if col == "SchoolCapacity" => write!(out, "{}", p + p / 8),
            Some(p) if col == "SENNoStat" => write!(out, "{}", p / 7),
            Some(p) if col == "FSM" => write!(out, "{}", p / 4),
            Some(p) => write!(out, "{p}"),
            None => Ok(()),
        },
        "NumberOfBoys" => write!(
            out,
            "{}",
            e.pupils.map(|p| (p / 2).to_string()).unwrap_or_default()
        ),
        "NumberOfGirls" => write!(
            out,
            "{}",
            e.pupils
                .map(|p| (p - p / 2).to_string())
                .unwrap_or_default()
        ),
        "PercentageFSM" => write!(out, "{}", if e.pupils.is_some() { "24.6" } else { "" }),
        "TrustSchoolFlag (name)" => write!(
            out,
            "{}",
            if academy {
                "Supported by a multi-academy trust"
            } else {
                "Not applicable"
            }
        ),
        "Trusts (name)" if academy => write!(out, "{} Learning Trust", e.la_name),
        "FederationFlag (name)" => write!(out, "Not under a federation"),
        "OfstedLastInsp" | "DateOfLastInspectionVisit" => {
            write!(out, "{}", e.last_inspection.map(dmy).unwrap_or_default())
        }
        "OfstedSpecialMeasures (name)" => write!(out, "Not applicable"),
        "LastChangedDate" => write!(out, "02-09-2026"),
        "Street" => write!(out, "{}", e.street),
        "Town" => write!(out, "{}", e.town),
        "County (name)" => write!(out, "Not recorded"),
        "Postcode" => write!(out, "{}", e.postcode),
        "SchoolWebsite" => write!(
            out,
            "www.{}.sch.example",
            e.name
                .to_ascii_lowercase()
                .replace(|c: char| !c.is_ascii_alphanumeric(), "")
        ),
        "TelephoneNum" => write!(out, "0{}{:06}", 1000 + e.number % 900, e.urn % 1_000_000),
        "HeadTitle (name)" => write!(out, "{}", e.head.0),
        "HeadFirstName" => write!(out, "{}", e.head.1),
        "HeadLastName" => write!(out, "{}", e.head.2),
        "HeadPreferredJobTitle" => write!(out, "Headteacher"),
        "InspectorateName (name)" => write!(out, "Ofsted"),
        "TeenMoth (name)"
        | "CCF (name)"
        | "EBD (name)"
        | "FTProv (name)"
        | "EdByOther (name)"
        | "SENPRU (name)"
        | "Section41Approved (name)"
        | "TypeOfResourcedProvision (name)" => {
            write!(out, "{none}")
        }
        "GOR (code)" => write!(out, "J"),
        "GOR (name)" | "RSCRegion (name)" => write!(out, "South East"),
        "DistrictAdministrative (name)" | "ParliamentaryConstituency (name)" => {
            write!(out, "{}", e.la_name)
        }
        "AdministrativeWard (name)" => write!(out, "{} Central", e.town),
        "UrbanRural (name)" => write!(out, "(England/Wales) Urban city and town"),
        "GSSLACode (name)" => write!(
            out,
            "E0{}",
            6_000_000 + e.la_code.parse::<u32>().unwrap_or(0)
        ),
        "Easting" => write!(out, "{}", 400_000 + e.urn % 90_000),
        "Northing" => write!(out, "{}", 100_000 + (e.urn * 7) % 90_000),
        "MSOA (name)" => write!(out, "{} {:03}", e.la_name, e.number % 40),
        "LSOA (name)" => write!(
            out,
            "{} {:03}{}",
            e.la_name,
            e.number % 40,
            ['A', 'B', 'C', 'D'][e.urn as usize % 4]
        ),
        "OfstedRating (name)" => write!(
            out,
            "{}",
            if e.last_inspection.is_some() {
                "Good"
            } else {
                ""
            }
        ),
        "Country (name)" => write!(out, "United Kingdom"),
        "UPRN" => write!(out, "{}", 10_000_000_000u64 + e.urn as u64 * 13),
        "MSOA (code)" => write!(out, "E0{}", 2_000_000 + e.number),
        "LSOA (code)" => write!(out, "E0{}", 1_000_000 + e.urn % 999_999),
        _ => Ok(()),
    };
}

/// Write `rows` establishments to `path` as a Windows-1252 GIAS extract.
pub fn write_gias(path: &Path, b: &Borough, rows: usize) -> io::Result<()> {
    let own: Vec<usize> = (0..rows.min(b.schools.len())).collect();
    write_establishments(path, &establishments(b, &own, rows - own.len()))
}

pub(crate) fn write_establishments(path: &Path, list: &[Establishment]) -> io::Result<()> {
    let mut file = BufWriter::with_capacity(1 << 16, crate::files::PrivateFile::create(path)?);
    let builder = {
        let mut b = csv::WriterBuilder::new();
        b.quote_style(csv::QuoteStyle::Always)
            .terminator(csv::Terminator::CRLF);
        b
    };
    let mut value = String::new();
    let mut write_chunk = |header: bool, chunk: &[Establishment]| -> io::Result<()> {
        let mut w = builder.from_writer(Vec::with_capacity(1 << 20));
        if header {
            w.write_record(GIAS_COLUMNS)?;
        }
        for e in chunk {
            for col in GIAS_COLUMNS {
                value.clear();
                field(col, e, &mut value);
                w.write_field(&value)?;
            }
            w.write_record(None::<&[u8]>)?;
        }
        let utf8 = w.into_inner().map_err(|e| e.into_error())?;
        let text = std::str::from_utf8(&utf8).map_err(io::Error::other)?;
        let (bytes, _, _) = encoding_rs::WINDOWS_1252.encode(text);
        file.write_all(&bytes)
    };
    write_chunk(true, &[])?;
    for chunk in list.chunks(512) {
        write_chunk(false, chunk)?;
    }
    file.into_inner().map_err(|e| e.into_error())?.commit()
}
