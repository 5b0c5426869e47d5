//! The chain stage over real chains (the fixture pool, tests/data/SOURCES.md),
//! called directly on decoded certificates.

use super::anchors::Anchors;
use super::*;
use crate::input::RawObject;
use crate::report::Source;
use crate::time::Timestamp;

const DATA: &str = concat!(env!("CARGO_MANIFEST_DIR"), "/tests/data");

/// Every certificate in a PEM or DER file, as DER.
fn ders(path: &str) -> Vec<Vec<u8>> {
    let bytes = std::fs::read(format!("{DATA}/{path}")).unwrap_or_else(|e| panic!("{path}: {e}"));
    if !bytes.starts_with(b"-----BEGIN") {
        return vec![bytes];
    }
    let text = String::from_utf8(bytes).unwrap();
    text.split_inclusive("-----END CERTIFICATE-----\n")
        .filter(|b| b.contains("-----BEGIN CERTIFICATE-----"))
        .map(|b| der::pem::decode_vec(b.trim().as_bytes()).unwrap().1)
        .collect()
}

fn decode(ders: &[Vec<u8>]) -> Vec<Cert> {
    ders.iter()
        .enumerate()
        .map(|(i, d)| {
            let raw = RawObject {
                der: d.clone(),
                source: Source { input: 0, name: None, block: i + 1, encoding: crate::report::Encoding::Der },
            };
            Cert::decode(&raw, i).unwrap()
        })
        .collect()
}

fn at(time: &str) -> Options {
    Options::at(Timestamp::parse_rfc3339(time).unwrap())
}

struct Run {
    out: ChainOutcome,
    findings: Vec<Finding>,
    certs: Vec<Cert>,
}

impl Run {
    fn codes(&self) -> Vec<&'static str> {
        let mut c: Vec<&'static str> = self.findings.iter().map(|f| f.code.code()).collect();
        c.sort_unstable();
        c.dedup();
        c
    }
    fn has(&self, code: &str, cert: Option<usize>) -> bool {
        self.findings.iter().any(|f| f.code.code() == code && f.certificate == cert)
    }
    fn errors(&self) -> Vec<&Finding> {
        self.findings.iter().filter(|f| f.severity == Severity::Error).collect()
    }
    fn froms(&self) -> Vec<&str> {
        self.out.report.links.iter().map(|l| l.from.as_str()).collect()
    }
}

fn run(input: Vec<Vec<u8>>, anchors: Vec<Vec<u8>>, system: bool, opts: &Options) -> Run {
    let certs = decode(&input);
    let anchors = Anchors { user: decode(&anchors), use_system: system };
    let mut findings = Vec::new();
    let mut work = crate::work::Work::new(&opts.limits);
    let mut out = analyze_chain(&certs, &anchors, opts, &mut work, &mut findings);
    super::settle_signatures(&mut out, &certs, &anchors, &mut work);
    Run { out, findings, certs }
}

fn amazon(n: u8) -> Vec<Vec<u8>> {
    ders(&format!("real/amazon/valid.rootca{n}.chain.pem"))
}

#[test]
fn amazon_valid_chains_reach_mozilla_roots() {
    for n in 1..=4 {
        let r = run(amazon(n), vec![], true, &at("2025-02-25T00:00:00Z"));
        assert!(r.out.trusted && r.out.report.complete && r.out.report.valid, "rootca{n}: {:?}", r.findings);
        assert_eq!(r.errors().len(), 0, "rootca{n}: {:?}", r.findings);
        assert_eq!(r.froms(), ["input", "input", "mozilla"]);
        assert_eq!(r.out.roles, [Role::Leaf, Role::Intermediate]);
        assert_eq!(r.out.signatures, [SignatureStatus::Valid, SignatureStatus::Valid]);
        assert!(r.out.report.links.iter().all(|l| l.signature == SignatureStatus::Valid));
        assert_eq!(r.out.report.path.len(), 3);
        assert_eq!(r.out.report.path[0], r.certs[0].sha256_hex());
        assert!(r.out.report.order_ok);
        assert_eq!(r.out.report.corrected_pem.matches("BEGIN CERTIFICATE").count(), 2);
        assert!(matches!(r.out.path.last(), Some(PathCert::Anchor(_))));
    }
}

