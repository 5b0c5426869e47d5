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
    /// Whose form the products reduce by.
    form: Form,
}

/// How a field's products are reduced: by the prime's form for P-256 and
/// P-384 in 32-bit limbs (the wasm build's, and the `limb32` feature's),
/// by the generic CIOS step otherwise: 64-bit limbs multiply at full
/// width on native targets.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
enum Form {
    Generic,
    /// [`p256_mul`], [`p256_square`], [`p256_times`].
    P256,
    /// [`p384_mul`], [`p384_square`], [`p384_times`].
    P384,
}

/// The P-256 prime, 2²⁵⁶ − 2²²⁴ + 2¹⁹² + 2⁹⁶ − 1 (SEC 2 §2.4.2), in
/// little-endian 32-bit limbs.
const P256_PRIME: [u32; 8] = [0xffff_ffff, 0xffff_ffff, 0xffff_ffff, 0, 0, 0, 1, 0xffff_ffff];

/// The P-384 prime, 2³⁸⁴ − 2¹²⁸ − 2⁹⁶ + 2³² − 1 (SEC 2 §2.5.1), in
/// little-endian 32-bit limbs.
const P384_PRIME: [u32; 12] = [
    0xffff_ffff,
    0,
    0,
    0xffff_ffff,
    0xffff_fffe,
    0xffff_ffff,
    0xffff_ffff,
    0xffff_ffff,
    0xffff_ffff,
    0xffff_ffff,
    0xffff_ffff,
    0xffff_ffff,
];

/// The form `m`'s products reduce by.
#[allow(clippy::unnecessary_cast)] // a no-op with 32-bit limbs
fn form_of<const N: usize>(m: &Num<N>) -> Form {
    let limbs = || m.iter().map(|&l| l as u32);
    if LIMB_BITS != 32 {
        Form::Generic
    } else if limbs().eq(P256_PRIME) {
        Form::P256
    } else if limbs().eq(P384_PRIME) {
        Form::P384
    } else {
        Form::Generic
    }
}

/// A value below 2p as its low limbs and whether the bit above them is
/// set: what [`Field::reduce_once`] takes.
type BelowTwiceP<T> = (T, bool);

/// `op` on two values of a field of L 32-bit limbs, whose prime
/// [`form_of`] recognised (`None` for other limb sizes).
#[allow(clippy::unnecessary_cast)] // a no-op with 32-bit limbs
fn limbs32<const N: usize, const L: usize>(
    a: &Num<N>,
    b: &Num<N>,
    op: impl FnOnce(&[u32; L], &[u32; L]) -> BelowTwiceP<[u32; L]>,
) -> Option<BelowTwiceP<Num<N>>> {
    if LIMB_BITS != 32 || N != L {
        return None;
    }
    let (mut a32, mut b32) = ([0u32; L], [0u32; L]);
    a32.iter_mut().zip(a).for_each(|(d, &s)| *d = s as u32);
    b32.iter_mut().zip(b).for_each(|(d, &s)| *d = s as u32);
    let (limbs, carry) = op(&a32, &b32);
    let mut out = [0; N];
    out.iter_mut().zip(limbs).for_each(|(o, r)| *o = Limb::from(r));
    Some((out, carry))
}

/// Row I of a schoolbook product into t (W = 2N limbs): t += a·b_I·2^(32I).
/// I is a constant in each copy, so every index is too, and t lives in
/// locals: a loop over the rows kept t in memory in the wasm (V8 then loads
/// and stores each limb it adds to).
// Every index is below W: I + j < 2N for I, j < N.
#[allow(clippy::indexing_slicing)]
#[inline(always)]
fn row<const N: usize, const W: usize, const I: usize>(t: &mut [u32; W], a: &[u32; N], bi: u32) {
    const { assert!(W == 2 * N && I < N, "a row of a product of N limbs into 2N") };
    let mut carry = 0u64;
    for j in 0..N {
        let w = u64::from(t[I + j]) + u64::from(a[j]) * u64::from(bi) + carry;
        t[I + j] = w as u32;
        carry = w >> 32;
    }
    t[I + N] = carry as u32;
}

