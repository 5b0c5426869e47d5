//! Field labels by structural path: each object's ASN.1 module walked
//! over the tree, so that a node is "serialNumber" because it is the
//! INTEGER after the version in tbsCertificate, never because of its bytes.
//! A node that does not have the expected shape ends the walk there: a
//! malformed object is labelled as far as it is well-formed.

use super::{Node, Tag, Tree, Value};
use serde::Serialize;

/// What an object is, which says how to label its tree.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, Serialize)]
#[cfg_attr(feature = "schema", derive(schemars::JsonSchema))]
#[serde(rename_all = "kebab-case")]
pub enum ObjectKind {
    Certificate,
    OcspResponse,
    Crl,
    Csr,
}

pub(super) fn label(tree: &mut Tree, kind: ObjectKind) {
    let Some(root) = tree.roots().next() else { return };
    match kind {
        ObjectKind::Certificate => certificate(tree, root),
        ObjectKind::OcspResponse => ocsp_response(tree, root),
        ObjectKind::Crl => crl(tree, root),
        ObjectKind::Csr => csr(tree, root),
    }
}

fn set(tree: &mut Tree, index: Option<usize>, label: &'static str) -> Option<usize> {
    let i = index?;
    tree.nodes.get_mut(i)?.label = Some(label);
    Some(i)
}

/// Children of `index`, collected (a node's children are few except in
/// a CRL's entry list, which is walked by `revoked`).
fn kids(tree: &Tree, index: usize) -> Vec<usize> {
    tree.children(index).collect()
}

fn is_context(tree: &Tree, index: usize, number: u32) -> bool {
    tree.node(index).is_some_and(|n| n.tag.is_context(number))
}

fn is_universal(tree: &Tree, index: usize, number: u32) -> bool {
    tree.node(index).is_some_and(|n| n.tag.is_universal(number))
}

/// RFC 5280 §4.1: Certificate ::= SEQUENCE { tbsCertificate, signatureAlgorithm, signatureValue }.
fn certificate(tree: &mut Tree, root: usize) {
    set(tree, Some(root), "certificate");
    let top = kids(tree, root);
    signed(tree, &top, "tbsCertificate");
    let Some(&tbs) = top.first() else { return };
    let mut fields = kids(tree, tbs).into_iter().peekable();
    if fields.peek().is_some_and(|&i| is_context(tree, i, 0)) {
        set(tree, fields.next(), "version");
    }
    set(tree, fields.next(), "serialNumber");
    set(tree, fields.next(), "signature");
    name(tree, fields.next(), "issuer");
    if let Some(validity) = set(tree, fields.next(), "validity") {
        let times = kids(tree, validity);
        set(tree, times.first().copied(), "notBefore");
        set(tree, times.get(1).copied(), "notAfter");
    }
    name(tree, fields.next(), "subject");
    if let Some(spki) = set(tree, fields.next(), "subjectPublicKeyInfo") {
        let parts = kids(tree, spki);
        set(tree, parts.first().copied(), "algorithm");
        set(tree, parts.get(1).copied(), "subjectPublicKey");
    }
    for i in fields {
        match tree.node(i).map(|n| (n.tag.class, n.tag.number)) {
            Some((super::Class::Context, 1)) => set(tree, Some(i), "issuerUniqueID"),
            Some((super::Class::Context, 2)) => set(tree, Some(i), "subjectUniqueID"),
            Some((super::Class::Context, 3)) => extensions(tree, Some(i), "extensions"),
            _ => None,
        };
    }
}

/// The three parts every signed object ends with (tbs, algorithm, signature).
fn signed(tree: &mut Tree, top: &[usize], tbs: &'static str) {
    set(tree, top.first().copied(), tbs);
    set(tree, top.get(1).copied(), "signatureAlgorithm");
    set(tree, top.get(2).copied(), "signatureValue");
}

/// Name ::= SEQUENCE OF RelativeDistinguishedName (SET OF AttributeTypeAndValue).
fn name(tree: &mut Tree, index: Option<usize>, label: &'static str) -> Option<usize> {
    let name = set(tree, index, label)?;
    for rdn in kids(tree, name) {
        set(tree, Some(rdn), "rdn");
        for atv in kids(tree, rdn) {
            set(tree, Some(atv), "attribute");
        }
    }
    Some(name)
}

