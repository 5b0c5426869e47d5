//! Path validation (RFC 5280 §6.1 as it applies to a server chain) at the
//! "as of" time, over the path `chain::build` chose.
//!
//! Emits `expired`, `not-yet-valid`, `expiring-soon`, `issuer-not-ca`,
//! `issuer-missing-keycertsign`, `path-length-exceeded`,
//! `name-constraints-violated`, `unknown-critical-extension`,
//! `weak-signature-hash`, `weak-key`, `ca-used-as-leaf`. Signatures and
//! name chaining are `chain::build`'s; policies (§6.1.3 (d)-(f)) are
//! `chain::policy`'s.
//!
//! Like openssl, the trust anchor's own certificate is checked too (validity,
//! CA flag, key usage, path length), except its self-signature hash.

use super::names::{attribute_text, describe, same_kind, within};
use crate::asn1::Locator;
use crate::options::Options;
use crate::report::{Code, Finding};
use crate::time::SECONDS_PER_DAY;
use crate::work::{Limit, Stage, Work};
use crate::x509::Cert;
use const_oid::db::rfc3280::EMAIL_ADDRESS as ID_EMAIL_ADDRESS;
use const_oid::db::rfc4519::CN;
use const_oid::db::rfc5280::{ANY_EXTENDED_KEY_USAGE, ID_KP_SERVER_AUTH};
use der::asn1::Ia5String;
use x509_cert::ext::pkix::constraints::name::GeneralSubtree;
use x509_cert::ext::pkix::name::GeneralName;
use x509_cert::ext::pkix::NameConstraints;

/// A certificate on the path, as validation sees it.
pub(crate) struct Step<'a> {
    pub cert: &'a Cert,
    /// Input index; `None` for an anchor taken from a trust store.
    pub index: Option<usize>,
    /// An anchor from Mozilla's store: vetted, so its profile is not judged.
    pub from_mozilla: bool,
}

impl Step<'_> {
    /// A finding about this certificate: by input index, or, for an anchor
    /// from a trust store (which has none), with the store named.
    pub(crate) fn finding(&self, code: Code, message: String) -> Finding {
        match (self.index, self.from_mozilla) {
            (Some(i), _) => Finding::about(code, i, message),
            (None, true) => Finding::new(code, format!("{message} (This is the trust anchor from the root store.)")),
            (None, false) => Finding::new(code, format!("{message} (This is the trust anchor given.)")),
        }
    }

    /// The certificate's name, quoted, for messages.
    pub(crate) fn label(&self) -> String {
        format!("\"{}\"", self.cert.display_name())
    }
}

/// The path, leaf first, and what is known about its top.
pub(crate) struct PathView<'a> {
    pub steps: Vec<Step<'a>>,
    /// The top is a trust anchor.
    pub trusted: bool,
    /// The top signed itself.
    pub top_self_signed: bool,
}

impl PathView<'_> {
    fn is_top(&self, k: usize) -> bool {
        k + 1 == self.steps.len()
    }
}

/// Runs every rule over the path.
pub(crate) fn validate_path(path: &PathView<'_>, opts: &Options, work: &mut Work, findings: &mut Vec<Finding>) {
    check_validity(path, opts, findings);
    check_issuers_are_ca(path, findings);
    check_key_cert_sign(path, findings);
    check_path_length(path, findings);
    check_name_constraints(path, work, findings);
    check_critical_extensions(path, findings);
    check_signature_hashes(path, findings);
    check_key_sizes(path, opts, findings);
    check_ca_as_leaf(path, opts, findings);
    check_server_auth(path, findings);
    super::strict::check_profile(path, opts.profile, findings);
}

/// Whether the path passes the structural rules of RFC 5280 §6.1 (issuers
/// are CAs that may sign, path lengths, name constraints), for path
/// building to decide whether to try another path. Name comparisons count
/// against the same budget; once it is spent the path is taken as it is.
pub(crate) fn path_acceptable(path: &PathView<'_>, work: &mut Work) -> bool {
    let mut scratch = Vec::new();
    check_issuers_are_ca(path, &mut scratch);
    check_key_cert_sign(path, &mut scratch);
    check_path_length(path, &mut scratch);
    check_name_constraints(path, work, &mut scratch);
    !scratch.iter().any(|f| f.severity == crate::report::Severity::Error && f.code != Code::WorkBudgetExceeded)
}

