//! Certificates: the decoded `x509_cert::Certificate` plus the bytes it came
//! from, and views over it for the report.
//!
//! The only module that reads raw certificate fields; checks use `Cert`'s
//! methods. Emits `input-unrecognized` / `input-nonconformant` for
//! certificates that do not decode.

use crate::input::RawObject;
use crate::report::{CertificateReport, Code, Finding, Source};
use crate::verify::SignedParts;
use der::{Decode, Encode, Reader};
use x509_cert::Certificate;

/// A decoded certificate and the bytes it came from.
#[derive(Clone, Debug)]
pub(crate) struct Cert {
    /// Position among decoded certificates (the report's `index`); anchors
    /// from a trust store use `usize::MAX`.
    pub index: usize,
    pub source: Source,
    pub der: Vec<u8>,
    /// The exact tbsCertificate bytes, for signature checks.
    pub tbs: Vec<u8>,
    pub cert: Certificate,
    /// DER of the subject and issuer Names, for exact comparison.
    pub subject_der: Vec<u8>,
    pub issuer_der: Vec<u8>,
}

impl Cert {
    pub fn decode(raw: &RawObject, index: usize) -> Result<Cert, String> {
        let cert = Certificate::from_der(&raw.der).map_err(|e| e.to_string())?;
        let tbs = first_tlv(&raw.der).map_err(|e| e.to_string())?;
        let subject_der = cert.tbs_certificate.subject.to_der().map_err(|e| e.to_string())?;
        let issuer_der = cert.tbs_certificate.issuer.to_der().map_err(|e| e.to_string())?;
        Ok(Cert { index, source: raw.source.clone(), der: raw.der.clone(), tbs, cert, subject_der, issuer_der })
    }

    pub fn signed_parts(&self) -> SignedParts<'_> {
        SignedParts {
            tbs: &self.tbs,
            algorithm: &self.cert.signature_algorithm,
            signature: self.cert.signature.raw_bytes(),
        }
    }

    pub fn spki(&self) -> &spki::SubjectPublicKeyInfoOwned {
        &self.cert.tbs_certificate.subject_public_key_info
    }

    /// The report view; `role` and `signature` are set later by `chain`.
    pub fn report(&self) -> CertificateReport {
        details::certificate_report(self)
    }
}

/// The first element inside the outer SEQUENCE, with its tag and length.
pub(crate) fn first_tlv(der: &[u8]) -> der::Result<Vec<u8>> {
    let mut reader = der::SliceReader::new(der)?;
    let header = der::Header::decode(&mut reader)?;
    reader.read_nested(header.length, |r| Ok(r.tlv_bytes()?.to_vec()))
}

/// Decodes every certificate object; failures become findings.
pub(crate) fn decode_all(raws: &[RawObject], findings: &mut Vec<Finding>) -> Vec<Cert> {
    let mut certs = Vec::new();
    for raw in raws {
        match Cert::decode(raw, certs.len()) {
            Ok(c) => certs.push(c),
            Err(e) => findings.push(Finding::new(
                Code::InputUnrecognized,
                format!("{} looks like a certificate but does not decode: {e}.", describe_source(&raw.source)),
            )),
        }
    }
    certs
}

/// "chain.pem, block 2" / "input 1, block 2".
pub(crate) fn describe_source(source: &Source) -> String {
    match &source.name {
        Some(name) => format!("{name}, block {}", source.block),
        None => format!("Input {}, block {}", source.input + 1, source.block),
    }
}

mod details;
