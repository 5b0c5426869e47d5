//! What kind of input this is, before anything is decoded: text or
//! binary ([`as_text`]), what a PEM label promises ([`pem_kind`]), and what
//! a DER element is from its shape ([`sniff`]).
//!
//! Classification looks only at the first levels of tags, never at values,
//! so a malformed certificate is still handed to `x509`, which names the
//! exact decode error. Only elements that fit no known shape are
//! `Kind::Unknown` (reported as `input-unrecognized` by the caller).

use super::der::{self, read_header, Header};

/// Tags used in shape checks (X.690 §8; universal class unless noted).
const INTEGER: u8 = 0x02;
const BIT_STRING: u8 = 0x03;
const OCTET_STRING: u8 = 0x04;
const OID: u8 = 0x06;
const ENUMERATED: u8 = 0x0a;
const SEQUENCE: u8 = 0x30;
const UTC_TIME: u8 = 0x17;
const GENERALIZED_TIME: u8 = 0x18;
const CONTEXT_0: u8 = 0xa0;
const CONTEXT_1: u8 = 0xa1;

/// 1.2.840.113549.1.7 (PKCS #7 content types), DER content octets.
const PKCS7_ARC: &[u8] = &[0x2a, 0x86, 0x48, 0x86, 0xf7, 0x0d, 0x01, 0x07];
/// 1.2.840.113549.1.7.2 signedData.
pub(crate) const SIGNED_DATA: &[u8] = &[0x2a, 0x86, 0x48, 0x86, 0xf7, 0x0d, 0x01, 0x07, 0x02];

/// What an element looks like.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub(crate) enum Kind {
    Certificate,
    Crl,
    OcspResponse,
    OcspRequest,
    /// A PKCS#7 / CMS SignedData ContentInfo (a certs-only bundle).
    Pkcs7,
    /// Another PKCS#7 content type (enveloped data and the like).
    Pkcs7Other,
    CertificateRequest,
    PrivateKey,
    /// PKCS#8 EncryptedPrivateKeyInfo (RFC 5958 §3), known by its PEM label.
    EncryptedPrivateKey,
    /// PKCS#12 PFX (RFC 7292 §4): version 3, then a ContentInfo.
    Pkcs12,
    PublicKey,
    Unknown,
}

impl Kind {
    /// "a certificate", for messages.
    pub(crate) fn describe(self) -> &'static str {
        match self {
            Kind::Certificate => "a certificate",
            Kind::Crl => "a CRL",
            Kind::OcspResponse => "an OCSP response",
            Kind::OcspRequest => "an OCSP request",
            Kind::Pkcs7 => "a PKCS#7 bundle",
            Kind::Pkcs7Other => "a PKCS#7 object that is not a certificate bundle",
            Kind::CertificateRequest => "a certificate signing request (CSR)",
            Kind::PrivateKey => "a private key",
            Kind::EncryptedPrivateKey => "an encrypted private key",
            Kind::Pkcs12 => "a PKCS#12 (PFX) file",
            Kind::PublicKey => "a bare public key",
            Kind::Unknown => "unrecognised data",
        }
    }
}

