//! Certificates: the decoded certificate plus the bytes it came from, and
//! views over it for the report and the checks.
//!
//! The only module that reads raw certificate fields; checks use `Cert`'s
//! methods (see `ext.rs` for the extension accessors). Decodes strictly
//! (RFC 5280 profile) and, when that fails, retries with x509-cert's `Raw`
//! profile: such certificates are kept (so they still render and chain) and
//! get `input-nonconformant`. Certificates that decode neither way become
//! `input-unrecognized`. A repeated or undecodable extension is
//! `extension-invalid`.

use crate::input::RawObject;
use crate::options::Limits;
use crate::report::{CertificateReport, Code, Finding, Source};
use crate::time::Timestamp;
use crate::verify::SignedParts;
use crate::work::{Stage, Work};
use der::{Decode, Reader};
use sha2::Digest;
use std::sync::OnceLock;
use x509_cert::certificate::{CertificateInner, Raw};

pub(crate) mod csr;
mod details;
pub(crate) mod ext;
mod ext_check;
mod ext_view;
pub(crate) mod extensions;
mod key;
pub(crate) mod keymatch;
pub(crate) mod name;
mod validity;
pub(crate) mod view;

pub(crate) use view::eku_name;

/// The decoded form every certificate is kept in. `Raw` differs from the
/// strict profile only in accepting over-long serial numbers; whether the
/// strict decode succeeded is in [`Cert::nonconformant`].
pub(crate) type X509 = CertificateInner<Raw>;

/// A decoded certificate and the bytes it came from. Its fields are
/// private: other modules read it through the accessors below and in
/// `ext.rs`, so x509/ alone knows the x509-cert layout.
#[derive(Clone, Debug)]
pub(crate) struct Cert {
    /// Position among decoded certificates (the report's `index`); anchors
    /// from a trust store use `usize::MAX`.
    index: usize,
    source: Source,
    der: Vec<u8>,
    /// SHA-256 of the whole certificate: its fingerprint and identity.
    /// For a root from Mozilla's store, whose `der` is rebuilt without the
    /// signature value (chain/anchors.rs), the original certificate's.
    fingerprint: [u8; 32],
    /// The exact tbsCertificate bytes, for signature checks.
    tbs: Vec<u8>,
    cert: X509,
    /// DER of the subject and issuer Names, for exact comparison.
    subject_der: Vec<u8>,
    issuer_der: Vec<u8>,
    /// Why the strict RFC 5280 decode failed, when only the lenient one worked.
    nonconformant: Option<String>,
    /// The validity read by hand when der could not hold it; `cert`'s own
    /// validity is then a placeholder. Use `not_before()` / `not_after()`.
    validity: Option<(Timestamp, Timestamp)>,
    /// The version INTEGER when it names no X.509 version (3 and up); the
    /// certificate was then decoded as v3.
    unknown_version: Option<u8>,
    /// The names as text, made on first use: the chain, the report and
    /// the messages show each name several times in one analysis.
    texts: NameTexts,
    /// The certificate as PEM, made on first use: the report shows it and
    /// the corrected chain is made of it.
    pem: OnceLock<String>,
    /// Extensions that path building, validation, the profile rules, OCSP
    /// and the report each read, decoded on first use.
    decoded: DecodedExtensions,
}

/// Extensions decoded once per certificate: path building alone asked for
/// basicConstraints ~90 times in one analysis of a three-certificate chain.
#[derive(Clone, Debug, Default)]
struct DecodedExtensions {
    basic_constraints: OnceLock<Option<x509_cert::ext::pkix::BasicConstraints>>,
    key_usage: OnceLock<Option<x509_cert::ext::pkix::KeyUsage>>,
    extended_key_usage: OnceLock<Option<(bool, x509_cert::ext::pkix::ExtendedKeyUsage)>>,
    subject_key_id: OnceLock<Option<(bool, x509_cert::ext::pkix::SubjectKeyIdentifier)>>,
    authority_key_id: OnceLock<Option<(bool, x509_cert::ext::pkix::AuthorityKeyIdentifier)>>,
    subject_alt_name: OnceLock<Option<(bool, x509_cert::ext::pkix::SubjectAltName)>>,
    /// The SAN's entries that decode one by one, when the whole does not.
    lenient_san: OnceLock<Vec<x509_cert::ext::pkix::name::GeneralName>>,
    aia_urls: OnceLock<AiaUrls>,
}

