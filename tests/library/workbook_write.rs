//! `papers.xlsx` read back with calamine and compared, cell by cell and fill by fill, with
//! the database the Wrenfield fixtures were imported into.

use calamine::{Data, Reader, Xlsx};
use std::io::Cursor;
use std::path::Path;
use termly::config::Config;
use termly::dataset::Dataset;
use termly::import::import_all;
use termly::ingest::ImportOptions;
use termly::papers::heatmap::{level_colours, snapshot_workbook, SHEETS};
use termly::policy::{self, assess_term, TermAssessment};
use termly::store::{load_dataset, Store};

fn imported(theme: Option<&str>) -> (Config, Dataset, TermAssessment) {
    let dir = tempfile::tempdir().unwrap();
    let mut config =
        Config::default_with_base(&Path::new(env!("CARGO_MANIFEST_DIR")).join("config")).unwrap();
    config.data.database = dir.path().join("t.db");
    config.ui.theme = theme.map(str::to_string);
    let mut store = Store::open(&config.database_path()).unwrap();
    let clock = termly::clock::FakeClock::default();
    import_all(&config, &mut store, &ImportOptions::default(), &clock).unwrap();
    let data = load_dataset(&store, &config.team_keys()).unwrap();
    let today = chrono::NaiveDate::from_ymd_opt(2026, 11, 23).unwrap();
    let t = assess_term(&config, &data, data.terms.len() - 1, today);
    (config, data, t)
}

fn today() -> chrono::NaiveDate {
    chrono::NaiveDate::from_ymd_opt(2026, 11, 23).unwrap()
}

fn text(cell: Option<&Data>) -> String {
    match cell {
        None | Some(Data::Empty) => String::new(),
        Some(Data::String(s)) => s.clone(),
        Some(Data::Float(f)) => f.to_string(),
        Some(Data::Int(i)) => i.to_string(),
        Some(other) => format!("{other:?}"),
    }
}

fn number(cell: Option<&Data>) -> Option<f64> {
    match cell {
        Some(Data::Float(f)) => Some(*f),
        Some(Data::Int(i)) => Some(*i as f64),
        _ => None,
    }
}

#[test]
fn the_heat_map_holds_every_score_in_its_theme_colour() {
    for theme in [None, Some("light"), Some("rag")] {
        let (config, data, t) = imported(theme);
        let bytes = snapshot_workbook(&config, &data, &t, today()).unwrap();
        let mut book: Xlsx<_> = calamine::open_workbook_from_rs(Cursor::new(bytes)).unwrap();
        assert_eq!(book.sheet_names(), SHEETS);
        let range = book.worksheet_range(SHEETS[0]).unwrap();
        let styles = book.worksheet_style(SHEETS[0]).unwrap();
        let colours = level_colours(&config);
        let first_team = 6u32;
        let n_teams = config.teams.len() as u32;
        assert_eq!(text(range.get_value((0, 1))), "School");
        assert_eq!(
            text(range.get_value((0, first_team + n_teams))),
            "Composite"
        );
        let mut filled = 0;
        for (i, a) in t.schools.iter().enumerate() {
            let r = i as u32 + 1;
            let school = &data.schools[i];
            assert_eq!(number(range.get_value((r, 0))), Some(school.urn as f64));
            assert_eq!(text(range.get_value((r, 1))), school.name);
            for (k, score) in a.scores.iter().enumerate() {
                let pos = (r, first_team + k as u32);
                let cell = number(range.get_value(pos));
                assert_eq!(cell, score.as_ref().map(|s| s.value as f64), "{pos:?}");
                let fill = styles
                    .get(pos)
                    .and_then(|s| s.fill.as_ref())
                    .filter(|f| f.is_visible())
                    .and_then(|f| f.get_color())
                    .map(|c| c.to_argb() & 0xFF_FFFF);
                let want = score.as_ref().and_then(|s| {
                    colours[(s.value - config.scale.min) as usize].map(|(fill, _)| fill)
                });
                assert_eq!(fill, want, "fill of {pos:?} in theme {theme:?}");
                filled += usize::from(want.is_some());
            }
            let composite = number(range.get_value((r, first_team + n_teams)));
            assert_eq!(composite, a.composite.as_ref().map(|c| c.value));
        }
        assert!(filled > 200, "the fixtures fill most score cells: {filled}");
    }
}

#[test]
fn the_levels_take_the_theme_palette() {
    let (config, _, _) = imported(None);
    let dark = level_colours(&config);
    assert!(dark.iter().all(|c| c.is_some()));
    let mut rag = config.clone();
    rag.ui.theme = Some("rag".into());
    assert_ne!(level_colours(&rag), dark, "another theme, other fills");
    let mut mono = config.clone();
    mono.ui.theme = Some("monochrome".into());
    assert!(level_colours(&mono).iter().all(|c| c.is_none()));
}

#[test]
fn the_agenda_and_capacity_sheets_match_the_policy() {
    let (config, data, t) = imported(None);
    let bytes = snapshot_workbook(&config, &data, &t, today()).unwrap();
    let mut book: Xlsx<_> = calamine::open_workbook_from_rs(Cursor::new(bytes)).unwrap();
    let agenda = book.worksheet_range(SHEETS[1]).unwrap();
    assert!(!t.agenda.is_empty());
    assert_eq!(agenda.height(), t.agenda.len() + 1);
    for (n, &i) in t.agenda.iter().enumerate() {
        let r = n as u32 + 1;
        assert_eq!(
            text(agenda.get_value((r, 1))),
            data.schools[i].urn.to_string()
        );
        let reasons = text(agenda.get_value((r, 5)));
        let a = &t.schools[i];
        for line in a
            .agenda
            .iter()
            .map(|x| &x.text)
            .chain(a.reasons.iter().map(|x| &x.sentence))
        {
            assert!(reasons.contains(line.as_str()), "{reasons} lacks {line}");
        }
    }
    let capacity = book.worksheet_range(SHEETS[2]).unwrap();
    let c = policy::capacity_at(&config, &data, t.term);
    assert_eq!(text(capacity.get_value((1, 0))), "LaMA hours a term");
    assert_eq!(number(capacity.get_value((1, 1))), Some(c.lama_hours_term));
    assert_eq!(
        number(capacity.get_value((1, 2))),
        Some(c.lama_capacity_term)
    );
    assert_eq!(
        number(capacity.get_value((2, 1))),
        Some(c.reviews_year as f64)
    );
}

#[test]
fn the_same_data_gives_the_same_file() {
    let (config, data, t) = imported(None);
    let a = snapshot_workbook(&config, &data, &t, today()).unwrap();
    let b = snapshot_workbook(&config, &data, &t, today()).unwrap();
    assert_eq!(a, b, "dated by the clock passed in, not the machine's");
}
