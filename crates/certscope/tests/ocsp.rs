//! OCSP through the public entry point: bytes in every form they arrive in,
//! a Report out, judged against what OpenSSL and the fixtures' sources (tests/data/SOURCES.md) say.

mod common;

use base64::Engine;
use certscope::report::{
    CertificateStatus, Freshness, OcspReport, OcspSignature, Report, ResponderIdKind, ResponderKind, ResponseStatus,
    RowId, StaplingState,
};
use certscope::{analyze, Input, Options, Timestamp};
use common::codes;

/// The OCSP vectors (tests/data/ocsp), or a pool path.
fn data(name: &str) -> Vec<u8> {
    common::read_in("ocsp", name)
}

fn file(name: &str) -> Input {
    Input::bytes(Some(name.rsplit('/').next().unwrap_or(name).to_string()), data(name))
}

fn opts(at: &str, anchors: &[&str]) -> Options {
    Options {
        use_system_roots: false,
        extra_anchors: anchors.iter().map(|a| data(a)).collect(),
        ..Options::at(Timestamp::parse_rfc3339(at).unwrap())
    }
}

fn ocsp(r: &Report) -> &OcspReport {
    r.ocsp.as_ref().unwrap_or_else(|| panic!("no OCSP report; findings {:?}", codes(r)))
}

/// "verify OK" as `openssl ocsp` means it: the signature is valid and made
/// by the issuing CA or a responder it delegated.
fn verify_ok(r: &Report) -> bool {
    let o = ocsp(r);
    o.signature == Some(OcspSignature::Valid)
        && matches!(o.responder, Some(ResponderKind::Issuer | ResponderKind::Delegated))
}

