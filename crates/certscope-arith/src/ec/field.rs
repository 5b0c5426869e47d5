//! Arithmetic modulo an odd prime in Montgomery form, on N-limb integers.

use super::num::*;
use std::cmp::Ordering;

/// Arithmetic modulo an odd prime m < 2^(N·LIMB_BITS), on values in
/// Montgomery form (x·R mod m, R = 2^(N·LIMB_BITS)). Every operation
/// takes and returns values below m.
pub(super) struct Field<const N: usize> {
    pub(super) m: Num<N>,
    /// −m⁻¹ mod 2^LIMB_BITS.
    m0_inv: Limb,
    /// R² mod m, to enter Montgomery form.
    r2: Num<N>,
    /// The Montgomery form of 1 (R mod m).
    pub(super) one: Num<N>,
}

impl<const N: usize> Field<N> {
    pub(super) fn new(m: Num<N>) -> Option<Field<N>> {
        let m0 = *m.first()?;
        if m0 & 1 == 0 {
            return None;
        }
        // Newton's iteration doubles the correct low bits each step.
        let mut inv: Limb = 1;
        for _ in 0..6 {
            inv = inv.wrapping_mul((2 as Limb).wrapping_sub(m0.wrapping_mul(inv)));
        }
        let zero = [0; N];
        let mut field = Field { m, m0_inv: inv.wrapping_neg(), r2: zero, one: zero };
        // R² mod m by doubling 1 modulo m, 2·LIMB_BITS·N times.
        let mut r2 = num_small(1);
        for _ in 0..2 * LIMB_BITS as usize * N {
            r2 = field.add(&r2, &r2);
        }
        field.r2 = r2;
        field.one = field.to_mont(&num_small(1));
        Some(field)
    }

    /// a + b mod m.
    pub(super) fn add(&self, a: &Num<N>, b: &Num<N>) -> Num<N> {
        let (sum, carry) = num_add(a, b);
        if carry || num_cmp(&sum, &self.m) != Ordering::Less {
            num_sub(&sum, &self.m).0
        } else {
            sum
        }
    }

    /// a − b mod m.
    pub(super) fn sub(&self, a: &Num<N>, b: &Num<N>) -> Num<N> {
        let (diff, borrow) = num_sub(a, b);
        if borrow {
            num_add(&diff, &self.m).0
        } else {
            diff
        }
    }

    /// −a mod m.
    pub(super) fn neg(&self, a: &Num<N>) -> Num<N> {
        self.sub(&[0; N], a)
    }

    /// a·b·R⁻¹ mod m (CIOS, Koç–Acar–Kaliski 1996), for a·b < R·m.
    // Every index is below N, the length of the arrays indexed: the loops
    // run over constant ranges, and the bounds checks compile away.
    #[allow(clippy::indexing_slicing)]
    pub(super) fn mul(&self, a: &Num<N>, b: &Num<N>) -> Num<N> {
        // N limbs of running sum, one more in t_n; it stays below 2m.
        let mut t = [0 as Limb; N];
        let mut t_n: Limb = 0;
        for &bi in b {
            let mut carry: Limb = 0;
            for j in 0..N {
                let w = Wide::from(t[j]) + Wide::from(a[j]) * Wide::from(bi) + Wide::from(carry);
                t[j] = w as Limb;
                carry = (w >> LIMB_BITS) as Limb;
            }
            let w = Wide::from(t_n) + Wide::from(carry);
            t_n = w as Limb;
            let t_n1 = (w >> LIMB_BITS) as Limb;
            // Add q·m so the lowest limb becomes zero, and shift one limb down.
            let q = t[0].wrapping_mul(self.m0_inv);
            let w = Wide::from(t[0]) + Wide::from(q) * Wide::from(self.m[0]);
            let mut carry = (w >> LIMB_BITS) as Limb;
            for j in 1..N {
                let w = Wide::from(t[j]) + Wide::from(q) * Wide::from(self.m[j]) + Wide::from(carry);
                t[j - 1] = w as Limb;
                carry = (w >> LIMB_BITS) as Limb;
            }
            let w = Wide::from(t_n) + Wide::from(carry);
            t[N - 1] = w as Limb;
            t_n = t_n1 + (w >> LIMB_BITS) as Limb;
        }
        // t < 2m: subtract m once when t ≥ m. The result is below m, so
        // the borrow that t_n absorbs is dropped.
        if t_n != 0 || num_cmp(&t, &self.m) != Ordering::Less {
            t = num_sub(&t, &self.m).0;
        }
        t
    }

    /// a²·R⁻¹ mod m. A plain product: a squaring that computes each cross
    /// product once (SOS) saves 6 of 32 limb products for P-256 but, in
    /// the wasm build, was measured slower than `mul` (its 2N-limb buffer
    /// and variable indices keep their bounds checks at opt-level "z").
    pub(super) fn square(&self, a: &Num<N>) -> Num<N> {
        self.mul(a, a)
    }

    /// Into Montgomery form; any x < R (also x ≥ m, which reduces it).
    pub(super) fn to_mont(&self, x: &Num<N>) -> Num<N> {
        self.mul(x, &self.r2)
    }

    /// Out of Montgomery form: the integer in [0, m).
    pub(super) fn leave_mont(&self, x: &Num<N>) -> Num<N> {
        self.mul(x, &num_small(1))
    }

    /// x^e (x in Montgomery form, e an integer), by fixed 4-bit windows:
    /// a squaring per bit and a multiplication per window, instead of one
    /// per set bit (p − 2 and n − 2 are mostly ones).
    pub(super) fn pow(&self, x: &Num<N>, e: &Num<N>) -> Num<N> {
        // table[i] = x^i.
        let mut table = [self.one; 16];
        let mut power = self.one;
        for slot in table.iter_mut() {
            *slot = power;
            power = self.mul(&power, x);
        }
        let mut acc = self.one;
        for window in (0..num_bits(e).div_ceil(4)).rev() {
            for _ in 0..4 {
                acc = self.square(&acc);
            }
            let digit = num_window(e, 4 * window, 4) as usize;
            if let Some(t) = table.get(digit).filter(|_| digit != 0) {
                acc = self.mul(&acc, t);
            }
        }
        acc
    }

    /// x⁻¹ = x^(m−2) (Fermat; m is prime), in Montgomery form.
    pub(super) fn invert(&self, x: &Num<N>) -> Num<N> {
        self.pow(x, &num_sub(&self.m, &num_small(2)).0)
    }

    /// A field element from big-endian octets, in Montgomery form; `None`
    /// when not below m (SEC 1 §2.3.6 refuses such coordinates).
    pub(super) fn element(&self, bytes: &[u8]) -> Option<Num<N>> {
        let x = num_from_be(bytes)?;
        (num_cmp(&x, &self.m) == Ordering::Less).then(|| self.to_mont(&x))
    }
}
