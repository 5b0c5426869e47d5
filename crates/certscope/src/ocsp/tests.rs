//! OCSP checks on real responses, through the stage's own entry point
//! (certificates decoded here, the chain stage's outcome drawn by hand), so
//! they pin the OCSP logic whatever the input splitter and path builder do.

use super::*;
use crate::chain::anchors::Anchors;
use crate::report::{ResponderIdKind, ResponderKind, Role, SignatureStatus, Source};
use crate::time::Timestamp;

pub(crate) fn data(name: &str) -> Vec<u8> {
    crate::test_data::fixture("ocsp", name)
}

/// Every certificate in a PEM or DER file, as DER.
fn cert_ders(name: &str) -> Vec<Vec<u8>> {
    crate::test_data::cert_ders(data(name))
}

fn source(block: usize) -> Source {
    Source { input: 0, name: None, block, encoding: crate::report::Encoding::Der }
}

fn decode_certs(files: &[&str], first_index: usize) -> Vec<Cert> {
    files
        .iter()
        .flat_map(|f| cert_ders(f))
        .enumerate()
        .map(|(i, d)| Cert::from_der(&d, source(i + 1), first_index + i).unwrap())
        .collect()
}

pub(crate) fn at(s: &str) -> Timestamp {
    Timestamp::parse_rfc3339(s).unwrap()
}

/// The chain stage's outcome as it would be for `certs` with the leaf
/// first: each certificate followed by its issuer when present.
fn chain_for(certs: &[Cert], leaf: Option<usize>) -> ChainOutcome {
    let mut path = Vec::new();
    let mut cur = leaf;
    while let Some(i) = cur {
        if path.iter().any(|p| matches!(p, PathCert::Input(j) if *j == i)) {
            break;
        }
        path.push(PathCert::Input(i));
        let c = &certs[i];
        cur = certs.iter().position(|x| x.subject_der() == c.issuer_der() && x.index() != c.index());
    }
    let mut roles = vec![Role::Extra; certs.len()];
    if let Some(l) = leaf {
        roles[l] = Role::Leaf;
    }
    ChainOutcome {
        report: Default::default(),
        roles,
        signatures: vec![SignatureStatus::IssuerMissing; certs.len()],
        leaf,
        path,
        trusted: false,
        pending: Default::default(),
    }
}

fn anchors_of(user: Vec<Cert>) -> Anchors {
    Anchors { user, use_system: false }
}

pub(crate) struct Run {
    pub outcome: OcspOutcome,
    pub findings: Vec<Finding>,
}

impl Run {
    pub fn report(&self) -> &OcspReport {
        self.outcome.report.as_ref().expect("an OCSP report")
    }
    pub fn codes(&self) -> Vec<&'static str> {
        self.findings.iter().map(|f| f.code.code()).collect()
    }
    pub fn has(&self, code: &str) -> bool {
        self.codes().contains(&code)
    }
    /// "verify OK": the signature is valid and made by an authorized responder.
    pub fn verify_ok(&self) -> bool {
        let r = self.report();
        r.signature == Some(OcspSignature::Valid)
            && matches!(r.responder, Some(ResponderKind::Issuer | ResponderKind::Delegated))
    }
}

/// Analyzes `response` with `inputs` as the pasted certificates (leaf
/// first when `leaf`), `anchors` as the user's trust anchors.
pub(crate) fn run(response: &str, inputs: &[&str], anchors: &[&str], leaf: bool, as_of: &str) -> Run {
    let certs = decode_certs(inputs, 0);
    // Anchors from a trust store are numbered usize::MAX.
    let anchor_certs = decode_certs(anchors, usize::MAX / 2)
        .into_iter()
        .map(|c| Cert::from_der(c.der(), c.source().clone(), usize::MAX).unwrap());
    let anchors = anchors_of(anchor_certs.collect());
    let chain = chain_for(&certs, if leaf && !certs.is_empty() { Some(0) } else { None });
    let decoded = Decoded {
        ocsp: if response.is_empty() { vec![] } else { vec![RawObject { der: data(response), source: source(1) }] },
        ..Decoded::default()
    };
    let mut findings = Vec::new();
    let opts = Options::at(at(as_of));
    let mut work = crate::work::Work::new(&opts.limits);
    let outcome = analyze_ocsp(&decoded, &certs, &chain, &anchors, &opts, &mut work, &mut findings);
    Run { outcome, findings }
}

