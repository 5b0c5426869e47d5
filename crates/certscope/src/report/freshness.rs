//! Whether an OCSP response or a CRL is current at the as-of time: one
//! rule for both, judged in one place.

use crate::time::Timestamp;
use serde::Serialize;

/// Where the as-of time falls in a response's or CRL's validity interval.
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize)]
#[cfg_attr(feature = "schema", derive(schemars::JsonSchema))]
#[serde(rename_all = "kebab-case")]
pub enum Freshness {
    /// thisUpdate ≤ as-of ≤ nextUpdate (or no nextUpdate).
    Fresh,
    /// Past its nextUpdate.
    Stale,
    /// Before its thisUpdate.
    NotYetValid,
}

impl Freshness {
    /// RFC 6960 §4.2.2.1 (OCSP: thisUpdate not after the time of checking,
    /// nextUpdate, when set, not before it) and RFC 5280 §5.1.2.4-5 (CRL
    /// thisUpdate and nextUpdate, the same window). The bounds are
    /// inclusive: a response is still fresh at its nextUpdate second.
    pub fn at(this_update: Timestamp, next_update: Option<Timestamp>, as_of: Timestamp) -> Freshness {
        if as_of < this_update {
            Freshness::NotYetValid
        } else if next_update.is_some_and(|n| as_of > n) {
            Freshness::Stale
        } else {
            Freshness::Fresh
        }
    }

    /// The JSON word.
    pub const fn as_str(self) -> &'static str {
        match self {
            Freshness::Fresh => "fresh",
            Freshness::Stale => "stale",
            Freshness::NotYetValid => "not-yet-valid",
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn t(s: &str) -> Timestamp {
        Timestamp::parse_rfc3339(s).unwrap()
    }

    #[test]
    fn freshness_boundaries() {
        let (this, next) = (t("2026-01-01T00:00:00Z"), Some(t("2026-01-08T00:00:00Z")));
        assert_eq!(Freshness::at(this, next, t("2025-12-31T23:59:59Z")), Freshness::NotYetValid);
        assert_eq!(Freshness::at(this, next, this), Freshness::Fresh);
        assert_eq!(Freshness::at(this, next, t("2026-01-08T00:00:00Z")), Freshness::Fresh);
        assert_eq!(Freshness::at(this, next, t("2026-01-08T00:00:01Z")), Freshness::Stale);
        assert_eq!(Freshness::at(this, None, t("2030-01-01T00:00:00Z")), Freshness::Fresh);
    }
}
