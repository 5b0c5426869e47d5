//! ECDSA over P-256, P-384 and P-521 (RFC 5758 §3.2, RFC 5480), with any of
//! the SHA hashes on any of the curves: the message is hashed with the
//! algorithm's digest and the digest checked with the curve's prehash
//! verifier (`ec/`), as X9.62 specifies.

use super::algorithm::Hash;
use super::ec;
use super::Verification;
use sha1::Sha1;
use sha2::{Digest, Sha224, Sha256, Sha384, Sha512};

#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub(crate) enum Curve {
    P256,
    P384,
    P521,
}

impl Curve {
    /// The named curve's OID (RFC 5480 §2.1.1.1).
    pub(crate) const fn oid(self) -> const_oid::ObjectIdentifier {
        match self {
            Curve::P256 => super::key::PRIME256V1,
            Curve::P384 => super::key::SECP384R1,
            Curve::P521 => super::key::SECP521R1,
        }
    }

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
    // Converting the digest to an integer is the same as left-padding it
    // with zeros (ecdsa's bits2field refused digests shorter than half the
    // field, SHA-1 on P-384, so this was done here first).
    let field = curve.field_len();
    if digest.len() >= field {
        return Some(digest);
    }
    let mut padded = vec![0u8; field - digest.len()];
    padded.extend_from_slice(&digest);
    Some(padded)
}

/// DER `ECDSA-Sig-Value` (RFC 5480 §2.2 via RFC 3279 §2.2.3): r and s as
/// unsigned magnitudes, decoded exactly as ecdsa 0.16's `from_der` does
/// (canonical INTEGERs, nothing after the SEQUENCE).
fn decode_signature(der_bytes: &[u8]) -> Option<(&[u8], &[u8])> {
    use der::{asn1::UintRef, Decode, Reader};
    let mut reader = der::SliceReader::new(der_bytes).ok()?;
    let header = der::Header::decode(&mut reader).ok()?;
    header.tag.assert_eq(der::Tag::Sequence).ok()?;
    let (r, s) =
        reader.read_nested(header.length, |reader| Ok((UintRef::decode(reader)?, UintRef::decode(reader)?))).ok()?;
    let (r, s) = reader.finish((r, s)).ok()?;
    Some((r.as_bytes(), s.as_bytes()))
}

fn params(curve: Curve) -> &'static ec::CurveParams {
    match curve {
        Curve::P256 => &ec::P256,
        Curve::P384 => &ec::P384,
        Curve::P521 => &ec::P521,
    }
}

/// Whether `point` decodes as a public key on `curve` (see `ec::point_accepted`).
pub(crate) fn point_accepted(curve: Curve, point: &[u8]) -> bool {
    ec::point_accepted(params(curve), point)
}

pub(crate) fn verify(curve: Curve, hash: Hash, point: &[u8], message: &[u8], signature: &[u8]) -> Verification {
    let Some(digest) = prehash(hash, message, curve) else {
        return Verification::Unsupported(format!("ecdsa-with-{}", hash.name()));
    };
    let params = params(curve);
    match decode_signature(signature) {
        Some((r, s)) if ec::verify_prehash(params, point, &digest, r, s) => Verification::Valid,
        _ => Verification::Invalid,
    }
}

