//! RSA signatures: PKCS#1 v1.5 (RFC 8017 §8.2) and RSASSA-PSS (RFC 8017
//! §8.1, parameters per RFC 4055).
//!
//! The public-key operation (`certscope_arith::rsa::modpow`) and both
//! encodings are done by certscope rather than through `rsa` 0.9, whose
//! generic Montgomery modpow costs ~12× OpenSSL per verification
//! (docs/performance.md). Nothing here is secret, so nothing needs to be
//! constant-time. Doing PSS here also lets the MGF1 hash differ from the
//! message hash, which `rsa` cannot.
//!
//! RFC 8017 §5.2.2 (RSAVP1), §9.2 (EMSA-PKCS1-v1_5), §9.1.2
//! (EMSA-PSS-VERIFY) and §B.2.1 (MGF1).

use super::algorithm::Hash;
use super::algorithm::PssParams;
use super::Verification;
use der::Decode;
use sha2::digest::DynDigest;

/// Real roots go to 8192 bits; 16384 keeps the work per signature bounded.
const MAX_MODULUS_BITS: usize = 16_384;
/// `rsa`'s bound, which also keeps the exponent loop short.
const MAX_PUBLIC_EXPONENT: u64 = (1 << 33) - 1;

/// An RSA public key (RFC 8017 §A.1.1), checked the way `rsa` checks one.
pub(crate) struct PublicKey {
    /// The modulus, big-endian, without leading zero octets.
    n: Vec<u8>,
    e: u64,
    /// Modulus length in octets (k) and bits.
    k: usize,
    bits: usize,
}

impl PublicKey {
    pub(crate) fn from_spki_bits(spki_bits: &[u8]) -> Option<PublicKey> {
        let key = pkcs1::RsaPublicKey::from_der(spki_bits).ok()?;
        // DER INTEGER octets, leading zeros stripped by `UintRef`.
        let n = key.modulus.as_bytes();
        let e_bytes = key.public_exponent.as_bytes();
        if e_bytes.len() > 8 {
            return None;
        }
        let e = e_bytes.iter().fold(0u64, |acc, &b| (acc << 8) | u64::from(b));
        let bits = usize::try_from(bit_length(n)?).ok()?;
        let n_is_odd = n.last().is_some_and(|b| b & 1 == 1);
        if bits > MAX_MODULUS_BITS || !n_is_odd || e < 3 || e % 2 == 0 || e > MAX_PUBLIC_EXPONENT {
            return None;
        }
        // e < n: only a modulus of at most 64 bits can fail it.
        if bits <= 64 && e >= n.iter().fold(0u64, |acc, &b| (acc << 8) | u64::from(b)) {
            return None;
        }
        Some(PublicKey { n: n.to_vec(), e, k: bits.div_ceil(8), bits })
    }

    /// RSAVP1: `s^e mod n` as k octets. `None` when the signature is longer
    /// than the modulus or not below it. Signers that drop leading zero
    /// octets are accepted, as OpenSSL does.
    fn public_op(&self, signature: &[u8]) -> Option<Vec<u8>> {
        if signature.len() > self.k {
            return None;
        }
        certscope_arith::rsa::modpow(&self.n, signature, self.e)
    }
}

fn hasher(hash: Hash) -> Option<Box<dyn DynDigest>> {
    Some(match hash {
        Hash::Md5 => Box::new(md5::Md5::default()),
        Hash::Sha1 => Box::new(sha1::Sha1::default()),
        Hash::Sha224 => Box::new(sha2::Sha224::default()),
        Hash::Sha256 => Box::new(sha2::Sha256::default()),
        Hash::Sha384 => Box::new(sha2::Sha384::default()),
        Hash::Sha512 => Box::new(sha2::Sha512::default()),
        Hash::Md2 | Hash::Md4 => return None,
    })
}

