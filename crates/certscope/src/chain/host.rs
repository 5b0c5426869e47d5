//! Does the leaf cover the host name the user asked about?
//!
//! Runs when `Options::host` is set, on the leaf. Emits `host-mismatch`.
//!
//! RFC 6125 §6.4 / RFC 9525 §6.3: DNS names compare case-insensitively,
//! ignoring one trailing dot; a wildcard may only be the whole left-most
//! label and stands for exactly one label. NOTE: partial wildcards
//! (`f*.example.com`) are refused, as RFC 9525 and browsers do, although
//! openssl accepts them by default. A wildcard needs at least two labels after
//! it (`*.com` covers nothing). IP addresses match iPAddress SAN entries only
//! (RFC 9525 §6.2.1). The subject CN is never consulted, as in browsers
//! and strict validators (openssl falls back to it); a leaf without DNS or
//! IP SAN entries gets `san-missing`.

use crate::report::{Code, Finding};
use crate::x509::Cert;
use const_oid::db::rfc4519::CN;
use std::net::IpAddr;
use x509_cert::ext::pkix::name::GeneralName;

pub(crate) fn check_host(leaf: &Cert, host: &str, findings: &mut Vec<Finding>) {
    let wanted = host.trim();
    if wanted.is_empty() || matches_host(leaf, wanted) {
        return;
    }
    if !has_dns_or_ip_san(leaf) {
        findings.push(Finding::about(
            Code::SanMissing,
            leaf.index(),
            format!(
                "\"{}\" has no DNS name or IP address in its Subject Alternative Name, so browsers cannot match it to {wanted}; they never fall back to the subject CN.",
                leaf.display_name()
            ),
        ));
        return;
    }
    let presented = presented_names(leaf);
    let names = if presented.is_empty() { "no DNS names or IP addresses".to_string() } else { presented.join(", ") };
    findings.push(Finding::about(
        Code::HostMismatch,
        leaf.index(),
        format!("\"{}\" does not cover {wanted}; it is valid for {names}.", leaf.display_name()),
    ));
}

pub(crate) fn matches_host(cert: &Cert, host: &str) -> bool {
    let san = cert.san();
    if let Some(ip) = parse_ip(host) {
        return san.iter().any(|n| matches!(n, GeneralName::IpAddress(a) if ip_bytes(ip) == a.as_bytes()));
    }
    let host = normalize(host);
    // Browsers (Chrome since 58, Firefox) and strict validators match the
    // SAN only; openssl's fallback to the subject CN is not followed.
    san.iter().any(|n| matches!(n, GeneralName::DnsName(d) if dns_matches(d.as_str(), &host)))
}

fn has_dns_or_ip_san(cert: &Cert) -> bool {
    cert.san().iter().any(|n| matches!(n, GeneralName::DnsName(_) | GeneralName::IpAddress(_)))
}

fn common_names(cert: &Cert) -> Vec<String> {
    cert.subject()
        .0
        .iter()
        .flat_map(|rdn| rdn.0.iter())
        .filter(|atv| atv.oid == CN)
        .filter_map(super::names::attribute_text)
        .collect()
}

fn presented_names(cert: &Cert) -> Vec<String> {
    let mut out: Vec<String> = cert
        .san()
        .iter()
        .filter_map(|n| match n {
            GeneralName::DnsName(d) => Some(d.to_string()),
            GeneralName::IpAddress(a) => Some(super::names::ip_text(a.as_bytes())),
            _ => None,
        })
        .collect();
    if out.is_empty() {
        out = common_names(cert).into_iter().map(|cn| format!("{cn} (subject CN only)")).collect();
    }
    out
}

fn normalize(name: &str) -> String {
    name.strip_suffix('.').unwrap_or(name).to_ascii_lowercase()
}

/// `192.0.2.1`, `2001:db8::1`, `[2001:db8::1]`.
fn parse_ip(host: &str) -> Option<IpAddr> {
    let bare = host.strip_prefix('[').and_then(|h| h.strip_suffix(']')).unwrap_or(host);
    bare.parse().ok()
}

fn ip_bytes(ip: IpAddr) -> Vec<u8> {
    match ip {
        IpAddr::V4(a) => a.octets().to_vec(),
        IpAddr::V6(a) => a.octets().to_vec(),
    }
}

/// RFC 6125 §6.4.3, RFC 9525 §6.3: one presented DNS identifier against the
/// (normalized) host.
pub(crate) fn dns_matches(pattern: &str, host: &str) -> bool {
    let pattern = normalize(pattern);
    if pattern.is_empty() || host.is_empty() {
        return false;
    }
    if pattern == host {
        return !pattern.contains('*');
    }
    let Some(suffix) = pattern.strip_prefix("*.") else { return false };
    // The rest must be a real name of two or more labels, without wildcards.
    if suffix.contains('*') || !suffix.contains('.') || suffix.split('.').any(str::is_empty) {
        return false;
    }
    match host.split_once('.') {
        Some((first, rest)) => !first.is_empty() && rest == suffix,
        None => false,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn wildcards_cover_one_left_most_label() {
        assert!(dns_matches("*.example.com", "www.example.com"));
        assert!(dns_matches("*.Example.COM.", "WWW.example.com"));
        assert!(!dns_matches("*.example.com", "example.com"));
        assert!(!dns_matches("*.example.com", "a.b.example.com"));
        assert!(!dns_matches("f*.example.com", "foo.example.com"));
        assert!(!dns_matches("*.com", "example.com"));
        assert!(!dns_matches("www.*.com", "www.example.com"));
        assert!(!dns_matches("*", "localhost"));
    }

    #[test]
    fn exact_names_ignore_case_and_trailing_dot() {
        assert!(dns_matches("www.example.com.", &normalize("WWW.Example.com.")));
        assert!(!dns_matches("www.example.com", "example.com"));
    }

    #[test]
    fn ip_literals_parse_with_and_without_brackets() {
        assert_eq!(parse_ip("[2001:db8::1]").map(ip_bytes).map(|b| b.len()), Some(16));
        assert_eq!(parse_ip("192.0.2.1").map(ip_bytes), Some(vec![192, 0, 2, 1]));
        assert!(parse_ip("example.com").is_none());
    }
}
