//! Multi-limb unsigned integers: little-endian limb arrays whose length N
//! is a curve's (4, 6 and 9 limbs of 64 bits for P-256, P-384 and P-521;
//! 8, 12 and 17 of 32 bits on wasm32), so that every loop has a length
//! known at compile time.

use std::cmp::Ordering;

// wasm32 has a native 32×32→64 multiply, not a 64×64→128 one. The
// `limb32` feature takes the 32-bit limbs natively too, so that the test
// suite (Wycheproof, the differential checks) proves the arithmetic the
// wasm build ships (scripts/test.sh). verify/rsa.rs uses the same width.
#[cfg(all(target_pointer_width = "64", not(feature = "limb32")))]
pub(crate) type Limb = u64;
#[cfg(all(target_pointer_width = "64", not(feature = "limb32")))]
pub(super) type Wide = u128;
#[cfg(any(not(target_pointer_width = "64"), feature = "limb32"))]
pub(crate) type Limb = u32;
#[cfg(any(not(target_pointer_width = "64"), feature = "limb32"))]
pub(super) type Wide = u64;

pub(super) const LIMB_BITS: u32 = Limb::BITS;
pub(super) const LIMB_BYTES: usize = (Limb::BITS / 8) as usize;

/// Limbs for a field of `bytes` octets.
pub(super) const fn limbs(bytes: usize) -> usize {
    bytes.div_ceil(LIMB_BYTES)
}

/// The most limbs a curve needs: P-521's.
pub(super) const MAX_LIMBS: usize = limbs(66);

/// An unsigned integer below 2^(N·LIMB_BITS), little-endian limbs.
pub(super) type Num<const N: usize> = [Limb; N];

/// Big-endian octets as an integer; `None` when they need more than N limbs.
pub(super) fn num_from_be<const N: usize>(bytes: &[u8]) -> Option<Num<N>> {
    if bytes.len() > N * LIMB_BYTES {
        return None;
    }
    let mut out = [0; N];
    for (limb, chunk) in out.iter_mut().zip(bytes.rchunks(LIMB_BYTES)) {
        *limb = chunk.iter().fold(0, |acc, &b| (acc << 8) | Limb::from(b));
    }
    Some(out)
}

/// Big-endian octets, all N·LIMB_BYTES of them (leading zeros kept).
pub(super) fn num_to_be<const N: usize>(a: &Num<N>) -> Vec<u8> {
    a.iter().rev().flat_map(|limb| limb.to_be_bytes()).collect()
}

// The three below run inside every field operation: index loops over the
// constant range 0..N, which the release build (opt-level "z") keeps free
// of bounds checks and iterator calls, and inlined into their callers.

#[inline(always)]
#[allow(clippy::indexing_slicing)] // every index is below N, the arrays' length
pub(super) fn num_cmp<const N: usize>(a: &Num<N>, b: &Num<N>) -> Ordering {
    for i in (0..N).rev() {
        if a[i] != b[i] {
            return a[i].cmp(&b[i]);
        }
    }
    Ordering::Equal
}

/// a + b, and whether it carried out of the top limb.
#[inline(always)]
#[allow(clippy::indexing_slicing)] // every index is below N, the arrays' length
pub(super) fn num_add<const N: usize>(a: &Num<N>, b: &Num<N>) -> (Num<N>, bool) {
    let mut out = [0; N];
    let mut carry: Limb = 0;
    for i in 0..N {
        let w = Wide::from(a[i]) + Wide::from(b[i]) + Wide::from(carry);
        out[i] = w as Limb;
        carry = (w >> LIMB_BITS) as Limb;
    }
    (out, carry != 0)
}

/// a − b (wrapping), and whether it borrowed.
#[inline(always)]
#[allow(clippy::indexing_slicing)] // every index is below N, the arrays' length
pub(super) fn num_sub<const N: usize>(a: &Num<N>, b: &Num<N>) -> (Num<N>, bool) {
    let mut out = [0; N];
    let mut borrow: Limb = 0;
    for i in 0..N {
        let w = Wide::from(a[i]).wrapping_sub(Wide::from(b[i])).wrapping_sub(Wide::from(borrow));
        out[i] = w as Limb;
        borrow = (w >> LIMB_BITS) as Limb & 1;
    }
    (out, borrow != 0)
}

pub(super) fn num_small<const N: usize>(v: Limb) -> Num<N> {
    let mut out = [0; N];
    if let Some(first) = out.first_mut() {
        *first = v;
    }
    out
}

pub(super) fn num_is_zero<const N: usize>(a: &Num<N>) -> bool {
    a.iter().all(|&l| l == 0)
}

pub(super) fn num_bit<const N: usize>(a: &Num<N>, bit: usize) -> bool {
    a.get(bit / LIMB_BITS as usize).is_some_and(|l| (l >> (bit % LIMB_BITS as usize)) & 1 == 1)
}

/// The `width` (at most 8) bits of `a` from bit `pos` up, zero past the top.
#[allow(clippy::unnecessary_cast)] // a no-op with 32-bit limbs
pub(super) fn num_window<const N: usize>(a: &Num<N>, pos: usize, width: u32) -> u32 {
    let limb = pos / LIMB_BITS as usize;
    let shift = (pos % LIMB_BITS as usize) as u32;
    let low = a.get(limb).map_or(0, |l| l >> shift);
    // The bits above this limb's top come from the next one (none when
    // the window starts at a limb boundary: a shift by LIMB_BITS overflows).
    let high = match (shift, a.get(limb + 1)) {
        (0, _) | (_, None) => 0,
        (s, Some(&next)) => next << (LIMB_BITS - s),
    };
    ((low | high) & ((1 << width) - 1)) as u32
}

pub(super) fn num_bits<const N: usize>(a: &Num<N>) -> usize {
    for (i, l) in a.iter().enumerate().rev() {
        if *l != 0 {
            return i * LIMB_BITS as usize + (LIMB_BITS - l.leading_zeros()) as usize;
        }
    }
    0
}

pub(super) fn num_is_odd<const N: usize>(a: &Num<N>) -> bool {
    a.first().is_some_and(|l| l & 1 == 1)
}

/// a >> 1, with `top` shifted in as the new top bit.
pub(super) fn num_shr1<const N: usize>(a: &Num<N>, top: bool) -> Num<N> {
    let mut out = [0; N];
    let mut above = Limb::from(top);
    for (o, &x) in out.iter_mut().zip(a).rev() {
        *o = (x >> 1) | (above << (LIMB_BITS - 1));
        above = x & 1;
    }
    out
}
