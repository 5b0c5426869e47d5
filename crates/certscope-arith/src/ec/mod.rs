//! ECDSA verification on the NIST prime curves with one generic
//! short-Weierstrass implementation (y² = x³ + ax + b over GF(p)), instead
//! of a crate per curve: the `p256`/`p384`/`p521` crates each bring their
//! own field arithmetic, about 130 KB of the web app's wasm.
//!
//! Verification handles only public values (key, signature, digest), so
//! nothing here needs to be constant-time. Arithmetic is Montgomery
//! multiplication (CIOS, as in `rsa.rs`) over limb arrays sized for each
//! curve (the code is generic over the limb count, so each curve gets
//! loops of a length known at compile time); points are Jacobian (X, Y, Z)
//! with Z = 0 for infinity, and u1·G + u2·Q is an interleaved wNAF with
//! the generator's multiples precomputed once.
//!
//! What is accepted matches the RustCrypto crates this replaces (ecdsa
//! 0.16, sec1 0.7, primeorder 0.13), which the tests check side by side:
//! SEC 1 §2.3.4 point encodings (uncompressed, compressed, and sec1's
//! "compact" form; never the identity), DER signatures with r, s in
//! [1, n − 1], and the digest turned into an integer as `bits2field` does.
//! SEC 1 §4.1.4 verification, with the digest truncated to the field size.

mod bingcd;
mod field;
// Its limb width is also RSA's (rsa.rs).
pub(crate) mod num;
mod params;
mod point;

use num::*;
use point::{Curve, Point};
use std::cmp::Ordering;
use std::sync::OnceLock;

pub use params::{CurveParams, P256, P384, P521};

/// SEC 1 §4.1.4 with the digest already hashed; r and s are the DER
/// INTEGERs' magnitudes. `None`/`false` both mean "not valid".
fn verify_with<const N: usize>(curve: &Curve<N>, point: &[u8], digest: &[u8], r: &[u8], s: &[u8]) -> Option<bool> {
    let (fp, fn_) = (&curve.fp, &curve.fn_);
    let q = curve.decode_point(point)?;
    // r, s ∈ [1, n − 1].
    let in_range = |v: &[u8]| {
        let x = num_from_be::<N>(v).filter(|x| !num_is_zero(x) && num_cmp(x, &fn_.m) == Ordering::Less);
        x.filter(|_| v.len() <= curve.size)
    };
    let (r_int, s_int) = (in_range(r)?, in_range(s)?);
    // bits2field: the leftmost field-size octets of the digest, as an
    // integer, reduced mod n.
    let e = num_from_be(digest.get(..digest.len().min(curve.size))?)?;
    // With s⁻¹ as a plain integer, the Montgomery product of e·R and s⁻¹
    // is e·s⁻¹ itself, out of Montgomery form.
    let s_inv = fn_.inverse(&s_int);
    let u1 = fn_.mul(&fn_.to_mont(&e), &s_inv);
    let u2 = fn_.mul(&fn_.to_mont(&r_int), &s_inv);
    let sum = curve.lincomb(&u1, &q, &u2);
    if num_is_zero(&sum.z) {
        return Some(false);
    }
    // x mod n = r, where x = X/Z²: X = r·Z², or X = (r + n)·Z² when r + n
    // is still below p. No inversion needed.
    let zz = fp.square(&sum.z);
    let x_is = |v: &Num<N>| fp.mul(&fp.to_mont(v), &zz) == sum.x;
    let (r_plus_n, carry) = num_add(&r_int, &fn_.m);
    Some(x_is(&r_int) || (!carry && num_cmp(&r_plus_n, &fp.m) == Ordering::Less && x_is(&r_plus_n)))
}

/// Verifies an ECDSA signature (`r`, `s` as decoded from DER) over a
/// digest with a SEC 1 encoded public key.
pub fn verify_prehash(params: &'static CurveParams, point: &[u8], digest: &[u8], r: &[u8], s: &[u8]) -> bool {
    on_curve!(params, |curve| verify_with(curve, point, digest, r, s)) == Some(true)
}

