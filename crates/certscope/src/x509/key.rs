//! The subject public key as people name it: `RSA-2048`, `EC-P-256`,
//! `Ed25519`…, with its size in bits.

use super::Cert;
use crate::verify::{rsa_modulus_bits, Curve, KeyKind};

impl Cert {
    /// (`RSA-2048` / `RSA-PSS-2048` / `EC-P-256` / `EC-P-384` / `EC-P-521` /
    /// `Ed25519` / `Ed448` / …, or the algorithm OID; size in bits).
    pub fn key_description(&self) -> (String, Option<u32>) {
        key_description(self.spki())
    }
}

pub(crate) fn key_description(spki: &spki::SubjectPublicKeyInfoOwned) -> (String, Option<u32>) {
    let bits_of_key = spki.subject_public_key.raw_bytes();
    match KeyKind::of(spki) {
        KeyKind::Rsa => match rsa_modulus_bits(bits_of_key) {
            Some(b) => (format!("RSA-{b}"), Some(b)),
            None => ("RSA".to_string(), None),
        },
        KeyKind::RsaPss => match rsa_modulus_bits(bits_of_key) {
            Some(b) => (format!("RSA-PSS-{b}"), Some(b)),
            None => ("RSA-PSS".to_string(), None),
        },
        KeyKind::Ec(Curve::P256) => ("EC-P-256".to_string(), Some(256)),
        KeyKind::Ec(Curve::P384) => ("EC-P-384".to_string(), Some(384)),
        KeyKind::Ec(Curve::P521) => ("EC-P-521".to_string(), Some(521)),
        KeyKind::EcOther(curve) => {
            let bits = crate::verify::key::other_curve_bits(&curve).or_else(|| explicit_curve_bits(spki));
            (format!("EC-{curve}"), bits)
        }
        // Sizes as `openssl x509 -text` prints them.
        KeyKind::Ed25519 => ("Ed25519".to_string(), Some(256)),
        KeyKind::Ed448 => ("Ed448".to_string(), Some(456)),
        KeyKind::X25519 => ("X25519".to_string(), Some(253)),
        KeyKind::X448 => ("X448".to_string(), Some(448)),
        KeyKind::Dsa => match dsa_bits(spki) {
            Some(b) => (format!("DSA-{b}"), Some(b)),
            None => ("DSA".to_string(), None),
        },
        KeyKind::Other(oid) => (oid.to_string(), None),
    }
}

fn uint_bits(n: &der::asn1::Uint) -> Option<u32> {
    crate::verify::bit_length(n.as_bytes())
}

/// RFC 3279 §2.3.2: Dss-Parms ::= SEQUENCE { p, q, g INTEGER }; the key's
/// size is p's, as `openssl x509 -text` prints it. Parameters inherited
/// from the issuer (absent here) give no size.
fn dsa_bits(spki: &spki::SubjectPublicKeyInfoOwned) -> Option<u32> {
    let params: Vec<der::asn1::Uint> = spki.algorithm.parameters.as_ref()?.decode_as().ok()?;
    uint_bits(params.first()?)
}

/// RFC 3279 §2.3.5: SpecifiedECDomain, the explicit parameters RFC 5480
/// forbids but old certificates carry. Sized by the base point's order, as
/// OpenSSL sizes EC keys.
#[derive(der::Sequence)]
struct SpecifiedEcDomain {
    version: der::asn1::Uint,
    field_id: der::Any,
    curve: der::Any,
    base: der::asn1::OctetString,
    order: der::asn1::Uint,
    cofactor: Option<der::asn1::Uint>,
}

fn explicit_curve_bits(spki: &spki::SubjectPublicKeyInfoOwned) -> Option<u32> {
    let domain: SpecifiedEcDomain = spki.algorithm.parameters.as_ref()?.decode_as().ok()?;
    uint_bits(&domain.order)
}
