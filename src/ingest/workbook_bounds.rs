//! A workbook measured before it is read. A zip of a few hundred bytes can unpack to
//! gigabytes, claim millions of shared strings, or repeat one row a million times; the
//! readers (calamine's and ours) would build all of it in memory. Every part is streamed
//! once through a counter here, in fixed-size chunks, and the workbook is refused, naming
//! the file and the limit (`[limits]`), before any reader builds anything from it.

use super::error::Problem;
use crate::config::LimitsConfig;
use memchr::memmem;
use quick_xml::events::{BytesStart, Event};
use std::io::{BufReader, Cursor, Read};

/// The `[limits]` a workbook is held to, in bytes and counts.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct WorkbookLimits {
    pub unpacked_bytes: u64,
    pub cells: u64,
    pub shared_strings: u64,
    pub shared_string_bytes: u64,
}

impl WorkbookLimits {
    pub fn from_config(limits: &LimitsConfig) -> WorkbookLimits {
        let mb = |n: u64| n.saturating_mul(1024 * 1024);
        WorkbookLimits {
            unpacked_bytes: mb(limits.max_unpacked_mb),
            cells: limits.max_cells,
            shared_strings: limits.max_shared_strings,
            shared_string_bytes: mb(limits.max_shared_string_mb),
        }
    }
}

impl Default for WorkbookLimits {
    fn default() -> Self {
        WorkbookLimits::from_config(&LimitsConfig::default())
    }
}

/// How much of a part is read at a time.
const CHUNK: usize = 64 * 1024;

/// Refuse the zip workbook (`xlsx`, `xlsm`, `ods`) in `bytes` if, unpacked, it passes a limit.
pub(super) fn check(
    file: &str,
    bytes: &[u8],
    ods: bool,
    limits: &WorkbookLimits,
) -> Result<(), Problem> {
    let unreadable =
        |e: &dyn std::fmt::Display| Problem::file(file, format!("cannot read the workbook: {e}"));
    let mut zip = zip::ZipArchive::new(Cursor::new(bytes)).map_err(|e| {
        Problem::file(
            file,
            format!("cannot read the workbook: not a valid zip file ({e})"),
        )
    })?;
    let over = |what: String, limit: u64, key: &str| over_limit(file, &what, limit, key);
    let unpacked_mb = limits.unpacked_bytes / (1024 * 1024);
    // What the zip's directory claims: refused before anything is unpacked.
    let mut claimed: u64 = 0;
    for i in 0..zip.len() {
        let part = zip.by_index_raw(i).map_err(|e| unreadable(&e))?;
        claimed = claimed.saturating_add(part.size());
    }
    if claimed > limits.unpacked_bytes {
        return Err(over(
            format!("it unpacks to {} MB", claimed / (1024 * 1024)),
            unpacked_mb,
            "max_unpacked_mb (megabytes)",
        ));
    }
    // What the parts really hold (a directory can lie), counted as they stream.
    let mut total = Totals::default();
    for i in 0..zip.len() {
        let part = zip.by_index(i).map_err(|e| unreadable(&e))?;
        let name = part.name().map_err(|e| unreadable(&e))?.into_owned();
        let budget = limits.unpacked_bytes.saturating_sub(total.bytes);
        let capped = part.take(budget.saturating_add(1));
        let kind = PartKind::of(ods, &name);
        let measured = match kind {
            PartKind::OdsContent => measure_ods(capped),
            PartKind::SharedStrings => scan(capped, &[b"<si>", b"<si ", b":si>", b":si "]),
            PartKind::Worksheet => scan(capped, &[b"<c ", b"<c>", b":c ", b":c>"]),
            PartKind::Other => scan(capped, &[]),
        }
        .map_err(|e| unreadable(&format!("{name}: {e}")))?;
        total.bytes = total.bytes.saturating_add(measured.bytes);
        if total.bytes > limits.unpacked_bytes {
            return Err(over(
                format!("it unpacks to more than {unpacked_mb} MB"),
                unpacked_mb,
                "max_unpacked_mb (megabytes)",
            ));
        }
        match kind {
            PartKind::SharedStrings => {
                let strings = measured.count.max(measured.declared);
                if strings > limits.shared_strings {
                    return Err(over(
                        format!("it holds {strings} shared strings"),
                        limits.shared_strings,
                        "max_shared_strings",
                    ));
                }
                if measured.bytes > limits.shared_string_bytes {
                    return Err(over(
                        format!(
                            "its shared strings take {} MB",
                            measured.bytes / (1024 * 1024)
                        ),
                        limits.shared_string_bytes / (1024 * 1024),
                        "max_shared_string_mb (megabytes)",
                    ));
                }
            }
            PartKind::Worksheet | PartKind::OdsContent => {
                total.cells = total.cells.saturating_add(measured.count);
                if total.cells > limits.cells {
                    return Err(over(
                        format!("its sheets hold more than {} cells", limits.cells),
                        limits.cells,
                        "max_cells",
                    ));
                }
            }
            PartKind::Other => {}
        }
    }
    Ok(())
}

