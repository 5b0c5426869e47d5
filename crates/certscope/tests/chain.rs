//! The chain doctor through the public entry point: bytes in, report out.
//! Data: the fixture pool, tests/data (see tests/data/SOURCES.md).

mod common;

use certscope::report::{Role, RowId, SignatureStatus};
use certscope::{analyze, Input, Report};
use common::{distinct_codes as codes, options_at as at, read as data};

fn chain_issues(report: &Report) -> Vec<&'static str> {
    report.summary.chain_issues.iter().map(|c| c.code()).collect()
}

fn roles(report: &Report) -> Vec<Role> {
    report.certificates.iter().map(|c| c.role).collect()
}

const AMAZON_TIME: &str = "2025-02-25T00:00:00Z";

#[test]
fn pasted_chain_in_order_has_no_chain_issues() {
    let report = analyze(&[Input::bytes(None, data("real/amazon/valid.rootca3.chain.pem"))], &at(AMAZON_TIME));
    assert!(chain_issues(&report).is_empty(), "{:?}", report.findings);
    assert!(report.summary.trusted);
    let chain = &report.chain;
    assert!(chain.complete && chain.valid && chain.order_ok);
    assert_eq!(chain.path.len(), 3);
    assert_eq!(chain.path[0], report.certificates[0].sha256);
    assert_eq!(chain.path[1], report.certificates[1].sha256);
    assert_eq!(chain.links.last().map(|l| l.from.as_str()), Some("mozilla"));
    assert_eq!(roles(&report), [Role::Leaf, Role::Intermediate]);
    assert!(report.certificates.iter().all(|c| c.signature == SignatureStatus::Valid));
    let json = serde_json::to_value(&report).expect("serializes");
    assert_eq!(json["chain"]["links"][2]["from"], "mozilla");
    assert_eq!(json["certificates"][0]["role"], "leaf");
    assert_eq!(json["certificates"][1]["signature"], "valid");
}

#[test]
fn der_files_in_reverse_order_are_reordered() {
    let inputs = [
        Input::bytes(Some("r2m03.cer".into()), data("real/amazon/r2m03.cer")),
        Input::bytes(None, data("real/amazon/valid.rootca1.chain.pem")),
    ];
    let report = analyze(&inputs, &at(AMAZON_TIME));
    // The PEM bundle repeats the intermediate given first as DER.
    assert_eq!(codes(&report), ["duplicate-certificate", "wrong-order"]);
    assert_eq!(roles(&report), [Role::Intermediate, Role::Leaf, Role::Duplicate]);
    assert!(report.chain.valid && !report.chain.order_ok);
    // The corrected chain decodes back to leaf then intermediate.
    let fixed = analyze(&[Input::text(&report.chain.corrected_pem)], &at(AMAZON_TIME));
    assert!(chain_issues(&fixed).is_empty(), "{:?}", fixed.findings);
    assert_eq!(fixed.certificates[0].sha256, report.certificates[1].sha256);
    assert_eq!(fixed.certificates[1].sha256, report.certificates[0].sha256);
}

#[test]
fn leaf_without_intermediate_names_where_to_get_it() {
    let chain = String::from_utf8(data("limbo/online/bing.com.chain.pem")).expect("PEM");
    let end = "-----END CERTIFICATE-----";
    let leaf = &chain[..chain.find(end).expect("a block") + end.len()];
    let report = analyze(&[Input::text(leaf)], &at("2026-02-02T19:13:45Z"));
    assert_eq!(chain_issues(&report), ["issuer-missing"], "{:?}", report.findings);
    let missing = report.chain.missing_issuer.as_ref().expect("missing issuer");
    assert!(missing.name.contains("Microsoft TLS G2 RSA CA OCSP 04"), "{}", missing.name);
    assert!(!missing.ca_issuers_urls.is_empty());
    assert!(!report.summary.trusted && !report.chain.valid);
    assert_eq!(report.certificates[0].signature, SignatureStatus::IssuerMissing);
}

