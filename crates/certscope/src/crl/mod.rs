//! Certificate revocation lists: decode, verify by the issuer, freshness,
//! and whether a chain certificate is listed.
//!
//! Runs after `chain`. The signer is looked up by name among the input
//! certificates and the trust anchors (the user's and Mozilla's), then its key must verify the exact
//! tbsCertList bytes. Emits `crl-unparseable`, `crl-issuer-missing`,
//! `crl-signature-invalid`, `crl-signer-not-authorized`,
//! `crl-unknown-critical-extension`, `crl-stale`, `crl-not-yet-valid`,
//! `crl-revoked`, `crl-duplicate`. Signature checks and serial lookups are
//! paid from the analysis's work budget. A CRL that may not decide revocation is reported with
//! `used: false` and lists nobody as revoked.
//! Leaves OCSP to `ocsp`.

pub(crate) mod decode;
mod extensions;
mod revocation;

use crate::chain::anchors::Anchors;
use crate::chain::names::canonical;
use crate::chain::{ChainOutcome, PathCert};
use crate::input::RawObject;

use crate::options::Options;
use crate::report::{Code, CrlReport, Finding, Severity, SignatureStatus};
use crate::time::Timestamp;
use crate::verify::{SignedParts, Verification};
use crate::work::{Limit, Stage, Work};
use crate::x509::{describe_source, Cert};
use decode::Crl;
use std::collections::HashMap;

pub(crate) fn analyze_crls(
    crls: &[RawObject],
    certs: &[Cert],
    chain: &ChainOutcome,
    anchors: &Anchors,
    opts: &Options,
    work: &mut Work,
    findings: &mut Vec<Finding>,
) -> Vec<CrlReport> {
    let mut signers: Vec<&Cert> = certs.iter().collect();
    signers.extend(chain.path.iter().filter_map(|p| match p {
        PathCert::Anchor(c) => Some(&**c),
        PathCert::Input(_) => None,
    }));
    signers.extend(anchors.user.iter());
    // Names compared as RFC 5280 §7.1 says, each canonical form made once:
    // every CRL is matched against every certificate.
    let signers: Vec<Named<'_>> =
        signers.into_iter().map(|c| Named { cert: c, key: canonical(&c.cert.tbs_certificate.subject) }).collect();
    let issuers: Vec<String> = certs.iter().map(|c| canonical(&c.cert.tbs_certificate.issuer)).collect();
    let mut first_by_der: HashMap<&[u8], &RawObject> = HashMap::new();
    let mut duplicates: Vec<(&RawObject, &RawObject)> = Vec::new();
    let mut reports = Vec::new();
    for raw in crls {
        if let Some(first) = first_by_der.get(raw.der.as_slice()) {
            duplicates.push((raw, first));
            continue;
        }
        first_by_der.insert(&raw.der, raw);
        match decode::decode_crl(&raw.der) {
            Ok(crl) => {
                // A root's CRL is signed by the root, often only in Mozilla's store.
                let mozilla = anchors.mozilla_by_subject(&crl.issuer_der);
                let mozilla: Vec<Named<'_>> = mozilla
                    .iter()
                    .map(|a| Named { cert: a.cert, key: canonical(&a.cert.cert.tbs_certificate.subject) })
                    .collect();
                let all: Vec<&Named<'_>> = signers.iter().chain(&mozilla).collect();
                let ctx = Context { certs, issuers: &issuers, signers: &all };
                reports.push(analyze_crl(raw, &crl, &ctx, opts, work, findings));
            }
            Err(e) => findings.push(Finding::new(
                Code::CrlUnparseable,
                format!("The CRL in {} could not be decoded ({e}).", describe_source(&raw.source)),
            )),
        }
    }
    check_duplicates(&duplicates, findings);
    reports
}

/// A possible CRL signer and its canonical subject.
struct Named<'a> {
    cert: &'a Cert,
    key: String,
}

/// What every CRL is checked against.
struct Context<'c, 'a> {
    certs: &'c [Cert],
    /// Canonical issuer name of each certificate.
    issuers: &'c [String],
    signers: &'c [&'c Named<'a>],
}

/// The same CRL given again (pasted twice, or a bundle that repeats it) is
/// checked once: one finding counts the copies, as `duplicate-certificate`
/// does for certificates. 500 copies used to mean 500 signature checks
/// per candidate signer.
fn check_duplicates(duplicates: &[(&RawObject, &RawObject)], findings: &mut Vec<Finding>) {
    let Some((copy, first)) = duplicates.first() else { return };
    let more = match duplicates.len() {
        1 => String::new(),
        n => format!(" ({} copies in all)", n),
    };
    findings.push(Finding::new(
        Code::CrlDuplicate,
        format!(
            "The CRL in {} is byte-for-byte the one in {}{more}; each CRL is checked once.",
            describe_source(&copy.source),
            describe_source(&first.source),
        ),
    ));
}

