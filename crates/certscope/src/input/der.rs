//! DER and BER: where an element ends (X.690 §8.1), binary input read as
//! elements back to back, and the one way a broken element becomes a
//! finding ([`DerProblem`]).
//!
//! Nothing here trusts a length: every slice is checked, and indefinite
//! lengths are followed at most [`MAX_DEPTH`] levels deep.

use super::collect::Collector;
use super::sniff::{self, Kind};
use crate::report::{Code, Encoding};

/// How deep indefinite-length elements may nest before we give up: real
/// PKCS#7 files nest about 6 deep, so this only stops hostile input.
pub(crate) const MAX_DEPTH: usize = 32;

/// The identifier and length octets of one element.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub(crate) struct Header {
    /// The first identifier octet (class, constructed bit, low tag number).
    pub tag: u8,
    /// Bytes taken by the identifier octets.
    pub id_len: usize,
    /// Bytes taken by identifier and length octets.
    pub header_len: usize,
    /// Content length; `None` for BER's indefinite form.
    pub len: Option<usize>,
}

/// Why an element could not be delimited.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub(crate) enum TlvError {
    /// The length runs past the end of the bytes: the data was cut off.
    /// `need` is the total the header announces (0 when even the header is cut).
    Truncated { need: usize },
    /// Not a valid BER header.
    Invalid,
    /// Indefinite-length elements nest deeper than [`MAX_DEPTH`].
    TooDeep,
}

/// Parses the identifier and length octets at the start of `bytes`.
pub(crate) fn read_header(bytes: &[u8]) -> Result<Header, TlvError> {
    let tag = *bytes.first().ok_or(TlvError::Truncated { need: 0 })?;
    let mut pos = 1usize;
    if tag & 0x1f == 0x1f {
        // High tag number form: base-128 digits, last one without the top bit.
        loop {
            let b = *bytes.get(pos).ok_or(TlvError::Truncated { need: 0 })?;
            pos += 1;
            if b & 0x80 == 0 {
                break;
            }
            if pos > 5 {
                return Err(TlvError::Invalid);
            }
        }
    }
    let id_len = pos;
    let first = *bytes.get(pos).ok_or(TlvError::Truncated { need: 0 })?;
    pos += 1;
    let len = match first {
        0x00..=0x7f => Some(usize::from(first)),
        // X.690 §8.1.3.6: indefinite form only for constructed elements.
        0x80 if tag & 0x20 != 0 => None,
        0x81..=0x84 => {
            let n = usize::from(first & 0x7f);
            let mut len = 0usize;
            for _ in 0..n {
                let b = *bytes.get(pos).ok_or(TlvError::Truncated { need: 0 })?;
                pos += 1;
                len = len.checked_mul(256).and_then(|l| l.checked_add(usize::from(b))).ok_or(TlvError::Invalid)?;
            }
            Some(len)
        }
        _ => return Err(TlvError::Invalid),
    };
    Ok(Header { tag, id_len, header_len: pos, len })
}

/// Total length (header + content + end-of-contents) of the element at the
/// start of `bytes`, following indefinite lengths up to [`MAX_DEPTH`].
pub(crate) fn element_len(bytes: &[u8]) -> Result<usize, TlvError> {
    element_len_at(bytes, 0)
}

fn element_len_at(bytes: &[u8], depth: usize) -> Result<usize, TlvError> {
    if depth > MAX_DEPTH {
        return Err(TlvError::TooDeep);
    }
    let h = read_header(bytes)?;
    match h.len {
        Some(len) => {
            let total = h.header_len.checked_add(len).ok_or(TlvError::Invalid)?;
            if total > bytes.len() {
                Err(TlvError::Truncated { need: total })
            } else {
                Ok(total)
            }
        }
        None => {
            let mut pos = h.header_len;
            loop {
                let rest = bytes.get(pos..).ok_or(TlvError::Truncated { need: 0 })?;
                if rest.starts_with(&[0, 0]) {
                    return Ok(pos + 2);
                }
                if rest.is_empty() {
                    return Err(TlvError::Truncated { need: 0 });
                }
                pos += element_len_at(rest, depth + 1)?;
            }
        }
    }
}

/// How deep indefinite-length elements nest at the start of `bytes`, for
/// the message when [`TlvError::TooDeep`] stops [`element_len`]. Walks the
/// headers iteratively (no recursion, one pass), skipping definite-length
/// elements whole, and stops at the first header it cannot read.
pub(crate) fn indefinite_depth(bytes: &[u8]) -> usize {
    let (mut pos, mut depth, mut deepest) = (0usize, 0usize, 0usize);
    while let Some(rest) = bytes.get(pos..).filter(|r| !r.is_empty()) {
        if depth > 0 && rest.starts_with(&[0, 0]) {
            depth -= 1;
            pos += 2;
            continue;
        }
        let Ok(h) = read_header(rest) else { break };
        match h.len {
            None => {
                depth += 1;
                deepest = deepest.max(depth);
                pos += h.header_len;
            }
            Some(len) => match h.header_len.checked_add(len).and_then(|n| pos.checked_add(n)) {
                Some(next) => pos = next,
                None => break,
            },
        }
        if depth == 0 {
            break;
        }
    }
    deepest
}

