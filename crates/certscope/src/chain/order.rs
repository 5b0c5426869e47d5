//! Chain order and membership: is the bundle in the order TLS sends it, and
//! does every certificate belong to the chosen path?
//!
//! Runs after `chain::build` has picked a path. Emits `wrong-order`,
//! `duplicate-certificate`, `extra-certificate`, `root-included`,
//! `untrusted-root`, `self-signed-leaf`, and builds the corrected PEM.
//! Leaves signatures to `chain::build` and validity to `chain::validate`.
//!
//! RFC 5246 §7.4.2: each certificate MUST certify the one before it;
//! RFC 8446 §4.4.2 relaxes that to SHOULD, hence a warning.

use crate::report::{Code, Finding, Role};
use crate::x509::Cert;

/// What `check_order` needs to know about the built path.
pub(crate) struct PathShape<'a> {
    /// Input indices of the path's input certificates, leaf first.
    pub inputs: &'a [usize],
    /// Input index of an earlier identical certificate, per input.
    pub duplicate_of: &'a [Option<usize>],
    /// The path ends at a trust anchor.
    pub trusted: bool,
    /// The top of the path is an input certificate that signed itself.
    pub top_input_self_signed: bool,
    /// The top of the path is a CA certificate (or X.509 v1).
    pub top_is_ca: bool,
    /// Input certificates already explained by another finding (a signer
    /// with a mismatched name), not to be called extra.
    pub explained: &'a [usize],
}

pub(crate) struct Order {
    pub roles: Vec<Role>,
    pub order_ok: bool,
    pub corrected_pem: String,
}

pub(crate) fn check_order(certs: &[Cert], shape: &PathShape<'_>, findings: &mut Vec<Finding>) -> Order {
    let roles = assign_roles(certs.len(), shape);
    check_duplicates(certs, shape.duplicate_of, findings);
    check_extras(certs, &roles, shape, findings);
    check_root(certs, shape, findings);
    let order_ok = check_wrong_order(certs, shape.inputs, findings);
    // The issuer named by a certificate whose signature it does not verify
    // stays in the chain to install: the signature is what is wrong.
    let shown: Vec<usize> =
        shape.inputs.iter().chain(shape.explained.iter().filter(|i| !shape.inputs.contains(i))).copied().collect();
    let corrected_pem = render_corrected_pem(certs, &shown, &roles);
    Order { roles, order_ok, corrected_pem }
}

fn assign_roles(n: usize, shape: &PathShape<'_>) -> Vec<Role> {
    let mut roles: Vec<Role> = (0..n)
        .map(|i| if shape.duplicate_of.get(i).copied().flatten().is_some() { Role::Duplicate } else { Role::Extra })
        .collect();
    let last = shape.inputs.len().saturating_sub(1);
    for (k, &i) in shape.inputs.iter().enumerate() {
        // A trusted self-signed server certificate alone is a leaf, not a root.
        let root_alone = k == 0 && shape.trusted && shape.top_is_ca;
        let role = if k == last && shape.top_input_self_signed && (k > 0 || root_alone) {
            Role::Root
        } else if k == 0 {
            Role::Leaf
        } else {
            Role::Intermediate
        };
        if let Some(r) = roles.get_mut(i) {
            *r = role;
        }
    }
    // A named issuer explained by the diagnosis (its key does not verify
    // the signature below it) is that certificate's intermediate, not an
    // extra one to remove.
    for &i in shape.explained {
        if let Some(r @ Role::Extra) = roles.get_mut(i) {
            *r = Role::Intermediate;
        }
    }
    roles
}

fn name(certs: &[Cert], i: usize) -> String {
    certs.get(i).map(|c| c.display_name()).unwrap_or_default()
}

/// Duplicate and extra certificates listed one by one; a paste of
/// thousands gets one more finding that counts the rest, so the report
/// stays readable (the input stage does the same for broken blocks).
const MAX_LISTED: usize = 20;

/// The closing finding for certificates past [`MAX_LISTED`].
fn push_rest(code: Code, rest: usize, what: &str, findings: &mut Vec<Finding>) {
    if rest > 0 {
        findings.push(Finding::new(code, format!("{rest} more certificates {what}; they were not listed one by one.")));
    }
}

/// RFC 8446 §4.4.2: a repeated certificate is wasted bytes.
fn check_duplicates(certs: &[Cert], duplicate_of: &[Option<usize>], findings: &mut Vec<Finding>) {
    let mut listed = 0;
    for (i, first) in duplicate_of.iter().enumerate() {
        if let Some(first) = first {
            listed += 1;
            if listed > MAX_LISTED {
                continue;
            }
            findings.push(Finding::about(
                Code::DuplicateCertificate,
                i,
                format!(
                    "Certificate {} (\"{}\") is an exact copy of certificate {}.",
                    i + 1,
                    name(certs, i),
                    first + 1
                ),
            ));
        }
    }
    push_rest(
        Code::DuplicateCertificate,
        listed.saturating_sub(MAX_LISTED),
        "are exact copies of earlier ones",
        findings,
    );
}