/// OpenSSL's test/recipes/80-test_ocsp.t: response, -CAfile, -verify_other
/// (the CAfile when empty), expected exit (true = 0, verify OK). Checked
/// with -attime 1355875200 (17 Dec 2012) and -partial_chain.
const OPENSSL_RECIPE: &[(&str, &str, &str, bool)] = &[
    // VALID OCSP RESPONSES
    ("ND1.der", "ND1_Issuer_ICA.pem", "", true),
    ("ND2.der", "ND2_Issuer_Root.pem", "", true),
    ("ND3.der", "ND3_Issuer_Root.pem", "", true),
    ("ND1.der", "ND1_Cross_Root.pem", "ND1_Issuer_ICA-Cross.pem", true),
    ("D1.der", "D1_Issuer_ICA.pem", "", true),
    ("D2.der", "D2_Issuer_Root.pem", "", true),
    ("D3.der", "D3_Issuer_Root.pem", "", true),
    // INVALID SIGNATURE on the OCSP RESPONSE
    ("ISOP_ND1.der", "ND1_Issuer_ICA.pem", "", false),
    ("ISOP_ND2.der", "ND2_Issuer_Root.pem", "", false),
    ("ISOP_ND3.der", "ND3_Issuer_Root.pem", "", false),
    ("ISOP_D1.der", "D1_Issuer_ICA.pem", "", false),
    ("ISOP_D2.der", "D2_Issuer_Root.pem", "", false),
    ("ISOP_D3.der", "D3_Issuer_Root.pem", "", false),
    // WRONG RESPONDERID in the OCSP RESPONSE
    ("WRID_ND1.der", "ND1_Issuer_ICA.pem", "", false),
    ("WRID_ND2.der", "ND2_Issuer_Root.pem", "", false),
    ("WRID_ND3.der", "ND3_Issuer_Root.pem", "", false),
    ("WRID_D1.der", "D1_Issuer_ICA.pem", "", false),
    ("WRID_D2.der", "D2_Issuer_Root.pem", "", false),
    ("WRID_D3.der", "D3_Issuer_Root.pem", "", false),
    // WRONG ISSUERNAMEHASH in the OCSP RESPONSE
    ("WINH_ND1.der", "ND1_Issuer_ICA.pem", "", false),
    ("WINH_ND2.der", "ND2_Issuer_Root.pem", "", false),
    ("WINH_ND3.der", "ND3_Issuer_Root.pem", "", false),
    ("WINH_D1.der", "D1_Issuer_ICA.pem", "", false),
    ("WINH_D2.der", "D2_Issuer_Root.pem", "", false),
    ("WINH_D3.der", "D3_Issuer_Root.pem", "", false),
    // WRONG ISSUERKEYHASH in the OCSP RESPONSE
    ("WIKH_ND1.der", "ND1_Issuer_ICA.pem", "", false),
    ("WIKH_ND2.der", "ND2_Issuer_Root.pem", "", false),
    ("WIKH_ND3.der", "ND3_Issuer_Root.pem", "", false),
    ("WIKH_D1.der", "D1_Issuer_ICA.pem", "", false),
    ("WIKH_D2.der", "D2_Issuer_Root.pem", "", false),
    ("WIKH_D3.der", "D3_Issuer_Root.pem", "", false),
    // WRONG KEY in the DELEGATED OCSP SIGNING CERTIFICATE
    ("WKDOSC_D1.der", "D1_Issuer_ICA.pem", "", false),
    ("WKDOSC_D2.der", "D2_Issuer_Root.pem", "", false),
    ("WKDOSC_D3.der", "D3_Issuer_Root.pem", "", false),
    // INVALID SIGNATURE on the DELEGATED OCSP SIGNING CERTIFICATE
    ("ISDOSC_D1.der", "D1_Issuer_ICA.pem", "", false),
    ("ISDOSC_D2.der", "D2_Issuer_Root.pem", "", false),
    ("ISDOSC_D3.der", "D3_Issuer_Root.pem", "", false),
    // WRONG SUBJECT NAME in the ISSUER CERTIFICATE
    ("ND1.der", "WSNIC_ND1_Issuer_ICA.pem", "", false),
    ("ND2.der", "WSNIC_ND2_Issuer_Root.pem", "", false),
    ("ND3.der", "WSNIC_ND3_Issuer_Root.pem", "", false),
    ("D1.der", "WSNIC_D1_Issuer_ICA.pem", "", false),
    ("D2.der", "WSNIC_D2_Issuer_Root.pem", "", false),
    ("D3.der", "WSNIC_D3_Issuer_Root.pem", "", false),
    // WRONG KEY in the ISSUER CERTIFICATE
    ("ND1.der", "WKIC_ND1_Issuer_ICA.pem", "", false),
    ("ND2.der", "WKIC_ND2_Issuer_Root.pem", "", false),
    ("ND3.der", "WKIC_ND3_Issuer_Root.pem", "", false),
    ("D1.der", "WKIC_D1_Issuer_ICA.pem", "", false),
    ("D2.der", "WKIC_D2_Issuer_Root.pem", "", false),
    ("D3.der", "WKIC_D3_Issuer_Root.pem", "", false),
    // INVALID SIGNATURE on the ISSUER CERTIFICATE (trusted anyway)
    ("ND1.der", "ISIC_ND1_Issuer_ICA.pem", "", true),
    ("ND2.der", "ISIC_ND2_Issuer_Root.pem", "", true),
    ("ND3.der", "ISIC_ND3_Issuer_Root.pem", "", true),
    ("D1.der", "ISIC_D1_Issuer_ICA.pem", "", true),
    ("D2.der", "ISIC_D2_Issuer_Root.pem", "", true),
    ("D3.der", "ISIC_D3_Issuer_Root.pem", "", true),
];

