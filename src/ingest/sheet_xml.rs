//! An xlsx worksheet's cells read straight from its XML, for speed: calamine's general reader
//! spends most of a large sheet's time on XML events, while a worksheet's `<sheetData>` is a
//! flat run of `<row>` and `<c>` elements. Cells come out as calamine's would, through the
//! same conversions ([`super::workbook`]); anything outside the common shapes (inline strings,
//! date or unusual number formats, prefixed element names, comments, CDATA) answers `None`
//! and calamine reads the sheet instead.

use super::workbook::{cell_text, is_blank_text, is_error_text, number_text, RawCell};
use calamine::{CellErrorType, Data, ExcelDateTime, ExcelDateTimeType, NumberFormat};

/// How a style shows a number.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(super) enum Shown {
    /// As the number (General, `0.0`, `#,##0` …).
    Plain,
    /// As a percentage: read as the percentage it shows.
    Percent,
    /// As a date (`dd/mm/yyyy`, built-in date formats): the serial number is a date.
    Date,
    /// A date, time or anything else: left to calamine.
    Other,
}

impl Shown {
    /// A style's number format as the reader treats it.
    pub(super) fn of(format: Option<&NumberFormat>) -> Shown {
        let Some(format) = format else {
            return Shown::Plain;
        };
        let code = format.format_code.as_str();
        // Built-in ids outside these are dates and times, some with no code to show it.
        let builtin_plain = |id: u32| matches!(id, 0..=13 | 37..=44 | 48 | 49 | 164..);
        let builtin_date = |id: u32| matches!(id, 14..=17 | 22);
        if format.format_id.is_some_and(builtin_date) || is_date_only(code) {
            Shown::Date
        } else if !format.format_id.is_none_or(builtin_plain)
            || (has_letters(code) && !code.eq_ignore_ascii_case("general"))
        {
            Shown::Other
        } else if code.contains('%') {
            Shown::Percent
        } else {
            Shown::Plain
        }
    }
}

/// A custom format of day, month and year alone (`dd/mm/yyyy`, `d mmm yy`): a date in
/// every reading. Times, elapsed times and sections are left to calamine.
fn is_date_only(code: &str) -> bool {
    code.chars()
        .any(|c| matches!(c, 'd' | 'm' | 'y' | 'D' | 'M' | 'Y'))
        && code.chars().all(|c| {
            matches!(
                c,
                'd' | 'm' | 'y' | 'D' | 'M' | 'Y' | '/' | '-' | '.' | ' ' | ','
            )
        })
}

/// Letters outside quoted text and escapes, other than the exponent's `E`: dates, times,
/// colours and conditions all need one, plain number formats none.
fn has_letters(code: &str) -> bool {
    let mut chars = code.chars();
    let mut quoted = false;
    while let Some(c) = chars.next() {
        match c {
            '"' => quoted = !quoted,
            _ if quoted => {}
            '\\' | '_' | '*' => {
                chars.next();
            }
            'E' | 'e' => {}
            c if c.is_alphabetic() => return true,
            _ => {}
        }
    }
    false
}

/// What the cells need from the rest of the workbook.
pub(super) struct Context<'a> {
    pub strings: &'a [String],
    /// By style id.
    pub shown: &'a [Shown],
    /// Serial dates count from 1904 (old Mac workbooks), not 1900.
    pub is_1904: bool,
}

/// The non-empty cells of the worksheet `xml`, in the order written; `None` when the sheet
/// is not in the shape this reader knows.
pub(super) fn cells(xml: &[u8], ctx: &Context) -> Option<Vec<RawCell>> {
    if !utf8_declared(xml) {
        return None;
    }
    let start = find(xml, b"<sheetData")? + b"<sheetData".len();
    let (_, mut pos, empty) = tag(xml, start, [])?;
    // About one cell in every forty bytes of a plain sheet: grown rarely, if at all.
    let mut cells = Vec::with_capacity(xml.len() / 40);
    if empty {
        return Some(cells);
    }
    let (mut row, mut col) = (0u32, 0u32);
    loop {
        pos += memchr(b'<', &xml[pos..])? + 1;
        let rest = &xml[pos..];
        if is_tag(rest, b"row") {
            let ([r], end, empty) = tag(xml, pos + 3, [b"r"])?;
            if let Some(r) = r {
                row = number::<u32>(r)?.checked_sub(1)?;
            }
            col = 0;
            if empty {
                row = row.checked_add(1)?;
            }
            pos = end;
        } else if rest.starts_with(b"/row>") {
            (row, col) = (row.checked_add(1)?, 0);
            pos += 5;
        } else if is_tag(rest, b"c") {
            let (cell, end) = cell(xml, pos + 1, (row, col), ctx)?;
            col = cell.col.checked_add(1)?;
            pos = end;
            if let Some(value) = cell.value {
                cells.push(RawCell {
                    row: cell.row,
                    col: cell.col,
                    value,
                });
            }
        } else if rest.starts_with(b"/sheetData>") {
            return Some(cells);
        } else {
            return None;
        }
    }
}

