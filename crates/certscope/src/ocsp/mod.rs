//! OCSP responses, must-staple readiness, stapling as a transcript shows it,
//! and the capture helper.
//!
//! Runs after `chain`: it needs the leaf and its issuer. Decodes the
//! supplied response (`decode`), matches each SingleResponse to the
//! certificates (`status`), verifies the signature and the signer's
//! authority (`responder`), judges freshness (`freshness`), and reads
//! must-staple and stapling (`staple`); builds the request and commands to
//! capture a response (`capture`, with the values vetted by `command`). Emits the `ocsp-*`, `must-staple-*`,
//! `tls-feature-*`, `stapling-off`, `staple-text-only`,
//! `no-revocation-info`, `capture-url-refused` and `capture-host-refused`
//! findings. CRLs are `crl`'s.

mod capture;
mod command;
pub(crate) mod decode;
mod freshness;
mod responder;
mod staple;
mod status;

pub(crate) use status::{hex, reason_name};

use crate::chain::anchors::Anchors;
use crate::chain::{ChainOutcome, PathCert};
use crate::input::{Decoded, RawObject, TranscriptOcsp};
use crate::options::Options;
use crate::report::{
    labels, CaptureHelp, CertificateStatus, Code, Finding, Freshness, OcspLeafView, OcspOtherReport, OcspReport,
    OcspSignature, OcspSingleView, ResponseStatus, Role, StaplingReport,
};
use crate::time::Timestamp;
use crate::work::Work;
use crate::x509::name::rfc4514;
use crate::x509::{describe_source, Cert};
use decode::{BasicResponse, DecodeError};
use freshness::About;
use status::{CertIdIndex, CertIdMatch};

#[derive(Default)]
pub(crate) struct OcspOutcome {
    pub report: Option<OcspReport>,
    pub stapling: Option<StaplingReport>,
    pub capture: Option<CaptureHelp>,
    /// The leaf's status, when a response answers for it.
    pub leaf_status: Option<CertificateStatus>,
    pub must_staple_satisfied: Option<bool>,
    /// The responses other than `report`, in input order.
    pub other: Vec<OcspOtherReport>,
}

/// A certificate that may be the CA a CertID names, or the signer: from
/// the input, a trust anchor, or the response itself.
pub(crate) struct Candidate<'a> {
    pub cert: &'a Cert,
}

pub(crate) fn analyze_ocsp(
    decoded: &Decoded,
    certs: &[Cert],
    chain: &ChainOutcome,
    anchors: &Anchors,
    opts: &Options,
    work: &mut Work,
    findings: &mut Vec<Finding>,
) -> OcspOutcome {
    let leaf = chain.leaf.and_then(|i| certs.get(i));
    staple::check_tls_feature_critical(certs, findings);
    staple::check_tls_feature_inherited(certs, chain, findings);
    let stapling = decoded.transcript.as_ref().map(|t| staple::stapling_report(t, leaf, opts.as_of, findings));
    let text_staple = decoded.transcript.as_ref().is_some_and(|t| matches!(t.ocsp, TranscriptOcsp::Stapled { .. }));
    if let Some(leaf) = leaf {
        staple::check_revocation_info(leaf, findings);
        staple::check_must_staple(leaf, !decoded.ocsp.is_empty() || text_staple, findings);
    }
    let capture = match (leaf, chain.leaf_issuer(certs)) {
        (Some(l), Some(i)) => capture::build_capture(l, i, opts.host.as_deref(), findings),
        _ => None,
    };
    let mut outcome = OcspOutcome { stapling, capture, ..OcspOutcome::default() };

    let decoded_responses: Vec<(&RawObject, Result<BasicResponse, DecodeError>)> =
        decoded.ocsp.iter().map(|raw| (raw, decode::decode_response(raw))).collect();
    let glances: Vec<Glance> = decoded_responses
        .iter()
        .take(MAX_GLANCED)
        .map(|(_, result)| glance(result, certs, chain, anchors, opts, work))
        .collect();
    let Some(main) = pick_response(&decoded_responses, &glances) else {
        outcome.must_staple_satisfied = leaf.filter(|l| staple::is_must_staple(l)).map(|_| false);
        return outcome;
    };
    let Some((raw, result)) = decoded_responses.get(main) else { return outcome };
    report_others(&decoded_responses, &glances, main, certs, chain, findings, &mut outcome.other);
    let report = match result {
        Ok(basic) => analyze_basic(raw, basic, certs, chain, anchors, opts, work, findings),
        Err(e) => report_decode_error(raw, e.clone(), findings),
    };
    if let Some(stapling) = outcome.stapling.as_mut() {
        if let Some(facts) = checked_staple(stapling, &report, &outcome.other) {
            staple::compare_claim(stapling, &facts, findings);
        }
    }
    outcome.leaf_status = report.leaf.as_ref().map(|l| l.status);
    outcome.must_staple_satisfied = leaf.filter(|l| staple::is_must_staple(l)).map(|_| {
        report.signature == Some(OcspSignature::Valid)
            && report.leaf.as_ref().is_some_and(|l| l.freshness == Freshness::Fresh)
    });
    outcome.report = Some(report);
    outcome
}

