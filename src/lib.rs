//! termly: chair a local authority's termly school risk-assessment ("heat-map") meeting.
//!
//! Data flows one way: files → [`ingest`] → [`import`] → [`store`] → [`dataset`] → [`policy`] →
//! screen ([`tui`]) or print ([`printout`], the heat map on paper; [`minutes`]).

pub mod actions;
pub mod category_timeline;
pub mod cli;
pub mod clock;
pub mod colour;
pub mod commands;
pub mod confidential;
pub mod config;
pub mod dataset;
pub mod demo;
pub mod files;
pub mod gias_groups;
pub mod import;
pub mod ingest;
pub mod location;
pub mod md_escape;
pub mod meeting;
pub mod minutes;
pub mod model;
pub mod papers;
pub mod policy;
pub mod printout;
pub mod setup;
pub mod store;
pub mod term;
pub mod text;
pub mod tui;
