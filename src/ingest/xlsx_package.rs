//! The parts of an xlsx package that the fast sheet reader ([`super::sheet_xml`]) needs: where
//! a named worksheet's XML is, and the shared strings. Each answers `None` for anything outside
//! the shapes Excel, LibreOffice and the common writers produce; the caller then lets calamine
//! read the sheet, so an unusual file is read more slowly, never differently.

use quick_xml::events::{BytesStart, Event};
use quick_xml::{Reader, XmlVersion};
use std::io::{Cursor, Read};
use zip::ZipArchive;

pub(super) type Zip<'b> = ZipArchive<Cursor<&'b [u8]>>;

/// The largest part this reader holds whole; a larger sheet is left to calamine, which
/// streams it, so memory stays bounded whatever the sheet's size.
const MAX_WHOLE_PART: u64 = 32 * 1024 * 1024;

/// The bytes of the part at `path` (`xl/worksheets/sheet1.xml`), if the zip holds it and it
/// is no larger than [`MAX_WHOLE_PART`].
pub(super) fn part(zip: &mut Zip, path: &str) -> Option<Vec<u8>> {
    let file = zip.by_name(path).ok()?;
    if file.size() > MAX_WHOLE_PART {
        return None;
    }
    let mut bytes = Vec::with_capacity(usize::try_from(file.size()).ok()?);
    // The directory's size may lie: never read past the bound.
    file.take(MAX_WHOLE_PART + 1).read_to_end(&mut bytes).ok()?;
    (bytes.len() as u64 <= MAX_WHOLE_PART).then_some(bytes)
}

/// Where the workbook part lives: its folder (`xl/`) and its file name (`workbook.xml`).
struct WorkbookPart {
    folder: String,
    name: String,
}

fn workbook_part(zip: &mut Zip) -> Option<WorkbookPart> {
    let rels = part(zip, "_rels/.rels")?;
    let target = relationships(&rels)?
        .into_iter()
        .find(|r| r.kind.ends_with("/relationships/officeDocument"))?
        .target;
    let (folder, name) = match target.rfind('/') {
        Some(i) => target.split_at(i + 1),
        None => ("", target.as_str()),
    };
    Some(WorkbookPart {
        folder: folder.strip_prefix('/').unwrap_or(folder).to_string(),
        name: if name.is_empty() {
            "workbook.xml".to_string()
        } else {
            name.to_string()
        },
    })
}

/// The worksheet called `sheet`: the path of its XML part and the workbook's folder.
pub(super) fn sheet_part(zip: &mut Zip, sheet: &str) -> Option<(String, String)> {
    let book = workbook_part(zip)?;
    let workbook = part(zip, &format!("{}{}", book.folder, book.name))?;
    let rel_id = sheet_rel_id(&workbook, sheet)?;
    let rels = part(zip, &format!("{}_rels/{}.rels", book.folder, book.name))?;
    let target = relationships(&rels)?
        .into_iter()
        .find(|r| r.id == rel_id && r.kind.ends_with("/worksheet"))?
        .target;
    let path = match target.strip_prefix('/') {
        Some(absolute) => absolute.to_string(),
        None => format!("{}{target}", book.folder),
    };
    Some((path, book.folder))
}

struct Relationship {
    id: String,
    kind: String,
    target: String,
}

fn relationships(xml: &[u8]) -> Option<Vec<Relationship>> {
    let mut reader = Reader::from_reader(xml);
    let mut found = Vec::new();
    loop {
        match reader.read_event().ok()? {
            Event::Start(e) | Event::Empty(e) if e.local_name().as_ref() == "Relationship" => {
                found.push(Relationship {
                    id: attribute(&e, "Id")?,
                    kind: attribute(&e, "Type")?,
                    target: attribute(&e, "Target")?,
                });
            }
            Event::Eof => return Some(found),
            _ => {}
        }
    }
}

/// The relationship id (`r:id`) of the `<sheet>` named `sheet` in the workbook part.
fn sheet_rel_id(xml: &[u8], sheet: &str) -> Option<String> {
    let mut reader = Reader::from_reader(xml);
    loop {
        match reader.read_event().ok()? {
            Event::Start(e) | Event::Empty(e) if e.local_name().as_ref() == "sheet" => {
                if attribute(&e, "name")? != sheet {
                    continue;
                }
                // `r:id`: the prefix varies, the local name does not.
                return e.attributes().find_map(|a| {
                    let a = a.ok()?;
                    let key = a.key;
                    (key.prefix().is_some() && key.local_name().as_ref() == "id")
                        .then(|| {
                            a.normalized_value(XmlVersion::Implicit1_0)
                                .ok()
                                .map(|v| v.into_owned())
                        })
                        .flatten()
                });
            }
            Event::Eof => return None,
            _ => {}
        }
    }
}

