//! Byte ranges for findings: once per analysis, after every check, each
//! finding's object and field (its `Target`, else its certificate and
//! its code's [`concern::concern`]) become a [`ByteRange`] in that
//! object's DER.
//!
//! The range is the node `asn1::locate::find` reaches by structural path
//! in the object's labelled tree, never a search for byte patterns. Each
//! object's tree is parsed once, and only for objects a finding points
//! into; `Limits::max_asn1_nodes` bounds each parse.

pub(crate) mod concern;

use crate::asn1::{self, locate, ObjectKind, Tree};
use crate::input::RawObject;
use crate::options::Limits;
use crate::report::finding::Subject;
use crate::report::{ByteRange, Finding, ObjectRef, Source};
use concern::Concern;
use std::collections::HashMap;

/// Every object of the report that findings may point into, with its DER.
pub(crate) struct Objects<'a> {
    pub certificates: Vec<&'a [u8]>,
    /// Report place, kind, source and DER of each OCSP response, CRL and CSR.
    pub others: Vec<(ObjectRef, ObjectKind, &'a Source, &'a [u8])>,
}

impl<'a> Objects<'a> {
    /// The DER of the report's OCSP response, other responses, CRLs and
    /// CSRs, matched to their decoded objects by source.
    pub fn others_from(
        places: Vec<(ObjectRef, ObjectKind, &'a Source)>,
        raws: &[&'a [RawObject]],
    ) -> Vec<(ObjectRef, ObjectKind, &'a Source, &'a [u8])> {
        places
            .into_iter()
            .filter_map(|(place, kind, source)| {
                let raw = raws.iter().flat_map(|r| r.iter()).find(|r| same_object(&r.source, source))?;
                Some((place, kind, source, raw.der.as_slice()))
            })
            .collect()
    }

    fn find(&self, subject: &Subject) -> Option<(ObjectRef, ObjectKind, &'a [u8])> {
        match subject {
            Subject::Certificate(i) => self
                .certificates
                .get(*i)
                .map(|der| (ObjectRef::Certificate { index: *i }, ObjectKind::Certificate, *der)),
            Subject::Other { kind, input, block } => self
                .others
                .iter()
                .find(|(_, k, s, _)| k == kind && s.input == *input && s.block == *block)
                .map(|&(place, k, _, der)| (place, k, der)),
        }
    }
}

/// Two sources name the same object: same input, same block.
pub(crate) fn same_object(a: &Source, b: &Source) -> bool {
    a.input == b.input && a.block == b.block
}

/// Fills `bytes` on every finding whose object and field are known and present.
pub(crate) fn resolve(findings: &mut [Finding], objects: &Objects<'_>, limits: &Limits) {
    let mut trees: HashMap<ObjectRef, Tree> = HashMap::new();
    for f in findings.iter_mut() {
        let subject = f.target.object.clone().or(f.certificate.map(Subject::Certificate));
        let (owner, locator) = match (&f.target.locator, concern::concern(f.code)) {
            (Some(l), _) => (None, Some(l.clone())),
            (None, Concern::Field(owner, l)) => (Some(owner), Some(l)),
            (None, Concern::Case | Concern::NoField) => (None, None),
        };
        let (Some(subject), Some(locator)) = (subject, locator) else { continue };
        let Some((place, kind, der)) = objects.find(&subject) else { continue };
        if owner.is_some_and(|o| o != kind) {
            continue;
        }
        let tree = trees.entry(place).or_insert_with(|| asn1::parse_object(der, kind, limits));
        f.bytes = locate::find(tree, kind, &locator).and_then(|i| tree.node(i)).map(|n| ByteRange {
            object: place,
            offset: n.offset,
            len: n.header_len + n.len,
        });
    }
}

/// The DER of one object of `report`, read again from the `inputs` it
/// was made from: the report carries ranges, not bytes, so that its JSON
/// stays the size it was. Reading the inputs again costs what the input
/// stage cost (no checks, no signatures). `None` when `object` is not in
/// the report or the inputs are not the ones it was made from.
pub fn object_der(inputs: &[crate::Input], report: &crate::Report, object: ObjectRef) -> Option<Vec<u8>> {
    let source = match object {
        ObjectRef::Certificate { index } => &report.certificates.get(index)?.source,
        ObjectRef::Ocsp => &report.ocsp.as_ref()?.source,
        ObjectRef::OcspOther { index } => &report.ocsp_other.get(index)?.source,
        ObjectRef::Crl { index } => &report.crls.get(index)?.source,
        ObjectRef::Csr { index } => &report.requests.get(index)?.source,
    };
    let mut work = crate::work::Work::new(&Limits::default());
    let mut findings = Vec::new();
    let decoded = crate::input::decode_inputs(inputs, &mut work, crate::work::Stage::Input, &mut findings);
    let pool = match object {
        ObjectRef::Certificate { .. } => &decoded.certs,
        ObjectRef::Ocsp | ObjectRef::OcspOther { .. } => &decoded.ocsp,
        ObjectRef::Crl { .. } => &decoded.crls,
        ObjectRef::Csr { .. } => &decoded.requests,
    };
    pool.iter().find(|r| same_object(&r.source, source)).map(|r| r.der.clone())
}