/// What the staple's verified bytes say, whether they became the main
/// response or one of the others.
fn checked_staple(
    stapling: &StaplingReport,
    main: &OcspReport,
    others: &[OcspOtherReport],
) -> Option<staple::ClaimedFacts> {
    let source = stapling.der_source.as_ref()?;
    if main.source == *source {
        let single = main.responses.iter().find(|r| r.matches_leaf).or_else(|| main.responses.first())?;
        return Some(staple::ClaimedFacts {
            serial: Some(single.serial.clone()),
            status: Some(single.status),
            this_update: Some(single.this_update),
            next_update: single.next_update,
        });
    }
    let other = others.iter().find(|o| o.source == *source)?;
    Some(staple::ClaimedFacts {
        serial: other.serial.clone(),
        status: other.status,
        this_update: other.this_update,
        next_update: other.next_update,
    })
}

/// Responses looked at to choose the main one and listed one by one; a
/// paste of thousands gets one finding counting the rest.
const MAX_GLANCED: usize = 20;

/// What one response says and about which certificate: enough to choose
/// the main response and to list the others.
struct Glance {
    response_status: ResponseStatus,
    /// Input index of the certificate its SingleResponse answers for (by
    /// CertID: issuer name and key hashes and serial), the leaf's first.
    certificate: Option<usize>,
    about_leaf: bool,
    serial: Option<String>,
    status: Option<CertificateStatus>,
    this_update: Option<Timestamp>,
    next_update: Option<Timestamp>,
    freshness: Option<Freshness>,
    signature: Option<OcspSignature>,
}

impl Default for Glance {
    fn default() -> Glance {
        Glance {
            response_status: ResponseStatus::Successful,
            certificate: None,
            about_leaf: false,
            serial: None,
            status: None,
            this_update: None,
            next_update: None,
            freshness: None,
            signature: None,
        }
    }
}

