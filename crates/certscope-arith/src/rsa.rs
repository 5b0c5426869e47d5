//! RSA's public-key operation, `x^e mod n` for a small public `e` (RSAVP1,
//! RFC 8017 §5.2.2): left-to-right square-and-multiply in Montgomery form
//! (17 products for e = 65537), instead of `rsa` 0.9's generic modpow,
//! which costs ~12× OpenSSL per verification (docs/performance.md).
//! Nothing here is secret, so nothing needs to be constant-time.

/// The limbs of the Montgomery arithmetic below. Production uses [`Word`],
/// as wide as the target multiplies natively: wasm32 has a 32×32→64
/// multiply but no 64×64→128 one, which it emulates with a call per
/// product. The tests run both.
trait Limb: Copy + Ord + From<bool> + From<u8> + std::ops::AddAssign {
    const BITS: u32;
    /// a + b·c + carry, as (low, high) halves.
    fn mac(a: Self, b: Self, c: Self, carry: Self) -> (Self, Self);
    fn add_carry(self, other: Self) -> (Self, bool);
    fn sub_borrow(self, other: Self) -> (Self, bool);
    fn mul_low(self, other: Self) -> Self;
    fn sub_low(self, other: Self) -> Self;
    fn neg_low(self) -> Self;
    fn shl8_or(self, byte: u8) -> Self;
    fn is_odd(self) -> bool;
    fn leading_zeros(self) -> u32;
    /// The high limb of (hi:lo) << bits, for bits < BITS.
    fn funnel_shl(hi: Self, lo: Self, bits: u32) -> Self;
    /// The low limb of (hi:lo) >> bits, for bits < BITS.
    fn funnel_shr(hi: Self, lo: Self, bits: u32) -> Self;
    /// (hi:lo) / d, for hi < d (so that the quotient is one limb).
    fn div_wide(hi: Self, lo: Self, d: Self) -> Self;
    const MAX: Self;
    fn extend_be(self, out: &mut Vec<u8>);
}

macro_rules! limb {
    ($limb:ty, $wide:ty) => {
        impl Limb for $limb {
            const BITS: u32 = <$limb>::BITS;
            fn mac(a: Self, b: Self, c: Self, carry: Self) -> (Self, Self) {
                let wide = <$wide>::from(a) + <$wide>::from(b) * <$wide>::from(c) + <$wide>::from(carry);
                (wide as $limb, (wide >> <$limb>::BITS) as $limb)
            }
            fn add_carry(self, other: Self) -> (Self, bool) {
                self.overflowing_add(other)
            }
            fn sub_borrow(self, other: Self) -> (Self, bool) {
                self.overflowing_sub(other)
            }
            fn mul_low(self, other: Self) -> Self {
                self.wrapping_mul(other)
            }
            fn sub_low(self, other: Self) -> Self {
                self.wrapping_sub(other)
            }
            fn neg_low(self) -> Self {
                self.wrapping_neg()
            }
            fn shl8_or(self, byte: u8) -> Self {
                (self << 8) | <$limb>::from(byte)
            }
            fn is_odd(self) -> bool {
                self & 1 == 1
            }
            fn leading_zeros(self) -> u32 {
                <$limb>::leading_zeros(self)
            }
            fn funnel_shl(hi: Self, lo: Self, bits: u32) -> Self {
                ((((<$wide>::from(hi) << <$limb>::BITS) | <$wide>::from(lo)) << bits) >> <$limb>::BITS) as $limb
            }
            fn funnel_shr(hi: Self, lo: Self, bits: u32) -> Self {
                (((<$wide>::from(hi) << <$limb>::BITS) | <$wide>::from(lo)) >> bits) as $limb
            }
            fn div_wide(hi: Self, lo: Self, d: Self) -> Self {
                let q = ((<$wide>::from(hi) << <$limb>::BITS) | <$wide>::from(lo)).checked_div(<$wide>::from(d));
                q.unwrap_or(0) as $limb
            }
            const MAX: Self = <$limb>::MAX;
            fn extend_be(self, out: &mut Vec<u8>) {
                out.extend_from_slice(&self.to_be_bytes());
            }
        }
    };
}
limb!(u64, u128);
limb!(u32, u64);

/// The limb width ECDSA uses (ec/num.rs, with its `limb32` feature).
type Word = crate::ec::num::Limb;

// With 32-bit limbs (wasm32) the exponentiation runs on 28- or 26-bit
// digits by columns (columns.rs): ~76 instead of ~92 µs per RSA-2048
// verification in V8. Natively the 64-bit limbs' CIOS below is the faster.
#[cfg_attr(all(target_pointer_width = "64", not(feature = "limb32")), allow(dead_code))]
mod columns;

