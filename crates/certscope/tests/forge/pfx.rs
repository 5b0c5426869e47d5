//! Hostile PKCS#12 files, built byte by byte around the fixtures of
//! `tests/data/pfx/` (made by `openssl pkcs12 -export`, `make.sh`), for
//! tests/pkcs12_hostile.rs and the benchmark's `budget/` group.

use super::tlv;
use crate::common::read as data;
use der::asn1::ObjectIdentifier;
use der::{Decode, Encode};

pub const BILLION: u32 = 1_000_000_000;

const ID_DATA: &str = "1.2.840.113549.1.7.1";
const ID_ENCRYPTED_DATA: &str = "1.2.840.113549.1.7.6";
const PBES2: &str = "1.2.840.113549.1.5.13";
const PBKDF2: &str = "1.2.840.113549.1.5.12";
const AES_256_CBC: &str = "2.16.840.1.101.3.4.1.42";
pub const PBE_SHA1_3DES: &str = "1.2.840.113549.1.12.1.3";
const CERT_BAG: &str = "1.2.840.113549.1.12.10.1.3";
const SECRET_BAG: &str = "1.2.840.113549.1.12.10.1.5";
const SAFE_CONTENTS_BAG: &str = "1.2.840.113549.1.12.10.1.6";
const X509_CERTIFICATE: &str = "1.2.840.113549.1.9.22.1";
const KEY_BAG: &str = "1.2.840.113549.1.12.10.1.1";
const LOCAL_KEY_ID: &str = "1.2.840.113549.1.9.21";

pub fn fixture(name: &str) -> Vec<u8> {
    data(&format!("pfx/{name}"))
}

pub fn seq(parts: &[&[u8]]) -> Vec<u8> {
    tlv(0x30, &parts.concat())
}

pub fn oid(dotted: &str) -> Vec<u8> {
    ObjectIdentifier::new_unwrap(dotted).to_der().unwrap()
}

pub fn int(n: u32) -> Vec<u8> {
    der::asn1::Uint::new(&n.to_be_bytes()).unwrap().to_der().unwrap()
}

pub fn octets(b: &[u8]) -> Vec<u8> {
    tlv(0x04, b)
}

/// `[0] EXPLICIT`
pub fn explicit0(inner: &[u8]) -> Vec<u8> {
    tlv(0xa0, inner)
}

/// SafeBag (RFC 7292 §4.2) without attributes.
pub fn bag(id: &str, value: &[u8]) -> Vec<u8> {
    seq(&[&oid(id), &explicit0(value)])
}

pub fn cert_bag(cert_der: &[u8]) -> Vec<u8> {
    bag(CERT_BAG, &seq(&[&oid(X509_CERTIFICATE), &explicit0(&octets(cert_der))]))
}

/// A PFX without a MAC whose AuthenticatedSafe holds `infos` (ContentInfos).
pub fn pfx(infos: &[Vec<u8>]) -> Vec<u8> {
    let refs: Vec<&[u8]> = infos.iter().map(Vec::as_slice).collect();
    with_auth_safe(&seq(&refs))
}

/// A PFX without a MAC around `auth_safe`, whatever its bytes.
pub fn with_auth_safe(auth_safe: &[u8]) -> Vec<u8> {
    seq(&[&int(3), &seq(&[&oid(ID_DATA), &explicit0(&octets(auth_safe))])])
}

/// An AuthenticatedSafe in BER that is all structure: `depth`
/// indefinite-length SEQUENCEs around `count` NULLs, each of which the
/// BER rewrite handles as an element of its own.
pub fn ber_auth_safe(depth: usize, count: usize) -> Vec<u8> {
    let mut inner = [0x05u8, 0x00].repeat(count);
    for _ in 0..depth {
        inner = [&[0x30, 0x80][..], &inner, &[0x00, 0x00]].concat();
    }
    inner
}

