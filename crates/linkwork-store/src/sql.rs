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