/// A P-384 key and its ECDSA-with-SHA384 signature over [`WARM_UP_MESSAGE`],
/// made with `openssl dgst -sha384 -sign` (the same as bench/core's P-384
/// vector): for [`warm_up_p384`].
const WARM_UP_POINT: [u8; 97] = [
    0x04, 0xd2, 0x3b, 0xee, 0x5a, 0xec, 0xd1, 0x5e, 0xc9, 0x8f, 0x70, 0x0e, 0x26, 0xfb, 0xa9, 0x05, 0x7a, 0xe5, 0x26,
    0xd0, 0x0b, 0x16, 0x99, 0x16, 0xb6, 0x1e, 0x99, 0xe4, 0xc9, 0x64, 0x75, 0x35, 0xda, 0xfd, 0x53, 0x94, 0x7c, 0x72,
    0x02, 0xd0, 0x71, 0xd2, 0xd0, 0xd3, 0x39, 0xa6, 0x8b, 0x6d, 0x3b, 0xdf, 0x2c, 0x0d, 0x7d, 0xa7, 0x17, 0x83, 0xff,
    0x12, 0xd0, 0x39, 0x86, 0x4e, 0xa8, 0xdb, 0x16, 0xb7, 0x62, 0xbd, 0x71, 0x91, 0xdd, 0x6d, 0x4c, 0x5d, 0x03, 0xc4,
    0xc5, 0x55, 0x78, 0x3d, 0xc2, 0xed, 0xb3, 0x97, 0x09, 0x13, 0x38, 0xaa, 0x35, 0x2b, 0x46, 0x90, 0x89, 0x10, 0x78,
    0x4f, 0x81,
];
const WARM_UP_SIGNATURE: [u8; 103] = [
    0x30, 0x65, 0x02, 0x30, 0x57, 0x80, 0xee, 0xcd, 0x0a, 0x9e, 0xc3, 0x4a, 0x0a, 0xc9, 0x51, 0xc9, 0x14, 0x11, 0x9e,
    0x10, 0x8f, 0xb3, 0xaa, 0xc9, 0x66, 0xff, 0xfa, 0xa7, 0xc2, 0x1f, 0xd1, 0x36, 0x18, 0x0d, 0xeb, 0x96, 0x40, 0xb6,
    0xff, 0x6e, 0xab, 0x4d, 0x2a, 0x86, 0xcf, 0x43, 0x00, 0xa1, 0xf1, 0xd1, 0xb5, 0x2c, 0x02, 0x31, 0x00, 0x8d, 0x28,
    0x22, 0xa4, 0x5a, 0x0f, 0x3c, 0xa3, 0x77, 0x30, 0xcd, 0x14, 0x2c, 0x98, 0x68, 0xa2, 0xff, 0xd4, 0xd4, 0xd5, 0xf8,
    0xc7, 0xfc, 0xe3, 0x1f, 0x67, 0xed, 0xd3, 0xff, 0x9c, 0x40, 0xc7, 0xa3, 0x08, 0xab, 0x55, 0x86, 0xcb, 0x69, 0x9a,
    0x8f, 0x3e, 0xa8, 0xe7, 0x43, 0xd9, 0xac, 0x47,
];
const WARM_UP_MESSAGE: &[u8] = b"certscope bench";

/// Verifies a built-in P-384 signature, the way a certificate's is
/// verified (its DER, SHA-384, the curve's arithmetic), and says whether
/// it held, which it always does unless that arithmetic is broken. A
/// browser compiles a wasm function on its first call and optimises it
/// once it has run often; the page's warm-up checks RSA and P-256 examples,
/// and a P-384-rooted chain's first check in a fresh tab spent 8.5 ms in
/// `analyze`, against 3.0 for the RSA one (docs/performance.md).
pub fn warm_up_p384() -> bool {
    verify(Curve::P384, Hash::Sha384, &WARM_UP_POINT, WARM_UP_MESSAGE, &WARM_UP_SIGNATURE) == Verification::Valid
}

#[cfg(test)]
mod tests {
    use super::*;
    use p256::ecdsa::signature::hazmat::PrehashVerifier;

    #[test]
    fn the_warm_up_signature_verifies_and_a_changed_message_does_not() {
        assert!(warm_up_p384());
        let sig = &WARM_UP_SIGNATURE;
        assert_eq!(verify(Curve::P384, Hash::Sha384, &WARM_UP_POINT, b"certscope bencH", sig), Verification::Invalid);
    }

