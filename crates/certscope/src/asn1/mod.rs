//! The ASN.1 tree of one object's bytes, as a decoder page shows it: every
//! TLV with its offset, header and content lengths, tag, decoded value and,
//! where the object's structure says so, the field it is ("serialNumber",
//! "extension", "responderID").
//!
//! Runs on demand, apart from `analyze`: the web app's Bytes view and
//! `certscope --asn1` call [`parse_object`] on an object's DER, and
//! `analyze` runs [`parse_fields`], the same parser told to leave a CRL's
//! entries unread, once per object that has a finding or a field to
//! point at ([`locate`]). It decides nothing about the object: findings
//! come from the checks.
//!
//! Any bytes give a tree, never a panic. BER indefinite lengths are read
//! (their end-of-contents octets are an `EOC` child), malformed regions
//! become [`Value::Malformed`] nodes covering their bytes, and the tree is
//! bounded by [`Limits::max_asn1_nodes`] and [`Limits::max_asn1_depth`]
//! (past them: `truncated`, or a `too-deep` node).
//!
//! OCTET STRINGs and BIT STRINGs whose content is exactly one well-formed
//! TLV are shown with it as their child ([`Value::Encapsulated`]), as
//! asn1js does: extnValue, the OCSP BasicOCSPResponse, RSA keys, ECDSA
//! signatures.

mod label;
pub mod locate;
mod parse;
mod render;
mod value;

pub use label::ObjectKind;
pub use locate::Locator;
pub use parse::Unwalkable;
pub use render::render_tree;
pub use value::{DottedOid, Malformation, Value};

use crate::options::Limits;
use serde::{Serialize, Serializer};
use std::borrow::Cow;
use std::ops::Range;

/// Every TLV of an object, in document (pre-)order: a node's descendants
/// follow it, and its `next_sibling` comes after them.
#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize)]
#[cfg_attr(feature = "schema", derive(schemars::JsonSchema))]
pub struct Tree {
    pub nodes: Vec<Node>,
    /// True when `max_asn1_nodes` stopped the parse: nodes after the last
    /// one are missing.
    pub truncated: bool,
    /// Constructed nodes whose children were not read, in index order:
    /// none but in a tree made by [`parse_fields`], whose lookups find
    /// what is inside in the DER ([`locate::span`]).
    #[serde(skip)]
    pub unread: Vec<usize>,
}

/// One TLV.
#[derive(Clone, Debug, PartialEq, Eq, Serialize)]
#[cfg_attr(feature = "schema", derive(schemars::JsonSchema))]
pub struct Node {
    /// Of the tag byte, in the object's DER.
    pub offset: usize,
    /// Tag and length bytes.
    pub header_len: usize,
    /// Content bytes. For an indefinite length, up to and including the
    /// end-of-contents octets (an `EOC` child); for a malformed node, the
    /// bytes it covers after its header.
    pub len: usize,
    /// 0 for a top-level node.
    pub depth: u16,
    pub parent: Option<usize>,
    /// Children are listed by following `first_child`, then each child's
    /// `next_sibling`: the first 100 of 10,000 cost 100 steps.
    pub first_child: Option<usize>,
    pub next_sibling: Option<usize>,
    /// Direct children.
    pub child_count: usize,
    pub tag: Tag,
    pub value: Value,
    /// The field this node is, when the object's structure says so
    /// (`serialNumber`, `issuer`, `extension`, `responderID`, …).
    pub label: Option<&'static str>,
}

impl Node {
    /// Offset just past the node.
    pub fn end(&self) -> usize {
        self.offset.saturating_add(self.header_len).saturating_add(self.len)
    }

    /// The node's bytes (header and content) in the object's DER.
    pub fn range(&self) -> Range<usize> {
        self.offset..self.end()
    }

    /// The content bytes.
    pub fn content(&self) -> Range<usize> {
        self.offset.saturating_add(self.header_len)..self.end()
    }
}

/// Tag class (X.690 §8.1.2.2).
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, Serialize)]
#[cfg_attr(feature = "schema", derive(schemars::JsonSchema))]
#[serde(rename_all = "kebab-case")]
pub enum Class {
    Universal,
    Application,
    Context,
    Private,
}

