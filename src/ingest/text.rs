//! Turning a file's bytes into text. UTF-8 (with or without a byte-order mark) is used as
//! is; anything else is read as Windows-1252, the encoding of GIAS extracts. A UTF-8 BOM
//! declares UTF-8, so invalid UTF-8 after one is an error rather than a guess. NUL bytes
//! (UTF-16 files, binaries) and bytes Windows-1252 leaves undefined are errors naming the line.
//! Line endings (LF, CRLF or a lone CR) all become LF.

use super::error::Problem;
use sha2::{Digest, Sha256};

const UTF8_BOM: &[u8] = b"\xEF\xBB\xBF";

/// Decode `bytes` read from `file` (the name used in messages).
pub fn decode(file: &str, bytes: &[u8]) -> Result<String, Problem> {
    if bytes.starts_with(b"\xFF\xFE") || bytes.starts_with(b"\xFE\xFF") {
        return Err(Problem::line(
            file,
            1,
            "the file is UTF-16; save it as UTF-8 (CSV UTF-8) or Windows-1252",
        ));
    }
    let (body, declared_utf8) = match bytes.strip_prefix(UTF8_BOM) {
        Some(rest) => (rest, true),
        None => (bytes, false),
    };
    if let Some(at) = body.iter().position(|&b| b == 0) {
        return Err(Problem::line(
            file,
            line_of(body, at),
            "contains a NUL byte: this is not a text file in UTF-8 or Windows-1252",
        ));
    }
    let text = match std::str::from_utf8(body) {
        Ok(text) => text.to_string(),
        Err(e) if declared_utf8 => {
            return Err(Problem::line(
                file,
                line_of(body, e.valid_up_to()),
                format!(
                "invalid UTF-8 (byte 0x{:02X}) in a file marked as UTF-8 by its byte-order mark",
                body[e.valid_up_to()]
            ),
            ))
        }
        Err(e) => {
            // Real UTF-8 characters beside bytes that are not UTF-8: two encodings pasted
            // together. Guessing either way would garble names, so say so.
            if let Some(utf8_at) = first_utf8_sequence(body) {
                return Err(Problem::line(
                    file,
                    line_of(body, e.valid_up_to()),
                    format!(
                        "mixed encodings: UTF-8 text (line {}) and bytes that are not UTF-8 (byte 0x{:02X}); save the file again as UTF-8",
                        line_of(body, utf8_at),
                        body[e.valid_up_to()]
                    ),
                ));
            }
            // Windows-1252 leaves five bytes undefined; WHATWG decodes them to C1 controls.
            if let Some(at) = body
                .iter()
                .position(|b| matches!(b, 0x81 | 0x8D | 0x8F | 0x90 | 0x9D))
            {
                return Err(Problem::line(
                    file,
                    line_of(body, at),
                    format!(
                        "byte 0x{:02X} is neither UTF-8 nor Windows-1252; save the file as UTF-8",
                        body[at]
                    ),
                ));
            }
            let (text, _) = encoding_rs::WINDOWS_1252.decode_without_bom_handling(body);
            text.into_owned()
        }
    };
    Ok(normalize_newlines(&text))
}

/// Decodes a streamed CSV one field at a time. A file is UTF-8 if every field is; a field
/// that is not UTF-8 is Windows-1252, unless a byte-order mark declared UTF-8. Meeting both
/// real UTF-8 and Windows-1252 in one file is the same "mixed encodings" error as [`decode`].
#[derive(Debug, Default)]
pub struct FieldDecoder {
    /// A UTF-8 byte-order mark began the file.
    pub declared_utf8: bool,
    /// Line of the first field holding non-ASCII UTF-8.
    utf8_line: Option<u64>,
    /// Line of the first field decoded as Windows-1252.
    cp1252_line: Option<u64>,
}

impl FieldDecoder {
    /// A decoder for a file that did (`true`) or did not begin with a UTF-8 byte-order mark.
    pub fn new(declared_utf8: bool) -> FieldDecoder {
        FieldDecoder {
            declared_utf8,
            ..FieldDecoder::default()
        }
    }

