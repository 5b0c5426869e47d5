//! ECDSA over P-256, P-384 and P-521 (RFC 5758 §3.2, RFC 5480), with any of
//! the SHA hashes on any of the curves: the message is hashed with the
//! algorithm's digest and the digest checked with the curve's prehash
//! verifier, as X9.62 specifies.

use super::algorithm::Hash;
use super::Verification;
use sha1::Sha1;
use sha2::{Digest, Sha224, Sha256, Sha384, Sha512};
use signature::hazmat::PrehashVerifier;

#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub(crate) enum Curve {
    P256,
    P384,
    P521,
}

impl Curve {
    /// Field size in octets (the prehash is left-padded to it).
    const fn field_len(self) -> usize {
        match self {
            Curve::P256 => 32,
            Curve::P384 => 48,
            Curve::P521 => 66,
        }
    }
}

fn prehash(hash: Hash, message: &[u8], curve: Curve) -> Option<Vec<u8>> {
    let digest = match hash {
        Hash::Sha1 => Sha1::digest(message).to_vec(),
        Hash::Sha224 => Sha224::digest(message).to_vec(),
        Hash::Sha256 => Sha256::digest(message).to_vec(),
        Hash::Sha384 => Sha384::digest(message).to_vec(),
        Hash::Sha512 => Sha512::digest(message).to_vec(),
        Hash::Md2 | Hash::Md4 | Hash::Md5 => return None,
    };
    // ecdsa's bits2field refuses digests shorter than half the field (SHA-1
    // on P-384); converting the digest to an integer is the same as
    // left-padding it with zeros, so do that here.
    let field = curve.field_len();
    if digest.len() >= field {
        return Some(digest);
    }
    let mut padded = vec![0u8; field - digest.len()];
    padded.extend_from_slice(&digest);
    Some(padded)
}

pub(crate) fn verify(curve: Curve, hash: Hash, point: &[u8], message: &[u8], signature: &[u8]) -> Verification {
    let Some(digest) = prehash(hash, message, curve) else {
        return Verification::Unsupported(format!("ecdsa-with-{}", hash.name()));
    };
    let ok = match curve {
        Curve::P256 => {
            let (Ok(key), Ok(sig)) =
                (p256::ecdsa::VerifyingKey::from_sec1_bytes(point), p256::ecdsa::Signature::from_der(signature))
            else {
                return Verification::Invalid;
            };
            key.verify_prehash(&digest, &sig).is_ok()
        }
        Curve::P384 => {
            let (Ok(key), Ok(sig)) =
                (p384::ecdsa::VerifyingKey::from_sec1_bytes(point), p384::ecdsa::Signature::from_der(signature))
            else {
                return Verification::Invalid;
            };
            key.verify_prehash(&digest, &sig).is_ok()
        }
        Curve::P521 => {
            let (Ok(key), Ok(sig)) =
                (p521::ecdsa::VerifyingKey::from_sec1_bytes(point), p521::ecdsa::Signature::from_der(signature))
            else {
                return Verification::Invalid;
            };
            key.verify_prehash(&digest, &sig).is_ok()
        }
    };
    if ok {
        Verification::Valid
    } else {
        Verification::Invalid
    }
}
