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
            let bits = crate::verify::key::other_curve_bits(&curve);
            (format!("EC-{curve}"), bits)
        }
        // Sizes as `openssl x509 -text` prints them.
        KeyKind::Ed25519 => ("Ed25519".to_string(), Some(256)),
        KeyKind::Ed448 => ("Ed448".to_string(), Some(456)),
        KeyKind::X25519 => ("X25519".to_string(), Some(253)),
        KeyKind::X448 => ("X448".to_string(), Some(448)),
        KeyKind::Dsa => ("DSA".to_string(), None),
        KeyKind::Other(oid) => (oid.to_string(), None),
    }
}
