//! Text written straight into the database reaches the screen clean and bounded: a school
//! name with escapes and a right-to-left override shows in the detail pane's title and the
//! grid without them, and a 10 MB comment is shown cut, with a note, so nothing the size of
//! the comment is laid out on every frame.

use crate::common::files::imported_borough;
use crate::tui_support::{code, key, press, text, type_text};
use ratatui::buffer::Buffer;
use ratatui::crossterm::event::KeyCode;
use ratatui::layout::Rect;
use termly::store::Store;
use termly::tui::Mode;

const URN: u32 = 900002;

#[test]
fn hostile_names_and_a_huge_comment_reach_the_screen_clean_and_bounded() {
    let (_dir, config, db) = imported_borough();
    let conn = rusqlite::Connection::open(&db).unwrap();
    conn.execute(
        "UPDATE schools SET name = ?1 WHERE urn = ?2",
        rusqlite::params![
            "Evil\u{1b}[2J\u{1b}]0;pwned\u{7}\u{202e}loohcS\u{2066} Primary",
            URN
        ],
    )
    .unwrap();
    let huge = format!("Deficit\u{1b}[31m {}", "recovery plan ".repeat(750_000));
    let changed = conn
        .execute(
            "UPDATE scores SET comment = ?1 WHERE urn = ?2",
            rusqlite::params![huge, URN],
        )
        .unwrap();
    assert!(changed > 0, "the school has scores");
    drop(conn);
    let store = Store::open(&db).unwrap();
    let mut app = crate::tui_support::store_app(config, store);
    // Tall enough that the whole pane, with four teams' cut comments, is on screen.
    let area = Rect::new(0, 0, 200, 250);
    app.set_screen(area);
    press(&mut app, key('/'));
    type_text(&mut app, &URN.to_string());
    press(&mut app, code(KeyCode::Enter));
    press(&mut app, code(KeyCode::Enter));
    assert_eq!(app.mode(), Mode::Detail);
    let mut buf = Buffer::empty(area);
    termly::tui::ui::render_buffer(&app, area, &mut buf);
    let shown = text(&buf);
    let bad: Vec<String> = shown
        .chars()
        .filter(|&c| c != '\n' && termly::text::is_unsafe_char(c))
        .map(|c| format!("U+{:04X}", c as u32))
        .collect();
    assert!(bad.is_empty(), "{bad:?}\n{shown}");
    assert!(
        shown.contains("pwnedloohcS Primary (URN 900002)"),
        "the name is shown in the pane's title, without its override:\n{shown}"
    );
    assert!(
        shown.contains("more: see the minutes or an export"),
        "the huge comment is cut with a note:\n{shown}"
    );
}
