//! Instants as seconds since the Unix epoch, and their RFC 3339 spelling.
//!
//! The core never reads a clock: the caller passes the "as of" time in
//! [`crate::Options`]. Certificates reach back to 1950 (UTCTime) and forward
//! to 9999 (GeneralizedTime), so this is a plain `i64` with its own civil
//! calendar arithmetic rather than a type that stops at 1970.

use serde::{Serialize, Serializer};
use std::fmt;

/// Seconds since 1970-01-01T00:00:00Z (negative before it).
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord, Hash, Default)]
pub struct Timestamp(pub i64);

pub const SECONDS_PER_DAY: i64 = 86_400;

/// The largest year `from_civil` takes: 10⁹ years are ~3.2×10¹⁶ seconds,
/// far inside `i64`.
const MAX_YEAR: i64 = 1_000_000_000;

impl Timestamp {
    pub const fn from_unix(seconds: i64) -> Self {
        Timestamp(seconds)
    }

    pub const fn unix(self) -> i64 {
        self.0
    }

    /// Builds a timestamp from a UTC calendar date and time.
    /// Returns `None` for out-of-range fields, and for years beyond
    /// ±1,000,000,000 (X.509 stops at 9999), so the day and second counts
    /// below cannot overflow.
    pub fn from_civil(year: i64, month: u32, day: u32, hour: u32, minute: u32, second: u32) -> Option<Self> {
        if !(-MAX_YEAR..=MAX_YEAR).contains(&year)
            || !(1..=12).contains(&month)
            || day == 0
            || day > days_in_month(year, month)
            || hour > 23
            || minute > 59
            || second > 60
        {
            return None;
        }
        let days = days_from_civil(year, month, day);
        Some(Timestamp(days * SECONDS_PER_DAY + i64::from(hour) * 3600 + i64::from(minute) * 60 + i64::from(second)))
    }

    /// (year, month, day, hour, minute, second) in UTC.
    pub fn to_civil(self) -> (i64, u32, u32, u32, u32, u32) {
        let days = self.0.div_euclid(SECONDS_PER_DAY);
        let secs = self.0.rem_euclid(SECONDS_PER_DAY);
        let (y, m, d) = civil_from_days(days);
        (y, m, d, (secs / 3600) as u32, ((secs % 3600) / 60) as u32, (secs % 60) as u32)
    }

    /// `2026-06-07T12:00:00Z`.
    pub fn to_rfc3339(self) -> String {
        let (y, mo, d, h, mi, s) = self.to_civil();
        format!("{y:04}-{mo:02}-{d:02}T{h:02}:{mi:02}:{s:02}Z")
    }

    /// `7 Jun 2026 12:00 UTC`, for sentences people read.
    pub fn to_human(self) -> String {
        const MONTHS: [&str; 12] = ["Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sep", "Oct", "Nov", "Dec"];
        let (y, mo, d, h, mi, _) = self.to_civil();
        let month = MONTHS.get((mo as usize).wrapping_sub(1)).copied().unwrap_or("???");
        format!("{d} {month} {y} {h:02}:{mi:02} UTC")
    }

