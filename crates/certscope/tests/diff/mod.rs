//! Differential check of certscope's signature verification against the
//! RustCrypto crates it replaced (`p256`/`p384`/`p521` + `ecdsa` 0.16 for
//! certscope-arith's ECDSA, `rsa` 0.9 for its RSA).
//!
//! From arbitrary bytes, [`check`] derives a scheme, a hash, a key, a
//! message and a mutation; signs with RustCrypto; mutates the signature,
//! message, key or hash; then asks both certscope (through the entry point
//! certificates use, `certscope::fuzzing::verify_signature`) and RustCrypto
//! whether the signature verifies. A different answer panics.
//!
//! One implementation, two drivers: the cargo-fuzz target
//! `fuzz/fuzz_targets/verify_diff.rs` and the seeded `tests/verify_diff.rs`.
//!
//! Known, intended differences, normalised before comparing:
//! - certscope (like OpenSSL) accepts an RSA signature shorter than the
//!   modulus (leading zero octets dropped); `rsa` wants exactly k octets.
//!   The reference gets such a signature left-padded to k octets.
//! - `ecdsa` refuses a prehash shorter than half the field (SHA-1 on
//!   P-384/P-521, SHA-224/SHA-256 on P-521); X9.62 reads the digest as an
//!   integer, so the reference gets it left-padded with zeros, which is
//!   the same integer.

use certscope::fuzzing::{verify_signature, Verdict};
use der::asn1::{BitString, ObjectIdentifier as Oid};
use der::{Any, Decode, Encode, Tag};
use rsa::pkcs1::EncodeRsaPublicKey;
use rsa::pkcs8::DecodePrivateKey;
use rsa::rand_core::{CryptoRng, RngCore};
use rsa::signature::{RandomizedSigner, SignatureEncoding, Signer, Verifier};
use rsa::traits::PublicKeyParts;
use rsa::{RsaPrivateKey, RsaPublicKey};
use sha2::Digest;
use spki::{AlgorithmIdentifierOwned, SubjectPublicKeyInfoOwned};

/// Fuzz bytes as a stream; past the end, zeros.
pub struct Bytes<'a>(&'a [u8]);

impl<'a> Bytes<'a> {
    fn byte(&mut self) -> u8 {
        match self.0.split_first() {
            Some((&b, rest)) => {
                self.0 = rest;
                b
            }
            None => 0,
        }
    }

    fn u16(&mut self) -> usize {
        usize::from(self.byte()) << 8 | usize::from(self.byte())
    }

    fn take(&mut self, n: usize) -> Vec<u8> {
        let n = n.min(self.0.len());
        let (head, rest) = self.0.split_at(n);
        self.0 = rest;
        head.to_vec()
    }

    fn rest(&mut self) -> Vec<u8> {
        self.take(self.0.len())
    }
}

/// The PSS salt (and RSA blinding) drawn from the fuzz bytes, so a run
/// replays exactly.
struct FuzzRng(u64);

impl RngCore for FuzzRng {
    fn next_u32(&mut self) -> u32 {
        self.next_u64() as u32
    }
    fn next_u64(&mut self) -> u64 {
        // xorshift64*
        self.0 ^= self.0 >> 12;
        self.0 ^= self.0 << 25;
        self.0 ^= self.0 >> 27;
        self.0.wrapping_mul(0x2545_f491_4f6c_dd1d)
    }
    fn fill_bytes(&mut self, dest: &mut [u8]) {
        for chunk in dest.chunks_mut(8) {
            let v = self.next_u64().to_le_bytes();
            chunk.copy_from_slice(&v[..chunk.len()]);
        }
    }
    fn try_fill_bytes(&mut self, dest: &mut [u8]) -> Result<(), rsa::rand_core::Error> {
        self.fill_bytes(dest);
        Ok(())
    }
}

impl CryptoRng for FuzzRng {}

#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Hash {
    Sha1,
    Sha224,
    Sha256,
    Sha384,
    Sha512,
}

const HASHES: [Hash; 5] = [Hash::Sha1, Hash::Sha224, Hash::Sha256, Hash::Sha384, Hash::Sha512];