/// The input as text, or `None` when it is binary. Handles the UTF-16 that
/// Windows PowerShell writes with `>` and a UTF-8 byte order mark.
pub(super) fn as_text(bytes: &[u8]) -> Option<String> {
    let utf16 = |be: bool| {
        let units = bytes.get(2..).unwrap_or_default().chunks_exact(2).map(|p| match p {
            [a, b] if be => u16::from_be_bytes([*a, *b]),
            [a, b] => u16::from_le_bytes([*a, *b]),
            _ => 0,
        });
        char::decode_utf16(units).map(|c| c.unwrap_or(char::REPLACEMENT_CHARACTER)).collect::<String>()
    };
    if bytes.starts_with(&[0xff, 0xfe]) {
        return Some(utf16(false));
    }
    if bytes.starts_with(&[0xfe, 0xff]) {
        return Some(utf16(true));
    }
    if let Some(text) = utf16_without_bom(bytes) {
        return Some(text);
    }
    let bytes = bytes.strip_prefix(&[0xef, 0xbb, 0xbf]).unwrap_or(bytes);
    // DER always holds control octets (tags 0x02, 0x06, short lengths);
    // text holds none but tab, newlines, form feed and terminal escapes.
    let is_control = |b: u8| (b < 0x20 && !matches!(b, b'\t' | b'\n' | b'\r' | 0x0c | 0x1b)) || b == 0x7f;
    let controls = bytes.iter().filter(|&&b| is_control(b)).count();
    // A few stray ones (a C string's NUL terminator, DOS's Ctrl-Z end of
    // file) in what is not DER make text with junk, not binary: DER has
    // a control octet every few bytes, far more than 1 in 100.
    // (Every object certscope reads starts with a SEQUENCE; any text parses
    // as some BER element, `-----` included.)
    let der_shaped = bytes.first() == Some(&SEQUENCE) && der::element_len(bytes).is_ok();
    let stray = controls > 0 && controls.saturating_mul(100) <= bytes.len() && !der_shaped;
    if stray {
        let cleaned: Vec<u8> = bytes.iter().copied().filter(|&b| !is_control(b)).collect();
        return as_text(&cleaned);
    }
    if controls > 0 {
        return None;
    }
    // Bytes that are not UTF-8 are binary too (BER such as `30 80 30 80…`
    // has no control octet), unless they hold PEM: a Latin-1 comment
    // around a block is still text.
    match std::str::from_utf8(bytes) {
        Ok(text) => Some(text.to_owned()),
        Err(_) => contains(bytes, b"-----BEGIN").then(|| String::from_utf8_lossy(bytes).into_owned()),
    }
}

fn contains(haystack: &[u8], needle: &[u8]) -> bool {
    haystack.windows(needle.len()).any(|w| w == needle)
}

/// UTF-16 text saved without a byte order mark: ASCII characters with a
/// zero octet after (LE) or before (BE) each one. Only text where every
/// character is printable ASCII or a line end is taken, so DER (whose
/// zeros are not so regular) is never read as text.
fn utf16_without_bom(bytes: &[u8]) -> Option<String> {
    if bytes.len() < 8 || !bytes.len().is_multiple_of(2) {
        return None;
    }
    let printable = |b: u8| b.is_ascii_graphic() || matches!(b, b' ' | b'\t' | b'\n' | b'\r');
    let pairs = bytes.chunks_exact(2);
    let le = pairs.clone().all(|p| matches!(p, [c, 0] if printable(*c)));
    let be = !le && pairs.clone().all(|p| matches!(p, [0, c] if printable(*c)));
    if !le && !be {
        return None;
    }
    Some(pairs.filter_map(|p| if le { p.first() } else { p.get(1) }).map(|&b| char::from(b)).collect())
}

/// What a PEM label promises, or a description of what was skipped.
pub(super) fn pem_kind(label: &str) -> Result<Kind, String> {
    let upper = label.to_ascii_uppercase();
    match upper.as_str() {
        "CERTIFICATE" | "X509 CERTIFICATE" | "X.509 CERTIFICATE" | "TRUSTED CERTIFICATE" => Ok(Kind::Certificate),
        "PKCS7" | "PKCS #7 SIGNED DATA" | "CMS" | "CERTIFICATE CHAIN" => Ok(Kind::Pkcs7),
        "OCSP RESPONSE" => Ok(Kind::OcspResponse),
        "X509 CRL" | "CRL" => Ok(Kind::Crl),
        "OCSP REQUEST" => Err("an OCSP request, not a response".to_string()),
        "CERTIFICATE REQUEST" | "NEW CERTIFICATE REQUEST" => Ok(Kind::CertificateRequest),
        "PUBLIC KEY" | "RSA PUBLIC KEY" => Err("a bare public key".to_string()),
        "PRIVATE KEY" | "RSA PRIVATE KEY" | "EC PRIVATE KEY" => Ok(Kind::PrivateKey),
        "ENCRYPTED PRIVATE KEY" => Ok(Kind::EncryptedPrivateKey),
        _ if upper.contains("PRIVATE KEY") => Err("a private key (its contents were not read)".to_string()),
        _ if upper.contains("PARAMETERS") => Err("key parameters".to_string()),
        "" => Err("a PEM block without a label".to_string()),
        _ => Err(format!("a \"{label}\" block, which certscope does not use")),
    }
}

