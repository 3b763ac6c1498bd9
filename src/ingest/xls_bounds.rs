//! A legacy `.xls` workbook (BIFF8 in a compound file) measured before calamine reads it.
//! calamine reserves room for every cell a sheet's DIMENSIONS record claims and lays each
//! sheet out densely from its first to its last cell, for every sheet, as it opens the file:
//! a few kilobytes claiming 65,536 rows by 256 columns would take gigabytes. Here the
//! container is read without trusting it ([`compound_file`]), the workbook stream's records
//! are walked where they lie, and the file is refused, naming it and the limit (`[limits]`),
//! before calamine builds anything from it.
//!
//! [`compound_file`]: super::compound_file

use super::compound_file::{u16_le, u32_le, Container, Malformed, Stream};
use super::error::Problem;
use super::workbook_bounds::{over_limit, WorkbookLimits};
use super::xls_strings;
use std::collections::HashMap;

// BIFF record types (MS-XLS 2.3).
const EOF: u16 = 0x000A;
const BOF: u16 = 0x0809;
const BOUND_SHEET: u16 = 0x0085;
const SST: u16 = 0x00FC;
const CONTINUE: u16 = 0x003C;
const DIMENSIONS: u16 = 0x0200;
const FORMULA: u16 = 0x0006;
const FORMULA_STRING: u16 = 0x0207;
const MUL_RK: u16 = 0x00BD;
const LABEL_SST: u16 = 0x00FD;
/// Records of one cell, each starting with its row and column (u16 each): NUMBER, LABEL,
/// RSTRING, BOOLERR, RK (and LABELSST, measured apart).
const ONE_CELL: [u16; 5] = [0x0203, 0x0204, 0x00D6, 0x0205, 0x027E];

/// Refuse the `.xls` workbook in `bytes` if calamine would build more from it than `limits`
/// allow, or if its container cannot be read safely.
pub(super) fn check(file: &str, bytes: &[u8], limits: &WorkbookLimits) -> Result<(), Problem> {
    measure(bytes, limits).map_err(|refusal| match refusal {
        Refusal::Malformed(m) => Problem::file(file, format!("cannot read the workbook: {m}")),
        Refusal::Over { what, limit, key } => over_limit(file, &what, limit, key),
    })
}

#[derive(Debug)]
enum Refusal {
    Malformed(Malformed),
    Over {
        what: String,
        limit: u64,
        key: &'static str,
    },
}

impl From<Malformed> for Refusal {
    fn from(m: Malformed) -> Refusal {
        Refusal::Malformed(m)
    }
}

