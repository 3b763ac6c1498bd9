//! Workbook bombs made here, each a small file that unpacks to far more than it looks: an
//! ods of repeated rows, an xlsx of millions of shared strings (and one that only claims
//! them), an xlsx whose sheet unpacks past the limit, and legacy `.xls` files patched to
//! claim every cell of a sheet, to spread two cells across it, or to claim millions of
//! shared strings. Each is imported by the real
//! binary under an address-space cap (so a regression fails rather than eating the
//! machine); the refusal must name the file and the limit, and the process's peak memory
//! (`ru_maxrss` from `wait4`) must stay under 200 MB.

use std::io::Write;
use std::path::{Path, PathBuf};
use std::process::{Command, Stdio};
use zip::write::SimpleFileOptions;

/// The most the binary may use, in kilobytes.
const PEAK_KB: i64 = 200 * 1024;
/// The address space it is given: far above the peak allowed, far below the machine.
const ADDRESS_SPACE_CAP: u64 = 4 << 30;

/// A part of a zip: its name, and what writes its bytes.
type Part<'a> = (&'a str, &'a dyn Fn(&mut dyn Write));

fn zip_of(path: &Path, parts: &[Part]) -> u64 {
    let file = std::fs::File::create(path).unwrap();
    let mut zip = zip::ZipWriter::new(file);
    let options = SimpleFileOptions::default()
        .compression_method(zip::CompressionMethod::Deflated)
        .compression_level(Some(1))
        .large_file(true);
    for (name, write) in parts {
        zip.start_file(*name, options).unwrap();
        write(&mut zip);
    }
    zip.finish().unwrap();
    std::fs::metadata(path).unwrap().len()
}

const CONTENT_TYPES: &str = r#"<?xml version="1.0" encoding="UTF-8"?><Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types"><Default Extension="rels" ContentType="application/vnd.openxmlformats-package.relationships+xml"/><Default Extension="xml" ContentType="application/xml"/><Override PartName="/xl/workbook.xml" ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.sheet.main+xml"/><Override PartName="/xl/worksheets/sheet1.xml" ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.worksheet+xml"/><Override PartName="/xl/sharedStrings.xml" ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.sharedStrings+xml"/></Types>"#;
const RELS: &str = r#"<?xml version="1.0" encoding="UTF-8"?><Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships"><Relationship Id="rId1" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/officeDocument" Target="xl/workbook.xml"/></Relationships>"#;
const WORKBOOK: &str = r#"<?xml version="1.0" encoding="UTF-8"?><workbook xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main" xmlns:r="http://schemas.openxmlformats.org/officeDocument/2006/relationships"><sheets><sheet name="Schools" sheetId="1" r:id="rId1"/></sheets></workbook>"#;
const WORKBOOK_RELS: &str = r#"<?xml version="1.0" encoding="UTF-8"?><Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships"><Relationship Id="rId1" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/worksheet" Target="worksheets/sheet1.xml"/><Relationship Id="rId2" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/sharedStrings" Target="sharedStrings.xml"/></Relationships>"#;
const SMALL_SHEET: &str = r#"<?xml version="1.0" encoding="UTF-8"?><worksheet xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main"><sheetData><row r="1"><c r="A1" t="s"><v>0</v></c></row></sheetData></worksheet>"#;

/// An xlsx whose shared strings and sheet are written by the two closures.
fn xlsx(path: &Path, strings: &dyn Fn(&mut dyn Write), sheet: &dyn Fn(&mut dyn Write)) -> u64 {
    let text = |s: &'static str| move |w: &mut dyn Write| w.write_all(s.as_bytes()).unwrap();
    zip_of(
        path,
        &[
            ("[Content_Types].xml", &text(CONTENT_TYPES)),
            ("_rels/.rels", &text(RELS)),
            ("xl/workbook.xml", &text(WORKBOOK)),
            ("xl/_rels/workbook.xml.rels", &text(WORKBOOK_RELS)),
            ("xl/sharedStrings.xml", strings),
            ("xl/worksheets/sheet1.xml", sheet),
        ],
    )
}

fn shared_strings(count: u64, declared: u64) -> impl Fn(&mut dyn Write) {
    move |w: &mut dyn Write| {
        write!(
            w,
            r#"<?xml version="1.0" encoding="UTF-8"?><sst xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main" count="{declared}" uniqueCount="{declared}">"#
        )
        .unwrap();
        let one = b"<si><t>URN</t></si>".repeat(1000);
        for _ in 0..count / 1000 {
            w.write_all(&one).unwrap();
        }
        w.write_all(b"</sst>").unwrap();
    }
}

