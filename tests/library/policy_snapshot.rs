//! Agenda order, capacity, and the printed heat map (text and Markdown).

use crate::policy_support::*;
use termly::model::{Area, AreaGrade, Concern, Phase};
use termly::policy::{capacity, categories_at};
use termly::printout::{md_cell, render, truncate, Format, Options};
use termly::store::{load_dataset, Store};

fn borough() -> Borough {
    let mut b = Borough::new();
    b.school(100001, "Amberley Primary School", Phase::Primary, true)
        .category(100001, "core", "2023-09-01")
        .school(
            100002,
            "Brookfield | *Secondary* <Academy> #1 `x` with a very long name indeed",
            Phase::Secondary,
            false,
        )
        .category(100002, "enhanced", "2025-09-01")
        .school(100003, "Cedar Special\nSchool", Phase::Special, true)
        .category(100003, "focused", "2026-01-05")
        .school(100004, "Dunmore Nursery", Phase::Nursery, true)
        .school(100005, "Elm Tree Primary", Phase::Primary, true)
        .category(100005, "intensive_a", "2025-01-06")
        .legacy(100002, "2027-05-14", 3, None)
        .legacy(100005, "2026-06-10", 4, Some(Concern::SpecialMeasures))
        .report_card(
            100001,
            "2025-11-20",
            &[(Area::Achievement, AreaGrade::StrongStandard)],
            true,
        )
        .scores("2026-27 spring", 100001, &s([1, 1, 1, 1]))
        .scores("2026-27 spring", 100002, &s([2, 2, 2, 2]))
        .scores("2026-27 spring", 100005, &s([2, 3, 3, 3]))
        .scores("2026-27 summer", 100001, &s([1, 1, 2, 1]))
        .scores("2026-27 summer", 100002, &s([3, 2, 4, 3]))
        .scores("2026-27 summer", 100003, &[Some(1), Some(2), None, Some(2)])
        .indicator(
            "2026-27 summer",
            100003,
            "attendance",
            "persistent_absence_pct",
            38.5,
        )
        .scores("2026-27 summer", 100005, &s([2, 3, 3, 3]));
    b
}

#[test]
fn agenda_is_most_urgent_first_with_reasons() {
    let (data, t) = borough().assess();
    let urns: Vec<u32> = t.agenda.iter().map(|i| data.schools[*i].urn).collect();
    // Both move up one level (Elm Tree special measures: A → B; Brookfield grade 3 and
    // attendance up 2: Enhanced → Intensive A); Brookfield's composite is higher.
    assert_eq!(urns[..2], [100002, 100005], "{urns:?}");
    assert!(urns.contains(&100002));
    assert!(urns.contains(&100004), "no category is on the agenda");
    assert!(
        !urns.contains(&100001),
        "a quiet school is not on the agenda: {urns:?}"
    );
    let brook = &t.schools[data.school_index(100002).unwrap()];
    assert!(
        brook
            .agenda
            .iter()
            .any(|r| r.text.starts_with("new inspection 14 May 2027")),
        "{:?}",
        brook.agenda
    );
    assert!(
        brook
            .agenda
            .iter()
            .any(|r| r.text == "Attendance 4 (severe)"),
        "{:?}",
        brook.agenda
    );
    let urgencies: Vec<u32> = t.agenda.iter().map(|i| t.schools[*i].urgency()).collect();
    assert!(urgencies.windows(2).all(|w| w[0] >= w[1]), "{urgencies:?}");
}

#[test]
fn agenda_ties_break_by_composite_then_name() {
    let mut b = Borough::new();
    for (urn, name, sc) in [
        (100011, "Zeal Primary", [3, 1, 3, 2]),
        (100012, "Ash Primary", [3, 1, 3, 2]),
        (100013, "Moss Primary", [3, 2, 3, 2]),
    ] {
        b.school(urn, name, Phase::Primary, true)
            .category(urn, "core", "2024-09-01")
            .scores("2026-27 autumn", urn, &s(sc));
    }
    let (data, t) = b.assess();
    let names: Vec<&str> = t
        .agenda
        .iter()
        .map(|i| data.schools[*i].name.as_str())
        .collect();
    assert_eq!(names, ["Moss Primary", "Ash Primary", "Zeal Primary"]);
}

