//! CRLs through the public entry point: the Amazon Trust Services demo
//! chains and their intermediates' real CRLs (two with about 14,000 entries).

mod common;

use certscope::report::{Freshness, RowId};
use certscope::{analyze, Input, Options, Timestamp};
use std::time::{Duration, Instant};

/// The Amazon Trust Services demo set: chains, their CAs and their CRLs.
fn file(name: &str) -> Input {
    common::named(&format!("real/amazon/{name}"))
}

/// The CRLs are fresh on 25 Feb 2025 (SOURCES.md: fresh 2025-02-22..2025-03-01).
fn fresh() -> Options {
    Options { use_system_roots: false, ..Options::at(Timestamp::parse_rfc3339("2025-02-25T00:00:00Z").unwrap()) }
}

/// (chain, the CRL of its intermediate) for the revoked and the valid leaf.
const AMAZON: &[(&str, &str)] = &[
    ("revoked.rootca1.chain.pem", "r2m02.crl"),
    ("revoked.rootca2.chain.pem", "r4m01.crl"),
    ("revoked.rootca3.chain.pem", "e2m03.crl"),
    ("revoked.rootca4.chain.pem", "e3m02.crl"),
    ("valid.rootca1.chain.pem", "r2m03.crl"),
    ("valid.rootca2.chain.pem", "r4m02.crl"),
    ("valid.rootca3.chain.pem", "e2m03.crl"),
    ("valid.rootca4.chain.pem", "e3m02.crl"),
];

#[test]
fn amazon_crls_revoke_exactly_the_revoked_leaves() {
    for &(chain, crl) in AMAZON {
        let r = analyze(&[file(chain), file(crl)], &fresh());
        assert_eq!(r.crls.len(), 1, "{chain}");
        let c = &r.crls[0];
        assert_eq!(c.signature.as_str(), "valid", "{crl} is signed by the chain's intermediate");
        assert_eq!(c.signer, Some(1), "{crl}");
        assert_eq!(c.freshness, Freshness::Fresh, "{crl}");
        let revoked_codes: Vec<_> = r.findings.iter().filter(|f| f.code.code() == "crl-revoked").collect();
        if chain.starts_with("revoked") {
            assert_eq!(c.revoked.len(), 1, "{chain}");
            assert_eq!(c.revoked[0].certificate, 0, "{chain}: the leaf");
            assert_eq!(revoked_codes.len(), 1, "{chain}");
            assert_eq!(revoked_codes[0].certificate, Some(0));
            let valid_row = r.summary.rows.iter().find(|row| row.id == RowId::Valid).unwrap();
            assert!(valid_row.value.starts_with("No — revoked"), "{chain}: {}", valid_row.value);
        } else {
            assert!(c.revoked.is_empty() && revoked_codes.is_empty(), "{chain}");
        }
    }
}

#[test]
fn a_14000_entry_crl_is_checked_quickly() {
    let inputs = [file("revoked.rootca1.chain.pem"), file("r2m02.crl")];
    let started = Instant::now();
    let r = analyze(&inputs, &fresh());
    let took = started.elapsed();
    println!("r2m02.crl (14,102 entries, 494 KB): {took:?}");
    assert_eq!(r.crls[0].entries, 14_102);
    assert_eq!(r.crls[0].revoked[0].serial, "07ae9184abd8cb74841328aa449a0725");
    // Generous for an unoptimized build on a shared 2-core machine.
    assert!(took < Duration::from_secs(3), "{took:?}");
}

#[test]
fn stale_and_unverifiable_crls_are_reported() {
    let late =
        Options { use_system_roots: false, ..Options::at(Timestamp::parse_rfc3339("2026-01-01T00:00:00Z").unwrap()) };
    let r = analyze(&[file("valid.rootca3.chain.pem"), file("e2m03.crl")], &late);
    assert_eq!(r.crls[0].freshness, Freshness::Stale);
    assert!(r.findings.iter().any(|f| f.code.code() == "crl-stale"));
    // A root's CRL without the root at hand.
    let r = analyze(&[file("valid.rootca3.chain.pem"), file("rootca3.crl")], &fresh());
    assert_eq!(r.crls[0].signature.as_str(), "issuer-missing");
    assert!(r.findings.iter().any(|f| f.code.code() == "crl-issuer-missing"));
}

#[test]
fn a_roots_crl_is_verified_with_the_root_from_mozillas_store() {
    let with_store = Options::at(Timestamp::parse_rfc3339("2025-02-25T00:00:00Z").unwrap());
    let r = analyze(&[file("valid.rootca1.chain.pem"), file("rootca1.crl")], &with_store);
    let c = &r.crls[0];
    assert_eq!(c.issuer, "CN=Amazon Root CA 1,O=Amazon,C=US");
    assert_eq!(c.signature.as_str(), "valid");
    assert_eq!(c.signer, None, "the signer is a store anchor, not an input certificate");
    assert_eq!(c.entries, 4);
    assert!(c.revoked.is_empty(), "Amazon RSA 2048 M03 is not revoked");
}

/// RFC 5280 §6.3.3 (b) on real CRLs: each intermediate's CRL applies to
/// its leaf (whose distribution point it is) and not to the intermediate,
/// which the root issued; the summary gives the leaf's CRL status.
#[test]
fn real_crls_apply_to_their_leaves_and_say_why_not_to_the_rest() {
    use certscope::report::{CrlScope, CrlStatus};
    for &(chain, crl) in AMAZON {
        let r = analyze(&[file(chain), file(crl)], &fresh());
        let c = &r.crls[0];
        assert!(c.used, "{crl}");
        let scope = |i: usize| c.scope.iter().find(|a| a.certificate == i).map(|a| a.scope);
        assert_eq!(scope(0), Some(CrlScope::Applies), "{chain}: the leaf names this CRL's distribution point");
        assert_eq!(scope(1), Some(CrlScope::OtherIssuer), "{chain}: the root issued the intermediate");
        let want = if chain.starts_with("revoked") { CrlStatus::Revoked } else { CrlStatus::NotRevoked };
        assert_eq!(r.summary.crl_status, Some(want), "{chain}");
        let row = r.summary.rows.iter().find(|row| row.id == RowId::CrlStatus).expect("a CRL Status row");
        assert!(row.value.starts_with(if want == CrlStatus::Revoked { "Revoked" } else { "Not revoked" }), "{chain}");
        assert!(!r.findings.iter().any(|f| f.code.code() == "crl-status-undetermined"), "{chain}");
    }
    // The root's CRL alone does not cover the leaf: its status is undetermined.
    let r = analyze(&[file("valid.rootca1.chain.pem"), file("rootca1.crl")], &fresh());
    assert_eq!(r.summary.crl_status, Some(CrlStatus::Undetermined));
    let f = r.findings.iter().find(|f| f.code.code() == "crl-status-undetermined").expect("a finding");
    assert_eq!(f.certificate, Some(0));
    // No CRL, no CRL status.
    let r = analyze(&[file("valid.rootca1.chain.pem")], &fresh());
    assert_eq!(r.summary.crl_status, None);
}
