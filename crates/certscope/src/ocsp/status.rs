//! Which certificate each SingleResponse answers for, and what it says.
//!
//! RFC 6960 §4.1.1: a CertID names a certificate by its issuer's name hash,
//! its issuer's key hash (over the subjectPublicKey BIT STRING's value) and
//! its serial number, with the hash algorithm the CertID states. The issuer
//! is looked up among every certificate at hand (input, trust anchors,
//! certificates embedded in the response), the subject among the input.
//! Emits nothing itself; `ocsp::analyze_ocsp` turns the matches into
//! `ocsp-no-matching-response`, `ocsp-not-for-leaf`, `ocsp-revoked`,
//! `ocsp-unknown`.

use super::Candidate;
use crate::report::{CertificateStatus, ExtensionView};
use crate::time::Timestamp;
use crate::x509::Cert;
use der::asn1::ObjectIdentifier;
use sha1::{Digest, Sha1};
use sha2::{Sha256, Sha384, Sha512};
use std::collections::HashMap;
use x509_cert::ext::pkix::CrlReason;
use x509_cert::ext::Extension;
use x509_ocsp::{CertId, CertStatus, SingleResponse};

#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub(crate) enum HashAlg {
    Sha1,
    Sha256,
    Sha384,
    Sha512,
}

impl HashAlg {
    pub fn from_oid(oid: &ObjectIdentifier) -> Option<HashAlg> {
        use const_oid::db::rfc5912::{ID_SHA_1, ID_SHA_256, ID_SHA_384, ID_SHA_512};
        match *oid {
            ID_SHA_1 => Some(HashAlg::Sha1),
            ID_SHA_256 => Some(HashAlg::Sha256),
            ID_SHA_384 => Some(HashAlg::Sha384),
            ID_SHA_512 => Some(HashAlg::Sha512),
            _ => None,
        }
    }

    pub fn name(self) -> &'static str {
        match self {
            HashAlg::Sha1 => "sha1",
            HashAlg::Sha256 => "sha256",
            HashAlg::Sha384 => "sha384",
            HashAlg::Sha512 => "sha512",
        }
    }

    pub fn digest(self, bytes: &[u8]) -> Vec<u8> {
        match self {
            HashAlg::Sha1 => Sha1::digest(bytes).to_vec(),
            HashAlg::Sha256 => Sha256::digest(bytes).to_vec(),
            HashAlg::Sha384 => Sha384::digest(bytes).to_vec(),
            HashAlg::Sha512 => Sha512::digest(bytes).to_vec(),
        }
    }
}

/// `sha1`, `sha256`… or the dotted OID.
pub(crate) fn certid_hash_name(oid: &ObjectIdentifier) -> String {
    HashAlg::from_oid(oid).map_or_else(|| oid.to_string(), |h| h.name().to_string())
}

/// The key hash RFC 6960 uses in CertID and ResponderID: the hash of the
/// subjectPublicKey BIT STRING's value (no tag, length or unused-bits octet).
pub(crate) fn key_hash(alg: HashAlg, cert: &Cert) -> Vec<u8> {
    alg.digest(cert.spki().subject_public_key.raw_bytes())
}

/// What a CertID resolves to.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
pub(crate) struct CertIdMatch {
    /// Index into the candidates of the certificate whose name and key hash match.
    pub issuer: Option<usize>,
    /// Input index of the certificate with that issuer and serial.
    pub subject: Option<usize>,
}

/// The candidates' issuer hashes under one hash algorithm: every name hash
/// at once, and a key hash when a CertID's name hash first points at that
/// candidate (most candidates' names never match).
struct IssuerHashes {
    /// Subject name hash → candidate indexes, in candidate order.
    by_name: HashMap<Vec<u8>, Vec<usize>>,
    /// Candidate index → its key hash.
    keys: HashMap<usize, Vec<u8>>,
}

