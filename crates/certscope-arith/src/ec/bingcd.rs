//! Modular inverses by Pornin's optimised binary GCD (Optimized Binary GCD
//! for Modular Inversion, IACR ePrint 2020/972, Alg. 2, with k = 32).
//!
//! The binary extended Euclid makes ~2·bits passes over the full values;
//! this runs 31 of its steps at a time on 64-bit approximations of a and b
//! (their low 31 bits and their top 33), which give a 2×2 matrix of
//! factors of at most 2³¹ in magnitude, and applies the matrix in one pass
//! over the full values: ~2·bits/31 passes. The code takes slices, not
//! arrays of each curve's length, so the wasm holds one copy of it, not
//! one per curve and field, unrolled (4 KB of its download); the inverse
//! runs a few times per verification, not in the point arithmetic.

use super::num::{Limb, LIMB_BITS, MAX_LIMBS};

/// A value of up to [`MAX_LIMBS`] limbs, little-endian; the callers use
/// the first `m.len()`.
pub(super) type Limbs = [Limb; MAX_LIMBS];

/// Steps of the binary GCD per pass over the full values.
const STEPS: u32 = 31;

/// y⁻¹ mod m for an odd m and 0 < y < m (both `m.len()` limbs): `None`
/// unless the loop ends with a = 0 and b = 1 within ⌈2·bits/31⌉ + 2
/// rounds (the paper's bound is ⌈(2·bits − 1)/31⌉), which a gcd other
/// than 1, y = 0 among them, cannot. `m0_inv` is −m⁻¹ mod 2^LIMB_BITS.
///
/// u and v are divided by 2³¹ whenever a and b are, as a Montgomery step
/// divides (k·m added first), so a ≡ u·y and b ≡ v·y (mod m) hold
/// throughout and v ends as y⁻¹ with no correction factor.
#[inline(never)]
pub(super) fn inverse(y: &[Limb], m: &[Limb], m0_inv: Limb) -> Option<Limbs> {
    let len = m.len();
    if y.len() != len {
        return None;
    }
    let (mut a, mut b, mut u, mut v) = ([0; MAX_LIMBS], [0; MAX_LIMBS], [0; MAX_LIMBS], [0; MAX_LIMBS]);
    a.get_mut(..len)?.copy_from_slice(y);
    b.get_mut(..len)?.copy_from_slice(m);
    *u.first_mut()? = 1;
    let (a, b, u, v) = (a.get_mut(..len)?, b.get_mut(..len)?, u.get_mut(..len)?, v.get_mut(..len)?);
    let rounds = (2 * bits(m)).div_ceil(STEPS as usize) + 2;
    for _ in 0..rounds {
        if bits(a) == 0 {
            break;
        }
        let [mut f0, mut g0, mut f1, mut g1] = matrix(a, b);
        // The approximations can take a wrong turn: a' or b' may come out
        // negative, and then it and its factors change sign.
        let (mut a_next, mut b_next) = ([0; MAX_LIMBS], [0; MAX_LIMBS]);
        if combine_shift(a, f0, b, g0, &mut a_next) {
            (f0, g0) = (-f0, -g0);
        }
        if combine_shift(a, f1, b, g1, &mut b_next) {
            (f1, g1) = (-f1, -g1);
        }
        let (mut u_next, mut v_next) = ([0; MAX_LIMBS], [0; MAX_LIMBS]);
        combine_mod(u, f0, v, g0, m, m0_inv, &mut u_next);
        combine_mod(u, f1, v, g1, m, m0_inv, &mut v_next);
        a.copy_from_slice(a_next.get(..len)?);
        b.copy_from_slice(b_next.get(..len)?);
        u.copy_from_slice(u_next.get(..len)?);
        v.copy_from_slice(v_next.get(..len)?);
    }
    let b_is_one = b.iter().enumerate().all(|(i, &l)| l == Limb::from(i == 0));
    if bits(a) != 0 || !b_is_one {
        return None;
    }
    let mut out = [0; MAX_LIMBS];
    out.get_mut(..len)?.copy_from_slice(v);
    Some(out)
}

/// 31 steps of the binary GCD on ā and b̄ (b odd): the factors [f0, g0,
/// f1, g1] with a' = (f0·a + g0·b)/2³¹ and b' = (f1·a + g1·b)/2³¹.
fn matrix(a: &[Limb], b: &[Limb]) -> [i64; 4] {
    // The low 31 bits, below the top 33 of the longer of the two (exact
    // when both fit 64 bits).
    let n = bits(a).max(bits(b)).max(64);
    let approx = |x: &[Limb]| bits_at(x, 0, STEPS) | bits_at(x, n - 33, 33) << STEPS;
    let (mut a_, mut b_) = (approx(a), approx(b));
    let (mut f0, mut g0, mut f1, mut g1) = (1i64, 0i64, 0i64, 1i64);
    for _ in 0..STEPS {
        if a_ & 1 == 1 {
            if a_ < b_ {
                std::mem::swap(&mut a_, &mut b_);
                std::mem::swap(&mut f0, &mut f1);
                std::mem::swap(&mut g0, &mut g1);
            }
            a_ -= b_;
            f0 -= f1;
            g0 -= g1;
        }
        a_ >>= 1;
        f1 <<= 1;
        g1 <<= 1;
    }
    [f0, g0, f1, g1]
}

/// l·f exactly, for |f| ≤ 2³¹: below 2⁶³ in magnitude with 32-bit limbs,
/// so one 64-bit product (wasm has no 128-bit one).
#[inline(always)]
#[allow(clippy::unnecessary_cast)] // a no-op with 32-bit limbs
fn limb_times(l: Limb, f: i64) -> i128 {
    if LIMB_BITS == 32 {
        i128::from(i64::from(l as u32) * f)
    } else {
        i128::from(l) * i128::from(f)
    }
}

