//! Detail lines for the report's extension list, one renderer per row of
//! the extension table (`extensions.rs`), worded as `openssl x509 -text`
//! words them.

use super::details::sct_view;
use super::ext::TlsFeature;
use super::extensions::kind;
use super::name::{hex_lower, rfc4514, value_text};
use super::view::{
    colon_hex, eku_name, general_name_elements, general_name_line, key_usage_names, lenient_general_name_view,
    policy_text, tls_feature_name, view_line,
};
use crate::report::ExtensionView;
use const_oid::db::rfc5280;
use const_oid::ObjectIdentifier;
use der::{Decode, Encode, Tagged};
use x509_cert::ext::pkix::name::DistributionPointName;
use x509_cert::ext::pkix::{
    AuthorityInfoAccessSyntax, AuthorityKeyIdentifier, BasicConstraints, CertificatePolicies, CrlDistributionPoints,
    ExtendedKeyUsage, InhibitAnyPolicy, IssuerAltName, KeyUsage, NameConstraints, PolicyConstraints, PolicyMappings,
    SignedCertificateTimestampList, SubjectAltName, SubjectKeyIdentifier,
};
use x509_cert::ext::Extension;

/// One human-readable line per item; an error when the value does not
/// decode.
pub(crate) type Render = fn(&Extension) -> der::Result<Vec<String>>;

pub(crate) fn extension_view(ext: &Extension) -> ExtensionView {
    let known = kind(&ext.extn_id);
    let rendered = match known.and_then(|k| k.render) {
        Some(render) => render(ext),
        // An extension certscope does not read shows as its OID and hex.
        None => Ok(vec![format!("{} (hex): {}", ext.extn_id, hex_lower(ext.extn_value.as_bytes()))]),
    };
    let details = match rendered {
        Ok(lines) => lines,
        Err(e) => {
            vec![format!("Does not decode: {e}"), format!("Value (hex): {}", hex_lower(ext.extn_value.as_bytes()))]
        }
    };
    ExtensionView {
        bytes: None,
        oid: crate::oid::dotted(&ext.extn_id),
        // An unknown extension is named by its dotted OID.
        name: known.map_or_else(|| crate::oid::dotted(&ext.extn_id), |k| k.name.to_string()),
        critical: ext.critical,
        details,
    }
}

fn decode<'a, T: Decode<'a>>(ext: &'a Extension) -> der::Result<T> {
    T::from_der(ext.extn_value.as_bytes())
}

/// RFC 5280 §4.2.1.9: `CA:TRUE, pathlen:0`.
pub(crate) fn basic_constraints(ext: &Extension) -> der::Result<Vec<String>> {
    let bc: BasicConstraints = decode(ext)?;
    let ca = if bc.ca { "CA:TRUE" } else { "CA:FALSE" };
    Ok(vec![match bc.path_len_constraint {
        Some(n) => format!("{ca}, pathlen:{n}"),
        None => ca.to_string(),
    }])
}

/// RFC 5280 §4.2.1.3.
pub(crate) fn key_usage(ext: &Extension) -> der::Result<Vec<String>> {
    let ku: KeyUsage = decode(ext)?;
    Ok(vec![key_usage_names(&ku).join(", ")])
}

/// RFC 5280 §4.2.1.12.
pub(crate) fn extended_key_usage(ext: &Extension) -> der::Result<Vec<String>> {
    let eku: ExtendedKeyUsage = decode(ext)?;
    Ok(vec![eku.0.iter().map(eku_name).collect::<Vec<_>>().join(", ")])
}

/// RFC 5280 §4.2.1.6; entries that decode only leniently still show.
pub(crate) fn subject_alt_name(ext: &Extension) -> der::Result<Vec<String>> {
    match decode::<SubjectAltName>(ext) {
        Ok(san) => Ok(san.0.iter().map(general_name_line).collect()),
        Err(e) => match general_name_elements(ext.extn_value.as_bytes()) {
            Some(elements) => Ok(elements.iter().map(|e| view_line(&lenient_general_name_view(e))).collect()),
            None => Err(e),
        },
    }
}

/// RFC 5280 §4.2.1.7.
pub(crate) fn issuer_alt_name(ext: &Extension) -> der::Result<Vec<String>> {
    let ian: IssuerAltName = decode(ext)?;
    Ok(ian.0.iter().map(general_name_line).collect())
}

