//! RSA signatures: PKCS#1 v1.5 (RFC 8017 §8.2) and RSASSA-PSS (RFC 8017
//! §8.1, parameters per RFC 4055).
//!
//! The public-key operation and both encodings are done here rather than
//! through `rsa` 0.9, whose generic Montgomery modpow costs ~12× OpenSSL per
//! verification (docs/performance.md). Verifying needs only `s^e mod n`
//! for a small public `e`: left-to-right square-and-multiply in Montgomery
//! form (17 products for e = 65537). Nothing here
//! is secret, so nothing needs to be constant-time. Doing PSS here also
//! lets the MGF1 hash differ from the message hash, which `rsa` cannot.
//!
//! RFC 8017 §5.2.2 (RSAVP1), §9.2 (EMSA-PKCS1-v1_5), §9.1.2
//! (EMSA-PSS-VERIFY) and §B.2.1 (MGF1).

use super::algorithm::Hash;
use super::algorithm::PssParams;
use super::Verification;
use der::Decode;
use rsa::BigUint;
use sha2::digest::DynDigest;

/// Real roots go to 8192 bits; 16384 keeps the work per signature bounded.
const MAX_MODULUS_BITS: usize = 16_384;
/// `rsa`'s bound, which also keeps the exponent loop short.
const MAX_PUBLIC_EXPONENT: u64 = (1 << 33) - 1;

/// An RSA public key (RFC 8017 §A.1.1), checked the way `rsa` checks one.
pub(crate) struct PublicKey {
    n: BigUint,
    e: u64,
    /// Modulus length in octets (k) and bits.
    k: usize,
    bits: usize,
}

impl PublicKey {
    pub(crate) fn from_spki_bits(spki_bits: &[u8]) -> Option<PublicKey> {
        let key = pkcs1::RsaPublicKey::from_der(spki_bits).ok()?;
        let n = BigUint::from_bytes_be(key.modulus.as_bytes());
        let e_bytes = key.public_exponent.as_bytes();
        if e_bytes.len() > 8 {
            return None;
        }
        let e = e_bytes.iter().fold(0u64, |acc, &b| (acc << 8) | u64::from(b));
        let bits = n.bits();
        let n_is_odd = key.modulus.as_bytes().last().is_some_and(|b| b & 1 == 1);
        if bits > MAX_MODULUS_BITS || !n_is_odd || e < 3 || e % 2 == 0 || e > MAX_PUBLIC_EXPONENT {
            return None;
        }
        if BigUint::from(e) >= n {
            return None;
        }
        Some(PublicKey { n, e, k: bits.div_ceil(8), bits })
    }

    /// RSAVP1: `s^e mod n` as k octets. `None` when the signature is longer
    /// than the modulus or not below it. Signers that drop leading zero
    /// octets are accepted, as OpenSSL does.
    fn public_op(&self, signature: &[u8]) -> Option<Vec<u8>> {
        if signature.len() > self.k {
            return None;
        }
        let s = BigUint::from_bytes_be(signature);
        if s >= self.n {
            return None;
        }
        let m = Montgomery::<Word>::new(&self.n)?.pow(&s, self.e)?;
        let bytes = m.to_bytes_be();
        let mut out = vec![0u8; self.k.checked_sub(bytes.len())?];
        out.extend_from_slice(&bytes);
        Some(out)
    }
}

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
    fn extend_le(self, out: &mut Vec<u8>);
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
            fn extend_le(self, out: &mut Vec<u8>) {
                out.extend_from_slice(&self.to_le_bytes());
            }
        }
    };
}
limb!(u64, u128);
limb!(u32, u64);

/// The limb width ECDSA uses (verify/ec/num.rs, with its `limb32` feature).
type Word = super::ec::num::Limb;

/// Arithmetic modulo an odd n in Montgomery form (R = 2^(L::BITS·limbs)),
/// with CIOS multiplication: no division per step, which is where generic
/// modpow spends its time. Limbs are little-endian.
struct Montgomery<L: Limb> {
    n: Vec<L>,
    /// -n⁻¹ mod 2^L::BITS.
    n0_inv: L,
}

