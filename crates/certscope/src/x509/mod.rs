//! Certificates: the decoded certificate plus the bytes it came from, and
//! views over it for the report and the checks.
//!
//! The only module that reads raw certificate fields; checks use `Cert`'s
//! methods (see `ext.rs` for the extension accessors). Decodes strictly
//! (RFC 5280 profile) and, when that fails, retries with x509-cert's `Raw`
//! profile: such certificates are kept (so they still render and chain) and
//! get `input-nonconformant`. Certificates that decode neither way become
//! `input-unrecognized`.

use crate::input::RawObject;
use crate::report::{CertificateReport, Code, Finding, Source};
use crate::verify::SignedParts;
use der::{Decode, Encode, Reader};
use x509_cert::certificate::{CertificateInner, Raw, TbsCertificateInner};

mod details;
mod ext;
mod key;
pub(crate) mod name;

/// The decoded form every certificate is kept in. `Raw` differs from the
/// strict profile only in accepting over-long serial numbers; whether the
/// strict decode succeeded is in [`Cert::nonconformant`].
pub(crate) type X509 = CertificateInner<Raw>;
pub(crate) type Tbs = TbsCertificateInner<Raw>;

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
    pub cert: X509,
    /// DER of the subject and issuer Names, for exact comparison.
    pub subject_der: Vec<u8>,
    pub issuer_der: Vec<u8>,
    /// Why the strict RFC 5280 decode failed, when only the lenient one worked.
    pub nonconformant: Option<String>,
}

impl Cert {
    pub fn decode(raw: &RawObject, index: usize) -> Result<Cert, String> {
        Cert::from_der(&raw.der, raw.source.clone(), index)
    }

    /// Decodes with the `Raw` profile and then applies the one rule the
    /// strict profile adds (serial length), so each certificate is decoded
    /// once; the result is the same as strict-then-`Raw`.
    pub fn from_der(der: &[u8], source: Source, index: usize) -> Result<Cert, String> {
        let cert = X509::from_der(der).map_err(|e| e.to_string())?;
        let nonconformant = check_serial_length(&cert);
        let tbs = first_tlv(der).map_err(|e| e.to_string())?;
        let subject_der = cert.tbs_certificate.subject.to_der().map_err(|e| e.to_string())?;
        let issuer_der = cert.tbs_certificate.issuer.to_der().map_err(|e| e.to_string())?;
        Ok(Cert { index, source, der: der.to_vec(), tbs, cert, subject_der, issuer_der, nonconformant })
    }

    pub fn tbs_certificate(&self) -> &Tbs {
        &self.cert.tbs_certificate
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

/// RFC 5280 §4.1.2.2: at most 20 octets (x509-cert's strict profile allows
/// 21, for a sign octet in front of a 20-octet value).
fn check_serial_length(cert: &X509) -> Option<String> {
    let len = cert.tbs_certificate.serial_number.as_bytes().len();
    (len > 21).then(|| format!("its serial number is {len} octets long; RFC 5280 §4.1.2.2 allows 20"))
}

/// RFC 5280 §4.1.1.2: signatureAlgorithm MUST equal tbsCertificate.signature.
fn check_algorithm_copies(c: &Cert) -> Option<String> {
    let (outer, inner) = (&c.cert.signature_algorithm, &c.cert.tbs_certificate.signature);
    (outer != inner).then(|| {
        format!(
            "its signatureAlgorithm ({}) differs from the signed tbsCertificate.signature ({}), which RFC 5280 §4.1.1.2 forbids",
            crate::verify::signature_algorithm_name(outer),
            crate::verify::signature_algorithm_name(inner)
        )
    })
}

/// The first element inside the outer SEQUENCE, with its tag and length.
/// (`read_nested` would insist on consuming the whole SEQUENCE, so read the
/// outer header and then just the first element.)
pub(crate) fn first_tlv(der: &[u8]) -> der::Result<Vec<u8>> {
    let mut reader = der::SliceReader::new(der)?;
    let _outer = der::Header::decode(&mut reader)?;
    Ok(reader.tlv_bytes()?.to_vec())
}

/// Decodes every certificate object; failures become findings.
pub(crate) fn decode_all(raws: &[RawObject], findings: &mut Vec<Finding>) -> Vec<Cert> {
    let mut certs = Vec::new();
    for raw in raws {
        match Cert::decode(raw, certs.len()) {
            Ok(c) => {
                if let Some(why) = &c.nonconformant {
                    findings.push(Finding::about(
                        Code::InputNonconformant,
                        c.index,
                        format!(
                            "{} ({}) decodes only with lenient rules: {why}.",
                            c.display_name(),
                            describe_source(&c.source)
                        ),
                    ));
                }
                if let Some(why) = check_algorithm_copies(&c) {
                    findings.push(Finding::about(
                        Code::InputNonconformant,
                        c.index,
                        format!("{} ({}): {why}.", c.display_name(), describe_source(&c.source)),
                    ));
                }
                certs.push(c);
            }
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

/// Test helpers: certificates from `tests/data/x509/`.
#[cfg(test)]
pub(crate) mod testdata {
    use super::Cert;
    use crate::report::Source;

    pub(crate) fn path(rel: &str) -> std::path::PathBuf {
        std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/data/x509").join(rel)
    }

    /// Every certificate in a PEM or DER file, as DER.
    pub(crate) fn ders(rel: &str) -> Vec<Vec<u8>> {
        let bytes = std::fs::read(path(rel)).unwrap_or_else(|e| panic!("{rel}: {e}"));
        let Ok(text) = std::str::from_utf8(&bytes) else { return vec![bytes] };
        if !text.contains("-----BEGIN") {
            return vec![bytes];
        }
        let mut out = Vec::new();
        let mut rest = text;
        while let Some(start) = rest.find("-----BEGIN CERTIFICATE-----") {
            let end_marker = "-----END CERTIFICATE-----";
            let end = rest[start..].find(end_marker).unwrap() + start + end_marker.len();
            let (_, der) = der::pem::decode_vec(&rest.as_bytes()[start..end]).unwrap();
            out.push(der);
            rest = &rest[end..];
        }
        out
    }

    pub(crate) fn certs(rel: &str) -> Vec<Cert> {
        ders(rel)
            .iter()
            .enumerate()
            .map(|(i, d)| {
                let source = Source { input: 0, name: Some(rel.to_string()), block: i + 1, encoding: "pem".into() };
                Cert::from_der(d, source, i).unwrap_or_else(|e| panic!("{rel} #{i}: {e}"))
            })
            .collect()
    }

    pub(crate) fn cert(rel: &str) -> Cert {
        certs(rel).into_iter().next().unwrap()
    }
}
