//! The vendored `der` (vendor/der: one nested reader type for every depth)
//! decodes and fails exactly as der 0.7.10 from crates.io: the same values,
//! and the same error kinds and byte positions, which certscope's findings
//! quote ("does not decode: … at DER byte 62").
//!
//! `data/der_errors.txt` holds what der 0.7.10 itself gave for every input
//! below. To record it again, point the `[patch.crates-io]` entry for `der`
//! away (delete it), then run
//!
//! ```sh
//! CERTSCOPE_RECORD_DER_ERRORS=1 cargo test -p certscope --test der_reader
//! ```

use der::{Decode, Encode};
use x509_cert::{crl::CertificateList, request::CertReq, Certificate};
use x509_ocsp::{BasicOcspResponse, OcspResponse};

const DATA: &str = concat!(env!("CARGO_MANIFEST_DIR"), "/tests/data");
const RECORD: &str = concat!(env!("CARGO_MANIFEST_DIR"), "/tests/data/der_errors.txt");

type Decoder = fn(&[u8]) -> String;

/// One object of each kind certscope decodes with `der`'s derives, DER or
/// PEM, and its decoder.
const INPUTS: [(&str, Decoder); 6] = [
    ("x509/cryptography.io.pem", outcome::<Certificate>),
    ("x509/cryptography-scts.pem", outcome::<Certificate>),
    ("real/webpki/netflix/ca.der", outcome::<Certificate>),
    ("ocsp/D1.der", ocsp),
    ("ocsp/TestCRL.crl", outcome::<CertificateList>),
    ("input/throwaway.csr.der", outcome::<CertReq>),
];

fn der_of(path: &str) -> Vec<u8> {
    let bytes = std::fs::read(format!("{DATA}/{path}")).unwrap_or_else(|e| panic!("{path}: {e}"));
    if bytes.starts_with(b"-----BEGIN") {
        der::pem::decode_vec(&bytes).unwrap_or_else(|e| panic!("{path}: {e}")).1
    } else {
        bytes
    }
}

/// The input with bit flips, length-like and tag-like bytes at ~60 spread
/// positions, and ten truncations: the errors der's readers report.
fn variants(der: &[u8]) -> Vec<(String, Vec<u8>)> {
    let mut out = vec![("as is".to_string(), der.to_vec())];
    let step = (der.len() / 60).max(1);
    for at in (0..der.len()).step_by(step) {
        for (what, byte) in [("^01", der[at] ^ 1), ("=80", 0x80), ("=ff", 0xff), ("=a0", 0xa0)] {
            let mut v = der.to_vec();
            v[at] = byte;
            out.push((format!("[{at}]{what}"), v));
        }
    }
    for k in 1..=10 {
        let len = der.len() * k / 11;
        out.push((format!("..{len}"), der[..len].to_vec()));
    }
    out
}

/// How one decoder fared: its error as certscope prints it, or the value's
/// length re-encoded (a decoder that accepts must keep every byte).
fn outcome<T: for<'a> Decode<'a> + Encode>(der: &[u8]) -> String {
    match T::from_der(der) {
        Ok(value) => format!("ok {}", value.to_der().map(|d| d.len()).unwrap_or(0)),
        Err(e) => e.to_string(),
    }
}

/// An OCSP response, and the basic response inside it when it decodes.
fn ocsp(der: &[u8]) -> String {
    let outer = outcome::<OcspResponse>(der);
    match OcspResponse::from_der(der).ok().and_then(|r| r.response_bytes) {
        Some(bytes) => format!("{outer}; basic: {}", outcome::<BasicOcspResponse>(bytes.response.as_bytes())),
        None => outer,
    }
}

fn outcomes() -> String {
    let mut lines = String::new();
    for (path, decode) in INPUTS {
        for (what, bytes) in variants(&der_of(path)) {
            lines.push_str(&format!("{path} {what}: {}\n", decode(&bytes)));
        }
    }
    lines
}

#[test]
fn der_decodes_and_fails_as_der_0_7_10() {
    let got = outcomes();
    if std::env::var_os("CERTSCOPE_RECORD_DER_ERRORS").is_some() {
        std::fs::write(RECORD, &got).expect("write the record");
        return;
    }
    let want = std::fs::read_to_string(RECORD).expect("tests/data/der_errors.txt");
    assert!(want.lines().count() > 1000, "the record is too short to say anything");
    // Inputs that decode, and inputs that fail deep inside a structure.
    assert!(want.contains(": ok "), "no input decoded");
    assert!(want.contains("DER byte 4"), "no error deep in a structure");
    for (n, (g, w)) in got.lines().zip(want.lines()).enumerate() {
        assert_eq!(g, w, "line {} of der_errors.txt", n + 1);
    }
    assert_eq!(got.lines().count(), want.lines().count());
}