impl Hash {
    fn digest(self, m: &[u8]) -> Vec<u8> {
        match self {
            Hash::Sha1 => sha1::Sha1::digest(m).to_vec(),
            Hash::Sha224 => sha2::Sha224::digest(m).to_vec(),
            Hash::Sha256 => sha2::Sha256::digest(m).to_vec(),
            Hash::Sha384 => sha2::Sha384::digest(m).to_vec(),
            Hash::Sha512 => sha2::Sha512::digest(m).to_vec(),
        }
    }

    fn oid(self) -> Oid {
        Oid::new_unwrap(match self {
            Hash::Sha1 => "1.3.14.3.2.26",
            Hash::Sha224 => "2.16.840.1.101.3.4.2.4",
            Hash::Sha256 => "2.16.840.1.101.3.4.2.1",
            Hash::Sha384 => "2.16.840.1.101.3.4.2.2",
            Hash::Sha512 => "2.16.840.1.101.3.4.2.3",
        })
    }

    /// ecdsa-with-SHA* (RFC 5758 §3.2, RFC 3279 §2.2.3).
    fn ecdsa_oid(self) -> Oid {
        Oid::new_unwrap(match self {
            Hash::Sha1 => "1.2.840.10045.4.1",
            Hash::Sha224 => "1.2.840.10045.4.3.1",
            Hash::Sha256 => "1.2.840.10045.4.3.2",
            Hash::Sha384 => "1.2.840.10045.4.3.3",
            Hash::Sha512 => "1.2.840.10045.4.3.4",
        })
    }

    /// sha*WithRSAEncryption (RFC 8017 App. A.2.4).
    fn rsa_oid(self) -> Oid {
        Oid::new_unwrap(match self {
            Hash::Sha1 => "1.2.840.113549.1.1.5",
            Hash::Sha224 => "1.2.840.113549.1.1.14",
            Hash::Sha256 => "1.2.840.113549.1.1.11",
            Hash::Sha384 => "1.2.840.113549.1.1.12",
            Hash::Sha512 => "1.2.840.113549.1.1.13",
        })
    }
}

#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Scheme {
    P256,
    P384,
    P521,
    RsaPkcs1,
    RsaPss,
}

#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Mutation {
    None,
    SignatureBit,
    /// The signature replaced by the rest of the fuzz input.
    RawSignature,
    MessageBit,
    SignatureLength,
    /// EC: a bit of the encoded point, or its tag; RSA: another key.
    Key,
    /// Verified with another hash than it was signed with.
    OtherHash,
    /// A run of signature octets overwritten with fuzz bytes.
    SignatureBytes,
}

const MUTATIONS: [Mutation; 8] = [
    Mutation::None,
    Mutation::SignatureBit,
    Mutation::RawSignature,
    Mutation::MessageBit,
    Mutation::SignatureLength,
    Mutation::Key,
    Mutation::OtherHash,
    Mutation::SignatureBytes,
];

/// What one input exercised, and the verdict both sides agreed on.
#[derive(Clone, Copy, Debug)]
pub struct Outcome {
    pub scheme: Scheme,
    pub mutation: Mutation,
    pub valid: bool,
}

fn alg_der(oid: Oid, parameters: Option<Any>) -> Vec<u8> {
    AlgorithmIdentifierOwned { oid, parameters }.to_der().unwrap()
}

fn null() -> Option<Any> {
    Some(Any::new(Tag::Null, Vec::<u8>::new()).unwrap())
}

fn spki_der(algorithm: Oid, parameters: Option<Any>, key: &[u8]) -> Vec<u8> {
    SubjectPublicKeyInfoOwned {
        algorithm: AlgorithmIdentifierOwned { oid: algorithm, parameters },
        subject_public_key: BitString::from_bytes(key).unwrap(),
    }
    .to_der()
    .unwrap()
}