/// A ContentInfo of type data holding `bags` (a SafeContents).
pub fn data_info(bags: &[Vec<u8>]) -> Vec<u8> {
    let refs: Vec<&[u8]> = bags.iter().map(Vec::as_slice).collect();
    seq(&[&oid(ID_DATA), &explicit0(&octets(&seq(&refs)))])
}

/// A ContentInfo of type encryptedData whose content is encrypted with `alg`.
pub fn encrypted_info(alg: &[u8]) -> Vec<u8> {
    let content = tlv(0x80, &[0u8; 32]); // [0] IMPLICIT encryptedContent
    let eci = seq(&[&oid(ID_DATA), alg, &content]);
    seq(&[&oid(ID_ENCRYPTED_DATA), &explicit0(&seq(&[&int(0), &eci]))])
}

/// PBES2 with PBKDF2 (HMAC-SHA-1, the default PRF) over `rounds` and AES-256-CBC.
pub fn pbes2(rounds: u32) -> Vec<u8> {
    let kdf = seq(&[&oid(PBKDF2), &seq(&[&octets(&[7u8; 8]), &int(rounds)])]);
    let cipher = seq(&[&oid(AES_256_CBC), &octets(&[9u8; 16])]);
    seq(&[&oid(PBES2), &seq(&[&kdf, &cipher])])
}

/// The DER of a one-block PEM file.
pub fn pem_der(pem: &[u8]) -> Vec<u8> {
    der::pem::decode_vec(pem).expect("one PEM block").1
}

/// The leaf certificate of the PFX fixtures.
pub fn leaf_der() -> Vec<u8> {
    pem_der(&fixture("leaf.crt"))
}

/// default.pfx as exported (HMAC-SHA-256 MAC), its MAC's iteration count
/// set to `rounds`.
pub fn mac_iterations(rounds: u32) -> Vec<u8> {
    let mut pfx = pkcs12::pfx::Pfx::from_der(&fixture("default.pfx")).unwrap();
    pfx.mac_data.as_mut().unwrap().iterations = i32::try_from(rounds).unwrap();
    pfx.to_der().unwrap()
}

/// The leaf at depth 1, and again under `depth` levels of safeContentsBag.
pub fn nested(depth: usize) -> Vec<u8> {
    let leaf = leaf_der();
    let mut deep = cert_bag(&leaf);
    for _ in 0..depth {
        deep = bag(SAFE_CONTENTS_BAG, &seq(&[&deep]));
    }
    let shallow = bag(SAFE_CONTENTS_BAG, &seq(&[&cert_bag(&leaf)]));
    pfx(&[data_info(&[shallow, deep])])
}

/// The leaf, `count` secret bags (each a few bytes) nested one level,
/// then the leaf again.
pub fn many_bags(count: usize) -> Vec<u8> {
    let leaf = leaf_der();
    let secret = bag(SECRET_BAG, &seq(&[&oid(ID_DATA), &explicit0(&octets(b"x"))]));
    let many: Vec<Vec<u8>> = std::iter::repeat_n(secret, count).collect();
    let refs: Vec<&[u8]> = many.iter().map(Vec::as_slice).collect();
    let nested = bag(SAFE_CONTENTS_BAG, &seq(&refs));
    pfx(&[data_info(&[cert_bag(&leaf), nested, cert_bag(&leaf)])])
}

/// A certificate bag and a plain keyBag, both marked with localKeyId 01.
pub fn marked_pair(cert_der: &[u8], key_pem: &[u8]) -> Vec<u8> {
    let mark = tlv(0x31, &seq(&[&oid(LOCAL_KEY_ID), &tlv(0x31, &octets(&[1]))]));
    let cert =
        seq(&[&oid(CERT_BAG), &explicit0(&seq(&[&oid(X509_CERTIFICATE), &explicit0(&octets(cert_der))])), &mark]);
    let key = seq(&[&oid(KEY_BAG), &explicit0(&pem_der(key_pem)), &mark]);
    pfx(&[data_info(&[cert, key])])
}