/// a², W = 2N limbs, with each cross product a_i·a_j computed once and
/// doubled: N(N+1)/2 limb products, not N².
#[allow(clippy::indexing_slicing)] // constant ranges below the arrays' lengths
#[inline(always)]
fn square_limbs<const N: usize, const W: usize>(a: &[u32; N]) -> [u32; W] {
    const { assert!(W == 2 * N, "a square has twice its factor's limbs") };
    let mut t = [0u32; W];
    for i in 0..N {
        let mut carry = 0u64;
        for j in i + 1..N {
            let w = u64::from(t[i + j]) + u64::from(a[i]) * u64::from(a[j]) + carry;
            t[i + j] = w as u32;
            carry = w >> 32;
        }
        t[i + N] = carry as u32;
    }
    // Double the cross products and add the squares a_i² at 2i.
    let mut carry = 0u64;
    let mut shifted_out = 0u32;
    for i in 0..N {
        let (lo, hi) = (t[2 * i], t[2 * i + 1]);
        let lo2 = (lo << 1) | shifted_out;
        let hi2 = (hi << 1) | (lo >> 31);
        shifted_out = hi >> 31;
        let sq = u64::from(a[i]) * u64::from(a[i]);
        let w = u64::from(lo2) + (sq & 0xffff_ffff) + carry;
        t[2 * i] = w as u32;
        let w = u64::from(hi2) + (sq >> 32) + (w >> 32);
        t[2 * i + 1] = w as u32;
        carry = w >> 32;
    }
    t
}

/// A prime p = 2^(32N) − f of N 32-bit limbs whose f is 1 plus and minus
/// a few powers 2^(32i): 2^(32N) ≡ f (mod p), with +2^(32i) for each i of
/// `plus` and −2^(32i) for each of `minus`. Both the Montgomery reduction
/// (q·p = q·2^(32N) − q·f) and the folding of carries (c·2^(32N) ≡ c·f)
/// read it, so the two cannot disagree.
struct Fold {
    plus: &'static [usize],
    minus: &'static [usize],
}

/// 2²⁵⁶ ≡ 2²²⁴ − 2¹⁹² − 2⁹⁶ + 1 (mod the P-256 prime).
const P256_FOLD: Fold = Fold { plus: &[7], minus: &[3, 6] };

/// 2³⁸⁴ ≡ 2¹²⁸ + 2⁹⁶ − 2³² + 1 (mod the P-384 prime).
const P384_FOLD: Fold = Fold { plus: &[3, 4], minus: &[1] };

/// The Montgomery reduction t·2^(−32N), below 2p, of t < 2^(32N)·p (W = 2N
/// limbs) for a prime of the form `fold` describes, so −p⁻¹ ≡ 1 mod 2³²
/// (SOS, Koç–Acar–Kaliski 1996): each step's multiple q is the limb it
/// clears, and q·p = q·2^(32N) − q·f is a few additions instead of N limb
/// products.
#[allow(clippy::indexing_slicing)] // i + k < 2N for i < N and k ≤ N
#[inline(always)]
fn sparse_reduce<const N: usize, const W: usize>(t: &[u32; W], fold: &Fold) -> BelowTwiceP<[u32; N]> {
    const { assert!(W == 2 * N, "a product has twice its factors' limbs") };
    // N steps, each adding q·p·2^(32i) so that limb i becomes zero. The
    // limbs are signed 64-bit sums, normalised only as each step reads its
    // limb: each takes at most four ±q (< 2³²), far from overflowing.
    let mut acc = [0i64; W];
    for (x, &y) in acc.iter_mut().zip(t) {
        *x = i64::from(y);
    }
    let mut carry = 0i64;
    for i in 0..N {
        let v = acc[i] + carry;
        let q = v & 0xffff_ffff;
        // Limb i is now v − q, a multiple of 2³²: it moves up as a carry.
        carry = (v - q) >> 32;
        // −q·f: −q at limb 0 (above), −q at f's plus limbs, +q at its minus ones.
        for &k in fold.plus {
            acc[i + k] -= q;
        }
        for &k in fold.minus {
            acc[i + k] += q;
        }
        acc[i + N] += q;
    }
    // The upper half is the result, below 2p (and not negative): its
    // limbs normalised, and the carry out of the top is the bit above them.
    let mut out = [0u32; N];
    for (o, &x) in out.iter_mut().zip(&acc[N..]) {
        let v = x + carry;
        *o = v as u32;
        carry = v >> 32;
    }
    (out, carry != 0)
}

