//! The CRL stage on real and PKITS data.

use super::*;
use crate::report::{Role, Source};

fn data(name: &str) -> Vec<u8> {
    crate::test_data::fixture("real/amazon", name)
}

fn ders(name: &str) -> Vec<Vec<u8>> {
    crate::test_data::cert_ders(data(name))
}

fn source() -> Source {
    Source { input: 0, name: None, block: 1, encoding: crate::report::Encoding::Der }
}

struct Run {
    reports: Vec<CrlReport>,
    findings: Vec<Finding>,
}

impl Run {
    fn codes(&self) -> Vec<&'static str> {
        self.findings.iter().map(|f| f.code.code()).collect()
    }
}

fn run(crls: &[&str], certs: &[&str], anchors: &[&str], as_of: &str) -> Run {
    let certs: Vec<Vec<u8>> = certs.iter().flat_map(|f| ders(f)).collect();
    let anchors: Vec<Vec<u8>> = anchors.iter().flat_map(|f| ders(f)).collect();
    run_ders(crls.iter().map(|f| data(f)).collect(), &certs, &anchors, as_of)
}

/// A PKITS case: its CRL and its certificates (CA first), from the corpus data.
fn pkits(crl: &str, certs: &[&str]) -> Run {
    pkits_crls(&[crl], certs)
}

fn pkits_crls(crls: &[&str], certs: &[&str]) -> Run {
    let dir = std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/data/pkits");
    let read = |p: std::path::PathBuf| std::fs::read(&p).unwrap_or_else(|e| panic!("{}: {e}", p.display()));
    let certs: Vec<Vec<u8>> = certs.iter().map(|c| read(dir.join("certs").join(format!("{c}.crt")))).collect();
    let crls = crls.iter().map(|c| read(dir.join("crls").join(format!("{c}.crl")))).collect();
    run_ders(crls, &certs, &[], "2012-06-01T00:00:00Z")
}

fn scope_of(rep: &CrlReport, certificate: usize) -> CrlScope {
    rep.scope.iter().find(|s| s.certificate == certificate).map(|s| s.scope).unwrap()
}

/// PKITS 4.14.11/12/14: a CRL limited to user, CA or attribute
/// certificates does not apply to the others, listed or not; 4.14.13's
/// CA-only CRL applies to the CA it covers.
#[test]
fn issuing_distribution_point_limits_the_kinds_of_certificate() {
    for (crl, ca, ee, want) in [
        (
            "onlyContainsUserCertsCACRL",
            "onlyContainsUserCertsCACert",
            "InvalidonlyContainsUserCertsTest11EE",
            CrlScope::OnlyUserCerts,
        ),
        (
            "onlyContainsCACertsCACRL",
            "onlyContainsCACertsCACert",
            "InvalidonlyContainsCACertsTest12EE",
            CrlScope::OnlyCaCerts,
        ),
        (
            "onlyContainsAttributeCertsCACRL",
            "onlyContainsAttributeCertsCACert",
            "InvalidonlyContainsAttributeCertsTest14EE",
            CrlScope::OnlyAttributeCerts,
        ),
    ] {
        let r = pkits(crl, &[ca, ee]);
        let rep = &r.reports[0];
        assert_eq!(rep.signature, SignatureStatus::Valid, "{ee}");
        assert!(rep.used, "{ee}: the CRL itself is fine");
        assert_eq!(scope_of(rep, 1), want, "{ee}");
        assert!(!want.applies());
        assert!(rep.scope[1].reasons.is_empty());
        assert_eq!(scope_of(rep, 0), CrlScope::OtherIssuer, "the CA is the root's");
        assert!(rep.revoked.is_empty(), "{ee}");
        assert!(r.codes().is_empty(), "{ee}: {:?}", r.codes());
    }
    let r = pkits("onlyContainsCACertsCACRL", &["onlyContainsCACertsCACert", "ValidonlyContainsCACertsTest13EE"]);
    assert_eq!(scope_of(&r.reports[0], 1), CrlScope::Applies);
}

/// PKITS 4.14.2/4.14.3: the CRL's distribution point name must be one the
/// certificate names; the listed certificate on another point's CRL is
/// not revoked by it.
#[test]
fn distribution_point_names_must_match() {
    let r = pkits("distributionPoint1CACRL", &["distributionPoint1CACert", "InvaliddistributionPointTest2EE"]);
    assert_eq!(scope_of(&r.reports[0], 1), CrlScope::Applies);
    assert_eq!(r.reports[0].revoked.len(), 1);
    let r = pkits("distributionPoint1CACRL", &["distributionPoint1CACert", "InvaliddistributionPointTest3EE"]);
    assert_eq!(scope_of(&r.reports[0], 1), CrlScope::OtherDistributionPoint);
    assert!(r.reports[0].revoked.is_empty());
}

