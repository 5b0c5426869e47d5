//! A tolerant PEM scanner: finds `-----BEGIN X-----` … `-----END X-----`
//! blocks anywhere in text, whatever surrounds them.
//!
//! RFC 7468 §2 describes the strict form; people paste looser ones: CRLF
//! line ends, indentation, e-mail quoting (`> `), blocks collapsed onto one
//! line by a web form, JSON strings with literal `\n`, RFC 1421 headers
//! (`Proc-Type:`), and prose or a whole `openssl s_client` transcript around
//! them. `der`'s PEM decoder wants one exact document, so this module finds
//! the blocks and keeps the text between them for the base64 and transcript
//! readers.

/// One `BEGIN` … `END` block.
#[derive(Clone, Debug, PartialEq, Eq)]
pub(crate) struct PemBlock {
    /// The label between `BEGIN ` and the dashes, e.g. `CERTIFICATE`.
    pub label: String,
    /// The base64 characters of the body (headers, whitespace and quoting removed).
    pub body: String,
    /// `false` when the text ends, or the next block begins, before `END`.
    pub complete: bool,
    /// An RFC 1421 `Proc-Type: 4,ENCRYPTED` header (OpenSSL's legacy
    /// encrypted keys): the body is ciphertext, not DER.
    pub encrypted: bool,
}

/// The blocks found, and the text outside them (before, between and after).
#[derive(Clone, Debug, Default)]
pub(crate) struct PemScan {
    pub blocks: Vec<PemBlock>,
    /// `outside[i]` is the text before block `i`; the last entry follows
    /// the last block (so there is always one more than there are blocks).
    pub outside: Vec<String>,
}

/// How far after `-----BEGIN` (and `-----END`) the label and its closing
/// dashes are looked for: RFC 7468 labels are a few words.
const LABEL_WINDOW: usize = 128;

/// The first `max` bytes of `s`, cut back to a character boundary.
fn prefix(s: &str, max: usize) -> &str {
    let mut cut = max.min(s.len());
    while !s.is_char_boundary(cut) {
        cut -= 1;
    }
    s.get(..cut).unwrap_or_default()
}

use std::borrow::Cow;

const BEGIN: &str = "-----BEGIN";
const END: &str = "-----END";

/// Finds every PEM block in `text`.
pub(crate) fn scan_pem(text: &str) -> PemScan {
    let text = unescape_json_newlines(text);
    let mut scan = PemScan::default();
    let mut rest: &str = &text;
    while let Some(start) = rest.find(BEGIN) {
        scan.outside.push(rest.get(..start).unwrap_or_default().to_string());
        let after_begin = rest.get(start + BEGIN.len()..).unwrap_or_default();
        // The label runs to the closing dashes, on the same line. Only the
        // first bytes are searched: a text of BEGIN lines without a line
        // break once made each block scan to the end of the text (minutes
        // for 8 MiB).
        let head = prefix(after_begin, LABEL_WINDOW);
        let line_end = head.find(['\n', '\r']).unwrap_or(head.len());
        let (label, body_start) = match after_begin.get(..line_end).and_then(|l| l.find("-----")) {
            Some(dashes) => (after_begin.get(..dashes).unwrap_or_default(), dashes),
            None => (after_begin.get(..line_end).unwrap_or_default(), line_end),
        };
        let label = label.trim().trim_matches('-').trim().to_string();
        let body_and_more = after_begin.get(body_start..).unwrap_or_default().trim_start_matches('-');
        let next_begin = body_and_more.find(BEGIN);
        // Look for END only up to the next BEGIN, so that a text of many
        // unterminated blocks is scanned once, not once per block.
        let end = body_and_more.get(..next_begin.unwrap_or(body_and_more.len())).and_then(|b| b.find(END));
        match end {
            Some(e) => {
                let body = body_and_more.get(..e).unwrap_or_default();
                scan.blocks.push(PemBlock {
                    label,
                    body: clean_body(body),
                    complete: true,
                    encrypted: is_encrypted(body),
                });
                // Skip `-----END LABEL-----` up to its closing dashes.
                let after_end = body_and_more.get(e + END.len()..).unwrap_or_default();
                let end_line = prefix(after_end, LABEL_WINDOW);
                let close = end_line
                    .find("-----")
                    .filter(|c| !end_line.get(..*c).unwrap_or_default().contains('\n'))
                    .map_or(0, |c| c + 5);
                rest = after_end.get(close..).unwrap_or_default().trim_start_matches('-');
            }
            None => {
                let stop = next_begin.unwrap_or(body_and_more.len());
                let body = body_and_more.get(..stop).unwrap_or_default();
                scan.blocks.push(PemBlock {
                    label,
                    body: clean_body(body),
                    complete: false,
                    encrypted: is_encrypted(body),
                });
                rest = body_and_more.get(stop..).unwrap_or_default();
            }
        }
    }
    scan.outside.push(rest.to_string());
    scan
}

