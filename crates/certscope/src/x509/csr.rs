//! Certificate signing requests (PKCS#10, RFC 2986): what a person waiting
//! on a CA holds. Decoded, its self-signature verified through the
//! analysis's budget, and compared with any certificate given with it.
//!
//! "Was this certificate issued for this CSR?" means (RFC 2986 §3): the
//! certificate carries the CSR's public key, and every DNS name the CSR
//! requests (its subjectAltName extension request, RFC 2985 §5.4.2) is in
//! the certificate's subjectAltName.

use super::{first_tlv, Cert};
use crate::asn1::ObjectKind;
use crate::input::RawObject;
use crate::report::finding::made_on;
use crate::report::{Code, CsrReport, Finding, SignatureStatus};
use crate::verify::{SignedParts, Verification};
use crate::work::{Stage, Work};
use crate::x509::describe_source;
use der::{Decode, Encode};
use x509_cert::ext::pkix::name::GeneralName;
use x509_cert::ext::pkix::{KeyUsage, SubjectAltName};
use x509_cert::request::{CertReq, ExtensionReq};

/// PKCS#9 extensionRequest (RFC 2985 §5.4.2).
const EXTENSION_REQUEST: der::asn1::ObjectIdentifier = const_oid::db::rfc5912::ID_EXTENSION_REQ;

/// Each readable CSR's report, and its public key for the key-match check
/// (in the same order).
pub(crate) fn analyze_requests(
    raws: &[RawObject],
    certs: &[Cert],
    work: &mut Work,
    findings: &mut Vec<Finding>,
) -> (Vec<CsrReport>, Vec<spki::SubjectPublicKeyInfoOwned>) {
    raws.iter()
        .filter_map(|raw| {
            let start = findings.len();
            let report = analyze_one(raw, certs, work, findings);
            made_on(findings, start, ObjectKind::Csr, &raw.source);
            let report = report?;
            let key = CertReq::from_der(&raw.der).ok()?.info.public_key;
            Some((report, key))
        })
        .unzip()
}

fn analyze_one(raw: &RawObject, certs: &[Cert], work: &mut Work, findings: &mut Vec<Finding>) -> Option<CsrReport> {
    let place = describe_source(&raw.source);
    let req = match CertReq::from_der(&raw.der) {
        Ok(req) => req,
        Err(e) => {
            findings.push(Finding::new(
                Code::InputUnrecognized,
                format!(
                    "{place} is labelled or shaped as a certificate signing request (CSR) but cannot be read: {e}."
                ),
            ));
            return None;
        }
    };
    let tbs = first_tlv(&raw.der).ok()?;
    let parts = SignedParts { tbs: &tbs, algorithm: &req.algorithm, signature: req.signature.raw_bytes() };
    let spki = &req.info.public_key;
    // RFC 2986 §3: signed with the private key of the key it carries.
    let signature = match work.verify(&parts, spki, Stage::Chain) {
        Some(Verification::Valid) => SignatureStatus::Valid,
        Some(Verification::Invalid) => {
            findings.push(Finding::new(
                Code::CsrSignatureInvalid,
                format!("The CSR ({place}) is not signed by its own key: it was altered, or its key is not the one it names. A CA rejects it."),
            ));
            SignatureStatus::Invalid
        }
        Some(Verification::Unsupported(_)) => SignatureStatus::Unsupported,
        None => SignatureStatus::NotChecked,
    };
    let (dns_names, key_usage) = requested(&req);
    let (key, _) = super::key::key_description(spki);
    let spki_der = spki.to_der().ok()?;
    let mut issued = Vec::new();
    let mut missing_by_cert = Vec::new();
    for c in certs {
        if c.spki().to_der().ok().as_deref() != Some(spki_der.as_slice()) {
            continue;
        }
        let have: Vec<String> = c
            .san()
            .iter()
            .filter_map(|n| match n {
                GeneralName::DnsName(d) => Some(d.to_string().to_ascii_lowercase()),
                _ => None,
            })
            .collect();
        let missing: Vec<String> =
            dns_names.iter().filter(|n| !have.contains(&n.to_ascii_lowercase())).cloned().collect();
        let named = format!("certificate {} ({})", c.index + 1, c.display_name());
        if missing.is_empty() {
            issued.push(c.index);
            findings.push(Finding::new(
                Code::CsrMatchesCertificate,
                format!("{named} was issued for the CSR ({place}): it has the CSR's public key and covers every name the CSR requests."),
            ));
        } else {
            missing_by_cert.extend(missing.iter().cloned());
            findings.push(Finding::new(
                Code::CsrNamesNotCovered,
                format!(
                    "{named} has the CSR's public key ({place}) but not every name the CSR requests: {} missing.",
                    missing.iter().map(|n| format!("\"{n}\"")).collect::<Vec<_>>().join(", ")
                ),
            ));
        }
    }
    missing_by_cert.sort();
    missing_by_cert.dedup();
    Some(CsrReport {
        source: raw.source.clone(),
        subject: super::name::rfc4514(&req.info.subject),
        key,
        signature,
        dns_names,
        key_usage,
        certificates: issued,
        names_not_covered: missing_by_cert,
    })
}

/// The DNS names and key usages the CSR asks for.
fn requested(req: &CertReq) -> (Vec<String>, Vec<String>) {
    let mut names = Vec::new();
    let mut usages = Vec::new();
    for attr in req.info.attributes.iter().filter(|a| a.oid == EXTENSION_REQUEST) {
        for value in attr.values.iter() {
            let Ok(exts) = value.decode_as::<ExtensionReq>() else { continue };
            for ext in exts.0 {
                if ext.extn_id == <SubjectAltName as const_oid::AssociatedOid>::OID {
                    if let Ok(san) = SubjectAltName::from_der(ext.extn_value.as_bytes()) {
                        for n in san.0 {
                            if let GeneralName::DnsName(d) = n {
                                names.push(d.to_string());
                            }
                        }
                    }
                } else if ext.extn_id == <KeyUsage as const_oid::AssociatedOid>::OID {
                    if let Ok(ku) = KeyUsage::from_der(ext.extn_value.as_bytes()) {
                        usages.extend(super::view::key_usage_names(&ku));
                    }
                }
            }
        }
    }
    (names, usages)
}
