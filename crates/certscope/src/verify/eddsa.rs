//! EdDSA (RFC 8032, in X.509 per RFC 8410): the message is signed as is.
//! Ed448 has no maintained crate at the generation certscope pins, so it is
//! reported as unsupported rather than guessed at.

use super::Verification;

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
