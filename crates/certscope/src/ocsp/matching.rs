//! Which certificates a response answers for (RFC 6960 §4.1.1), and what
//! it says about them (§2.2).

use super::status::{self, CertIdMatch};
use super::Candidate;
use crate::asn1::Locator;
use crate::chain::ChainOutcome;
use crate::report::{CertificateStatus, Code, Finding, OcspSingleView};
use crate::x509::Cert;

/// RFC 6960 §4.1.1: a CertID whose serial and issuer name hash are the
/// leaf's, when the issuer (whose key hash would confirm it) is not at hand:
/// a server that sends no intermediate but staples anyway (nginx finds the
/// issuer in ssl_trusted_certificate; stapling lab scenario 7).
fn names_leaf_by_issuer_name(alg: status::HashAlg, single: &x509_ocsp::SingleResponse, leaf: Option<&Cert>) -> bool {
    let Some(leaf) = leaf else { return false };
    let trim = |b: &[u8]| b.iter().skip_while(|x| **x == 0).copied().collect::<Vec<u8>>();
    trim(single.cert_id.serial_number.as_bytes()) == trim(leaf.serial_bytes())
        && single.cert_id.issuer_name_hash.as_bytes() == alg.digest(leaf.issuer_der()).as_slice()
}

/// RFC 6960 §4.1.1 / RFC 6066 §8: the response must answer for a
/// certificate here, and a staple for the leaf.
pub(super) fn check_matching(
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
            format!(" The server certificate {} has serial {}.", l.display_name(), status::hex(l.serial_bytes()))
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
        if !answered.contains(&leaf.index()) {
            let names: Vec<String> = answered.iter().filter_map(|i| certs.get(*i)).map(|c| c.display_name()).collect();
            findings.push(Finding::about(
                Code::OcspNotForLeaf,
                leaf.index(),
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
pub(super) fn check_statuses(views: &[OcspSingleView], certs: &[Cert], findings: &mut Vec<Finding>) {
    for (n, v) in views.iter().enumerate() {
        let Some(cert) = v.certificate.and_then(|i| certs.get(i)) else { continue };
        let name = cert.display_name();
        match v.status {
            CertificateStatus::Revoked => {
                let when = v.revocation_time.map_or_else(String::new, |t| format!(" on {}", t.to_human()));
                let why = v.revocation_reason.as_ref().map_or_else(String::new, |r| format!(" (reason: {r})"));
                findings.push(
                    Finding::about(
                        Code::OcspRevoked,
                        cert.index(),
                        format!("The OCSP response says {name} (serial {}) was revoked{when}{why}.", v.serial),
                    )
                    .at(Locator::CertStatus(n)),
                );
            }
            CertificateStatus::Unknown => findings.push(
                Finding::about(
                    Code::OcspUnknown,
                    cert.index(),
                    format!("The OCSP responder answered \"unknown\" for {name} (serial {}): it does not know this certificate.", v.serial),
                )
                .at(Locator::CertStatus(n)),
            ),
            CertificateStatus::Good => {}
        }
    }
}

/// RFC 6960 §2.2 for a response given without any certificate.
pub(super) fn check_unmatched_status(view: Option<(usize, &OcspSingleView)>, findings: &mut Vec<Finding>) {
    let Some((n, v)) = view else { return };
    let start = findings.len();
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
    for f in findings.iter_mut().skip(start) {
        *f = f.clone().at(Locator::CertStatus(n));
    }
}
