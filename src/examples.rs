//! "Try an example": data from www/examples (SOURCES.md), compiled into the
//! app so that loading one makes no request. The stapling examples come from
//! the stapling lab's PKI (tests/lab/examples.sh), each with a root of its
//! own, so that an example's one lesson is the only red on the page.

use crate::permalink::{Snapshot, SnapshotFile};

#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Example {
    /// A lab leaf, its intermediate and a good, fresh OCSP response.
    Healthy,
    /// A lab must-staple leaf and its intermediate, and no OCSP response.
    MustStaple,
    /// A lab leaf, its intermediate and a "revoked" OCSP response.
    Revoked,
    /// An Amazon demo leaf and its root, root first, intermediate missing (2025).
    BrokenChain,
}

impl Example {
    pub const ALL: &'static [Example] =
        &[Example::Healthy, Example::MustStaple, Example::Revoked, Example::BrokenChain];

    pub const fn label(self) -> &'static str {
        match self {
            Example::Healthy => "Healthy chain with a good staple",
            Example::MustStaple => "Must-staple without a staple",
            Example::Revoked => "Revoked staple",
            Example::BrokenChain => "Broken chain",
        }
    }

    /// The name the embed's `example` attribute takes.
    pub const fn slug(self) -> &'static str {
        match self {
            Example::Healthy => "healthy",
            Example::MustStaple => "must-staple",
            Example::Revoked => "revoked",
            Example::BrokenChain => "broken-chain",
        }
    }

    pub const fn description(self) -> &'static str {
        match self {
            Example::Healthy => {
                "healthy.certscope.test, its intermediate and a good, fresh OCSP response from its CA (test PKI with its own root)."
            }
            Example::MustStaple => {
                "must-staple.certscope.test (OCSP Must-Staple) and its intermediate, and no OCSP response (test PKI with its own root)."
            }
            Example::Revoked => {
                "revoked.certscope.test, its intermediate and an OCSP response that says revoked (test PKI with its own root)."
            }
            Example::BrokenChain => {
                "An Amazon demo certificate and its root: wrong order, intermediate missing, as of 15 Mar 2025."
            }
        }
    }

    pub fn snapshot(self) -> Snapshot {
        match self {
            Example::Healthy => lab(
                include_str!("../www/examples/lab-healthy-chain.pem"),
                Some(include_bytes!("../www/examples/lab-healthy-staple.der")),
                "healthy.certscope.test",
                include_str!("../www/examples/lab-healthy-anchor.pem"),
            ),
            Example::MustStaple => lab(
                include_str!("../www/examples/lab-must-staple-chain.pem"),
                None,
                "must-staple.certscope.test",
                include_str!("../www/examples/lab-must-staple-anchor.pem"),
            ),
            Example::Revoked => lab(
                include_str!("../www/examples/lab-revoked-chain.pem"),
                Some(include_bytes!("../www/examples/lab-revoked-staple.der")),
                "revoked.certscope.test",
                include_str!("../www/examples/lab-revoked-anchor.pem"),
            ),
            Example::BrokenChain => Snapshot {
                paste: include_str!("../www/examples/broken-chain.pem").to_string(),
                files: Vec::new(),
                // 2025-03-15T12:00:00Z
                as_of: Some(1_742_040_000),
                host: "valid.rootca1.demo.amazontrust.com".into(),
                anchors: String::new(),
                strict: false,
            },
        }
    }
}

/// When tests/lab/examples.sh made the lab examples' responses, plus one
/// hour: 2026-12-02T17:49:36Z, inside their 7-day windows.
const LAB_AS_OF: i64 = 1_796_233_776;

/// A lab example: its chain, its staple (as the file `staple.der`), its host
/// and its own root as the one extra trust anchor.
fn lab(chain: &str, staple: Option<&[u8]>, host: &str, anchor: &str) -> Snapshot {
    Snapshot {
        paste: chain.to_string(),
        files: staple.map(|b| SnapshotFile { name: "staple.der".into(), bytes: b.to_vec() }).into_iter().collect(),
        as_of: Some(LAB_AS_OF),
        host: host.into(),
        anchors: anchor.to_string(),
        strict: false,
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use certscope::Timestamp;

    #[test]
    fn example_times_are_what_the_comments_say() {
        let t = |s| Timestamp::parse_rfc3339(s).unwrap().unix();
        assert_eq!(Example::Healthy.snapshot().as_of, Some(t("2026-12-02T17:49:36Z")));
        assert_eq!(Example::MustStaple.snapshot().as_of, Some(t("2026-12-02T17:49:36Z")));
        assert_eq!(Example::Revoked.snapshot().as_of, Some(t("2026-12-02T17:49:36Z")));
        assert_eq!(Example::BrokenChain.snapshot().as_of, Some(t("2025-03-15T12:00:00Z")));
    }
}
