//! Where a key is set in a config file, from toml's spans: so every refusal of a setting can
//! name the file, the line and the key (`termly.toml:14:1: meeting.length_minutes: …`).

use toml::de::{DeTable, DeValue};
use toml::Spanned;

/// The dotted name of the key whose name or value covers byte `offset` of `text` (array
/// items by number: `teams.2.weight`), the innermost when several do.
pub fn key_at(text: &str, offset: usize) -> Option<String> {
    let doc = DeTable::parse(text).ok()?;
    let mut best: Option<(usize, Vec<String>)> = None;
    let mut path = Vec::new();
    visit_table(doc.get_ref(), &mut path, &mut |path, span| {
        if span.contains(&offset) || span.start == offset {
            let width = span.len();
            if best.as_ref().is_none_or(|(w, _)| width <= *w) {
                best = Some((width, path.to_vec()));
            }
        }
    });
    best.map(|(_, path)| path.join("."))
}

/// `file:line:column` of the key at `path` (`["meeting", "length_minutes"]`), when `text`
/// sets it.
pub fn place_of(file: &str, text: &str, path: &[&str]) -> Option<String> {
    let doc = DeTable::parse(text).ok()?;
    let mut found = None;
    let mut walk = Vec::new();
    visit_table(doc.get_ref(), &mut walk, &mut |at, span| {
        if found.is_none() && at.len() == path.len() && at.iter().zip(path).all(|(a, b)| a == b) {
            found = Some(span.start);
        }
    });
    found.map(|offset| line_column(file, text, offset))
}

/// `file:line:column` for a byte offset into `text`.
pub fn line_column(file: &str, text: &str, offset: usize) -> String {
    let before = &text[..offset.min(text.len())];
    let line = before.matches('\n').count() + 1;
    let column = before.rsplit('\n').next().map_or(0, |l| l.chars().count()) + 1;
    format!("{file}:{line}:{column}")
}

/// Call `seen` with every key's path and the span of its name, then of its value.
fn visit_table(
    table: &DeTable,
    path: &mut Vec<String>,
    seen: &mut dyn FnMut(&[String], std::ops::Range<usize>),
) {
    for (key, value) in table.iter() {
        path.push(key.get_ref().to_string());
        seen(path, key.span());
        visit_value(value, path, seen);
        path.pop();
    }
}

fn visit_value(
    value: &Spanned<DeValue>,
    path: &mut Vec<String>,
    seen: &mut dyn FnMut(&[String], std::ops::Range<usize>),
) {
    match value.get_ref() {
        DeValue::Table(table) => visit_table(table, path, seen),
        DeValue::Array(items) => {
            for (i, item) in items.iter().enumerate() {
                path.push(i.to_string());
                seen(path, item.span());
                visit_value(item, path, seen);
                path.pop();
            }
        }
        _ => seen(path, value.span()),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    const TEXT: &str = "[meeting]\nlength_minutes = -4\n\n[[teams]]\nkey = \"a\"\n\n[[teams]]\nkey = \"b\"\nweight = 2\n";

    #[test]
    fn finds_the_key_at_an_offset() {
        let at = TEXT.find("-4").unwrap();
        assert_eq!(key_at(TEXT, at).as_deref(), Some("meeting.length_minutes"));
        let at = TEXT.find("2\n").unwrap();
        assert_eq!(key_at(TEXT, at).as_deref(), Some("teams.1.weight"));
    }

    #[test]
    fn finds_where_a_key_is_set() {
        assert_eq!(
            place_of("t.toml", TEXT, &["meeting", "length_minutes"]).as_deref(),
            Some("t.toml:2:1")
        );
        assert_eq!(
            place_of("t.toml", TEXT, &["teams", "1", "weight"]).as_deref(),
            Some("t.toml:9:1")
        );
        assert_eq!(place_of("t.toml", TEXT, &["ui", "theme"]), None);
    }
}
