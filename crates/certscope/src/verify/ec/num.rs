//! Multi-limb unsigned integers: fixed-size little-endian limb arrays
//! large enough for P-521, the largest field.

use std::cmp::Ordering;

#[cfg(target_pointer_width = "64")]
pub(super) type Limb = u64;
#[cfg(target_pointer_width = "64")]
pub(super) type Wide = u128;
// wasm32 has a native 32×32→64 multiply, not a 64×64→128 one.
#[cfg(not(target_pointer_width = "64"))]
pub(super) type Limb = u32;
#[cfg(not(target_pointer_width = "64"))]
pub(super) type Wide = u64;

pub(super) const LIMB_BITS: u32 = Limb::BITS;
pub(super) const LIMB_BYTES: usize = (Limb::BITS / 8) as usize;
/// The largest field, P-521's, is 66 octets.
pub(super) const MAX_BYTES: usize = 66;
pub(super) const LIMBS: usize = MAX_BYTES.div_ceil(LIMB_BYTES);

/// An unsigned integer below 2^(LIMBS·LIMB_BITS), little-endian limbs.
pub(super) type Num = [Limb; LIMBS];

pub(super) const ZERO: Num = [0; LIMBS];

pub(super) fn num_from_be(bytes: &[u8]) -> Option<Num> {
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
pub(super) fn num_to_be(a: &Num) -> Vec<u8> {
    a.iter().rev().flat_map(|limb| limb.to_be_bytes()).collect()
}

pub(super) fn num_cmp(a: &Num, b: &Num) -> Ordering {
    num_cmp_low(a, b, LIMBS)
}

/// The same on the lowest `len` limbs (the rest must be zero).
pub(super) fn num_cmp_low(a: &Num, b: &Num, len: usize) -> Ordering {
    for (x, y) in a.iter().take(len).rev().zip(b.iter().take(len).rev()) {
        match x.cmp(y) {
            Ordering::Equal => continue,
            other => return other,
        }
    }
    Ordering::Equal
}

/// a + b, and whether it carried out of the top limb.
pub(super) fn num_add(a: &Num, b: &Num) -> (Num, bool) {
    num_add_low(a, b, LIMBS)
}

/// The same on the lowest `len` limbs (the rest must be zero).
pub(super) fn num_add_low(a: &Num, b: &Num, len: usize) -> (Num, bool) {
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
pub(super) fn num_sub(a: &Num, b: &Num) -> (Num, bool) {
    num_sub_low(a, b, LIMBS)
}

/// The same on the lowest `len` limbs (the rest must be zero).
pub(super) fn num_sub_low(a: &Num, b: &Num, len: usize) -> (Num, bool) {
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

pub(super) fn num_small(v: Limb) -> Num {
    let mut out = ZERO;
    if let Some(first) = out.first_mut() {
        *first = v;
    }
    out
}

pub(super) fn num_is_zero(a: &Num) -> bool {
    a.iter().all(|&l| l == 0)
}

pub(super) fn num_bit(a: &Num, bit: usize) -> bool {
    a.get(bit / LIMB_BITS as usize).is_some_and(|l| (l >> (bit % LIMB_BITS as usize)) & 1 == 1)
}

pub(super) fn num_bits(a: &Num) -> usize {
    for (i, l) in a.iter().enumerate().rev() {
        if *l != 0 {
            return i * LIMB_BITS as usize + (LIMB_BITS - l.leading_zeros()) as usize;
        }
    }
    0
}

pub(super) fn num_shr2(a: &Num) -> Num {
    let mut out = ZERO;
    let mut above: Limb = 0;
    for (o, &x) in out.iter_mut().zip(a).rev() {
        *o = (x >> 2) | (above << (LIMB_BITS - 2));
        above = x;
    }
    out
}
