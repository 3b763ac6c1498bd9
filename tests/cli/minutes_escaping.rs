//! Hostile text in the minutes: every table keeps its shape and no HTML, code, link, list
//! or heading sneaks in, checked by parsing the Markdown with pulldown-cmark.

use crate::decisions_fixture::*;
use proptest::prelude::*;
use pulldown_cmark::{Event, Options, Parser, Tag, TagEnd};
use std::path::Path;
use termly::meeting::minutes_of;
use termly::minutes::{escape, markdown};
use termly::model::DecisionKind::*;

const HOSTILE: &str = "a | b || c\n| x | y |\n<script>alert(1)</script> <b>bold</b>\n`code` ```fence\n\u{1b}[31mred\u{1b}[0m \u{7}bell\n# heading\n- item\n+ item\n1. one\n2) two\n===\n---\n> quote\n[link](http://example.invalid) ![img](x.png)\n&lt;tag&gt; &amp;\n*em* _em_ **strong** ~~del~~\n\\|escaped pipe\\\n    indented code\n<!-- comment -->";

#[derive(Debug, Default)]
struct Shape {
    /// Cells in each table's header, then in each body row.
    tables: Vec<(usize, Vec<usize>)>,
    html: Vec<String>,
    headings: usize,
    items: usize,
    code: usize,
    links: usize,
    emphasis: usize,
    text: String,
}

fn shape(md: &str) -> Shape {
    let mut s = Shape::default();
    let mut cells = 0;
    for event in Parser::new_ext(md, Options::ENABLE_TABLES) {
        match event {
            Event::Html(h) | Event::InlineHtml(h) => s.html.push(h.to_string()),
            Event::Code(_) | Event::Start(Tag::CodeBlock(_)) => s.code += 1,
            Event::Start(Tag::Heading { .. }) => s.headings += 1,
            Event::Start(Tag::Item) => s.items += 1,
            Event::Start(Tag::Link { .. } | Tag::Image { .. }) => s.links += 1,
            Event::Start(Tag::Emphasis | Tag::Strong | Tag::Strikethrough) => s.emphasis += 1,
            Event::Start(Tag::Table(_)) => s.tables.push((0, Vec::new())),
            Event::Start(Tag::TableHead | Tag::TableRow) => cells = 0,
            Event::Start(Tag::TableCell) => cells += 1,
            Event::End(TagEnd::TableHead) => s.tables.last_mut().unwrap().0 = cells,
            Event::End(TagEnd::TableRow) => s.tables.last_mut().unwrap().1.push(cells),
            Event::Text(t) => s.text.push_str(&t),
            _ => {}
        }
    }
    s
}

fn assert_tables_square(s: &Shape, md: &str) {
    assert!(!s.tables.is_empty());
    for (head, rows) in &s.tables {
        for r in rows {
            assert_eq!(r, head, "a row has {r} cells, the header {head}:\n{md}");
        }
    }
}

#[test]
fn the_checker_sees_unescaped_text_break_a_table() {
    let para = shape(HOSTILE);
    assert!(!para.html.is_empty() && para.headings > 0 && para.code > 0);
    let raw = format!("| a |\n| --- |\n| {} |\n", HOSTILE.replace('\n', " "));
    assert!(
        !shape(&raw).text.contains("a | b || c"),
        "a bare pipe splits the cell"
    );
}

/// The minutes of a meeting where every piece of free text is `text` and one school is
/// called `name`.
fn minutes_with(text: &str, name: &str) -> String {
    let cfg = config(Path::new("."));
    let mut store = store();
    store
        .test_connection()
        .execute(
            "UPDATE schools SET name = ?1 WHERE urn = ?2",
            rusqlite::params![name, DAMSON],
        )
        .unwrap();
    let m = store
        .open_or_resume_meeting(term(), date(), text, &[text.to_string()], at(9, 0))
        .unwrap()
        .id;
    let mut d = new(m, AMBER, Recategorise, Some("enhanced"), text);
    d.action_lines = vec![action(text, text, "2099-01-29")];
    d.policy_reasons = text.into();
    let first = termly::meeting::record_decision(&mut store, &cfg, d, at(9, 5)).unwrap();
    termly::meeting::revoke(&mut store, first.id, text, text, m, at(9, 6)).unwrap();
    for kind in [Confirm, Defer, Note] {
        let mut d = new(m, BIRCH, kind, None, text);
        d.action_lines = vec![action(text, text, "2099-01-29")];
        d.owner = text.into();
        termly::meeting::record_decision(&mut store, &cfg, d, at(9, 7)).unwrap();
    }
    store.add_agenda_item(m, DAMSON, text, at(9, 8)).unwrap();
    store.add_agenda_item(m, CEDAR, text, at(9, 8)).unwrap();
    let built = minutes_of(&cfg, &store, m, true).unwrap();
    markdown::render(&cfg, &built)
}