/// A cell read from its `<c`: where it is and its value (None when empty).
struct Cell {
    row: u32,
    col: u32,
    value: Option<Result<String, String>>,
}

/// Read the `<c>` element whose name ends at `pos`; `at` is where it is unless its `r` says.
fn cell(xml: &[u8], pos: usize, at: (u32, u32), ctx: &Context) -> Option<(Cell, usize)> {
    let ([r, style, kind], mut pos, empty) = tag(xml, pos, [b"r", b"s", b"t"])?;
    let (row, col) = match r {
        Some(r) => reference(r)?,
        None => at,
    };
    let mut value = None;
    if !empty {
        loop {
            pos += memchr(b'<', &xml[pos..])? + 1;
            let rest = &xml[pos..];
            if is_tag(rest, b"v") {
                let (_, start, empty) = tag(xml, pos + 1, [])?;
                if empty {
                    return None;
                }
                let end = closing(xml, start, b"</v>")?;
                value = value_of(&xml[start..end], style, kind, ctx)?;
                pos = end + 4;
            } else if is_tag(rest, b"f") {
                // The cached value is in `<v>`; the formula itself is not read.
                let (_, start, empty) = tag(xml, pos + 1, [])?;
                pos = if empty {
                    start
                } else {
                    closing(xml, start, b"</f>")? + 4
                };
                value = None;
            } else if rest.starts_with(b"/c>") {
                pos += 3;
                break;
            } else {
                return None;
            }
        }
    }
    let value = value.filter(|v: &Result<String, String>| !is_blank(v));
    Some((Cell { row, col, value }, pos))
}

/// A `<v>`'s text as calamine reads it for the cell's type and style: `Some(None)` when
/// empty, `None` when the reader does not know it.
fn value_of(
    raw: &[u8],
    style: Option<&[u8]>,
    kind: Option<&[u8]>,
    ctx: &Context,
) -> Option<Option<Result<String, String>>> {
    if raw.contains(&b'<') {
        return None;
    }
    let text = std::str::from_utf8(raw).ok()?;
    let value = match kind {
        None | Some(b"n") => {
            if text.is_empty() {
                return Some(None);
            }
            let shown = match style {
                Some(s) => ctx.shown.get(number::<usize>(s)?).copied(),
                None => None,
            };
            match shown.unwrap_or(Shown::Plain) {
                Shown::Plain if is_plain_integer(text) || is_short_decimal(text) => {
                    Ok(text.to_string())
                }
                Shown::Plain => Ok(number_text(decimal(text)?)),
                Shown::Percent => Ok(number_text(decimal(text)? * 100.0)),
                Shown::Date => {
                    let serial = decimal(text)?;
                    let date = ExcelDateTime::new(serial, ExcelDateTimeType::DateTime, ctx.is_1904);
                    cell_text(&Data::DateTime(date), false)
                }
                Shown::Other => return None,
            }
        }
        Some(b"s") => {
            let shared = ctx.strings.get(number::<usize>(raw)?)?;
            if is_error_text(shared) {
                Err(shared.trim().to_string())
            } else {
                Ok(shared.clone())
            }
        }
        Some(b"b") => cell_text(&Data::Bool(boolean(text)?), false),
        Some(b"e") => cell_text(&Data::Error(text.parse::<CellErrorType>().ok()?), false),
        Some(b"str") => cell_text(&Data::String(unescaped(text)?), false),
        Some(b"d") => cell_text(&Data::DateTimeIso(unescaped(text)?), false),
        Some(_) => return None,
    };
    Some(Some(value))
}

fn is_blank(value: &Result<String, String>) -> bool {
    value.as_ref().is_ok_and(|t| is_blank_text(t))
}

/// A whole number as people write it (`100001`, `-3`), which reads back as itself.
fn is_plain_integer(text: &str) -> bool {
    let digits = text.strip_prefix('-').unwrap_or(text);
    !digits.is_empty()
        && digits.len() <= 15
        && digits.bytes().all(|b| b.is_ascii_digit())
        && (digits == "0" && digits.len() == text.len() || !digits.starts_with('0'))
}