#[cfg(any(not(target_pointer_width = "64"), feature = "limb32"))]
fn power(mont: &Montgomery<Word>, x: &[Word], e: u64) -> Option<Vec<Word>> {
    // Moduli past the digits' column bound (over 53,000 bits) by CIOS.
    columns::pow(mont, x, e).or_else(|| mont.pow(x, e))
}

#[cfg(all(target_pointer_width = "64", not(feature = "limb32")))]
fn power(mont: &Montgomery<Word>, x: &[Word], e: u64) -> Option<Vec<Word>> {
    mont.pow(x, e)
}

/// Arithmetic modulo an odd n in Montgomery form (R = 2^(L::BITS·limbs)),
/// with CIOS multiplication: no division per step, which is where generic
/// modpow spends its time. Limbs are little-endian.
struct Montgomery<L: Limb> {
    n: Vec<L>,
    /// -n⁻¹ mod 2^L::BITS.
    n0_inv: L,
}

/// Big-endian octets as `len` little-endian limbs (more when they need more).
fn to_limbs<L: Limb>(be: &[u8], len: usize) -> Vec<L> {
    let width = (L::BITS / 8) as usize;
    let mut limbs: Vec<L> = be.rchunks(width).map(|c| c.iter().fold(L::from(0), |acc, &b| acc.shl8_or(b))).collect();
    limbs.resize(len.max(limbs.len()), L::from(0));
    limbs
}

/// Little-endian limbs as big-endian octets, all of them.
fn to_be<L: Limb>(limbs: &[L]) -> Vec<u8> {
    let mut bytes = Vec::with_capacity(limbs.len() * (L::BITS / 8) as usize);
    for limb in limbs.iter().rev() {
        limb.extend_be(&mut bytes);
    }
    bytes
}

/// `x^e mod n` as big-endian octets, exactly as many as `n_be` has; `n_be`
/// and `x_be` are big-endian, leading zero octets allowed. `None` when n is
/// even (so not an RSA modulus), when x is not below n, or when e is 0.
pub fn modpow(n_be: &[u8], x_be: &[u8], e: u64) -> Option<Vec<u8>> {
    let x_be = significant(x_be);
    if x_be.len() > significant(n_be).len() {
        return None;
    }
    let mont = Montgomery::<Word>::new(n_be)?;
    let x = to_limbs::<Word>(x_be, mont.n.len());
    if !less_than(&x, &mont.n) {
        return None;
    }
    let m = to_be(&power(&mont, &x, e)?);
    // The limbs hold a whole number of octets, n_be at least its significant ones.
    let extra = m.len().checked_sub(n_be.len());
    Some(match extra {
        Some(extra) => m.get(extra..)?.to_vec(),
        None => [vec![0; n_be.len() - m.len()], m].concat(),
    })
}

/// Big-endian octets without their leading zero octets.
fn significant(be: &[u8]) -> &[u8] {
    let zeros = be.iter().take_while(|&&b| b == 0).count();
    be.get(zeros..).unwrap_or_default()
}

impl<L: Limb> Montgomery<L> {
    fn new(n_be: &[u8]) -> Option<Montgomery<L>> {
        let limbs: Vec<L> = to_limbs(significant(n_be), 0);
        let n0 = *limbs.first()?;
        if !n0.is_odd() {
            return None;
        }
        // Newton's iteration doubles the correct low bits each step: 1 → 64.
        let mut inv = L::from(1);
        for _ in 0..6 {
            inv = inv.mul_low(L::from(2).sub_low(n0.mul_low(inv)));
        }
        Some(Montgomery { n: limbs, n0_inv: inv.neg_low() })
    }

    /// a·b·R⁻¹ mod n, for a, b < n.
    fn mul(&self, a: &[L], b: &[L]) -> Vec<L> {
        let zero = L::from(0);
        let len = self.n.len();
        // Each step adds a·b_i + m·n to a window of len + 2 limbs (the running
        // sum and two carry limbs) whose lowest limb then is zero; the next
        // step's window starts one limb higher instead of shifting the sum down.
        let mut t = vec![zero; 2 * len + 2];
        for (i, &bi) in b.iter().enumerate() {
            let Some(window) = t.get_mut(i..i + len + 2) else { break };
            let (low, high) = window.split_at_mut(len);
            let mut carry = zero;
            for (tj, &aj) in low.iter_mut().zip(a) {
                (*tj, carry) = L::mac(*tj, aj, bi, carry);
            }
            if let [t_len, t_len1] = high {
                let (sum, overflow) = t_len.add_carry(carry);
                *t_len = sum;
                *t_len1 = L::from(overflow);
            }
            // Add m·n so the lowest limb becomes zero.
            let m = low.first().copied().unwrap_or(zero).mul_low(self.n0_inv);
            let mut carry = zero;
            for (tj, &nj) in low.iter_mut().zip(&self.n) {
                (*tj, carry) = L::mac(*tj, m, nj, carry);
            }
            if let [t_len, t_len1] = high {
                let (sum, overflow) = t_len.add_carry(carry);
                *t_len = sum;
                *t_len1 += L::from(overflow);
            }
        }
        self.reduce_once(t.get(b.len().min(len)..).unwrap_or_default())
    }

