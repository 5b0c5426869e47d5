//! PKCS#7 / CMS certs-only bundles (`.p7b`, `.p7c`, `-----BEGIN PKCS7-----`):
//! the certificates and CRLs they carry, in file order and byte for byte.
//!
//! Windows' certificate export writes BER with indefinite lengths, which
//! `der` rejects, so [`normalize_ber`] first rewrites the indefinite-length
//! envelopes as definite ones. The SignedData is then walked by hand rather
//! than decoded with `cms`: `der` sorts a SET OF while decoding (losing the
//! order the file lists the chain in), re-encodes each certificate, and
//! fails the whole bundle when one certificate is malformed — whereas here a
//! bad certificate is handed to `x509`, which names what is wrong with it.

use super::der::{read_header, Header, TlvError, MAX_DEPTH};
use super::sniff::SIGNED_DATA;

/// What a bundle holds, each item one complete DER element.
#[derive(Debug, Default)]
pub(crate) struct Bundle {
    pub certs: Vec<Vec<u8>>,
    pub crls: Vec<Vec<u8>>,
    /// Entries of other types (attribute certificates, OCSP revocation info).
    pub skipped: usize,
}

/// Why a bundle could not be read.
#[derive(Debug, PartialEq, Eq)]
pub(crate) enum Pkcs7Error {
    Truncated,
    /// Indefinite lengths nest deeper than `MAX_DEPTH`; the depth found.
    TooDeep(usize),
    /// Not SignedData, or its fields are not where RFC 5652 puts them.
    Malformed(&'static str),
}

/// Rewrites BER indefinite lengths as definite (X.690 §10.1) so the result
/// is DER-shaped. Definite-length elements are copied untouched, which keeps
/// every certificate's bytes (and so its signature) exactly as issued.
pub(crate) fn normalize_ber(bytes: &[u8]) -> Result<(Vec<u8>, usize), TlvError> {
    normalize_at(bytes, 0)
}

/// Returns the normalised element and how many input bytes it took.
fn normalize_at(bytes: &[u8], depth: usize) -> Result<(Vec<u8>, usize), TlvError> {
    if depth > MAX_DEPTH {
        return Err(TlvError::TooDeep);
    }
    let h = read_header(bytes)?;
    if let Some(len) = h.len {
        let total = h.header_len.checked_add(len).ok_or(TlvError::Invalid)?;
        let element = bytes.get(..total).ok_or(TlvError::Truncated { need: total })?;
        return Ok((element.to_vec(), total));
    }
    let mut content = Vec::new();
    let mut pos = h.header_len;
    loop {
        let rest = bytes.get(pos..).ok_or(TlvError::Truncated { need: 0 })?;
        if rest.starts_with(&[0, 0]) {
            pos += 2;
            break;
        }
        if rest.is_empty() {
            return Err(TlvError::Truncated { need: 0 });
        }
        let (child, used) = normalize_at(rest, depth + 1)?;
        if h.tag == CONSTRUCTED_OCTET_STRING {
            // X.690 §10.2: DER octet strings are primitive; join the segments.
            let ch = read_header(&child)?;
            content.extend_from_slice(child.get(ch.header_len..).unwrap_or_default());
        } else {
            content.extend_from_slice(&child);
        }
        pos += used;
    }
    let identifier = bytes.get(..h.id_len).ok_or(TlvError::Invalid)?;
    let mut out = Vec::with_capacity(content.len() + 6);
    if h.tag == CONSTRUCTED_OCTET_STRING {
        out.push(OCTET_STRING);
    } else {
        out.extend_from_slice(identifier);
    }
    push_length(&mut out, content.len());
    out.extend_from_slice(&content);
    Ok((out, pos))
}

const OCTET_STRING: u8 = 0x04;
const CONSTRUCTED_OCTET_STRING: u8 = 0x24;

/// X.690 §10.1: the shortest definite form.
pub(crate) fn push_length(out: &mut Vec<u8>, len: usize) {
    if len < 0x80 {
        out.push(len as u8);
    } else {
        let bytes = len.to_be_bytes();
        let skip = bytes.iter().take_while(|b| **b == 0).count();
        let significant = bytes.get(skip..).unwrap_or_default();
        out.push(0x80 | significant.len() as u8);
        out.extend_from_slice(significant);
    }
}

/// One element: its header, all its bytes, and its content octets.
type Element<'a> = (Header, &'a [u8], &'a [u8]);

/// The elements inside `content`.
fn elements(content: &[u8]) -> Result<Vec<Element<'_>>, Pkcs7Error> {
    let mut out = Vec::new();
    let mut rest = content;
    while !rest.is_empty() {
        let h = read_header(rest).map_err(|e| match e {
            TlvError::Truncated { .. } => Pkcs7Error::Truncated,
            TlvError::Invalid | TlvError::TooDeep => Pkcs7Error::Malformed("an element has an invalid header"),
        })?;
        let len = h.len.ok_or(Pkcs7Error::Malformed("an indefinite length remains"))?;
        let end = h.header_len.checked_add(len).ok_or(Pkcs7Error::Truncated)?;
        let whole = rest.get(..end).ok_or(Pkcs7Error::Truncated)?;
        let inner = rest.get(h.header_len..end).ok_or(Pkcs7Error::Truncated)?;
        out.push((h, whole, inner));
        rest = rest.get(end..).unwrap_or_default();
    }
    Ok(out)
}

