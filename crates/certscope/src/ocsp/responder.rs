//! Who signed the response, and may they?
//!
//! RFC 6960 §4.2.2.2: a response is signed by the CA that issued the
//! certificate, or by a delegated responder whose certificate that CA issued
//! directly, with id-kp-OCSPSigning in its extended key usage. Anything else
//! is an unauthorized responder, even when the signature itself verifies.
//! §4.2.2.3: the responderID (by name, or by the SHA-1 of the key) must
//! identify the signer; OpenSSL and Firefox find the signer through it.
//!
//! Emits `ocsp-signature-invalid`, `ocsp-signature-unverifiable`,
//! `ocsp-unauthorized-responder`, `ocsp-responder-id-mismatch`,
//! `ocsp-responder-expired`, `ocsp-responder-nocheck`.

use super::decode::BasicResponse;
use super::status::{hex, HashAlg};
use super::Candidate;
use crate::chain::names::canonical;
use crate::report::{Code, Finding, OcspSignature, ResponderIdKind, ResponderKind, Severity};
use crate::verify::{SignedParts, Verification};
use crate::work::{Stage, Work};
use crate::x509::Cert;
use der::asn1::ObjectIdentifier;
use der::Encode;
use x509_ocsp::ResponderId;

const ID_KP_OCSP_SIGNING: ObjectIdentifier = const_oid::db::rfc5280::ID_KP_OCSP_SIGNING;

/// The verdict on the signature and the signer.
#[derive(Clone, Debug, PartialEq, Eq)]
pub(crate) struct ResponderOutcome {
    pub responder: ResponderKind,
    pub signature: OcspSignature,
    /// Index into the candidates of the certificate whose key signed.
    pub signer: Option<usize>,
    /// The signature verifies with the signer's key (whoever the signer is).
    pub intact: Option<bool>,
    /// For a delegated responder: whether it carries id-pkix-ocsp-nocheck.
    pub nocheck: Option<bool>,
}

/// How the responderID names the responder, and the value as people read it.
pub(crate) fn responder_id_view(id: &ResponderId) -> (ResponderIdKind, String) {
    match id {
        ResponderId::ByName(name) => (ResponderIdKind::ByName, crate::x509::name::rfc4514(name)),
        ResponderId::ByKey(hash) => (ResponderIdKind::ByKey, hex(hash.as_bytes())),
    }
}

/// RFC 6960 §4.2.2.3: byName is the signer's subject (compared as RFC 5280
/// §7.1 compares names, as OpenSSL does: responders do re-encode), byKey
/// the SHA-1 of its subjectPublicKey BIT STRING value.
pub(crate) fn identifies(id: &ResponderId, cert: &Cert) -> bool {
    match id {
        ResponderId::ByName(name) => {
            name.to_der().is_ok_and(|d| d == cert.subject_der()) || canonical(name) == canonical(cert.subject())
        }
        ResponderId::ByKey(hash) => hash.as_bytes() == HashAlg::Sha1.digest(cert.spki().subject_public_key.raw_bytes()),
    }
}

/// The outcome of one budgeted signature check.
enum Check {
    Done(Verification),
    /// No such candidate.
    Skipped,
    BudgetSpent,
}

fn same_key(a: &Cert, b: &Cert) -> bool {
    a.spki().subject_public_key.raw_bytes() == b.spki().subject_public_key.raw_bytes()
}

