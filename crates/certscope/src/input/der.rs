//! Reading DER (and BER) element boundaries, and telling what an element is
//! from its shape alone.
//!
//! Classification looks only at the first levels of tags, never at values,
//! so a malformed certificate is still handed to `x509`, which names the
//! exact decode error. Only elements that fit no known shape are
//! `Kind::Unknown` (reported as `input-unrecognized` by the caller).

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

/// How deep indefinite-length elements may nest before we give up: real
/// PKCS#7 files nest about 6 deep, so this only stops hostile input.
pub(crate) const MAX_DEPTH: usize = 32;

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
        // Indefinite length at the top: only BER PKCS#7 is expected here.
        return Shape::Sure(match element.get(h.header_len..).and_then(|rest| content_of(rest)) {
            Some((oid, value)) if oid.tag == OID => pkcs7_kind(value),
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
        assert_eq!(
            announced_huge_length(&[0x30, 0x88, 0x7f, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff]),
            Some(i64::MAX as u64)
        );
        assert_eq!(announced_huge_length(&[0x30, 0x82, 0x01, 0x00]), None);
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
