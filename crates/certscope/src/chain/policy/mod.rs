//! Certificate policies: RFC 5280 §6.1 policy processing over the path
//! `chain::build` chose, with the relying party's initial policy settings
//! from `Options`.
//!
//! Runs after `chain::validate`, on the certificates below the trust anchor
//! (the anchor is an input to §6.1, not a certificate of the path). Emits
//! `policy-required-none-valid`, `policy-tree-too-large`,
//! `policy-duplicate`, `policy-mapping-any-policy` and
//! `policy-extension-malformed`; returns the authorities- and
//! user-constrained policy sets for the report.
//!
//! The valid_policy_tree can grow exponentially with the path
//! (CVE-2023-0464), so every node counts against `max_policy_nodes`; past
//! it processing stops and the path is not called valid on policy grounds.
//! Policy qualifiers are not kept: §6.1 carries them along but they never
//! decide validity.
//!
//! NOTE: RFC 9618 (as Go implements it) replaces the tree with a graph that
//! grows linearly; certscope keeps RFC 5280's tree with OpenSSL's cap. Both
//! give the same answers on PKITS 4.8-4.12 (tests/corpus.rs).

mod tree;

use super::validate::{PathView, Step};
use crate::options::{Options, ANY_POLICY};
use crate::report::{Code, Finding, PolicyName, PolicyReport};
use crate::work::{Limit, Stage, Work};
use const_oid::db::rfc5280;
use std::collections::{BTreeMap, BTreeSet};
use std::rc::Rc;
use tree::{single, Oid, PolicySet, TooLarge, Tree};
use x509_cert::ext::pkix::{CertificatePolicies, InhibitAnyPolicy, PolicyConstraints, PolicyMappings};

/// The names the report gives policy OIDs: CA/B Forum Baseline Requirements
/// §7.1.6.1 (reserved certificate policy identifiers) and RFC 5280 anyPolicy.
pub(crate) const POLICY_NAMES: &[(Oid, &str)] = &[
    (crate::oid::CABF_DOMAIN_VALIDATED, "DV"),
    (crate::oid::CABF_ORGANIZATION_VALIDATED, "OV"),
    (crate::oid::CABF_INDIVIDUAL_VALIDATED, "IV"),
    (crate::oid::CABF_EV, "EV"),
    (ANY_POLICY, "anyPolicy"),
];

pub(crate) fn policy_name(oid: &Oid) -> PolicyName {
    let name = POLICY_NAMES.iter().find(|(o, _)| o == oid).map(|(_, n)| *n);
    PolicyName { oid: crate::oid::dotted(oid), name }
}

/// The §6.1.2 state variables besides the tree.
struct Counters {
    explicit_policy: usize,
    inhibit_any_policy: usize,
    policy_mapping: usize,
    /// Who last lowered explicit_policy, for the finding's message.
    explicit_source: String,
}

/// The policy extensions of one certificate, decoded with x509-cert's types.
#[derive(Default)]
struct PolicyExtensions {
    policies: Option<Vec<Oid>>,
    mappings: Vec<(Oid, Oid)>,
    constraints: Option<PolicyConstraints>,
    inhibit_any_policy: Option<u32>,
}

