//! Property tests for the workbook reader: arbitrary bytes under every workbook name, and a
//! valid zip that holds a real workbook's parts with their XML broken, never panic; every
//! problem names the file.

use crate::prop_readers::cases;
use proptest::prelude::*;
use std::collections::HashSet;
use std::io::{Read, Write};
use std::path::Path;
use termly::config::Config;
use termly::ingest::input::Input;
use termly::ingest::{register, scores, support, Problem, RegisterFilter};
use termly::model::Urn;

fn located(file: &str, problems: &[Problem]) -> Result<(), TestCaseError> {
    prop_assert!(!problems.is_empty(), "an error with no problem in it");
    for p in problems {
        prop_assert_eq!(&p.file, file);
        prop_assert!(!p.message.is_empty());
    }
    Ok(())
}

/// Every reader, on `bytes` named as each kind of workbook.
fn read_everything(bytes: &[u8], names: &[&str]) -> Result<(), TestCaseError> {
    let config = Config::default_with_base(Path::new("config")).unwrap();
    let known: HashSet<Urn> = [100001, 100002].into();
    for name in names {
        if let Err(p) = register::read(name, bytes, &RegisterFilter::default()) {
            located(name, &p)?;
        }
        let input = Input::from_bytes(name, bytes);
        if let Err(p) = scores::read_input(input, &config.scale, Some(&known)) {
            located(name, &p)?;
        }
        let input = Input::from_bytes(name, bytes).with_sheet(Some("Sheet1".into()));
        if let Err(p) = support::read_from(input, &config, Some(&known)) {
            located(name, &p)?;
        }
    }
    Ok(())
}

/// A small, valid scores workbook, and its parts (name, bytes) unpacked.
fn valid_parts() -> Vec<(String, Vec<u8>)> {
    let mut book = rust_xlsxwriter::Workbook::new();
    let sheet = book.add_worksheet();
    sheet.write_string(0, 0, "urn").unwrap();
    sheet.write_string(0, 1, "score").unwrap();
    sheet.write_string(0, 2, "comment").unwrap();
    sheet.write_number(1, 0, 100001.0).unwrap();
    sheet.write_number(1, 1, 2.0).unwrap();
    sheet.write_string(1, 2, "steady").unwrap();
    let bytes = book.save_to_buffer().unwrap();
    let mut zip = zip::ZipArchive::new(std::io::Cursor::new(bytes)).unwrap();
    (0..zip.len())
        .map(|i| {
            let mut part = zip.by_index(i).unwrap();
            let name = part.name().unwrap().to_string();
            let mut data = Vec::new();
            part.read_to_end(&mut data).unwrap();
            (name, data)
        })
        .collect()
}

fn zip_of(parts: &[(String, Vec<u8>)]) -> Vec<u8> {
    let mut out = zip::ZipWriter::new(std::io::Cursor::new(Vec::new()));
    let options =
        zip::write::SimpleFileOptions::default().compression_method(zip::CompressionMethod::Stored);
    for (name, data) in parts {
        out.start_file(name.as_str(), options).unwrap();
        out.write_all(data).unwrap();
    }
    out.finish().unwrap().into_inner()
}

/// Ways to break one part's XML: cut it short, splice noise in, or swap a stretch of it.
#[derive(Debug, Clone)]
enum Damage {
    Truncate(usize),
    Insert(usize, Vec<u8>),
    Overwrite(usize, Vec<u8>),
    Replace(Vec<u8>),
}

fn damage() -> impl Strategy<Value = Damage> {
    let noise = prop_oneof![
        prop::collection::vec(any::<u8>(), 0..40),
        prop::sample::select(vec![
            b"<c r=\"A2\" t=\"s\"><v>999999</v></c>".to_vec(),
            b"<c r=\"ZZZZZZ1048577\"><v>1</v></c>".to_vec(),
            b"<row r=\"0\">".to_vec(),
            b"<v>1e999</v>".to_vec(),
            b"</sheetData>".to_vec(),
            b"<dimension ref=\"A1:XFD1048576\"/>".to_vec(),
            b"t=\"e\"".to_vec(),
            b"s=\"4000000000\"".to_vec(),
            b"&#0;&bogus;".to_vec(),
            b"<![CDATA[".to_vec(),
        ]),
    ];
    prop_oneof![
        any::<usize>().prop_map(Damage::Truncate),
        (any::<usize>(), noise.clone()).prop_map(|(at, n)| Damage::Insert(at, n)),
        (any::<usize>(), noise.clone()).prop_map(|(at, n)| Damage::Overwrite(at, n)),
        noise.prop_map(Damage::Replace),
    ]
}

fn apply(data: &mut Vec<u8>, how: &Damage) {
    let at = |i: usize, len: usize| if len == 0 { 0 } else { i % (len + 1) };
    match how {
        Damage::Truncate(i) => data.truncate(at(*i, data.len())),
        Damage::Insert(i, noise) => {
            let i = at(*i, data.len());
            data.splice(i..i, noise.iter().copied());
        }
        Damage::Overwrite(i, noise) => {
            let i = at(*i, data.len());
            let end = (i + noise.len()).min(data.len());
            data.splice(i..end, noise.iter().copied());
        }
        Damage::Replace(noise) => *data = noise.clone(),
    }
}

proptest! {
    #![proptest_config(cases(64))]

    #[test]
    fn arbitrary_bytes_never_panic(bytes in prop::collection::vec(any::<u8>(), 0..2048)) {
        read_everything(&bytes, &["in.xlsx", "in.xls", "in.ods"])?;
    }

    #[test]
    fn a_zip_with_broken_xml_never_panics(
        part in 0usize..16,
        how in damage(),
        also in prop::option::of((0usize..16, damage())),
    ) {
        let mut parts = valid_parts();
        let n = parts.len();
        apply(&mut parts[part % n].1, &how);
        if let Some((other, how)) = also {
            apply(&mut parts[other % n].1, &how);
        }
        let bytes = zip_of(&parts);
        read_everything(&bytes, &["in.xlsx"])?;
    }
}

#[test]
fn the_undamaged_workbook_reads() {
    let bytes = zip_of(&valid_parts());
    let config = Config::default_with_base(Path::new("config")).unwrap();
    let (rows, _) =
        scores::read_input(Input::from_bytes("in.xlsx", &bytes), &config.scale, None).unwrap();
    assert_eq!(rows[0].urn, 100001);
    assert_eq!(rows[0].score, Some(2));
}

#[test]
fn every_part_damaged_in_turn_never_panics() {
    let parts = valid_parts();
    for i in 0..parts.len() {
        for how in [
            Damage::Truncate(parts[i].1.len() / 2),
            Damage::Replace(b"<".to_vec()),
            Damage::Replace(Vec::new()),
        ] {
            let mut broken = parts.clone();
            apply(&mut broken[i].1, &how);
            let bytes = zip_of(&broken);
            read_everything(&bytes, &["in.xlsx"]).unwrap();
        }
    }
}
