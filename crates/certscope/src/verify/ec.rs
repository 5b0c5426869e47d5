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

use std::cmp::Ordering;
use std::sync::OnceLock;

#[cfg(target_pointer_width = "64")]
type Limb = u64;
#[cfg(target_pointer_width = "64")]
type Wide = u128;
// wasm32 has a native 32×32→64 multiply, not a 64×64→128 one.
#[cfg(not(target_pointer_width = "64"))]
type Limb = u32;
#[cfg(not(target_pointer_width = "64"))]
type Wide = u64;

const LIMB_BITS: u32 = Limb::BITS;
const LIMB_BYTES: usize = (Limb::BITS / 8) as usize;
/// The largest field, P-521's, is 66 octets.
const MAX_BYTES: usize = 66;
const LIMBS: usize = MAX_BYTES.div_ceil(LIMB_BYTES);

/// An unsigned integer below 2^(LIMBS·LIMB_BITS), little-endian limbs.
type Num = [Limb; LIMBS];

const ZERO: Num = [0; LIMBS];

fn num_from_be(bytes: &[u8]) -> Option<Num> {
    if bytes.len() > LIMBS * LIMB_BYTES {
        return None;
    }
    let mut out = ZERO;
    for (limb, chunk) in out.iter_mut().zip(bytes.rchunks(LIMB_BYTES)) {
        *limb = chunk.iter().fold(0, |acc, &b| (acc << 8) | Limb::from(b));
    }
    Some(out)
}

/// Big-endian octets, all LIMBS·LIMB_BYTES of them (leading zeros kept).
fn num_to_be(a: &Num) -> Vec<u8> {
    a.iter().rev().flat_map(|limb| limb.to_be_bytes()).collect()
}

fn num_cmp(a: &Num, b: &Num) -> Ordering {
    num_cmp_low(a, b, LIMBS)
}

/// The same on the lowest `len` limbs (the rest must be zero).
fn num_cmp_low(a: &Num, b: &Num, len: usize) -> Ordering {
    for (x, y) in a.iter().take(len).rev().zip(b.iter().take(len).rev()) {
        match x.cmp(y) {
            Ordering::Equal => continue,
            other => return other,
        }
    }
    Ordering::Equal
}

/// a + b, and whether it carried out of the top limb.
fn num_add(a: &Num, b: &Num) -> (Num, bool) {
    num_add_low(a, b, LIMBS)
}

/// The same on the lowest `len` limbs (the rest must be zero).
fn num_add_low(a: &Num, b: &Num, len: usize) -> (Num, bool) {
    let mut out = ZERO;
    let mut carry = false;
    for ((o, &x), &y) in out.iter_mut().zip(a).zip(b).take(len) {
        let (s1, c1) = x.overflowing_add(y);
        let (s2, c2) = s1.overflowing_add(Limb::from(carry));
        *o = s2;
        carry = c1 || c2;
    }
    (out, carry)
}

/// a − b (wrapping), and whether it borrowed.
fn num_sub(a: &Num, b: &Num) -> (Num, bool) {
    num_sub_low(a, b, LIMBS)
}

/// The same on the lowest `len` limbs (the rest must be zero).
fn num_sub_low(a: &Num, b: &Num, len: usize) -> (Num, bool) {
    let mut out = ZERO;
    let mut borrow = false;
    for ((o, &x), &y) in out.iter_mut().zip(a).zip(b).take(len) {
        let (d1, b1) = x.overflowing_sub(y);
        let (d2, b2) = d1.overflowing_sub(Limb::from(borrow));
        *o = d2;
        borrow = b1 || b2;
    }
    (out, borrow)
}

fn num_small(v: Limb) -> Num {
    let mut out = ZERO;
    if let Some(first) = out.first_mut() {
        *first = v;
    }
    out
}

fn num_is_zero(a: &Num) -> bool {
    a.iter().all(|&l| l == 0)
}

fn num_bit(a: &Num, bit: usize) -> bool {
    a.get(bit / LIMB_BITS as usize).is_some_and(|l| (l >> (bit % LIMB_BITS as usize)) & 1 == 1)
}

fn num_bits(a: &Num) -> usize {
    for (i, l) in a.iter().enumerate().rev() {
        if *l != 0 {
            return i * LIMB_BITS as usize + (LIMB_BITS - l.leading_zeros()) as usize;
        }
    }
    0
}

fn num_shr2(a: &Num) -> Num {
    let mut out = ZERO;
    let mut above: Limb = 0;
    for (o, &x) in out.iter_mut().zip(a).rev() {
        *o = (x >> 2) | (above << (LIMB_BITS - 2));
        above = x;
    }
    out
}

