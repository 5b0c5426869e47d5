//! Hostile objects forged from real fixtures, shared by tests/hostile.rs
//! and tests/malformed.rs: a real certificate is decoded, one field is made
//! absurd, and it is encoded again. Signatures no longer verify, which does
//! not matter: every limit is checked before any signature is.
#![allow(dead_code)]

use base64::Engine as _;
use der::asn1::{BitString, OctetString};
use der::{Decode, Encode};
use std::path::Path;
use std::str::FromStr;
use x509_cert::ext::Extension;
use x509_cert::name::Name;
use x509_cert::Certificate;

pub fn data(rel: &str) -> Vec<u8> {
    let path = Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/data").join(rel);
    std::fs::read(&path).unwrap_or_else(|e| panic!("{}: {e}", path.display()))
}

/// Amazon Root CA 1 (RSA 2048), the certificate every forgery starts from.
pub fn root_der() -> Vec<u8> {
    data("corpus/amazon/AmazonRootCA1.cer")
}

/// `edit` applied to a decoded copy of `der`, encoded again.
pub fn reencode(der: &[u8], edit: impl FnOnce(&mut Certificate)) -> Vec<u8> {
    let mut cert = Certificate::from_der(der).expect("fixture decodes");
    edit(&mut cert);
    cert.to_der().expect("forgery encodes")
}

/// A subject of `rdns` RDNs, each `CN=` plus `cn_len` letters.
pub fn with_subject(rdns: usize, cn_len: usize) -> Vec<u8> {
    let one = format!("CN={}", "A".repeat(cn_len));
    let text = vec![one; rdns].join(",");
    reencode(&root_der(), |c| c.tbs_certificate.subject = Name::from_str(&text).expect("name"))
}

/// `count` extra private-arc extensions, each with a value of `len` bytes.
pub fn with_extensions(count: usize, len: usize) -> Vec<u8> {
    reencode(&root_der(), |c| {
        let exts = c.tbs_certificate.extensions.get_or_insert_with(Vec::new);
        for i in 0..count {
            let oid = der::asn1::ObjectIdentifier::new(&format!("1.3.6.1.4.1.55555.{}", i + 1)).expect("oid");
            exts.push(Extension {
                extn_id: oid,
                critical: false,
                extn_value: OctetString::new(vec![0x05; len]).expect("octets"),
            });
        }
    })
}

/// One DER element: tag, definite length, content.
pub fn tlv(tag: u8, content: &[u8]) -> Vec<u8> {
    let mut out = vec![tag];
    let len = content.len();
    if len < 0x80 {
        out.push(len as u8);
    } else {
        let bytes = len.to_be_bytes();
        let skip = bytes.iter().take_while(|b| **b == 0).count();
        out.push(0x80 | (bytes.len() - skip) as u8);
        out.extend_from_slice(&bytes[skip..]);
    }
    out.extend_from_slice(content);
    out
}

/// An RSAPublicKey (RFC 8017 §A.1.1) with a `modulus_bits`-bit odd modulus
/// and an `exponent_bits`-bit odd exponent.
pub fn rsa_key(modulus_bits: usize, exponent_bits: usize) -> Vec<u8> {
    let positive = |bits: usize| {
        let mut v = vec![0xc3u8; bits.div_ceil(8)];
        let top = bits % 8;
        if top != 0 {
            v[0] = 1 << (top - 1);
        } else {
            v[0] = 0x80;
        }
        *v.last_mut().unwrap() |= 1;
        // DER INTEGER: a leading zero keeps a set top bit positive.
        if v[0] & 0x80 != 0 {
            v.insert(0, 0);
        }
        v
    };
    let body = [tlv(0x02, &positive(modulus_bits)), tlv(0x02, &positive(exponent_bits))].concat();
    tlv(0x30, &body)
}

/// Amazon Root CA 1 with its key replaced.
pub fn with_rsa_key(modulus_bits: usize, exponent_bits: usize) -> Vec<u8> {
    let key = rsa_key(modulus_bits, exponent_bits);
    reencode(&root_der(), |c| {
        c.tbs_certificate.subject_public_key_info.subject_public_key = BitString::from_bytes(&key).expect("bits");
    })
}

/// Amazon Root CA 1 with a serial number of `len` octets (x509-cert
/// refuses to encode an over-long serial, so the DER is put together here).
pub fn with_serial(len: usize) -> Vec<u8> {
    let cert = Certificate::from_der(&root_der()).expect("fixture");
    let tbs = cert.tbs_certificate.to_der().expect("tbs");
    let header = der::Header::decode(&mut der::SliceReader::new(&tbs).expect("reader")).expect("header");
    let content = &tbs[tbs.len() - usize::try_from(header.length).expect("length")..];
    let old = tlv(0x02, cert.tbs_certificate.serial_number.as_bytes());
    let at = content.windows(old.len()).position(|w| w == old.as_slice()).expect("serial");
    let mut serial = vec![0x42u8; len];
    serial[0] = 0x12;
    let new_content = [&content[..at], &tlv(0x02, &serial)[..], &content[at + old.len()..]].concat();
    let body = [
        tlv(0x30, &new_content),
        cert.signature_algorithm.to_der().expect("alg"),
        cert.signature.to_der().expect("sig"),
    ]
    .concat();
    tlv(0x30, &body)
}

pub fn pem(label: &str, der: &[u8]) -> String {
    let b64 = base64::engine::general_purpose::STANDARD.encode(der);
    let mut out = format!("-----BEGIN {label}-----\n");
    for chunk in b64.as_bytes().chunks(64) {
        out.push_str(std::str::from_utf8(chunk).expect("ASCII"));
        out.push('\n');
    }
    out.push_str(&format!("-----END {label}-----\n"));
    out
}
