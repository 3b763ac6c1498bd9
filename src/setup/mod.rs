//! Setting up a real authority: `termly init` (a configuration, the register imported, a
//! scoring workbook per team and a support workbook) and `termly templates` (the next
//! term's workbooks).

pub mod config_text;
pub mod init;
pub mod templates;
pub mod workbooks;
