//! What a database says it holds: its tables, their columns, and (on PostgreSQL) the
//! identity columns whose sequences must move past copied ids. The only statements of the
//! copy that differ between the two databases.

use crate::args;
use crate::store::db::{Db, DbResult, Dialect};

/// The names of the tables in the database's own schema.
pub fn tables(db: &Db) -> DbResult<Vec<String>> {
    let sql = match db.dialect() {
        Dialect::Sqlite => {
            "SELECT name FROM sqlite_master WHERE type = 'table' AND name NOT LIKE 'sqlite~_%' ESCAPE '~' ORDER BY name"
        }
        Dialect::Postgres => {
            "SELECT CAST(table_name AS TEXT) FROM information_schema.tables
             WHERE table_schema = current_schema() AND table_type = 'BASE TABLE' ORDER BY 1"
        }
    };
    db.query(sql, args![], |r| r.get(0))
}

/// The column names of `table`, sorted.
pub fn columns(db: &Db, table: &str) -> DbResult<Vec<String>> {
    let sql = match db.dialect() {
        Dialect::Sqlite => "SELECT name FROM pragma_table_info(?1) ORDER BY name",
        Dialect::Postgres => {
            "SELECT CAST(column_name AS TEXT) FROM information_schema.columns
             WHERE table_schema = current_schema() AND table_name = ?1 ORDER BY 1"
        }
    };
    db.query(sql, args![table], |r| r.get(0))
}

/// (table, column) of every identity column: PostgreSQL only; SQLite takes the next
/// rowid from the largest one present, so it has nothing to move.
pub fn identity_columns(db: &Db) -> DbResult<Vec<(String, String)>> {
    match db.dialect() {
        Dialect::Sqlite => Ok(Vec::new()),
        Dialect::Postgres => db.query(
            "SELECT CAST(table_name AS TEXT), CAST(column_name AS TEXT)
             FROM information_schema.columns
             WHERE table_schema = current_schema() AND is_identity = 'YES' ORDER BY 1",
            args![],
            |r| Ok((r.get(0)?, r.get(1)?)),
        ),
    }
}

/// Set up the destination's transaction for a bulk write. PostgreSQL: the score-pack stale
/// trigger stands aside (the packs are copied as they are). SQLite: a bigger page cache, so
/// a national copy does not spill dirty pages mid-transaction.
pub fn prepare_for_bulk(db: &Db) -> DbResult<()> {
    db.execute_batch(match db.dialect() {
        Dialect::Sqlite => "PRAGMA cache_size = -131072",
        Dialect::Postgres => "SET LOCAL termly.bulk = 'on'",
    })
}

/// Move each identity sequence so the next id given is one past the largest copied, or 1
/// in an empty table, and new rows never collide with copied ones.
pub fn move_sequences_past_ids(db: &Db) -> DbResult<()> {
    for (table, column) in identity_columns(db)? {
        let sql = format!(
            "SELECT setval(pg_get_serial_sequence('{table}', '{column}'), \
             coalesce(max(\"{column}\"), 0) + 1, false) FROM \"{table}\""
        );
        db.value::<i64>(&sql, args![])?;
    }
    Ok(())
}