/// A cut-off element is only reported as such when it starts like one of
/// ours: a SEQUENCE whose first field has a plausible tag.
pub(super) fn looks_like_der_start(bytes: &[u8]) -> bool {
    let Ok(h) = read_header(bytes) else { return false };
    h.tag == SEQUENCE
        && bytes.get(h.header_len).is_some_and(|t| matches!(*t, SEQUENCE | ENUMERATED | OID | INTEGER | CONTEXT_0))
}

/// What a cut-off element was going to be, from the headers that are
/// there: only the outermost levels are needed, and no length is trusted.
/// `Unknown` when the prefix says too little.
pub(crate) fn sniff_prefix(bytes: &[u8]) -> Kind {
    let Ok(outer) = read_header(bytes) else { return Kind::Unknown };
    if outer.tag != SEQUENCE {
        return Kind::Unknown;
    }
    let rest = bytes.get(outer.header_len..).unwrap_or_default();
    let Ok(first) = read_header(rest) else { return Kind::Unknown };
    let inner = rest.get(first.header_len..).unwrap_or_default();
    match first.tag {
        // RFC 6960 §4.2.1: OCSPResponse starts with responseStatus ENUMERATED.
        ENUMERATED => Kind::OcspResponse,
        // RFC 5652 §3: ContentInfo starts with the contentType OID.
        OID => match first.len.and_then(|n| inner.get(..n)) {
            Some(oid) => pkcs7_kind(oid),
            None => Kind::Unknown,
        },
        // A signed structure: look at the first field of the signed part.
        SEQUENCE => match read_header(inner) {
            // RFC 5280 §4.1: version [0] EXPLICIT comes first only in a certificate.
            Ok(h) if h.tag == CONTEXT_0 => Kind::Certificate,
            // RFC 5280 §5.1: TBSCertList { version INTEGER (v2 = 1) OPTIONAL, signature AlgorithmIdentifier, … };
            // a certificate's v1 form starts with its serial INTEGER, so only v2 (1) is taken as a CRL.
            Ok(h) if h.tag == INTEGER && h.len == Some(1) && inner.get(h.header_len) == Some(&1) => Kind::Crl,
            _ => Kind::Unknown,
        },
        _ => Kind::Unknown,
    }
}

/// One child element: its first identifier octet and content octets.
#[derive(Clone, Copy, Debug)]
struct Child<'a> {
    tag: u8,
    content: &'a [u8],
}

/// Up to `max` definite-length children of `content`; stops quietly at the
/// first one that does not parse (shape checks are lenient by design).
fn children(content: &[u8], max: usize) -> Vec<Child<'_>> {
    let mut out = Vec::new();
    let mut rest = content;
    while out.len() < max && !rest.is_empty() {
        let Ok(h) = read_header(rest) else { break };
        let Some(len) = h.len else { break };
        let Some(end) = h.header_len.checked_add(len) else { break };
        let (Some(c), Some(r)) = (rest.get(h.header_len..end), rest.get(end..)) else { break };
        out.push(Child { tag: h.tag, content: c });
        rest = r;
    }
    out
}

/// The content octets of a complete definite-length element.
fn content_of(element: &[u8]) -> Option<(Header, &[u8])> {
    let h = read_header(element).ok()?;
    let end = h.header_len.checked_add(h.len?)?;
    Some((h, element.get(h.header_len..end)?))
}

/// Tells what `element` (one complete element) is from its shape.
pub(crate) fn sniff(element: &[u8]) -> Kind {
    match classify(element) {
        Shape::Sure(kind) | Shape::Guess(kind) => kind,
    }
}

/// The kind, when its shape leaves no doubt: a PEM label is overridden only
/// by this (a CRL pasted under `-----BEGIN CERTIFICATE-----`).
pub(crate) fn sniff_sure(element: &[u8]) -> Option<Kind> {
    match classify(element) {
        Shape::Sure(Kind::Unknown) | Shape::Guess(_) => None,
        Shape::Sure(kind) => Some(kind),
    }
}

enum Shape {
    Sure(Kind),
    /// A signed structure matching no known layout: probably a malformed certificate.
    Guess(Kind),
}

fn classify(element: &[u8]) -> Shape {
    let Ok(h) = read_header(element) else { return Shape::Sure(Kind::Unknown) };
    if h.tag != SEQUENCE {
        return Shape::Sure(Kind::Unknown);
    }
    classify_sequence(element, h)
}