/// RFC 5280 §4.2.1.4, §4.2.1.5, §4.2.1.11, §4.2.1.14: decodes the four
/// extensions. An undecodable or repeated one is reported and the
/// certificate's policies are then unknown (`None`).
fn decode_policy_extensions(step: &Step<'_>, findings: &mut Vec<Finding>) -> Option<PolicyExtensions> {
    let cert = step.cert;
    let malformed = |name: &str, oid: const_oid::ObjectIdentifier, findings: &mut Vec<Finding>| {
        findings.push(
            step.finding(
                Code::PolicyExtensionMalformed,
                format!("{} has a {name} extension that cannot be decoded or appears twice.", step.label()),
            )
            .at(crate::asn1::Locator::Extension(oid)),
        );
    };
    let mut out = PolicyExtensions::default();
    match cert.extension_checked::<CertificatePolicies>() {
        Ok(v) => out.policies = v.map(|(_, p)| p.0.into_iter().map(|i| i.policy_identifier).collect()),
        Err(_) => {
            malformed("certificatePolicies", rfc5280::ID_CE_CERTIFICATE_POLICIES, findings);
            return None;
        }
    }
    match cert.extension_checked::<PolicyMappings>() {
        Ok(v) => {
            out.mappings = v
                .map(|(_, m)| m.0.into_iter().map(|m| (m.issuer_domain_policy, m.subject_domain_policy)).collect())
                .unwrap_or_default()
        }
        Err(_) => {
            malformed("policyMappings", rfc5280::ID_CE_POLICY_MAPPINGS, findings);
            return None;
        }
    }
    match cert.extension_checked::<PolicyConstraints>() {
        Ok(v) => out.constraints = v.map(|(_, c)| c),
        Err(_) => {
            malformed("policyConstraints", rfc5280::ID_CE_POLICY_CONSTRAINTS, findings);
            return None;
        }
    }
    match cert.extension_checked::<InhibitAnyPolicy>() {
        Ok(v) => out.inhibit_any_policy = v.map(|(_, c)| c.0),
        Err(_) => {
            malformed("inhibitAnyPolicy", rfc5280::ID_CE_INHIBIT_ANY_POLICY, findings);
            return None;
        }
    }
    Some(out)
}

/// RFC 5280 §4.2.1.4: "A certificate policy OID MUST NOT appear more than
/// once in a certificate policies extension."
fn check_duplicate_policies(step: &Step<'_>, policies: &[Oid], findings: &mut Vec<Finding>) -> bool {
    let mut seen = BTreeSet::new();
    let repeated: BTreeSet<String> = policies.iter().filter(|p| !seen.insert(**p)).map(|p| p.to_string()).collect();
    if repeated.is_empty() {
        return true;
    }
    findings.push(step.finding(
        Code::PolicyDuplicate,
        format!(
            "{} lists certificate policy {} more than once.",
            step.label(),
            repeated.into_iter().collect::<Vec<_>>().join(", ")
        ),
    ));
    false
}

/// RFC 5280 §6.1.3 (d)(1): each policy of the certificate becomes a child
/// of every node expecting it, or else of the anyPolicy node.
fn add_certificate_policies(tree: &mut Tree, depth: usize, policies: &[Oid]) -> Result<(), TooLarge> {
    for policy in policies.iter().filter(|p| **p != ANY_POLICY) {
        let expecting: Vec<usize> =
            tree.at(depth).filter(|(_, n)| n.expected_policy_set.contains(policy)).map(|(k, _)| k).collect();
        let parents = if expecting.is_empty() {
            tree.at(depth).filter(|(_, n)| n.valid_policy == ANY_POLICY).map(|(k, _)| k).collect()
        } else {
            expecting
        };
        for parent in parents {
            tree.add(parent, *policy, single(*policy))?;
        }
    }
    Ok(())
}

/// RFC 5280 §6.1.3 (d)(2): anyPolicy in the certificate, when not inhibited
/// (or in a self-issued intermediate), gives every node of the previous
/// depth a child for each policy it expects and does not have yet.
fn add_any_policy_children(tree: &mut Tree, depth: usize) -> Result<(), TooLarge> {
    let mut present: BTreeMap<usize, BTreeSet<Oid>> = BTreeMap::new();
    for (_, n) in tree.at(depth + 1) {
        if let Some(p) = n.parent {
            present.entry(p).or_default().insert(n.valid_policy);
        }
    }
    let parents: Vec<(usize, PolicySet)> =
        tree.at(depth).map(|(k, n)| (k, Rc::clone(&n.expected_policy_set))).collect();
    for (parent, expected) in parents {
        let have = present.get(&parent);
        // Added one by one, so a huge expected set stops at the cap.
        for policy in expected.iter().filter(|e| !have.is_some_and(|h| h.contains(*e))) {
            tree.add(parent, *policy, single(*policy))?;
        }
    }
    Ok(())
}

