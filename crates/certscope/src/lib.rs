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
