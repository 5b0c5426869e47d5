//! Arithmetic modulo an odd prime in Montgomery form.

use super::num::*;
use std::cmp::Ordering;

/// Arithmetic modulo an odd prime m, on values in Montgomery form
/// (x·R mod m, R = 2^(LIMB_BITS·len)).
pub(super) struct Field {
    pub(super) m: Num,
    /// Limbs in use: m's.
    pub(super) len: usize,
    /// −m⁻¹ mod 2^LIMB_BITS.
    pub(super) m0_inv: Limb,
    /// R² mod m, to enter Montgomery form.
    pub(super) r2: Num,
}

impl Field {
    pub(super) fn new(m: Num) -> Option<Field> {
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
    pub(super) fn add(&self, a: &Num, b: &Num) -> Num {
        let (sum, carry) = num_add_low(a, b, self.len);
        if carry || num_cmp_low(&sum, &self.m, self.len) != Ordering::Less {
            num_sub_low(&sum, &self.m, self.len).0
        } else {
            sum
        }
    }

    /// a − b mod m, for a, b < m.
    pub(super) fn sub(&self, a: &Num, b: &Num) -> Num {
        let (diff, borrow) = num_sub_low(a, b, self.len);
        if borrow {
            num_add_low(&diff, &self.m, self.len).0
        } else {
            diff
        }
    }

    /// a·b·R⁻¹ mod m (CIOS), for a·b < R·m.
    pub(super) fn mul(&self, a: &Num, b: &Num) -> Num {
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

    pub(super) fn square(&self, a: &Num) -> Num {
        self.mul(a, a)
    }

    /// Into Montgomery form; any x < R (also x ≥ m, which reduces it).
    pub(super) fn to_mont(&self, x: &Num) -> Num {
        self.mul(x, &self.r2)
    }

    /// Out of Montgomery form: the integer in [0, m).
    pub(super) fn leave_mont(&self, x: &Num) -> Num {
        self.mul(x, &num_small(1))
    }

    /// The Montgomery form of 1.
    pub(super) fn one(&self) -> Num {
        self.to_mont(&num_small(1))
    }

    /// x^e, left to right (x in Montgomery form, e an integer).
    pub(super) fn pow(&self, x: &Num, e: &Num) -> Num {
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
    pub(super) fn invert(&self, x: &Num) -> Num {
        self.pow(x, &num_sub(&self.m, &num_small(2)).0)
    }

    /// A field element from big-endian octets, in Montgomery form; `None`
    /// when not below m (SEC 1 §2.3.6 refuses such coordinates).
    pub(super) fn element(&self, bytes: &[u8]) -> Option<Num> {
        let x = num_from_be(bytes)?;
        (num_cmp(&x, &self.m) == Ordering::Less).then(|| self.to_mont(&x))
    }
}