#[test]
fn openssl_recipe_outcomes_agree() {
    let mut disagree = Vec::new();
    for &(resp, ca, untrusted, ok) in OPENSSL_RECIPE {
        let untrusted = if untrusted.is_empty() { ca } else { untrusted };
        let r = run(resp, &[untrusted], &[ca], false, "2012-12-17T00:00:00Z");
        if r.verify_ok() != ok {
            let rep = r.report();
            disagree.push(format!(
                "{resp} + {ca}: expected {ok}, got signature={:?} responder={:?} {:?}",
                rep.signature,
                rep.responder,
                r.codes()
            ));
        }
    }
    assert_eq!(OPENSSL_RECIPE.len(), 55);
    assert!(disagree.is_empty(), "{} of {} disagree:\n{}", disagree.len(), OPENSSL_RECIPE.len(), disagree.join("\n"));
}

#[test]
fn issuer_signed_response_matches_the_leaf_and_is_fresh() {
    // ND1.der: thisUpdate 2012-10-11 08:41:13, nextUpdate 2012-10-15 08:41:13.
    let r = run("ND1.der", &["ND1_Cert_EE.pem", "ND1_Issuer_ICA.pem"], &[], true, "2012-10-12T00:00:00Z");
    let rep = r.report();
    assert_eq!(rep.response_status, ResponseStatus::Successful);
    assert_eq!((rep.signature, rep.responder), (Some(OcspSignature::Valid), Some(ResponderKind::Issuer)));
    assert_eq!(rep.responder_id, Some(ResponderIdKind::ByKey));
    assert_eq!(rep.responder_id_value.as_deref(), Some("884451ff502a695e2d88f421bad90cf2cecbea7c"));
    assert_eq!(rep.responder_nocheck, None);
    assert_eq!(rep.signature_algorithm.as_deref(), Some("sha1WithRSAEncryption"));
    let single = &rep.responses[0];
    assert_eq!((single.certificate, single.matches_leaf, single.certid_hash.as_str()), (Some(0), true, "sha1"));
    assert_eq!(single.serial, "22e1332220a048df29b2bf9a31c29b07");
    let leaf = rep.leaf.as_ref().unwrap();
    assert_eq!((leaf.status, leaf.freshness), (CertificateStatus::Good, Freshness::Fresh));
    assert_eq!(leaf.next_update, Some(at("2012-10-15T08:41:13Z")));
    assert_eq!(r.outcome.leaf_status, Some(CertificateStatus::Good));
    assert_eq!(r.outcome.must_staple_satisfied, None);
    assert!(!r.has("ocsp-no-matching-response") && !r.has("ocsp-stale"), "{:?}", r.codes());
    // SHA-1 in 2012 broke no rule yet.
    assert!(!r.has("ocsp-sha1-signature"));

    let later = run("ND1.der", &["ND1_Cert_EE.pem", "ND1_Issuer_ICA.pem"], &[], true, "2012-12-17T00:00:00Z");
    assert_eq!(later.report().leaf.as_ref().unwrap().freshness, Freshness::Stale);
    assert!(later.has("ocsp-stale"));
    assert_eq!(later.findings.iter().find(|f| f.code == Code::OcspStale).unwrap().certificate, Some(0));
}

