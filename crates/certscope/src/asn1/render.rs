//! The tree as text, as `openssl asn1parse -i` prints it (offset, depth,
//! header and content lengths, tag) with certscope's names, decoded
//! values and the findings that point at each node. For `certscope
//! --asn1`; every text from the object is escaped (a string in a
//! certificate cannot rewrite the terminal).

use super::{Tree, Value};
use crate::report::render::escape::escape_controls;
use crate::report::{Finding, ObjectRef};
use std::fmt::Write;

/// Longest value text on one line; the bytes are the object's, whole.
const MAX_VALUE_CHARS: usize = 100;

/// Bytes of an undecoded primitive shown in hex, as openssl's `[HEX DUMP]`.
const MAX_HEX_BYTES: usize = 32;

/// One line per node of `der`'s tree, findings about `object` marked at their node.
pub fn render_tree(tree: &Tree, der: &[u8], object: ObjectRef, findings: &[Finding]) -> String {
    let mut out = String::new();
    for n in &tree.nodes {
        let cons = if n.tag.constructed { "cons" } else { "prim" };
        let indent = " ".repeat(usize::from(n.depth));
        let _ = write!(
            out,
            "{:>6}:d={:<2} hl={} l={:>5} {cons}: {indent}{}",
            n.offset,
            n.depth,
            n.header_len,
            n.len,
            n.tag.name()
        );
        if let Some(label) = n.label {
            let _ = write!(out, " ({label})");
        }
        if let Some(v) = value_text(&n.value) {
            let _ = write!(out, " :{v}");
        } else if n.value == Value::Raw && !n.tag.constructed && n.len > 0 {
            let content = der.get(n.content()).unwrap_or_default();
            let shown = content.get(..MAX_HEX_BYTES).unwrap_or(content);
            let more = if shown.len() < content.len() { "…" } else { "" };
            let _ = write!(out, " :[HEX]{}{more}", super::value::hex(shown));
        }
        for f in findings.iter().filter(|f| {
            f.bytes.is_some_and(|b| b.object == object && b.offset == n.offset && b.len == n.header_len + n.len)
        }) {
            let _ = write!(out, "  <- {} {}", f.severity.as_str(), f.code.code());
        }
        out.push('\n');
    }
    if tree.truncated {
        out.push_str("(tree cut at its node limit; the rest is not shown)\n");
    }
    out
}

fn value_text(value: &Value) -> Option<String> {
    let text = match value {
        Value::Constructed | Value::Raw | Value::Eoc => return None,
        Value::Encapsulated => "(encapsulates)".to_string(),
        Value::Bool { value } => if *value { "TRUE" } else { "FALSE" }.to_string(),
        Value::Integer { hex, decimal, .. } => match decimal {
            Some(d) => format!("{d} (0x{hex})"),
            None => format!("0x{hex}"),
        },
        Value::Oid { dotted, name: Some(name) } => format!("{name} ({dotted})"),
        Value::Oid { dotted, name: None } => dotted.to_string(),
        Value::Time { text, time: Some(t) } => format!("{text} ({})", t.to_rfc3339()),
        Value::Time { text, time: None } => text.clone(),
        Value::Str { text } => format!("\"{}\"", escape_controls(text)),
        Value::Bits { unused, len } => format!("{len} bytes, {unused} unused bits"),
        Value::Null => return None,
        Value::Malformed { reason } => format!("MALFORMED: {}", reason.describe()),
    };
    Some(shorten(&text))
}

fn shorten(text: &str) -> String {
    let mut short: String = text.chars().take(MAX_VALUE_CHARS).collect();
    if short.len() < text.len() {
        short.push('…');
    }
    short
}