/// `[n] EXPLICIT Extensions` (certificates, CRLs, OCSP) or a bare
/// Extensions SEQUENCE: each Extension ::= SEQUENCE { extnID, critical
/// DEFAULT FALSE, extnValue } (RFC 5280 §4.1).
fn extensions(tree: &mut Tree, index: Option<usize>, label: &'static str) -> Option<usize> {
    let outer = set(tree, index, label)?;
    let list = if is_universal(tree, outer, 16) { Some(outer) } else { tree.children(outer).next() };
    for ext in list.map(|l| kids(tree, l)).unwrap_or_default() {
        set(tree, Some(ext), "extension");
        let parts = kids(tree, ext);
        set(tree, parts.first().copied(), "extnID");
        let value = match parts.get(1) {
            Some(&c) if is_universal(tree, c, 1) => {
                set(tree, Some(c), "critical");
                parts.get(2)
            }
            other => other,
        };
        set(tree, value.copied(), "extnValue");
    }
    Some(outer)
}

/// RFC 5280 §5.1: CertificateList ::= SEQUENCE { tbsCertList, signatureAlgorithm, signatureValue }.
fn crl(tree: &mut Tree, root: usize) {
    set(tree, Some(root), "certificateList");
    let top = kids(tree, root);
    signed(tree, &top, "tbsCertList");
    let Some(&tbs) = top.first() else { return };
    let mut fields = kids(tree, tbs).into_iter().peekable();
    if fields.peek().is_some_and(|&i| is_universal(tree, i, 2)) {
        set(tree, fields.next(), "version");
    }
    set(tree, fields.next(), "signature");
    name(tree, fields.next(), "issuer");
    set(tree, fields.next(), "thisUpdate");
    if fields.peek().is_some_and(|&i| is_universal(tree, i, 23) || is_universal(tree, i, 24)) {
        set(tree, fields.next(), "nextUpdate");
    }
    for i in fields {
        if is_universal(tree, i, 16) {
            revoked(tree, i);
        } else if is_context(tree, i, 0) {
            extensions(tree, Some(i), "crlExtensions");
        }
    }
}

/// revokedCertificates: SEQUENCE OF SEQUENCE { userCertificate,
/// revocationDate, crlEntryExtensions OPTIONAL }; one walk over the entries.
fn revoked(tree: &mut Tree, list: usize) {
    set(tree, Some(list), "revokedCertificates");
    let mut next = tree.node(list).and_then(|n| n.first_child);
    while let Some(entry) = next {
        next = tree.node(entry).and_then(|n| n.next_sibling);
        set(tree, Some(entry), "revokedCertificate");
        let parts = kids(tree, entry);
        set(tree, parts.first().copied(), "userCertificate");
        set(tree, parts.get(1).copied(), "revocationDate");
        extensions(tree, parts.get(2).copied(), "crlEntryExtensions");
    }
}

/// For a parse that only locates fields ([`super::parse_fields`]): whether
/// the constructed node of `tag` about to be read at `depth` under `parent`
/// (whose earlier children are in `nodes`) is left unread. Only where no
/// label this module sets and no `Locator` looks is inside it, and its
/// content changes nothing outside it: a CRL's revokedCertificates list,
/// which `crl` and `revoked` would find in the same place (the SEQUENCE
/// after thisUpdate), and whose entries `locate::span` steps over in the
/// DER instead. A certificate or OCSP response is read whole.
pub(super) fn left_unread(kind: ObjectKind, nodes: &[Node], parent: Option<usize>, depth: u16, tag: Tag) -> bool {
    match kind {
        ObjectKind::Crl => is_revoked_list(nodes, parent, depth, tag),
        ObjectKind::Certificate | ObjectKind::OcspResponse | ObjectKind::Csr => false,
    }
}

/// RFC 5280 §5.1: tbsCertList's fields are version OPTIONAL (an
/// INTEGER), signature, issuer, thisUpdate, nextUpdate OPTIONAL, then
/// revokedCertificates (a SEQUENCE); `crl` labels every SEQUENCE after
/// thisUpdate as the list, so this does too.
fn is_revoked_list(nodes: &[Node], parent: Option<usize>, depth: u16, tag: Tag) -> bool {
    // tbsCertList is node 1: the root's first child, one level down.
    let Some(tbs) = parent.filter(|&p| p == 1).and_then(|p| nodes.get(p)) else { return false };
    if depth != 2 || tbs.depth != 1 || !tag.is_universal(16) {
        return false;
    }
    let version = tbs.first_child.and_then(|c| nodes.get(c)).is_some_and(|n| n.tag.is_universal(2));
    let this_update = 2 + usize::from(version);
    // The children linked so far are the ones before this node.
    tbs.child_count > this_update
}

