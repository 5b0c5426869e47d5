//! EdDSA (RFC 8032, in X.509 per RFC 8410): the message is signed as is.
//! Ed25519 by ed25519-dalek; Ed448's verification equation is written here
//! over ed448-goldilocks' curve arithmetic, with every encoding check of
//! RFC 8032 §5.2.3 and §5.2.7 done before any arithmetic.

use super::Verification;
use ed448_goldilocks::curve::edwards::{CompressedEdwardsY, ExtendedPoint};
use ed448_goldilocks::Scalar;
use sha3::digest::{ExtendableOutput, Update, XofReader};

pub(crate) fn verify_ed25519(key: &[u8], message: &[u8], signature: &[u8]) -> Verification {
    let Ok(key_bytes) = <[u8; 32]>::try_from(key) else { return Verification::Invalid };
    let Ok(key) = ed25519_dalek::VerifyingKey::from_bytes(&key_bytes) else { return Verification::Invalid };
    let Ok(sig) = ed25519_dalek::Signature::from_slice(signature) else { return Verification::Invalid };
    // `verify` is RFC 8032's cofactorless check, as OpenSSL does it.
    match ed25519_dalek::Verifier::verify(&key, message, &sig) {
        Ok(()) => Verification::Valid,
        Err(_) => Verification::Invalid,
    }
}

/// Ed448 points and scalars are 57 octets (RFC 8032 §5.2.2).
const ED448_LEN: usize = 57;

/// The order of the Ed448 base point, little-endian (RFC 8032 §5.2:
/// L = 2^446 - 13818066809895115352007386748515426880336692474882178609894547503885).
const ED448_ORDER: [u8; ED448_LEN] = [
    0xf3, 0x44, 0x58, 0xab, 0x92, 0xc2, 0x78, 0x23, 0x55, 0x8f, 0xc5, 0x8d, 0x72, 0xc2, 0x6c, 0x21, 0x90, 0x36, 0xd6,
    0xae, 0x49, 0xdb, 0x4e, 0xc4, 0xe9, 0x23, 0xca, 0x7c, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff,
    0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0x3f, 0x00,
];

/// RFC 8032 §5.2.7: split the 114-octet signature into R and S, decode R
/// and the key A as points and S as an integer below L, then check
/// [S]B = R + [k]A with k = SHAKE256(dom4(0, "") || R || A || M, 114)
/// (cofactorless, as OpenSSL checks it).
pub(crate) fn verify_ed448(key: &[u8], message: &[u8], signature: &[u8]) -> Verification {
    let (Ok(key), true) = (<[u8; ED448_LEN]>::try_from(key), signature.len() == 2 * ED448_LEN) else {
        return Verification::Invalid;
    };
    let (r_bytes, s_bytes) = signature.split_at(ED448_LEN);
    let (Ok(r_bytes), Ok(s_bytes)) = (<[u8; ED448_LEN]>::try_from(r_bytes), <[u8; ED448_LEN]>::try_from(s_bytes))
    else {
        return Verification::Invalid;
    };
    let (Some(a), Some(r)) = (decode_point(&key), decode_point(&r_bytes)) else { return Verification::Invalid };
    let Some(s) = decode_scalar(&s_bytes) else { return Verification::Invalid };
    let k = Scalar::from_bytes_mod_order_wide(&challenge(&r_bytes, &key, message));
    let lhs = ExtendedPoint::generator().scalar_mul(&s);
    let rhs = r.add(&a.scalar_mul(&k));
    if lhs == rhs {
        Verification::Valid
    } else {
        Verification::Invalid
    }
}

/// RFC 8032 §5.2.3: a point is the 56-octet y below p with x's sign in the
/// last octet's top bit, the rest of that octet zero. Decoding and encoding
/// again must give the same octets: that rejects a y of p or more, stray
/// bits in the last octet, and a negative zero x, which the crate's
/// decompression alone would accept.
fn decode_point(bytes: &[u8; ED448_LEN]) -> Option<ExtendedPoint> {
    let point = CompressedEdwardsY(*bytes).decompress()?;
    (point.compress().0 == *bytes).then_some(point)
}

/// RFC 8032 §5.2.7: S is an integer in [0, L); anything else is invalid.
fn decode_scalar(bytes: &[u8; ED448_LEN]) -> Option<Scalar> {
    let below_order =
        bytes.iter().rev().zip(ED448_ORDER.iter().rev()).find(|(b, l)| b != l).is_some_and(|(b, l)| b < l);
    let low: [u8; 56] = bytes.get(..56)?.try_into().ok()?;
    below_order.then(|| Scalar::from_bytes(low))
}

/// RFC 8032 §5.2: dom4(0, "") = "SigEd448" || 0 || 0, then R || A || M,
/// hashed with SHAKE256 to 114 octets.
fn challenge(r: &[u8; ED448_LEN], a: &[u8; ED448_LEN], message: &[u8]) -> [u8; 2 * ED448_LEN] {
    let mut shake = sha3::Shake256::default();
    shake.update(b"SigEd448\x00\x00");
    shake.update(r);
    shake.update(a);
    shake.update(message);
    let mut out = [0u8; 2 * ED448_LEN];
    shake.finalize_xof().read(&mut out);
    out
}