#[test]
fn reversed_bundle_is_wrong_order_with_corrected_pem() {
    let mut input = amazon(1);
    input.reverse();
    let r = run(input.clone(), vec![], true, &at("2025-02-25T00:00:00Z"));
    assert_eq!(r.codes(), ["wrong-order"]);
    assert!(r.has("wrong-order", Some(1)));
    assert_eq!(r.out.leaf, Some(1));
    assert_eq!(r.out.roles, [Role::Intermediate, Role::Leaf]);
    assert!(r.out.trusted && r.out.report.valid && !r.out.report.order_ok);
    let expected: String = [&input[1], &input[0]].iter().map(|d| crate::asn1::to_pem("CERTIFICATE", d)).collect();
    assert_eq!(r.out.report.corrected_pem, expected);
}

#[test]
fn leaf_alone_names_the_missing_intermediate_and_its_url() {
    let input = amazon(1).into_iter().take(1).collect();
    let r = run(input, vec![], true, &at("2025-02-25T00:00:00Z"));
    assert_eq!(r.codes(), ["issuer-missing"]);
    assert!(r.has("issuer-missing", Some(0)));
    let missing = r.out.report.missing_issuer.as_ref().expect("missing issuer");
    assert!(missing.name.contains("Amazon RSA 2048 M03"), "{}", missing.name);
    assert_eq!(missing.ca_issuers_urls, ["http://crt.r2m03.amazontrust.com/r2m03.cer"]);
    assert!(!r.out.trusted && !r.out.report.complete && !r.out.report.valid);
    assert_eq!(r.out.signatures, [SignatureStatus::IssuerMissing]);
}

#[test]
fn expired_leaf_fails_validation_but_stays_trusted() {
    let r = run(ders("real/amazon/expired.rootca1.chain.pem"), vec![], true, &at("2025-02-25T00:00:00Z"));
    assert_eq!(r.codes(), ["expired"]);
    assert!(r.has("expired", Some(0)));
    assert!(r.out.trusted && !r.out.report.valid);
    // The same chain verified while it was valid, a day before it expired: expiring soon.
    let r = run(ders("real/amazon/expired.rootca1.chain.pem"), vec![], true, &at("2024-03-14T00:00:00Z"));
    assert_eq!(r.codes(), ["expiring-soon"]);
    assert!(r.out.report.valid);
}

#[test]
fn user_anchor_replaces_the_store() {
    let opts = at("2025-02-25T00:00:00Z");
    let r = run(amazon(1), ders("real/amazon/AmazonRootCA1.cer"), false, &opts);
    assert!(r.out.trusted && r.out.report.valid, "{:?}", r.findings);
    assert_eq!(r.froms(), ["input", "input", "user"]);
    // Without any anchor the intermediate's issuer is missing.
    let r = run(amazon(1), vec![], false, &opts);
    assert!(!r.out.trusted);
    assert!(r.has("issuer-missing", Some(1)));
    assert!(r.out.report.missing_issuer.as_ref().is_some_and(|m| m.name.contains("Amazon Root CA 1")));
}

#[test]
fn included_root_is_info_and_left_out_of_the_corrected_chain() {
    let mut input = amazon(1);
    input.extend(ders("real/amazon/AmazonRootCA1.cer"));
    let r = run(input, vec![], true, &at("2025-02-25T00:00:00Z"));
    assert_eq!(r.codes(), ["root-included"]);
    assert!(r.has("root-included", Some(2)));
    assert_eq!(r.out.roles, [Role::Leaf, Role::Intermediate, Role::Root]);
    assert_eq!(r.froms(), ["input", "input", "input"]);
    assert!(r.out.trusted && r.out.report.valid);
    assert_eq!(r.out.report.corrected_pem.matches("BEGIN CERTIFICATE").count(), 2);
    assert_eq!(r.out.signatures, [SignatureStatus::Valid; 3]);
}

