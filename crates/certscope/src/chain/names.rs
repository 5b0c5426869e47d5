//! Name matching for name constraints (RFC 5280 §4.2.1.10) and the short
//! names messages use.
//!
//! Pure functions over x509-cert's types; `validate` decides which names
//! of which certificate meet which CA's constraints.

use crate::x509::name::{hex_lower, rfc4514, value_str, value_text};
use x509_cert::attr::AttributeTypeAndValue;
use x509_cert::ext::pkix::name::GeneralName;
use x509_cert::name::{Name, RelativeDistinguishedName};

/// An attribute's value as text, for the string types names use.
pub(crate) fn attribute_text(atv: &AttributeTypeAndValue) -> Option<String> {
    value_text(&atv.value)
}

/// RFC 5280 §7.1 (simplified from RFC 4518): compare strings ignoring case
/// and runs of spaces.
#[cfg(test)]
fn normalize(s: &str) -> String {
    let mut out = String::with_capacity(s.len());
    push_normalized(&mut out, s);
    out
}

/// `normalize(s)` onto `out`: the words joined by one space, lower-cased.
/// ASCII text is lower-cased byte by byte in place; other text as a whole
/// by `str::to_lowercase` (a final sigma, for one, depends on its word).
fn push_normalized(out: &mut String, s: &str) {
    let join = |out: &mut String, fold: fn(char) -> char| {
        for (i, word) in s.split_whitespace().enumerate() {
            if i > 0 {
                out.push(' ');
            }
            out.extend(word.chars().map(fold));
        }
    };
    if s.is_ascii() {
        join(out, |c| c.to_ascii_lowercase());
    } else {
        let mut words = String::with_capacity(s.len());
        join(&mut words, |c| c);
        out.push_str(&words.to_lowercase());
    }
}

/// `normalize(a) == normalize(b)` without building either string: name
/// constraints compare directory names pairwise, within a budget of a
/// quarter of a million comparisons.
fn normalized_eq(a: &str, b: &str) -> bool {
    folded(a).eq(folded(b))
}

/// The characters of `normalize(s)`, each word followed by one space.
fn folded(s: &str) -> impl Iterator<Item = char> + '_ {
    s.split_whitespace().flat_map(|word| word.chars().flat_map(char::to_lowercase).chain(std::iter::once(' ')))
}

fn attribute_eq(a: &AttributeTypeAndValue, b: &AttributeTypeAndValue) -> bool {
    if a.oid != b.oid {
        return false;
    }
    if a.value == b.value {
        return true;
    }
    match (attribute_text(a), attribute_text(b)) {
        (Some(x), Some(y)) => normalized_eq(&x, &y),
        _ => false,
    }
}

fn rdn_eq(a: &RelativeDistinguishedName, b: &RelativeDistinguishedName) -> bool {
    a.0.len() == b.0.len() && a.0.iter().all(|x| b.0.iter().any(|y| attribute_eq(x, y)))
}

/// A key under which names that RFC 5280 §7.1 calls equal are equal:
/// string values compared case-insensitively with runs of spaces folded
/// (whatever their string type), others by their DER.
pub(crate) fn canonical(name: &Name) -> String {
    let mut out = String::new();
    for rdn in &name.0 {
        match rdn.0.as_slice() {
            // Almost every RDN holds one attribute: written in place.
            [atv] => push_canonical(&mut out, atv),
            many => {
                let mut parts: Vec<String> = many
                    .iter()
                    .map(|atv| {
                        let mut part = String::new();
                        push_canonical(&mut part, atv);
                        part
                    })
                    .collect();
                parts.sort();
                out.push_str(&parts.join("\u{1}"));
            }
        }
        out.push('\u{0}');
    }
    out
}

/// One attribute of [`canonical`]: its dotted type, then `=` and the
/// normalized text, or `#` and the value's DER in hex.
fn push_canonical(out: &mut String, atv: &AttributeTypeAndValue) {
    crate::oid::push_dotted(out, &atv.oid);
    match value_str(&atv.value) {
        Some(text) => {
            out.push('=');
            push_normalized(out, &text);
        }
        None => {
            out.push('#');
            out.push_str(&hex_lower(&der::Encode::to_der(&atv.value).unwrap_or_default()));
        }
    }
}

/// RFC 5280 §4.2.1.10: a directoryName is within a subtree when the
/// subtree's RDNs are a prefix of the name's.
pub(crate) fn dn_within(name: &Name, base: &Name) -> bool {
    base.0.len() <= name.0.len() && base.0.iter().zip(name.0.iter()).all(|(b, n)| rdn_eq(b, n))
}

