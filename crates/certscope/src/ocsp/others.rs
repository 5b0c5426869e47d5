//! Several OCSP responses at once: a glance at each, the one the report
//! checks in full, and the others listed with what they are about.

use super::decode::{BasicResponse, DecodeError};
use super::status::{self, CertIdIndex, CertIdMatch};
use super::{candidates, responder};
use crate::chain::anchors::Anchors;
use crate::chain::ChainOutcome;
use crate::input::RawObject;
use crate::options::Options;
use crate::report::{
    labels, CertificateStatus, Code, Finding, Freshness, OcspOtherReport, OcspSignature, ResponseStatus,
};
use crate::time::Timestamp;
use crate::work::Work;
use crate::x509::{describe_source, Cert};

/// Responses looked at to choose the main one and listed one by one; a
/// paste of thousands gets one finding counting the rest.
pub(super) const MAX_GLANCED: usize = 20;

/// What one response says and about which certificate: enough to choose
/// the main response and to list the others.
pub(super) struct Glance {
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

pub(super) fn glance(
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
pub(super) fn pick_response(
    responses: &[(&RawObject, Result<BasicResponse, DecodeError>)],
    glances: &[Glance],
) -> Option<usize> {
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
pub(super) fn report_others(
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
                let role = chain.roles.get(cert.index()).map_or("certificate", |r| labels::role(*r));
                format!(
                    "is about \"{}\" (certificate {}, the {role}), not the server certificate",
                    cert.display_name(),
                    cert.index() + 1
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
                cert.index(),
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
