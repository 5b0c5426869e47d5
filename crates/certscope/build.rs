//! Writes Mozilla's root store (webpki-root-certs) and the Public Suffix
//! List's ICANN rules (`data/psl-icann.txt`) into `OUT_DIR` in the forms
//! certscope needs.
//!
//! ## Roots, without their signatures
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
//!
//! ## Public suffix rules, front-coded
//!
//! Each rule with its labels in reverse order (`*.kawasaki.jp` →
//! `jp.kawasaki.*`), sorted by bytes, so that a country's rules sit
//! together; each line is one octet, how many leading bytes it shares with
//! the line before, then the rest and `\n`. 91 KB of rules become 51 KB,
//! 25 KB gzip instead of 33 (`chain/suffix.rs` expands them once).

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
    let manifest = PathBuf::from(std::env::var_os("CARGO_MANIFEST_DIR").expect("cargo sets CARGO_MANIFEST_DIR"));
    let list = std::fs::read_to_string(manifest.join("data/psl-icann.txt")).expect("data/psl-icann.txt is readable");
    std::fs::write(dir.join("psl-icann.bin"), front_coded(&list)).expect("OUT_DIR is writable");
    println!("cargo:rerun-if-changed=build.rs");
    println!("cargo:rerun-if-changed=data/psl-icann.txt");
}

/// The list's rules (not its `//` header), labels reversed, sorted and
/// front-coded (see the module doc).
fn front_coded(list: &str) -> Vec<u8> {
    let mut rules: Vec<String> = list
        .lines()
        .filter(|l| !l.is_empty() && !l.starts_with("//"))
        .map(|l| l.split('.').rev().collect::<Vec<_>>().join("."))
        .collect();
    rules.sort();
    rules.dedup();
    let mut out = Vec::new();
    let mut previous: &[u8] = &[];
    for rule in &rules {
        let rule = rule.as_bytes();
        let shared = rule.iter().zip(previous).take_while(|(a, b)| a == b).count().min(255);
        out.push(u8::try_from(shared).expect("at most 255"));
        out.extend_from_slice(&rule[shared..]);
        out.push(b'\n');
        previous = rule;
    }
    out
}
