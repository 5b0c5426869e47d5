//! Signature verification as the report shows it for self-issued
//! certificates: `self_signed` is true only when the certificate's own key
//! verifies its signature, for every algorithm certscope checks.
//! (Issuer-to-subject links are checked in `chain`'s tests; the unit tests
//! in `src/verify/` cover every limbo and Amazon chain link by link.)

mod common;

use certscope::{analyze, Input, Options, Timestamp};

fn data(name: &str) -> Vec<u8> {
    common::read(&format!("x509/{name}"))
}

fn opts() -> Options {
    Options { use_system_roots: false, ..Options::at(Timestamp::parse_rfc3339("2026-01-01T00:00:00Z").unwrap()) }
}

/// The DER inside a one-certificate PEM file.
fn der_of(name: &str) -> Vec<u8> {
    let text = String::from_utf8(data(name)).unwrap();
    let body: String = text.lines().filter(|l| !l.starts_with("-----")).collect();
    base64::Engine::decode(&base64::engine::general_purpose::STANDARD, body).unwrap()
}

const ALGORITHMS: &[&str] = &[
    "rsa-pkcs1-md5",
    "rsa-pkcs1-sha1",
    "rsa-pkcs1-sha224",
    "rsa-pkcs1-sha256",
    "rsa-pkcs1-sha384",
    "rsa-pkcs1-sha512",
    "rsa-pss-sha256-salt32",
    "rsa-pss-sha384-salt48",
    "rsa-pss-sha512-salt64",
    "rsapss-key-sha256",
    "ecdsa-P-256-sha1",
    "ecdsa-P-256-sha256",
    "ecdsa-P-256-sha384",
    "ecdsa-P-256-sha512",
    "ecdsa-P-384-sha1",
    "ecdsa-P-384-sha256",
    "ecdsa-P-384-sha384",
    "ecdsa-P-384-sha512",
    "ecdsa-P-521-sha256",
    "ecdsa-P-521-sha384",
    "ecdsa-P-521-sha512",
    "ed25519",
];

#[test]
fn every_algorithm_verifies_its_own_signature() {
    for name in ALGORITHMS {
        let file = format!("synthetic/{name}.pem");
        let report = analyze(&[Input::bytes(Some(file.clone()), data(&file))], &opts());
        assert_eq!(report.certificates.len(), 1, "{file}");
        assert!(report.certificates[0].self_signed, "{file} should verify with its own key");
    }
}

#[test]
fn a_flipped_signature_bit_is_not_self_signed() {
    for name in ALGORITHMS {
        let mut der = der_of(&format!("synthetic/{name}.pem"));
        // The signature BIT STRING is the certificate's last element.
        let last = der.len() - 1;
        der[last] ^= 0x01;
        let report = analyze(&[Input::bytes(Some(format!("{name} (tampered)")), der)], &opts());
        assert_eq!(report.certificates.len(), 1, "{name}");
        assert!(!report.certificates[0].self_signed, "{name}: a tampered signature must not verify");
    }
}

#[test]
fn weak_and_unsupported_hashes_are_named() {
    let names = ["synthetic/rsa-pkcs1-md5.pem", "synthetic/rsa-pkcs1-sha1.pem", "verisign_md2_root.pem"];
    let inputs: Vec<Input> = names.iter().map(|n| Input::bytes(Some(n.to_string()), data(n))).collect();
    let report = analyze(&inputs, &opts());
    let algs: Vec<&str> = report.certificates.iter().map(|c| c.signature_algorithm.as_str()).collect();
    assert_eq!(algs, ["md5WithRSAEncryption", "sha1WithRSAEncryption", "md2WithRSAEncryption"]);
}
