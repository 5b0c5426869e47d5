//! What kind of public key a SubjectPublicKeyInfo holds (RFC 5280 §4.1.2.7,
//! RFC 3279, RFC 4055, RFC 5480, RFC 8410).

use super::algorithm::RSASSA_PSS;
use super::ecdsa::Curve;
pub(crate) use crate::oid::{BRAINPOOL_P256R1, BRAINPOOL_P384R1, BRAINPOOL_P512R1, PRIME192V1, SECP256K1};
use const_oid::{db, ObjectIdentifier};
use der::asn1::ObjectIdentifier as Oid;
use spki::SubjectPublicKeyInfoOwned;

pub(crate) const RSA_ENCRYPTION: ObjectIdentifier = db::rfc5912::RSA_ENCRYPTION;
pub(crate) const EC_PUBLIC_KEY: ObjectIdentifier = db::rfc5912::ID_EC_PUBLIC_KEY;
pub(crate) const DSA: ObjectIdentifier = db::rfc5912::ID_DSA;
pub(crate) const X25519: ObjectIdentifier = db::rfc8410::ID_X_25519;
pub(crate) const X448: ObjectIdentifier = db::rfc8410::ID_X_448;
pub(crate) const ED25519_KEY: ObjectIdentifier = db::rfc8410::ID_ED_25519;
pub(crate) const ED448_KEY: ObjectIdentifier = db::rfc8410::ID_ED_448;
pub(crate) const PRIME256V1: ObjectIdentifier = db::rfc5912::SECP_256_R_1;
pub(crate) const SECP384R1: ObjectIdentifier = db::rfc5912::SECP_384_R_1;
pub(crate) const SECP521R1: ObjectIdentifier = db::rfc5912::SECP_521_R_1;
pub(crate) const SECP224R1: ObjectIdentifier = db::rfc5912::SECP_224_R_1;

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
                    // An unnamed curve shows as its OID.
                    Some(other) => {
                        KeyKind::EcOther(curve_name(&other).map_or_else(|| other.to_string(), str::to_string))
                    }
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

/// The names of the curves certscope recognises but does not verify.
const OTHER_CURVES: &[(ObjectIdentifier, &str)] = &[
    (SECP256K1, "secp256k1"),
    (SECP224R1, "P-224"),
    (PRIME192V1, "P-192"),
    (BRAINPOOL_P256R1, "brainpoolP256r1"),
    (BRAINPOOL_P384R1, "brainpoolP384r1"),
    (BRAINPOOL_P512R1, "brainpoolP512r1"),
];

pub(crate) fn curve_name(curve: &ObjectIdentifier) -> Option<&'static str> {
    OTHER_CURVES.iter().find(|(oid, _)| oid == curve).map(|&(_, name)| name)
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
