//! The certificate as a viewer shows it: every field and extension.
//!
//! Field by field what `openssl x509 -text -fingerprint -serial` shows,
//! with OpenSSL's names, so a user can hold the two side by side.
//! `role` and `signature` are left for `chain` to fill in.

use super::ext_view::extension_view;
use super::name::{attributes, hex_lower};
use super::view::{eku_name, general_name_view, key_usage_names, lenient_general_name_view, policy_text, san_plain};
use super::{Cert, TbsFields};
use crate::report::{CertificateReport, PssParams, Role, SctView, SignatureStatus};
use crate::time::Timestamp;
use crate::verify::{verify_signed, SignatureAlgorithm, Verification};
use base64::Engine;
use der::Encode;
use sha1::Sha1;
use sha2::{Digest, Sha256};
use x509_cert::ext::pkix::{CertificatePolicies, SignedCertificateTimestampList};

/// `own`: the certificate's signature checked with its own key, when it
/// was (see [`self_signed`]).
pub(crate) fn certificate_report(c: &Cert, own: Option<Verification>) -> CertificateReport {
    let tbs = &c.cert.tbs_certificate;
    let (key, key_bits) = c.key_description();
    let algorithm = SignatureAlgorithm::identify(&tbs.signature);
    let bc = c.basic_constraints();
    let tls_features = c.tls_features().map(|(_, v)| v).unwrap_or_default();
    let san_entries: Vec<_> = match c.subject_alt_name() {
        Some((_, san)) => san.0.iter().map(general_name_view).collect(),
        None => c.san_elements().unwrap_or_default().iter().map(lenient_general_name_view).collect(),
    };
    let policies = c
        .extension::<CertificatePolicies>()
        .map(|(_, p)| p.0.iter().map(|pi| policy_text(&pi.policy_identifier)).collect())
        .unwrap_or_default();
    CertificateReport {
        bytes: Vec::new(),
        index: c.index,
        source: c.source.clone(),
        role: Role::Extra,
        version: c.version(),
        subject: c.subject_text().to_string(),
        issuer: c.issuer_text().to_string(),
        short_name: c.display_name(),
        issuer_short_name: c.issuer_display_name(),
        subject_attributes: attributes(&tbs.subject),
        issuer_attributes: attributes(&tbs.issuer),
        serial: serial_hex(tbs.serial_number.as_bytes()),
        sha256: c.sha256_hex(),
        sha1: hex_lower(&Sha1::digest(&c.der)),
        spki_sha256: spki_pin(c),
        key,
        key_bits,
        signature_algorithm: c.signature_algorithm_name(),
        signature_algorithm_oid: tbs.signature.oid.to_string(),
        pss: match &algorithm {
            SignatureAlgorithm::RsaPss(p) => Some(PssParams {
                hash: p.hash.name().to_string(),
                mgf1_hash: p.mgf1_hash.name().to_string(),
                salt_length: p.salt_length,
            }),
            _ => None,
        },
        signature: SignatureStatus::IssuerMissing,
        not_before: c.not_before(),
        not_after: c.not_after(),
        is_ca: bc.as_ref().is_some_and(|b| b.ca),
        path_len_constraint: bc.and_then(|b| b.path_len_constraint),
        self_signed: self_signed(c, own),
        must_staple: c.must_staple(),
        tls_features,
        san: san_entries.iter().filter_map(san_plain).collect(),
        san_entries,
        key_usage: c.key_usage().map(|ku| key_usage_names(&ku)).unwrap_or_default(),
        extended_key_usage: c.extended_key_usage().unwrap_or_default().iter().map(eku_name).collect(),
        subject_key_id: c.subject_key_id().map(hex_lower),
        authority_key_id: c.authority_key_id().map(hex_lower),
        ocsp_urls: c.ocsp_urls().to_vec(),
        ca_issuers_urls: c.ca_issuers_urls().to_vec(),
        crl_urls: c.crl_urls(),
        policies,
        ocsp_nocheck: c.has_ocsp_nocheck(),
        scts: scts(c),
        extensions: c.extension_list().iter().map(extension_view).collect(),
        pem: c.pem().to_string(),
    }
}

