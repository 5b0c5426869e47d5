//! One ECDSA verification per curve, repeated: certscope's arithmetic
//! (`certscope_arith::ec`) against the RustCrypto crates it replaced, in
//! the same wasm module and the same page (`run.mjs --ecdsa`). Issue 15
//! asks for this comparison in wasm, where the crates' 32-bit backends run.

use certscope_arith::ec::{verify_prehash, CurveParams, P256, P384};

/// A signature made with `openssl dgst -sign` over the text "certscope
/// bench": the uncompressed public point, the message's digest (SHA-256
/// for P-256, SHA-384 for P-384) and r, s.
struct Vector {
    params: &'static CurveParams,
    point: &'static str,
    digest: &'static str,
    r: &'static str,
    s: &'static str,
}

const VECTORS: [Vector; 2] = [
    Vector {
        params: &P256,
        point: "045f07d7a730b80645df81992c521c57b5f6c58ff44c14a60bc4c0a4c8e06f7a52dd2e8774d2ad9678a942d0e3bfc173b8aadcd31df72b0c229cfcb805af1ac9d5",
        digest: "e6c8ef0c39e1483698b2bf298e508665321e020664b4283e319967e44a25e74f",
        r: "e36c893b912e82ce89a311f93f0dcc50a187606d86465696323b58354ddee7a7",
        s: "c3559d56b5e9b45eff41785e49a8eab9d1082caf5369c6e886bcd0ed86f611e1",
    },
    Vector {
        params: &P384,
        point: "04d23bee5aecd15ec98f700e26fba9057ae526d00b169916b61e99e4c9647535dafd53947c7202d071d2d0d339a68b6d3bdf2c0d7da71783ff12d039864ea8db16b762bd7191dd6d4c5d03c4c555783dc2edb397091338aa352b46908910784f81",
        digest: "4ec2fe9e703ef38f711acd953229e97eddf98eabb3f5c72291796e30b141df210e775d130494a752064e4e8c06a30fca",
        r: "5780eecd0a9ec34a0ac951c914119e108fb3aac966fffaa7c21fd136180deb9640b6ff6eab4d2a86cf4300a1f1d1b52c",
        s: "8d2822a45a0f3ca37730cd142c9868a2ffd4d4d5f8c7fce31f67edd3ff9c40c7a308ab5586cb699a8f3ea8e743d9ac47",
    },
];

fn unhex(text: &str) -> Vec<u8> {
    (0..text.len() / 2)
        .filter_map(|i| text.get(2 * i..2 * i + 2))
        .filter_map(|b| u8::from_str_radix(b, 16).ok())
        .collect()
}

/// The vector's parts as bytes: point, digest, r, s.
type Parts = (Vec<u8>, Vec<u8>, Vec<u8>, Vec<u8>);

fn parts(v: &Vector) -> Parts {
    (unhex(v.point), unhex(v.digest), unhex(v.r), unhex(v.s))
}

/// An engine's verification: curve, point, digest, r, s.
type Verify = fn(&'static CurveParams, &[u8], &[u8], &[u8], &[u8]) -> bool;

/// Verifies curve `curve`'s signature (0: P-256, 1: P-384) `runs` times
/// with `engine` (0: certscope, 1: RustCrypto, when built with the
/// `rustcrypto` feature) and returns how many times it was accepted:
/// `runs` when both engines work, which run.mjs checks.
#[no_mangle]
pub extern "C" fn bench_ecdsa(engine: u32, curve: u32, runs: u32) -> u32 {
    let Some(v) = VECTORS.get(curve as usize) else { return 0 };
    let (point, digest, r, s) = parts(v);
    let verify: Verify = match engine {
        0 => verify_prehash,
        #[cfg(feature = "rustcrypto")]
        1 => rustcrypto::verify,
        _ => return 0,
    };
    (0..runs).map(|_| u32::from(verify(v.params, &point, &digest, &r, &s))).sum()
}

#[cfg(feature = "rustcrypto")]
mod rustcrypto {
    use super::{CurveParams, P256};
    use p256::ecdsa::signature::hazmat::PrehashVerifier;

    /// The crate's verification from the same bytes: the key and
    /// signature are decoded inside each call, as certscope's are.
    pub(super) fn verify(params: &'static CurveParams, point: &[u8], digest: &[u8], r: &[u8], s: &[u8]) -> bool {
        let rs = [r, s].concat();
        if std::ptr::eq(params, &P256) {
            let (Ok(key), Ok(sig)) =
                (p256::ecdsa::VerifyingKey::from_sec1_bytes(point), p256::ecdsa::Signature::from_slice(&rs))
            else {
                return false;
            };
            key.verify_prehash(digest, &sig).is_ok()
        } else {
            let (Ok(key), Ok(sig)) =
                (p384::ecdsa::VerifyingKey::from_sec1_bytes(point), p384::ecdsa::Signature::from_slice(&rs))
            else {
                return false;
            };
            key.verify_prehash(digest, &sig).is_ok()
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn every_vector_verifies_and_a_changed_digest_does_not() {
        for (curve, v) in VECTORS.iter().enumerate() {
            assert_eq!(bench_ecdsa(0, curve as u32, 2), 2);
            #[cfg(feature = "rustcrypto")]
            assert_eq!(bench_ecdsa(1, curve as u32, 2), 2);
            let (point, mut digest, r, s) = parts(v);
            digest[0] ^= 1;
            assert!(!verify_prehash(v.params, &point, &digest, &r, &s));
        }
        assert_eq!(bench_ecdsa(0, 2, 1), 0);
    }
}
