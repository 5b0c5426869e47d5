//! RSA signatures: PKCS#1 v1.5 (RFC 8017 §8.2) and RSASSA-PSS (RFC 8017
//! §8.1, parameters per RFC 4055).

use super::algorithm::{Hash, PssParams};
use super::Verification;
use der::Decode;
use rsa::{BigUint, Pkcs1v15Sign, Pss, RsaPublicKey};
use sha1::Sha1;
use sha2::{Digest, Sha224, Sha256, Sha384, Sha512};

/// rsa's default limit is 4096 bits; real roots go to 8192 and a viewer
/// must still check them. 16384 keeps the work per signature bounded.
const MAX_MODULUS_BITS: usize = 16_384;

const MD5_DIGEST_INFO_PREFIX: [u8; 18] =
    [0x30, 0x20, 0x30, 0x0c, 0x06, 0x08, 0x2a, 0x86, 0x48, 0x86, 0xf7, 0x0d, 0x02, 0x05, 0x05, 0x00, 0x04, 0x10];

/// Decodes an RSAPublicKey (RFC 8017 §A.1.1) from the SPKI's BIT STRING.
pub(crate) fn decode_public_key(spki_bits: &[u8]) -> Option<RsaPublicKey> {
    let key = pkcs1::RsaPublicKey::from_der(spki_bits).ok()?;
    let n = BigUint::from_bytes_be(key.modulus.as_bytes());
    let e = BigUint::from_bytes_be(key.public_exponent.as_bytes());
    RsaPublicKey::new_with_max_size(n, e, MAX_MODULUS_BITS).ok()
}

/// The modulus size in bits, from the raw key (works for keys `rsa` refuses).
pub(crate) fn modulus_bits(spki_bits: &[u8]) -> Option<u32> {
    let key = pkcs1::RsaPublicKey::from_der(spki_bits).ok()?;
    let bytes = key.modulus.as_bytes();
    let first = *bytes.first()?;
    let len = u32::try_from(bytes.len()).ok()?;
    Some(len.checked_sub(1)?.checked_mul(8)? + (8 - first.leading_zeros()))
}

/// Some signers drop leading zero octets of the signature; OpenSSL accepts
/// that, and `rsa` wants exactly the modulus length.
fn padded_signature(key: &RsaPublicKey, signature: &[u8]) -> Option<Vec<u8>> {
    use rsa::traits::PublicKeyParts;
    let size = key.size();
    let missing = size.checked_sub(signature.len())?;
    let mut padded = vec![0u8; missing];
    padded.extend_from_slice(signature);
    Some(padded)
}

fn digest(hash: Hash, message: &[u8]) -> Option<Vec<u8>> {
    Some(match hash {
        Hash::Md5 => md5::Md5::digest(message).to_vec(),
        Hash::Sha1 => Sha1::digest(message).to_vec(),
        Hash::Sha224 => Sha224::digest(message).to_vec(),
        Hash::Sha256 => Sha256::digest(message).to_vec(),
        Hash::Sha384 => Sha384::digest(message).to_vec(),
        Hash::Sha512 => Sha512::digest(message).to_vec(),
        Hash::Md2 | Hash::Md4 => return None,
    })
}

fn pkcs1_scheme(hash: Hash) -> Option<Pkcs1v15Sign> {
    Some(match hash {
        // md-5 0.10 has no AssociatedOid, so spell out its DigestInfo
        // prefix (RFC 8017 §9.2 note 1).
        Hash::Md5 => Pkcs1v15Sign { hash_len: Some(16), prefix: Box::new(MD5_DIGEST_INFO_PREFIX) },
        Hash::Sha1 => Pkcs1v15Sign::new::<Sha1>(),
        Hash::Sha224 => Pkcs1v15Sign::new::<Sha224>(),
        Hash::Sha256 => Pkcs1v15Sign::new::<Sha256>(),
        Hash::Sha384 => Pkcs1v15Sign::new::<Sha384>(),
        Hash::Sha512 => Pkcs1v15Sign::new::<Sha512>(),
        Hash::Md2 | Hash::Md4 => return None,
    })
}

pub(crate) fn verify_pkcs1(hash: Hash, spki_bits: &[u8], message: &[u8], signature: &[u8], name: &str) -> Verification {
    let (Some(scheme), Some(hashed)) = (pkcs1_scheme(hash), digest(hash, message)) else {
        return Verification::Unsupported(name.to_string());
    };
    let Some(key) = decode_public_key(spki_bits) else { return Verification::Invalid };
    let Some(sig) = padded_signature(&key, signature) else { return Verification::Invalid };
    match key.verify(scheme, &hashed, &sig) {
        Ok(()) => Verification::Valid,
        Err(_) => Verification::Invalid,
    }
}

fn pss_scheme(params: &PssParams) -> Option<Pss> {
    let salt = usize::try_from(params.salt_length).ok()?;
    Some(match params.hash {
        Hash::Sha1 => Pss::new_with_salt::<Sha1>(salt),
        Hash::Sha224 => Pss::new_with_salt::<Sha224>(salt),
        Hash::Sha256 => Pss::new_with_salt::<Sha256>(salt),
        Hash::Sha384 => Pss::new_with_salt::<Sha384>(salt),
        Hash::Sha512 => Pss::new_with_salt::<Sha512>(salt),
        Hash::Md2 | Hash::Md4 | Hash::Md5 => return None,
    })
}

pub(crate) fn verify_pss(params: &PssParams, spki_bits: &[u8], message: &[u8], signature: &[u8]) -> Verification {
    // `rsa` uses the signature hash for MGF1 as well; every deployed PSS
    // profile (RFC 4055 §3.1 recommends it) does the same.
    if params.mgf1_hash != params.hash {
        return Verification::Unsupported(format!(
            "rsassaPss with {} and MGF1 with {}",
            params.hash.name(),
            params.mgf1_hash.name()
        ));
    }
    let (Some(scheme), Some(hashed)) = (pss_scheme(params), digest(params.hash, message)) else {
        return Verification::Unsupported(format!("rsassaPss with {}", params.hash.name()));
    };
    let Some(key) = decode_public_key(spki_bits) else { return Verification::Invalid };
    let Some(sig) = padded_signature(&key, signature) else { return Verification::Invalid };
    // `rsa`'s PSS check indexes by the salt length; a salt that cannot fit
    // the modulus is simply an invalid signature.
    use rsa::traits::PublicKeyParts;
    let room = key.size().saturating_sub(hashed.len()).saturating_sub(2);
    if usize::try_from(params.salt_length).map_or(true, |s| s > room) {
        return Verification::Invalid;
    }
    match key.verify(scheme, &hashed, &sig) {
        Ok(()) => Verification::Valid,
        Err(_) => Verification::Invalid,
    }
}