/// authorityInfoAccess's URIs (RFC 5280 §4.2.2.1), both lists from one decode.
#[derive(Clone, Debug, Default)]
struct AiaUrls {
    ocsp: Vec<String>,
    ca_issuers: Vec<String>,
}

/// The subject's and issuer's RFC 4514 strings and message names.
#[derive(Clone, Debug, Default)]
struct NameTexts {
    subject: OnceLock<String>,
    issuer: OnceLock<String>,
    subject_short: OnceLock<String>,
    issuer_short: OnceLock<String>,
}

impl Cert {
    pub fn decode(raw: &RawObject, index: usize) -> Result<Cert, String> {
        Cert::from_der(&raw.der, raw.source.clone(), index)
    }

    /// Decodes with the `Raw` profile and then applies the one rule the
    /// strict profile adds (serial length), so each certificate is decoded
    /// once; the result is the same as strict-then-`Raw`. Validity times der
    /// cannot represent are read by hand (`validity.rs`).
    pub fn from_der(der: &[u8], source: Source, index: usize) -> Result<Cert, String> {
        let mut unknown_version = None;
        let (cert, times) = match X509::from_der(der) {
            Ok(cert) => (cert, None),
            Err(error) => {
                let lenient = |bytes: &[u8]| match X509::from_der(bytes) {
                    Ok(cert) => Some((cert, None)),
                    Err(_) => validity::patch_validity(bytes)
                        .and_then(|(patched, times)| Some((X509::from_der(&patched).ok()?, Some(times)))),
                };
                let decoded = lenient(der).or_else(|| {
                    let (patched, number) = patch_unknown_version(der)?;
                    unknown_version = Some(number);
                    lenient(&patched)
                });
                match decoded {
                    Some(decoded) => decoded,
                    None => return Err(error.to_string()),
                }
            }
        };
        let mut problems: Vec<String> = check_serial_length(&cert).into_iter().collect();
        if let Some(number) = unknown_version {
            problems.push(format!(
                "its version number is {number}, which no X.509 version has (RFC 5280 §4.1.2.1 defines 0 to 2; openssl prints \"Unknown ({number})\"); it was read as a v3 certificate"
            ));
        }
        if let Some(t) = &times {
            problems.extend(t.problems.iter().cloned());
        }
        let nonconformant = (!problems.is_empty()).then(|| problems.join("; "));
        let tbs = first_tlv(der).map_err(|e| e.to_string())?;
        // The names exactly as encoded, so comparisons see what the CA wrote.
        let fields = TbsFields::split(&tbs).ok_or("tbsCertificate fields do not split")?;
        let subject_der = fields.subject.to_vec();
        let issuer_der = fields.issuer.to_vec();
        let validity = times.map(|t| (t.not_before, t.not_after));
        let fingerprint = sha2::Sha256::digest(der).into();
        Ok(Cert {
            index,
            source,
            der: der.to_vec(),
            fingerprint,
            tbs,
            cert,
            subject_der,
            issuer_der,
            nonconformant,
            validity,
            unknown_version,
            texts: NameTexts::default(),
            pem: OnceLock::new(),
            decoded: DecodedExtensions::default(),
        })
    }

    /// Position among decoded certificates (the report's `index`);
    /// `usize::MAX` for an anchor from a trust store.
    pub fn index(&self) -> usize {
        self.index
    }

    pub fn source(&self) -> &Source {
        &self.source
    }

    /// The whole certificate as it was read.
    pub fn der(&self) -> &[u8] {
        &self.der
    }

    /// The exact tbsCertificate bytes (RFC 5280 §4.1.1.1), as signed.
    pub fn tbs_der(&self) -> &[u8] {
        &self.tbs
    }

