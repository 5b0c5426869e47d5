//! certscope: decode a certificate chain, OCSP responses and CRLs; check
//! every signature, the chain's order and completeness, validity windows,
//! OCSP status and freshness, and must-staple; return one [`Report`].
//!
//! Data flows one way: bytes in ([`input`]) → decoded objects ([`x509`]) →
//! checks ([`chain`], [`ocsp`], [`crl`]) → [`Report`] → views (CLI, web app).
//! `pipeline.rs` runs the stages in that order and assembles the Report.
//! No clock, no I/O, no network: the caller passes the time in [`Options`].
//!
//! ```
//! use certscope::{analyze, Input, Options, Timestamp};
//! let opts = Options::at(Timestamp::parse_rfc3339("2026-01-01T00:00:00Z").unwrap());
//! let report = analyze(&[Input::text("not a certificate")], &opts);
//! assert_eq!(report.findings[0].code.code(), "input-unrecognized");
//! ```

#![forbid(unsafe_code)]
// Input reaches almost every line of the core; a panic in wasm kills the page
// (issue 6). Tests may unwrap: a panic there is a failing test.
#![cfg_attr(
    not(test),
    deny(
        clippy::unwrap_used,
        clippy::expect_used,
        clippy::indexing_slicing,
        clippy::string_slice,
        clippy::panic,
        clippy::unreachable
    )
)]

pub mod asn1;
mod chain;
mod crl;
pub mod hex;
mod input;
mod ocsp;
mod oid;
mod options;
mod pipeline;
mod ranges;
pub mod report;
#[cfg(test)]
mod test_data;
mod time;
mod verify;
mod work;
mod x509;

pub use const_oid::ObjectIdentifier;
pub use input::key::{redact_private_keys, Password, Redacted};
pub use input::{Input, InputHint};
pub use options::{parse_policy, Limits, Options, Profile, ANY_POLICY};
pub use pipeline::analyze;
pub use ranges::{object_der, render_asn1, report_objects, ObjectBytes};
pub use report::{Code, Finding, Report, Severity, WorkReport};
pub use time::Timestamp;
pub use verify::warm_up_p384;

/// Entry points for the cargo-fuzz targets in `fuzz/` (issue 6): one thin
/// call per decoding stage, so a crash is found in the stage that has it.
/// Not an API: hidden from the docs and free to change.
#[doc(hidden)]
pub mod fuzzing {
    use crate::report::Source;
    use crate::{crl, input, ocsp, x509, Input, Limits};

    /// Signature verification as certificates, OCSP and CRLs use it, for
    /// the Wycheproof suite and the differential fuzz target.
    pub use crate::verify::probe::{ec_public_key_curve, verify_signature, Verdict};

    fn raw(der: &[u8]) -> input::RawObject {
        input::RawObject {
            der: der.to_vec(),
            source: Source { input: 0, name: None, block: 1, encoding: crate::report::Encoding::Der },
        }
    }

    /// The input splitter: PEM, base64, hex, DER, PKCS#7, transcripts.
    /// Returns how many objects of each kind it found.
    pub fn split(bytes: &[u8]) -> (usize, usize, usize) {
        let mut findings = Vec::new();
        let mut work = crate::work::Work::new(&Limits::default());
        let input = Input::bytes(None, bytes.to_vec());
        let d = input::decode_inputs(std::slice::from_ref(&input), &mut work, crate::work::Stage::Input, &mut findings);
        (d.certs.len(), d.ocsp.len(), d.crls.len())
    }

    /// One certificate, decoded and turned into its report section.
    pub fn certificate(der: &[u8]) -> bool {
        let mut findings = Vec::new();
        let certs = x509::decode_all(&[raw(der)], &Limits::default(), &mut findings);
        let reports: Vec<_> = certs.iter().map(|c| c.report()).collect();
        !reports.is_empty()
    }

    /// A PKCS#7 SignedData bundle (BER or DER).
    pub fn pkcs7(bytes: &[u8]) -> bool {
        input::pkcs7::decode_bundle(bytes).is_ok()
    }