/// RFC 5280 §4.2.1.5: "Policies MUST NOT be mapped either to or from the
/// special value anyPolicy" (checked at §6.1.4 (a)).
fn check_any_policy_mapping(step: &Step<'_>, mappings: &[(Oid, Oid)], findings: &mut Vec<Finding>) -> bool {
    if !mappings.iter().any(|(from, to)| *from == ANY_POLICY || *to == ANY_POLICY) {
        return true;
    }
    findings.push(step.finding(
        Code::PolicyMappingAnyPolicy,
        format!("{} maps a policy to or from anyPolicy in its policyMappings.", step.label()),
    ));
    false
}

/// RFC 5280 §6.1.4 (b): with mapping allowed, a node of this depth whose
/// policy is mapped now expects the subject-domain policies (an anyPolicy
/// node gains a sibling for it); with mapping inhibited, such nodes are
/// deleted.
fn apply_policy_mappings(
    tree: &mut Tree,
    depth: usize,
    mappings: &[(Oid, Oid)],
    policy_mapping: usize,
) -> Result<(), TooLarge> {
    let mut by_issuer: BTreeMap<Oid, BTreeSet<Oid>> = BTreeMap::new();
    for (from, to) in mappings {
        by_issuer.entry(*from).or_default().insert(*to);
    }
    let mut unmapped = false;
    for (issuer_policy, subjects) in by_issuer {
        let subjects = Rc::new(subjects);
        let matching: Vec<usize> =
            tree.at(depth).filter(|(_, n)| n.valid_policy == issuer_policy).map(|(k, _)| k).collect();
        if policy_mapping == 0 {
            // (b)(2): delete now, prune once below.
            for k in matching {
                if let Some(n) = tree.nodes.get_mut(k) {
                    n.live = false;
                    unmapped = true;
                }
            }
            continue;
        }
        if !matching.is_empty() {
            for k in matching {
                if let Some(n) = tree.nodes.get_mut(k) {
                    n.expected_policy_set = Rc::clone(&subjects);
                }
            }
        } else {
            let any_parent = tree.at(depth).find(|(_, n)| n.valid_policy == ANY_POLICY).and_then(|(_, n)| n.parent);
            if let Some(parent) = any_parent {
                tree.add(parent, issuer_policy, subjects)?;
            }
        }
    }
    if unmapped {
        tree.prune(depth);
    }
    Ok(())
}

/// RFC 5280 §6.1.4 (h), (i), (j): count down for a non-self-issued
/// intermediate, then apply its policyConstraints and inhibitAnyPolicy.
fn update_counters(counters: &mut Counters, step: &Step<'_>, ext: &PolicyExtensions) {
    if !step.cert.is_self_issued() {
        counters.explicit_policy = counters.explicit_policy.saturating_sub(1);
        counters.policy_mapping = counters.policy_mapping.saturating_sub(1);
        counters.inhibit_any_policy = counters.inhibit_any_policy.saturating_sub(1);
    }
    if let Some(c) = &ext.constraints {
        if let Some(r) = c.require_explicit_policy.map(|r| r as usize) {
            if r < counters.explicit_policy {
                counters.explicit_policy = r;
                counters.explicit_source = format!("{}'s policyConstraints (requireExplicitPolicy {r})", step.label());
            }
        }
        if let Some(m) = c.inhibit_policy_mapping.map(|m| m as usize) {
            counters.policy_mapping = counters.policy_mapping.min(m);
        }
    }
    if let Some(a) = ext.inhibit_any_policy.map(|a| a as usize) {
        counters.inhibit_any_policy = counters.inhibit_any_policy.min(a);
    }
}

