//! Certificate revocation lists: decode, verify by the issuer, freshness,
//! and whether a chain certificate is listed.
//!
//! Runs after `chain`. The signer is looked up by name among the input
//! certificates and the trust anchors (the user's and Mozilla's), then its key must verify the exact
//! tbsCertList bytes. Emits `crl-unparseable`, `crl-issuer-missing`,
//! `crl-signature-invalid`, `crl-signer-not-authorized`,
//! `crl-unknown-critical-extension`, `crl-stale`, `crl-not-yet-valid`,
//! `crl-revoked`, `crl-duplicate`, `crl-delta-without-base`, `crl-delta-not-given`,
//! `crl-status-undetermined`. Signature checks and serial lookups are
//! paid from the analysis's work budget. A CRL that may not decide revocation is reported with
//! `used: false` and lists nobody as revoked. Each CRL says, per input
//! certificate, whether it applies and why not (`scope`, RFC 5280 §6.3.3 (b));
//! a delta CRL is applied on top of its complete CRL (§5.2.4), and an
//! indirect CRL's entries belong to the CA they name (§5.3.3).
//! Leaves OCSP to `ocsp`.

pub(crate) mod decode;
mod extensions;
mod revocation;
mod scope;

use crate::chain::anchors::Anchors;
use crate::chain::names::canonical;
use crate::chain::{ChainOutcome, PathCert};
use crate::input::RawObject;

use crate::options::Options;
use crate::report::{
    Code, CrlApplicability, CrlKind, CrlReport, CrlRevokedView, CrlScope, Finding, Freshness, Severity, SignatureStatus,
};
use crate::time::Timestamp;
use crate::verify::{SignedParts, Verification};
use crate::work::{Limit, Stage, Work};
use crate::x509::{describe_source, Cert};
use decode::Crl;
use der::flagset::FlagSet;
use der::Decode;
use revocation::EntryIndex;
use std::collections::HashMap;
use x509_cert::ext::pkix::crl::dp::{IssuingDistributionPoint, ReasonFlags};
use x509_cert::ext::pkix::{CrlDistributionPoints, CrlReason};

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
    let named_crl_issuers: Vec<Vec<String>> = certs.iter().map(named_crl_issuers).collect();
    let mut first_by_der: HashMap<&[u8], &RawObject> = HashMap::new();
    let mut duplicates: Vec<(&RawObject, &RawObject)> = Vec::new();
    let mut decoded: Vec<(&RawObject, Crl)> = Vec::new();
    for raw in crls {
        if let Some(first) = first_by_der.get(raw.der.as_slice()) {
            duplicates.push((raw, first));
            continue;
        }
        first_by_der.insert(&raw.der, raw);
        match decode::decode_crl(&raw.der) {
            Ok(crl) => decoded.push((raw, crl)),
            Err(e) => findings.push(Finding::new(
                Code::CrlUnparseable,
                format!("The CRL in {} could not be decoded ({e}).", describe_source(&raw.source)),
            )),
        }
    }
    let facts: Vec<Facts> = decoded.iter().map(|(_, crl)| Facts::of(crl)).collect();
    let bases = delta_bases(&facts);
    let mut reports = Vec::new();
    for (i, ((raw, crl), f)) in decoded.iter().zip(&facts).enumerate() {
        // A root's CRL is signed by the root, often only in Mozilla's store.
        let mozilla = anchors.mozilla_by_subject(&crl.issuer_der);
        let mozilla: Vec<Named<'_>> = mozilla
            .iter()
            .map(|a| Named { cert: a.cert, key: canonical(&a.cert.cert.tbs_certificate.subject) })
            .collect();
        let all: Vec<&Named<'_>> = signers.iter().chain(&mozilla).collect();
        let ctx = Context { certs, issuers: &issuers, named_crl_issuers: &named_crl_issuers, signers: &all };
        let delta = match f.base.as_ref() {
            None => Pairing::Complete {
                delta: bases.iter().position(|b| *b == Some(i)).and_then(|d| decoded.get(d)).map(|(_, c)| c),
            },
            Some(base) => Pairing::Delta {
                base: base.clone(),
                complete: bases.get(i).copied().flatten().and_then(|b| decoded.get(b)).map(|(r, _)| *r),
            },
        };
        reports.push(analyze_crl(raw, crl, f, &delta, &ctx, opts, work, findings));
    }
    check_duplicates(&duplicates, findings);
    check_undetermined(&reports, certs, chain, findings);
    reports
}

