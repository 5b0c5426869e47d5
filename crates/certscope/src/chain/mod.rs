//! The chain doctor: build the path from the leaf to a trust anchor whatever
//! order the certificates came in, then diagnose it.

pub(crate) mod anchors;

use crate::options::Options;
use crate::report::{ChainReport, Finding, Role, SignatureStatus};
use crate::x509::Cert;
use anchors::Anchors;

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
}

impl ChainOutcome {
    /// The certificate that issued the leaf, from the input or a trust store.
    pub fn leaf_issuer<'a>(&'a self, certs: &'a [Cert]) -> Option<&'a Cert> {
        match self.path.get(1)? {
            PathCert::Input(i) => certs.get(*i),
            PathCert::Anchor(c) => Some(c),
        }
    }
}

pub(crate) fn analyze_chain(
    certs: &[Cert],
    _anchors: &Anchors,
    _opts: &Options,
    _findings: &mut Vec<Finding>,
) -> ChainOutcome {
    ChainOutcome {
        report: ChainReport::default(),
        roles: vec![Role::Extra; certs.len()],
        signatures: vec![SignatureStatus::IssuerMissing; certs.len()],
        leaf: if certs.is_empty() { None } else { Some(0) },
        path: Vec::new(),
        trusted: false,
    }
}