/// a·b·2⁻²⁵⁶, less than 2p, for the P-256 prime p and a·b < 2²⁵⁶·p: q·p =
/// q·2²⁵⁶ − q·2²²⁴ + q·2¹⁹² + q·2⁹⁶ − q, four additions per reduction step
/// instead of eight limb products: half the products of [`Field::mul`]'s
/// generic step.
fn p256_mul(a: &[u32; 8], b: &[u32; 8]) -> BelowTwiceP<[u32; 8]> {
    let mut t = [0u32; 16];
    row::<8, 16, 0>(&mut t, a, b[0]);
    row::<8, 16, 1>(&mut t, a, b[1]);
    row::<8, 16, 2>(&mut t, a, b[2]);
    row::<8, 16, 3>(&mut t, a, b[3]);
    row::<8, 16, 4>(&mut t, a, b[4]);
    row::<8, 16, 5>(&mut t, a, b[5]);
    row::<8, 16, 6>(&mut t, a, b[6]);
    row::<8, 16, 7>(&mut t, a, b[7]);
    p256_reduce(&t)
}

/// a²·2⁻²⁵⁶, less than 2p, for the P-256 prime: 36 limb products, not 64.
fn p256_square(a: &[u32; 8]) -> BelowTwiceP<[u32; 8]> {
    p256_reduce(&square_limbs::<8, 16>(a))
}

/// The Montgomery reduction of a 512-bit t < 2²⁵⁶·p for the P-256 prime.
fn p256_reduce(t: &[u32; 16]) -> BelowTwiceP<[u32; 8]> {
    sparse_reduce::<8, 16>(t, &P256_FOLD)
}

/// a·b·2⁻³⁸⁴, less than 2p, for the P-384 prime p and a·b < 2³⁸⁴·p: q·p =
/// q·2³⁸⁴ − q·2¹²⁸ − q·2⁹⁶ + q·2³² − q, as for P-256 four additions per
/// step instead of twelve limb products.
fn p384_mul(a: &[u32; 12], b: &[u32; 12]) -> BelowTwiceP<[u32; 12]> {
    let mut t = [0u32; 24];
    row::<12, 24, 0>(&mut t, a, b[0]);
    row::<12, 24, 1>(&mut t, a, b[1]);
    row::<12, 24, 2>(&mut t, a, b[2]);
    row::<12, 24, 3>(&mut t, a, b[3]);
    row::<12, 24, 4>(&mut t, a, b[4]);
    row::<12, 24, 5>(&mut t, a, b[5]);
    row::<12, 24, 6>(&mut t, a, b[6]);
    row::<12, 24, 7>(&mut t, a, b[7]);
    row::<12, 24, 8>(&mut t, a, b[8]);
    row::<12, 24, 9>(&mut t, a, b[9]);
    row::<12, 24, 10>(&mut t, a, b[10]);
    row::<12, 24, 11>(&mut t, a, b[11]);
    p384_reduce(&t)
}

/// a²·2⁻³⁸⁴, less than 2p, for the P-384 prime: 78 limb products, not 144.
fn p384_square(a: &[u32; 12]) -> BelowTwiceP<[u32; 12]> {
    p384_reduce(&square_limbs::<12, 24>(a))
}

/// The Montgomery reduction of a 768-bit t < 2³⁸⁴·p for the P-384 prime.
#[inline(always)]
fn p384_reduce(t: &[u32; 24]) -> BelowTwiceP<[u32; 12]> {
    sparse_reduce::<12, 24>(t, &P384_FOLD)
}

