//! Dates as the facts give them: a year, a month or a day.

use serde::Serialize;
use std::fmt;
use std::str::FromStr;

/// A calendar date with the precision the source gives: `2012`, `2021-03` or `2021-09-15`.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize)]
pub struct FactDate {
    pub year: i32,
    pub month: Option<u8>,
    pub day: Option<u8>,
}

impl FactDate {
    /// The first day the date can mean, for sorting and for Typst `datetime`.
    pub fn first_day(&self) -> (i32, u8, u8) {
        (self.year, self.month.unwrap_or(1), self.day.unwrap_or(1))
    }

    /// Days since 1970-01-01 of [`first_day`](Self::first_day) (proleptic Gregorian).
    pub fn days_since_epoch(&self) -> i64 {
        let (y, m, d) = self.first_day();
        let (y, m, d) = (i64::from(y), i64::from(m), i64::from(d));
        let y = if m <= 2 { y - 1 } else { y };
        let era = y.div_euclid(400);
        let yoe = y - era * 400;
        let mp = (m + 9) % 12;
        let doy = (153 * mp + 2) / 5 + d - 1;
        let doe = yoe * 365 + yoe / 4 - yoe / 100 + doy;
        era * 146_097 + doe - 719_468
    }
}

/// Why a date string was refused.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct DateError(pub String);

impl fmt::Display for DateError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&self.0)
    }
}

fn days_in_month(year: i32, month: u8) -> u8 {
    match month {
        4 | 6 | 9 | 11 => 30,
        2 if (year % 4 == 0 && year % 100 != 0) || year % 400 == 0 => 29,
        2 => 28,
        _ => 31,
    }
}

impl FromStr for FactDate {
    type Err = DateError;

    fn from_str(s: &str) -> Result<Self, DateError> {
        let bad = || {
            DateError(format!(
                "invalid date {s:?}: expected YYYY, YYYY-MM or YYYY-MM-DD"
            ))
        };
        let parts: Vec<&str> = s.split('-').collect();
        let digits = |p: &str, n: usize| p.len() == n && p.bytes().all(|b| b.is_ascii_digit());
        if parts.is_empty() || parts.len() > 3 || !digits(parts[0], 4) {
            return Err(bad());
        }
        let year: i32 = parts[0].parse().map_err(|_| bad())?;
        let month = match parts.get(1) {
            Some(p) if digits(p, 2) => Some(p.parse::<u8>().map_err(|_| bad())?),
            Some(_) => return Err(bad()),
            None => None,
        };
        if let Some(m) = month
            && !(1..=12).contains(&m)
        {
            return Err(DateError(format!(
                "invalid date {s:?}: month {m} does not exist"
            )));
        }
        let day = match parts.get(2) {
            Some(p) if digits(p, 2) => Some(p.parse::<u8>().map_err(|_| bad())?),
            Some(_) => return Err(bad()),
            None => None,
        };
        if let (Some(m), Some(d)) = (month, day)
            && (d == 0 || d > days_in_month(year, m))
        {
            return Err(DateError(format!(
                "invalid date {s:?}: day {d} does not exist in that month"
            )));
        }
        Ok(FactDate { year, month, day })
    }
}

impl fmt::Display for FactDate {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "{:04}", self.year)?;
        if let Some(m) = self.month {
            write!(f, "-{m:02}")?;
        }
        if let Some(d) = self.day {
            write!(f, "-{d:02}")?;
        }
        Ok(())
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn parses_each_precision() {
        assert_eq!(
            "2012".parse(),
            Ok(FactDate {
                year: 2012,
                month: None,
                day: None
            })
        );
        assert_eq!(
            "2021-03".parse(),
            Ok(FactDate {
                year: 2021,
                month: Some(3),
                day: None
            })
        );
        assert_eq!(
            "2021-09-15".parse(),
            Ok(FactDate {
                year: 2021,
                month: Some(9),
                day: Some(15)
            })
        );
    }

    #[test]
    fn refuses_impossible_and_foreign_formats() {
        for bad in [
            "01/03/2025",
            "2025-13-01",
            "2025-02-30",
            "2023-02-29",
            "2021-9-15",
            "2021-09-15T10:00",
            "",
            "21",
        ] {
            assert!(bad.parse::<FactDate>().is_err(), "{bad} accepted");
        }
        assert!("2024-02-29".parse::<FactDate>().is_ok());
    }

    #[test]
    fn epoch_days() {
        assert_eq!(
            "1970-01-01".parse::<FactDate>().unwrap().days_since_epoch(),
            0
        );
        assert_eq!(
            "2000-03-01".parse::<FactDate>().unwrap().days_since_epoch(),
            11_017
        );
    }
}
