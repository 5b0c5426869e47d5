//! Which node a field or finding is about, by structural path: a
//! [`Locator`] names the field ("the extension whose extnID is X", "the
//! second SingleResponse's certStatus"), [`find`] walks the labelled tree
//! to it. Never a search for byte patterns: the node is the one the
//! object's structure puts there.

use super::parse::{self, Span, Unwalkable};
use super::{Class, ObjectKind, Tree, Value};
use crate::options::Limits;
use const_oid::ObjectIdentifier;
use std::ops::Range;

/// A field of a certificate, CRL, CSR or OCSP response.
#[derive(Clone, Debug, PartialEq, Eq, Hash)]
pub enum Locator {
    /// The whole object.
    Object,
    /// Certificates and CRLs: the version field.
    Version,
    /// Certificates: serialNumber.
    Serial,
    /// The algorithm inside the signed part (tbsCertificate.signature, tbsCertList.signature).
    TbsSignatureAlgorithm,
    Issuer,
    Validity,
    NotBefore,
    NotAfter,
    /// Certificates and CSRs.
    Subject,
    /// One attribute of the subject (the last one of that type): `CN`, `O`…
    SubjectAttribute(ObjectIdentifier),
    /// Certificates and CSRs.
    SubjectPublicKeyInfo,
    /// The extension with this extnID: certificates, CRLs (crlExtensions),
    /// OCSP responses (responseExtensions).
    Extension(ObjectIdentifier),
    /// The outer signatureAlgorithm (BasicOCSPResponse's for OCSP).
    SignatureAlgorithm,
    /// The signature BIT STRING (BasicOCSPResponse's for OCSP).
    SignatureValue,
    /// CRLs: thisUpdate and nextUpdate.
    ThisUpdate,
    NextUpdate,
    /// CRLs: the revokedCertificates entry at this position.
    RevokedEntry(usize),
    /// CRLs: the first entry whose userCertificate has these content
    /// octets (a certificate's serialNumber as encoded).
    RevokedSerial(Vec<u8>),
    /// OCSP: responseStatus.
    ResponseStatus,
    /// OCSP: responseBytes.responseType.
    ResponseType,
    ResponderId,
    ProducedAt,
    /// OCSP: the SingleResponse at this position, and its parts.
    SingleResponse(usize),
    CertStatus(usize),
    SingleThisUpdate(usize),
    SingleNextUpdate(usize),
    /// OCSP: the certificates the responder sent.
    Certs,
}

