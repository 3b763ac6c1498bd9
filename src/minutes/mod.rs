//! Markdown and TOML minutes.