#[test]
fn delegated_responder_is_checked_against_the_ca() {
    // D1.der: delegated "GlobalSign ... OCSP responder - 2" issued by D1_Issuer_ICA.
    let r = run("D1.der", &["D1_Cert_EE.pem", "D1_Issuer_ICA.pem"], &[], true, "2012-10-24T00:00:00Z");
    let rep = r.report();
    assert_eq!((rep.signature, rep.responder), (Some(OcspSignature::Valid), Some(ResponderKind::Delegated)));
    assert_eq!(rep.certificates.len(), 1);
    assert!(rep.signer_subject.as_deref().unwrap().contains("OCSP responder"));
    assert_eq!(rep.responder_nocheck, Some(true));
    assert!(r.has("ocsp-responder-nocheck"));
    assert_eq!(rep.leaf.as_ref().unwrap().freshness, Freshness::Fresh);
    // Checked long after: the responder certificate's validity is judged at producedAt, not "as of".
    assert!(!r.has("ocsp-responder-expired"));
}

#[test]
fn response_for_another_certificate_is_not_for_the_leaf() {
    // ND2 answers for the COMODO intermediate, not for secure.comodo.com.
    let r = run(
        "ND2.der",
        &["ND1_Cert_EE.pem", "ND2_Cert_ICA.pem", "ND2_Issuer_Root.pem"],
        &[],
        true,
        "2012-10-12T00:00:00Z",
    );
    assert!(r.has("ocsp-not-for-leaf"), "{:?}", r.codes());
    assert_eq!(r.report().responses[0].certificate, Some(1));
    assert!(r.report().leaf.is_none());
    assert_eq!(r.outcome.leaf_status, None);
    // A response for the wrong chain entirely.
    let r = run("ND3.der", &["D1_Cert_EE.pem", "D1_Issuer_ICA.pem"], &[], true, "2012-10-12T00:00:00Z");
    assert!(r.has("ocsp-no-matching-response"));
    assert_eq!(r.report().signature, Some(OcspSignature::Unverifiable));
}

