//! One work budget for the whole analysis.
//!
//! Created once in `analyze` from [`Limits`] and handed by `&mut` to every
//! stage in turn: input decoding (inputs, bytes, objects), the trust-anchors
//! box (the same bytes and objects), path building (build steps), every
//! signature check of every stage (one total), name-constraint comparisons,
//! RFC 5280 §6.1 policy-tree nodes and CRL serial lookups. Separate
//! allowances per stage add up (100 signature checks per OCSP response
//! times 21 responses was 2,100); one meter cannot.
//!
//! Signature checks go through [`Work::verify`], which remembers each
//! outcome by (signer's SubjectPublicKeyInfo, algorithm, signed bytes,
//! signature): the same signature is verified once per
//! analysis, and a cache hit costs nothing. A check with an RSA key over
//! 4,096 bits costs more than one (see `check_cost`), so the total bounds
//! time, not only a count.
//!
//! Running out is never a panic: `spend` answers `false`, the stage reports
//! what it could not do as not done, and `analyze` adds one
//! `work-budget-exceeded` finding per limit that ran out, naming the
//! `Limits` field, its value and the stages that were cut short.

use crate::options::Limits;
use crate::report::{Code, Finding, WorkReport};
use crate::verify::{rsa_key_over_limit, rsa_modulus_bits, verify_signed, KeyKind, SignedParts, Verification};
use spki::SubjectPublicKeyInfoOwned;
use std::collections::HashMap;

/// A counted kind of work; each is bounded by one field of [`Limits`].
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord)]
pub(crate) enum Limit {
    Inputs,
    InputBytes,
    Objects,
    SignatureChecks,
    BuildSteps,
    NameComparisons,
    CrlLookups,
    PolicyNodes,
    KdfIterations,
}

impl Limit {
    const ALL: [Limit; 9] = [
        Limit::Inputs,
        Limit::InputBytes,
        Limit::Objects,
        Limit::SignatureChecks,
        Limit::BuildSteps,
        Limit::NameComparisons,
        Limit::CrlLookups,
        Limit::PolicyNodes,
        Limit::KdfIterations,
    ];

    /// The `Limits` field that bounds it, as findings and `work.exceeded` name it.
    pub const fn field(self) -> &'static str {
        match self {
            Limit::Inputs => "max_inputs",
            Limit::InputBytes => "max_input_bytes",
            Limit::Objects => "max_objects",
            Limit::SignatureChecks => "max_signature_checks",
            Limit::BuildSteps => "max_build_steps",
            Limit::NameComparisons => "max_name_comparisons",
            Limit::CrlLookups => "max_crl_lookups",
            Limit::PolicyNodes => "max_policy_nodes",
            Limit::KdfIterations => "max_kdf_iterations",
        }
    }

    const fn what(self) -> &'static str {
        match self {
            Limit::Inputs => "inputs",
            Limit::InputBytes => "bytes of input",
            Limit::Objects => "objects",
            Limit::SignatureChecks => "signature verifications",
            Limit::BuildSteps => "path-building steps",
            Limit::NameComparisons => "name-constraint comparisons",
            Limit::CrlLookups => "CRL serial lookups",
            Limit::PolicyNodes => "policy-tree nodes",
            Limit::KdfIterations => "password-derivation (KDF) iterations",
        }
    }

    fn of(self, limits: &Limits) -> usize {
        match self {
            Limit::Inputs => limits.max_inputs,
            Limit::InputBytes => limits.max_input_bytes,
            Limit::Objects => limits.max_objects,
            Limit::SignatureChecks => limits.max_signature_checks,
            Limit::BuildSteps => limits.max_build_steps,
            Limit::NameComparisons => limits.max_name_comparisons,
            Limit::CrlLookups => limits.max_crl_lookups,
            Limit::PolicyNodes => limits.max_policy_nodes,
            Limit::KdfIterations => limits.max_kdf_iterations,
        }
    }

    const fn slot(self) -> usize {
        self as usize
    }
}

/// The stage that asked for work, for the finding that says what was cut short.
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord)]
pub(crate) enum Stage {
    Input,
    Anchors,
    PathBuilding,
    Chain,
    NameConstraints,
    Policies,
    Ocsp,
    Crl,
    CertificateViews,
}