/// RFC 5280 §6.1.3 (a)(2): every certificate must be valid at the time
/// checked; a warning when one ends within `expiring_soon_days`.
fn check_validity(path: &PathView<'_>, opts: &Options, findings: &mut Vec<Finding>) {
    let now = opts.as_of;
    for step in &path.steps {
        let (nb, na) = (step.cert.not_before(), step.cert.not_after());
        if now > na {
            findings.push(step.finding(
                Code::Expired,
                format!("{} expired on {} (checked at {}).", step.label(), na.to_human(), now.to_human()),
            ));
        } else if now < nb {
            findings.push(step.finding(
                Code::NotYetValid,
                format!("{} is not valid until {} (checked at {}).", step.label(), nb.to_human(), now.to_human()),
            ));
        } else if step.index.is_some()
            && na.unix().saturating_sub(now.unix()) < opts.expiring_soon_days.saturating_mul(SECONDS_PER_DAY)
        {
            let days = na.unix().saturating_sub(now.unix()) / SECONDS_PER_DAY;
            findings.push(step.finding(
                Code::ExpiringSoon,
                format!("{} expires on {}, {days} days after the time checked.", step.label(), na.to_human()),
            ));
        }
    }
}

/// RFC 5280 §6.1.4 (k): every issuer must assert basicConstraints cA.
/// NOTE: like openssl, an X.509 v1 self-signed trust anchor (such as
/// VeriSign's Class 3 G3 root) is accepted without the extension: v1 has
/// no extensions, and RFC 5280 §6.1.1 (d) takes anchors as name + key.
fn check_issuers_are_ca(path: &PathView<'_>, findings: &mut Vec<Finding>) {
    for (k, step) in path.steps.iter().enumerate().skip(1) {
        if step.cert.basic_constraints().is_some_and(|b| b.ca) {
            continue;
        }
        let v1_anchor = path.is_top(k) && path.trusted && path.top_self_signed && step.cert.version() == 1;
        if v1_anchor {
            continue;
        }
        let below = path.steps.get(k - 1).map(Step::label).unwrap_or_default();
        findings.push(step.finding(
            Code::IssuerNotCa,
            format!(
                "{} issued {below} but is not a CA certificate (its basicConstraints does not say cA).",
                step.label()
            ),
        ));
    }
}

/// RFC 5280 §6.1.4 (n): an issuer's keyUsage, when present, must include keyCertSign.
fn check_key_cert_sign(path: &PathView<'_>, findings: &mut Vec<Finding>) {
    for step in path.steps.iter().skip(1) {
        if step.cert.key_usage().is_some_and(|ku| !ku.key_cert_sign()) {
            findings.push(step.finding(
                Code::IssuerMissingKeyCertSign,
                format!("{} signs certificates but its keyUsage does not include keyCertSign.", step.label()),
            ));
        }
    }
}

/// RFC 5280 §6.1.4 (l), (m): a CA's pathLenConstraint bounds the
/// intermediates below it; self-issued intermediates do not count.
fn check_path_length(path: &PathView<'_>, findings: &mut Vec<Finding>) {
    for (q, step) in path.steps.iter().enumerate().skip(1) {
        let Some(limit) = step.cert.basic_constraints().and_then(|b| if b.ca { b.path_len_constraint } else { None })
        else {
            continue;
        };
        let below = path.steps.iter().take(q).skip(1).filter(|s| !s.cert.is_self_issued()).count();
        if below > usize::from(limit) {
            findings.push(step.finding(Code::PathLengthExceeded, format!(
                    "{} allows at most {limit} intermediate certificate(s) below it (pathLenConstraint), but the path has {below}.",
                    step.label()
                ),
            ));
        }
    }
}

