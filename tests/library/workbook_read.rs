//! Reading workbooks: every cell kind as Excel holds it, title rows, both date systems, error
//! cells refused at their sheet and cell, sheet choice, and a workbook term that gives the
//! same scores as its CSV twin.

use rust_xlsxwriter::{Format, Formula, Workbook, Worksheet};
use std::collections::HashSet;
use std::io::{Read, Write};
use std::path::Path;
use termly::config::Config;
use termly::demo::{self, DemoOptions};
use termly::ingest::input::Input;
use termly::ingest::{
    parse_all, register, scores, support, ImportOptions, Problem, RegisterFilter,
};

fn config() -> Config {
    Config::default_with_base(Path::new("config")).unwrap()
}

/// Save `book` under `dir` as `name` and give its bytes.
fn save(book: &mut Workbook) -> Vec<u8> {
    book.save_to_buffer().unwrap()
}

fn read_scores(
    name: &str,
    bytes: &[u8],
    sheet: Option<&str>,
) -> Result<Vec<scores::ScoreRow>, Vec<Problem>> {
    let input = Input::from_bytes(name, bytes).with_sheet(sheet.map(str::to_string));
    scores::read_input(input, &config().scale, None).map(|(rows, _)| rows)
}

fn messages(problems: &[Problem]) -> Vec<String> {
    problems.iter().map(|p| p.to_string()).collect()
}

/// A team's sheet as a team keeps it: a title and a note above the header, the URN as a
/// number in one row and as text in another, a formula score, a percentage indicator.
fn team_sheet(sheet: &mut Worksheet) {
    let percent = Format::new().set_num_format("0.0%");
    sheet
        .write_string(0, 0, "Attendance team — autumn ratings")
        .unwrap();
    sheet
        .write_string(1, 0, "Draft: agreed at the team meeting")
        .unwrap();
    for (c, h) in ["URN", "Score", "Comment", "persistent_absence_pct"]
        .iter()
        .enumerate()
    {
        sheet.write_string(3, c as u16, *h).unwrap();
    }
    sheet.write_number(4, 0, 100001.0).unwrap();
    sheet.write_number(4, 1, 3.0).unwrap();
    sheet.write_string(4, 2, "rising, PA 24%").unwrap();
    sheet
        .write_number_with_format(4, 3, 0.241, &percent)
        .unwrap();
    sheet.write_string(5, 0, "100002").unwrap();
    sheet
        .write_formula(5, 1, Formula::new("=1+1").set_result("2"))
        .unwrap();
    sheet.write_number(5, 3, 11.5).unwrap();
    // Formatted but empty cells below and to the right widen the used range, nothing more.
    let fill = Format::new().set_background_color(0xFFFF00);
    sheet.write_blank(20, 0, &fill).unwrap();
    sheet.write_blank(4, 12, &fill).unwrap();
}

#[test]
fn every_cell_kind_and_the_title_rows() {
    let mut book = Workbook::new();
    team_sheet(book.add_worksheet().set_name("Autumn").unwrap());
    let rows = read_scores("attendance.xlsx", &save(&mut book), None).unwrap();
    assert_eq!(
        rows.len(),
        2,
        "title, note and empty formatted rows are not rows"
    );
    assert_eq!(rows[0].urn, 100001);
    assert_eq!(rows[0].score, Some(3));
    assert_eq!(rows[0].comment, "rising, PA 24%");
    assert_eq!(
        rows[0].indicators,
        vec![("persistent_absence_pct".to_string(), 24.1)],
        "a percentage reads as it shows"
    );
    assert_eq!(rows[1].urn, 100002, "a URN kept as text is the same URN");
    assert_eq!(
        rows[1].score,
        Some(2),
        "a formula counts as its cached value"
    );
    assert_eq!(
        rows[1].indicators[0],
        ("persistent_absence_pct".to_string(), 11.5)
    );
}

