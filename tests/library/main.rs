//! The data core through the library: reading every input, storing it, the policy's rules,
//! agenda and capacity, and the rules for recording decisions.
//!
//! One test binary for the area, so the suite links a few times, not once per file.

#[path = "../decisions_fixture/mod.rs"]
mod decisions_fixture;
#[path = "../ingest_support/mod.rs"]
mod ingest_support;
#[path = "../common/pg.rs"]
mod pg_support;
#[path = "../policy_support/mod.rs"]
mod policy_support;

mod actions_records;
mod backends;
mod decisions_rules;
mod ingest_bad_input;
mod ingest_gias;
mod ingest_store;
mod meeting_service;
mod policy_config;
mod policy_fixtures;
mod policy_rules;
mod policy_snapshot;
mod record_order;
mod sources_combine;
mod store_backends;
mod store_backends_data;
mod store_backends_meetings;
mod store_backends_reports;
mod store_backends_requests;
mod store_copy;
mod store_reconnect;
mod workbook_read;
mod workbook_write;
mod workbook_xls;