/// An identifier octet(s) as read (X.690 §8.1.2).
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub struct Tag {
    pub class: Class,
    pub constructed: bool,
    pub number: u32,
}

impl Tag {
    pub(crate) const fn universal(number: u32, constructed: bool) -> Tag {
        Tag { class: Class::Universal, constructed, number }
    }

    /// `SEQUENCE`, `INTEGER`, `[0]`, `[APPLICATION 1]`, `[UNIVERSAL 99]`.
    pub fn name(&self) -> Cow<'static, str> {
        match self.class {
            Class::Universal => match universal_name(self.number) {
                Some(name) => Cow::Borrowed(name),
                None => Cow::Owned(format!("[UNIVERSAL {}]", self.number)),
            },
            Class::Application => Cow::Owned(format!("[APPLICATION {}]", self.number)),
            Class::Context => Cow::Owned(format!("[{}]", self.number)),
            Class::Private => Cow::Owned(format!("[PRIVATE {}]", self.number)),
        }
    }

    pub(crate) fn is_universal(&self, number: u32) -> bool {
        self.class == Class::Universal && self.number == number
    }

    pub(crate) fn is_context(&self, number: u32) -> bool {
        self.class == Class::Context && self.number == number
    }
}

/// X.680 §8.6 Table 1.
fn universal_name(number: u32) -> Option<&'static str> {
    Some(match number {
        0 => "EOC",
        1 => "BOOLEAN",
        2 => "INTEGER",
        3 => "BIT STRING",
        4 => "OCTET STRING",
        5 => "NULL",
        6 => "OBJECT IDENTIFIER",
        7 => "ObjectDescriptor",
        8 => "EXTERNAL",
        9 => "REAL",
        10 => "ENUMERATED",
        11 => "EMBEDDED PDV",
        12 => "UTF8String",
        13 => "RELATIVE-OID",
        16 => "SEQUENCE",
        17 => "SET",
        18 => "NumericString",
        19 => "PrintableString",
        20 => "T61String",
        21 => "VideotexString",
        22 => "IA5String",
        23 => "UTCTime",
        24 => "GeneralizedTime",
        25 => "GraphicString",
        26 => "VisibleString",
        27 => "GeneralString",
        28 => "UniversalString",
        30 => "BMPString",
        _ => return None,
    })
}

/// Serialized with its name, so a JSON reader need not know the table.
impl Serialize for Tag {
    fn serialize<S: Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
        use serde::ser::SerializeStruct;
        let mut st = s.serialize_struct("Tag", 4)?;
        st.serialize_field("class", &self.class)?;
        st.serialize_field("constructed", &self.constructed)?;
        st.serialize_field("number", &self.number)?;
        st.serialize_field("name", &self.name())?;
        st.end()
    }
}

#[cfg(feature = "schema")]
impl schemars::JsonSchema for Tag {
    fn schema_name() -> Cow<'static, str> {
        "Tag".into()
    }

    fn json_schema(generator: &mut schemars::SchemaGenerator) -> schemars::Schema {
        schemars::json_schema!({
            "type": "object",
            "properties": {
                "class": generator.subschema_for::<Class>(),
                "constructed": { "type": "boolean" },
                "number": { "type": "integer", "minimum": 0 },
                "name": { "type": "string" },
            },
            "required": ["class", "constructed", "number", "name"],
        })
    }
}

impl Tree {
    pub fn node(&self, index: usize) -> Option<&Node> {
        self.nodes.get(index)
    }

    /// Whether `index` has children that were not read (see [`parse_fields`]).
    pub fn is_unread(&self, index: usize) -> bool {
        self.unread.binary_search(&index).is_ok()
    }

