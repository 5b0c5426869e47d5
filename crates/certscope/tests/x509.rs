//! Certificates through `analyze`: every field a viewer shows reaches the
//! JSON report as openssl would state it, and broken certificates give
//! `input-nonconformant` / `input-unrecognized` instead of disappearing.

mod common;

use certscope::report::CertificateReport;
use certscope::{analyze, Input, Options, Report, Timestamp};
use common::codes;

/// A file of the x509 set (tests/data/x509), or a pool path.
fn data(name: &str) -> Vec<u8> {
    common::read_in("x509", name)
}

fn run(names: &[&str], at: &str) -> Report {
    let inputs: Vec<Input> = names.iter().map(|n| Input::bytes(Some(n.to_string()), data(n))).collect();
    let opts = Options { use_system_roots: false, ..Options::at(Timestamp::parse_rfc3339(at).unwrap()) };
    analyze(&inputs, &opts)
}

fn only(report: &Report) -> &CertificateReport {
    assert_eq!(report.certificates.len(), 1);
    &report.certificates[0]
}

#[test]
fn must_staple_leaf_is_fully_described() {
    // REAL scotthelme.co.uk, Let's Encrypt X3, 2017 (SOURCES.md: must-staple).
    let report = run(&["tls-feature-ocsp-staple.pem"], "2017-10-01T00:00:00Z");
    let c = only(&report);
    assert_eq!(c.version, 3);
    assert_eq!(c.subject, "CN=scotthelme.co.uk");
    assert_eq!(c.issuer, "CN=Let's Encrypt Authority X3,O=Let's Encrypt,C=US");
    assert_eq!(c.serial, "04092a5463d8e6ebd8e26103ecfede9aaffa");
    assert_eq!(c.sha256, "c2f5b6f08eb50609a7767f218a028f055a19d9c5aed821beea43bcd6a7223a47");
    assert_eq!(c.key, "RSA-2048");
    assert_eq!(c.key_bits, Some(2048));
    assert_eq!(c.signature_algorithm, "sha256WithRSAEncryption");
    assert_eq!(c.not_before.to_rfc3339(), "2017-08-31T23:01:00Z");
    assert_eq!(c.not_after.to_rfc3339(), "2017-11-29T23:01:00Z");
    assert!(c.must_staple && !c.is_ca && !c.self_signed);
    assert_eq!(c.tls_features, [5]);
    assert_eq!(c.san.len(), 8);
    assert!(c.san.contains(&"scotthelme.co.uk".to_string()));
    assert_eq!(c.ocsp_urls, ["http://ocsp.int-x3.letsencrypt.org"]);
    assert_eq!(c.ca_issuers_urls, ["http://cert.int-x3.letsencrypt.org/"]);
    let names: Vec<&str> = c.extensions.iter().map(|e| e.name.as_str()).collect();
    assert!(names.contains(&"TLS Feature") && names.contains(&"Certificate Policies"), "{names:?}");
    assert!(!codes(&report).iter().any(|c| c.starts_with("input-")), "{:?}", codes(&report));
    // The JSON contract spells it the same way.
    let json = serde_json::to_value(&report).unwrap();
    assert_eq!(json["certificates"][0]["must_staple"], true);
    assert_eq!(json["certificates"][0]["signature_algorithm"], "sha256WithRSAEncryption");
}

