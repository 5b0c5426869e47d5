//! What one input held, per kind, and the one sentence that says so
//! (`InputSummary.found`: "2 certificates, 1 OCSP response (PEM, base64)").
//!
//! The wording is built only in [`found_wording`], from typed counts, so
//! that it can move beside the report's other labels.

use super::{Transcript, TranscriptOcsp};
use crate::report::{labels, Encoding, InputSummary};

/// Objects of one input by kind, and the encodings they came in (in the
/// order first seen).
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub(super) struct Found {
    pub certificates: usize,
    pub ocsp_responses: usize,
    pub crls: usize,
    pub keys: usize,
    pub requests: usize,
    pub encodings: Vec<Encoding>,
}

/// What an s_client transcript showed of stapling, as the summary names it.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub(super) enum Stapling {
    /// "OCSP response: no response sent".
    NotSent,
    /// Stapled, and the response's bytes came from the `-msg` dump.
    Bytes,
    /// Stapled, but only s_client's printout of it is there.
    TextOnly,
    /// No `-status`: the transcript says nothing about OCSP.
    NotAsked,
}

impl Stapling {
    fn of(transcript: &Transcript) -> Stapling {
        match &transcript.ocsp {
            TranscriptOcsp::NotSent => Stapling::NotSent,
            TranscriptOcsp::Stapled { .. } if transcript.staple_source.is_some() => Stapling::Bytes,
            TranscriptOcsp::Stapled { .. } => Stapling::TextOnly,
            TranscriptOcsp::NotRequested => Stapling::NotAsked,
        }
    }
}

/// The summary of input `index`: its counts and their wording.
pub(super) fn input_summary(
    index: usize,
    name: Option<String>,
    bytes: usize,
    found: &Found,
    transcript: Option<&Transcript>,
) -> InputSummary {
    InputSummary {
        index,
        name,
        bytes,
        found: found_wording(found, transcript.map(Stapling::of)),
        certificates: found.certificates,
        ocsp_responses: found.ocsp_responses,
        crls: found.crls,
    }
}

/// "3 certificates, 1 OCSP response (PEM)", or "nothing recognised". A
/// transcript (`stapling` is `Some`) says what it showed of stapling and is
/// named as the one encoding.
pub(super) fn found_wording(found: &Found, stapling: Option<Stapling>) -> String {
    let mut parts = Vec::new();
    for (n, one, many) in [
        (found.certificates, "certificate", "certificates"),
        (found.ocsp_responses, "OCSP response", "OCSP responses"),
        (found.crls, "CRL", "CRLs"),
        (found.keys, "private key", "private keys"),
        (found.requests, "CSR", "CSRs"),
    ] {
        if n > 0 {
            parts.push(format!("{n} {}", if n == 1 { one } else { many }));
        }
    }
    match stapling {
        Some(Stapling::NotSent) => parts.push("no stapled OCSP response".to_string()),
        Some(Stapling::Bytes) => parts.push("stapled (its bytes from the -msg dump)".to_string()),
        Some(Stapling::TextOnly) => parts.push("an OCSP response as text only".to_string()),
        Some(Stapling::NotAsked) | None => {}
    }
    let what = if parts.is_empty() { "nothing recognised".to_string() } else { parts.join(", ") };
    let how: Vec<&str> = match stapling {
        Some(_) => vec![labels::encoding(Encoding::Transcript)],
        None => found.encodings.iter().map(|e| labels::encoding(*e)).collect(),
    };
    if how.is_empty() {
        what
    } else {
        format!("{what} ({})", how.join(", "))
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn counts_are_worded_with_their_encodings() {
        let found = Found {
            certificates: 2,
            ocsp_responses: 1,
            crls: 1,
            keys: 0,
            requests: 3,
            encodings: vec![Encoding::Pem, Encoding::Base64],
        };
        assert_eq!(found_wording(&found, None), "2 certificates, 1 OCSP response, 1 CRL, 3 CSRs (PEM, base64)");
        let one_key = Found { keys: 1, encodings: vec![Encoding::Der], ..Found::default() };
        assert_eq!(found_wording(&one_key, None), "1 private key (DER)");
        assert_eq!(found_wording(&Found::default(), None), "nothing recognised");
    }

    #[test]
    fn a_transcript_says_what_it_showed_of_stapling() {
        let found = Found { certificates: 2, encodings: vec![Encoding::Transcript], ..Found::default() };
        let cases = [
            (Stapling::NotSent, "2 certificates, no stapled OCSP response (openssl s_client transcript)"),
            (Stapling::Bytes, "2 certificates, stapled (its bytes from the -msg dump) (openssl s_client transcript)"),
            (Stapling::TextOnly, "2 certificates, an OCSP response as text only (openssl s_client transcript)"),
            (Stapling::NotAsked, "2 certificates (openssl s_client transcript)"),
        ];
        for (stapling, wording) in cases {
            assert_eq!(found_wording(&found, Some(stapling)), wording);
        }
        // Named a transcript even when nothing in it was recognised.
        assert_eq!(
            found_wording(&Found::default(), Some(Stapling::NotAsked)),
            "nothing recognised (openssl s_client transcript)"
        );
    }
}