fn digest(hash: Hash, parts: &[&[u8]]) -> Option<Vec<u8>> {
    let mut h = hasher(hash)?;
    for p in parts {
        h.update(p);
    }
    Some(h.finalize().to_vec())
}

/// DigestInfo's DER up to the hash value (RFC 8017 §9.2 note 1).
fn digest_info_prefix(hash: Hash) -> Option<&'static [u8]> {
    Some(match hash {
        Hash::Md5 => &[
            0x30, 0x20, 0x30, 0x0c, 0x06, 0x08, 0x2a, 0x86, 0x48, 0x86, 0xf7, 0x0d, 0x02, 0x05, 0x05, 0x00, 0x04, 0x10,
        ],
        Hash::Sha1 => &[0x30, 0x21, 0x30, 0x09, 0x06, 0x05, 0x2b, 0x0e, 0x03, 0x02, 0x1a, 0x05, 0x00, 0x04, 0x14],
        Hash::Sha224 => &[
            0x30, 0x2d, 0x30, 0x0d, 0x06, 0x09, 0x60, 0x86, 0x48, 0x01, 0x65, 0x03, 0x04, 0x02, 0x04, 0x05, 0x00, 0x04,
            0x1c,
        ],
        Hash::Sha256 => &[
            0x30, 0x31, 0x30, 0x0d, 0x06, 0x09, 0x60, 0x86, 0x48, 0x01, 0x65, 0x03, 0x04, 0x02, 0x01, 0x05, 0x00, 0x04,
            0x20,
        ],
        Hash::Sha384 => &[
            0x30, 0x41, 0x30, 0x0d, 0x06, 0x09, 0x60, 0x86, 0x48, 0x01, 0x65, 0x03, 0x04, 0x02, 0x02, 0x05, 0x00, 0x04,
            0x30,
        ],
        Hash::Sha512 => &[
            0x30, 0x51, 0x30, 0x0d, 0x06, 0x09, 0x60, 0x86, 0x48, 0x01, 0x65, 0x03, 0x04, 0x02, 0x03, 0x05, 0x00, 0x04,
            0x40,
        ],
        Hash::Md2 | Hash::Md4 => return None,
    })
}

/// Outcome of a check whose algorithm certscope can run.
#[derive(Debug, PartialEq, Eq)]
pub(crate) enum Check {
    Valid,
    Invalid,
    /// The hash is not one certscope implements.
    UnsupportedHash,
}

/// RSASSA-PKCS1-v1_5-VERIFY (RFC 8017 §8.2.2): rebuild EM and compare.
fn check_pkcs1(key: &PublicKey, hash: Hash, message: &[u8], signature: &[u8]) -> Check {
    let (Some(prefix), Some(h)) = (digest_info_prefix(hash), digest(hash, &[message])) else {
        return Check::UnsupportedHash;
    };
    let Some(em) = key.public_op(signature) else { return Check::Invalid };
    let t_len = prefix.len() + h.len();
    let Some(ps_len) = key.k.checked_sub(t_len + 3).filter(|&n| n >= 8) else { return Check::Invalid };
    let mut expected = Vec::with_capacity(key.k);
    expected.extend_from_slice(&[0x00, 0x01]);
    expected.resize(2 + ps_len, 0xff);
    expected.push(0x00);
    expected.extend_from_slice(prefix);
    expected.extend_from_slice(&h);
    if em == expected {
        Check::Valid
    } else {
        Check::Invalid
    }
}

/// MGF1 (RFC 8017 §B.2.1).
fn mgf1(hash: Hash, seed: &[u8], len: usize) -> Option<Vec<u8>> {
    let mut out = Vec::with_capacity(len + 64);
    let mut counter: u32 = 0;
    while out.len() < len {
        out.extend_from_slice(&digest(hash, &[seed, &counter.to_be_bytes()])?);
        counter = counter.checked_add(1)?;
    }
    out.truncate(len);
    Some(out)
}