#[test]
fn hostile_text_cannot_change_the_minutes_shape() {
    let md = minutes_with(HOSTILE, "Evil | <i>School</i> `x`\n# h");
    // The same meeting in plain words, line for line: the shape hostile text must not change.
    let plain: Vec<&str> = HOSTILE.lines().map(|_| "plain words").collect();
    let expected = shape(&minutes_with(&plain.join("\n"), "Plain School"));
    let s = shape(&md);
    assert!(s.html.is_empty(), "raw HTML: {:?}", s.html);
    assert_tables_square(&s, &md);
    // Capacity, actions, deferred, not reached, revoked, heat map.
    assert_eq!(s.tables.len(), 6, "{md}");
    // Same tables, same columns (an action line that is only "---" sets no action, so row
    // counts may differ).
    let columns = |s: &Shape| s.tables.iter().map(|t| t.0).collect::<Vec<_>>();
    assert_eq!(columns(&s), columns(&expected), "{md}");
    assert_eq!(s.headings, expected.headings, "{md}");
    assert_eq!(s.items, expected.items, "{md}");
    assert_eq!((s.code, s.links), (0, 0), "{md}");
    assert_eq!(
        s.emphasis, expected.emphasis,
        "only termly's own bold: {md}"
    );
    assert!(!md.contains('\u{1b}') && !md.contains('\u{7}'));
    // The words survive as text.
    assert!(s.text.contains("<script>alert(1)</script>"), "{}", s.text);
    assert!(s.text.contains("a | b || c"));
    assert!(s.text.contains("Evil | <i>School</i>"));
}

proptest! {
    #[test]
    fn any_text_stays_in_its_cell(text in "[a-z |<>`*_#\\\\\n\r\t\u{1b}\\[\\]!&=~-]{0,60}") {
        let md = format!("| a | b |\n| --- | --- |\n| {} | {} |\n", escape::cell(&text), escape::cell(&text));
        let s = shape(&md);
        prop_assert!(s.html.is_empty(), "{md}");
        prop_assert_eq!(&s.tables, &vec![(2, vec![2])], "{}", md);
        // Every character of the (sanitised) text comes through as text, in both cells.
        let squash = |t: &str| t.chars().filter(|c| !c.is_whitespace() && *c != ';').collect::<String>();
        let want = squash(&termly::model::sanitize_text(&text, true));
        prop_assert_eq!(squash(&s.text), format!("ab{want}{want}"), "{}", md);
        prop_assert_eq!((s.code, s.links, s.emphasis), (0, 0, 0), "{}", md);
    }

    #[test]
    fn any_line_stays_plain_text(text in "[0-9a-z |<>`*_#.)\\\\\n\\[\\]!&=~+-]{0,40}") {
        let md = format!("- Chair: {}\n\nPara {}\n", escape::inline(&text), escape::block(&text, 0));
        let s = shape(&md);
        prop_assert!(s.html.is_empty(), "{md}");
        prop_assert_eq!((s.headings, s.items, s.code, s.links, s.emphasis), (0, 1, 0, 0, 0), "{}", md);
        let squash = |t: &str| t.chars().filter(|c| !c.is_whitespace()).collect::<String>();
        let want = squash(&termly::model::sanitize_text(&text, true));
        prop_assert_eq!(squash(&s.text), format!("Chair:{want}Para{want}"), "{}", md);
    }
}
