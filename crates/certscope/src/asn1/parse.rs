//! The TLV reader behind [`super::parse`]: X.690 BER (so DER too), read
//! leniently, every byte accounted for by a node.

use super::value::{decode_primitive, Detail, Malformation, Value};
use super::{label, Class, Node, ObjectKind, Tag, Tree};
use crate::options::Limits;

/// How much of the bytes a parse reads.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub(super) enum Extent {
    /// Every TLV, and every encapsulated value tried: what a decoder page shows.
    Whole,
    /// What locating an object's fields needs (`analyze`'s byte ranges):
    /// no encapsulated value but the OCSP BasicOCSPResponse is tried, and
    /// a CRL's revokedCertificates list is left unread (see
    /// [`label::left_unread`]). A 14,000-entry CRL is then a dozen nodes.
    Fields(ObjectKind),
}

/// A tag and length as read.
struct Header {
    tag: Tag,
    header_len: usize,
    /// `None`: indefinite (X.690 §8.1.3.6).
    len: Option<usize>,
}

pub(super) fn parse(der: &[u8], limits: &Limits, extent: Extent) -> Tree {
    let mut p = Parser {
        der,
        nodes: Vec::new(),
        max_nodes: limits.max_asn1_nodes,
        max_depth: max_depth(limits),
        truncated: false,
        extent,
        unread: Vec::new(),
    };
    p.level(0, der.len(), 0, None, false);
    Tree { nodes: p.nodes, truncated: p.truncated, unread: p.unread }
}

/// `limits.max_asn1_depth` as a node depth.
pub(super) fn max_depth(limits: &Limits) -> u16 {
    u16::try_from(limits.max_asn1_depth).unwrap_or(u16::MAX)
}

struct Parser<'a> {
    der: &'a [u8],
    nodes: Vec<Node>,
    max_nodes: usize,
    max_depth: u16,
    truncated: bool,
    extent: Extent,
    /// Constructed nodes whose content was skipped (see [`Extent::Fields`]).
    unread: Vec<usize>,
}