/// Arithmetic modulo an odd prime m, on values in Montgomery form
/// (x·R mod m, R = 2^(LIMB_BITS·len)).
struct Field {
    m: Num,
    /// Limbs in use: m's.
    len: usize,
    /// −m⁻¹ mod 2^LIMB_BITS.
    m0_inv: Limb,
    /// R² mod m, to enter Montgomery form.
    r2: Num,
}

impl Field {
    fn new(m: Num) -> Option<Field> {
        let m0 = *m.first()?;
        if m0 & 1 == 0 {
            return None;
        }
        let len = num_bits(&m).div_ceil(LIMB_BITS as usize);
        // Newton's iteration doubles the correct low bits each step.
        let mut inv: Limb = 1;
        for _ in 0..6 {
            inv = inv.wrapping_mul((2 as Limb).wrapping_sub(m0.wrapping_mul(inv)));
        }
        let mut field = Field { m, len, m0_inv: inv.wrapping_neg(), r2: ZERO };
        // R² mod m by doubling 1 modulo m, 2·LIMB_BITS·len times.
        let mut r2 = num_small(1);
        for _ in 0..2 * LIMB_BITS as usize * len {
            r2 = field.add(&r2, &r2);
        }
        field.r2 = r2;
        Some(field)
    }

    /// a + b mod m, for a, b < m.
    fn add(&self, a: &Num, b: &Num) -> Num {
        let (sum, carry) = num_add_low(a, b, self.len);
        if carry || num_cmp_low(&sum, &self.m, self.len) != Ordering::Less {
            num_sub_low(&sum, &self.m, self.len).0
        } else {
            sum
        }
    }

    /// a − b mod m, for a, b < m.
    fn sub(&self, a: &Num, b: &Num) -> Num {
        let (diff, borrow) = num_sub_low(a, b, self.len);
        if borrow {
            num_add_low(&diff, &self.m, self.len).0
        } else {
            diff
        }
    }

    /// a·b·R⁻¹ mod m (CIOS), for a·b < R·m.
    fn mul(&self, a: &Num, b: &Num) -> Num {
        let len = self.len;
        // len limbs of running sum and two of carry.
        let mut t = [0 as Limb; LIMBS + 2];
        for &bi in b.iter().take(len) {
            let (low, high) = t.split_at_mut(len);
            let mut carry: Limb = 0;
            for (tj, &aj) in low.iter_mut().zip(a) {
                let w = Wide::from(*tj) + Wide::from(aj) * Wide::from(bi) + Wide::from(carry);
                *tj = w as Limb;
                carry = (w >> LIMB_BITS) as Limb;
            }
            if let [t_len, t_len1, ..] = high {
                let (s, o) = t_len.overflowing_add(carry);
                *t_len = s;
                *t_len1 = Limb::from(o);
            }
            // Add q·m so the lowest limb becomes zero, and shift one limb down.
            let q = low.first().copied().unwrap_or(0).wrapping_mul(self.m0_inv);
            let mut carry: Limb = 0;
            for (tj, &mj) in low.iter_mut().zip(&self.m) {
                let w = Wide::from(*tj) + Wide::from(q) * Wide::from(mj) + Wide::from(carry);
                *tj = w as Limb;
                carry = (w >> LIMB_BITS) as Limb;
            }
            if let [t_len, t_len1, ..] = high {
                let (s, o) = t_len.overflowing_add(carry);
                *t_len = s;
                *t_len1 = t_len1.wrapping_add(Limb::from(o));
            }
            t.copy_within(1..len + 2, 0);
            if let Some(last) = t.get_mut(len + 1) {
                *last = 0;
            }
        }
        let mut out = ZERO;
        for (o, &x) in out.iter_mut().zip(&t).take(len) {
            *o = x;
        }
        // t < 2m: subtract m once when t ≥ m. The result is below m, so
        // the borrow that the carry limb t[len] absorbs is dropped.
        let top = t.get(len).copied().unwrap_or(0);
        if top != 0 || num_cmp_low(&out, &self.m, len) != Ordering::Less {
            out = num_sub_low(&out, &self.m, len).0;
        }
        out
    }

    fn square(&self, a: &Num) -> Num {
        self.mul(a, a)
    }

    /// Into Montgomery form; any x < R (also x ≥ m, which reduces it).
    fn to_mont(&self, x: &Num) -> Num {
        self.mul(x, &self.r2)
    }

    /// Out of Montgomery form: the integer in [0, m).
    fn leave_mont(&self, x: &Num) -> Num {
        self.mul(x, &num_small(1))
    }