#[test]
fn self_signed_root_outside_the_store_is_untrusted() {
    let mut input = amazon(1);
    input.extend(ders("real/amazon/AmazonRootCA1.cer"));
    let r = run(input, vec![], false, &at("2025-02-25T00:00:00Z"));
    assert_eq!(r.codes(), ["untrusted-root"]);
    assert!(r.has("untrusted-root", Some(2)));
    assert!(!r.out.trusted && !r.out.report.valid);
    assert_eq!(r.out.roles, [Role::Leaf, Role::Intermediate, Role::Root]);
}

#[test]
fn lone_self_signed_certificate_is_a_self_signed_leaf() {
    let r = run(ders("real/amazon/AmazonRootCA1.cer"), vec![], false, &at("2025-02-25T00:00:00Z"));
    assert!(r.has("self-signed-leaf", Some(0)));
    assert!(!r.out.trusted);
    // The same root, trusted, pasted on its own to inspect it.
    let r = run(ders("real/amazon/AmazonRootCA1.cer"), vec![], true, &at("2025-02-25T00:00:00Z"));
    assert!(r.out.trusted && r.errors().is_empty(), "{:?}", r.findings);
    assert_eq!(r.out.roles, [Role::Root]);
}

#[test]
fn duplicates_and_unrelated_certificates_are_named() {
    let mut input = amazon(1);
    input.push(input[1].clone());
    input.extend(ders("limbo/online/google.com.chain.pem").into_iter().skip(1)); // WR2
    let r = run(input, vec![], true, &at("2025-02-25T00:00:00Z"));
    assert_eq!(r.codes(), ["duplicate-certificate", "extra-certificate"]);
    assert!(r.has("duplicate-certificate", Some(2)));
    assert!(r.has("extra-certificate", Some(3)));
    assert_eq!(r.out.roles, [Role::Leaf, Role::Intermediate, Role::Duplicate, Role::Extra]);
    assert_eq!(r.out.signatures[2], SignatureStatus::Valid);
    // WR2's issuer (GTS Root R1) is in Mozilla's store.
    assert_eq!(r.out.signatures[3], SignatureStatus::Valid);
    assert!(r.out.report.order_ok && r.out.report.valid);
}

#[test]
fn cross_signed_root_prefers_the_store_anchor() {
    let mut input = amazon(1);
    input.extend(ders("real/amazon/rootca1.cer")); // Amazon Root CA 1 signed by Starfield
    let r = run(input.clone(), vec![], true, &at("2025-02-25T00:00:00Z"));
    assert!(r.out.trusted && r.out.report.valid);
    assert_eq!(r.froms(), ["input", "input", "mozilla"]);
    assert_eq!(r.out.roles[2], Role::Extra);
    // Trusting only Starfield, the cross-sign completes the path.
    let r = run(input, ders("real/amazon/SFSRootCAG2.cer"), false, &at("2025-02-25T00:00:00Z"));
    assert!(r.out.trusted && r.out.report.valid, "{:?}", r.findings);
    assert_eq!(r.froms(), ["input", "input", "input", "user"]);
    assert_eq!(r.out.roles, [Role::Leaf, Role::Intermediate, Role::Intermediate]);
}

