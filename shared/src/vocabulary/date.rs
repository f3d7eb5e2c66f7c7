//! A civil date without time zone, as the plan prints deadlines and officers type dates.

use std::fmt;

/// A civil date.
#[derive(
    Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, serde::Serialize, serde::Deserialize,
)]
pub struct Date {
    pub year: i32,
    pub month: u32,
    pub day: u32,
}

impl Date {
    pub const fn new(year: i32, month: u32, day: u32) -> Self {
        Date { year, month, day }
    }

    /// Reads "2022-06-05"; `None` for anything else or a day that does not exist.
    pub fn parse_iso(text: &str) -> Option<Date> {
        let mut parts = text.split('-');
        let (Some(y), Some(m), Some(d), None) =
            (parts.next(), parts.next(), parts.next(), parts.next())
        else {
            return None;
        };
        let date = Date::new(y.parse().ok()?, m.parse().ok()?, d.parse().ok()?);
        date.is_valid().then_some(date)
    }

    /// Reads "05/06/2022" as officers type dates; `None` if it is not a real day.
    pub fn parse_vn(text: &str) -> Option<Date> {
        let mut parts = text.trim().split('/');
        let (Some(d), Some(m), Some(y), None) =
            (parts.next(), parts.next(), parts.next(), parts.next())
        else {
            return None;
        };
        let date = Date::new(
            y.trim().parse().ok()?,
            m.trim().parse().ok()?,
            d.trim().parse().ok()?,
        );
        date.is_valid().then_some(date)
    }

    fn is_valid(self) -> bool {
        let leap = self.year % 4 == 0 && (self.year % 100 != 0 || self.year % 400 == 0);
        let days = match self.month {
            1 | 3 | 5 | 7 | 8 | 10 | 12 => 31,
            4 | 6 | 9 | 11 => 30,
            2 if leap => 29,
            2 => 28,
            _ => return false,
        };
        (1..=days).contains(&self.day) && (1900..=2200).contains(&self.year)
    }

    /// Days since 1970-01-01 (proleptic Gregorian), for counting days to a deadline.
    pub fn days_since_epoch(self) -> i64 {
        let (y, m) = if self.month <= 2 {
            (self.year as i64 - 1, self.month as i64 + 9)
        } else {
            (self.year as i64, self.month as i64 - 3)
        };
        let era = y.div_euclid(400);
        let yoe = y - era * 400;
        let doy = (153 * m + 2) / 5 + self.day as i64 - 1;
        let doe = yoe * 365 + yoe / 4 - yoe / 100 + doy;
        era * 146_097 + doe - 719_468
    }

    /// The date `days` days after 1970-01-01 (the inverse of [`Date::days_since_epoch`]).
    pub fn from_days_since_epoch(days: i64) -> Date {
        let z = days + 719_468;
        let era = z.div_euclid(146_097);
        let doe = z - era * 146_097;
        let yoe = (doe - doe / 1460 + doe / 36_524 - doe / 146_096) / 365;
        let doy = doe - (365 * yoe + yoe / 4 - yoe / 100);
        let mp = (5 * doy + 2) / 153;
        let day = (doy - (153 * mp + 2) / 5 + 1) as u32;
        let month = if mp < 10 { mp + 3 } else { mp - 9 } as u32;
        let year = (yoe + era * 400 + i64::from(month <= 2)) as i32;
        Date { year, month, day }
    }
}

impl fmt::Display for Date {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "{:02}/{:02}/{}", self.day, self.month, self.year)
    }
}

/// Vietnam's offset from UTC, which decides when a day starts for deadlines.
pub const VIETNAM_UTC_OFFSET_MS: i64 = 7 * 3600 * 1000;

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn days_since_epoch_round_trips() {
        for days in [-1, 0, 59, 60, 11_016, 19_331, 20_785, 51_000] {
            let d = Date::from_days_since_epoch(days);
            assert_eq!(d.days_since_epoch(), days, "{d}");
        }
        assert_eq!(
            Date::from_days_since_epoch(19_331).to_string(),
            "05/12/2022"
        );
    }

    #[test]
    fn dates_parse_only_real_days() {
        assert_eq!(Date::parse_iso("2022-06-05"), Some(Date::new(2022, 6, 5)));
        assert_eq!(Date::parse_vn("05/06/2022"), Some(Date::new(2022, 6, 5)));
        assert_eq!(Date::parse_vn("29/02/2022"), None);
        assert_eq!(Date::parse_vn("29/02/2024"), Some(Date::new(2024, 2, 29)));
        assert_eq!(Date::parse_iso("2022-13-01"), None);
        assert_eq!(Date::parse_vn("5/6"), None);
    }

    #[test]
    fn days_count_across_months() {
        assert_eq!(Date::new(1970, 1, 1).days_since_epoch(), 0);
        assert_eq!(
            Date::new(2022, 6, 5).days_since_epoch() - Date::new(2022, 5, 31).days_since_epoch(),
            5
        );
    }
}
