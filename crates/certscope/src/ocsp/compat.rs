//! Stand-ins for `Cert` accessors the x509 stage is adding in parallel.
//! Inherent methods win over trait methods, so once they land this trait
//! goes unused and is deleted.

use crate::time::Timestamp;
use crate::x509::Cert;
use der::asn1::ObjectIdentifier;
use der::Decode;
use x509_cert::ext::pkix::name::{DistributionPointName, GeneralName};
use x509_cert::ext::pkix::{AuthorityInfoAccessSyntax, CrlDistributionPoints, ExtendedKeyUsage};

const ID_PE_TLSFEATURE: ObjectIdentifier = ObjectIdentifier::new_unwrap("1.3.6.1.5.5.7.1.24");
const ID_PKIX_OCSP_NOCHECK: ObjectIdentifier = ObjectIdentifier::new_unwrap("1.3.6.1.5.5.7.48.1.5");
const ID_AD_OCSP: ObjectIdentifier = ObjectIdentifier::new_unwrap("1.3.6.1.5.5.7.48.1");
const ID_CE_EXT_KEY_USAGE: ObjectIdentifier = ObjectIdentifier::new_unwrap("2.5.29.37");
const ID_PE_AUTHORITY_INFO_ACCESS: ObjectIdentifier = ObjectIdentifier::new_unwrap("1.3.6.1.5.5.7.1.1");
const ID_CE_CRL_DISTRIBUTION_POINTS: ObjectIdentifier = ObjectIdentifier::new_unwrap("2.5.29.31");

#[allow(dead_code)]
pub(crate) trait CertCompat {
    fn not_before(&self) -> Timestamp;
    fn not_after(&self) -> Timestamp;
    fn extended_key_usage(&self) -> Option<Vec<ObjectIdentifier>>;
    fn tls_features(&self) -> Option<(bool, Vec<u16>)>;
    fn ocsp_urls(&self) -> Vec<String>;
    fn crl_urls(&self) -> Vec<String>;
    fn has_ocsp_nocheck(&self) -> bool;
    fn display_name(&self) -> String;
}

fn ext<'a>(c: &'a Cert, oid: ObjectIdentifier) -> Option<(bool, &'a [u8])> {
    c.cert
        .tbs_certificate
        .extensions
        .as_ref()?
        .iter()
        .find(|e| e.extn_id == oid)
        .map(|e| (e.critical, e.extn_value.as_bytes()))
}

fn uri(name: &GeneralName) -> Option<String> {
    match name {
        GeneralName::UniformResourceIdentifier(u) => Some(u.to_string()),
        _ => None,
    }
}

impl CertCompat for Cert {
    fn not_before(&self) -> Timestamp {
        Timestamp::from_x509(&self.cert.tbs_certificate.validity.not_before)
    }
    fn not_after(&self) -> Timestamp {
        Timestamp::from_x509(&self.cert.tbs_certificate.validity.not_after)
    }
    fn extended_key_usage(&self) -> Option<Vec<ObjectIdentifier>> {
        let (_, v) = ext(self, ID_CE_EXT_KEY_USAGE)?;
        ExtendedKeyUsage::from_der(v).ok().map(|e| e.0)
    }
    fn tls_features(&self) -> Option<(bool, Vec<u16>)> {
        let (critical, v) = ext(self, ID_PE_TLSFEATURE)?;
        Some((critical, Vec::<u16>::from_der(v).unwrap_or_default()))
    }
    fn ocsp_urls(&self) -> Vec<String> {
        ext(self, ID_PE_AUTHORITY_INFO_ACCESS)
            .and_then(|(_, v)| AuthorityInfoAccessSyntax::from_der(v).ok())
            .map(|a| {
                a.0.iter().filter(|d| d.access_method == ID_AD_OCSP).filter_map(|d| uri(&d.access_location)).collect()
            })
            .unwrap_or_default()
    }
    fn crl_urls(&self) -> Vec<String> {
        let Some(dps) =
            ext(self, ID_CE_CRL_DISTRIBUTION_POINTS).and_then(|(_, v)| CrlDistributionPoints::from_der(v).ok())
        else {
            return Vec::new();
        };
        let mut out = Vec::new();
        for dp in &dps.0 {
            if let Some(DistributionPointName::FullName(names)) = &dp.distribution_point {
                out.extend(names.iter().filter_map(uri));
            }
        }
        out
    }
    fn has_ocsp_nocheck(&self) -> bool {
        ext(self, ID_PKIX_OCSP_NOCHECK).is_some()
    }
    fn display_name(&self) -> String {
        let subject = &self.cert.tbs_certificate.subject;
        for rdn in subject.0.iter().rev() {
            for atv in rdn.0.iter() {
                if atv.oid == const_oid::db::rfc4519::CN {
                    if let Ok(s) = der::asn1::Utf8StringRef::try_from(&atv.value) {
                        return s.to_string();
                    }
                    if let Ok(s) = der::asn1::PrintableStringRef::try_from(&atv.value) {
                        return s.to_string();
                    }
                }
            }
        }
        subject.to_string()
    }
}

/// OpenSSL's name for a signature algorithm, until `verify` exports its own.
pub(crate) fn algorithm_name(alg: &spki::AlgorithmIdentifierOwned) -> String {
    match alg.oid.to_string().as_str() {
        "1.2.840.113549.1.1.2" => "md2WithRSAEncryption",
        "1.2.840.113549.1.1.4" => "md5WithRSAEncryption",
        "1.2.840.113549.1.1.5" => "sha1WithRSAEncryption",
        "1.2.840.113549.1.1.11" => "sha256WithRSAEncryption",
        "1.2.840.113549.1.1.12" => "sha384WithRSAEncryption",
        "1.2.840.113549.1.1.13" => "sha512WithRSAEncryption",
        "1.2.840.113549.1.1.10" => "rsassaPss",
        "1.2.840.10045.4.1" => "ecdsa-with-SHA1",
        "1.2.840.10045.4.3.2" => "ecdsa-with-SHA256",
        "1.2.840.10045.4.3.3" => "ecdsa-with-SHA384",
        "1.2.840.10045.4.3.4" => "ecdsa-with-SHA512",
        "1.3.101.112" => "ED25519",
        "1.3.101.113" => "ED448",
        other => return other.to_string(),
    }
    .to_string()
}
