//! Points on a short-Weierstrass curve in Jacobian coordinates, and the
//! double-scalar multiplication that verification needs.
//!
//! Formulas from the Explicit-Formulas Database (hyperelliptic.org/EFD,
//! "g1p/auto-shortw-jacobian"), named as there.

use super::field::Field;
use super::num::*;
use super::params::CurveParams;
use std::cmp::Ordering;

/// wNAF width for the generator: digits odd in (−64, 64), 32 affine
/// multiples precomputed once per curve, one addition per 8 bits. Width 6
/// (16 multiples) was 3% slower on the EC analysis in Chromium; 8 (64)
/// no faster than 7.
const G_WIDTH: u32 = 7;
const G_TABLE: usize = 1 << (G_WIDTH - 2);
/// wNAF width for the public key: its 8 odd multiples cost 1 doubling
/// and 7 additions per verification, one addition per 6 bits.
const Q_WIDTH: u32 = 5;
const Q_TABLE: usize = 1 << (Q_WIDTH - 2);
/// wNAF digits of any integer of P-521's limbs (the most), and of the
/// carry out of its top window.
pub(super) const MAX_DIGITS: usize = LIMB_BITS as usize * MAX_LIMBS + 8;

/// A curve ready for arithmetic: both fields and the constants in
/// Montgomery form.
pub(super) struct Curve<const N: usize> {
    pub(super) fp: Field<N>,
    pub(super) fn_: Field<N>,
    a: Num<N>,
    /// a = −3 (all three NIST curves): doubling saves two multiplications.
    a_is_minus_3: bool,
    b: Num<N>,
    pub(super) g: Affine<N>,
    /// G, 3G, 5G, …, (2·G_TABLE − 1)·G.
    g_table: [Affine<N>; G_TABLE],
    /// Octets of a field element (and of a scalar).
    pub(super) size: usize,
}

/// Jacobian coordinates: (X/Z², Y/Z³); Z = 0 is the point at infinity.
#[derive(Clone, Copy)]
pub(super) struct Point<const N: usize> {
    pub(super) x: Num<N>,
    pub(super) y: Num<N>,
    pub(super) z: Num<N>,
}

/// A point other than infinity with Z = 1, for mixed addition.
#[derive(Clone, Copy)]
pub(super) struct Affine<const N: usize> {
    pub(super) x: Num<N>,
    pub(super) y: Num<N>,
}

impl<const N: usize> Curve<N> {
    pub(super) fn new(params: &CurveParams) -> Option<Curve<N>> {
        let fp = Field::new(num_from_be(params.p)?)?;
        let fn_ = Field::new(num_from_be(params.n)?)?;
        let a = fp.element(params.a)?;
        let three = fp.to_mont(&num_small(3));
        let a_is_minus_3 = num_is_zero(&fp.add(&a, &three));
        let b = fp.element(params.b)?;
        let g = Affine { x: fp.element(params.gx)?, y: fp.element(params.gy)? };
        let mut curve = Curve { fp, fn_, a, a_is_minus_3, b, g, g_table: [g; G_TABLE], size: params.p.len() };
        let odd = curve.odd_multiples::<G_TABLE>(&curve.jacobian(&g));
        curve.g_table = curve.normalize(&odd)?;
        Some(curve)
    }

    pub(super) fn infinity(&self) -> Point<N> {
        Point { x: self.fp.one, y: self.fp.one, z: [0; N] }
    }

    pub(super) fn jacobian(&self, p: &Affine<N>) -> Point<N> {
        Point { x: p.x, y: p.y, z: self.fp.one }
    }

    /// x³ + ax + b.
    pub(super) fn rhs(&self, x: &Num<N>) -> Num<N> {
        let f = &self.fp;
        let x3 = f.mul(&f.square(x), x);
        f.add(&f.add(&x3, &f.mul(&self.a, x)), &self.b)
    }

