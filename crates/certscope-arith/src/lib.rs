//! certscope's signature arithmetic: RSA's public-key operation ([`rsa`])
//! and ECDSA verification on the NIST prime curves ([`ec`]). The core
//! (crates/certscope) decodes keys and signatures, hashes, and checks the
//! encodings; this crate only computes.
//!
//! A crate of its own so that the release build can optimise it for speed
//! (opt-level 3, Cargo.toml) while the rest of the web app is optimised
//! for size: in the browser, limb loops unrolled at opt-level 3 make an
//! ECDSA chain's analysis ~40% faster, and whole-core opt-level 3 would
//! cost ~200 KB of gzip (docs/performance.md).
//!
//! Its proofs are in the core's test suite, which reaches it only through
//! certscope's verification: Project Wycheproof's vectors
//! (crates/certscope/tests/wycheproof.rs) and the differential checks
//! against the RustCrypto crates (tests/verify_diff.rs, fuzz/verify_diff).

#![forbid(unsafe_code)]
#![cfg_attr(
    not(test),
    deny(
        clippy::unwrap_used,
        clippy::expect_used,
        clippy::panic,
        clippy::unreachable,
        clippy::string_slice,
        clippy::indexing_slicing
    )
)]

pub mod ec;
pub mod rsa;
