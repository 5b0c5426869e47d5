//! Byte ranges for the fields the views show: each certificate card's
//! fields, extensions and name attributes, the OCSP response's fields and
//! SingleResponses, each CRL's fields and the entries for the input's
//! certificates. Found by the same structural walk as findings'
//! (`asn1::locate`), once per distinct object.

use super::Objects;
use crate::asn1::{self, locate, Locator, ObjectKind, Tree};
use crate::options::Limits;
use crate::report::{ByteRange, CertificateReport, CrlReport, Field, FieldRange, NameAttribute, ObjectRef, OcspReport};
use crate::x509::Cert;
use std::collections::HashMap;

/// Trees by DER: a certificate pasted a thousand times is parsed once.
pub(crate) struct Trees<'a> {
    limits: &'a Limits,
    by_der: HashMap<(&'a [u8], ObjectKind), Tree>,
}

impl<'a> Trees<'a> {
    pub fn new(limits: &'a Limits) -> Self {
        Trees { limits, by_der: HashMap::new() }
    }

    pub fn get(&mut self, der: &'a [u8], kind: ObjectKind) -> &Tree {
        let limits = self.limits;
        self.by_der.entry((der, kind)).or_insert_with(|| asn1::parse_object(der, kind, limits))
    }
}

fn range(tree: &Tree, object: ObjectRef, index: Option<usize>) -> Option<ByteRange> {
    let n = tree.node(index?)?;
    Some(ByteRange { object, offset: n.offset, len: n.header_len + n.len })
}

fn field_ranges(tree: &Tree, kind: ObjectKind, object: ObjectRef, fields: &[(Field, Locator)]) -> Vec<FieldRange> {
    fields
        .iter()
        .filter_map(|(field, l)| {
            Some(FieldRange { field: *field, bytes: range(tree, object, locate::find(tree, kind, l))? })
        })
        .collect()
}

/// The labelled children of `parent` that are `label`, in order.
fn labelled(tree: &Tree, parent: Option<usize>, label: &str) -> Vec<usize> {
    parent.map_or_else(Vec::new, |p| {
        tree.children(p).filter(|&i| tree.node(i).is_some_and(|n| n.label == Some(label))).collect()
    })
}

/// Each attribute of a Name, in the order the report lists them (RDN by RDN).
fn attributes(tree: &Tree, name: Option<usize>, rows: &mut [NameAttribute], object: ObjectRef) {
    let atvs: Vec<usize> =
        labelled(tree, name, "rdn").into_iter().flat_map(|rdn| labelled(tree, Some(rdn), "attribute")).collect();
    // A row per attribute, or the walk and the view disagree: no ranges then.
    if atvs.len() == rows.len() {
        for (row, atv) in rows.iter_mut().zip(atvs) {
            row.bytes = range(tree, object, Some(atv));
        }
    }
}

pub(crate) fn certificate<'a>(r: &mut CertificateReport, cert: &'a Cert, trees: &mut Trees<'a>) {
    use Locator as L;
    let object = ObjectRef::Certificate { index: r.index };
    let kind = ObjectKind::Certificate;
    let tree = trees.get(cert.der(), kind);
    r.bytes = field_ranges(
        tree,
        kind,
        object,
        &[
            (Field::Version, L::Version),
            (Field::Serial, L::Serial),
            (Field::Issuer, L::Issuer),
            (Field::NotBefore, L::NotBefore),
            (Field::NotAfter, L::NotAfter),
            (Field::Subject, L::Subject),
            (Field::Key, L::SubjectPublicKeyInfo),
            (Field::SignatureAlgorithm, L::SignatureAlgorithm),
            (Field::Signature, L::SignatureValue),
        ],
    );
    attributes(tree, locate::find(tree, kind, &L::Subject), &mut r.subject_attributes, object);
    attributes(tree, locate::find(tree, kind, &L::Issuer), &mut r.issuer_attributes, object);
    // The extensions in certificate order, as the report lists them.
    let list = tree.nodes.iter().position(|n| n.label == Some("extensions"));
    let list = list.and_then(|l| tree.children(l).next());
    let exts = labelled(tree, list, "extension");
    if exts.len() == r.extensions.len() {
        for (view, ext) in r.extensions.iter_mut().zip(exts) {
            view.bytes = range(tree, object, Some(ext));
        }
    }
}

pub(crate) fn ocsp<'a>(r: &mut OcspReport, object: ObjectRef, objects: &Objects<'a>, trees: &mut Trees<'a>) {
    use Locator as L;
    let Some((_, kind, der)) = objects.find_place(object) else { return };
    let tree = trees.get(der, kind);
    r.bytes = field_ranges(
        tree,
        kind,
        object,
        &[
            (Field::ResponseStatus, L::ResponseStatus),
            (Field::ResponderId, L::ResponderId),
            (Field::ProducedAt, L::ProducedAt),
            (Field::SignatureAlgorithm, L::SignatureAlgorithm),
            (Field::Signature, L::SignatureValue),
            (Field::Certs, L::Certs),
        ],
    );
    for (n, single) in r.responses.iter_mut().enumerate() {
        single.bytes = range(tree, object, locate::find(tree, kind, &L::SingleResponse(n)));
    }
}

pub(crate) fn crl<'a>(
    r: &mut CrlReport,
    object: ObjectRef,
    certs: &[Cert],
    objects: &Objects<'a>,
    trees: &mut Trees<'a>,
) {
    use Locator as L;
    let Some((_, kind, der)) = objects.find_place(object) else { return };
    let tree = trees.get(der, kind);
    r.bytes = field_ranges(
        tree,
        kind,
        object,
        &[
            (Field::Version, L::Version),
            (Field::Issuer, L::Issuer),
            (Field::ThisUpdate, L::ThisUpdate),
            (Field::NextUpdate, L::NextUpdate),
            (Field::SignatureAlgorithm, L::SignatureAlgorithm),
            (Field::Signature, L::SignatureValue),
        ],
    );
    for view in &mut r.revoked {
        let Some(cert) = certs.get(view.certificate) else { continue };
        let entry = locate::find(tree, kind, &L::RevokedSerial(cert.serial_bytes().to_vec()));
        view.bytes = range(tree, object, entry);
    }
}
