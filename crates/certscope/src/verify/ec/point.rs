//! Points on a short-Weierstrass curve in Jacobian coordinates, and the
//! double-scalar multiplication that verification needs.

use super::field::Field;
use super::num::*;
use super::params::CurveParams;
use std::cmp::Ordering;

/// A curve ready for arithmetic: both fields and the constants in
/// Montgomery form.
pub(super) struct Curve {
    pub(super) fp: Field,
    pub(super) fn_: Field,
    pub(super) a: Num,
    /// a = −3 (all three NIST curves): doubling saves two multiplications.
    pub(super) a_is_minus_3: bool,
    pub(super) b: Num,
    pub(super) g: Point,
    /// Octets of a field element (and of a scalar).
    pub(super) size: usize,
}

/// Jacobian coordinates: (X/Z², Y/Z³); Z = 0 is the point at infinity.
#[derive(Clone, Copy)]
pub(super) struct Point {
    pub(super) x: Num,
    pub(super) y: Num,
    pub(super) z: Num,
}

impl Curve {
    pub(super) fn new(params: &CurveParams) -> Option<Curve> {
        let fp = Field::new(num_from_be(params.p)?)?;
        let fn_ = Field::new(num_from_be(params.n)?)?;
        let a = fp.element(params.a)?;
        let three = fp.to_mont(&num_small(3));
        let a_is_minus_3 = fp.add(&a, &three) == ZERO;
        let b = fp.element(params.b)?;
        let g = Point { x: fp.element(params.gx)?, y: fp.element(params.gy)?, z: fp.one() };
        Some(Curve { fp, fn_, a, a_is_minus_3, b, g, size: params.p.len() })
    }

    pub(super) fn infinity(&self) -> Point {
        Point { x: self.fp.one(), y: self.fp.one(), z: ZERO }
    }

    /// x³ + ax + b.
    pub(super) fn rhs(&self, x: &Num) -> Num {
        let f = &self.fp;
        let x3 = f.mul(&f.square(x), x);
        f.add(&f.add(&x3, &f.mul(&self.a, x)), &self.b)
    }

    /// 2P (dbl-2007-bl, any a).
    pub(super) fn double(&self, p: &Point) -> Point {
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
    pub(super) fn add(&self, p: &Point, q: &Point) -> Point {
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
    pub(super) fn lincomb(&self, u1: &Num, q: &Point, u2: &Num) -> Point {
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
    pub(super) fn decode_point(&self, bytes: &[u8]) -> Option<Point> {
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
    pub(super) fn sqrt(&self, a: &Num) -> Option<Num> {
        let f = &self.fp;
        let e = num_shr2(&num_add(&f.m, &num_small(1)).0);
        let root = f.pow(a, &e);
        (f.square(&root) == *a).then_some(root)
    }
}
