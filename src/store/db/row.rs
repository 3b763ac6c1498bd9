//! A row from either database, read column by column as [`Cell`]s.

use super::error::{DbError, DbResult};
use super::value::{Cell, FromCell};
use postgres::types::Type;
use rusqlite::types::ValueRef;

pub enum Row<'a> {
    Sqlite(&'a rusqlite::Row<'a>),
    Postgres(&'a postgres::Row),
}

impl Row<'_> {
    /// Column `i` as a `T`.
    pub fn get<T: FromCell>(&self, i: usize) -> DbResult<T> {
        T::from_cell(self.cell(i)?).map_err(|message| DbError::Conversion { column: i, message })
    }

    pub fn len(&self) -> usize {
        match self {
            Row::Sqlite(r) => r.as_ref().column_count(),
            Row::Postgres(r) => r.len(),
        }
    }

    pub fn is_empty(&self) -> bool {
        self.len() == 0
    }

    /// Column `i` as stored.
    pub fn cell(&self, i: usize) -> DbResult<Cell<'_>> {
        match self {
            Row::Sqlite(r) => Ok(match r.get_ref(i)? {
                ValueRef::Null => Cell::Null,
                ValueRef::Integer(v) => Cell::Int(v),
                ValueRef::Real(v) => Cell::Real(v),
                ValueRef::Text(t) => {
                    Cell::Text(std::str::from_utf8(t).map_err(|e| DbError::Conversion {
                        column: i,
                        message: e.to_string(),
                    })?)
                }
                ValueRef::Blob(b) => Cell::Blob(b),
            }),
            Row::Postgres(r) => pg_cell(r, i),
        }
    }
}

fn pg_cell(r: &postgres::Row, i: usize) -> DbResult<Cell<'_>> {
    let column = r.columns().get(i).ok_or(DbError::Conversion {
        column: i,
        message: "no such column".into(),
    })?;
    let ty = column.type_().clone();
    let int = |v: Option<i64>| v.map_or(Cell::Null, Cell::Int);
    Ok(match ty {
        Type::INT8 => int(r.try_get::<_, Option<i64>>(i)?),
        Type::INT4 => int(r.try_get::<_, Option<i32>>(i)?.map(i64::from)),
        Type::INT2 => int(r.try_get::<_, Option<i16>>(i)?.map(i64::from)),
        Type::BOOL => int(r.try_get::<_, Option<bool>>(i)?.map(i64::from)),
        Type::FLOAT8 => r
            .try_get::<_, Option<f64>>(i)?
            .map_or(Cell::Null, Cell::Real),
        Type::FLOAT4 => r
            .try_get::<_, Option<f32>>(i)?
            .map_or(Cell::Null, |v| Cell::Real(v as f64)),
        Type::BYTEA => r
            .try_get::<_, Option<&[u8]>>(i)?
            .map_or(Cell::Null, Cell::Blob),
        Type::TEXT | Type::VARCHAR | Type::BPCHAR | Type::NAME | Type::UNKNOWN => r
            .try_get::<_, Option<&str>>(i)?
            .map_or(Cell::Null, Cell::Text),
        other => {
            return Err(DbError::Conversion {
                column: i,
                message: format!(
                    "column {} has type {other}, which termly does not read (cast it)",
                    column.name()
                ),
            })
        }
    })
}