/// RFC 5280 §4.2.1.2.
pub(crate) fn subject_key_id(ext: &Extension) -> der::Result<Vec<String>> {
    let ski: SubjectKeyIdentifier = decode(ext)?;
    Ok(vec![colon_hex(ski.0.as_bytes())])
}

/// RFC 5280 §4.2.1.1.
pub(crate) fn authority_key_id(ext: &Extension) -> der::Result<Vec<String>> {
    let aki: AuthorityKeyIdentifier = decode(ext)?;
    let mut lines = Vec::new();
    if let Some(k) = &aki.key_identifier {
        lines.push(format!("keyid:{}", colon_hex(k.as_bytes())));
    }
    for n in aki.authority_cert_issuer.iter().flatten() {
        lines.push(general_name_line(n));
    }
    if let Some(s) = &aki.authority_cert_serial_number {
        lines.push(format!("serial:{}", colon_hex(s.as_bytes())));
    }
    Ok(lines)
}

/// AIA (RFC 5280 §4.2.2.1) and SIA (§4.2.2.2) share AccessDescription:
/// `OCSP - URI:http://…`.
pub(crate) fn access_descriptions(ext: &Extension) -> der::Result<Vec<String>> {
    let access: AuthorityInfoAccessSyntax = decode(ext)?;
    Ok(access
        .0
        .iter()
        .map(|ad| {
            // An access method certscope does not name shows as its OID.
            let method =
                access_method_name(&ad.access_method).map_or_else(|| ad.access_method.to_string(), str::to_string);
            format!("{method} - {}", general_name_line(&ad.access_location))
        })
        .collect())
}

/// OpenSSL's names for the access methods of RFC 5280 §4.2.2.
fn access_method_name(id: &ObjectIdentifier) -> Option<&'static str> {
    [
        (rfc5280::ID_AD_OCSP, "OCSP"),
        (rfc5280::ID_AD_CA_ISSUERS, "CA Issuers"),
        (rfc5280::ID_AD_TIME_STAMPING, "Time Stamping"),
        (rfc5280::ID_AD_CA_REPOSITORY, "CA Repository"),
    ]
    .into_iter()
    .find(|(oid, _)| oid == id)
    .map(|(_, name)| name)
}

/// cRLDistributionPoints (RFC 5280 §4.2.1.13) and freshestCRL (§4.2.1.15)
/// share their syntax.
pub(crate) fn distribution_points(ext: &Extension) -> der::Result<Vec<String>> {
    let dps: CrlDistributionPoints = decode(ext)?;
    let mut lines = Vec::new();
    for dp in &dps.0 {
        match &dp.distribution_point {
            Some(DistributionPointName::FullName(names)) => lines.extend(names.iter().map(general_name_line)),
            Some(DistributionPointName::NameRelativeToCRLIssuer(rdn)) => {
                // certscope's RFC 4514 rendering, as for every other name
                // (x509-cert's Display links const-oid's whole OID database).
                let name = x509_cert::name::RdnSequence(vec![rdn.clone()]);
                lines.push(format!("Relative Name: {}", rfc4514(&name)))
            }
            None => {}
        }
        for n in dp.crl_issuer.iter().flatten() {
            lines.push(format!("CRL Issuer: {}", general_name_line(n)));
        }
    }
    Ok(lines)
}

/// RFC 5280 §4.2.1.4.
pub(crate) fn certificate_policies(ext: &Extension) -> der::Result<Vec<String>> {
    let policies: CertificatePolicies = decode(ext)?;
    let mut lines = Vec::new();
    for p in &policies.0 {
        lines.push(format!("Policy: {}", policy_text(&p.policy_identifier)));
        for q in p.policy_qualifiers.iter().flatten() {
            lines.push(policy_qualifier_line(&q.policy_qualifier_id, q.qualifier.as_ref()));
        }
    }
    Ok(lines)
}

/// RFC 5280 §4.2.1.10.
pub(crate) fn name_constraints(ext: &Extension) -> der::Result<Vec<String>> {
    let nc: NameConstraints = decode(ext)?;
    let mut lines = Vec::new();
    for (label, trees) in [("Permitted", &nc.permitted_subtrees), ("Excluded", &nc.excluded_subtrees)] {
        for t in trees.iter().flatten() {
            lines.push(format!("{label}: {}", general_name_line(&t.base)));
        }
    }
    Ok(lines)
}

