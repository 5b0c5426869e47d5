//! The chain doctor: build the path from the leaf to a trust anchor whatever
//! order the certificates came in, then diagnose it.
//!
//! `build` finds the path (and explains where it stops), `order` judges the
//! bundle's order and membership, `validate` applies RFC 5280 §6.1 at the
//! "as of" time, `policy` its certificate policy processing, `host` checks
//! the leaf against the host name.

pub(crate) mod anchors;
mod build;
mod host;
pub(crate) mod names;
mod order;
pub(crate) mod policy;
mod strict;
mod suffix;
#[cfg(test)]
mod tests;
mod validate;

use crate::options::Options;
use crate::report::{ChainLink, ChainReport, Code, Finding, Role, Severity, SignatureStatus};
use crate::work::{Stage, Work};
use crate::x509::Cert;
use anchors::Anchors;
use build::{Builder, Node};

/// A certificate on the path: one from the input or a trust anchor.
#[derive(Clone, Debug)]
pub(crate) enum PathCert {
    Input(usize),
    /// An anchor from a store (not in the input), decoded.
    Anchor(Box<Cert>),
}

/// What the rest of `analyze` needs from the chain stage.
pub(crate) struct ChainOutcome {
    pub report: ChainReport,
    /// Per input certificate.
    pub roles: Vec<Role>,
    pub signatures: Vec<SignatureStatus>,
    /// Input index of the leaf (the end-entity the path starts from).
    pub leaf: Option<usize>,
    /// Leaf first, up to the anchor (or as far as the path got).
    pub path: Vec<PathCert>,
    /// The path reaches a trust anchor.
    pub trusted: bool,
    /// Signature statuses of certificates off the path, still to be settled
    /// (see [`settle_signatures`]).
    pub pending: Pending,
}

/// Certificates off the path whose signature status is still to be found.
/// Finding it is the least useful signature work (the path, OCSP and CRLs
/// decide the verdict), so it is done last, from what the budget has left.
#[derive(Default)]
pub(crate) struct Pending {
    certificates: Vec<usize>,
    /// Input index of an earlier certificate with the same DER, per input.
    duplicate_of: Vec<Option<usize>>,
    /// The path search ran out: nothing more is verified.
    exhausted: bool,
}

impl ChainOutcome {
    /// The certificate that issued the leaf, from the input or a trust store.
    pub fn leaf_issuer<'a>(&'a self, certs: &'a [Cert]) -> Option<&'a Cert> {
        match self.path.get(1)? {
            PathCert::Input(i) => certs.get(*i),
            PathCert::Anchor(c) => Some(c),
        }
    }

    fn empty() -> Self {
        ChainOutcome {
            report: ChainReport::default(),
            roles: Vec::new(),
            signatures: Vec::new(),
            leaf: None,
            path: Vec::new(),
            trusted: false,
            pending: Pending::default(),
        }
    }
}

/// Codes whose error findings make the path invalid (`chain.valid`).
/// `host-mismatch` and `san-missing` are about the name asked for, not the
/// path; strict-only codes are about the certificate profile, and their
/// severity depends on `Options::profile`.
fn breaks_validation(f: &Finding) -> bool {
    f.severity == Severity::Error && !matches!(f.code, Code::HostMismatch | Code::SanMissing) && !f.code.strict_only()
}