    /// 2P: dbl-2001-b when a = −3 (3M + 5S), dbl-2007-bl for any a.
    pub(super) fn double(&self, p: &Point<N>) -> Point<N> {
        let f = &self.fp;
        if num_is_zero(&p.z) || num_is_zero(&p.y) {
            return self.infinity();
        }
        if self.a_is_minus_3 {
            let delta = f.square(&p.z);
            let gamma = f.square(&p.y);
            let beta = f.mul(&p.x, &gamma);
            // 3X² − 3Z⁴ = 3(X − Z²)(X + Z²)
            let t = f.mul(&f.sub(&p.x, &delta), &f.add(&p.x, &delta));
            let alpha = f.times(&t, 3);
            let beta4 = f.times(&beta, 4);
            let x3 = f.sub(&f.square(&alpha), &f.add(&beta4, &beta4));
            let y_z = f.add(&p.y, &p.z);
            let z3 = f.sub(&f.sub(&f.square(&y_z), &gamma), &delta);
            let gamma2_8 = f.times(&f.square(&gamma), 8);
            let y3 = f.sub(&f.mul(&alpha, &f.sub(&beta4, &x3)), &gamma2_8);
            return Point { x: x3, y: y3, z: z3 };
        }
        let xx = f.square(&p.x);
        let yy = f.square(&p.y);
        let yyyy = f.square(&yy);
        let zz = f.square(&p.z);
        let x_yy = f.add(&p.x, &yy);
        let s = f.sub(&f.sub(&f.square(&x_yy), &xx), &yyyy);
        let s = f.add(&s, &s);
        let m = f.add(&f.add(&f.add(&xx, &xx), &xx), &f.mul(&self.a, &f.square(&zz)));
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

    /// P + Q (add-2007-bl, 11M + 5S), falling back to doubling for P = Q.
    pub(super) fn add(&self, p: &Point<N>, q: &Point<N>) -> Point<N> {
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

    /// P + Q for an affine Q (madd-2007-bl, 7M + 4S), falling back to
    /// doubling for P = Q.
    pub(super) fn add_affine(&self, p: &Point<N>, q: &Affine<N>) -> Point<N> {
        let f = &self.fp;
        if num_is_zero(&p.z) {
            return self.jacobian(q);
        }
        let z1z1 = f.square(&p.z);
        let u2 = f.mul(&q.x, &z1z1);
        let s2 = f.mul(&q.y, &f.mul(&p.z, &z1z1));
        let h = f.sub(&u2, &p.x);
        let r = f.sub(&s2, &p.y);
        if num_is_zero(&h) {
            return if num_is_zero(&r) { self.double(p) } else { self.infinity() };
        }
        let hh = f.square(&h);
        let i = f.times(&hh, 4);
        let j = f.mul(&h, &i);
        let r = f.add(&r, &r);
        let v = f.mul(&p.x, &i);
        let x3 = f.sub(&f.sub(&f.square(&r), &j), &f.add(&v, &v));
        let y1j = f.mul(&p.y, &j);
        let y3 = f.sub(&f.mul(&r, &f.sub(&v, &x3)), &f.add(&y1j, &y1j));
        let z1_h = f.add(&p.z, &h);
        let z3 = f.sub(&f.sub(&f.square(&z1_h), &z1z1), &hh);
        Point { x: x3, y: y3, z: z3 }
    }

    /// P, 3P, 5P, …, (2K − 1)·P.
    fn odd_multiples<const K: usize>(&self, p: &Point<N>) -> [Point<N>; K] {
        let p2 = self.double(p);
        let mut out = [*p; K];
        let mut next = *p;
        for slot in out.iter_mut() {
            *slot = next;
            next = self.add(&next, &p2);
        }
        out
    }

    /// The same points with Z = 1, by one inversion for all of them
    /// (Montgomery's trick); `None` if one is infinity.
    fn normalize<const K: usize>(&self, points: &[Point<N>; K]) -> Option<[Affine<N>; K]> {
        let f = &self.fp;
        // prefix[i] = Z₀·Z₁·…·Zᵢ.
        let mut prefix = [f.one; K];
        let mut acc = f.one;
        for (slot, p) in prefix.iter_mut().zip(points) {
            if num_is_zero(&p.z) {
                return None;
            }
            acc = f.mul(&acc, &p.z);
            *slot = acc;
        }
        let mut out = [self.g; K];
        // inv = (Z₀·…·Zᵢ)⁻¹, walking down from the top.
        let mut inv = f.invert(&acc);
        for i in (0..K).rev() {
            let (Some(p), Some(slot)) = (points.get(i), out.get_mut(i)) else { return None };
            let below = i.checked_sub(1).and_then(|j| prefix.get(j)).copied().unwrap_or(f.one);
            let z_inv = f.mul(&inv, &below);
            inv = f.mul(&inv, &p.z);
            let z_inv2 = f.square(&z_inv);
            *slot = Affine { x: f.mul(&p.x, &z_inv2), y: f.mul(&p.y, &f.mul(&z_inv2, &z_inv)) };
        }
        Some(out)
    }

    /// u1·G + u2·Q by interleaved wNAF (Möller 2001; Hankerson–Menezes–
    /// Vanstone, Guide to ECC, Alg. 3.51): one doubling per bit, shared,
    /// and an addition per nonzero digit, about one per 8 bits for G (its
    /// multiples precomputed and affine) and one per 6 bits for Q.
    pub(super) fn lincomb(&self, u1: &Num<N>, q: &Point<N>, u2: &Num<N>) -> Point<N> {
        let d1 = wnaf(u1, G_WIDTH);
        let with_q = !num_is_zero(u2) && !num_is_zero(&q.z);
        let d2 = if with_q { wnaf(u2, Q_WIDTH) } else { [0; MAX_DIGITS] };
        let q_table = if with_q { self.odd_multiples::<Q_TABLE>(q) } else { [*q; Q_TABLE] };
        // Affine, Q's additions are mixed ones (7M + 4S instead of 11M +
        // 5S), for one inversion and ~7 products per multiple.
        let q_affine = if with_q { self.normalize(&q_table) } else { None };
        let top = (num_bits(u1).max(num_bits(u2)) + G_WIDTH as usize + 1).min(MAX_DIGITS);
        let mut acc = self.infinity();
        for i in (0..top).rev() {
            acc = self.double(&acc);
            let (Some(&g_digit), Some(&q_digit)) = (d1.get(i), d2.get(i)) else { continue };
            acc = self.add_digit(&acc, &self.g_table, g_digit);
            match &q_affine {
                Some(table) => acc = self.add_digit(&acc, table, q_digit),
                None => {
                    if let Some(t) = q_table.get(usize::from(q_digit.unsigned_abs() / 2)).filter(|_| q_digit != 0) {
                        let t = if q_digit < 0 { Point { y: self.fp.neg(&t.y), ..*t } } else { *t };
                        acc = self.add(&acc, &t);
                    }
                }
            }
        }
        acc
    }

    /// acc + d·P for a wNAF digit d (odd, or 0 for nothing), from P's
    /// affine odd multiples P, 3P, 5P, …: −kP is kP with y negated.
    fn add_digit(&self, acc: &Point<N>, odd_multiples: &[Affine<N>], digit: i8) -> Point<N> {
        match odd_multiples.get(usize::from(digit.unsigned_abs() / 2)).filter(|_| digit != 0) {
            Some(t) if digit < 0 => self.add_affine(acc, &Affine { x: t.x, y: self.fp.neg(&t.y) }),
            Some(t) => self.add_affine(acc, t),
            None => *acc,
        }
    }

    /// A public key's point (SEC 1 §2.3.4), as sec1 0.7 + primeorder 0.13
    /// accept it: on the curve, coordinates below p, never the identity.
    pub(super) fn decode_point(&self, bytes: &[u8]) -> Option<Point<N>> {
        let (&tag, rest) = bytes.split_first()?;
        let f = &self.fp;
        let point = |x: Num<N>, y: Num<N>| Point { x, y, z: f.one };
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
                Some(point(x, if odd == (tag == 0x03) { y } else { f.neg(&y) }))
            }
            // sec1's "compact" form: x only, y the smaller of the two roots.
            0x05 if rest.len() == self.size => {
                let x = f.element(rest)?;
                let y = self.sqrt(&self.rhs(&x))?;
                let neg = f.neg(&y);
                let smaller = num_cmp(&f.leave_mont(&y), &f.leave_mont(&neg)) != Ordering::Greater;
                Some(point(x, if smaller { y } else { neg }))
            }
            _ => None,
        }
    }

