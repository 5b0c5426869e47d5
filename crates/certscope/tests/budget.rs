//! One work budget for the whole analysis (issue 12): each attack that
//! used to freeze the tab, generated here at test time (tests/forge/), must
//! end with its work counted in `report.work` and, where it runs out, a
//! finding that names the `Limits` field. The assertions are on counted
//! work, not wall time (the speed goal is in benches/analyze.rs).

mod common;
mod forge;

use certscope::{analyze, Input, Limits, Options, Timestamp};
use common::{codes, messages};

fn at_2026() -> Options {
    Options { use_system_roots: false, ..Options::at(Timestamp::parse_rfc3339("2026-06-01T00:00:00Z").unwrap()) }
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
    let crl = common::read("real/amazon/rootca1.crl");
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
    let response = common::read("ocsp/resp-sha256.der");
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
    assert_eq!(r.ocsp.as_ref().and_then(|o| o.signature), Some(certscope::report::OcspSignature::Unverifiable));
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
    let pad = |text: String| forge::padded(&text, max);
    let chain = String::from_utf8(common::read("real/amazon/valid.rootca1.chain.pem")).unwrap();
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
    let mut text = String::from_utf8(common::read("real/amazon/valid.rootca1.chain.pem")).unwrap();
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

/// `analyze` is a function of its input: anchors' self-signatures are
/// remembered for the process, but each analysis pays for them again, so
/// the second report equals the first (the embed sends an event only when
/// the report changes, and a budget must not run out differently the
/// second time). Every chain fixture, with Mozilla's roots and without.
#[test]
fn the_same_input_gives_the_same_report_twice() {
    let files: Vec<_> = ["real/amazon", "limbo/online", "real/webpki", "real/pyca", "pkits/certs"]
        .iter()
        .flat_map(|dir| common::files_below(&common::data_path(dir)))
        .filter(|f| f.extension().is_some_and(|e| ["pem", "cer", "der", "crt"].contains(&e.to_str().unwrap_or(""))))
        .collect();
    assert!(files.len() > 20, "{} chain fixtures", files.len());
    let at = Options::at(Timestamp::parse_rfc3339("2025-03-15T12:00:00Z").unwrap());
    for opts in [at.clone(), Options { use_system_roots: false, ..at }] {
        for file in &files {
            let inputs = [Input::bytes(None, std::fs::read(file).unwrap())];
            let first = serde_json::to_string(&analyze(&inputs, &opts)).unwrap();
            let second = serde_json::to_string(&analyze(&inputs, &opts)).unwrap();
            assert!(first == second, "{} gives two reports", file.display());
        }
    }
}

// ---- the same attacks, written out for the browser suite -------------------

/// One attack as the page takes it in: files pasted or dropped, the
/// trust-anchors box, "as of", and the finding codes it must show.
struct WorstCase {
    name: &'static str,
    what: &'static str,
    /// Pasted (one text file) or dropped (any number of files).
    paste: bool,
    files: Vec<(String, Vec<u8>)>,
    /// The trust-anchors box's text, written as `{name}.anchors.pem`.
    anchors: Option<Vec<u8>>,
    as_of: &'static str,
    expected: &'static [&'static str],
}

impl WorstCase {
    /// The options the page passes for this case. The page has no switch
    /// for Mozilla's roots, so they are on, as there; it trims the
    /// trust-anchors box.
    fn page_options(&self) -> Options {
        let anchors = self.anchors.as_deref().map(|a| String::from_utf8_lossy(a).trim().as_bytes().to_vec());
        Options {
            extra_anchors: anchors.into_iter().filter(|a| !a.is_empty()).collect(),
            ..Options::at(Timestamp::parse_rfc3339(self.as_of).unwrap())
        }
    }

    /// What the page hands the core: the paste as text, a dropped file as bytes.
    fn page_inputs(&self) -> Vec<Input> {
        self.files.iter().map(|(name, bytes)| Input::bytes(Some(name.clone()), bytes.clone())).collect()
    }
}