pub(crate) fn analyze_chain(
    certs: &[Cert],
    anchors: &Anchors,
    opts: &Options,
    work: &mut Work,
    findings: &mut Vec<Finding>,
) -> ChainOutcome {
    if certs.is_empty() {
        findings.push(Finding::new(Code::NoCertificate, "No certificate was found, so there is no chain to check."));
        return ChainOutcome::empty();
    }
    let first_finding = findings.len();
    let mut builder = Builder::new(certs, anchors, work);
    builder.max_intermediates = opts.max_intermediates;
    let Some(leaf) = builder.pick_leaf(opts.host.as_deref(), opts.as_of) else { return ChainOutcome::empty() };
    let built = builder.build_path(leaf);
    let exhausted = builder.start_diagnosis();
    if exhausted && !built.trusted {
        findings.push(Finding::about(
            Code::PathBudgetExceeded,
            leaf,
            format!(
                "Searching for the issuers of \"{}\" ran out of the analysis's {} signature checks (max_signature_checks) or {} steps (max_build_steps); the search stopped and the chain below is as far as it got.",
                certs.get(leaf).map(|c| c.display_name()).unwrap_or_default(),
                opts.limits.max_signature_checks,
                opts.limits.max_build_steps
            ),
        ));
    } else if builder.depth_exceeded() && !built.trusted {
        findings.push(Finding::about(
            Code::PathBudgetExceeded,
            leaf,
            format!("No trusted path of at most {} certificates (max_path_len) was found.", opts.limits.max_path_len),
        ));
    }

    // The top of the path: its own signature status, and why the path stops there.
    let top = built.nodes.last().copied().unwrap_or(Node::Input(leaf));
    let mut missing_issuer = None;
    let mut explained = Vec::new();
    let top_status = match top {
        Node::Anchor(_, _, status) => status,
        Node::Input(i) if built.trusted || built.top_self_signed => builder.status_for(i),
        // Nothing more can be said cheaply; the budget finding explains it.
        Node::Input(_) if exhausted => SignatureStatus::NotChecked,
        Node::Input(i) => {
            let (status, missing, misnamed) = builder.diagnose_top(i, &built.nodes, findings);
            missing_issuer = missing;
            explained.extend(misnamed);
            status
        }
    };

    // Per-input signature statuses: path links, the top, then everything else.
    let mut signatures = vec![SignatureStatus::IssuerMissing; certs.len()];
    for (k, node) in built.nodes.iter().enumerate() {
        if let Node::Input(i) = node {
            let status = built.links.get(k).copied().unwrap_or(top_status);
            if let Some(s) = signatures.get_mut(*i) {
                *s = status;
            }
        }
    }
    let path_inputs: Vec<usize> = built
        .nodes
        .iter()
        .filter_map(|n| match n {
            Node::Input(i) => Some(*i),
            Node::Anchor(..) => None,
        })
        .collect();
    let duplicate_of: Vec<Option<usize>> = builder.info.iter().map(|x| x.duplicate_of).collect();
    // Off the path: left for `settle_signatures`, after OCSP and CRLs.
    let pending: Vec<usize> = (0..certs.len())
        .filter(|i| !path_inputs.contains(i) && duplicate_of.get(*i).copied().flatten().is_none())
        .collect();
    copy_duplicates(&mut signatures, &duplicate_of);

    let top_input_self_signed = matches!(top, Node::Input(_)) && built.top_self_signed;
    let shape = order::PathShape {
        inputs: &path_inputs,
        duplicate_of: &duplicate_of,
        trusted: built.trusted,
        top_input_self_signed,
        top_is_ca: path_inputs
            .last()
            .and_then(|&i| certs.get(i))
            .is_some_and(|c| c.basic_constraints().is_some_and(|b| b.ca) || c.version() == 1),
        explained: &explained,
    };
    let ord = order::check_order(certs, &shape, findings);
    check_root_copy(certs, top, built.trusted, builder.work(), findings);

    let view = validate::PathView {
        steps: built
            .nodes
            .iter()
            .filter_map(|n| {
                let cert = builder.cert_of(*n)?;
                let (index, from_mozilla) = match n {
                    Node::Input(i) => (Some(*i), false),
                    Node::Anchor(_, source, _) => (None, *source == anchors::AnchorSource::Mozilla),
                };
                Some(validate::Step { cert, index, from_mozilla })
            })
            .collect(),
        trusted: built.trusted,
        top_self_signed: built.top_self_signed,
    };
    validate::validate_path(&view, opts, builder.work(), findings);
    let policies = policy::process_policies(&view, opts, builder.work(), findings);

    check_unverifiable_links(&builder, &built, findings);
    // A signature certscope cannot check is not a verified one: the path is
    // then not called valid, though it is reported as reaching its anchor.
    let all_verified = built.links.iter().all(|s| *s == SignatureStatus::Valid);
    let chain_valid = built.trusted && all_verified && !findings.iter().skip(first_finding).any(breaks_validation);

    if let (Some(host), Some(leaf_cert)) = (opts.host.as_deref(), certs.get(leaf)) {
        host::check_host(leaf_cert, host, findings);
    }

    let links: Vec<ChainLink> = built
        .nodes
        .iter()
        .enumerate()
        .filter_map(|(k, n)| {
            let cert = builder.cert_of(*n)?;
            let (certificate, from) = match n {
                Node::Input(i) => (Some(*i), crate::report::AnchorSource::Input),
                Node::Anchor(_, source, _) => (None, source.link_source()),
            };
            Some(ChainLink {
                certificate,
                subject: cert.subject_text().to_string(),
                short_name: cert.display_name(),
                sha256: cert.sha256_hex(),
                from,
                signature: built.links.get(k).copied().unwrap_or(top_status),
            })
        })
        .collect();

    let report = ChainReport {
        path: links.iter().map(|l| l.sha256.clone()).collect(),
        links,
        missing_issuer,
        complete: built.trusted,
        valid: chain_valid,
        order_ok: ord.order_ok,
        corrected_pem: ord.corrected_pem,
        policies: Some(policies),
    };
    let path = built
        .nodes
        .iter()
        .map(|n| match n {
            Node::Input(i) => PathCert::Input(*i),
            Node::Anchor(c, _, _) => PathCert::Anchor(Box::new((*c).clone())),
        })
        .collect();
    ChainOutcome {
        report,
        roles: ord.roles,
        signatures,
        leaf: Some(leaf),
        path,
        trusted: built.trusted,
        pending: Pending { certificates: pending, duplicate_of, exhausted },
    }
}