fn attribute(e: &BytesStart, name: &str) -> Option<String> {
    let a = e.try_get_attribute(name).ok()??;
    let value = a
        .normalized_value(XmlVersion::Implicit1_0)
        .ok()?
        .into_owned();
    // `_x000D_` escapes are calamine's to undo.
    (!value.contains("_x")).then_some(value)
}

/// The shared strings (`<folder>sharedStrings.xml`; none when the part is absent): each
/// string the text of its `<t>` runs, phonetic runs left out, trimmed unless
/// `xml:space="preserve"`, as calamine reads them.
pub(super) fn shared_strings(zip: &mut Zip, folder: &str) -> Option<Vec<String>> {
    let path = format!("{folder}sharedStrings.xml");
    if zip.index_for_name(&path).is_none() {
        return Some(Vec::new());
    }
    let xml = part(zip, &path)?;
    let mut reader = Reader::from_reader(&xml[..]);
    reader.config_mut().expand_empty_elements = true;
    let mut strings = Vec::new();
    let mut current: Option<String> = None;
    let mut phonetic = false;
    loop {
        match reader.read_event().ok()? {
            Event::Start(e) => match e.local_name().as_ref() {
                "si" => current = Some(String::new()),
                "rPh" => phonetic = true,
                "t" if !phonetic => {
                    let preserve = e
                        .try_get_attribute("xml:space")
                        .ok()?
                        .is_some_and(|a| a.value.as_ref() == "preserve");
                    let text = run_text(&mut reader)?;
                    let text = if preserve {
                        &text[..]
                    } else {
                        text.trim_matches([' ', '\t', '\r', '\n'])
                    };
                    current.as_mut()?.push_str(text);
                }
                _ => {}
            },
            Event::End(e) => match e.local_name().as_ref() {
                "si" => strings.push(current.take()?),
                "rPh" => phonetic = false,
                _ => {}
            },
            Event::Eof => break,
            _ => {}
        }
    }
    // `_x000D_` escapes are calamine's to undo.
    if strings.iter().any(|s| s.contains("_x")) {
        return None;
    }
    Some(strings)
}

/// The text of a `<t>` element up to its end, entities resolved.
fn run_text(reader: &mut Reader<&[u8]>) -> Option<String> {
    let mut text = String::new();
    loop {
        match reader.read_event().ok()? {
            Event::Text(t) => text.push_str(&t.xml10_content()),
            Event::CData(t) => text.push_str(&t.xml10_content()),
            Event::GeneralRef(r) => text.push(entity(&r)?),
            Event::End(e) if e.local_name().as_ref() == "t" => return Some(text),
            Event::Eof => return None,
            _ => {}
        }
    }
}

/// One of XML's five named entities or a character reference.
fn entity(r: &quick_xml::events::BytesRef) -> Option<char> {
    if let Some(c) = r.resolve_char_ref().ok()? {
        return Some(c);
    }
    match r.as_ref() {
        "amp" => Some('&'),
        "lt" => Some('<'),
        "gt" => Some('>'),
        "quot" => Some('"'),
        "apos" => Some('\''),
        _ => None,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn relationships_and_sheet_ids() {
        let rels = br#"<?xml version="1.0"?><Relationships xmlns="x"><Relationship Id="rId2" Type="http://x/relationships/worksheet" Target="worksheets/sheet2.xml"/><Relationship Id="rId1" Type="http://x/relationships/worksheet" Target="/xl/worksheets/sheet1.xml"/></Relationships>"#;
        let found = relationships(rels).unwrap();
        assert_eq!(found[1].target, "/xl/worksheets/sheet1.xml");
        let workbook = br#"<workbook xmlns:r="r"><sheets><sheet name="A &amp; B" sheetId="1" r:id="rId7"/><sheet name="hr" sheetId="2" r:id="rId2"/></sheets></workbook>"#;
        assert_eq!(sheet_rel_id(workbook, "A & B").unwrap(), "rId7");
        assert_eq!(sheet_rel_id(workbook, "hr").unwrap(), "rId2");
        assert!(sheet_rel_id(workbook, "nope").is_none());
    }
}
