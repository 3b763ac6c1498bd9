//! The GIAS establishment extract: matched by column name in any order, Windows-1252,
//! dd-mm-yyyy dates, one LA kept, closed establishments skipped unless asked for.

use termly::ingest::register::{read, RegisterFilter, RegisterFormat};
use termly::model::Phase;

const HEADER: [&str; 24] = [
    "LA (name)",
    "EstablishmentNumber",
    "EstablishmentName",
    "TypeOfEstablishment (code)",
    "URN",
    "Street",
    "HeadFirstName",
    "TypeOfEstablishment (name)",
    "EstablishmentStatus (code)",
    "EstablishmentStatus (name)",
    "OpenDate",
    "LA (code)",
    "CloseDate",
    "PhaseOfEducation (code)",
    "PhaseOfEducation (name)",
    "Town",
    "HeadTitle (name)",
    "NumberOfPupils",
    "HeadLastName",
    "Postcode",
    "StatutoryLowAge",
    "StatutoryHighAge",
    "Gender (name)",
    "ReligiousCharacter (name)",
];

struct Est<'a> {
    urn: &'a str,
    name: &'a str,
    la: &'a str,
    kind: &'a str,
    phase: &'a str,
    status: &'a str,
    close: &'a str,
    pupils: &'a str,
}

fn row(e: &Est) -> String {
    let value = |h: &str| -> String {
        match h {
            "LA (name)" => if e.la == "999" {
                "Wrenfield"
            } else {
                "Elsewhere"
            }
            .into(),
            "EstablishmentNumber" => "2001".into(),
            "EstablishmentName" => e.name.into(),
            "URN" => e.urn.into(),
            "Street" => "1 Example Road, Upper Town".into(),
            "HeadFirstName" => "Ada".into(),
            "TypeOfEstablishment (name)" => e.kind.into(),
            "EstablishmentStatus (name)" => e.status.into(),
            "OpenDate" => "01-09-1975".into(),
            "LA (code)" => e.la.into(),
            "CloseDate" => e.close.into(),
            "PhaseOfEducation (name)" => e.phase.into(),
            "HeadTitle (name)" => "Ms".into(),
            "NumberOfPupils" => e.pupils.into(),
            "HeadLastName" => "Example".into(),
            "Gender (name)" => "Mixed".into(),
            _ => "".into(),
        }
    };
    HEADER
        .iter()
        .map(|h| format!("\"{}\"", value(h).replace('"', "\"\"")))
        .collect::<Vec<_>>()
        .join(",")
}

fn extract() -> Vec<u8> {
    let rows = [
        Est {
            urn: "100001",
            name: "Fierté Academy",
            la: "999",
            kind: "Academy converter",
            phase: "Secondary",
            status: "Open",
            close: "",
            pupils: "1011",
        },
        Est {
            urn: "100002",
            name: "St Mary’s Church of England \"Voluntary\" Primary",
            la: "999",
            kind: "Voluntary aided school",
            phase: "Primary",
            status: "Open",
            close: "",
            pupils: "",
        },
        Est {
            urn: "100003",
            name: "Old Mill Primary",
            la: "999",
            kind: "Community school",
            phase: "Primary",
            status: "Closed",
            close: "31-08-2020",
            pupils: "",
        },
        Est {
            urn: "100004",
            name: "Far Away Primary",
            la: "888",
            kind: "Community school",
            phase: "Primary",
            status: "Open",
            close: "",
            pupils: "200",
        },
        Est {
            urn: "100005",
            name: "Wrenfield Pupil Referral Unit",
            la: "999",
            kind: "Pupil referral unit",
            phase: "Not applicable",
            status: "Open",
            close: "",
            pupils: "40",
        },
        Est {
            urn: "100006",
            name: "Little Wrens Nursery",
            la: "999",
            kind: "Local authority nursery school",
            phase: "Not applicable",
            status: "Open, but proposed to close",
            close: "",
            pupils: "60",
        },
        Est {
            urn: "100007",
            name: "Wrenfield College",
            la: "999",
            kind: "Further education",
            phase: "Not applicable",
            status: "Open",
            close: "",
            pupils: "",
        },
        Est {
            urn: "100008",
            name: "Hillside Special",
            la: "999",
            kind: "Community special school",
            phase: "Not applicable",
            status: "Open",
            close: "",
            pupils: "120",
        },
    ];
    let mut text = HEADER
        .iter()
        .map(|h| format!("\"{h}\""))
        .collect::<Vec<_>>()
        .join(",");
    text.push_str("\r\n");
    for r in &rows {
        text.push_str(&row(r));
        text.push_str("\r\n");
    }
    let (bytes, _, unmappable) = encoding_rs::WINDOWS_1252.encode(&text);
    assert!(!unmappable);
    assert!(std::str::from_utf8(&bytes).is_err(), "really Windows-1252");
    bytes.into_owned()
}

