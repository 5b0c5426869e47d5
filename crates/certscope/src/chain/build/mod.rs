//! Path building: from the leaf up to a trust anchor, whatever order the
//! certificates came in.
//!
//! Runs first in the chain stage. Picks the leaf, then searches depth-first:
//! issuer candidates are the certificates whose subject is the child's
//! issuer name, ordered like pyca's `potential_issuers` (which mirrors Go's
//! `findPotentialParents`): trust anchors first, then AKI = SKI, unknown,
//! mismatch. A candidate joins the path only when its key verifies the
//! child's signature. Every signature check and search step is paid for
//! from the analysis's [`Work`] budget, so a bundle of 1,000 same-named
//! certificates or a cross-signing loop ends with `path-budget-exceeded`
//! instead of a hang.
//!
//! Emits `issuer-missing`, `signature-invalid`, `issuer-name-mismatch`,
//! `signature-algorithm-unsupported`, `path-budget-exceeded`. Leaves order
//! and membership to `chain::order`, RFC 5280 rules to `chain::validate`.

mod diagnose;
mod leaf;

use super::anchors::{anchor_self_signature, status_of, tbs_spki, AnchorSource, Anchors};
use super::names::canonical;
use crate::options::Limits;
use crate::report::SignatureStatus;
use crate::work::{Limit, Stage, Work};
use crate::x509::Cert;
use std::collections::HashMap;

/// A certificate the path can hold.
#[derive(Clone, Copy, Debug)]
pub(crate) enum Node<'a> {
    /// Input index.
    Input(usize),
    /// A trust anchor from a store, with its self-signature status.
    Anchor(&'a Cert, AnchorSource, SignatureStatus),
}

/// What the builder knows about an input certificate.
pub(crate) struct Info<'a> {
    /// SubjectPublicKeyInfo DER, for comparing keys and keying the cache.
    spki: &'a [u8],
    ski: Option<&'a [u8]>,
    aki: Option<&'a [u8]>,
    pub is_ca: bool,
    /// The certificate is itself a trust anchor (see `Anchors::trusts`).
    pub anchor: Option<AnchorSource>,
    /// Input index of an earlier certificate with the same DER.
    pub duplicate_of: Option<usize>,
    /// Subject and issuer names as `names::canonical` keys.
    subject_key: String,
    issuer_key: String,
}

/// The chosen path.
#[derive(Clone, Debug, Default)]
pub(crate) struct Built<'a> {
    /// Leaf first.
    pub nodes: Vec<Node<'a>>,
    /// `links[k]`: the signature on `nodes[k]` checked with `nodes[k + 1]`'s key.
    pub links: Vec<SignatureStatus>,
    /// The top of the path is a trust anchor.
    pub trusted: bool,
    /// Trusted, but RFC 5280 §6.1 rejects it (name constraints, path
    /// length, an issuer that may not sign): kept only when no other
    /// trusted path is found.
    pub rejected: bool,
    /// The top of the path is self-signed (its own key verifies it), be it
    /// an input certificate or a store anchor.
    pub top_self_signed: bool,
    /// Trusted, and a certificate above the leaf breaks a profile rule
    /// (`chain::strict`): kept only when no conforming trusted path is found.
    pub nonconforming: bool,
}

impl Built<'_> {
    fn score(&self) -> (bool, bool, bool, bool, usize) {
        (self.trusted, !self.rejected, !self.nonconforming, self.top_self_signed, self.nodes.len())
    }
}

