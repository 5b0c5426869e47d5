//! One work budget for the whole analysis (issue 12): each attack that
//! used to freeze the tab, generated here at test time (tests/forge/), must
//! end with its work counted in `report.work` and, where it runs out, a
//! finding that names the `Limits` field. The assertions are on counted
//! work, not wall time (the speed goal is in benches/analyze.rs).

mod forge;

use certscope::{analyze, Input, Limits, Options, Report, Timestamp};

fn at_2026() -> Options {
    Options { use_system_roots: false, ..Options::at(Timestamp::parse_rfc3339("2026-06-01T00:00:00Z").unwrap()) }
}

fn codes(r: &Report) -> Vec<&'static str> {
    r.findings.iter().map(|f| f.code.code()).collect()
}

fn messages<'r>(r: &'r Report, code: &str) -> Vec<&'r str> {
    r.findings.iter().filter(|f| f.code.code() == code).map(|f| f.message.as_str()).collect()
}

/// 500 certificates with one name and 500 copies of one CRL took 20.8 s:
/// every copy was checked against every certificate of that name.
#[test]
fn crl_bomb_checks_one_crl_once() {
    let text = forge::crl_bomb(500);
    let r = analyze(&[Input::text(&text)], &at_2026());
    assert_eq!(r.certificates.len(), 500);
    assert_eq!(r.crls.len(), 1, "copies are not reported again");
    let dup = messages(&r, "crl-duplicate");
    assert_eq!(dup.len(), 1, "{:?}", codes(&r));
    assert!(dup[0].contains("499 copies"), "{}", dup[0]);
    // The CRL is signed by Amazon Root CA 1, whose name and key all 500
    // certificates carry: one key, one check, made before the certificates
    // off the path are looked at.
    assert_eq!(r.crls[0].signature.as_str(), "valid");
    // Those 500 self-issued certificates, each with a broken self-signature,
    // cost a check each to label: they spend the rest of the budget, and the
    // ones left over are `not-checked`, never valid.
    let max = Limits::default().max_signature_checks;
    assert_eq!(r.work.signature_checks, max, "{:?}", r.work);
    let unchecked = r.certificates.iter().filter(|c| c.signature.as_str() == "not-checked").count();
    assert!(unchecked > 250, "{unchecked}");
    assert!(r.certificates.iter().all(|c| c.signature.as_str() != "valid"));
    let m = messages(&r, "work-budget-exceeded");
    assert_eq!(m.len(), 1, "{:?}", codes(&r));
    assert!(m[0].contains("max_signature_checks = 200") && !m[0].contains("CRL"), "{}", m[0]);
    // One serial lookup per certificate of that issuer, for one CRL.
    assert_eq!(r.work.crl_lookups, 500);
}

/// Without the certificates' own bomb, the CRL's signature is checked
/// once per key: 50 certificates of the signer's name and key are one check.
#[test]
fn crl_signature_is_checked_once_per_key() {
    let mut text = forge::pem("CERTIFICATE", &forge::root_der());
    let crl = forge::data("input/rootca1.crl");
    for _ in 0..50 {
        text.push_str(&forge::pem("X509 CRL", &crl));
    }
    let r = analyze(&[Input::text(&text)], &Options { extra_anchors: vec![forge::root_der()], ..at_2026() });
    assert_eq!(r.crls.len(), 1);
    assert_eq!(r.crls[0].signature.as_str(), "valid", "{:?}", codes(&r));
    assert!(r.work.signature_checks <= 2, "{:?}", r.work);
    assert!(r.work.exceeded.is_empty(), "{:?}", r.work);
}

/// With fewer lookups allowed than the CRL needs, the rest are reported as
/// not done.
#[test]
fn crl_lookups_past_the_limit_are_a_finding() {
    let text = forge::crl_bomb(50);
    let opts = Options { limits: Limits { max_crl_lookups: 20, ..Limits::default() }, ..at_2026() };
    let r = analyze(&[Input::text(&text)], &opts);
    assert_eq!(r.work.crl_lookups, 20);
    assert_eq!(r.work.exceeded, ["max_crl_lookups"]);
    let m = messages(&r, "work-budget-exceeded");
    assert_eq!(m.len(), 1, "{:?}", codes(&r));
    assert!(m[0].contains("max_crl_lookups = 20") && m[0].contains("checking CRLs"), "{}", m[0]);
}

