//! Small helpers every table module uses to read and write rows.

use chrono::NaiveDate;
use linkwork_core::NhsNumber;
use rusqlite::types::ValueRef;

/// UK local contact times as stored: `YYYY-MM-DDTHH:MM`.
pub(crate) const LOCAL_TIME: &str = "%Y-%m-%dT%H:%M";

/// A new record id (a random UUID, so a later handover can merge records by id).
pub(crate) fn new_id<T: From<String>>() -> T {
    uuid::Uuid::new_v4().to_string().into()
}

/// A stored slug back into its vocabulary value; an unknown one is a damaged row.
pub(crate) fn slug<T>(s: String, from: fn(&str) -> Option<T>) -> rusqlite::Result<T> {
    from(&s).ok_or_else(|| bad_column(0, &s))
}

pub(crate) fn bad_column(i: usize, v: &str) -> rusqlite::Error {
    rusqlite::Error::InvalidColumnType(
        i,
        format!("unexpected value {v}"),
        rusqlite::types::Type::Text,
    )
}

/// A stored NHS number (ten digits) as people read it: 3-3-4.
pub(crate) fn nhs_display(stored: Option<String>) -> Option<String> {
    stored.map(|n| {
        NhsNumber::parse("nhs_number", &n)
            .map(|n| n.formatted())
            .unwrap_or(n)
    })
}

pub(crate) fn days(from: NaiveDate, to: NaiveDate) -> i32 {
    (to - from).num_days() as i32
}

pub(crate) fn full_name(given: &str, family: &str) -> String {
    format!("{given} {family}")
}

/// The "entered in error" mark of a row, from its `substr(entered_in_error_at, 1, 10)` and
/// `error_reason` columns (both or neither, as the schema checks).
pub(crate) fn error_mark(
    on: Option<NaiveDate>,
    reason: Option<String>,
) -> Option<linkwork_core::caseload::EnteredInError> {
    Some(linkwork_core::caseload::EnteredInError {
        on: on?,
        reason: reason?,
    })
}

/// Which rows a loader reads: one person's or episode's, or every one's at once (whole-caseload
/// work such as the monthly report reads each table once instead of once per person).
#[derive(Clone, Copy)]
pub(crate) enum Scope<'a> {
    One(&'a str),
    All,
}

