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

use super::anchors::{anchor_self_signature, status_of, tbs_spki, AnchorSource, Anchors};
use super::names::canonical;
use crate::options::Limits;
use crate::report::{Code, Finding, MissingIssuer, SignatureStatus};
use crate::time::Timestamp;
use crate::work::{Limit, Stage, Work};
use crate::x509::name::rfc4514;
use crate::x509::Cert;
use std::collections::HashMap;

/// Where each server takes its chain from (what the stapling lab's
/// "missing intermediate" scenario fixes on nginx and Apache).
const FULLCHAIN_FIX: &str = "nginx: `ssl_certificate` must name one file with the leaf first, then the intermediates (`cat leaf.pem intermediate.pem > fullchain.pem`). Apache 2.4.8 or later: `SSLCertificateFile` names that same full-chain file (before 2.4.8: `SSLCertificateChainFile intermediate.pem`). IIS: import the intermediate into the computer's Intermediate Certification Authorities store.";

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
    ski: Option<Vec<u8>>,
    aki: Option<Vec<u8>>,
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
}

impl Built<'_> {
    fn score(&self) -> (bool, bool, bool, usize) {
        (self.trusted, !self.rejected, self.top_self_signed, self.nodes.len())
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

    /// The leaf: the certificate that issued no other input certificate,
    /// preferring one that is not a CA, then the first in input order.
    ///
    /// When several end-entity certificates qualify (an old server
    /// certificate or another site's pasted before the real one), the one
    /// the rest of the input chains from wins, as an install checker picks
    /// it: first one covering `host` (when given), then the one with the
    /// most input certificates above it, then one whose issuer is at hand
    /// (input or trust anchor), then one valid at `as_of` (an expired
    /// predecessor left in the file), then input order.
    pub fn pick_leaf(&self, host: Option<&str>, as_of: Timestamp) -> Option<usize> {
        let unique: Vec<usize> = (0..self.certs.len()).filter(|&i| self.is_unique(i)).collect();
        let mut issued_another = vec![false; self.certs.len()];
        for &k in &unique {
            let Some(x) = self.info.get(k) else { continue };
            for &j in self.by_subject.get(&x.issuer_key).map(Vec::as_slice).unwrap_or(&[]) {
                if j != k {
                    if let Some(flag) = issued_another.get_mut(j) {
                        *flag = true;
                    }
                }
            }
        }
        let not_ca = |i: &usize| self.info.get(*i).is_some_and(|x| !x.is_ca);
        let issued_none: Vec<usize> =
            unique.iter().copied().filter(|&i| !issued_another.get(i).copied().unwrap_or(true)).collect();
        let end_entities: Vec<usize> = issued_none.iter().copied().filter(not_ca).collect();
        if end_entities.len() > 1 {
            return self.best_leaf(&end_entities, host, as_of);
        }
        end_entities
            .first()
            .copied()
            .or_else(|| issued_none.first().copied())
            // Every certificate issued another (a loop): take the first end-entity.
            .or_else(|| unique.iter().copied().find(not_ca))
            .or_else(|| unique.first().copied())
    }

    /// The best of several leaf candidates (see `pick_leaf`). Candidates
    /// issued nobody, so no candidate is above another: each is scored by
    /// what lies above it alone. Names only, no signature checks: this
    /// runs before the budgeted search and must stay cheap.
    fn best_leaf(&self, candidates: &[usize], host: Option<&str>, as_of: Timestamp) -> Option<usize> {
        let host = host.map(str::trim).filter(|h| !h.is_empty());
        let mut steps = self.limits.max_build_steps;
        // Candidates sharing an issuer name share what is above them.
        let mut above_by_issuer: HashMap<&str, (usize, bool)> = HashMap::new();
        let mut best: Option<((bool, usize, bool, bool), usize)> = None;
        for &i in candidates {
            let Some(x) = self.info.get(i) else { continue };
            let above = match above_by_issuer.get(x.issuer_key.as_str()) {
                Some(&a) => a,
                None => {
                    let a = self.above(i, &mut steps);
                    above_by_issuer.insert(x.issuer_key.as_str(), a);
                    a
                }
            };
            let covers = match (host, self.certs.get(i)) {
                (Some(h), Some(c)) => super::host::matches_host(c, h),
                _ => false,
            };
            let current = self.certs.get(i).is_some_and(|c| c.not_before() <= as_of && as_of <= c.not_after());
            let score = (covers, above.0, above.1, current);
            // Strictly better only: ties keep the earlier certificate.
            if best.as_ref().is_none_or(|(b, _)| score > *b) {
                best = Some((score, i));
            }
        }
        best.map(|(_, i)| i).or_else(|| candidates.first().copied())
    }

    /// How many other input certificates are reachable from `i` by
    /// following issuer names, and whether the chain above `i` meets a
    /// trust anchor (an input anchor or a store anchor with the issuer
    /// name of `i` or of a certificate above it). Stops when `steps` runs out.
    fn above(&self, i: usize, steps: &mut usize) -> (usize, bool) {
        let mut seen = vec![false; self.certs.len()];
        if let Some(s) = seen.get_mut(i) {
            *s = true;
        }
        let mut queue = vec![i];
        let (mut count, mut anchored) = (0usize, false);
        while let Some(k) = queue.pop() {
            let Some(x) = self.info.get(k) else { continue };
            if x.anchor.is_some() || (!anchored && self.anchor_named(k)) {
                anchored = true;
            }
            for &j in self.by_subject.get(&x.issuer_key).map(Vec::as_slice).unwrap_or(&[]) {
                if *steps == 0 {
                    return (count, anchored);
                }
                *steps -= 1;
                if let Some(s) = seen.get_mut(j) {
                    if !*s {
                        *s = true;
                        count += 1;
                        queue.push(j);
                    }
                }
            }
        }
        (count, anchored)
    }

    /// A trust anchor carries the issuer name of input certificate `k`.
    fn anchor_named(&self, k: usize) -> bool {
        let (Some(x), Some(c)) = (self.info.get(k), self.certs.get(k)) else { return false };
        self.user_keys.contains(&x.issuer_key) || self.anchors.has_subject(c.issuer_der())
    }

    fn is_unique(&self, i: usize) -> bool {
        self.info.get(i).is_some_and(|x| x.duplicate_of.is_none())
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
    /// for a trusted path that path validation accepts. A trusted path it
    /// rejects makes the search go on to the other candidates, so that one
    /// bad cross-sign or constrained intermediate does not hide a good path
    /// (limbo's rfc5280::nc::nc-forbids-same-chain-ica).
    fn record(
        &mut self,
        nodes: &[Node<'a>],
        links: &[SignatureStatus],
        best: &mut Built<'a>,
        trusted: bool,
        top_self_signed: bool,
    ) -> bool {
        let rejected = trusted && !self.acceptable(nodes, top_self_signed);
        let candidate = Built { nodes: nodes.to_vec(), links: links.to_vec(), trusted, rejected, top_self_signed };
        if best.nodes.is_empty() || candidate.score() > best.score() {
            *best = candidate;
        }
        trusted && !rejected
    }

    /// RFC 5280 §6.1 rules that make another path worth trying.
    fn acceptable(&mut self, nodes: &[Node<'a>], top_self_signed: bool) -> bool {
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
        super::validate::path_acceptable(&view, self.work)
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
        let aki = me.aki.as_deref();
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
            ranked.push((group, rank(x.ski.as_deref()), Node::Input(j)));
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
            ranked.push((1, rank(ski.as_deref()), node));
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

    /// After the search: the diagnosis draws on what is left of the
    /// analysis's budget, unless the search ran out (then the bundle is
    /// hostile or absurd, and only what is already known is reported: no
    /// more checks). Returns whether the search ran out.
    pub fn start_diagnosis(&mut self) -> bool {
        self.stage = Stage::Chain;
        self.no_more_checks = self.exhausted;
        self.exhausted
    }

    /// A builder made after the search (for `settle_signatures`) carries
    /// on where the diagnosis stood.
    pub fn resume_diagnosis(&mut self, exhausted: bool) {
        self.exhausted = exhausted;
        self.start_diagnosis();
    }

    /// The signature status of an input certificate outside the path (or of
    /// a path top with no issuer), by its best candidate issuer.
    pub fn status_for(&mut self, i: usize) -> SignatureStatus {
        let mut unchecked = false;
        if self.is_self_issued(i) {
            let own = if self.info.get(i).is_some_and(|x| x.anchor.is_some()) {
                let certs = self.certs;
                certs.get(i).map(|c| anchor_self_signature(c, self.work, self.stage))
            } else {
                self.verify_self(i)
            };
            if own == Some(SignatureStatus::Valid) {
                return SignatureStatus::Valid;
            }
            unchecked = matches!(own, None | Some(SignatureStatus::NotChecked));
        }
        let (mut invalid, mut unsupported) = (false, false);
        for cand in self.potential_issuers(i) {
            match self.verify_by(i, cand) {
                Some(SignatureStatus::Valid) => return SignatureStatus::Valid,
                Some(SignatureStatus::Invalid) => invalid = true,
                Some(SignatureStatus::Unsupported) => unsupported = true,
                Some(SignatureStatus::IssuerMissing) => {}
                Some(SignatureStatus::NotChecked) | None => {
                    unchecked = true;
                    break;
                }
            }
        }
        if unchecked {
            // A candidate (or its own key) was left unchecked: nothing can be concluded.
            SignatureStatus::NotChecked
        } else if unsupported {
            SignatureStatus::Unsupported
        } else if invalid {
            SignatureStatus::Invalid
        } else {
            SignatureStatus::IssuerMissing
        }
    }

    /// Explains why the path stops at `top` without a trust anchor or a
    /// self-signed root, and returns the top's signature status and the
    /// missing issuer (if that is the reason).
    pub fn diagnose_top(
        &mut self,
        top: usize,
        path: &[Node<'a>],
        findings: &mut Vec<Finding>,
    ) -> (SignatureStatus, Option<MissingIssuer>, Option<usize>) {
        let Some(cert) = self.certs.get(top) else { return (SignatureStatus::IssuerMissing, None, None) };
        let issuer_name = cert.issuer_display_name();
        let (mut invalid_by, mut unsupported, mut looped) = (None, false, false);
        for cand in self.potential_issuers(top) {
            if self.in_path(path, cand) {
                looped = true;
                continue;
            }
            match self.verify_by(top, cand) {
                Some(SignatureStatus::Invalid) => {
                    invalid_by.get_or_insert(cand);
                }
                Some(SignatureStatus::Unsupported) => unsupported = true,
                Some(_) => {}
                None => break,
            }
        }
        if unsupported {
            findings.push(Finding::about(
                Code::SignatureAlgorithmUnsupported,
                top,
                format!(
                    "The signature on \"{}\" ({}) cannot be checked: certscope does not support this algorithm or key type, so its issuer \"{issuer_name}\" could not be confirmed.",
                    cert.display_name(),
                    cert.signature_algorithm().oid,
                ),
            ));
            return (SignatureStatus::Unsupported, None, None);
        }
        if let Some(signer) = invalid_by.and_then(|n| self.cert_of(n)) {
            findings.push(Finding::about(
                Code::SignatureInvalid,
                top,
                format!(
                    "The signature on \"{}\" does not verify with the key of \"{}\", the certificate named as its issuer.",
                    cert.display_name(),
                    signer.display_name()
                ),
            ));
            // The named issuer is the right one: the signature is what is
            // wrong. It is explained here, never called an extra
            // certificate to remove.
            let named_issuer = match invalid_by {
                Some(Node::Input(j)) => Some(j),
                _ => None,
            };
            return (SignatureStatus::Invalid, None, named_issuer);
        }
        if let Some(signer) = self.find_misnamed_signer(top, path) {
            let (which, signer_cert, explained) = match signer {
                Node::Input(j) => (format!("certificate {}", j + 1), self.certs.get(j), Some(j)),
                Node::Anchor(c, ..) => ("the trust anchor".to_string(), Some(c), None),
            };
            findings.push(Finding::about(
                Code::IssuerNameMismatch,
                top,
                format!(
                    "\"{}\" names its issuer \"{}\", but it was signed by the key of {which} (\"{}\", subject {}), whose subject differs.",
                    cert.display_name(),
                    rfc4514(cert.issuer()),
                    signer_cert.map(|c| c.display_name()).unwrap_or_default(),
                    signer_cert.map(|c| rfc4514(c.subject())).unwrap_or_default(),
                ),
            ));
            return (SignatureStatus::Valid, None, explained);
        }
        let urls = cert.ca_issuers_urls();
        let where_ = match urls.first() {
            Some(u) => format!(" It can be downloaded from {u} (the caIssuers URL in the certificate's AIA)."),
            None => " The certificate names no caIssuers URL to fetch it from.".to_string(),
        };
        let why = if looped {
            " (the only certificates with that name are already in the path: a cross-signing loop)"
        } else {
            ""
        };
        let finding = Finding::about(
            Code::IssuerMissing,
            top,
            format!(
                "The issuer of \"{}\", \"{issuer_name}\", is neither in the chain nor a trusted root{why}.{where_}",
                cert.display_name()
            ),
        );
        findings.push(match urls.first() {
            Some(u) => finding.with_remedy(format!(
                "Download the intermediate \"{issuer_name}\" from {u} and install it after \"{}\" in the chain file your server sends. {FULLCHAIN_FIX}",
                cert.display_name()
            )),
            None => finding,
        });
        let missing = MissingIssuer { name: rfc4514(cert.issuer()), ca_issuers_urls: urls };
        (SignatureStatus::IssuerMissing, Some(missing), None)
    }

    /// An input certificate whose key verifies `top`'s signature although
    /// its subject is not `top`'s issuer name (RFC 5280 §6.1.3 (a)(4)).
    /// Tries key-id matches first; the diagnosis budget bounds the rest.
    fn find_misnamed_signer(&mut self, top: usize, path: &[Node<'a>]) -> Option<Node<'a>> {
        let aki = self.info.get(top).and_then(|x| x.aki.clone());
        let wanted = self.info.get(top).map(|t| t.issuer_key.clone()).unwrap_or_default();
        let mut order: Vec<(bool, bool, Node<'a>)> = (0..self.certs.len())
            .filter(|&j| j != top && self.is_unique(j) && !self.in_path(path, Node::Input(j)))
            .filter_map(|j| {
                let x = self.info.get(j)?;
                (x.subject_key != wanted)
                    .then(|| (!(aki.is_some() && x.ski.as_deref() == aki.as_deref()), !x.is_ca, Node::Input(j)))
            })
            .collect();
        // The user's own anchors too (a CA given with --roots); Mozilla's
        // 150 are not tried by key alone.
        let anchors: &'a Anchors = self.anchors;
        for (u, a) in anchors.user.iter().enumerate() {
            if self.user_keys.get(u) != Some(&wanted) {
                let ski = a.subject_key_id();
                let status = own_signature(a, self.work, self.stage);
                order.push((!(aki.is_some() && ski == aki), false, Node::Anchor(a, AnchorSource::User, status)));
            }
        }
        order.sort_by_key(|(no_kid, not_ca, _)| (*no_kid, *not_ca));
        order.into_iter().map(|(_, _, n)| n).find(|&n| self.verify_by(top, n) == Some(SignatureStatus::Valid))
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