    /// DER of the subject Name exactly as encoded, for byte comparison.
    pub fn subject_der(&self) -> &[u8] {
        &self.subject_der
    }

    /// DER of the issuer Name exactly as encoded, for byte comparison.
    pub fn issuer_der(&self) -> &[u8] {
        &self.issuer_der
    }

    pub fn subject(&self) -> &x509_cert::name::Name {
        &self.cert.tbs_certificate.subject
    }

    pub fn issuer(&self) -> &x509_cert::name::Name {
        &self.cert.tbs_certificate.issuer
    }

    /// RFC 7468 PEM with 64-character lines.
    pub fn pem(&self) -> &str {
        self.pem.get_or_init(|| crate::asn1::to_pem("CERTIFICATE", &self.der))
    }

    /// The subject as RFC 4514 text.
    pub fn subject_text(&self) -> &str {
        self.texts.subject.get_or_init(|| name::rfc4514(self.subject()))
    }

    /// The issuer as RFC 4514 text.
    pub fn issuer_text(&self) -> &str {
        self.texts.issuer.get_or_init(|| name::rfc4514(self.issuer()))
    }

    /// The serial number's INTEGER content octets, as encoded (RFC 5280
    /// §4.1.2.2); what OCSP CertIDs and CRL entries compare against.
    pub fn serial_bytes(&self) -> &[u8] {
        self.cert.tbs_certificate.serial_number.as_bytes()
    }

    /// The X.509 version number: 1, 2 or 3 (RFC 5280 §4.1.2.1).
    /// The X.509 version (1 to 3; the version INTEGER plus one, as openssl
    /// counts, for a number no version has).
    pub fn version(&self) -> u8 {
        if let Some(number) = self.unknown_version {
            return number.saturating_add(1);
        }
        match self.cert.tbs_certificate.version {
            x509_cert::certificate::Version::V1 => 1,
            x509_cert::certificate::Version::V2 => 2,
            x509_cert::certificate::Version::V3 => 3,
        }
    }

    /// The outer signatureAlgorithm (RFC 5280 §4.1.1.2).
    pub fn signature_algorithm(&self) -> &spki::AlgorithmIdentifierOwned {
        &self.cert.signature_algorithm
    }

    /// Why the strict RFC 5280 decode failed, when only the lenient one worked.
    pub fn nonconformant(&self) -> Option<&str> {
        self.nonconformant.as_deref()
    }

    /// The same certificate known by another fingerprint: a root from
    /// Mozilla's store is rebuilt without its signature value
    /// (chain/anchors.rs) but keeps the original certificate's identity.
    pub(crate) fn with_fingerprint(mut self, fingerprint: [u8; 32]) -> Cert {
        self.fingerprint = fingerprint;
        self
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
        details::certificate_report(self, details::own_signature(self))
    }

