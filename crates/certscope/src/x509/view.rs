//! Text for the values inside certificates: general names, key usages, EKU
//! purposes, policies, SCTs, with OpenSSL's wording where it has one so
//! users can compare with `openssl x509 -text`.

use super::name::{hex_lower, rfc4514, value_text};
use crate::oid;
use crate::report::GeneralNameView;
use const_oid::db::rfc5280;
use const_oid::ObjectIdentifier;
use std::net::{Ipv4Addr, Ipv6Addr};
use x509_cert::ext::pkix::name::GeneralName;
use x509_cert::ext::pkix::{KeyUsage, KeyUsages};

/// An IP address (4 or 16 octets) as text; a name-constraint address with
/// its mask (8 or 32 octets) as `address/mask`; anything else as hex.
pub(crate) fn ip_text(bytes: &[u8]) -> String {
    if let Ok(v4) = <[u8; 4]>::try_from(bytes) {
        return Ipv4Addr::from(v4).to_string();
    }
    if let Ok(v6) = <[u8; 16]>::try_from(bytes) {
        return Ipv6Addr::from(v6).to_string();
    }
    if bytes.len() == 8 || bytes.len() == 32 {
        let (addr, mask) = bytes.split_at(bytes.len() / 2);
        return format!("{}/{}", ip_text(addr), ip_text(mask));
    }
    format!("#{}", hex_lower(bytes))
}

/// UPN (Microsoft) and SmtpUTF8Mailbox (RFC 8398) other names are strings;
/// x509-cert has already unwrapped the `[0] EXPLICIT` around the value.
fn other_name_text(type_id: &ObjectIdentifier, value: &der::Any) -> String {
    match value_text(value) {
        Some(t) => format!("{type_id};{t}"),
        None => format!("{type_id};#{}", hex_lower(value.value())),
    }
}

/// (kind, value) as the report names them.
pub(crate) fn general_name_view(name: &GeneralName) -> GeneralNameView {
    let (kind, value) = match name {
        GeneralName::DnsName(s) => ("DNS", s.to_string()),
        GeneralName::IpAddress(o) => ("IP", ip_text(o.as_bytes())),
        GeneralName::Rfc822Name(s) => ("email", s.to_string()),
        GeneralName::UniformResourceIdentifier(s) => ("URI", s.to_string()),
        GeneralName::DirectoryName(n) => ("DirName", rfc4514(n)),
        GeneralName::RegisteredId(oid) => ("RID", oid.to_string()),
        GeneralName::OtherName(o) => ("otherName", other_name_text(&o.type_id, &o.value)),
        GeneralName::EdiPartyName(e) => {
            let party = directory_string_text(&e.party_name);
            ("ediPartyName", party)
        }
    };
    GeneralNameView { kind: kind.to_string(), value }
}

fn directory_string_text(d: &x509_cert::ext::pkix::name::DirectoryString) -> String {
    use x509_cert::ext::pkix::name::DirectoryString as D;
    match d {
        D::PrintableString(s) => s.to_string(),
        D::TeletexString(s) => s.to_string(),
        D::Utf8String(s) => s.to_string(),
    }
}

/// The entries of a GeneralNames SEQUENCE, each undecoded, so one bad
/// entry does not hide the others.
pub(crate) fn general_name_elements(der: &[u8]) -> Option<Vec<der::Any>> {
    <Vec<der::Any> as der::Decode>::from_der(der).ok()
}

/// A GeneralName read leniently: IA5String names holding UTF-8 (RFC 5280
/// forbids it; real CAs did it, and OpenSSL shows them) stay readable.
pub(crate) fn lenient_general_name_view(element: &der::Any) -> GeneralNameView {
    use der::{Decode, Encode, Tag, Tagged};
    if let Some(name) = element.to_der().ok().and_then(|d| GeneralName::from_der(&d).ok()) {
        return general_name_view(&name);
    }
    let bytes = element.value();
    let text = || String::from_utf8_lossy(bytes).into_owned();
    let (kind, value) = match element.tag() {
        Tag::ContextSpecific { number, .. } => match number.value() {
            1 => ("email", text()),
            2 => ("DNS", text()),
            6 => ("URI", text()),
            7 => ("IP", ip_text(bytes)),
            _ => ("unknown", format!("#{}", hex_lower(bytes))),
        },
        _ => ("unknown", format!("#{}", hex_lower(bytes))),
    };
    GeneralNameView { kind: kind.to_string(), value }
}

