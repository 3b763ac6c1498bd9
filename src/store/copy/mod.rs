//! Copying a whole termly database into an empty one: SQLite to PostgreSQL, back, or
//! SQLite to SQLite, by the same code, written against the [`Db`] API alone. The source is
//! read in one snapshot; the destination is written in one transaction, table by table in
//! foreign-key order with every id kept, then checked (row counts of every table, and a
//! checksum of the official record read back) before it commits. A copy that fails for any
//! reason leaves the destination as it was.
//!
//! Score packs are copied as they are, with the set of stale pairs: they are a function of
//! the score and indicator rows, which are copied exactly, and their bytes mean the same on
//! both databases. Marking every pair stale instead would make every load of the copy read
//! ~3 million rows until the next import rebuilt the packs.

mod catalog;
mod tables;
mod verify;

pub use tables::{Table, TABLES};

use super::db::{Db, DbError, TxMode, Value};
use super::{Location, Store, StoreError};
use std::path::Path;

/// Rows read from the source at a time (the last row's key starts the next page).
const PAGE_ROWS: usize = 5_000;
/// Parameters in one multi-row INSERT: well under SQLite's 32,766 and PostgreSQL's 65,535.
const MAX_PARAMS: usize = 10_000;

#[derive(Debug, thiserror::Error)]
pub enum CopyError {
    #[error(transparent)]
    Store(#[from] StoreError),
    #[error("{0}: no database there to copy from")]
    NoSource(String),
    #[error("{0} is both the source and the destination")]
    SameDatabase(String),
    #[error("{to} already holds data ({rows} rows in {table}): termly copies only into an empty database; nothing was written")]
    NotEmpty {
        to: String,
        table: &'static str,
        rows: i64,
    },
    #[error(
        "{database} has a table termly does not know how to copy ({table}); nothing was written"
    )]
    UnknownTable { database: String, table: String },
    #[error("{database}: table {table} has columns {found:?}, termly expects {expected:?}; nothing was written")]
    UnknownColumns {
        database: String,
        table: &'static str,
        found: Vec<String>,
        expected: Vec<String>,
    },
    #[error("{from} is at schema version {from_version} and {to} at {to_version}: open both with this termly first; nothing was written")]
    SchemaVersions {
        from: String,
        to: String,
        from_version: i64,
        to_version: i64,
    },
    #[error(
        "table {table}: the source has {expected} rows and the copy {found}; nothing was written"
    )]
    CountMismatch {
        table: &'static str,
        expected: i64,
        found: i64,
    },
    #[error("the copied record (meetings, decisions, actions) reads back differently from the source; nothing was written")]
    ChecksumMismatch,
}

/// What was copied: every table's rows, and the record's checksum on both sides.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct CopyReport {
    pub from: String,
    pub to: String,
    /// (table, rows), in copy order.
    pub tables: Vec<(&'static str, i64)>,
    /// SHA-256 of the meetings, decisions, actions and their history, equal on both sides.
    pub record_checksum: String,
}

/// Copy the database at `from` into the empty (or new) one at `to`. A new SQLite file the
/// copy created is removed again if the copy fails.
pub fn copy_between(
    from: &Location,
    to: &Location,
    password_command: Option<&str>,
) -> Result<CopyReport, CopyError> {
    if same_place(from, to) {
        return Err(CopyError::SameDatabase(to.to_string()));
    }
    if let Location::File(path) = from {
        if !path.is_file() {
            return Err(CopyError::NoSource(path.display().to_string()));
        }
    }
    let source = Store::open_at(from, password_command)?;
    match to {
        Location::File(path) => copy_to_file(&source, path),
        Location::Postgres(_) => copy_store(&source, &Store::open_at(to, password_command)?),
    }
}

/// Copy into a SQLite file (created readable by its owner only); if this call created the
/// file and the copy fails, the file is removed.
pub fn copy_to_file(from: &Store, dest: &Path) -> Result<CopyReport, CopyError> {
    let existed = dest.exists();
    let result = Store::open(dest)
        .map_err(CopyError::from)
        .and_then(|to| copy_store(from, &to));
    if result.is_err() && !existed {
        for suffix in ["", "-wal", "-shm", "-journal"] {
            let mut name = dest.as_os_str().to_owned();
            name.push(suffix);
            // Best effort: the error being returned is the one that matters.
            let _ = std::fs::remove_file(Path::new(&name));
        }
    }
    result
}

