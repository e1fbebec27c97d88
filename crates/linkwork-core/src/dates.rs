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