/// RFC 5280 §4.2.1.10 for dNSName: "host.example.com" is within
/// "example.com" (any number of added labels); a constraint with a leading
/// period (as openssl and Go accept) admits only subdomains; an empty
/// constraint admits every name. Compares slices, ASCII case folded in
/// place: a name-constraint bomb makes a quarter of a million of these
/// comparisons, and none may allocate.
pub(crate) fn dns_within(name: &str, base: &str) -> bool {
    let name = name.trim_end_matches('.');
    let base = base.trim_end_matches('.');
    if base.is_empty() {
        return true;
    }
    if let Some(sub) = base.strip_prefix('.') {
        return name.len() > sub.len() + 1 && ends_with_ignore_case(name, base);
    }
    if name.len() == base.len() {
        return name.eq_ignore_ascii_case(base);
    }
    // A whole label more: "x." in front of the base at least.
    name.len() > base.len() + 1
        && ends_with_ignore_case(name, base)
        && name.as_bytes().get(name.len() - base.len() - 1) == Some(&b'.')
}

fn ends_with_ignore_case(s: &str, suffix: &str) -> bool {
    s.len()
        .checked_sub(suffix.len())
        .and_then(|start| s.as_bytes().get(start..))
        .is_some_and(|tail| tail.eq_ignore_ascii_case(suffix.as_bytes()))
}

/// RFC 5280 §4.2.1.10 for rfc822Name: a full mailbox matches exactly; a host
/// matches every mailbox at that host; ".example.com" every mailbox at a
/// subdomain of it.
pub(crate) fn email_within(mailbox: &str, base: &str) -> bool {
    let Some((local, host)) = mailbox.rsplit_once('@') else { return false };
    if base.contains('@') {
        // Local parts are case-sensitive, hosts are not.
        return base.rsplit_once('@').is_some_and(|(bl, bh)| bl == local && bh.eq_ignore_ascii_case(host));
    }
    if base.starts_with('.') {
        return dns_within(host, base);
    }
    host.eq_ignore_ascii_case(base)
}

/// RFC 5280 §4.2.1.10 for URIs: the constraint applies to the host part.
pub(crate) fn uri_within(uri: &str, base: &str) -> bool {
    let Some((_, rest)) = uri.split_once("://") else { return false };
    let authority = rest.split(['/', '?', '#']).next().unwrap_or("");
    let host_port = authority.rsplit_once('@').map_or(authority, |(_, h)| h);
    let host = if host_port.starts_with('[') {
        host_port.split(']').next().unwrap_or("").trim_start_matches('[')
    } else {
        host_port.split(':').next().unwrap_or("")
    };
    if base.starts_with('.') {
        dns_within(host, base)
    } else {
        host.eq_ignore_ascii_case(base)
    }
}

/// RFC 5280 §4.2.1.10 for iPAddress: the constraint is an address and a
/// mask (8 octets for IPv4, 32 for IPv6).
pub(crate) fn ip_within(addr: &[u8], base: &[u8]) -> bool {
    if base.len() != addr.len() * 2 {
        return false;
    }
    let (net, mask) = base.split_at(addr.len());
    addr.iter().zip(net).zip(mask).all(|((a, n), m)| a & m == n & m)
}

/// Whether `name` is of the same type as `base` (constraints restrict only
/// names of their own type).
pub(crate) fn same_kind(name: &GeneralName, base: &GeneralName) -> bool {
    std::mem::discriminant(name) == std::mem::discriminant(base)
        && match (name, base) {
            // An IPv4 constraint says nothing about IPv6 addresses.
            (GeneralName::IpAddress(a), GeneralName::IpAddress(b)) => b.as_bytes().len() == a.as_bytes().len() * 2,
            _ => true,
        }
}

/// `Some(true/false)` when this library can judge `name` against `base`,
/// `None` for name types it does not compare (otherName, x400, EDI, RID).
pub(crate) fn within(name: &GeneralName, base: &GeneralName) -> Option<bool> {
    use GeneralName as G;
    Some(match (name, base) {
        (G::DnsName(n), G::DnsName(b)) => dns_within(n.as_str(), b.as_str()),
        (G::Rfc822Name(n), G::Rfc822Name(b)) => email_within(n.as_str(), b.as_str()),
        (G::UniformResourceIdentifier(n), G::UniformResourceIdentifier(b)) => uri_within(n.as_str(), b.as_str()),
        (G::IpAddress(n), G::IpAddress(b)) => ip_within(n.as_bytes(), b.as_bytes()),
        (G::DirectoryName(n), G::DirectoryName(b)) => dn_within(n, b),
        _ => return None,
    })
}

/// A name as people read it in a message.
pub(crate) fn describe(name: &GeneralName) -> String {
    use GeneralName as G;
    match name {
        G::DnsName(n) => format!("DNS name {}", n.as_str()),
        G::Rfc822Name(n) => format!("email address {}", n.as_str()),
        G::UniformResourceIdentifier(n) => format!("URI {}", n.as_str()),
        G::IpAddress(n) => format!("IP address {}", ip_text(n.as_bytes())),
        G::DirectoryName(n) => format!("directory name \"{}\"", rfc4514(n)),
        G::RegisteredId(o) => format!("registered ID {o}"),
        G::OtherName(o) => format!("otherName {}", o.type_id),
        G::EdiPartyName(_) => "EDI party name".to_string(),
    }
}

