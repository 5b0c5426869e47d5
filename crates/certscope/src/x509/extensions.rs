//! The certificate extensions certscope knows: one row per extension with
//! its OID, OpenSSL's name (without the "X509v3 " prefix), the renderer of
//! its detail lines for the report (`ext_view.rs`), the check of its
//! encoding (`ext_check.rs`), and whether certscope processes it when it is
//! critical (RFC 5280 §4.2).

use super::ext_check::{self, EncodingCheck};
use super::ext_view::{self, Render};
use crate::oid;
use const_oid::db::{rfc5280, rfc6960, rfc6962};
use const_oid::ObjectIdentifier;

pub(crate) struct ExtensionKind {
    pub oid: ObjectIdentifier,
    pub name: &'static str,
    /// Detail lines; `None` for one certscope shows only as hex.
    pub render: Option<Render>,
    /// What a well-formed value must satisfy; `None` when certscope does
    /// not read the value.
    pub check: Option<EncodingCheck>,
    /// Acted on or shown, so a critical one is not "unknown". The set is
    /// OpenSSL's supported list (v3_purp.c) plus AKI/SKI, AIA, TLS Feature
    /// and OCSP no-check, minus RFC 3779 and proxy certificates.
    pub processed: bool,
}

const fn row(
    oid: ObjectIdentifier,
    name: &'static str,
    render: Option<Render>,
    check: Option<EncodingCheck>,
    processed: bool,
) -> ExtensionKind {
    ExtensionKind { oid, name, render, check, processed }
}

use ext_check as c;
use ext_view as v;