impl Stage {
    const fn describe(self) -> &'static str {
        match self {
            Stage::Input => "reading the inputs",
            Stage::Anchors => "reading the trust anchors",
            Stage::PathBuilding => "building the path",
            Stage::Chain => "checking the certificates' signatures",
            Stage::NameConstraints => "checking name constraints",
            Stage::Policies => "processing certificate policies",
            Stage::Ocsp => "checking OCSP responses",
            Stage::Crl => "checking CRLs",
            Stage::CertificateViews => "checking self-signatures for the certificate details",
        }
    }
}

/// The analysis-wide meter (see the module doc).
pub(crate) struct Work {
    limits: Limits,
    spent: [usize; Limit::ALL.len()],
    /// Units asked for and not granted, per limit (the input stage names
    /// how many objects it left undecoded).
    short: [usize; Limit::ALL.len()],
    /// Stages refused work, per limit, in the order they were refused.
    refused: Vec<(Limit, Stage)>,
    cache: HashMap<Vec<u8>, Verification>,
    cache_hits: usize,
}

impl Work {
    pub fn new(limits: &Limits) -> Self {
        Work {
            limits: limits.clone(),
            spent: [0; Limit::ALL.len()],
            short: [0; Limit::ALL.len()],
            refused: Vec::new(),
            cache: HashMap::new(),
            cache_hits: 0,
        }
    }

    pub fn limits(&self) -> &Limits {
        &self.limits
    }

    /// What is left of `limit`.
    pub fn left(&self, limit: Limit) -> usize {
        limit.of(&self.limits).saturating_sub(self.spent.get(limit.slot()).copied().unwrap_or(0))
    }

    /// Spends `n` units of `limit` for `stage`, all or nothing; `false` (and
    /// the refusal recorded) when fewer than `n` are left.
    pub fn spend(&mut self, limit: Limit, n: usize, stage: Stage) -> bool {
        if self.left(limit) < n {
            self.refuse(limit, stage);
            self.fall_short(limit, n);
            return false;
        }
        if let Some(slot) = self.spent.get_mut(limit.slot()) {
            *slot += n;
        }
        true
    }

    /// Spends what is left of `limit`, up to `n`; returns how much.
    pub fn spend_up_to(&mut self, limit: Limit, n: usize, stage: Stage) -> usize {
        let take = n.min(self.left(limit));
        if take < n {
            self.refuse(limit, stage);
            self.fall_short(limit, n - take);
        }
        if let Some(slot) = self.spent.get_mut(limit.slot()) {
            *slot += take;
        }
        take
    }

    /// Records that `stage` wanted more of `limit` than was left.
    pub fn refuse(&mut self, limit: Limit, stage: Stage) {
        if !self.refused.contains(&(limit, stage)) {
            self.refused.push((limit, stage));
        }
    }

    fn fall_short(&mut self, limit: Limit, n: usize) {
        if let Some(slot) = self.short.get_mut(limit.slot()) {
            *slot = slot.saturating_add(n);
        }
    }

    /// Units of `limit` that [`Work::spend`] and [`Work::spend_up_to`]
    /// refused so far: the difference across a stage is what it left undone.
    pub fn refused_units(&self, limit: Limit) -> usize {
        self.short.get(limit.slot()).copied().unwrap_or(0)
    }

    /// Checks `parts.signature` with `signer`'s key, once per analysis:
    /// an outcome already known costs nothing; `None` when it is not known
    /// and no signature check is left.
    pub fn verify(
        &mut self,
        parts: &SignedParts<'_>,
        signer: &SubjectPublicKeyInfoOwned,
        stage: Stage,
    ) -> Option<Verification> {
        self.verify_with(parts, signer, stage, || verify_signed(parts, signer))
    }

    /// [`Work::verify`] with the outcome taken from `outcome`, which may
    /// answer from a memo that outlives the analysis. The check is paid
    /// for all the same, so the report and the budget are the same
    /// whether or not an earlier analysis in this process saw it.
    pub fn verify_with(
        &mut self,
        parts: &SignedParts<'_>,
        signer: &SubjectPublicKeyInfoOwned,
        stage: Stage,
        outcome: impl FnOnce() -> Verification,
    ) -> Option<Verification> {
        let key = cache_key(parts, signer);
        if let Some(v) = self.cache.get(&key) {
            self.cache_hits += 1;
            return Some(v.clone());
        }
        if !self.spend(Limit::SignatureChecks, check_cost(signer), stage) {
            return None;
        }
        let v = outcome();
        self.cache.insert(key, v.clone());
        Some(v)
    }

