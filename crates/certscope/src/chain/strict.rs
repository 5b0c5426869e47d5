//! The certificate profile: RFC 5280 and CA/B Forum Baseline Requirements
//! MUSTs that strict validators (pyca/cryptography, Go, rustls-webpki)
//! enforce and browsers mostly do not.
//!
//! Every rule here emits a strict-only code (`Code::strict_only`): an error
//! under `Profile::Strict`, a warning under `Profile::Browsers`. Roots from
//! Mozilla's store are vetted, so their profile is not judged. A lone
//! trusted root pasted to inspect it is not judged as a leaf.

use super::suffix;
use super::validate::{PathView, Step};
use crate::options::Profile;
use crate::report::{Code, Finding};
use crate::verify::{Curve, KeyKind};
use const_oid::db::rfc4519::CN;
use const_oid::db::rfc5280::ANY_EXTENDED_KEY_USAGE;
use const_oid::ObjectIdentifier;
use x509_cert::ext::pkix::name::GeneralName;

use const_oid::db::rfc5280::{
    ID_CE_BASIC_CONSTRAINTS, ID_CE_NAME_CONSTRAINTS, ID_CE_POLICY_CONSTRAINTS, ID_CE_SUBJECT_KEY_IDENTIFIER,
    ID_PE_AUTHORITY_INFO_ACCESS,
};

/// Runs every profile rule over the path.
pub(crate) fn check_profile(path: &PathView<'_>, profile: Profile, findings: &mut Vec<Finding>) {
    let first = findings.len();
    let lone_root = path.steps.len() == 1 && path.trusted;
    for (k, step) in path.steps.iter().enumerate() {
        if step.from_mozilla {
            continue;
        }
        let is_leaf = k == 0 && !lone_root;
        // The trust anchor's fields are inputs to validation (RFC 5280
        // §6.1.1 (d)), not checked against it; real roots with serial 0
        // (Starfield G2) are trusted everywhere.
        let is_anchor = k + 1 == path.steps.len() && path.trusted;
        let is_root = is_anchor && path.top_self_signed;
        // An anchor that is also the certificate being checked (a pinned
        // leaf) is judged like any other. Other anchors' version and serial
        // are not: v1 roots and a serial of 0 (Starfield G2) are trusted
        // by every validator.
        if !is_anchor || path.steps.len() == 1 {
            check_version(step, findings);
            check_serial(step, findings);
        }
        check_key(step, findings);
        check_issuer_not_empty(step, findings);
        check_aki(step, is_anchor, findings);
        check_ski(step, findings);
        check_critical_flags(step, findings);
        check_keycertsign_needs_ca(step, findings);
        if is_root {
            check_root_aki(step, findings);
            check_root_has_no_eku(step, findings);
        }
        if is_leaf {
            check_san_criticality(step, findings);
            check_san_dns_syntax(step, findings);
            check_wildcard_suffix(step, findings);
            // A CA certificate at the end of a path is judged by the CA
            // profile, and `ca-used-as-leaf` says it is one; the subscriber
            // profile's EKU rules (BR §7.1.2.7) are not its rules.
            if !is_ca(step) {
                check_leaf_eku(step, findings);
            }
            check_leaf_marked_ca(step, findings);
            check_cn_in_san(step, findings);
        }
    }
    for f in findings.iter_mut().skip(first) {
        *f = f.clone().for_profile(profile);
    }
}

/// Whether every certificate above the leaf meets the profile, for path
/// building to prefer a path that strict validators accept too (limbo's
/// `cve::cve-2024-0567`: a root cross-signed without an AKI beside the same
/// root trusted directly). The leaf's own rules are the same on every path,
/// so they do not steer the search.
pub(crate) fn issuers_conform(path: &PathView<'_>) -> bool {
    let mut findings = Vec::new();
    check_profile(path, Profile::Strict, &mut findings);
    let leaf = path.steps.first().and_then(|s| s.index);
    findings.iter().all(|f| f.certificate.is_some() && f.certificate == leaf)
}

fn is_ca(step: &Step<'_>) -> bool {
    step.cert.basic_constraints().is_some_and(|b| b.ca)
}

/// The critical flag of the extension `oid`, if the certificate has it.
fn critical(step: &Step<'_>, oid: ObjectIdentifier) -> Option<bool> {
    step.cert.extension_list().iter().find(|e| e.extn_id == oid).map(|e| e.critical)
}