/// RSASSA-PSS-VERIFY (RFC 8017 §8.1.2) with EMSA-PSS-VERIFY (§9.1.2).
fn check_pss(key: &PublicKey, hash: Hash, mgf1_hash: Hash, salt_len: usize, message: &[u8], signature: &[u8]) -> Check {
    let (Some(m_hash), Some(_)) = (digest(hash, &[message]), hasher(mgf1_hash)) else {
        return Check::UnsupportedHash;
    };
    let Some(m) = key.public_op(signature) else { return Check::Invalid };
    match emsa_pss_verify(&m_hash, &m, key.bits - 1, hash, mgf1_hash, salt_len) {
        Some(true) => Check::Valid,
        Some(false) | None => Check::Invalid,
    }
}

fn emsa_pss_verify(m_hash: &[u8], m: &[u8], em_bits: usize, hash: Hash, mgf: Hash, s_len: usize) -> Option<bool> {
    let h_len = m_hash.len();
    let em_len = em_bits.div_ceil(8);
    // I2OSP(m, emLen): any octets of m above emLen must be zero.
    let (high, em) = m.split_at(m.len().checked_sub(em_len)?);
    if high.iter().any(|&b| b != 0) || em_len < h_len + s_len + 2 {
        return Some(false);
    }
    let (masked_db, rest) = em.split_at(em_len - h_len - 1);
    let (h, trailer) = rest.split_at(h_len);
    let unused_bits = 8 * em_len - em_bits;
    let top_mask = 0xffu8.checked_shr(u32::try_from(unused_bits).ok()?).unwrap_or(0);
    if trailer != [0xbc] || masked_db.first()? & !top_mask != 0 {
        return Some(false);
    }
    let db_mask = mgf1(mgf, h, masked_db.len())?;
    let mut db: Vec<u8> = masked_db.iter().zip(&db_mask).map(|(a, b)| a ^ b).collect();
    *db.first_mut()? &= top_mask;
    let ps_len = em_len - h_len - s_len - 2;
    let (ps, rest) = db.split_at(ps_len);
    let (one, salt) = rest.split_first()?;
    if ps.iter().any(|&b| b != 0) || *one != 0x01 {
        return Some(false);
    }
    let h_prime = digest(hash, &[&[0u8; 8], m_hash, salt])?;
    Some(h_prime == h)
}

/// The modulus size in bits, from the raw key (works for keys certscope
/// refuses to verify with). A modulus encoded as a negative INTEGER (see
/// [`modulus_is_negative`]) is sized by its octets read as unsigned, as
/// `openssl x509 -text` sizes it.
pub(crate) fn modulus_bits(spki_bits: &[u8]) -> Option<u32> {
    let bytes = match pkcs1::RsaPublicKey::from_der(spki_bits) {
        Ok(key) => key.modulus.as_bytes().to_vec(),
        Err(_) => signed_key(spki_bits)?.0.as_bytes().to_vec(),
    };
    bit_length(&bytes)
}

/// The bit length of a big-endian unsigned integer (leading zero octets
/// allowed); `None` for zero.
pub(crate) fn bit_length(bytes: &[u8]) -> Option<u32> {
    let bytes = bytes.get(bytes.iter().take_while(|&&b| b == 0).count()..)?;
    let first = *bytes.first()?;
    let len = u32::try_from(bytes.len()).ok()?;
    Some(len.checked_sub(1)?.checked_mul(8)? + (8 - first.leading_zeros()))
}

/// RSAPublicKey with INTEGERs of either sign (RFC 8017 A.1.1 asks for
/// positive ones; strict parsers refuse the rest).
fn signed_key(spki_bits: &[u8]) -> Option<(der::asn1::Int, der::asn1::Int)> {
    let mut reader = der::SliceReader::new(spki_bits).ok()?;
    let pair = der::Reader::sequence(&mut reader, |r| Ok((der::Decode::decode(r)?, der::Decode::decode(r)?))).ok()?;
    der::Reader::finish(reader, pair).ok()
}