const LIMBO_ONLINE: &[(&str, &str)] = &[
    ("akamai.com", "2025-07-05T00:00:01Z"),
    ("amazon.com", "2026-02-02T00:00:01Z"),
    ("apple.com", "2026-02-26T18:07:17Z"),
    ("aws.amazon.com", "2025-11-06T00:00:01Z"),
    ("bing.com", "2026-02-02T19:13:45Z"),
    ("cloudflare.com", "2026-03-12T20:59:52Z"),
    ("docs.python.org", "2026-01-13T13:03:47Z"),
    ("facebook.com", "2025-12-25T00:00:01Z"),
    ("fastly.com", "2026-02-27T03:47:49Z"),
    ("google.com", "2026-02-02T08:36:39Z"),
    ("microsoft.com", "2026-03-10T18:31:56Z"),
    ("s3.amazonaws.com", "2025-05-20T00:00:01Z"),
    ("stackoverflow.com", "2026-02-19T14:15:03Z"),
    ("storage.googleapis.com", "2026-02-02T08:40:55Z"),
];

#[test]
fn limbo_online_chains_verify_with_their_anchor_and_host() {
    for (host, time) in LIMBO_ONLINE {
        let mut opts = at(time);
        opts.host = Some(host.to_string());
        let input = ders(&format!("limbo/online/{host}.chain.pem"));
        let n = input.len();
        let r = run(input, ders(&format!("limbo/online/{host}.root.pem")), false, &opts);
        assert!(r.out.trusted && r.out.report.valid, "{host}: {:?}", r.findings);
        let errors_or_warnings: Vec<_> =
            r.findings.iter().filter(|f| f.severity != Severity::Info && f.code != Code::ExpiringSoon).collect();
        assert!(errors_or_warnings.is_empty(), "{host}: {errors_or_warnings:?}");
        assert_eq!(r.out.report.path.len(), n + 1, "{host}");
        assert_eq!(r.froms().last(), Some(&"user"));
        assert!(r.out.signatures.iter().all(|s| *s == SignatureStatus::Valid), "{host}: {:?}", r.out.signatures);
        // Another host is not covered.
        let mut other = opts.clone();
        other.host = Some("certscope.invalid".into());
        let r = run(ders(&format!("limbo/online/{host}.chain.pem")), vec![], false, &other);
        assert!(r.has("host-mismatch", Some(0)), "{host}");
    }
}

#[test]
fn webpki_chains_verify_at_their_times() {
    for (dir, time, host) in [
        ("cloudflare_dns", "2021-11-24T00:00:00Z", "cloudflare-dns.com"),
        ("netflix", "2016-12-08T00:00:00Z", "www.netflix.com"),
        ("sanofi", "2025-05-24T00:00:00Z", "irelease-dev.sanofi.com"),
        ("wpt", "2021-05-12T00:00:00Z", "web-platform.test"),
        ("ed25519", "2020-09-13T00:00:00Z", ""),
    ] {
        let mut opts = at(time);
        opts.host = Some(host.into());
        let r = run(
            ders(&format!("real/webpki/{dir}/chain.pem")),
            ders(&format!("real/webpki/{dir}/ca.der")),
            false,
            &opts,
        );
        assert!(r.out.trusted && r.out.report.valid, "{dir}: {:?}", r.findings);
        assert!(r.errors().is_empty(), "{dir}: {:?}", r.findings);
    }
}

#[test]
fn subject_cn_is_ignored_when_the_san_lists_other_names() {
    // Sanofi's leaf has CN irelease-uat but SANs only for dev, test and trp:
    // the CN matches no host, and breaks BR §7.1.4.3 (a warning in the
    // browsers profile, an error in the strict one).
    let mut opts = at("2025-05-24T00:00:00Z");
    opts.host = Some("IRELEASE-uat.sanofi.com.".into());
    let r = run(ders("real/webpki/sanofi/chain.pem"), ders("real/webpki/sanofi/ca.der"), false, &opts);
    let errors: Vec<&str> = r.errors().iter().map(|f| f.code.code()).collect();
    assert_eq!(errors, ["host-mismatch"]);
    assert!(r.codes().contains(&"cn-not-in-san"), "{:?}", r.findings);
    assert!(r.out.report.valid, "host names are not part of RFC 5280 validation");
    opts.host = Some("IRELEASE-test.sanofi.com.".into());
    let r = run(ders("real/webpki/sanofi/chain.pem"), ders("real/webpki/sanofi/ca.der"), false, &opts);
    assert_eq!(r.codes(), ["cn-not-in-san"], "{:?}", r.findings);
    assert!(r.errors().is_empty(), "{:?}", r.findings);
    opts.profile = crate::options::Profile::Strict;
    let r = run(ders("real/webpki/sanofi/chain.pem"), ders("real/webpki/sanofi/ca.der"), false, &opts);
    let errors: Vec<&str> = r.errors().iter().map(|f| f.code.code()).collect();
    assert_eq!(errors, ["cn-not-in-san"], "{:?}", r.findings);
}

