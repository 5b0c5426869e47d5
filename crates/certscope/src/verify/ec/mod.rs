//! ECDSA verification on the NIST prime curves with one generic
//! short-Weierstrass implementation (y² = x³ + ax + b over GF(p)), instead
//! of a crate per curve: the `p256`/`p384`/`p521` crates each bring their
//! own field arithmetic, about 130 KB of the web app's wasm.
//!
//! Verification handles only public values (key, signature, digest), so
//! nothing here needs to be constant-time. Arithmetic is Montgomery
//! multiplication (CIOS, as in `rsa.rs`) over fixed-size limb arrays sized
//! for P-521; points are Jacobian (X, Y, Z) with Z = 0 for infinity.
//!
//! What is accepted matches the RustCrypto crates this replaces (ecdsa
//! 0.16, sec1 0.7, primeorder 0.13), which the tests check side by side:
//! SEC 1 §2.3.4 point encodings (uncompressed, compressed, and sec1's
//! "compact" form; never the identity), DER signatures with r, s in
//! [1, n − 1], and the digest turned into an integer as `bits2field` does.
//! SEC 1 §4.1.4 verification, with the digest truncated to the field size.

mod field;
mod num;
mod params;
mod point;

use num::*;
use point::{Curve, Point};
use std::cmp::Ordering;
use std::sync::OnceLock;

pub(crate) use params::{CurveParams, P256, P384, P521};

/// SEC 1 §4.1.4 with the digest already hashed; r and s are the DER
/// INTEGERs' magnitudes. `None`/`false` both mean "not valid".
fn verify_with(curve: &Curve, point: &[u8], digest: &[u8], r: &[u8], s: &[u8]) -> Option<bool> {
    let (fp, fn_) = (&curve.fp, &curve.fn_);
    let q = curve.decode_point(point)?;
    // r, s ∈ [1, n − 1].
    let in_range = |v: &[u8]| {
        let x = num_from_be(v).filter(|x| !num_is_zero(x) && num_cmp(x, &fn_.m) == Ordering::Less);
        x.filter(|_| v.len() <= curve.size)
    };
    let (r_int, s_int) = (in_range(r)?, in_range(s)?);
    // bits2field: the leftmost field-size octets of the digest, as an
    // integer, reduced mod n.
    let e = num_from_be(digest.get(..digest.len().min(curve.size))?)?;
    let s_inv = fn_.invert(&fn_.to_mont(&s_int));
    let u1 = fn_.leave_mont(&fn_.mul(&fn_.to_mont(&e), &s_inv));
    let u2 = fn_.leave_mont(&fn_.mul(&fn_.to_mont(&r_int), &s_inv));
    let sum = curve.lincomb(&u1, &q, &u2);
    if num_is_zero(&sum.z) {
        return Some(false);
    }
    let z_inv = fp.invert(&sum.z);
    let x = fp.leave_mont(&fp.mul(&sum.x, &fp.square(&z_inv)));
    // x mod n, then compare with r.
    let v = fn_.leave_mont(&fn_.to_mont(&x));
    Some(v == r_int)
}

/// Verifies an ECDSA signature (`r`, `s` as decoded from DER) over a
/// digest with a SEC 1 encoded public key.
pub(crate) fn verify_prehash(params: &'static CurveParams, point: &[u8], digest: &[u8], r: &[u8], s: &[u8]) -> bool {
    curve(params).is_some_and(|curve| verify_with(curve, point, digest, r, s) == Some(true))
}

/// The public point d·G of a private scalar (SEC 1 §3.2.1), uncompressed
/// (SEC 1 §2.3.3), for matching a private key with a certificate. `None`
/// when d is not in [1, n − 1]. Not constant-time: it runs once, locally,
/// on a key its owner pasted, never as a signing oracle.
pub(crate) fn public_point(params: &'static CurveParams, scalar: &[u8]) -> Option<Vec<u8>> {
    let curve = curve(params)?;
    let d = num_from_be(scalar).filter(|d| !num_is_zero(d) && num_cmp(d, &curve.fn_.m) == Ordering::Less)?;
    let q = curve.lincomb(&d, &curve.infinity(), &ZERO);
    encode_uncompressed(curve, &q)
}

/// Any SEC 1 encoding of a point on the curve, re-encoded uncompressed,
/// so that a compressed certificate key compares equal to a derived one.
pub(crate) fn uncompressed(params: &'static CurveParams, point: &[u8]) -> Option<Vec<u8>> {
    let curve = curve(params)?;
    encode_uncompressed(curve, &curve.decode_point(point)?)
}

fn encode_uncompressed(curve: &Curve, p: &Point) -> Option<Vec<u8>> {
    let f = &curve.fp;
    if num_is_zero(&p.z) {
        return None;
    }
    let zi = f.invert(&p.z);
    let zi2 = f.square(&zi);
    let x = f.leave_mont(&f.mul(&p.x, &zi2));
    let y = f.leave_mont(&f.mul(&p.y, &f.mul(&zi2, &zi)));
    let mut out = Vec::with_capacity(1 + 2 * curve.size);
    out.push(0x04);
    for v in [x, y] {
        let be = num_to_be(&v);
        out.extend_from_slice(be.get(be.len().checked_sub(curve.size)?..)?);
    }
    Some(out)
}