/// RFC 8017 A.1.1: the modulus is a positive INTEGER. One whose leading
/// zero octet is missing reads as negative, and no signature verifies with
/// it; openssl prints it anyway, as the unsigned number.
pub(crate) fn modulus_is_negative(spki_bits: &[u8]) -> bool {
    pkcs1::RsaPublicKey::from_der(spki_bits).is_err()
        && signed_key(spki_bits).is_some_and(|(n, _)| n.as_bytes().first().is_some_and(|b| b & 0x80 != 0))
}

/// Why a well-formed RSA key is beyond what certscope computes with (a
/// modulus over [`MAX_MODULUS_BITS`], a public exponent over
/// [`MAX_PUBLIC_EXPONENT`]), in words; `None` for keys within the limits
/// and for keys that do not decode (those are simply invalid).
pub(crate) fn key_over_limit(spki_bits: &[u8]) -> Option<String> {
    let key = pkcs1::RsaPublicKey::from_der(spki_bits).ok()?;
    let bits = modulus_bits(spki_bits).and_then(|b| usize::try_from(b).ok()).unwrap_or(0);
    if bits > MAX_MODULUS_BITS {
        return Some(format!("an RSA key with a {bits}-bit modulus (certscope's limit is {MAX_MODULUS_BITS} bits)"));
    }
    let e = key.public_exponent.as_bytes();
    let e_bits = e.first().map_or(0, |first| (e.len() - 1) * 8 + (8 - first.leading_zeros() as usize));
    let too_big = e.len() > 8 || e.iter().fold(0u64, |acc, &b| (acc << 8) | u64::from(b)) > MAX_PUBLIC_EXPONENT;
    too_big.then(|| format!("an RSA public exponent of {e_bits} bits (certscope's limit is 33 bits)"))
}

/// A key certscope refuses for its size is not proof of a bad signature.
fn over_limit(spki_bits: &[u8], name: &str) -> Option<Verification> {
    key_over_limit(spki_bits).map(|why| Verification::Unsupported(format!("{name} with {why}")))
}

pub(crate) fn verify_pkcs1(hash: Hash, spki_bits: &[u8], message: &[u8], signature: &[u8], name: &str) -> Verification {
    let Some(key) = PublicKey::from_spki_bits(spki_bits) else {
        if let Some(v) = over_limit(spki_bits, name) {
            return v;
        }
        return match digest_info_prefix(hash) {
            Some(_) => Verification::Invalid,
            None => Verification::Unsupported(name.to_string()),
        };
    };
    match check_pkcs1(&key, hash, message, signature) {
        Check::Valid => Verification::Valid,
        Check::Invalid => Verification::Invalid,
        Check::UnsupportedHash => Verification::Unsupported(name.to_string()),
    }
}

