//! Writes Mozilla's root store (webpki-root-certs) into `OUT_DIR` in the
//! form certscope needs, without the roots' signatures.
//!
//! Trust in an anchor comes from the store, not from its self-signature
//! (RFC 5280 §6.1.1 (d): an anchor is a name and a key), so the signature
//! values, about a third of each root and incompressible, are left out of
//! the web app's wasm. What stays is everything a path uses: the exact
//! tbsCertificate (names, key, validity, extensions), the outer
//! signatureAlgorithm, and the SHA-256 of the whole certificate (its
//! fingerprint in reports and the byte-equality test). `chain/anchors.rs`
//! rebuilds a certificate from these; its tests check every root against
//! the full DER.
//!
//! Format, per root: tbs length (u16 big-endian), tbs, signatureAlgorithm
//! length (u8), signatureAlgorithm, SHA-256 (32 octets).

use sha2::{Digest, Sha256};
use std::path::PathBuf;

/// (whole TLV, content, rest) of the DER element at the start of `bytes`.
fn tlv(bytes: &[u8]) -> (&[u8], &[u8], &[u8]) {
    let first = bytes[1];
    let (len, header) = if first < 0x80 {
        (usize::from(first), 2)
    } else {
        let n = usize::from(first & 0x7f);
        (bytes[2..2 + n].iter().fold(0usize, |acc, &b| acc * 256 + usize::from(b)), 2 + n)
    };
    (&bytes[..header + len], &bytes[header..header + len], &bytes[header + len..])
}

fn main() {
    let mut out = Vec::new();
    for root in webpki_root_certs::TLS_SERVER_ROOT_CERTS {
        let der: &[u8] = root.as_ref();
        let (whole, cert, rest) = tlv(der);
        assert!(rest.is_empty() && whole.len() == der.len(), "a root is not one DER element");
        let (tbs, _, after_tbs) = tlv(cert);
        let (algorithm, _, _signature) = tlv(after_tbs);
        out.extend_from_slice(&u16::try_from(tbs.len()).expect("tbs under 64 KB").to_be_bytes());
        out.extend_from_slice(tbs);
        out.push(u8::try_from(algorithm.len()).expect("algorithm under 256 octets"));
        out.extend_from_slice(algorithm);
        out.extend_from_slice(&Sha256::digest(der));
    }
    let dir = PathBuf::from(std::env::var_os("OUT_DIR").expect("cargo sets OUT_DIR"));
    std::fs::write(dir.join("mozilla_roots.bin"), out).expect("OUT_DIR is writable");
    println!("cargo:rerun-if-changed=build.rs");
}