/// RFC 5280 §4.2.1.11.
pub(crate) fn policy_constraints(ext: &Extension) -> der::Result<Vec<String>> {
    let pc: PolicyConstraints = decode(ext)?;
    let mut lines = Vec::new();
    if let Some(n) = pc.require_explicit_policy {
        lines.push(format!("Require Explicit Policy:{n}"));
    }
    if let Some(n) = pc.inhibit_policy_mapping {
        lines.push(format!("Inhibit Policy Mapping:{n}"));
    }
    Ok(lines)
}

/// RFC 5280 §4.2.1.14.
pub(crate) fn inhibit_any_policy(ext: &Extension) -> der::Result<Vec<String>> {
    let ia: InhibitAnyPolicy = decode(ext)?;
    Ok(vec![ia.0.to_string()])
}

/// RFC 5280 §4.2.1.5.
pub(crate) fn policy_mappings(ext: &Extension) -> der::Result<Vec<String>> {
    let pm: PolicyMappings = decode(ext)?;
    Ok(pm.0.iter().map(|m| format!("{}:{}", m.issuer_domain_policy, m.subject_domain_policy)).collect())
}

/// RFC 7633 §6.
pub(crate) fn tls_feature(ext: &Extension) -> der::Result<Vec<String>> {
    let tf: TlsFeature = decode(ext)?;
    // A value without a name shows as its number.
    Ok(tf.0.iter().map(|&v| tls_feature_name(v).map_or_else(|| v.to_string(), str::to_string)).collect())
}

/// RFC 6960 §4.2.2.2.1: a flag without a value.
pub(crate) fn ocsp_nocheck(_: &Extension) -> der::Result<Vec<String>> {
    Ok(vec!["Present: responses signed by this certificate are trusted without a revocation check.".to_string()])
}

/// RFC 6962 §3.1: a flag without a value.
pub(crate) fn precertificate_poison(_: &Extension) -> der::Result<Vec<String>> {
    Ok(vec!["Present: this is a precertificate for Certificate Transparency, not for use in TLS.".to_string()])
}

/// RFC 6962 §3.3: one line per embedded SCT.
pub(crate) fn embedded_scts(ext: &Extension) -> der::Result<Vec<String>> {
    let list: SignedCertificateTimestampList = decode(ext)?;
    let serialized = list.parse_timestamps().map_err(|_| der::Tag::OctetString.value_error())?;
    Ok(serialized
        .iter()
        .map(|s| match s.parse_timestamp() {
            Ok(sct) => {
                let v = sct_view(&sct);
                format!("v{} log {} at {} ({})", v.version, v.log_id, v.timestamp.to_rfc3339(), v.signature_algorithm)
            }
            Err(_) => "An SCT that does not decode".to_string(),
        })
        .collect())
}

/// `CPS: https://…` or `User Notice: …` (RFC 5280 §4.2.1.4). UserNotice is
/// read by hand: x509-cert 0.2.5 types its noticeRef as GeneralizedTime, and
/// real certificates put text of every string type in explicitText.
fn policy_qualifier_line(id: &ObjectIdentifier, qualifier: Option<&der::Any>) -> String {
    match qualifier {
        Some(q) if *id == rfc5280::ID_QT_CPS => {
            format!("CPS: {}", value_text(q).unwrap_or_else(|| hex_lower(q.value())))
        }
        Some(q) if *id == rfc5280::ID_QT_UNOTICE => {
            // UserNotice ::= SEQUENCE { noticeRef NoticeReference OPTIONAL, explicitText DisplayText OPTIONAL }
            let explicit = der::asn1::SequenceOf::<der::Any, 2>::from_der(&q.to_der().unwrap_or_default())
                .ok()
                .and_then(|seq| seq.iter().filter(|a| a.tag() != der::Tag::Sequence).find_map(value_text));
            match explicit {
                Some(t) => format!("User Notice: {t}"),
                None => "User Notice".to_string(),
            }
        }
        // Other qualifiers show as their OID and the value's hex.
        Some(q) => format!("{id}: {}", hex_lower(q.value())),
        None => id.to_string(),
    }
}