fn to_limbs<L: Limb>(x: &BigUint, len: usize) -> Vec<L> {
    let bytes = x.to_bytes_le();
    let width = (L::BITS / 8) as usize;
    let mut limbs: Vec<L> =
        bytes.chunks(width).map(|c| c.iter().rev().fold(L::from(0), |acc, &b| acc.shl8_or(b))).collect();
    limbs.resize(len.max(limbs.len()), L::from(0));
    limbs
}

fn from_limbs<L: Limb>(limbs: &[L]) -> BigUint {
    let mut bytes = Vec::with_capacity(limbs.len() * (L::BITS / 8) as usize);
    for limb in limbs {
        limb.extend_le(&mut bytes);
    }
    BigUint::from_bytes_le(&bytes)
}

impl<L: Limb> Montgomery<L> {
    fn new(n: &BigUint) -> Option<Montgomery<L>> {
        let limbs: Vec<L> = to_limbs(n, 0);
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

    /// x^e mod n for x < n, by left-to-right square-and-multiply.
    fn pow(&self, x: &BigUint, e: u64) -> Option<BigUint> {
        let len = self.n.len();
        let x_mont = self.to_montgomery(&to_limbs(x, len));
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
        Some(from_limbs(&self.mul(&acc, &one)))
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

fn hasher(hash: Hash) -> Option<Box<dyn DynDigest>> {
    Some(match hash {
        Hash::Md5 => Box::new(md5::Md5::default()),
        Hash::Sha1 => Box::new(sha1::Sha1::default()),
        Hash::Sha224 => Box::new(sha2::Sha224::default()),
        Hash::Sha256 => Box::new(sha2::Sha256::default()),
        Hash::Sha384 => Box::new(sha2::Sha384::default()),
        Hash::Sha512 => Box::new(sha2::Sha512::default()),
        Hash::Md2 | Hash::Md4 => return None,
    })
}

fn digest(hash: Hash, parts: &[&[u8]]) -> Option<Vec<u8>> {
    let mut h = hasher(hash)?;
    for p in parts {
        h.update(p);
    }
    Some(h.finalize().to_vec())
}

/// DigestInfo's DER up to the hash value (RFC 8017 §9.2 note 1).
fn digest_info_prefix(hash: Hash) -> Option<&'static [u8]> {
    Some(match hash {
        Hash::Md5 => &[
            0x30, 0x20, 0x30, 0x0c, 0x06, 0x08, 0x2a, 0x86, 0x48, 0x86, 0xf7, 0x0d, 0x02, 0x05, 0x05, 0x00, 0x04, 0x10,
        ],
        Hash::Sha1 => &[0x30, 0x21, 0x30, 0x09, 0x06, 0x05, 0x2b, 0x0e, 0x03, 0x02, 0x1a, 0x05, 0x00, 0x04, 0x14],
        Hash::Sha224 => &[
            0x30, 0x2d, 0x30, 0x0d, 0x06, 0x09, 0x60, 0x86, 0x48, 0x01, 0x65, 0x03, 0x04, 0x02, 0x04, 0x05, 0x00, 0x04,
            0x1c,
        ],
        Hash::Sha256 => &[
            0x30, 0x31, 0x30, 0x0d, 0x06, 0x09, 0x60, 0x86, 0x48, 0x01, 0x65, 0x03, 0x04, 0x02, 0x01, 0x05, 0x00, 0x04,
            0x20,
        ],
        Hash::Sha384 => &[
            0x30, 0x41, 0x30, 0x0d, 0x06, 0x09, 0x60, 0x86, 0x48, 0x01, 0x65, 0x03, 0x04, 0x02, 0x02, 0x05, 0x00, 0x04,
            0x30,
        ],
        Hash::Sha512 => &[
            0x30, 0x51, 0x30, 0x0d, 0x06, 0x09, 0x60, 0x86, 0x48, 0x01, 0x65, 0x03, 0x04, 0x02, 0x03, 0x05, 0x00, 0x04,
            0x40,
        ],
        Hash::Md2 | Hash::Md4 => return None,
    })
}

/// Outcome of a check whose algorithm certscope can run.
#[derive(Debug, PartialEq, Eq)]
pub(crate) enum Check {
    Valid,
    Invalid,
    /// The hash is not one certscope implements.
    UnsupportedHash,
}

/// RSASSA-PKCS1-v1_5-VERIFY (RFC 8017 §8.2.2): rebuild EM and compare.
fn check_pkcs1(key: &PublicKey, hash: Hash, message: &[u8], signature: &[u8]) -> Check {
    let (Some(prefix), Some(h)) = (digest_info_prefix(hash), digest(hash, &[message])) else {
        return Check::UnsupportedHash;
    };
    let Some(em) = key.public_op(signature) else { return Check::Invalid };
    let t_len = prefix.len() + h.len();
    let Some(ps_len) = key.k.checked_sub(t_len + 3).filter(|&n| n >= 8) else { return Check::Invalid };
    let mut expected = Vec::with_capacity(key.k);
    expected.extend_from_slice(&[0x00, 0x01]);
    expected.resize(2 + ps_len, 0xff);
    expected.push(0x00);
    expected.extend_from_slice(prefix);
    expected.extend_from_slice(&h);
    if em == expected {
        Check::Valid
    } else {
        Check::Invalid
    }
}

/// MGF1 (RFC 8017 §B.2.1).
fn mgf1(hash: Hash, seed: &[u8], len: usize) -> Option<Vec<u8>> {
    let mut out = Vec::with_capacity(len + 64);
    let mut counter: u32 = 0;
    while out.len() < len {
        out.extend_from_slice(&digest(hash, &[seed, &counter.to_be_bytes()])?);
        counter = counter.checked_add(1)?;
    }
    out.truncate(len);
    Some(out)
}

/// RSASSA-PSS-VERIFY (RFC 8017 §8.1.2) with EMSA-PSS-VERIFY (§9.1.2).
fn check_pss(key: &PublicKey, hash: Hash, mgf1_hash: Hash, salt_len: usize, message: &[u8], signature: &[u8]) -> Check {
    let (Some(m_hash), Some(_)) = (digest(hash, &[message]), hasher(mgf1_hash)) else {
        return Check::UnsupportedHash;
    };
    let Some(m) = key.public_op(signature) else { return Check::Invalid };
    match emsa_pss_verify(&m_hash, &m, key.bits - 1, hash, mgf1_hash, salt_len) {
        Some(true) => Check::Valid,
        Some(false) | None => Check::Invalid,
    }
}

fn emsa_pss_verify(m_hash: &[u8], m: &[u8], em_bits: usize, hash: Hash, mgf: Hash, s_len: usize) -> Option<bool> {
    let h_len = m_hash.len();
    let em_len = em_bits.div_ceil(8);
    // I2OSP(m, emLen): any octets of m above emLen must be zero.
    let (high, em) = m.split_at(m.len().checked_sub(em_len)?);
    if high.iter().any(|&b| b != 0) || em_len < h_len + s_len + 2 {
        return Some(false);
    }
    let (masked_db, rest) = em.split_at(em_len - h_len - 1);
    let (h, trailer) = rest.split_at(h_len);
    let unused_bits = 8 * em_len - em_bits;
    let top_mask = 0xffu8.checked_shr(u32::try_from(unused_bits).ok()?).unwrap_or(0);
    if trailer != [0xbc] || masked_db.first()? & !top_mask != 0 {
        return Some(false);
    }
    let db_mask = mgf1(mgf, h, masked_db.len())?;
    let mut db: Vec<u8> = masked_db.iter().zip(&db_mask).map(|(a, b)| a ^ b).collect();
    *db.first_mut()? &= top_mask;
    let ps_len = em_len - h_len - s_len - 2;
    let (ps, rest) = db.split_at(ps_len);
    let (one, salt) = rest.split_first()?;
    if ps.iter().any(|&b| b != 0) || *one != 0x01 {
        return Some(false);
    }
    let h_prime = digest(hash, &[&[0u8; 8], m_hash, salt])?;
    Some(h_prime == h)
}

/// The modulus size in bits, from the raw key (works for keys certscope
/// refuses to verify with). A modulus encoded as a negative INTEGER (see
/// [`modulus_is_negative`]) is sized by its octets read as unsigned, as
/// `openssl x509 -text` sizes it.
pub(crate) fn modulus_bits(spki_bits: &[u8]) -> Option<u32> {
    let bytes = match pkcs1::RsaPublicKey::from_der(spki_bits) {
        Ok(key) => key.modulus.as_bytes().to_vec(),
        Err(_) => signed_key(spki_bits)?.0.as_bytes().to_vec(),
    };
    bit_length(&bytes)
}

/// The bit length of a big-endian unsigned integer (leading zero octets
/// allowed); `None` for zero.
pub(crate) fn bit_length(bytes: &[u8]) -> Option<u32> {
    let bytes = bytes.get(bytes.iter().take_while(|&&b| b == 0).count()..)?;
    let first = *bytes.first()?;
    let len = u32::try_from(bytes.len()).ok()?;
    Some(len.checked_sub(1)?.checked_mul(8)? + (8 - first.leading_zeros()))
}

/// RSAPublicKey with INTEGERs of either sign (RFC 8017 A.1.1 asks for
/// positive ones; strict parsers refuse the rest).
fn signed_key(spki_bits: &[u8]) -> Option<(der::asn1::Int, der::asn1::Int)> {
    let mut reader = der::SliceReader::new(spki_bits).ok()?;
    let pair = der::Reader::sequence(&mut reader, |r| Ok((der::Decode::decode(r)?, der::Decode::decode(r)?))).ok()?;
    der::Reader::finish(reader, pair).ok()
}

/// RFC 8017 A.1.1: the modulus is a positive INTEGER. One whose leading
/// zero octet is missing reads as negative, and no signature verifies with
/// it; openssl prints it anyway, as the unsigned number.
pub(crate) fn modulus_is_negative(spki_bits: &[u8]) -> bool {
    pkcs1::RsaPublicKey::from_der(spki_bits).is_err()
        && signed_key(spki_bits).is_some_and(|(n, _)| n.as_bytes().first().is_some_and(|b| b & 0x80 != 0))
}

/// Why a well-formed RSA key is beyond what certscope computes with (a
/// modulus over [`MAX_MODULUS_BITS`], a public exponent over
/// [`MAX_PUBLIC_EXPONENT`]), in words; `None` for keys within the limits
/// and for keys that do not decode (those are simply invalid).
pub(crate) fn key_over_limit(spki_bits: &[u8]) -> Option<String> {
    let key = pkcs1::RsaPublicKey::from_der(spki_bits).ok()?;
    let bits = modulus_bits(spki_bits).and_then(|b| usize::try_from(b).ok()).unwrap_or(0);
    if bits > MAX_MODULUS_BITS {
        return Some(format!("an RSA key with a {bits}-bit modulus (certscope's limit is {MAX_MODULUS_BITS} bits)"));
    }
    let e = key.public_exponent.as_bytes();
    let e_bits = e.first().map_or(0, |first| (e.len() - 1) * 8 + (8 - first.leading_zeros() as usize));
    let too_big = e.len() > 8 || e.iter().fold(0u64, |acc, &b| (acc << 8) | u64::from(b)) > MAX_PUBLIC_EXPONENT;
    too_big.then(|| format!("an RSA public exponent of {e_bits} bits (certscope's limit is 33 bits)"))
}

/// A key certscope refuses for its size is not proof of a bad signature.
fn over_limit(spki_bits: &[u8], name: &str) -> Option<Verification> {
    key_over_limit(spki_bits).map(|why| Verification::Unsupported(format!("{name} with {why}")))
}

pub(crate) fn verify_pkcs1(hash: Hash, spki_bits: &[u8], message: &[u8], signature: &[u8], name: &str) -> Verification {
    let Some(key) = PublicKey::from_spki_bits(spki_bits) else {
        if let Some(v) = over_limit(spki_bits, name) {
            return v;
        }
        return match digest_info_prefix(hash) {
            Some(_) => Verification::Invalid,
            None => Verification::Unsupported(name.to_string()),
        };
    };
    match check_pkcs1(&key, hash, message, signature) {
        Check::Valid => Verification::Valid,
        Check::Invalid => Verification::Invalid,
        Check::UnsupportedHash => Verification::Unsupported(name.to_string()),
    }
}

pub(crate) fn verify_pss(params: &PssParams, spki_bits: &[u8], message: &[u8], signature: &[u8]) -> Verification {
    let unsupported = || {
        Verification::Unsupported(format!(
            "rsassaPss with {} and MGF1 with {}",
            params.hash.name(),
            params.mgf1_hash.name()
        ))
    };
    let Ok(salt_len) = usize::try_from(params.salt_length) else { return Verification::Invalid };
    let Some(key) = PublicKey::from_spki_bits(spki_bits) else {
        if let Some(v) = over_limit(spki_bits, "rsassaPss") {
            return v;
        }
        return match (hasher(params.hash), hasher(params.mgf1_hash)) {
            (Some(_), Some(_)) => Verification::Invalid,
            _ => unsupported(),
        };
    };
    match check_pss(&key, params.hash, params.mgf1_hash, salt_len, message, signature) {
        Check::Valid => Verification::Valid,
        Check::Invalid => Verification::Invalid,
        Check::UnsupportedHash => unsupported(),
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use der::Encode;

    fn key_der(n: &[u8], e: &[u8]) -> Vec<u8> {
        let key = pkcs1::RsaPublicKey {
            modulus: der::asn1::UintRef::new(n).unwrap(),
            public_exponent: der::asn1::UintRef::new(e).unwrap(),
        };
        key.to_der().unwrap()
    }

    #[test]
    fn keys_are_checked_like_rsa_checks_them() {
        let n = [0xc3u8; 256];
        assert!(PublicKey::from_spki_bits(&key_der(&n, &[1, 0, 1])).is_some());
        // Even modulus, even or tiny exponent, exponent not below the modulus.
        let mut even = n;
        even[255] = 0xc2;
        assert!(PublicKey::from_spki_bits(&key_der(&even, &[1, 0, 1])).is_none());
        assert!(PublicKey::from_spki_bits(&key_der(&n, &[1, 0, 0])).is_none());
        assert!(PublicKey::from_spki_bits(&key_der(&n, &[1])).is_none());
        assert!(PublicKey::from_spki_bits(&key_der(&[0x0f], &[0x11])).is_none());
        // Over 16384 bits.
        assert!(PublicKey::from_spki_bits(&key_der(&[0xc3; 2049], &[1, 0, 1])).is_none());
        assert!(PublicKey::from_spki_bits(b"not DER").is_none());
    }

    #[test]
    fn oversized_keys_are_unsupported_not_invalid_and_cheap() {
        // A 100,000-bit modulus and a 10,000-bit exponent: refused before
        // any arithmetic, by name.
        let mut huge_n = vec![0xc3u8; 12_500];
        huge_n[12_499] = 0xc5;
        let started = std::time::Instant::now();
        let v =
            verify_pkcs1(Hash::Sha256, &key_der(&huge_n, &[1, 0, 1]), b"m", &[0x01; 12_500], "sha256WithRSAEncryption");
        assert!(matches!(&v, Verification::Unsupported(why) if why.contains("100000-bit")), "{v:?}");
        let v = verify_pkcs1(Hash::Sha256, &key_der(&[0xc3; 256], &[0x81; 1250]), b"m", &[0x01; 256], "x");
        assert!(matches!(&v, Verification::Unsupported(why) if why.contains("10000 bits")), "{v:?}");
        assert!(started.elapsed() < std::time::Duration::from_secs(2));
        assert_eq!(key_over_limit(&key_der(&[0xc3; 256], &[1, 0, 1])), None);
        // 2^33 is one over the exponent limit; 2^33 - 1 is within it.
        assert!(key_over_limit(&key_der(&[0xc3; 256], &[2, 0, 0, 0, 1])).is_some());
        assert_eq!(key_over_limit(&key_der(&[0xc3; 256], &[1, 0xff, 0xff, 0xff, 0xff])), None);
    }

    #[test]
    fn signatures_must_be_below_the_modulus_and_fit_it() {
        let key = PublicKey::from_spki_bits(&key_der(&[0xc3; 256], &[1, 0, 1])).unwrap();
        assert!(key.public_op(&[0xc3; 256]).is_none(), "s = n");
        assert!(key.public_op(&[0xff; 256]).is_none(), "s > n");
        assert!(key.public_op(&[0x01; 257]).is_none(), "longer than the modulus");
        // A short signature is its value with leading zero octets dropped.
        let short = key.public_op(&[0x02; 255]).unwrap();
        let mut padded = vec![0u8];
        padded.extend_from_slice(&[0x02; 255]);
        assert_eq!(short, key.public_op(&padded).unwrap());
        assert_eq!(short.len(), 256);
    }

    #[test]
    fn exponentiation_is_right_for_small_numbers() {
        // n = 3233 = 61 * 53, e = 17: 65^17 mod 3233 = 2790 (the textbook example).
        let key = PublicKey { n: BigUint::from(3233u32), e: 17, k: 2, bits: 12 };
        assert_eq!(key.public_op(&[0x00, 65]).unwrap(), 2790u16.to_be_bytes());
    }

    #[test]
    fn montgomery_agrees_with_plain_modpow() {
        // Moduli of real keys (2048, 4096) and odd values around limb edges.
        let mut moduli: Vec<BigUint> = Vec::new();
        for rel in ["real/amazon/AmazonRootCA1.cer", "real/amazon/AmazonRootCA2.cer"] {
            let c = crate::x509::testdata::cert(rel);
            let key = PublicKey::from_spki_bits(c.spki().subject_public_key.raw_bytes()).unwrap();
            moduli.push(key.n);
        }
        // Moduli whose top limb is not full: to_montgomery shifts them.
        let real = moduli.clone();
        for n in real {
            moduli.push((&n >> 5usize) | BigUint::from(1u8));
            moduli.push((&n >> 37usize) | BigUint::from(1u8));
        }
        moduli.push(BigUint::from(3233u32));
        moduli.push((BigUint::from(1u8) << 100) + BigUint::from(277u32));
        moduli.push(BigUint::from(u64::MAX));
        moduli.push(BigUint::from(u32::MAX));
        moduli.push((BigUint::from(1u8) << 127) + BigUint::from(1u8));
        for n in &moduli {
            let (wide, narrow) = (Montgomery::<u64>::new(n).unwrap(), Montgomery::<u32>::new(n).unwrap());
            for x in [
                BigUint::from(0u8),
                BigUint::from(1u8),
                BigUint::from(2u8),
                n - BigUint::from(1u8),
                n >> 3,
                (n >> 1) + BigUint::from(12345u32),
            ] {
                // Montgomery arithmetic takes x < n (public_op refuses the rest).
                if &x >= n {
                    continue;
                }
                let (xw, xn) = (to_limbs::<u64>(&x, wide.n.len()), to_limbs::<u32>(&x, narrow.n.len()));
                let (rw, rn) = (&x << (64 * wide.n.len()), &x << (32 * narrow.n.len()));
                assert_eq!(from_limbs(&wide.to_montgomery(&xw)), rw % n, "u64 limbs: x={x}");
                assert_eq!(from_limbs(&narrow.to_montgomery(&xn)), rn % n, "u32 limbs: x={x}");
                assert_eq!(wide.sqr(&xw), wide.mul(&xw, &xw), "u64 limbs: x={x}");
                assert_eq!(narrow.sqr(&xn), narrow.mul(&xn, &xn), "u32 limbs: x={x}");
                for e in [3u64, 17, 65537, (1 << 33) - 1] {
                    let want = x.modpow(&BigUint::from(e), n);
                    assert_eq!(wide.pow(&x, e).unwrap(), want, "u64 limbs: x={x} e={e}");
                    assert_eq!(narrow.pow(&x, e).unwrap(), want, "u32 limbs: x={x} e={e}");
                }
            }
        }
    }
}