/// A CA with a ~63 KiB nameConstraints extension over a leaf with a ~63 KiB
/// subjectAltName: 3,500 × 3,500 comparisons, each allocating (3.2 s).
#[test]
fn name_constraint_bomb_stops_at_the_comparison_limit() {
    let (leaf, ca) = forge::name_constraint_bomb();
    let pasted = analyze(&[Input::bytes(None, leaf.clone()), Input::bytes(None, ca.clone())], &at_2026());
    let anchored = analyze(&[Input::bytes(None, leaf)], &Options { extra_anchors: vec![ca], ..at_2026() });
    for r in [&pasted, &anchored] {
        // The path really is leaf → CA (the signatures are real).
        assert_eq!(r.chain.links.len(), 2, "{:?}", codes(r));
        assert_eq!(r.chain.links[0].signature.as_str(), "valid");
        let limit = Limits::default().max_name_comparisons;
        assert!(r.work.name_comparisons <= limit && r.work.name_comparisons > limit - 3_500, "{:?}", r.work);
        assert_eq!(r.work.exceeded, ["max_name_comparisons"]);
        let m = messages(r, "work-budget-exceeded");
        assert_eq!(m.len(), 1, "{:?}", codes(r));
        assert!(m[0].contains("max_name_comparisons") && m[0].contains("bomb.test"), "{}", m[0]);
        // Names not compared are not passed.
        assert!(!r.chain.valid);
    }
    assert!(anchored.chain.complete, "the user's anchor ends the path");
}

/// A user anchor meets the per-certificate limits a pasted one does.
#[test]
fn user_anchors_get_the_size_limits() {
    let big = forge::with_extensions(1, 70 * 1024);
    let r = analyze(&[Input::text("")], &Options { extra_anchors: vec![big], ..at_2026() });
    let m = messages(&r, "extension-too-large");
    assert_eq!(m.len(), 1, "{:?}", codes(&r));
    assert!(m[0].contains("trust anchors 1") && m[0].contains("65536"), "{}", m[0]);
}

/// 21 OCSP responses, each naming a responder that 100 certificates (with
/// 100 different keys) are named like: 100 checks per response, 2,100 in
/// all, before. Now every check is paid from one total, and a check made
/// once is remembered.
#[test]
fn many_ocsp_responses_share_one_signature_budget() {
    let namesakes = forge::responder_namesakes(100);
    let response = forge::data("input/resp-sha256.der");
    let mut inputs = vec![Input::text(&namesakes)];
    inputs.extend((0..21).map(|i| Input::ocsp(Some(format!("resp{i}.der")), response.clone())));
    let r = analyze(&inputs, &at_2026());
    // The main response and 19 others are looked at one by one (20 in all).
    assert_eq!(r.ocsp_other.len(), 19, "{:?}", codes(&r));
    // The 100 candidate keys are each tried once on the response; the
    // other 20 copies find every answer in the cache.
    // (The chain stage tries the 99 other keys on the leaf, looking for a
    // misnamed signer: 199 in all, under the total of 200.)
    assert_eq!(r.work.signature_checks, 199, "{:?}", r.work);
    assert!(r.work.signature_cache_hits >= 19 * 100, "{:?}", r.work);
    assert!(r.work.exceeded.is_empty());

    // With a smaller total, the OCSP stage stops and says so.
    let opts = Options { limits: Limits { max_signature_checks: 30, ..Limits::default() }, ..at_2026() };
    let r = analyze(&inputs, &opts);
    assert_eq!(r.work.signature_checks, 30, "{:?}", r.work);
    assert_eq!(r.work.exceeded, ["max_signature_checks"]);
    let m = messages(&r, "work-budget-exceeded");
    assert_eq!(m.len(), 1, "{:?}", codes(&r));
    assert!(m[0].contains("max_signature_checks = 30") && m[0].contains("OCSP"), "{}", m[0]);
    assert_eq!(r.ocsp.as_ref().and_then(|o| o.signature.as_deref()), Some("unverifiable"));
}