/// The node `locator` names in a tree labelled as `kind`, if the object has it.
pub fn find(tree: &Tree, kind: ObjectKind, locator: &Locator) -> Option<usize> {
    use Locator as L;
    let root = tree.roots().next()?;
    let tbs = match kind {
        ObjectKind::Certificate => "tbsCertificate",
        ObjectKind::Crl => "tbsCertList",
        ObjectKind::Csr => "certificationRequestInfo",
        ObjectKind::OcspResponse => "tbsResponseData",
    };
    let body = || match kind {
        ObjectKind::OcspResponse => basic_response(tree, root),
        ObjectKind::Certificate | ObjectKind::Crl | ObjectKind::Csr => Some(root),
    };
    let in_tbs = |label: &str| path(tree, body()?, &[tbs, label]);
    match locator {
        L::Object => Some(root),
        L::Version => in_tbs("version"),
        L::Serial => in_tbs("serialNumber"),
        L::TbsSignatureAlgorithm => in_tbs("signature"),
        L::Issuer => in_tbs("issuer"),
        L::Validity => in_tbs("validity"),
        L::NotBefore => path(tree, root, &[tbs, "validity", "notBefore"]),
        L::NotAfter => path(tree, root, &[tbs, "validity", "notAfter"]),
        L::Subject => in_tbs("subject"),
        L::SubjectAttribute(oid) => subject_attribute(tree, in_tbs("subject")?, oid),
        L::SubjectPublicKeyInfo => in_tbs("subjectPublicKeyInfo").or_else(|| in_tbs("subjectPKInfo")),
        L::Extension(oid) => {
            let list = match kind {
                ObjectKind::Certificate => in_tbs("extensions"),
                ObjectKind::Crl => in_tbs("crlExtensions"),
                ObjectKind::OcspResponse => in_tbs("responseExtensions"),
                ObjectKind::Csr => None,
            };
            let single = || {
                // OCSP: else the first SingleResponse extension with that extnID.
                tree.children(in_tbs("responses")?)
                    .filter_map(|s| child_labelled(tree, s, "singleExtensions"))
                    .find_map(|l| extension(tree, l, oid))
            };
            list.and_then(|l| extension(tree, l, oid)).or_else(single)
        }
        L::SignatureAlgorithm => child_labelled(tree, body()?, "signatureAlgorithm"),
        L::SignatureValue => {
            child_labelled(tree, body()?, "signatureValue").or_else(|| child_labelled(tree, body()?, "signature"))
        }
        L::ThisUpdate => in_tbs("thisUpdate"),
        L::NextUpdate => in_tbs("nextUpdate"),
        L::RevokedEntry(n) => tree.child(in_tbs("revokedCertificates")?, *n),
        L::RevokedSerial(serial) => {
            // The decoded INTEGER's octets, compared with the serial's.
            let want = super::value::hex(serial);
            tree.children(in_tbs("revokedCertificates")?).find(|&entry| {
                child_labelled(tree, entry, "userCertificate")
                    .and_then(|u| tree.node(u))
                    .is_some_and(|u| matches!(&u.value, Value::Integer { hex, .. } if *hex == want))
            })
        }
        L::ResponseStatus => child_labelled(tree, root, "responseStatus"),
        L::ResponseType => {
            let bytes = child_labelled(tree, root, "responseBytes")?;
            child_labelled(tree, tree.children(bytes).next()?, "responseType")
        }
        L::ResponderId => in_tbs("responderID"),
        L::ProducedAt => in_tbs("producedAt"),
        L::SingleResponse(n) => tree.child(in_tbs("responses")?, *n),
        L::CertStatus(n) => child_labelled(tree, tree.child(in_tbs("responses")?, *n)?, "certStatus"),
        L::SingleThisUpdate(n) => child_labelled(tree, tree.child(in_tbs("responses")?, *n)?, "thisUpdate"),
        L::SingleNextUpdate(n) => child_labelled(tree, tree.child(in_tbs("responses")?, *n)?, "nextUpdate"),
        L::Certs => child_labelled(tree, body()?, "certs"),
    }
}

/// The bytes of the node `locator` names (tag to the content's end), in a
/// tree [`super::parse_object`] or [`super::parse_fields`] made of `der`
/// with `limits`: the node [`find`] reaches, or, in a CRL whose entry list
/// was left unread, the entry found by stepping over the list's TLVs in
/// `der` ([`revoked_spans`]). `Err` when that list cannot be stepped over
/// (BER or broken bytes in it): only the whole tree says what is there.
pub fn span(
    tree: &Tree,
    der: &[u8],
    kind: ObjectKind,
    locator: &Locator,
    limits: &Limits,
) -> Result<Option<Range<usize>>, Unwalkable> {
    let unread = unread_revoked(tree, kind);
    match (locator, unread) {
        (Locator::RevokedEntry(n), Some(list)) => {
            let mut walk = entries(tree, der, list, limits);
            for _ in 0..*n {
                if walk.next().transpose()?.is_none() {
                    return Ok(None);
                }
            }
            Ok(walk.next().transpose()?.map(|e| e.offset..e.end()))
        }
        (Locator::RevokedSerial(serial), Some(_)) => {
            Ok(revoked_spans(tree, der, &[serial.as_slice()], limits)?.into_iter().next().flatten())
        }
        _ => Ok(find(tree, kind, locator).and_then(|i| tree.node(i)).map(|n| n.range())),
    }
}

/// For each of `serials` (sorted, without repeats), the bytes of the
/// first revokedCertificates entry whose userCertificate has those
/// content octets, as [`Locator::RevokedSerial`] finds it: one walk over
/// an unread list for all of them, reading two headers per entry and
/// decoding nothing. The walk stops after `limits.max_asn1_nodes`
/// entries, as many as the whole tree could have held.
pub fn revoked_spans(
    tree: &Tree,
    der: &[u8],
    serials: &[&[u8]],
    limits: &Limits,
) -> Result<Vec<Option<Range<usize>>>, Unwalkable> {
    let Some(list) = unread_revoked(tree, ObjectKind::Crl) else {
        let find_one = |s: &&[u8]| span(tree, der, ObjectKind::Crl, &Locator::RevokedSerial(s.to_vec()), limits);
        return serials.iter().map(find_one).collect();
    };
    let mut found: Vec<Option<Range<usize>>> = vec![None; serials.len()];
    // An entry's userCertificate is a node only below max_asn1_depth.
    let entry_depth = tree.node(list).map_or(u16::MAX, |n| n.depth.saturating_add(1));
    if entry_depth >= parse::max_depth(limits) {
        return Ok(found);
    }
    let mut left = serials.len();
    for entry in entries(tree, der, list, limits) {
        let entry = entry?;
        let Some(at) = user_certificate(der, &entry).and_then(|s| serials.binary_search(&s).ok()) else { continue };
        if let Some(slot @ None) = found.get_mut(at) {
            *slot = Some(entry.offset..entry.end());
            left -= 1;
            if left == 0 {
                break;
            }
        }
    }
    Ok(found)
}