    /// The Montgomery form of 1.
    fn one(&self) -> Num {
        self.to_mont(&num_small(1))
    }

    /// x^e, left to right (x in Montgomery form, e an integer).
    fn pow(&self, x: &Num, e: &Num) -> Num {
        let mut acc = self.one();
        for bit in (0..num_bits(e)).rev() {
            acc = self.square(&acc);
            if num_bit(e, bit) {
                acc = self.mul(&acc, x);
            }
        }
        acc
    }

    /// x⁻¹ = x^(m−2) (Fermat; m is prime), in Montgomery form.
    fn invert(&self, x: &Num) -> Num {
        self.pow(x, &num_sub(&self.m, &num_small(2)).0)
    }

    /// A field element from big-endian octets, in Montgomery form; `None`
    /// when not below m (SEC 1 §2.3.6 refuses such coordinates).
    fn element(&self, bytes: &[u8]) -> Option<Num> {
        let x = num_from_be(bytes)?;
        (num_cmp(&x, &self.m) == Ordering::Less).then(|| self.to_mont(&x))
    }
}

/// Domain parameters (SEC 2 §2.4.2, §2.5.1, §2.6.1), big-endian.
pub(crate) struct CurveParams {
    pub p: &'static [u8],
    a: &'static [u8],
    b: &'static [u8],
    gx: &'static [u8],
    gy: &'static [u8],
    pub n: &'static [u8],
}

// Only ever evaluated at compile time (the curve constants): an index out
// of range would fail the build, not the page.
#[allow(clippy::indexing_slicing)]
const fn hex<const N: usize>(s: &str) -> [u8; N] {
    let s = s.as_bytes();
    assert!(s.len() == 2 * N, "a curve constant has the wrong length");
    let mut out = [0u8; N];
    let mut i = 0;
    while i < N {
        out[i] = nibble(s[2 * i]) << 4 | nibble(s[2 * i + 1]);
        i += 1;
    }
    out
}

const fn nibble(c: u8) -> u8 {
    match c {
        b'0'..=b'9' => c - b'0',
        b'a'..=b'f' => c - b'a' + 10,
        _ => c - b'A' + 10,
    }
}

pub(crate) static P256: CurveParams = CurveParams {
    p: &hex::<32>("ffffffff00000001000000000000000000000000ffffffffffffffffffffffff"),
    a: &hex::<32>("ffffffff00000001000000000000000000000000fffffffffffffffffffffffc"),
    b: &hex::<32>("5ac635d8aa3a93e7b3ebbd55769886bc651d06b0cc53b0f63bce3c3e27d2604b"),
    gx: &hex::<32>("6b17d1f2e12c4247f8bce6e563a440f277037d812deb33a0f4a13945d898c296"),
    gy: &hex::<32>("4fe342e2fe1a7f9b8ee7eb4a7c0f9e162bce33576b315ececbb6406837bf51f5"),
    n: &hex::<32>("ffffffff00000000ffffffffffffffffbce6faada7179e84f3b9cac2fc632551"),
};

pub(crate) static P384: CurveParams = CurveParams {
    p: &hex::<48>("fffffffffffffffffffffffffffffffffffffffffffffffffffffffffffffffeffffffff0000000000000000ffffffff"),
    a: &hex::<48>("fffffffffffffffffffffffffffffffffffffffffffffffffffffffffffffffeffffffff0000000000000000fffffffc"),
    b: &hex::<48>("b3312fa7e23ee7e4988e056be3f82d19181d9c6efe8141120314088f5013875ac656398d8a2ed19d2a85c8edd3ec2aef"),
    gx: &hex::<48>("aa87ca22be8b05378eb1c71ef320ad746e1d3b628ba79b9859f741e082542a385502f25dbf55296c3a545e3872760ab7"),
    gy: &hex::<48>("3617de4a96262c6f5d9e98bf9292dc29f8f41dbd289a147ce9da3113b5f0b8c00a60b1ce1d7e819d7a431d7c90ea0e5f"),
    n: &hex::<48>("ffffffffffffffffffffffffffffffffffffffffffffffffc7634d81f4372ddf581a0db248b0a77aecec196accc52973"),
};