fn measure(bytes: &[u8], limits: &WorkbookLimits) -> Result<(), Refusal> {
    let unpacked_mb = limits.unpacked_bytes / (1024 * 1024);
    let over_unpacked = |what: String| Refusal::Over {
        what,
        limit: unpacked_mb,
        key: "max_unpacked_mb (megabytes)",
    };
    let container = Container::open(bytes)?;
    // calamine's names for the stream: Excel 97 and later, then Excel 5.
    let entry = match container.find("Workbook")? {
        Some(entry) => entry,
        None => container
            .find("Book")?
            .ok_or_else(|| Malformed("it has no Workbook stream".into()))?,
    };
    // calamine copies the stream whole: its claimed length is refused before anything.
    if entry.len > limits.unpacked_bytes {
        return Err(over_unpacked(format!(
            "its workbook stream is {} MB",
            entry.len / (1024 * 1024)
        )));
    }
    let stream = container.open_stream(entry)?;
    let globals = Globals::read(&stream)?;
    if globals.shared_string_bytes > limits.shared_string_bytes {
        return Err(Refusal::Over {
            what: format!(
                "its shared strings take {} MB",
                globals.shared_string_bytes / (1024 * 1024)
            ),
            limit: limits.shared_string_bytes / (1024 * 1024),
            key: "max_shared_string_mb (megabytes)",
        });
    }
    // What the table claims, or what it holds, whichever is more.
    let held = globals.strings_held(&stream, limits.shared_strings)?;
    let strings = globals.shared_strings.max(held.count);
    if strings > limits.shared_strings {
        return Err(Refusal::Over {
            what: format!("it holds {strings} shared strings"),
            limit: limits.shared_strings,
            key: "max_shared_strings",
        });
    }
    // calamine reads every sheet as it opens the file, and a sheet once per BOUNDSHEET
    // record pointing at it: each is counted as often as it is read, and walked once.
    // Each cell showing a shared string gets its own copy of the text.
    let mut measured: HashMap<u64, (u64, u64)> = HashMap::new();
    let mut walked: u64 = 0;
    let mut cells: u64 = 0;
    let mut text: u64 = 0;
    for start in globals.sheets {
        let (claimed, copied) = match measured.get(&start) {
            Some(sheet) => *sheet,
            None => {
                let sheet = SheetCells::read(&stream, start, &held.bytes)?;
                walked = walked.saturating_add(sheet.bytes);
                if walked > limits.unpacked_bytes {
                    return Err(over_unpacked(format!(
                        "its sheets come to more than {unpacked_mb} MB"
                    )));
                }
                measured.insert(start, (sheet.claimed(), sheet.text));
                (sheet.claimed(), sheet.text)
            }
        };
        text = text.saturating_add(copied);
        if text > limits.unpacked_bytes {
            return Err(over_unpacked(format!(
                "the text of its cells comes to more than {unpacked_mb} MB"
            )));
        }
        cells = cells.saturating_add(claimed);
        if cells > limits.cells {
            return Err(Refusal::Over {
                what: format!("its sheets claim more than {} cells", limits.cells),
                limit: limits.cells,
                key: "max_cells",
            });
        }
    }
    Ok(())
}

/// One BIFF record: its type, its length and where its data starts in the stream.
#[derive(Debug, Clone, Copy)]
struct Record {
    kind: u16,
    len: u16,
    at: u64,
}

/// The records of a stream from an offset, read a header at a time. A record cut short by
/// the stream's end ends the walk: calamine refuses such a stream itself.
struct Records<'s> {
    stream: &'s Stream<'s>,
    next: u64,
}

impl<'s> Records<'s> {
    fn from(stream: &'s Stream<'s>, start: u64) -> Records<'s> {
        Records {
            stream,
            next: start,
        }
    }

    fn next(&mut self) -> Result<Option<Record>, Malformed> {
        if self.next.saturating_add(4) > self.stream.len {
            return Ok(None);
        }
        let mut head = [0u8; 4];
        self.stream.read_at(self.next, &mut head)?;
        let record = Record {
            kind: u16::from_le_bytes([head[0], head[1]]),
            len: u16::from_le_bytes([head[2], head[3]]),
            at: self.next + 4,
        };
        let end = record.at + u64::from(record.len);
        if end > self.stream.len {
            return Ok(None);
        }
        self.next = end;
        Ok(Some(record))
    }

    /// The first `N` bytes of `record`'s data, or None when it is shorter.
    fn head<const N: usize>(&self, record: &Record) -> Result<Option<[u8; N]>, Malformed> {
        if usize::from(record.len) < N {
            return Ok(None);
        }
        let mut data = [0u8; N];
        self.stream.read_at(record.at, &mut data)?;
        Ok(Some(data))
    }
}

/// What the workbook's globals say: where each sheet starts and its shared strings.
struct Globals {
    sheets: Vec<u64>,
    shared_strings: u64,
    shared_string_bytes: u64,
    /// The SST record and the CONTINUE records after it.
    string_records: Vec<Record>,
}