    /// A PKCS#12 file, opened without a password and with the fixtures'
    /// one, within the default KDF budget.
    pub fn pkcs12(bytes: &[u8]) -> bool {
        let mut opened = false;
        for password in [None, Some(crate::Password::new("certscope-test"))] {
            let mut work = crate::work::Work::new(&Limits::default());
            opened |= input::pkcs12::open(bytes, password.as_ref(), &mut work).is_ok();
        }
        opened
    }

    /// A private key (PKCS#8, SEC 1, PKCS#1): its public key derived.
    pub fn private_key(der: &[u8]) -> bool {
        crate::verify::keypair::public_of_private(der).is_ok()
    }

    /// A PKCS#12 file given with the fixtures' password, so its key bags
    /// are taken out, then the key-match check as the pipeline runs it:
    /// each key decrypted (shrouded bags), its public half derived (RSA n
    /// and e, the EC point, Ed25519) and compared with the file's own
    /// certificates and their localKeyId marks. A file without a MAC and
    /// with plain key bags (`-keypbe NONE -nomac`) lets mutations reach
    /// the derivation. Returns how many keys matched a certificate.
    pub fn pfx_key_match(bytes: &[u8]) -> usize {
        let mut findings = Vec::new();
        let mut work = crate::work::Work::new(&Limits::default());
        let input = Input::bytes(None, bytes.to_vec()).with_password(Some(crate::Password::new("certscope-test")));
        let d = input::decode_inputs(std::slice::from_ref(&input), &mut work, crate::work::Stage::Input, &mut findings);
        let certs = x509::decode_all(&d.certs, &Limits::default(), &mut findings);
        let keys = x509::keymatch::match_keys(&d.keys, &certs, &[], &mut work, &mut findings);
        x509::keymatch::check_local_key_ids(&d.keys, &keys, &d.pfx, &certs, &mut findings);
        keys.iter().filter(|k| !k.certificates.is_empty()).count()
    }

    /// A private key and a public key, split on `\0CS\0`: the private
    /// key's public half derived and compared with the second part, read
    /// as a certificate or else as a bare SubjectPublicKeyInfo (a CSR's
    /// key). `None` when either part does not decode.
    pub fn key_match(bytes: &[u8]) -> Option<bool> {
        use der::Decode;
        const SEPARATOR: &[u8] = b"\0CS\0";
        let at = bytes.windows(SEPARATOR.len()).position(|w| w == SEPARATOR)?;
        let (key, public) = (bytes.get(..at)?, bytes.get(at + SEPARATOR.len()..)?);
        let derived = crate::verify::keypair::public_of_private(key).ok()?;
        let spki = match x509::decode_all(&[raw(public)], &Limits::default(), &mut Vec::new()).first() {
            Some(cert) => cert.spki().clone(),
            None => spki::SubjectPublicKeyInfoOwned::from_der(public).ok()?,
        };
        Some(crate::verify::keypair::matches_spki(&derived, &spki))
    }

    /// An OCSP response.
    pub fn ocsp_response(der: &[u8]) -> bool {
        ocsp::decode::decode_response(&raw(der)).is_ok()
    }

    /// A CRL.
    pub fn crl(der: &[u8]) -> bool {
        crl::decode::decode_crl(der).is_ok()
    }

    /// Any bytes as an ASN.1 tree, labelled as each kind of object.
    pub fn asn1_tree(der: &[u8]) -> usize {
        use crate::asn1::ObjectKind;
        let limits = Limits::default();
        let plain = crate::asn1::parse(der, &limits).nodes.len();
        [ObjectKind::Certificate, ObjectKind::OcspResponse, ObjectKind::Crl, ObjectKind::Csr]
            .into_iter()
            .map(|k| crate::asn1::parse_object(der, k, &limits).nodes.len())
            .fold(plain, usize::max)
    }

    /// Whether a finding code names one field, so that its findings carry
    /// `bytes` (tests/ranges.rs requires a fixture for each).
    pub fn code_names_a_field(code: crate::Code) -> bool {
        !matches!(crate::ranges::concern::concern(code), crate::ranges::concern::Concern::NoField)
    }
}