#[test]
fn supplied_roots_replace_the_store_and_host_is_checked() {
    let mut opts = at("2026-02-02T08:36:39Z");
    opts.use_system_roots = false;
    opts.extra_anchors = vec![data("limbo/online/google.com.root.pem")];
    opts.host = Some("www.google.com".into());
    let report = analyze(&[Input::bytes(None, data("limbo/online/google.com.chain.pem"))], &opts);
    assert!(report.summary.trusted && report.chain.valid, "{:?}", report.findings);
    assert_eq!(report.chain.links.last().map(|l| l.from.as_str()), Some("user"));
    assert!(!codes(&report).contains(&"host-mismatch"));
    opts.host = Some("google.example".into());
    let report = analyze(&[Input::bytes(None, data("limbo/online/google.com.chain.pem"))], &opts);
    assert!(codes(&report).contains(&"host-mismatch"));
    // Without the supplied root and without the store, WR2's issuer is missing.
    opts.extra_anchors.clear();
    let report = analyze(&[Input::bytes(None, data("limbo/online/google.com.chain.pem"))], &opts);
    assert!(chain_issues(&report).contains(&"issuer-missing"));
}

#[test]
fn unreadable_roots_file_is_a_finding_not_a_failure() {
    let mut opts = at(AMAZON_TIME);
    opts.extra_anchors = vec![b"this is not a certificate".to_vec()];
    let report = analyze(&[Input::bytes(None, data("real/amazon/valid.rootca1.chain.pem"))], &opts);
    assert!(report
        .findings
        .iter()
        .any(|f| f.code.code() == "input-unrecognized" && f.message.contains("trust anchors")));
    // The store still applies.
    assert!(report.summary.trusted && report.chain.valid);
}

#[test]
fn expired_chain_is_trusted_but_not_valid() {
    let report = analyze(&[Input::bytes(None, data("real/amazon/expired.rootca1.chain.pem"))], &at(AMAZON_TIME));
    assert_eq!(codes(&report), ["expired"]);
    assert!(report.summary.trusted && !report.chain.valid);
    assert_eq!(report.findings[0].certificate, Some(0));
}

/// The PEM blocks of a fixture, each as its own text.
fn pem_blocks(path: &str) -> Vec<String> {
    let text = String::from_utf8(data(path)).expect("PEM");
    let end = "-----END CERTIFICATE-----";
    text.split_inclusive(end).filter(|b| b.contains("-----BEGIN")).map(|b| format!("{}\n", b.trim())).collect()
}

fn has(report: &Report, code: &str, cert: Option<usize>) -> bool {
    report.findings.iter().any(|f| f.code.code() == code && f.certificate == cert)
}

fn chain_issues_row(report: &Report) -> String {
    let row = report.summary.rows.iter().find(|r| r.id == RowId::ChainIssues).expect("Chain Issues row");
    row.value.clone()
}

/// Another site's leaf (valid.rootca2, whose intermediate is not given)
/// pasted before the real chain (valid.rootca1 leaf + Amazon RSA 2048 M03).
fn stray_leaf_first() -> String {
    let stray = pem_blocks("real/amazon/valid.rootca2.chain.pem").swap_remove(0);
    format!("{stray}{}", pem_blocks("real/amazon/valid.rootca1.chain.pem").concat())
}

#[test]
fn unrelated_leaf_first_is_extra_and_the_chained_leaf_is_the_leaf() {
    let report = analyze(&[Input::text(&stray_leaf_first())], &at(AMAZON_TIME));
    assert_eq!(roles(&report), [Role::Extra, Role::Leaf, Role::Intermediate], "{:?}", report.findings);
    assert_eq!(report.chain.path.first(), Some(&report.certificates[1].sha256));
    assert!(report.summary.trusted && report.chain.complete && report.chain.valid);
    assert!(!report.chain.order_ok);
    assert!(has(&report, "extra-certificate", Some(0)));
    assert!(has(&report, "wrong-order", Some(1)));
    assert_eq!(codes(&report), ["extra-certificate", "wrong-order"]);
    let extra = report.findings.iter().find(|f| f.code.code() == "extra-certificate").expect("extra");
    assert!(extra.message.contains("valid.rootca2.demo.amazontrust.com"), "{}", extra.message);
    assert_eq!(chain_issues(&report), ["extra-certificate", "wrong-order"]);
    assert_eq!(chain_issues_row(&report), "Extra certificates, Incorrect order");
    // The corrected chain drops the stray certificate.
    let fixed = analyze(&[Input::text(&report.chain.corrected_pem)], &at(AMAZON_TIME));
    assert!(chain_issues(&fixed).is_empty(), "{:?}", fixed.findings);
    assert_eq!(fixed.certificates[0].sha256, report.certificates[1].sha256);
}

