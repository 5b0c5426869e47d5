//! Byte ranges for the fields the views show: each certificate card's
//! fields, extensions and name attributes, the OCSP response's fields and
//! SingleResponses, each CRL's fields and the entries for the input's
//! certificates. Found by the same structural walk as findings'
//! (`asn1::locate`), once per distinct object.
//!
//! The trees are `asn1::parse_fields` trees: a CRL's entry list is not
//! expanded, and the entries for the report's certificates are found in
//! one walk over its bytes, so a 14,000-entry CRL costs its dozen
//! fields and that walk, not 40,000 decoded nodes.

use super::Objects;
use crate::asn1::{self, locate, Locator, ObjectKind, Tree, Unwalkable};
use crate::options::Limits;
use crate::report::{ByteRange, CertificateReport, CrlReport, Field, FieldRange, NameAttribute, ObjectRef, OcspReport};
use crate::x509::Cert;
use std::collections::HashMap;
use std::ops::Range;
use std::rc::Rc;

/// Where each looked-up serial's entry is, if listed (`locate::revoked_spans`).
type EntrySpans = Vec<Option<Range<usize>>>;

/// Trees by DER: a certificate pasted a thousand times is parsed once.
pub(crate) struct Trees<'a> {
    limits: &'a Limits,
    by_der: HashMap<(&'a [u8], ObjectKind), Rc<Tree>>,
    /// The same trees by where their bytes are: an object's fields are
    /// looked up one after another, and hashing its address is cheaper
    /// than hashing its bytes each time. The bytes outlive `Trees`, so an
    /// address and length always name the same bytes.
    by_place: HashMap<(usize, usize, ObjectKind), Rc<Tree>>,
    /// The serials whose CRL entries views and findings look up, sorted,
    /// without repeats (others are looked up one walk each).
    serials: Vec<&'a [u8]>,
    /// Per CRL, the entry of each of `serials`, from one walk.
    entries: HashMap<&'a [u8], Result<EntrySpans, Unwalkable>>,
    /// Whole trees, only for a CRL whose entry list cannot be stepped
    /// over (BER or broken bytes in it).
    whole: HashMap<(&'a [u8], ObjectKind), Tree>,
}

impl<'a> Trees<'a> {
    /// `serials`: the serial numbers (content octets) of the certificates
    /// whose CRL entries will be looked up.
    pub fn new(limits: &'a Limits, serials: impl IntoIterator<Item = &'a [u8]>) -> Self {
        let mut serials: Vec<&[u8]> = serials.into_iter().collect();
        serials.sort_unstable();
        serials.dedup();
        Trees {
            limits,
            by_der: HashMap::new(),
            by_place: HashMap::new(),
            serials,
            entries: HashMap::new(),
            whole: HashMap::new(),
        }
    }

    pub fn get(&mut self, der: &'a [u8], kind: ObjectKind) -> &Tree {
        fields_tree(&mut self.by_der, &mut self.by_place, der, kind, self.limits)
    }

    /// The bytes `locator` names in the object `der` of `kind` (see `locate::span`).
    pub fn span(&mut self, der: &'a [u8], kind: ObjectKind, locator: &Locator) -> Option<Range<usize>> {
        let limits = self.limits;
        let tree = fields_tree(&mut self.by_der, &mut self.by_place, der, kind, limits);
        let found = match locator {
            Locator::RevokedSerial(serial) => match self.serials.binary_search(&serial.as_slice()) {
                Ok(at) => {
                    let serials = &self.serials;
                    let all =
                        self.entries.entry(der).or_insert_with(|| locate::revoked_spans(tree, der, serials, limits));
                    all.as_ref().map(|spans| spans.get(at).cloned().flatten()).map_err(|e| *e)
                }
                Err(_) => locate::span(tree, der, kind, locator, limits),
            },
            _ => locate::span(tree, der, kind, locator, limits),
        };
        found.unwrap_or_else(|Unwalkable| {
            let whole = self.whole.entry((der, kind)).or_insert_with(|| asn1::parse_object(der, kind, limits));
            locate::find(whole, kind, locator).and_then(|i| whole.node(i)).map(|n| n.range())
        })
    }
}

/// The `parse_fields` tree of `der`, parsed on first use.
fn fields_tree<'a, 't>(
    by_der: &mut HashMap<(&'a [u8], ObjectKind), Rc<Tree>>,
    by_place: &'t mut HashMap<(usize, usize, ObjectKind), Rc<Tree>>,
    der: &'a [u8],
    kind: ObjectKind,
    limits: &Limits,
) -> &'t Tree {
    by_place.entry((der.as_ptr() as usize, der.len(), kind)).or_insert_with(|| {
        Rc::clone(by_der.entry((der, kind)).or_insert_with(|| Rc::new(asn1::parse_fields(der, kind, limits))))
    })
}

fn range(tree: &Tree, object: ObjectRef, index: Option<usize>) -> Option<ByteRange> {
    bytes(object, tree.node(index?).map(|n| n.range()))
}

/// `span` of `object` as the report's range.
pub(super) fn bytes(object: ObjectRef, span: Option<Range<usize>>) -> Option<ByteRange> {
    span.map(|r| ByteRange { object, offset: r.start, len: r.len() })
}

fn field_ranges<'a>(
    trees: &mut Trees<'a>,
    der: &'a [u8],
    kind: ObjectKind,
    object: ObjectRef,
    fields: &[(Field, Locator)],
) -> Vec<FieldRange> {
    fields
        .iter()
        .filter_map(|(field, l)| Some(FieldRange { field: *field, bytes: bytes(object, trees.span(der, kind, l))? }))
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
    r.bytes = field_ranges(
        trees,
        cert.der(),
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
    let tree = trees.get(cert.der(), kind);
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
    r.bytes = field_ranges(
        trees,
        der,
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
    // The SingleResponses in one pass over the siblings: looking each up
    // by position would step over all the ones before it.
    let tree = trees.get(der, kind);
    let first = locate::find(tree, kind, &L::SingleResponse(0));
    let singles = std::iter::successors(first, |&i| tree.node(i)?.next_sibling);
    for (view, single) in r.responses.iter_mut().zip(singles) {
        view.bytes = range(tree, object, Some(single));
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
    r.bytes = field_ranges(
        trees,
        der,
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
        view.bytes = bytes(object, trees.span(der, kind, &L::RevokedSerial(cert.serial_bytes().to_vec())));
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    /// An entry list that cannot be stepped over is looked up in the
    /// whole tree instead: the same bytes, for serials looked up together
    /// or alone, and for entries by position.
    #[test]
    fn a_list_that_cannot_be_stepped_over_is_read_whole() {
        let der = crate::asn1::tests::crl_with_a_ber_entry();
        let limits = Limits::default();
        let whole = asn1::parse_object(&der, ObjectKind::Crl, &limits);
        let kind = ObjectKind::Crl;
        let serials: [&[u8]; 2] = [&[9], &[7]];
        let mut trees = Trees::new(&limits, serials);
        for l in [Locator::RevokedSerial(vec![9]), Locator::RevokedSerial(vec![5]), Locator::RevokedEntry(2)] {
            let want = locate::find(&whole, kind, &l).map(|i| whole.node(i).unwrap().range());
            assert!(want.is_some());
            assert_eq!(trees.span(&der, kind, &l), want, "{l:?}");
        }
        assert_eq!(trees.span(&der, kind, &Locator::RevokedSerial(vec![8])), None);
    }
}