/// k·a, a < p and k ≤ 8, below 2^(32N) (so below 2p) for a prime of the
/// form `fold` describes: what carries out of the top, c < 8, folds back in
/// as c·2^(32N) ≡ c·f (mod p). One product by a small number and two folds,
/// where k·a by additions modulo p takes two or three of them.
#[allow(clippy::indexing_slicing)] // the primes' constant limb indices, below N
#[inline(always)]
fn times_fold<const N: usize>(a: &[u32; N], k: u32, fold: &Fold) -> BelowTwiceP<[u32; N]> {
    let mut limbs = [0u32; N];
    let mut top = 0u64;
    for (l, &x) in limbs.iter_mut().zip(a) {
        let w = u64::from(x) * u64::from(k) + top;
        *l = w as u32;
        top = w >> 32;
    }
    // The first fold adds less than 8·f, far below 2^(32N), to a value
    // below 2^(32N), so it carries at most 1 and never goes below zero;
    // after a carry what is left is below 8·f, and the second fold's f
    // cannot carry again.
    for _ in 0..2 {
        let c = top as i64;
        let mut acc = limbs.map(i64::from);
        acc[0] += c;
        for &i in fold.plus {
            acc[i] += c;
        }
        for &i in fold.minus {
            acc[i] -= c;
        }
        let mut carry = 0i64;
        for (l, &x) in limbs.iter_mut().zip(&acc) {
            let v = x + carry;
            *l = v as u32;
            carry = v >> 32;
        }
        top = carry as u64;
    }
    debug_assert_eq!(top, 0, "a third fold is never needed");
    (limbs, false)
}

/// k·a for the P-256 prime.
fn p256_times(a: &[u32; 8], k: u32) -> BelowTwiceP<[u32; 8]> {
    times_fold(a, k, &P256_FOLD)
}

