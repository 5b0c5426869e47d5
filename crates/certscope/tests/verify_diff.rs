//! The differential check of `fuzz/fuzz_targets/verify_diff.rs` (see
//! `tests/diff/mod.rs`) on a fixed set of seeded inputs, so every test run
//! compares certscope's RSA, RSA-PSS and ECDSA verdicts with RustCrypto's.
//!
//! ```sh
//! cargo test -p certscope --test verify_diff -- --nocapture   # prints the tally
//! VERIFY_DIFF_CASES=5000 cargo test -p certscope --test verify_diff   # a longer run
//! ```

mod diff;

use diff::Scheme;
use std::collections::BTreeMap;

/// Seeded inputs: the same cases on every run (xorshift64*, seed fixed).
fn inputs(n: usize) -> impl Iterator<Item = Vec<u8>> {
    let mut state: u64 = 0x5eed_ce27_5c0b_e001;
    let mut next = move || {
        state ^= state >> 12;
        state ^= state << 25;
        state ^= state >> 27;
        state.wrapping_mul(0x2545_f491_4f6c_dd1d)
    };
    (0..n).map(move |_| {
        let len = (next() % 400) as usize;
        (0..len).map(|_| next() as u8).collect()
    })
}

#[test]
fn certscope_agrees_with_rustcrypto_on_seeded_cases() {
    let cases = std::env::var("VERIFY_DIFF_CASES").ok().and_then(|v| v.parse().ok()).unwrap_or(400);
    let mut tally: BTreeMap<String, (usize, usize)> = BTreeMap::new();
    let mut mutations: BTreeMap<String, usize> = BTreeMap::new();
    for data in inputs(cases) {
        let outcome = diff::check(&data);
        let entry = tally.entry(format!("{:?}", outcome.scheme)).or_default();
        if outcome.valid {
            entry.0 += 1;
        } else {
            entry.1 += 1;
        }
        *mutations.entry(format!("{:?}", outcome.mutation)).or_default() += 1;
    }
    for (scheme, (valid, invalid)) in &tally {
        println!("{scheme}: {valid} valid, {invalid} invalid (both sides agreed)");
    }
    println!("mutations: {mutations:?}");
    // Every scheme ran, and each gave both verdicts: a check that could
    // only ever say "invalid" (or "valid") would fail here.
    for scheme in [Scheme::P256, Scheme::P384, Scheme::P521, Scheme::RsaPkcs1, Scheme::RsaPss] {
        let (valid, invalid) = tally.get(&format!("{scheme:?}")).copied().unwrap_or_default();
        assert!(valid > 0 && invalid > 0, "{scheme:?}: {valid} valid, {invalid} invalid");
    }
    assert_eq!(mutations.len(), 8, "every mutation ran: {mutations:?}");
}