pub(crate) fn verify_pss(params: &PssParams, spki_bits: &[u8], message: &[u8], signature: &[u8]) -> Verification {
    let unsupported = || {
        Verification::Unsupported(format!(
            "rsassaPss with {} and MGF1 with {}",
            params.hash.name(),
            params.mgf1_hash.name()
        ))
    };
    let Ok(salt_len) = usize::try_from(params.salt_length) else { return Verification::Invalid };
    let Some(key) = PublicKey::from_spki_bits(spki_bits) else {
        if let Some(v) = over_limit(spki_bits, "rsassaPss") {
            return v;
        }
        return match (hasher(params.hash), hasher(params.mgf1_hash)) {
            (Some(_), Some(_)) => Verification::Invalid,
            _ => unsupported(),
        };
    };
    match check_pss(&key, params.hash, params.mgf1_hash, salt_len, message, signature) {
        Check::Valid => Verification::Valid,
        Check::Invalid => Verification::Invalid,
        Check::UnsupportedHash => unsupported(),
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use der::Encode;

    fn key_der(n: &[u8], e: &[u8]) -> Vec<u8> {
        let key = pkcs1::RsaPublicKey {
            modulus: der::asn1::UintRef::new(n).unwrap(),
            public_exponent: der::asn1::UintRef::new(e).unwrap(),
        };
        key.to_der().unwrap()
    }

    #[test]
    fn keys_are_checked_like_rsa_checks_them() {
        let n = [0xc3u8; 256];
        assert!(PublicKey::from_spki_bits(&key_der(&n, &[1, 0, 1])).is_some());
        // Even modulus, even or tiny exponent, exponent not below the modulus.
        let mut even = n;
        even[255] = 0xc2;
        assert!(PublicKey::from_spki_bits(&key_der(&even, &[1, 0, 1])).is_none());
        assert!(PublicKey::from_spki_bits(&key_der(&n, &[1, 0, 0])).is_none());
        assert!(PublicKey::from_spki_bits(&key_der(&n, &[1])).is_none());
        assert!(PublicKey::from_spki_bits(&key_der(&[0x0f], &[0x11])).is_none());
        // Over 16384 bits.
        assert!(PublicKey::from_spki_bits(&key_der(&[0xc3; 2049], &[1, 0, 1])).is_none());
        assert!(PublicKey::from_spki_bits(b"not DER").is_none());
    }

    #[test]
    fn oversized_keys_are_unsupported_not_invalid_and_cheap() {
        // A 100,000-bit modulus and a 10,000-bit exponent: refused before
        // any arithmetic, by name.
        let mut huge_n = vec![0xc3u8; 12_500];
        huge_n[12_499] = 0xc5;
        let started = std::time::Instant::now();
        let v =
            verify_pkcs1(Hash::Sha256, &key_der(&huge_n, &[1, 0, 1]), b"m", &[0x01; 12_500], "sha256WithRSAEncryption");
        assert!(matches!(&v, Verification::Unsupported(why) if why.contains("100000-bit")), "{v:?}");
        let v = verify_pkcs1(Hash::Sha256, &key_der(&[0xc3; 256], &[0x81; 1250]), b"m", &[0x01; 256], "x");
        assert!(matches!(&v, Verification::Unsupported(why) if why.contains("10000 bits")), "{v:?}");
        assert!(started.elapsed() < std::time::Duration::from_secs(2));
        assert_eq!(key_over_limit(&key_der(&[0xc3; 256], &[1, 0, 1])), None);
        // 2^33 is one over the exponent limit; 2^33 - 1 is within it.
        assert!(key_over_limit(&key_der(&[0xc3; 256], &[2, 0, 0, 0, 1])).is_some());
        assert_eq!(key_over_limit(&key_der(&[0xc3; 256], &[1, 0xff, 0xff, 0xff, 0xff])), None);
    }

    #[test]
    fn signatures_must_be_below_the_modulus_and_fit_it() {
        let key = PublicKey::from_spki_bits(&key_der(&[0xc3; 256], &[1, 0, 1])).unwrap();
        assert!(key.public_op(&[0xc3; 256]).is_none(), "s = n");
        assert!(key.public_op(&[0xff; 256]).is_none(), "s > n");
        assert!(key.public_op(&[0x01; 257]).is_none(), "longer than the modulus");
        // A short signature is its value with leading zero octets dropped.
        let short = key.public_op(&[0x02; 255]).unwrap();
        let mut padded = vec![0u8];
        padded.extend_from_slice(&[0x02; 255]);
        assert_eq!(short, key.public_op(&padded).unwrap());
        assert_eq!(short.len(), 256);
    }

    #[test]
    fn exponentiation_is_right_for_small_numbers() {
        // n = 3233 = 61 * 53, e = 17: 65^17 mod 3233 = 2790 (the textbook example).
        let key = PublicKey { n: 3233u16.to_be_bytes().to_vec(), e: 17, k: 2, bits: 12 };
        assert_eq!(key.public_op(&[0x00, 65]).unwrap(), 2790u16.to_be_bytes());
    }
}