/// RFC 5280 §4.1.2.1; CA/B Forum BR §7.1.1: certificates are v3.
fn check_version(step: &Step<'_>, findings: &mut Vec<Finding>) {
    let n = step.cert.version();
    if n != 3 {
        findings.push(step.finding(Code::VersionNotV3, format!("{} is an X.509 v{n} certificate.", step.label())));
    }
}

/// RFC 5280 §4.1.2.2: the serial number is a positive integer of at most
/// 20 octets.
fn check_serial(step: &Step<'_>, findings: &mut Vec<Finding>) {
    let bytes = step.cert.serial_bytes();
    let problem = if bytes.first().is_some_and(|b| b & 0x80 != 0) {
        Some("negative")
    } else if bytes.iter().all(|&b| b == 0) {
        Some("zero")
    } else if bytes.len() > 20 {
        Some("longer than 20 octets")
    } else {
        None
    };
    if let Some(problem) = problem {
        findings.push(step.finding(Code::SerialInvalid, format!("{}'s serial number is {problem}.", step.label())));
    }
}

/// CA/B Forum BR §6.1.5, §6.1.6 (and §7.1.3.1): RSA keys of at least 2048
/// bits whose size is a multiple of 8; ECDSA on P-256, P-384 or P-521 with
/// a named curve. No DSA. Applies to every certificate, roots included.
fn check_key(step: &Step<'_>, findings: &mut Vec<Finding>) {
    let problem = match KeyKind::of(step.cert.spki()) {
        KeyKind::Rsa | KeyKind::RsaPss => match step.cert.key_description().1 {
            Some(bits) if bits < 2048 => Some(format!("a {bits}-bit RSA key (at least 2048 bits are required)")),
            Some(bits) if bits % 8 != 0 => Some(format!("a {bits}-bit RSA key (the size must be a multiple of 8)")),
            _ => None,
        },
        KeyKind::Ec(Curve::P256 | Curve::P384 | Curve::P521) => None,
        KeyKind::EcOther(curve) if curve == "explicit-parameters" => {
            Some("an EC key with explicit curve parameters (RFC 5480 §2.1.1 requires a named curve)".to_string())
        }
        KeyKind::EcOther(curve) => Some(format!("an EC key on {curve}, which is not allowed")),
        KeyKind::Dsa => Some("a DSA key, which is not allowed".to_string()),
        _ => None,
    };
    if let Some(problem) = problem {
        findings.push(step.finding(Code::KeyForbidden, format!("{} has {problem}.", step.label())));
    }
}

/// RFC 5280 §4.1.2.4: the issuer is a non-empty name; §4.1.2.6: so is a
/// CA's subject.
fn check_issuer_not_empty(step: &Step<'_>, findings: &mut Vec<Finding>) {
    if step.cert.issuer().0.is_empty() {
        findings.push(
            step.finding(Code::NameEmpty, format!("{} has an empty issuer name.", step.label()))
                .at(crate::asn1::Locator::Issuer),
        );
    }
    if is_ca(step) && step.cert.subject().0.is_empty() {
        findings.push(
            step.finding(Code::NameEmpty, format!("The CA certificate {} has an empty subject.", step.label()))
                .at(crate::asn1::Locator::Subject),
        );
    }
}

/// RFC 5280 §4.2.1.1: every certificate but a self-signed one carries an
/// authorityKeyIdentifier, and it is non-critical. The identifier is there
/// "to facilitate certification path construction", and no path is built
/// above a trust anchor (§6.1.1 (d) takes it as input), so an anchor that
/// lacks one is not flagged: x509-limbo's `cve::cve-2024-0567` trusts such
/// a cross-signed root (its pedantic `rfc5280::aki::cross-signed-root-missing-aki`
/// wants the opposite).
fn check_aki(step: &Step<'_>, is_anchor: bool, findings: &mut Vec<Finding>) {
    match step.cert.authority_key_identifier() {
        None if !step.cert.is_self_issued() && !is_anchor => findings.push(step.finding(
            Code::AkiMissing,
            format!("{} has no authorityKeyIdentifier, although a CA issued it.", step.label()),
        )),
        Some((true, _)) => findings.push(
            step.finding(Code::AkiCritical, format!("{}'s authorityKeyIdentifier is marked critical.", step.label())),
        ),
        _ => {}
    }
}