impl Parser<'_> {
    /// Reads the TLVs in `start..end` as the children of `parent`. With
    /// `until_eoc`, stops after an end-of-contents and returns the offset
    /// past it; `None` when none came before `end`.
    fn level(&mut self, start: usize, end: usize, depth: u16, parent: Option<usize>, until_eoc: bool) -> Option<usize> {
        let mut pos = start;
        let mut prev: Option<usize> = None;
        while pos < end {
            if self.nodes.len() >= self.max_nodes {
                self.truncated = true;
                return None;
            }
            let index = self.nodes.len();
            let next = self.tlv(pos, end, depth, parent);
            self.link(parent, prev, index);
            prev = Some(index);
            if until_eoc && self.nodes.get(index).is_some_and(|n| n.value == Value::Eoc) {
                return Some(next);
            }
            // Every step reads at least one byte: a tag, or a malformed rest.
            pos = next.max(pos + 1);
        }
        (!until_eoc).then_some(end)
    }

    /// Reads one TLV at `pos` (within `end`) and its descendants; returns the offset past it.
    fn tlv(&mut self, pos: usize, end: usize, depth: u16, parent: Option<usize>) -> usize {
        let header = match read_header(self.der, pos, end) {
            Ok(h) => h,
            Err((tag, reason)) => {
                let tag = tag.unwrap_or(Tag::universal(0, false));
                self.push(pos, 0, end - pos, depth, parent, tag, Value::Malformed { reason });
                return end;
            }
        };
        let content_start = pos + header.header_len;
        let tag = header.tag;
        let Some(len) = header.len else {
            return self.indefinite(pos, header, end, depth, parent);
        };
        let content_end = match content_start.checked_add(len) {
            Some(e) if e <= end => e,
            _ => {
                // Cut short (a truncated paste): marked, and what is there
                // of a constructed value is still read, as asn1js does.
                let reason = Malformation::LengthOverrun;
                let index = self.nodes.len();
                self.push(pos, header.header_len, end - content_start, depth, parent, tag, Value::Malformed { reason });
                if tag.constructed && depth < self.max_depth {
                    self.level(content_start, end, depth + 1, Some(index), false);
                }
                return end;
            }
        };
        let index = self.nodes.len();
        if tag.constructed {
            if depth >= self.max_depth {
                let too_deep = Value::Malformed { reason: Malformation::TooDeep };
                self.push(pos, header.header_len, len, depth, parent, tag, too_deep);
            } else {
                self.push(pos, header.header_len, len, depth, parent, tag, Value::Constructed);
                if self.skips(parent, depth, tag) {
                    self.unread.push(index);
                } else {
                    self.level(content_start, content_end, depth + 1, Some(index), false);
                }
            }
            return content_end;
        }
        let tlv = self.der.get(pos..content_end).unwrap_or_default();
        let content = self.der.get(content_start..content_end).unwrap_or_default();
        let detail = if self.extent == Extent::Whole { Detail::Shown } else { Detail::Located };
        let value = decode_primitive(tag, tlv, content, detail);
        self.push(pos, header.header_len, len, depth, parent, tag, value);
        self.encapsulated(index, content_start, content_end, depth);
        content_end
    }

    /// Whether a constructed node of definite length about to be read
    /// at `depth` under `parent` is left unread. Its siblings before it
    /// are already linked to `parent` (see `level`), so the labeller's
    /// rule can count them.
    fn skips(&self, parent: Option<usize>, depth: u16, tag: Tag) -> bool {
        match self.extent {
            Extent::Whole => false,
            Extent::Fields(kind) => label::left_unread(kind, &self.nodes, parent, depth, tag),
        }
    }

    /// A constructed TLV of indefinite length: its children run to an
    /// end-of-contents (X.690 §8.1.3.6), which becomes its last child.
    fn indefinite(&mut self, pos: usize, header: Header, end: usize, depth: u16, parent: Option<usize>) -> usize {
        let content_start = pos + header.header_len;
        let index = self.nodes.len();
        let malformed = if !header.tag.constructed {
            Some(Malformation::IndefinitePrimitive)
        } else if depth >= self.max_depth {
            Some(Malformation::TooDeep)
        } else {
            None
        };
        if let Some(reason) = malformed {
            self.push(
                pos,
                header.header_len,
                end - content_start,
                depth,
                parent,
                header.tag,
                Value::Malformed { reason },
            );
            return end;
        }
        self.push(pos, header.header_len, 0, depth, parent, header.tag, Value::Constructed);
        let after = self.level(content_start, end, depth + 1, Some(index), true);
        let stop = after.unwrap_or(end);
        if let Some(n) = self.nodes.get_mut(index) {
            n.len = stop - content_start;
            if after.is_none() && !self.truncated {
                n.value = Value::Malformed { reason: Malformation::MissingEndOfContents };
            }
        }
        stop
    }

    /// An OCTET STRING or BIT STRING (no unused bits) whose content is
    /// exactly one well-formed TLV gets it as its child. A trial: anything
    /// malformed inside, or bytes left over, and the nodes are dropped.
    fn encapsulated(&mut self, index: usize, content_start: usize, content_end: usize, depth: u16) {
        if let Extent::Fields(kind) = self.extent {
            if !label::looks_inside(kind, depth) {
                return;
            }
        }
        let start = match self.nodes.get(index).map(|n| (n.tag, &n.value)) {
            Some((t, Value::Raw)) if t.is_universal(4) => content_start,
            Some((t, Value::Bits { unused: 0, .. })) if t.is_universal(3) => content_start + 1,
            _ => return,
        };
        if content_end.saturating_sub(start) < 2 || depth >= self.max_depth {
            return;
        }
        let truncated = self.truncated;
        let first = self.nodes.len();
        let next = self.tlv(start, content_end, depth + 1, Some(index));
        let clean = next == content_end
            && !self.truncated
            && self
                .nodes
                .get(first..)
                .is_some_and(|ns| ns.iter().all(|n| !matches!(n.value, Value::Malformed { .. } | Value::Eoc)));
        if clean {
            self.link(Some(index), None, first);
            if let Some(n) = self.nodes.get_mut(index) {
                n.value = Value::Encapsulated;
            }
        } else {
            self.nodes.truncate(first);
            self.truncated = truncated;
        }
    }

    #[allow(clippy::too_many_arguments)]
    fn push(
        &mut self,
        offset: usize,
        header_len: usize,
        len: usize,
        depth: u16,
        parent: Option<usize>,
        tag: Tag,
        value: Value,
    ) {
        self.nodes.push(Node {
            offset,
            header_len,
            len,
            depth,
            parent,
            first_child: None,
            next_sibling: None,
            child_count: 0,
            tag,
            value,
            label: None,
        });
    }

    /// Makes `index` the next child of `parent` after `prev`.
    fn link(&mut self, parent: Option<usize>, prev: Option<usize>, index: usize) {
        match prev {
            Some(p) => {
                if let Some(n) = self.nodes.get_mut(p) {
                    n.next_sibling = Some(index);
                }
            }
            None => {
                if let Some(n) = parent.and_then(|p| self.nodes.get_mut(p)) {
                    n.first_child = Some(index);
                }
            }
        }
        if let Some(n) = parent.and_then(|p| self.nodes.get_mut(p)) {
            n.child_count += 1;
        }
    }
}