pub(crate) static P521: CurveParams = CurveParams {
    p: &hex::<66>(
        "01ffffffffffffffffffffffffffffffffffffffffffffffffffffffffffffffffffffffffffffffffffffffffffffffffffffffffffffffffffffffffffffffffff",
    ),
    a: &hex::<66>(
        "01fffffffffffffffffffffffffffffffffffffffffffffffffffffffffffffffffffffffffffffffffffffffffffffffffffffffffffffffffffffffffffffffffc",
    ),
    b: &hex::<66>(
        "0051953eb9618e1c9a1f929a21a0b68540eea2da725b99b315f3b8b489918ef109e156193951ec7e937b1652c0bd3bb1bf073573df883d2c34f1ef451fd46b503f00",
    ),
    gx: &hex::<66>(
        "00c6858e06b70404e9cd9e3ecb662395b4429c648139053fb521f828af606b4d3dbaa14b5e77efe75928fe1dc127a2ffa8de3348b3c1856a429bf97e7e31c2e5bd66",
    ),
    gy: &hex::<66>(
        "011839296a789a3bc0045c8a5fb42c7d1bd998f54449579b446817afbd17273e662c97ee72995ef42640c550b9013fad0761353c7086a272c24088be94769fd16650",
    ),
    n: &hex::<66>(
        "01fffffffffffffffffffffffffffffffffffffffffffffffffffffffffffffffffa51868783bf2f966b7fcc0148f709a5d03bb5c9b8899c47aebb6fb71e91386409",
    ),
};

/// A curve ready for arithmetic: both fields and the constants in
/// Montgomery form.
struct Curve {
    fp: Field,
    fn_: Field,
    a: Num,
    /// a = −3 (all three NIST curves): doubling saves two multiplications.
    a_is_minus_3: bool,
    b: Num,
    g: Point,
    /// Octets of a field element (and of a scalar).
    size: usize,
}

/// Jacobian coordinates: (X/Z², Y/Z³); Z = 0 is the point at infinity.
#[derive(Clone, Copy)]
struct Point {
    x: Num,
    y: Num,
    z: Num,
}

impl Curve {
    fn new(params: &CurveParams) -> Option<Curve> {
        let fp = Field::new(num_from_be(params.p)?)?;
        let fn_ = Field::new(num_from_be(params.n)?)?;
        let a = fp.element(params.a)?;
        let three = fp.to_mont(&num_small(3));
        let a_is_minus_3 = fp.add(&a, &three) == ZERO;
        let b = fp.element(params.b)?;
        let g = Point { x: fp.element(params.gx)?, y: fp.element(params.gy)?, z: fp.one() };
        Some(Curve { fp, fn_, a, a_is_minus_3, b, g, size: params.p.len() })
    }

    fn infinity(&self) -> Point {
        Point { x: self.fp.one(), y: self.fp.one(), z: ZERO }
    }

    /// x³ + ax + b.
    fn rhs(&self, x: &Num) -> Num {
        let f = &self.fp;
        let x3 = f.mul(&f.square(x), x);
        f.add(&f.add(&x3, &f.mul(&self.a, x)), &self.b)
    }

    /// 2P (dbl-2007-bl, any a).
    fn double(&self, p: &Point) -> Point {
        let f = &self.fp;
        if num_is_zero(&p.z) || num_is_zero(&p.y) {
            return self.infinity();
        }
        let xx = f.square(&p.x);
        let yy = f.square(&p.y);
        let yyyy = f.square(&yy);
        let zz = f.square(&p.z);
        let x_yy = f.add(&p.x, &yy);
        let s = f.sub(&f.sub(&f.square(&x_yy), &xx), &yyyy);
        let s = f.add(&s, &s);
        let m = if self.a_is_minus_3 {
            // 3X² − 3Z⁴ = 3(X − Z²)(X + Z²)
            let t = f.mul(&f.sub(&p.x, &zz), &f.add(&p.x, &zz));
            f.add(&f.add(&t, &t), &t)
        } else {
            f.add(&f.add(&f.add(&xx, &xx), &xx), &f.mul(&self.a, &f.square(&zz)))
        };
        let x3 = f.sub(&f.square(&m), &f.add(&s, &s));
        let yyyy8 = {
            let t = f.add(&yyyy, &yyyy);
            let t = f.add(&t, &t);
            f.add(&t, &t)
        };
        let y3 = f.sub(&f.mul(&m, &f.sub(&s, &x3)), &yyyy8);
        let y_z = f.add(&p.y, &p.z);
        let z3 = f.sub(&f.sub(&f.square(&y_z), &yy), &zz);
        Point { x: x3, y: y3, z: z3 }
    }

