//! Whether a DNS name is exactly a public suffix, under the ICANN section
//! of the Public Suffix List (data/psl-icann.txt, made by
//! scripts/psl-icann.py). The list is data, not code: the psl crate's
//! generated matcher was ~950 KB of the wasm; these rules are 25 KB of its
//! gzip, front-coded by build.rs.

use std::ops::Range;
use std::sync::OnceLock;

/// The rules with their labels reversed, sorted and front-coded (build.rs):
/// per line, an octet counting the bytes shared with the line before, then
/// the rest, then `\n`.
static FRONT_CODED: &[u8] = include_bytes!(concat!(env!("OUT_DIR"), "/psl-icann.bin"));

/// The rules, labels reversed (`jp.kawasaki.*`), in sorted order, expanded
/// once on the first lookup: their bytes one after another, and where each
/// is.
struct Rules {
    bytes: Vec<u8>,
    spans: Vec<Range<usize>>,
}

impl Rules {
    fn expand(mut front_coded: &[u8]) -> Rules {
        let mut rules = Rules { bytes: Vec::with_capacity(96 * 1024), spans: Vec::with_capacity(8192) };
        let mut previous = 0..0;
        while let Some((&shared, after)) = front_coded.split_first() {
            let line = after.iter().position(|&b| b == b'\n').unwrap_or(after.len());
            let (tail, next) = after.split_at(line);
            // The previous rule's first `shared` bytes, then this one's own.
            let start = rules.bytes.len();
            rules.bytes.extend_from_within(previous.start..previous.end.min(previous.start + usize::from(shared)));
            rules.bytes.extend_from_slice(tail);
            previous = start..rules.bytes.len();
            rules.spans.push(previous.clone());
            front_coded = next.get(1..).unwrap_or_default();
        }
        rules
    }

    fn rule(&self, span: &Range<usize>) -> &[u8] {
        self.bytes.get(span.clone()).unwrap_or_default()
    }
}

fn rules() -> &'static Rules {
    static RULES: OnceLock<Rules> = OnceLock::new();
    RULES.get_or_init(|| Rules::expand(FRONT_CODED))
}

/// `rule` (as the list writes it) is in the list.
fn has_rule(rule: &str) -> bool {
    let reversed = rule.split('.').rev().collect::<Vec<_>>().join(".");
    let rules = rules();
    rules.spans.binary_search_by(|span| rules.rule(span).cmp(reversed.as_bytes())).is_ok()
}

/// publicsuffix.org/list (formal algorithm): `name` (lower-case, no
/// trailing dot) is a public suffix when a rule matches all of its labels,
/// either the plain rule `name` or the wildcard `*.parent` (parent: `name`
/// without its first label), and no exception rule matches it. Names
/// under no rule are not flagged: the default `*` rule has no ICANN
/// standing, and a TLD unknown to this list is no reason for a finding.
pub(crate) fn is_public_suffix(name: &str) -> bool {
    if name.is_empty() {
        return false;
    }
    let wildcard = name.split_once('.').is_some_and(|(_, parent)| has_rule(&format!("*.{parent}")));
    (has_rule(name) || wildcard) && !has_exception(name)
}

/// publicsuffix.org/list: an exception rule `!x` prevails over every other
/// rule for `x` and for every name under it, so a name is no suffix if it
/// or any of its parents is an exception.
fn has_exception(name: &str) -> bool {
    let mut rest = name;
    loop {
        if has_rule(&format!("!{rest}")) {
            return true;
        }
        match rest.split_once('.') {
            Some((_, parent)) => rest = parent,
            None => return false,
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn list_is_sorted_and_unique_for_binary_search() {
        let rules = rules();
        assert!(rules.spans.len() > 7000, "{} rules", rules.spans.len());
        assert!(rules.spans.windows(2).all(|w| rules.rule(&w[0]) < rules.rule(&w[1])));
    }

    /// Every rule of data/psl-icann.txt comes back from the front-coded
    /// form, and nothing else does.
    #[test]
    fn front_coding_keeps_every_rule() {
        let text = include_str!("../../data/psl-icann.txt");
        let listed: Vec<&str> = text.lines().filter(|l| !l.is_empty() && !l.starts_with("//")).collect();
        assert_eq!(rules().spans.len(), listed.len());
        for rule in listed {
            assert!(has_rule(rule), "{rule}");
        }
        assert!(!has_rule("example.com") && !has_rule("kawasaki.jp") && has_rule("*.kawasaki.jp"));
    }

    #[test]
    fn plain_rules_are_suffixes() {
        assert!(is_public_suffix("com"));
        assert!(is_public_suffix("co.uk"));
        assert!(is_public_suffix("jp"));
    }

    #[test]
    fn registrable_names_are_not() {
        assert!(!is_public_suffix("example.com"));
        assert!(!is_public_suffix("example.co.uk"));
        assert!(!is_public_suffix("www.example.com"));
        assert!(!is_public_suffix(""));
    }

    #[test]
    fn wildcard_rule_covers_one_label() {
        // *.ck
        assert!(is_public_suffix("foo.ck"));
        assert!(!is_public_suffix("bar.foo.ck"));
        // *.kawasaki.jp
        assert!(is_public_suffix("foo.kawasaki.jp"));
        // No plain rule `kawasaki.jp`: `jp` is its suffix.
        assert!(!is_public_suffix("kawasaki.jp"));
    }

    #[test]
    fn exception_rule_wins_over_the_wildcard() {
        // !www.ck, !city.kawasaki.jp
        assert!(!is_public_suffix("www.ck"));
        assert!(!is_public_suffix("city.kawasaki.jp"));
        assert!(!is_public_suffix("a.www.ck"));
    }

    #[test]
    fn idn_rules_match_in_ace_form() {
        // ಭಾರತ (India, Kannada) and 公司.cn, as certificates carry them.
        assert!(is_public_suffix("xn--2scrj9c"));
        assert!(is_public_suffix("xn--55qx5d.cn"));
        assert!(!is_public_suffix("example.xn--2scrj9c"));
    }

    #[test]
    fn private_section_is_not_flagged() {
        assert!(!is_public_suffix("s3.amazonaws.com"));
        assert!(!is_public_suffix("github.io"));
        assert!(!is_public_suffix("blogspot.com"));
    }

    #[test]
    fn unknown_tlds_are_not_flagged() {
        assert!(!is_public_suffix("example"));
        assert!(!is_public_suffix("internal"));
    }
}
