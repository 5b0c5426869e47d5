//! "Try an example": real data (www/examples/SOURCES.md), compiled into the
//! app so that loading one makes no request.

use crate::permalink::{Snapshot, SnapshotFile};

#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Example {
    /// secure.comodo.com, its chain to AddTrust (trusted explicitly) and a
    /// good OCSP response (2012).
    Healthy,
    /// scotthelme.co.uk, a must-staple certificate, and no staple (2017).
    MustStaple,
    /// An Amazon demo leaf and its root, root first, intermediate missing (2025).
    BrokenChain,
}

impl Example {
    pub const ALL: &'static [Example] = &[Example::Healthy, Example::MustStaple, Example::BrokenChain];

    pub const fn label(self) -> &'static str {
        match self {
            Example::Healthy => "Healthy chain with a good staple",
            Example::MustStaple => "Must-staple without a staple",
            Example::BrokenChain => "Broken chain",
        }
    }

    /// The name the embed's `example` attribute takes.
    pub const fn slug(self) -> &'static str {
        match self {
            Example::Healthy => "healthy",
            Example::MustStaple => "must-staple",
            Example::BrokenChain => "broken-chain",
        }
    }

    pub const fn description(self) -> &'static str {
        match self {
            Example::Healthy => "secure.comodo.com, its chain to AddTrust External CA Root and a stapled OCSP response, as of 12 Oct 2012.",
            Example::MustStaple => {
                "scotthelme.co.uk (OCSP Must-Staple) and Let's Encrypt X3, no OCSP response, as of 1 Oct 2017."
            }
            Example::BrokenChain => {
                "An Amazon demo certificate and its root: wrong order, intermediate missing, as of 15 Mar 2025."
            }
        }
    }

    pub fn snapshot(self) -> Snapshot {
        match self {
            Example::Healthy => Snapshot {
                paste: include_str!("../www/examples/healthy-chain.pem").to_string(),
                files: vec![SnapshotFile {
                    name: "ND1.der".into(),
                    bytes: include_bytes!("../www/examples/healthy-staple.der").to_vec(),
                }],
                // 2012-10-12T12:00:00Z: inside the response's 11–15 Oct window.
                as_of: Some(1_350_043_200),
                host: "secure.comodo.com".into(),
                // AddTrust External CA Root left Mozilla's store in 2020, so
                // the example trusts it explicitly, as a 2012 browser did.
                anchors: include_str!("../www/examples/healthy-anchor.pem").to_string(),
                strict: false,
            },
            Example::MustStaple => Snapshot {
                paste: include_str!("../www/examples/must-staple-chain.pem").to_string(),
                files: Vec::new(),
                // 2017-10-01T00:00:00Z
                as_of: Some(1_506_816_000),
                host: "scotthelme.co.uk".into(),
                anchors: String::new(),
                strict: false,
            },
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

#[cfg(test)]
mod tests {
    use super::*;
    use certscope::Timestamp;

    #[test]
    fn example_times_are_what_the_comments_say() {
        let t = |s| Timestamp::parse_rfc3339(s).unwrap().unix();
        assert_eq!(Example::Healthy.snapshot().as_of, Some(t("2012-10-12T12:00:00Z")));
        assert_eq!(Example::MustStaple.snapshot().as_of, Some(t("2017-10-01T00:00:00Z")));
        assert_eq!(Example::BrokenChain.snapshot().as_of, Some(t("2025-03-15T12:00:00Z")));
    }
}