fn glance(
    result: &Result<BasicResponse, DecodeError>,
    certs: &[Cert],
    chain: &ChainOutcome,
    anchors: &Anchors,
    opts: &Options,
    work: &mut Work,
) -> Glance {
    let basic = match result {
        Ok(b) => b,
        Err(e) => return Glance { response_status: error_status(e), ..Glance::default() },
    };
    let candidates = candidates(certs, chain, anchors, basic);
    let mut index = CertIdIndex::new(&candidates, certs);
    let singles: Vec<_> = basic.data.responses.iter().take(opts.limits.max_objects.max(1)).collect();
    let matches: Vec<CertIdMatch> = singles.iter().map(|s| index.resolve(&s.cert_id)).collect();
    let leaf_pos = chain.leaf.and_then(|l| matches.iter().position(|m| m.subject == Some(l)));
    let pos = leaf_pos.or_else(|| matches.iter().position(|m| m.subject.is_some())).unwrap_or(0);
    let ca = matches.get(pos).and_then(|m| m.issuer).or_else(|| matches.iter().find_map(|m| m.issuer));
    // Only the verdict is wanted here; the main response's findings come
    // from `analyze_basic`, the others' from `report_others`.
    let mut scratch = Vec::new();
    let responder = responder::check_responder(basic, &candidates, ca, work, &mut scratch);
    let single = singles.get(pos);
    let this_update = single.map(|s| status::time(&s.this_update));
    let next_update = single.and_then(|s| s.next_update.as_ref()).map(status::time);
    Glance {
        response_status: ResponseStatus::Successful,
        certificate: matches.get(pos).and_then(|m| m.subject),
        about_leaf: leaf_pos.is_some(),
        serial: single.map(|s| status::serial_hex(&s.cert_id)),
        status: single.map(|s| status::status_of(&s.cert_status)),
        this_update,
        next_update,
        freshness: this_update.map(|t| Freshness::at(t, next_update, opts.as_of)),
        signature: Some(responder.signature),
    }
}

fn error_status(e: &DecodeError) -> ResponseStatus {
    match e {
        DecodeError::Unparseable(_) => ResponseStatus::Unparseable,
        DecodeError::NotSuccessful(status) => ResponseStatus::from_code(*status),
        DecodeError::NoResponseBytes | DecodeError::UnknownType(_) => ResponseStatus::Successful,
    }
}

/// The response the report checks in full: among those about the leaf
/// (by CertID, not serial alone), the best one; else, as before, the first
/// that decodes, else the first. "Best" is a verified signature first (a
/// forged response says nothing), then revoked (revocation is final, RFC
/// 5280 §5.3.1, so a verified revoked response outranks an older good
/// one), then fresh at the as-of time, then good, then the latest
/// thisUpdate, then input order.
fn pick_response(responses: &[(&RawObject, Result<BasicResponse, DecodeError>)], glances: &[Glance]) -> Option<usize> {
    let score = |g: &Glance| {
        (
            g.signature == Some(OcspSignature::Valid),
            g.status == Some(CertificateStatus::Revoked),
            g.freshness == Some(Freshness::Fresh),
            g.status == Some(CertificateStatus::Good),
            g.this_update,
        )
    };
    let mut best: Option<(usize, &Glance)> = None;
    for (i, g) in glances.iter().enumerate().filter(|(_, g)| g.about_leaf) {
        if best.is_none_or(|(_, b)| score(g) > score(b)) {
            best = Some((i, g));
        }
    }
    best.map(|(i, _)| i)
        .or_else(|| responses.iter().position(|(_, r)| r.is_ok()))
        .or_else(|| (!responses.is_empty()).then_some(0))
}