/// The one element `bytes` holds, with its content.
fn only(bytes: &[u8]) -> Result<(Header, &[u8]), Pkcs7Error> {
    match elements(bytes)?.as_slice() {
        [(h, _, inner)] => Ok((*h, inner)),
        _ => Err(Pkcs7Error::Malformed("expected exactly one element")),
    }
}

/// Reads the certificates and CRLs of a ContentInfo holding SignedData
/// (RFC 5652 §3, §5.1), given as BER or DER.
pub(crate) fn decode_bundle(element: &[u8]) -> Result<Bundle, Pkcs7Error> {
    let (der, _) = normalize_ber(element).map_err(|e| match e {
        TlvError::Truncated { .. } => Pkcs7Error::Truncated,
        TlvError::Invalid => Pkcs7Error::Malformed("its BER encoding is invalid"),
        TlvError::TooDeep => Pkcs7Error::TooDeep(super::der::indefinite_depth(element)),
    })?;
    // ContentInfo ::= SEQUENCE { contentType OID, content [0] EXPLICIT ANY }
    let (_, content_info) = only(&der)?;
    let fields = elements(content_info)?;
    let (Some((oid, _, oid_value)), Some((explicit, _, explicit_content))) = (fields.first(), fields.get(1)) else {
        return Err(Pkcs7Error::Malformed("the ContentInfo lacks its content"));
    };
    if oid.tag != 0x06 || *oid_value != SIGNED_DATA || explicit.tag != 0xa0 {
        return Err(Pkcs7Error::Malformed("it is not SignedData"));
    }
    // SignedData ::= SEQUENCE { version, digestAlgorithms SET, encapContentInfo,
    //   certificates [0] IMPLICIT CertificateSet OPTIONAL, crls [1] IMPLICIT RevocationInfoChoices OPTIONAL, signerInfos SET }
    let (signed_data, signed_content) = only(explicit_content)?;
    if signed_data.tag != 0x30 {
        return Err(Pkcs7Error::Malformed("the SignedData is not a SEQUENCE"));
    }
    let mut bundle = Bundle::default();
    for (h, _, inner) in elements(signed_content)?.into_iter().skip(3) {
        let list = match h.tag {
            0xa0 => &mut bundle.certs,
            0xa1 => &mut bundle.crls,
            _ => continue,
        };
        for (item, whole, _) in elements(inner)? {
            // CertificateChoices / RevocationInfoChoice: a plain SEQUENCE is
            // an X.509 certificate or CRL; tagged ones are other formats.
            if item.tag == 0x30 {
                list.push(whole.to_vec());
            } else {
                bundle.skipped += 1;
            }
        }
    }
    Ok(bundle)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn indefinite_lengths_become_definite() {
        // SEQUENCE(indef) { OCTET STRING(constructed, indef) { 04 01 aa, 04 01 bb } EOC, INTEGER 5 } EOC
        let ber =
            [0x30, 0x80, 0x24, 0x80, 0x04, 0x01, 0xaa, 0x04, 0x01, 0xbb, 0x00, 0x00, 0x02, 0x01, 0x05, 0x00, 0x00];
        let (der, used) = normalize_ber(&ber).unwrap();
        assert_eq!(used, ber.len());
        assert_eq!(der, [0x30, 0x07, 0x04, 0x02, 0xaa, 0xbb, 0x02, 0x01, 0x05]);
    }

    #[test]
    fn long_lengths_use_the_shortest_form() {
        let mut out = Vec::new();
        push_length(&mut out, 0x1234);
        assert_eq!(out, [0x82, 0x12, 0x34]);
    }

    #[test]
    fn missing_end_of_contents_is_truncated() {
        assert!(matches!(normalize_ber(&[0x30, 0x80, 0x02, 0x01, 0x05]), Err(TlvError::Truncated { .. })));
    }
}