/// The names RFC 5280 §6.1.3 (b), (c) checks against name constraints:
/// SAN entries, the subject as a directoryName, subject email addresses;
/// and, for the leaf without DNS SANs, a host-like subject CN (as openssl
/// and Go do, so that constraints cannot be dodged through the CN).
fn constrained_names(cert: &Cert, is_leaf: bool) -> Vec<GeneralName> {
    let mut names = cert.san().to_vec();
    let subject = cert.subject();
    if !subject.0.is_empty() {
        names.push(GeneralName::DirectoryName(subject.clone()));
    }
    let has_dns = names.iter().any(|n| matches!(n, GeneralName::DnsName(_)));
    for atv in subject.0.iter().flat_map(|rdn| rdn.0.iter()) {
        let Some(text) = attribute_text(atv) else { continue };
        if atv.oid == ID_EMAIL_ADDRESS {
            if let Ok(s) = Ia5String::new(&text) {
                names.push(GeneralName::Rfc822Name(s));
            }
        } else if atv.oid == CN && is_leaf && !has_dns && looks_like_host(&text) {
            if let Ok(s) = Ia5String::new(&text) {
                names.push(GeneralName::DnsName(s));
            }
        }
    }
    names
}

fn looks_like_host(s: &str) -> bool {
    s.contains('.')
        && !s.starts_with('.')
        && s.bytes().all(|b| b.is_ascii_alphanumeric() || matches!(b, b'-' | b'.' | b'*'))
}

/// RFC 5280 §6.1.3 (b), (c) and §6.1.4 (g): every name of every certificate
/// below a CA with name constraints must fall within its permitted subtrees
/// (of that name's type) and outside its excluded ones. Self-issued
/// intermediates are exempt (§6.1.3 (b)).
///
/// Each name is paid for, before it is compared, with one unit per subtree
/// (`max_name_comparisons`, shared by the whole analysis). When the budget
/// is spent the check stops with `work-budget-exceeded`, an error: names
/// not compared are not passed.
fn check_name_constraints(path: &PathView<'_>, work: &mut Work, findings: &mut Vec<Finding>) {
    for (q, ca) in path.steps.iter().enumerate() {
        let Some(nc) = ca.cert.name_constraints() else { continue };
        if let Some(problem) = malformed_constraints(ca.cert, &nc) {
            findings.push(
                ca.finding(Code::NameConstraintsViolated, format!("{} {problem}", ca.label()))
                    .at(Locator::Extension(const_oid::db::rfc5280::ID_CE_NAME_CONSTRAINTS)),
            );
            continue;
        }
        let permitted = nc.permitted_subtrees.unwrap_or_default();
        let excluded = nc.excluded_subtrees.unwrap_or_default();
        let cost = permitted.len() + excluded.len();
        for (p, step) in path.steps.iter().enumerate().take(q) {
            if p > 0 && step.cert.is_self_issued() {
                continue;
            }
            // constrained_names lists the SAN entries first, then what the subject gives.
            let from_san = step.cert.san().len();
            for (k, name) in constrained_names(step.cert, p == 0).into_iter().enumerate() {
                if !work.spend(Limit::NameComparisons, cost, Stage::NameConstraints) {
                    findings.push(step.finding(Code::WorkBudgetExceeded, format!(
                            "The names of {} were not all checked against {}'s {cost} name constraints: the analysis's limit of {} name-constraint comparisons (max_name_comparisons) was reached, so they are not known to be allowed.",
                            step.label(),
                            ca.label(),
                            work.limits().max_name_comparisons,
                        ),
                    ));
                    return;
                }
                if let Some(problem) = check_name(&name, &permitted, &excluded) {
                    let field = if k < from_san {
                        Locator::Extension(const_oid::db::rfc5280::ID_CE_SUBJECT_ALT_NAME)
                    } else {
                        Locator::Subject
                    };
                    findings.push(
                        step.finding(
                            Code::NameConstraintsViolated,
                            format!(
                                "The {} of {} {problem} set by {}'s name constraints.",
                                describe(&name),
                                step.label(),
                                ca.label()
                            ),
                        )
                        .at(field),
                    );
                }
            }
        }
    }
}