/// RFC 5280 §6.1.5 (g): intersect the tree with the user-initial-policy-set.
/// Returns the authorities-constrained set (policies at depth n before the
/// intersection) and the user-constrained set (after it).
fn intersect_with_initial_set(
    tree: &mut Tree,
    n: usize,
    initial: &BTreeSet<Oid>,
) -> Result<(BTreeSet<Oid>, BTreeSet<Oid>), TooLarge> {
    if tree.is_null() {
        return Ok((BTreeSet::new(), BTreeSet::new()));
    }
    let authorities = tree.policies_at(n);
    if initial.contains(&ANY_POLICY) {
        return Ok((authorities.clone(), authorities));
    }
    // (iii)(1): nodes whose parent is anyPolicy.
    let node_set: Vec<usize> = tree
        .nodes
        .iter()
        .enumerate()
        .filter(|(_, nd)| {
            nd.live && nd.parent.and_then(|p| tree.nodes.get(p)).is_some_and(|p| p.valid_policy == ANY_POLICY)
        })
        .map(|(k, _)| k)
        .collect();
    let in_node_set: BTreeSet<Oid> =
        node_set.iter().filter_map(|k| tree.nodes.get(*k)).map(|nd| nd.valid_policy).collect();
    // (iii)(2): delete those not acceptable to the user, with their subtrees.
    for k in &node_set {
        if let Some(nd) = tree.nodes.get_mut(*k) {
            if nd.valid_policy != ANY_POLICY && !initial.contains(&nd.valid_policy) {
                nd.live = false;
            }
        }
    }
    tree.drop_orphans();
    // (iii)(3): an anyPolicy leaf stands for each acceptable policy not yet present.
    let any_leaf = tree.at(n).find(|(_, nd)| nd.valid_policy == ANY_POLICY).map(|(k, nd)| (k, nd.parent));
    if let Some((k, Some(parent))) = any_leaf {
        for policy in initial.iter().filter(|p| !in_node_set.contains(*p)) {
            tree.add(parent, *policy, single(*policy))?;
        }
        if let Some(nd) = tree.nodes.get_mut(k) {
            nd.live = false;
        }
    }
    // (iii)(4)
    tree.prune(n);
    let user = if tree.is_null() { BTreeSet::new() } else { tree.policies_at(n) };
    Ok((authorities, user))
}

/// Runs RFC 5280 §6.1.2-§6.1.5 over the path and reports the policy sets.
pub(crate) fn process_policies(
    path: &PathView<'_>,
    opts: &Options,
    work: &mut Work,
    findings: &mut Vec<Finding>,
) -> PolicyReport {
    // The top is the trust anchor when trusted or self-signed; §6.1 processes
    // the certificates below it, anchor side first.
    let below_anchor =
        if path.trusted || path.top_self_signed { path.steps.len().saturating_sub(1) } else { path.steps.len() };
    let certs: Vec<&Step<'_>> = path.steps.iter().take(below_anchor).rev().collect();
    let initial: BTreeSet<Oid> = if opts.initial_policy_set.is_empty() {
        BTreeSet::from([ANY_POLICY])
    } else {
        opts.initial_policy_set.iter().copied().collect()
    };
    let outcome = run(&certs, opts, &initial, work, findings);
    let names = |set: &BTreeSet<Oid>| set.iter().map(policy_name).collect();
    match outcome {
        Ok(Processed { authorities, user, valid }) => {
            PolicyReport { authorities_constrained: names(&authorities), user_constrained: names(&user), valid }
        }
        Err(at) => {
            let step = certs.get(at).copied().or_else(|| path.steps.first());
            let message = format!(
                "Policy processing stopped at {}: its certificate policies and mappings would make the valid_policy_tree exceed {} nodes (max_policy_nodes), so the path's policies could not be determined.",
                step.map(Step::label).unwrap_or_default(),
                opts.limits.max_policy_nodes
            );
            findings.push(match step {
                Some(s) => s.finding(Code::PolicyTreeTooLarge, message),
                None => Finding::new(Code::PolicyTreeTooLarge, message),
            });
            PolicyReport::default()
        }
    }
}

struct Processed {
    authorities: BTreeSet<Oid>,
    user: BTreeSet<Oid>,
    valid: bool,
}

