//! Typed extension accessors on [`Cert`]: what chain validation, OCSP and
//! the report need, each a small lookup over x509-cert's types.
//!
//! An extension that is absent, duplicated (RFC 5280 §4.2 allows one of
//! each) or undecodable reads as absent here; `details.rs` shows why.

use super::name::{hex_lower, short_name};
use super::{AiaUrls, Cert};
use crate::time::Timestamp;
use const_oid::{AssociatedOid, ObjectIdentifier};
use der::{Decode, Encode};
use std::sync::OnceLock;
use x509_cert::ext::pkix::crl::dp::DistributionPoint;
use x509_cert::ext::pkix::name::{DistributionPointName, GeneralName};
use x509_cert::ext::pkix::{
    AuthorityInfoAccessSyntax, AuthorityKeyIdentifier, BasicConstraints, CrlDistributionPoints, KeyUsage,
    NameConstraints, SubjectAltName,
};

pub(crate) use crate::oid::ID_PE_TLS_FEATURE;
use const_oid::db::{rfc5280::ID_AD_CA_ISSUERS, rfc5280::ID_AD_OCSP, rfc6960::ID_PKIX_OCSP_NOCHECK};

/// TLS Feature extension (RFC 7633 §6): `Features ::= SEQUENCE OF INTEGER`.
/// Value 5 is status_request ("OCSP Must-Staple"). Not in x509-cert 0.2.5,
/// so defined the way x509-cert defines its own extensions.
#[derive(Clone, Debug, PartialEq, Eq)]
pub(crate) struct TlsFeature(pub Vec<u16>);

impl AssociatedOid for TlsFeature {
    const OID: ObjectIdentifier = ID_PE_TLS_FEATURE;
}

x509_cert::impl_newtype!(TlsFeature, Vec<u16>);

/// TLS Feature value for status_request (RFC 6066 §8).
pub(crate) const STATUS_REQUEST: u16 = 5;

impl Cert {
    /// One extension of type `T`, with its critical flag; `None` when absent,
    /// repeated or undecodable.
    pub(crate) fn extension<'a, T: Decode<'a> + AssociatedOid>(&'a self) -> Option<(bool, T)> {
        self.cert.tbs_certificate.get::<T>().ok().flatten()
    }

    /// [`Cert::extension`], decoded on the first call and kept in `cell`.
    fn cached_extension<'a, T: Decode<'a> + AssociatedOid>(
        &'a self,
        cell: &'a OnceLock<Option<(bool, T)>>,
    ) -> Option<(bool, &'a T)> {
        cell.get_or_init(|| self.extension::<T>()).as_ref().map(|(critical, value)| (*critical, value))
    }

    /// One extension of type `T`, telling an absent one (`Ok(None)`) from
    /// one that is repeated or undecodable (`Err`), for checks that report
    /// the difference.
    pub(crate) fn extension_checked<'a, T: Decode<'a> + AssociatedOid>(&'a self) -> der::Result<Option<(bool, T)>> {
        self.cert.tbs_certificate.get::<T>()
    }

    pub fn not_before(&self) -> Timestamp {
        match self.validity {
            Some((not_before, _)) => not_before,
            None => Timestamp::from_x509(&self.cert.tbs_certificate.validity.not_before),
        }
    }

    pub fn not_after(&self) -> Timestamp {
        match self.validity {
            Some((_, not_after)) => not_after,
            None => Timestamp::from_x509(&self.cert.tbs_certificate.validity.not_after),
        }
    }

    /// Subject and issuer are the same name, byte for byte (RFC 5280 §3.3
    /// "self-issued"); says nothing about who signed it.
    pub fn is_self_issued(&self) -> bool {
        self.subject_der == self.issuer_der
    }

    pub fn basic_constraints(&self) -> Option<BasicConstraints> {
        self.decoded.basic_constraints.get_or_init(|| self.extension::<BasicConstraints>().map(|(_, v)| v)).clone()
    }

    pub fn key_usage(&self) -> Option<KeyUsage> {
        *self.decoded.key_usage.get_or_init(|| self.extension::<KeyUsage>().map(|(_, v)| v))
    }

    /// The extendedKeyUsage extension: (critical, purposes).
    pub fn extended_key_usage_extension(&self) -> Option<(bool, &[ObjectIdentifier])> {
        self.cached_extension(&self.decoded.extended_key_usage).map(|(critical, eku)| (critical, eku.0.as_slice()))
    }