/// RFC 6066 §8: a server staples one response, for its own certificate;
/// every other response given is listed with what it is about, so that
/// none is silently dropped. A verified "revoked" for a certificate given
/// here is news whatever the response: it gets `ocsp-revoked` too.
fn report_others(
    responses: &[(&RawObject, Result<BasicResponse, DecodeError>)],
    glances: &[Glance],
    main: usize,
    certs: &[Cert],
    chain: &ChainOutcome,
    findings: &mut Vec<Finding>,
    other: &mut Vec<OcspOtherReport>,
) {
    let main_place = responses.get(main).map(|(raw, _)| describe_source(&raw.source)).unwrap_or_default();
    for (i, ((raw, _), g)) in responses.iter().zip(glances).enumerate() {
        if i == main {
            continue;
        }
        other.push(OcspOtherReport {
            source: raw.source.clone(),
            response_status: g.response_status,
            certificate: g.certificate,
            serial: g.serial.clone(),
            status: g.status,
            this_update: g.this_update,
            next_update: g.next_update,
            freshness: g.freshness,
            signature: g.signature,
        });
        let place = describe_source(&raw.source);
        let cert = g.certificate.and_then(|c| certs.get(c));
        let says = match (g.status, g.this_update) {
            (Some(status), Some(this)) => {
                let next = g
                    .next_update
                    .map_or_else(|| "no nextUpdate".to_string(), |n| format!("next update {}", n.to_human()));
                format!(
                    "it says {} (this update {}, {next}; {} at the time checked; {})",
                    status.as_str(),
                    this.to_human(),
                    labels::freshness(g.freshness.unwrap_or(Freshness::Fresh)),
                    labels::ocsp_signature(g.signature.unwrap_or(OcspSignature::Unverifiable)),
                )
            }
            _ => "it holds no certificate status".to_string(),
        };
        let message = if !g.response_status.is_successful() || g.signature.is_none() {
            format!(
                "Another OCSP response, in {place}, cannot be used ({}); the response in {main_place} is the one checked.",
                g.response_status
            )
        } else if let Some(cert) = cert {
            let which = if g.about_leaf {
                format!("is a second response for the server certificate \"{}\"", cert.display_name())
            } else {
                let role = chain.roles.get(cert.index).map_or("certificate", |r| labels::role(*r));
                format!(
                    "is about \"{}\" (certificate {}, the {role}), not the server certificate",
                    cert.display_name(),
                    cert.index + 1
                )
            };
            format!("The OCSP response in {place} {which}: {says}. The response in {main_place} is the one checked.")
        } else {
            format!(
                "The OCSP response in {place} answers for serial {}, which is none of the certificates given here: {says}.",
                g.serial.as_deref().unwrap_or("(none)")
            )
        };
        findings.push(match g.certificate {
            Some(c) => Finding::about(Code::OcspExtraResponse, c, message),
            None => Finding::new(Code::OcspExtraResponse, message),
        });
        if let (Some(cert), Some(CertificateStatus::Revoked), Some(OcspSignature::Valid)) =
            (cert, g.status, g.signature)
        {
            findings.push(Finding::about(
                Code::OcspRevoked,
                cert.index,
                format!(
                    "The OCSP response in {place} says {} (serial {}) was revoked.",
                    cert.display_name(),
                    g.serial.as_deref().unwrap_or_default()
                ),
            ));
        }
    }
    let rest = responses.len().saturating_sub(glances.len());
    if rest > 0 {
        findings.push(Finding::new(
            Code::OcspExtraResponse,
            format!("{rest} more OCSP responses were given; only the first {MAX_GLANCED} were looked at."),
        ));
    }
}

fn empty_report(raw: &RawObject, status: ResponseStatus, meaning: String) -> OcspReport {
    OcspReport {
        source: raw.source.clone(),
        response_status: status,
        status_meaning: meaning,
        produced_at: None,
        responder: None,
        responder_id: None,
        responder_id_value: None,
        signer_subject: None,
        responder_nocheck: None,
        signature: None,
        signature_intact: None,
        signature_algorithm: None,
        responses: Vec::new(),
        extensions: Vec::new(),
        certificates: Vec::new(),
        leaf: None,
    }
}