/// Canonical names of the cRLIssuers a certificate's distribution points
/// name (RFC 5280 §4.2.1.13): CRLs from them may speak for it.
fn named_crl_issuers(cert: &Cert) -> Vec<String> {
    let Some((_, dps)) = cert.extension::<CrlDistributionPoints>() else { return Vec::new() };
    dps.0
        .iter()
        .flat_map(|dp| dp.crl_issuer.iter().flatten())
        .filter_map(|n| match n {
            x509_cert::ext::pkix::name::GeneralName::DirectoryName(d) => Some(canonical(d)),
            _ => None,
        })
        .collect()
}

/// What pairs CRLs: issuer, number, delta base and scope.
struct Facts {
    issuer_key: String,
    /// cRLNumber, minimal big-endian.
    number: Option<Vec<u8>>,
    /// deltaCRLIndicator's BaseCRLNumber: set on delta CRLs only.
    base: Option<Vec<u8>>,
    /// issuingDistributionPoint: `Err` when present but undecodable.
    idp: Result<Option<IssuingDistributionPoint>, String>,
}

impl Facts {
    fn of(crl: &Crl) -> Facts {
        let tbs = &crl.list.tbs_cert_list;
        let uint = |id: const_oid::ObjectIdentifier| {
            let ext = tbs.crl_extensions.iter().flatten().find(|e| e.extn_id == id)?;
            // A malformed number reads as an empty one, which nothing pairs with.
            Some(
                der::asn1::Uint::from_der(ext.extn_value.as_bytes()).map(|u| minimal(u.as_bytes())).unwrap_or_default(),
            )
        };
        Facts {
            issuer_key: canonical(&tbs.issuer),
            number: uint(const_oid::db::rfc5280::ID_CE_CRL_NUMBER),
            base: uint(const_oid::db::rfc5280::ID_CE_DELTA_CRL_INDICATOR),
            idp: scope::issuing_distribution_point(tbs),
        }
    }
}

fn minimal(bytes: &[u8]) -> Vec<u8> {
    let start = bytes.iter().position(|b| *b != 0).unwrap_or(bytes.len());
    bytes.get(start..).unwrap_or_default().to_vec()
}

/// Unsigned big-endian comparison of minimal encodings.
fn cmp_numbers(a: &[u8], b: &[u8]) -> std::cmp::Ordering {
    a.len().cmp(&b.len()).then_with(|| a.cmp(b))
}

/// RFC 5280 §5.2.4 and §6.3.3 (c): the complete CRL each delta CRL is
/// applied to: same issuer, same issuingDistributionPoint, a cRLNumber at
/// least the delta's BaseCRLNumber and below the delta's own number. The
/// highest-numbered such CRL wins. Indexed like `facts`.
fn delta_bases(facts: &[Facts]) -> Vec<Option<usize>> {
    facts
        .iter()
        .map(|d| {
            let base = d.base.as_ref()?;
            facts
                .iter()
                .enumerate()
                .filter(|(_, c)| c.base.is_none() && c.issuer_key == d.issuer_key && c.idp == d.idp)
                .filter_map(|(i, c)| c.number.as_ref().map(|n| (i, n)))
                .filter(|(_, n)| cmp_numbers(n, base).is_ge())
                .filter(|(_, n)| d.number.as_ref().is_none_or(|dn| cmp_numbers(n, dn).is_lt()))
                .max_by(|a, b| cmp_numbers(a.1, b.1))
                .map(|(i, _)| i)
        })
        .collect()
}

