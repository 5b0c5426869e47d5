//! Is the response current at the "as of" time, and does it keep to the
//! Baseline Requirements' timing rules?
//!
//! RFC 6960 §4.2.2.1 (thisUpdate in the future, nextUpdate in the past);
//! RFC 5019 §2.2.4 and BR §4.9.10 (nextUpdate required; a validity interval
//! of 8 hours to 10 days; responses refreshed at least every 4 days, so an
//! older staple means the server stopped refreshing); BR §7.1.3.2.1 (no SHA-1
//! signatures on responses produced after 1 June 2022).
//! Emits `ocsp-not-yet-valid`, `ocsp-stale`, `ocsp-no-next-update`,
//! `ocsp-validity-window`, `ocsp-old-staple`, `ocsp-sha1-signature`.

use crate::asn1::Locator;
use crate::report::{Code, Finding, Freshness};
use crate::time::{Timestamp, SECONDS_PER_DAY};
use spki::AlgorithmIdentifierOwned;

const HOUR: i64 = 3600;
/// BR §4.9.10: validity interval bounds.
const MIN_WINDOW: i64 = 8 * HOUR;
const MAX_WINDOW: i64 = 10 * SECONDS_PER_DAY;
/// BR §4.9.10: responders refresh at least every four days.
const MAX_STAPLE_AGE: i64 = 4 * SECONDS_PER_DAY;

/// Which certificate a finding is about, and how to name it in a sentence.
pub(crate) struct About<'a> {
    pub certificate: Option<usize>,
    pub name: &'a str,
    /// Position of the SingleResponse in the response.
    pub single: usize,
}

/// A finding about the SingleResponse `about.single`, pointing at `part` of it.
fn finding(code: Code, about: &About<'_>, part: fn(usize) -> Locator, message: String) -> Finding {
    let f = match about.certificate {
        Some(i) => Finding::about(code, i, message),
        None => Finding::new(code, message),
    };
    f.at(part(about.single))
}

/// RFC 6960 §4.2.2.1: thisUpdate not after "as of"; nextUpdate not before it.
pub(crate) fn check_freshness(
    this_update: Timestamp,
    next_update: Option<Timestamp>,
    as_of: Timestamp,
    about: &About<'_>,
    findings: &mut Vec<Finding>,
) {
    match (Freshness::at(this_update, next_update, as_of), next_update) {
        (Freshness::NotYetValid, _) => findings.push(finding(
            Code::OcspNotYetValid,
            about,
            Locator::SingleThisUpdate,
            format!(
                "The OCSP response for {} is not valid yet on {}: its thisUpdate is {}.",
                about.name,
                as_of.to_human(),
                this_update.to_human()
            ),
        )),
        (Freshness::Stale, Some(next)) => findings.push(finding(
            Code::OcspStale,
            about,
            Locator::SingleNextUpdate,
            format!(
                "The OCSP response for {} went stale on {} (its nextUpdate); it was checked as of {}.",
                about.name,
                next.to_human(),
                as_of.to_human()
            ),
        )),
        (Freshness::Stale, None) | (Freshness::Fresh, _) => {}
    }
    if next_update.is_none() {
        findings.push(finding(
            Code::OcspNoNextUpdate,
            about,
            Locator::SingleResponse,
            format!(
                "The OCSP response for {} has no nextUpdate (thisUpdate {}), so clients cannot tell when it goes stale.",
                about.name,
                this_update.to_human()
            ),
        ));
    }
}

/// BR §4.9.10: the validity interval is between 8 hours and 10 days.
pub(crate) fn check_validity_window(
    this_update: Timestamp,
    next_update: Option<Timestamp>,
    about: &About<'_>,
    findings: &mut Vec<Finding>,
) {
    let Some(next) = next_update else { return };
    let window = next.unix().saturating_sub(this_update.unix());
    if (MIN_WINDOW..=MAX_WINDOW).contains(&window) {
        return;
    }
    findings.push(finding(
        Code::OcspValidityWindow,
        about,
        Locator::SingleResponse,
        format!(
            "The OCSP response for {} is valid for {} (thisUpdate {}, nextUpdate {}); the Baseline Requirements want between 8 hours and 10 days.",
            about.name,
            describe_duration(window),
            this_update.to_human(),
            next.to_human()
        ),
    ));
}

/// BR §4.9.10: a response older than 4 days that is still being served
/// means the server stopped fetching new ones. Stale or future responses
/// already have their own finding.
pub(crate) fn check_staple_age(
    this_update: Timestamp,
    next_update: Option<Timestamp>,
    as_of: Timestamp,
    about: &About<'_>,
    findings: &mut Vec<Finding>,
) {
    if Freshness::at(this_update, next_update, as_of) != Freshness::Fresh {
        return;
    }
    let age = as_of.unix().saturating_sub(this_update.unix());
    if age > MAX_STAPLE_AGE {
        findings.push(finding(
            Code::OcspOldStaple,
            about,
            Locator::SingleThisUpdate,
            format!(
                "The OCSP response for {} is {} old (thisUpdate {}); CAs refresh responses at least every 4 days, so the server has probably stopped refreshing its staple.",
                about.name,
                describe_duration(age),
                this_update.to_human()
            ),
        ));
    }
}