/// The length a long-form header announces when it is too long for
/// [`read_header`] (5 to 8 length octets: over 4 GiB), for a message
/// that names it; `None` for anything else.
pub(crate) fn announced_huge_length(bytes: &[u8]) -> Option<u64> {
    let tag = *bytes.first()?;
    if tag & 0x1f == 0x1f {
        return None;
    }
    let first = *bytes.get(1)?;
    let n = usize::from(first & 0x7f);
    if first & 0x80 == 0 || !(5..=8).contains(&n) {
        return None;
    }
    bytes.get(2..2 + n)?.iter().try_fold(0u64, |acc, &b| acc.checked_mul(256)?.checked_add(u64::from(b)))
}

/// Why bytes that should hold one DER element do not. Each cause has one
/// code and one phrasing ([`DerProblem::finding`]) wherever the bytes came
/// from: binary input, a PEM body, base64 or hex, a PKCS#7 bundle.
#[derive(Clone, Debug, PartialEq, Eq)]
pub(super) enum DerProblem {
    /// Cut off after `got` bytes: its header announces `need` bytes in all,
    /// or (`None`) an element inside runs past the end.
    Truncated { kind: Kind, got: usize, need: Option<usize> },
    /// Indefinite lengths nest `depth` levels, deeper than [`MAX_DEPTH`].
    TooDeep { depth: usize },
    /// A header announcing more than 4 GiB of content, with `got` bytes there.
    HugeLength { announced: u64, got: usize },
    /// Not an element certscope reads; `start` holds its first bytes.
    NotDer { start: Vec<u8> },
}

impl DerProblem {
    /// What is wrong with `bytes`, which [`element_len`] refused with `error`.
    /// Only what starts like one of certscope's objects is called cut off.
    pub(super) fn of(error: TlvError, bytes: &[u8]) -> DerProblem {
        match error {
            TlvError::TooDeep => DerProblem::TooDeep { depth: indefinite_depth(bytes) },
            TlvError::Truncated { need } if sniff::looks_like_der_start(bytes) => DerProblem::Truncated {
                kind: sniff::sniff_prefix(bytes),
                got: bytes.len(),
                need: (need > 0).then_some(need),
            },
            TlvError::Truncated { .. } | TlvError::Invalid => DerProblem::not_der(bytes),
        }
    }

    /// `bytes` hold no element certscope reads.
    pub(super) fn not_der(bytes: &[u8]) -> DerProblem {
        match announced_huge_length(bytes) {
            Some(announced) => DerProblem::HugeLength { announced, got: bytes.len() },
            None => DerProblem::NotDer { start: bytes.iter().take(4).copied().collect() },
        }
    }

    /// The finding, for the object `place` names ("chain.pem: block 2 of 3
    /// (CERTIFICATE)", "root.cer, object 1 (at byte 0)").
    pub(super) fn finding(&self, place: &str) -> (Code, String) {
        match self {
            DerProblem::Truncated { kind, got, need: Some(need) } => (
                Code::InputTruncated,
                format!("{place} is {} cut off after {got} bytes: its DER header announces {need}.", cut_off_kind(*kind)),
            ),
            DerProblem::Truncated { kind, got, need: None } => (
                Code::InputTruncated,
                format!("{place} is {} cut off after {got} bytes: an element inside it runs past its end.", cut_off_kind(*kind)),
            ),
            DerProblem::TooDeep { depth } => (
                Code::InputNestedTooDeeply,
                format!("{place} holds BER nested {depth} levels deep; certscope follows at most {MAX_DEPTH} levels, so it was not read."),
            ),
            DerProblem::HugeLength { announced, got } => (
                Code::InputUnrecognized,
                format!("{place} is not DER: its header announces {announced} bytes of content, far more than any certificate, OCSP response or CRL, and only {got} bytes are there."),
            ),
            DerProblem::NotDer { start } => {
                let shown = if start.is_empty() {
                    String::new()
                } else {
                    format!(": it starts with the bytes {}", crate::hex::lower_spaced(start))
                };
                (Code::InputUnrecognized, format!("{place} is not DER that certscope reads{shown}."))
            }
        }
    }
}

/// "an OCSP response", "a certificate"…, or "a DER object" when the
/// prefix of a cut-off element does not tell ([`sniff::sniff_prefix`]).
fn cut_off_kind(kind: Kind) -> &'static str {
    match kind {
        Kind::Certificate | Kind::Crl | Kind::OcspResponse | Kind::Pkcs7 => kind.describe(),
        Kind::Pkcs7Other => Kind::Pkcs7.describe(),
        Kind::OcspRequest
        | Kind::CertificateRequest
        | Kind::PrivateKey
        | Kind::EncryptedPrivateKey
        | Kind::Pkcs12
        | Kind::PublicKey
        | Kind::Unknown => "a DER object",
    }
}