impl Globals {
    fn read(stream: &Stream) -> Result<Globals, Malformed> {
        let mut globals = Globals {
            sheets: Vec::new(),
            shared_strings: 0,
            shared_string_bytes: 0,
            string_records: Vec::new(),
        };
        let mut records = Records::from(stream, 0);
        let mut in_strings = false;
        while let Some(record) = records.next()? {
            // The shared strings run on through the CONTINUE records after them.
            in_strings &= record.kind == CONTINUE;
            if in_strings {
                globals.shared_string_bytes += u64::from(record.len);
                globals.string_records.push(record);
            }
            match record.kind {
                BOUND_SHEET => {
                    // calamine reads the first six bytes, and the sheet from where they say.
                    let head = records.head::<6>(&record)?.ok_or_else(|| {
                        Malformed("a sheet's BOUNDSHEET record is cut short".into())
                    })?;
                    let start = u64::from(u32_le(&head, 0));
                    if start > stream.len {
                        return Err(Malformed(format!(
                            "a sheet starts at byte {start}, past the end of the workbook \
                             stream ({} bytes)",
                            stream.len
                        )));
                    }
                    globals.sheets.push(start);
                }
                SST => {
                    // Both counts, as for an xlsx: the strings (cstUnique) and the cells
                    // that use them (cstTotal).
                    if let Some(head) = records.head::<8>(&record)? {
                        let total = u64::from(u32_le(&head, 0));
                        let unique = u64::from(u32_le(&head, 4));
                        globals.shared_strings = globals.shared_strings.max(total.max(unique));
                    }
                    // calamine keeps the last table it reads.
                    globals.shared_string_bytes = u64::from(record.len);
                    globals.string_records = vec![record];
                    in_strings = true;
                }
                EOF => break,
                _ => {}
            }
        }
        Ok(globals)
    }

    /// The strings the shared-string table holds, counted as calamine reads them (its
    /// bytes, already within `[limits]`, are read here a record at a time).
    fn strings_held(&self, stream: &Stream, most: u64) -> Result<xls_strings::Held, Malformed> {
        let mut chunks = Vec::with_capacity(self.string_records.len());
        for (i, record) in self.string_records.iter().enumerate() {
            let mut data = vec![0u8; usize::from(record.len)];
            stream.read_at(record.at, &mut data)?;
            // The table's own two counts come before its first string.
            if i == 0 {
                data.drain(..data.len().min(8));
            }
            chunks.push(data);
        }
        Ok(xls_strings::count(&chunks, most))
    }
}

/// One sheet's records as calamine reads them: the cells its DIMENSIONS records claim,
/// the cell records it holds, and the rectangles its values and formulas span.
#[derive(Default)]
struct SheetCells {
    /// The bytes of its records.
    bytes: u64,
    dimensions: u64,
    records: u64,
    values: Span,
    formulas: Span,
    /// The bytes of the shared strings its cells show.
    text: u64,
}