pub(crate) struct Builder<'a, 'w> {
    pub certs: &'a [Cert],
    anchors: &'a Anchors,
    pub info: Vec<Info<'a>>,
    /// Non-duplicate input indices by canonical subject name.
    by_subject: HashMap<String, Vec<usize>>,
    /// (child input index, signer SPKI DER) → outcome.
    cache: HashMap<(usize, &'a [u8]), SignatureStatus>,
    /// Per user anchor: canonical subject, and self-signature once checked.
    user_keys: Vec<String>,
    user_self: Vec<Option<SignatureStatus>>,
    limits: Limits,
    /// The analysis's meter: signature checks and build steps.
    work: &'w mut Work,
    /// Who is spending: the search, then the diagnosis after it.
    stage: Stage,
    /// The search ran out of signature checks or steps.
    pub exhausted: bool,
    /// After an exhausted search, the diagnosis checks nothing more.
    no_more_checks: bool,
    accept_unsupported: bool,
    saw_unsupported: bool,
    depth_exceeded: bool,
    /// `Options::max_intermediates`: logical intermediates allowed.
    pub max_intermediates: Option<usize>,
}

impl<'a, 'w> Builder<'a, 'w> {
    pub fn new(certs: &'a [Cert], anchors: &'a Anchors, work: &'w mut Work) -> Self {
        let limits = work.limits().clone();
        let mut info = Vec::with_capacity(certs.len());
        let mut by_subject: HashMap<String, Vec<usize>> = HashMap::new();
        let mut first_by_der: HashMap<&'a [u8], usize> = HashMap::new();
        for (i, c) in certs.iter().enumerate() {
            let subject_key = canonical(c.subject());
            let issuer_key = canonical(c.issuer());
            let duplicate_of = match first_by_der.get(c.der()) {
                Some(&first) => Some(first),
                None => {
                    first_by_der.insert(c.der(), i);
                    by_subject.entry(subject_key.clone()).or_default().push(i);
                    None
                }
            };
            info.push(Info {
                spki: tbs_spki(c.tbs_der()).unwrap_or(c.der()),
                ski: c.subject_key_id(),
                aki: c.authority_key_id(),
                is_ca: c.basic_constraints().is_some_and(|b| b.ca),
                anchor: if duplicate_of.is_none() { anchors.trusts(c) } else { None },
                duplicate_of,
                subject_key,
                issuer_key,
            });
        }
        Builder {
            certs,
            anchors,
            info,
            by_subject,
            cache: HashMap::new(),
            user_keys: anchors.user.iter().map(|a| canonical(a.subject())).collect(),
            user_self: vec![None; anchors.user.len()],
            limits,
            work,
            stage: Stage::PathBuilding,
            exhausted: false,
            no_more_checks: false,
            accept_unsupported: false,
            saw_unsupported: false,
            depth_exceeded: false,
            max_intermediates: None,
        }
    }

    /// Searches for the best path from `leaf`: one ending at a trust anchor
    /// if any, else the longest ending at a self-signed certificate, else the
    /// longest that got anywhere.
    pub fn build_path(&mut self, leaf: usize) -> Built<'a> {
        let mut best = Built::default();
        let mut nodes = vec![Node::Input(leaf)];
        let mut links = Vec::new();
        if !self.search(&mut nodes, &mut links, &mut best) && self.saw_unsupported && !self.exhausted {
            // No path verifies with the algorithms certscope checks: accept
            // unverifiable links so that the rest of the chain is still
            // diagnosed (they are reported as unsupported).
            self.accept_unsupported = true;
            let mut nodes = vec![Node::Input(leaf)];
            let mut links = Vec::new();
            let mut second = Built::default();
            self.search(&mut nodes, &mut links, &mut second);
            if second.score() > best.score() {
                best = second;
            }
        }
        if best.nodes.is_empty() {
            best.nodes.push(Node::Input(leaf));
        }
        best
    }

    /// Depth-first search from the top of `nodes`; true once a trusted path is found.
    fn search(&mut self, nodes: &mut Vec<Node<'a>>, links: &mut Vec<SignatureStatus>, best: &mut Built<'a>) -> bool {
        let Some(&top) = nodes.last() else { return false };
        let i = match top {
            Node::Anchor(c, _, status) => {
                let self_signed = status == SignatureStatus::Valid && c.subject_der() == c.issuer_der();
                return self.record(nodes, links, best, true, self_signed);
            }
            Node::Input(i) => i,
        };
        if self.info.get(i).is_some_and(|x| x.anchor.is_some()) {
            // A root given in the input that is also an anchor: still a root.
            let certs = self.certs;
            let self_signed = self.is_self_issued(i)
                && certs.get(i).map(|c| anchor_self_signature(c, self.work, self.stage))
                    == Some(SignatureStatus::Valid);
            return self.record(nodes, links, best, true, self_signed);
        }
        if self.is_self_issued(i) {
            match self.verify_self(i) {
                None => return self.record(nodes, links, best, false, false),
                Some(s) if self.usable(s) => return self.record(nodes, links, best, false, true),
                // Self-issued but signed by another key (a key rollover): keep looking.
                Some(_) => {}
            }
        }
        if nodes.len() >= self.limits.max_path_len
            || self.max_intermediates.is_some_and(|m| self.logical_intermediates(nodes) > m)
        {
            self.depth_exceeded = true;
            return self.record(nodes, links, best, false, false);
        }
        let mut extended = false;
        for cand in self.potential_issuers(i) {
            if self.in_path(nodes, cand) {
                continue;
            }
            if !self.work.spend(Limit::BuildSteps, 1, self.stage) {
                self.exhausted = true;
                break;
            }
            let Some(status) = self.verify_by(i, cand) else { break };
            if self.usable(status) {
                extended = true;
                nodes.push(cand);
                links.push(status);
                if self.search(nodes, links, best) {
                    return true;
                }
                nodes.pop();
                links.pop();
                if self.exhausted {
                    break;
                }
            }
        }
        if !extended {
            self.record(nodes, links, best, false, false);
        }
        false
    }