fn report_decode_error(raw: &RawObject, error: DecodeError, findings: &mut Vec<Finding>) -> OcspReport {
    let place = describe_source(&raw.source);
    match error {
        DecodeError::Unparseable(why) => {
            let meaning = format!("The OCSP response could not be decoded: {why}.");
            findings.push(Finding::new(
                Code::OcspUnparseable,
                format!("The OCSP response in {place} could not be decoded ({why}); it may be truncated or not an OCSP response."),
            ));
            empty_report(raw, ResponseStatus::Unparseable, meaning)
        }
        DecodeError::NotSuccessful(status) => {
            let name = ResponseStatus::from_code(status);
            let meaning = labels::response_status_meaning(name).to_string();
            findings.push(
                Finding::new(
                    Code::OcspNotSuccessful,
                    format!("The OCSP responder answered {name} (responseStatus {status}) instead of a certificate status: {meaning}"),
                )
                .with_remedy(meaning.clone()),
            );
            empty_report(raw, name, meaning)
        }
        DecodeError::NoResponseBytes => {
            let meaning =
                "The responder said successful but sent no response data, so there is no status to use.".to_string();
            findings.push(Finding::new(
                Code::OcspUnparseable,
                format!("The OCSP response in {place} says successful but carries no responseBytes: there is no certificate status in it."),
            ));
            empty_report(raw, ResponseStatus::Successful, meaning)
        }
        DecodeError::UnknownType(oid) => {
            let meaning = format!("The response is of type {oid}, not a basic OCSP response.");
            findings.push(Finding::new(
                Code::OcspUnknownResponseType,
                format!("The OCSP response in {place} has responseType {oid}; clients only accept id-pkix-ocsp-basic (1.3.6.1.5.5.7.48.1.1)."),
            ));
            empty_report(raw, ResponseStatus::Successful, meaning)
        }
    }
}

/// Every certificate that could be the CA or the signer: the input, the
/// anchors the path reached and the user's anchors, then the response's own.
fn candidates<'a>(
    certs: &'a [Cert],
    chain: &'a ChainOutcome,
    anchors: &'a Anchors,
    basic: &'a BasicResponse,
) -> Vec<Candidate<'a>> {
    let mut out: Vec<Candidate<'a>> = certs.iter().map(|c| Candidate { cert: c }).collect();
    for p in &chain.path {
        if let PathCert::Anchor(c) = p {
            out.push(Candidate { cert: c });
        }
    }
    out.extend(anchors.user.iter().map(|c| Candidate { cert: c }));
    out.extend(basic.certs.iter().map(|c| Candidate { cert: c }));
    // The store's issuers of what is here: a root that answers for an
    // intermediate, or that issued a delegated responder, is rarely pasted.
    let mut seen = std::collections::HashSet::new();
    let issuer_names: Vec<&[u8]> =
        certs.iter().chain(&basic.certs).map(|c| c.issuer_der.as_slice()).filter(|n| seen.insert(*n)).collect();
    for name in issuer_names {
        out.extend(anchors.mozilla_by_subject(name).into_iter().map(|a| Candidate { cert: a.cert }));
    }
    out
}