#[test]
fn booleans_numbers_and_text_in_a_register() {
    let mut book = Workbook::new();
    let sheet = book.add_worksheet().set_name("Schools").unwrap();
    let headers = [
        "urn",
        "name",
        "phase",
        "establishment_type",
        "pupils",
        "maintained",
    ];
    for (c, h) in headers.iter().enumerate() {
        sheet.write_string(0, c as u16, *h).unwrap();
    }
    sheet.write_number(1, 0, 100001.0).unwrap();
    sheet.write_string(1, 1, "Alder Primary").unwrap();
    sheet.write_string(1, 2, "primary").unwrap();
    sheet.write_string(1, 3, "Academy converter").unwrap();
    sheet.write_number(1, 4, 412.0).unwrap();
    sheet.write_boolean(1, 5, true).unwrap();
    sheet.write_string(2, 0, "100002").unwrap();
    sheet.write_string(2, 1, "Birch Secondary").unwrap();
    sheet.write_string(2, 2, "secondary").unwrap();
    sheet.write_string(2, 3, "Community school").unwrap();
    sheet.write_boolean(2, 5, false).unwrap();
    let reg = register::read(
        "register.xlsx",
        &save(&mut book),
        &RegisterFilter::default(),
    )
    .unwrap_or_else(|e| panic!("{}", messages(&e).join("\n")));
    let schools = &reg.schools;
    assert_eq!(
        (schools[0].urn, schools[0].pupils, schools[0].maintained),
        (100001, Some(412), true)
    );
    assert_eq!(
        (schools[1].urn, schools[1].pupils, schools[1].maintained),
        (100002, None, false)
    );
}

#[test]
fn each_error_cell_is_refused_at_its_sheet_and_cell() {
    let mut book = Workbook::new();
    let sheet = book.add_worksheet().set_name("Autumn").unwrap();
    sheet.write_string(0, 0, "Ratings").unwrap();
    for (c, h) in ["urn", "comment", "score"].iter().enumerate() {
        sheet.write_string(2, c as u16, *h).unwrap();
    }
    for (i, error) in ["#N/A", "#DIV/0!", "#REF!"].iter().enumerate() {
        let r = 3 + i as u32;
        sheet.write_number(r, 0, 100001.0 + i as f64).unwrap();
        let f = Formula::new("=VLOOKUP(A4,Z:Z,2,0)").set_result(*error);
        sheet.write_formula(r, 2, f).unwrap();
    }
    sheet.write_number(6, 0, 100009.0).unwrap();
    sheet.write_number(6, 2, 2.0).unwrap();
    let e = read_scores("attendance.xlsx", &save(&mut book), None).unwrap_err();
    assert_eq!(
        messages(&e),
        [
            "attendance.xlsx [Autumn] C4: #N/A where a score was expected",
            "attendance.xlsx [Autumn] C5: #DIV/0! where a score was expected",
            "attendance.xlsx [Autumn] C6: #REF! where a score was expected",
        ]
    );
}

#[test]
fn other_problems_name_the_sheet_and_cell_too() {
    let mut book = Workbook::new();
    let sheet = book.add_worksheet().set_name("hr").unwrap();
    sheet.write_string(1, 1, "urn").unwrap();
    sheet.write_string(1, 2, "score").unwrap();
    sheet.write_number(2, 1, 100001.0).unwrap();
    sheet.write_number(2, 2, 7.0).unwrap();
    sheet.write_number(3, 1, 12.0).unwrap();
    sheet.write_number(3, 2, 1.0).unwrap();
    sheet.write_number(4, 1, 100003.0).unwrap();
    sheet.write_number(4, 2, 1.0).unwrap();
    sheet.write_number(4, 5, 9.0).unwrap();
    let e = read_scores("hr.xlsx", &save(&mut book), None).unwrap_err();
    let text = messages(&e);
    assert_eq!(text.len(), 3, "{text:#?}");
    assert!(
        text[0].starts_with("hr.xlsx [hr] C3 (score): expected a whole number from 1 to 4"),
        "{text:#?}"
    );
    assert!(
        text[1].starts_with("hr.xlsx [hr] B4 (urn): expected a 6-digit URN"),
        "{text:#?}"
    );
    assert_eq!(
        text[2],
        "hr.xlsx [hr] F5: a value outside the header's columns"
    );
}