/// DER TLV with a short or two-octet long length.
fn tlv(tag: u8, content: &[u8]) -> Vec<u8> {
    let len = content.len();
    let mut out = vec![tag];
    if len < 0x80 {
        out.push(len as u8);
    } else {
        out.extend([0x82, (len >> 8) as u8, len as u8]);
    }
    out.extend_from_slice(content);
    out
}

/// id-RSASSA-PSS with its parameters spelled out (RFC 4055 §3.1).
fn pss_alg_der(hash: Hash, salt_len: usize) -> Vec<u8> {
    let hash_alg = alg_der(hash.oid(), null());
    let mgf = alg_der(Oid::new_unwrap("1.2.840.113549.1.1.8"), Some(Any::from_der(&hash_alg).unwrap()));
    let salt = der::asn1::Uint::new(&(salt_len as u32).to_be_bytes()).unwrap().to_der().unwrap();
    let params = tlv(0x30, &[tlv(0xa0, &hash_alg), tlv(0xa1, &mgf), tlv(0xa2, &salt)].concat());
    alg_der(Oid::new_unwrap("1.2.840.113549.1.1.10"), Some(Any::from_der(&params).unwrap()))
}

fn flip_bit(v: &mut [u8], at: usize) {
    if !v.is_empty() {
        let bit = at % (v.len() * 8);
        v[bit / 8] ^= 1 << (bit % 8);
    }
}

/// The mutations every scheme shares; returns the hash to verify with.
fn mutate(m: Mutation, input: &mut Bytes<'_>, hash: Hash, message: &mut Vec<u8>, sig: &mut Vec<u8>) -> Hash {
    match m {
        Mutation::None | Mutation::Key => {}
        Mutation::SignatureBit => flip_bit(sig, input.u16()),
        Mutation::RawSignature => *sig = input.rest(),
        Mutation::MessageBit => {
            if message.is_empty() {
                message.push(0);
            } else {
                flip_bit(message, input.u16());
            }
        }
        Mutation::SignatureLength => match input.byte() % 3 {
            0 => {
                sig.pop();
            }
            1 => sig.push(input.byte()),
            _ => {
                sig.insert(0, 0);
            }
        },
        Mutation::OtherHash => return HASHES[(HASHES.iter().position(|&h| h == hash).unwrap() + 1) % HASHES.len()],
        Mutation::SignatureBytes => {
            if !sig.is_empty() {
                let at = input.u16() % sig.len();
                let run_len = usize::from(input.byte() % 8) + 1;
                let run = input.take(run_len);
                for (s, r) in sig[at..].iter_mut().zip(run) {
                    *s = r;
                }
            }
        }
    }
    hash
}

fn ours(spki: &[u8], alg: &[u8], message: &[u8], sig: &[u8]) -> bool {
    match verify_signature(spki, alg, message, sig) {
        Verdict::Valid => true,
        Verdict::Invalid => false,
        other => panic!("certscope: {other:?} for a supported algorithm and a well-formed key"),
    }
}