    fn ours(curve: Curve, point: &[u8], digest: &[u8], sig: &[u8]) -> bool {
        let params = match curve {
            Curve::P256 => &ec::P256,
            Curve::P384 => &ec::P384,
            Curve::P521 => &ec::P521,
        };
        decode_signature(sig).is_some_and(|(r, s)| ec::verify_prehash(params, point, digest, r, s))
    }

    type KeyEncodings = (Vec<u8>, Vec<u8>);

    /// A key, signatures by it, and the replaced crate's verdict, per curve.
    struct Reference {
        curve: Curve,
        n: Vec<u8>,
        p: Vec<u8>,
        /// The public key, uncompressed and compressed.
        key: fn(&[u8]) -> KeyEncodings,
        sign: fn(&[u8], &[u8]) -> Vec<u8>,
        verify: fn(&[u8], &[u8], &[u8]) -> bool,
    }

    macro_rules! reference {
        ($krate:ident, $c:ty, $d:ty, $curve:expr, $params:expr) => {
            Reference {
                curve: $curve,
                n: $params.n.to_vec(),
                p: $params.p.to_vec(),
                key: |secret| {
                    let sk = ecdsa::SigningKey::<$c>::from_slice(secret).unwrap();
                    let vk = sk.verifying_key();
                    (vk.to_encoded_point(false).as_bytes().to_vec(), vk.to_encoded_point(true).as_bytes().to_vec())
                },
                sign: |secret, digest| {
                    use ecdsa::hazmat::{bits2field, SignPrimitive};
                    // A nonce derived from the key and digest: the same
                    // signatures on every run.
                    let sk = ecdsa::SigningKey::<$c>::from_slice(secret).unwrap();
                    let mut k_bytes = <$d>::digest([secret, digest].concat()).to_vec();
                    k_bytes.insert(0, 0);
                    while k_bytes.len() < secret.len() {
                        k_bytes.insert(0, 0);
                    }
                    k_bytes.truncate(secret.len());
                    let k = ecdsa::SigningKey::<$c>::from_slice(&k_bytes).unwrap();
                    let z = bits2field::<$c>(digest).unwrap();
                    let (sig, _) = sk.as_nonzero_scalar().try_sign_prehashed(**k.as_nonzero_scalar(), &z).unwrap();
                    sig.to_der().as_bytes().to_vec()
                },
                verify: |point, digest, sig| {
                    let (Ok(key), Ok(sig)) =
                        ($krate::ecdsa::VerifyingKey::from_sec1_bytes(point), $krate::ecdsa::Signature::from_der(sig))
                    else {
                        return false;
                    };
                    key.verify_prehash(digest, &sig).is_ok()
                },
            }
        };
    }

    fn references() -> Vec<Reference> {
        vec![
            reference!(p256, p256::NistP256, Sha256, Curve::P256, ec::P256),
            reference!(p384, p384::NistP384, Sha384, Curve::P384, ec::P384),
            reference!(p521, p521::NistP521, Sha512, Curve::P521, ec::P521),
        ]
    }

    /// DER INTEGER for an unsigned big-endian magnitude.
    fn int_der(v: &[u8]) -> Vec<u8> {
        let mut v: Vec<u8> = v.iter().copied().skip_while(|&b| b == 0).collect();
        if v.is_empty() || v[0] & 0x80 != 0 {
            v.insert(0, 0);
        }
        let mut out = vec![0x02];
        out.extend(der_len(v.len()));
        out.extend(v);
        out
    }

    fn der_len(n: usize) -> Vec<u8> {
        if n < 0x80 {
            vec![n as u8]
        } else {
            vec![0x81, n as u8]
        }
    }

    fn sig_der(r: &[u8], s: &[u8]) -> Vec<u8> {
        let body: Vec<u8> = [int_der(r), int_der(s)].concat();
        [vec![0x30], der_len(body.len()), body].concat()
    }

    fn add_small(v: &[u8], k: i32) -> Vec<u8> {
        let mut out = v.to_vec();
        let mut carry = k;
        for b in out.iter_mut().rev() {
            let x = i32::from(*b) + carry;
            *b = x.rem_euclid(256) as u8;
            carry = x.div_euclid(256);
        }
        out
    }

