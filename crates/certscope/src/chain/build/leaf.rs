//! Picking the leaf: the certificate the rest of the input chains from.

use super::Builder;
use crate::time::Timestamp;
use std::collections::HashMap;

impl Builder<'_, '_> {
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
                (Some(h), Some(c)) => crate::chain::host::matches_host(c, h),
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

    pub(super) fn is_unique(&self, i: usize) -> bool {
        self.info.get(i).is_some_and(|x| x.duplicate_of.is_none())
    }
}