/// f·a + g·b + k·m into `t` (k·m left out for k = 0), and the signed value
/// of what carries out of its top limb.
fn linear(a: &[Limb], f: i64, b: &[Limb], g: i64, m: &[Limb], k: i64, t: &mut [Limb]) -> i128 {
    let mut carry = 0i128;
    for (i, slot) in t.iter_mut().enumerate() {
        let at = |x: &[Limb]| x.get(i).copied().unwrap_or(0);
        let s = limb_times(at(a), f) + limb_times(at(b), g) + limb_times(at(m), k) + carry;
        *slot = s as Limb;
        carry = s >> LIMB_BITS;
    }
    carry
}

/// t + top·2^(len·LIMB_BITS) shifted right by 31 (an exact division where
/// it is used), in place: what is left above the limbs is returned.
fn shift_31(t: &mut [Limb], top: i128) -> i128 {
    for i in 0..t.len() {
        let above = t.get(i + 1).copied().unwrap_or(top as Limb);
        if let Some(slot) = t.get_mut(i) {
            *slot = (*slot >> 31) | (above << (LIMB_BITS - 31));
        }
    }
    top >> 31
}

/// (f·a + g·b)/2³¹ for |f|, |g| ≤ 2³¹, where 2³¹ divides the sum and the
/// quotient's magnitude fits the limbs: the magnitude into `out`, and
/// whether the quotient is negative.
fn combine_shift(a: &[Limb], f: i64, b: &[Limb], g: i64, out: &mut Limbs) -> bool {
    let Some(t) = out.get_mut(..a.len()) else { return false };
    let carry = linear(a, f, b, g, &[], 0, t);
    let top = shift_31(t, carry);
    debug_assert!(top == 0 || top == -1, "a quotient that does not fit the limbs");
    if top < 0 {
        // Two's complement: the magnitude of a negative value is !t + 1.
        t.iter_mut().for_each(|l| *l = !*l);
        for l in t.iter_mut() {
            let (sum, carried) = l.overflowing_add(1);
            *l = sum;
            if !carried {
                break;
            }
        }
    }
    top < 0
}

/// (f·u + g·v)/2³¹ mod m into `out`, for u, v < m and |f|, |g| ≤ 2³¹: k·m
/// is added first, k = (f·u + g·v)·(−m⁻¹) mod 2³¹, so that 2³¹ divides the
/// sum. Its magnitude is below (2³² + 2³¹)·m, so the quotient lies in
/// (−3m, 3m): at most three additions or subtractions of m bring it into
/// [0, m).
#[allow(clippy::unnecessary_cast)] // a no-op with 64-bit limbs
fn combine_mod(u: &[Limb], f: i64, v: &[Limb], g: i64, m: &[Limb], m0_inv: Limb, out: &mut Limbs) {
    let low = |x: &[Limb]| x.first().copied().unwrap_or(0);
    let sum_low = limb_times(low(u), f) + limb_times(low(v), g);
    let k = ((sum_low as Limb).wrapping_mul(m0_inv) as u64 & ((1 << 31) - 1)) as i64;
    let Some(t) = out.get_mut(..m.len()) else { return };
    let carry = linear(u, f, v, g, m, k, t);
    let mut top = shift_31(t, carry) as i64;
    for _ in 0..3 {
        if top >= 0 {
            break;
        }
        top += i64::from(carry_in_place(t, m, Limb::overflowing_add));
    }
    for _ in 0..3 {
        if top <= 0 && below(t, m) {
            break;
        }
        top -= i64::from(carry_in_place(t, m, Limb::overflowing_sub));
    }
    debug_assert!(top == 0 && below(t, m));
}

/// x += m or x −= m, by `op` (`overflowing_add` or `overflowing_sub`), limb
/// by limb; whether it carried or borrowed out of the top.
fn carry_in_place(x: &mut [Limb], m: &[Limb], op: fn(Limb, Limb) -> (Limb, bool)) -> bool {
    let mut carry = false;
    for (l, &y) in x.iter_mut().zip(m) {
        let (v, c1) = op(*l, y);
        let (v, c2) = op(v, Limb::from(carry));
        (*l, carry) = (v, c1 || c2);
    }
    carry
}

/// x < m, both of the same length.
fn below(x: &[Limb], m: &[Limb]) -> bool {
    x.iter().rev().zip(m.iter().rev()).find(|(a, b)| a != b).is_some_and(|(a, b)| a < b)
}

/// The bit length of x.
fn bits(x: &[Limb]) -> usize {
    x.iter().rposition(|&l| l != 0).map_or(0, |i| {
        let top = x.get(i).copied().unwrap_or(0);
        (i + 1) * LIMB_BITS as usize - top.leading_zeros() as usize
    })
}

/// The `width` (at most 64) bits of x from bit `pos` up, zero past the top.
#[allow(clippy::useless_conversion)] // a no-op with 64-bit limbs
fn bits_at(x: &[Limb], pos: usize, width: u32) -> u64 {
    let mut out = 0u64;
    let mut got = 0u32;
    while got < width {
        let at = pos + got as usize;
        let shift = (at % LIMB_BITS as usize) as u32;
        let Some(&limb) = x.get(at / LIMB_BITS as usize) else { break };
        let take = (LIMB_BITS - shift).min(width - got);
        out |= (u64::from(limb >> shift) & (u64::MAX >> (64 - take))) << got;
        got += take;
    }
    out
}