/// RFC 8446 §4.4.2: certificates that are not on the path do not belong.
fn check_extras(certs: &[Cert], roles: &[Role], shape: &PathShape<'_>, findings: &mut Vec<Finding>) {
    let leaf = shape.inputs.first().map(|&i| name(certs, i)).unwrap_or_default();
    let mut listed = 0;
    for (i, role) in roles.iter().enumerate() {
        if *role == Role::Extra && !shape.explained.contains(&i) {
            listed += 1;
            if listed > MAX_LISTED {
                continue;
            }
            findings.push(Finding::about(
                Code::ExtraCertificate,
                i,
                format!(
                    "Certificate {} (\"{}\") is not part of the chain from \"{leaf}\" to its root.",
                    i + 1,
                    name(certs, i)
                ),
            ));
        }
    }
    let what = format!("are not part of the chain from \"{leaf}\" to its root");
    push_rest(Code::ExtraCertificate, listed.saturating_sub(MAX_LISTED), &what, findings);
}

/// The top of the path: a root in the input (info when trusted, an error
/// when not), or a leaf that signed itself.
fn check_root(certs: &[Cert], shape: &PathShape<'_>, findings: &mut Vec<Finding>) {
    let (Some(&top), true) = (shape.inputs.last(), shape.top_input_self_signed) else { return };
    let single = shape.inputs.len() == 1;
    if single && !shape.trusted {
        findings.push(Finding::about(
            Code::SelfSignedLeaf,
            top,
            format!("\"{}\" is self-signed: it is its own issuer and no trusted CA vouches for it.", name(certs, top)),
        ));
    } else if !shape.trusted {
        findings.push(Finding::about(
            Code::UntrustedRoot,
            top,
            format!(
                "The chain ends at \"{}\", a self-signed root that is not in the trust store in use.",
                name(certs, top)
            ),
        ));
    } else if !single {
        findings.push(Finding::about(
            Code::RootIncluded,
            top,
            format!("The chain includes its root, \"{}\"; clients use their own copy.", name(certs, top)),
        ));
    }
}

/// RFC 5246 §7.4.2: the leaf first, each certificate followed by its issuer.
/// Returns whether the order is right.
fn check_wrong_order(certs: &[Cert], path: &[usize], findings: &mut Vec<Finding>) -> bool {
    let Some(&leaf) = path.first() else { return true };
    let ascending = path.windows(2).all(|w| matches!(w, [a, b] if a < b));
    if leaf == 0 && ascending {
        return true;
    }
    let mut given: Vec<usize> = path.to_vec();
    given.sort_unstable();
    let list = |ix: &[usize]| ix.iter().map(|&i| format!("\"{}\"", name(certs, i))).collect::<Vec<_>>().join(", ");
    let lead = if leaf == 0 {
        String::new()
    } else {
        format!(
            "The server certificate \"{}\" is not the first certificate (it is number {}). ",
            name(certs, leaf),
            leaf + 1
        )
    };
    findings.push(Finding::about(
        Code::WrongOrder,
        leaf,
        format!("{lead}The chain's certificates are given as {}; they must be sent as {}.", list(&given), list(path)),
    ));
    false
}

/// Leaf first, then intermediates, no root: ready to install. A lone root
/// stays (there is nothing else to install).
fn render_corrected_pem(certs: &[Cert], path: &[usize], roles: &[Role]) -> String {
    let mut out = String::new();
    for &i in path {
        let role = roles.get(i).copied().unwrap_or(Role::Extra);
        if role == Role::Root && path.len() > 1 {
            continue;
        }
        if let Some(c) = certs.get(i) {
            out.push_str(c.pem());
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    fn shape<'a>(inputs: &'a [usize], dup: &'a [Option<usize>]) -> PathShape<'a> {
        PathShape {
            inputs,
            duplicate_of: dup,
            trusted: true,
            top_input_self_signed: false,
            top_is_ca: true,
            explained: &[],
        }
    }

    #[test]
    fn roles_follow_the_path() {
        let dup = [None, None, Some(0), None];
        let s = shape(&[1, 0], &dup);
        assert_eq!(assign_roles(4, &s), vec![Role::Intermediate, Role::Leaf, Role::Duplicate, Role::Extra]);
        let s = PathShape { top_input_self_signed: true, ..shape(&[0, 1, 3], &dup) };
        assert_eq!(assign_roles(4, &s), vec![Role::Leaf, Role::Intermediate, Role::Duplicate, Role::Root]);
        // Alone and trusted: a CA is a root, a self-signed server certificate a leaf.
        let s = PathShape { top_input_self_signed: true, ..shape(&[0], &dup) };
        assert_eq!(assign_roles(1, &s), vec![Role::Root]);
        let s = PathShape { top_input_self_signed: true, top_is_ca: false, ..shape(&[0], &dup) };
        assert_eq!(assign_roles(1, &s), vec![Role::Leaf]);
    }

    #[test]
    fn pem_lines_are_64_characters() {
        let pem = crate::asn1::to_pem("CERTIFICATE", &[7u8; 100]);
        let lines: Vec<&str> = pem.lines().collect();
        assert_eq!(lines.first(), Some(&"-----BEGIN CERTIFICATE-----"));
        assert_eq!(lines.last(), Some(&"-----END CERTIFICATE-----"));
        assert_eq!(lines[1].len(), 64);
        assert!(lines[1..lines.len() - 1].iter().all(|l| l.len() <= 64));
    }
}