    /// The text of one field found on `line` of `file`.
    pub fn decode(&mut self, file: &str, line: u64, bytes: &[u8]) -> Result<String, Problem> {
        if bytes.contains(&0) {
            return Err(Problem::line(
                file,
                line,
                "contains a NUL byte: this is not a text file in UTF-8 or Windows-1252",
            ));
        }
        match std::str::from_utf8(bytes) {
            Ok(text) => {
                if !text.is_ascii() {
                    self.utf8_line.get_or_insert(line);
                    self.check_mixed(file, line)?;
                }
                Ok(text.to_string())
            }
            Err(e) => {
                let bad = bytes[e.valid_up_to()];
                if self.declared_utf8 {
                    return Err(Problem::line(
                        file,
                        line,
                        format!("invalid UTF-8 (byte 0x{bad:02X}) in a file marked as UTF-8 by its byte-order mark"),
                    ));
                }
                if first_utf8_sequence(bytes).is_some() {
                    self.utf8_line.get_or_insert(line);
                }
                self.cp1252_line.get_or_insert(line);
                self.check_mixed(file, line)?;
                if let Some(&b) = bytes
                    .iter()
                    .find(|b| matches!(b, 0x81 | 0x8D | 0x8F | 0x90 | 0x9D))
                {
                    return Err(Problem::line(
                        file,
                        line,
                        format!("byte 0x{b:02X} is neither UTF-8 nor Windows-1252; save the file as UTF-8"),
                    ));
                }
                let (text, _) = encoding_rs::WINDOWS_1252.decode_without_bom_handling(bytes);
                Ok(text.into_owned())
            }
        }
    }

    fn check_mixed(&self, file: &str, line: u64) -> Result<(), Problem> {
        match (self.utf8_line, self.cp1252_line) {
            (Some(utf8), Some(cp1252)) => Err(Problem::line(
                file,
                line,
                format!(
                    "mixed encodings: UTF-8 text (line {utf8}) and bytes that are not UTF-8 (line {cp1252}); save the file again as UTF-8"
                ),
            )),
            _ => Ok(()),
        }
    }
}

/// Where the first well-formed multi-byte UTF-8 sequence starts, if any. Windows-1252 text
/// almost never forms one by chance (it would need e.g. "Ã©" or "â€™" in a real name).
fn first_utf8_sequence(bytes: &[u8]) -> Option<usize> {
    (0..bytes.len()).find(|&i| {
        let len = match bytes[i] {
            0xC2..=0xDF => 2,
            0xE0..=0xEF => 3,
            0xF0..=0xF4 => 4,
            _ => return false,
        };
        bytes
            .get(i..i + len)
            .is_some_and(|seq| std::str::from_utf8(seq).is_ok())
    })
}

/// CRLF and lone CR become LF, so line numbers match what an editor shows.
pub fn normalize_newlines(text: &str) -> String {
    if !text.contains('\r') {
        return text.to_string();
    }
    text.replace("\r\n", "\n").replace('\r', "\n")
}

/// A stream with CRLF and lone CR turned into LF as it is read, so a CSV reader counts
/// lines as an editor shows them.
pub struct LfReader<R> {
    inner: R,
    raw: Vec<u8>,
    out: Vec<u8>,
    pos: usize,
    pending_cr: bool,
}

impl<R: std::io::Read> LfReader<R> {
    pub fn new(inner: R) -> LfReader<R> {
        LfReader {
            inner,
            raw: vec![0; 64 * 1024],
            out: Vec::with_capacity(64 * 1024),
            pos: 0,
            pending_cr: false,
        }
    }

    pub fn into_inner(self) -> R {
        self.inner
    }

    /// Read and translate the next block; false at the end of the stream.
    fn refill(&mut self) -> std::io::Result<bool> {
        self.out.clear();
        self.pos = 0;
        let n = self.inner.read(&mut self.raw)?;
        if n == 0 {
            if std::mem::take(&mut self.pending_cr) {
                self.out.push(b'\n');
                return Ok(true);
            }
            return Ok(false);
        }
        for &b in &self.raw[..n] {
            if std::mem::take(&mut self.pending_cr) {
                self.out.push(b'\n');
                if b == b'\n' {
                    continue;
                }
            }
            if b == b'\r' {
                self.pending_cr = true;
            } else {
                self.out.push(b);
            }
        }
        Ok(true)
    }
}

impl<R: std::io::Read> std::io::Read for LfReader<R> {
    fn read(&mut self, buf: &mut [u8]) -> std::io::Result<usize> {
        while self.pos >= self.out.len() {
            if !self.refill()? {
                return Ok(0);
            }
        }
        let n = buf.len().min(self.out.len() - self.pos);
        buf[..n].copy_from_slice(&self.out[self.pos..self.pos + n]);
        self.pos += n;
        Ok(n)
    }
}