fn classify_sequence(element: &[u8], h: Header) -> Shape {
    let Some(len) = h.len else {
        // Indefinite length at the top: BER PKCS#7, or a BER PFX as Bouncy
        // Castle's PKCS12 keystore writes it.
        let rest = element.get(h.header_len..).unwrap_or_default();
        return Shape::Sure(match content_of(rest) {
            Some((oid, value)) if oid.tag == OID => pkcs7_kind(value),
            Some((version, [3])) if version.tag == INTEGER && content_info_follows(rest) => Kind::Pkcs12,
            _ => Kind::Unknown,
        });
    };
    let Some(content) = element.get(h.header_len..h.header_len.saturating_add(len)) else {
        return Shape::Sure(Kind::Unknown);
    };
    let kids = children(content, 4);
    let tags: Vec<u8> = kids.iter().map(|k| k.tag).collect();
    Shape::Sure(match tags.as_slice() {
        // RFC 6960 §4.2.1: OCSPResponse ::= SEQUENCE { responseStatus ENUMERATED, responseBytes [0] OPTIONAL }
        [ENUMERATED] | [ENUMERATED, CONTEXT_0] => Kind::OcspResponse,
        // RFC 5652 §3: ContentInfo ::= SEQUENCE { contentType OID, content [0] }
        [OID, CONTEXT_0] | [OID] => kids.first().map_or(Kind::Unknown, |k| pkcs7_kind(k.content)),
        // A signed structure: SEQUENCE { tbs SEQUENCE, algorithm SEQUENCE, signature BIT STRING }
        [SEQUENCE, SEQUENCE, BIT_STRING, ..] => {
            return kids.first().map_or(Shape::Sure(Kind::Unknown), |k| signed_kind(k.content));
        }
        // RFC 6960 §4.1.1: OCSPRequest ::= SEQUENCE { tbsRequest, optionalSignature [0] OPTIONAL }
        [SEQUENCE] | [SEQUENCE, CONTEXT_0] if kids.first().is_some_and(|k| is_tbs_request(k.content)) => {
            Kind::OcspRequest
        }
        // RFC 7292 §4: PFX ::= SEQUENCE { version INTEGER {v3(3)}, authSafe ContentInfo, macData OPTIONAL }
        [INTEGER, SEQUENCE] | [INTEGER, SEQUENCE, SEQUENCE] if is_pfx(&kids) => Kind::Pkcs12,
        // RFC 5208 §5 PrivateKeyInfo { version, algorithm, privateKey OCTET STRING }
        [INTEGER, SEQUENCE, OCTET_STRING, ..] => Kind::PrivateKey,
        // RFC 5915 ECPrivateKey { version 1, privateKey OCTET STRING, … }
        [INTEGER, OCTET_STRING, ..] => Kind::PrivateKey,
        // RFC 8017 A.1.2 RSAPrivateKey { version, n, e, d, … }
        [INTEGER, INTEGER, INTEGER, INTEGER] => Kind::PrivateKey,
        // RFC 5280 §4.1 SubjectPublicKeyInfo { algorithm, subjectPublicKey BIT STRING }
        [SEQUENCE, BIT_STRING] => Kind::PublicKey,
        _ => Kind::Unknown,
    })
}

/// RFC 7292 §4 in BER: after the first (definite) element of `content`, a
/// SEQUENCE of any length whose first child is a PKCS#7 content type.
fn content_info_follows(content: &[u8]) -> bool {
    let Some((first, _)) = content_of(content) else { return false };
    let Some(next) = first.len.and_then(|len| content.get(first.header_len.saturating_add(len)..)) else {
        return false;
    };
    let Ok(h) = read_header(next) else { return false };
    h.tag == SEQUENCE
        && next
            .get(h.header_len..)
            .and_then(content_of)
            .is_some_and(|(oid, value)| oid.tag == OID && value.starts_with(PKCS7_ARC))
}