/// The signature status of each certificate off the path, by its best
/// candidate issuer: run last in `analyze`, so that a bundle of hundreds of
/// extra certificates spends the signature budget after the OCSP and CRL
/// checks, not before them. Past the budget a status is `not-checked`.
pub(crate) fn settle_signatures(chain: &mut ChainOutcome, certs: &[Cert], anchors: &Anchors, work: &mut Work) {
    let pending = std::mem::take(&mut chain.pending);
    if pending.certificates.is_empty() {
        return;
    }
    let mut builder = Builder::new(certs, anchors, work);
    builder.resume_diagnosis(pending.exhausted);
    for &i in &pending.certificates {
        let status = builder.status_for(i);
        if let Some(slot) = chain.signatures.get_mut(i) {
            *slot = status;
        }
    }
    copy_duplicates(&mut chain.signatures, &pending.duplicate_of);
}

/// A duplicate's status is its original's.
fn copy_duplicates(signatures: &mut [SignatureStatus], duplicate_of: &[Option<usize>]) {
    for (i, first) in duplicate_of.iter().enumerate() {
        if let Some(s) = first.and_then(|f| signatures.get(f).copied()) {
            if let Some(slot) = signatures.get_mut(i) {
                *slot = s;
            }
        }
    }
}

/// RFC 5280 §6.1.3 (a)(1) cannot be checked for a link whose algorithm or
/// key type certscope does not implement (DSA, GOST…): say so for
/// each such certificate on the path.
/// A root pasted with the chain is trusted by its name and key (RFC 5280
/// §6.1.1 (d)), so a damaged or altered copy still ends a trusted path; say
/// so when its own signature fails, as openssl does for a root it is given.
fn check_root_copy(certs: &[Cert], top: Node<'_>, trusted: bool, work: &mut Work, findings: &mut Vec<Finding>) {
    let Node::Input(i) = top else { return };
    let Some(cert) = certs.get(i) else { return };
    if !trusted || cert.subject_der() != cert.issuer_der() {
        return;
    }
    if anchors::anchor_self_signature(cert, work, Stage::Chain) != SignatureStatus::Invalid {
        return;
    }
    findings.push(Finding::about(
        Code::RootCopyInvalid,
        i,
        format!(
            "Certificate {} (\"{}\") has the name and key of a trusted root, but its own signature does not \
             verify: this copy is damaged or altered. Trust is unaffected, because clients use their own copy of the root.",
            i + 1,
            cert.display_name()
        ),
    ));
}

/// A path link whose signature algorithm certscope does not implement is
/// an error ("could not verify"), never a pass.
fn check_unverifiable_links(builder: &Builder<'_, '_>, built: &build::Built<'_>, findings: &mut Vec<Finding>) {
    for (k, status) in built.links.iter().enumerate() {
        if *status != SignatureStatus::Unsupported {
            continue;
        }
        let (Some(Node::Input(i)), Some(signer)) = (built.nodes.get(k), built.nodes.get(k + 1)) else { continue };
        let (Some(cert), Some(signer)) = (builder.certs.get(*i), builder.cert_of(*signer)) else { continue };
        findings.push(Finding::about(
            Code::SignatureAlgorithmUnsupported,
            *i,
            format!(
                "Could not verify: the signature on \"{}\" ({}) by \"{}\" ({} key) cannot be checked, because certscope does not implement this algorithm, so the path is not called valid.",
                cert.display_name(),
                cert.signature_algorithm_name(),
                signer.display_name(),
                signer.key_description().0,
            ),
        )
        // On the path it decides the verdict: a chain nobody checked must
        // not pass for a good one (exit status 0) in a script.
        .with_severity(Severity::Error));
    }
}