fn filter(la: Option<&str>, include_closed: bool) -> RegisterFilter {
    RegisterFilter {
        la: la.map(str::to_string),
        include_closed,
        ..RegisterFilter::default()
    }
}

#[test]
fn one_la_open_only() {
    let r = read("edubase.csv", &extract(), &filter(Some("999"), false)).unwrap();
    assert_eq!(r.format, RegisterFormat::Gias);
    let urns: Vec<u32> = r.schools.iter().map(|s| s.urn).collect();
    assert_eq!(urns, vec![100001, 100002, 100005, 100006, 100008]);
    assert_eq!(
        (
            r.skipped("closed"),
            r.skipped("in other authorities"),
            r.skipped("colleges")
        ),
        (1, 1, 1)
    );

    assert_eq!(
        r.note().as_deref(),
        Some(
            "GIAS extract, LA 999: 5 schools kept of 8 rows \
             (3 skipped: 1 in other authorities, 1 closed, 1 colleges)"
        )
    );

    let fierte = &r.schools[0];
    assert_eq!(fierte.name, "Fierté Academy");
    assert_eq!(fierte.phase, Phase::Secondary);
    assert!(!fierte.maintained);
    assert_eq!(fierte.pupils, Some(1011));
    assert_eq!(fierte.headteacher.as_deref(), Some("Ms Ada Example"));
    assert_eq!(fierte.la_code.as_deref(), Some("999"));

    let st_marys = &r.schools[1];
    assert_eq!(
        st_marys.name,
        "St Mary’s Church of England \"Voluntary\" Primary"
    );
    assert!(st_marys.maintained);
    assert_eq!(st_marys.pupils, None);

    assert_eq!(r.schools[2].phase, Phase::AlternativeProvision);
    assert_eq!(r.schools[3].phase, Phase::Nursery);
    assert_eq!(r.schools[4].phase, Phase::Special);
}

#[test]
fn closed_included_on_request_and_all_las_without_filter() {
    let r = read("edubase.csv", &extract(), &filter(Some("999"), true)).unwrap();
    assert!(r.schools.iter().any(|s| s.urn == 100003));
    let r = read("edubase.csv", &extract(), &filter(None, false)).unwrap();
    assert!(r.schools.iter().any(|s| s.urn == 100004));
    assert!(!r.schools.iter().any(|s| s.urn == 100003));
}

#[test]
fn bad_dates_and_urns_name_the_gias_column() {
    let mut text = String::from_utf8_lossy(&extract()).to_string();
    text = text.replace("\"01-09-1975\"", "\"1975/09/01\"");
    text = text.replacen("\"100002\"", "\"10002\"", 1);
    let e = read("edubase.csv", text.as_bytes(), &filter(Some("999"), false)).unwrap_err();
    let first = e[0].to_string();
    assert_eq!(
        first,
        "edubase.csv:2:11 (OpenDate): expected a date dd-mm-yyyy, found \"1975/09/01\""
    );
    assert!(
        e.iter().any(|p| p
            .to_string()
            .starts_with("edubase.csv:3:5 (URN): expected a 6-digit URN")),
        "{e:#?}"
    );
}

#[test]
fn la_filter_needs_the_la_column() {
    let text = "\"URN\",\"EstablishmentName\",\"TypeOfEstablishment (name)\",\"PhaseOfEducation (name)\"\n\"100001\",\"A\",\"Community school\",\"Primary\"\n";
    let e = read("g.csv", text.as_bytes(), &filter(Some("999"), false)).unwrap_err();
    assert!(e[0]
        .to_string()
        .contains("missing required column `LA (code)`"));
    let r = read("g.csv", text.as_bytes(), &filter(None, false)).unwrap();
    assert_eq!(r.schools.len(), 1);
}