fn analyze_crl(
    raw: &RawObject,
    crl: &Crl,
    ctx: &Context<'_, '_>,
    opts: &Options,
    work: &mut Work,
    findings: &mut Vec<Finding>,
) -> CrlReport {
    let certs = ctx.certs;
    let tbs = &crl.list.tbs_cert_list;
    let issuer = crate::x509::name::rfc4514(&tbs.issuer);
    let issuer_key = canonical(&tbs.issuer);
    let (signature, signer) = verify_crl(crl, ctx.signers, &issuer_key, &issuer, work, findings);
    let authorized = signer.is_none_or(|c| check_crl_sign(c, &issuer, findings));
    let processable = check_extensions(crl, &issuer, findings);
    let used = authorized && processable;
    let this_update = Timestamp::from_x509(&tbs.this_update);
    let next_update = tbs.next_update.as_ref().map(Timestamp::from_x509);
    let freshness = check_crl_freshness(&issuer, this_update, next_update, opts.as_of, findings);
    let entries = tbs.revoked_certificates.as_deref().unwrap_or_default();
    let revoked = if used {
        let ours: Vec<&Cert> = certs
            .iter()
            .zip(ctx.issuers)
            .filter(|(c, key)| c.issuer_der == crl.issuer_der || **key == issuer_key)
            .map(|(c, _)| c)
            .collect();
        // RFC 5280 §6.3.3: one serial lookup per certificate of this issuer.
        let affordable = work.spend_up_to(Limit::CrlLookups, ours.len(), Stage::Crl);
        revocation::find_revoked(entries, ours.get(..affordable).unwrap_or_default())
    } else {
        Vec::new()
    };
    for r in &revoked {
        let name = certs.get(r.certificate).map_or_else(|| r.serial.clone(), |c| c.display_name());
        let why = r.reason.as_ref().map_or_else(String::new, |reason| format!(" (reason: {reason})"));
        let trust = if signature == SignatureStatus::Valid {
            String::new()
        } else {
            " The CRL's signature could not be confirmed, so treat this with care.".to_string()
        };
        let mut f = Finding::about(
            Code::CrlRevoked,
            r.certificate,
            format!(
                "{name} (serial {}) is listed as revoked on {} in the CRL of {issuer}{why}.{trust}",
                r.serial,
                r.revocation_date.to_human()
            ),
        );
        if signature != SignatureStatus::Valid {
            f = f.with_severity(Severity::Warning);
        }
        findings.push(f);
    }
    CrlReport {
        source: raw.source.clone(),
        issuer,
        this_update,
        next_update,
        entries: entries.len(),
        signature,
        signer: signer.map(|c| c.index).filter(|i| *i != usize::MAX),
        freshness: freshness.to_string(),
        used,
        revoked,
    }
}

/// RFC 5280 §6.3.3 (f): the key that verified the CRL must be one allowed
/// to sign CRLs (PKITS 4.7.4/4.7.5), whether keyUsage is critical or not.
fn check_crl_sign(signer: &Cert, issuer: &str, findings: &mut Vec<Finding>) -> bool {
    if signer.key_usage().is_some_and(|ku| !ku.crl_sign()) {
        findings.push(Finding::new(
            Code::CrlSignerNotAuthorized,
            format!(
                "The CRL of {issuer} is signed by {}, whose keyUsage does not include cRLSign, so the CRL is not used to decide revocation.",
                signer.display_name()
            ),
        ));
        return false;
    }
    true
}

/// RFC 5280 §5.2, §5.3: an unprocessable critical extension, on the CRL
/// or on any entry, makes the whole CRL unusable (PKITS 4.4.8-4.4.10).
fn check_extensions(crl: &Crl, issuer: &str, findings: &mut Vec<Finding>) -> bool {
    if let Some(problem) = extensions::crl_number_problem(&crl.list.tbs_cert_list) {
        findings.push(Finding::new(
            Code::CrlNumberInvalid,
            format!("The CRL of {issuer} {problem}; RFC 5280 §5.2.3 requires a non-critical cRLNumber in every CRL."),
        ));
    }
    let unknown = extensions::check_critical_extensions(&crl.list.tbs_cert_list);
    if unknown.is_empty() {
        return true;
    }
    findings.push(Finding::new(
        Code::CrlUnknownCriticalExtension,
        format!(
            "The CRL of {issuer} carries critical extensions certscope cannot process ({}), so it is not used to decide revocation.",
            unknown.join("; ")
        ),
    ));
    false
}

