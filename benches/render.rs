//! One frame of the meeting screen at 24,000 schools (160×45), a cursor move + frame, and a
//! filter keystroke (which rebuilds the view). The dataset is built in memory.

#[path = "../tests/tui_support/mod.rs"]
mod tui_support;

use criterion::{criterion_group, criterion_main, Criterion};
use ratatui::buffer::Buffer;
use ratatui::crossterm::event::KeyCode;
use ratatui::layout::Rect;
use std::hint::black_box;
use termly::tui::ui;
use tui_support::*;

const SCHOOLS: usize = 24_000;

fn frame(c: &mut Criterion) {
    let mut app = app(SCHOOLS);
    let area = Rect::new(0, 0, 160, 45);
    app.set_page(ui::page_rows(&app, area));
    let mut buf = Buffer::empty(area);
    c.bench_function("render 24k schools 160x45", |b| {
        b.iter(|| {
            buf.reset();
            ui::render_buffer(black_box(&app), area, &mut buf);
        })
    });
    c.bench_function("move cursor + render", |b| {
        b.iter(|| {
            press(&mut app, key('j'));
            buf.reset();
            ui::render_buffer(&app, area, &mut buf);
        })
    });
    c.bench_function("filter keystroke (24k schools)", |b| {
        press(&mut app, key('/'));
        b.iter(|| {
            press(&mut app, key('a'));
            press(&mut app, code(KeyCode::Backspace));
        })
    });
}

criterion_group!(benches, frame);
criterion_main!(benches);