    /// a·a·R⁻¹ mod n, for a < n: the square first, whose cross products
    /// a_i·a_j (i < j) are each computed once and doubled, then the
    /// reduction. 1.5·len² limb products instead of [`Montgomery::mul`]'s
    /// 2·len², and exponentiation is mostly squaring.
    fn sqr(&self, a: &[L]) -> Vec<L> {
        let zero = L::from(0);
        let len = self.n.len();
        let mut t = vec![zero; 2 * len + 1];
        // The cross products: row i adds a_i·a_j at i + j, for j > i, and
        // its carry lands at i + len, which no earlier row reached.
        for (i, &ai) in a.iter().enumerate() {
            let (Some(row), Some(rest)) = (t.get_mut(2 * i + 1..), a.get(i + 1..)) else { break };
            let mut carry = zero;
            for (tj, &aj) in row.iter_mut().zip(rest) {
                (*tj, carry) = L::mac(*tj, ai, aj, carry);
            }
            if let Some(top) = row.get_mut(rest.len()) {
                *top = carry;
            }
        }
        // Double them and add the squares a_i² at 2i.
        let (mut shifted_out, mut carry) = (false, zero);
        for (pair, &ai) in t.chunks_exact_mut(2).zip(a) {
            if let [lo, hi] = pair {
                // x + x has a zero low bit, so adding the bit shifted in cannot overflow.
                let (lo2, lo_out) = lo.add_carry(*lo);
                let (hi2, hi_out) = hi.add_carry(*hi);
                let (lo2, _) = lo2.add_carry(L::from(shifted_out));
                let (hi2, _) = hi2.add_carry(L::from(lo_out));
                shifted_out = hi_out;
                let (low, high) = L::mac(lo2, ai, ai, carry);
                let (high, overflow) = hi2.add_carry(high);
                (*lo, *hi, carry) = (low, high, L::from(overflow));
            }
        }
        // Montgomery reduction: step i adds m·n at i so that limb i becomes
        // zero; its carry out of i + len waits for step i + 1.
        let mut top_carry = false;
        for i in 0..len {
            let Some(window) = t.get_mut(i..) else { break };
            let m = window.first().copied().unwrap_or(zero).mul_low(self.n0_inv);
            let mut carry = zero;
            for (tj, &nj) in window.iter_mut().zip(&self.n) {
                (*tj, carry) = L::mac(*tj, m, nj, carry);
            }
            if let Some(t_len) = window.get_mut(len) {
                let (sum, c1) = t_len.add_carry(carry);
                let (sum, c2) = sum.add_carry(L::from(top_carry));
                *t_len = sum;
                top_carry = c1 || c2;
            }
        }
        if let Some(last) = t.last_mut() {
            *last = L::from(top_carry);
        }
        self.reduce_once(t.get(len..).unwrap_or_default())
    }

    /// t mod n for t < 2n given as len limbs and a top limb: subtracts n
    /// once if t >= n.
    fn reduce_once(&self, t: &[L]) -> Vec<L> {
        let zero = L::from(0);
        let len = self.n.len();
        let over = t.get(len).is_some_and(|&top| top != zero) || !less_than(t.get(..len).unwrap_or_default(), &self.n);
        let mut t = t.get(..len).unwrap_or_default().to_vec();
        if over {
            let mut borrow = false;
            for (tj, &nj) in t.iter_mut().zip(&self.n) {
                let (d1, b1) = tj.sub_borrow(nj);
                let (d2, b2) = d1.sub_borrow(L::from(borrow));
                *tj = d2;
                borrow = b1 || b2;
            }
        }
        t
    }