impl SheetCells {
    fn read(stream: &Stream, start: u64, strings: &[u32]) -> Result<SheetCells, Malformed> {
        let mut sheet = SheetCells::default();
        let mut records = Records::from(stream, start);
        // Charts and other substreams nested in the sheet are skipped, as calamine does.
        let mut seen_bof = false;
        let mut depth = 0usize;
        while let Some(record) = records.next()? {
            sheet.bytes += 4 + u64::from(record.len);
            if depth > 0 {
                match record.kind {
                    BOF => depth += 1,
                    EOF => depth -= 1,
                    _ => {}
                }
                continue;
            }
            match record.kind {
                BOF if seen_bof => depth += 1,
                BOF => seen_bof = true,
                // calamine refuses a DIMENSIONS record longer than 16 bytes itself.
                DIMENSIONS if record.len <= 16 => {
                    let mut data = [0u8; 16];
                    let data = &mut data[..usize::from(record.len)];
                    stream.read_at(record.at, data)?;
                    sheet.dimensions = sheet.dimensions.max(claimed_by_dimensions(data)?);
                }
                kind if ONE_CELL.contains(&kind) || kind == FORMULA => {
                    if let Some(head) = records.head::<4>(&record)? {
                        let (row, col) = (u16_le(&head, 0), u16_le(&head, 2));
                        sheet.count_cell(row, col);
                        if kind == FORMULA {
                            sheet.formulas.add(row, col, col);
                        }
                    }
                }
                // A formula's text value, placed at the formula before it.
                FORMULA_STRING => sheet.records += 1,
                LABEL_SST if record.len >= 10 => {
                    let head = records.head::<10>(&record)?.unwrap_or_default();
                    let index = u32_le(&head, 6) as usize;
                    sheet.text += u64::from(strings.get(index).copied().unwrap_or(0));
                    sheet.count_cell(u16_le(&head, 0), u16_le(&head, 2));
                }
                MUL_RK if record.len >= 6 => {
                    let mut first = [0u8; 4];
                    let mut last = [0u8; 2];
                    stream.read_at(record.at, &mut first)?;
                    stream.read_at(record.at + u64::from(record.len) - 2, &mut last)?;
                    let (row, from, to) = (u16_le(&first, 0), u16_le(&first, 2), u16_le(&last, 0));
                    if to >= from {
                        sheet.records += u64::from(to - from) + 1;
                        sheet.values.add(row, from, to);
                    }
                }
                EOF => break,
                _ => {}
            }
        }
        Ok(sheet)
    }

    fn count_cell(&mut self, row: u16, col: u16) {
        self.records += 1;
        self.values.add(row, col, col);
    }

    /// The most cells calamine holds for the sheet at once.
    fn claimed(&self) -> u64 {
        self.dimensions
            .max(self.records)
            .max(self.values.cells())
            .max(self.formulas.cells())
    }
}

/// The rectangle from the first to the last row and column a sheet's cells are at.
#[derive(Default)]
struct Span(Option<(u16, u16, u16, u16)>);

impl Span {
    fn add(&mut self, row: u16, from: u16, to: u16) {
        self.0 = Some(match self.0 {
            None => (row, row, from, to),
            Some((top, bottom, left, right)) => {
                (top.min(row), bottom.max(row), left.min(from), right.max(to))
            }
        });
    }

    fn cells(&self) -> u64 {
        self.0.map_or(0, |(top, bottom, left, right)| {
            (u64::from(bottom - top) + 1) * (u64::from(right - left) + 1)
        })
    }
}

/// The cells calamine reserves for a DIMENSIONS record: 14 bytes (BIFF8, sometimes 16) of
/// rows as u32, or 10 (BIFF5) of u16, with its first row and column and one past its last.
fn claimed_by_dimensions(data: &[u8]) -> Result<u64, Malformed> {
    let (first_row, row_end, mut first_col, col_end) = match data.len() {
        10 => (
            u32::from(u16_le(data, 0)),
            u32::from(u16_le(data, 2)),
            u32::from(u16_le(data, 4)),
            u32::from(u16_le(data, 6)),
        ),
        14 | 16 => (
            u32_le(data, 0),
            u32_le(data, 4),
            u32::from(u16_le(data, 8)),
            u32::from(u16_le(data, 10)),
        ),
        // calamine refuses any other length itself.
        _ => return Ok(0),
    };
    // As calamine reads it: a first column past Excel's 256, or after the last, means 0.
    if first_col > 0xFF || col_end < first_col {
        first_col = 0;
    }
    if row_end == 0 || col_end == 0 {
        return Ok(1);
    }
    // calamine's arithmetic would wrap (or stop termly) on a range that runs backwards.
    if first_row >= row_end || first_col >= col_end {
        return Err(Malformed(format!(
            "a sheet's DIMENSIONS record runs backwards (rows {first_row} to {row_end}, \
             columns {first_col} to {col_end})"
        )));
    }
    Ok(u64::from(row_end - first_row) * u64::from(col_end - first_col))
}