#[test]
fn no_urn_column_and_duplicate_headers_are_named() {
    let mut book = Workbook::new();
    let sheet = book.add_worksheet().set_name("S").unwrap();
    sheet.write_string(0, 0, "school").unwrap();
    sheet.write_string(0, 1, "score").unwrap();
    let e = read_scores("a.xlsx", &save(&mut book), None).unwrap_err();
    assert_eq!(
        messages(&e),
        ["a.xlsx [S]: no row holds a `urn` column: the header row must name it"]
    );
    let mut book = Workbook::new();
    let sheet = book.add_worksheet().set_name("S").unwrap();
    sheet.write_string(2, 0, "urn").unwrap();
    sheet.write_string(2, 1, "score").unwrap();
    sheet.write_string(2, 2, "Score").unwrap();
    sheet.write_number(3, 0, 100001.0).unwrap();
    let e = read_scores("a.xlsx", &save(&mut book), None).unwrap_err();
    assert_eq!(
        messages(&e),
        ["a.xlsx [S] C3 (Score): column `Score` appears twice (columns 2 and 3)"]
    );
}

#[test]
fn the_first_visible_sheet_or_the_one_named() {
    let mut book = Workbook::new();
    let hidden = book.add_worksheet().set_name("Lookups").unwrap();
    hidden.write_string(0, 0, "nothing here").unwrap();
    hidden.set_hidden(true);
    let autumn = book.add_worksheet().set_name("Autumn").unwrap();
    autumn.set_active(true);
    autumn.write_string(0, 0, "urn").unwrap();
    autumn.write_string(0, 1, "score").unwrap();
    autumn.write_number(1, 0, 100001.0).unwrap();
    autumn.write_number(1, 1, 1.0).unwrap();
    let spring = book.add_worksheet().set_name("Spring").unwrap();
    spring.write_string(0, 0, "urn").unwrap();
    spring.write_string(0, 1, "score").unwrap();
    spring.write_number(1, 0, 100001.0).unwrap();
    spring.write_number(1, 1, 4.0).unwrap();
    let bytes = save(&mut book);
    let first = read_scores("a.xlsx", &bytes, None).unwrap();
    assert_eq!(first[0].score, Some(1), "hidden sheets are passed over");
    let named = read_scores("a.xlsx", &bytes, Some("spring")).unwrap();
    assert_eq!(named[0].score, Some(4));
    let e = read_scores("a.xlsx", &bytes, Some("Summer")).unwrap_err();
    assert_eq!(
        messages(&e),
        ["a.xlsx: no sheet called \"Summer\"; the workbook has: Autumn, Spring"]
    );
}

/// A support sheet whose `since` is a serial date (1 September 2024 in the 1900 system).
fn support_book() -> Vec<u8> {
    let mut book = Workbook::new();
    let sheet = book.add_worksheet().set_name("Support").unwrap();
    let date = Format::new().set_num_format("dd/mm/yyyy");
    for (c, h) in ["urn", "category", "since", "sip"].iter().enumerate() {
        sheet.write_string(0, c as u16, *h).unwrap();
    }
    sheet.write_number(1, 0, 100001.0).unwrap();
    sheet.write_string(1, 1, "Enhanced").unwrap();
    sheet
        .write_number_with_format(1, 2, 45536.0, &date)
        .unwrap();
    sheet.write_string(1, 3, "A. Adviser").unwrap();
    save(&mut book)
}

