//! The fast xlsx sheet reader ([`super::sheet_xml`]) against calamine's: every cell of the
//! same sheet the same, and the unusual shapes left to calamine.

use super::sheet_xml::{self, Context, Shown};
use super::workbook::{calamine_cells, fast_cells, RawCell};
use calamine::Reader;
use rust_xlsxwriter::{Format, Formula, Workbook};
use std::io::Cursor;

type Cells = Vec<(u32, u32, Result<String, String>)>;

fn plain(cells: Vec<RawCell>) -> Cells {
    cells.into_iter().map(|c| (c.row, c.col, c.value)).collect()
}

/// The sheet's cells read both ways: (fast, if it read them; calamine).
fn both(bytes: &[u8], sheet: &str) -> (Option<Cells>, Cells) {
    let mut book = calamine::Xlsx::new(Cursor::new(bytes)).unwrap();
    let is_1904 = book.has_1904_epoch();
    let mut reader = book.worksheet_cells_reader(sheet).unwrap();
    let shown: Vec<Shown> = reader
        .styles()
        .iter()
        .map(|s| Shown::of(s.number_format.as_ref()))
        .collect();
    let fast = fast_cells(bytes, sheet, &shown, is_1904).map(plain);
    (fast, plain(calamine_cells(&mut reader).unwrap()))
}

fn same_both_ways(bytes: &[u8], sheet: &str) -> Cells {
    let (fast, slow) = both(bytes, sheet);
    let fast = fast.expect("the fast reader should read this sheet");
    assert_eq!(fast, slow);
    fast
}

#[test]
fn every_common_cell_kind_reads_as_calamine_reads_it() {
    let mut book = Workbook::new();
    let percent = Format::new().set_num_format("0.0%");
    let two_places = Format::new().set_num_format("#,##0.00");
    let sheet = book.add_worksheet().set_name("A & B").unwrap();
    sheet.write_string(0, 0, "Attendance, autumn").unwrap();
    for (c, h) in ["urn", "score", "comment", "pa", "ratio", "flag"]
        .iter()
        .enumerate()
    {
        sheet.write_string(2, c as u16, *h).unwrap();
    }
    let numbers = [100001.0, -3.0, 0.1 + 0.2, 1e16, 24.1, 0.0, -0.0];
    for (i, n) in numbers.iter().enumerate() {
        let r = 3 + i as u32;
        sheet.write_number(r, 0, 100_000.0 + i as f64).unwrap();
        sheet.write_number(r, 1, *n).unwrap();
        sheet
            .write_number_with_format(r, 3, n / 100.0, &percent)
            .unwrap();
        sheet
            .write_number_with_format(r, 4, *n, &two_places)
            .unwrap();
        sheet.write_boolean(r, 5, i % 2 == 0).unwrap();
    }
    sheet
        .write_string(3, 2, "  spaced <b> & \"quoted\"  ")
        .unwrap();
    sheet.write_string(4, 2, "#N/A").unwrap();
    sheet.write_string(5, 2, "   ").unwrap();
    sheet
        .write_formula(6, 2, Formula::new("=\"a\"&\"<b>\"").set_result("a<b>"))
        .unwrap();
    sheet
        .write_formula(7, 2, Formula::new("=1/0").set_result("#DIV/0!"))
        .unwrap();
    sheet
        .write_formula(8, 2, Formula::new("=1+1").set_result("2"))
        .unwrap();
    sheet.write_string(9, 8, "stray").unwrap();
    let bytes = book.save_to_buffer().unwrap();
    let cells = same_both_ways(&bytes, "A & B");
    let text = |r: u32, c: u32| {
        cells
            .iter()
            .find(|(row, col, _)| (*row, *col) == (r, c))
            .map(|(_, _, v)| v.clone())
    };
    assert_eq!(text(3, 3), Some(Ok("100001".to_string())));
    assert_eq!(text(4, 2), Some(Err("#N/A".to_string())));
    assert_eq!(text(5, 2), None, "a blank text cell is no cell");
    assert_eq!(text(7, 2), Some(Err("#DIV/0!".to_string())));
    assert_eq!(text(6, 2), Some(Ok("a<b>".to_string())));
}