    /// x·R mod n for x < n: len times, x·2^BITS reduced mod n by one
    /// quotient limb (Knuth, TAOCP vol. 2 §4.3.1, algorithm D), on x and n
    /// shifted so that n's top bit is set, which keeps each estimated
    /// quotient at most 2 over the true one. About half a product; generic
    /// BigUint division cost several.
    fn to_montgomery(&self, x: &[L]) -> Vec<L> {
        let zero = L::from(0);
        let shift = self.n.last().map_or(0, |&top| top.leading_zeros());
        let n = shl(&self.n, shift);
        let mut c = shl(x, shift);
        let (Some(&n_top), len) = (n.last(), n.len()) else { return c };
        // u holds len + 1 limbs; its top limb is zero between steps.
        c.push(zero);
        for _ in 0..len {
            // u·2^BITS, whose quotient by n is below 2^BITS: the top limb,
            // zero, comes round to the bottom.
            c.rotate_right(1);
            let Some((u_top, low)) = c.split_last_mut() else { break };
            let u_next = low.last().copied().unwrap_or(zero);
            let mut q = if *u_top >= n_top { L::MAX } else { L::div_wide(*u_top, u_next, n_top) };
            // u - q·n.
            let (mut carry, mut borrow) = (zero, false);
            for (uj, &nj) in low.iter_mut().zip(&n) {
                let (product, high) = L::mac(zero, q, nj, carry);
                carry = high;
                let (d1, b1) = uj.sub_borrow(product);
                let (d2, b2) = d1.sub_borrow(L::from(borrow));
                *uj = d2;
                borrow = b1 || b2;
            }
            let (d1, b1) = u_top.sub_borrow(carry);
            let (d2, b2) = d1.sub_borrow(L::from(borrow));
            *u_top = d2;
            borrow = b1 || b2;
            // q was at most 2 too large: add n back while u is negative.
            while borrow && q != zero {
                let mut carry = false;
                for (uj, &nj) in low.iter_mut().zip(&n) {
                    let (s1, c1) = uj.add_carry(nj);
                    let (s2, c2) = s1.add_carry(L::from(carry));
                    *uj = s2;
                    carry = c1 || c2;
                }
                let (s1, c1) = u_top.add_carry(L::from(carry));
                *u_top = s1;
                borrow = !c1;
                q = q.sub_low(L::from(1));
            }
        }
        c.truncate(len);
        shr(&c, shift)
    }

    /// x^e mod n for x < n (len limbs), by left-to-right square-and-multiply.
    fn pow(&self, x: &[L], e: u64) -> Option<Vec<L>> {
        let len = self.n.len();
        let x_mont = self.to_montgomery(x);
        let mut acc = x_mont.clone();
        let top = 63u32.checked_sub(e.leading_zeros())?;
        for bit in (0..top).rev() {
            acc = self.sqr(&acc);
            if (e >> bit) & 1 == 1 {
                acc = self.mul(&acc, &x_mont);
            }
        }
        let mut one = vec![L::from(0); len];
        if let Some(first) = one.first_mut() {
            *first = L::from(1);
        }
        Some(self.mul(&acc, &one))
    }
}

/// x << bits, for bits < L::BITS, in as many limbs as x (the caller knows
/// the top bits are free).
fn shl<L: Limb>(x: &[L], bits: u32) -> Vec<L> {
    let zero = L::from(0);
    std::iter::once(&zero).chain(x).zip(x).map(|(&lo, &hi)| L::funnel_shl(hi, lo, bits)).collect()
}

/// x >> bits, for bits < L::BITS.
fn shr<L: Limb>(x: &[L], bits: u32) -> Vec<L> {
    let zero = L::from(0);
    x.iter().zip(x.iter().skip(1).chain(std::iter::once(&zero))).map(|(&lo, &hi)| L::funnel_shr(hi, lo, bits)).collect()
}

/// a < b for equal-length little-endian limb slices.
fn less_than<L: Limb>(a: &[L], b: &[L]) -> bool {
    for (x, y) in a.iter().rev().zip(b.iter().rev()) {
        if x != y {
            return x < y;
        }
    }
    false
}

#[cfg(test)]
mod tests {
    use super::*;
    use num_bigint_dig::BigUint;

    #[test]
    fn exponentiation_is_right_for_small_numbers() {
        // n = 3233 = 61 * 53, e = 17: 65^17 mod 3233 = 2790 (the textbook example).
        assert_eq!(modpow(&3233u16.to_be_bytes(), &[65], 17).unwrap(), 2790u16.to_be_bytes());
        // Leading zero octets on either side; the result is as long as n is given.
        assert_eq!(modpow(&[0, 0, 0x0c, 0xa1], &[0, 0, 0, 0, 65], 17).unwrap(), [0, 0, 0x0a, 0xe6]);
    }

