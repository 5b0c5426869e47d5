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
mod matching;
mod others;
mod responder;
mod staple;
mod status;

pub(crate) use status::{hex, reason_name};

use crate::asn1::ObjectKind;
use crate::chain::anchors::Anchors;
use crate::chain::{ChainOutcome, PathCert};
use crate::input::{Decoded, RawObject, TranscriptOcsp};
use crate::options::Options;
use crate::report::finding::made_on;
use crate::report::{
    labels, CaptureHelp, CertificateStatus, Code, Finding, Freshness, OcspLeafView, OcspOtherReport, OcspReport,
    OcspSignature, OcspSingleView, ResponseStatus, Role, StaplingReport,
};
use crate::work::Work;
use crate::x509::name::rfc4514;
use crate::x509::{describe_source, Cert};
use decode::{BasicResponse, DecodeError};
use freshness::About;
use matching::{check_matching, check_statuses, check_unmatched_status};
use others::{glance, pick_response, report_others, Glance, MAX_GLANCED};
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
    let start = findings.len();
    let report = match result {
        Ok(basic) => analyze_basic(raw, basic, certs, chain, anchors, opts, work, findings),
        Err(e) => report_decode_error(raw, e.clone(), findings),
    };
    made_on(findings, start, ObjectKind::OcspResponse, &raw.source);
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

fn empty_report(raw: &RawObject, status: ResponseStatus, meaning: String) -> OcspReport {
    OcspReport {
        bytes: Vec::new(),
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
pub(super) fn candidates<'a>(
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
        certs.iter().chain(&basic.certs).map(|c| c.issuer_der()).filter(|n| seen.insert(*n)).collect();
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
                bytes: None,
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
        check_unmatched_status(views.get(primary).map(|v| (primary, v)), findings);
    }

    if let Some(view) = views.get(primary) {
        let name = view
            .certificate
            .and_then(|i| certs.get(i))
            .map_or_else(|| format!("serial {}", view.serial), |c| c.display_name());
        let about = About { certificate: view.certificate, name: &name, single: primary };
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
        bytes: Vec::new(),
        source: raw.source.clone(),
        response_status: ResponseStatus::Successful,
        status_meaning: labels::response_status_meaning(ResponseStatus::Successful).to_string(),
        produced_at: Some(produced_at),
        responder: Some(outcome.responder),
        responder_id: Some(id_kind),
        responder_id_value: Some(id_value),
        signer_subject: outcome.signer.and_then(|i| candidates.get(i)).map(|c| c.cert.subject_text().to_string()),
        responder_nocheck: outcome.nocheck,
        signature: Some(outcome.signature),
        signature_intact: outcome.intact,
        signature_algorithm: Some(algorithm_name),
        responses: views,
        extensions: basic.data.response_extensions.iter().flatten().map(status::extension_view).collect(),
        certificates: basic.certs.iter().map(|c| rfc4514(c.subject())).collect(),
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
                .with_remedy("Ask the CA why its responder marks this extension critical; a response clients reject cannot be stapled.")
                .at(crate::asn1::Locator::Extension(ext.extn_id)),
            );
        }
    }
}

#[cfg(test)]
pub(crate) mod tests;