/// The same workbook switched to the 1904 date system, every serial moved by 1462 days so
/// it still shows the same date (what Excel for Mac wrote for years).
fn to_1904(bytes: &[u8]) -> Vec<u8> {
    let mut zip = zip::ZipArchive::new(std::io::Cursor::new(bytes)).unwrap();
    let mut out = zip::ZipWriter::new(std::io::Cursor::new(Vec::new()));
    for i in 0..zip.len() {
        let mut part = zip.by_index(i).unwrap();
        let name = part.name().unwrap().to_string();
        let mut text = String::new();
        part.read_to_string(&mut text).unwrap();
        if name == "xl/workbook.xml" {
            text = text.replacen("<workbookPr", "<workbookPr date1904=\"1\"", 1);
        }
        if name.starts_with("xl/worksheets/") {
            text = text.replace("<v>45536</v>", &format!("<v>{}</v>", 45536 - 1462));
        }
        let options = zip::write::SimpleFileOptions::default()
            .compression_method(zip::CompressionMethod::Stored);
        out.start_file(name, options).unwrap();
        out.write_all(text.as_bytes()).unwrap();
    }
    out.finish().unwrap().into_inner()
}

#[test]
fn serial_dates_in_both_date_systems() {
    let config = config();
    let urns: HashSet<u32> = [100001].into_iter().collect();
    let bytes = support_book();
    let mac = to_1904(&bytes);
    assert_ne!(bytes, mac);
    for (what, b) in [("1900", bytes), ("1904", mac)] {
        let rows = support::read_from(Input::from_bytes("support.xlsx", &b), &config, Some(&urns))
            .unwrap_or_else(|e| panic!("{what}: {}", messages(&e).join("\n")));
        assert_eq!(rows[0].since.to_string(), "2024-09-01", "{what}");
        assert_eq!(rows[0].category, "enhanced");
        assert_eq!(rows[0].sip.as_deref(), Some("A. Adviser"));
    }
}

#[test]
fn a_workbook_term_gives_the_same_scores_as_its_csv_twin() {
    let opts = DemoOptions::new(40, 2, 4, 7);
    let csv = tempfile::tempdir().unwrap();
    let xlsx = tempfile::tempdir().unwrap();
    demo::write_demo(csv.path(), &opts, 0, false).unwrap();
    let files = demo::write_demo(xlsx.path(), &opts, 0, true).unwrap();
    let read = |dir: &Path| {
        let config = Config::load(Some(&dir.join("termly.toml"))).unwrap();
        let parsed =
            parse_all(&config, &ImportOptions::default(), None).unwrap_or_else(|e| panic!("{e}"));
        parsed
            .scores
            .into_iter()
            .map(|s| (s.term, s.team, s.rows))
            .collect::<Vec<_>>()
    };
    let from_csv = read(csv.path());
    let from_xlsx = read(xlsx.path());
    assert!(files.scores.join("2026-27-autumn.xlsx").is_file());
    assert!(!files.scores.join("2026-27-autumn").exists());
    assert_eq!(from_csv.len(), 8);
    assert_eq!(from_csv, from_xlsx);
}

#[test]
fn a_sheet_that_is_not_a_team_is_named() {
    let dir = tempfile::tempdir().unwrap();
    let scores = dir.path().join("scores");
    std::fs::create_dir_all(scores.join("2025-26-autumn")).unwrap();
    std::fs::write(
        scores.join("2025-26-autumn/hr.csv"),
        "urn,score\n100001,1\n",
    )
    .unwrap();
    let mut book = Workbook::new();
    for name in ["finance", "hr", "Notes"] {
        let sheet = book.add_worksheet().set_name(name).unwrap();
        sheet.write_string(0, 0, "urn").unwrap();
    }
    book.save(scores.join("2025-26-autumn.xlsx")).unwrap();
    let opts = ImportOptions {
        scores: Some(scores.clone()),
        ..Default::default()
    };
    let e = parse_all(&config(), &opts, None).unwrap_err();
    let text: Vec<String> = e.iter().map(|p| p.to_string()).collect();
    let shown = scores.join("2025-26-autumn.xlsx").display().to_string();
    assert_eq!(text.len(), 2, "{text:#?}");
    assert!(
        text[0].starts_with(&format!("{shown} [hr]: a second file for team `hr`")),
        "{text:#?}"
    );
    assert!(
        text[1].starts_with(&format!(
            "{shown} [Notes]: sheet `Notes` is not a configured team"
        )),
        "{text:#?}"
    );
}