/// The refusal of a workbook that passes one of its `[limits]`.
pub(super) fn over_limit(file: &str, what: &str, limit: u64, key: &str) -> Problem {
    Problem::file(
        file,
        format!("{what}, over the limit of {limit} ([limits] {key}); the workbook was not read"),
    )
}

#[derive(Default)]
struct Totals {
    bytes: u64,
    cells: u64,
}

/// The parts whose contents a reader multiplies.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum PartKind {
    /// An ods workbook's sheets, all in one part.
    OdsContent,
    /// An xlsx workbook's shared strings.
    SharedStrings,
    /// One xlsx worksheet.
    Worksheet,
    Other,
}

impl PartKind {
    fn of(ods: bool, name: &str) -> PartKind {
        if ods {
            return if name == "content.xml" {
                PartKind::OdsContent
            } else {
                PartKind::Other
            };
        }
        let lower = name.to_ascii_lowercase();
        if lower.ends_with("sharedstrings.xml") {
            PartKind::SharedStrings
        } else if lower.contains("worksheets/") && lower.ends_with(".xml") {
            PartKind::Worksheet
        } else {
            PartKind::Other
        }
    }
}

/// A part measured: its unpacked bytes, the elements counted in it, and (shared strings)
/// the count its own header declares, which calamine reserves room for.
#[derive(Debug, Default, PartialEq, Eq)]
struct Measured {
    bytes: u64,
    count: u64,
    declared: u64,
}

/// Stream `part` in chunks, counting where any of `patterns` (all of one length) starts.
/// Markup cannot hold a raw `<`, so a tag's start is found by bytes alone.
fn scan(mut part: impl Read, patterns: &[&[u8]]) -> std::io::Result<Measured> {
    let keep = patterns.iter().map(|p| p.len()).max().unwrap_or(1) - 1;
    let finders: Vec<memmem::Finder> = patterns.iter().map(memmem::Finder::new).collect();
    let mut buf = vec![0u8; CHUNK + keep];
    let mut carried = 0;
    let mut measured = Measured::default();
    let mut head: Vec<u8> = Vec::new();
    loop {
        let n = part.read(&mut buf[carried..])?;
        if n == 0 {
            break;
        }
        measured.bytes += n as u64;
        let window = &buf[..carried + n];
        if head.len() < 4096 {
            head.extend_from_slice(&window[carried..][..n.min(4096 - head.len())]);
        }
        // A match cannot lie wholly in the carried bytes (shorter than any pattern), so
        // none is counted twice.
        for finder in &finders {
            measured.count += finder.find_iter(window).count() as u64;
        }
        let tail = keep.min(window.len());
        let end = carried + n;
        buf.copy_within(end - tail..end, 0);
        carried = tail;
    }
    measured.declared = declared_count(&head);
    Ok(measured)
}