#[test]
fn a_time_cell_leaves_the_sheet_to_calamine() {
    let mut book = Workbook::new();
    let date = Format::new().set_num_format("dd/mm/yyyy hh:mm");
    let sheet = book.add_worksheet();
    sheet.write_string(0, 0, "urn").unwrap();
    sheet.write_number(1, 0, 100001).unwrap();
    sheet
        .write_number_with_format(1, 1, 45536.0, &date)
        .unwrap();
    let bytes = book.save_to_buffer().unwrap();
    let (fast, slow) = both(&bytes, "Sheet1");
    assert!(fast.is_none());
    assert_eq!(slow[2].2, Ok("2024-09-01".to_string()));
}

#[test]
fn dates_read_as_calamine_reads_them() {
    let mut book = Workbook::new();
    let dates = ["dd/mm/yyyy", "d mmm yy", "yyyy-mm-dd"].map(|f| Format::new().set_num_format(f));
    let sheet = book.add_worksheet();
    sheet.write_string(0, 0, "urn").unwrap();
    for (i, date) in dates.iter().enumerate() {
        sheet.write_number(1, i as u16, 45536.0).unwrap();
        sheet
            .write_number_with_format(2, i as u16, 45536.0, date)
            .unwrap();
    }
    let bytes = book.save_to_buffer().unwrap();
    let cells = same_both_ways(&bytes, "Sheet1");
    assert_eq!(cells[4].2, Ok("2024-09-01".to_string()));
}

#[test]
fn the_bundled_workbook_term_reads_the_same_where_it_can() {
    let path = concat!(
        env!("CARGO_MANIFEST_DIR"),
        "/fixtures/scores/2024-25-autumn.xlsx"
    );
    let bytes = std::fs::read(path).unwrap();
    let book = calamine::Xlsx::new(Cursor::new(&bytes[..])).unwrap();
    let mut read_fast = 0;
    for sheet in book.sheet_names() {
        let (fast, slow) = both(&bytes, &sheet);
        if let Some(fast) = fast {
            assert_eq!(fast, slow, "sheet {sheet}");
            read_fast += 1;
        }
    }
    // A title row's serial date, a formula and a percentage are all in the common shape.
    assert_eq!(read_fast, book.sheet_names().len());
}

fn read(xml: &str, strings: &[&str], shown: &[Shown]) -> Option<Cells> {
    let strings: Vec<String> = strings.iter().map(|s| s.to_string()).collect();
    let context = Context {
        strings: &strings,
        shown,
        is_1904: false,
    };
    sheet_xml::cells(xml.as_bytes(), &context).map(plain)
}

#[test]
fn rows_and_cells_without_references_follow_on() {
    let xml = r#"<?xml version="1.0" encoding="UTF-8"?>
<worksheet><sheetData>
  <row><c><v>1</v></c><c t="s"><v>0</v></c><c/><c s="1"><v>0.25</v></c></row>
  <row r="4"/>
  <row><c r="C5" t="b"><v>0</v></c><c><f>A1</f><v>7.5</v></c></row>
</sheetData></worksheet>"#;
    let cells = read(xml, &["x"], &[Shown::Plain, Shown::Percent]).unwrap();
    let ok = |r, c, t: &str| (r, c, Ok(t.to_string()));
    assert_eq!(
        cells,
        [
            ok(0, 0, "1"),
            ok(0, 1, "x"),
            ok(0, 3, "25"),
            ok(4, 2, "no"),
            ok(4, 3, "7.5")
        ]
    );
}

#[test]
fn unusual_shapes_are_left_to_calamine() {
    let shapes = [
        // An inline string, a prefixed name, a comment, CDATA, a date style, a UTF-16 file.
        r#"<sheetData><row><c t="inlineStr"><is><t>a</t></is></c></row></sheetData>"#,
        r#"<x:sheetData><x:row><x:c><x:v>1</x:v></x:c></x:row></x:sheetData>"#,
        r#"<sheetData><!-- note --><row><c><v>1</v></c></row></sheetData>"#,
        r#"<sheetData><row><c t="str"><v><![CDATA[a]]></v></c></row></sheetData>"#,
        r#"<sheetData><row><c s="1"><v>45536</v></c></row></sheetData>"#,
        r#"<?xml version="1.0" encoding="UTF-16"?><sheetData/>"#,
        r#"<sheetData><row><c t="s"><v>5</v></c></row></sheetData>"#,
        r#"<sheetData><row><c><v>1</v></c>"#,
    ];
    for xml in shapes {
        assert_eq!(read(xml, &[], &[Shown::Plain, Shown::Other]), None, "{xml}");
    }
    assert_eq!(read("<sheetData/>", &[], &[]), Some(Vec::new()));
}