/// The public point d·G of a private scalar (SEC 1 §3.2.1), uncompressed
/// (SEC 1 §2.3.3), for matching a private key with a certificate. `None`
/// when d is not in [1, n − 1]. Not constant-time: it runs once, locally,
/// on a key its owner pasted, never as a signing oracle.
pub fn public_point(params: &'static CurveParams, scalar: &[u8]) -> Option<Vec<u8>> {
    on_curve!(params, |curve| public_point_on(curve, scalar))
}

fn public_point_on<const N: usize>(curve: &Curve<N>, scalar: &[u8]) -> Option<Vec<u8>> {
    let d = num_from_be(scalar).filter(|d| !num_is_zero(d) && num_cmp(d, &curve.fn_.m) == Ordering::Less)?;
    let q = curve.lincomb(&d, &curve.infinity(), &[0; N]);
    encode_uncompressed(curve, &q)
}

/// Any SEC 1 encoding of a point on the curve, re-encoded uncompressed,
/// so that a compressed certificate key compares equal to a derived one.
pub fn uncompressed(params: &'static CurveParams, point: &[u8]) -> Option<Vec<u8>> {
    on_curve!(params, |curve| encode_uncompressed(curve, &curve.decode_point(point)?))
}

fn encode_uncompressed<const N: usize>(curve: &Curve<N>, p: &Point<N>) -> Option<Vec<u8>> {
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
pub fn point_accepted(params: &'static CurveParams, point: &[u8]) -> bool {
    on_curve!(params, |curve| curve.decode_point(point).map(|_| ())).is_some()
}

/// Limbs per curve: each curve's arithmetic is compiled for its own size.
const L256: usize = limbs(32);
const L384: usize = limbs(48);
const L521: usize = limbs(66);

/// The curves' constants in Montgomery form and their generator tables,
/// computed once per process, on first use.
static CURVE_P256: OnceLock<Option<Curve<L256>>> = OnceLock::new();
static CURVE_P384: OnceLock<Option<Curve<L384>>> = OnceLock::new();
static CURVE_P521: OnceLock<Option<Curve<L521>>> = OnceLock::new();

/// Runs `$body` (an `Option`) with `$curve` bound to the ready curve for
/// `$params`, whose limb count is a different type for each curve.
macro_rules! on_curve {
    ($params:expr, |$curve:ident| $body:expr) => {{
        let params: &'static CurveParams = $params;
        if std::ptr::eq(params, &P256) {
            CURVE_P256.get_or_init(|| Curve::new(&P256)).as_ref().and_then(|$curve| $body)
        } else if std::ptr::eq(params, &P384) {
            CURVE_P384.get_or_init(|| Curve::new(&P384)).as_ref().and_then(|$curve| $body)
        } else if std::ptr::eq(params, &P521) {
            CURVE_P521.get_or_init(|| Curve::new(&P521)).as_ref().and_then(|$curve| $body)
        } else {
            None
        }
    }};
}
use on_curve;

#[cfg(test)]
mod tests {
    use super::field::Field;
    use super::params::hex;
    use super::point::Affine;
    use super::*;

    fn curve<const N: usize>(p: &CurveParams) -> Curve<N> {
        Curve::new(p).unwrap()
    }

    fn affine<const N: usize>(c: &Curve<N>, p: &Point<N>) -> (Num<N>, Num<N>) {
        let f = &c.fp;
        let zi = f.invert(&p.z);
        let zi2 = f.square(&zi);
        (f.leave_mont(&f.mul(&p.x, &zi2)), f.leave_mont(&f.mul(&p.y, &f.mul(&zi2, &zi))))
    }

    /// k·P by plain double-and-add, the reference for `lincomb`.
    fn times<const N: usize>(c: &Curve<N>, k: &Num<N>, p: &Point<N>) -> Point<N> {
        let mut acc = c.infinity();
        for bit in (0..num_bits(k)).rev() {
            acc = c.double(&acc);
            if num_bit(k, bit) {
                acc = c.add(&acc, p);
            }
        }
        acc
    }

    /// Scalars with long runs of ones and zeros, the top bit set and not.
    fn scalars<const N: usize>(c: &Curve<N>) -> Vec<Num<N>> {
        let n = c.fn_.m;
        let mut out = vec![num_small(1), num_small(2), num_small(31), num_small(32), num_small(33)];
        out.push(num_sub(&n, &num_small(1)).0);
        out.push(num_sub(&n, &num_small(31)).0);
        for seed in 1..6u8 {
            let bytes: Vec<u8> =
                (0..c.size).map(|i| (i as u8).wrapping_mul(seed.wrapping_mul(73)) ^ (seed << 3)).collect();
            let k = num_from_be::<N>(&bytes).unwrap();
            out.push(if num_cmp(&k, &n) == Ordering::Less { k } else { num_sub(&k, &n).0 });
        }
        out.push(num_shr1(&num_shr1(&num_sub(&n, &num_small(1)).0, false), false));
        out
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

    fn generator_checks<const N: usize>(params: &CurveParams) {
        let c = curve::<N>(params);
        let zero = [0; N];
        assert_eq!(c.fp.square(&c.g.y), c.rhs(&c.g.x));
        let n = c.fn_.m;
        // n·G = O, (n−1)·G = −G.
        assert!(num_is_zero(&c.lincomb(&n, &c.infinity(), &zero).z));
        let n1 = num_sub(&n, &num_small(1)).0;
        let (x, y) = affine(&c, &c.lincomb(&n1, &c.infinity(), &zero));
        assert_eq!(x, c.fp.leave_mont(&c.g.x));
        assert_eq!(y, c.fp.leave_mont(&c.fp.neg(&c.g.y)));
        // Squaring against multiplication, in both fields.
        for k in scalars(&c) {
            for f in [&c.fp, &c.fn_] {
                for v in [f.to_mont(&k), f.neg(&f.to_mont(&k)), k] {
                    let v = if num_cmp(&v, &f.m) == Ordering::Less { v } else { num_sub(&v, &f.m).0 };
                    assert_eq!(f.square(&v), f.mul(&v, &v));
                }
            }
        }
    }

    #[test]
    fn generators_are_on_their_curves_and_of_order_n() {
        generator_checks::<L256>(&P256);
        generator_checks::<L384>(&P384);
        generator_checks::<L521>(&P521);
    }

    /// The binary inverse against Fermat's x^(m−2), in both fields of the
    /// curve, on the scalars above and on values near m and near 0.
    fn inverse_checks<const N: usize>(params: &CurveParams) {
        let c = curve::<N>(params);
        for f in [&c.fp, &c.fn_] {
            let m_minus_2 = num_sub(&f.m, &num_small(2)).0;
            let mut values = scalars(&c);
            values.extend([num_sub(&f.m, &num_small(1)).0, num_sub(&f.m, &num_small(2)).0, num_small(3)]);
            for v in values.into_iter().filter(|v| num_cmp(v, &f.m) == Ordering::Less && !num_is_zero(v)) {
                let x = f.to_mont(&v);
                assert_eq!(f.invert(&x), f.pow(&x, &m_minus_2), "{v:x?}");
                assert_eq!(f.leave_mont(&f.mul(&x, &f.invert(&x))), num_small(1));
            }
            assert_eq!(f.invert(&[0; N]), [0; N]);
        }
    }

    /// The approximate binary GCD ends with gcd 1 itself (it never leaves
    /// the work to the plain algorithm) and agrees with Fermat's inverse on
    /// pseudo-random values of every limb pattern, in both fields.
    fn approximate_inverse_checks<const N: usize>(params: &CurveParams) {
        let c = curve::<N>(params);
        let mut state = 0x9e37_79b9_7f4a_7c15u64;
        let mut next = || {
            // xorshift64*: deterministic, so a failure repeats.
            state ^= state >> 12;
            state ^= state << 25;
            state ^= state >> 27;
            state.wrapping_mul(0x2545_f491_4f6c_dd1d)
        };
        for f in [&c.fp, &c.fn_] {
            let m_minus_2 = num_sub(&f.m, &num_small(2)).0;
            for round in 0..300 {
                let mut v = [0 as Limb; N];
                for limb in v.iter_mut() {
                    *limb = next() as Limb;
                }
                // Short values and values with long runs of zeros or ones too.
                match round % 4 {
                    1 => v.iter_mut().skip(1).for_each(|l| *l = 0),
                    2 => v.iter_mut().step_by(2).for_each(|l| *l = Limb::MAX),
                    _ => {}
                }
                let v = num_sub(&v, &f.m).0;
                let v = if num_cmp(&v, &f.m) == Ordering::Less { v } else { num_shr1(&v, false) };
                if num_is_zero(&v) || num_cmp(&v, &f.m) != Ordering::Less {
                    continue;
                }
                let inverse = f.inverse_approx(&v).unwrap_or_else(|| panic!("no inverse of {v:x?}"));
                assert_eq!(inverse, f.leave_mont(&f.pow(&f.to_mont(&v), &m_minus_2)), "{v:x?}");
            }
        }
    }

    #[test]
    fn approximate_inverses_agree_with_fermat() {
        approximate_inverse_checks::<L256>(&P256);
        approximate_inverse_checks::<L384>(&P384);
        approximate_inverse_checks::<L521>(&P521);
    }

    #[test]
    fn inverses_agree_with_fermat() {
        inverse_checks::<L256>(&P256);
        inverse_checks::<L384>(&P384);
        inverse_checks::<L521>(&P521);
    }

    #[test]
    fn field_arithmetic_agrees_with_small_numbers() {
        // 2^255 − 19 stands in for a generic odd modulus.
        let m = num_from_be::<L256>(&hex::<32>("7fffffffffffffffffffffffffffffffffffffffffffffffffffffffffffffed"))
            .unwrap();
        let f = Field::new(m).unwrap();
        let x = f.to_mont(&num_small(12345));
        let y = f.to_mont(&num_small(54321));
        assert_eq!(f.leave_mont(&f.mul(&x, &y)), num_small(12345 * 54321));
        assert_eq!(f.leave_mont(&f.mul(&x, &f.invert(&x))), num_small(1));
        assert_eq!(f.leave_mont(&f.sub(&y, &x)), num_small(54321 - 12345));
        assert_eq!(f.leave_mont(&f.sub(&x, &y)), num_sub(&m, &num_small(54321 - 12345)).0);
        // Squaring against multiplication, also next to m and 2^255.
        for v in [x, y, num_sub(&m, &num_small(1)).0, num_sub(&m, &num_small(2)).0, f.one] {
            assert_eq!(f.square(&v), f.mul(&v, &v));
            let big = f.to_mont(&v);
            assert_eq!(f.square(&big), f.mul(&big, &big));
        }
        // x^e by windows against repeated multiplication.
        let mut want = f.one;
        for e in 0..40u8 {
            assert_eq!(f.pow(&x, &num_small(e.into())), want);
            want = f.mul(&want, &x);
        }
    }

    fn point_checks<const N: usize>(params: &CurveParams) {
        let c = curve::<N>(params);
        let g = c.jacobian(&c.g);
        let g2 = c.double(&g);
        let g3a = c.add(&g2, &g);
        let g3b = c.add(&g, &g2);
        assert_eq!(affine(&c, &g3a), affine(&c, &g3b));
        // Mixed addition agrees with the general one, also on P = Q and P = −Q.
        assert_eq!(affine(&c, &c.add_affine(&g2, &c.g)), affine(&c, &g3a));
        assert_eq!(affine(&c, &c.add_affine(&g, &c.g)), affine(&c, &g2));
        assert_eq!(affine(&c, &c.add_affine(&g3a, &c.g)), affine(&c, &c.double(&g2)));
        let neg_g = Affine { x: c.g.x, y: c.fp.neg(&c.g.y) };
        assert!(num_is_zero(&c.add_affine(&g, &neg_g).z));
        assert_eq!(affine(&c, &c.add_affine(&c.infinity(), &c.g)), affine(&c, &g));
        // add(P, P) takes the doubling path.
        assert_eq!(affine(&c, &c.add(&g2, &g2)), affine(&c, &c.double(&g2)));
        // P + (−P) = O.
        let neg = Point { y: c.fp.neg(&g3a.y), ..g3a };
        assert!(num_is_zero(&c.add(&g3a, &neg).z));
        let zero = [0; N];
        assert_eq!(affine(&c, &c.lincomb(&num_small(3), &c.infinity(), &zero)), affine(&c, &g3a));
        // u1·G + u2·Q by wNAF against double-and-add, Q = 7G.
        let q = times(&c, &num_small(7), &g);
        for (i, u1) in scalars(&c).iter().enumerate() {
            for u2 in scalars(&c).iter().skip(i % 3).step_by(3) {
                let want = c.add(&times(&c, u1, &g), &times(&c, u2, &q));
                assert_eq!(affine(&c, &c.lincomb(u1, &q, u2)), affine(&c, &want));
            }
            assert_eq!(affine(&c, &c.lincomb(u1, &c.infinity(), &zero)), affine(&c, &times(&c, u1, &g)));
        }
    }

    #[test]
    fn points_add_double_and_combine_like_double_and_add() {
        point_checks::<L256>(&P256);
        point_checks::<L384>(&P384);
        point_checks::<L521>(&P521);
    }

    #[test]
    fn wnaf_digits_are_odd_spaced_and_sum_to_the_scalar() {
        let c = curve::<L256>(&P256);
        for k in scalars(&c) {
            for width in [4, 5, 6, 7] {
                let digits = point::wnaf(&k, width);
                let (mut acc, mut last) = ([0; L256], None::<usize>);
                for (i, &d) in digits.iter().enumerate().rev() {
                    acc = num_add(&acc, &acc).0;
                    if d != 0 {
                        assert!(d % 2 != 0 && i32::from(d).abs() < 1 << (width - 1));
                        assert!(last.is_none_or(|l| l - i >= width as usize));
                        last = Some(i);
                        let m = num_small(Limb::from(d.unsigned_abs()));
                        acc = if d > 0 { num_add(&acc, &m).0 } else { num_sub(&acc, &m).0 };
                    }
                }
                assert_eq!(acc, k);
            }
        }
    }

    /// A fixed workload for instruction counts, which stay put under load:
    /// `cargo test --profile bench -p certscope-arith --lib ec_workload -- --ignored`
    /// under `valgrind --tool=callgrind --toggle-collect='*workload_p256*'`
    /// (or `_p384`, `_p521`) counts ten verifications on that curve, after
    /// one that sets the curve up.
    #[test]
    #[ignore]
    fn ec_workload() {
        macro_rules! sign {
            ($c:ty, $size:expr) => {{
                use ecdsa::hazmat::{bits2field, SignPrimitive};
                let mut secret = [0x17u8; $size];
                let mut nonce = [0x29u8; $size];
                secret[0] &= 1;
                nonce[0] &= 1;
                let sk = ecdsa::SigningKey::<$c>::from_slice(&secret).unwrap();
                let k = ecdsa::SigningKey::<$c>::from_slice(&nonce).unwrap();
                let digest = [0xa5u8; $size];
                let z = bits2field::<$c>(&digest).unwrap();
                let (sig, _) = sk.as_nonzero_scalar().try_sign_prehashed(**k.as_nonzero_scalar(), &z).unwrap();
                let point = sk.verifying_key().to_encoded_point(false).as_bytes().to_vec();
                (point, digest.to_vec(), sig.r().to_bytes().to_vec(), sig.s().to_bytes().to_vec())
            }};
        }
        let cases: [(&'static CurveParams, _); 3] = [
            (&P256, sign!(p256::NistP256, 32)),
            (&P384, sign!(p384::NistP384, 48)),
            (&P521, sign!(p521::NistP521, 66)),
        ];
        // One verification first, so that the curve's constants are ready.
        for (params, (point, digest, r, s)) in &cases {
            assert!(verify_prehash(params, point, digest, r, s));
        }
        #[inline(never)]
        fn ten(params: &'static CurveParams, (point, digest, r, s): &(Vec<u8>, Vec<u8>, Vec<u8>, Vec<u8>)) {
            for _ in 0..10 {
                assert!(verify_prehash(params, point, digest, r, s));
            }
        }
        #[inline(never)]
        fn workload_p256(case: &(Vec<u8>, Vec<u8>, Vec<u8>, Vec<u8>)) {
            ten(&P256, case)
        }
        #[inline(never)]
        fn workload_p384(case: &(Vec<u8>, Vec<u8>, Vec<u8>, Vec<u8>)) {
            ten(&P384, case)
        }
        #[inline(never)]
        fn workload_p521(case: &(Vec<u8>, Vec<u8>, Vec<u8>, Vec<u8>)) {
            ten(&P521, case)
        }
        let [(_, c256), (_, c384), (_, c521)] = &cases;
        workload_p256(c256);
        workload_p384(c384);
        workload_p521(c521);
    }
}
