//! The verification entry point as the test suite and the fuzz targets
//! reach it: Project Wycheproof's vectors (`tests/wycheproof.rs`) and the
//! differential check against the RustCrypto crates (`fuzz/`, and
//! `tests/verify_diff.rs`) hand over what a certificate carries — the
//! signer's SubjectPublicKeyInfo and the signature AlgorithmIdentifier as
//! DER, the signed bytes and the signature — and get back what
//! [`verify_signed`] decided for them. Nothing else is exposed.

use super::{verify_signed, KeyKind, SignedParts, Verification};
use const_oid::ObjectIdentifier;
use der::Decode;
use spki::{AlgorithmIdentifierOwned, SubjectPublicKeyInfoOwned};

/// What certscope concluded about one signature.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum Verdict {
    Valid,
    Invalid,
    /// certscope does not check this algorithm or key type; names it.
    Unsupported(String),
    /// The SubjectPublicKeyInfo is not DER: a certificate carrying it
    /// would not decode, so its signatures are never checked.
    KeyDoesNotDecode,
    /// The AlgorithmIdentifier is not DER (likewise).
    AlgorithmDoesNotDecode,
}

/// Checks `signature` over `message` exactly as a certificate, OCSP
/// response or CRL signed by the key in `spki_der` is checked.
pub fn verify_signature(spki_der: &[u8], algorithm_der: &[u8], message: &[u8], signature: &[u8]) -> Verdict {
    let Ok(spki) = SubjectPublicKeyInfoOwned::from_der(spki_der) else { return Verdict::KeyDoesNotDecode };
    let Ok(algorithm) = AlgorithmIdentifierOwned::from_der(algorithm_der) else {
        return Verdict::AlgorithmDoesNotDecode;
    };
    let parts = SignedParts { tbs: message, algorithm: &algorithm, signature };
    match verify_signed(&parts, &spki) {
        Verification::Valid => Verdict::Valid,
        Verification::Invalid => Verdict::Invalid,
        Verification::Unsupported(name) => Verdict::Unsupported(name),
    }
}

/// The named curve (its OID) of the EC public key in `spki_der` when
/// certscope takes the key as a point on P-256, P-384 or P-521 (the check
/// every ECDSA verification starts with); `None` when it refuses the key.
/// Wycheproof's invalid public keys come with its ECDH vectors, which carry
/// no signature to verify; this is how they reach the key check.
pub fn ec_public_key_curve(spki_der: &[u8]) -> Option<ObjectIdentifier> {
    let spki = SubjectPublicKeyInfoOwned::from_der(spki_der).ok()?;
    match KeyKind::of(&spki) {
        KeyKind::Ec(curve) => {
            super::ecdsa::point_accepted(curve, spki.subject_public_key.raw_bytes()).then(|| curve.oid())
        }
        KeyKind::Rsa
        | KeyKind::RsaPss
        | KeyKind::EcOther(_)
        | KeyKind::Ed25519
        | KeyKind::Ed448
        | KeyKind::X25519
        | KeyKind::X448
        | KeyKind::Dsa
        | KeyKind::Other(_) => None,
    }
}