#[rustfmt::skip]
pub(crate) static EXTENSIONS: &[ExtensionKind] = &[
    row(rfc5280::ID_CE_SUBJECT_KEY_IDENTIFIER, "Subject Key Identifier", Some(v::subject_key_id), Some(c::SUBJECT_KEY_ID), true),
    row(rfc5280::ID_CE_KEY_USAGE, "Key Usage", Some(v::key_usage), Some(c::KEY_USAGE), true),
    row(rfc5280::ID_CE_PRIVATE_KEY_USAGE_PERIOD, "Private Key Usage Period", None, None, false),
    row(rfc5280::ID_CE_SUBJECT_ALT_NAME, "Subject Alternative Name", Some(v::subject_alt_name), Some(c::SUBJECT_ALT_NAME), true),
    row(rfc5280::ID_CE_ISSUER_ALT_NAME, "Issuer Alternative Name", Some(v::issuer_alt_name), Some(c::ISSUER_ALT_NAME), true),
    row(rfc5280::ID_CE_BASIC_CONSTRAINTS, "Basic Constraints", Some(v::basic_constraints), Some(c::BASIC_CONSTRAINTS), true),
    row(rfc5280::ID_CE_NAME_CONSTRAINTS, "Name Constraints", Some(v::name_constraints), Some(c::NAME_CONSTRAINTS), true),
    row(rfc5280::ID_CE_CRL_DISTRIBUTION_POINTS, "CRL Distribution Points", Some(v::distribution_points), Some(c::DISTRIBUTION_POINTS), true),
    row(rfc5280::ID_CE_CERTIFICATE_POLICIES, "Certificate Policies", Some(v::certificate_policies), Some(c::CERTIFICATE_POLICIES), true),
    row(rfc5280::ID_CE_POLICY_MAPPINGS, "Policy Mappings", Some(v::policy_mappings), Some(c::POLICY_MAPPINGS), true),
    row(rfc5280::ID_CE_AUTHORITY_KEY_IDENTIFIER, "Authority Key Identifier", Some(v::authority_key_id), Some(c::AUTHORITY_KEY_ID), true),
    row(rfc5280::ID_CE_POLICY_CONSTRAINTS, "Policy Constraints", Some(v::policy_constraints), Some(c::POLICY_CONSTRAINTS), true),
    row(rfc5280::ID_CE_EXT_KEY_USAGE, "Extended Key Usage", Some(v::extended_key_usage), Some(c::EXTENDED_KEY_USAGE), true),
    row(rfc5280::ID_CE_FRESHEST_CRL, "Freshest CRL", Some(v::distribution_points), Some(c::DISTRIBUTION_POINTS), false),
    row(rfc5280::ID_CE_INHIBIT_ANY_POLICY, "Inhibit Any Policy", Some(v::inhibit_any_policy), Some(c::INHIBIT_ANY_POLICY), true),
    row(rfc5280::ID_CE_SUBJECT_DIRECTORY_ATTRIBUTES, "Subject Directory Attributes", None, None, false),
    row(rfc5280::ID_PE_AUTHORITY_INFO_ACCESS, "Authority Information Access", Some(v::access_descriptions), Some(c::ACCESS_DESCRIPTIONS), true),
    row(rfc5280::ID_PE_SUBJECT_INFO_ACCESS, "Subject Information Access", Some(v::access_descriptions), Some(c::ACCESS_DESCRIPTIONS), false),
    row(oid::ID_PE_TLS_FEATURE, "TLS Feature", Some(v::tls_feature), Some(c::TLS_FEATURE), true),
    row(oid::ID_PE_QC_STATEMENTS, "qcStatements", None, None, false),
    row(rfc6960::ID_PKIX_OCSP_NOCHECK, "OCSP No Check", Some(v::ocsp_nocheck), None, true),
    row(rfc6962::CT_PRECERT_SCTS, "CT Precertificate SCTs", Some(v::embedded_scts), Some(c::EMBEDDED_SCTS), false),
    row(rfc6962::CT_PRECERT_POISON, "CT Precertificate Poison", Some(v::precertificate_poison), None, false),
    row(oid::NETSCAPE_CERT_TYPE, "Netscape Cert Type", None, None, true),
    row(oid::NETSCAPE_COMMENT, "Netscape Comment", None, None, false),
    row(oid::MS_CERTIFICATE_TEMPLATE_NAME, "Microsoft Certificate Template Name", None, None, false),
    row(oid::MS_CA_VERSION, "Microsoft CA Version", None, None, false),
    row(oid::MS_PREVIOUS_CA_CERT_HASH, "Microsoft Previous CA Certificate Hash", None, None, false),
    row(oid::MS_CERTIFICATE_TEMPLATE, "Microsoft Certificate Template", None, None, false),
    row(oid::MS_APPLICATION_POLICIES, "Microsoft Application Policies", None, None, false),
    row(oid::ENTRUST_VERSION_INFO, "Entrust Version Information", None, None, false),
];

/// The row for an extension, when certscope knows it.
pub(crate) fn kind(id: &ObjectIdentifier) -> Option<&'static ExtensionKind> {
    EXTENSIONS.iter().find(|k| &k.oid == id)
}

/// The extension's name; an unknown one is named by its dotted OID.
pub(crate) fn display_name(id: &ObjectIdentifier) -> String {
    kind(id).map_or_else(|| id.to_string(), |k| k.name.to_string())
}

/// Processed when critical (RFC 5280 §4.2: a client MUST reject a
/// certificate with a critical extension it does not process).
pub(crate) fn is_processed(id: &ObjectIdentifier) -> bool {
    kind(id).is_some_and(|k| k.processed)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn one_row_per_oid() {
        for (i, k) in EXTENSIONS.iter().enumerate() {
            assert!(EXTENSIONS.iter().skip(i + 1).all(|other| other.oid != k.oid), "{} twice", k.name);
        }
    }

    #[test]
    fn every_read_extension_is_checked() {
        // A renderer that decodes has a check that decodes the same way;
        // the two flag-only renderers read nothing.
        for k in EXTENSIONS {
            let flag_only = k.oid == rfc6960::ID_PKIX_OCSP_NOCHECK || k.oid == rfc6962::CT_PRECERT_POISON;
            assert_eq!(k.render.is_some() && !flag_only, k.check.is_some(), "{}", k.name);
        }
    }
}
