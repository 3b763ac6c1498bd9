//! The second meeting's circulated minutes, read back with pulldown-cmark and checked table
//! by table against the database: matters arising and their outcomes, the returning
//! deferral, the decisions for ratification (counted as the close dialog counts them), the
//! actions, and the revoked decision only under "Revoked". Every file written is 0600.

use pulldown_cmark::{Event, HeadingLevel, Options, Parser, Tag, TagEnd};
use std::collections::BTreeMap;
use std::path::Path;
use termly::store::Store;

/// Each level-2 section's tables (rows of cell texts, header first) and list items.
#[derive(Debug, Default)]
pub struct Section {
    pub tables: Vec<Vec<Vec<String>>>,
    pub items: Vec<String>,
    pub text: String,
}

pub fn sections(md: &str) -> BTreeMap<String, Section> {
    let mut out: BTreeMap<String, Section> = BTreeMap::new();
    let (mut current, mut heading, mut in_heading) = (String::new(), String::new(), false);
    let (mut row, mut cell, mut item) = (Vec::new(), String::new(), None::<String>);
    for event in Parser::new_ext(md, Options::ENABLE_TABLES) {
        match event {
            Event::Start(Tag::Heading {
                level: HeadingLevel::H2,
                ..
            }) => {
                in_heading = true;
                heading.clear();
            }
            Event::End(TagEnd::Heading(HeadingLevel::H2)) => {
                in_heading = false;
                current = heading.clone();
            }
            Event::Start(Tag::Table(_)) => out
                .entry(current.clone())
                .or_default()
                .tables
                .push(Vec::new()),
            Event::Start(Tag::TableHead | Tag::TableRow) => row = Vec::new(),
            Event::End(TagEnd::TableHead | TagEnd::TableRow) => {
                let s = out.entry(current.clone()).or_default();
                s.tables.last_mut().unwrap().push(std::mem::take(&mut row));
            }
            Event::Start(Tag::TableCell) => cell.clear(),
            Event::End(TagEnd::TableCell) => row.push(cell.trim().to_string()),
            Event::Start(Tag::Item) => item = Some(String::new()),
            Event::End(TagEnd::Item) => {
                if let Some(i) = item.take() {
                    out.entry(current.clone()).or_default().items.push(i);
                }
            }
            Event::Text(t) | Event::Code(t) => {
                if in_heading {
                    heading.push_str(&t);
                } else {
                    cell.push_str(&t);
                    if let Some(i) = item.as_mut() {
                        i.push_str(&t);
                    }
                    out.entry(current.clone()).or_default().text.push_str(&t);
                }
            }
            _ => {}
        }
    }
    out
}

/// Check the meeting's circulated Markdown against the database.
pub fn check_against_database(md: &str, store: &Store, meeting: i64, close_dialog_count: usize) {
    let s = sections(md);
    assert!(
        md.starts_with("**OFFICIAL-SENSITIVE**\n"),
        "closed: no DRAFT\n{md}"
    );

    // Matters arising: one row per action open when the meeting opened, with its outcome.
    let matters = store.matters_arising(meeting).unwrap();
    let table = &s["Matters arising"].tables[0];
    assert_eq!(table.len() - 1, matters.actions.len(), "{table:?}");
    for a in &matters.actions {
        let row = table.iter().find(|r| r[0] == a.id.to_string()).unwrap();
        assert_eq!(row[2], a.text);
        assert_eq!(row[3], a.owner);
        let outcome = termly::actions::matters::MattersArising::outcome(a, meeting);
        assert_eq!(
            row[6],
            format!("{}: {}", outcome.label(), a.note),
            "{row:?}"
        );
    }
    let returning = &s["Matters arising"].tables[1];
    assert_eq!(returning.len() - 1, matters.deferred.len());
    assert!(returning[1][0].contains(&matters.deferred[0].urn.to_string()));

    // Decisions for ratification: the standing ones, counted as the close dialog counts.
    let decisions = store.decisions_for_meeting(meeting).unwrap();
    let standing = termly::meeting::effective(&decisions);
    assert_eq!(standing.len(), close_dialog_count);
    let ratify = &s["Decisions for ratification"];
    assert_eq!(ratify.items.len(), standing.len(), "{:?}", ratify.items);
    assert!(
        ratify
            .text
            .starts_with(&format!("{} decision", standing.len())),
        "{}",
        ratify.text
    );
    for d in &standing {
        assert!(ratify
            .items
            .iter()
            .any(|i| i.starts_with(&format!("#{} ", d.id))));
    }

    // One actions table: the actions the standing decisions set.
    let actions: Vec<_> = store
        .actions_of_meeting(meeting)
        .unwrap()
        .into_iter()
        .filter(|a| standing.iter().any(|d| d.id == a.decision_id))
        .collect();
    let table = &s["Actions"].tables[0];
    assert_eq!(table[0], ["#", "School", "Action", "Owner", "Due"]);
    assert_eq!(table.len() - 1, actions.len());
    for (row, a) in table[1..].iter().zip(&actions) {
        assert_eq!(row[0], a.id.to_string());
        assert_eq!(row[2], a.text);
        assert_eq!(row[3], a.owner);
    }

    // The revoked decision is only under Revoked.
    let revoked: Vec<_> = decisions
        .iter()
        .filter(|d| decisions.iter().any(|r| r.revokes == Some(d.id)))
        .collect();
    let table = &s["Revoked"].tables[0];
    assert_eq!(table.len() - 1, revoked.len());
    for d in &revoked {
        let id = d.id.to_string();
        assert!(table.iter().any(|r| r[0] == id));
        assert!(!ratify
            .items
            .iter()
            .any(|i| i.starts_with(&format!("#{id} "))));
    }
}

/// Every file under `dir` is readable by its owner only.
pub fn all_private(dir: &Path) {
    // Windows has no mode bits (see README, "On Windows"): nothing to check there.
    #[cfg(not(unix))]
    let _ = dir;
    #[cfg(unix)]
    for entry in std::fs::read_dir(dir).unwrap() {
        use std::os::unix::fs::PermissionsExt;
        let path = entry.unwrap().path();
        if path.is_dir() {
            all_private(&path);
        } else {
            let mode = std::fs::metadata(&path).unwrap().permissions().mode() & 0o777;
            assert_eq!(mode & 0o077, 0, "{} is {mode:o}", path.display());
        }
    }
}