fn same_place(a: &Location, b: &Location) -> bool {
    match (a, b) {
        (Location::File(a), Location::File(b)) => {
            a == b || matches!((a.canonicalize(), b.canonicalize()), (Ok(x), Ok(y)) if x == y)
        }
        (Location::Postgres(a), Location::Postgres(b)) => a == b,
        _ => false,
    }
}

/// Copy every table of `from` into `to`, which must hold no data, in one transaction.
pub fn copy_store(from: &Store, to: &Store) -> Result<CopyReport, CopyError> {
    check_same_schema(from, to)?;
    let read = from.db.begin(TxMode::Snapshot).map_err(|e| from.err(e))?;
    let write = to.db.begin(TxMode::Exclusive).map_err(|e| to.err(e))?;
    refuse_data(to, &write)?;
    catalog::prepare_for_bulk(&write).map_err(|e| to.err(e))?;
    let mut copied = Vec::with_capacity(TABLES.len());
    for table in TABLES {
        if table.name == "score_packs_stale" {
            // The destination's own triggers marked pairs stale as their rows arrived;
            // the source's marks are what hold.
            write
                .execute("DELETE FROM score_packs_stale", &[])
                .map_err(|e| to.err(e))?;
        }
        copied.push(copy_table(from, &read, to, &write, table)?);
    }
    catalog::move_sequences_past_ids(&write).map_err(|e| to.err(e))?;
    let record_checksum = verify_copy(from, &read, to, &write, &copied)?;
    write.commit().map_err(|e| to.err(e))?;
    Ok(CopyReport {
        from: from.path().display().to_string(),
        to: to.path().display().to_string(),
        tables: TABLES.iter().map(|t| t.name).zip(copied).collect(),
        record_checksum,
    })
}

fn check_same_schema(from: &Store, to: &Store) -> Result<(), CopyError> {
    let (from_version, to_version) = (from.schema_version()?, to.schema_version()?);
    if from_version != to_version {
        return Err(CopyError::SchemaVersions {
            from: from.path().display().to_string(),
            to: to.path().display().to_string(),
            from_version,
            to_version,
        });
    }
    for store in [from, to] {
        check_tables_known(store)?;
    }
    Ok(())
}

/// Every table in the database is one termly copies, with the columns it names: a table or
/// column this code does not know would otherwise be silently left behind.
fn check_tables_known(store: &Store) -> Result<(), CopyError> {
    let database = store.path().display().to_string();
    for name in catalog::tables(&store.db).map_err(|e| store.err(e))? {
        if tables::NOT_COPIED.contains(&name.as_str()) {
            continue;
        }
        let Some(table) = tables::find(&name) else {
            return Err(CopyError::UnknownTable {
                database,
                table: name,
            });
        };
        let found = catalog::columns(&store.db, table.name).map_err(|e| store.err(e))?;
        let mut expected: Vec<String> = table.columns.iter().map(|c| c.to_string()).collect();
        expected.sort();
        if found != expected {
            return Err(CopyError::UnknownColumns {
                database,
                table: table.name,
                found,
                expected,
            });
        }
    }
    Ok(())
}

fn refuse_data(to: &Store, write: &Db) -> Result<(), CopyError> {
    let counts = verify::counts(write).map_err(|e| to.err(e))?;
    match TABLES.iter().zip(counts).find(|(_, n)| *n > 0) {
        Some((table, rows)) => Err(CopyError::NotEmpty {
            to: to.path().display().to_string(),
            table: table.name,
            rows,
        }),
        None => Ok(()),
    }
}