/// OpenSSL's test/recipes/80-test_ocsp.t: response (base64, as the recipe
/// keeps them), -CAfile, -verify_other (the CAfile when empty), exit 0?
const OPENSSL_RECIPE: &[(&str, &str, &str, bool)] = &[
    ("ND1.ors", "ND1_Issuer_ICA.pem", "", true),
    ("ND2.ors", "ND2_Issuer_Root.pem", "", true),
    ("ND3.ors", "ND3_Issuer_Root.pem", "", true),
    ("ND1.ors", "ND1_Cross_Root.pem", "ND1_Issuer_ICA-Cross.pem", true),
    ("D1.ors", "D1_Issuer_ICA.pem", "", true),
    ("D2.ors", "D2_Issuer_Root.pem", "", true),
    ("D3.ors", "D3_Issuer_Root.pem", "", true),
    ("ISOP_ND1.ors", "ND1_Issuer_ICA.pem", "", false),
    ("ISOP_ND2.ors", "ND2_Issuer_Root.pem", "", false),
    ("ISOP_ND3.ors", "ND3_Issuer_Root.pem", "", false),
    ("ISOP_D1.ors", "D1_Issuer_ICA.pem", "", false),
    ("ISOP_D2.ors", "D2_Issuer_Root.pem", "", false),
    ("ISOP_D3.ors", "D3_Issuer_Root.pem", "", false),
    ("WRID_ND1.ors", "ND1_Issuer_ICA.pem", "", false),
    ("WRID_ND2.ors", "ND2_Issuer_Root.pem", "", false),
    ("WRID_ND3.ors", "ND3_Issuer_Root.pem", "", false),
    ("WRID_D1.ors", "D1_Issuer_ICA.pem", "", false),
    ("WRID_D2.ors", "D2_Issuer_Root.pem", "", false),
    ("WRID_D3.ors", "D3_Issuer_Root.pem", "", false),
    ("WINH_ND1.ors", "ND1_Issuer_ICA.pem", "", false),
    ("WINH_ND2.ors", "ND2_Issuer_Root.pem", "", false),
    ("WINH_ND3.ors", "ND3_Issuer_Root.pem", "", false),
    ("WINH_D1.ors", "D1_Issuer_ICA.pem", "", false),
    ("WINH_D2.ors", "D2_Issuer_Root.pem", "", false),
    ("WINH_D3.ors", "D3_Issuer_Root.pem", "", false),
    ("WIKH_ND1.ors", "ND1_Issuer_ICA.pem", "", false),
    ("WIKH_ND2.ors", "ND2_Issuer_Root.pem", "", false),
    ("WIKH_ND3.ors", "ND3_Issuer_Root.pem", "", false),
    ("WIKH_D1.ors", "D1_Issuer_ICA.pem", "", false),
    ("WIKH_D2.ors", "D2_Issuer_Root.pem", "", false),
    ("WIKH_D3.ors", "D3_Issuer_Root.pem", "", false),
    ("WKDOSC_D1.ors", "D1_Issuer_ICA.pem", "", false),
    ("WKDOSC_D2.ors", "D2_Issuer_Root.pem", "", false),
    ("WKDOSC_D3.ors", "D3_Issuer_Root.pem", "", false),
    ("ISDOSC_D1.ors", "D1_Issuer_ICA.pem", "", false),
    ("ISDOSC_D2.ors", "D2_Issuer_Root.pem", "", false),
    ("ISDOSC_D3.ors", "D3_Issuer_Root.pem", "", false),
    ("ND1.ors", "WSNIC_ND1_Issuer_ICA.pem", "", false),
    ("ND2.ors", "WSNIC_ND2_Issuer_Root.pem", "", false),
    ("ND3.ors", "WSNIC_ND3_Issuer_Root.pem", "", false),
    ("D1.ors", "WSNIC_D1_Issuer_ICA.pem", "", false),
    ("D2.ors", "WSNIC_D2_Issuer_Root.pem", "", false),
    ("D3.ors", "WSNIC_D3_Issuer_Root.pem", "", false),
    ("ND1.ors", "WKIC_ND1_Issuer_ICA.pem", "", false),
    ("ND2.ors", "WKIC_ND2_Issuer_Root.pem", "", false),
    ("ND3.ors", "WKIC_ND3_Issuer_Root.pem", "", false),
    ("D1.ors", "WKIC_D1_Issuer_ICA.pem", "", false),
    ("D2.ors", "WKIC_D2_Issuer_Root.pem", "", false),
    ("D3.ors", "WKIC_D3_Issuer_Root.pem", "", false),
    ("ND1.ors", "ISIC_ND1_Issuer_ICA.pem", "", true),
    ("ND2.ors", "ISIC_ND2_Issuer_Root.pem", "", true),
    ("ND3.ors", "ISIC_ND3_Issuer_Root.pem", "", true),
    ("D1.ors", "ISIC_D1_Issuer_ICA.pem", "", true),
    ("D2.ors", "ISIC_D2_Issuer_Root.pem", "", true),
    ("D3.ors", "ISIC_D3_Issuer_Root.pem", "", true),
];

/// -attime 1355875200, as the recipe runs it.
const RECIPE_AT: &str = "@1355875200";

#[test]
fn openssl_recipe_combinations_agree_with_openssl() {
    let mut agree = 0;
    let mut disagree = Vec::new();
    for &(resp, ca, untrusted, expected) in OPENSSL_RECIPE {
        let untrusted = if untrusted.is_empty() { ca } else { untrusted };
        let inputs = [Input::ocsp(Some(resp.to_string()), data(resp)), file(untrusted)];
        let r = analyze(&inputs, &opts(RECIPE_AT, &[ca]));
        if verify_ok(&r) == expected {
            agree += 1;
        } else {
            let o = ocsp(&r);
            disagree.push(format!(
                "{resp} + {ca}: openssl {expected}, certscope {:?}/{:?} {:?}",
                o.signature,
                o.responder,
                codes(&r)
            ));
        }
    }
    println!("OpenSSL 80-test_ocsp.t: {agree} of {} combinations agree", OPENSSL_RECIPE.len());
    assert_eq!(OPENSSL_RECIPE.len(), 55, "7 + 6 x 6 + 3 x 2 + 6: every test_ocsp call of the recipe");
    assert!(disagree.is_empty(), "{}", disagree.join("\n"));
}