#[test]
fn sha1_self_signed_anchor_is_not_a_weak_hash() {
    // DigiCert Global Root CA signs itself with SHA-1; nobody relies on that signature.
    let r = run(
        ders("real/webpki/cloudflare_dns/chain.pem"),
        ders("real/webpki/cloudflare_dns/ca.der"),
        false,
        &at("2021-11-24T00:00:00Z"),
    );
    assert!(!r.codes().contains(&"weak-signature-hash"), "{:?}", r.findings);
}

#[test]
fn partial_chain_anchor_at_the_intermediate() {
    let input = ders("real/pyca/cryptography.io.chain.pem");
    let anchor = vec![input[1].clone()];
    let r = run(input, anchor, false, &at("2015-01-01T00:00:00Z"));
    assert!(r.out.trusted && r.out.report.valid, "{:?}", r.findings);
    assert_eq!(r.froms(), ["input", "input"]);
    assert_eq!(r.out.roles, [Role::Leaf, Role::Intermediate]);
    // The intermediate given only as an anchor: its own link has no issuer to check with.
    let input = ders("real/pyca/cryptography.io.chain.pem");
    let anchor = vec![input[1].clone()];
    let r = run(input[..1].to_vec(), anchor, false, &at("2015-01-01T00:00:00Z"));
    assert!(r.out.trusted && r.out.report.valid, "{:?}", r.findings);
    assert_eq!(r.froms(), ["input", "user"]);
    let signatures: Vec<SignatureStatus> = r.out.report.links.iter().map(|l| l.signature).collect();
    assert_eq!(signatures, [SignatureStatus::Valid, SignatureStatus::IssuerMissing]);
}

#[test]
fn removed_root_leaves_the_issuer_missing_with_its_url() {
    // Let's Encrypt X3 was issued by DST Root CA X3, since removed from Mozilla's store.
    let r = run(ders("real/pyca/must-staple-scotthelme.chain.pem"), vec![], true, &at("2017-10-01T00:00:00Z"));
    assert!(r.has("issuer-missing", Some(1)));
    let missing = r.out.report.missing_issuer.as_ref().unwrap();
    assert!(missing.name.contains("DST Root CA X3"));
    assert_eq!(missing.ca_issuers_urls, ["http://apps.identrust.com/roots/dstrootcax3.p7c"]);
    assert_eq!(r.out.signatures, [SignatureStatus::Valid, SignatureStatus::IssuerMissing]);
}

fn pkits(files: &[&str]) -> Run {
    let input: Vec<Vec<u8>> = files.iter().flat_map(|f| ders(&format!("pkits/certs/{f}.crt"))).collect();
    run(input, ders("pkits/certs/TrustAnchorRootCertificate.crt"), false, &at("2020-01-01T00:00:00Z"))
}

