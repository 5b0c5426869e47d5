//! RSA's Montgomery arithmetic for targets without a 64×64→128 multiply
//! (wasm32): digits of 28 or 26 bits and product scanning, so that a whole
//! column of digit products sums in one 64-bit accumulator with no carry
//! per product.
//!
//! This is the "FIPS" method of Koç, Acar and Kaliski, "Analyzing and
//! comparing Montgomery multiplication algorithms" (IEEE Micro, 1996):
//! column k of a·b and of m·n, where m's digits are chosen column by
//! column so that the low half of a·b + m·n is zero. Each product is a
//! multiply and an add; with 32-bit limbs (`Montgomery<u32>`'s CIOS) each
//! also carries. An RSA-2048 verification (e = 65537) in the wasm build,
//! in V8: ~76 µs, against ~92 by CIOS on 32-bit limbs; most of what is
//! left is the m·n columns (one product per digit pair, where a square
//! needs half) and the entry into Montgomery form (~7 µs).

use super::{less_than, Montgomery};

/// Digit widths and the most digits each allows: a column holds at most
/// 2·len products of two digits, each below 2^(2·bits), plus the carry
/// from the column below, below 2^(64 − bits); all of it stays below 2⁶⁴
/// for 2·len·(2^bits − 1)² + 2^(64 − bits) < 2⁶⁴. 28-bit digits take
/// moduli of up to 111 limbs, 3,552 bits (RSA-2048 and -3072 in 74 and 110
/// digits, not 79 and 119); 26-bit digits go to 53,216 bits, far over the
/// core's 16,384 (verify/rsa.rs).
const WIDTHS: [(u32, usize); 2] = [(28, 127), (26, 2047)];

/// Arithmetic modulo an odd n with R = 2^(bits·len) ≥ 4n, on values below
/// 2n: Montgomery products of such values are again below 2n, so nothing
/// is reduced between steps.
struct Columns {
    n: Vec<u64>,
    bits: u32,
    mask: u64,
    /// −n⁻¹ mod 2^bits.
    n0_inv: u64,
}

/// Σ x_j·y_(k−j) over the pairs of `x` and `y` reversed, as one 64-bit sum.
fn column(x: &[u64], y: &[u64]) -> u64 {
    x.iter().zip(y.iter().rev()).map(|(&a, &b)| a * b).sum()
}

impl Columns {
    /// The digits of n (odd) in `bits`-bit digits, `len` of them.
    fn new(n: Vec<u64>, bits: u32) -> Option<Columns> {
        let n0 = *n.first()?;
        if n0 & 1 == 0 {
            return None;
        }
        let mask = (1u64 << bits) - 1;
        // Newton's iteration doubles the correct low bits each step: 1 → 32.
        let mut inv: u64 = 1;
        for _ in 0..5 {
            inv = inv.wrapping_mul(2u64.wrapping_sub(n0.wrapping_mul(inv)));
        }
        Some(Columns { n, bits, mask, n0_inv: inv.wrapping_neg() & mask })
    }

    /// a·b·R⁻¹ mod n, below 2n, given the 2·len − 1 columns of a·b for a
    /// and b below 2n.
    fn reduce(&self, product: &[u64]) -> Vec<u64> {
        let len = self.n.len();
        let (low_columns, high_columns) = product.split_at(len.min(product.len()));
        let mut m = Vec::with_capacity(len);
        let mut acc: u64 = 0;
        for (&sum, k) in low_columns.iter().zip(0..) {
            let (Some(n_high), Some(&n0)) = (self.n.get(1..=k), self.n.first()) else { break };
            acc += sum + column(&m, n_high);
            // The digit that makes column k zero.
            let mk = (acc.wrapping_mul(self.n0_inv)) & self.mask;
            acc = (acc + mk * n0) >> self.bits;
            m.push(mk);
        }
        let mut out = Vec::with_capacity(len);
        for (&sum, low) in high_columns.iter().zip(1..) {
            let (Some(m_high), Some(n_high)) = (m.get(low..), self.n.get(low..)) else { break };
            acc += sum + column(m_high, n_high);
            out.push(acc & self.mask);
            acc >>= self.bits;
        }
        // Below 2n < R: the last digit is what is left.
        out.push(acc);
        out
    }