    fn split(sig: &[u8]) -> (Vec<u8>, Vec<u8>) {
        let (r, s) = decode_signature(sig).unwrap();
        (r.to_vec(), s.to_vec())
    }

    /// Same verdict as the replaced crate; returns it.
    fn same(rf: &Reference, point: &[u8], digest: &[u8], sig: &[u8], what: &str) -> bool {
        let want = (rf.verify)(point, digest, sig);
        assert_eq!(ours(rf.curve, point, digest, sig), want, "{:?}: {what}", rf.curve);
        want
    }

    #[test]
    fn signatures_made_by_the_rustcrypto_curves_verify() {
        for rf in references() {
            for seed in 0u8..2 {
                let size = rf.p.len();
                let secret: Vec<u8> = (0..size).map(|i| (i as u8).wrapping_mul(37).wrapping_add(seed) | 1).collect();
                let mut secret = secret;
                secret[0] &= if size == 66 { 0x01 } else { 0x7f };
                let (point, compressed) = (rf.key)(&secret);
                for digest in [vec![seed; 32], vec![0x3c ^ seed; 64], vec![0xff; size]] {
                    // The verifier takes the digest padded to the field size (see `prehash`).
                    let mut digest = digest;
                    if digest.len() < size {
                        digest = [vec![0; size - digest.len()], digest].concat();
                    }
                    let sig = (rf.sign)(&secret, &digest);
                    assert!(same(&rf, &point, &digest, &sig, "valid"));
                    assert!(same(&rf, &compressed, &digest, &sig, "compressed key"));
                    let mut compact = compressed.clone();
                    compact[0] = 0x05;
                    same(&rf, &compact, &digest, &sig, "compact key");
                    let mut other = digest.clone();
                    other[size / 2] ^= 0x10;
                    assert!(!same(&rf, &point, &other, &sig, "other digest"));
                }
            }
        }
    }