    /// An outcome already known, without a new check.
    pub fn cached(&mut self, parts: &SignedParts<'_>, signer: &SubjectPublicKeyInfoOwned) -> Option<Verification> {
        let v = self.cache.get(&cache_key(parts, signer)).cloned();
        if v.is_some() {
            self.cache_hits += 1;
        }
        v
    }

    /// The work done, for `Report::work`.
    pub fn report(&self) -> WorkReport {
        let spent = |l: Limit| self.spent.get(l.slot()).copied().unwrap_or(0);
        let mut exceeded: Vec<String> = Vec::new();
        for (limit, _) in &self.refused {
            if !exceeded.iter().any(|f| f == limit.field()) {
                exceeded.push(limit.field().to_string());
            }
        }
        WorkReport {
            inputs: spent(Limit::Inputs),
            input_bytes: spent(Limit::InputBytes),
            objects: spent(Limit::Objects),
            signature_checks: spent(Limit::SignatureChecks),
            signature_cache_hits: self.cache_hits,
            build_steps: spent(Limit::BuildSteps),
            name_comparisons: spent(Limit::NameComparisons),
            crl_lookups: spent(Limit::CrlLookups),
            policy_nodes: spent(Limit::PolicyNodes),
            kdf_iterations: spent(Limit::KdfIterations),
            exceeded,
        }
    }

    /// One `work-budget-exceeded` per limit that ran out, naming the field,
    /// its value and the stages cut short. Stages with a finding of their
    /// own are left out: `path-budget-exceeded` explains path building, and
    /// `input-too-large` / `input-too-many-objects` the input's bytes and
    /// objects.
    pub fn findings(&self, findings: &mut Vec<Finding>) {
        for limit in Limit::ALL {
            let stages: Vec<&str> = self
                .refused
                .iter()
                .filter(|(l, s)| *l == limit && !explained_elsewhere(*l, *s))
                .map(|(_, s)| s.describe())
                .collect();
            if stages.is_empty() {
                continue;
            }
            findings.push(Finding::new(
                Code::WorkBudgetExceeded,
                format!(
                    "certscope stopped at its limit of {} {} for one analysis ({} = {}) while {}; the checks it could not do are reported as not done.",
                    limit.of(&self.limits),
                    limit.what(),
                    limit.field(),
                    limit.of(&self.limits),
                    stages.join(", then "),
                ),
            ));
        }
    }
}

fn explained_elsewhere(limit: Limit, stage: Stage) -> bool {
    match (limit, stage) {
        (Limit::SignatureChecks | Limit::BuildSteps, Stage::PathBuilding) => true,
        // `decode_inputs` names each of these itself.
        (Limit::Inputs | Limit::InputBytes | Limit::Objects, Stage::Input | Stage::Anchors) => true,
        // `check_name_constraints` says which certificate's names were left.
        (Limit::NameComparisons, Stage::NameConstraints) => true,
        // `policy-tree-too-large` says at which certificate the tree outgrew it.
        (Limit::PolicyNodes, Stage::Policies) => true,
        // `pfx-too-costly` names the file and its iteration count.
        (Limit::KdfIterations, Stage::Input) => true,
        (
            Limit::Inputs
            | Limit::InputBytes
            | Limit::Objects
            | Limit::SignatureChecks
            | Limit::BuildSteps
            | Limit::NameComparisons
            | Limit::CrlLookups
            | Limit::PolicyNodes
            | Limit::KdfIterations,
            Stage::Input
            | Stage::Anchors
            | Stage::PathBuilding
            | Stage::Chain
            | Stage::NameConstraints
            | Stage::Policies
            | Stage::Ocsp
            | Stage::Crl
            | Stage::CertificateViews,
        ) => false,
    }
}

/// What one check with `signer`'s key costs, in checks: 1 for every EC
/// key and RSA up to 4,096 bits; an RSA modulus past that costs
/// (bits / 4,096)² rounded up, as its exponentiation's cost grows with the
/// square of the size. So 200 checks stay under a second at any key size
/// certscope computes with: 12 checks of 16,384-bit keys (16 each) cost
/// what 200 of RSA-4096 or P-521 do, not 16 times that.
fn check_cost(signer: &SubjectPublicKeyInfoOwned) -> usize {
    // A key past certscope's limits is refused before any arithmetic.
    if rsa_key_over_limit(signer).is_some() {
        return 1;
    }
    let bits = match KeyKind::of(signer) {
        KeyKind::Rsa | KeyKind::RsaPss => rsa_modulus_bits(signer.subject_public_key.raw_bytes()).unwrap_or(0),
        _ => 0,
    };
    let quarters = usize::try_from(bits.div_ceil(4_096)).unwrap_or(usize::MAX).max(1);
    quarters.saturating_mul(quarters)
}