/// Issuer hashes of the candidates, per hash algorithm, each computed once,
/// so a response with many SingleResponses costs one lookup each.
pub(crate) struct CertIdIndex<'a> {
    candidates: &'a [Candidate<'a>],
    by_alg: HashMap<HashAlg, IssuerHashes>,
    by_serial: HashMap<Vec<u8>, Vec<usize>>,
    certs: &'a [Cert],
}

impl<'a> CertIdIndex<'a> {
    pub fn new(candidates: &'a [Candidate<'a>], certs: &'a [Cert]) -> Self {
        let mut by_serial: HashMap<Vec<u8>, Vec<usize>> = HashMap::new();
        for c in certs {
            by_serial.entry(serial_key(c.serial_bytes())).or_default().push(c.index());
        }
        CertIdIndex { candidates, by_alg: HashMap::new(), by_serial, certs }
    }

    pub fn resolve(&mut self, id: &CertId) -> CertIdMatch {
        let Some(alg) = HashAlg::from_oid(&id.hash_algorithm.oid) else {
            return CertIdMatch::default();
        };
        let candidates = self.candidates;
        let IssuerHashes { by_name, keys } = self.by_alg.entry(alg).or_insert_with(|| {
            let mut by_name: HashMap<Vec<u8>, Vec<usize>> = HashMap::new();
            for (i, c) in candidates.iter().enumerate() {
                by_name.entry(alg.digest(c.cert.subject_der())).or_default().push(i);
            }
            IssuerHashes { by_name, keys: HashMap::new() }
        });
        // The first candidate with both hashes.
        let issuer = by_name.get(id.issuer_name_hash.as_bytes()).and_then(|named| {
            named.iter().copied().find(|&i| {
                let key = keys
                    .entry(i)
                    .or_insert_with(|| candidates.get(i).map(|c| key_hash(alg, c.cert)).unwrap_or_default());
                key.as_slice() == id.issuer_key_hash.as_bytes()
            })
        });
        let subject = issuer.and_then(|i| {
            let issuer_cert = self.candidates.get(i)?.cert;
            self.by_serial
                .get(&serial_key(id.serial_number.as_bytes()))?
                .iter()
                .copied()
                .find(|&s| self.certs.get(s).is_some_and(|c| c.issuer_der() == issuer_cert.subject_der()))
        });
        CertIdMatch { issuer, subject }
    }
}

/// Serials compare as numbers: a redundant leading zero octet does not make
/// a different certificate.
fn serial_key(bytes: &[u8]) -> Vec<u8> {
    let start = bytes.iter().position(|b| *b != 0).unwrap_or(bytes.len().saturating_sub(1));
    bytes.get(start..).unwrap_or(bytes).to_vec()
}

/// Lower-case hex, the same as names' `#` values use.
pub(crate) use crate::x509::name::hex_lower as hex;

pub(crate) fn time(t: &x509_ocsp::OcspGeneralizedTime) -> Timestamp {
    Timestamp::from_der_datetime(&t.0.to_date_time())
}

/// RFC 6960 §2.2: good, revoked or unknown.
pub(crate) fn status_of(status: &CertStatus) -> CertificateStatus {
    match status {
        CertStatus::Good(_) => CertificateStatus::Good,
        CertStatus::Revoked(_) => CertificateStatus::Revoked,
        CertStatus::Unknown(_) => CertificateStatus::Unknown,
    }
}

/// Revocation time and RFC 5280 §5.3.1 reason, as camelCase.
pub(crate) fn revocation(status: &CertStatus) -> (Option<Timestamp>, Option<String>) {
    match status {
        CertStatus::Revoked(info) => {
            (Some(time(&info.revocation_time)), info.revocation_reason.map(|r| reason_name(r).to_string()))
        }
        CertStatus::Good(_) | CertStatus::Unknown(_) => (None, None),
    }
}