/// A permalink can carry 100,000 empty files; one chip and one finding were
/// made for each.
#[test]
fn inputs_past_max_inputs_are_one_finding() {
    let inputs: Vec<Input> = (0..100_000).map(|_| Input::bytes(None, Vec::new())).collect();
    let r = analyze(&inputs, &at_2026());
    let max = Limits::default().max_inputs;
    assert_eq!(r.inputs.len(), max);
    assert_eq!(r.work.inputs, max);
    assert_eq!(r.work.exceeded, ["max_inputs"]);
    let m = messages(&r, "work-budget-exceeded");
    assert_eq!(m.len(), 1, "{:?}", codes(&r));
    assert!(m[0].contains("100000 inputs") && m[0].contains("max_inputs = 64"), "{}", m[0]);
    assert_eq!(messages(&r, "input-empty").len(), max);
}

/// 8 MiB in the main input and 8 MiB in the trust-anchors box: one byte
/// budget for both, so the anchors box gets what the input left (nothing).
#[test]
fn anchors_box_shares_the_byte_budget() {
    let max = Limits::default().max_input_bytes;
    let pad = |text: String| -> Vec<u8> {
        let mut bytes = text.into_bytes();
        bytes.resize(max, b'\n');
        bytes
    };
    let chain = String::from_utf8(forge::data("corpus/amazon/valid.rootca1.chain.pem")).unwrap();
    let root = forge::pem("CERTIFICATE", &forge::root_der());
    let opts = Options {
        extra_anchors: vec![pad(root.clone())],
        ..Options::at(Timestamp::parse_rfc3339("2025-02-25T00:00:00Z").unwrap())
    };
    let opts = Options { use_system_roots: false, ..opts };
    let r = analyze(&[Input::bytes(Some("chain.pem".into()), pad(chain.clone()))], &opts);
    assert_eq!(r.certificates.len(), 2);
    assert_eq!(r.work.input_bytes, max);
    let m = messages(&r, "input-too-large");
    assert_eq!(m.len(), 1, "{:?}", codes(&r));
    assert!(m[0].contains("trust anchors 1") && m[0].contains("first 0"), "{}", m[0]);
    assert!(!r.chain.complete, "the anchor was not read");
    // With room left, the same anchor is read and trusted.
    let r = analyze(&[Input::text(&chain)], &Options { extra_anchors: vec![root.into_bytes()], ..opts });
    assert!(r.chain.complete, "{:?}", codes(&r));
}

/// The limits refuse hostile input, never real data: a paste of every root
/// in Mozilla's store (each self-signature checked for its view) plus a
/// real chain fits the default budget.
#[test]
fn mozilla_store_pasted_whole_fits_the_budget() {
    let mut text = String::from_utf8(forge::data("corpus/amazon/valid.rootca1.chain.pem")).unwrap();
    for root in webpki_root_certs::TLS_SERVER_ROOT_CERTS {
        text.push_str(&forge::pem("CERTIFICATE", root.as_ref()));
    }
    let opts = Options::at(Timestamp::parse_rfc3339("2025-02-25T00:00:00Z").unwrap());
    let r = analyze(&[Input::text(&text)], &opts);
    assert_eq!(r.certificates.len(), 2 + webpki_root_certs::TLS_SERVER_ROOT_CERTS.len());
    assert!(r.work.exceeded.is_empty(), "{:?}", r.work);
    assert!(r.chain.complete && !codes(&r).contains(&"work-budget-exceeded"), "{:?}", codes(&r));
    assert!(r.certificates.iter().skip(2).all(|c| c.self_signed), "every root's view checked its signature");
}