#[test]
fn response_for_the_leaf_fills_the_summary() {
    // ND1.der: good, thisUpdate 2012-10-11 08:41:13, nextUpdate 2012-10-15 08:41:13.
    let inputs = [file("ND1_Cert_EE.pem"), file("ND1_Issuer_ICA.pem"), Input::ocsp(None, data("ND1.der"))];
    let r = analyze(&inputs, &opts("2012-10-12T00:00:00Z", &[]));
    let o = ocsp(&r);
    assert_eq!((o.signature, o.responder), (Some(OcspSignature::Valid), Some(ResponderKind::Issuer)));
    assert!(o.responses[0].matches_leaf);
    let leaf = o.leaf.as_ref().unwrap();
    assert_eq!((leaf.status, leaf.freshness), (CertificateStatus::Good, Freshness::Fresh));
    assert_eq!(r.summary.ocsp_status, Some(CertificateStatus::Good));
    assert_eq!(r.summary.must_staple_satisfied, None);
    assert!(r.ocsp_other.is_empty() && !codes(&r).contains(&"ocsp-extra-response"));
    let json = serde_json::to_value(&r).unwrap();
    assert_eq!(json["ocsp"]["responder_id"], "by-key");
    assert_eq!(json["ocsp"]["responses"][0]["certid_hash"], "sha1");
    assert_eq!(json["ocsp"]["leaf"]["next_update"], "2012-10-15T08:41:13Z");
    let capture = r.capture.as_ref().unwrap();
    assert!(capture.request_get_urls[0].starts_with("http://ocsp.comodoca.com/"));
}

#[test]
fn every_encoding_of_a_response_decodes_the_same() {
    let der = data("D1.der");
    let b64 = base64::engine::general_purpose::STANDARD.encode(&der);
    let b64url = base64::engine::general_purpose::URL_SAFE_NO_PAD.encode(&der);
    let wrapped: Vec<String> = b64.as_bytes().chunks(64).map(|c| String::from_utf8(c.to_vec()).unwrap()).collect();
    let pem = format!("-----BEGIN OCSP RESPONSE-----\n{}\n-----END OCSP RESPONSE-----\n", wrapped.join("\n"));
    let pasted_with_chain = format!("{}\n{pem}", String::from_utf8(data("D1_Cert_EE.pem")).unwrap());
    for (what, input) in [
        ("DER", Input::bytes(None, der.clone())),
        ("base64", Input::text(&b64)),
        ("base64url", Input::text(&b64url)),
        ("PEM", Input::text(&pem)),
        ("PEM with the chain", Input::text(&pasted_with_chain)),
        (".ors", file("D1.ors")),
    ] {
        let r = analyze(&[input, file("D1_Issuer_ICA.pem")], &opts("2012-10-24T00:00:00Z", &[]));
        let o = r.ocsp.as_ref().unwrap_or_else(|| panic!("{what}: {:?}", codes(&r)));
        assert_eq!(o.signature, Some(OcspSignature::Valid), "{what}");
        assert_eq!(o.responder, Some(ResponderKind::Delegated), "{what}");
        assert_eq!(o.responses[0].serial, "1121bcbf1e08cc02e792a406d3902f33ed9b", "{what}");
    }
}