#[test]
fn a_workbook_that_unpacks_past_the_limit_is_refused() {
    let mut book = Workbook::new();
    let sheet = book.add_worksheet();
    sheet.write_string(0, 0, "urn").unwrap();
    for r in 1..20_000 {
        sheet
            .write_string(r, 1, format!("{r} the same text compresses well"))
            .unwrap();
    }
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("big.xlsx");
    book.save(&path).unwrap();
    let size = std::fs::metadata(&path).unwrap().len();
    let limits = termly::config::LimitsConfig {
        max_unpacked_mb: 1,
        ..Default::default()
    };
    let input = Input::open(&path, size + 10).unwrap().with_limits(&limits);
    let e = scores::read_input(input, &config().scale, None).unwrap_err();
    assert!(e[0].message.contains("unpacks to"), "{}", e[0]);
    assert!(
        e[0].message.contains("[limits] max_unpacked_mb"),
        "{}",
        e[0]
    );
}

#[test]
fn an_indicator_source_reads_a_workbook_below_its_title_rows() {
    use termly::ingest::indicators::{parse_source, SourceSpec};
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("absence.xlsx");
    let mut book = Workbook::new();
    let notes = book.add_worksheet().set_name("Notes").unwrap();
    notes.write_string(0, 0, "About this file").unwrap();
    let data = book.add_worksheet().set_name("Schools").unwrap();
    let percent = Format::new().set_num_format("0.0%");
    data.write_string(0, 0, "Persistent absence by school")
        .unwrap();
    for (c, h) in ["LA", "URN", "PPERSABS10"].iter().enumerate() {
        data.write_string(2, c as u16, *h).unwrap();
    }
    let rows: [(&str, f64, Option<f64>); 3] = [
        ("999", 100001.0, Some(0.194)),
        ("999", 100002.0, None),
        ("888", 100003.0, None),
    ];
    for (r, (la, urn, pa)) in rows.iter().enumerate() {
        let r = r as u32 + 3;
        data.write_string(r, 0, *la).unwrap();
        data.write_number(r, 1, *urn).unwrap();
        match pa {
            Some(v) => data.write_number_with_format(r, 2, *v, &percent).unwrap(),
            None => data
                .write_formula(r, 2, Formula::new("=NA()").set_result("#N/A"))
                .unwrap(),
        };
    }
    book.save(&path).unwrap();
    let spec = |urns: &[u32]| {
        let spec = SourceSpec {
            name: "absence".into(),
            team: "attendance".into(),
            file: path.clone(),
            urn_column: "URN".into(),
            la_column: Some("LA".into()),
            la_column_required: true,
            la: Some("999".into()),
            columns: vec![("persistent_absence_pct".into(), "PPERSABS10".into())],
            sheet: Some("Schools".into()),
        };
        let register: HashSet<u32> = urns.iter().copied().collect();
        parse_source(
            &spec,
            "2025-26 autumn".parse().unwrap(),
            &register,
            &termly::config::LimitsConfig::default(),
        )
    };
    let ok = spec(&[100001, 100003]).unwrap_or_else(|e| panic!("{}", messages(&e).join("\n")));
    assert_eq!(
        ok.values,
        vec![(100001, "persistent_absence_pct".to_string(), 19.4)]
    );
    assert_eq!(
        ok.report
            .skipped
            .get(&termly::ingest::indicators::Skip::OtherAuthority)
            .copied(),
        Some(1),
        "the #N/A of another authority's school is skipped"
    );
    let e = spec(&[100001, 100002]).unwrap_err();
    let shown = path.display().to_string();
    let text = messages(&e);
    assert_eq!(text.len(), 1, "{text:#?}");
    assert!(
        text[0].starts_with(&format!(
            "{shown} [Schools] C5 (PPERSABS10): expected a number"
        )),
        "{text:#?}"
    );
    assert!(text[0].ends_with("found \"#N/A\""), "{text:#?}");
}