/// `uniqueCount="N"` (or `count`) on a shared-strings part's `<sst>`: calamine reserves that
/// many strings before reading one.
fn declared_count(head: &[u8]) -> u64 {
    let number_after = |key: &[u8]| -> u64 {
        memmem::find(head, key)
            .map(|at| {
                head[at + key.len()..]
                    .iter()
                    .take_while(|b| b.is_ascii_digit())
                    .fold(0u64, |n, b| {
                        n.saturating_mul(10).saturating_add(u64::from(b - b'0'))
                    })
            })
            .unwrap_or(0)
    };
    number_after(b"uniqueCount=\"").max(number_after(b" count=\""))
}

/// The most rows and columns an ods sheet can have (as calamine caps them).
const ODS_MAX_ROWS: u64 = 1_048_576;
const ODS_MAX_COLUMNS: u64 = 16_384;

/// An ods `content.xml`: the cells calamine will build for its sheets, with repeated rows
/// and columns counted out: for each sheet, every distinct row up to its last value, plus
/// the rectangle from the first to the last row and column holding a value.
fn measure_ods(part: impl Read) -> std::io::Result<Measured> {
    let mut counted = CountingReader {
        inner: part,
        bytes: 0,
    };
    let mut reader = quick_xml::Reader::from_reader(BufReader::with_capacity(CHUNK, &mut counted));
    let mut buf = Vec::with_capacity(1024);
    let mut sheet = OdsSheet::default();
    let mut cells: u64 = 0;
    loop {
        buf.clear();
        let event = reader
            .read_event_into(&mut buf)
            .map_err(std::io::Error::other)?;
        match event {
            Event::Start(e) | Event::Empty(e) if e.name().as_ref() == "table:table-row" => {
                sheet.start_row(repeats(&e, "table:number-rows-repeated"));
            }
            Event::Start(e)
                if matches!(
                    e.name().as_ref(),
                    "table:table-cell" | "table:covered-table-cell"
                ) =>
            {
                sheet.cell(repeats(&e, "table:number-columns-repeated"), true);
                reader
                    .read_to_end_into(e.name(), &mut Vec::new())
                    .map_err(std::io::Error::other)?;
            }
            Event::Empty(e)
                if matches!(
                    e.name().as_ref(),
                    "table:table-cell" | "table:covered-table-cell"
                ) =>
            {
                let valued = e
                    .attributes()
                    .flatten()
                    .any(|a| matches!(a.key.as_ref(), "office:value-type" | "table:formula"));
                sheet.cell(repeats(&e, "table:number-columns-repeated"), valued);
            }
            Event::End(e) if e.name().as_ref() == "table:table-row" => sheet.end_row(),
            Event::End(e) if e.name().as_ref() == "table:table" => {
                cells = cells.saturating_add(std::mem::take(&mut sheet).cells());
            }
            Event::Eof => break,
            _ => {}
        }
    }
    drop(reader);
    Ok(Measured {
        bytes: counted.bytes,
        count: cells,
        declared: 0,
    })
}

/// A repeat count attribute (1 when absent or unreadable).
fn repeats(e: &BytesStart, key: &str) -> u64 {
    e.attributes()
        .flatten()
        .find(|a| a.key.as_ref() == key)
        .and_then(|a| a.value.trim().parse().ok())
        .unwrap_or(1)
}

/// One ods sheet as it streams by.
#[derive(Default)]
struct OdsSheet {
    /// The next row's index, repeats counted.
    row: u64,
    row_repeats: u64,
    /// The next cell's column in the current row, and the end of its last valued cell.
    col: u64,
    row_end: Option<u64>,
    first_row: Option<u64>,
    last_row_end: u64,
    first_col: Option<u64>,
    last_col_end: u64,
    /// Cells held for each distinct row element before repeats are laid out.
    distinct: u64,
}