/// How a CRL relates to the others given.
enum Pairing<'a> {
    /// A complete CRL, and the delta CRL applied on top of it, if any.
    Complete { delta: Option<&'a Crl> },
    /// A delta CRL with its BaseCRLNumber, and the complete CRL it applies to.
    Delta { base: Vec<u8>, complete: Option<&'a RawObject> },
}

/// RFC 5280 §6.3.3 (k): a certificate's status is known only once the CRLs
/// that may be used cover every reason. Asked of the certificates on the
/// path (roots aside) that a given CRL concerns (issued by their issuer or
/// by a cRLIssuer they name), and of the leaf whenever any CRL was given.
fn check_undetermined(reports: &[CrlReport], certs: &[Cert], chain: &ChainOutcome, findings: &mut Vec<Finding>) {
    if reports.is_empty() {
        return;
    }
    let on_path: Vec<usize> = chain
        .path
        .iter()
        .filter_map(|p| match p {
            PathCert::Input(i) => Some(*i),
            PathCert::Anchor(_) => None,
        })
        .chain(chain.leaf)
        .collect();
    let mut asked: Vec<usize> = Vec::new();
    for i in on_path {
        if !asked.contains(&i) {
            asked.push(i);
        }
    }
    for i in asked {
        let Some(cert) = certs.get(i) else { continue };
        if cert.is_self_issued() && chain.leaf != Some(i) {
            continue;
        }
        if reports.iter().any(|r| r.revoked.iter().any(|v| v.certificate == i)) {
            continue;
        }
        // OtherIssuer: neither the certificate's issuer nor a cRLIssuer it names.
        let concerned =
            reports.iter().any(|r| r.scope.iter().any(|s| s.certificate == i && s.scope != CrlScope::OtherIssuer));
        if !concerned && chain.leaf != Some(i) {
            continue;
        }
        let mut covered: ReasonFlags = FlagSet::default();
        for r in reports.iter().filter(|r| r.used && r.signature == SignatureStatus::Valid) {
            for s in r.scope.iter().filter(|s| s.certificate == i && s.scope.applies()) {
                covered |= reason_flags(&s.reasons);
            }
        }
        if covered.contains(scope::all_reasons()) {
            continue;
        }
        let why = if covered.is_empty() {
            "no CRL given applies to it and may be used".to_string()
        } else {
            format!(
                "the CRLs that apply cover only {} (RFC 5280 §5.3.1 reasons)",
                scope::reason_names(covered).join(", ")
            )
        };
        findings.push(Finding::about(
            Code::CrlStatusUndetermined,
            i,
            format!("The revocation status of {} could not be determined: {why}.", cert.display_name()),
        ));
    }
}

fn reason_flags(names: &[String]) -> ReasonFlags {
    let all = scope::all_reasons();
    let mut out: ReasonFlags = FlagSet::default();
    for r in all.into_iter() {
        let one: ReasonFlags = r.into();
        if scope::reason_names(one).iter().any(|n| names.contains(n)) {
            out |= r;
        }
    }
    out
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
    /// Canonical cRLIssuer names of each certificate's distribution points.
    named_crl_issuers: &'c [Vec<String>],
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

#[allow(clippy::too_many_arguments)]
fn analyze_crl(
    raw: &RawObject,
    crl: &Crl,
    facts: &Facts,
    pairing: &Pairing<'_>,
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
    let processable = check_extensions(crl, &issuer, findings)
        && check_idp(facts, &issuer, findings)
        && check_entry_issuers(crl, &issuer, findings);
    let kind = match pairing {
        Pairing::Complete { .. } => CrlKind::Complete,
        Pairing::Delta { base, complete } => {
            CrlKind::Delta { base: crate::ocsp::hex(base), base_source: complete.map(|r| r.source.clone()) }
        }
    };
    let paired = check_delta_base(pairing, &issuer, findings);
    let freshest_crl = freshest_crl_urls(tbs);
    check_delta_given(pairing, &freshest_crl, &issuer, findings);
    let used = authorized && processable && paired;
    let this_update = Timestamp::from_x509(&tbs.this_update);
    let next_update = tbs.next_update.as_ref().map(Timestamp::from_x509);
    let freshness = check_crl_freshness(&issuer, this_update, next_update, opts.as_of, findings);
    let entries = tbs.revoked_certificates.as_deref().unwrap_or_default();
    let idp = facts.idp.as_ref().ok().and_then(Option::as_ref);
    let side = scope::CrlSide { issuer: &tbs.issuer, issuer_key: &issuer_key, idp };
    // Only certificates this CRL's issuer issued, or whose distribution
    // points name it as cRLIssuer, need the RFC 5280 §6.3.3 (b) decision.
    let scope: Vec<CrlApplicability> = certs
        .iter()
        .zip(ctx.issuers)
        .zip(ctx.named_crl_issuers)
        .map(|((c, key), named)| {
            let candidate = c.issuer_der == crl.issuer_der || *key == issuer_key || named.contains(&issuer_key);
            let d = if candidate { scope::decide(&side, c, key) } else { scope::Decision::other_issuer() };
            CrlApplicability { certificate: c.index, scope: d.scope, reasons: scope::reason_names(d.reasons) }
        })
        .collect();
    let (revoked, released) = if used {
        let ours: Vec<(&Cert, &String)> = certs
            .iter()
            .zip(ctx.issuers)
            .zip(&scope)
            .filter(|(_, s)| s.scope.applies())
            .map(|(pair, _)| pair)
            .collect();
        let delta = match pairing {
            Pairing::Complete { delta: Some(d) } => Some(d),
            _ => None,
        };
        // RFC 5280 §6.3.3: one serial lookup per certificate in scope, two
        // when a delta CRL is applied on top.
        let per = 1 + usize::from(delta.is_some());
        let affordable = work.spend_up_to(Limit::CrlLookups, ours.len() * per, Stage::Crl) / per;
        let index = EntryIndex::new(entries, &issuer_key);
        let delta_index = delta.map(|d| {
            EntryIndex::new(d.list.tbs_cert_list.revoked_certificates.as_deref().unwrap_or_default(), &issuer_key)
        });
        let is_delta = matches!(pairing, Pairing::Delta { .. });
        status_of(ours.get(..affordable).unwrap_or_default(), &index, delta_index.as_ref(), is_delta)
    } else {
        (Vec::new(), Vec::new())
    };
    report_revoked(&revoked, certs, &issuer, signature, findings);
    CrlReport {
        source: raw.source.clone(),
        issuer,
        this_update,
        next_update,
        entries: entries.len(),
        signature,
        signer: signer.map(|c| c.index).filter(|i| *i != usize::MAX),
        freshness,
        used,
        number: facts.number.as_deref().map(crate::ocsp::hex),
        kind,
        freshest_crl,
        scope,
        revoked,
        released,
    }
}

/// RFC 5280 §6.3.3 (g)-(i) for the certificates a CRL applies to: on a
/// delta CRL, removeFromCRL takes a certificate off hold and any other
/// entry revokes it; on a complete CRL, a certificate the applied delta
/// lists is the delta's to decide (a hold the delta lifts is released).
fn status_of(
    ours: &[(&Cert, &String)],
    index: &EntryIndex<'_>,
    delta: Option<&EntryIndex<'_>>,
    is_delta: bool,
) -> (Vec<CrlRevokedView>, Vec<usize>) {
    let mut revoked = Vec::new();
    let mut released = Vec::new();
    for (cert, key) in ours {
        let Some(entry) = index.find(cert, key) else { continue };
        let remove = revocation::entry_reason_code(entry) == Some(CrlReason::RemoveFromCRL);
        let on_delta = delta.and_then(|d| d.find(cert, key));
        let lifted = on_delta.is_some_and(|e| revocation::entry_reason_code(e) == Some(CrlReason::RemoveFromCRL));
        if (is_delta && remove) || lifted {
            released.push(cert.index);
        } else if !remove && on_delta.is_none() {
            revoked.push(revocation::revoked_view(cert, entry));
        }
    }
    (revoked, released)
}

fn report_revoked(
    revoked: &[CrlRevokedView],
    certs: &[Cert],
    issuer: &str,
    signature: SignatureStatus,
    findings: &mut Vec<Finding>,
) {
    for r in revoked {
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
}

/// RFC 5280 §5.2.5: an issuingDistributionPoint certscope cannot decode
/// leaves the CRL's scope unknown, so the CRL may not be used.
fn check_idp(facts: &Facts, issuer: &str, findings: &mut Vec<Finding>) -> bool {
    let Err(e) = &facts.idp else { return true };
    findings.push(Finding::new(
        Code::CrlUnknownCriticalExtension,
        format!("The CRL of {issuer} carries an issuingDistributionPoint that cannot be decoded ({e}), so its scope is unknown and it is not used to decide revocation."),
    ));
    false
}

/// RFC 5280 §5.2.6: where the delta CRLs a complete CRL points to are (URIs,
/// or directory names for an LDAP directory).
fn freshest_crl_urls(tbs: &x509_cert::crl::TbsCertList) -> Vec<String> {
    use x509_cert::ext::pkix::name::{DistributionPointName, GeneralName};
    let Some(ext) =
        tbs.crl_extensions.iter().flatten().find(|e| e.extn_id == const_oid::db::rfc5280::ID_CE_FRESHEST_CRL)
    else {
        return Vec::new();
    };
    let Ok(points) = x509_cert::ext::pkix::FreshestCrl::from_der(ext.extn_value.as_bytes()) else { return Vec::new() };
    points
        .0
        .iter()
        .filter_map(|dp| match &dp.distribution_point {
            Some(DistributionPointName::FullName(names)) => Some(names),
            _ => None,
        })
        .flatten()
        .filter_map(|n| match n {
            GeneralName::UniformResourceIdentifier(uri) => Some(uri.to_string()),
            GeneralName::DirectoryName(d) => Some(crate::x509::name::rfc4514(d)),
            _ => None,
        })
        .collect()
}

/// RFC 5280 §5.2.6: a complete CRL that names its delta CRLs is only as
/// current as the latest delta; without one, say where it is.
fn check_delta_given(pairing: &Pairing<'_>, urls: &[String], issuer: &str, findings: &mut Vec<Finding>) {
    if urls.is_empty() || !matches!(pairing, Pairing::Complete { delta: None }) {
        return;
    }
    let quoted: Vec<String> = urls.iter().map(|u| format!("{u:?}")).collect();
    findings.push(Finding::new(
        Code::CrlDeltaNotGiven,
        format!(
            "The CRL of {issuer} names delta CRLs at {} (freshestCRL), and none was given with it.",
            quoted.join(", ")
        ),
    ));
}

/// RFC 5280 §5.3.3: an entry's certificateIssuer that names no directory
/// name leaves unknown whose certificates it and the following entries
/// are, so the CRL may not be used.
fn check_entry_issuers(crl: &Crl, issuer: &str, findings: &mut Vec<Finding>) -> bool {
    let entries = crl.list.tbs_cert_list.revoked_certificates.as_deref().unwrap_or_default();
    let Some(at) = revocation::unreadable_certificate_issuer(entries) else { return true };
    findings.push(Finding::new(
        Code::CrlUnknownCriticalExtension,
        format!(
            "Entry {} of the CRL of {issuer} has a certificateIssuer that names no directory name, so whose certificates its entries are is unknown and the CRL is not used to decide revocation.",
            at + 1
        ),
    ));
    false
}

/// RFC 5280 §5.2.4: a delta CRL is used only on top of its complete CRL.
fn check_delta_base(pairing: &Pairing<'_>, issuer: &str, findings: &mut Vec<Finding>) -> bool {
    let Pairing::Delta { base, complete: None } = pairing else { return true };
    findings.push(Finding::new(
        Code::CrlDeltaWithoutBase,
        format!(
            "The delta CRL of {issuer} lists changes since CRL number {}, and no complete CRL of {issuer} with that number or later (and the same scope) was given, so it is not used.",
            crate::ocsp::hex(base)
        ),
    ));
    false
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

/// RFC 5280 §5.1.2.4–5: thisUpdate not in the future, nextUpdate not past
/// (judged by `Freshness::at`, as OCSP responses are).
fn check_crl_freshness(
    issuer: &str,
    this_update: Timestamp,
    next_update: Option<Timestamp>,
    as_of: Timestamp,
    findings: &mut Vec<Finding>,
) -> Freshness {
    let freshness = Freshness::at(this_update, next_update, as_of);
    match (freshness, next_update) {
        (Freshness::NotYetValid, _) => findings.push(Finding::new(
            Code::CrlNotYetValid,
            format!(
                "The CRL of {issuer} is not valid yet on {}: its thisUpdate is {}.",
                as_of.to_human(),
                this_update.to_human()
            ),
        )),
        (Freshness::Stale, Some(next)) => findings.push(Finding::new(
            Code::CrlStale,
            format!(
                "The CRL of {issuer} went stale on {} (its nextUpdate); a newer one has been published since.",
                next.to_human()
            ),
        )),
        (Freshness::Stale, None) | (Freshness::Fresh, _) => {}
    }
    freshness
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
        pkits_crls(&[crl], certs)
    }

    fn pkits_crls(crls: &[&str], certs: &[&str]) -> Run {
        let dir = std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/data/corpus/pkits");
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