/// Self-issued (RFC 5280 §3.3) and its own key verifies its signature.
/// When certscope cannot check the algorithm (Ed448, GOST, MD2), or did
/// not (the analysis's signature budget was spent), the key identifiers
/// decide: no AKI, or an AKI equal to the SKI, names itself.
fn self_signed(c: &Cert, own: Option<Verification>) -> bool {
    if !c.is_self_issued() {
        return false;
    }
    match own {
        Some(Verification::Valid) => true,
        Some(Verification::Invalid) => false,
        Some(Verification::Unsupported(_)) | None => names_itself(c),
    }
}

/// The self-signature check of a self-issued certificate, outside any
/// budget (one certificate's view, as the fuzz target asks for it).
pub(crate) fn own_signature(c: &Cert) -> Option<Verification> {
    c.is_self_issued().then(|| verify_signed(&c.signed_parts(), c.spki()))
}

/// Self-issued, and the key identifiers do not say otherwise: no AKI, or
/// an AKI equal to the SKI. The answer when the signature is not checked.
fn names_itself(c: &Cert) -> bool {
    c.is_self_issued()
        && match (c.authority_key_id(), c.subject_key_id()) {
            (None, _) => true,
            (Some(aki), ski) => ski.as_ref() == Some(&aki),
        }
}

/// Lower-case hex of the serial as `openssl x509 -serial` prints it: the
/// unsigned value, so the sign octet DER puts before a high bit is dropped;
/// a negative serial (RFC 5280 §4.1.2.2 forbids them) gets a `-`.
pub(crate) fn serial_hex(encoded: &[u8]) -> String {
    match encoded {
        [] => "00".to_string(),
        [0x00, next, ..] if *next >= 0x80 => hex_lower(encoded.get(1..).unwrap_or_default()),
        [first, ..] if *first >= 0x80 => {
            // Two's complement magnitude: invert and add one.
            let mut magnitude: Vec<u8> = encoded.iter().map(|b| !b).collect();
            for byte in magnitude.iter_mut().rev() {
                let (sum, carry) = byte.overflowing_add(1);
                *byte = sum;
                if !carry {
                    break;
                }
            }
            let start = magnitude.iter().position(|&b| b != 0).unwrap_or(magnitude.len().saturating_sub(1));
            format!("-{}", hex_lower(magnitude.get(start..).unwrap_or_default()))
        }
        _ => hex_lower(encoded),
    }
}

/// Base64 SHA-256 of the SubjectPublicKeyInfo as encoded (RFC 7469 §2.4).
fn spki_pin(c: &Cert) -> String {
    let spki = match TbsFields::split(&c.tbs) {
        Some(f) => f.spki.to_vec(),
        None => c.spki().to_der().unwrap_or_default(),
    };
    base64::engine::general_purpose::STANDARD.encode(Sha256::digest(&spki))
}

/// Embedded SCTs (RFC 6962 §3.3); an undecodable list gives none here and
/// a line in the extension's details.
fn scts(c: &Cert) -> Vec<SctView> {
    let Some((_, list)) = c.extension::<SignedCertificateTimestampList>() else { return Vec::new() };
    let Ok(serialized) = list.parse_timestamps() else { return Vec::new() };
    serialized.iter().filter_map(|s| s.parse_timestamp().ok()).map(|s| sct_view(&s)).collect()
}

