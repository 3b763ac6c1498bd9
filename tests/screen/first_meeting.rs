//! A first meeting on the screen: the schools with no category yet are one item. `e` shows
//! them as a list with their starting categories, `y` records them all (a decision each,
//! with the policy's reasons), and the header's time budget counts them as one item.

use crate::common::files::{copy_dir_skipping, data_dir};
use crate::tui_support::{key, press, text};
use ratatui::buffer::Buffer;
use ratatui::layout::Rect;
use termly::config::Config;
use termly::model::DecisionKind;
use termly::store::Store;

#[test]
fn categories_to_establish_are_one_item_recorded_in_one_step() {
    // The good borough without its support file: no school has a category yet.
    let dir = tempfile::tempdir().unwrap();
    copy_dir_skipping(
        &data_dir().join("good"),
        dir.path(),
        &["termly.db", "support.csv"],
    );
    let toml = dir.path().join("termly.toml");
    let cfg = std::fs::read_to_string(&toml)
        .unwrap()
        .replace("support = \"support.csv\"\n", "");
    std::fs::write(&toml, cfg).unwrap();
    let config = Config::load(Some(&toml)).unwrap();
    let store = crate::common::files::imported_store(&config);
    let n = store.known_urns().unwrap().len();
    drop(store);
    let store = Store::open(&config.database_path()).unwrap();
    let mut app = crate::tui_support::store_app(config.clone(), store);
    app.set_screen(Rect::new(0, 0, 120, 40));
    app.start_meeting(Some("A. Chair"), &[]);
    if app.popup().is_some() {
        press(&mut app, key('y'));
    }
    let screen = |app: &mut termly::tui::App| {
        let area = Rect::new(0, 0, 120, 40);
        app.set_screen(area);
        let mut buf = Buffer::empty(area);
        termly::tui::ui::render_buffer(app, area, &mut buf);
        text(&buf)
    };
    let before = screen(&mut app);
    let header = before.lines().next().unwrap().to_string();
    assert!(
        header.contains("≈6/120 min"),
        "one item of 6 minutes: {header}"
    );

    press(&mut app, key('e'));
    let shown = screen(&mut app);
    assert!(
        shown.contains(&format!("Categories to establish ({n})")),
        "{shown}"
    );
    assert!(shown.contains("start in Core"), "{shown}");

    press(&mut app, key('y'));
    assert!(
        app.status()
            .message
            .starts_with(&format!("saved {n} starting categories")),
        "{:?}",
        app.status()
    );
    let store = Store::open(&config.database_path()).unwrap();
    let data = termly::store::load_dataset(&store, &config.team_keys()).unwrap();
    let recorded: Vec<_> = data
        .decisions
        .iter()
        .filter(|d| d.kind == DecisionKind::Recategorise)
        .collect();
    assert_eq!(recorded.len(), n, "a decision each");
    assert!(recorded
        .iter()
        .all(|d| d.rationale.starts_with("starting category: ")));
    // Nothing left to establish: the key says so.
    press(&mut app, key('e'));
    assert!(app.popup().is_none());
    assert!(
        app.status().message.contains("none to establish"),
        "{:?}",
        app.status()
    );
}