/// Whether `point` is a public key [`verify_prehash`] would use: a SEC 1
/// encoding of a point on the curve other than the identity.
pub(crate) fn point_accepted(params: &'static CurveParams, point: &[u8]) -> bool {
    curve(params).is_some_and(|curve| curve.decode_point(point).is_some())
}

/// The curve's constants in Montgomery form, computed once per process.
fn curve(params: &'static CurveParams) -> Option<&'static Curve> {
    static CURVES: [OnceLock<Option<Curve>>; 3] = [OnceLock::new(), OnceLock::new(), OnceLock::new()];
    let slot = [&P256, &P384, &P521].iter().position(|c| std::ptr::eq(*c, params)).and_then(|i| CURVES.get(i))?;
    slot.get_or_init(|| Curve::new(params)).as_ref()
}

#[cfg(test)]
mod tests {
    use super::field::Field;
    use super::params::hex;
    use super::*;

    fn curve(p: &CurveParams) -> Curve {
        Curve::new(p).unwrap()
    }

    fn affine(c: &Curve, p: &Point) -> (Num, Num) {
        let f = &c.fp;
        let zi = f.invert(&p.z);
        let zi2 = f.square(&zi);
        (f.leave_mont(&f.mul(&p.x, &zi2)), f.leave_mont(&f.mul(&p.y, &f.mul(&zi2, &zi))))
    }

    #[test]
    fn public_points_agree_with_the_rustcrypto_curves() {
        use p256::elliptic_curve::sec1::ToEncodedPoint;
        for seed in 1u8..=20 {
            let d: Vec<u8> = (0..32u8).map(|i| i.wrapping_mul(seed).wrapping_add(seed)).collect();
            let want = p256::SecretKey::from_slice(&d).unwrap().public_key().to_encoded_point(false);
            assert_eq!(public_point(&P256, &d).unwrap(), want.as_bytes());
            let compressed = p256::SecretKey::from_slice(&d).unwrap().public_key().to_encoded_point(true);
            assert_eq!(uncompressed(&P256, compressed.as_bytes()).unwrap(), want.as_bytes());
            let d: Vec<u8> = (0..48u8).map(|i| i.wrapping_mul(seed) ^ 0x5a).collect();
            let want = p384::SecretKey::from_slice(&d).unwrap().public_key().to_encoded_point(false);
            assert_eq!(public_point(&P384, &d).unwrap(), want.as_bytes());
            let mut d: Vec<u8> = (0..66u8).map(|i| i.wrapping_mul(seed).wrapping_add(7)).collect();
            d[0] = 1;
            let want = p521::SecretKey::from_slice(&d).unwrap().public_key().to_encoded_point(false);
            assert_eq!(public_point(&P521, &d).unwrap(), want.as_bytes());
        }
        // d = 0 and d = n are not keys.
        assert_eq!(public_point(&P256, &[0; 32]), None);
        assert_eq!(public_point(&P256, P256.n), None);
    }

    #[test]
    fn generators_are_on_their_curves_and_of_order_n() {
        for params in [&P256, &P384, &P521] {
            let c = curve(params);
            assert_eq!(c.fp.square(&c.g.y), c.rhs(&c.g.x));
            let n = c.fn_.m;
            // n·G = O, (n−1)·G = −G.
            assert!(num_is_zero(&c.lincomb(&n, &c.infinity(), &ZERO).z));
            let n1 = num_sub(&n, &num_small(1)).0;
            let (x, y) = affine(&c, &c.lincomb(&n1, &c.infinity(), &ZERO));
            assert_eq!(x, c.fp.leave_mont(&c.g.x));
            assert_eq!(y, c.fp.leave_mont(&c.fp.sub(&ZERO, &c.g.y)));
        }
    }

    #[test]
    fn field_arithmetic_agrees_with_small_numbers() {
        // 2^255 − 19 stands in for a generic odd modulus.
        let m = num_from_be(&hex::<32>("7fffffffffffffffffffffffffffffffffffffffffffffffffffffffffffffed")).unwrap();
        let f = Field::new(m).unwrap();
        let x = f.to_mont(&num_small(1234567));
        let y = f.to_mont(&num_small(7654321));
        assert_eq!(f.leave_mont(&f.mul(&x, &y)), num_small(1234567 * 7654321));
        assert_eq!(f.leave_mont(&f.mul(&x, &f.invert(&x))), num_small(1));
        assert_eq!(f.leave_mont(&f.sub(&y, &x)), num_small(7654321 - 1234567));
        assert_eq!(f.leave_mont(&f.sub(&x, &y)), num_sub(&m, &num_small(7654321 - 1234567)).0);
    }

    #[test]
    fn doubling_equals_adding_to_itself_and_addition_commutes() {
        for params in [&P256, &P384, &P521] {
            let c = curve(params);
            let g2 = c.double(&c.g);
            let g3a = c.add(&g2, &c.g);
            let g3b = c.add(&c.g, &g2);
            assert_eq!(affine(&c, &g3a), affine(&c, &g3b));
            // add(P, P) takes the doubling path.
            assert_eq!(affine(&c, &c.add(&g2, &g2)), affine(&c, &c.double(&g2)));
            // P + (−P) = O.
            let neg = Point { y: c.fp.sub(&ZERO, &g3a.y), ..g3a };
            assert!(num_is_zero(&c.add(&g3a, &neg).z));
            assert_eq!(affine(&c, &c.lincomb(&num_small(3), &c.infinity(), &ZERO)), affine(&c, &g3a));
        }
    }
}