    /// Parses RFC 3339 (`2026-06-07T12:00:00Z`, `…+02:00`, fractional
    /// seconds ignored), a bare date (`2026-06-07`, midnight UTC), or a
    /// Unix time prefixed with `@` (`@1780833600`, as `date -d` takes it).
    pub fn parse_rfc3339(text: &str) -> Result<Self, String> {
        let t = text.trim();
        let bad = || format!("{t:?} is not an RFC 3339 time such as 2026-06-07T12:00:00Z");
        if let Some(unix) = t.strip_prefix('@') {
            return unix.parse::<i64>().map(Timestamp).map_err(|_| bad());
        }
        let b = t.as_bytes();
        let num = |from: usize, len: usize| -> Result<i64, String> {
            let s = t.get(from..from + len).ok_or_else(bad)?;
            if !s.bytes().all(|c| c.is_ascii_digit()) {
                return Err(bad());
            }
            s.parse::<i64>().map_err(|_| bad())
        };
        if b.len() < 10 || b.get(4) != Some(&b'-') || b.get(7) != Some(&b'-') {
            return Err(bad());
        }
        let (year, month, day) = (num(0, 4)?, num(5, 2)?, num(8, 2)?);
        if b.len() == 10 {
            return Timestamp::from_civil(year, month as u32, day as u32, 0, 0, 0).ok_or_else(bad);
        }
        if !matches!(b.get(10), Some(b'T' | b't' | b' '))
            || b.len() < 19
            || b.get(13) != Some(&b':')
            || b.get(16) != Some(&b':')
        {
            return Err(bad());
        }
        let (hour, minute, second) = (num(11, 2)?, num(14, 2)?, num(17, 2)?);
        let mut rest = t.get(19..).ok_or_else(bad)?;
        if let Some(frac) = rest.strip_prefix('.') {
            let digits = frac.bytes().take_while(u8::is_ascii_digit).count();
            if digits == 0 {
                return Err(bad());
            }
            rest = frac.get(digits..).ok_or_else(bad)?;
        }
        let offset = match rest {
            "Z" | "z" => 0,
            _ if rest.len() == 6 && (rest.starts_with('+') || rest.starts_with('-')) && rest.get(3..4) == Some(":") => {
                let h = rest.get(1..3).and_then(|h| h.parse::<i64>().ok()).ok_or_else(bad)?;
                let m = rest.get(4..6).and_then(|m| m.parse::<i64>().ok()).ok_or_else(bad)?;
                let sign = if rest.starts_with('-') { -1 } else { 1 };
                sign * (h * 3600 + m * 60)
            }
            _ => return Err(bad()),
        };
        let local = Timestamp::from_civil(year, month as u32, day as u32, hour as u32, minute as u32, second as u32)
            .ok_or_else(bad)?;
        Ok(Timestamp(local.0 - offset))
    }

    /// Converts an X.509 `Time` (UTCTime or GeneralizedTime).
    pub fn from_x509(time: &x509_cert::time::Time) -> Self {
        Timestamp::from_der_datetime(&time.to_date_time())
    }

    pub fn from_der_datetime(dt: &der::DateTime) -> Self {
        Timestamp::from_civil(
            i64::from(dt.year()),
            u32::from(dt.month()),
            u32::from(dt.day()),
            u32::from(dt.hour()),
            u32::from(dt.minutes()),
            u32::from(dt.seconds()),
        )
        .unwrap_or_default()
    }

    pub fn plus_days(self, days: i64) -> Self {
        Timestamp(self.0.saturating_add(days.saturating_mul(SECONDS_PER_DAY)))
    }
}

impl fmt::Display for Timestamp {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&self.to_rfc3339())
    }
}

impl Serialize for Timestamp {
    fn serialize<S: Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
        s.serialize_str(&self.to_rfc3339())
    }
}

/// An RFC 3339 string in UTC, second precision.
#[cfg(feature = "schema")]
impl schemars::JsonSchema for Timestamp {
    fn schema_name() -> std::borrow::Cow<'static, str> {
        "Timestamp".into()
    }

    fn json_schema(_: &mut schemars::SchemaGenerator) -> schemars::Schema {
        schemars::json_schema!({ "type": "string", "format": "date-time" })
    }
}

fn is_leap(year: i64) -> bool {
    (year % 4 == 0 && year % 100 != 0) || year % 400 == 0
}

fn days_in_month(year: i64, month: u32) -> u32 {
    match month {
        1 | 3 | 5 | 7 | 8 | 10 | 12 => 31,
        4 | 6 | 9 | 11 => 30,
        2 if is_leap(year) => 29,
        2 => 28,
        _ => 0,
    }
}