/// The binary's import of `file` as the register, capped; its stderr and peak memory (KB).
// The child is reaped by `wait4` (which gives its peak memory), not by `Child::wait`.
#[allow(clippy::zombie_processes)]
fn import_capped(dir: &Path, file: &Path) -> (bool, String, i64) {
    use std::io::Read;
    use std::os::unix::process::CommandExt;
    let mut cmd = Command::new(env!("CARGO_BIN_EXE_termly"));
    if dir.join("termly.toml").exists() {
        cmd.arg("--config").arg(dir.join("termly.toml"));
    }
    cmd.current_dir(dir)
        .arg("--database")
        .arg(dir.join("t.db"))
        .arg("import")
        .arg("--register")
        .arg(file)
        .stdout(Stdio::null())
        .stderr(Stdio::piped());
    // SAFETY: setrlimit is async-signal-safe; nothing else runs between fork and exec.
    unsafe {
        cmd.pre_exec(|| {
            let cap = libc::rlimit {
                rlim_cur: ADDRESS_SPACE_CAP,
                rlim_max: ADDRESS_SPACE_CAP,
            };
            if libc::setrlimit(libc::RLIMIT_AS, &cap) != 0 {
                return Err(std::io::Error::last_os_error());
            }
            Ok(())
        });
    }
    let mut child = cmd.spawn().unwrap();
    let mut stderr = String::new();
    child
        .stderr
        .take()
        .unwrap()
        .read_to_string(&mut stderr)
        .unwrap();
    let pid = child.id() as libc::pid_t;
    let mut status = 0;
    // SAFETY: a zeroed rusage is valid; wait4 fills it for the child just spawned.
    let mut usage: libc::rusage = unsafe { std::mem::zeroed() };
    let waited = unsafe { libc::wait4(pid, &mut status, 0, &mut usage) };
    assert_eq!(waited, pid);
    let success = libc::WIFEXITED(status) && libc::WEXITSTATUS(status) == 0;
    // Linux gives ru_maxrss in kilobytes.
    (success, stderr, usage.ru_maxrss)
}

fn refused_within_memory(dir: &Path, file: &Path, limit: &str) -> i64 {
    let (ok, stderr, peak_kb) = import_capped(dir, file);
    let name = file.display().to_string();
    assert!(!ok, "{name} was accepted");
    assert!(
        stderr.contains(&name),
        "the refusal names the file: {stderr}"
    );
    assert!(
        stderr.contains(limit),
        "the refusal names {limit}: {stderr}"
    );
    assert!(
        peak_kb < PEAK_KB,
        "{name}: peak memory {} MB, over 200 MB",
        peak_kb / 1024
    );
    eprintln!(
        "{}: {} bytes on disk, refused naming {limit}, peak memory {} MB",
        file.file_name().unwrap().to_string_lossy(),
        std::fs::metadata(file).unwrap().len(),
        peak_kb / 1024
    );
    peak_kb
}

fn bomb_dir() -> (tempfile::TempDir, PathBuf) {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().to_path_buf();
    (dir, path)
}