/// RFC 5280 §4.2.1.2: every CA certificate carries a subjectKeyIdentifier,
/// and it is non-critical.
fn check_ski(step: &Step<'_>, findings: &mut Vec<Finding>) {
    match critical(step, ID_CE_SUBJECT_KEY_IDENTIFIER) {
        None if is_ca(step) => findings.push(
            step.finding(Code::SkiMissing, format!("The CA certificate {} has no subjectKeyIdentifier.", step.label())),
        ),
        Some(true) => findings.push(
            step.finding(Code::SkiCritical, format!("{}'s subjectKeyIdentifier is marked critical.", step.label())),
        ),
        _ => {}
    }
}

/// RFC 5280 §4.2.2.1 (AIA non-critical), §4.2.1.9 (a CA's basicConstraints
/// critical), §4.2.1.10 (nameConstraints critical), §4.2.1.11
/// (policyConstraints critical).
fn check_critical_flags(step: &Step<'_>, findings: &mut Vec<Finding>) {
    if critical(step, ID_PE_AUTHORITY_INFO_ACCESS) == Some(true) {
        findings.push(
            step.finding(Code::AiaCritical, format!("{}'s authorityInfoAccess is marked critical.", step.label())),
        );
    }
    if is_ca(step) && critical(step, ID_CE_BASIC_CONSTRAINTS) == Some(false) {
        findings.push(step.finding(
            Code::BasicConstraintsNotCritical,
            format!("The CA certificate {}'s basicConstraints is not marked critical.", step.label()),
        ));
    }
    if critical(step, ID_CE_NAME_CONSTRAINTS) == Some(false) {
        findings.push(step.finding(
            Code::NameConstraintsNotCritical,
            format!("{}'s nameConstraints is not marked critical.", step.label()),
        ));
    }
    if critical(step, ID_CE_POLICY_CONSTRAINTS) == Some(false) {
        findings.push(step.finding(
            Code::PolicyConstraintsNotCritical,
            format!("{}'s policyConstraints is not marked critical.", step.label()),
        ));
    }
}

/// RFC 5280 §4.2.1.3: keyCertSign only with basicConstraints cA=true.
fn check_keycertsign_needs_ca(step: &Step<'_>, findings: &mut Vec<Finding>) {
    let cert_sign = step.cert.key_usage().is_some_and(|ku| ku.key_cert_sign());
    if cert_sign && !is_ca(step) {
        findings.push(step.finding(
            Code::KeyCertSignWithoutCa,
            format!("{} asserts keyUsage keyCertSign but is not a CA (basicConstraints cA is not set).", step.label()),
        ));
    }
}

/// CA/B Forum BR §7.1.2.1.3: a root's authorityKeyIdentifier, if present,
/// holds only a keyIdentifier, equal to its subjectKeyIdentifier.
fn check_root_aki(step: &Step<'_>, findings: &mut Vec<Finding>) {
    let Some((_, aki)) = step.cert.authority_key_identifier() else { return };
    let problem = if aki.authority_cert_issuer.is_some() || aki.authority_cert_serial_number.is_some() {
        Some("names an issuer or serial number")
    } else {
        match &aki.key_identifier {
            None => Some("has no keyIdentifier"),
            Some(k) if step.cert.subject_key_id() != Some(k.as_bytes()) => {
                Some("does not match its subjectKeyIdentifier")
            }
            Some(_) => None,
        }
    };
    if let Some(problem) = problem {
        findings.push(
            step.finding(
                Code::RootAkiInvalid,
                format!("The root {}'s authorityKeyIdentifier {problem}.", step.label()),
            ),
        );
    }
}

/// CA/B Forum BR §7.1.2.1.2: a root carries no extendedKeyUsage.
fn check_root_has_no_eku(step: &Step<'_>, findings: &mut Vec<Finding>) {
    if step.cert.extended_key_usage().is_some() {
        findings.push(step.finding(Code::EkuOnRoot, format!("The root {} carries extendedKeyUsage.", step.label())));
    }
}

/// RFC 5280 §4.2.1.6: with an empty subject the SAN is present and
/// critical; with a non-empty subject it is non-critical (a SHOULD in RFC
/// 5280, a MUST in CA/B Forum BR §7.1.2.7.12).
fn check_san_criticality(step: &Step<'_>, findings: &mut Vec<Finding>) {
    let empty_subject = step.cert.subject().0.is_empty();
    let san = step.cert.subject_alt_name().map(|(critical, _)| critical);
    let problem = match (empty_subject, san) {
        (true, None) => Some("has an empty subject and no subjectAltName"),
        (true, Some(false)) => Some("has an empty subject, so its subjectAltName must be critical, and it is not"),
        (false, Some(true)) => Some("has a subject, so its subjectAltName must not be critical, and it is"),
        _ => None,
    };
    if let Some(problem) = problem {
        findings.push(step.finding(Code::SanCriticality, format!("{} {problem}.", step.label())));
    }
}