/// Verifies the response and decides who signed it. `ca` is the candidate
/// the (leaf's) CertID names as issuer. Signature checks are paid from the
/// analysis's `work`; one already made (the glance at every response, then
/// the full check of the main one) is not paid for again.
pub(crate) fn check_responder(
    basic: &BasicResponse,
    candidates: &[Candidate<'_>],
    ca: Option<usize>,
    work: &mut Work,
    findings: &mut Vec<Finding>,
) -> ResponderOutcome {
    let parts = SignedParts { tbs: &basic.tbs, algorithm: &basic.signature_algorithm, signature: &basic.signature };
    let id = &basic.data.responder_id;
    let (_, id_text) = responder_id_view(id);
    let mut out = ResponderOutcome {
        responder: ResponderKind::Unknown,
        signature: OcspSignature::Unverifiable,
        signer: None,
        intact: None,
        nocheck: None,
    };
    let mut unsupported: Option<String> = None;
    let mut spent = false;
    // One signature check against candidate `i`, paid from the budget.
    let mut verify_with = |work: &mut Work, i: usize| -> Check {
        let Some(cert) = cert_at(candidates, i) else { return Check::Skipped };
        let Some(result) = work.verify(&parts, cert.spki(), Stage::Ocsp) else {
            spent = true;
            return Check::BudgetSpent;
        };
        if let Verification::Unsupported(what) = &result {
            unsupported = Some(what.clone());
        }
        Check::Done(result)
    };

    // The signer the responderID names; try each until one verifies.
    let named: Vec<usize> = distinct(candidates)
        .into_iter()
        .filter(|&i| cert_at(candidates, i).is_some_and(|c| identifies(id, c)))
        .collect();
    for &i in &named {
        match verify_with(work, i) {
            Check::Done(Verification::Valid) => {
                out.signer = Some(i);
                out.intact = Some(true);
                break;
            }
            Check::Done(Verification::Invalid) if out.signer.is_none() => {
                out.signer = Some(i);
                out.intact = Some(false);
            }
            Check::BudgetSpent => break,
            Check::Done(_) | Check::Skipped => {}
        }
    }

    let mut id_mismatch = false;
    if named.is_empty() {
        // No certificate fits the responderID: find out whose key did sign,
        // to say so, but clients that look the signer up by ID reject it.
        for i in distinct(candidates) {
            match verify_with(work, i) {
                Check::Done(Verification::Valid) => {
                    out.signer = Some(i);
                    out.intact = Some(true);
                    id_mismatch = true;
                    break;
                }
                Check::BudgetSpent => break,
                Check::Done(_) | Check::Skipped => {}
            }
        }
    }

    let Some(signer) = out.signer.and_then(|i| cert_at(candidates, i)) else {
        let message = match (&unsupported, named.is_empty()) {
            _ if spent => "The OCSP response's signature was not checked: the analysis's signature budget (max_signature_checks) was spent.".to_string(),
            (Some(what), _) => format!(
                "The OCSP response's signature algorithm ({what}) is one certscope cannot check, so its signature was not verified."
            ),
            (None, true) => format!(
                "The OCSP response names its signer as {id_text}, and no certificate at hand matches it (none of the input, the trust anchors or the {} certificate(s) embedded in the response); its signature could not be checked.",
                basic.certs.len()
            ),
            (None, false) => "The OCSP response's signature was not checked: the analysis's signature budget (max_signature_checks) was spent.".to_string(),
        };
        findings.push(Finding::new(Code::OcspSignatureUnverifiable, message));
        return out;
    };
    let signer_name = signer.display_name();

    // Role, as far as the issuing CA is known.
    let ca_cert = ca.and_then(|i| cert_at(candidates, i));
    let mut delegation_unchecked = false;
    let delegation = ca_cert.and_then(|ca_cert| {
        if same_key(signer, ca_cert) {
            Some(Ok(ResponderKind::Issuer))
        } else {
            let checked = check_delegation(signer, ca_cert, work).map(|r| r.map(|()| ResponderKind::Delegated));
            delegation_unchecked = checked.is_none();
            checked
        }
    });
    if let Some(Ok(role)) = &delegation {
        out.responder = *role;
    }

    if out.intact == Some(false) {
        out.signature = OcspSignature::Invalid;
        findings.push(Finding::new(
            Code::OcspSignatureInvalid,
            format!(
                "The OCSP response's signature does not verify with the key of {signer_name}, the responder its responderID names: the response was altered or signed by another key."
            ),
        ));
        return out;
    }

    if id_mismatch {
        out.signature = OcspSignature::Unverifiable;
        findings.push(
            Finding::new(
                Code::OcspResponderIdMismatch,
                format!(
                    "The OCSP response's responderID ({id_text}) does not identify its signer: the signature verifies with the key of {signer_name}. OpenSSL and Firefox look the signer up by responderID, so they reject this response."
                ),
            )
            .with_severity(Severity::Error),
        );
    }

    match (ca_cert, delegation) {
        (Some(_), None) if delegation_unchecked => {
            out.signature = OcspSignature::Unverifiable;
            findings.push(Finding::new(
                Code::OcspSignatureUnverifiable,
                format!(
                    "The OCSP response's signature verifies with the key of {signer_name}, but whether the CA delegated it was not checked: the analysis's signature budget (max_signature_checks) was spent."
                ),
            ));
        }
        (None, _) | (_, None) => {
            out.signature = OcspSignature::Unverifiable;
            findings.push(Finding::new(
                Code::OcspSignatureUnverifiable,
                format!(
                    "The OCSP response's signature verifies with the key of {signer_name}, but the CA that issued the certificate it answers for is not among the certificates at hand, so whether {signer_name} may answer for it cannot be checked."
                ),
            ));
        }
        (Some(ca_cert), Some(Err(why))) => {
            out.signature = OcspSignature::UnauthorizedResponder;
            findings.push(Finding::new(
                Code::OcspUnauthorizedResponder,
                format!(
                    "The OCSP response is signed by {signer_name}, which is neither the issuing CA {} nor a responder it delegated: {why}.",
                    ca_cert.display_name()
                ),
            ));
        }
        (Some(_), Some(Ok(role))) => {
            if !id_mismatch {
                out.signature = OcspSignature::Valid;
            }
            if role == ResponderKind::Delegated {
                out.nocheck = Some(signer.has_ocsp_nocheck());
                check_responder_validity(signer, basic, findings);
                if signer.has_ocsp_nocheck() {
                    findings.push(Finding::new(
                        Code::OcspResponderNocheck,
                        format!(
                            "The delegated responder {signer_name} carries id-pkix-ocsp-nocheck: clients trust it without checking its revocation until it expires on {}.",
                            signer.not_after().to_human()
                        ),
                    ));
                }
            }
        }
    }
    out
}

/// RFC 6960 §4.2.2.2: the responder certificate is issued directly by the
/// CA and carries id-kp-OCSPSigning. Returns why not; `None` when the
/// CA's signature on it could not be checked within the budget.
fn check_delegation(signer: &Cert, ca: &Cert, work: &mut Work) -> Option<Result<(), String>> {
    if signer.issuer_der() != ca.subject_der() {
        return Some(Err(format!("its certificate is issued by {}, not by the CA", signer.issuer_text())));
    }
    Some(delegated_by(signer, work.verify(&signer.signed_parts(), ca.spki(), Stage::Ocsp)?))
}

/// The rest of RFC 6960 §4.2.2.2, once the CA's signature is checked.
fn delegated_by(signer: &Cert, verification: Verification) -> Result<(), String> {
    match verification {
        Verification::Valid => {}
        Verification::Invalid => {
            return Err(
                "its certificate names the CA as issuer but its signature does not verify with the CA's key".into()
            )
        }
        Verification::Unsupported(what) => {
            return Err(format!("its certificate's signature ({what}) could not be checked against the CA's key"))
        }
    }
    match signer.extended_key_usage() {
        Some(ekus) if ekus.contains(&ID_KP_OCSP_SIGNING) => Ok(()),
        _ => Err("its certificate lacks id-kp-OCSPSigning in its extended key usage".into()),
    }
}

/// RFC 6960 §4.2.2.2: the delegated responder's certificate must be valid
/// when it signed (producedAt).
fn check_responder_validity(signer: &Cert, basic: &BasicResponse, findings: &mut Vec<Finding>) {
    let produced = super::status::time(&basic.data.produced_at);
    let (from, until) = (signer.not_before(), signer.not_after());
    if produced < from || produced > until {
        findings.push(Finding::new(
            Code::OcspResponderExpired,
            format!(
                "The delegated responder {} was not valid when it signed this response on {}: its certificate is valid from {} to {}.",
                signer.display_name(),
                produced.to_human(),
                from.to_human(),
                until.to_human()
            ),
        ));
    }
}

fn cert_at<'a>(candidates: &[Candidate<'a>], i: usize) -> Option<&'a Cert> {
    candidates.get(i).map(|c| c.cert)
}