pub(super) fn sct_view(s: &x509_cert::ext::pkix::sct::SignedCertificateTimestamp) -> SctView {
    use x509_cert::ext::pkix::sct::{HashAlgorithm as H, SignatureAlgorithm as S, Version as V};
    let hash = match s.signature.algorithm.hash {
        H::None => "none",
        H::Md5 => "MD5",
        H::Sha1 => "SHA1",
        H::Sha224 => "SHA224",
        H::Sha256 => "SHA256",
        H::Sha384 => "SHA384",
        H::Sha512 => "SHA512",
        H::Intrinsic => "intrinsic",
    };
    // OpenSSL's names for the (hash, signature) pair.
    let signature_algorithm = match s.signature.algorithm.signature {
        S::Ecdsa => format!("ecdsa-with-{hash}"),
        S::Rsa => format!("{}WithRSAEncryption", hash.to_ascii_lowercase()),
        S::Dsa => format!("dsa_with_{hash}"),
        S::Ed25519 => "ED25519".to_string(),
        S::Ed448 => "ED448".to_string(),
        S::Anonymous => format!("anonymous-{hash}"),
    };
    SctView {
        version: match s.version {
            V::V1 => 1,
        },
        log_id: base64::engine::general_purpose::STANDARD.encode(s.log_id.key_id),
        timestamp: Timestamp::from_unix(i64::try_from(s.timestamp / 1000).unwrap_or(i64::MAX)),
        signature_algorithm,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn serials_match_openssl() {
        assert_eq!(serial_hex(&[0x00, 0xb2, 0x4f]), "b24f");
        assert_eq!(serial_hex(&[0x03, 0xd3]), "03d3");
        assert_eq!(serial_hex(&[0x00]), "00");
        assert_eq!(serial_hex(&[0x7f]), "7f");
        // -0x4316693ed, as openssl prints "-04316693ED".
        assert_eq!(serial_hex(&[0xfb, 0xce, 0x99, 0x6c, 0x13]), "-04316693ed");
        assert_eq!(serial_hex(&[0xff]), "-01");
        assert_eq!(serial_hex(&[0x80]), "-80");
    }

    /// Every certificate under tests/data/x509 against what `openssl x509`
    /// says about it (openssl-facts.json, made by openssl-facts.py).
    #[test]
    fn report_fields_match_openssl() {
        use crate::x509::testdata::{ders, path};
        let facts: serde_json::Value =
            serde_json::from_str(&std::fs::read_to_string(path("openssl-facts.json")).unwrap()).unwrap();
        let facts = facts.as_object().unwrap();
        let mut mismatches = Vec::new();
        let mut compared = 0;
        for (key, want) in facts {
            let (rel, i) = key.rsplit_once('#').unwrap();
            let der = &ders(rel)[i.parse::<usize>().unwrap()];
            let source =
                crate::report::Source { input: 0, name: None, block: 1, encoding: crate::report::Encoding::Der };
            let Ok(c) = Cert::from_der(der, source, 0) else {
                mismatches.push(format!("{key}: does not decode"));
                continue;
            };
            let r = c.report();
            let str_of = |v: &serde_json::Value| v.as_str().map(str::to_string);
            let mut check = |field: &str, have: Option<String>| {
                let want = str_of(&want[field]).or_else(|| want[field].as_u64().map(|n| n.to_string()));
                // OpenSSL has no size for EdDSA keys and no GOST support without an engine.
                let unknown_to_openssl = matches!(field, "key_bits" | "spki_sha256") && want.is_none();
                // OpenSSL dumps the undecodable SAN's bytes as text; certscope says it does not decode.
                let undecodable = (key == "limbo-malformed.pem#0" && field == "san")
                    // Its notAfter is not a time (openssl: "Bad time value").
                    || (key == "badasn1time.pem#0" && field == "not_after")
                    // A modulus without its leading zero octet is a negative INTEGER;
                    // openssl reads it unsigned and re-encodes the key before hashing it.
                    || (matches!(key.as_str(), "badasn1time.pem#0" | "negative-modulus.pem#0") && field == "spki_sha256");
                if want != have && !unknown_to_openssl && !undecodable {
                    mismatches.push(format!("{key} {field}: openssl {want:?}, certscope {have:?}"));
                }
            };
            check("subject", Some(r.subject.clone()));
            check("issuer", Some(r.issuer.clone()));
            check("serial", Some(r.serial.clone()));
            check("sha256", Some(r.sha256.clone()));
            check("sha1", Some(r.sha1.clone()));
            check("spki_sha256", Some(r.spki_sha256.clone()));
            check("not_before", Some(r.not_before.to_rfc3339()));
            check("not_after", Some(r.not_after.to_rfc3339()));
            check("version", Some(r.version.to_string()));
            check("signature_algorithm", Some(r.signature_algorithm.clone()));
            check("key_bits", r.key_bits.map(|b| b.to_string()));
            let ext = |name: &str| r.extensions.iter().find(|e| e.name == name).map(|e| e.details.join(", "));
            check("key_usage", ext("Key Usage"));
            check("extended_key_usage", ext("Extended Key Usage"));
            check("basic_constraints", ext("Basic Constraints"));
            // OpenSSL spells IPv6 addresses uncompressed and upper-case.
            if !r.san_entries.iter().any(|e| e.kind == "IP" && e.value.contains(':')) {
                check("san", ext("Subject Alternative Name"));
            }
            compared += 1;
        }
        assert!(compared > 100, "{compared}");
        assert!(mismatches.is_empty(), "{} mismatches:\n{}", mismatches.len(), mismatches.join("\n"));
    }

    fn report(rel: &str) -> CertificateReport {
        crate::x509::testdata::cert(rel).report()
    }

    #[test]
    fn must_staple_leaf_report() {
        let r = report("tls-feature-ocsp-staple.pem");
        assert_eq!(r.version, 3);
        assert_eq!(r.subject, "CN=scotthelme.co.uk");
        assert_eq!(r.issuer, "CN=Let's Encrypt Authority X3,O=Let's Encrypt,C=US");
        assert_eq!(r.issuer_attributes.iter().map(|a| a.name.as_str()).collect::<Vec<_>>(), ["C", "O", "CN"]);
        assert_eq!(r.serial, "04092a5463d8e6ebd8e26103ecfede9aaffa");
        assert!(r.must_staple);
        assert_eq!(r.tls_features, [5]);
        assert!(!r.is_ca && !r.self_signed);
        assert_eq!(r.key, "RSA-2048");
        assert_eq!(r.signature_algorithm_oid, "1.2.840.113549.1.1.11");
        assert!(r.pss.is_none());
        assert_eq!(r.key_usage, ["Digital Signature", "Key Encipherment"]);
        assert_eq!(r.extended_key_usage, ["TLS Web Server Authentication", "TLS Web Client Authentication"]);
        assert_eq!(r.san.first().map(String::as_str), Some("rsa2048.scotthelme.co.uk"));
        assert!(r.san_entries.iter().all(|e| e.kind == "DNS"));
        assert_eq!(r.subject_key_id.as_deref(), Some("975fb625552485229048bef3e3f1d354bffe0045"));
        assert_eq!(r.ocsp_urls, ["http://ocsp.int-x3.letsencrypt.org"]);
        assert_eq!(
            r.policies,
            ["2.23.140.1.2.1 (CA/B Forum Domain Validated)", "1.3.6.1.4.1.44947.1.1.1 (ISRG Domain Validated)"]
        );
        let tf = r.extensions.iter().find(|e| e.name == "TLS Feature").unwrap();
        assert_eq!((tf.oid.as_str(), tf.critical), ("1.3.6.1.5.5.7.1.24", false));
        assert_eq!(tf.details, ["status_request (OCSP Must-Staple)"]);
        let cp = r.extensions.iter().find(|e| e.name == "Certificate Policies").unwrap();
        assert!(cp.details.iter().any(|l| l == "CPS: http://cps.letsencrypt.org"), "{:?}", cp.details);
        assert!(cp.details.iter().any(|l| l.starts_with("User Notice: This Certificate may only be relied upon")));
        let aia = r.extensions.iter().find(|e| e.name == "Authority Information Access").unwrap();
        assert_eq!(aia.details[0], "OCSP - URI:http://ocsp.int-x3.letsencrypt.org");
        assert_eq!(r.extensions.len(), 9);
        assert!(r.pem.starts_with("-----BEGIN CERTIFICATE-----\n") && r.pem.ends_with("-----END CERTIFICATE-----\n"));
        let (_, der) = der::pem::decode_vec(r.pem.as_bytes()).unwrap();
        assert_eq!(hex_lower(&Sha256::digest(der)), r.sha256);
    }

    #[test]
    fn embedded_scts_match_openssl() {
        let r = report("cryptography-scts.pem");
        assert_eq!(r.scts.len(), 2);
        let first = &r.scts[0];
        assert_eq!(first.version, 1);
        // Log ID 29:3C:51:96:…:F4:78, Sep 26 20:56:33.769 2018 GMT, ecdsa-with-SHA256.
        let id = base64::engine::general_purpose::STANDARD.decode(&first.log_id).unwrap();
        assert_eq!(hex_lower(&id), "293c519654c83965baaa50fc5807d4b76fbf587a2972dca4c30cf4e54547f478");
        assert_eq!(first.timestamp.to_rfc3339(), "2018-09-26T20:56:33Z");
        assert_eq!(first.signature_algorithm, "ecdsa-with-SHA256");
        let ext = r.extensions.iter().find(|e| e.oid == "1.3.6.1.4.1.11129.2.4.2").unwrap();
        assert_eq!(ext.name, "CT Precertificate SCTs");
        assert_eq!(ext.details.len(), 2);
    }

    #[test]
    fn pss_parameters_are_reported() {
        let r = report("custom-rsa_pss_cert.pem");
        assert_eq!(r.signature_algorithm, "rsassaPss");
        assert_eq!(r.key, "RSA-PSS-2048");
        assert_eq!(r.pss, Some(PssParams { hash: "sha256".into(), mgf1_hash: "sha256".into(), salt_length: 32 }));
        assert!(r.self_signed);
        // All defaults: SHA-1, MGF1 with SHA-1, salt 20.
        let r = report("ee-pss-sha1-cert.pem");
        assert_eq!(r.pss, Some(PssParams { hash: "sha1".into(), mgf1_hash: "sha1".into(), salt_length: 20 }));
    }

    #[test]
    fn self_signed_needs_the_signature() {
        assert!(report("accvraiz1.pem").self_signed);
        assert!(report("root-ed25519.pem").self_signed);
        assert!(report("root-ed448.pem").self_signed);
        // Self-issued but signed by another key (RFC 8410 example: X25519 key).
        let r = report("ed25519-rfc8410.pem");
        assert!(!r.self_signed);
        assert_eq!(r.key, "X25519");
        assert!(!report("letsencryptx3.pem").self_signed);
    }

    #[test]
    fn odd_fields_render() {
        let r = report("custom-negative_serial.pem");
        assert_eq!(r.serial, "-04316693ed");
        let r = report("v1_cert.pem");
        assert_eq!(r.version, 1);
        assert!(r.extensions.is_empty());
        assert_eq!(r.signature_algorithm, "md5WithRSAEncryption");
        let r = report("e-trust.ru.der");
        let inn = r.subject_attributes.iter().find(|a| a.name == "INN").unwrap();
        assert_eq!((inn.oid.as_str(), inn.value.as_str()), ("1.2.643.3.131.1.1", "007710474375"));
        assert!(r.subject.starts_with("CN=Головной удостоверяющий центр,INN=007710474375"));
        let r = report("department-of-state-root.pem");
        let nc = r.extensions.iter().find(|e| e.name == "Name Constraints").unwrap();
        assert!(nc.critical);
        assert!(nc.details.iter().all(|l| l.starts_with("Permitted: ") || l.starts_with("Excluded: ")));
        // An unknown extension shows as OID + hex.
        let r = report("cryptography.io.precert.pem");
        let poison = r.extensions.iter().find(|e| e.oid == "1.3.6.1.4.1.11129.2.4.3").unwrap();
        assert!(poison.critical);
    }
}