/// PKITS 4.14.15 and 4.14.18: onlySomeReasons CRLs apply for their reasons.
#[test]
fn only_some_reasons_covers_those_reasons() {
    let r = pkits_crls(
        &["onlySomeReasonsCA1compromiseCRL", "onlySomeReasonsCA1otherreasonsCRL"],
        &["onlySomeReasonsCA1Cert", "InvalidonlySomeReasonsTest15EE"],
    );
    for rep in &r.reports {
        assert_eq!(scope_of(rep, 1), CrlScope::AppliesForSomeReasons, "{}", rep.issuer);
    }
    assert_eq!(r.reports[0].scope[1].reasons, ["keyCompromise", "cACompromise"]);
    assert_eq!(r.reports.iter().map(|c| c.revoked.len()).sum::<usize>(), 1);
    assert_eq!(r.codes(), ["crl-revoked"]);
}

/// PKITS 4.14.31/4.14.33: an indirect CRL's certificateIssuer entries
/// are another CA's certificates, matched by issuer and serial.
#[test]
fn indirect_crl_entries_belong_to_the_issuer_they_name() {
    let r = pkits("indirectCRLCA5CRL", &["indirectCRLCA5Cert", "indirectCRLCA6Cert", "InvalidcRLIssuerTest31EE"]);
    let rep = &r.reports[0];
    assert!(rep.used, "certificateIssuer is processed now");
    assert_eq!(scope_of(rep, 2), CrlScope::Applies, "the EE names CA5 as cRLIssuer");
    assert_eq!(rep.revoked.iter().map(|v| v.certificate).collect::<Vec<_>>(), [2]);
    let r = pkits("indirectCRLCA5CRL", &["indirectCRLCA5Cert", "indirectCRLCA6Cert", "ValidcRLIssuerTest33EE"]);
    assert!(r.reports[0].revoked.is_empty());
    assert!(r.codes().is_empty(), "{:?}", r.codes());
}

/// PKITS 4.15: a delta CRL is used on top of its complete CRL, where a
/// removeFromCRL entry lifts a hold (Test5/7) and a new entry revokes
/// (Test3); alone (4.15.1) it is not used.
#[test]
fn delta_crls_apply_on_top_of_their_base() {
    let both = ["deltaCRLCA1CRL", "deltaCRLCA1deltaCRL"];
    let r = pkits_crls(&both, &["deltaCRLCA1Cert", "ValiddeltaCRLTest5EE"]);
    assert_eq!(r.reports[0].kind, CrlKind::Complete);
    assert!(matches!(&r.reports[1].kind, CrlKind::Delta { base_source: Some(_), .. }));
    assert!(r.reports.iter().all(|c| c.used && c.revoked.is_empty()));
    assert!(r.reports.iter().any(|c| c.released == [1]), "the hold is lifted");
    assert!(r.codes().is_empty(), "{:?}", r.codes());
    let r = pkits_crls(&both, &["deltaCRLCA1Cert", "InvaliddeltaCRLTest3EE"]);
    assert_eq!(r.codes(), ["crl-revoked"]);
    assert_eq!(r.reports[0].freshest_crl, ["CN=deltaCRL CA1,O=Test Certificates 2011,C=US"]);
    let r = pkits_crls(&["deltaCRLCA1CRL"], &["deltaCRLCA1Cert", "ValiddeltaCRLTest2EE"]);
    assert_eq!(r.codes(), ["crl-delta-not-given"], "freshestCRL names a delta, none given");
    let r = pkits_crls(&["deltaCRLCA1deltaCRL"], &["deltaCRLCA1Cert", "ValiddeltaCRLTest5EE"]);
    assert!(!r.reports[0].used);
    assert_eq!(r.codes(), ["crl-delta-without-base"]);
    let r = pkits_crls(
        &["deltaCRLIndicatorNoBaseCACRL"],
        &["deltaCRLIndicatorNoBaseCACert", "InvaliddeltaCRLIndicatorNoBaseTest1EE"],
    );
    assert!(!r.reports[0].used);
    assert!(r.reports[0].revoked.is_empty());
}

fn run_ders(crls: Vec<Vec<u8>>, certs: &[Vec<u8>], anchors: &[Vec<u8>], as_of: &str) -> Run {
    let certs: Vec<Cert> = certs.iter().enumerate().map(|(i, d)| Cert::from_der(d, source(), i).unwrap()).collect();
    let user: Vec<Cert> = anchors.iter().map(|d| Cert::from_der(d, source(), usize::MAX).unwrap()).collect();
    let chain = ChainOutcome {
        report: Default::default(),
        roles: vec![Role::Extra; certs.len()],
        signatures: vec![SignatureStatus::IssuerMissing; certs.len()],
        leaf: None,
        path: Vec::new(),
        trusted: false,
        pending: Default::default(),
    };
    let raws: Vec<RawObject> = crls.into_iter().map(|der| RawObject { der, source: source() }).collect();
    let mut findings = Vec::new();
    let opts = Options::at(Timestamp::parse_rfc3339(as_of).unwrap());
    let mut work = Work::new(&opts.limits);
    let reports =
        analyze_crls(&raws, &certs, &chain, &Anchors { user, use_system: false }, &opts, &mut work, &mut findings);
    Run { reports, findings }
}