/// BR §7.1.3.2.1: SHA-1 may not sign OCSP responses produced from 1 June 2022.
pub(crate) fn check_sha1_signature(
    algorithm: &AlgorithmIdentifierOwned,
    algorithm_name: &str,
    produced_at: Timestamp,
    findings: &mut Vec<Finding>,
) {
    let cutoff = Timestamp::from_civil(2022, 6, 1, 0, 0, 0).unwrap_or_default();
    if uses_sha1(algorithm) && produced_at >= cutoff {
        findings.push(Finding::new(
            Code::OcspSha1Signature,
            format!(
                "The OCSP response was signed with {algorithm_name} on {}, after SHA-1 signatures were banned on 1 June 2022.",
                produced_at.to_human()
            ),
        ));
    }
}

fn uses_sha1(algorithm: &AlgorithmIdentifierOwned) -> bool {
    crate::verify::weak_signature_hash(algorithm) == Some("SHA-1")
}

/// "3 days 4 hours", "6 hours", "45 minutes".
pub(crate) fn describe_duration(seconds: i64) -> String {
    let s = seconds.max(0);
    let (days, hours, minutes) = (s / SECONDS_PER_DAY, (s % SECONDS_PER_DAY) / HOUR, (s % HOUR) / 60);
    match (days, hours) {
        (0, 0) => format!("{minutes} minutes"),
        (0, h) => format!("{h} hours"),
        (d, 0) => format!("{d} days"),
        (d, h) => format!("{d} days {h} hours"),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn t(s: &str) -> Timestamp {
        Timestamp::parse_rfc3339(s).unwrap()
    }

    fn codes(f: &[Finding]) -> Vec<&'static str> {
        f.iter().map(|f| f.code.code()).collect()
    }

    const ABOUT: About<'static> = About { certificate: Some(0), name: "example.com", single: 0 };

    #[test]
    fn stale_future_and_open_ended_responses_are_flagged() {
        let mut f = Vec::new();
        check_freshness(
            t("2026-01-01T00:00:00Z"),
            Some(t("2026-01-08T00:00:00Z")),
            t("2026-02-01T00:00:00Z"),
            &ABOUT,
            &mut f,
        );
        assert_eq!(codes(&f), ["ocsp-stale"]);
        f.clear();
        check_freshness(t("2026-01-01T00:00:00Z"), None, t("2025-01-01T00:00:00Z"), &ABOUT, &mut f);
        assert_eq!(codes(&f), ["ocsp-not-yet-valid", "ocsp-no-next-update"]);
    }

    #[test]
    fn validity_window_between_8_hours_and_10_days() {
        let this = t("2026-01-01T00:00:00Z");
        for (next, flagged) in [
            ("2026-01-08T00:00:00Z", false),
            ("2026-01-11T00:00:00Z", false),
            ("2026-01-11T00:00:01Z", true),
            ("2026-01-01T08:00:00Z", false),
            ("2026-01-01T07:59:59Z", true),
        ] {
            let mut f = Vec::new();
            check_validity_window(this, Some(t(next)), &ABOUT, &mut f);
            assert_eq!(!f.is_empty(), flagged, "{next}");
        }
    }

    #[test]
    fn old_staple_only_while_still_fresh() {
        let mut f = Vec::new();
        let this = t("2026-01-01T00:00:00Z");
        check_staple_age(this, Some(t("2026-01-08T00:00:00Z")), t("2026-01-05T00:00:01Z"), &ABOUT, &mut f);
        assert_eq!(codes(&f), ["ocsp-old-staple"]);
        f.clear();
        check_staple_age(this, Some(t("2026-01-08T00:00:00Z")), t("2026-01-04T23:00:00Z"), &ABOUT, &mut f);
        check_staple_age(this, Some(t("2026-01-08T00:00:00Z")), t("2026-01-09T00:00:00Z"), &ABOUT, &mut f);
        assert!(f.is_empty());
    }

    #[test]
    fn sha1_after_june_2022() {
        let sha1 = AlgorithmIdentifierOwned {
            oid: der::asn1::ObjectIdentifier::new_unwrap("1.2.840.113549.1.1.5"),
            parameters: None,
        };
        let sha256 = AlgorithmIdentifierOwned {
            oid: der::asn1::ObjectIdentifier::new_unwrap("1.2.840.113549.1.1.11"),
            parameters: None,
        };
        let mut f = Vec::new();
        check_sha1_signature(&sha1, "sha1WithRSAEncryption", t("2012-10-23T00:00:00Z"), &mut f);
        check_sha1_signature(&sha256, "sha256WithRSAEncryption", t("2023-01-01T00:00:00Z"), &mut f);
        assert!(f.is_empty());
        check_sha1_signature(&sha1, "sha1WithRSAEncryption", t("2022-06-01T00:00:00Z"), &mut f);
        assert_eq!(codes(&f), ["ocsp-sha1-signature"]);
    }
}