#[test]
fn error_responses_say_what_they_mean_and_the_chain_is_still_checked() {
    for (f, status) in [("resp-unauthorized.der", "unauthorized"), ("ocsp-try-later.der", "tryLater")] {
        let inputs = [file("ND1_Cert_EE.pem"), file("ND1_Issuer_ICA.pem"), Input::ocsp(None, data(f))];
        let r = analyze(&inputs, &opts("2012-10-12T00:00:00Z", &[]));
        assert_eq!(ocsp(&r).response_status.name(), status);
        assert!(codes(&r).contains(&"ocsp-not-successful"));
        assert_eq!(r.certificates.len(), 2, "the chain is still decoded and reported");
        assert!(r.summary.rows.iter().any(|row| row.id == RowId::OcspStatus && row.value.contains(status)));
    }
}

#[test]
fn s_client_without_a_staple_says_how_to_turn_stapling_on() {
    let r = analyze(&[file("input/s_client-status-not-sent.txt")], &opts("2012-10-24T00:00:00Z", &[]));
    let st = r.stapling.as_ref().unwrap();
    assert_eq!(st.state, StaplingState::NotSent);
    let servers: Vec<&str> = st.snippets.iter().map(|s| s.server.as_str()).collect();
    assert_eq!(servers, ["nginx", "Apache", "IIS"]);
    let f = r.findings.iter().find(|f| f.code.code() == "stapling-off").unwrap();
    assert!(f.remedy.contains("ssl_stapling on;") && f.remedy.contains("SSLUseStapling on"));
    assert!(r.ocsp.is_none());
    // The leaf and issuer came with the transcript: the capture commands are ready.
    let capture = r.capture.as_ref().unwrap();
    assert!(capture.commands.iter().any(|c| c.contains("openssl s_client -connect 'www.globalsign.com:443'")));
}

#[test]
fn s_client_text_only_staple_is_shown_but_not_trusted() {
    let r = analyze(&[file("input/s_client-status-stapled.txt")], &opts("2012-10-24T00:00:00Z", &[]));
    let st = r.stapling.as_ref().unwrap();
    assert_eq!((st.state, st.text_only), (StaplingState::Stapled, true));
    assert_eq!(st.text_status.as_deref(), Some("good"));
    assert_eq!(st.text_next_update.as_deref(), Some("Oct 30 08:00:00 2012 GMT"));
    assert!(codes(&r).contains(&"staple-text-only"));
}

#[test]
fn must_staple_leaf_without_a_staple_is_an_error() {
    let r = analyze(
        &[file("x509/tls-feature-ocsp-staple.pem"), file("x509/letsencryptx3.pem")],
        &opts("2017-10-01T00:00:00Z", &[]),
    );
    assert!(r.summary.must_staple, "{:?}", codes(&r));
    assert_eq!(r.summary.must_staple_satisfied, Some(false));
    assert!(codes(&r).contains(&"must-staple-without-ocsp"));
}

// ---- synthetic responses (tests/data/ocsp/synthetic/make.sh) ---------------
//
// Made offline by `openssl ocsp -reqin` at the time make.sh ran, so each test
// judges at a time relative to the response's own producedAt.

fn synthetic(name: &str) -> Vec<u8> {
    data(&format!("synthetic/{name}"))
}

/// Analyzes `response` with `chain` (leaf first, then the test CA) at
/// `hours` after the response's producedAt, the test CA as the only anchor.
fn synth(response: &str, chain: &str, hours: i64) -> Report {
    let run = |at: Timestamp| {
        let mut inputs = vec![Input::bytes(Some(chain.to_string()), synthetic(chain))];
        if !response.is_empty() {
            inputs.push(Input::ocsp(Some(response.to_string()), synthetic(response)));
        }
        let opts = Options { use_system_roots: false, extra_anchors: vec![synthetic("ca.pem")], ..Options::at(at) };
        analyze(&inputs, &opts)
    };
    // Any time will do to read producedAt.
    let first = run(Timestamp::parse_rfc3339("2026-01-01T00:00:00Z").unwrap());
    // Without a response, the day make.sh ran (the certificates' first day).
    let produced = first.ocsp.as_ref().and_then(|o| o.produced_at).unwrap_or(first.certificates[0].not_before);
    run(Timestamp::from_unix(produced.unix() + hours * 3600))
}