#[test]
fn pyca_responses_decode_and_verify_as_the_manifest_says() {
    // Let's Encrypt X3, byName, verifies with the issuer.
    let r = run("resp-sha256.der", &["../x509/letsencryptx3.pem"], &[], false, "2018-09-01T00:00:00Z");
    assert_eq!((r.report().signature, r.report().responder), (Some(OcspSignature::Valid), Some(ResponderKind::Issuer)));
    assert_eq!(r.report().responder_id, Some(ResponderIdKind::ByName));
    // Same response, signatureAlgorithm changed to md2WithRSAEncryption: fails.
    let r = run("resp-invalid-signature-oid.der", &["../x509/letsencryptx3.pem"], &[], false, "2018-09-01T00:00:00Z");
    assert!(!r.verify_ok());
    // version changed to v2: tbs modified, bad signature, flagged.
    let r = run("resp-invalid-version.der", &["../x509/letsencryptx3.pem"], &[], false, "2018-09-01T00:00:00Z");
    assert_eq!(r.report().signature, Some(OcspSignature::Invalid));
    assert!(r.has("input-nonconformant"));
    // Delegated responders whose CA is absent: intact, authority unknown.
    for f in [
        "resp-revoked-reason.der",
        "resp-sct-extension.der",
        "resp-delegate-unknown-cert.der",
        "ocsp-army.deps.mil-resp.der",
    ] {
        let r = run(f, &[], &[], false, "2020-01-01T00:00:00Z");
        assert_eq!(r.report().signature_intact, Some(true), "{f}");
        assert_eq!(r.report().signature, Some(OcspSignature::Unverifiable), "{f}");
        assert_eq!(r.report().certificates.len(), 1, "{f}");
    }
    // An unknown extension spliced in breaks the signature.
    let r = run("resp-unknown-extension.der", &[], &[], false, "2018-09-02T00:00:00Z");
    assert_eq!(r.report().signature_intact, Some(false));
    assert!(r.has("ocsp-signature-invalid"));
    // Revoked with reason, and revoked without nextUpdate.
    let r = run("resp-revoked-reason.der", &[], &[], false, "2018-09-02T00:00:00Z");
    let s = &r.report().responses[0];
    assert_eq!((s.status, s.revocation_reason.as_deref()), (CertificateStatus::Revoked, Some("superseded")));
    assert_eq!(s.revocation_time, Some(at("2018-06-27T12:30:01Z")));
    let r = run("resp-revoked-no-next-update.der", &[], &[], false, "2018-10-24T00:00:00Z");
    assert_eq!(r.report().responses[0].next_update, None);
    assert!(r.has("ocsp-no-next-update"));
    assert_eq!(r.report().responses[0].status, CertificateStatus::Revoked);
    assert!(r.has("ocsp-revoked"), "a response alone still reports its status");
    // Signer (DigiCert, by key) not supplied.
    let r = run("resp-revoked.der", &[], &[], false, "2018-09-01T00:00:00Z");
    assert_eq!(
        (r.report().responder_id, r.report().signature),
        (Some(ResponderIdKind::ByKey), Some(OcspSignature::Unverifiable))
    );
    assert!(r.has("ocsp-signature-unverifiable"));
    // Unknown CertID hash algorithm is shown as its OID.
    let r = run("resp-unknown-hash-alg.der", &[], &[], false, "2018-09-02T00:00:00Z");
    assert_eq!(r.report().responses[0].certid_hash, "1.3.14.3.2.26.17");
}

#[test]
fn error_and_broken_responses_get_their_own_findings() {
    for (f, status) in [
        ("resp-unauthorized.der", "unauthorized"),
        ("ocsp-malformed.der", "malformedRequest"),
        ("ocsp-internal-error.der", "internalError"),
        ("ocsp-try-later.der", "tryLater"),
        ("ocsp-sig-required.der", "sigRequired"),
        ("resp-unknown-response-status.der", "7"),
    ] {
        let r = run(f, &[], &[], false, "2020-01-01T00:00:00Z");
        assert_eq!(r.report().response_status.name(), status, "{f}");
        assert!(!r.report().status_meaning.is_empty());
        assert_eq!(r.codes(), ["ocsp-not-successful"], "{f}");
    }
    let r = run("resp-successful-no-response-bytes.der", &[], &[], false, "2020-01-01T00:00:00Z");
    assert_eq!(r.codes(), ["ocsp-unparseable"]);
    let r = run("resp-response-type-unknown-oid.der", &[], &[], false, "2020-01-01T00:00:00Z");
    assert_eq!(r.codes(), ["ocsp-unknown-response-type"]);
    // The OCSP request is not a response.
    let r = run("request.der", &[], &[], false, "2020-01-01T00:00:00Z");
    assert_eq!(r.codes(), ["ocsp-unparseable"]);
    // Every truncation of a real response is a finding, never a panic.
    let full = data("D1.der");
    for len in (0..full.len()).step_by(7) {
        let certs = decode_certs(&["D1_Issuer_ICA.pem"], 0);
        let chain = chain_for(&certs, None);
        let decoded =
            Decoded { ocsp: vec![RawObject { der: full[..len].to_vec(), source: source(1) }], ..Decoded::default() };
        let mut findings = Vec::new();
        let o = analyze_ocsp(
            &decoded,
            &certs,
            &chain,
            &anchors_of(vec![]),
            &Options::at(at("2012-12-17T00:00:00Z")),
            &mut crate::work::Work::new(&Options::default().limits),
            &mut findings,
        );
        assert!(findings.iter().any(|f| f.code == Code::OcspUnparseable), "len {len}");
        assert_eq!(o.report.unwrap().response_status, ResponseStatus::Unparseable);
    }
}