    /// P + Q (add-2007-bl), falling back to doubling for P = Q.
    fn add(&self, p: &Point, q: &Point) -> Point {
        let f = &self.fp;
        if num_is_zero(&p.z) {
            return *q;
        }
        if num_is_zero(&q.z) {
            return *p;
        }
        let z1z1 = f.square(&p.z);
        let z2z2 = f.square(&q.z);
        let u1 = f.mul(&p.x, &z2z2);
        let u2 = f.mul(&q.x, &z1z1);
        let s1 = f.mul(&f.mul(&p.y, &q.z), &z2z2);
        let s2 = f.mul(&f.mul(&q.y, &p.z), &z1z1);
        let h = f.sub(&u2, &u1);
        let r = f.sub(&s2, &s1);
        if num_is_zero(&h) {
            return if num_is_zero(&r) { self.double(p) } else { self.infinity() };
        }
        let h2 = f.add(&h, &h);
        let i = f.square(&h2);
        let j = f.mul(&h, &i);
        let r = f.add(&r, &r);
        let v = f.mul(&u1, &i);
        let x3 = f.sub(&f.sub(&f.square(&r), &j), &f.add(&v, &v));
        let s1j = f.mul(&s1, &j);
        let y3 = f.sub(&f.mul(&r, &f.sub(&v, &x3)), &f.add(&s1j, &s1j));
        let z1_z2 = f.add(&p.z, &q.z);
        let z3 = f.mul(&f.sub(&f.sub(&f.square(&z1_z2), &z1z1), &z2z2), &h);
        Point { x: x3, y: y3, z: z3 }
    }

    /// u1·G + u2·Q by a joint 2-bit window (Straus–Shamir): 15
    /// precomputed sums, one addition per 2 bits.
    fn lincomb(&self, u1: &Num, q: &Point, u2: &Num) -> Point {
        let inf = self.infinity();
        // table[i + 4j] = i·G + j·Q for i, j in 0..4.
        let g2 = self.double(&self.g);
        let g3 = self.add(&g2, &self.g);
        let q2 = self.double(q);
        let q3 = self.add(&q2, q);
        let gs = [inf, self.g, g2, g3];
        let qs = [inf, *q, q2, q3];
        let mut table = [inf; 16];
        for (k, slot) in table.iter_mut().enumerate() {
            if let (Some(gp), Some(qp)) = (gs.get(k % 4), qs.get(k / 4)) {
                *slot = self.add(gp, qp);
            }
        }
        let bits = num_bits(u1).max(num_bits(u2)).div_ceil(2) * 2;
        let mut acc = inf;
        for pair in (0..bits / 2).rev() {
            acc = self.double(&self.double(&acc));
            let digit = |u: &Num| usize::from(num_bit(u, 2 * pair)) | usize::from(num_bit(u, 2 * pair + 1)) << 1;
            if let Some(t) = table.get(digit(u1) | digit(u2) << 2) {
                acc = self.add(&acc, t);
            }
        }
        acc
    }

    /// A public key's point (SEC 1 §2.3.4), as sec1 0.7 + primeorder 0.13
    /// accept it: on the curve, coordinates below p, never the identity.
    fn decode_point(&self, bytes: &[u8]) -> Option<Point> {
        let (&tag, rest) = bytes.split_first()?;
        let f = &self.fp;
        let point = |x: Num, y: Num| Point { x, y, z: f.one() };
        match tag {
            0x04 if rest.len() == 2 * self.size => {
                let (xb, yb) = rest.split_at(self.size);
                let (x, y) = (f.element(xb)?, f.element(yb)?);
                (f.square(&y) == self.rhs(&x)).then(|| point(x, y))
            }
            0x02 | 0x03 if rest.len() == self.size => {
                let x = f.element(rest)?;
                let y = self.sqrt(&self.rhs(&x))?;
                let odd = num_bit(&f.leave_mont(&y), 0);
                Some(point(x, if odd == (tag == 0x03) { y } else { f.sub(&ZERO, &y) }))
            }
            // sec1's "compact" form: x only, y the smaller of the two roots.
            0x05 if rest.len() == self.size => {
                let x = f.element(rest)?;
                let y = self.sqrt(&self.rhs(&x))?;
                let neg = f.sub(&ZERO, &y);
                let smaller = num_cmp(&f.leave_mont(&y), &f.leave_mont(&neg)) != Ordering::Greater;
                Some(point(x, if smaller { y } else { neg }))
            }
            _ => None,
        }
    }

    /// A square root mod p when one exists; p ≡ 3 (mod 4) for these
    /// curves, so it is a^((p+1)/4).
    fn sqrt(&self, a: &Num) -> Option<Num> {
        let f = &self.fp;
        let e = num_shr2(&num_add(&f.m, &num_small(1)).0);
        let root = f.pow(a, &e);
        (f.square(&root) == *a).then_some(root)
    }
}

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