/// `SELECT {cols} FROM {from} WHERE {key} = ?1 [AND {filter}] ORDER BY {order}` for one key, or
/// the same for every key; each row comes back with its key, in `order` (which ends in a unique
/// column, so one key's rows come in the same order either way). `map` sees `cols` only.
#[allow(clippy::too_many_arguments)]
pub(crate) fn scoped<T>(
    conn: &rusqlite::Connection,
    cols: &str,
    from: &str,
    key: &str,
    filter: Option<&str>,
    order: &str,
    scope: Scope<'_>,
    mut map: impl FnMut(&rusqlite::Row<'_>) -> rusqlite::Result<T>,
) -> crate::Result<Vec<(String, T)>> {
    let filter = filter.map(|f| format!(" AND ({f})")).unwrap_or_default();
    let k = match scope {
        Scope::One(k) => k,
        Scope::All => return scoped_all(conn, cols, from, key, &filter, order, map),
    };
    let mut stmt = conn.prepare_cached(&format!(
        "SELECT {cols}, {key} FROM {from} WHERE {key} = ?1{filter} ORDER BY {order}"
    ))?;
    let n = stmt.column_count() - 1;
    let rows = stmt.query([k])?;
    Ok(rows
        .mapped(|r| Ok((r.get::<_, String>(n)?, map(r)?)))
        .collect::<rusqlite::Result<_>>()?)
}

/// Every row of [`scoped`] in one pass over the table, sorted here by a byte key made from the
/// `order` terms. SQLite's sorter, with SQLCipher's memory security on (every allocation locked
/// and wiped), cost more than the scan itself: every contact took 107 ms sorted, 39 ms not.
/// Walking an index in order instead would fetch each row at random.
fn scoped_all<T>(
    conn: &rusqlite::Connection,
    cols: &str,
    from: &str,
    key: &str,
    filter: &str,
    order: &str,
    mut map: impl FnMut(&rusqlite::Row<'_>) -> rusqlite::Result<T>,
) -> crate::Result<Vec<(String, T)>> {
    // Terms are plain expressions: a comma inside one would split it.
    let terms: Vec<(&str, bool)> = order
        .split(',')
        .map(|t| {
            let t = t.trim();
            debug_assert!(!t.contains('('), "an order term with a call: {t}");
            match t.strip_suffix(" DESC") {
                Some(e) => (e, true),
                None => (t.strip_suffix(" ASC").unwrap_or(t), false),
            }
        })
        .collect();
    let exprs: Vec<&str> = terms.iter().map(|(e, _)| *e).collect();
    let mut stmt = conn.prepare_cached(&format!(
        "SELECT {cols}, {key}, {} FROM {from} WHERE 1{filter}",
        exprs.join(", ")
    ))?;
    let n = stmt.column_count() - 1 - terms.len();
    let mut rows: Vec<(Vec<u8>, String, T)> = stmt
        .query([])?
        .mapped(|r| {
            let mut by = Vec::with_capacity(64);
            for (i, (_, desc)) in terms.iter().enumerate() {
                push_sort_key(&mut by, r.get_ref(n + 1 + i)?, *desc)?;
            }
            Ok((by, r.get::<_, String>(n)?, map(r)?))
        })
        .collect::<rusqlite::Result<_>>()?;
    rows.sort_unstable_by(|a, b| a.0.cmp(&b.0));
    Ok(rows.into_iter().map(|(_, k, v)| (k, v)).collect())
}

/// Appends `v` to `key` so that comparing keys byte by byte gives SQLite's order (NULL, numbers,
/// text by the BINARY collation, blobs), reversed for `desc`. Each value's bytes are prefix-free
/// (text ends in 00 00, a 00 inside it is 00 FF), so a reversed term cannot run into the next.
fn push_sort_key(key: &mut Vec<u8>, v: ValueRef<'_>, desc: bool) -> rusqlite::Result<()> {
    let start = key.len();
    let mut bytes = |class: u8, b: &[u8]| {
        key.push(class);
        for &c in b {
            if c == 0 {
                key.extend_from_slice(&[0, 0xff]);
            } else {
                key.push(c);
            }
        }
        key.extend_from_slice(&[0, 0]);
    };
    match v {
        ValueRef::Null => key.push(0),
        ValueRef::Integer(i) => {
            key.push(1);
            key.extend_from_slice(&((i as u64) ^ (1 << 63)).to_be_bytes());
        }
        ValueRef::Text(t) => bytes(2, t),
        ValueRef::Blob(b) => bytes(3, b),
        // No ordered column holds a real; mixed with integers it would need SQLite's numeric
        // comparison.
        ValueRef::Real(_) => {
            return Err(rusqlite::Error::InvalidColumnType(
                0,
                "a real number in an order term".into(),
                rusqlite::types::Type::Real,
            ))
        }
    }
    if desc {
        key[start..].iter_mut().for_each(|b| *b = !*b);
    }
    Ok(())
}

/// One key's rows without the key.
pub(crate) fn unkeyed<T>(rows: Vec<(String, T)>) -> Vec<T> {
    rows.into_iter().map(|(_, v)| v).collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    /// The byte keys order rows as SQLite's ORDER BY does, every mix of ascending and descending.
    #[test]
    fn sort_keys_order_as_sqlite_does() {
        let conn = rusqlite::Connection::open_in_memory().unwrap();
        conn.execute_batch(
            "CREATE TABLE t (a, b);
             INSERT INTO t VALUES (NULL, 'b'), (-5, 'a'), (3, ''), (3, 'a'), (3, 'a' || char(0)),
               (3, 'ab'), (3, 'a' || char(0) || 'b'), (9223372036854775807, 'z'),
               (-9223372036854775808, 'y'), ('10', X'00'), ('9', X'0001'), ('9', NULL),
               (X'', 'q'), ('', 'r'), (0, 0), (0, NULL);",
        )
        .unwrap();
        for (order, desc) in [
            ("a, b", [false, false]),
            ("a DESC, b", [true, false]),
            ("a, b DESC", [false, true]),
            ("a DESC, b DESC", [true, true]),
        ] {
            let want: Vec<i64> = conn
                .prepare(&format!("SELECT rowid FROM t ORDER BY {order}, rowid"))
                .unwrap()
                .query_map([], |r| r.get(0))
                .unwrap()
                .collect::<rusqlite::Result<_>>()
                .unwrap();
            let mut got: Vec<(Vec<u8>, i64)> = Vec::new();
            let mut s = conn.prepare("SELECT a, b, rowid FROM t").unwrap();
            let mut rows = s.query([]).unwrap();
            while let Some(r) = rows.next().unwrap() {
                let mut k = Vec::new();
                push_sort_key(&mut k, r.get_ref(0).unwrap(), desc[0]).unwrap();
                push_sort_key(&mut k, r.get_ref(1).unwrap(), desc[1]).unwrap();
                push_sort_key(&mut k, r.get_ref(2).unwrap(), false).unwrap();
                got.push((k, r.get(2).unwrap()));
            }
            got.sort();
            let got: Vec<i64> = got.into_iter().map(|(_, id)| id).collect();
            assert_eq!(got, want, "ORDER BY {order}");
        }
    }
}
