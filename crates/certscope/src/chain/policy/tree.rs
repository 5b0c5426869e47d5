//! The valid_policy_tree of RFC 5280 §6.1.2 (a), in an arena, with the
//! node budget that keeps a hostile path from growing it without bound.

use crate::options::ANY_POLICY;
use const_oid::ObjectIdentifier;
use std::collections::BTreeSet;
use std::rc::Rc;

pub(super) type Oid = ObjectIdentifier;

/// An expected_policy_set. Shared: a mapping gives every node of one
/// policy the same set, and a hostile one can hold a thousand OIDs.
pub(super) type PolicySet = Rc<BTreeSet<Oid>>;

pub(super) fn single(policy: Oid) -> PolicySet {
    Rc::new(BTreeSet::from([policy]))
}

/// A node of the valid_policy_tree (RFC 5280 §6.1.2 (a)), in an arena.
pub(super) struct Node {
    pub(super) depth: usize,
    /// Arena index of the parent; `None` for the root.
    pub(super) parent: Option<usize>,
    pub(super) valid_policy: Oid,
    pub(super) expected_policy_set: PolicySet,
    pub(super) live: bool,
}

/// The valid_policy_tree; NULL once its root is deleted.
pub(super) struct Tree {
    pub(super) nodes: Vec<Node>,
    pub(super) max_nodes: usize,
}

/// The tree would exceed `max_policy_nodes`.
pub(super) struct TooLarge;

impl Tree {
    /// RFC 5280 §6.1.2 (a): one node of depth 0, anyPolicy expecting anyPolicy.
    pub(super) fn new(max_nodes: usize) -> Tree {
        let root = Node {
            depth: 0,
            parent: None,
            valid_policy: ANY_POLICY,
            expected_policy_set: single(ANY_POLICY),
            live: true,
        };
        Tree { nodes: vec![root], max_nodes }
    }

    pub(super) fn is_null(&self) -> bool {
        !self.nodes.first().is_some_and(|n| n.live)
    }

    pub(super) fn set_null(&mut self) {
        self.nodes.iter_mut().for_each(|n| n.live = false);
    }

    /// Live nodes of one depth, with their arena indices.
    pub(super) fn at(&self, depth: usize) -> impl Iterator<Item = (usize, &Node)> {
        self.nodes.iter().enumerate().filter(move |(_, n)| n.live && n.depth == depth)
    }

    pub(super) fn add(
        &mut self,
        parent: usize,
        valid_policy: Oid,
        expected_policy_set: PolicySet,
    ) -> Result<(), TooLarge> {
        if self.nodes.len() >= self.max_nodes {
            return Err(TooLarge);
        }
        let depth = self.nodes.get(parent).map_or(0, |p| p.depth + 1);
        self.nodes.push(Node { depth, parent: Some(parent), valid_policy, expected_policy_set, live: true });
        Ok(())
    }

    pub(super) fn has_live_parent(&self, node: &Node) -> bool {
        node.parent.and_then(|p| self.nodes.get(p)).is_some_and(|p| p.live)
    }

    /// RFC 5280 §6.1.3 (d)(3), §6.1.4 (b)(2), §6.1.5 (g)(iii)(4): delete
    /// every node shallower than `depth` without children, repeatedly.
    pub(super) fn prune(&mut self, depth: usize) {
        for d in (0..depth).rev() {
            let mut has_child = vec![false; self.nodes.len()];
            for n in self.nodes.iter().filter(|n| n.live && n.depth == d + 1) {
                if let Some(slot) = n.parent.and_then(|p| has_child.get_mut(p)) {
                    *slot = true;
                }
            }
            for (k, n) in self.nodes.iter_mut().enumerate() {
                if n.live && n.depth == d && !has_child.get(k).copied().unwrap_or(false) {
                    n.live = false;
                }
            }
        }
    }

    /// Deletes the descendants of deleted nodes (parents precede children
    /// in the arena, so one pass suffices).
    pub(super) fn drop_orphans(&mut self) {
        for k in 0..self.nodes.len() {
            let orphan = self.nodes.get(k).is_some_and(|n| n.live && n.parent.is_some() && !self.has_live_parent(n));
            if let (true, Some(n)) = (orphan, self.nodes.get_mut(k)) {
                n.live = false;
            }
        }
    }

    pub(super) fn policies_at(&self, depth: usize) -> BTreeSet<Oid> {
        self.at(depth).map(|(_, n)| n.valid_policy).collect()
    }
}