fn ocsp_codes(r: &Report) -> Vec<&'static str> {
    codes(r).into_iter().filter(|c| c.starts_with("ocsp-") || c.starts_with("must-staple")).collect()
}

#[test]
fn synthetic_issuer_signed_responses() {
    for (resp, id, certid, alg) in [
        ("issuer-good.der", "by-name", "sha1", "sha256WithRSAEncryption"),
        ("issuer-by-key.der", "by-key", "sha1", "sha256WithRSAEncryption"),
        ("issuer-sha256-certid.der", "by-name", "sha256", "sha256WithRSAEncryption"),
        ("issuer-pss.der", "by-name", "sha1", "rsassaPss"),
    ] {
        let r = synth(resp, "leaf-chain.pem", 1);
        let o = ocsp(&r);
        assert_eq!((o.signature, o.responder), (Some(OcspSignature::Valid), Some(ResponderKind::Issuer)), "{resp}");
        assert_eq!((o.responder_id.map(ResponderIdKind::as_str), o.responder_nocheck), (Some(id), None), "{resp}");
        assert_eq!(o.responses[0].certid_hash, certid, "{resp}");
        assert_eq!(o.signature_algorithm.as_deref(), Some(alg), "{resp}");
        assert!(o.responses[0].matches_leaf, "{resp}");
        assert_eq!(o.leaf.as_ref().unwrap().freshness, Freshness::Fresh);
        assert_eq!(r.summary.ocsp_status, Some(CertificateStatus::Good));
        assert!(ocsp_codes(&r).is_empty(), "{resp}: {:?}", codes(&r));
    }
}

#[test]
fn synthetic_delegated_responders_with_every_key_type() {
    for (resp, nocheck) in [
        ("delegated.der", false),
        ("delegated-nocheck.der", true),
        ("delegated-ecdsa.der", false),
        ("delegated-ed25519.der", false),
    ] {
        let r = synth(resp, "leaf-chain.pem", 1);
        let o = ocsp(&r);
        assert_eq!((o.signature, o.responder), (Some(OcspSignature::Valid), Some(ResponderKind::Delegated)), "{resp}");
        assert_eq!(o.responder_nocheck, Some(nocheck), "{resp}");
        assert_eq!(codes(&r).contains(&"ocsp-responder-nocheck"), nocheck, "{resp}");
        assert_eq!(o.certificates.len(), 1, "{resp}");
    }
}

#[test]
fn synthetic_unauthorized_and_broken_signatures() {
    for resp in ["unauthorized-noeku.der", "unauthorized-foreign.der"] {
        let r = synth(resp, "leaf-chain.pem", 1);
        assert_eq!(ocsp(&r).signature, Some(OcspSignature::UnauthorizedResponder), "{resp}");
        assert_eq!(ocsp(&r).signature_intact, Some(true), "{resp}: the signature itself verifies");
        assert!(codes(&r).contains(&"ocsp-unauthorized-responder"), "{resp}");
        assert_eq!(r.summary.must_staple_satisfied, None);
    }
    let r = synth("bad-signature.der", "leaf-chain.pem", 1);
    assert_eq!(ocsp(&r).signature, Some(OcspSignature::Invalid));
    assert!(codes(&r).contains(&"ocsp-signature-invalid"));
    // Another CA's response for a certificate with the leaf's serial.
    let r = synth("other-issuer.der", "leaf-chain.pem", 1);
    assert!(codes(&r).contains(&"ocsp-no-matching-response"));
    assert_eq!(ocsp(&r).responses[0].certificate, None);
    assert!(ocsp(&r).leaf.is_none());
}

