//! Certificate text is hostile until shown otherwise: control characters
//! and bidirectional overrides are escaped so that a name cannot rewrite
//! the terminal or reorder a line, and Markdown structure is escaped so
//! that a name cannot become a link, a table cell or a closed fence.

use std::fmt::Write;

/// The longest run of `ch` in `text`.
pub(super) fn longest_run(text: &str, ch: char) -> usize {
    let (mut longest, mut run) = (0, 0);
    for c in text.chars() {
        run = if c == ch { run + 1 } else { 0 };
        longest = longest.max(run);
    }
    longest
}

/// CommonMark 0.31 §4.5: a fenced block ends at a line of at least as many
/// of the fence's characters, so the fence is backticks, one more than any
/// run of backticks or tildes in the text (tildes too, for renderers that
/// close on either), and at least three.
pub(super) fn code_fence(text: &str) -> String {
    let longest = longest_run(text, '`').max(longest_run(text, '~'));
    "`".repeat(longest.max(2) + 1)
}

/// CommonMark 0.31 §6.1: a code span ends at a backtick run of the same
/// length as its opener, so the opener is one longer than any run inside;
/// one space of padding on each side (which the parser strips) keeps a
/// backtick at either end, or spaces at both ends, from being eaten.
pub(super) fn code_span(text: &str) -> String {
    let fence = "`".repeat(longest_run(text, '`') + 1);
    let pad = text.starts_with('`') || text.ends_with('`') || (text.starts_with(' ') && text.ends_with(' '));
    let pad = if pad { " " } else { "" };
    format!("{fence}{pad}{text}{pad}{fence}")
}

/// Replaces C0/C1 controls, DEL and Unicode bidi/format overrides with a
/// visible `\u{…}` escape, and newlines with a space.
pub(crate) fn escape_controls(s: &str) -> String {
    let mut out = String::with_capacity(s.len());
    for ch in s.chars() {
        match ch {
            '\n' | '\r' | '\t' => out.push(' '),
            c if is_dangerous(c) => {
                let _ = write!(out, "\\u{{{:x}}}", c as u32);
            }
            c => out.push(c),
        }
    }
    out
}

pub(super) fn escape_controls_keep_newlines(s: &str) -> String {
    s.split('\n').map(escape_controls).collect::<Vec<_>>().join("\n")
}

pub(super) fn is_dangerous(c: char) -> bool {
    c.is_control()
        || matches!(c, '\u{200e}' | '\u{200f}' | '\u{202a}'..='\u{202e}' | '\u{2066}'..='\u{2069}' | '\u{feff}')
}

/// Backslash-escapes the characters that make Markdown structure.
pub(super) fn escape_markdown(s: &str) -> String {
    let mut out = String::with_capacity(s.len());
    for ch in s.chars() {
        if matches!(ch, '\\' | '`' | '*' | '_' | '[' | ']' | '<' | '>' | '|' | '~' | '&') {
            out.push('\\');
        }
        out.push(ch);
    }
    out
}