/// Version 3 and a ContentInfo whose type is a PKCS#7 one.
fn is_pfx(kids: &[Child<'_>]) -> bool {
    let version = kids.first().is_some_and(|k| k.content == [3]);
    let content_type = kids.get(1).and_then(|k| children(k.content, 1).into_iter().next());
    version && content_type.is_some_and(|oid| oid.tag == OID && oid.content.starts_with(PKCS7_ARC))
}

fn pkcs7_kind(oid: &[u8]) -> Kind {
    if oid == SIGNED_DATA {
        Kind::Pkcs7
    } else if oid.starts_with(PKCS7_ARC) {
        Kind::Pkcs7Other
    } else {
        Kind::Unknown
    }
}

/// Certificate, CRL or CSR, from the first fields of the signed part.
fn signed_kind(tbs: &[u8]) -> Shape {
    let tags: Vec<u8> = children(tbs, 4).iter().map(|k| k.tag).collect();
    Shape::Sure(match tags.as_slice() {
        // RFC 5280 §4.1: version [0] EXPLICIT comes first only in a certificate.
        [CONTEXT_0, ..] => Kind::Certificate,
        // RFC 5280 §5.1: TBSCertList { version INTEGER OPTIONAL, signature, issuer, thisUpdate Time, … }
        [INTEGER, SEQUENCE, SEQUENCE, UTC_TIME | GENERALIZED_TIME, ..] => Kind::Crl,
        [SEQUENCE, SEQUENCE, UTC_TIME | GENERALIZED_TIME, ..] => Kind::Crl,
        // RFC 2986 §4.1: CertificationRequestInfo { version, subject, subjectPKInfo, attributes [0] }
        [INTEGER, SEQUENCE, SEQUENCE, CONTEXT_0] => Kind::CertificateRequest,
        // Anything else signed is most likely a malformed certificate: let
        // `x509` name what is wrong with it.
        _ => return Shape::Guess(Kind::Certificate),
    })
}

/// RFC 6960 §4.1.1 `TBSRequest { version [0]?, requestorName [1]?, requestList SEQUENCE OF Request, … }`
fn is_tbs_request(tbs: &[u8]) -> bool {
    match children(tbs, 1).first() {
        Some(k) if k.tag == CONTEXT_0 || k.tag == CONTEXT_1 => true,
        // requestList → Request → reqCert CertID → hashAlgorithm → its OID:
        // nested SEQUENCEs alone (hostile input) are not a request.
        Some(k) if k.tag == SEQUENCE => {
            let mut level = k.content;
            for _ in 0..3 {
                match children(level, 1).first() {
                    Some(c) if c.tag == SEQUENCE => level = c.content,
                    _ => return false,
                }
            }
            children(level, 1).first().is_some_and(|oid| oid.tag == OID)
        }
        _ => false,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn cut_off_elements_are_named_by_their_first_headers() {
        // OCSPResponse { successful, responseBytes [0] … } cut after 7 bytes.
        assert_eq!(sniff_prefix(&[0x30, 0x82, 0x06, 0x00, 0x0a, 0x01, 0x00]), Kind::OcspResponse);
        // Certificate { tbsCertificate { [0] version … } … }
        assert_eq!(sniff_prefix(&[0x30, 0x82, 0x05, 0x00, 0x30, 0x82, 0x04, 0x00, 0xa0, 0x03]), Kind::Certificate);
        // CertificateList { tbsCertList { version 1, … } … }
        assert_eq!(sniff_prefix(&[0x30, 0x82, 0x05, 0x00, 0x30, 0x82, 0x04, 0x00, 0x02, 0x01, 0x01]), Kind::Crl);
        assert_eq!(sniff_prefix(&[0x30, 0x82, 0x05, 0x00, 0x30, 0x82, 0x04, 0x00, 0x02, 0x01, 0x07]), Kind::Unknown);
        assert_eq!(sniff_prefix(&[0x30]), Kind::Unknown);
    }

    #[test]
    fn nested_sequences_are_not_an_ocsp_request() {
        let mut nested = vec![0x05, 0x00];
        for _ in 0..10 {
            let mut outer = vec![SEQUENCE, nested.len() as u8];
            outer.extend(&nested);
            nested = outer;
        }
        assert_eq!(sniff(&nested), Kind::Unknown);
    }

    #[test]
    fn ocsp_response_shapes() {
        // tryLater: SEQUENCE { ENUMERATED 3 }
        assert_eq!(sniff(&[0x30, 0x03, 0x0a, 0x01, 0x03]), Kind::OcspResponse);
    }

    #[test]
    fn garbage_is_unknown() {
        assert_eq!(sniff(b"hello"), Kind::Unknown);
        assert_eq!(sniff(&[0x30, 0x03, 0x01, 0x01, 0xff]), Kind::Unknown);
    }
}