/// RFC 5280 §4.2.1.10: only CAs carry name constraints, with at least one
/// of the two subtree lists, and iPAddress bases are an address and a mask.
fn malformed_constraints(cert: &Cert, nc: &NameConstraints) -> Option<String> {
    if !cert.basic_constraints().is_some_and(|b| b.ca) {
        return Some("is not a CA but carries name constraints, which only CA certificates may.".to_string());
    }
    let lists = [&nc.permitted_subtrees, &nc.excluded_subtrees];
    if lists.iter().all(|l| l.as_ref().is_none_or(Vec::is_empty)) {
        return Some("has a name constraints extension with neither permitted nor excluded subtrees.".to_string());
    }
    let bad_ip = lists.iter().flat_map(|l| l.iter().flatten()).any(|s| match &s.base {
        GeneralName::IpAddress(a) => !matches!(a.as_bytes().len(), 8 | 32),
        _ => false,
    });
    if bad_ip {
        return Some(
            "has an iPAddress name constraint that is not an address and a mask (8 or 32 octets).".to_string(),
        );
    }
    dns_constraint_with_leading_period(lists.iter().flat_map(|l| l.iter().flatten()))
}

/// RFC 5280 §4.2.1.10: a dNSName constraint is a host name ("Any DNS name
/// that can be constructed by simply adding zero or more labels to the
/// left-hand side"); the leading-period form belongs to rfc822Name and URI
/// constraints only, so a dNSName base of ".example.com" is malformed.
fn dns_constraint_with_leading_period<'a>(subtrees: impl Iterator<Item = &'a GeneralSubtree>) -> Option<String> {
    subtrees.filter_map(|s| if let GeneralName::DnsName(d) = &s.base { Some(d.as_str()) } else { None }).find_map(|d| {
        d.starts_with('.').then(|| {
            format!("has the dNSName name constraint {d:?}, whose leading period makes it malformed (RFC 5280 §4.2.1.10 allows it only for email and URI constraints).")
        })
    })
}

/// One name against one CA's subtrees: why it is not allowed, if it is not.
fn check_name(name: &GeneralName, permitted: &[GeneralSubtree], excluded: &[GeneralSubtree]) -> Option<String> {
    if let GeneralName::IpAddress(a) = name {
        let constrained = permitted.iter().chain(excluded).any(|s| matches!(s.base, GeneralName::IpAddress(_)));
        if constrained && !matches!(a.as_bytes().len(), 4 | 16) {
            return Some("is not a valid IPv4 or IPv6 address, so it cannot satisfy the constraints".to_string());
        }
    }
    if let Some(sub) =
        permitted.iter().chain(excluded).find(|s| same_kind(name, &s.base) && within(name, &s.base).is_none())
    {
        return Some(format!(
            "is of a form certscope cannot compare, under the constraint {} of that form; RFC 5280 §4.2.1.10 then requires rejecting it, and it is not",
            describe(&sub.base)
        ));
    }
    if let Some(ex) = excluded.iter().find(|s| same_kind(name, &s.base) && within(name, &s.base) == Some(true)) {
        return Some(format!("is in the excluded subtree {}", describe(&ex.base)));
    }
    if let Some(ex) = excluded.iter().find(|s| wildcard_reaches(name, &s.base)) {
        return Some(format!("is a wildcard that covers names in the excluded subtree {}", describe(&ex.base)));
    }
    let mut bases = permitted.iter().map(|s| &s.base).filter(|b| same_kind(name, b)).peekable();
    let allowed = bases.peek().is_none() || bases.any(|b| within(name, b) != Some(false));
    (!allowed).then(|| "is outside every permitted subtree of its type".to_string())
}

/// A wildcard dNSName ("*.example.com") stands for every name one label
/// deeper; an excluded subtree one label below its base ("bar.example.com")
/// holds one of them, so the wildcard is not outside it (CVE-2025-61727,
/// Go's crypto/x509 fix; rustls-webpki does the same).
fn wildcard_reaches(name: &GeneralName, base: &GeneralName) -> bool {
    let (GeneralName::DnsName(n), GeneralName::DnsName(b)) = (name, base) else { return false };
    let Some(suffix) = n.as_str().strip_prefix("*.") else { return false };
    let base = b.as_str().trim_end_matches('.');
    base.split_once('.')
        .is_some_and(|(label, rest)| !label.is_empty() && rest.eq_ignore_ascii_case(suffix.trim_end_matches('.')))
}