/// A minimal OpenDocument spreadsheet, as LibreOffice writes one, holding `rows` of cells.
fn ods(sheet: &str, rows: &[&str]) -> Vec<u8> {
    let body: String = rows
        .iter()
        .map(|cells| format!("<table:table-row>{cells}</table:table-row>"))
        .collect();
    let content = format!(
        r#"<?xml version="1.0" encoding="UTF-8"?>
<office:document-content xmlns:office="urn:oasis:names:tc:opendocument:xmlns:office:1.0" xmlns:table="urn:oasis:names:tc:opendocument:xmlns:table:1.0" xmlns:text="urn:oasis:names:tc:opendocument:xmlns:text:1.0" xmlns:calcext="urn:org:documentfoundation:names:experimental:calc:xmlns:calcext:1.0" office:version="1.3"><office:body><office:spreadsheet><table:table table:name="{sheet}">{body}</table:table></office:spreadsheet></office:body></office:document-content>"#
    );
    let mut out = zip::ZipWriter::new(std::io::Cursor::new(Vec::new()));
    let stored =
        zip::write::SimpleFileOptions::default().compression_method(zip::CompressionMethod::Stored);
    out.start_file("mimetype", stored).unwrap();
    out.write_all(b"application/vnd.oasis.opendocument.spreadsheet")
        .unwrap();
    out.start_file("META-INF/manifest.xml", stored).unwrap();
    out.write_all(br#"<?xml version="1.0" encoding="UTF-8"?>
<manifest:manifest xmlns:manifest="urn:oasis:names:tc:opendocument:xmlns:manifest:1.0" manifest:version="1.3"><manifest:file-entry manifest:full-path="/" manifest:media-type="application/vnd.oasis.opendocument.spreadsheet"/><manifest:file-entry manifest:full-path="content.xml" manifest:media-type="text/xml"/></manifest:manifest>"#).unwrap();
    out.start_file("content.xml", stored).unwrap();
    out.write_all(content.as_bytes()).unwrap();
    out.finish().unwrap().into_inner()
}

fn text_cell(t: &str) -> String {
    format!(
        r#"<table:table-cell office:value-type="string"><text:p>{t}</text:p></table:table-cell>"#
    )
}

#[test]
fn an_ods_sheet_reads_like_a_workbook() {
    let title = text_cell("Support as at autumn");
    let header = ["urn", "category", "since"].map(text_cell).concat();
    let row = format!(
        r#"<table:table-cell office:value-type="float" office:value="100001"><text:p>100001</text:p></table:table-cell>{}<table:table-cell office:value-type="date" office:date-value="2024-09-01"><text:p>01/09/24</text:p></table:table-cell>"#,
        text_cell("Enhanced")
    );
    let bytes = ods("Support", &[&title, "", &header, &row]);
    let urns: HashSet<u32> = [100001].into_iter().collect();
    let rows = support::read_from(
        Input::from_bytes("support.ods", &bytes),
        &config(),
        Some(&urns),
    )
    .unwrap_or_else(|e| panic!("{}", messages(&e).join("\n")));
    assert_eq!(rows[0].urn, 100001);
    assert_eq!(rows[0].since.to_string(), "2024-09-01");

    let error = r#"<table:table-cell table:formula="of:=NA()" office:value-type="string" office:string-value="" calcext:value-type="error"><text:p>#N/A</text:p></table:table-cell>"#;
    let bad = format!(
        r#"<table:table-cell office:value-type="float" office:value="100001"><text:p>100001</text:p></table:table-cell>{}{error}"#,
        text_cell("Enhanced")
    );
    let bytes = ods("Support", &[&header, &bad]);
    let e = support::read_from(
        Input::from_bytes("support.ods", &bytes),
        &config(),
        Some(&urns),
    )
    .unwrap_err();
    assert_eq!(
        messages(&e),
        ["support.ods [Support] C2: #N/A where a value for `since` was expected"]
    );
}