#[test]
fn host_name_picks_the_leaf_among_several() {
    let mut opts = at(AMAZON_TIME);
    opts.host = Some("valid.rootca1.demo.amazontrust.com".into());
    let report = analyze(&[Input::text(&stray_leaf_first())], &opts);
    assert_eq!(roles(&report), [Role::Extra, Role::Leaf, Role::Intermediate]);
    assert!(!codes(&report).contains(&"host-mismatch"));
    // Asking about the other site makes its certificate the leaf, however
    // little of its chain was given: the rest is then extra.
    opts.host = Some("valid.rootca2.demo.amazontrust.com".into());
    let report = analyze(&[Input::text(&stray_leaf_first())], &opts);
    assert_eq!(roles(&report), [Role::Leaf, Role::Extra, Role::Extra], "{:?}", report.findings);
    assert!(!codes(&report).contains(&"host-mismatch"));
    assert!(has(&report, "issuer-missing", Some(0)));
    assert!(has(&report, "extra-certificate", Some(1)) && has(&report, "extra-certificate", Some(2)));
    assert!(!report.summary.trusted);
}

#[test]
fn leaf_first_with_a_stray_leaf_after_is_unchanged() {
    let stray = pem_blocks("real/amazon/valid.rootca2.chain.pem").swap_remove(0);
    let text = format!("{}{stray}", pem_blocks("real/amazon/valid.rootca1.chain.pem").concat());
    let report = analyze(&[Input::text(&text)], &at(AMAZON_TIME));
    assert_eq!(roles(&report), [Role::Leaf, Role::Intermediate, Role::Extra]);
    assert_eq!(codes(&report), ["extra-certificate"]);
    assert!(has(&report, "extra-certificate", Some(2)));
    assert!(report.chain.order_ok && report.chain.valid);
}

#[test]
fn an_expired_predecessor_with_its_own_intermediate_loses_to_the_current_leaf() {
    // An old bundle (expired.rootca1 leaf + Amazon RSA 2048 M02) left in
    // front of the current one: both chain to Amazon Root CA 1, so only
    // validity at the as-of time tells them apart.
    let old = pem_blocks("real/amazon/expired.rootca1.chain.pem").concat();
    let text = format!("{old}{}", pem_blocks("real/amazon/valid.rootca1.chain.pem").concat());
    let report = analyze(&[Input::text(&text)], &at(AMAZON_TIME));
    assert_eq!(roles(&report), [Role::Extra, Role::Extra, Role::Leaf, Role::Intermediate], "{:?}", report.findings);
    assert!(has(&report, "extra-certificate", Some(0)) && has(&report, "extra-certificate", Some(1)));
    assert!(has(&report, "wrong-order", Some(2)));
    assert!(!codes(&report).contains(&"expired"));
    assert!(report.chain.valid);
}

/// A pasted root is trusted by its name and key, so a damaged copy still ends
/// a trusted path; the report must say the copy is damaged rather than stay
/// silent (openssl fails its own check of such a root).
#[test]
fn damaged_copy_of_a_trusted_root_is_reported() {
    let root = data("real/amazon/AmazonRootCA1.cer");
    let chain = || Input::bytes(None, data("real/amazon/valid.rootca1.chain.pem"));

    let intact = analyze(&[chain(), Input::bytes(Some("root.cer".into()), root.clone())], &at(AMAZON_TIME));
    assert!(intact.summary.trusted);
    assert!(codes(&intact).contains(&"root-included"), "{:?}", intact.findings);
    assert!(!codes(&intact).contains(&"root-copy-invalid"));

    // One bit of the signature value flipped: same name and key, bad signature.
    let mut damaged = root.clone();
    let last = damaged.len() - 5;
    damaged[last] ^= 1;
    let report = analyze(&[chain(), Input::bytes(Some("root.cer".into()), damaged)], &at(AMAZON_TIME));
    assert!(report.summary.trusted, "trust comes from the store's copy");
    let finding = report.findings.iter().find(|f| f.code.code() == "root-copy-invalid").expect("reported");
    assert_eq!(finding.certificate, Some(2));
    assert_eq!(chain_issues(&report), ["root-copy-invalid"]);
}