    /// The PEM label under which certscope reads a node's bytes back
    /// (input/sniff.rs): the whole object's, and a public key's; other
    /// nodes have none.
    pub fn pem_label(&self, kind: ObjectKind, index: usize) -> Option<&'static str> {
        let n = self.node(index)?;
        if n.parent.is_none() && index == 0 {
            return Some(match kind {
                ObjectKind::Certificate => "CERTIFICATE",
                ObjectKind::OcspResponse => "OCSP RESPONSE",
                ObjectKind::Crl => "X509 CRL",
                ObjectKind::Csr => "CERTIFICATE REQUEST",
            });
        }
        matches!(n.label, Some("subjectPublicKeyInfo" | "subjectPKInfo")).then_some("PUBLIC KEY")
    }

    /// The top-level nodes (one for a well-formed object).
    pub fn roots(&self) -> Children<'_> {
        Children { tree: self, next: if self.nodes.is_empty() { None } else { Some(0) } }
    }

    /// The direct children of `index`, in order.
    pub fn children(&self, index: usize) -> Children<'_> {
        Children { tree: self, next: self.node(index).and_then(|n| n.first_child) }
    }

    /// The `n`th direct child of `index`.
    pub fn child(&self, index: usize, n: usize) -> Option<usize> {
        self.children(index).nth(n)
    }

    /// The innermost node whose bytes contain `offset` (the page's "select
    /// the node under these bytes"): descends from the roots, so it costs
    /// the depth times the siblings passed, never the whole tree.
    pub fn innermost_at(&self, offset: usize) -> Option<usize> {
        let mut found = None;
        let mut level = self.roots();
        while let Some(i) = level.find(|&i| self.node(i).is_some_and(|n| n.range().contains(&offset))) {
            found = Some(i);
            level = self.children(i);
        }
        found
    }
}

/// Iterator over sibling indices (see [`Tree::children`]).
pub struct Children<'a> {
    tree: &'a Tree,
    next: Option<usize>,
}

impl Iterator for Children<'_> {
    type Item = usize;

    fn next(&mut self) -> Option<usize> {
        let i = self.next?;
        self.next = self.tree.node(i).and_then(|n| n.next_sibling);
        Some(i)
    }
}

/// The tree of `der`, without field labels. Never panics; bounded by
/// `limits.max_asn1_nodes` and `limits.max_asn1_depth`.
pub fn parse(der: &[u8], limits: &Limits) -> Tree {
    parse::parse(der, limits, parse::Extent::Whole)
}

/// RFC 7468 PEM of `der` under `label`, 64-character lines; empty when
/// `label` is not one RFC 7468 allows.
///
/// The text is what `der::pem::encode_string` writes, but its base64 is
/// constant-time and several times slower, which nothing public needs:
/// every certificate of a report carries its PEM.
pub fn to_pem(label: &str, der: &[u8]) -> String {
    use base64::Engine;
    // The label checked as the encoder checks it (no data, so no cost).
    if der::pem::encode_string(label, der::pem::LineEnding::LF, &[]).is_err() {
        return String::new();
    }
    let body = base64::engine::general_purpose::STANDARD.encode(der);
    let mut out: Vec<u8> = Vec::with_capacity(body.len() + body.len() / 64 + 2 * label.len() + 32);
    for part in ["-----BEGIN ", label, "-----\n"] {
        out.extend_from_slice(part.as_bytes());
    }
    for (i, line) in body.as_bytes().chunks(64).enumerate() {
        if i > 0 {
            out.push(b'\n');
        }
        out.extend_from_slice(line);
    }
    for part in ["\n-----END ", label, "-----\n"] {
        out.extend_from_slice(part.as_bytes());
    }
    // Base64 and a checked label: ASCII.
    String::from_utf8(out).unwrap_or_default()
}

/// The tree of an object of a known kind, with its fields labelled.
pub fn parse_object(der: &[u8], kind: ObjectKind, limits: &Limits) -> Tree {
    let mut tree = parse::parse(der, limits, parse::Extent::Whole);
    label::label(&mut tree, kind);
    tree
}

/// The tree of an object as far as locating its fields needs, labelled
/// as [`parse_object`] labels it: what `analyze` parses for byte ranges.
/// A CRL's revokedCertificates list is left unread (its entries are
/// found in the DER by [`locate::span`]) and no value but an OCSP
/// response's BasicOCSPResponse is tried as encapsulated, so the cost
/// follows the fields looked up, not the object's size. Each of its
/// nodes is one of [`parse_object`]'s, with the same offset, lengths,
/// tag and label (an OCTET STRING not tried stays `Raw`), and every
/// `Locator` finds the same bytes in both; it is not for showing.
pub fn parse_fields(der: &[u8], kind: ObjectKind, limits: &Limits) -> Tree {
    let mut tree = parse::parse(der, limits, parse::Extent::Fields(kind));
    label::label(&mut tree, kind);
    tree
}

#[cfg(test)]
pub(crate) mod tests;
