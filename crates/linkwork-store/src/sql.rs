//! Small helpers every table module uses to read and write rows.

use chrono::NaiveDate;
use linkwork_core::NhsNumber;

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
    // Every row: one pass over the table and a sort in memory. The unary + keeps SQLite from
    // walking an index on the first ordering column instead, which fetches each row at random.
    let (which, sort) = match scope {
        Scope::One(_) => (format!("{key} = ?1"), ""),
        Scope::All => ("1".into(), "+"),
    };
    let mut stmt = conn.prepare_cached(&format!(
        "SELECT {cols}, {key} FROM {from} WHERE {which}{filter} ORDER BY {sort}{order}"
    ))?;
    let n = stmt.column_count() - 1;
    let rows = match scope {
        Scope::One(k) => stmt.query([k])?,
        Scope::All => stmt.query([])?,
    };
    Ok(rows
        .mapped(|r| Ok((r.get::<_, String>(n)?, map(r)?)))
        .collect::<rusqlite::Result<_>>()?)
}

/// One key's rows without the key.
pub(crate) fn unkeyed<T>(rows: Vec<(String, T)>) -> Vec<T> {
    rows.into_iter().map(|(_, v)| v).collect()
}
