//! Inputs the cargo-fuzz targets (fuzz/, issue 6) reported, kept as tests.
//! Each names its target and what libFuzzer said; the bytes are in
//! tests/data/regressions/. docs/robustness.md lists them.

mod common;

use certscope::{analyze, Input, Options, Timestamp};
use std::time::{Duration, Instant};

fn read(name: &str) -> Vec<u8> {
    common::read(&format!("regressions/{name}"))
}

fn at() -> Options {
    Options::at(Timestamp::parse_rfc3339("2026-06-01T00:00:00Z").unwrap())
}

/// fuzz target `certificate`, "timeout after 1 seconds" (21:57 UTC run):
/// a mutated RSA-4096 md5WithRSA certificate whose self-signature check
/// sat in num-bigint's modpow when the alarm fired. Replayed alone it
/// takes ~40 ms of CPU under ASan: the machine was loaded (two fuzzers and
/// a build on two cores), not the code slow. Kept so a real slowdown on
/// big RSA keys shows up here.
#[test]
fn certificate_timeout_rsa4096_md5_decodes_quickly() {
    let der = read("certificate-timeout-rsa4096-md5.der");
    let limit = if cfg!(debug_assertions) { Duration::from_secs(10) } else { Duration::from_secs(1) };
    let started = Instant::now();
    let r = analyze(&[Input::bytes(None, der)], &at());
    assert!(started.elapsed() < limit, "took {:?}", started.elapsed());
    assert_eq!(r.certificates.len(), 1, "{:?}", r.findings);
    assert_eq!(r.certificates[0].key_bits, Some(4096));
}

/// From a fuzz run: both targets' timeouts fired while the machine's
/// load average was 5-6 and the fuzzer ran at nice 19; replayed alone
/// under ASan they take 0.26 s (`split`) and 0.19 s (`certificate`),
/// mostly sanitizer start-up, and 0.01 s and 0.05 s in the release CLI.
/// Kept so a real slowdown on such inputs shows up here.
fn replays_quickly(name: &str) -> certscope::Report {
    let bytes = read(name);
    let limit = if cfg!(debug_assertions) { Duration::from_secs(10) } else { Duration::from_secs(1) };
    let started = Instant::now();
    let r = analyze(&[Input::bytes(Some(name.into()), bytes)], &at());
    assert!(started.elapsed() < limit, "{name} took {:?}", started.elapsed());
    r
}

/// fuzz target `split`, "timeout after 1 seconds" (23:51 UTC run): base64
/// of a mutated OCSP response with text spliced in. Nothing decodes; the
/// report says so.
#[test]
fn split_timeout_ocsp_base64_junk_reports_quickly() {
    let r = replays_quickly("split-timeout-ocsp-base64-junk.txt");
    assert!(r.certificates.is_empty());
    assert!(r.findings.iter().any(|f| f.code.code().starts_with("input-")), "{:?}", r.findings);
}

/// fuzz target `certificate`, "timeout after 1 seconds" (23:55 UTC run): a
/// mutated P-521 certificate whose signature algorithm OID is unknown.
#[test]
fn certificate_timeout_p521_unknown_algorithm_decodes_quickly() {
    let r = replays_quickly("certificate-timeout-p521-unknown-sigalg.der");
    assert_eq!(r.certificates.len(), 1, "{:?}", r.findings);
    assert_eq!(r.certificates[0].key, "EC-P-521");
}

/// From a fuzz run, targets `pkcs7`, `ocsp_response`, `crl` and
/// `analyze`, each "timeout after 1 seconds" at load average 8-9 with the
/// fuzzer at nice 19; each replays under ASan in 1-20 ms (the `analyze`
/// bytes are fed here as one input, not split as its target does). Kept, like the two above, so a
/// real slowdown on them would show here.
#[test]
fn load_timeouts_from_pkcs7_ocsp_crl_and_analyze_targets_replay_quickly() {
    for name in
        ["pkcs7-timeout-load.p7b", "ocsp_response-timeout-load.der", "crl-timeout-load.crl", "analyze-timeout-load.bin"]
    {
        let r = replays_quickly(name);
        assert!(!r.findings.is_empty(), "{name}: no finding");
    }
}