/// RFC 5280 §4.2.1.6 (RFC 1034 §3.5 preferred name syntax): a dNSName holds
/// letters, digits, hyphens and dots, and a leading `*.` wildcard.
fn check_san_dns_syntax(step: &Step<'_>, findings: &mut Vec<Finding>) {
    for name in step.cert.san() {
        let GeneralName::DnsName(d) = name else { continue };
        let text = d.as_str();
        let body = text.strip_prefix("*.").unwrap_or(text);
        if !body.bytes().all(|b| b.is_ascii_alphanumeric() || b == b'-' || b == b'.') {
            findings.push(step.finding(
                Code::SanDnsInvalid,
                format!("{}'s dNSName {text:?} is not in the preferred name syntax.", step.label()),
            ));
        }
    }
}

/// CA/B Forum BR §3.2.2.6: a wildcard is not issued over a public suffix
/// (the Public Suffix List, chain/suffix.rs): browsers refuse `*.co.uk`.
/// Only the list's ICANN section counts: a private-section entry is its
/// owner's namespace, and the owner holds such wildcards (Amazon's real
/// `*.s3.amazonaws.com`).
fn check_wildcard_suffix(step: &Step<'_>, findings: &mut Vec<Finding>) {
    for name in step.cert.san() {
        let GeneralName::DnsName(d) = name else { continue };
        let Some(rest) = d.as_str().strip_prefix("*.") else { continue };
        let rest = rest.trim_end_matches('.').to_ascii_lowercase();
        if !suffix::is_public_suffix(&rest) {
            continue;
        }
        findings.push(step.finding(
            Code::WildcardPublicSuffix,
            format!("{}'s wildcard {:?} covers a whole public suffix ({rest}).", step.label(), d.as_str()),
        ));
    }
}

/// CA/B Forum BR §7.1.2.7.10: a server certificate has a non-critical
/// extendedKeyUsage without anyExtendedKeyUsage.
fn check_leaf_eku(step: &Step<'_>, findings: &mut Vec<Finding>) {
    match step.cert.extended_key_usage_extension() {
        None => findings.push(
            step.finding(Code::EkuMissing, format!("The server certificate {} has no extendedKeyUsage.", step.label())),
        ),
        Some((critical, eku)) => {
            if eku.contains(&ANY_EXTENDED_KEY_USAGE) {
                findings.push(step.finding(
                    Code::EkuAny,
                    format!("The server certificate {} lists anyExtendedKeyUsage.", step.label()),
                ));
            }
            if critical {
                findings.push(step.finding(
                    Code::EkuCritical,
                    format!("The server certificate {}'s extendedKeyUsage is marked critical.", step.label()),
                ));
            }
        }
    }
}

/// CA/B Forum BR §7.1.2.7.8: a subscriber certificate's cA is FALSE. A
/// leaf with cA set whose keyUsage rules out signing certificates is a
/// subscriber certificate mislabelled (limbo's `webpki::ee-basicconstraints-ca`);
/// one whose keyUsage allows it is a CA certificate used as the leaf, which
/// `ca-used-as-leaf` reports.
fn check_leaf_marked_ca(step: &Step<'_>, findings: &mut Vec<Finding>) {
    let signs_certificates = step.cert.key_usage().is_none_or(|ku| ku.key_cert_sign());
    if is_ca(step) && !signs_certificates {
        findings.push(step.finding(
            Code::LeafMarkedCa,
            format!(
                "The server certificate {} sets basicConstraints cA, but its keyUsage does not allow keyCertSign.",
                step.label()
            ),
        ));
    }
}