/// For a parse that only locates fields: whether an OCTET STRING or BIT
/// STRING at `depth` is tried as an encapsulated value. Labels look
/// inside one only: an OCSPResponse's `response` (depth 3), which holds
/// the BasicOCSPResponse. extnValue, keys and signatures stay bytes.
pub(super) fn looks_inside(kind: ObjectKind, depth: u16) -> bool {
    match kind {
        ObjectKind::OcspResponse => depth == 3,
        ObjectKind::Certificate | ObjectKind::Crl | ObjectKind::Csr => false,
    }
}

/// RFC 2986 §4: CertificationRequest ::= SEQUENCE { certificationRequestInfo, signatureAlgorithm, signature }.
fn csr(tree: &mut Tree, root: usize) {
    set(tree, Some(root), "certificationRequest");
    let top = kids(tree, root);
    signed(tree, &top, "certificationRequestInfo");
    let Some(&info) = top.first() else { return };
    let fields = kids(tree, info);
    set(tree, fields.first().copied(), "version");
    name(tree, fields.get(1).copied(), "subject");
    if let Some(spki) = set(tree, fields.get(2).copied(), "subjectPKInfo") {
        let parts = kids(tree, spki);
        set(tree, parts.first().copied(), "algorithm");
        set(tree, parts.get(1).copied(), "subjectPublicKey");
    }
    if let Some(attrs) = set(tree, fields.get(3).copied(), "attributes") {
        for a in kids(tree, attrs) {
            set(tree, Some(a), "attribute");
        }
    }
}

/// RFC 6960 §4.2.1: OCSPResponse ::= SEQUENCE { responseStatus, responseBytes [0] EXPLICIT ResponseBytes OPTIONAL }.
fn ocsp_response(tree: &mut Tree, root: usize) {
    set(tree, Some(root), "OCSPResponse");
    let top = kids(tree, root);
    set(tree, top.first().copied(), "responseStatus");
    let Some(bytes) = set(tree, top.get(1).copied(), "responseBytes") else { return };
    let Some(seq) = tree.children(bytes).next() else { return };
    let parts = kids(tree, seq);
    set(tree, parts.first().copied(), "responseType");
    let Some(response) = set(tree, parts.get(1).copied(), "response") else { return };
    if tree.node(response).is_some_and(|n| n.value == Value::Encapsulated) {
        if let Some(basic) = tree.children(response).next() {
            basic_response(tree, basic);
        }
    }
}

/// RFC 6960 §4.2.1: BasicOCSPResponse and its ResponseData.
fn basic_response(tree: &mut Tree, basic: usize) {
    set(tree, Some(basic), "BasicOCSPResponse");
    let top = kids(tree, basic);
    set(tree, top.first().copied(), "tbsResponseData");
    set(tree, top.get(1).copied(), "signatureAlgorithm");
    set(tree, top.get(2).copied(), "signature");
    set(tree, top.get(3).copied(), "certs");
    let Some(&data) = top.first() else { return };
    let mut fields = kids(tree, data).into_iter().peekable();
    if fields.peek().is_some_and(|&i| is_context(tree, i, 0)) {
        set(tree, fields.next(), "version");
    }
    set(tree, fields.next(), "responderID");
    set(tree, fields.next(), "producedAt");
    if let Some(responses) = set(tree, fields.next(), "responses") {
        for single in kids(tree, responses) {
            single_response(tree, single);
        }
    }
    extensions(tree, fields.next(), "responseExtensions");
}

/// SingleResponse ::= SEQUENCE { certID, certStatus, thisUpdate, nextUpdate [0], singleExtensions [1] }.
fn single_response(tree: &mut Tree, single: usize) {
    set(tree, Some(single), "SingleResponse");
    let parts = kids(tree, single);
    set(tree, parts.first().copied(), "certID");
    set(tree, parts.get(1).copied(), "certStatus");
    set(tree, parts.get(2).copied(), "thisUpdate");
    for &i in parts.get(3..).unwrap_or_default() {
        if is_context(tree, i, 0) {
            set(tree, Some(i), "nextUpdate");
        } else if is_context(tree, i, 1) {
            extensions(tree, Some(i), "singleExtensions");
        }
    }
}