/// The 1-based line holding byte `at`, counting LF, CRLF and lone CR as one line break.
pub fn line_of(bytes: &[u8], at: usize) -> u64 {
    let mut line = 1;
    let mut i = 0;
    while i < at.min(bytes.len()) {
        match bytes[i] {
            b'\n' => line += 1,
            b'\r' if bytes.get(i + 1) != Some(&b'\n') => line += 1,
            _ => {}
        }
        i += 1;
    }
    line
}

/// Text from a file made safe to store and show: no control characters or escape sequences.
pub fn clean(value: &str) -> String {
    crate::model::sanitize_text(value, false).trim().to_string()
}

/// sha256 of the bytes, lower-case hex.
pub fn sha256_hex(bytes: &[u8]) -> String {
    let digest = Sha256::digest(bytes);
    digest.iter().map(|b| format!("{b:02x}")).collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn utf8_with_and_without_bom() {
        assert_eq!(decode("f", b"\xEF\xBB\xBFa,b\n").unwrap(), "a,b\n");
        assert_eq!(decode("f", "é\n".as_bytes()).unwrap(), "é\n");
    }

    #[test]
    fn windows_1252_is_decoded() {
        let (bytes, _, _) = encoding_rs::WINDOWS_1252.encode("Fierté, St Mary’s\n");
        assert_eq!(decode("f", &bytes).unwrap(), "Fierté, St Mary’s\n");
    }

    #[test]
    fn mixed_encodings_are_refused() {
        let mut bytes = "St Mary’s\n".as_bytes().to_vec();
        bytes.extend_from_slice(b"Elmst\xe9ad\n");
        let err = decode("f", &bytes).unwrap_err().to_string();
        assert!(err.contains("mixed encodings"), "{err}");
        assert!(err.contains("f:2"), "{err}");
    }

    #[test]
    fn line_endings_become_lf() {
        assert_eq!(decode("f", b"a\r\nb\rc\n").unwrap(), "a\nb\nc\n");
    }

    #[test]
    fn streamed_line_endings_become_lf() {
        use std::io::Read;
        let mut out = String::new();
        // A one-byte reader puts every CR at the end of a block.
        struct Trickle<'a>(&'a [u8]);
        impl std::io::Read for Trickle<'_> {
            fn read(&mut self, buf: &mut [u8]) -> std::io::Result<usize> {
                let Some((&b, rest)) = self.0.split_first() else {
                    return Ok(0);
                };
                buf[0] = b;
                self.0 = rest;
                Ok(1)
            }
        }
        LfReader::new(Trickle(b"a\r\nb\rc\n\r"))
            .read_to_string(&mut out)
            .unwrap();
        assert_eq!(out, "a\nb\nc\n\n");
    }

    #[test]
    fn nul_and_undefined_bytes_name_the_line() {
        let e = decode("f.csv", b"a\nb\r\nc\x00").unwrap_err();
        assert_eq!(e.line, Some(3));
        assert!(e.to_string().starts_with("f.csv:3: "), "{e}");
        let e = decode("f.csv", b"a\rb\x81").unwrap_err();
        assert_eq!(e.line, Some(2));
        let e = decode("f.csv", b"\xEF\xBB\xBFok\n\xE9t\xE9\n").unwrap_err();
        assert_eq!(e.line, Some(2));
        assert!(e.message.contains("UTF-8"), "{e}");
        assert!(decode("f.csv", b"\xFF\xFEa\x00").is_err());
    }

    #[test]
    fn fields_decode_as_utf8_or_windows_1252_but_never_both() {
        let mut d = FieldDecoder::default();
        assert_eq!(d.decode("f", 1, b"plain").unwrap(), "plain");
        assert_eq!(
            d.decode("f", 2, b"St Thomas \xe0 Becket").unwrap(),
            "St Thomas à Becket"
        );
        let e = d.decode("f", 3, "Ynys Môn".as_bytes()).unwrap_err();
        assert!(e.message.contains("mixed encodings"), "{e}");
        let mut d = FieldDecoder::default();
        assert_eq!(d.decode("f", 1, "Môn".as_bytes()).unwrap(), "Môn");
        assert!(d.decode("f", 2, b"\xe0").is_err());
        let mut d = FieldDecoder::new(true);
        assert!(d
            .decode("f", 4, b"\xe0")
            .unwrap_err()
            .message
            .contains("byte-order mark"));
        assert!(d
            .decode("f", 5, b"a\x00")
            .unwrap_err()
            .message
            .contains("NUL"));
        assert!(FieldDecoder::default().decode("f", 6, b"\x81").is_err());
    }

    #[test]
    fn hash_is_hex_sha256() {
        assert_eq!(
            sha256_hex(b"abc"),
            "ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad"
        );
    }
}
