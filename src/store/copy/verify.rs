//! Proof that a copy is whole before it is committed: every table's row count on both
//! sides, and a checksum of the official record (meetings, decisions, actions and their
//! history) read back from the destination.

use super::tables::{Table, TABLES};
use crate::args;
use crate::store::db::{Db, DbResult, Value};
use sha2::{Digest, Sha256};

/// Rows in each table, in [`TABLES`] order.
pub fn counts(db: &Db) -> DbResult<Vec<i64>> {
    TABLES
        .iter()
        .map(|t| db.value(&format!("SELECT count(*) FROM {}", t.name), args![]))
        .collect()
}

/// SHA-256 of every record table's rows in key order, each value with its kind, so the
/// same rows give the same digest whichever database holds them.
pub fn record_checksum(db: &Db) -> DbResult<String> {
    let mut hash = Sha256::new();
    for table in TABLES.iter().filter(|t| t.record) {
        hash.update(table.name.as_bytes());
        hash.update([0]);
        db.for_each(&select_all(table), args![], |row| {
            for i in 0..row.len() {
                feed(&mut hash, &row.get::<Value>(i)?);
            }
            Ok(())
        })?;
    }
    Ok(hash.finalize().iter().map(|b| format!("{b:02x}")).collect())
}

fn select_all(table: &Table) -> String {
    format!(
        "SELECT {} FROM {} ORDER BY {}",
        table.columns.join(", "),
        table.name,
        table.key().join(", ")
    )
}

fn feed(hash: &mut Sha256, value: &Value) {
    match value {
        Value::Null => hash.update([0]),
        Value::Int(i) => {
            hash.update([1]);
            hash.update(i.to_le_bytes());
        }
        Value::Real(f) => {
            hash.update([2]);
            hash.update(f.to_bits().to_le_bytes());
        }
        Value::Text(s) => {
            hash.update([3]);
            hash.update((s.len() as u64).to_le_bytes());
            hash.update(s.as_bytes());
        }
        Value::Blob(b) => {
            hash.update([4]);
            hash.update((b.len() as u64).to_le_bytes());
            hash.update(b);
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn values_of_different_kinds_hash_differently() {
        let digest = |v: Value| {
            let mut h = Sha256::new();
            feed(&mut h, &v);
            h.finalize().to_vec()
        };
        assert_ne!(digest(Value::Int(1)), digest(Value::Text("1".into())));
        assert_ne!(digest(Value::Null), digest(Value::Text(String::new())));
        assert_ne!(digest(Value::Real(1.0)), digest(Value::Int(1)));
        // A length prefix keeps "ab" + "c" apart from "a" + "bc".
        let pair = |a: &str, b: &str| {
            let mut h = Sha256::new();
            feed(&mut h, &Value::Text(a.into()));
            feed(&mut h, &Value::Text(b.into()));
            h.finalize().to_vec()
        };
        assert_ne!(pair("ab", "c"), pair("a", "bc"));
    }
}
