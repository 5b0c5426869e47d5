//! What kind of public key a SubjectPublicKeyInfo holds (RFC 5280 §4.1.2.7,
//! RFC 3279, RFC 4055, RFC 5480, RFC 8410).

use super::algorithm::RSASSA_PSS;
use super::ecdsa::Curve;
use const_oid::ObjectIdentifier;
use der::asn1::ObjectIdentifier as Oid;
use spki::SubjectPublicKeyInfoOwned;

const fn oid(s: &str) -> ObjectIdentifier {
    ObjectIdentifier::new_unwrap(s)
}

pub(crate) const RSA_ENCRYPTION: ObjectIdentifier = oid("1.2.840.113549.1.1.1");
pub(crate) const EC_PUBLIC_KEY: ObjectIdentifier = oid("1.2.840.10045.2.1");
pub(crate) const DSA: ObjectIdentifier = oid("1.2.840.10040.4.1");
pub(crate) const X25519: ObjectIdentifier = oid("1.3.101.110");
pub(crate) const X448: ObjectIdentifier = oid("1.3.101.111");
pub(crate) const ED25519_KEY: ObjectIdentifier = oid("1.3.101.112");
pub(crate) const ED448_KEY: ObjectIdentifier = oid("1.3.101.113");
pub(crate) const PRIME256V1: ObjectIdentifier = oid("1.2.840.10045.3.1.7");
pub(crate) const SECP384R1: ObjectIdentifier = oid("1.3.132.0.34");
pub(crate) const SECP521R1: ObjectIdentifier = oid("1.3.132.0.35");
pub(crate) const SECP256K1: ObjectIdentifier = oid("1.3.132.0.10");
pub(crate) const SECP224R1: ObjectIdentifier = oid("1.3.132.0.33");
pub(crate) const PRIME192V1: ObjectIdentifier = oid("1.2.840.10045.3.1.1");
pub(crate) const BRAINPOOL_P256R1: ObjectIdentifier = oid("1.3.36.3.3.2.8.1.1.7");
pub(crate) const BRAINPOOL_P384R1: ObjectIdentifier = oid("1.3.36.3.3.2.8.1.1.11");
pub(crate) const BRAINPOOL_P512R1: ObjectIdentifier = oid("1.3.36.3.3.2.8.1.1.13");

#[derive(Clone, Debug, PartialEq, Eq)]
pub(crate) enum KeyKind {
    Rsa,
    /// id-RSASSA-PSS: an RSA key restricted to PSS signatures (RFC 4055 §1.2).
    RsaPss,
    Ec(Curve),
    /// An EC key on a curve certscope does not verify (name or OID).
    EcOther(String),
    Ed25519,
    Ed448,
    X25519,
    X448,
    Dsa,
    Other(ObjectIdentifier),
}

impl KeyKind {
    pub(crate) fn of(spki: &SubjectPublicKeyInfoOwned) -> KeyKind {
        match spki.algorithm.oid {
            RSA_ENCRYPTION => KeyKind::Rsa,
            RSASSA_PSS => KeyKind::RsaPss,
            EC_PUBLIC_KEY => {
                let curve = spki.algorithm.parameters.as_ref().and_then(|p| p.decode_as::<Oid>().ok());
                match curve {
                    Some(PRIME256V1) => KeyKind::Ec(Curve::P256),
                    Some(SECP384R1) => KeyKind::Ec(Curve::P384),
                    Some(SECP521R1) => KeyKind::Ec(Curve::P521),
                    Some(other) => KeyKind::EcOther(curve_name(&other)),
                    // implicitCA or explicit parameters (RFC 5480 forbids both).
                    None => KeyKind::EcOther("explicit-parameters".to_string()),
                }
            }
            ED25519_KEY => KeyKind::Ed25519,
            ED448_KEY => KeyKind::Ed448,
            X25519 => KeyKind::X25519,
            X448 => KeyKind::X448,
            DSA => KeyKind::Dsa,
            other => KeyKind::Other(other),
        }
    }
}

fn curve_name(curve: &ObjectIdentifier) -> String {
    match *curve {
        SECP256K1 => "secp256k1".to_string(),
        SECP224R1 => "P-224".to_string(),
        PRIME192V1 => "P-192".to_string(),
        BRAINPOOL_P256R1 => "brainpoolP256r1".to_string(),
        BRAINPOOL_P384R1 => "brainpoolP384r1".to_string(),
        BRAINPOOL_P512R1 => "brainpoolP512r1".to_string(),
        other => other.to_string(),
    }
}

/// Key size in bits for curves certscope names but does not verify.
pub(crate) fn other_curve_bits(name: &str) -> Option<u32> {
    match name {
        "secp256k1" | "brainpoolP256r1" => Some(256),
        "P-224" => Some(224),
        "P-192" => Some(192),
        "brainpoolP384r1" => Some(384),
        "brainpoolP512r1" => Some(512),
        _ => None,
    }
}