/// A small scores workbook whose sheet XML has each noise spliced into its cells.
fn damaged(noises: &[(usize, &str)]) -> Vec<u8> {
    use std::io::{Read, Write};
    let mut book = Workbook::new();
    let percent = Format::new().set_num_format("0.0%");
    let sheet = book.add_worksheet();
    for (c, h) in ["urn", "score", "comment", "pa"].iter().enumerate() {
        sheet.write_string(0, c as u16, *h).unwrap();
    }
    for r in 1..4u32 {
        sheet.write_number(r, 0, 100_000.0 + f64::from(r)).unwrap();
        sheet.write_number(r, 1, f64::from(r)).unwrap();
        sheet.write_string(r, 2, "steady & rising").unwrap();
        sheet
            .write_number_with_format(r, 3, 0.061 * f64::from(r), &percent)
            .unwrap();
    }
    let bytes = book.save_to_buffer().unwrap();
    let mut zip = zip::ZipArchive::new(Cursor::new(bytes)).unwrap();
    let mut out = zip::ZipWriter::new(Cursor::new(Vec::new()));
    let stored =
        zip::write::SimpleFileOptions::default().compression_method(zip::CompressionMethod::Stored);
    for i in 0..zip.len() {
        let mut part = zip.by_index(i).unwrap();
        let name = part.name().unwrap().to_string();
        let mut data = Vec::new();
        part.read_to_end(&mut data).unwrap();
        if name.ends_with("sheet1.xml") {
            // Inside the cells: damage before them is calamine's alone to judge.
            let start = data.windows(10).position(|w| w == b"<sheetData").unwrap();
            for (at, noise) in noises {
                let at = start + at % (data.len() - start);
                data.splice(at..at, noise.bytes());
            }
        }
        out.start_file(name.as_str(), stored).unwrap();
        out.write_all(&data).unwrap();
    }
    out.finish().unwrap().into_inner()
}

proptest::proptest! {
    #![proptest_config(proptest::prelude::ProptestConfig { cases: 64, failure_persistence: None, ..Default::default() })]

    /// Whatever the fast reader accepts, calamine reads the same way.
    #[test]
    fn what_the_fast_reader_reads_of_a_damaged_sheet_calamine_reads_alike(
        noises in proptest::collection::vec((0usize..4000, proptest::sample::select(vec![
            "<c r=\"B9\" t=\"s\"><v>0</v></c>", "<row r=\"7\">", "</row>", "<c><v>2</v></c>",
            "<c r=\"A1\" t=\"b\"><v>1</v></c>", "<c t=\"e\"><v>#REF!</v></c>", "<v>1e999</v>",
            "<c s=\"1\"><v>0.5</v></c>", "<c t=\"str\"><v>a &amp; b</v></c>", "<row/>", "<c/>",
            "<f>A1</f>", "x", " r=\"C3\"", "\"", "<", ">", "/", "=", "'", "&amp;", "1",
        ])), 1..4),
    ) {
        let bytes = damaged(&noises);
        let Ok(mut book) = calamine::Xlsx::new(Cursor::new(&bytes[..])) else {
            return Ok(());
        };
        let Ok(mut reader) = book.worksheet_cells_reader("Sheet1") else {
            return Ok(());
        };
        let shown: Vec<Shown> = reader
            .styles()
            .iter()
            .map(|s| Shown::of(s.number_format.as_ref()))
            .collect();
        if let Some(fast) = fast_cells(&bytes, "Sheet1", &shown, false).map(plain) {
            let slow = calamine_cells(&mut reader).map(plain);
            proptest::prop_assert_eq!(Ok(fast), slow);
        }
    }
}
