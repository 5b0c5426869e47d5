//! Encoding checks for the extensions in the table (`extensions.rs`), and
//! the per-certificate pass over them (RFC 5280 §4.2).

use super::ext::TlsFeature;
use super::extensions::{display_name, kind};
use super::view::general_name_elements;
use super::Cert;
use crate::report::Code;
use const_oid::ObjectIdentifier;
use der::{Decode, Tagged};
use x509_cert::ext::pkix::{
    AuthorityInfoAccessSyntax, AuthorityKeyIdentifier, BasicConstraints, CertificatePolicies, CrlDistributionPoints,
    ExtendedKeyUsage, InhibitAnyPolicy, IssuerAltName, KeyUsage, NameConstraints, PolicyConstraints, PolicyMappings,
    SignedCertificateTimestampList, SubjectAltName, SubjectKeyIdentifier,
};
use x509_cert::ext::Extension;

/// Why an extension's value is not what its type says, with the finding
/// code it earns.
pub(crate) type EncodingCheck = fn(&Extension) -> Result<(), (Code, der::Error)>;

/// The value is DER of `T`; anything else is `extension-invalid`.
fn decodes<T: for<'a> Decode<'a>>(ext: &Extension) -> Result<(), (Code, der::Error)> {
    T::from_der(ext.extn_value.as_bytes()).map(|_| ()).map_err(|e| (Code::ExtensionInvalid, e))
}

pub(crate) const SUBJECT_KEY_ID: EncodingCheck = decodes::<SubjectKeyIdentifier>;
pub(crate) const KEY_USAGE: EncodingCheck = decodes::<KeyUsage>;
pub(crate) const ISSUER_ALT_NAME: EncodingCheck = decodes::<IssuerAltName>;
pub(crate) const BASIC_CONSTRAINTS: EncodingCheck = decodes::<BasicConstraints>;
pub(crate) const NAME_CONSTRAINTS: EncodingCheck = decodes::<NameConstraints>;
pub(crate) const DISTRIBUTION_POINTS: EncodingCheck = decodes::<CrlDistributionPoints>;
pub(crate) const CERTIFICATE_POLICIES: EncodingCheck = decodes::<CertificatePolicies>;
pub(crate) const POLICY_MAPPINGS: EncodingCheck = decodes::<PolicyMappings>;
pub(crate) const AUTHORITY_KEY_ID: EncodingCheck = decodes::<AuthorityKeyIdentifier>;
pub(crate) const POLICY_CONSTRAINTS: EncodingCheck = decodes::<PolicyConstraints>;
pub(crate) const EXTENDED_KEY_USAGE: EncodingCheck = decodes::<ExtendedKeyUsage>;
pub(crate) const INHIBIT_ANY_POLICY: EncodingCheck = decodes::<InhibitAnyPolicy>;
/// AIA and SIA share AccessDescription's syntax (RFC 5280 §4.2.2).
pub(crate) const ACCESS_DESCRIPTIONS: EncodingCheck = decodes::<AuthorityInfoAccessSyntax>;
pub(crate) const TLS_FEATURE: EncodingCheck = decodes::<TlsFeature>;
pub(crate) const SUBJECT_ALT_NAME: EncodingCheck = subject_alt_name;
pub(crate) const EMBEDDED_SCTS: EncodingCheck = embedded_scts;

/// RFC 5280 §4.2.1.6: a SAN that is well-formed but holds non-ASCII text in
/// an IA5String is `input-nonconformant` (OpenSSL shows such names; strict
/// parsers refuse them); one whose entries are not GeneralNames is invalid.
fn subject_alt_name(ext: &Extension) -> Result<(), (Code, der::Error)> {
    let Err(e) = SubjectAltName::from_der(ext.extn_value.as_bytes()) else { return Ok(()) };
    let readable = general_name_elements(ext.extn_value.as_bytes()).is_some_and(|elements| {
        elements.iter().all(|el| matches!(el.tag(), der::Tag::ContextSpecific { number, .. } if number.value() <= 8))
    });
    Err((if readable { Code::InputNonconformant } else { Code::ExtensionInvalid }, e))
}

/// RFC 6962 §3.3: an OCTET STRING holding a TLS-encoded SCT list.
fn embedded_scts(ext: &Extension) -> Result<(), (Code, der::Error)> {
    let list =
        SignedCertificateTimestampList::from_der(ext.extn_value.as_bytes()).map_err(|e| (Code::ExtensionInvalid, e))?;
    list.parse_timestamps().map(|_| ()).map_err(|_| (Code::ExtensionInvalid, der::Tag::OctetString.value_error()))
}

/// Problems with the extensions (RFC 5280 §4.2), one sentence each:
/// `duplicate-extension` for an extension given more than once,
/// `extension-invalid` for what clients reject (a known extension whose
/// value is not DER of its type), `input-nonconformant` for
/// what only strict parsers refuse (see [`subject_alt_name`]).
pub(crate) fn check_extensions(c: &Cert) -> Vec<(Code, ObjectIdentifier, String)> {
    let mut problems = Vec::new();
    let list = c.extension_list();
    for (i, ext) in list.iter().enumerate() {
        let name = display_name(&ext.extn_id);
        if list.iter().take(i).any(|e| e.extn_id == ext.extn_id) {
            continue;
        }
        let copies: Vec<&Extension> = list.iter().filter(|e| e.extn_id == ext.extn_id).collect();
        if copies.len() > 1 {
            problems.push((Code::DuplicateExtension, ext.extn_id, duplicate_message(&name, &copies)));
            continue;
        }
        // An extension certscope does not read has no encoding to check.
        let Some(check) = kind(&ext.extn_id).and_then(|k| k.check) else { continue };
        if let Err((code, e)) = check(ext) {
            problems.push((code, ext.extn_id, format!("its {name} extension does not decode as DER ({e})")));
        }
    }
    problems
}

/// RFC 5280 §4.2: "A certificate MUST NOT include more than one instance of
/// a particular extension." Each copy's value is quoted, so that the reader
/// sees what the two disagree on (`cA` true in one, false in the other).
fn duplicate_message(name: &str, copies: &[&Extension]) -> String {
    let values: Vec<String> = copies
        .iter()
        .enumerate()
        .map(|(k, ext)| {
            let view = super::ext_view::extension_view(ext);
            let critical = if ext.critical { ", critical" } else { "" };
            format!("copy {} ({}{critical}): {}", k + 1, view.name, view.details.join("; "))
        })
        .collect();
    format!("its {name} extension appears {} times: {}", copies.len(), values.join(" | "))
}
