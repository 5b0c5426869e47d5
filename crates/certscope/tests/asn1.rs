//! The ASN.1 tree on real and hostile data (issue 16): a 14,000-entry
//! CRL within budget and listable lazily, BER and broken bytes as
//! malformed nodes, never a panic.

mod common;

use certscope::asn1::{parse, parse_object, ObjectKind, Value};
use certscope::Limits;
use std::time::{Duration, Instant};

#[test]
fn a_14k_entry_crl_parses_within_budget_and_lists_lazily() {
    // Amazon's r2m02.crl: 14,102 entries (SOURCES.md).
    let der = common::read("real/amazon/r2m02.crl");
    let started = Instant::now();
    let tree = parse_object(&der, ObjectKind::Crl, &Limits::default());
    let took = started.elapsed();
    assert!(!tree.truncated);
    assert!(tree.nodes.len() < Limits::default().max_asn1_nodes / 2, "{} nodes", tree.nodes.len());
    let list = tree.nodes.iter().position(|n| n.label == Some("revokedCertificates")).unwrap();
    assert_eq!(tree.nodes[list].child_count, 14_102);
    // The first 100 entries are 100 sibling steps, not a walk of the list.
    let first: Vec<usize> = tree.children(list).take(100).collect();
    assert_eq!(first.len(), 100);
    assert!(first.iter().all(|&i| tree.nodes[i].label == Some("revokedCertificate")));
    // The tree is built once per view; a debug build on a loaded machine
    // still does it well within a second (about 40 ms optimised).
    assert!(took < Duration::from_secs(2), "{took:?}");
    // Serialized for the app, it stays proportionate to the object.
    let json = serde_json::to_string(&tree).unwrap();
    assert!(json.len() < der.len() * 60, "{} bytes of JSON", json.len());
}

#[test]
fn a_node_limit_truncates_instead_of_growing() {
    let der = common::read("real/amazon/r2m02.crl");
    let limits = Limits { max_asn1_nodes: 1_000, ..Limits::default() };
    let tree = parse_object(&der, ObjectKind::Crl, &limits);
    assert!(tree.truncated);
    assert_eq!(tree.nodes.len(), 1_000);
}

#[test]
fn hostile_ber_becomes_malformed_nodes() {
    // A million-level indefinite nest, a length of 2^64-1, and a tag past 32 bits.
    let deep = [0x30, 0x80].repeat(500_000);
    let tree = parse(&deep, &Limits::default());
    assert!(tree.nodes.len() <= Limits::default().max_asn1_depth + 1);
    assert!(tree.nodes.iter().any(|n| matches!(n.value, Value::Malformed { .. })));
    let huge = [0x04, 0x88, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0x00];
    let tree = parse(&huge, &Limits::default());
    assert_eq!(tree.nodes.len(), 1);
    assert!(matches!(tree.nodes[0].value, Value::Malformed { .. }));
    assert_eq!(tree.nodes[0].range(), 0..huge.len());
    let tag = [0x1f, 0xff, 0xff, 0xff, 0xff, 0xff, 0x7f, 0x00];
    let tree = parse(&tag, &Limits::default());
    assert!(matches!(tree.nodes[0].value, Value::Malformed { .. }));
}

#[test]
fn every_fixture_tiles_into_nodes() {
    // Each top-level node starts where the previous ended; the bytes are
    // all accounted for, whatever the file is.
    let mut dirs = vec![common::data_dir()];
    let mut files = 0;
    while let Some(dir) = dirs.pop() {
        for entry in std::fs::read_dir(&dir).unwrap() {
            let path = entry.unwrap().path();
            if path.is_dir() {
                dirs.push(path);
                continue;
            }
            let bytes = std::fs::read(&path).unwrap();
            let tree = certscope::asn1::parse(&bytes, &Limits::default());
            let mut at = 0;
            for r in tree.roots() {
                assert_eq!(tree.nodes[r].offset, at, "{}", path.display());
                at = tree.nodes[r].end();
            }
            assert!(tree.truncated || at == bytes.len(), "{}", path.display());
            files += 1;
        }
    }
    assert!(files > 100);
}

/// `openssl asn1parse -i` lines: (offset, depth, header length, length).
fn openssl_nodes(text: &str) -> Vec<(usize, usize, usize, usize)> {
    text.lines()
        .filter_map(|l| {
            // "    4:d=1  hl=2 l=   1 prim:  ENUMERATED        :00"
            let (offset, rest) = l.split_once(":d=")?;
            let num = |key: &str| -> Option<usize> {
                let at = rest.find(key)? + key.len();
                rest[at..].trim_start().split(|c: char| !c.is_ascii_digit()).next()?.parse().ok()
            };
            Some((offset.trim().parse().ok()?, rest.split(' ').next()?.parse().ok()?, num("hl=")?, num(" l=")?))
        })
        .collect()
}

#[test]
fn the_tree_agrees_with_openssl_asn1parse() {
    // (output, object, where -strparse started and how deep that node is).
    let cases = [
        ("asn1parse/letsencryptx3.pem.txt", "x509/letsencryptx3.pem", 0, 0),
        ("asn1parse/e2m01.crl.txt", "real/amazon/e2m01.crl", 0, 0),
        ("asn1parse/D1.der.txt", "ocsp/D1.der", 0, 0),
        ("asn1parse/D1.der.basic.txt", "ocsp/D1.der", 30, 4),
    ];
    for (listing, object, base, base_depth) in cases {
        let mut der = common::read(object);
        if object.ends_with(".pem") {
            let text = String::from_utf8(der).unwrap();
            let body: String = text.lines().filter(|l| !l.starts_with("-----")).collect();
            der = base64::Engine::decode(&base64::engine::general_purpose::STANDARD, body).unwrap();
        }
        let tree = parse(&der, &Limits::default());
        let ours: std::collections::HashSet<(usize, usize, usize, usize)> =
            tree.nodes.iter().map(|n| (n.offset, usize::from(n.depth), n.header_len, n.len)).collect();
        let theirs = openssl_nodes(&String::from_utf8(common::read(listing)).unwrap());
        assert!(theirs.len() > 5, "{listing}");
        for (offset, depth, hl, len) in theirs {
            let node = (offset + base, depth + base_depth, hl, len);
            assert!(ours.contains(&node), "{listing}: openssl's {node:?} is not in the tree");
        }
    }
}