#[cfg(test)]
mod tests {
    use super::*;

    /// A real workbook written by xlwt (see `tests/data/workbooks/README.md`).
    const FIXTURE: &[u8] = include_bytes!("../../tests/data/workbooks/attendance.xls");
    /// Where its records are in the file: the first sheet's DIMENSIONS (rows 0 to 7,
    /// columns 0 to 4), the SST's (12 uses of 9 strings) and the title cell's (A1).
    const DIMENSIONS_AT: usize = 1723;
    const SST_AT: usize = 1461;
    const TITLE_AT: usize = 1937;

    fn patched(edits: &[(usize, &[u8])]) -> Vec<u8> {
        let mut bytes = FIXTURE.to_vec();
        for (at, with) in edits {
            bytes[*at..*at + with.len()].copy_from_slice(with);
        }
        bytes
    }

    fn refusal(bytes: &[u8]) -> String {
        check("t.xls", bytes, &WorkbookLimits::default())
            .expect_err("refused")
            .to_string()
    }

    #[test]
    fn the_fixture_is_measured_as_it_is() {
        assert_eq!(
            FIXTURE[DIMENSIONS_AT..DIMENSIONS_AT + 4],
            [0x00, 0x02, 14, 0]
        );
        assert_eq!(FIXTURE[SST_AT..SST_AT + 2], [0xFC, 0x00]);
        let container = Container::open(FIXTURE).unwrap();
        let stream = container
            .open_stream(container.find("Workbook").unwrap().unwrap())
            .unwrap();
        let globals = Globals::read(&stream).unwrap();
        assert_eq!(globals.sheets, [1123, 1813]);
        assert_eq!(globals.shared_strings, 12);
        assert_eq!(globals.shared_string_bytes, 166);
        let held = globals.strings_held(&stream, 100).unwrap();
        assert_eq!(held.count, 9);
        let first = SheetCells::read(&stream, 1123, &held.bytes).unwrap();
        // Its strings: the title, four headers, three comments and one URN as text.
        assert_eq!(first.text, 40 + 3 + 5 + 7 + 22 + 22 + 6 + 20 + 6);
        // Nine cells showing strings, each copied: had each string been a megabyte.
        let megabytes = SheetCells::read(&stream, 1123, &[1 << 20; 9]).unwrap();
        assert_eq!(megabytes.text, 9 << 20);
        // A title in A1, then a header and four rows of four columns, one comment blank.
        assert_eq!(
            (first.dimensions, first.records),
            (7 * 4, 1 + 4 + 4 * 4 - 1)
        );
        assert_eq!(first.claimed(), 28);
        assert_eq!(
            SheetCells::read(&stream, 1813, &held.bytes)
                .unwrap()
                .claimed(),
            4 * 3
        );
        check("t.xls", FIXTURE, &WorkbookLimits::default()).unwrap();
    }

    #[test]
    fn a_sheet_claiming_every_cell_is_refused() {
        // 65,536 rows by 256 columns: 16.7 million cells in 14 bytes.
        let mut dims = [0u8; 12];
        dims[4..8].copy_from_slice(&65_536u32.to_le_bytes());
        dims[10..12].copy_from_slice(&256u16.to_le_bytes());
        let said = refusal(&patched(&[(DIMENSIONS_AT + 4, &dims)]));
        assert_eq!(
            said,
            "t.xls: its sheets claim more than 750000 cells, over the limit of 750000 \
             ([limits] max_cells); the workbook was not read"
        );
        // The most rows a u32 can claim.
        dims[4..8].copy_from_slice(&u32::MAX.to_le_bytes());
        assert!(refusal(&patched(&[(DIMENSIONS_AT + 4, &dims)])).contains("max_cells"));
    }

