//! certscope's RSA, RSA-PSS and ECDSA verdicts against the RustCrypto
//! crates', on keys, messages, nonces and mutations drawn from the input.
//! The check itself is `crates/certscope/tests/diff/mod.rs`, which
//! `tests/verify_diff.rs` also runs on seeded inputs; a disagreement
//! panics, which is the fuzzer's crash.

#![no_main]
#![forbid(unsafe_code)]

use libfuzzer_sys::fuzz_target;

// Outcome is for the seeded test's tally; the fuzzer only needs the panic.
#[allow(dead_code)]
#[path = "../../crates/certscope/tests/diff/mod.rs"]
mod diff;

fuzz_target!(|data: &[u8]| {
    let _ = diff::check(data);
});
