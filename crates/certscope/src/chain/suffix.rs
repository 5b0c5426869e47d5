//! Whether a DNS name is exactly a public suffix, under the ICANN section
//! of the Public Suffix List (data/psl-icann.txt, made by
//! scripts/psl-icann.py). The list is data, not code: the psl crate's
//! generated matcher was ~950 KB of the wasm; these lines are ~90 KB.

use std::sync::OnceLock;

/// The list's rules, one per line, sorted by byte order; `//` lines are its
/// header (source and licence).
static LIST: &str = include_str!("../../data/psl-icann.txt");

/// The rules, in the file's (sorted) order: built once, without hashing,
/// by splitting the lines; lookups binary-search it.
fn rules() -> &'static [&'static str] {
    static RULES: OnceLock<Vec<&'static str>> = OnceLock::new();
    RULES.get_or_init(|| LIST.lines().filter(|l| !l.is_empty() && !l.starts_with("//")).collect())
}

fn has_rule(rule: &str) -> bool {
    rules().binary_search(&rule).is_ok()
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
        assert!(rules.len() > 7000, "{} rules", rules.len());
        assert!(rules.windows(2).all(|w| w[0] < w[1]));
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