#[test]
fn every_key_type_is_named() {
    let report = run(
        &[
            "real/amazon/AmazonRootCA1.cer",
            "real/amazon/AmazonRootCA2.cer",
            "real/amazon/AmazonRootCA3.cer",
            "real/amazon/AmazonRootCA4.cer",
            "custom-rsa_pss_cert.pem",
            "root-ed25519.pem",
            "root-ed448.pem",
            "synthetic/ecdsa-P-521-sha512.pem",
        ],
        "2025-02-25T00:00:00Z",
    );
    let keys: Vec<(&str, Option<u32>, &str)> =
        report.certificates.iter().map(|c| (c.key.as_str(), c.key_bits, c.signature_algorithm.as_str())).collect();
    assert_eq!(
        keys,
        [
            ("RSA-2048", Some(2048), "sha256WithRSAEncryption"),
            ("RSA-4096", Some(4096), "sha384WithRSAEncryption"),
            ("EC-P-256", Some(256), "ecdsa-with-SHA256"),
            ("EC-P-384", Some(384), "ecdsa-with-SHA384"),
            ("RSA-PSS-2048", Some(2048), "rsassaPss"),
            ("Ed25519", Some(256), "ED25519"),
            ("Ed448", Some(456), "ED448"),
            ("EC-P-521", Some(521), "ecdsa-with-SHA512"),
        ]
    );
    // Every one of these is a self-signed root.
    assert!(report.certificates.iter().all(|c| c.self_signed));
    let pss = report.certificates[4].pss.as_ref().unwrap();
    assert_eq!((pss.hash.as_str(), pss.mgf1_hash.as_str(), pss.salt_length), ("sha256", "sha256", 32));
}

#[test]
fn chain_certificates_match_the_manifest() {
    // limbo/online/stackoverflow.com.chain.pem (SOURCES.md): [1] EC P-256
    // leaf signed ecdsa-with-SHA384 by E8; [2] E8, EC P-384, sha256WithRSAEncryption.
    let report = run(&["limbo/online/stackoverflow.com.chain.pem"], "2026-02-19T14:15:03Z");
    let [leaf, e8] = &report.certificates[..] else { panic!("two certificates") };
    assert_eq!(leaf.subject, "CN=stackoverflow.com");
    assert_eq!(leaf.serial, "05289a49c50297c0cf6032b7e1ae62443883");
    assert_eq!((leaf.key.as_str(), leaf.signature_algorithm.as_str()), ("EC-P-256", "ecdsa-with-SHA384"));
    assert!(!leaf.scts.is_empty(), "embedded SCTs");
    assert_eq!(e8.subject, "CN=E8,O=Let's Encrypt,C=US");
    assert_eq!(e8.serial, "63959363c24e7082715918bfc3d7ed56");
    assert_eq!((e8.key.as_str(), e8.signature_algorithm.as_str()), ("EC-P-384", "sha256WithRSAEncryption"));
    assert!(e8.is_ca);
    assert_eq!(e8.path_len_constraint, Some(0));
    assert_eq!(e8.key_usage, ["Digital Signature", "Certificate Sign", "CRL Sign"]);
    assert_eq!(leaf.authority_key_id, e8.subject_key_id);
}

#[test]
fn nonconformant_certificates_still_render() {
    let report = run(&["synthetic/long-serial.pem", "utf8-dnsname.pem"], "2017-01-01T00:00:00Z");
    assert_eq!(report.certificates.len(), 2);
    assert_eq!(codes(&report).iter().filter(|c| **c == "input-nonconformant").count(), 2);
    assert_eq!(report.certificates[0].serial, "0102030405060708090a0b0c0d0e0f10111213141516171819");
    assert!(report.certificates[1].san.contains(&"*.biztosítás.hu".to_string()));
}

#[test]
fn broken_times_still_render_and_undecodable_input_is_reported() {
    // badasn1time's notAfter is a malformed UTCTime (openssl: "Bad time value").
    let report = run(
        &["badasn1time.pem", "custom-negative_serial.pem", "cryptography-scts-tbs-precert.der"],
        "2016-08-01T00:00:00Z",
    );
    assert_eq!(report.certificates.len(), 2, "both certificates decode; the bare TBSCertificate does not");
    assert_eq!(report.certificates[0].not_before.to_rfc3339(), "2011-03-21T09:25:52Z");
    assert_eq!(report.certificates[1].serial, "-04316693ed");
    let about_first: Vec<&str> =
        report.findings.iter().filter(|f| f.certificate == Some(0)).map(|f| f.code.code()).collect();
    assert!(about_first.contains(&"input-nonconformant"), "{about_first:?}");
    let unrecognized: Vec<_> = report.findings.iter().filter(|f| f.code.code() == "input-unrecognized").collect();
    assert_eq!(unrecognized.len(), 1);
    assert!(unrecognized[0].message.contains("cryptography-scts-tbs-precert.der"), "{}", unrecognized[0].message);
}
