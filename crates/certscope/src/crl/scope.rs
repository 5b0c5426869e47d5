//! Does a CRL speak for a certificate? RFC 5280 §6.3.3 (b): the CRL's
//! issuer and issuingDistributionPoint (§5.2.5) against the certificate's
//! issuer and cRLDistributionPoints (§4.2.1.13). A certificate without
//! cRLDistributionPoints is read as pointing to one distribution point named
//! by its issuer, with no reasons and no cRLIssuer (§6.3.3, last paragraph).

use crate::chain::names::canonical;
use crate::report::CrlScope;
use crate::x509::Cert;
use der::flagset::FlagSet;
use der::Decode;
use x509_cert::crl::TbsCertList;
use x509_cert::ext::pkix::crl::dp::{DistributionPoint, IssuingDistributionPoint, ReasonFlags, Reasons};
use x509_cert::ext::pkix::name::{DistributionPointName, GeneralName};
use x509_cert::ext::pkix::CrlDistributionPoints;
use x509_cert::name::Name;

const ID_CE_ISSUING_DISTRIBUTION_POINT: const_oid::ObjectIdentifier =
    const_oid::db::rfc5280::ID_CE_ISSUING_DISTRIBUTION_POINT;

/// Every reason RFC 5280 §5.3.1 defines (`unused` is not one): what a CRL
/// without onlySomeReasons covers, and what must be covered before a
/// status is known (§6.3.3 (k)).
pub(crate) fn all_reasons() -> ReasonFlags {
    Reasons::KeyCompromise
        | Reasons::CaCompromise
        | Reasons::AffiliationChanged
        | Reasons::Superseded
        | Reasons::CessationOfOperation
        | Reasons::CertificateHold
        | Reasons::PrivilegeWithdrawn
        | Reasons::AaCompromise
}

/// RFC 5280 §5.3.1 camelCase names of a reason set, in bit order.
pub(crate) fn reason_names(flags: ReasonFlags) -> Vec<String> {
    let names = [
        (Reasons::KeyCompromise, "keyCompromise"),
        (Reasons::CaCompromise, "cACompromise"),
        (Reasons::AffiliationChanged, "affiliationChanged"),
        (Reasons::Superseded, "superseded"),
        (Reasons::CessationOfOperation, "cessationOfOperation"),
        (Reasons::CertificateHold, "certificateHold"),
        (Reasons::PrivilegeWithdrawn, "privilegeWithdrawn"),
        (Reasons::AaCompromise, "aACompromise"),
    ];
    names.iter().filter(|(r, _)| flags.contains(*r)).map(|(_, n)| n.to_string()).collect()
}

/// The issuingDistributionPoint of a CRL, decoded. An undecodable one is
/// `Err`: the CRL's scope is then unknown and it must not be used.
pub(crate) fn issuing_distribution_point(tbs: &TbsCertList) -> Result<Option<IssuingDistributionPoint>, String> {
    let Some(ext) = tbs.crl_extensions.iter().flatten().find(|e| e.extn_id == ID_CE_ISSUING_DISTRIBUTION_POINT) else {
        return Ok(None);
    };
    IssuingDistributionPoint::from_der(ext.extn_value.as_bytes()).map(Some).map_err(|e| e.to_string())
}

/// What a CRL is checked as: its issuer and its scope.
pub(crate) struct CrlSide<'a> {
    pub issuer: &'a Name,
    pub issuer_key: &'a str,
    pub idp: Option<&'a IssuingDistributionPoint>,
}

/// The scope decision and, when it applies, the reasons it covers.
pub(crate) struct Decision {
    pub scope: CrlScope,
    pub reasons: ReasonFlags,
}

impl Decision {
    pub(crate) fn other_issuer() -> Decision {
        Decision::not(CrlScope::OtherIssuer)
    }

    fn not(scope: CrlScope) -> Decision {
        Decision { scope, reasons: FlagSet::default() }
    }
}

/// RFC 5280 §6.3.3 (b)(2)(ii)-(iv): the certificate kinds a CRL covers.
fn kind_in_scope(idp: &IssuingDistributionPoint, cert: &Cert) -> Option<CrlScope> {
    let is_ca = cert.basic_constraints().is_some_and(|b| b.ca);
    if idp.only_contains_attribute_certs {
        Some(CrlScope::OnlyAttributeCerts)
    } else if idp.only_contains_user_certs && is_ca {
        Some(CrlScope::OnlyUserCerts)
    } else if idp.only_contains_ca_certs && !is_ca {
        Some(CrlScope::OnlyCaCerts)
    } else {
        None
    }
}

