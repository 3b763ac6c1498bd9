//! One school's scores are the same in every view: the grid, the detail pane's "This term"
//! and Trends, `termly history`, `termly snapshot` (text, Markdown, workbook) and the
//! minutes' heat map. Beckside Academy (900002) scores partly from indicators: finance and
//! HR send scores, attendance sends persistent absence only and standards Progress 8 only,
//! banded into scores by the configured rules, with a different Progress 8 in each term.

use crate::common::cli::run_ok as termly;
use crate::common::files::{copy_dir, data_dir};
use crate::tui_support::{code, draw, press, store_app, text};
use calamine::{Data, Reader, Xlsx};
use ratatui::buffer::Buffer;
use ratatui::crossterm::event::KeyCode;
use ratatui::layout::Rect;
use ratatui::widgets::Widget;
use termly::config::Config;
use termly::policy::{compiled_policy, school_scores, SchoolScores};
use termly::store::{load_dataset, Store};

const URN: u32 = 900002;
const TERMS: [&str; 2] = ["2025-26-summer", "2026-27-autumn"];

/// Banding for the two indicator-only teams (a user's `[policy]` replaces the shipped one).
const POLICY: &str = r#"
[policy]
indicators = ["overall_absence_pct"]

[[policy.banding]]
name = "attendance"
team = "attendance"
indicator = "persistent_absence_pct"
label = "PA"
unit = "%"
ranges = [
  { max = 15, score = 1 },
  { min = 15, max = 20, score = 2 },
  { min = 20, max = 30, score = 3, flag = "minor" },
  { min = 30, score = 4, flag = "major" },
]

[[policy.banding]]
name = "standards-p8"
team = "standards"
indicator = "progress8"
label = "P8"
ranges = [
  { max = -0.5, score = 4 },
  { min = -0.5, max = 0, score = 3 },
  { min = 0, score = 1 },
]
"#;

/// The good borough with 900002's attendance and standards sent as indicators only, imported.
fn indicator_borough() -> (tempfile::TempDir, Config) {
    let dir = tempfile::tempdir().unwrap();
    copy_dir(&data_dir().join("good"), dir.path());
    for (term, p8) in TERMS.iter().zip(["-0.2", "-0.9"]) {
        let folder = dir.path().join("scores").join(term);
        let attendance = std::fs::read_to_string(folder.join("attendance.csv")).unwrap();
        let attendance = attendance.replace("900002,3,PA rising", "900002,,PA rising");
        assert!(attendance.contains("900002,,PA rising in Y9,8.2,24.0"));
        std::fs::write(folder.join("attendance.csv"), attendance).unwrap();
        std::fs::write(
            folder.join("standards.csv"),
            format!(
                "urn,score,comment,progress8\n900001,1,,\n900002,,P8 from the DfE file,{p8}\n\
                 900003,1,,\n900004,2,,\n900005,2,Phonics dip,\n"
            ),
        )
        .unwrap();
    }
    let toml = dir.path().join("termly.toml");
    let mut text = std::fs::read_to_string(&toml).unwrap();
    text.push_str(POLICY);
    std::fs::write(&toml, text).unwrap();
    let config = Config::load(Some(&toml)).unwrap();
    crate::common::files::imported_store(&config);
    (dir, config)
}

/// 900002's scores in each term, from the one function every view should read.
fn expected(config: &Config) -> Vec<SchoolScores> {
    let store = Store::open(&config.database_path()).unwrap();
    let data = load_dataset(&store, &config.team_keys()).unwrap();
    let school = data.school_index(URN).unwrap();
    let compiled = compiled_policy(config);
    (0..data.terms.len())
        .map(|t| school_scores(config, &compiled, &data, t, school))
        .collect()
}

/// `2.9` as every view prints a composite.
fn one_place(s: &SchoolScores) -> String {
    format!("{:.1}", s.composite.as_ref().unwrap().value)
}

/// The fixture is what the tests claim: attendance and standards derived, the others sent,
/// a different composite in each term, and not the composite of the sent scores alone.
fn check_fixture(terms: &[SchoolScores]) {
    assert_eq!(terms.len(), 2);
    for s in terms {
        let derived: Vec<bool> = s
            .scores
            .iter()
            .map(|x| x.as_ref().unwrap().derived_from.is_some())
            .collect();
        assert_eq!(derived, [false, false, true, true], "{s:?}");
    }
    assert_eq!(terms[0].values(), [Some(2), Some(2), Some(3), Some(3)]);
    assert_eq!(terms[1].values(), [Some(2), Some(2), Some(3), Some(4)]);
    assert_ne!(one_place(&terms[0]), one_place(&terms[1]));
    // Finance and HR alone (2 and 2) would give 2.0 in both terms.
    assert!(terms.iter().all(|t| one_place(t) != "2.0"));
}