/// Each Amazon demo chain and the CRL of its intermediate: the revoked
/// leaves are listed, the valid ones are not (openssl -crl_check agrees).
const AMAZON: &[(&str, &str, &str)] = &[
    ("rootca1", "r2m02.crl", "r2m03.crl"),
    ("rootca2", "r4m01.crl", "r4m02.crl"),
    ("rootca3", "e2m03.crl", "e2m03.crl"),
    ("rootca4", "e3m02.crl", "e3m02.crl"),
];

#[test]
fn amazon_crls_revoke_the_revoked_leaves() {
    for &(root, revoked_crl, valid_crl) in AMAZON {
        let revoked_chain = format!("revoked.{root}.chain.pem");
        let r = run(&[revoked_crl], &[&revoked_chain], &[], "2025-02-25T00:00:00Z");
        let rep = &r.reports[0];
        assert_eq!(rep.signature, SignatureStatus::Valid, "{revoked_crl}");
        assert_eq!(rep.signer, Some(1), "{revoked_crl}: signed by the intermediate");
        assert_eq!(rep.freshness, Freshness::Fresh);
        assert!(rep.used, "{revoked_crl}: real CRLs' extensions are all processable");
        assert_eq!(rep.revoked.len(), 1, "{revoked_chain}");
        assert_eq!(rep.revoked[0].certificate, 0);
        assert_eq!(r.codes(), ["crl-revoked"], "{revoked_chain}");
        assert_eq!(r.findings[0].certificate, Some(0));

        let valid_chain = format!("valid.{root}.chain.pem");
        let r = run(&[valid_crl], &[&valid_chain], &[], "2025-02-25T00:00:00Z");
        assert!(r.reports[0].revoked.is_empty(), "{valid_chain}");
        assert_eq!(r.reports[0].signature, SignatureStatus::Valid);
        assert!(r.codes().is_empty(), "{valid_chain}: {:?}", r.codes());
    }
}

#[test]
fn big_crl_facts_and_staleness() {
    let r = run(&["r2m02.crl"], &["revoked.rootca1.chain.pem"], &[], "2026-01-01T00:00:00Z");
    let rep = &r.reports[0];
    assert_eq!(rep.entries, 14102);
    assert_eq!(rep.issuer, "CN=Amazon RSA 2048 M02,O=Amazon,C=US");
    assert_eq!(rep.this_update.to_rfc3339(), "2025-02-22T23:05:35Z");
    assert_eq!(rep.freshness, Freshness::Stale);
    assert!(r.codes().contains(&"crl-stale"));
    assert_eq!(rep.revoked[0].serial, "07ae9184abd8cb74841328aa449a0725");
    let r = run(&["r2m02.crl"], &["revoked.rootca1.chain.pem"], &[], "2025-01-01T00:00:00Z");
    assert_eq!(r.reports[0].freshness, Freshness::NotYetValid);
    assert!(r.codes().contains(&"crl-not-yet-valid"));
}

#[test]
fn root_crl_is_verified_by_an_anchor_and_missing_issuers_are_reported() {
    let r = run(&["rootca1.crl"], &["r2m03.cer"], &["AmazonRootCA1.cer"], "2025-02-25T00:00:00Z");
    assert_eq!(r.reports[0].signature, SignatureStatus::Valid);
    assert_eq!(r.reports[0].signer, None, "an anchor, not an input certificate");
    assert!(r.reports[0].revoked.is_empty());
    let r = run(&["rootca1.crl"], &["r2m03.cer"], &[], "2025-02-25T00:00:00Z");
    assert_eq!(r.reports[0].signature, SignatureStatus::IssuerMissing);
    assert_eq!(r.codes(), ["crl-issuer-missing"]);
    // The wrong key under the right name.
    let mut der = data("e2m01.crl");
    let last = der.len() - 3;
    der[last] ^= 0x55;
    let certs: Vec<Cert> = ders("e2m01.cer").iter().map(|d| Cert::from_der(d, source(), 0).unwrap()).collect();
    let chain = ChainOutcome {
        report: Default::default(),
        roles: vec![Role::Extra],
        signatures: vec![SignatureStatus::IssuerMissing],
        leaf: None,
        path: Vec::new(),
        trusted: false,
        pending: Default::default(),
    };
    let mut findings = Vec::new();
    let reports = analyze_crls(
        &[RawObject { der, source: source() }],
        &certs,
        &chain,
        &Anchors { user: vec![], use_system: false },
        &Options::at(Timestamp::parse_rfc3339("2025-02-25T00:00:00Z").unwrap()),
        &mut Work::new(&Options::default().limits),
        &mut findings,
    );
    assert_eq!(reports[0].signature, SignatureStatus::Invalid);
    assert_eq!(findings[0].code, Code::CrlSignatureInvalid);
}