/// A decimal such as `24.1` or `-0.061`: at most 15 significant digits, no trailing zero,
/// no exponent, at most 16 characters. Such text is the shortest that reads back as its
/// number, so [`number_text`] would write it unchanged.
fn is_short_decimal(text: &str) -> bool {
    let digits = text.strip_prefix('-').unwrap_or(text);
    let Some((whole, fraction)) = digits.split_once('.') else {
        return false;
    };
    let all_digits = |s: &str| s.bytes().all(|b| b.is_ascii_digit());
    let significant = if whole == "0" {
        fraction.trim_start_matches('0').len()
    } else {
        whole.len() + fraction.len()
    };
    text.len() <= 16
        && !whole.is_empty()
        && (whole == "0" || !whole.starts_with('0'))
        && all_digits(whole)
        && !fraction.is_empty()
        && all_digits(fraction)
        && !fraction.ends_with('0')
        && significant <= 15
}

/// A decimal number written as XML Schema writes one (no `inf`, no hex).
fn decimal(text: &str) -> Option<f64> {
    let body = text.strip_prefix(['-', '+']).unwrap_or(text);
    let ok = body
        .bytes()
        .next()
        .is_some_and(|b| b.is_ascii_digit() || b == b'.')
        && body
            .bytes()
            .all(|b| b.is_ascii_digit() || matches!(b, b'.' | b'e' | b'E' | b'-' | b'+'));
    ok.then(|| text.parse().ok()).flatten()
}

fn boolean(text: &str) -> Option<bool> {
    match text {
        "1" | "true" => Some(true),
        "0" | "false" => Some(false),
        _ => None,
    }
}

/// Text with XML's named entities and character references resolved; None for a line
/// ending or an `_x000D_` escape, which calamine normalises its own way.
fn unescaped(text: &str) -> Option<String> {
    if text.contains('\r') || text.contains("_x") {
        return None;
    }
    if !text.contains('&') {
        return Some(text.to_string());
    }
    let mut out = String::with_capacity(text.len());
    let mut rest = text;
    while let Some(amp) = rest.find('&') {
        out.push_str(&rest[..amp]);
        let semi = rest[amp..].find(';')? + amp;
        let name = &rest[amp + 1..semi];
        out.push(match name {
            "amp" => '&',
            "lt" => '<',
            "gt" => '>',
            "quot" => '"',
            "apos" => '\'',
            _ => {
                let code = match name.strip_prefix("#x") {
                    Some(hex) => u32::from_str_radix(hex, 16).ok()?,
                    None => name.strip_prefix('#')?.parse().ok()?,
                };
                char::from_u32(code)?
            }
        });
        rest = &rest[semi + 1..];
    }
    out.push_str(rest);
    Some(out)
}

/// `B12` as (row 11, column 1).
fn reference(r: &[u8]) -> Option<(u32, u32)> {
    let letters = r.iter().take_while(|b| b.is_ascii_alphabetic()).count();
    if letters == 0 || letters > 3 {
        return None;
    }
    let col = r[..letters].iter().fold(0u32, |n, b| {
        n * 26 + u32::from(b.to_ascii_uppercase() - b'A') + 1
    });
    let row = number::<u32>(&r[letters..])?.checked_sub(1)?;
    Some((row, col - 1))
}

/// Decimal digits as a number (no sign, no spaces), without a detour through `str`.
fn number<T: TryFrom<u64>>(digits: &[u8]) -> Option<T> {
    if digits.is_empty() {
        return None;
    }
    let mut n: u64 = 0;
    for &b in digits {
        if !b.is_ascii_digit() {
            return None;
        }
        n = n.checked_mul(10)?.checked_add(u64::from(b - b'0'))?;
    }
    T::try_from(n).ok()
}

/// True when `rest` starts with the element name `name` (not a longer name).
fn is_tag(rest: &[u8], name: &[u8]) -> bool {
    rest.starts_with(name)
        && rest
            .get(name.len())
            .is_some_and(|b| matches!(b, b' ' | b'\t' | b'\r' | b'\n' | b'>' | b'/'))
}

/// The raw values of the attributes asked for, in the order asked.
type Attributes<'x, const N: usize> = [Option<&'x [u8]>; N];