/// Copy one table page by page, each page's rows written in a few multi-row INSERTs;
/// returns the rows copied.
fn copy_table(
    from: &Store,
    read: &Db,
    to: &Store,
    write: &Db,
    table: &Table,
) -> Result<i64, StoreError> {
    let width = table.columns.len();
    let pages = Pages::new(table);
    let insert = Insert::new(table);
    let mut after: Option<Vec<Value>> = None;
    let mut total = 0i64;
    loop {
        let mut page: Vec<Value> = Vec::with_capacity(PAGE_ROWS * width);
        let (sql, args) = match &after {
            None => (&pages.first, &[][..]),
            Some(key) => (&pages.next, &key[..]),
        };
        read.for_each(sql, args, |row| {
            for i in 0..width {
                page.push(row.get::<Value>(i)?);
            }
            Ok(())
        })
        .map_err(|e| from.err(e))?;
        insert.rows(write, &page).map_err(|e| to.err(e))?;
        let rows = page.len() / width;
        total += rows as i64;
        if rows < PAGE_ROWS {
            return Ok(total);
        }
        let last = (rows - 1) * width;
        after = Some(page[last..last + table.key_len].to_vec());
    }
}

/// The two reads of a table: its first page, and the page after a given key.
struct Pages {
    first: String,
    next: String,
}

impl Pages {
    fn new(table: &Table) -> Pages {
        let columns = table.columns.join(", ");
        let key = table.key().join(", ");
        let params: Vec<String> = (1..=table.key_len).map(|i| format!("?{i}")).collect();
        Pages {
            first: format!(
                "SELECT {columns} FROM {} ORDER BY {key} LIMIT {PAGE_ROWS}",
                table.name
            ),
            next: format!(
                "SELECT {columns} FROM {} WHERE ({key}) > ({}) ORDER BY {key} LIMIT {PAGE_ROWS}",
                table.name,
                params.join(", ")
            ),
        }
    }
}

/// Multi-row INSERTs into one table: one statement for a full batch, kept, and one built
/// for the last, shorter batch.
struct Insert {
    table: &'static str,
    columns: &'static [&'static str],
    batch_rows: usize,
    full: String,
}

impl Insert {
    fn new(table: &Table) -> Insert {
        let batch_rows = (MAX_PARAMS / table.columns.len()).clamp(1, PAGE_ROWS);
        Insert {
            table: table.name,
            columns: table.columns,
            batch_rows,
            full: insert_sql(table.name, table.columns, batch_rows),
        }
    }

    fn rows(&self, write: &Db, values: &[Value]) -> Result<(), DbError> {
        let width = self.columns.len();
        for batch in values.chunks(self.batch_rows * width) {
            let rows = batch.len() / width;
            if rows == self.batch_rows {
                write.execute(&self.full, batch)?;
            } else {
                write.execute(&insert_sql(self.table, self.columns, rows), batch)?;
            }
        }
        Ok(())
    }
}

/// `INSERT INTO t (a, b) VALUES (?1, ?2), (?3, ?4), …` for `rows` rows.
fn insert_sql(table: &str, columns: &[&str], rows: usize) -> String {
    let width = columns.len();
    let mut sql = format!("INSERT INTO {table} ({}) VALUES ", columns.join(", "));
    for r in 0..rows {
        if r > 0 {
            sql.push_str(", ");
        }
        sql.push('(');
        for c in 0..width {
            if c > 0 {
                sql.push_str(", ");
            }
            sql.push_str(&format!("?{}", r * width + c + 1));
        }
        sql.push(')');
    }
    sql
}

/// Counts on both sides equal to the rows copied, and the record's checksum equal; returns
/// the checksum.
fn verify_copy(
    from: &Store,
    read: &Db,
    to: &Store,
    write: &Db,
    copied: &[i64],
) -> Result<String, CopyError> {
    let expected = verify::counts(read).map_err(|e| from.err(e))?;
    let found = verify::counts(write).map_err(|e| to.err(e))?;
    for (i, table) in TABLES.iter().enumerate() {
        // Rows read, rows the destination now holds: both must be the source's count.
        if let Some(&wrong) = [copied[i], found[i]].iter().find(|&&n| n != expected[i]) {
            return Err(CopyError::CountMismatch {
                table: table.name,
                expected: expected[i],
                found: wrong,
            });
        }
    }
    let source = verify::record_checksum(read).map_err(|e| from.err(e))?;
    let copy = verify::record_checksum(write).map_err(|e| to.err(e))?;
    if source != copy {
        return Err(CopyError::ChecksumMismatch);
    }
    Ok(source)
}

#[cfg(test)]
mod tests;