/// PKITS 4.4.14/4.4.15: the CRL lists serial -1 (`FF`); the valid leaf
/// is 255 (`00 FF`), the invalid one is -1 itself.
#[test]
fn negative_serials_keep_their_sign() {
    let r = pkits("NegativeSerialNumberCACRL", &["NegativeSerialNumberCACert", "ValidNegativeSerialNumberTest14EE"]);
    assert_eq!(r.reports[0].signature, SignatureStatus::Valid);
    assert!(r.reports[0].revoked.is_empty());
    assert!(r.codes().is_empty(), "{:?}", r.codes());
    let r = pkits("NegativeSerialNumberCACRL", &["NegativeSerialNumberCACert", "InvalidNegativeSerialNumberTest15EE"]);
    assert_eq!(r.reports[0].revoked.len(), 1);
    assert_eq!(r.reports[0].revoked[0].certificate, 1);
    assert_eq!(r.codes(), ["crl-revoked"]);
}

/// PKITS 4.4.8-4.4.10: an unknown critical extension, on an entry or on
/// the CRL itself, keeps the CRL from deciding anything, listed or not.
#[test]
fn unknown_critical_extensions_make_the_crl_unusable() {
    for (crl, ca, ee) in [
        ("UnknownCRLEntryExtensionCACRL", "UnknownCRLEntryExtensionCACert", "InvalidUnknownCRLEntryExtensionTest8EE"),
        ("UnknownCRLExtensionCACRL", "UnknownCRLExtensionCACert", "InvalidUnknownCRLExtensionTest9EE"),
        ("UnknownCRLExtensionCACRL", "UnknownCRLExtensionCACert", "InvalidUnknownCRLExtensionTest10EE"),
    ] {
        let r = pkits(crl, &[ca, ee]);
        assert_eq!(r.reports[0].signature, SignatureStatus::Valid, "{ee}");
        assert!(!r.reports[0].used, "{ee}");
        assert!(r.reports[0].revoked.is_empty(), "{ee}");
        assert_eq!(r.codes(), ["crl-unknown-critical-extension"], "{ee}");
    }
}

/// PKITS 4.7.4/4.7.5: a CA whose keyUsage (critical or not) lacks
/// cRLSign may not sign CRLs; 4.7.3's CA, with cRLSign, may.
#[test]
fn crl_signer_needs_crl_sign() {
    for (crl, ca, ee) in [
        (
            "keyUsageCriticalcRLSignFalseCACRL",
            "keyUsageCriticalcRLSignFalseCACert",
            "InvalidkeyUsageCriticalcRLSignFalseTest4EE",
        ),
        (
            "keyUsageNotCriticalcRLSignFalseCACRL",
            "keyUsageNotCriticalcRLSignFalseCACert",
            "InvalidkeyUsageNotCriticalcRLSignFalseTest5EE",
        ),
    ] {
        let r = pkits(crl, &[ca, ee]);
        assert_eq!(r.reports[0].signature, SignatureStatus::Valid, "{ee}");
        assert_eq!(r.reports[0].signer, Some(0), "{ee}");
        assert!(!r.reports[0].used, "{ee}");
        assert_eq!(r.codes(), ["crl-signer-not-authorized"], "{ee}");
    }
    let r = pkits("keyUsageNotCriticalCACRL", &["keyUsageNotCriticalCACert", "ValidkeyUsageNotCriticalTest3EE"]);
    assert!(r.reports[0].used);
    assert!(r.codes().is_empty(), "{:?}", r.codes());
}

#[test]
fn garbage_crl_is_a_finding() {
    let der = data("e2m01.crl");
    let chain = ChainOutcome {
        report: Default::default(),
        roles: vec![],
        signatures: vec![],
        leaf: None,
        path: Vec::new(),
        trusted: false,
        pending: Default::default(),
    };
    for len in (0..der.len()).step_by(5) {
        let mut findings = Vec::new();
        let reports = analyze_crls(
            &[RawObject { der: der[..len].to_vec(), source: source() }],
            &[],
            &chain,
            &Anchors { user: vec![], use_system: false },
            &Options::default(),
            &mut Work::new(&Options::default().limits),
            &mut findings,
        );
        assert!(reports.is_empty());
        assert_eq!(findings[0].code, Code::CrlUnparseable);
    }
}
