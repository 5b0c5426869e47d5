//! Certificate revocation lists: decode, verify by the issuer, freshness,
//! and whether a chain certificate is listed.
//!
//! Runs after `chain`. The signer is looked up by name among the input
//! certificates and the trust anchors, then its key must verify the exact
//! tbsCertList bytes. Emits `crl-unparseable`, `crl-issuer-missing`,
//! `crl-signature-invalid`, `crl-stale`, `crl-not-yet-valid`, `crl-revoked`.
//! Leaves OCSP to `ocsp`.

mod decode;
mod revocation;

use crate::chain::anchors::Anchors;
use crate::chain::{ChainOutcome, PathCert};
use crate::input::RawObject;
#[allow(unused_imports)]
use crate::ocsp::CertCompat;
use crate::options::Options;
use crate::report::{Code, CrlReport, Finding, Severity, SignatureStatus};
use crate::time::Timestamp;
use crate::verify::{verify_signed, SignedParts, Verification};
use crate::x509::{describe_source, Cert};
use decode::Crl;

pub(crate) fn analyze_crls(
    crls: &[RawObject],
    certs: &[Cert],
    chain: &ChainOutcome,
    anchors: &Anchors,
    opts: &Options,
    findings: &mut Vec<Finding>,
) -> Vec<CrlReport> {
    let mut signers: Vec<&Cert> = certs.iter().collect();
    signers.extend(chain.path.iter().filter_map(|p| match p {
        PathCert::Anchor(c) => Some(&**c),
        PathCert::Input(_) => None,
    }));
    signers.extend(anchors.user.iter());
    let mut reports = Vec::new();
    for raw in crls {
        match decode::decode_crl(&raw.der) {
            Ok(crl) => reports.push(analyze_crl(raw, &crl, certs, &signers, opts, findings)),
            Err(e) => findings.push(Finding::new(
                Code::CrlUnparseable,
                format!("The CRL in {} could not be decoded ({e}).", describe_source(&raw.source)),
            )),
        }
    }
    reports
}

fn analyze_crl(
    raw: &RawObject,
    crl: &Crl,
    certs: &[Cert],
    signers: &[&Cert],
    opts: &Options,
    findings: &mut Vec<Finding>,
) -> CrlReport {
    let tbs = &crl.list.tbs_cert_list;
    let issuer = tbs.issuer.to_string();
    let (signature, signer) = verify_crl(crl, signers, &issuer, findings);
    let this_update = Timestamp::from_x509(&tbs.this_update);
    let next_update = tbs.next_update.as_ref().map(Timestamp::from_x509);
    let freshness = check_crl_freshness(&issuer, this_update, next_update, opts.as_of, findings);
    let entries = tbs.revoked_certificates.as_deref().unwrap_or_default();
    let revoked = revocation::find_revoked(entries, &crl.issuer_der, certs);
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
        signer: signer.filter(|i| *i != usize::MAX),
        freshness: freshness.to_string(),
        revoked,
    }
}

/// RFC 5280 §6.3.3 (f): the CRL issuer's key verifies the tbsCertList.
fn verify_crl(
    crl: &Crl,
    signers: &[&Cert],
    issuer: &str,
    findings: &mut Vec<Finding>,
) -> (SignatureStatus, Option<usize>) {
    let parts = SignedParts {
        tbs: &crl.tbs,
        algorithm: &crl.list.signature_algorithm,
        signature: crl.list.signature.raw_bytes(),
    };
    let mut seen = std::collections::HashSet::new();
    let named: Vec<&Cert> =
        signers.iter().copied().filter(|c| c.subject_der == crl.issuer_der && seen.insert(c.der.as_slice())).collect();
    if named.is_empty() {
        findings.push(Finding::new(
            Code::CrlIssuerMissing,
            format!("The CRL is issued by {issuer}, which is not among the certificates or trust anchors at hand, so its signature cannot be checked."),
        ));
        return (SignatureStatus::IssuerMissing, None);
    }
    let mut status = SignatureStatus::Invalid;
    for c in &named {
        match verify_signed(&parts, c.spki()) {
            Verification::Valid => return (SignatureStatus::Valid, Some(c.index)),
            Verification::Invalid => {}
            Verification::Unsupported(_) => status = SignatureStatus::Unsupported,
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
