//! Hostile objects forged from real fixtures, shared by tests/hostile.rs
//! and tests/malformed.rs: a real certificate is decoded, one field is made
//! absurd, and it is encoded again. Signatures no longer verify, which does
//! not matter: every limit is checked before any signature is.
#![allow(dead_code)]

use der::asn1::{BitString, OctetString};
use der::{Decode, Encode};
use std::str::FromStr;
use x509_cert::ext::Extension;
use x509_cert::name::Name;
use x509_cert::Certificate;

use crate::common::read as data;

pub mod pfx;

/// Amazon Root CA 1 (RSA 2048), the certificate every forgery starts from.
pub fn root_der() -> Vec<u8> {
    data("real/amazon/AmazonRootCA1.cer")
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

pub use crate::common::pem;

// ---- signed forgeries (issue 12) -------------------------------------------
//
// The budget tests need paths that really build, so these certificates are
// signed: P-256 keys from fixed seeds, RFC 6979 deterministic signatures, so
// the same bytes come out on every run.

use const_oid::db::rfc5280::{ID_CE_BASIC_CONSTRAINTS, ID_CE_NAME_CONSTRAINTS, ID_CE_SUBJECT_ALT_NAME};
use const_oid::db::rfc5912::{ECDSA_WITH_SHA_256, ID_EC_PUBLIC_KEY, SECP_256_R_1};
use der::asn1::Ia5String;
use p256::ecdsa::signature::Signer as _;
use spki::{AlgorithmIdentifierOwned, SubjectPublicKeyInfoOwned};
use x509_cert::ext::pkix::constraints::name::GeneralSubtree;
use x509_cert::ext::pkix::name::GeneralName;
use x509_cert::ext::pkix::{BasicConstraints, NameConstraints, SubjectAltName};

/// A P-256 key made from one seed byte (any of 1..=255).
pub struct Key(p256::ecdsa::SigningKey);

impl Key {
    pub fn new(seed: u8) -> Self {
        Key(p256::ecdsa::SigningKey::from_slice(&[seed; 32]).expect("scalar below the order"))
    }

    fn spki(&self) -> SubjectPublicKeyInfoOwned {
        let point = self.0.verifying_key().to_encoded_point(false);
        SubjectPublicKeyInfoOwned {
            algorithm: AlgorithmIdentifierOwned {
                oid: ID_EC_PUBLIC_KEY,
                parameters: Some(der::Any::encode_from(&SECP_256_R_1).expect("curve OID")),
            },
            subject_public_key: BitString::from_bytes(point.as_bytes()).expect("point"),
        }
    }
}

fn extension(oid: der::asn1::ObjectIdentifier, critical: bool, value: &impl Encode) -> Extension {
    Extension {
        extn_id: oid,
        critical,
        extn_value: OctetString::new(value.to_der().expect("extension")).expect("octets"),
    }
}

/// basicConstraints (critical): a CA or an end entity.
pub fn basic_constraints(ca: bool) -> Extension {
    extension(ID_CE_BASIC_CONSTRAINTS, true, &BasicConstraints { ca, path_len_constraint: None })
}

/// subjectAltName with these DNS names.
pub fn dns_san(names: &[String]) -> Extension {
    let names = names.iter().map(|n| GeneralName::DnsName(Ia5String::new(n).expect("IA5"))).collect();
    extension(ID_CE_SUBJECT_ALT_NAME, false, &SubjectAltName(names))
}

/// nameConstraints (critical) permitting these DNS subtrees.
pub fn dns_name_constraints(permitted: &[String]) -> Extension {
    let subtrees = permitted
        .iter()
        .map(|b| GeneralSubtree {
            base: GeneralName::DnsName(Ia5String::new(b).expect("IA5")),
            minimum: 0,
            maximum: None,
        })
        .collect();
    extension(
        ID_CE_NAME_CONSTRAINTS,
        true,
        &NameConstraints { permitted_subtrees: Some(subtrees), excluded_subtrees: None },
    )
}

/// A certificate on Amazon Root CA 1's template (its validity, 2015 to
/// 2038): `subject` (RFC 4514) with `key`, issued by `issuer` and signed
/// with `signer`, ecdsa-with-SHA256, with exactly `extensions`.
pub fn issue(subject: &str, key: &Key, issuer: &str, signer: &Key, serial: u16, extensions: Vec<Extension>) -> Vec<u8> {
    let algorithm = AlgorithmIdentifierOwned { oid: ECDSA_WITH_SHA_256, parameters: None };
    let mut cert = Certificate::from_der(&root_der()).expect("fixture");
    let tbs = &mut cert.tbs_certificate;
    tbs.serial_number =
        x509_cert::serial_number::SerialNumber::new(&[0x10, (serial >> 8) as u8, serial as u8]).expect("serial");
    tbs.signature = algorithm.clone();
    tbs.subject = Name::from_str(subject).expect("subject");
    tbs.issuer = Name::from_str(issuer).expect("issuer");
    tbs.subject_public_key_info = key.spki();
    tbs.extensions = Some(extensions);
    let signed = tbs.to_der().expect("tbs");
    let signature: p256::ecdsa::Signature = signer.0.sign(&signed);
    cert.signature_algorithm = algorithm;
    cert.signature = BitString::from_bytes(signature.to_der().as_bytes()).expect("signature");
    cert.to_der().expect("certificate")
}

/// `count` DNS names of the form `{prefix}{i}.{domain}`.
pub fn dns_names(prefix: &str, domain: &str, count: usize) -> Vec<String> {
    (0..count).map(|i| format!("{prefix}{i}.{domain}")).collect()
}

/// The name-constraint bomb: a self-signed CA whose nameConstraints permit
/// 3,500 DNS subtrees (about 56 KiB, under `max_extension_bytes`) and a
/// leaf it signed whose subjectAltName lists 3,500 DNS names outside them
/// (about 52 KiB): 12 million comparisons unbounded. Returns (leaf, CA).
pub fn name_constraint_bomb() -> (Vec<u8>, Vec<u8>) {
    let ca_key = Key::new(7);
    let leaf_key = Key::new(8);
    let ca_name = "CN=Constraint Bomb CA,O=certscope tests";
    let ca = issue(
        ca_name,
        &ca_key,
        ca_name,
        &ca_key,
        1,
        vec![basic_constraints(true), dns_name_constraints(&dns_names("p", "example", 3_500))],
    );
    let leaf = issue(
        "CN=bomb.test",
        &leaf_key,
        ca_name,
        &ca_key,
        2,
        vec![basic_constraints(false), dns_san(&dns_names("h", "other.test", 3_500))],
    );
    (leaf, ca)
}

/// Amazon Root CA 1 with the last two octets of its serial set to `i`:
/// the same name and key, another certificate (whose own signature no
/// longer verifies). Every length stays the same.
pub fn root_with_serial(i: u16) -> Vec<u8> {
    let der = root_der();
    let cert = Certificate::from_der(&der).expect("fixture");
    let serial = cert.tbs_certificate.serial_number.as_bytes().to_vec();
    let at = der.windows(serial.len()).position(|w| w == serial.as_slice()).expect("serial bytes present");
    let mut out = der.clone();
    let end = at + serial.len();
    out[end - 2..end].copy_from_slice(&i.to_be_bytes());
    out
}

/// The CRL bomb: `n` certificates named Amazon Root CA 1 and `n` copies of
/// its CRL (tests/data/real/amazon/rootca1.crl), in one PEM paste. Every copy's
/// issuer matches every certificate: n² signature checks unbounded.
pub fn crl_bomb(n: u16) -> String {
    let crl = data("real/amazon/rootca1.crl");
    let mut text = String::new();
    for i in 0..n {
        text.push_str(&pem("CERTIFICATE", &root_with_serial(i)));
    }
    for _ in 0..n {
        text.push_str(&pem("X509 CRL", &crl));
    }
    text
}

/// `n` certificates whose subject is the responder name of
/// tests/data/ocsp/resp-sha256.der (byName: Let's Encrypt Authority X3),
/// each with another RSA key: every one is a candidate signer that must be
/// tried.
pub fn responder_namesakes(n: usize) -> String {
    let mut text = String::new();
    for i in 0..n {
        let key = rsa_key(2048 + i, 17);
        let der = reencode(&root_der(), |c| {
            c.tbs_certificate.subject =
                Name::from_str("CN=Let's Encrypt Authority X3,O=Let's Encrypt,C=US").expect("name");
            c.tbs_certificate.subject_public_key_info.subject_public_key = BitString::from_bytes(&key).expect("bits");
        });
        text.push_str(&pem("CERTIFICATE", &der));
    }
    text
}

/// `rsa_key(modulus_bits, exponent_bits)` with `n` written into the
/// modulus's low octets (the last stays odd): as many distinct keys of one
/// size as needed.
pub fn rsa_key_numbered(modulus_bits: usize, exponent_bits: usize, n: u16) -> Vec<u8> {
    let mut key = rsa_key(modulus_bits, exponent_bits);
    let e_content = exponent_bits.div_ceil(8) + usize::from(exponent_bits.is_multiple_of(8));
    let modulus_end = key.len() - (2 + e_content);
    key[modulus_end - 3..modulus_end - 1].copy_from_slice(&n.to_be_bytes());
    key
}

/// The dearest signature budget: a leaf and `count` same-named CAs, each
/// with its own 16,384-bit RSA key and a 33-bit exponent (certscope's
/// largest), and a leaf signature as long as the modulus, so every
/// candidate costs a full modular exponentiation. Returns one PEM paste.
pub fn big_rsa_namesakes(count: u16) -> String {
    let ca = "CN=Big Key CA,O=certscope tests";
    let leaf = reencode(&root_der(), |c| {
        c.tbs_certificate.subject = Name::from_str("CN=big-key-leaf.test").expect("name");
        c.tbs_certificate.issuer = Name::from_str(ca).expect("name");
        c.signature = BitString::from_bytes(&vec![0x01; 16_384 / 8]).expect("signature");
    });
    let mut text = pem("CERTIFICATE", &leaf);
    for i in 0..count {
        let key = rsa_key_numbered(16_384, 33, i);
        let der = reencode(&root_der(), |c| {
            c.tbs_certificate.subject = Name::from_str(ca).expect("name");
            c.tbs_certificate.subject_public_key_info.subject_public_key = BitString::from_bytes(&key).expect("bits");
        });
        text.push_str(&pem("CERTIFICATE", &der));
    }
    text
}

/// `text` followed by newlines up to `len` bytes: as much input as the
/// byte budget allows, nearly all of it blank.
pub fn padded(text: &str, len: usize) -> Vec<u8> {
    let mut bytes = text.as_bytes().to_vec();
    bytes.resize(len, b'\n');
    bytes
}

/// `text`, newlines, then `text` again, `len` bytes in all: the blank
/// space sits inside, so trimming the text (as the page's trust-anchors
/// box does) leaves every byte.
pub fn padded_between(text: &str, len: usize) -> Vec<u8> {
    let mut bytes = padded(text, len - text.len());
    bytes.extend_from_slice(text.as_bytes());
    bytes
}
