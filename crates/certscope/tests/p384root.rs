//! An EC chain rooted in P-384 (`tests/data/p384root/make.sh`): the root
//! signs the P-256 intermediate with ecdsa-with-SHA384, the intermediate
//! signs the leaf and a good OCSP response. The shape of the EC input that
//! issue 15 measured, and bench/browser's third case.

mod common;

use certscope::report::Report;
use certscope::report::{CertificateStatus, Freshness, OcspSignature, Verdict};
use certscope::{analyze, Input, Options, Timestamp};
use common::codes;

fn read(name: &str) -> Vec<u8> {
    common::read(&format!("p384root/{name}"))
}

fn opts() -> Options {
    let as_of = Timestamp::parse_rfc3339(String::from_utf8(read("asof.txt")).unwrap().trim()).unwrap();
    Options {
        host: Some("p384root.test".to_string()),
        use_system_roots: false,
        extra_anchors: vec![read("root.pem")],
        ..Options::at(as_of)
    }
}

/// The leaf, the intermediate (whose signature is the P-384 one) and the
/// response, as separate inputs.
fn check(inter: Vec<u8>) -> Report {
    let inputs = [
        Input::bytes(Some("leaf.pem".to_string()), read("leaf.pem")),
        Input::bytes(Some("inter.pem".to_string()), inter),
        Input::bytes(Some("good.ocsp.der".to_string()), read("good.ocsp.der")),
    ];
    analyze(&inputs, &opts())
}

#[test]
fn the_p384_root_verifies_its_p256_intermediate_and_the_response_is_good() {
    let r = check(read("inter.pem"));
    assert!(r.summary.trusted, "{:?}", codes(&r));
    assert!(r.chain.complete && r.chain.valid && r.chain.order_ok, "{:?}", codes(&r));
    assert_eq!(r.summary.verdict, Verdict::Ok, "{:?}", codes(&r));
    let o = r.ocsp.as_ref().unwrap();
    assert_eq!(o.signature, Some(OcspSignature::Valid));
    let leaf = o.leaf.as_ref().unwrap();
    assert_eq!((leaf.status, leaf.freshness), (CertificateStatus::Good, Freshness::Fresh));
}

#[test]
fn a_changed_bit_in_the_p384_signature_breaks_the_chain() {
    use base64::Engine as _;
    let pem = String::from_utf8(read("inter.pem")).unwrap();
    let body: String = pem.lines().filter(|l| !l.starts_with("-----")).collect();
    let der = base64::engine::general_purpose::STANDARD.decode(body).unwrap();
    // The signature value is the certificate's last bytes: flip a bit of s.
    let mut bad = der.clone();
    let last = bad.len() - 2;
    bad[last] ^= 0x01;
    let r = check(bad);
    assert!(!r.summary.trusted, "{:?}", codes(&r));
    assert_eq!(r.summary.verdict, Verdict::Error, "{:?}", codes(&r));
    assert!(check(der).summary.trusted);
}