#[test]
fn capacity_counts_hours_reviews_and_visits() {
    let data = borough().dataset();
    let c = capacity(
        &borough().config,
        &data,
        &categories_at(&data, data.latest_term().unwrap()),
    );
    // enhanced 14 + focused 14/3 + intensive_a 14 a term.
    assert!(
        (c.lama_hours_term - (28.0 + 14.0 / 3.0)).abs() < 1e-9,
        "{c:?}"
    );
    assert_eq!(c.lama_capacity_term, 400.0);
    assert_eq!(c.reviews_year, 1 + 3);
    // Core maintained 3, enhanced academy 3, focused maintained 3, intensive maintained 3.
    assert_eq!(c.sip_visits_year, 12);
    let core = c.per_category.iter().find(|x| x.0 == "core").unwrap();
    assert_eq!(core.1, 1);
    assert_eq!(
        c.per_category.iter().map(|x| x.1).sum::<usize>(),
        4,
        "no category costs nothing"
    );
    // As if Amberley (maintained, core) became an academy in Focused: other visits 2.
    let mut cats = categories_at(&data, data.latest_term().unwrap());
    cats[0] = Some("focused".into());
    let after = capacity(&borough().config, &data, &cats);
    assert!(after.lama_hours_term > c.lama_hours_term);
    assert_eq!(after.per_lama.iter().map(|x| x.1).sum::<usize>(), 4);
}

#[test]
fn text_snapshot() {
    let (data, t) = borough().assess();
    let out = render(
        &borough().config,
        &data,
        &t,
        Options {
            format: Format::Text,
            agenda: true,
            capacity: true,
            agenda_only: false,
        },
    );
    assert!(out.contains("2026-27 Summer · 5 schools"), "{out}");
    assert!(!out.contains('\n') || out.lines().all(|l| !l.contains('\u{1b}')));
    insta::assert_snapshot!("policy_text_snapshot", out);
}

#[test]
fn markdown_table_survives_hostile_names() {
    let (data, t) = borough().assess();
    let out = render(
        &borough().config,
        &data,
        &t,
        Options {
            format: Format::Markdown,
            agenda: true,
            capacity: false,
            agenda_only: false,
        },
    );
    use pulldown_cmark::{Event, Options as MdOptions, Parser, Tag, TagEnd};
    let mut rows: Vec<usize> = Vec::new();
    let mut cells = 0;
    let mut in_first_table = true;
    for ev in Parser::new_ext(&out, MdOptions::ENABLE_TABLES) {
        match ev {
            Event::Start(Tag::TableRow) | Event::Start(Tag::TableHead) => cells = 0,
            Event::Start(Tag::TableCell) => cells += 1,
            Event::End(TagEnd::TableRow) | Event::End(TagEnd::TableHead) if in_first_table => {
                rows.push(cells)
            }
            Event::End(TagEnd::Table) => in_first_table = false,
            _ => {}
        }
    }
    assert_eq!(rows.len(), 6, "header + 5 schools: {out}");
    assert!(rows.iter().all(|n| *n == rows[0]), "{rows:?}\n{out}");
    assert!(
        out.contains(r"Brookfield \| \*Secondary\* \<Academy> #1 \`x\`"),
        "{out}"
    );
    assert!(
        out.contains("Cedar Special School"),
        "newline in a name becomes a space"
    );
    insta::assert_snapshot!("policy_markdown_snapshot", out);
}

#[test]
fn cell_helpers() {
    assert_eq!(truncate("Short", 10), "Short");
    assert_eq!(truncate("A very long school name", 10), "A very lo…");
    assert_eq!(md_cell("a|b\nc"), r"a\|b c");
    assert_eq!(md_cell("x\u{1b}[31my"), "xy");
}

#[test]
fn store_round_trip_renders() {
    let store = Store::open_in_memory().unwrap();
    store
        .test_connection()
        .execute_batch(
            "INSERT INTO schools (urn, name, phase, establishment_type, maintained, lama) VALUES
               (100001, 'Amberley Primary School', 'primary', 'Community school', 1, 'Adviser One'),
               (100002, 'Brook Academy', 'secondary', 'Academy converter', 0, NULL);
             INSERT INTO scores (term, team, urn, score) VALUES
               ('2026-27-autumn', 'finance', 100001, 1), ('2026-27-autumn', 'standards', 100001, 2),
               ('2026-27-autumn', 'attendance', 100002, NULL);
             INSERT INTO indicators (term, team, urn, name, value) VALUES ('2026-27-autumn', 'attendance', 100002, 'persistent_absence_pct', 31.5);
             INSERT INTO category_history (urn, category, since, recorded_at) VALUES
               (100001, 'core', '2024-09-01', 'now'), (100002, 'enhanced', '2025-09-01', 'now');",
        )
        .unwrap();
    let config = config_with("").unwrap();
    let teams = config.team_keys();
    let data = load_dataset(&store, &teams).unwrap();
    let t = termly::policy::assess_term(&config, &data, 0, d("2026-11-23"));
    let out = render(
        &config,
        &data,
        &t,
        Options {
            format: Format::Text,
            agenda: true,
            capacity: true,
            agenda_only: false,
        },
    );
    assert!(out.contains("4█ᵇ"), "derived attendance score: {out}");
    assert!(out.contains("PA 31.5%"), "{out}");
    assert!(out.contains("(no LaMA)"), "{out}");
}