/// RFC 5280 §5.3.1 CRLReason names.
pub(crate) fn reason_name(reason: CrlReason) -> &'static str {
    match reason {
        CrlReason::Unspecified => "unspecified",
        CrlReason::KeyCompromise => "keyCompromise",
        CrlReason::CaCompromise => "cACompromise",
        CrlReason::AffiliationChanged => "affiliationChanged",
        CrlReason::Superseded => "superseded",
        CrlReason::CessationOfOperation => "cessationOfOperation",
        CrlReason::CertificateHold => "certificateHold",
        CrlReason::RemoveFromCRL => "removeFromCRL",
        CrlReason::PrivilegeWithdrawn => "privilegeWithdrawn",
        CrlReason::AaCompromise => "aACompromise",
    }
}

/// Names of the extensions OCSP responses carry (RFC 6960 §4.4, RFC 6962 §3.3).
const EXTENSION_NAMES: &[(ObjectIdentifier, &str)] = {
    use const_oid::db::{rfc5280, rfc6960};
    &[
        (rfc6960::ID_PKIX_OCSP_NONCE, "OCSP Nonce"),
        (rfc6960::ID_PKIX_OCSP_CRL, "OCSP CRL Reference"),
        (rfc6960::ID_PKIX_OCSP_RESPONSE, "OCSP Acceptable Responses"),
        (rfc6960::ID_PKIX_OCSP_ARCHIVE_CUTOFF, "OCSP Archive Cutoff"),
        (rfc6960::ID_PKIX_OCSP_SERVICE_LOCATOR, "OCSP Service Locator"),
        (rfc6960::ID_PKIX_OCSP_PREF_SIG_ALGS, "OCSP Preferred Signature Algorithms"),
        (rfc6960::ID_PKIX_OCSP_EXTENDED_REVOKE, "OCSP Extended Revoke"),
        (crate::oid::CT_OCSP_SCTS, "CT Signed Certificate Timestamps"),
        (rfc5280::ID_CE_CRL_REASONS, "CRL Reason Code"),
        (rfc5280::ID_CE_INVALIDITY_DATE, "Invalidity Date"),
        (rfc5280::ID_CE_CERTIFICATE_ISSUER, "Certificate Issuer"),
    ]
};

fn extension_name(oid: &ObjectIdentifier) -> Option<&'static str> {
    EXTENSION_NAMES.iter().find(|(id, _)| id == oid).map(|&(_, name)| name)
}

/// Extensions OCSP clients know; a critical one outside this list makes
/// strict clients (Go's ocsp package) reject the response.
pub(crate) fn is_known_extension(oid: &ObjectIdentifier) -> bool {
    extension_name(oid).is_some()
}

pub(crate) fn extension_view(ext: &Extension) -> ExtensionView {
    let oid = ext.extn_id.to_string();
    let value = ext.extn_value.as_bytes();
    let shown = value.get(..64).unwrap_or(value);
    let more = if value.len() > shown.len() { format!("… ({} bytes)", value.len()) } else { String::new() };
    ExtensionView {
        bytes: None,
        name: extension_name(&ext.extn_id).map_or_else(|| oid.clone(), str::to_string),
        oid,
        critical: ext.critical,
        details: vec![format!("{}{more}", hex(shown))],
    }
}

pub(crate) fn single_extensions(single: &SingleResponse) -> Vec<ExtensionView> {
    single.single_extensions.iter().flatten().map(extension_view).collect()
}

/// The serial as a CertID carries it, in lower-case hex.
pub(crate) fn serial_hex(id: &CertId) -> String {
    hex(id.serial_number.as_bytes())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn serials_compare_as_numbers() {
        assert_eq!(serial_key(&[0x00, 0x81]), vec![0x81]);
        assert_eq!(serial_key(&[0x00]), vec![0x00]);
        assert_eq!(serial_key(&[]), Vec::<u8>::new());
    }

    #[test]
    fn reasons_use_rfc5280_spelling() {
        assert_eq!(reason_name(CrlReason::KeyCompromise), "keyCompromise");
        assert_eq!(reason_name(CrlReason::CaCompromise), "cACompromise");
    }
}