/// CA/B Forum BR §7.1.4.3: a subject commonName repeats a SAN value
/// exactly: an IP address in dotted-decimal (IPv4) or RFC 5952 (IPv6) text,
/// a DNS name as the SAN spells it (A-labels, same case). Flagged: a CN that
/// is another spelling of a SAN value (hex or zero-padded IPv4, uncompressed
/// or upper-case IPv6, a U-label, other letter case), and a host name that
/// none of the SAN's dNSNames names. Left alone, because x509-limbo expects
/// such leaves to pass (`webpki::san::leftmost-wildcard-san`,
/// `exact-localhost-ip-san`, `rfc5280::nc::permitted-dns-match-more`): a CN
/// that is a domain above a SAN entry (`example.com` beside `*.example.com`
/// or `foo.bar.example.com`), and a host-name CN beside a SAN of IP
/// addresses only.
fn check_cn_in_san(step: &Step<'_>, findings: &mut Vec<Finding>) {
    let san = step.cert.san();
    let dns: Vec<&str> = san
        .iter()
        .filter_map(|n| match n {
            GeneralName::DnsName(d) => Some(d.as_str()),
            _ => None,
        })
        .collect();
    let values: Vec<String> = san
        .iter()
        .filter_map(|n| match n {
            GeneralName::DnsName(d) => Some(d.as_str().to_string()),
            GeneralName::IpAddress(a) => ip_text(a.as_bytes()),
            _ => None,
        })
        .collect();
    let common_names = step
        .cert
        .subject()
        .0
        .iter()
        .flat_map(|rdn| rdn.0.iter())
        .filter(|atv| atv.oid == CN)
        .filter_map(super::names::attribute_text);
    for cn in common_names {
        if values.contains(&cn) {
            continue;
        }
        if let Some(problem) = cn_problem(&cn, &values, &dns) {
            findings.push(step.finding(Code::CnNotInSan, format!("{}'s subject CN {cn:?} {problem}.", step.label())));
        }
    }
}

/// Why `cn`, which is not literally among the SAN's `values`, breaks BR
/// §7.1.4.3; `None` where `check_cn_in_san` leaves it alone.
fn cn_problem(cn: &str, values: &[String], dns: &[&str]) -> Option<String> {
    if let Some(ip) = ip_in_any_form(cn) {
        return Some(format!("writes the IP address {ip} in a form other than its SAN's"));
    }
    if !cn.is_ascii() {
        return Some(
            "is an internationalized name in Unicode (U-labels); it must be the SAN's A-label (xn--) form".to_string(),
        );
    }
    if values.iter().any(|v| v.eq_ignore_ascii_case(cn)) {
        return Some("differs in letter case from its SAN entry".to_string());
    }
    let above_a_san_name = dns.iter().any(|d| {
        d.len().checked_sub(cn.len() + 1).is_some_and(|dot| {
            d.as_bytes().get(dot) == Some(&b'.')
                && d.as_bytes().get(dot + 1..).is_some_and(|tail| tail.eq_ignore_ascii_case(cn.as_bytes()))
        })
    });
    if !dns.is_empty() && is_host_name(cn) && !above_a_san_name {
        return Some("names a host that none of its subjectAltName dNSNames names".to_string());
    }
    None
}

/// A DNS host name of two or more letter-digit-hyphen labels (RFC 1123
/// §2.1), A-labels included: what a CN naming a server looks like, as
/// opposed to a CA's or a person's name.
fn is_host_name(text: &str) -> bool {
    let labels: Vec<&str> = text.split('.').collect();
    labels.len() >= 2
        && labels.iter().all(|l| {
            !l.is_empty()
                && l.len() <= 63
                && l.bytes().all(|b| b.is_ascii_alphanumeric() || b == b'-')
                && !l.starts_with('-')
                && !l.ends_with('-')
        })
}

/// An IP address however it is written: RFC 5952 / dotted decimal, IPv6
/// with any case or zero runs, IPv4 with zero-padded octets or as one hex
/// number (`0xC0A80101`), as inet_aton reads them.
fn ip_in_any_form(text: &str) -> Option<std::net::IpAddr> {
    if let Ok(ip) = text.parse::<std::net::IpAddr>() {
        return Some(ip);
    }
    if let Some(hex) = text.strip_prefix("0x").or_else(|| text.strip_prefix("0X")) {
        return u32::from_str_radix(hex, 16).ok().map(|n| std::net::IpAddr::V4(n.into()));
    }
    let octets: Vec<u8> = text.split('.').map(|p| p.parse::<u8>().ok()).collect::<Option<Vec<u8>>>()?;
    let octets: [u8; 4] = octets.try_into().ok()?;
    Some(std::net::IpAddr::V4(octets.into()))
}

/// An iPAddress SAN entry as text: dotted decimal, or RFC 5952 (which is
/// what Rust's `Ipv6Addr` Display writes).
fn ip_text(bytes: &[u8]) -> Option<String> {
    match bytes.len() {
        4 => <[u8; 4]>::try_from(bytes).ok().map(|b| std::net::Ipv4Addr::from(b).to_string()),
        16 => <[u8; 16]>::try_from(bytes).ok().map(|b| std::net::Ipv6Addr::from(b).to_string()),
        _ => None,
    }
}