#[test]
fn synthetic_statuses() {
    let r = synth("revoked-reason.der", "revoked-chain.pem", 1);
    let leaf = ocsp(&r).leaf.as_ref().unwrap();
    assert_eq!((leaf.status, leaf.revocation_reason.as_deref()), (CertificateStatus::Revoked, Some("keyCompromise")));
    assert!(leaf.revocation_time.is_some());
    assert_eq!(r.summary.ocsp_status, Some(CertificateStatus::Revoked));
    assert!(codes(&r).contains(&"ocsp-revoked"));
    let r = synth("revoked-no-reason.der", "revoked2-chain.pem", 1);
    let leaf = ocsp(&r).leaf.as_ref().unwrap();
    assert_eq!((leaf.status, leaf.revocation_reason.as_deref()), (CertificateStatus::Revoked, None));
    // Three answers, the leaf's among them.
    let r = synth("multi.der", "leaf-chain.pem", 1);
    let o = ocsp(&r);
    assert_eq!(o.responses.len(), 3);
    assert_eq!(o.responses.iter().filter(|s| s.matches_leaf).count(), 1);
    assert_eq!(o.leaf.as_ref().unwrap().status, CertificateStatus::Good);
    // "unknown" for a serial the CA never issued.
    let r = analyze(&[Input::ocsp(None, synthetic("unknown.der"))], &opts("2026-12-01T00:00:00Z", &[]));
    assert_eq!(ocsp(&r).responses[0].status, CertificateStatus::Unknown);
    assert!(codes(&r).contains(&"ocsp-unknown"));
}

#[test]
fn synthetic_freshness_and_baseline_requirements() {
    let at = |hours| ocsp_codes(&synth("issuer-good.der", "leaf-chain.pem", hours));
    assert!(at(1).is_empty());
    assert_eq!(at(-2), ["ocsp-not-yet-valid"]);
    assert_eq!(at(8 * 24), ["ocsp-stale"]);
    assert_eq!(at(5 * 24), ["ocsp-old-staple"]);
    let r = synth("issuer-good.der", "leaf-chain.pem", 8 * 24);
    assert_eq!(ocsp(&r).leaf.as_ref().unwrap().freshness, Freshness::Stale);
    assert_eq!(ocsp_codes(&synth("issuer-no-next-update.der", "leaf-chain.pem", 1)), ["ocsp-no-next-update"]);
    assert_eq!(ocsp_codes(&synth("issuer-short-window.der", "leaf-chain.pem", 1)), ["ocsp-validity-window"]);
    assert_eq!(ocsp_codes(&synth("issuer-long-window.der", "leaf-chain.pem", 1)), ["ocsp-validity-window"]);
    assert_eq!(ocsp_codes(&synth("issuer-sha1.der", "leaf-chain.pem", 1)), ["ocsp-sha1-signature"]);
}

#[test]
fn synthetic_must_staple_with_and_without_a_staple() {
    let r = synth("issuer-staple.der", "staple-chain.pem", 1);
    assert!(r.summary.must_staple);
    assert_eq!(r.summary.must_staple_satisfied, Some(true));
    assert!(ocsp_codes(&r).is_empty(), "{:?}", codes(&r));
    let r = synth("issuer-staple.der", "staple-chain.pem", 8 * 24);
    assert_eq!(r.summary.must_staple_satisfied, Some(false), "a stale staple does not satisfy must-staple");
    let r = synth("", "staple-chain.pem", 0);
    assert_eq!(r.summary.must_staple_satisfied, Some(false));
    assert!(codes(&r).contains(&"must-staple-without-ocsp"));
    // The leaf's response for another certificate does not satisfy it either.
    let r = synth("issuer-good.der", "staple-chain.pem", 1);
    assert_eq!(r.summary.must_staple_satisfied, Some(false));
    assert!(codes(&r).contains(&"ocsp-no-matching-response"));
}