    /// The report view, verifying a self-issued certificate's own signature
    /// from the analysis's budget (a check already made is free). Past it,
    /// the key identifiers decide `self_signed`: 2,000 self-issued P-521
    /// certificates would otherwise cost seconds of signature checks.
    pub fn report_within(&self, work: &mut Work) -> CertificateReport {
        let own = if self.is_self_issued() {
            work.verify(&self.signed_parts(), self.spki(), Stage::CertificateViews)
        } else {
            None
        };
        details::certificate_report(self, own)
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

/// The raw TLVs of a tbsCertificate (RFC 5280 §4.1) that are needed byte
/// for byte: names for comparison, the SPKI for its pin.
pub(crate) struct TbsFields<'a> {
    pub issuer: &'a [u8],
    pub subject: &'a [u8],
    pub spki: &'a [u8],
}

impl<'a> TbsFields<'a> {
    pub(crate) fn split(tbs: &'a [u8]) -> Option<TbsFields<'a>> {
        let mut reader = der::SliceReader::new(tbs).ok()?;
        let _outer = der::Header::decode(&mut reader).ok()?;
        let mut elements = Vec::with_capacity(10);
        while !reader.is_finished() && elements.len() < 7 {
            elements.push(reader.tlv_bytes().ok()?);
        }
        // version [0] is optional (absent in v1 certificates).
        let skip = usize::from(elements.first()?.first()? == &0xa0);
        let mut rest = elements.get(skip..)?.iter().copied();
        let (_serial, _signature, issuer, _validity, subject, spki) =
            (rest.next()?, rest.next()?, rest.next()?, rest.next()?, rest.next()?, rest.next()?);
        Some(TbsFields { issuer, subject, spki })
    }
}

/// The first element inside the outer SEQUENCE, with its tag and length.
/// (`read_nested` would insist on consuming the whole SEQUENCE, so read the
/// outer header and then just the first element.)
pub(crate) fn first_tlv(der: &[u8]) -> der::Result<Vec<u8>> {
    let mut reader = der::SliceReader::new(der)?;
    let _outer = der::Header::decode(&mut reader)?;
    Ok(reader.tlv_bytes()?.to_vec())
}

/// RFC 5280 §4.1.2.1: the version is 0, 1 or 2 (v1 to v3). A single-octet
/// version INTEGER above 2 (`a0 03 02 01 NN` at the start of the
/// tbsCertificate) is put to 2 in a copy, so the rest can be decoded; the
/// number is returned to be reported. The signature is checked over the
/// original bytes.
fn patch_unknown_version(der: &[u8]) -> Option<(Vec<u8>, u8)> {
    let content_start = |at: usize| -> Option<usize> {
        let first = *der.get(at + 1)?;
        Some(at + 2 + if first < 0x80 { 0 } else { usize::from(first & 0x7f) })
    };
    let tbs = content_start(0)?;
    let version = content_start(tbs)?;
    let head = der.get(version..version + 5)?;
    let number = *head.get(4)?;
    if head.get(..4)? != [0xa0, 0x03, 0x02, 0x01] || number <= 2 || number >= 0x80 {
        return None;
    }
    let mut patched = der.to_vec();
    *patched.get_mut(version + 4)? = 2;
    Some((patched, number))
}

/// Decodes every certificate object; failures become findings.
pub(crate) fn decode_all(raws: &[RawObject], limits: &Limits, findings: &mut Vec<Finding>) -> Vec<Cert> {
    let mut certs = Vec::new();
    for raw in raws {
        match Cert::decode(raw, certs.len()) {
            Ok(c) => {
                // Checked after decoding, which is linear in the bytes the
                // input stage already bounded; what follows (name
                // comparisons in path building, extension checks) is not.
                if let Some((code, why)) = check_limits(&c, limits) {
                    findings.push(Finding::new(
                        code,
                        format!("{} ({}): {why}, so it was not decoded.", c.display_name(), describe_source(&c.source)),
                    ));
                    continue;
                }
                if crate::verify::rsa_modulus_is_negative(c.spki().subject_public_key.raw_bytes()) {
                    findings.push(Finding::about(
                        Code::RsaModulusNegative,
                        c.index,
                        format!(
                            "{} ({}) has an RSA key whose modulus is a negative INTEGER; it is shown as the unsigned number, as openssl shows it.",
                            c.display_name(),
                            describe_source(&c.source)
                        ),
                    ));
                }
                if let Some(why) = crate::verify::rsa_key_over_limit(c.spki()) {
                    findings.push(Finding::about(
                        Code::KeyTooLarge,
                        c.index,
                        format!(
                            "{} ({}) has {why}; signatures made with this key are not checked.",
                            c.display_name(),
                            describe_source(&c.source)
                        ),
                    ));
                }
                if let Some(why) = c.nonconformant() {
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
                for (code, oid, why) in ext_check::check_extensions(&c) {
                    findings.push(
                        Finding::about(
                            code,
                            c.index,
                            format!("{} ({}): {why}.", c.display_name(), describe_source(&c.source)),
                        )
                        .at(crate::asn1::Locator::Extension(oid)),
                    );
                }
                let strings =
                    [name::string_problems(c.subject(), "subject"), name::string_problems(c.issuer(), "issuer")];
                for why in strings.iter().flatten() {
                    findings.push(Finding::about(
                        Code::InputNonconformant,
                        c.index,
                        format!("{} ({}): {why}.", c.display_name(), describe_source(&c.source)),
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

/// Names and extensions no real CA issues, by `Limits`: the certificate
/// is set aside with the limit and the actual size named.
pub(crate) fn check_limits(c: &Cert, limits: &Limits) -> Option<(Code, String)> {
    let tbs = &c.cert.tbs_certificate;
    for (which, der, rdns) in
        [("subject", &c.subject_der, tbs.subject.0.len()), ("issuer", &c.issuer_der, tbs.issuer.0.len())]
    {
        if der.len() > limits.max_name_bytes {
            let why = format!(
                "its {which} name is {} bytes; certscope's limit is {} bytes (max_name_bytes)",
                der.len(),
                limits.max_name_bytes
            );
            return Some((Code::NameTooLarge, why));
        }
        if rdns > limits.max_name_rdns {
            let why = format!(
                "its {which} name has {rdns} relative distinguished names; certscope's limit is {} (max_name_rdns)",
                limits.max_name_rdns
            );
            return Some((Code::NameTooLarge, why));
        }
    }
    let extensions = tbs.extensions.as_deref().unwrap_or_default();
    if extensions.len() > limits.max_extensions {
        let why = format!(
            "it has {} extensions; certscope's limit is {} (max_extensions)",
            extensions.len(),
            limits.max_extensions
        );
        return Some((Code::ExtensionTooLarge, why));
    }
    let largest = extensions.iter().max_by_key(|e| e.extn_value.as_bytes().len())?;
    let size = largest.extn_value.as_bytes().len();
    (size > limits.max_extension_bytes).then(|| {
        let why = format!(
            "its extension {} is {size} bytes; certscope's limit for one extension is {} bytes (max_extension_bytes)",
            largest.extn_id, limits.max_extension_bytes
        );
        (Code::ExtensionTooLarge, why)
    })
}

/// "chain.pem, block 2" / "input 1, block 2".
pub(crate) fn describe_source(source: &Source) -> String {
    match &source.name {
        Some(name) => format!("{name}, block {}", source.block),
        None => format!("Input {}, block {}", source.input + 1, source.block),
    }
}

/// Test helpers: certificates from `tests/data/x509/`, or from elsewhere in
/// the fixture pool when `rel` names another folder (`real/amazon/…`).
#[cfg(test)]
pub(crate) mod testdata {
    use super::Cert;
    use crate::report::Source;

    pub(crate) fn path(rel: &str) -> std::path::PathBuf {
        let data = std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/data");
        if rel.contains('/') && !rel.starts_with("synthetic/") {
            data.join(rel)
        } else {
            data.join("x509").join(rel)
        }
    }

    /// Every certificate in a PEM or DER file, as DER.
    pub(crate) fn ders(rel: &str) -> Vec<Vec<u8>> {
        let p = path(rel);
        crate::test_data::cert_ders(std::fs::read(&p).unwrap_or_else(|e| panic!("{}: {e}", p.display())))
    }

    pub(crate) fn certs(rel: &str) -> Vec<Cert> {
        ders(rel)
            .iter()
            .enumerate()
            .map(|(i, d)| {
                let source = Source {
                    input: 0,
                    name: Some(rel.to_string()),
                    block: i + 1,
                    encoding: crate::report::Encoding::Pem,
                };
                Cert::from_der(d, source, i).unwrap_or_else(|e| panic!("{rel} #{i}: {e}"))
            })
            .collect()
    }

    pub(crate) fn cert(rel: &str) -> Cert {
        certs(rel).into_iter().next().unwrap()
    }
}

#[cfg(test)]
mod tests {
    use super::testdata::ders;
    use super::*;

    fn decode_file(rel: &str) -> (Vec<Cert>, Vec<Finding>) {
        let raws: Vec<RawObject> = ders(rel)
            .into_iter()
            .enumerate()
            .map(|(i, der)| RawObject {
                der,
                source: Source {
                    input: 0,
                    name: Some(rel.to_string()),
                    block: i + 1,
                    encoding: crate::report::Encoding::Pem,
                },
            })
            .collect();
        let mut findings = Vec::new();
        let certs = decode_all(&raws, &Limits::default(), &mut findings);
        (certs, findings)
    }

    fn codes(findings: &[Finding]) -> Vec<&'static str> {
        findings.iter().map(|f| f.code.code()).collect()
    }

    #[test]
    fn conformant_certificates_give_no_findings() {
        for rel in ["tls-feature-ocsp-staple.pem", "limbo/online/google.com.chain.pem", "root-ed25519.pem"] {
            let (certs, findings) = decode_file(rel);
            assert!(!certs.is_empty() && findings.is_empty(), "{rel}: {findings:?}");
            assert!(certs.iter().all(|c| c.nonconformant.is_none()));
        }
    }

    #[test]
    fn over_long_serial_decodes_leniently_with_a_warning() {
        let (certs, findings) = decode_file("synthetic/long-serial.pem");
        assert_eq!(certs.len(), 1);
        assert_eq!(codes(&findings), ["input-nonconformant"]);
        assert_eq!(findings[0].certificate, Some(0));
        assert!(findings[0].message.contains("25 octets"), "{}", findings[0].message);
        // Strict decoding really does refuse it.
        assert!(x509_cert::Certificate::from_der(&certs[0].der).is_err());
        assert_eq!(certs[0].report().serial, "0102030405060708090a0b0c0d0e0f10111213141516171819");
    }

    #[test]
    fn undecodable_extensions_are_nonconformant() {
        // basicConstraints "CA:FALSE, pathlen:0" decodes fine: the rule it
        // breaks (RFC 5280 §4.2.1.9) is for path validation to judge.
        let (certs, findings) = decode_file("wosign-bc-invalid.pem");
        assert!(findings.is_empty());
        let report = certs[0].report();
        assert_eq!((report.is_ca, report.path_len_constraint), (false, Some(0)));
        // UTF-8 in a dNSName (IA5String): shown as text, still reported.
        let (certs, findings) = decode_file("utf8-dnsname.pem");
        assert_eq!(codes(&findings), ["input-nonconformant"]);
        assert!(findings[0].message.contains("Subject Alternative Name"));
        let report = certs[0].report();
        assert!(report.san.contains(&"biztosítás.hu".to_string()), "{:?}", report.san);
        assert_eq!(report.san.len(), 7);
        // The accessor keeps only what decodes strictly.
        assert_eq!(certs[0].san().len(), 5);
    }

    #[test]
    fn broken_extensions_are_invalid() {
        // x509-limbo rfc5280::san::malformed: the SAN value is ASCII text, not DER.
        let (certs, findings) = decode_file("limbo-malformed.pem");
        assert_eq!(certs.len(), 1);
        assert_eq!(codes(&findings), ["extension-invalid"]);
        assert!(findings[0].message.contains("Subject Alternative Name"));
        assert!(certs[0].san().is_empty());
        // x509-limbo rfc5280::duplicate-extensions: two SAN extensions,
        // each copy's value quoted.
        let (_, findings) = decode_file("limbo-duplicate-extensions.pem");
        assert_eq!(codes(&findings), ["duplicate-extension"]);
        let message = &findings[0].message;
        assert!(message.contains("Subject Alternative Name extension appears 2 times"), "{message}");
        assert!(message.contains("copy 1 (Subject Alternative Name): DNS:example.com"), "{message}");
        assert!(message.contains("copy 2 (Subject Alternative Name): "), "{message}");
    }

    #[test]
    fn a_negative_rsa_modulus_is_sized_and_named() {
        let (certs, findings) = decode_file("negative-modulus.pem");
        assert_eq!(certs[0].key_description(), ("RSA-2048".to_string(), Some(2048)));
        assert_eq!(codes(&findings), ["rsa-modulus-negative"]);
    }

    #[test]
    fn dsa_and_explicit_curve_keys_are_sized_as_openssl_sizes_them() {
        // The sizes `openssl x509 -text` prints (also checked against
        // openssl-facts.json with every other certificate here).
        let (certs, _) = decode_file("synthetic/dsa-2048-sha256.pem");
        assert_eq!(certs[0].key_description(), ("DSA-2048".to_string(), Some(2048)));
        let (certs, _) = decode_file("synthetic/ec-explicit-p256-sha256.pem");
        assert_eq!(certs[0].key_description(), ("EC-explicit-parameters".to_string(), Some(256)));
    }

    #[test]
    fn outer_and_inner_algorithm_mismatch_is_nonconformant() {
        let (certs, findings) = decode_file("v1_cert.pem");
        assert_eq!(certs.len(), 1);
        assert_eq!(codes(&findings), ["input-nonconformant"]);
        assert!(findings[0].message.contains("md5WithRSAEncryption"));
    }

    #[test]
    fn pre_1970_utc_time_decodes_without_findings() {
        // NIST PKITS 4.2.3: notBefore UTCTime 500101120100Z is 1950, before der's epoch.
        let (certs, findings) = decode_file("pkits/certs/Validpre2000UTCnotBeforeDateTest3EE.crt");
        assert!(findings.is_empty(), "{findings:?}");
        assert_eq!(certs[0].not_before().to_rfc3339(), "1950-01-01T12:01:00Z");
        assert_eq!(certs[0].not_after().to_rfc3339(), "2030-12-31T08:30:00Z");
        // The signed bytes are the original ones, not the patched placeholder.
        assert_eq!(certs[0].tbs, first_tlv(&certs[0].der).unwrap());
        assert!(certs[0].report().sha256.starts_with(&certs[0].sha256_hex()));
    }

    #[test]
    fn malformed_time_is_nonconformant_and_collapses_the_window() {
        // notAfter is a 15-digit UTCTime; openssl prints "Bad time value".
        // Its RSA modulus also lacks the leading zero octet (a negative
        // INTEGER), sized unsigned as openssl sizes it.
        let (certs, findings) = decode_file("badasn1time.pem");
        assert_eq!(certs.len(), 1);
        assert_eq!(codes(&findings), ["rsa-modulus-negative", "input-nonconformant"]);
        assert_eq!(certs[0].key_description(), ("RSA-1024".to_string(), Some(1024)));
        assert!(findings[1].message.contains("notAfter (UTCTime \"19020701025736Z\")"), "{}", findings[1].message);
        assert_eq!(certs[0].not_before().to_rfc3339(), "2011-03-21T09:25:52Z");
        assert_eq!(certs[0].not_after(), certs[0].not_before());
        assert!(certs[0].report().subject.starts_with("CN=Default Common Name,OU=Default Unit"));
    }

    #[test]
    fn undecodable_certificates_are_unrecognized_with_the_reason() {
        // A bare TBSCertificate is not a certificate.
        let (certs, findings) = decode_file("cryptography-scts-tbs-precert.der");
        assert!(certs.is_empty());
        assert_eq!(codes(&findings), ["input-unrecognized"]);
        assert!(findings[0].message.contains("cryptography-scts-tbs-precert.der, block 1"));
        assert!(findings[0].message.contains("DER byte"), "{}", findings[0].message);
    }

    #[test]
    fn garbage_never_panics() {
        let good = ders("limbo/online/akamai.com.chain.pem").remove(0);
        let source = Source { input: 0, name: None, block: 1, encoding: crate::report::Encoding::Der };
        // Every truncation and a sweep of single-byte corruptions.
        for len in 0..good.len() {
            // A cut-off certificate never decodes as one.
            assert!(Cert::from_der(&good[..len], source.clone(), 0).is_err(), "decoded {len} of {} bytes", good.len());
        }
        assert!(Cert::from_der(&good, source.clone(), 0).is_ok());
        for i in (0..good.len()).step_by(7) {
            for flip in [0x01u8, 0x80, 0xff] {
                let mut bad = good.clone();
                bad[i] ^= flip;
                if let Ok(c) = Cert::from_der(&bad, source.clone(), 0) {
                    let _ = c.report();
                    let _ = c.unknown_critical_extensions();
                }
            }
        }
    }
}