    /// a·b·R⁻¹ mod n, below 2n, for a and b below 2n: the columns of a·b,
    /// then [`Columns::reduce`].
    fn mul(&self, a: &[u64], b: &[u64]) -> Vec<u64> {
        let len = self.n.len();
        let columns: Vec<u64> = (0..2 * len - 1)
            .map(|k| {
                let (low, high) = ((k + 1).saturating_sub(len), k.min(len - 1));
                match (a.get(low..high + 1), b.get(k - high..k - low + 1)) {
                    (Some(x), Some(y)) => column(x, y),
                    _ => 0,
                }
            })
            .collect();
        self.reduce(&columns)
    }

    /// a²·R⁻¹ mod n: each cross product of a column once, doubled.
    fn sqr(&self, a: &[u64]) -> Vec<u64> {
        let len = self.n.len();
        let columns: Vec<u64> = (0..2 * len - 1)
            .map(|k| {
                // The pairs j < k − j, j ≥ low, and the middle digit's square.
                let low = (k + 1).saturating_sub(len);
                let high = k.div_ceil(2).max(low);
                let cross = match (a.get(low..high), a.get(k + 1 - high..k - low + 1)) {
                    (Some(x), Some(y)) => column(x, y),
                    _ => 0,
                };
                let middle = if k % 2 == 0 { a.get(k / 2).map_or(0, |&d| d * d) } else { 0 };
                2 * cross + middle
            })
            .collect();
        self.reduce(&columns)
    }
}

/// 32-bit limbs (little-endian) as `len` digits of `bits` bits.
fn to_digits(limbs: &[u32], bits: u32, len: usize) -> Vec<u64> {
    let mask = (1u64 << bits) - 1;
    let mut out = Vec::with_capacity(len);
    let (mut acc, mut held) = (0u64, 0u32);
    for &limb in limbs {
        acc |= u64::from(limb) << held;
        held += 32;
        while held >= bits {
            out.push(acc & mask);
            acc >>= bits;
            held -= bits;
        }
    }
    out.push(acc);
    out.resize(len, 0);
    out
}

/// Digits of `bits` bits as 32-bit limbs, `len` of them (the value must fit).
fn to_limbs(digits: &[u64], bits: u32, len: usize) -> Vec<u32> {
    let mut out = Vec::with_capacity(len);
    let (mut acc, mut held) = (0u64, 0u32);
    for &d in digits {
        acc |= d << held;
        held += bits;
        if held >= 32 {
            out.push(acc as u32);
            acc >>= 32;
            held -= 32;
        }
    }
    out.push(acc as u32);
    out.resize(len, 0);
    out
}

/// (x + x) mod n for x < n, in 32-bit limbs.
fn double_mod(x: &[u32], n: &[u32]) -> Vec<u32> {
    let mut out = Vec::with_capacity(x.len());
    let mut carry = 0u32;
    for &limb in x {
        out.push((limb << 1) | carry);
        carry = limb >> 31;
    }
    if carry == 1 || !less_than(&out, n) {
        let mut borrow = false;
        for (o, &nj) in out.iter_mut().zip(n) {
            let (d1, b1) = o.overflowing_sub(nj);
            let (d2, b2) = d1.overflowing_sub(u32::from(borrow));
            *o = d2;
            borrow = b1 || b2;
        }
    }
    out
}

/// The digit width for n's `limbs` 32-bit limbs and how many digits make
/// R ≥ 4n; `None` past the widest modulus [`WIDTHS`] allows.
fn width(limbs: usize) -> Option<(u32, usize)> {
    WIDTHS
        .iter()
        .map(|&(bits, most)| (bits, (32 * limbs + 2).div_ceil(bits as usize), most))
        .find(|&(_, len, most)| len <= most)
        .map(|(bits, len, _)| (bits, len))
}