#[test]
fn synthetic_must_staple_readiness() {
    let r = synth("", "staple-critical-chain.pem", 0);
    let c = codes(&r);
    assert!(c.contains(&"tls-feature-critical") && c.contains(&"must-staple-without-ocsp"), "{c:?}");
    let r = synth("", "staple-no-url-chain.pem", 0);
    assert!(codes(&r).contains(&"must-staple-no-ocsp-url"), "{:?}", codes(&r));
    let r = synth("", "bare-chain.pem", 0);
    assert!(codes(&r).contains(&"no-revocation-info"), "{:?}", codes(&r));
    assert!(r.capture.as_ref().unwrap().request_get_urls.is_empty(), "no OCSP URL, nothing to fetch");
    // The CA requires status_request; its leaf does not carry it (RFC 7633 §4.2.2).
    let r = synth("", "not-inherited-chain.pem", 0);
    let f = r
        .findings
        .iter()
        .find(|f| f.code.code() == "tls-feature-not-inherited")
        .unwrap_or_else(|| panic!("{:?}", codes(&r)));
    assert_eq!(f.certificate, Some(0));
    // A plain leaf with an OCSP URL and a CRL: none of these.
    let r = synth("", "leaf-chain.pem", 0);
    for code in [
        "tls-feature-critical",
        "tls-feature-not-inherited",
        "must-staple-no-ocsp-url",
        "must-staple-without-ocsp",
        "no-revocation-info",
    ] {
        assert!(!codes(&r).contains(&code), "{code}");
    }
}

#[test]
fn delegated_response_without_its_ca_is_intact_but_unverifiable() {
    // QuoVadis: the delegated responder is embedded, its CA is not given.
    let r = analyze(&[Input::ocsp(None, data("resp-revoked-reason.der"))], &opts("2018-09-02T00:00:00Z", &[]));
    let o = ocsp(&r);
    assert_eq!((o.signature, o.signature_intact), (Some(OcspSignature::Unverifiable), Some(true)));
    assert!(codes(&r).contains(&"ocsp-signature-unverifiable"));
    let text = certscope::report::render::render_text(&r);
    assert!(text.contains("signature verifies with the signer's key"), "{text}");
    // Given alone, the response's status is still reported.
    assert!(codes(&r).contains(&"ocsp-revoked"));
}

fn named_ocsp(name: &str) -> Input {
    Input::ocsp(Some(name.to_string()), data(name))
}

fn finding_about(r: &Report, code: &str, cert: Option<usize>) -> bool {
    r.findings.iter().any(|f| f.code.code() == code && f.certificate == cert)
}

#[test]
fn responses_for_the_leaf_and_the_intermediate_are_both_reported() {
    // ND2.der answers for the intermediate (signed by the root), ND1.der for
    // the leaf; the intermediate's is given first.
    let inputs = [file("ND1_Cert_EE.pem"), file("ND1_Issuer_ICA.pem"), named_ocsp("ND2.der"), named_ocsp("ND1.der")];
    let r = analyze(&inputs, &opts("2012-10-12T00:00:00Z", &["ND2_Issuer_Root.pem"]));
    let o = ocsp(&r);
    assert_eq!(o.source.name.as_deref(), Some("ND1.der"));
    assert!(verify_ok(&r) && o.responses[0].matches_leaf);
    assert_eq!(o.leaf.as_ref().map(|l| l.status), Some(CertificateStatus::Good));
    assert_eq!(r.summary.ocsp_status, Some(CertificateStatus::Good));
    assert_eq!(r.ocsp_other.len(), 1);
    let other = &r.ocsp_other[0];
    assert_eq!(other.source.name.as_deref(), Some("ND2.der"));
    assert_eq!(other.response_status, ResponseStatus::Successful);
    assert_eq!(other.certificate, Some(1));
    assert_eq!(other.serial.as_deref(), Some("11a3b4d0ec8db77f9da0cd5d2d512f42"));
    assert_eq!(other.status, Some(CertificateStatus::Good));
    assert_eq!(other.freshness, Some(Freshness::Fresh));
    assert_eq!(other.signature, Some(OcspSignature::Valid));
    assert_eq!(other.next_update.map(|t| t.to_rfc3339()).as_deref(), Some("2012-10-14T23:03:19Z"));
    assert!(finding_about(&r, "ocsp-extra-response", Some(1)), "{:?}", codes(&r));
    assert!(!codes(&r).contains(&"ocsp-not-for-leaf"));
    let json = serde_json::to_value(&r).unwrap();
    assert_eq!(json["ocsp_other"][0]["certificate"], 1);
    // Only the intermediate's response: it is the main one, and says so.
    let r = analyze(&inputs[..3], &opts("2012-10-12T00:00:00Z", &["ND2_Issuer_Root.pem"]));
    assert_eq!(ocsp(&r).source.name.as_deref(), Some("ND2.der"));
    assert!(r.ocsp_other.is_empty() && codes(&r).contains(&"ocsp-not-for-leaf"));
}

