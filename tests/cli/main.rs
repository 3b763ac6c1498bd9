//! The command line: `termly import`, `check`, `decide`, `history`, `export`, `check-minutes`,
//! `backup`, `admin copy` and `demo-data` driven through the real binary, and the minutes they write.
//!
//! One test binary for the area, so the suite links a few times, not once per file.

#[path = "../common/mod.rs"]
mod common;
#[path = "../decisions_fixture/mod.rs"]
mod decisions_fixture;
#[path = "../ingest_support/mod.rs"]
mod ingest_support;
#[path = "../common/pg.rs"]
mod pg_support;

mod actions_cli;
mod backup_server;
mod bad_inputs;
mod cli_import;
mod decisions_cli;
mod demo_data;
mod due_dates_cli;
mod files_protect;
mod first_hour;
mod hostile_links;
mod hostile_storage;
mod hostile_text;
#[cfg(unix)] // caps the binary's address space (setrlimit) and reads its peak (wait4): Linux only
mod hostile_workbooks;
mod input_limits;
mod meeting_record_cli;
mod minutes_agenda;
mod minutes_escaping;
mod minutes_golden;
mod minutes_roundtrip;
mod people_lists;
mod pg_copy;
mod pg_roles;
mod real_files;
mod windows_behaviour;
mod workbook_cli;