/// The tag whose name ends at `pos`: the raw values of its unprefixed attributes `names`
/// (None where absent), where the tag ends, and whether it closes itself (`<c r="A1"/>`).
/// None when it is not a plain tag, or a wanted value holds an entity.
fn tag<'x, const N: usize>(
    xml: &'x [u8],
    mut pos: usize,
    names: [&[u8]; N],
) -> Option<(Attributes<'x, N>, usize, bool)> {
    let mut found = [None; N];
    loop {
        let before = pos;
        pos = skip_space(xml, pos)?;
        match xml.get(pos)? {
            b'>' => return Some((found, pos + 1, false)),
            b'/' => return (xml.get(pos + 1) == Some(&b'>')).then_some((found, pos + 2, true)),
            // Attributes are set apart by white space.
            _ if pos == before => return None,
            _ => {}
        }
        let key_start = pos;
        while is_name_byte(*xml.get(pos)?) {
            pos += 1;
        }
        let key = &xml[key_start..pos];
        pos = skip_space(xml, pos)?;
        if key.is_empty() || *xml.get(pos)? != b'=' {
            return None;
        }
        pos = skip_space(xml, pos + 1)?;
        let quote = *xml.get(pos)?;
        if quote != b'"' && quote != b'\'' {
            return None;
        }
        let len = memchr(quote, xml.get(pos + 1..)?)?;
        let value = &xml[pos + 1..pos + 1 + len];
        if let Some(i) = names.iter().position(|n| *n == key) {
            if value.contains(&b'&') {
                return None;
            }
            found[i] = Some(value);
        }
        pos += len + 2;
    }
}

fn skip_space(xml: &[u8], mut pos: usize) -> Option<usize> {
    while xml.get(pos)?.is_ascii_whitespace() {
        pos += 1;
    }
    Some(pos)
}

fn is_name_byte(b: u8) -> bool {
    b.is_ascii_alphanumeric() || matches!(b, b':' | b'_' | b'-' | b'.')
}

/// Where the text from `start` ends at `end_tag` (`</v>`); None if another tag comes first.
/// Values and formulas hold no `<` (it is written `&lt;`), so the next `<` must be it.
fn closing(xml: &[u8], start: usize, end_tag: &[u8]) -> Option<usize> {
    let end = start + memchr(b'<', &xml[start..])?;
    xml[end..].starts_with(end_tag).then_some(end)
}

fn memchr(byte: u8, haystack: &[u8]) -> Option<usize> {
    memchr::memchr(byte, haystack)
}

fn find(haystack: &[u8], needle: &[u8]) -> Option<usize> {
    memchr::memmem::find(haystack, needle)
}

/// The XML declaration names UTF-8 or no encoding, and no byte order mark says otherwise.
fn utf8_declared(xml: &[u8]) -> bool {
    let xml = xml.strip_prefix(b"\xEF\xBB\xBF").unwrap_or(xml);
    if !xml.starts_with(b"<?xml") {
        return xml.first() == Some(&b'<');
    }
    let Some(end) = find(xml, b"?>") else {
        return false;
    };
    let decl = String::from_utf8_lossy(&xml[..end]).to_ascii_lowercase();
    !decl.contains("encoding") || decl.contains("utf-8")
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn short_decimals_are_their_own_number_text() {
        let decimals = [
            "24.1",
            "-0.061",
            "0.0001",
            "123456789.012345",
            "-3.25",
            "0.5",
        ];
        for text in decimals {
            assert!(is_short_decimal(text), "{text}");
            assert_eq!(number_text(text.parse().unwrap()), text);
        }
        let others = [
            "24.10",
            "1.5E-3",
            "0.30000000000000004",
            "01.5",
            "1.",
            ".5",
            "7",
        ];
        for text in others {
            assert!(!is_short_decimal(text), "{text}");
        }
    }

    proptest::proptest! {
        /// The shortcut never writes a number differently from [`number_text`].
        #[test]
        fn the_short_decimal_shortcut_agrees_with_number_text(
            digits in 0u64..(1u64 << 50),
            scale in 0u32..18,
            negative in proptest::bool::ANY,
        ) {
            let text = format!("{digits}");
            let text = if scale as usize >= text.len() {
                format!("0.{}{text}", "0".repeat(scale as usize - text.len()))
            } else {
                let (whole, fraction) = text.split_at(text.len() - scale as usize);
                format!("{whole}.{fraction}")
            };
            let text = if negative { format!("-{text}") } else { text };
            if is_short_decimal(&text) {
                proptest::prop_assert_eq!(number_text(text.parse().unwrap()), text);
            }
        }
    }
}