#[test]
fn go_rustcrypto_and_pkijs_responses() {
    // GTS CA 1C3 for golang.org, byKey, verifies with the issuer.
    let r = run("gts1c3-golang.org-resp.der", &["gts-ca-1c3.pem"], &[], false, "2021-11-08T00:00:00Z");
    assert!(r.verify_ok(), "{:?}", r.codes());
    // COMODO EV without embedded cert verifies with the COMODO EV CA.
    let r = run("comodo-ev-resp-without-cert.der", &["ND1_Issuer_ICA.pem"], &[], false, "2013-06-19T00:00:00Z");
    assert!(r.verify_ok(), "{:?}", r.codes());
    // Go's synthetic responses: self-signed responder, nonce / critical extension.
    let r = run("synthetic-resp-nonce-ext.der", &[], &[], false, "2016-01-05T00:00:00Z");
    assert_eq!(r.report().signature_intact, Some(true));
    assert_eq!(r.report().responses[0].extensions[0].name, "OCSP Nonce");
    assert_eq!(r.report().responses[0].revocation_reason.as_deref(), Some("keyCompromise"));
    let r = run("synthetic-resp-critical-ext.der", &[], &[], false, "2016-01-05T00:00:00Z");
    assert_eq!(r.report().signature_intact, Some(true));
    assert!(r.has("unknown-critical-extension"));
    // DigiCert Global CA G2 (RustCrypto's test vector) verifies with its issuer.
    let r = run(
        "digicert-global-ca-g2-amazon-resp.der",
        &["digicert-global-ca-g2.pem"],
        &[],
        false,
        "2022-02-03T00:00:00Z",
    );
    assert!(r.verify_ok(), "{:?}", r.codes());
    // Synthetic delegated + revoked, with the CA as anchor and the leaf... (serial 03 not supplied).
    let r =
        run("rsa-2048-sha256-revoked-ocsp-res.der", &["rsa-2048-sha256-ca.der"], &[], false, "2023-11-05T16:00:00Z");
    assert_eq!(
        (r.report().signature, r.report().responder),
        (Some(OcspSignature::Valid), Some(ResponderKind::Delegated))
    );
    assert_eq!(r.report().responses[0].status, CertificateStatus::Revoked);
    // Responder by name, no certs embedded: verifies once the responder and CA are given.
    let r = run(
        "ocsp-dtm-no-chain-res.der",
        &["rsa-2048-sha256-crt.der", "rsa-2048-sha256-ocsp-crt.der", "rsa-2048-sha256-ca.der"],
        &[],
        true,
        "2020-01-01T00:00:00Z",
    );
    assert_eq!(r.report().signature_intact, Some(true), "{:?}", r.codes());
    // 20 SingleResponses, all revoked, none for a certificate here.
    let r = run("dod-email-ca-59-delegated-resp.der", &["ND1_Issuer_ICA.pem"], &[], false, "2022-02-04T00:00:00Z");
    assert_eq!(r.report().responses.len(), 20);
    assert!(r.report().responses.iter().all(|s| s.status == CertificateStatus::Revoked));
    assert_eq!(r.report().signature_intact, Some(true));
    assert!(!r.has("ocsp-revoked"));
    // SHA-256 and SHA-512 CertIDs are named.
    assert_eq!(
        run("sha256-certid-ocsp-res.der", &[], &[], false, "2020-01-01T00:00:00Z").report().responses[0].certid_hash,
        "sha256"
    );
    assert_eq!(
        run("sha512-certid-ocsp-res.der", &[], &[], false, "2020-01-01T00:00:00Z").report().responses[0].certid_hash,
        "sha512"
    );
    // PKI.js: GlobalSign, unknown status, no nextUpdate, delegated responder embedded.
    let r = run("TestOCSPresp.ors", &[], &[], false, "2014-06-16T00:00:00Z");
    let rep = r.report();
    assert_eq!((rep.responses[0].status, rep.responses[0].next_update), (CertificateStatus::Unknown, None));
    assert_eq!(rep.signature_intact, Some(true));
    assert!(r.has("ocsp-no-next-update"));
}

