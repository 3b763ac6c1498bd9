//! Opening an input file without trusting it: only a regular file no bigger than the limit is
//! read, and it is read as a stream whose sha256 is taken as the bytes go by, so a
//! 65 MB extract is never held whole and `/dev/zero` is refused before a byte is read.

use super::error::Problem;
use super::workbook_bounds::WorkbookLimits;
use crate::config::LimitsConfig;
use sha2::{Digest, Sha256};
use std::io::Read;
use std::path::Path;

/// A named byte stream that hashes what is read from it.
pub struct Input<'a> {
    pub name: String,
    /// For a workbook: the sheet to read (`--sheet`, `sheet = "…"`); None for the first visible.
    pub sheet: Option<String>,
    reader: Box<dyn Read + Send + 'a>,
    hasher: Sha256,
    /// Bytes read so far, and the most that may be read.
    read: u64,
    max_bytes: u64,
    /// What a workbook may unpack to (`[limits]`).
    workbook: WorkbookLimits,
}

impl<'a> Input<'a> {
    /// Open `path` if it is a regular file of at most `max_bytes`; `name` is used in messages.
    pub fn open(path: &Path, max_bytes: u64) -> Result<Input<'static>, Problem> {
        let name = path.display().to_string();
        let meta = std::fs::metadata(path).map_err(|e| {
            Problem::file(
                &name,
                if e.kind() == std::io::ErrorKind::NotFound {
                    "file not found".to_string()
                } else {
                    format!("cannot read: {e}")
                },
            )
        })?;
        if !meta.is_file() {
            let what = if meta.is_dir() {
                "a folder"
            } else {
                "a device, pipe or socket"
            };
            return Err(Problem::file(
                &name,
                format!("is {what}, not a regular file: termly reads only files"),
            ));
        }
        if meta.len() > max_bytes {
            return Err(Problem::file(
                &name,
                format!(
                    "is {} bytes, over the limit of {max_bytes} bytes ([limits] max_file_mb)",
                    meta.len()
                ),
            ));
        }
        let file = std::fs::File::open(path)
            .map_err(|e| Problem::file(&name, format!("cannot read: {e}")))?;
        // The file may grow after the check: never read past the limit.
        Ok(Input::new(
            name,
            Box::new(file.take(max_bytes.saturating_add(1))),
        ))
    }

    /// Open `path` within the configured `[limits]`: its size, and what a workbook may
    /// unpack to.
    pub fn open_within(path: &Path, limits: &LimitsConfig) -> Result<Input<'static>, Problem> {
        Ok(Input::open(path, limits.max_file_bytes())?.with_limits(limits))
    }

    /// Bytes already in memory (tests, benches, the config-free readers).
    pub fn from_bytes(name: &str, bytes: &'a [u8]) -> Input<'a> {
        Input::new(name.to_string(), Box::new(bytes))
    }

    fn new(name: String, reader: Box<dyn Read + Send + 'a>) -> Input<'a> {
        Input {
            name,
            sheet: None,
            reader,
            hasher: Sha256::new(),
            read: 0,
            max_bytes: u64::MAX,
            workbook: WorkbookLimits::default(),
        }
    }

    /// Read this sheet of a workbook (None: the first visible one).
    pub fn with_sheet(mut self, sheet: Option<String>) -> Self {
        self.sheet = sheet;
        self
    }

    /// Hold a workbook to the configured `[limits]` (the defaults otherwise).
    pub fn with_limits(mut self, limits: &LimitsConfig) -> Self {
        self.workbook = WorkbookLimits::from_config(limits);
        self
    }

    /// What a workbook read from this input may unpack to.
    pub fn workbook_limits(&self) -> WorkbookLimits {
        self.workbook
    }

    /// Read the rest of the stream (small files: TOML, whole-text readers).
    pub fn read_all(&mut self) -> Result<Vec<u8>, Problem> {
        let mut bytes = Vec::new();
        self.read_to_end(&mut bytes)
            .map_err(|e| Problem::file(&self.name, format!("cannot read: {e}")))?;
        Ok(bytes)
    }

    /// Drain what is left and give the sha256 of every byte, lower-case hex.
    pub fn finish(mut self) -> Result<String, Problem> {
        std::io::copy(&mut self, &mut std::io::sink())
            .map_err(|e| Problem::file(&self.name, format!("cannot read: {e}")))?;
        Ok(hex(&self.hasher.finalize()))
    }
}

impl Read for Input<'_> {
    fn read(&mut self, buf: &mut [u8]) -> std::io::Result<usize> {
        let n = self.reader.read(buf)?;
        self.read += n as u64;
        // The file may grow after the size was checked: never read past the limit.
        if self.read > self.max_bytes {
            return Err(std::io::Error::other(format!(
                "the file grew past the limit of {} bytes while it was read",
                self.max_bytes
            )));
        }
        self.hasher.update(&buf[..n]);
        Ok(n)
    }
}

fn hex(bytes: &[u8]) -> String {
    bytes.iter().map(|b| format!("{b:02x}")).collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn hash_covers_every_byte_read_or_not() {
        let mut input = Input::from_bytes("f", b"abc");
        let mut first = [0u8; 1];
        input.read_exact(&mut first).unwrap();
        assert_eq!(
            input.finish().unwrap(),
            "ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad"
        );
    }

    #[test]
    fn never_reads_past_the_limit() {
        let mut input = Input::from_bytes("f", b"abcdef");
        input.max_bytes = 4;
        let e = input.read_all().unwrap_err();
        assert!(e.message.contains("grew past the limit of 4 bytes"), "{e}");
    }

    #[test]
    fn folders_devices_and_big_files_are_refused_before_reading() {
        let dir = tempfile::tempdir().unwrap();
        let e = Input::open(dir.path(), 10).err().unwrap();
        assert!(e.message.contains("a folder"), "{e}");
        #[cfg(unix)]
        {
            let e = Input::open(Path::new("/dev/zero"), 10).err().unwrap();
            assert!(e.message.contains("not a regular file"), "{e}");
        }
        let big = dir.path().join("big.csv");
        std::fs::write(&big, "a,b\n1,2\n").unwrap();
        let e = Input::open(&big, 4).err().unwrap();
        assert!(e.message.contains("over the limit of 4 bytes"), "{e}");
        assert!(Input::open(&big, 8).is_ok());
        let e = Input::open(&dir.path().join("nope.csv"), 8).err().unwrap();
        assert_eq!(e.message, "file not found");
    }
}