/// k·a for the P-384 prime.
fn p384_times(a: &[u32; 12], k: u32) -> BelowTwiceP<[u32; 12]> {
    times_fold(a, k, &P384_FOLD)
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
        let mut field = Field { m, m0_inv: inv.wrapping_neg(), r2: zero, one: zero, form: form_of(&m) };
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
        // `reduce_once`, written out: calling it from here changed LLVM's
        // inlining of the point formulas and cost 9.5 KB of the wasm's gzip.
        if carry || num_cmp(&sum, &self.m) != Ordering::Less {
            num_sub(&sum, &self.m).0
        } else {
            sum
        }
    }

    /// t mod m for t < 2m, given as its N limbs and whether it carried
    /// past them: m subtracted once when t ≥ m (the borrow then cancels
    /// the carry). Inlined into its callers, the products: as a call it
    /// was 5% of an EC chain's analysis in V8, and inlined a P-256
    /// verification takes 139–148 µs there instead of 155, in a smaller
    /// wasm.
    #[inline(always)]
    fn reduce_once(&self, t: Num<N>, carried: bool) -> Num<N> {
        if carried || num_cmp(&t, &self.m) != Ordering::Less {
            num_sub(&t, &self.m).0
        } else {
            t
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
        let special = match self.form {
            Form::P256 => limbs32(a, b, p256_mul),
            Form::P384 => limbs32(a, b, p384_mul),
            Form::Generic => None,
        };
        if let Some((product, carried)) = special {
            return self.reduce_once(product, carried);
        }
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
        // t < 2m, with t_n its top limb (0 or 1).
        self.reduce_once(t, t_n != 0)
    }

    /// a²·R⁻¹ mod m: [`p256_square`] and [`p384_square`] for those primes
    /// in 32-bit limbs, otherwise a plain product (a generic squaring that computes each
    /// cross product once was measured slower than `mul` in the wasm build
    /// when it was compiled at opt-level "z": its 2N-limb buffer and
    /// variable indices kept their bounds checks).
    pub(super) fn square(&self, a: &Num<N>) -> Num<N> {
        let special = match self.form {
            Form::P256 => limbs32(a, a, |a, _| p256_square(a)),
            Form::P384 => limbs32(a, a, |a, _| p384_square(a)),
            Form::Generic => None,
        };
        if let Some((square, carried)) = special {
            return self.reduce_once(square, carried);
        }
        self.mul(a, a)
    }

    /// k·x mod m: [`p256_times`] and [`p384_times`] for those primes in
    /// 32-bit limbs and k ≤ 8 (their bound), otherwise additions (two for 3 and 4, three for
    /// 8). Montgomery form needs nothing else: k·(x·R) = (k·x)·R. Inlined,
    /// so that k is a constant and the additions' loop unrolls (called, it
    /// cost native 64-bit limbs 3% more instructions per verification).
    #[inline(always)]
    pub(super) fn times(&self, x: &Num<N>, k: u32) -> Num<N> {
        if k <= 8 {
            let special = match self.form {
                Form::P256 => limbs32(x, x, |a, _| p256_times(a, k)),
                Form::P384 => limbs32(x, x, |a, _| p384_times(a, k)),
                Form::Generic => None,
            };
            if let Some((product, carried)) = special {
                return self.reduce_once(product, carried);
            }
        }
        let Some(top_bit) = k.checked_ilog2() else { return [0; N] };
        // k's bits from the top, after its leading one: double, then add x.
        let mut out = *x;
        for bit in (0..top_bit).rev() {
            out = self.add(&out, &out);
            if k >> bit & 1 == 1 {
                out = self.add(&out, x);
            }
        }
        out
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

    /// x⁻¹ in Montgomery form (0 for x = 0). The plain inverse of x·R is
    /// x⁻¹·R⁻¹, and entering Montgomery form twice makes it x⁻¹·R.
    pub(super) fn invert(&self, x: &Num<N>) -> Num<N> {
        self.to_mont(&self.to_mont(&self.inverse(x)))
    }

    /// a⁻¹ mod m for 0 < a < m, 0 for a = 0: [`Field::inverse_approx`],
    /// or the plain binary algorithm in the (unexpected) case that it did
    /// not end with a gcd of 1 within its bound.
    pub(super) fn inverse(&self, a: &Num<N>) -> Num<N> {
        self.inverse_approx(a).unwrap_or_else(|| self.inverse_binary(a))
    }

    /// y⁻¹ mod m by [`bingcd::inverse`]; `None` in the cases it leaves
    /// to [`Field::inverse_binary`].
    pub(super) fn inverse_approx(&self, y: &Num<N>) -> Option<Num<N>> {
        let limbs = super::bingcd::inverse(y, &self.m, self.m0_inv)?;
        let mut out = [0; N];
        out.copy_from_slice(limbs.get(..N)?);
        Some(out)
    }

    /// a⁻¹ mod m for 0 < a < m, 0 for a = 0, by the binary extended
    /// Euclidean algorithm (Menezes–van Oorschot–Vanstone, Handbook of
    /// Applied Cryptography, Alg. 14.61, with m odd and prime): halvings,
    /// subtractions and comparisons instead of Fermat's ~bits squarings:
    /// for ECDSA's s⁻¹ on P-256, 4–6 µs instead of 22–26 natively on 32-bit
    /// limbs. Its time depends on a; everything here handles public values.
    fn inverse_binary(&self, a: &Num<N>) -> Num<N> {
        let one = num_small(1);
        // x1·a ≡ u and x2·a ≡ v (mod m) throughout; gcd(u, v) = gcd(a, m) = 1.
        let (mut u, mut v) = (*a, self.m);
        let (mut x1, mut x2) = (one, [0; N]);
        // Each round leaves u + v at least one bit shorter: 2·bits rounds
        // at most, and the bound only stops a loop that cannot happen.
        for _ in 0..2 * N * LIMB_BITS as usize + 2 {
            if num_is_zero(&u) || num_is_zero(&v) {
                break;
            }
            if u == one {
                return x1;
            }
            if v == one {
                return x2;
            }
            while !num_is_odd(&u) {
                u = num_shr1(&u, false);
                x1 = self.halve(&x1);
            }
            while !num_is_odd(&v) {
                v = num_shr1(&v, false);
                x2 = self.halve(&x2);
            }
            if num_cmp(&u, &v) != Ordering::Less {
                u = num_sub(&u, &v).0;
                x1 = self.sub(&x1, &x2);
            } else {
                v = num_sub(&v, &u).0;
                x2 = self.sub(&x2, &x1);
            }
        }
        [0; N]
    }

    /// x/2 mod m for x < m: x + m is even when x is odd.
    fn halve(&self, x: &Num<N>) -> Num<N> {
        if !num_is_odd(x) {
            num_shr1(x, false)
        } else {
            let (sum, carry) = num_add(x, &self.m);
            num_shr1(&sum, carry)
        }
    }

    /// A field element from big-endian octets, in Montgomery form; `None`
    /// when not below m (SEC 1 §2.3.6 refuses such coordinates).
    pub(super) fn element(&self, bytes: &[u8]) -> Option<Num<N>> {
        let x = num_from_be(bytes)?;
        (num_cmp(&x, &self.m) == Ordering::Less).then(|| self.to_mont(&x))
    }
}

#[cfg(all(test, any(not(target_pointer_width = "64"), feature = "limb32")))]
mod tests {
    use super::*;

    /// Field elements below `p` from a fixed xorshift stream, with runs of
    /// all-ones and all-zeros limbs mixed in (the primes' own limbs are
    /// such runs).
    fn values<const L: usize>(p: [u32; L], count: usize) -> Vec<[u32; L]> {
        let mut state = 0x2545_f491_4f6c_dd1d_u64;
        let mut next = move || {
            state ^= state << 13;
            state ^= state >> 7;
            state ^= state << 17;
            state
        };
        let mut out =
            vec![[0; L], num_small(1), num_small(2), num_sub(&p, &num_small(1)).0, num_sub(&p, &num_small(2)).0];
        while out.len() < count {
            let mut v = [0u32; L];
            for limb in v.iter_mut() {
                *limb = match next() % 4 {
                    0 => 0xffff_ffff,
                    1 => 0,
                    _ => next() as u32,
                };
            }
            if num_cmp(&v, &p) == Ordering::Less {
                out.push(v);
            }
        }
        out
    }

    /// The special form's product, square and small multiples against the
    /// generic CIOS step and repeated additions, on 300 values below `prime`.
    fn special_form_agrees<const L: usize>(prime: [u32; L], form: Form, fold: &Fold) {
        // p + f = 2^(32L): the fold describes this prime.
        let mut f = [0i64; L];
        f[0] += 1;
        fold.plus.iter().for_each(|&i| f[i] += 1);
        fold.minus.iter().for_each(|&i| f[i] -= 1);
        let (mut f_limbs, mut borrow) = ([0u32; L], 0i64);
        for (l, &x) in f_limbs.iter_mut().zip(&f) {
            let v = x + borrow;
            *l = v as u32;
            borrow = v >> 32;
        }
        assert_eq!(borrow, 0, "f is positive");
        assert_eq!(num_add(&prime, &f_limbs), ([0; L], true), "p + f = 2^(32L)");
        let special = Field::<L>::new(prime).unwrap();
        assert_eq!(special.form, form);
        let generic = Field { form: Form::Generic, ..Field::<L>::new(prime).unwrap() };
        let vs = values(prime, 300);
        for a in &vs {
            for b in &vs {
                let got = special.mul(a, b);
                assert_eq!(got, generic.mul(a, b), "a={a:08x?} b={b:08x?}");
                assert_eq!(num_cmp(&got, &prime), Ordering::Less);
            }
            assert_eq!(special.square(a), generic.mul(a, a), "a={a:08x?}");
            let mut sum = [0; L];
            for k in 0..=12 {
                assert_eq!(generic.times(a, k), sum, "k={k} a={a:08x?}");
                sum = generic.add(&sum, a);
                let got = special.times(a, k);
                assert_eq!(got, generic.times(a, k), "k={k} a={a:08x?}");
                assert_eq!(num_cmp(&got, &prime), Ordering::Less);
            }
        }
        // Entering Montgomery form takes any value below R, also ≥ p.
        for x in [[0xffff_ffff; L], prime, num_add(&prime, &num_small(5)).0] {
            assert_eq!(special.to_mont(&x), generic.to_mont(&x));
        }
    }

    #[test]
    fn p256_reduction_agrees_with_the_generic_product() {
        special_form_agrees(P256_PRIME, Form::P256, &P256_FOLD);
    }

    #[test]
    fn p384_reduction_agrees_with_the_generic_product() {
        special_form_agrees(P384_PRIME, Form::P384, &P384_FOLD);
    }
}
