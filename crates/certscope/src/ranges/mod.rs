//! Byte ranges for findings: once per analysis, after every check, each
//! finding's object and field (its `Target`, else its certificate and
//! its code's [`concern::concern`]) become a [`ByteRange`](crate::report::ByteRange) in that
//! object's DER.
//!
//! The range is the node `asn1::locate::find` reaches by structural path
//! in the object's labelled tree, never a search for byte patterns. Each
//! object's tree is parsed once, and only for objects a finding points
//! into, as far as locating fields needs (`asn1::parse_fields`: a CRL's
//! entries are stepped over in its bytes, not decoded);
//! `Limits::max_asn1_nodes` bounds each parse and each walk.

pub(crate) mod concern;
pub(crate) mod fields;

use crate::asn1::{self, ObjectKind};
use crate::input::RawObject;
use crate::options::Limits;
use crate::report::finding::Subject;
use crate::report::{Finding, ObjectRef, Source};
use concern::Concern;

/// Every object of the report that findings may point into, with its DER.
pub(crate) struct Objects<'a> {
    pub certificates: Vec<&'a [u8]>,
    /// Each OCSP response, CRL and CSR.
    pub others: Vec<Other<'a>>,
}

/// An OCSP response, CRL or CSR: its report place, source (input and
/// block) and DER.
pub(crate) struct Other<'a> {
    place: ObjectRef,
    source: (usize, usize),
    der: &'a [u8],
}

impl<'a> Objects<'a> {
    /// The DER of the report's OCSP response, other responses, CRLs and
    /// CSRs, matched to their decoded objects by source.
    pub fn others_from(places: Vec<(ObjectRef, &Source)>, raws: &[&'a [RawObject]]) -> Vec<Other<'a>> {
        places
            .into_iter()
            .filter_map(|(place, source)| {
                let raw = raws.iter().flat_map(|r| r.iter()).find(|r| same_object(&r.source, source))?;
                Some(Other { place, source: (source.input, source.block), der: raw.der.as_slice() })
            })
            .collect()
    }

    /// The object at a report place.
    pub fn find_place(&self, place: ObjectRef) -> Option<(ObjectRef, ObjectKind, &'a [u8])> {
        match place {
            ObjectRef::Certificate { index } => self.find(&Subject::Certificate(index)),
            _ => self.others.iter().find(|o| o.place == place).map(|o| (o.place, o.place.kind(), o.der)),
        }
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
                .find(|o| o.place.kind() == *kind && o.source == (*input, *block))
                .map(|o| (o.place, o.place.kind(), o.der)),
        }
    }
}

/// Two sources name the same object: same input, same block.
pub(crate) fn same_object(a: &Source, b: &Source) -> bool {
    a.input == b.input && a.block == b.block
}

/// Fills `bytes` on every finding whose object and field are known and present.
pub(crate) fn resolve<'a>(findings: &mut [Finding], objects: &Objects<'a>, trees: &mut fields::Trees<'a>) {
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
        f.bytes = fields::bytes(place, trees.span(der, kind, &locator));
    }
}

/// One object of a report with its bytes, for a Bytes view.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct ObjectBytes {
    pub object: ObjectRef,
    pub kind: ObjectKind,
    /// `certificate 0: example.com`, `OCSP response`, `CRL 0: …`; escaped.
    pub title: String,
    pub der: Vec<u8>,
}

/// Every object of `report` with its kind, a title and its DER, read
/// again from `inputs` once (see [`object_der`]), in report order:
/// certificates, the OCSP response, the other responses, CRLs, CSRs.
pub fn report_objects(inputs: &[crate::Input], report: &crate::Report) -> Vec<ObjectBytes> {
    let mut work = crate::work::Work::new(&Limits::default());
    let mut findings = Vec::new();
    let decoded = crate::input::decode_inputs(inputs, &mut work, crate::work::Stage::Input, &mut findings);
    let mut places: Vec<(ObjectRef, String, &Source, &[RawObject])> = Vec::new();
    for c in &report.certificates {
        let title = format!("certificate {}: {}", c.index, c.short_name);
        places.push((ObjectRef::Certificate { index: c.index }, title, &c.source, &decoded.certs));
    }
    if let Some(r) = &report.ocsp {
        places.push((ObjectRef::Ocsp, "OCSP response".into(), &r.source, &decoded.ocsp));
    }
    for (index, r) in report.ocsp_other.iter().enumerate() {
        places.push((ObjectRef::OcspOther { index }, format!("other OCSP response {index}"), &r.source, &decoded.ocsp));
    }
    for (index, r) in report.crls.iter().enumerate() {
        let title = format!("CRL {index}: {}", r.issuer_short_name);
        places.push((ObjectRef::Crl { index }, title, &r.source, &decoded.crls));
    }
    for (index, r) in report.requests.iter().enumerate() {
        let title = format!("CSR {index}: {}", r.subject);
        places.push((ObjectRef::Csr { index }, title, &r.source, &decoded.requests));
    }
    places
        .into_iter()
        .filter_map(|(place, title, source, pool)| {
            let raw = pool.iter().find(|r| same_object(&r.source, source))?;
            let title = crate::report::render::escape::escape_controls(&title);
            Some(ObjectBytes { object: place, kind: place.kind(), title, der: raw.der.clone() })
        })
        .collect()
}

/// Every object of the report as an ASN.1 tree in text (`certscope
/// --asn1`): a title line, then one line per node with its findings.
/// An input in which no object was recognised but that starts like DER
/// (a SEQUENCE) is shown unlabelled, so a broken object shows where it
/// breaks instead of nothing.
pub fn render_asn1(inputs: &[crate::Input], report: &crate::Report, limits: &Limits) -> String {
    let mut out = String::new();
    for ObjectBytes { object, kind, title, der } in report_objects(inputs, report) {
        let tree = asn1::parse_object(&der, kind, limits);
        out.push_str(&format!("== {title} ({} bytes)\n", der.len()));
        out.push_str(&asn1::render_tree(&tree, &der, object, &report.findings));
        out.push('\n');
    }
    for (i, input) in inputs.iter().enumerate() {
        let found = report.inputs.get(i).is_some_and(|s| s.certificates + s.ocsp_responses + s.crls > 0);
        if found || input.bytes.first() != Some(&0x30) {
            continue;
        }
        let name = crate::report::render::escape::escape_controls(input.name.as_deref().unwrap_or("input"));
        out.push_str(&format!("== {name}: no object recognised; its bytes ({})\n", input.bytes.len()));
        // No report place: findings are not marked in it.
        let tree = asn1::parse(&input.bytes, limits);
        out.push_str(&asn1::render_tree(&tree, &input.bytes, ObjectRef::Crl { index: usize::MAX }, &[]));
        out.push('\n');
    }
    out
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