#[allow(clippy::too_many_arguments)]
fn analyze_basic(
    raw: &RawObject,
    basic: &BasicResponse,
    certs: &[Cert],
    chain: &ChainOutcome,
    anchors: &Anchors,
    opts: &Options,
    work: &mut Work,
    findings: &mut Vec<Finding>,
) -> OcspReport {
    let candidates = candidates(certs, chain, anchors, basic);
    let mut index = CertIdIndex::new(&candidates, certs);
    // Bounded: a hostile response may hold any number of SingleResponses.
    let singles: Vec<_> = basic.data.responses.iter().take(opts.limits.max_objects.max(1)).collect();
    let matches: Vec<CertIdMatch> = singles.iter().map(|s| index.resolve(&s.cert_id)).collect();

    let leaf_pos = chain.leaf.and_then(|l| matches.iter().position(|m| m.subject == Some(l)));
    let primary = leaf_pos
        .or_else(|| matches.iter().position(|m| m.subject.is_some()))
        .or_else(|| matches.iter().position(|m| m.issuer.is_some()))
        .unwrap_or(0);
    let ca = matches.get(primary).and_then(|m| m.issuer).or_else(|| matches.iter().find_map(|m| m.issuer));

    let outcome = responder::check_responder(basic, &candidates, ca, work, findings);
    let produced_at = status::time(&basic.data.produced_at);
    let algorithm_name = crate::verify::signature_algorithm_name(&basic.signature_algorithm);

    check_version(basic, findings);
    check_critical_extensions(basic, findings);
    for bad in &basic.bad_certs {
        findings.push(Finding::new(
            Code::InputNonconformant,
            format!("A certificate embedded in the OCSP response does not decode ({bad}); it was skipped."),
        ));
    }

    let views: Vec<OcspSingleView> = singles
        .iter()
        .zip(&matches)
        .map(|(s, m)| {
            let (revocation_time, revocation_reason) = status::revocation(&s.cert_status);
            OcspSingleView {
                serial: status::serial_hex(&s.cert_id),
                certid_hash: status::certid_hash_name(&s.cert_id.hash_algorithm.oid),
                issuer_name_hash: status::hex(s.cert_id.issuer_name_hash.as_bytes()),
                issuer_key_hash: status::hex(s.cert_id.issuer_key_hash.as_bytes()),
                matches_leaf: m.subject.is_some() && m.subject == chain.leaf,
                certificate: m.subject,
                status: status::status_of(&s.cert_status),
                revocation_time,
                revocation_reason,
                this_update: status::time(&s.this_update),
                next_update: s.next_update.as_ref().map(status::time),
                extensions: status::single_extensions(s),
            }
        })
        .collect();

    check_matching(&views, &singles, &matches, &candidates, certs, chain, findings);
    check_statuses(&views, certs, findings);
    if certs.is_empty() {
        // Nothing to match against: the status is still the news.
        check_unmatched_status(views.get(primary), findings);
    }

    if let Some(view) = views.get(primary) {
        let name = view
            .certificate
            .and_then(|i| certs.get(i))
            .map_or_else(|| format!("serial {}", view.serial), |c| c.display_name());
        let about = About { certificate: view.certificate, name: &name };
        freshness::check_freshness(view.this_update, view.next_update, opts.as_of, &about, findings);
        let for_ca = view
            .certificate
            .and_then(|i| chain.roles.get(i))
            .is_some_and(|r| matches!(r, Role::Intermediate | Role::Root));
        if !for_ca {
            // BR §4.9.10's interval is for subscriber certificates.
            freshness::check_validity_window(view.this_update, view.next_update, &about, findings);
        }
        freshness::check_staple_age(view.this_update, view.next_update, opts.as_of, &about, findings);
    }
    freshness::check_sha1_signature(&basic.signature_algorithm, &algorithm_name, produced_at, findings);

    let leaf = leaf_pos.and_then(|p| views.get(p)).map(|v| OcspLeafView {
        status: v.status,
        revocation_time: v.revocation_time,
        revocation_reason: v.revocation_reason.clone(),
        this_update: v.this_update,
        next_update: v.next_update,
        freshness: Freshness::at(v.this_update, v.next_update, opts.as_of),
    });
    let (id_kind, id_value) = responder::responder_id_view(&basic.data.responder_id);
    OcspReport {
        source: raw.source.clone(),
        response_status: ResponseStatus::Successful,
        status_meaning: labels::response_status_meaning(ResponseStatus::Successful).to_string(),
        produced_at: Some(produced_at),
        responder: Some(outcome.responder),
        responder_id: Some(id_kind),
        responder_id_value: Some(id_value),
        signer_subject: outcome
            .signer
            .and_then(|i| candidates.get(i))
            .map(|c| rfc4514(&c.cert.cert.tbs_certificate.subject)),
        responder_nocheck: outcome.nocheck,
        signature: Some(outcome.signature),
        signature_intact: outcome.intact,
        signature_algorithm: Some(algorithm_name),
        responses: views,
        extensions: basic.data.response_extensions.iter().flatten().map(status::extension_view).collect(),
        certificates: basic.certs.iter().map(|c| rfc4514(&c.cert.tbs_certificate.subject)).collect(),
        leaf,
    }
}