    #[test]
    fn a_sheet_whose_cells_lie_far_apart_is_refused() {
        // The title moved from A1 to IV65536: calamine lays out every cell between.
        let far = [0xFF, 0xFF, 0xFF, 0x00];
        let said = refusal(&patched(&[(TITLE_AT + 4, &far)]));
        assert!(said.contains("[limits] max_cells"), "{said}");
    }

    #[test]
    fn a_sheet_read_many_times_counts_each_time() {
        let limits = WorkbookLimits {
            cells: 50,
            ..WorkbookLimits::default()
        };
        // 28 cells and 12.
        check("t.xls", FIXTURE, &limits).unwrap();
        // The second BOUNDSHEET (at 1443) pointed at the first sheet: 28 cells twice.
        let first = 1123u32.to_le_bytes();
        let twice = patched(&[(1443 + 4, &first)]);
        let said = check("t.xls", &twice, &limits).unwrap_err().to_string();
        assert!(said.contains("[limits] max_cells"), "{said}");
    }

    #[test]
    fn a_range_that_runs_backwards_is_refused() {
        // First row 9, one past the last row 7.
        let said = refusal(&patched(&[(DIMENSIONS_AT + 4, &9u32.to_le_bytes())]));
        assert!(said.contains("DIMENSIONS record runs backwards"), "{said}");
    }

    #[test]
    fn millions_of_shared_strings_claimed_or_held_are_refused() {
        let said = refusal(&patched(&[(SST_AT + 8, &5_000_000u32.to_le_bytes())]));
        assert_eq!(
            said,
            "t.xls: it holds 5000000 shared strings, over the limit of 500000 \
             ([limits] max_shared_strings); the workbook was not read"
        );
        // The fixture's nine strings, held to eight.
        let limits = WorkbookLimits {
            shared_strings: 8,
            ..WorkbookLimits::default()
        };
        let said = check("t.xls", FIXTURE, &limits).unwrap_err().to_string();
        assert!(said.contains("it holds 12 shared strings"), "{said}");
        let limits = WorkbookLimits {
            shared_string_bytes: 100,
            ..WorkbookLimits::default()
        };
        let said = check("t.xls", FIXTURE, &limits).unwrap_err().to_string();
        assert!(said.contains("[limits] max_shared_string_mb"), "{said}");
    }

    #[test]
    fn a_workbook_stream_over_the_unpacked_limit_is_refused() {
        let limits = WorkbookLimits {
            unpacked_bytes: 4095,
            ..WorkbookLimits::default()
        };
        let said = check("t.xls", FIXTURE, &limits).unwrap_err().to_string();
        assert!(said.contains("[limits] max_unpacked_mb"), "{said}");
        // The stream's length (directory entry 1) claimed as 3 GB.
        let claimed = patched(&[(10 * 512 + 128 + 120, &(3u32 << 30).to_le_bytes())]);
        assert!(refusal(&claimed).contains("its workbook stream is 3072 MB"));
    }

    #[test]
    fn a_sheet_past_the_stream_or_a_cut_boundsheet_is_refused() {
        let said = refusal(&patched(&[(1421 + 4, &9_999u32.to_le_bytes())]));
        assert!(
            said.contains("past the end of the workbook stream"),
            "{said}"
        );
        // A BOUNDSHEET of 2 bytes (its record's length), which calamine would index past.
        let said = refusal(&patched(&[(1421 + 2, &[2, 0])]));
        assert!(said.contains("BOUNDSHEET record is cut short"), "{said}");
    }

    #[test]
    fn no_cut_or_changed_byte_makes_it_panic() {
        for len in 0..FIXTURE.len() {
            let _ = check("t.xls", &FIXTURE[..len], &WorkbookLimits::default());
        }
        for at in 0..FIXTURE.len() {
            for value in [0x00, 0x7F, 0xFF] {
                let mut bytes = FIXTURE.to_vec();
                bytes[at] = value;
                let _ = check("t.xls", &bytes, &WorkbookLimits::default());
            }
        }
    }
}
