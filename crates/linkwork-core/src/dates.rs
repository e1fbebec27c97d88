//! Dates as a person in England reads them: DD/MM/YYYY, times in UK local time.

use chrono::{DateTime, NaiveDate, Utc};

/// `21/11/2026`
pub fn format_date_gb(d: NaiveDate) -> String {
    d.format("%d/%m/%Y").to_string()
}

/// `21/11/2026 14:05 UTC` — moments are stored in UTC; the UI converts to local time.
pub fn format_timestamp_gb(t: DateTime<Utc>) -> String {
    t.format("%d/%m/%Y %H:%M UTC").to_string()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn dates_are_day_month_year() {
        let d = NaiveDate::from_ymd_opt(2026, 3, 4).unwrap();
        assert_eq!(format_date_gb(d), "04/03/2026");
    }
}

use crate::error::ValidationError;
use chrono::NaiveDateTime;

/// Parses a date typed as `21/11/2026` (how people write it) or `2026-11-21` (how the UI and
/// files send it). The error names the field and shows the expected form.
pub fn parse_date(field: &str, label: &str, s: &str) -> Result<NaiveDate, ValidationError> {
    let s = s.trim();
    if s.is_empty() {
        return Err(ValidationError::new(field, format!("Enter the {label}.")));
    }
    NaiveDate::parse_from_str(s, "%Y-%m-%d")
        .or_else(|_| NaiveDate::parse_from_str(s, "%d/%m/%Y"))
        .map_err(|_| {
            ValidationError::new(
                field,
                format!("The {label} must be a real date, like 21/11/2026."),
            )
        })
}

pub fn parse_optional_date(
    field: &str,
    label: &str,
    s: Option<&str>,
) -> Result<Option<NaiveDate>, ValidationError> {
    match s.map(str::trim).filter(|s| !s.is_empty()) {
        None => Ok(None),
        Some(s) => parse_date(field, label, s).map(Some),
    }
}

/// A UK local date and time, `2026-11-21T14:05` (or with a space, or `21/11/2026 14:05`).
pub fn parse_local_datetime(
    field: &str,
    label: &str,
    s: &str,
) -> Result<NaiveDateTime, ValidationError> {
    let s = s.trim();
    if s.is_empty() {
        return Err(ValidationError::new(field, format!("Enter the {label}.")));
    }
    [
        "%Y-%m-%dT%H:%M",
        "%Y-%m-%d %H:%M",
        "%Y-%m-%dT%H:%M:%S",
        "%d/%m/%Y %H:%M",
    ]
    .iter()
    .find_map(|f| NaiveDateTime::parse_from_str(s, f).ok())
    .ok_or_else(|| {
        ValidationError::new(
            field,
            format!("The {label} must be a real date and time, like 21/11/2026 14:05."),
        )
    })
}

/// Refuses a date after `today` for things that cannot have happened yet.
pub fn not_future(
    field: &str,
    label: &str,
    d: NaiveDate,
    today: NaiveDate,
) -> Result<NaiveDate, ValidationError> {
    if d > today {
        return Err(ValidationError::new(
            field,
            format!(
                "The {label} cannot be in the future ({} is after today).",
                format_date_gb(d)
            ),
        ));
    }
    Ok(d)
}

#[cfg(test)]
mod parse_tests {
    use super::*;

    #[test]
    fn both_forms_parse_and_nonsense_names_the_field() {
        let d = NaiveDate::from_ymd_opt(2026, 11, 21).unwrap();
        assert_eq!(parse_date("dob", "date of birth", "21/11/2026").unwrap(), d);
        assert_eq!(parse_date("dob", "date of birth", "2026-11-21").unwrap(), d);
        let e = parse_date("dob", "date of birth", "31/02/2026").unwrap_err();
        assert_eq!(
            (e.field.as_str(), e.message.as_str()),
            (
                "dob",
                "The date of birth must be a real date, like 21/11/2026."
            )
        );
        assert_eq!(
            parse_date("dob", "date of birth", " ").unwrap_err().message,
            "Enter the date of birth."
        );
    }

    #[test]
    fn future_dates_are_refused_where_impossible() {
        let today = NaiveDate::from_ymd_opt(2026, 11, 21).unwrap();
        assert!(not_future("f", "date of birth", today, today).is_ok());
        let e = not_future("f", "date of birth", today.succ_opt().unwrap(), today).unwrap_err();
        assert_eq!(
            e.message,
            "The date of birth cannot be in the future (22/11/2026 is after today)."
        );
    }

    #[test]
    fn local_times_parse() {
        assert!(parse_local_datetime("at", "contact time", "2026-11-21T14:05").is_ok());
        assert!(parse_local_datetime("at", "contact time", "21/11/2026 14:05").is_ok());
        assert!(parse_local_datetime("at", "contact time", "2026-11-21T25:05").is_err());
    }
}