#[test]
fn must_staple_leaf_without_a_staple() {
    let r = run(
        "",
        &["../x509/tls-feature-ocsp-staple.pem", "../x509/letsencryptx3.pem"],
        &[],
        true,
        "2017-10-01T00:00:00Z",
    );
    assert!(r.has("must-staple-without-ocsp"), "{:?}", r.codes());
    assert!(!r.has("must-staple-no-ocsp-url"));
    // The remedy carries the server snippets, as `stapling-off` does.
    let remedy = &r.findings.iter().find(|f| f.code.code() == "must-staple-without-ocsp").unwrap().remedy;
    assert!(remedy.contains("ssl_stapling on;") && remedy.contains("SSLUseStapling on"), "{remedy}");
    assert_eq!(r.outcome.must_staple_satisfied, Some(false));
    assert!(r.outcome.report.is_none());
    // A staple for another certificate does not satisfy it.
    let r = run(
        "resp-sha256.der",
        &["../x509/tls-feature-ocsp-staple.pem", "../x509/letsencryptx3.pem"],
        &[],
        true,
        "2018-09-01T00:00:00Z",
    );
    assert!(!r.has("must-staple-without-ocsp"));
    assert!(r.has("ocsp-no-matching-response"));
    assert_eq!(r.outcome.must_staple_satisfied, Some(false));
}

#[test]
fn capture_helper_builds_the_request_and_commands() {
    let r = run("", &["ND1_Cert_EE.pem", "ND1_Issuer_ICA.pem"], &[], true, "2012-10-12T00:00:00Z");
    let cap = r.outcome.capture.as_ref().unwrap();
    use base64::Engine;
    let der = base64::engine::general_purpose::STANDARD.decode(&cap.request_der_base64).unwrap();
    let req = <x509_ocsp::OcspRequest as der::Decode>::from_der(&der).unwrap();
    let id = &req.tbs_request.request_list[0].req_cert;
    assert_eq!(status::hex(id.serial_number.as_bytes()), "22e1332220a048df29b2bf9a31c29b07");
    assert!(req.tbs_request.request_extensions.is_none(), "no nonce");
    // The CertID of our request is the one the CA answered in ND1.der.
    let resp = decode::decode_response(&RawObject { der: data("ND1.der"), source: source(1) }).ok().unwrap();
    assert_eq!(&resp.data.responses[0].cert_id, id);
    assert_eq!(cap.request_get_urls.len(), 1);
    assert!(cap.request_get_urls[0].starts_with("http://ocsp.comodoca.com/MF"), "{:?}", cap.request_get_urls);
    assert!(cap.commands.iter().any(|c| c.starts_with(
        "openssl ocsp -issuer issuer.pem -cert leaf.pem -url 'http://ocsp.comodoca.com' -respout resp.der -noverify"
    )));
    assert!(cap
        .commands
        .iter()
        .any(|c| c.contains("--data-binary @req.der -H 'Content-Type: application/ocsp-request'")));
    // -msg prints the handshake, from which the staple's exact DER is read.
    assert!(cap.commands.iter().any(|c| c
        == "openssl s_client -connect 'secure.comodo.com:443' -servername 'secure.comodo.com' -showcerts -status -msg < /dev/null"));
}