impl OdsSheet {
    fn start_row(&mut self, repeats: u64) {
        self.row_repeats = repeats.max(1);
        self.col = 0;
        self.row_end = None;
    }

    fn cell(&mut self, repeats: u64, valued: bool) {
        let end = self.col.saturating_add(repeats.max(1)).min(ODS_MAX_COLUMNS);
        if valued {
            self.first_col = Some(self.first_col.map_or(self.col, |f| f.min(self.col)));
            self.row_end = Some(end);
            self.last_col_end = self.last_col_end.max(end);
        }
        self.col = end;
    }

    fn end_row(&mut self) {
        let end = self.row.saturating_add(self.row_repeats).min(ODS_MAX_ROWS);
        if let Some(width) = self.row_end {
            self.first_row.get_or_insert(self.row);
            self.last_row_end = end;
            self.distinct = self.distinct.saturating_add(width);
        }
        self.row = end;
    }

    fn cells(self) -> u64 {
        let Some(first) = self.first_row else {
            return 0;
        };
        let rows = self.last_row_end.saturating_sub(first);
        let cols = self
            .last_col_end
            .saturating_sub(self.first_col.unwrap_or(0));
        rows.saturating_mul(cols).saturating_add(self.distinct)
    }
}

/// Counts the bytes read through it.
struct CountingReader<R> {
    inner: R,
    bytes: u64,
}

impl<R: Read> Read for CountingReader<R> {
    fn read(&mut self, buf: &mut [u8]) -> std::io::Result<usize> {
        let n = self.inner.read(buf)?;
        self.bytes += n as u64;
        Ok(n)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn counts_tags_across_chunk_edges() {
        let mut xml = Vec::new();
        for _ in 0..50_000 {
            xml.extend_from_slice(b"<c r=\"A1\"><v>1</v></c>");
        }
        let measured = scan(&xml[..], &[b"<c ", b"<c>"]).unwrap();
        assert_eq!(measured.count, 50_000);
        assert_eq!(measured.bytes, xml.len() as u64);
    }

    #[test]
    fn a_declared_count_is_read_from_the_header() {
        let head =
            b"<?xml version=\"1.0\"?><sst xmlns=\"x\" count=\"3\" uniqueCount=\"2000000000\">";
        assert_eq!(declared_count(head), 2_000_000_000);
    }

    #[test]
    fn repeated_ods_rows_are_counted_out() {
        let content = br#"<office:document-content><office:body><office:spreadsheet>
<table:table table:name="S">
<table:table-row table:number-rows-repeated="1000000"><table:table-cell office:value-type="float" office:value="1" table:number-columns-repeated="1000"/></table:table-row>
<table:table-row table:number-rows-repeated="1048000"><table:table-cell table:number-columns-repeated="16384"/></table:table-row>
</table:table></office:spreadsheet></office:body></office:document-content>"#;
        let measured = measure_ods(&content[..]).unwrap();
        // A million rows of a thousand valued cells; the empty rows after them cost nothing.
        assert_eq!(measured.count, 1_000_000 * 1000 + 1000);
    }

    #[test]
    fn an_ordinary_ods_sheet_counts_its_cells() {
        let content = br#"<table:table table:name="S">
<table:table-row><table:table-cell office:value-type="string"><text:p>URN</text:p></table:table-cell><table:table-cell office:value-type="string"><text:p>score</text:p></table:table-cell></table:table-row>
<table:table-row><table:table-cell office:value-type="float" office:value="100001"><text:p>100001</text:p></table:table-cell><table:table-cell/></table:table-row>
<table:table-row table:number-rows-repeated="1048574"><table:table-cell table:number-columns-repeated="1024"/></table:table-row>
</table:table>"#;
        let measured = measure_ods(&content[..]).unwrap();
        assert_eq!(measured.count, 2 * 2 + 2 + 1);
    }
}