/// RFC 6960 §4.2.1: only v1 exists.
fn check_version(basic: &BasicResponse, findings: &mut Vec<Finding>) {
    if let Some(v) = basic.data.version.filter(|v| *v != 0) {
        findings.push(Finding::new(
            Code::InputNonconformant,
            format!(
                "The OCSP response claims version {} (value {v}); RFC 6960 defines only version 1, so clients may reject it.",
                u64::from(v) + 1
            ),
        ));
    }
}

/// RFC 6960 §4.4 defines no extension clients must process, so a critical
/// one is a gamble: Go's crypto/ocsp rejects any critical single extension,
/// and every client rejects a critical extension it does not know.
fn check_critical_extensions(basic: &BasicResponse, findings: &mut Vec<Finding>) {
    let singles = basic.data.responses.iter().flat_map(|s| s.single_extensions.iter().flatten());
    for ext in basic.data.response_extensions.iter().flatten().chain(singles) {
        if ext.critical {
            let known = if status::is_known_extension(&ext.extn_id) { "" } else { " certscope does not know" };
            findings.push(
                Finding::new(
                    Code::UnknownCriticalExtension,
                    format!(
                        "The OCSP response carries a critical extension{known} ({}, {}); strict clients such as Go's crypto/ocsp reject the whole response.",
                        status::extension_view(ext).name,
                        ext.extn_id
                    ),
                )
                .with_severity(crate::report::Severity::Warning)
                .with_remedy("Ask the CA why its responder marks this extension critical; a response clients reject cannot be stapled."),
            );
        }
    }
}

/// RFC 6960 §4.1.1: a CertID whose serial and issuer name hash are the
/// leaf's, when the issuer (whose key hash would confirm it) is not at hand:
/// a server that sends no intermediate but staples anyway (nginx finds the
/// issuer in ssl_trusted_certificate; stapling lab scenario 7).
fn names_leaf_by_issuer_name(alg: status::HashAlg, single: &x509_ocsp::SingleResponse, leaf: Option<&Cert>) -> bool {
    let Some(leaf) = leaf else { return false };
    let trim = |b: &[u8]| b.iter().skip_while(|x| **x == 0).copied().collect::<Vec<u8>>();
    trim(single.cert_id.serial_number.as_bytes()) == trim(leaf.cert.tbs_certificate.serial_number.as_bytes())
        && single.cert_id.issuer_name_hash.as_bytes() == alg.digest(&leaf.issuer_der).as_slice()
}