/// `DNS:example.com`, as in `openssl x509 -text`.
pub(crate) fn general_name_line(name: &GeneralName) -> String {
    view_line(&general_name_view(name))
}

pub(crate) fn view_line(v: &GeneralNameView) -> String {
    // Every other kind OpenSSL labels as the report does.
    let label = openssl_label(&v.kind).unwrap_or(&v.kind);
    format!("{label}:{}", v.value)
}

/// OpenSSL's label for a general-name kind, where it differs from the
/// report's.
fn openssl_label(kind: &str) -> Option<&'static str> {
    (kind == "IP").then_some("IP Address")
}

/// The plain SAN strings: DNS names, IP addresses, emails and URIs.
pub(crate) fn san_plain(view: &GeneralNameView) -> Option<String> {
    matches!(view.kind.as_str(), "DNS" | "IP" | "email" | "URI").then(|| view.value.clone())
}

/// OpenSSL's names for the keyUsage bits (RFC 5280 §4.2.1.3), in bit order.
pub(crate) fn key_usage_names(ku: &KeyUsage) -> Vec<String> {
    [
        (KeyUsages::DigitalSignature, "Digital Signature"),
        (KeyUsages::NonRepudiation, "Non Repudiation"),
        (KeyUsages::KeyEncipherment, "Key Encipherment"),
        (KeyUsages::DataEncipherment, "Data Encipherment"),
        (KeyUsages::KeyAgreement, "Key Agreement"),
        (KeyUsages::KeyCertSign, "Certificate Sign"),
        (KeyUsages::CRLSign, "CRL Sign"),
        (KeyUsages::EncipherOnly, "Encipher Only"),
        (KeyUsages::DecipherOnly, "Decipher Only"),
    ]
    .into_iter()
    .filter(|(bit, _)| ku.0.contains(*bit))
    .map(|(_, name)| name.to_string())
    .collect()
}

/// OpenSSL's long names for extended key usage purposes.
const EKU_NAMES: &[(ObjectIdentifier, &str)] = &[
    (rfc5280::ID_KP_SERVER_AUTH, "TLS Web Server Authentication"),
    (rfc5280::ID_KP_CLIENT_AUTH, "TLS Web Client Authentication"),
    (rfc5280::ID_KP_CODE_SIGNING, "Code Signing"),
    (rfc5280::ID_KP_EMAIL_PROTECTION, "E-mail Protection"),
    (oid::ID_KP_IPSEC_END_SYSTEM, "IPSec End System"),
    (oid::ID_KP_IPSEC_TUNNEL, "IPSec Tunnel"),
    (oid::ID_KP_IPSEC_USER, "IPSec User"),
    (rfc5280::ID_KP_TIME_STAMPING, "Time Stamping"),
    (rfc5280::ID_KP_OCSP_SIGNING, "OCSP Signing"),
    (oid::ID_KP_IPSEC_IKE, "ipsec Internet Key Exchange"),
    (rfc5280::ANY_EXTENDED_KEY_USAGE, "Any Extended Key Usage"),
    (oid::MS_SERVER_GATED_CRYPTO, "Microsoft Server Gated Crypto"),
    (oid::MS_ENCRYPTED_FILE_SYSTEM, "Microsoft Encrypted File System"),
    (oid::MS_SMARTCARD_LOGIN, "Microsoft Smartcard Login"),
    (oid::MS_INDIVIDUAL_CODE_SIGNING, "Microsoft Individual Code Signing"),
    (oid::MS_COMMERCIAL_CODE_SIGNING, "Microsoft Commercial Code Signing"),
    (oid::MS_TRUST_LIST_SIGNING, "Microsoft Trust List Signing"),
    (oid::NETSCAPE_SERVER_GATED_CRYPTO, "Netscape Server Gated Crypto"),
    (oid::PKINIT_CLIENT_AUTH, "PKINIT Client Auth"),
    (oid::PKINIT_KDC, "Signing KDC Response"),
];