/// RFC 5280 §4.2: a critical extension the verifier does not recognise
/// makes the certificate unusable; like openssl, the user's own anchor is
/// checked too. Mozilla's anchors are exempt: the store vouches for them.
fn check_critical_extensions(path: &PathView<'_>, findings: &mut Vec<Finding>) {
    for step in path.steps.iter().filter(|s| !s.from_mozilla) {
        let unknown = step.cert.unknown_critical_extensions();
        if !unknown.is_empty() {
            let oids: Vec<String> = unknown.iter().map(|o| o.to_string()).collect();
            let first = unknown.first().map(|oid| crate::asn1::Locator::Extension(*oid));
            let finding = step.finding(
                Code::UnknownCriticalExtension,
                format!("{} has critical extension(s) certscope does not know: {}.", step.label(), oids.join(", ")),
            );
            findings.push(match first {
                Some(l) => finding.at(l),
                None => finding,
            });
        }
    }
}

/// CA/B Forum BR §7.1.3.2: MD5 and SHA-1 signatures are not acceptable.
/// The anchor's self-signature is exempt: nobody relies on it.
fn check_signature_hashes(path: &PathView<'_>, findings: &mut Vec<Finding>) {
    for (k, step) in path.steps.iter().enumerate() {
        if step.index.is_none() || (path.is_top(k) && path.top_self_signed) {
            continue;
        }
        if let Some(hash) = step.cert.signature_hash_weak() {
            findings.push(step.finding(
                Code::WeakSignatureHash,
                format!("{} is signed with {hash}, which is no longer collision-resistant.", step.label()),
            ));
        }
    }
}

/// CA/B Forum BR §6.1.5: RSA keys below `min_rsa_bits` (2048) are too weak.
fn check_key_sizes(path: &PathView<'_>, opts: &Options, findings: &mut Vec<Finding>) {
    for step in path.steps.iter().filter(|s| s.index.is_some()) {
        let (kind, bits) = step.cert.key_description();
        if let (true, Some(bits)) = (kind.starts_with("RSA"), bits) {
            if bits < opts.min_rsa_bits {
                findings.push(step.finding(
                    Code::WeakKey,
                    format!(
                        "{} has a {bits}-bit RSA key; at least {} bits are needed.",
                        step.label(),
                        opts.min_rsa_bits
                    ),
                ));
            }
        }
    }
}

/// CA/B Forum BR §7.1.2.7: a server certificate is not a CA. RFC 5280
/// does not forbid a CA certificate at the end of a path (§4.2.1.9: the
/// last certificate is not counted as an intermediate), browsers accept it,
/// and x509-limbo holds both readings (`rfc5280::ca-as-leaf` passes,
/// `webpki::ca-as-leaf` fails); both profiles follow RFC 5280 and warn.
fn check_ca_as_leaf(path: &PathView<'_>, opts: &Options, findings: &mut Vec<Finding>) {
    let Some(leaf) = path.steps.first() else { return };
    // A lone trusted root pasted to inspect it is not "used as a leaf".
    if path.steps.len() == 1 && path.trusted {
        return;
    }
    if leaf.cert.basic_constraints().is_some_and(|b| b.ca) {
        findings.push(
            leaf.finding(
                Code::CaUsedAsLeaf,
                format!("The server certificate {} is a CA certificate (basicConstraints cA is set).", leaf.label()),
            )
            .for_profile(opts.profile),
        );
    }
}

/// RFC 5280 §4.2.1.12: a leaf whose extendedKeyUsage lists neither
/// serverAuth nor anyExtendedKeyUsage may not serve TLS. (No EKU at all
/// means any purpose.)
fn check_server_auth(path: &PathView<'_>, findings: &mut Vec<Finding>) {
    let Some(leaf) = path.steps.first() else { return };
    if path.steps.len() == 1 && path.trusted {
        return;
    }
    let Some(ekus) = leaf.cert.extended_key_usage() else { return };
    if !ekus.iter().any(|o| *o == ID_KP_SERVER_AUTH || *o == ANY_EXTENDED_KEY_USAGE) {
        let listed: Vec<String> = ekus.iter().map(eku_name).collect();
        findings.push(leaf.finding(
            Code::LeafNotForServers,
            format!(
                "{} is only for {} (extendedKeyUsage), not for TLS servers (serverAuth).",
                leaf.label(),
                if listed.is_empty() { "no purpose".to_string() } else { listed.join(", ") }
            ),
        ));
    }
}