/// The line of `text` that starts (after spaces) with `label`.
fn line_starting<'a>(text: &'a str, label: &str) -> &'a str {
    text.lines()
        .find(|l| l.trim_start().starts_with(label))
        .unwrap_or_else(|| panic!("no line starting {label:?} in\n{text}"))
}

/// The words of a line after its label.
fn cells(line: &str, label: &str) -> Vec<String> {
    line.trim_start()
        .trim_start_matches(label)
        .split_whitespace()
        .map(str::to_string)
        .collect()
}

#[test]
fn the_grid_detail_pane_and_trends_show_the_same_scores() {
    let (_dir, config) = indicator_borough();
    let want = expected(&config);
    check_fixture(&want);
    let store = Store::open(&config.database_path()).unwrap();
    let mut app = store_app(config, store);
    let (summer, autumn) = (one_place(&want[0]), one_place(&want[1]));

    // The grid: 900002's row shows the derived scores and this term's composite.
    press(&mut app, crate::tui_support::key('/'));
    crate::tui_support::type_text(&mut app, &URN.to_string());
    press(&mut app, code(KeyCode::Enter));
    assert_eq!(app.selected_urn(), Some(URN));
    let screen = text(&draw(&mut app, 160, 50));
    let row = screen
        .lines()
        .find(|l| l.contains("Beckside"))
        .unwrap_or_else(|| panic!("{screen}"));
    let (teams, rest) = row.split_once('│').unwrap();
    assert!(
        rest.trim_start()
            .trim_start_matches('[')
            .starts_with(&autumn),
        "{row}"
    );
    // Team cells come after the category; a derived one is marked (`*` in this theme).
    let digits: Vec<String> = teams
        .split("Enhanced")
        .nth(1)
        .unwrap()
        .split_whitespace()
        .map(|c| c.chars().filter(char::is_ascii_digit).collect::<String>())
        .filter(|c| !c.is_empty())
        .collect();
    assert_eq!(digits, ["2", "2", "3", "4"], "{row}");

    // The detail pane, drawn into a test buffer tall enough for every section.
    press(&mut app, code(KeyCode::Enter));
    let view = app.detail_view().expect("the detail pane is open");
    let area = Rect::new(0, 0, 120, 90);
    let mut buf = Buffer::empty(area);
    view.render(area, &mut buf);
    let pane = text(&buf);

    let this_term = line_starting(&pane, "│  Composite");
    assert!(this_term.contains(&autumn), "{this_term}");
    let trends = pane
        .split("Trends ·")
        .nth(1)
        .unwrap_or_else(|| panic!("{pane}"));
    let cols = |label: &str| cells(line_starting(trends, &format!("│  {label}")), "│");
    // Each row: label, sparkline, then one cell per term (oldest first), then the border.
    let team_cells = |label: &str| -> Vec<String> {
        let c = cols(label);
        c[c.len() - 3..c.len() - 1].to_vec()
    };
    let bare = |v: Vec<String>| -> Vec<String> {
        v.into_iter()
            .map(|c| {
                c.chars()
                    .filter(|ch| ch.is_ascii_digit() || *ch == '.')
                    .collect()
            })
            .collect()
    };
    assert_eq!(bare(team_cells("Finance")), ["2", "2"], "{trends}");
    assert_eq!(bare(team_cells("Attendance")), ["3", "3"], "{trends}");
    assert_eq!(bare(team_cells("Standards")), ["3", "4"], "{trends}");
    assert_eq!(
        team_cells("Composite"),
        [summer, autumn.clone()],
        "{trends}"
    );
}

