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

mod checks;
pub(crate) mod decode;
mod extensions;
mod revocation;
mod scope;

use crate::asn1::{Locator, ObjectKind};
use crate::chain::anchors::Anchors;
use crate::chain::names::canonical;
use crate::chain::{ChainOutcome, PathCert};
use crate::input::RawObject;
use crate::report::finding::made_on;

use crate::options::Options;
use crate::report::{
    Code, CrlApplicability, CrlKind, CrlReport, CrlRevokedView, CrlScope, Finding, Freshness, Severity, SignatureStatus,
};
use crate::time::Timestamp;
use crate::verify::{SignedParts, Verification};
use crate::work::{Limit, Stage, Work};
use crate::x509::{describe_source, Cert};
use checks::*;
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
    // Most inputs have no CRL: the names below would be made for nothing.
    if crls.is_empty() {
        return Vec::new();
    }
    let mut signers: Vec<&Cert> = certs.iter().collect();
    signers.extend(chain.path.iter().filter_map(|p| match p {
        PathCert::Anchor(c) => Some(&**c),
        PathCert::Input(_) => None,
    }));
    signers.extend(anchors.user.iter());
    // Names compared as RFC 5280 §7.1 says, each canonical form made once:
    // every CRL is matched against every certificate.
    let signers: Vec<Named<'_>> = signers.into_iter().map(|c| Named { cert: c, key: canonical(c.subject()) }).collect();
    let issuers: Vec<String> = certs.iter().map(|c| canonical(c.issuer())).collect();
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
        let mozilla: Vec<Named<'_>> =
            mozilla.iter().map(|a| Named { cert: a.cert, key: canonical(a.cert.subject()) }).collect();
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
        let start = findings.len();
        reports.push(analyze_crl(raw, crl, f, &delta, &ctx, opts, work, findings));
        made_on(findings, start, ObjectKind::Crl, &raw.source);
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
            let candidate = c.issuer_der() == crl.issuer_der || *key == issuer_key || named.contains(&issuer_key);
            let d = if candidate { scope::decide(&side, c, key) } else { scope::Decision::other_issuer() };
            CrlApplicability { certificate: c.index(), scope: d.scope, reasons: scope::reason_names(d.reasons) }
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
        bytes: Vec::new(),
        source: raw.source.clone(),
        issuer_short_name: crate::x509::name::short_name(&tbs.issuer).unwrap_or_else(|| "(empty issuer)".to_string()),
        issuer,
        this_update,
        next_update,
        entries: entries.len(),
        signature,
        signer: signer.map(|c| c.index()).filter(|i| *i != usize::MAX),
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
            released.push(cert.index());
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
        if let Some(c) = certs.get(r.certificate) {
            f = f.at(Locator::RevokedSerial(c.serial_bytes().to_vec()));
        }
        findings.push(f);
    }
}

#[cfg(test)]
mod tests;