/// RFC 6960 §4.1.1 / RFC 6066 §8: the response must answer for a
/// certificate here, and a staple for the leaf.
fn check_matching(
    views: &[OcspSingleView],
    singles: &[&x509_ocsp::SingleResponse],
    matches: &[CertIdMatch],
    candidates: &[Candidate<'_>],
    certs: &[Cert],
    chain: &ChainOutcome,
    findings: &mut Vec<Finding>,
) {
    if views.is_empty() {
        findings.push(Finding::new(Code::OcspNoMatchingResponse, "The OCSP response holds no SingleResponse at all."));
        return;
    }
    let answered: Vec<usize> = views.iter().filter_map(|v| v.certificate).collect();
    let leaf = chain.leaf.and_then(|i| certs.get(i));
    if answered.is_empty() {
        let by_name = leaf.filter(|l| {
            singles.iter().any(|s| {
                status::HashAlg::from_oid(&s.cert_id.hash_algorithm.oid)
                    .is_some_and(|alg| names_leaf_by_issuer_name(alg, s, Some(l)))
            })
        });
        if let Some(l) = by_name {
            findings.push(Finding::new(
                Code::OcspNoMatchingResponse,
                format!(
                    "The OCSP response names the server certificate {} by its serial and its issuer's name, but the issuer certificate is not at hand: without it the response can be neither matched for certain (by the issuer's key hash) nor checked. Add the missing intermediate.",
                    l.display_name()
                ),
            ));
            return;
        }
        let described: Vec<String> = views
            .iter()
            .zip(singles)
            .zip(matches)
            .take(5)
            .map(|((v, s), m)| {
                let issuer = m.issuer.and_then(|i| candidates.get(i)).map(|c| c.cert.display_name());
                match (status::HashAlg::from_oid(&s.cert_id.hash_algorithm.oid), issuer) {
                    (None, _) => format!(
                        "serial {} (CertID hash algorithm {} is unknown, so it cannot be matched)",
                        v.serial, v.certid_hash
                    ),
                    (Some(_), Some(issuer)) => format!("serial {} issued by {issuer}", v.serial),
                    (Some(_), None) => format!("serial {} from an issuer not among the certificates at hand", v.serial),
                }
            })
            .collect();
        let more = if views.len() > 5 { format!(" and {} more", views.len() - 5) } else { String::new() };
        let leaf = chain.leaf.and_then(|i| certs.get(i)).map_or_else(String::new, |l| {
            format!(
                " The server certificate {} has serial {}.",
                l.display_name(),
                status::hex(l.cert.tbs_certificate.serial_number.as_bytes())
            )
        });
        findings.push(Finding::new(
            Code::OcspNoMatchingResponse,
            format!(
                "The OCSP response answers for {}{more}, none of which is a certificate given here.{leaf}",
                described.join("; ")
            ),
        ));
        return;
    }
    if let Some(leaf) = chain.leaf.and_then(|i| certs.get(i)) {
        if !answered.contains(&leaf.index) {
            let names: Vec<String> = answered.iter().filter_map(|i| certs.get(*i)).map(|c| c.display_name()).collect();
            findings.push(Finding::about(
                Code::OcspNotForLeaf,
                leaf.index,
                format!(
                    "The OCSP response answers for {} but not for the server certificate {}.",
                    names.join(", "),
                    leaf.display_name()
                ),
            ));
        }
    }
}

/// RFC 6960 §2.2: revoked and unknown statuses for certificates given here.
fn check_statuses(views: &[OcspSingleView], certs: &[Cert], findings: &mut Vec<Finding>) {
    for v in views {
        let Some(cert) = v.certificate.and_then(|i| certs.get(i)) else { continue };
        let name = cert.display_name();
        match v.status {
            CertificateStatus::Revoked => {
                let when = v.revocation_time.map_or_else(String::new, |t| format!(" on {}", t.to_human()));
                let why = v.revocation_reason.as_ref().map_or_else(String::new, |r| format!(" (reason: {r})"));
                findings.push(Finding::about(
                    Code::OcspRevoked,
                    cert.index,
                    format!("The OCSP response says {name} (serial {}) was revoked{when}{why}.", v.serial),
                ));
            }
            CertificateStatus::Unknown => findings.push(Finding::about(
                Code::OcspUnknown,
                cert.index,
                format!("The OCSP responder answered \"unknown\" for {name} (serial {}): it does not know this certificate.", v.serial),
            )),
            CertificateStatus::Good => {}
        }
    }
}

/// RFC 6960 §2.2 for a response given without any certificate.
fn check_unmatched_status(view: Option<&OcspSingleView>, findings: &mut Vec<Finding>) {
    let Some(v) = view else { return };
    match v.status {
        CertificateStatus::Revoked => {
            let when = v.revocation_time.map_or_else(String::new, |t| format!(" on {}", t.to_human()));
            let why = v.revocation_reason.as_ref().map_or_else(String::new, |r| format!(" (reason: {r})"));
            findings.push(Finding::new(
                Code::OcspRevoked,
                format!("The OCSP response says the certificate with serial {} was revoked{when}{why}.", v.serial),
            ));
        }
        CertificateStatus::Unknown => findings.push(Finding::new(
            Code::OcspUnknown,
            format!(
                "The OCSP responder answered \"unknown\" for serial {}: it does not know that certificate.",
                v.serial
            ),
        )),
        CertificateStatus::Good => {}
    }
}

#[cfg(test)]
pub(crate) mod tests;