#[test]
fn history_snapshot_and_the_papers_show_the_same_scores() {
    let (dir, config) = indicator_borough();
    let d = dir.path();
    let want = expected(&config);
    check_fixture(&want);
    let (summer, autumn) = (one_place(&want[0]), one_place(&want[1]));

    // history: every term, the derived scores marked, the composite last.
    let history = termly(d, &["history", &URN.to_string()]);
    for (term, want_scores, composite) in [
        ("Sum 26", ["2", "2", "3ᵇ", "3ᵇ"], &summer),
        ("Aut 26", ["2", "2", "3ᵇ", "4ᵇ"], &autumn),
    ] {
        let line = line_starting(&history, term);
        for s in want_scores {
            assert!(line.contains(&format!(" {s} ")), "{s} in {line}");
        }
        assert!(line.ends_with(&format!(" {composite}")), "{line}");
    }

    // snapshot, text and Markdown, for each term.
    for (term, t, composite) in [
        ("2025-26 summer", &want[0], &summer),
        ("2026-27 autumn", &want[1], &autumn),
    ] {
        for format in ["text", "md"] {
            let out = termly(d, &["snapshot", "--term", term, "--format", format]);
            let row = out
                .lines()
                .find(|l| l.contains("Beckside"))
                .unwrap_or_else(|| panic!("{out}"));
            assert!(row.contains(&format!(" {composite} ")), "{format}: {row}");
            // The two cells marked as banded from an indicator hold the derived scores.
            let derived: Vec<String> = row
                .split(|c: char| c.is_whitespace() || c == '|')
                .filter(|cell| cell.contains('ᵇ'))
                .map(|cell| cell.chars().filter(char::is_ascii_digit).collect())
                .collect();
            let want: Vec<String> = t.values()[2..]
                .iter()
                .map(|v| v.unwrap().to_string())
                .collect();
            assert_eq!(derived, want, "{format}: {row}");
        }
    }

    // The workbook papers: the heat map's score cells and composite.
    termly(d, &["snapshot", "--format", "xlsx", "-o", "papers.xlsx"]);
    let mut book: Xlsx<_> = calamine::open_workbook(d.join("papers.xlsx")).unwrap();
    let heat = book.worksheet_range("Heat map").unwrap();
    let header: Vec<String> = heat
        .rows()
        .next()
        .unwrap()
        .iter()
        .map(|c| c.to_string())
        .collect();
    let col = |name: &str| header.iter().position(|h| h == name).unwrap();
    let row = heat
        .rows()
        .find(|r| r[0] == Data::Float(URN as f64))
        .expect("900002 in the heat map");
    let number = |c: &Data| match c {
        Data::Float(f) => *f,
        other => panic!("{other:?}"),
    };
    let values: Vec<f64> = ["Fin", "HR", "Att", "Std"]
        .iter()
        .map(|t| number(&row[col(t)]))
        .collect();
    assert_eq!(values, [2.0, 2.0, 3.0, 4.0]);
    let composite = number(&row[col("Composite")]);
    assert_eq!(format!("{composite:.1}"), autumn);

    // The minutes' heat map (Markdown and TOML) of a meeting for this term.
    termly(
        d,
        &[
            "decide",
            "--term",
            "2026-27 autumn",
            "--chair",
            "A. Chair",
            "--urn",
            "900001",
        ]
        .iter()
        .chain(&["--kind", "confirm", "--rationale", "Stable"])
        .copied()
        .collect::<Vec<_>>(),
    );
    let md = termly(
        d,
        &[
            "export",
            "--meeting",
            "latest",
            "--format",
            "md",
            "--with-heatmap",
        ],
    );
    let appendix = md.split("Appendix: heat map").nth(1).expect("the heat map");
    let line = appendix
        .lines()
        .find(|l| l.contains("Beckside"))
        .unwrap_or_else(|| panic!("{appendix}"));
    assert_eq!(
        cells(line, "|").join(" "),
        format!("Beckside Academy | 900002 | 2 | 2 | 3 | 4 | {autumn} |"),
        "{line}"
    );
    let toml = termly(
        d,
        &[
            "export",
            "--meeting",
            "latest",
            "--format",
            "toml",
            "--with-heatmap",
        ],
    );
    let minutes = termly::minutes::toml_minutes::from_toml(&toml, "minutes.toml").unwrap();
    let heat = minutes.heatmap.expect("the heat map");
    let row = heat.rows.iter().find(|r| r.urn == URN).unwrap();
    let scores: Vec<u8> = heat.teams.iter().map(|t| row.scores[t]).collect();
    assert_eq!(scores, [2, 2, 3, 4]);
    assert_eq!(format!("{:.1}", row.composite.unwrap()), autumn);
}