/// The §6.1 loop. `Err(i)`: the tree outgrew its cap at certificate `i`.
fn run(
    certs: &[&Step<'_>],
    opts: &Options,
    initial: &BTreeSet<Oid>,
    work: &mut Work,
    findings: &mut Vec<Finding>,
) -> Result<Processed, usize> {
    // The tree is grown within what the analysis has left, and what it grew
    // to is spent afterwards, so `work.policy_nodes` reports it.
    let mut tree = Tree::new(work.left(Limit::PolicyNodes).max(1));
    let outcome = grow(certs, opts, initial, &mut tree, findings);
    work.spend_up_to(Limit::PolicyNodes, tree.nodes.len(), Stage::Policies);
    if outcome.is_err() {
        work.refuse(Limit::PolicyNodes, Stage::Policies);
    }
    outcome
}

fn grow(
    certs: &[&Step<'_>],
    opts: &Options,
    initial: &BTreeSet<Oid>,
    tree: &mut Tree,
    findings: &mut Vec<Finding>,
) -> Result<Processed, usize> {
    let n = certs.len();
    if n == 0 {
        // A trust anchor alone: nothing constrains the relying party's set.
        return Ok(Processed { authorities: BTreeSet::from([ANY_POLICY]), user: initial.clone(), valid: true });
    }
    // RFC 5280 §6.1.2 (d), (e), (f).
    let start = |inhibit: bool| if inhibit { 0 } else { n + 1 };
    let mut counters = Counters {
        explicit_policy: start(opts.initial_explicit_policy),
        inhibit_any_policy: start(opts.initial_any_policy_inhibit),
        policy_mapping: start(opts.initial_policy_mapping_inhibit),
        explicit_source: "the initial-explicit-policy setting".to_string(),
    };
    let mut well_formed = true;
    let mut last_ext = PolicyExtensions::default();
    for (k, step) in certs.iter().enumerate() {
        let i = k + 1;
        let Some(ext) = decode_policy_extensions(step, findings) else {
            return Ok(Processed { authorities: BTreeSet::new(), user: BTreeSet::new(), valid: false });
        };
        // Every policy and mapping may become a node: more of them than
        // the cap cannot be evaluated, and bounding them bounds the work
        // per node (1,000 policies × 1,000 nodes at most).
        let max = opts.limits.max_policy_nodes;
        if ext.policies.as_ref().map_or(0, Vec::len) > max || ext.mappings.len() > max {
            return Err(k);
        }
        // §6.1.3 (d), (e)
        match (&ext.policies, tree.is_null()) {
            (Some(policies), false) => {
                well_formed &= check_duplicate_policies(step, policies, findings);
                add_certificate_policies(tree, i - 1, policies).map_err(|_| k)?;
                let any_allowed = counters.inhibit_any_policy > 0 || (i < n && step.cert.is_self_issued());
                if policies.contains(&ANY_POLICY) && any_allowed {
                    add_any_policy_children(tree, i - 1).map_err(|_| k)?;
                }
                tree.prune(i);
            }
            (Some(policies), true) => well_formed &= check_duplicate_policies(step, policies, findings),
            (None, _) => tree.set_null(),
        }
        // §6.1.3 (f)
        if counters.explicit_policy == 0 && tree.is_null() {
            findings.push(step.finding(
                Code::PolicyRequiredNoneValid,
                format!(
                    "An explicit certificate policy is required (by {}), but no policy is valid for the path at {}.",
                    counters.explicit_source,
                    step.label()
                ),
            ));
            return Ok(Processed { authorities: BTreeSet::new(), user: BTreeSet::new(), valid: false });
        }
        if i == n {
            last_ext = ext;
            break;
        }
        // §6.1.4 (a), (b)
        if !ext.mappings.is_empty() {
            if !check_any_policy_mapping(step, &ext.mappings, findings) {
                return Ok(Processed { authorities: BTreeSet::new(), user: BTreeSet::new(), valid: false });
            }
            if !tree.is_null() {
                apply_policy_mappings(tree, i, &ext.mappings, counters.policy_mapping).map_err(|_| k)?;
            }
        }
        update_counters(&mut counters, step, &ext);
    }
    wrap_up(tree, certs, counters, &last_ext, initial, well_formed, findings)
}

/// RFC 5280 §6.1.5 (a), (b), (g): the last certificate's own policy
/// constraint, then the intersection, and success if a policy is valid or
/// none is required.
fn wrap_up(
    tree: &mut Tree,
    certs: &[&Step<'_>],
    mut counters: Counters,
    last_ext: &PolicyExtensions,
    initial: &BTreeSet<Oid>,
    well_formed: bool,
    findings: &mut Vec<Finding>,
) -> Result<Processed, usize> {
    let n = certs.len();
    counters.explicit_policy = counters.explicit_policy.saturating_sub(1);
    if last_ext.constraints.as_ref().and_then(|c| c.require_explicit_policy) == Some(0) {
        counters.explicit_policy = 0;
        if let Some(leaf) = certs.last() {
            counters.explicit_source = format!("{}'s policyConstraints (requireExplicitPolicy 0)", leaf.label());
        }
    }
    // §6.1.5 (g)
    let (authorities, user) = intersect_with_initial_set(tree, n, initial).map_err(|_| n.saturating_sub(1))?;
    let mut valid = well_formed;
    if counters.explicit_policy == 0 && user.is_empty() {
        let wanted: Vec<String> = initial.iter().map(|p| crate::report::labels::policy_name(&policy_name(p))).collect();
        let leaf = certs.last().or(certs.first());
        let message = format!(
            "An explicit certificate policy is required (by {}), but none of the acceptable policies ({}) is valid for this path.",
            counters.explicit_source,
            wanted.join(", ")
        );
        findings.push(match leaf {
            Some(s) => s.finding(Code::PolicyRequiredNoneValid, message),
            None => Finding::new(Code::PolicyRequiredNoneValid, message),
        });
        valid = false;
    }
    Ok(Processed { authorities, user, valid })
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::report::Source;
    use crate::x509::testdata::ders;
    use crate::x509::Cert;
    use const_oid::AssociatedOid;
    use der::asn1::OctetString;
    use der::{Decode, Encode};
    use std::str::FromStr;
    use x509_cert::ext::pkix::certpolicy::PolicyInformation;
    use x509_cert::ext::pkix::PolicyMapping;
    use x509_cert::ext::Extension;
    use x509_cert::name::Name;

    fn oid(s: &str) -> Oid {
        Oid::new_unwrap(s)
    }

    fn extension<T: Encode + AssociatedOid>(value: &T, critical: bool) -> Extension {
        Extension { extn_id: T::OID, critical, extn_value: OctetString::new(value.to_der().unwrap()).unwrap() }
    }

    /// A real certificate renamed `subject` (issued by `issuer`) whose only
    /// extensions are the given ones. Its signature no longer verifies,
    /// which policy processing does not look at.
    fn forged(subject: &str, issuer: &str, extensions: Vec<Extension>) -> Cert {
        let template = ders("letsencryptx3.pem").remove(0);
        let mut cert = x509_cert::Certificate::from_der(&template).unwrap();
        cert.tbs_certificate.subject = Name::from_str(&format!("CN={subject}")).unwrap();
        cert.tbs_certificate.issuer = Name::from_str(&format!("CN={issuer}")).unwrap();
        cert.tbs_certificate.extensions = Some(extensions);
        let source = Source { input: 0, name: None, block: 1, encoding: crate::report::Encoding::Der };
        Cert::from_der(&cert.to_der().unwrap(), source, 0).unwrap()
    }

    fn policies(oids: &[Oid]) -> Extension {
        let info = oids.iter().map(|o| PolicyInformation { policy_identifier: *o, policy_qualifiers: None }).collect();
        extension(&CertificatePolicies(info), false)
    }

    fn mappings(pairs: &[(Oid, Oid)]) -> Extension {
        let maps = pairs
            .iter()
            .map(|(from, to)| PolicyMapping { issuer_domain_policy: *from, subject_domain_policy: *to })
            .collect();
        extension(&PolicyMappings(maps), true)
    }

    /// Runs policy processing over `certs` (leaf first; the last one is the
    /// trust anchor, which is not processed).
    fn process(certs: &[Cert], opts: &Options) -> (PolicyReport, Vec<Finding>) {
        let (report, findings, _) = process_with_work(certs, opts);
        (report, findings)
    }

    /// [`process`], also returning what the analysis's meter saw.
    fn process_with_work(certs: &[Cert], opts: &Options) -> (PolicyReport, Vec<Finding>, crate::report::WorkReport) {
        let steps =
            certs.iter().enumerate().map(|(i, cert)| Step { cert, index: Some(i), from_mozilla: false }).collect();
        let view = PathView { steps, trusted: true, top_self_signed: true };
        let mut findings = Vec::new();
        let mut work = Work::new(&opts.limits);
        let report = process_policies(&view, opts, &mut work, &mut findings);
        work.findings(&mut findings);
        (report, findings, work.report())
    }

    fn codes(findings: &[Finding]) -> Vec<&'static str> {
        findings.iter().map(|f| f.code.code()).collect()
    }

    fn oids(names: &[PolicyName]) -> Vec<&str> {
        names.iter().map(|p| p.oid.as_str()).collect()
    }

    const DV: &str = "2.23.140.1.2.1";

    fn web_chain(intermediate: Vec<Extension>) -> Vec<Cert> {
        vec![
            forged("leaf", "CA", vec![policies(&[oid(DV), oid("1.3.6.1.4.1.44947.1.1.1")])]),
            forged("CA", "Root", intermediate),
            forged("Root", "Root", vec![]),
        ]
    }

    #[test]
    fn web_chain_under_any_policy_reports_dv() {
        let (report, findings) = process(&web_chain(vec![policies(&[ANY_POLICY])]), &Options::default());
        assert!(findings.is_empty(), "{findings:?}");
        assert!(report.valid);
        assert_eq!(oids(&report.user_constrained), vec![DV, "1.3.6.1.4.1.44947.1.1.1"]);
        assert_eq!(
            report.user_constrained.first().map(crate::report::labels::policy_name).as_deref(),
            Some("2.23.140.1.2.1 (DV)")
        );
        assert_eq!(report.authorities_constrained, report.user_constrained);
    }

    #[test]
    fn intermediate_without_policies_empties_the_sets() {
        let (report, findings) = process(&web_chain(vec![]), &Options::default());
        assert!(findings.is_empty());
        assert!(report.valid, "no policy is required by default");
        assert!(report.user_constrained.is_empty());
        let strict = Options { initial_explicit_policy: true, ..Options::default() };
        let (report, findings) = process(&web_chain(vec![]), &strict);
        assert!(!report.valid);
        assert_eq!(codes(&findings), vec!["policy-required-none-valid"]);
    }

    #[test]
    fn user_set_restricts_to_acceptable_policies() {
        let ev = Options { initial_policy_set: vec![oid("2.23.140.1.1")], ..Options::default() };
        let (report, _) = process(&web_chain(vec![policies(&[ANY_POLICY])]), &ev);
        assert!(report.user_constrained.is_empty());
        assert!(report.valid, "an empty user set fails only when explicit policy is required");
        let dv = Options { initial_policy_set: vec![oid(DV)], initial_explicit_policy: true, ..Options::default() };
        let (report, findings) = process(&web_chain(vec![policies(&[ANY_POLICY])]), &dv);
        assert!(findings.is_empty(), "{findings:?}");
        assert_eq!(oids(&report.user_constrained), vec![DV]);
    }

    #[test]
    fn mapping_any_policy_is_malformed() {
        let p1 = oid("2.16.840.1.101.3.2.1.48.1");
        let chain = web_chain(vec![policies(&[ANY_POLICY]), mappings(&[(ANY_POLICY, p1)])]);
        let (report, findings) = process(&chain, &Options::default());
        assert!(!report.valid);
        assert_eq!(codes(&findings), vec!["policy-mapping-any-policy"]);
        assert_eq!(findings.first().and_then(|f| f.certificate), Some(1));
    }

    #[test]
    fn duplicate_policy_is_malformed() {
        let chain = web_chain(vec![policies(&[ANY_POLICY, ANY_POLICY])]);
        let (report, findings) = process(&chain, &Options::default());
        assert!(!report.valid);
        assert_eq!(codes(&findings), vec!["policy-duplicate"]);
    }

    /// The tree refuses nodes past its cap, whatever asks for them.
    #[test]
    fn tree_never_exceeds_its_cap() {
        let mut tree = Tree::new(10);
        let mut added = 1;
        while tree.add(0, oid(DV), single(oid(DV))).is_ok() {
            added += 1;
            assert!(added <= 10);
        }
        assert_eq!(tree.nodes.len(), 10);
    }

    /// Five CAs, each asserting ten policies and mapping every one of them to
    /// all ten: every level multiplies the tree by ten (10, 100, 1,000, ...),
    /// the CVE-2023-0464 shape. Processing stops at the cap with a finding.
    fn exploding_chain(cas: usize, width: usize) -> Vec<Cert> {
        let set: Vec<Oid> = (1..=width).map(|k| oid(&format!("1.3.6.1.4.1.55555.{k}"))).collect();
        let full: Vec<(Oid, Oid)> = set.iter().flat_map(|a| set.iter().map(move |b| (*a, *b))).collect();
        let mut chain = vec![forged("leaf", "CA 1", vec![policies(&set)])];
        for k in 1..=cas {
            let issuer = if k == cas { "Root".to_string() } else { format!("CA {}", k + 1) };
            chain.push(forged(&format!("CA {k}"), &issuer, vec![policies(&set), mappings(&full)]));
        }
        chain.push(forged("Root", "Root", vec![]));
        chain
    }

    #[test]
    fn exploding_policy_tree_hits_the_cap() {
        let chain = exploding_chain(5, 10);
        let opts = Options::default();
        let (report, findings, work) = process_with_work(&chain, &opts);
        // One finding: the shared meter records the limit without saying it again.
        assert_eq!(codes(&findings), vec!["policy-tree-too-large"]);
        assert_eq!((work.policy_nodes, work.exceeded.as_slice()), (1000, ["max_policy_nodes".to_string()].as_slice()));
        assert!(findings.iter().all(|f| f.message.contains("1000 nodes")), "{findings:?}");
        assert!(!report.valid);
        assert!(report.user_constrained.is_empty());
        // With the cap lowered, processing stops earlier and says so.
        let mut tight = Options::default();
        tight.limits.max_policy_nodes = 50;
        let (_, findings) = process(&chain, &tight);
        assert_eq!(codes(&findings), vec!["policy-tree-too-large"]);
        assert!(findings.iter().all(|f| f.message.contains("50 nodes")));
    }

    #[test]
    fn more_policies_than_the_cap_stop_at_once() {
        let many: Vec<Oid> = (1..=30).map(|k| oid(&format!("1.3.6.1.4.1.55555.{k}"))).collect();
        let chain = web_chain(vec![policies(&many)]);
        let mut opts = Options::default();
        opts.limits.max_policy_nodes = 20;
        let (report, findings) = process(&chain, &opts);
        assert_eq!(codes(&findings), vec!["policy-tree-too-large"]);
        assert_eq!(findings.first().and_then(|f| f.certificate), Some(1));
        assert!(!report.valid);
    }

    /// One policy mapped to 900 others, then anyPolicy below: the anyPolicy
    /// step would add 900 children to each of the mapped nodes; it stops at
    /// the cap instead of collecting them all first.
    #[test]
    fn wide_mapping_then_any_policy_stops_at_the_cap() {
        let p = oid("1.3.6.1.4.1.55555.1");
        let targets: Vec<(Oid, Oid)> = (2..=901).map(|k| (p, oid(&format!("1.3.6.1.4.1.55555.{k}")))).collect();
        let chain = vec![
            forged("leaf", "CA 1", vec![policies(&[ANY_POLICY])]),
            forged("CA 1", "CA 2", vec![policies(&[ANY_POLICY])]),
            forged("CA 2", "Root", vec![policies(&[p]), mappings(&targets)]),
            forged("Root", "Root", vec![]),
        ];
        let mut opts = Options::default();
        opts.limits.max_policy_nodes = 500;
        let (report, findings) = process(&chain, &opts);
        assert_eq!(codes(&findings), vec!["policy-tree-too-large"]);
        assert!(!report.valid);
        // The default cap stops it too, one certificate later: 1 + 1 + 900 + 900 nodes.
        let (_, findings) = process(&chain, &Options::default());
        assert_eq!(codes(&findings), vec!["policy-tree-too-large"]);
    }

    #[test]
    fn short_mapped_chain_fits_under_the_cap() {
        // One CA: 10 policies, 100 mappings, a tree of 1 + 10 + 100 nodes.
        let (report, findings) = process(&exploding_chain(1, 10), &Options::default());
        assert!(findings.is_empty(), "{findings:?}");
        assert!(report.valid);
        assert_eq!(report.user_constrained.len(), 10);
    }
}
