//! RFC 5280 §5.2 and §5.3: a CRL carrying a critical extension, in its
//! crlExtensions or in any entry, that certscope does not process MUST NOT
//! be used to decide the status of any certificate.

use const_oid::db::rfc5280::{
    ID_CE_AUTHORITY_KEY_IDENTIFIER, ID_CE_CERTIFICATE_ISSUER, ID_CE_CRL_NUMBER, ID_CE_CRL_REASONS,
    ID_CE_DELTA_CRL_INDICATOR, ID_CE_FRESHEST_CRL, ID_CE_HOLD_INSTRUCTION_CODE, ID_CE_INVALIDITY_DATE,
    ID_CE_ISSUER_ALT_NAME, ID_CE_ISSUING_DISTRIBUTION_POINT, ID_PE_AUTHORITY_INFO_ACCESS,
};
use const_oid::ObjectIdentifier;
use x509_cert::crl::TbsCertList;
use x509_cert::ext::Extension;

/// CRL extensions certscope processes: those that do not change which
/// certificates the list revokes, issuingDistributionPoint (the scope,
/// `crl::scope`) and deltaCRLIndicator (a delta is applied only on top of
/// its complete CRL, `crl::delta_base`).
const KNOWN_CRL: &[ObjectIdentifier] = &[
    ID_CE_AUTHORITY_KEY_IDENTIFIER,
    ID_CE_ISSUER_ALT_NAME,
    ID_CE_CRL_NUMBER,
    ID_CE_ISSUING_DISTRIBUTION_POINT,
    ID_CE_DELTA_CRL_INDICATOR,
    ID_CE_FRESHEST_CRL,
    ID_PE_AUTHORITY_INFO_ACCESS,
];

/// Entry extensions that describe the revocation, and certificateIssuer,
/// which says whose serials the entries are (indirect CRLs, §5.3.3).
const KNOWN_ENTRY: &[ObjectIdentifier] = &[
    ID_CE_CRL_REASONS, // reasonCode
    ID_CE_INVALIDITY_DATE,
    ID_CE_HOLD_INSTRUCTION_CODE,
    ID_CE_CERTIFICATE_ISSUER,
];

fn unknown_critical<'a>(exts: &'a [Extension], known: &[ObjectIdentifier]) -> impl Iterator<Item = String> + 'a {
    let known = known.to_vec();
    exts.iter().filter(move |e| e.critical && !known.contains(&e.extn_id)).map(|e| e.extn_id.to_string())
}

/// The OIDs of critical extensions certscope cannot process, CRL-level
/// first, then entry-level, each once.
pub(crate) fn check_critical_extensions(tbs: &TbsCertList) -> Vec<String> {
    let mut out: Vec<String> = unknown_critical(tbs.crl_extensions.as_deref().unwrap_or_default(), KNOWN_CRL).collect();
    for entry in tbs.revoked_certificates.iter().flatten() {
        for id in unknown_critical(entry.crl_entry_extensions.as_deref().unwrap_or_default(), KNOWN_ENTRY) {
            if !out.contains(&id) {
                out.push(id);
            }
        }
    }
    out
}

/// Where the first critical extension certscope cannot process is: the
/// CRL extension itself, else the revokedCertificates entry that carries
/// one (for the finding's bytes).
pub(crate) fn first_unknown_critical(tbs: &TbsCertList) -> Option<crate::asn1::Locator> {
    let crl_level = tbs.crl_extensions.as_deref().unwrap_or_default();
    if let Some(e) = crl_level.iter().find(|e| e.critical && !KNOWN_CRL.contains(&e.extn_id)) {
        return Some(crate::asn1::Locator::Extension(e.extn_id));
    }
    tbs.revoked_certificates
        .iter()
        .flatten()
        .position(|entry| {
            entry.crl_entry_extensions.iter().flatten().any(|e| e.critical && !KNOWN_ENTRY.contains(&e.extn_id))
        })
        .map(crate::asn1::Locator::RevokedEntry)
}

/// RFC 5280 §5.2.3: conforming CRL issuers MUST include cRLNumber in every
/// CRL, marked non-critical. Why this CRL does not conform, if it does not.
pub(crate) fn crl_number_problem(tbs: &TbsCertList) -> Option<&'static str> {
    let exts = tbs.crl_extensions.as_deref().unwrap_or_default();
    match exts.iter().find(|e| e.extn_id == ID_CE_CRL_NUMBER) {
        None => Some("has no cRLNumber"),
        Some(e) if e.critical => Some("marks its cRLNumber critical"),
        Some(_) => None,
    }
}

#[cfg(test)]
mod tests {
    use super::check_critical_extensions;
    use der::Decode;
    use x509_cert::crl::CertificateList;

    fn pkits_crl(name: &str) -> CertificateList {
        let p = std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/data/pkits/crls").join(name);
        CertificateList::from_der(&std::fs::read(&p).unwrap()).unwrap()
    }

    #[test]
    fn delta_crls_are_processed_and_unknown_ones_are_named() {
        let delta = pkits_crl("deltaCRLCA1deltaCRL.crl");
        assert!(check_critical_extensions(&delta.tbs_cert_list).is_empty());
        assert!(check_critical_extensions(&pkits_crl("deltaCRLCA1CRL.crl").tbs_cert_list).is_empty());
        let unknown = check_critical_extensions(&pkits_crl("UnknownCRLExtensionCACRL.crl").tbs_cert_list);
        assert_eq!(unknown.len(), 1, "{unknown:?}");
    }
}