/// A CRL's revokedCertificates node, when its entries were not read.
fn unread_revoked(tree: &Tree, kind: ObjectKind) -> Option<usize> {
    if kind != ObjectKind::Crl || tree.unread.is_empty() {
        return None;
    }
    let list = path(tree, tree.roots().next()?, &["tbsCertList", "revokedCertificates"])?;
    tree.is_unread(list).then_some(list)
}

/// The entries of an unread list, from its bytes, at most `max_asn1_nodes`.
fn entries<'d>(
    tree: &Tree,
    der: &'d [u8],
    list: usize,
    limits: &Limits,
) -> impl Iterator<Item = Result<Span, Unwalkable>> + 'd {
    let content = tree.node(list).map_or(0..0, |n| n.content());
    parse::spans(der, content.start, content.end).take(limits.max_asn1_nodes)
}

/// The content octets of an entry's userCertificate, when the parser
/// would make it an INTEGER node (`Value::Integer`): the first TLV in a
/// constructed entry, universal INTEGER or ENUMERATED, primitive, not
/// empty and within the entry. The same test as `find`'s, on the bytes.
fn user_certificate<'d>(der: &'d [u8], entry: &Span) -> Option<&'d [u8]> {
    if !entry.tag.constructed {
        return None;
    }
    let content = entry.content();
    let first = parse::first_span(der, content.start, content.end).ok()?;
    let t = first.tag;
    let integer = t.class == Class::Universal && !t.constructed && matches!(t.number, 2 | 10) && first.len > 0;
    integer.then(|| der.get(first.content())).flatten()
}

/// The BasicOCSPResponse inside an OCSPResponse's responseBytes.
fn basic_response(tree: &Tree, root: usize) -> Option<usize> {
    let bytes = child_labelled(tree, root, "responseBytes")?;
    let response = child_labelled(tree, tree.children(bytes).next()?, "response")?;
    tree.children(response).find(|&i| label_is(tree, i, "BasicOCSPResponse"))
}

fn label_is(tree: &Tree, index: usize, label: &str) -> bool {
    tree.node(index).is_some_and(|n| n.label == Some(label))
}

fn child_labelled(tree: &Tree, parent: usize, label: &str) -> Option<usize> {
    tree.children(parent).find(|&i| label_is(tree, i, label))
}

/// Follows labelled children from `from`.
fn path(tree: &Tree, from: usize, labels: &[&str]) -> Option<usize> {
    labels.iter().try_fold(from, |at, label| child_labelled(tree, at, label))
}

fn oid_of(tree: &Tree, index: usize) -> Option<&ObjectIdentifier> {
    match &tree.node(index)?.value {
        Value::Oid { dotted, .. } => Some(&dotted.0),
        _ => None,
    }
}

/// The Extension whose extnID is `oid`, in an `[n] EXPLICIT Extensions` or a bare Extensions.
fn extension(tree: &Tree, list: usize, oid: &ObjectIdentifier) -> Option<usize> {
    let seq =
        if label_is(tree, tree.children(list).next()?, "extension") { list } else { tree.children(list).next()? };
    tree.children(seq).find(|&ext| {
        label_is(tree, ext, "extension")
            && child_labelled(tree, ext, "extnID").and_then(|id| oid_of(tree, id)) == Some(oid)
    })
}

/// The last AttributeTypeAndValue of type `oid` in a Name (the one views show).
fn subject_attribute(tree: &Tree, name: usize, oid: &ObjectIdentifier) -> Option<usize> {
    tree.children(name)
        .flat_map(|rdn| tree.children(rdn))
        .filter(|&atv| tree.children(atv).next().and_then(|t| oid_of(tree, t)) == Some(oid))
        .last()
}