/// The names the certificate's card uses (OpenSSL's). Not const-oid's
/// database: it is ~50 KB of the web app's wasm for this one message.
fn eku_name(oid: &const_oid::ObjectIdentifier) -> String {
    crate::x509::eku_name(oid)
}

#[cfg(test)]
mod tests {
    use super::*;
    use der::asn1::OctetString;
    use x509_cert::ext::pkix::constraints::name::GeneralSubtree;

    fn dns(s: &str) -> GeneralName {
        GeneralName::DnsName(Ia5String::new(s).unwrap())
    }

    fn ip(bytes: &[u8]) -> GeneralName {
        GeneralName::IpAddress(OctetString::new(bytes).unwrap())
    }

    fn subtree(base: GeneralName) -> GeneralSubtree {
        GeneralSubtree { base, minimum: 0, maximum: None }
    }

    #[test]
    fn names_are_judged_against_permitted_and_excluded_subtrees() {
        let permitted = [subtree(dns("example.com")), subtree(ip(&[10, 0, 0, 0, 255, 0, 0, 0]))];
        let excluded = [subtree(dns("bad.example.com"))];
        assert_eq!(check_name(&dns("www.example.com"), &permitted, &excluded), None);
        assert!(check_name(&dns("x.bad.example.com"), &permitted, &excluded).is_some());
        assert!(check_name(&dns("example.org"), &permitted, &excluded).is_some());
        assert_eq!(check_name(&ip(&[10, 1, 2, 3]), &permitted, &excluded), None);
        assert!(check_name(&ip(&[11, 1, 2, 3]), &permitted, &excluded).is_some());
        // An IPv6 address is not constrained by IPv4 subtrees, but a
        // malformed address cannot satisfy any.
        assert_eq!(check_name(&ip(&[0; 16]), &permitted, &excluded), None);
        assert!(check_name(&ip(&[10, 1, 2]), &permitted, &excluded).is_some());
        // Names of other types are not restricted by DNS subtrees.
        let email = GeneralName::Rfc822Name(Ia5String::new("a@example.org").unwrap());
        assert_eq!(check_name(&email, &permitted, &excluded), None);
    }

    /// CVE-2025-61727: "*.example.com" stands for "bar.example.com" too, so
    /// an excluded "bar.example.com" forbids it; a deeper or unrelated
    /// exclusion does not.
    #[test]
    fn a_wildcard_that_reaches_an_excluded_subtree_is_rejected() {
        let excluded = [subtree(dns("bar.example.com"))];
        assert!(check_name(&dns("*.example.com"), &[], &excluded).is_some());
        assert_eq!(check_name(&dns("*.other.com"), &[], &excluded), None);
        assert_eq!(check_name(&dns("*.example.com"), &[], &[subtree(dns("a.bar.example.com"))]), None);
        assert!(check_name(&dns("*.example.com"), &[], &[subtree(dns("example.com"))]).is_some());
    }

    #[test]
    fn a_dns_constraint_with_a_leading_period_is_malformed() {
        assert!(dns_constraint_with_leading_period([subtree(dns(".example.com"))].iter()).is_some());
        assert_eq!(dns_constraint_with_leading_period([subtree(dns("example.com"))].iter()), None);
    }

    #[test]
    fn a_name_form_that_cannot_be_compared_is_rejected_under_its_constraint() {
        let rid = GeneralName::RegisteredId(const_oid::ObjectIdentifier::new_unwrap("1.2.3.4"));
        let other = GeneralName::RegisteredId(const_oid::ObjectIdentifier::new_unwrap("1.2.3.5"));
        assert!(check_name(&rid, &[subtree(other.clone())], &[]).is_some());
        assert!(check_name(&rid, &[], &[subtree(other)]).is_some());
        assert_eq!(check_name(&rid, &[subtree(dns("example.com"))], &[]), None);
    }

    #[test]
    fn hostlike_common_names_are_constrained_only_without_dns_sans() {
        assert!(looks_like_host("www.example.com"));
        assert!(looks_like_host("*.example.com"));
        assert!(!looks_like_host("Example Corp"));
        assert!(!looks_like_host("localhost"));
    }
}
