//! The meeting screen.
