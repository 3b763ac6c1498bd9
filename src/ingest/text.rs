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
    fn hash_is_hex_sha256() {
        assert_eq!(
            sha256_hex(b"abc"),
            "ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad"
        );
    }
}
