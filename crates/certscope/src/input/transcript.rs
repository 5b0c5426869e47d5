//! What an `openssl s_client -connect HOST:443 -showcerts -status [-msg]`
//! transcript says about OCSP stapling.
//!
//! s_client prints the stapled response as text (`OCSP_RESPONSE_print`):
//! that text is the server's claim, read here field by field. With `-msg`
//! it also prints every handshake message in hex (`msg_cb` in OpenSSL's
//! apps/lib/s_cb.c), and the exact DER of the staple is taken from there
//! (`tls_msg`) so that `ocsp` can verify it like any other response. The
//! certificates come through the PEM scanner like any other paste.
//!
//! The text is hostile: lines, fields and responses are capped, and
//! nothing here can panic.

use super::tls_msg;
use crate::report::Source;
use crate::time::Timestamp;

/// What an `openssl s_client -status` transcript says about stapling.
#[derive(Clone, Debug, PartialEq, Eq)]
pub(crate) enum TranscriptOcsp {
    /// "OCSP response: no response sent".
    NotSent,
    /// The server stapled a response; `claim` is what s_client printed of
    /// it ("OCSP Response Data: …").
    Stapled { claim: StapleClaim },
    /// No `-status` flag was used: the transcript says nothing about OCSP.
    NotRequested,
}

/// The stapled response as s_client printed it (`OCSP_RESPONSE_print`):
/// the server's claim, as text, unverifiable by itself.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub(crate) struct StapleClaim {
    /// `successful`, `tryLater`, …
    pub response_status: Option<String>,
    pub responder_id: Option<String>,
    pub produced_at: Option<String>,
    pub singles: Vec<ClaimedSingle>,
    /// More SingleResponses were printed than were kept.
    pub more_singles: bool,
}

/// One printed SingleResponse, each value as printed (hashes and serial
/// in lowercase hex).
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub(crate) struct ClaimedSingle {
    pub hash_algorithm: Option<String>,
    pub issuer_name_hash: Option<String>,
    pub issuer_key_hash: Option<String>,
    pub serial: Option<String>,
    /// `good`, `revoked`, `unknown`.
    pub cert_status: Option<String>,
    pub revocation_time: Option<String>,
    pub revocation_reason: Option<String>,
    pub this_update: Option<String>,
    pub next_update: Option<String>,
}

#[derive(Clone, Debug, PartialEq, Eq)]
pub(crate) struct Transcript {
    pub ocsp: TranscriptOcsp,
    /// The stapled OCSPResponse's DER, from the `-msg` hex dump.
    pub staple_der: Option<Vec<u8>>,
    /// Where that DER went among the OCSP responses, once handed on.
    pub staple_source: Option<Source>,
}

/// Lines only s_client prints; any one of them marks a transcript.
const MARKERS: &[&str] = &["CONNECTED(", "SSL handshake has read", "SSL-Session:", "OCSP response:"];

/// Lines of the printed response read at most: a real one with a few
/// SingleResponses and extensions is under 100 lines before its signature.
const MAX_CLAIM_LINES: usize = 400;
/// SingleResponses kept from the text; a staple answers for one certificate.
const MAX_CLAIM_SINGLES: usize = 16;
/// Characters kept of one printed value (a responder name is the longest).
const MAX_FIELD_CHARS: usize = 512;

/// Reads the stapling facts when `text` is an s_client transcript (or a
/// part of one, as people often copy only the certificate chain).
pub(crate) fn read_transcript(text: &str) -> Option<Transcript> {
    let is_transcript = MARKERS.iter().any(|m| text.contains(m))
        || (text.contains("Certificate chain") && text.contains(" s:"))
        || (text.contains("Server certificate") && text.contains("subject="));
    if !is_transcript {
        return None;
    }
    let staple_der = tls_msg::find_staple(text);
    let ocsp = if text.contains("OCSP response: no response sent") {
        TranscriptOcsp::NotSent
    } else if text.contains("OCSP Response Data:") || text.contains("OCSP Response Status:") {
        TranscriptOcsp::Stapled { claim: read_claim(text) }
    } else if staple_der.is_some() {
        // The bytes without their printout (a transcript cut short).
        TranscriptOcsp::Stapled { claim: StapleClaim::default() }
    } else {
        TranscriptOcsp::NotRequested
    };
    Some(Transcript { ocsp, staple_der, staple_source: None })
}

