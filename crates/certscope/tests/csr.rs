//! Certificate signing requests through `analyze`: a CSR made by openssl
//! (`tests/data/pfx/make.sh`) with the certificate issued for it.

mod common;

use certscope::report::Report;
use certscope::{analyze, Input, Options, Timestamp};

fn data(name: &str) -> Vec<u8> {
    common::read(&format!("pfx/{name}"))
}

fn run(inputs: Vec<Input>) -> Report {
    analyze(&inputs, &Options::at(Timestamp::parse_rfc3339("2027-01-01T00:00:00Z").unwrap()))
}

fn named(name: &str) -> Input {
    Input::bytes(Some(name.to_string()), data(name))
}

fn csr_codes(r: &Report) -> Vec<&'static str> {
    common::codes_with(r, &["csr-", "input-"])
}

#[test]
fn a_csr_is_decoded_and_its_signature_verified() {
    let r = run(vec![named("leaf.csr")]);
    assert!(csr_codes(&r).is_empty(), "{:?}", r.findings);
    let csr = &r.requests[0];
    assert_eq!(csr.subject, "CN=www.example.test");
    assert_eq!(csr.key, "RSA-2048");
    assert_eq!(csr.signature, certscope::report::SignatureStatus::Valid);
    assert_eq!(csr.dns_names, ["www.example.test", "example.test"]);
    assert!(csr.certificates.is_empty());
    assert_eq!(r.inputs[0].found, "1 CSR (PEM)");
    assert!(r.work.signature_checks >= 1);
}

#[test]
fn the_certificate_issued_for_the_csr_is_recognised() {
    let r = run(vec![named("leaf.crt"), named("ca.crt"), named("leaf.csr")]);
    assert_eq!(csr_codes(&r), ["csr-matches-certificate"]);
    assert_eq!(r.requests[0].certificates, [0]);
    let f = r.findings.iter().find(|f| f.code.code() == "csr-matches-certificate").unwrap();
    assert!(f.message.contains("certificate 1 (www.example.test)"), "{}", f.message);
}

#[test]
fn a_certificate_without_the_requested_names_is_flagged() {
    let r = run(vec![named("leaf-no-san.crt"), named("leaf.csr")]);
    assert_eq!(csr_codes(&r), ["csr-names-not-covered"]);
    assert!(r.requests[0].certificates.is_empty());
    assert_eq!(r.requests[0].names_not_covered, ["example.test", "www.example.test"]);
}

#[test]
fn an_altered_csr_fails_its_signature() {
    let text = String::from_utf8(data("leaf.csr")).unwrap();
    let body: String = text.lines().filter(|l| !l.starts_with("-----")).collect();
    let mut der = base64_decode(&body);
    let at = der.windows(16).position(|w| w == b"www.example.test").unwrap();
    der[at] = b'v';
    let r = run(vec![Input::bytes(None, der)]);
    assert_eq!(csr_codes(&r), ["csr-signature-invalid"]);
    assert_eq!(r.requests[0].signature, certscope::report::SignatureStatus::Invalid);
}

fn base64_decode(s: &str) -> Vec<u8> {
    const T: &[u8] = b"ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/";
    let mut out = Vec::new();
    let (mut acc, mut bits) = (0u32, 0);
    for c in s.bytes().filter(|c| *c != b'=') {
        acc = acc << 6 | T.iter().position(|t| *t == c).unwrap() as u32;
        bits += 6;
        if bits >= 8 {
            bits -= 8;
            out.push((acc >> bits) as u8);
        }
    }
    out
}

#[test]
fn a_key_is_matched_with_the_csr_too() {
    let key = || Input::bytes(Some("leaf.key".into()), data("leaf.key"));
    let r = run(vec![named("leaf.csr"), key()]);
    assert_eq!(r.keys[0].requests, [0]);
    assert!(!r.findings.iter().any(|f| f.code.code() == "key-does-not-match"), "{:?}", r.findings);
    // With the certificate: one finding that names both.
    let r = run(vec![named("leaf.crt"), named("leaf.csr"), key()]);
    let f = r.findings.iter().find(|f| f.code.code() == "key-matches-certificate").unwrap();
    assert!(f.message.contains("also the key of CSR 1"), "{}", f.message);
    // Another key is not the CSR's: the certificate to come will not match it.
    let other = common::data_path("keys/other-rsa.key").display().to_string();
    let r = run(vec![named("leaf.csr"), Input::bytes(None, std::fs::read(other).unwrap())]);
    assert!(r.keys[0].requests.is_empty());
    assert!(r.findings.iter().any(|f| f.code.code() == "key-does-not-match"), "{:?}", r.findings);
}