/// RFC 5280 §6.3.3 (f): the CRL issuer's key verifies the tbsCertList.
/// Each distinct key among the certificates named like the issuer is tried
/// once (500 certificates of one name and key are one check, not 500), and
/// every check is paid from the analysis's budget.
fn verify_crl<'a>(
    crl: &Crl,
    signers: &[&Named<'a>],
    wanted: &str,
    issuer: &str,
    work: &mut Work,
    findings: &mut Vec<Finding>,
) -> (SignatureStatus, Option<&'a Cert>) {
    let parts = SignedParts {
        tbs: &crl.tbs,
        algorithm: &crl.list.signature_algorithm,
        signature: crl.list.signature.raw_bytes(),
    };
    let mut seen = std::collections::HashSet::new();
    // Names compare as RFC 5280 §7.1 says: CAs re-encode them between
    // certificate and CRL more often than one would hope.
    let named: Vec<&'a Cert> = signers
        .iter()
        .filter(|n| n.cert.subject_der == crl.issuer_der || n.key == wanted)
        .map(|n| n.cert)
        .filter(|c| seen.insert(c.spki().subject_public_key.raw_bytes()))
        .collect();
    if named.is_empty() {
        findings.push(Finding::new(
            Code::CrlIssuerMissing,
            format!("The CRL is issued by {issuer}, which is not among the certificates or trust anchors at hand, so its signature cannot be checked."),
        ));
        return (SignatureStatus::IssuerMissing, None);
    }
    let mut status = SignatureStatus::Invalid;
    for c in &named {
        match work.verify(&parts, c.spki(), Stage::Crl) {
            Some(Verification::Valid) => return (SignatureStatus::Valid, Some(*c)),
            Some(Verification::Invalid) => {}
            Some(Verification::Unsupported(_)) => status = SignatureStatus::Unsupported,
            // Not checked: `work-budget-exceeded` says so.
            None => return (SignatureStatus::NotChecked, None),
        }
    }
    if status == SignatureStatus::Invalid {
        findings.push(Finding::new(
            Code::CrlSignatureInvalid,
            format!(
                "The CRL of {issuer} does not verify with the key of {}.",
                named.first().map_or_else(|| issuer.to_string(), |c| c.display_name())
            ),
        ));
    } else {
        findings.push(Finding::new(
            Code::SignatureAlgorithmUnsupported,
            format!("The CRL of {issuer} uses a signature algorithm certscope cannot check."),
        ));
    }
    (status, None)
}

/// RFC 5280 §5.1.2.4–5: thisUpdate not in the future, nextUpdate not past.
fn check_crl_freshness(
    issuer: &str,
    this_update: Timestamp,
    next_update: Option<Timestamp>,
    as_of: Timestamp,
    findings: &mut Vec<Finding>,
) -> &'static str {
    if as_of < this_update {
        findings.push(Finding::new(
            Code::CrlNotYetValid,
            format!(
                "The CRL of {issuer} is not valid yet on {}: its thisUpdate is {}.",
                as_of.to_human(),
                this_update.to_human()
            ),
        ));
        return "not-yet-valid";
    }
    if let Some(next) = next_update.filter(|n| as_of > *n) {
        findings.push(Finding::new(
            Code::CrlStale,
            format!(
                "The CRL of {issuer} went stale on {} (its nextUpdate); a newer one has been published since.",
                next.to_human()
            ),
        ));
        return "stale";
    }
    "fresh"
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::report::{Role, Source};

    fn data(name: &str) -> Vec<u8> {
        crate::test_data::fixture("crl", name)
    }

    fn ders(name: &str) -> Vec<Vec<u8>> {
        crate::test_data::cert_ders(data(name))
    }

    fn source() -> Source {
        Source { input: 0, name: None, block: 1, encoding: "der".into() }
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
        let dir = std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/data/corpus/pkits");
        let read = |p: std::path::PathBuf| std::fs::read(&p).unwrap_or_else(|e| panic!("{}: {e}", p.display()));
        let certs: Vec<Vec<u8>> = certs.iter().map(|c| read(dir.join("certs").join(format!("{c}.crt")))).collect();
        run_ders(vec![read(dir.join("crls").join(format!("{crl}.crl")))], &certs, &[], "2011-01-01T00:00:00Z")
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
            assert_eq!(rep.freshness, "fresh");
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
        assert_eq!(rep.freshness, "stale");
        assert!(r.codes().contains(&"crl-stale"));
        assert_eq!(rep.revoked[0].serial, "07ae9184abd8cb74841328aa449a0725");
        let r = run(&["r2m02.crl"], &["revoked.rootca1.chain.pem"], &[], "2025-01-01T00:00:00Z");
        assert_eq!(r.reports[0].freshness, "not-yet-valid");
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
        let r =
            pkits("NegativeSerialNumberCACRL", &["NegativeSerialNumberCACert", "ValidNegativeSerialNumberTest14EE"]);
        assert_eq!(r.reports[0].signature, SignatureStatus::Valid);
        assert!(r.reports[0].revoked.is_empty());
        assert!(r.codes().is_empty(), "{:?}", r.codes());
        let r =
            pkits("NegativeSerialNumberCACRL", &["NegativeSerialNumberCACert", "InvalidNegativeSerialNumberTest15EE"]);
        assert_eq!(r.reports[0].revoked.len(), 1);
        assert_eq!(r.reports[0].revoked[0].certificate, 1);
        assert_eq!(r.codes(), ["crl-revoked"]);
    }

    /// PKITS 4.4.8-4.4.10: an unknown critical extension, on an entry or on
    /// the CRL itself, keeps the CRL from deciding anything, listed or not.
    #[test]
    fn unknown_critical_extensions_make_the_crl_unusable() {
        for (crl, ca, ee) in [
            (
                "UnknownCRLEntryExtensionCACRL",
                "UnknownCRLEntryExtensionCACert",
                "InvalidUnknownCRLEntryExtensionTest8EE",
            ),
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
}