/// Binary input: one or more DER (or BER) elements back to back, each its
/// own block; the first that does not delimit ends the input.
pub(super) fn decode_der_stream(bytes: &[u8], sink: &mut Collector<'_>) {
    let mut offset = 0usize;
    let mut count = 0usize;
    loop {
        let rest = bytes.get(offset..).unwrap_or_default();
        if rest.iter().all(|b| *b == 0 || b.is_ascii_whitespace()) {
            break;
        }
        count += 1;
        let block = sink.next_block();
        let place = format!("{}, object {count} (at byte {offset})", sink.label);
        match element_len(rest) {
            Ok(n) => {
                let element = rest.get(..n).unwrap_or_default();
                sink.push(sniff::sniff(element), element, Encoding::Der, block, &place);
                offset += n;
            }
            Err(error) => {
                sink.problem(&DerProblem::of(error, rest), &place);
                break;
            }
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn long_form_length_is_read() {
        let h = read_header(&[0x30, 0x82, 0x01, 0x00]).unwrap();
        assert_eq!(h, Header { tag: 0x30, id_len: 1, header_len: 4, len: Some(256) });
    }

    #[test]
    fn length_past_end_is_truncated() {
        assert_eq!(element_len(&[0x30, 0x82, 0x01, 0x00, 0x02]), Err(TlvError::Truncated { need: 260 }));
        assert_eq!(element_len(&[0x30]), Err(TlvError::Truncated { need: 0 }));
    }

    #[test]
    fn indefinite_length_is_followed() {
        // SEQUENCE (indefinite) { INTEGER 1 } EOC
        assert_eq!(element_len(&[0x30, 0x80, 0x02, 0x01, 0x01, 0x00, 0x00, 0xff]), Ok(7));
        // Indefinite on a primitive element is invalid BER.
        assert_eq!(read_header(&[0x04, 0x80]), Err(TlvError::Invalid));
    }

    #[test]
    fn deep_indefinite_nesting_is_refused() {
        let mut b = Vec::new();
        for _ in 0..1000 {
            b.extend_from_slice(&[0x30, 0x80]);
        }
        assert_eq!(element_len(&b), Err(TlvError::TooDeep));
        assert_eq!(indefinite_depth(&b), 1000);
        // Closed properly after 40 levels, with a definite element inside.
        let mut b = [0x30, 0x80].repeat(40);
        b.extend([0x02, 0x01, 0x05]);
        b.extend([0u8; 80]);
        assert_eq!(indefinite_depth(&b), 40);
        assert_eq!(indefinite_depth(&[0x30, 0x03, 0x02, 0x01, 0x05]), 0);
    }

    #[test]
    fn absurd_lengths_are_named() {
        assert_eq!(
            announced_huge_length(&[0x30, 0x88, 0x7f, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff]),
            Some(i64::MAX as u64)
        );
        assert_eq!(announced_huge_length(&[0x30, 0x82, 0x01, 0x00]), None);
    }

    /// One code per cause, whatever the bytes were wrapped in.
    #[test]
    fn each_problem_has_one_code() {
        let cut_cert = [0x30, 0x82, 0x05, 0x00, 0x30, 0x82, 0x04, 0x00, 0xa0, 0x03];
        let p = DerProblem::of(element_len(&cut_cert).unwrap_err(), &cut_cert);
        assert_eq!(p, DerProblem::Truncated { kind: Kind::Certificate, got: 10, need: Some(1284) });
        let (code, message) = p.finding("x.pem: block 1 of 1 (CERTIFICATE)");
        assert_eq!(code, Code::InputTruncated);
        assert_eq!(
            message,
            "x.pem: block 1 of 1 (CERTIFICATE) is a certificate cut off after 10 bytes: its DER header announces 1284."
        );
        // An indefinite-length element without its end-of-contents.
        let open = [0x30, 0x80, 0x0a, 0x01, 0x00];
        let p = DerProblem::of(element_len(&open).unwrap_err(), &open);
        assert_eq!(p, DerProblem::Truncated { kind: Kind::OcspResponse, got: 5, need: None });
        assert_eq!(p.finding("p").0, Code::InputTruncated);
        let deep = [0x30, 0x80].repeat(40);
        let p = DerProblem::of(element_len(&deep).unwrap_err(), &deep);
        assert_eq!(p, DerProblem::TooDeep { depth: 40 });
        assert_eq!(p.finding("p").0, Code::InputNestedTooDeeply);
        let huge = [0x30, 0x88, 0x7f, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff];
        let p = DerProblem::of(element_len(&huge).unwrap_err(), &huge);
        assert_eq!(p.finding("p").0, Code::InputUnrecognized);
        assert!(p.finding("p").1.contains("announces 9223372036854775807 bytes"));
        // Cut off, but not shaped like any object certscope reads.
        let text = b"PK\x03\x04 not DER";
        let p = DerProblem::of(element_len(text).unwrap_err(), text);
        assert_eq!(p, DerProblem::NotDer { start: b"PK\x03\x04".to_vec() });
        assert_eq!(
            p.finding("z.bin, object 1 (at byte 0)"),
            (
                Code::InputUnrecognized,
                "z.bin, object 1 (at byte 0) is not DER that certscope reads: it starts with the bytes 50 4b 03 04."
                    .to_string()
            )
        );
    }
}