#[test]
fn pkits_valid_paths_validate() {
    for files in [
        &["ValidCertificatePathTest1EE", "GoodCACert"][..],
        &[
            "ValidBasicSelfIssuedOldWithNewTest1EE",
            "BasicSelfIssuedNewKeyOldWithNewCACert",
            "BasicSelfIssuedNewKeyCACert",
        ],
        &["ValidpathLenConstraintTest7EE", "pathLenConstraint0CACert"],
        &["ValidSelfIssuedpathLenConstraintTest15EE", "pathLenConstraint0SelfIssuedCACert", "pathLenConstraint0CACert"],
        &["ValidDNnameConstraintsTest1EE", "nameConstraintsDN1CACert"],
        &["ValidDNSnameConstraintsTest30EE", "nameConstraintsDNS1CACert"],
        &["ValidRFC822nameConstraintsTest21EE", "nameConstraintsRFC822CA1Cert"],
        &["ValidNameChainingWhitespaceTest3EE", "GoodCACert"],
        &["ValidNameChainingCapitalizationTest5EE", "GoodCACert"],
        &["ValidRolloverfromPrintableStringtoUTF8StringTest10EE", "RolloverfromPrintableStringtoUTF8StringCACert"],
        &["ValidUTF8StringCaseInsensitiveMatchTest11EE", "UTF8StringCaseInsensitiveMatchCACert"],
    ] {
        let r = pkits(files);
        assert!(r.out.trusted && r.out.report.valid, "{}: {:?}", files[0], r.findings);
        assert_eq!(r.out.report.path.len(), files.len() + 1, "{}", files[0]);
    }
}

#[test]
fn pkits_invalid_paths_name_the_rule_and_certificate() {
    for (files, code, cert) in [
        (&["InvalidCASignatureTest2EE", "BadSignedCACert"][..], "signature-invalid", Some(1)),
        (&["InvalidEESignatureTest3EE", "GoodCACert"], "signature-invalid", Some(0)),
        (&["InvalidCAnotBeforeDateTest1EE", "BadnotBeforeDateCACert"], "not-yet-valid", Some(1)),
        (&["InvalidEEnotAfterDateTest6EE", "GoodCACert"], "expired", Some(0)),
        (&["InvalidMissingbasicConstraintsTest1EE", "MissingbasicConstraintsCACert"], "issuer-not-ca", Some(1)),
        (&["InvalidcAFalseTest2EE", "basicConstraintsCriticalcAFalseCACert"], "issuer-not-ca", Some(1)),
        (
            &["InvalidpathLenConstraintTest6EE", "pathLenConstraint0subCACert", "pathLenConstraint0CACert"],
            "path-length-exceeded",
            Some(2),
        ),
        (
            &[
                "InvalidSelfIssuedpathLenConstraintTest16EE",
                "pathLenConstraint0subCA2Cert",
                "pathLenConstraint0SelfIssuedCACert",
                "pathLenConstraint0CACert",
            ],
            "path-length-exceeded",
            Some(3),
        ),
        (
            &["InvalidkeyUsageCriticalkeyCertSignFalseTest1EE", "keyUsageCriticalkeyCertSignFalseCACert"],
            "issuer-missing-keycertsign",
            Some(1),
        ),
        (&["InvalidDNnameConstraintsTest2EE", "nameConstraintsDN1CACert"], "name-constraints-violated", Some(0)),
        (&["InvalidDNSnameConstraintsTest31EE", "nameConstraintsDNS1CACert"], "name-constraints-violated", Some(0)),
        (
            &["InvalidRFC822nameConstraintsTest22EE", "nameConstraintsRFC822CA1Cert"],
            "name-constraints-violated",
            Some(0),
        ),
        (&["InvalidUnknownCriticalCertificateExtensionTest2EE"], "unknown-critical-extension", Some(0)),
        (&["InvalidNameChainingTest1EE", "GoodCACert"], "issuer-name-mismatch", Some(0)),
        (&["InvalidNameChainingOrderTest2EE", "NameOrderingCACert"], "issuer-name-mismatch", Some(0)),
    ] {
        let r = pkits(files);
        assert!(r.has(code, cert), "{}: want {code} on {cert:?}, got {:?}", files[0], r.findings);
        assert!(!r.out.report.valid, "{}", files[0]);
    }
}