/// Identifier and length octets at `pos` (X.690 §8.1.2, §8.1.3). On
/// failure, the tag if it was read, and why.
fn read_header(der: &[u8], pos: usize, end: usize) -> Result<Header, (Option<Tag>, Malformation)> {
    let byte = |i: usize| if i < end { der.get(i).copied() } else { None };
    let first = byte(pos).ok_or((None, Malformation::HeaderTruncated))?;
    let class = match first >> 6 {
        0 => Class::Universal,
        1 => Class::Application,
        2 => Class::Context,
        _ => Class::Private,
    };
    let constructed = first & 0x20 != 0;
    let mut at = pos + 1;
    let mut number = u32::from(first & 0x1f);
    if number == 0x1f {
        // High tag number: base-128, most significant first (§8.1.2.4).
        number = 0;
        loop {
            let b = byte(at).ok_or((None, Malformation::HeaderTruncated))?;
            at += 1;
            if number > (u32::MAX >> 7) {
                return Err((None, Malformation::TagTooLong));
            }
            number = (number << 7) | u32::from(b & 0x7f);
            if b & 0x80 == 0 {
                break;
            }
        }
    }
    let tag = Tag { class, constructed, number };
    let l0 = byte(at).ok_or((Some(tag), Malformation::HeaderTruncated))?;
    at += 1;
    let len = match l0 {
        0..=0x7f => Some(usize::from(l0)),
        0x80 => None,
        0xff => return Err((Some(tag), Malformation::LengthInvalid)),
        _ => {
            let n = usize::from(l0 & 0x7f);
            if n > 8 {
                return Err((Some(tag), Malformation::LengthInvalid));
            }
            let mut len: u64 = 0;
            for _ in 0..n {
                let b = byte(at).ok_or((Some(tag), Malformation::HeaderTruncated))?;
                at += 1;
                len = (len << 8) | u64::from(b);
            }
            Some(usize::try_from(len).map_err(|_| (Some(tag), Malformation::LengthOverrun))?)
        }
    };
    Ok(Header { tag, header_len: at - pos, len })
}

/// One TLV of definite length, read by its header alone.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub(super) struct Span {
    pub offset: usize,
    pub header_len: usize,
    pub len: usize,
    pub tag: Tag,
}

impl Span {
    pub fn content(&self) -> std::ops::Range<usize> {
        self.offset + self.header_len..self.end()
    }

    pub fn end(&self) -> usize {
        self.offset + self.header_len + self.len
    }
}

/// A TLV in `spans` that cannot be stepped over by its header: a
/// malformed header, an indefinite length or one past the end. Where
/// the next TLV starts is then known only by parsing this one.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct Unwalkable;

/// The TLVs directly in `start..end` of `der`, stepped over by their
/// headers without reading their content: the nodes [`parse`] would make
/// children there, each with the same offset and lengths, for as long as
/// each is well-formed with a definite length. An `Err` ends it.
pub(super) fn spans(der: &[u8], start: usize, end: usize) -> Spans<'_> {
    Spans { der, pos: start, end: end.min(der.len()) }
}

pub(super) struct Spans<'a> {
    der: &'a [u8],
    pos: usize,
    end: usize,
}

impl Iterator for Spans<'_> {
    type Item = Result<Span, Unwalkable>;

    fn next(&mut self) -> Option<Self::Item> {
        if self.pos >= self.end {
            return None;
        }
        let span = first_span(self.der, self.pos, self.end);
        // Every step reads at least a tag and a length; an error ends the walk.
        self.pos = span.map_or(self.end, |s| s.end());
        Some(span)
    }
}

/// The TLV at `pos`, if its header reads and its definite length ends within `end`.
pub(super) fn first_span(der: &[u8], pos: usize, end: usize) -> Result<Span, Unwalkable> {
    let header = read_header(der, pos, end).map_err(|_| Unwalkable)?;
    let len = header.len.ok_or(Unwalkable)?;
    let span = Span { offset: pos, header_len: header.header_len, len, tag: header.tag };
    match (pos + header.header_len).checked_add(len) {
        Some(e) if e <= end => Ok(span),
        _ => Err(Unwalkable),
    }
}