/// Keeps the base64 characters of a body, dropping RFC 1421 headers
/// (`Proc-Type: 4,ENCRYPTED`); base64 never holds a colon. Whitespace,
/// line ends and e-mail quoting (`> `) are not base64 characters, so
/// dropping every other byte of a line also drops them.
fn clean_body(body: &str) -> String {
    // Bytes, not chars: everything kept is ASCII, and a multi-megabyte
    // paste is filtered at memory speed.
    let body = body.as_bytes();
    let mut out = Vec::with_capacity(body.len());
    if body.contains(&b':') {
        for line in body.split(|&b| b == b'\n').filter(|line| !line.contains(&b':')) {
            keep_base64ish(line, &mut out);
        }
    } else {
        // Most bodies have no header: one pass, no line splitting.
        keep_base64ish(body, &mut out);
    }
    String::from_utf8(out).unwrap_or_default()
}

/// Appends the base64 characters of `text` to `out`, a run at a time (a
/// PEM line is one run).
fn keep_base64ish(mut text: &[u8], out: &mut Vec<u8>) {
    while !text.is_empty() {
        let run = text.iter().position(|&c| !is_base64ish(c)).unwrap_or(text.len());
        let (kept, rest) = text.split_at(run);
        out.extend_from_slice(kept);
        let gap = rest.iter().position(|&c| is_base64ish(c)).unwrap_or(rest.len());
        text = rest.get(gap..).unwrap_or_default();
    }
}

/// The base64 alphabets' characters (RFC 4648 §4 and §5) and '=': a table,
/// since this runs once per byte of every pasted body.
#[allow(clippy::indexing_slicing)] // every index is below 256, the table's length
fn is_base64ish(c: u8) -> bool {
    const TABLE: [bool; 256] = {
        let mut t = [false; 256];
        let mut c = 0;
        while c < 256 {
            let b = c as u8;
            t[c] = b.is_ascii_alphanumeric() || matches!(b, b'+' | b'/' | b'=' | b'-' | b'_');
            c += 1;
        }
        t
    };
    TABLE[usize::from(c)]
}

/// RFC 1421 §4.6.1.1: `Proc-Type: 4,ENCRYPTED` among the headers.
fn is_encrypted(body: &str) -> bool {
    body.lines().take_while(|l| l.contains(':') || l.trim().is_empty()).any(|l| {
        let l = l.trim().to_ascii_uppercase();
        l.starts_with("PROC-TYPE:") && l.contains("ENCRYPTED")
    })
}

/// JSON and log lines carry PEM as one string with literal `\n` escapes.
/// Most pastes hold no backslash at all, and are neither searched twice
/// nor copied.
fn unescape_json_newlines(text: &str) -> Cow<'_, str> {
    if text.as_bytes().contains(&b'\\') && text.contains("\\n") && text.contains(BEGIN) {
        Cow::Owned(text.replace("\\r\\n", "\n").replace("\\n", "\n"))
    } else {
        Cow::Borrowed(text)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn blocks_with_text_around_are_found() {
        let s = scan_pem(
            "garbage\r\n  -----BEGIN CERTIFICATE-----\r\n  MAMK\r\n  AQM=\r\n  -----END CERTIFICATE-----\r\nmore",
        );
        assert_eq!(
            s.blocks,
            [PemBlock { label: "CERTIFICATE".into(), body: "MAMKAQM=".into(), complete: true, encrypted: false }]
        );
        assert_eq!(s.outside.len(), 2);
    }

    #[test]
    fn begin_without_end_is_incomplete() {
        let s = scan_pem("-----BEGIN CERTIFICATE-----\nMAMK\n-----BEGIN X509 CRL-----\nMAMK\n-----END X509 CRL-----\n");
        assert_eq!(s.blocks.len(), 2);
        assert!(!s.blocks[0].complete);
        assert!(s.blocks[1].complete);
        assert_eq!(s.blocks[1].label, "X509 CRL");
    }

    #[test]
    fn begin_lines_without_line_breaks_scan_in_linear_time() {
        // 300,000 BEGIN lines run together: quadratic once (minutes).
        let text = "-----BEGIN CERTIFICATE-----".repeat(300_000);
        let started = std::time::Instant::now();
        let s = scan_pem(&text);
        assert!(!s.blocks.is_empty());
        assert!(started.elapsed() < std::time::Duration::from_secs(20), "{:?}", started.elapsed());
        // And END markers without closing dashes.
        let text = "-----BEGIN X-----\nMAMK\n-----END X\n".repeat(100_000);
        let s = scan_pem(&text);
        assert_eq!(s.blocks.len(), 100_000);
        assert!(s.blocks.iter().all(|b| b.complete && b.body == "MAMK"));
    }

    #[test]
    fn headers_are_skipped() {
        let s = scan_pem(
            "-----BEGIN RSA PRIVATE KEY-----\nProc-Type: 4,ENCRYPTED\nDEK-Info: AES-128-CBC,00FF\n\nMAMK\n-----END RSA PRIVATE KEY-----",
        );
        assert_eq!(s.blocks[0].body, "MAMK");
        assert!(s.blocks[0].encrypted);
    }

    #[test]
    fn one_line_and_json_forms_are_found() {
        let s = scan_pem("-----BEGIN CERTIFICATE----- MAMK AQM= -----END CERTIFICATE-----");
        assert_eq!(s.blocks[0].body, "MAMKAQM=");
        let s = scan_pem(r#"{"cert": "-----BEGIN CERTIFICATE-----\nMAMK\nAQM=\n-----END CERTIFICATE-----\n"}"#);
        assert_eq!(s.blocks[0].body, "MAMKAQM=");
        assert!(s.blocks[0].complete);
    }
}