    fn usable(&mut self, status: SignatureStatus) -> bool {
        if status == SignatureStatus::Unsupported {
            self.saw_unsupported = true;
        }
        status == SignatureStatus::Valid || (self.accept_unsupported && status == SignatureStatus::Unsupported)
    }

    /// Keeps the path if it is the best so far; true (stop searching) only
    /// for a trusted path that path validation and the certificate profile
    /// accept. A trusted path either rejects makes the search go on to the
    /// other candidates, so that one bad cross-sign or constrained
    /// intermediate does not hide a good path (limbo's
    /// rfc5280::nc::nc-forbids-same-chain-ica, cve::cve-2024-0567).
    fn record(
        &mut self,
        nodes: &[Node<'a>],
        links: &[SignatureStatus],
        best: &mut Built<'a>,
        trusted: bool,
        top_self_signed: bool,
    ) -> bool {
        let (rejected, nonconforming) = match trusted {
            true => self.judge(nodes, top_self_signed),
            false => (false, false),
        };
        let candidate =
            Built { nodes: nodes.to_vec(), links: links.to_vec(), trusted, rejected, top_self_signed, nonconforming };
        if best.nodes.is_empty() || candidate.score() > best.score() {
            *best = candidate;
        }
        trusted && !rejected && !nonconforming
    }

    /// Whether RFC 5280 §6.1 rejects a trusted path, and whether a
    /// certificate above the leaf breaks the profile: either makes another
    /// path worth trying.
    fn judge(&mut self, nodes: &[Node<'a>], top_self_signed: bool) -> (bool, bool) {
        let steps = nodes
            .iter()
            .filter_map(|n| {
                let cert = self.cert_of(*n)?;
                let (index, from_mozilla) = match n {
                    Node::Input(i) => (Some(*i), false),
                    Node::Anchor(_, source, _) => (None, *source == AnchorSource::Mozilla),
                };
                Some(super::validate::Step { cert, index, from_mozilla })
            })
            .collect();
        let view = super::validate::PathView { steps, trusted: true, top_self_signed };
        (!super::validate::path_acceptable(&view, self.work), !super::strict::issuers_conform(&view))
    }

    /// RFC 5280 §6.1: names compared as in §7.1, not byte for byte.
    fn is_self_issued(&self, i: usize) -> bool {
        self.info.get(i).is_some_and(|x| x.subject_key == x.issuer_key)
    }

    /// Candidate issuers of input certificate `i`, most likely first.
    pub fn potential_issuers(&mut self, i: usize) -> Vec<Node<'a>> {
        let Some(child) = self.certs.get(i) else { return Vec::new() };
        let certs = self.certs;
        let Some(me) = self.info.get(i) else { return Vec::new() };
        let inputs: &[usize] = self.by_subject.get(&me.issuer_key).map(Vec::as_slice).unwrap_or(&[]);
        let aki = me.aki;
        let rank = |ski: Option<&[u8]>| match (aki, ski) {
            (Some(a), Some(s)) if a == s => 0u8,
            (Some(_), Some(_)) => 2,
            _ => 1,
        };
        let mut ranked: Vec<(u8, u8, Node<'a>)> = Vec::new();
        for &j in inputs {
            if j == i {
                continue;
            }
            let Some(x) = self.info.get(j) else { continue };
            let group = if x.anchor.is_some() { 0 } else { 2 };
            ranked.push((group, rank(x.ski), Node::Input(j)));
        }
        let anchors: &'a Anchors = self.anchors;
        let mut found: Vec<Node<'a>> = Vec::new();
        for (u, a) in anchors.user.iter().enumerate() {
            if a.subject_der() == child.issuer_der() || self.user_keys.get(u) == Some(&me.issuer_key) {
                let status = match self.user_self.get(u).copied().flatten() {
                    Some(s) => s,
                    None => own_signature(a, self.work, self.stage),
                };
                if let Some(slot) = self.user_self.get_mut(u) {
                    *slot = Some(status);
                }
                found.push(Node::Anchor(a, AnchorSource::User, status));
            }
        }
        for a in anchors.mozilla_by_subject(child.issuer_der()) {
            // The same root supplied by the user too: list it once.
            if found.iter().any(|n| matches!(n, Node::Anchor(c, _, _) if c.sha256() == a.cert.sha256())) {
                continue;
            }
            found.push(Node::Anchor(a.cert, a.source, a.self_signature.unwrap_or(SignatureStatus::Unsupported)));
        }
        for node in found {
            let Node::Anchor(cert, ..) = node else { continue };
            // An anchor also given in the input is already a candidate.
            if inputs.iter().any(|&j| certs.get(j).is_some_and(|c| c.sha256() == cert.sha256())) {
                continue;
            }
            let ski = cert.subject_key_id();
            ranked.push((1, rank(ski), node));
        }
        ranked.sort_by_key(|(group, rank, _)| (*group, *rank));
        ranked.into_iter().map(|(_, _, n)| n).collect()
    }

    pub fn cert_of(&self, node: Node<'a>) -> Option<&'a Cert> {
        match node {
            Node::Input(i) => self.certs.get(i),
            Node::Anchor(c, _, _) => Some(c),
        }
    }

    fn key_of(&self, node: Node<'a>) -> Option<(&'a [u8], &'a [u8])> {
        match node {
            Node::Input(i) => Some((self.certs.get(i)?.subject_der(), self.info.get(i)?.spki)),
            Node::Anchor(c, _, _) => Some((c.subject_der(), tbs_spki(c.tbs_der()).unwrap_or(c.der()))),
        }
    }

    /// Loops are cut where a name and key repeat (RFC 4158 §5.2), not only
    /// the same certificate: a cross-signed copy of a CA already on the path
    /// adds nothing.
    fn in_path(&self, nodes: &[Node<'a>], cand: Node<'a>) -> bool {
        let key = self.key_of(cand);
        nodes.iter().any(|n| self.key_of(*n) == key)
    }

    fn verify_self(&mut self, i: usize) -> Option<SignatureStatus> {
        self.verify_by(i, Node::Input(i))
    }

    /// The signature on input certificate `child`, checked with `signer`'s
    /// key; `None` when the analysis's signature budget is spent (or the
    /// search already spent it: then the diagnosis checks nothing more).
    pub fn verify_by(&mut self, child: usize, signer: Node<'a>) -> Option<SignatureStatus> {
        let (_, spki) = self.key_of(signer)?;
        if let Some(s) = self.cache.get(&(child, spki)) {
            return Some(*s);
        }
        let signer_cert = self.cert_of(signer)?;
        let child_cert = self.certs.get(child)?;
        if self.no_more_checks {
            // Only what is already known: no new check.
            let status = status_of(&self.work.cached(&child_cert.signed_parts(), signer_cert.spki())?);
            self.cache.insert((child, spki), status);
            return Some(status);
        }
        let Some(v) = self.work.verify(&child_cert.signed_parts(), signer_cert.spki(), self.stage) else {
            if self.stage == Stage::PathBuilding {
                self.exhausted = true;
            }
            return None;
        };
        let status = status_of(&v);
        self.cache.insert((child, spki), status);
        Some(status)
    }

    #[cfg(test)]
    pub fn signature_checks(&self) -> usize {
        self.work.report().signature_checks
    }

    /// The analysis's meter, for the checks that follow the search.
    pub fn work(&mut self) -> &mut Work {
        self.work
    }

    /// Intermediates on the path so far that count towards a depth limit:
    /// self-issued ones do not, as for pathLenConstraint (RFC 5280
    /// §4.2.1.9).
    fn logical_intermediates(&self, nodes: &[Node<'a>]) -> usize {
        nodes.iter().skip(1).filter(|n| matches!(n, Node::Input(i) if !self.is_self_issued(*i))).count()
    }

    pub fn depth_exceeded(&self) -> bool {
        self.depth_exceeded
    }
}

/// An anchor's own signature as its chain link shows it: checked with its
/// own key when it is self-issued (a root); an intermediate trusted as an
/// anchor has no issuer at hand, which is not a fault.
fn own_signature(anchor: &Cert, work: &mut Work, stage: Stage) -> SignatureStatus {
    if anchor.is_self_issued() {
        anchor_self_signature(anchor, work, stage)
    } else {
        SignatureStatus::IssuerMissing
    }
}