/// Copies of one certificate with the serial number's last byte changed:
/// the same subject and key, each a different certificate whose own
/// signature no longer verifies.
fn same_name_variants(der: &[u8], n: usize) -> Vec<Vec<u8>> {
    let cert = decode(&[der.to_vec()]).remove(0);
    let serial = cert.serial_bytes().to_vec();
    let at = der.windows(serial.len()).position(|w| w == serial.as_slice()).unwrap() + serial.len() - 1;
    (0..n)
        .map(|k| {
            let mut v = der.to_vec();
            v[at] ^= (k % 255 + 1) as u8;
            v[at - 1] ^= (k / 255 + 1) as u8;
            v
        })
        .collect()
}

#[test]
fn a_thousand_same_name_issuers_exhaust_the_budget_quickly() {
    let chain = amazon(1);
    let mut input = vec![chain[0].clone()];
    input.extend(same_name_variants(&chain[1], 1000));
    input.push(chain[1].clone()); // the real intermediate, last
    let certs = decode(&input);
    let anchors = Anchors { user: Vec::new(), use_system: true };
    let limits = crate::options::Limits::default();
    let mut work = crate::work::Work::new(&limits);
    let mut builder = build::Builder::new(&certs, &anchors, &mut work);
    assert_eq!(builder.pick_leaf(None, Timestamp::parse_rfc3339("2025-02-25T00:00:00Z").unwrap()), Some(0));
    let built = builder.build_path(0);
    assert!(builder.exhausted && !built.trusted);
    assert_eq!(builder.signature_checks(), limits.max_signature_checks);
    drop(builder);
    // The whole stage, including diagnosis, stays bounded too.
    let r = run(input, vec![], true, &at("2025-02-25T00:00:00Z"));
    assert!(r.has("path-budget-exceeded", Some(0)), "{:?}", r.codes());
    assert!(!r.out.trusted && !r.out.report.valid);
    assert_eq!(r.out.leaf, Some(0));
}

#[test]
fn a_thousand_copies_of_the_intermediate_are_duplicates() {
    let chain = amazon(1);
    let mut input = vec![chain[0].clone()];
    input.extend(std::iter::repeat_n(chain[1].clone(), 1000));
    let started = std::time::Instant::now();
    let r = run(input, vec![], true, &at("2025-02-25T00:00:00Z"));
    assert!(started.elapsed() < std::time::Duration::from_secs(5));
    assert!(r.out.trusted && r.out.report.valid);
    assert_eq!(r.codes(), ["duplicate-certificate"]);
    assert_eq!(r.out.roles.iter().filter(|x| **x == Role::Duplicate).count(), 999);
}

#[test]
fn no_certificates_is_reported() {
    let r = run(vec![], vec![], true, &at("2025-02-25T00:00:00Z"));
    assert_eq!(r.codes(), ["no-certificate"]);
    assert!(r.out.leaf.is_none() && !r.out.trusted);
}

#[test]
fn code_signing_leaf_is_not_for_servers() {
    // WoSign code-signing leaf: extendedKeyUsage codeSigning only; its issuer is absent.
    let r = run(ders("x509/wosign-bc-invalid.pem"), vec![], false, &at("2014-01-01T00:00:00Z"));
    assert!(r.has("leaf-not-for-servers", Some(0)), "{:?}", r.findings);
    assert!(r.has("issuer-missing", Some(0)));
}

#[test]
fn misnamed_signer_among_the_users_anchors_is_found() {
    // PKITS 4.3.1: the EE names "Good CA Root" but Good CA signed it; Good CA is given only as an anchor.
    let anchors = ["pkits/certs/TrustAnchorRootCertificate.crt", "pkits/certs/GoodCACert.crt"]
        .iter()
        .flat_map(|f| ders(f))
        .collect();
    let r = run(ders("pkits/certs/InvalidNameChainingTest1EE.crt"), anchors, false, &at("2020-01-01T00:00:00Z"));
    assert!(r.has("issuer-name-mismatch", Some(0)), "{:?}", r.findings);
    assert!(!r.out.trusted && !r.out.report.valid);
}