    /// A square root mod p when one exists; p ≡ 3 (mod 4) for these
    /// curves, so it is a^((p+1)/4).
    pub(super) fn sqrt(&self, a: &Num<N>) -> Option<Num<N>> {
        let f = &self.fp;
        let e = num_shr1(&num_shr1(&num_add(&f.m, &num_small(1)).0, false), false);
        let root = f.pow(a, &e);
        (f.square(&root) == *a).then_some(root)
    }
}

/// The width-w non-adjacent form of k: k = Σ dᵢ·2ⁱ with every nonzero dᵢ
/// odd and below 2^(w−1) in magnitude, and at least w − 1 zeros after each
/// (Guide to ECC, Alg. 3.35), read w bits at a time from the bottom.
pub(super) fn wnaf<const N: usize>(k: &Num<N>, width: u32) -> [i8; MAX_DIGITS] {
    let mut digits = [0i8; MAX_DIGITS];
    let (full, half) = (1i32 << width, 1u32 << (width - 1));
    let end = num_bits(k);
    let mut carry = 0u32;
    let mut pos = 0;
    while pos < end || carry != 0 {
        // The window plus the carry from the digit below: its lowest bit is
        // the bit that the digit here must make zero.
        let window = carry + num_window(k, pos, width);
        if window & 1 == 0 {
            pos += 1;
            continue;
        }
        let digit = if window < half {
            carry = 0;
            window as i32
        } else {
            carry = 1;
            window as i32 - full
        };
        if let Some(slot) = digits.get_mut(pos) {
            *slot = digit as i8;
        }
        pos += width as usize;
    }
    digits
}