/// x^e mod n for x < n (n's limb count), as 32-bit limbs as many as n's;
/// `None` when n is even or too long for [`WIDTHS`], or e is 0.
pub(super) fn pow(mont: &Montgomery<u32>, x: &[u32], e: u64) -> Option<Vec<u32>> {
    let limbs = mont.n.len();
    let (bits, len) = width(limbs)?;
    let columns = Columns::new(to_digits(&mont.n, bits, len), bits)?;
    // x·R mod n: x·2^(32·limbs) by the 32-bit limbs' division steps, then
    // doubled for the bits R has beyond that.
    let mut x_r = mont.to_montgomery(x);
    for _ in 0..bits as usize * len - 32 * limbs {
        x_r = double_mod(&x_r, &mont.n);
    }
    let x_mont = to_digits(&x_r, bits, len);
    let top = 63u32.checked_sub(e.leading_zeros())?;
    let mut acc = x_mont.clone();
    for bit in (0..top).rev() {
        acc = columns.sqr(&acc);
        if (e >> bit) & 1 == 1 {
            acc = columns.mul(&acc, &x_mont);
        }
    }
    let mut one = vec![0u64; len];
    if let Some(first) = one.first_mut() {
        *first = 1;
    }
    // acc·R⁻¹ is at most n, and n itself only when x^e ≡ 0.
    let result = to_limbs(&columns.mul(&acc, &one), bits, limbs + 1);
    Some(mont.reduce_once(&result))
}

#[cfg(test)]
mod tests {
    use super::*;
    use num_bigint_dig::BigUint;

    fn limbs_of(n: &BigUint) -> Vec<u32> {
        let be = n.to_bytes_be();
        super::super::to_limbs::<u32>(&be, 0)
    }

    fn value(digits: &[u64], bits: u32) -> BigUint {
        digits.iter().rev().fold(BigUint::from(0u8), |acc, &d| (acc << bits as usize) + BigUint::from(d))
    }

    /// Products and squares of values below 2n are a·b·R⁻¹ mod n, below 2n,
    /// for odd moduli of RSA's sizes and of a few digits, in both widths.
    #[test]
    fn products_are_montgomery_products_below_twice_n() {
        let one = || BigUint::from(1u8);
        let moduli = [
            (one() << 2047usize) + BigUint::from(0x1234_5677u32),
            // The longest modulus of 28-bit digits: 111 limbs, 127 digits.
            (one() << 3551usize) - one(),
            (one() << 4095usize) - one(),
            (one() << 1000usize) + BigUint::from(3u8),
            BigUint::from(3233u32),
            BigUint::from(u32::MAX),
        ];
        for n in &moduli {
            let limbs = limbs_of(n);
            for (bits, most) in WIDTHS {
                let len = (32 * limbs.len() + 2).div_ceil(bits as usize);
                if len > most {
                    continue;
                }
                let columns = Columns::new(to_digits(&limbs, bits, len), bits).unwrap();
                let twice = n << 1usize;
                let samples = [
                    BigUint::from(0u8),
                    one(),
                    n - one(),
                    n.clone(),
                    &twice - one(),
                    n >> 3usize,
                    (n * BigUint::from(7u8)) >> 2usize,
                ];
                for a in &samples {
                    let da = to_digits(&limbs_of(a), bits, len);
                    assert_eq!(&value(&da, bits), a);
                    assert_eq!(&BigUint::from_slice(&to_limbs(&da, bits, limbs.len() + 1)), a);
                    for b in &samples {
                        let db = to_digits(&limbs_of(b), bits, len);
                        let product = value(&columns.mul(&da, &db), bits);
                        assert!(product < twice, "below 2n");
                        // product·R ≡ a·b (R is invertible mod an odd n).
                        assert_eq!((&product << (bits as usize * len)) % n, (a * b) % n, "{bits} bits: a={a} b={b}");
                    }
                    assert_eq!(columns.sqr(&da), columns.mul(&da, &da), "{bits} bits: a={a}");
                }
            }
        }
        assert_eq!(width(111), Some((28, 127)));
        assert_eq!(width(112), Some((26, 138)));
        assert_eq!(width(512), Some((26, 631)));
        assert_eq!(width(1663), Some((26, 2047)));
        assert_eq!(width(1664), None);
    }

    /// x^e ≡ 0 mod n happens when n has a square factor; the result is 0, not n.
    #[test]
    fn a_power_divisible_by_n_is_zero() {
        // n = 61²·53, x = 61·53: x² = 61²·53².
        let n = BigUint::from(61u32 * 61 * 53);
        let mont = Montgomery::<u32>::new(&n.to_bytes_be()).unwrap();
        let x = super::super::to_limbs::<u32>(&[0x0c, 0xa1], mont.n.len());
        assert_eq!(pow(&mont, &x, 2).unwrap(), vec![0; mont.n.len()]);
        assert_eq!(pow(&mont, &x, 65537).unwrap(), vec![0; mont.n.len()]);
    }
}