#[test]
fn of_several_responses_for_the_leaf_the_verified_one_matching_by_certid_is_checked() {
    // WINH_ND1: the leaf's serial but a wrong issuerNameHash, so by CertID it
    // is about no certificate here; ISOP_ND1: the leaf's CertID, older, with a
    // broken signature; ND1: the leaf's CertID, verified. Both bad ones first.
    let inputs = [
        file("ND1_Cert_EE.pem"),
        file("ND1_Issuer_ICA.pem"),
        named_ocsp("WINH_ND1.der"),
        named_ocsp("ISOP_ND1.der"),
        named_ocsp("ND1.der"),
    ];
    let r = analyze(&inputs, &opts("2012-10-12T00:00:00Z", &["ND1_Issuer_ICA.pem"]));
    let o = ocsp(&r);
    assert_eq!(o.source.name.as_deref(), Some("ND1.der"));
    assert!(verify_ok(&r));
    assert!(!codes(&r).contains(&"ocsp-signature-invalid"), "{:?}", codes(&r));
    let names: Vec<Option<&str>> = r.ocsp_other.iter().map(|x| x.source.name.as_deref()).collect();
    assert_eq!(names, [Some("WINH_ND1.der"), Some("ISOP_ND1.der")]);
    assert_eq!(r.ocsp_other[0].certificate, None);
    assert_eq!(r.ocsp_other[0].serial.as_deref(), Some("22e1332220a048df29b2bf9a31c29b07"));
    assert_eq!(r.ocsp_other[1].certificate, Some(0));
    assert_eq!(r.ocsp_other[1].signature, Some(OcspSignature::Invalid));
    assert_eq!(r.ocsp_other[1].this_update.map(|t| t.to_rfc3339()).as_deref(), Some("2012-10-10T08:54:45Z"));
    assert!(finding_about(&r, "ocsp-extra-response", None));
    assert!(finding_about(&r, "ocsp-extra-response", Some(0)));
    assert_eq!(codes(&r).iter().filter(|c| **c == "ocsp-extra-response").count(), 2);
}

#[test]
fn an_unusable_second_response_is_listed_not_dropped() {
    let inputs =
        [file("ND1_Cert_EE.pem"), file("ND1_Issuer_ICA.pem"), named_ocsp("ocsp-try-later.der"), named_ocsp("ND1.der")];
    let r = analyze(&inputs, &opts("2012-10-12T00:00:00Z", &["ND1_Issuer_ICA.pem"]));
    assert_eq!(ocsp(&r).source.name.as_deref(), Some("ND1.der"));
    assert!(verify_ok(&r));
    assert_eq!(r.ocsp_other.len(), 1, "{:?}", codes(&r));
    assert_eq!(r.ocsp_other[0].response_status, ResponseStatus::TryLater);
    assert_eq!(r.ocsp_other[0].status, None);
    assert!(finding_about(&r, "ocsp-extra-response", None));
    assert!(!codes(&r).contains(&"ocsp-not-successful"));
}
