//! One rule per function: what may keep a CRL from deciding revocation
//! (RFC 5280 §5.2, §5.3, §6.3.3), and whether it is current (§5.1.2.4-5).

use super::*;

/// RFC 5280 §5.2.5: an issuingDistributionPoint certscope cannot decode
/// leaves the CRL's scope unknown, so the CRL may not be used.
pub(super) fn check_idp(facts: &Facts, issuer: &str, findings: &mut Vec<Finding>) -> bool {
    let Err(e) = &facts.idp else { return true };
    findings.push(Finding::new(
        Code::CrlUnknownCriticalExtension,
        format!("The CRL of {issuer} carries an issuingDistributionPoint that cannot be decoded ({e}), so its scope is unknown and it is not used to decide revocation."),
    ).at(crate::asn1::Locator::Extension(const_oid::db::rfc5280::ID_CE_ISSUING_DISTRIBUTION_POINT)));
    false
}

/// RFC 5280 §5.2.6: where the delta CRLs a complete CRL points to are (URIs,
/// or directory names for an LDAP directory).
pub(super) fn freshest_crl_urls(tbs: &x509_cert::crl::TbsCertList) -> Vec<String> {
    use x509_cert::ext::pkix::name::GeneralName;
    let Some(ext) =
        tbs.crl_extensions.iter().flatten().find(|e| e.extn_id == const_oid::db::rfc5280::ID_CE_FRESHEST_CRL)
    else {
        return Vec::new();
    };
    let Ok(points) = x509_cert::ext::pkix::FreshestCrl::from_der(ext.extn_value.as_bytes()) else { return Vec::new() };
    crate::x509::ext::full_names(&points.0)
        .filter_map(|n| match n {
            GeneralName::UniformResourceIdentifier(uri) => Some(uri.to_string()),
            GeneralName::DirectoryName(d) => Some(crate::x509::name::rfc4514(d)),
            _ => None,
        })
        .collect()
}

/// RFC 5280 §5.2.6: a complete CRL that names its delta CRLs is only as
/// current as the latest delta; without one, say where it is.
pub(super) fn check_delta_given(pairing: &Pairing<'_>, urls: &[String], issuer: &str, findings: &mut Vec<Finding>) {
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
pub(super) fn check_entry_issuers(crl: &Crl, issuer: &str, findings: &mut Vec<Finding>) -> bool {
    let entries = crl.list.tbs_cert_list.revoked_certificates.as_deref().unwrap_or_default();
    let Some(at) = revocation::unreadable_certificate_issuer(entries) else { return true };
    findings.push(Finding::new(
        Code::CrlUnknownCriticalExtension,
        format!(
            "Entry {} of the CRL of {issuer} has a certificateIssuer that names no directory name, so whose certificates its entries are is unknown and the CRL is not used to decide revocation.",
            at + 1
        ),
    ).at(crate::asn1::Locator::RevokedEntry(at)));
    false
}

/// RFC 5280 §5.2.4: a delta CRL is used only on top of its complete CRL.
pub(super) fn check_delta_base(pairing: &Pairing<'_>, issuer: &str, findings: &mut Vec<Finding>) -> bool {
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
pub(super) fn check_crl_sign(signer: &Cert, issuer: &str, findings: &mut Vec<Finding>) -> bool {
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
pub(super) fn check_extensions(crl: &Crl, issuer: &str, findings: &mut Vec<Finding>) -> bool {
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
    let finding = Finding::new(
        Code::CrlUnknownCriticalExtension,
        format!(
            "The CRL of {issuer} carries critical extensions certscope cannot process ({}), so it is not used to decide revocation.",
            unknown.join("; ")
        ),
    );
    findings.push(match extensions::first_unknown_critical(&crl.list.tbs_cert_list) {
        Some(at) => finding.at(at),
        None => finding,
    });
    false
}

/// RFC 5280 §6.3.3 (f): the CRL issuer's key verifies the tbsCertList.
/// Each distinct key among the certificates named like the issuer is tried
/// once (500 certificates of one name and key are one check, not 500), and
/// every check is paid from the analysis's budget.
pub(super) fn verify_crl<'a>(
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
        .filter(|n| n.cert.subject_der() == crl.issuer_der || n.key == wanted)
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
pub(super) fn check_crl_freshness(
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
