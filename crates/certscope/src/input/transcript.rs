//! What an `openssl s_client -connect HOST:443 -showcerts -status`
//! transcript says about OCSP stapling.
//!
//! s_client prints the stapled response only as text (`OCSP_RESPONSE_print`),
//! never as DER, so the status and times are read from that text; the
//! certificates come through the PEM scanner like any other paste. Leaves
//! judging the staple to `ocsp`.

use super::{Transcript, TranscriptOcsp};

/// Lines only s_client prints; any one of them marks a transcript.
const MARKERS: &[&str] = &["CONNECTED(", "SSL handshake has read", "SSL-Session:", "OCSP response:"];

/// Reads the stapling facts when `text` is an s_client transcript (or a
/// part of one, as people often copy only the certificate chain).
pub(crate) fn read_transcript(text: &str) -> Option<Transcript> {
    let is_transcript = MARKERS.iter().any(|m| text.contains(m))
        || (text.contains("Certificate chain") && text.contains(" s:"))
        || (text.contains("Server certificate") && text.contains("subject="));
    if !is_transcript {
        return None;
    }
    let ocsp = if text.contains("OCSP response: no response sent") {
        TranscriptOcsp::NotSent
    } else if text.contains("OCSP Response Data:") || text.contains("OCSP Response Status:") {
        TranscriptOcsp::TextOnly {
            // "OCSP Response Status: successful (0x0)" → "successful"
            status: field(text, "OCSP Response Status:").map(|v| first_word(&v)),
            cert_status: field(text, "Cert Status:").map(|v| first_word(&v)),
            this_update: field(text, "This Update:"),
            next_update: field(text, "Next Update:"),
        }
    } else {
        TranscriptOcsp::NotRequested
    };
    Some(Transcript { ocsp })
}

/// The value after the first `name` at the start of a line, as printed.
fn field(text: &str, name: &str) -> Option<String> {
    text.lines().find_map(|line| line.trim().strip_prefix(name)).map(|v| v.trim().to_string()).filter(|v| !v.is_empty())
}

fn first_word(value: &str) -> String {
    value.split_whitespace().next().unwrap_or_default().to_string()
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

    #[test]
    fn no_response_sent_is_not_sent() {
        let t = read_transcript("CONNECTED(00000003)\nOCSP response: no response sent\n---\n").unwrap();
        assert_eq!(t.ocsp, TranscriptOcsp::NotSent);
    }

    #[test]
    fn printed_response_gives_status_and_times() {
        let text = "CONNECTED(00000003)\nOCSP response: \n======================================\nOCSP Response Data:\n    OCSP Response Status: successful (0x0)\n    Response Type: Basic OCSP Response\n    Cert Status: good\n    This Update: Oct 23 07:00:00 2012 GMT\n    Next Update: Oct 30 08:00:00 2012 GMT\n======================================\n";
        let t = read_transcript(text).unwrap();
        assert_eq!(
            t.ocsp,
            TranscriptOcsp::TextOnly {
                status: Some("successful".into()),
                cert_status: Some("good".into()),
                this_update: Some("Oct 23 07:00:00 2012 GMT".into()),
                next_update: Some("Oct 30 08:00:00 2012 GMT".into()),
            }
        );
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