/// Signs and checks with one curve: `$krate` is p256/p384/p521, `$c` its
/// curve type. Signing is X9.62 with a nonce taken from the fuzz input (the
/// `ecdsa` hazmat primitive), so every nonce, including extreme ones, is
/// reachable; verifying is the curve crate's `VerifyingKey`.
macro_rules! ecdsa_case {
    ($krate:ident, $c:ty, $curve_oid:expr, $input:expr, $hash:expr, $mutation:expr, $message:expr) => {{
        use ecdsa::hazmat::{bits2field, SignPrimitive};
        use $krate::ecdsa::signature::hazmat::PrehashVerifier;
        use $krate::ecdsa::{Signature, VerifyingKey};
        let input: &mut Bytes<'_> = $input;
        let field = <$krate::FieldBytes>::default().len();
        let scalar = |bytes: Vec<u8>, fallback: u8| {
            ecdsa::SigningKey::<$c>::from_slice(&padded_to(&bytes, field))
                .unwrap_or_else(|_| ecdsa::SigningKey::<$c>::from_slice(&padded_to(&[fallback], field)).unwrap())
        };
        let sk = scalar(input.take(field), 7);
        let k = scalar(input.take(field), 11);
        let mut point = sk.verifying_key().to_encoded_point(input.byte() & 1 == 1).as_bytes().to_vec();
        let padded = |d: Vec<u8>| padded_to(&d, field);
        let mut message: Vec<u8> = $message;
        let z = bits2field::<$c>(&padded($hash.digest(&message))).unwrap();
        let mut sig = match sk.as_nonzero_scalar().try_sign_prehashed(**k.as_nonzero_scalar(), &z) {
            Ok((sig, _)) => sig.to_der().as_bytes().to_vec(),
            // r or s came out zero for this nonce (never in practice).
            Err(_) => vec![0x30, 0x06, 0x02, 0x01, 0x01, 0x02, 0x01, 0x01],
        };
        let hash = mutate($mutation, input, $hash, &mut message, &mut sig);
        if $mutation == Mutation::Key {
            match input.byte() % 4 {
                0 => point[0] ^= 0x01,
                1 => point[0] = 0x04 ^ (input.byte() & 0x07),
                _ => flip_bit(&mut point, input.u16()),
            }
        }
        let theirs = match (VerifyingKey::from_sec1_bytes(&point), Signature::from_der(&sig)) {
            (Ok(key), Ok(sig)) => key.verify_prehash(&padded(hash.digest(&message)), &sig).is_ok(),
            _ => false,
        };
        let params = Some(Any::from_der(&$curve_oid.to_der().unwrap()).unwrap());
        let spki = spki_der(Oid::new_unwrap("1.2.840.10045.2.1"), params, &point);
        let ours = ours(&spki, &alg_der(hash.ecdsa_oid(), None), &message, &sig);
        (ours, theirs)
    }};
}

/// The three RSA keys the check signs with (tests/data/verify/).
fn rsa_key(i: u8) -> &'static RsaPrivateKey {
    use std::sync::OnceLock;
    static KEYS: [OnceLock<RsaPrivateKey>; 3] = [OnceLock::new(), OnceLock::new(), OnceLock::new()];
    let der: &[u8] = match i % 3 {
        0 => include_bytes!("../data/verify/rsa2048.pk8.der"),
        1 => include_bytes!("../data/verify/rsa3072.pk8.der"),
        _ => include_bytes!("../data/verify/rsa4096.pk8.der"),
    };
    KEYS[usize::from(i % 3)].get_or_init(|| RsaPrivateKey::from_pkcs8_der(der).unwrap())
}

/// `rsa` wants exactly k octets (see the module comment).
fn padded_to(sig: &[u8], k: usize) -> Vec<u8> {
    if sig.len() < k {
        [vec![0; k - sig.len()], sig.to_vec()].concat()
    } else {
        sig.to_vec()
    }
}

fn rsa_sign(pss: Option<usize>, key: &RsaPrivateKey, hash: Hash, message: &[u8], rng: &mut FuzzRng) -> Vec<u8> {
    macro_rules! sign {
        ($d:ty) => {
            match pss {
                None => rsa::pkcs1v15::SigningKey::<$d>::new(key.clone()).sign(message).to_vec(),
                Some(salt) => rsa::pss::SigningKey::<$d>::new_with_salt_len(key.clone(), salt)
                    .sign_with_rng(rng, message)
                    .to_vec(),
            }
        };
    }
    match hash {
        Hash::Sha1 => sign!(sha1::Sha1),
        Hash::Sha224 => sign!(sha2::Sha224),
        Hash::Sha256 => sign!(sha2::Sha256),
        Hash::Sha384 => sign!(sha2::Sha384),
        Hash::Sha512 => sign!(sha2::Sha512),
    }
}