    #[test]
    fn broken_signatures_and_keys_are_rejected_like_rustcrypto_rejects_them() {
        for rf in references() {
            let size = rf.p.len();
            let secret = vec![0x01; size];
            let (point, compressed) = (rf.key)(&secret);
            let digest = vec![0x5a; size];
            let sig = (rf.sign)(&secret, &digest);
            let (r, s) = split(&sig);
            // Every 37th bit of the DER signature flipped (header, r and s).
            for bit in (0..sig.len() * 8).step_by(37) {
                let mut bad = sig.clone();
                bad[bit / 8] ^= 1 << (bit % 8);
                assert!(!same(&rf, &point, &digest, &bad, &format!("sig bit {bit}")));
            }
            // r or s out of [1, n − 1], r + n (the same r mod n), s − n.
            let n = &rf.n;
            let zero = vec![0u8];
            for (rr, ss, what) in [
                (&zero, &s, "r = 0"),
                (&r, &zero, "s = 0"),
                (n, &s, "r = n"),
                (&r, n, "s = n"),
                (&add_small(n, 1), &s, "r = n + 1"),
                (&add_small(n, -1), &s, "r = n - 1"),
                (&r, &add_small(n, -1), "s = n - 1"),
                (&rf.p, &s, "r = p"),
                (&vec![0xff; size], &s, "r = 2^k - 1"),
                (&vec![0x01; size + 1], &s, "r longer than the field"),
            ] {
                assert!(!same(&rf, &point, &digest, &sig_der(rr, ss), what));
            }
            let n_plus_r = {
                let mut carry = 0u16;
                let mut out = vec![0u8; size];
                let rp = [vec![0; size - r.len()], r.clone()].concat();
                for i in (0..size).rev() {
                    let v = u16::from(n[i]) + u16::from(rp[i]) + carry;
                    out[i] = v as u8;
                    carry = v >> 8;
                }
                if carry > 0 {
                    out.insert(0, carry as u8);
                }
                out
            };
            assert!(!same(&rf, &point, &digest, &sig_der(&n_plus_r, &s), "r + n"));
            // Re-encodings: non-minimal INTEGERs, trailing bytes, wrong tags.
            let mut padded = vec![0x30];
            let body: Vec<u8> = [vec![0x02], der_len(r.len() + 2), vec![0, 0], r.clone(), int_der(&s)].concat();
            padded.extend(der_len(body.len()));
            padded.extend(body);
            assert!(!same(&rf, &point, &digest, &padded, "non-minimal r"));
            assert!(!same(&rf, &point, &digest, &[sig.clone(), vec![0]].concat(), "trailing byte"));
            let mut set = sig.clone();
            set[0] = 0x31;
            assert!(!same(&rf, &point, &digest, &set, "SET instead of SEQUENCE"));
            assert!(same(&rf, &point, &digest, &sig_der(&r, &s), "re-encoded the same"));

            // Keys: off the curve, x or y ≥ p, the identity, wrong tags and lengths.
            for k in [1, size / 2, size, size + 1, 2 * size] {
                let mut bad = point.clone();
                bad[k] ^= 0x04;
                assert!(!same(&rf, &bad, &digest, &sig, &format!("key byte {k}")));
            }
            let mut x_p = vec![0x04];
            x_p.extend(&rf.p);
            x_p.extend(&point[1 + size..]);
            assert!(!same(&rf, &x_p, &digest, &sig, "x = p"));
            let mut y_p = point[..1 + size].to_vec();
            y_p.extend(&rf.p);
            assert!(!same(&rf, &y_p, &digest, &sig, "y = p"));
            for bad in
                [vec![0x00], vec![], vec![0x04], point[..point.len() - 1].to_vec(), [point.clone(), vec![0]].concat()]
            {
                assert!(!same(&rf, &bad, &digest, &sig, "malformed key"));
            }
            let mut hybrid = point.clone();
            hybrid[0] = 0x06;
            assert!(!same(&rf, &hybrid, &digest, &sig, "hybrid tag"));
            let mut wrong_parity = compressed.clone();
            wrong_parity[0] ^= 0x01;
            assert!(!same(&rf, &wrong_parity, &digest, &sig, "negated key"));
            // An x with no point on the curve (x³ + ax + b not a square).
            for x in 1u8..4 {
                let mut c = vec![0x02];
                c.extend(vec![0; size - 1]);
                c.push(x);
                same(&rf, &c, &digest, &sig, &format!("compressed x = {x}"));
            }
        }
    }

    /// Speed against the replaced crates, for docs/performance.md:
    /// `cargo test --profile bench -p certscope --lib ecdsa_speed -- --ignored --nocapture`.
    /// The minimum over interleaved batches, so other load on the machine
    /// inflates neither side.
    #[test]
    #[ignore]
    fn ecdsa_speed() {
        use std::time::Instant;
        for rf in references() {
            let size = rf.p.len();
            let secret = vec![0x01; size];
            let (point, _) = (rf.key)(&secret);
            let digest = vec![0x5a; size];
            let sig = (rf.sign)(&secret, &digest);
            let (mut ours_best, mut theirs_best) = (f64::MAX, f64::MAX);
            for _ in 0..30 {
                let t = Instant::now();
                for _ in 0..10 {
                    assert!(ours(rf.curve, &point, &digest, &sig));
                }
                ours_best = ours_best.min(t.elapsed().as_secs_f64() / 10.0);
                let t = Instant::now();
                for _ in 0..10 {
                    assert!((rf.verify)(&point, &digest, &sig));
                }
                theirs_best = theirs_best.min(t.elapsed().as_secs_f64() / 10.0);
            }
            println!(
                "{:?}: ec {:.0} µs, RustCrypto {:.0} µs ({:.2}x)",
                rf.curve,
                ours_best * 1e6,
                theirs_best * 1e6,
                ours_best / theirs_best
            );
        }
    }
}
