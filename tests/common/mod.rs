//! Helpers shared by the integration tests: copies of the good fixture borough, the real
//! binary run in one, and a tmux driver for its screen.
// Every test binary compiles this module but uses only a subset of it; without this the
// helpers one binary does not call would be reported as dead code in that binary.
#![allow(dead_code)]

pub mod cli;
pub mod files;
pub mod tmux;
pub mod tools;