    #[test]
    fn only_an_odd_modulus_and_a_smaller_base_are_taken() {
        let n = [0xc3u8; 256];
        assert!(modpow(&n, &[0x02; 256], 65537).is_some());
        assert!(modpow(&n, &n, 65537).is_none(), "x = n");
        assert!(modpow(&n, &[0xff; 256], 65537).is_none(), "x > n");
        assert!(modpow(&n, &[0x01; 257], 65537).is_none(), "longer than n");
        assert!(modpow(&[0xc2; 256], &[0x02; 256], 65537).is_none(), "even n");
        assert!(modpow(&[], &[], 3).is_none() && modpow(&[0, 0], &[], 3).is_none(), "n = 0");
        assert!(modpow(&n, &[0x02; 256], 0).is_none(), "e = 0");
        assert_eq!(modpow(&n, &[0x02; 256], 1).unwrap(), [0x02; 256]);
    }

    /// Odd moduli of `bits` bits, top bit set, from a fixed xorshift stream.
    fn modulus(bits: usize, seed: u64) -> BigUint {
        let mut state = seed;
        let bytes: Vec<u8> = (0..bits / 8)
            .map(|_| {
                state ^= state << 13;
                state ^= state >> 7;
                state ^= state << 17;
                state as u8
            })
            .collect();
        BigUint::from_bytes_be(&bytes) | (BigUint::from(1u8) << (bits - 1)) | BigUint::from(1u8)
    }

    #[test]
    fn montgomery_agrees_with_plain_modpow() {
        // RSA sizes, and odd values around limb edges.
        let mut moduli: Vec<BigUint> = vec![modulus(2048, 7), modulus(3072, 11), modulus(4096, 13)];
        // Moduli whose top limb is not full: to_montgomery shifts them.
        for n in moduli.clone() {
            moduli.push((&n >> 5usize) | BigUint::from(1u8));
            moduli.push((&n >> 37usize) | BigUint::from(1u8));
        }
        moduli.push(BigUint::from(3233u32));
        moduli.push((BigUint::from(1u8) << 100) + BigUint::from(277u32));
        moduli.push(BigUint::from(u64::MAX));
        moduli.push(BigUint::from(u32::MAX));
        moduli.push((BigUint::from(1u8) << 127) + BigUint::from(1u8));
        let from_limbs = |be: Vec<u8>| BigUint::from_bytes_be(&be);
        for n in &moduli {
            let n_be = n.to_bytes_be();
            let (wide, narrow) = (Montgomery::<u64>::new(&n_be).unwrap(), Montgomery::<u32>::new(&n_be).unwrap());
            for x in [
                BigUint::from(0u8),
                BigUint::from(1u8),
                BigUint::from(2u8),
                n - BigUint::from(1u8),
                n >> 3,
                (n >> 1) + BigUint::from(12345u32),
            ] {
                if &x >= n {
                    continue;
                }
                let x_be = x.to_bytes_be();
                let (xw, xn) = (to_limbs::<u64>(&x_be, wide.n.len()), to_limbs::<u32>(&x_be, narrow.n.len()));
                let (rw, rn) = (&x << (64 * wide.n.len()), &x << (32 * narrow.n.len()));
                assert_eq!(from_limbs(to_be(&wide.to_montgomery(&xw))), rw % n, "u64 limbs: x={x}");
                assert_eq!(from_limbs(to_be(&narrow.to_montgomery(&xn))), rn % n, "u32 limbs: x={x}");
                assert_eq!(wide.sqr(&xw), wide.mul(&xw, &xw), "u64 limbs: x={x}");
                assert_eq!(narrow.sqr(&xn), narrow.mul(&xn, &xn), "u32 limbs: x={x}");
                for e in [3u64, 17, 65537, (1 << 33) - 1] {
                    let want = x.modpow(&BigUint::from(e), n);
                    assert_eq!(from_limbs(to_be(&wide.pow(&xw, e).unwrap())), want, "u64 limbs: x={x} e={e}");
                    assert_eq!(from_limbs(to_be(&narrow.pow(&xn, e).unwrap())), want, "u32 limbs: x={x} e={e}");
                    assert_eq!(
                        from_limbs(to_be(&columns::pow(&narrow, &xn, e).unwrap())),
                        want,
                        "digits by columns: x={x} e={e}"
                    );
                    let got = modpow(&n_be, &x_be, e).unwrap();
                    assert_eq!(got.len(), n_be.len());
                    assert_eq!(from_limbs(got), want, "modpow: x={x} e={e}");
                }
            }
        }
    }
}
