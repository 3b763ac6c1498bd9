//! The one place that knows there are two databases. Store code writes SQL once, with
//! SQLite's `?1` placeholders and the SQL both databases share (upserts with `ON CONFLICT`,
//! `RETURNING id`, `CAST(… AS BIGINT)`), and calls the few methods here; the PostgreSQL side
//! rewrites placeholders and binds values by the column types the server reports.

mod error;
mod pg;
mod placeholders;
mod row;
mod value;

pub use crate::location::conninfo::{database_name, is_postgres_url, redact};
pub use error::{DbError, DbResult};
pub use pg::{PgConnection, PgTarget, CHANGES_CHANNEL};
pub use row::Row;
pub use value::{Cell, FromCell, Value};

use std::cell::RefCell;

/// Which database is behind a [`Db`], for the few statements that differ.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Dialect {
    Sqlite,
    Postgres,
}

/// How a transaction starts.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum TxMode {
    /// Reads that must all see the same moment.
    Snapshot,
    /// Writes that need no order with other writers beyond the database's own.
    Write,
    /// Writes that read, then write depending on what they read (numbering, "already
    /// decided"): one writer at a time, as SQLite's `BEGIN IMMEDIATE`.
    Exclusive,
}

/// An open connection to either database.
pub enum Db {
    Sqlite(rusqlite::Connection),
    // Boxed: a PostgreSQL session (client, statement cache) is much bigger than SQLite's handle.
    Postgres(Box<RefCell<PgConnection>>),
}

impl Db {
    pub fn dialect(&self) -> Dialect {
        match self {
            Db::Sqlite(_) => Dialect::Sqlite,
            Db::Postgres(_) => Dialect::Postgres,
        }
    }

    /// Run a statement; returns the number of rows it changed.
    pub fn execute(&self, sql: &str, args: &[Value]) -> DbResult<usize> {
        match self {
            Db::Sqlite(c) => {
                let mut stmt = c.prepare_cached(sql)?;
                Ok(stmt.execute(rusqlite::params_from_iter(args.iter()))?)
            }
            Db::Postgres(c) => c.borrow_mut().execute(sql, args),
        }
    }

    /// Run several statements with no parameters (schema changes, settings).
    pub fn execute_batch(&self, sql: &str) -> DbResult<()> {
        match self {
            Db::Sqlite(c) => Ok(c.execute_batch(sql)?),
            Db::Postgres(c) => c.borrow_mut().batch(sql),
        }
    }

