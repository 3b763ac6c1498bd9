//! The bad-input corpus: every case in `tests/data/bad/<case>/` is laid over the small valid
//! borough in `tests/data/good/`, then `termly check` and `termly import` are run through the
//! real binary. Each must fail without panicking, name the file (and the line where the case
//! says), and leave a database imported from the good data row-for-row unchanged.

use crate::common::files::{copy_dir_skipping, data_dir, good_borough};
use rusqlite::Connection;
use std::path::Path;
use std::process::{Command, Output};

#[derive(serde::Deserialize)]
#[serde(deny_unknown_fields)]
struct Case {
    /// The file name the message must mention.
    file: String,
    /// The line the message must point at, where one exists.
    line: Option<u32>,
    /// Register file to configure instead of register.csv (TOML or GIAS cases).
    register: Option<String>,
}

fn termly(config: &Path, args: &[&str]) -> Output {
    Command::new(env!("CARGO_BIN_EXE_termly"))
        .arg("--config")
        .arg(config)
        .args(args)
        .env_remove("TERMLY_CONFIG")
        .output()
        .expect("run termly")
}

/// Every row of every table, in a stable order, as text.
fn dump(db: &Path) -> String {
    let conn = Connection::open(db).unwrap();
    let tables: Vec<String> = conn
        .prepare("SELECT name FROM sqlite_master WHERE type = 'table' ORDER BY name")
        .unwrap()
        .query_map([], |r| r.get(0))
        .unwrap()
        .collect::<Result<_, _>>()
        .unwrap();
    let mut out = String::new();
    for table in tables {
        let mut stmt = conn
            .prepare(&format!("SELECT * FROM \"{table}\" ORDER BY 1, 2, 3"))
            .or_else(|_| conn.prepare(&format!("SELECT * FROM \"{table}\" ORDER BY 1")))
            .unwrap();
        let n = stmt.column_count();
        let mut rows = stmt.query([]).unwrap();
        out.push_str(&format!("## {table}\n"));
        while let Some(row) = rows.next().unwrap() {
            for i in 0..n {
                let v: rusqlite::types::Value = row.get(i).unwrap();
                out.push_str(&format!("{v:?}|"));
            }
            out.push('\n');
        }
    }
    out
}

fn check_case(name: &str) -> Result<(), String> {
    let case_dir = data_dir().join("bad").join(name);
    let case: Case = toml::from_str(&std::fs::read_to_string(case_dir.join("case.toml")).unwrap())
        .map_err(|e| format!("case.toml: {e}"))?;
    let work = good_borough();
    let config = work.path().join("termly.toml");

    // A database holding the good data: what a failed import must leave as it was.
    let first = termly(&config, &["import"]);
    if !first.status.success() {
        return Err(format!(
            "the good data did not import: {}",
            String::from_utf8_lossy(&first.stderr)
        ));
    }
    let db = work.path().join("termly.db");
    let before = dump(&db);

    copy_dir_skipping(&case_dir, work.path(), &["case.toml"]);
    if let Some(register) = &case.register {
        let text = std::fs::read_to_string(&config).unwrap();
        let text = text.replace(
            "register = \"register.csv\"",
            &format!("register = \"{register}\""),
        );
        std::fs::write(&config, text).unwrap();
    }

    for command in ["check", "import"] {
        let out = termly(&config, &[command]);
        // `check` reports problems on stdout (its report), `import` on stderr.
        let stderr = format!(
            "{}{}",
            String::from_utf8_lossy(&out.stdout),
            String::from_utf8_lossy(&out.stderr)
        );
        let code = out.status.code();
        if code.is_none() || code == Some(101) {
            return Err(format!("{command} crashed: {stderr}"));
        }
        if out.status.success() {
            return Err(format!("{command} accepted it"));
        }
        if !stderr.contains(&case.file) {
            return Err(format!("{command} did not name {}: {stderr}", case.file));
        }
        if let Some(line) = case.line {
            if !stderr.contains(&format!("{}:{line}", case.file)) {
                return Err(format!(
                    "{command} did not point at {}:{line}: {}",
                    case.file,
                    stderr.chars().take(600).collect::<String>()
                ));
            }
        }
        if stderr.contains('\u{1b}') || stderr.contains('\0') {
            return Err(format!(
                "{command} passed a control character to the terminal"
            ));
        }
        if stderr.len() > 20_000 {
            return Err(format!(
                "{command} printed {} bytes of errors",
                stderr.len()
            ));
        }
    }
    let after = dump(&db);
    if before != after {
        return Err("the failed import changed the database".into());
    }
    Ok(())
}

#[test]
fn every_bad_input_is_refused_clearly_and_changes_nothing() {
    let mut names: Vec<String> = std::fs::read_dir(data_dir().join("bad"))
        .unwrap()
        .map(|e| e.unwrap().file_name().to_string_lossy().into_owned())
        .collect();
    names.sort();
    assert!(names.len() >= 40, "the corpus has {} cases", names.len());
    let failures: Vec<String> = names
        .iter()
        .filter_map(|n| check_case(n).err().map(|e| format!("{n}: {e}")))
        .collect();
    assert!(
        failures.is_empty(),
        "{} of {} cases failed:\n{}",
        failures.len(),
        names.len(),
        failures.join("\n")
    );
}

#[test]
fn the_good_data_checks_clean() {
    let work = good_borough();
    let out = termly(&work.path().join("termly.toml"), &["check"]);
    assert!(
        out.status.success(),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
}