#[test]
fn an_ods_of_repeated_rows_is_refused_within_memory() {
    let (_keep, dir) = bomb_dir();
    let bomb = dir.join("repeated.ods");
    let content = |w: &mut dyn Write| {
        w.write_all(
            br#"<?xml version="1.0" encoding="UTF-8"?><office:document-content xmlns:office="urn:oasis:names:tc:opendocument:xmlns:office:1.0" xmlns:table="urn:oasis:names:tc:opendocument:xmlns:table:1.0" xmlns:text="urn:oasis:names:tc:opendocument:xmlns:text:1.0"><office:body><office:spreadsheet><table:table table:name="Schools"><table:table-row table:number-rows-repeated="99000"><table:table-cell office:value-type="string" table:number-columns-repeated="1000"><text:p>URN</text:p></table:table-cell></table:table-row></table:table></office:spreadsheet></office:body></office:document-content>"#,
        )
        .unwrap()
    };
    let mimetype = |w: &mut dyn Write| {
        w.write_all(b"application/vnd.oasis.opendocument.spreadsheet")
            .unwrap()
    };
    let manifest = |w: &mut dyn Write| {
        w.write_all(br#"<?xml version="1.0" encoding="UTF-8"?><manifest:manifest xmlns:manifest="urn:oasis:names:tc:opendocument:xmlns:manifest:1.0" manifest:version="1.2"><manifest:file-entry manifest:full-path="/" manifest:media-type="application/vnd.oasis.opendocument.spreadsheet"/><manifest:file-entry manifest:full-path="content.xml" manifest:media-type="text/xml"/></manifest:manifest>"#)
            .unwrap()
    };
    // 99 million cells: under calamine's own cap of 100 million, which it then reserves
    // room for (over 3 GB) before reading a cell.
    let size = zip_of(
        &bomb,
        &[
            ("mimetype", &mimetype),
            ("META-INF/manifest.xml", &manifest),
            ("content.xml", &content),
        ],
    );
    assert!(size < 2048, "a small file: {size} bytes");
    refused_within_memory(&dir, &bomb, "[limits] max_cells");
}

#[test]
fn millions_of_shared_strings_are_refused_within_memory() {
    let (_keep, dir) = bomb_dir();
    let many = dir.join("strings.xlsx");
    let sheet = |w: &mut dyn Write| w.write_all(SMALL_SHEET.as_bytes()).unwrap();
    xlsx(&many, &shared_strings(5_000_000, 5_000_000), &sheet);
    refused_within_memory(&dir, &many, "[limits] max_shared_strings");
    // Claimed only: calamine would reserve room for two thousand million strings.
    let claimed = dir.join("claimed.xlsx");
    xlsx(&claimed, &shared_strings(1000, 2_000_000_000), &sheet);
    refused_within_memory(&dir, &claimed, "[limits] max_shared_strings");
}

#[test]
fn a_sheet_that_unpacks_past_the_limit_is_refused_within_memory() {
    let (_keep, dir) = bomb_dir();
    let big = dir.join("big-sheet.xlsx");
    let strings = shared_strings(1000, 1000);
    // A lower limit than the default 256 MB keeps the test quick; the reading is the same.
    std::fs::write(dir.join("termly.toml"), "[limits]\nmax_unpacked_mb = 64\n").unwrap();
    // 80 MB of rows, each a few cells, past the limit.
    let sheet = |w: &mut dyn Write| {
        w.write_all(br#"<?xml version="1.0" encoding="UTF-8"?><worksheet xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main"><sheetData>"#).unwrap();
        let row =
            br#"<row><c t="s"><v>0</v></c><c><v>1</v></c><c><v>2</v></c><c><v>3</v></c></row>"#;
        let block = row.repeat(10_000);
        let mut written = 0;
        while written < 80 << 20 {
            w.write_all(&block).unwrap();
            written += block.len();
        }
        w.write_all(b"</sheetData></worksheet>").unwrap();
    };
    let size = xlsx(&big, &strings, &sheet);
    assert!(size < 8 << 20, "a small file: {size} bytes");
    refused_within_memory(&dir, &big, "[limits] max_unpacked_mb");
}

/// The real `.xls` fixture with `edits` (offset, bytes) made, written to `path`.
fn patched_xls(path: &Path, edits: &[(usize, &[u8])]) {
    let fixture = Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/data/workbooks/attendance.xls");
    let mut bytes = std::fs::read(fixture).unwrap();
    for (at, with) in edits {
        bytes[*at..*at + with.len()].copy_from_slice(with);
    }
    std::fs::write(path, bytes).unwrap();
}

#[test]
fn xls_bombs_are_refused_within_memory() {
    let (_keep, dir) = bomb_dir();
    // Where the fixture's records are (see the unit tests in src/ingest/xls_bounds.rs): the
    // first sheet's DIMENSIONS record, the SST's and the title cell's (A1).
    const DIMENSIONS_AT: usize = 1723;
    const SST_AT: usize = 1461;
    const TITLE_AT: usize = 1937;
    let every_cell = dir.join("every-cell.xls");
    let mut dims = [0u8; 12];
    dims[4..8].copy_from_slice(&65_536u32.to_le_bytes());
    dims[10..12].copy_from_slice(&256u16.to_le_bytes());
    patched_xls(&every_cell, &[(DIMENSIONS_AT + 4, &dims)]);
    refused_within_memory(&dir, &every_cell, "[limits] max_cells");
    // Four thousand million rows claimed: calamine would try to reserve terabytes.
    let endless = dir.join("endless-rows.xls");
    dims[4..8].copy_from_slice(&u32::MAX.to_le_bytes());
    patched_xls(&endless, &[(DIMENSIONS_AT + 4, &dims)]);
    refused_within_memory(&dir, &endless, "[limits] max_cells");
    // The title moved to IV65536, the sheet's own claim left alone: calamine would lay out
    // the 16.7 million cells between as a dense grid.
    let spread = dir.join("spread.xls");
    patched_xls(&spread, &[(TITLE_AT + 4, &[0xFF, 0xFF, 0xFF, 0x00])]);
    refused_within_memory(&dir, &spread, "[limits] max_cells");
    let strings = dir.join("strings.xls");
    patched_xls(&strings, &[(SST_AT + 8, &5_000_000u32.to_le_bytes())]);
    refused_within_memory(&dir, &strings, "[limits] max_shared_strings");
}