    /// Call `each` for every row, in order, without collecting them.
    pub fn for_each(
        &self,
        sql: &str,
        args: &[Value],
        mut each: impl FnMut(&Row<'_>) -> DbResult<()>,
    ) -> DbResult<()> {
        match self {
            Db::Sqlite(c) => {
                let mut stmt = c.prepare_cached(sql)?;
                let mut rows = stmt.query(rusqlite::params_from_iter(args.iter()))?;
                while let Some(r) = rows.next()? {
                    each(&Row::Sqlite(r))?;
                }
                Ok(())
            }
            Db::Postgres(c) => {
                let rows = c.borrow_mut().query(sql, args)?;
                for r in &rows {
                    each(&Row::Postgres(r))?;
                }
                Ok(())
            }
        }
    }

    /// Every row, each turned into a `T` by `map`.
    pub fn query<T>(
        &self,
        sql: &str,
        args: &[Value],
        mut map: impl FnMut(&Row<'_>) -> DbResult<T>,
    ) -> DbResult<Vec<T>> {
        let mut out = Vec::new();
        self.for_each(sql, args, |r| {
            out.push(map(r)?);
            Ok(())
        })?;
        Ok(out)
    }

    /// The first row, if there is one.
    pub fn query_opt<T>(
        &self,
        sql: &str,
        args: &[Value],
        map: impl FnOnce(&Row<'_>) -> DbResult<T>,
    ) -> DbResult<Option<T>> {
        let mut map = Some(map);
        let mut out = None;
        self.for_each(sql, args, |r| {
            if let Some(f) = map.take() {
                out = Some(f(r)?);
            }
            Ok(())
        })?;
        Ok(out)
    }

    /// The first row; no row at all is an error.
    pub fn query_one<T>(
        &self,
        sql: &str,
        args: &[Value],
        map: impl FnOnce(&Row<'_>) -> DbResult<T>,
    ) -> DbResult<T> {
        self.query_opt(sql, args, map)?.ok_or(DbError::NoRows)
    }

    /// One value from the first row (`SELECT count(*) …`).
    pub fn value<T: FromCell>(&self, sql: &str, args: &[Value]) -> DbResult<T> {
        self.query_one(sql, args, |r| r.get(0))
    }

    /// Run an `INSERT … RETURNING id` and give the new row's id.
    pub fn insert_id(&self, sql: &str, args: &[Value]) -> DbResult<i64> {
        self.value(sql, args)
    }

    /// Start a transaction; it rolls back when dropped uncommitted.
    pub fn begin(&self, mode: TxMode) -> DbResult<Tx<'_>> {
        let sql = match (self.dialect(), mode) {
            (Dialect::Sqlite, TxMode::Exclusive) => "BEGIN IMMEDIATE",
            (Dialect::Sqlite, _) => "BEGIN",
            (Dialect::Postgres, TxMode::Snapshot) => {
                "BEGIN ISOLATION LEVEL REPEATABLE READ READ ONLY"
            }
            (Dialect::Postgres, TxMode::Write) => "BEGIN",
            // One writer at a time for read-then-write work, as BEGIN IMMEDIATE does.
            (Dialect::Postgres, TxMode::Exclusive) => {
                "BEGIN; SELECT pg_advisory_xact_lock(7275786380)"
            }
        };
        match self {
            Db::Sqlite(c) => c.execute_batch(sql)?,
            // The connection keeps track, so a transaction that lost it is never finished
            // on another.
            Db::Postgres(c) => c.borrow_mut().begin(sql)?,
        }
        Ok(Tx {
            db: self,
            open: true,
        })
    }

    /// The connection's SQLite handle, for what only SQLite has (file backups, PRAGMAs).
    pub fn sqlite(&self) -> Option<&rusqlite::Connection> {
        match self {
            Db::Sqlite(c) => Some(c),
            Db::Postgres(_) => None,
        }
    }
}

/// An open transaction. Reads and writes go through it as through the [`Db`].
pub struct Tx<'a> {
    db: &'a Db,
    open: bool,
}

impl Tx<'_> {
    pub fn commit(mut self) -> DbResult<()> {
        self.open = false;
        match self.db {
            Db::Sqlite(c) => Ok(c.execute_batch("COMMIT")?),
            Db::Postgres(c) => c.borrow_mut().commit(),
        }
    }
}

impl std::ops::Deref for Tx<'_> {
    type Target = Db;
    fn deref(&self) -> &Db {
        self.db
    }
}

impl Drop for Tx<'_> {
    fn drop(&mut self) {
        if self.open {
            // Nothing more can be done if the rollback itself fails: the database discards
            // an unfinished transaction when the connection goes.
            let _ = match self.db {
                Db::Sqlite(c) => c.execute_batch("ROLLBACK").map_err(DbError::from),
                Db::Postgres(c) => c.borrow_mut().rollback(),
            };
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::args;

    fn sqlite() -> Db {
        Db::Sqlite(rusqlite::Connection::open_in_memory().unwrap())
    }

    #[test]
    fn reads_and_writes_through_one_api() {
        let db = sqlite();
        db.execute_batch("CREATE TABLE t (id INTEGER PRIMARY KEY, name TEXT, v REAL)")
            .unwrap();
        let id = db
            .insert_id(
                "INSERT INTO t (name, v) VALUES (?1, ?2) RETURNING id",
                args!["a", 1.5],
            )
            .unwrap();
        assert_eq!(id, 1);
        let rows: Vec<(i64, String, f64)> = db
            .query("SELECT id, name, v FROM t", args![], |r| {
                Ok((r.get(0)?, r.get(1)?, r.get(2)?))
            })
            .unwrap();
        assert_eq!(rows, vec![(1, "a".into(), 1.5)]);
        assert_eq!(
            db.query_opt("SELECT name FROM t WHERE id = ?1", args![9], |r| r
                .get::<String>(0))
                .unwrap(),
            None
        );
        assert!(matches!(
            db.value::<i64>("SELECT id FROM t WHERE id = 9", args![]),
            Err(DbError::NoRows)
        ));
    }

    #[test]
    fn a_dropped_transaction_rolls_back() {
        let db = sqlite();
        db.execute_batch("CREATE TABLE t (x INTEGER)").unwrap();
        {
            let tx = db.begin(TxMode::Exclusive).unwrap();
            tx.execute("INSERT INTO t VALUES (1)", args![]).unwrap();
        }
        assert_eq!(
            db.value::<i64>("SELECT count(*) FROM t", args![]).unwrap(),
            0
        );
        let tx = db.begin(TxMode::Write).unwrap();
        tx.execute("INSERT INTO t VALUES (1)", args![]).unwrap();
        tx.commit().unwrap();
        assert_eq!(
            db.value::<i64>("SELECT count(*) FROM t", args![]).unwrap(),
            1
        );
    }
}