    pub fn extended_key_usage(&self) -> Option<&[ObjectIdentifier]> {
        self.extended_key_usage_extension().map(|(_, purposes)| purposes)
    }

    pub fn subject_key_id(&self) -> Option<&[u8]> {
        self.cached_extension(&self.decoded.subject_key_id).map(|(_, ski)| ski.0.as_bytes())
    }

    /// The authorityKeyIdentifier extension: (critical, value).
    pub fn authority_key_identifier(&self) -> Option<(bool, &AuthorityKeyIdentifier)> {
        self.cached_extension(&self.decoded.authority_key_id)
    }

    pub fn authority_key_id(&self) -> Option<&[u8]> {
        self.authority_key_identifier().and_then(|(_, v)| v.key_identifier.as_ref()).map(|k| k.as_bytes())
    }

    /// The subjectAltName extension when it decodes strictly: (critical, value).
    pub fn subject_alt_name(&self) -> Option<(bool, &SubjectAltName)> {
        self.cached_extension(&self.decoded.subject_alt_name)
    }

    /// Every SAN entry, in certificate order; empty without the extension.
    /// When the extension does not decode strictly, the entries that do.
    pub fn san(&self) -> &[GeneralName] {
        if let Some((_, v)) = self.subject_alt_name() {
            return &v.0;
        }
        self.decoded.lenient_san.get_or_init(|| {
            self.san_elements()
                .unwrap_or_default()
                .iter()
                .filter_map(|e| e.to_der().ok().and_then(|d| GeneralName::from_der(&d).ok()))
                .collect()
        })
    }

    /// The SAN extension's entries, undecoded (for lenient views).
    pub(crate) fn san_elements(&self) -> Option<Vec<der::Any>> {
        let ext = self.extension_list().iter().find(|e| e.extn_id == SubjectAltName::OID)?;
        super::view::general_name_elements(ext.extn_value.as_bytes())
    }

    pub fn name_constraints(&self) -> Option<NameConstraints> {
        self.extension::<NameConstraints>().map(|(_, v)| v)
    }

    /// (critical, values) of the TLS Feature extension.
    pub fn tls_features(&self) -> Option<(bool, Vec<u16>)> {
        self.extension::<TlsFeature>().map(|(critical, v)| (critical, v.0))
    }

    /// TLS Feature lists status_request (RFC 7633 §4.2.3: OCSP must-staple).
    pub fn must_staple(&self) -> bool {
        self.tls_features().is_some_and(|(_, v)| v.contains(&STATUS_REQUEST))
    }

    fn aia_urls(&self) -> &AiaUrls {
        self.decoded.aia_urls.get_or_init(|| {
            let Some((_, aia)) = self.extension::<AuthorityInfoAccessSyntax>() else { return AiaUrls::default() };
            let urls = |method: ObjectIdentifier| {
                aia.0
                    .iter()
                    .filter(|ad| ad.access_method == method)
                    .filter_map(|ad| match &ad.access_location {
                        GeneralName::UniformResourceIdentifier(uri) => Some(uri.to_string()),
                        _ => None,
                    })
                    .collect()
            };
            AiaUrls { ocsp: urls(ID_AD_OCSP), ca_issuers: urls(ID_AD_CA_ISSUERS) }
        })
    }

    pub fn ocsp_urls(&self) -> &[String] {
        &self.aia_urls().ocsp
    }

    pub fn ca_issuers_urls(&self) -> &[String] {
        &self.aia_urls().ca_issuers
    }

    /// URIs of the CRL distribution points' fullName (RFC 5280 §4.2.1.13).
    pub fn crl_urls(&self) -> Vec<String> {
        let Some((_, dps)) = self.extension::<CrlDistributionPoints>() else { return Vec::new() };
        full_names(&dps.0)
            .filter_map(|n| match n {
                GeneralName::UniformResourceIdentifier(uri) => Some(uri.to_string()),
                _ => None,
            })
            .collect()
    }

    /// id-pkix-ocsp-nocheck (RFC 6960 §4.2.2.2.1) is present.
    pub fn has_ocsp_nocheck(&self) -> bool {
        self.extension_list().iter().any(|e| e.extn_id == ID_PKIX_OCSP_NOCHECK)
    }