/// Candidate indexes without repeating a certificate (the same CA can be in
/// the input, a trust store and the response).
fn distinct(candidates: &[Candidate<'_>]) -> Vec<usize> {
    let mut seen = std::collections::HashSet::new();
    candidates.iter().enumerate().filter(|(_, c)| seen.insert(c.cert.sha256())).map(|(i, _)| i).collect()
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::input::RawObject;
    use crate::ocsp::tests::data;
    use crate::report::Source;
    use x509_ocsp::OcspGeneralizedTime;

    fn d1() -> BasicResponse {
        let raw = RawObject {
            der: data("D1.der"),
            source: Source { input: 0, name: None, block: 1, encoding: crate::report::Encoding::Der },
        };
        super::super::decode::decode_response(&raw).ok().unwrap()
    }

    #[test]
    fn responder_must_be_valid_when_it_signed() {
        // "GlobalSign ... OCSP responder - 2": valid 19 Sep 2012 to 19 Dec 2012.
        let mut basic = d1();
        let signer = basic.certs[0].clone();
        let mut f = Vec::new();
        check_responder_validity(&signer, &basic, &mut f);
        assert!(f.is_empty(), "produced 23 Oct 2012, inside the window");
        basic.data.produced_at = OcspGeneralizedTime::from(der::DateTime::new(2013, 1, 1, 0, 0, 0).unwrap());
        check_responder_validity(&signer, &basic, &mut f);
        assert_eq!(f[0].code, Code::OcspResponderExpired);
    }

    #[test]
    fn responder_id_by_name_compares_names_as_rfc5280_does() {
        let basic = d1();
        let signer = &basic.certs[0];
        let ResponderId::ByKey(_) = &basic.data.responder_id else { panic!("D1 names its responder by key") };
        assert!(identifies(&basic.data.responder_id, signer));
        // The same subject with different case and spacing still identifies it.
        let text = crate::x509::name::rfc4514(signer.subject()).to_uppercase().replace(", ", ",");
        let name: x509_cert::name::Name = text.parse().unwrap();
        assert_ne!(name.to_der().unwrap(), signer.subject_der());
        assert!(identifies(&ResponderId::ByName(name), signer));
    }
}