/// The names a DistributionPointName stands for: fullName as given,
/// nameRelativeToCRLIssuer appended to `relative_to` (§4.2.1.13).
fn full_names(name: &DistributionPointName, relative_to: &Name) -> Vec<GeneralName> {
    match name {
        DistributionPointName::FullName(names) => names.clone(),
        DistributionPointName::NameRelativeToCRLIssuer(rdn) => {
            let mut full = relative_to.clone();
            full.0.push(rdn.clone());
            vec![GeneralName::DirectoryName(full)]
        }
    }
}

/// Directory names compare as §7.1 says; other kinds byte for byte.
fn same_name(a: &GeneralName, b: &GeneralName) -> bool {
    match (a, b) {
        (GeneralName::DirectoryName(x), GeneralName::DirectoryName(y)) => canonical(x) == canonical(y),
        _ => der::Encode::to_der(a).ok().is_some_and(|da| der::Encode::to_der(b).ok() == Some(da)),
    }
}

fn directory_names(names: &[GeneralName]) -> impl Iterator<Item = &Name> {
    names.iter().filter_map(|n| match n {
        GeneralName::DirectoryName(d) => Some(d),
        _ => None,
    })
}

/// The certificate's distribution points, or the one §6.3.3 assumes when
/// it has none: named by its issuer, all reasons, no cRLIssuer.
fn distribution_points(cert: &Cert) -> Vec<DistributionPoint> {
    match cert.extension::<CrlDistributionPoints>() {
        Some((_, dps)) if !dps.0.is_empty() => dps.0,
        _ => vec![DistributionPoint {
            distribution_point: Some(DistributionPointName::FullName(vec![GeneralName::DirectoryName(
                cert.issuer().clone(),
            )])),
            reasons: None,
            crl_issuer: None,
        }],
    }
}

/// RFC 5280 §6.3.3 (b)(1) and (b)(2)(i): one distribution point of the
/// certificate against the CRL's issuer and distribution point name.
fn match_point(crl: &CrlSide<'_>, cert: &Cert, cert_issuer_key: &str, dp: &DistributionPoint) -> Result<(), CrlScope> {
    let indirect = crl.idp.is_some_and(|i| i.indirect_crl);
    match &dp.crl_issuer {
        Some(names) => {
            if !directory_names(names).any(|n| canonical(n) == crl.issuer_key) {
                return Err(CrlScope::OtherIssuer);
            }
            if !indirect {
                return Err(CrlScope::NotIndirect);
            }
        }
        None if cert_issuer_key != crl.issuer_key => return Err(CrlScope::OtherIssuer),
        None => {}
    }
    let Some(idp_name) = crl.idp.and_then(|i| i.distribution_point.as_ref()) else { return Ok(()) };
    let ours = full_names(idp_name, crl.issuer);
    let theirs = match &dp.distribution_point {
        // Relative to the cRLIssuer when there is one, else to the issuer.
        Some(name) => {
            let base = dp.crl_issuer.as_deref().and_then(|n| directory_names(n).next()).unwrap_or(cert.issuer());
            full_names(name, base)
        }
        None => dp.crl_issuer.clone().unwrap_or_default(),
    };
    if ours.iter().any(|a| theirs.iter().any(|b| same_name(a, b))) {
        Ok(())
    } else {
        Err(CrlScope::OtherDistributionPoint)
    }
}

/// Whether the CRL applies to `cert` (whose issuer's canonical name is
/// `cert_issuer_key`), and for which reasons. The first matching
/// distribution point decides; when none matches, the reason the last one
/// failed for is given, unless an earlier one came closer (it named this
/// CRL's issuer).
pub(crate) fn decide(crl: &CrlSide<'_>, cert: &Cert, cert_issuer_key: &str) -> Decision {
    if let Some(scope) = crl.idp.and_then(|idp| kind_in_scope(idp, cert)) {
        return Decision::not(scope);
    }
    let only_some = crl.idp.and_then(|i| i.only_some_reasons).unwrap_or_else(all_reasons);
    let mut why = CrlScope::OtherIssuer;
    for dp in distribution_points(cert) {
        match match_point(crl, cert, cert_issuer_key, &dp) {
            Ok(()) => {
                let reasons = dp.reasons.unwrap_or_else(all_reasons) & only_some & all_reasons();
                let scope = if reasons == all_reasons() { CrlScope::Applies } else { CrlScope::AppliesForSomeReasons };
                return Decision { scope, reasons };
            }
            Err(CrlScope::OtherIssuer) => {}
            Err(other) => why = other,
        }
    }
    Decision::not(why)
}