fn rsa_verify(pss: Option<usize>, key: &RsaPublicKey, hash: Hash, message: &[u8], sig: &[u8]) -> bool {
    let sig = padded_to(sig, key.size());
    macro_rules! verify {
        ($d:ty) => {
            match pss {
                None => rsa::pkcs1v15::Signature::try_from(&sig[..])
                    .is_ok_and(|s| rsa::pkcs1v15::VerifyingKey::<$d>::new(key.clone()).verify(message, &s).is_ok()),
                Some(salt) => rsa::pss::Signature::try_from(&sig[..]).is_ok_and(|s| {
                    rsa::pss::VerifyingKey::<$d>::new_with_salt_len(key.clone(), salt).verify(message, &s).is_ok()
                }),
            }
        };
    }
    match hash {
        Hash::Sha1 => verify!(sha1::Sha1),
        Hash::Sha224 => verify!(sha2::Sha224),
        Hash::Sha256 => verify!(sha2::Sha256),
        Hash::Sha384 => verify!(sha2::Sha384),
        Hash::Sha512 => verify!(sha2::Sha512),
    }
}

fn rsa_case(pss: bool, input: &mut Bytes<'_>, hash: Hash, mutation: Mutation, mut message: Vec<u8>) -> (bool, bool) {
    let key = rsa_key(input.byte());
    // Salt lengths from none to past the hash length (RFC 4055 allows any).
    let salt = pss.then(|| usize::from(input.byte() % 80));
    let mut rng = FuzzRng(u64::from_le_bytes(padded_to(&input.take(8), 8).try_into().unwrap()) | 1);
    let mut sig = rsa_sign(salt, key, hash, &message, &mut rng);
    let hash = mutate(mutation, input, hash, &mut message, &mut sig);
    let public = if mutation == Mutation::Key {
        // Another of the keys, or this one with a bit of the modulus
        // flipped (kept odd and full-size, so both sides take the key).
        let n = key.n().to_bytes_be();
        let mut n2 = n.clone();
        let bit = 8 + input.u16() % (n.len() * 8 - 16);
        flip_bit(&mut n2, bit);
        match input.byte() % 2 {
            0 => rsa_key(input.byte()).to_public_key(),
            _ => RsaPublicKey::new(rsa::BigUint::from_bytes_be(&n2), key.e().clone()).unwrap(),
        }
    } else {
        key.to_public_key()
    };
    let theirs = rsa_verify(salt, &public, hash, &message, &sig);
    let spki = spki_der(Oid::new_unwrap("1.2.840.113549.1.1.1"), null(), public.to_pkcs1_der().unwrap().as_bytes());
    let alg = match salt {
        None => alg_der(hash.rsa_oid(), null()),
        Some(salt) => pss_alg_der(hash, salt),
    };
    (ours(&spki, &alg, &message, &sig), theirs)
}

/// One differential case from `data`; panics when certscope and RustCrypto
/// disagree.
pub fn check(data: &[u8]) -> Outcome {
    let mut input = Bytes(data);
    let scheme =
        [Scheme::P256, Scheme::P384, Scheme::P521, Scheme::RsaPkcs1, Scheme::RsaPss][usize::from(input.byte()) % 5];
    let hash = HASHES[usize::from(input.byte()) % HASHES.len()];
    let mutation = MUTATIONS[usize::from(input.byte()) % MUTATIONS.len()];
    let len = usize::from(input.byte() % 96);
    let message = input.take(len);
    let input = &mut input;
    let (ours, theirs) = match scheme {
        Scheme::P256 => {
            ecdsa_case!(p256, p256::NistP256, Oid::new_unwrap("1.2.840.10045.3.1.7"), input, hash, mutation, message)
        }
        Scheme::P384 => {
            ecdsa_case!(p384, p384::NistP384, Oid::new_unwrap("1.3.132.0.34"), input, hash, mutation, message)
        }
        Scheme::P521 => {
            ecdsa_case!(p521, p521::NistP521, Oid::new_unwrap("1.3.132.0.35"), input, hash, mutation, message)
        }
        Scheme::RsaPkcs1 => rsa_case(false, input, hash, mutation, message),
        Scheme::RsaPss => rsa_case(true, input, hash, mutation, message),
    };
    assert_eq!(ours, theirs, "certscope and RustCrypto disagree: {scheme:?}, {hash:?}, {mutation:?}");
    if mutation == Mutation::None {
        assert!(ours, "an unmodified signature did not verify: {scheme:?}, {hash:?}");
    }
    Outcome { scheme, mutation, valid: ours }
}
