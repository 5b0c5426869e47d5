#!/usr/bin/env python3
"""Writes crates/certscope/data/psl-icann.txt: the ICANN section of the
Public Suffix List, the only part CA/B Forum BR §3.2.2.6 needs.

SOURCES: publicsuffix/list, as packaged by Debian publicsuffix 20230209.2326-1
(its file /usr/share/publicsuffix/public_suffix_list.dat is the input).

Kept: the rules between `===BEGIN ICANN DOMAINS===` and `===END ICANN
DOMAINS===`, lower-case, one per line, sorted by code point (UTF-8 byte
order: a stable order to review; crates/certscope/build.rs front-codes
them with their labels reversed for the wasm). A Unicode rule is also
written in its ACE (`xn--`) form, the form certificates carry. Dropped:
comments, blank lines and the private section (an owner's own namespace).

    python3 scripts/psl-icann.py [public_suffix_list.dat] > crates/certscope/data/psl-icann.txt
"""
import sys

DEFAULT_INPUT = "/usr/share/publicsuffix/public_suffix_list.dat"
DEBIAN_VERSION = "20230209.2326-1"


def icann_rules(text):
    lines = [line.strip() for line in text.split("\n")]
    start = lines.index("// ===BEGIN ICANN DOMAINS===")
    end = lines.index("// ===END ICANN DOMAINS===")
    for line in lines[start + 1 : end]:
        if not line or line.startswith("//"):
            continue
        # publicsuffix.org/list: a rule is the line up to its first whitespace.
        yield line.split()[0].lower()


def ace(rule):
    """The rule with each Unicode label in its ACE form; `!` and `*` kept."""
    bang = "!" if rule.startswith("!") else ""
    labels = rule[len(bang) :].split(".")
    out = [label if label == "*" or label.isascii() else label.encode("idna").decode("ascii") for label in labels]
    return bang + ".".join(out)


def main():
    path = sys.argv[1] if len(sys.argv) > 1 else DEFAULT_INPUT
    with open(path, encoding="utf-8") as f:
        rules = set()
        for rule in icann_rules(f.read()):
            rules.add(rule)
            rules.add(ace(rule))
    out = sys.stdout
    out.write("// The ICANN section of the Public Suffix List (https://publicsuffix.org/list/).\n")
    out.write(f"// SOURCES: publicsuffix/list, as packaged by Debian publicsuffix {DEBIAN_VERSION}.\n")
    out.write("// This Source Code Form is subject to the terms of the Mozilla Public License, v. 2.0.\n")
    out.write("// Regenerate: python3 scripts/psl-icann.py > crates/certscope/data/psl-icann.txt\n")
    for rule in sorted(rules):
        out.write(rule + "\n")


if __name__ == "__main__":
    main()