/// RFC 6960 §4.2.1 fields as `OCSP_RESPONSE_print` lays them out: from
/// `OCSP Response Data:` to the response's `Signature Algorithm:` (the
/// certificates printed after it have serial numbers of their own).
fn read_claim(text: &str) -> StapleClaim {
    let mut claim = StapleClaim::default();
    let mut lines = text.lines().skip_while(|l| !l.trim_start().starts_with("OCSP Response Data:"));
    let mut current: Option<ClaimedSingle> = None;
    for line in lines.by_ref().take(MAX_CLAIM_LINES) {
        let line = line.trim();
        if line.starts_with("Signature Algorithm:") || line.starts_with("=====") && claim.response_status.is_some() {
            break;
        }
        let Some((name, value)) = line.split_once(':') else { continue };
        let value = bounded(value);
        match name {
            // "successful (0x0)" → "successful"
            "OCSP Response Status" => claim.response_status = first_word(&value),
            "Responder Id" => claim.responder_id = Some(value),
            "Produced At" => claim.produced_at = Some(value),
            "Certificate ID" => {
                if let Some(done) = current.take() {
                    push_single(&mut claim, done);
                }
                current = Some(ClaimedSingle::default());
            }
            _ => {
                let Some(single) = current.as_mut() else { continue };
                match name {
                    "Hash Algorithm" => single.hash_algorithm = Some(value),
                    "Issuer Name Hash" => single.issuer_name_hash = Some(value.to_ascii_lowercase()),
                    "Issuer Key Hash" => single.issuer_key_hash = Some(value.to_ascii_lowercase()),
                    "Serial Number" => single.serial = Some(value.to_ascii_lowercase()),
                    "Cert Status" => single.cert_status = first_word(&value),
                    "Revocation Time" => single.revocation_time = Some(value),
                    // "keyCompromise (0x1)" → "keyCompromise"
                    "Revocation Reason" => single.revocation_reason = first_word(&value),
                    "This Update" => single.this_update = Some(value),
                    "Next Update" => single.next_update = Some(value),
                    _ => {}
                }
            }
        }
    }
    if let Some(done) = current {
        push_single(&mut claim, done);
    }
    claim
}

fn push_single(claim: &mut StapleClaim, single: ClaimedSingle) {
    if claim.singles.len() < MAX_CLAIM_SINGLES {
        claim.singles.push(single);
    } else {
        claim.more_singles = true;
    }
}

/// The value trimmed and cut to [`MAX_FIELD_CHARS`] characters.
fn bounded(value: &str) -> String {
    value.trim().chars().take(MAX_FIELD_CHARS).collect()
}

fn first_word(value: &str) -> Option<String> {
    value.split_whitespace().next().map(str::to_string)
}

/// A time as OpenSSL prints an ASN1_TIME (`ASN1_TIME_print`):
/// `Oct 23 07:00:00 2012 GMT`, day padded with a space, optional
/// fractional seconds (`07:00:00.5`).
pub(crate) fn parse_openssl_time(text: &str) -> Option<Timestamp> {
    const MONTHS: [&str; 12] = ["Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sep", "Oct", "Nov", "Dec"];
    let mut parts = text.split_whitespace();
    let month = parts.next()?;
    let month = MONTHS.iter().position(|m| *m == month)?;
    let day: u32 = parts.next()?.parse().ok()?;
    let clock = parts.next()?;
    let year: i64 = parts.next()?.parse().ok()?;
    if parts.next() != Some("GMT") || parts.next().is_some() || !(0..=9999).contains(&year) {
        return None;
    }
    let mut hms = clock.split(':');
    let hour: u32 = hms.next()?.parse().ok()?;
    let minute: u32 = hms.next()?.parse().ok()?;
    let seconds = hms.next()?;
    let second: u32 = seconds.split('.').next()?.parse().ok()?;
    if hms.next().is_some() || hour > 23 || minute > 59 || second > 60 || day == 0 || day > 31 {
        return None;
    }
    Timestamp::from_civil(year, u32::try_from(month).ok()? + 1, day, hour, minute, second.min(59))
}