/// The four parts, each prefixed with its length so that no two different
/// tuples give the same bytes. The bytes themselves, not a digest of them:
/// SHA-256 over every signed part cost more than the map's own hashing.
fn cache_key(parts: &SignedParts<'_>, signer: &SubjectPublicKeyInfoOwned) -> Vec<u8> {
    let algorithm = der::Encode::to_der(parts.algorithm).unwrap_or_default();
    let spki = der::Encode::to_der(signer).unwrap_or_default();
    let all = [spki.as_slice(), algorithm.as_slice(), parts.tbs, parts.signature];
    let mut key = Vec::with_capacity(all.iter().map(|p| p.len() + 8).sum());
    for part in all {
        key.extend_from_slice(&(part.len() as u64).to_be_bytes());
        key.extend_from_slice(part);
    }
    key
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn spending_is_all_or_nothing_and_refusals_are_recorded() {
        let limits = Limits { max_crl_lookups: 3, ..Limits::default() };
        let mut work = Work::new(&limits);
        assert!(work.spend(Limit::CrlLookups, 2, Stage::Crl));
        assert!(!work.spend(Limit::CrlLookups, 2, Stage::Crl));
        assert_eq!(work.left(Limit::CrlLookups), 1);
        assert_eq!(work.spend_up_to(Limit::CrlLookups, 5, Stage::Crl), 1);
        // 2 refused whole, then 4 of the 5 asked for.
        assert_eq!(work.refused_units(Limit::CrlLookups), 6);
        assert_eq!(work.refused_units(Limit::Objects), 0);
        assert_eq!(work.report().exceeded, ["max_crl_lookups"]);
        let mut findings = Vec::new();
        work.findings(&mut findings);
        assert_eq!(findings.len(), 1);
        assert_eq!(findings[0].code, Code::WorkBudgetExceeded);
        assert!(findings[0].message.contains("max_crl_lookups = 3"), "{}", findings[0].message);
    }

    #[test]
    fn big_rsa_keys_cost_more_checks() {
        let key = |bits: usize| {
            let spki = crate::x509::testdata::cert("letsencryptx3.pem").spki().clone();
            let mut der = vec![0x30, 0x82];
            let modulus = [
                vec![0x02, 0x82],
                ((bits / 8 + 1) as u16).to_be_bytes().to_vec(),
                vec![0x00, 0x80],
                vec![0x01; bits / 8 - 1],
            ]
            .concat();
            let body = [modulus, vec![0x02, 0x03, 0x01, 0x00, 0x01]].concat();
            der.extend_from_slice(&(body.len() as u16).to_be_bytes());
            der.extend(body);
            SubjectPublicKeyInfoOwned { subject_public_key: der::asn1::BitString::from_bytes(&der).unwrap(), ..spki }
        };
        assert_eq!(check_cost(&key(2048)), 1);
        assert_eq!(check_cost(&key(4096)), 1);
        assert_eq!(check_cost(&key(8192)), 4);
        assert_eq!(check_cost(&key(16_384)), 16);
        // Past the limit the key is refused, not computed with.
        assert_eq!(check_cost(&key(20_480)), 1);
        assert_eq!(check_cost(crate::x509::testdata::cert("ecdsa_root.pem").spki()), 1);
    }

    #[test]
    fn a_known_signature_is_not_verified_twice() {
        let c = crate::x509::testdata::cert("letsencryptx3.pem");
        let mut work = Work::new(&Limits { max_signature_checks: 1, ..Limits::default() });
        let first = work.verify(&c.signed_parts(), c.spki(), Stage::Chain);
        assert!(first.is_some());
        assert_eq!(work.verify(&c.signed_parts(), c.spki(), Stage::Ocsp), first);
        assert_eq!((work.report().signature_checks, work.report().signature_cache_hits), (1, 1));
        // Another signature finds the budget spent.
        let other = crate::x509::testdata::cert("ecdsa_root.pem");
        assert_eq!(work.verify(&other.signed_parts(), other.spki(), Stage::Chain), None);
        assert_eq!(work.report().exceeded, ["max_signature_checks"]);
    }
}