    pub(crate) fn extension_list(&self) -> &[x509_cert::ext::Extension] {
        self.cert.tbs_certificate.extensions.as_deref().unwrap_or(&[])
    }

    /// Critical extensions certscope does not process (RFC 5280 §4.2).
    pub fn unknown_critical_extensions(&self) -> Vec<ObjectIdentifier> {
        self.extension_list()
            .iter()
            .filter(|e| e.critical && !super::extensions::is_processed(&e.extn_id))
            .map(|e| e.extn_id)
            .collect()
    }

    /// The subject's CN, else its RFC 4514 string, else "(empty subject)".
    pub fn display_name(&self) -> String {
        let text = self
            .texts
            .subject_short
            .get_or_init(|| short_name(self.subject()).unwrap_or_else(|| "(empty subject)".to_string()));
        text.clone()
    }

    /// The issuer's CN, else its RFC 4514 string, else "(empty issuer)":
    /// how messages name a certificate's issuer when it is not at hand.
    pub fn issuer_display_name(&self) -> String {
        let text = self
            .texts
            .issuer_short
            .get_or_init(|| short_name(self.issuer()).unwrap_or_else(|| "(empty issuer)".to_string()));
        text.clone()
    }

    pub fn sha256(&self) -> [u8; 32] {
        self.fingerprint
    }

    pub fn sha256_hex(&self) -> String {
        hex_lower(&self.sha256())
    }

    /// "MD5" / "SHA-1" when the certificate's signature uses a broken hash.
    pub fn signature_hash_weak(&self) -> Option<&'static str> {
        crate::verify::weak_signature_hash(&self.cert.tbs_certificate.signature)
    }

    /// OpenSSL's name for the signature algorithm. Taken from the signed
    /// tbsCertificate.signature (the first "Signature Algorithm" line of
    /// `openssl x509 -text`); the two copies differ only in broken
    /// certificates, which `decode_all` reports.
    pub fn signature_algorithm_name(&self) -> String {
        crate::verify::signature_algorithm_name(&self.cert.tbs_certificate.signature)
    }

    /// DER of an extension's value, for views that show unknown ones as hex.
    #[allow(dead_code)]
    pub(crate) fn extension_der(&self, id: &ObjectIdentifier) -> Option<Vec<u8>> {
        self.extension_list().iter().find(|e| &e.extn_id == id).and_then(|e| e.extn_value.to_der().ok())
    }
}