/// OpenSSL's long name for an extended key usage purpose it names.
pub(crate) fn eku_known_name(purpose: &ObjectIdentifier) -> Option<&'static str> {
    EKU_NAMES.iter().find(|(id, _)| id == purpose).map(|&(_, name)| name)
}

/// OpenSSL's long name for an extended key usage purpose, else the OID.
pub(crate) fn eku_name(purpose: &ObjectIdentifier) -> String {
    // A purpose OpenSSL does not name shows as its dotted OID.
    EKU_NAMES.iter().find(|(id, _)| id == purpose).map_or_else(|| purpose.to_string(), |(_, name)| name.to_string())
}

/// Names for well-known certificate policies (CA/B Forum, RFC 5280).
const POLICY_NAMES: &[(ObjectIdentifier, &str)] = &[
    (rfc5280::ANY_POLICY, "anyPolicy"),
    (oid::CABF_EV, "CA/B Forum Extended Validation"),
    (oid::CABF_DOMAIN_VALIDATED, "CA/B Forum Domain Validated"),
    (oid::CABF_ORGANIZATION_VALIDATED, "CA/B Forum Organization Validated"),
    (oid::CABF_INDIVIDUAL_VALIDATED, "CA/B Forum Individual Validated"),
    (oid::CABF_EV_CODE_SIGNING, "CA/B Forum EV Code Signing"),
    (oid::CABF_CODE_SIGNING, "CA/B Forum Code Signing"),
    (oid::CABF_SMIME_MAILBOX_LEGACY, "CA/B Forum S/MIME Mailbox Legacy"),
    (oid::ISRG_DOMAIN_VALIDATED, "ISRG Domain Validated"),
];

/// A name for a well-known certificate policy.
pub(crate) fn policy_name(policy: &ObjectIdentifier) -> Option<&'static str> {
    POLICY_NAMES.iter().find(|(id, _)| id == policy).map(|&(_, name)| name)
}

/// `2.23.140.1.2.1 (CA/B Forum Domain Validated)`, or the bare OID.
pub(crate) fn policy_text(oid: &ObjectIdentifier) -> String {
    match policy_name(oid) {
        Some(name) => format!("{oid} ({name})"),
        None => oid.to_string(),
    }
}

/// Colon-separated upper-case hex, as OpenSSL shows key identifiers.
pub(crate) use crate::hex::upper_colons as colon_hex;

/// TLS Feature values (RFC 7633) by their TLS extension names (RFC 6066
/// §8, RFC 6961 §2).
pub(crate) fn tls_feature_name(value: u16) -> Option<&'static str> {
    match value {
        5 => Some("status_request (OCSP Must-Staple)"),
        17 => Some("status_request_v2"),
        _ => None,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn ip_addresses_read_as_text() {
        assert_eq!(ip_text(&[192, 0, 2, 1]), "192.0.2.1");
        assert_eq!(ip_text(&[0x20, 0x01, 0x0d, 0xb8, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 1]), "2001:db8::1");
        assert_eq!(ip_text(&[10, 0, 0, 0, 255, 0, 0, 0]), "10.0.0.0/255.0.0.0");
        assert_eq!(ip_text(&[1, 2, 3]), "#010203");
    }

    #[test]
    fn eku_and_policy_names() {
        assert_eq!(eku_name(&ObjectIdentifier::new_unwrap("1.3.6.1.5.5.7.3.1")), "TLS Web Server Authentication");
        assert_eq!(eku_name(&ObjectIdentifier::new_unwrap("1.2.3.4")), "1.2.3.4");
        assert_eq!(
            policy_text(&ObjectIdentifier::new_unwrap("2.23.140.1.2.1")),
            "2.23.140.1.2.1 (CA/B Forum Domain Validated)"
        );
    }
}