/// "192.0.2.0/255.255.255.0", "2001:db8::1".
pub(crate) fn ip_text(bytes: &[u8]) -> String {
    let addr = |b: &[u8]| -> Option<String> {
        if let Ok(a) = <[u8; 4]>::try_from(b) {
            Some(std::net::Ipv4Addr::from(a).to_string())
        } else {
            <[u8; 16]>::try_from(b).ok().map(|a| std::net::Ipv6Addr::from(a).to_string())
        }
    };
    match bytes.len() {
        4 | 16 => addr(bytes),
        8 | 32 => {
            let (n, m) = bytes.split_at(bytes.len() / 2);
            addr(n).zip(addr(m)).map(|(n, m)| format!("{n}/{m}"))
        }
        _ => None,
    }
    .unwrap_or_else(|| crate::hex::lower(bytes))
}

#[cfg(test)]
mod tests {
    use super::*;
    use std::str::FromStr;

    /// RFC 5280 §7.1 keys: case and runs of spaces fold, in any string
    /// type; a multi-valued RDN's order does not matter; values that are
    /// not strings compare by DER; RDN boundaries and types still count.
    #[test]
    fn canonical_keys_fold_case_spaces_and_rdn_order() {
        let key = |s: &str| canonical(&Name::from_str(s).unwrap());
        assert_eq!(key("CN=Test  Cert,O=Acme"), "2.5.4.10=acme\u{0}2.5.4.3=test cert\u{0}");
        assert_eq!(key("CN= test cert ,O=ACME"), key("CN=Test  Cert,O=Acme"));
        assert_eq!(key("CN=a+O=b"), key("O=B+CN=A"));
        assert_eq!(key("CN=a+O=b"), "2.5.4.10=b\u{1}2.5.4.3=a\u{0}");
        assert_ne!(key("CN=a,O=b"), key("CN=a+O=b"));
        assert_ne!(key("CN=a"), key("O=a"));
        assert_eq!(key("1.2.3.4=#020101"), "1.2.3.4#020101\u{0}");
        // Non-ASCII text is lower-cased as a whole (a final sigma stays one).
        assert_eq!(key("CN=ÉCOLE ΟΔΟΣ"), "2.5.4.3=école οδος\u{0}");
        // A PrintableString and a UTF8String of the same text are one key.
        assert_eq!(key("CN=#130454657374"), key("CN=test"));
    }

    #[test]
    fn dns_subtrees_follow_label_boundaries() {
        assert!(dns_within("example.com", "example.com"));
        assert!(dns_within("www.Example.com.", "example.COM"));
        assert!(!dns_within("badexample.com", "example.com"));
        assert!(!dns_within("example.com", ".example.com"));
        assert!(dns_within("a.example.com", ".example.com"));
        assert!(dns_within("anything.test", ""));
    }

    #[test]
    fn email_and_uri_subtrees() {
        assert!(email_within("alice@example.com", "example.com"));
        assert!(!email_within("alice@mail.example.com", "example.com"));
        assert!(email_within("alice@mail.example.com", ".example.com"));
        assert!(email_within("alice@EXAMPLE.com", "alice@example.com"));
        assert!(!email_within("Alice@example.com", "alice@example.com"));
        assert!(uri_within("https://user@host.example.com:8443/x", ".example.com"));
        assert!(!uri_within("https://example.org/", "example.com"));
    }

    #[test]
    fn ip_subtrees_use_the_mask() {
        let net = [192, 0, 2, 0, 255, 255, 255, 0];
        assert!(ip_within(&[192, 0, 2, 77], &net));
        assert!(!ip_within(&[192, 0, 3, 1], &net));
        assert!(!ip_within(&[0; 16], &net));
        assert_eq!(ip_text(&net), "192.0.2.0/255.255.255.0");
    }

    #[test]
    fn normalized_comparison_folds_case_and_spaces() {
        for (a, b) in [("Test  Certificates", "test certificates"), (" a b ", "A B"), ("", "  "), ("Straße", "STRASSE")]
        {
            assert_eq!(normalized_eq(a, b), normalize(a) == normalize(b), "{a:?} {b:?}");
        }
        assert!(normalized_eq("Test  Certificates 2011", "test certificates 2011"));
        assert!(!normalized_eq("Test Certificates", "TestCertificates"));
    }

    #[test]
    fn directory_names_match_by_prefix_ignoring_case() {
        let base = Name::from_str("O=Test Certificates 2011,C=US").unwrap();
        let inside = Name::from_str("CN=Alice,OU=permittedSubtree1,O=Test Certificates 2011,C=US").unwrap();
        let other = Name::from_str("CN=Alice,O=Other,C=US").unwrap();
        let case = Name::from_str("CN=Bob,O=test  certificates 2011,C=US").unwrap();
        assert!(dn_within(&inside, &base));
        assert!(!dn_within(&other, &base));
        assert!(dn_within(&case, &base));
        assert_eq!(crate::x509::name::short_name(&inside).as_deref(), Some("Alice"));
    }
}