/// For each PEM block, whether it sits inside the printed OCSP response
/// (`OCSP Response Data:` up to the closing `=====` line). OpenSSL prints a
/// delegated responder's certificate there; it is not part of the chain.
/// `outside[i]` is the text before block `i`.
pub(crate) fn blocks_in_ocsp_text(outside: &[String], blocks: usize) -> Vec<bool> {
    let mut inside = false;
    let mut out = Vec::with_capacity(blocks);
    for text in outside.iter().take(blocks) {
        for line in text.lines() {
            let line = line.trim();
            if line.starts_with("OCSP Response Data:") {
                inside = true;
            } else if inside && line.starts_with("=====") {
                inside = false;
            }
        }
        out.push(inside);
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    fn claim_of(text: &str) -> StapleClaim {
        match read_transcript(text).unwrap().ocsp {
            TranscriptOcsp::Stapled { claim } => claim,
            other => panic!("not stapled: {other:?}"),
        }
    }

    #[test]
    fn no_response_sent_is_not_sent() {
        let t = read_transcript("CONNECTED(00000003)\nOCSP response: no response sent\n---\n").unwrap();
        assert_eq!(t.ocsp, TranscriptOcsp::NotSent);
    }

    #[test]
    fn printed_response_gives_status_and_times() {
        let text = "CONNECTED(00000003)\nOCSP response: \n======================================\nOCSP Response Data:\n    OCSP Response Status: successful (0x0)\n    Response Type: Basic OCSP Response\n    Cert Status: good\n    This Update: Oct 23 07:00:00 2012 GMT\n    Next Update: Oct 30 08:00:00 2012 GMT\n======================================\n";
        let c = claim_of(text);
        assert_eq!(c.response_status.as_deref(), Some("successful"));
        // No "Certificate ID:" line: the fields belong to no SingleResponse.
        assert!(c.singles.is_empty());
    }

    #[test]
    fn revoked_single_response_is_read_field_by_field() {
        let text = "CONNECTED(00000003)\nOCSP response: \n======================================\nOCSP Response Data:\n    OCSP Response Status: successful (0x0)\n    Response Type: Basic OCSP Response\n    Version: 1 (0x0)\n    Responder Id: O = certscope test, CN = Staple Test Intermediate\n    Produced At: Dec  2 15:52:59 2026 GMT\n    Responses:\n    Certificate ID:\n      Hash Algorithm: sha1\n      Issuer Name Hash: 0CF8B8848B6625F7373209F47A018F4229A37256\n      Issuer Key Hash: A1ECDB8AF1AE9482F6F4825F7DF870C61CB4D75F\n      Serial Number: 1003\n    Cert Status: revoked\n    Revocation Time: Dec  1 15:52:59 2026 GMT\n    Revocation Reason: keyCompromise (0x1)\n    This Update: Dec  2 15:52:59 2026 GMT\n    Next Update: Dec  9 15:52:59 2026 GMT\n\n    Signature Algorithm: ecdsa-with-SHA256\nCertificate:\n    Data:\n        Serial Number: 2 (0x2)\n";
        let c = claim_of(text);
        assert_eq!(c.responder_id.as_deref(), Some("O = certscope test, CN = Staple Test Intermediate"));
        assert_eq!(c.produced_at.as_deref(), Some("Dec  2 15:52:59 2026 GMT"));
        assert_eq!(c.singles.len(), 1);
        let s = &c.singles[0];
        assert_eq!(s.serial.as_deref(), Some("1003"));
        assert_eq!(s.hash_algorithm.as_deref(), Some("sha1"));
        assert_eq!(s.issuer_key_hash.as_deref(), Some("a1ecdb8af1ae9482f6f4825f7df870c61cb4d75f"));
        assert_eq!(s.cert_status.as_deref(), Some("revoked"));
        assert_eq!(s.revocation_reason.as_deref(), Some("keyCompromise"));
        assert_eq!(s.revocation_time.as_deref(), Some("Dec  1 15:52:59 2026 GMT"));
        assert_eq!(s.next_update.as_deref(), Some("Dec  9 15:52:59 2026 GMT"));
    }

    #[test]
    fn openssl_times_parse_and_nonsense_does_not() {
        let t = parse_openssl_time("Oct 23 07:00:00 2012 GMT").unwrap();
        assert_eq!(t.to_rfc3339(), "2012-10-23T07:00:00Z");
        assert_eq!(parse_openssl_time("Dec  2 15:52:59.5 2026 GMT").unwrap().to_rfc3339(), "2026-12-02T15:52:59Z");
        for bad in [
            "",
            "Oct",
            "Foo 23 07:00:00 2012 GMT",
            "Oct 23 07:00 2012 GMT",
            "Oct 32 07:00:00 2012 GMT",
            "Oct 23 24:00:00 2012 GMT",
            "Oct 23 07:00:00 2012",
            "Oct 23 07:00:00 99999999999 GMT",
            "Oct -1 1:1:1 2012 GMT",
        ] {
            assert_eq!(parse_openssl_time(bad), None, "{bad}");
        }
    }

    #[test]
    fn hostile_claim_text_is_bounded() {
        let mut text =
            String::from("CONNECTED(00000003)\nOCSP Response Data:\n    OCSP Response Status: successful (0x0)\n");
        for _ in 0..10_000 {
            text.push_str("    Certificate ID:\n      Serial Number: ");
            text.push_str(&"9".repeat(2_000));
            text.push('\n');
        }
        let c = claim_of(&text);
        assert!(c.singles.len() <= MAX_CLAIM_SINGLES && c.more_singles);
        assert!(c.singles.iter().all(|s| s.serial.as_ref().is_some_and(|v| v.len() <= MAX_FIELD_CHARS)));
    }

    #[test]
    fn without_status_flag_is_not_requested() {
        let t = read_transcript("CONNECTED(00000003)\n---\nCertificate chain\n 0 s:CN = a\n").unwrap();
        assert_eq!(t.ocsp, TranscriptOcsp::NotRequested);
        assert!(read_transcript("just a note").is_none());
        assert!(read_transcript("Server certificate for example.com:\n-----BEGIN CERTIFICATE-----").is_none());
    }

    #[test]
    fn responder_certificate_inside_ocsp_text_is_marked() {
        let outside = vec![
            "CONNECTED(00000003)\nOCSP Response Data:\n  Certificate:\n".to_string(),
            "\n======================================\n---\nCertificate chain\n 0 s:CN = a\n".to_string(),
            String::new(),
        ];
        assert_eq!(blocks_in_ocsp_text(&outside, 2), [true, false]);
    }
}