/// The attacks of this file, as the page would be given them. The 100,000
/// empty inputs are not among them: tests/e2e/run.mjs makes that permalink
/// itself, and 100,000 files on disk would only test the file system.
fn worst_cases() -> Vec<WorstCase> {
    const AT_2026: &str = "2026-06-01T00:00:00Z";
    let (nc_leaf, nc_ca) = forge::name_constraint_bomb();
    let max = Limits::default().max_input_bytes;
    let chain = String::from_utf8(common::read("real/amazon/valid.rootca1.chain.pem")).unwrap();
    let root = forge::pem("CERTIFICATE", &forge::root_der());
    let mut ocsp = vec![("namesakes.pem".to_string(), forge::responder_namesakes(100).into_bytes())];
    let response = common::read("ocsp/resp-sha256.der");
    ocsp.extend((0..21).map(|i| (format!("resp{i}.der"), response.clone())));
    vec![
        WorstCase {
            name: "crl_500_certs_500_copies",
            what: "500 certificates named Amazon Root CA 1 + 500 copies of its CRL",
            paste: true,
            files: vec![("crl-bomb.pem".into(), forge::crl_bomb(500).into_bytes())],
            anchors: None,
            as_of: AT_2026,
            expected: &["crl-duplicate", "work-budget-exceeded"],
        },
        WorstCase {
            name: "name_constraints_3500x3500",
            what: "a CA with 3,500 DNS subtrees over a leaf with 3,500 SAN names, both pasted",
            paste: true,
            files: vec![(
                "constraint-bomb.pem".into(),
                [forge::pem("CERTIFICATE", &nc_leaf), forge::pem("CERTIFICATE", &nc_ca)].concat().into_bytes(),
            )],
            anchors: None,
            as_of: AT_2026,
            expected: &["work-budget-exceeded"],
        },
        WorstCase {
            name: "name_constraints_3500x3500_user_anchor",
            what: "the same CA in the trust-anchors box",
            paste: true,
            files: vec![("constraint-bomb-leaf.pem".into(), forge::pem("CERTIFICATE", &nc_leaf).into_bytes())],
            anchors: Some(forge::pem("CERTIFICATE", &nc_ca).into_bytes()),
            as_of: AT_2026,
            expected: &["work-budget-exceeded"],
        },
        WorstCase {
            name: "ocsp_21_responses_100_namesakes",
            what: "21 OCSP responses whose byName responder 100 differently keyed certificates carry",
            paste: false,
            files: ocsp,
            anchors: None,
            as_of: AT_2026,
            expected: &["ocsp-signature-invalid", "ocsp-extra-response"],
        },
        WorstCase {
            name: "signatures_200_rsa16384",
            what: "a leaf and 250 same-named CAs with 16,384-bit RSA keys and 33-bit exponents",
            paste: true,
            files: vec![("rsa16384-namesakes.pem".into(), forge::big_rsa_namesakes(250).into_bytes())],
            anchors: None,
            as_of: AT_2026,
            expected: &["path-budget-exceeded"],
        },
        WorstCase {
            name: "input_8mib_plus_anchors_8mib",
            what: "an 8 MiB chain file (a chain padded with newlines) + 8 MiB in the trust-anchors box",
            paste: false,
            files: vec![("chain.pem".into(), forge::padded(&chain, max))],
            // The root twice with the padding between, so that trimming
            // (the page trims the box) leaves all 8 MiB.
            anchors: Some(forge::padded_between(&root, max)),
            as_of: "2025-02-25T00:00:00Z",
            expected: &["input-too-large"],
        },
    ]
}

/// Writes `worst_cases()` into `$CERTSCOPE_WORST_CASES_DIR` for the browser
/// suite (scripts/e2e.sh runs this; tests/e2e/hostile.mjs reads
/// `manifest.json`), after checking natively, with the page's options,
/// that each case raises the codes the manifest promises.
#[test]
#[ignore = "writes files for the browser suite; scripts/e2e.sh runs it"]
fn write_worst_cases() {
    let Some(dir) = std::env::var_os("CERTSCOPE_WORST_CASES_DIR") else { return };
    let dir = std::path::PathBuf::from(dir);
    std::fs::create_dir_all(&dir).unwrap();
    let mut manifest = Vec::new();
    for case in worst_cases() {
        let opts = case.page_options();
        let r = analyze(&case.page_inputs(), &opts);
        for code in case.expected {
            assert!(codes(&r).contains(code), "{}: no {code} in {:?}", case.name, codes(&r));
        }
        assert!(!case.paste || case.files.len() == 1, "{}: one text is pasted", case.name);
        for (file, bytes) in &case.files {
            std::fs::write(dir.join(file), bytes).unwrap();
        }
        let anchors = case.anchors.as_ref().map(|text| {
            let file = format!("{}.anchors.pem", case.name);
            std::fs::write(dir.join(&file), text).unwrap();
            file
        });
        manifest.push(serde_json::json!({
            "name": case.name,
            "what": case.what,
            "input": if case.paste { "paste" } else { "drop" },
            "files": case.files.iter().map(|(f, _)| f).collect::<Vec<_>>(),
            "anchors": anchors,
            "as_of": case.as_of,
            "mozilla_roots": opts.use_system_roots,
            "expected_codes": case.expected,
            "native_work": r.work,
        }));
    }
    let text = serde_json::to_string_pretty(&serde_json::json!({ "cases": manifest })).unwrap();
    std::fs::write(dir.join("manifest.json"), text + "\n").unwrap();
}