/// The general names of distribution points given as a fullName (RFC 5280
/// §4.2.1.13), for cRLDistributionPoints and freshestCRL alike.
pub(crate) fn full_names(dps: &[DistributionPoint]) -> impl Iterator<Item = &GeneralName> {
    dps.iter()
        .filter_map(|dp| match &dp.distribution_point {
            Some(DistributionPointName::FullName(names)) => Some(names),
            _ => None,
        })
        .flatten()
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::x509::testdata::cert;
    use x509_cert::ext::pkix::KeyUsages;

    fn oid(dotted: &str) -> ObjectIdentifier {
        ObjectIdentifier::new_unwrap(dotted)
    }

    #[test]
    fn must_staple_leaf_accessors() {
        let c = cert("tls-feature-ocsp-staple.pem");
        assert_eq!(c.tls_features(), Some((false, vec![5])));
        assert!(c.must_staple());
        assert_eq!(c.display_name(), "scotthelme.co.uk");
        assert!(!c.is_self_issued());
        assert_eq!(c.basic_constraints().map(|b| b.ca), Some(false));
        let ku = c.key_usage().unwrap();
        assert!(ku.0.contains(KeyUsages::DigitalSignature) && ku.0.contains(KeyUsages::KeyEncipherment));
        assert!(!ku.0.contains(KeyUsages::KeyCertSign));
        assert_eq!(c.extended_key_usage(), Some(&[oid("1.3.6.1.5.5.7.3.1"), oid("1.3.6.1.5.5.7.3.2")][..]));
        assert_eq!(hex_lower(c.subject_key_id().unwrap()), "975fb625552485229048bef3e3f1d354bffe0045");
        assert_eq!(hex_lower(c.authority_key_id().unwrap()), "a84a6a63047dddbae6d139b7a64565eff3a8eca1");
        assert_eq!(c.ocsp_urls(), ["http://ocsp.int-x3.letsencrypt.org"]);
        assert_eq!(c.ca_issuers_urls(), ["http://cert.int-x3.letsencrypt.org/"]);
        assert!(c.crl_urls().is_empty());
        let san = c.san();
        assert_eq!(san.len(), 8);
        assert!(matches!(&san[1], GeneralName::DnsName(d) if d.as_str() == "scotthelme.co.uk"));
        assert!(c.name_constraints().is_none());
        assert!(!c.has_ocsp_nocheck());
        assert!(c.unknown_critical_extensions().is_empty());
        assert_eq!(c.sha256_hex(), "c2f5b6f08eb50609a7767f218a028f055a19d9c5aed821beea43bcd6a7223a47");
        assert_eq!(c.signature_algorithm_name(), "sha256WithRSAEncryption");
        assert_eq!(c.signature_hash_weak(), None);
        assert_eq!(c.key_description(), ("RSA-2048".to_string(), Some(2048)));
        // Aug 31 23:01:00 2017 GMT .. Nov 29 23:01:00 2017 GMT
        assert_eq!(c.not_before(), Timestamp::from_civil(2017, 8, 31, 23, 1, 0).unwrap());
        assert_eq!(c.not_after(), Timestamp::from_civil(2017, 11, 29, 23, 1, 0).unwrap());
    }

    #[test]
    fn intermediate_accessors() {
        let c = cert("letsencryptx3.pem");
        let bc = c.basic_constraints().unwrap();
        assert!(bc.ca);
        assert_eq!(bc.path_len_constraint, Some(0));
        assert!(c.key_usage().unwrap().0.contains(KeyUsages::KeyCertSign));
        assert_eq!(c.crl_urls(), vec!["http://crl.identrust.com/DSTROOTCAX3CRL.crl"]);
        assert_eq!(c.ocsp_urls(), ["http://isrg.trustid.ocsp.identrust.com"]);
        assert_eq!(c.ca_issuers_urls(), ["http://apps.identrust.com/roots/dstrootcax3.p7c"]);
        assert_eq!(c.tls_features(), None);
        assert!(!c.must_staple());
        assert!(c.extended_key_usage().is_none());
    }

    #[test]
    fn self_issued_roots_and_weak_hashes() {
        let root = cert("accvraiz1.pem");
        assert!(root.is_self_issued());
        assert_eq!(root.signature_hash_weak(), Some("SHA-1"));
        assert_eq!(root.key_description(), ("RSA-4096".to_string(), Some(4096)));
        let v1 = cert("v1_cert.pem");
        assert_eq!(v1.signature_hash_weak(), Some("MD5"));
        assert_eq!(v1.signature_algorithm_name(), "md5WithRSAEncryption");
        assert_eq!(v1.key_description(), ("RSA-512".to_string(), Some(512)));
        assert!(v1.basic_constraints().is_none() && v1.san().is_empty());
    }

    #[test]
    fn key_descriptions() {
        for (file, key, bits) in [
            ("ecdsa_root.pem", "EC-P-384", 384),
            ("custom-ca.pem", "EC-P-256", 256),
            ("synthetic/ecdsa-P-521-sha512.pem", "EC-P-521", 521),
            ("custom-rsa_pss_cert.pem", "RSA-PSS-2048", 2048),
            ("custom-rsae_ca.pem", "RSA-4096", 4096),
            ("root-ed25519.pem", "Ed25519", 256),
            ("root-ed448.pem", "Ed448", 456),
        ] {
            assert_eq!(cert(file).key_description(), (key.to_string(), Some(bits)), "{file}");
        }
        assert_eq!(cert("e-trust.ru.der").key_description().1, None);
    }

    #[test]
    fn critical_unknown_extensions_are_listed() {
        // CT precertificate poison (RFC 6962 §3.1) is critical and unknown.
        let c = cert("cryptography.io.precert.pem");
        assert_eq!(c.unknown_critical_extensions(), vec![oid("1.3.6.1.4.1.11129.2.4.3")]);
        // Critical nameConstraints is processed, not unknown.
        let c = cert("department-of-state-root.pem");
        assert!(c.name_constraints().is_some());
        assert!(c.unknown_critical_extensions().is_empty());
    }

    #[test]
    fn display_name_falls_back_to_the_subject() {
        // Subject is only OU=…, O=…, C=…: no CN.
        let c = cert("verisign_md2_root.pem");
        assert_eq!(c.display_name(), "OU=Class 3 Public Primary Certification Authority,O=VeriSign\\, Inc.,C=US");
    }
}