// Howard Hinnant's days_from_civil / civil_from_days (public domain).
fn days_from_civil(y: i64, m: u32, d: u32) -> i64 {
    let y = if m <= 2 { y - 1 } else { y };
    let era = y.div_euclid(400);
    let yoe = y - era * 400;
    let m = i64::from(m);
    let doy = (153 * (if m > 2 { m - 3 } else { m + 9 }) + 2) / 5 + i64::from(d) - 1;
    let doe = yoe * 365 + yoe / 4 - yoe / 100 + doy;
    era * 146_097 + doe - 719_468
}

fn civil_from_days(z: i64) -> (i64, u32, u32) {
    let z = z + 719_468;
    let era = z.div_euclid(146_097);
    let doe = z - era * 146_097;
    let yoe = (doe - doe / 1460 + doe / 36_524 - doe / 146_096) / 365;
    let y = yoe + era * 400;
    let doy = doe - (365 * yoe + yoe / 4 - yoe / 100);
    let mp = (5 * doy + 2) / 153;
    let d = (doy - (153 * mp + 2) / 5 + 1) as u32;
    let m = if mp < 10 { mp + 3 } else { mp - 9 } as u32;
    (if m <= 2 { y + 1 } else { y }, m, d)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn round_trips_through_rfc3339() {
        for s in [
            "1970-01-01T00:00:00Z",
            "2026-06-07T12:00:00Z",
            "1950-01-01T00:00:00Z",
            "2000-02-29T23:59:59Z",
            "9999-12-31T23:59:59Z",
        ] {
            assert_eq!(Timestamp::parse_rfc3339(s).unwrap().to_rfc3339(), s);
        }
        assert_eq!(Timestamp::parse_rfc3339("1970-01-02T00:00:00Z").unwrap().unix(), 86_400);
    }

    #[test]
    fn offsets_fractions_and_dates_parse() {
        let t = Timestamp::parse_rfc3339("2026-06-07T14:00:00.123+02:00").unwrap();
        assert_eq!(t.to_rfc3339(), "2026-06-07T12:00:00Z");
        assert_eq!(Timestamp::parse_rfc3339("2026-06-07").unwrap().to_rfc3339(), "2026-06-07T00:00:00Z");
        assert_eq!(Timestamp::parse_rfc3339("@86400").unwrap().unix(), 86_400);
        assert_eq!(Timestamp::parse_rfc3339("2012-12-17T00:00:00Z").unwrap().unix(), 1_355_702_400);
    }

    #[test]
    fn garbage_is_rejected_not_panicking() {
        for s in [
            "",
            "2026",
            "2026-13-01",
            "2026-02-30T00:00:00Z",
            "2026-06-07T12:00:00",
            "2026-06-07T12:00:00+2",
            "ééééééééééééééééé",
            "2026-06-07T1é:00:00Z",
        ] {
            assert!(Timestamp::parse_rfc3339(s).is_err(), "{s}");
        }
    }

    /// Issue 12: instants at the ends of `i64` must neither panic nor wrap.
    #[test]
    fn extreme_years_and_instants_do_not_overflow() {
        assert_eq!(Timestamp::from_civil(i64::MIN, 1, 1, 0, 0, 0), None);
        assert_eq!(Timestamp::from_civil(i64::MAX, 12, 31, 23, 59, 59), None);
        assert!(Timestamp::from_civil(MAX_YEAR, 12, 31, 23, 59, 59).is_some());
        for t in [i64::MIN, i64::MAX, 0] {
            let text = Timestamp(t).to_rfc3339();
            assert!(text.ends_with('Z'), "{text}");
            let _ = Timestamp(t).to_human();
        }
        assert_eq!(Timestamp::parse_rfc3339("@-9223372036854775808").unwrap().unix(), i64::MIN);
        assert_eq!(Timestamp(i64::MAX).plus_days(1).unix(), i64::MAX);
    }

    #[test]
    fn human_format() {
        assert_eq!(Timestamp::parse_rfc3339("2026-06-07T12:00:00Z").unwrap().to_human(), "7 Jun 2026 12:00 UTC");
    }
}
