use super::*;
use crate::test_data::{by_name, cert_ders, fixture};

fn cert(name: &str) -> Vec<u8> {
    cert_ders(by_name(name)).remove(0)
}

/// Every node's bytes lie within its parent's content, and children tile
/// the content exactly, in order.
fn assert_tiles(tree: &Tree, der_len: usize) {
    let mut next = 0;
    for r in tree.roots() {
        let n = tree.node(r).unwrap();
        assert_eq!(n.offset, next);
        next = n.end();
    }
    if !tree.truncated {
        assert_eq!(next, der_len);
    }
    for (i, n) in tree.nodes.iter().enumerate() {
        if n.first_child.is_none() {
            continue;
        }
        let mut at = n.content().start;
        // An encapsulating BIT STRING's child starts after the unused-bits octet.
        if n.tag.is_universal(3) && n.value == Value::Encapsulated {
            at += 1;
        }
        for c in tree.children(i) {
            let child = tree.node(c).unwrap();
            assert_eq!(child.offset, at, "node {c} in {i}");
            assert_eq!(child.parent, Some(i));
            assert_eq!(child.depth, n.depth + 1);
            at = child.end();
        }
        assert_eq!(tree.children(i).count(), n.child_count);
        if !tree.truncated {
            assert_eq!(at, n.end(), "children of {i} end short");
        }
    }
}

#[test]
fn a_certificate_is_labelled_by_its_structure() {
    let der = cert("letsencryptx3.pem");
    let tree = parse_object(&der, ObjectKind::Certificate, &Limits::default());
    assert!(!tree.truncated);
    assert_tiles(&tree, der.len());
    let serial = locate::find(&tree, ObjectKind::Certificate, &Locator::Serial).unwrap();
    let x509 = x509_cert::Certificate::from_der(&der).unwrap();
    let n = tree.node(serial).unwrap();
    assert_eq!(n.label, Some("serialNumber"));
    assert_eq!(&der[n.range()], der::Encode::to_der(&x509.tbs_certificate.serial_number).unwrap());
    let Value::Integer { hex, .. } = &n.value else { panic!("{:?}", n.value) };
    assert_eq!(hex.to_lowercase(), hex_of(x509.tbs_certificate.serial_number.as_bytes()));
    // extnValue is encapsulated, and its extension is found by extnID.
    let bc = locate::find(
        &tree,
        ObjectKind::Certificate,
        &Locator::Extension(const_oid::db::rfc5280::ID_CE_BASIC_CONSTRAINTS),
    )
    .unwrap();
    let value = tree.children(bc).last().unwrap();
    assert_eq!(tree.node(value).unwrap().label, Some("extnValue"));
    assert_eq!(tree.node(value).unwrap().value, Value::Encapsulated);
    let id = tree.children(bc).next().unwrap();
    assert!(
        matches!(&tree.node(id).unwrap().value, Value::Oid { dotted, name: Some("Basic Constraints") } if dotted == "2.5.29.19")
    );
    // The RSA key's BIT STRING holds RSAPublicKey.
    let key = locate::find(&tree, ObjectKind::Certificate, &Locator::SubjectPublicKeyInfo).unwrap();
    let bits = tree.child(key, 1).unwrap();
    assert_eq!(tree.node(bits).unwrap().value, Value::Encapsulated);
    assert_eq!(tree.node(tree.children(bits).next().unwrap()).unwrap().child_count, 2);
}

fn hex_of(bytes: &[u8]) -> String {
    bytes.iter().map(|b| format!("{b:02x}")).collect()
}

use der::Decode;

#[test]
fn innermost_node_under_a_byte() {
    let der = cert("letsencryptx3.pem");
    let tree = parse_object(&der, ObjectKind::Certificate, &Limits::default());
    let serial = locate::find(&tree, ObjectKind::Certificate, &Locator::Serial).unwrap();
    let n = tree.node(serial).unwrap();
    assert_eq!(tree.innermost_at(n.offset + n.header_len), Some(serial));
    assert_eq!(tree.innermost_at(0), Some(0));
    assert_eq!(tree.innermost_at(der.len()), None);
}

#[test]
fn an_ocsp_response_is_labelled_through_its_response_bytes() {
    let der = fixture("ocsp", "D1.der");
    let tree = parse_object(&der, ObjectKind::OcspResponse, &Limits::default());
    assert_tiles(&tree, der.len());
    for l in [
        Locator::ResponseStatus,
        Locator::ResponderId,
        Locator::ProducedAt,
        Locator::CertStatus(0),
        Locator::SignatureValue,
    ] {
        assert!(locate::find(&tree, ObjectKind::OcspResponse, &l).is_some(), "{l:?}");
    }
    let produced = locate::find(&tree, ObjectKind::OcspResponse, &Locator::ProducedAt).unwrap();
    assert!(matches!(tree.node(produced).unwrap().value, Value::Time { time: Some(_), .. }));
}

#[test]
fn ber_indefinite_lengths_end_at_their_eoc() {
    // SEQUENCE (indefinite) { INTEGER 5, EOC } then NULL.
    let der = [0x30, 0x80, 0x02, 0x01, 0x05, 0x00, 0x00, 0x05, 0x00];
    let tree = parse(&der, &Limits::default());
    assert_tiles(&tree, der.len());
    let seq = tree.node(0).unwrap();
    assert_eq!((seq.header_len, seq.len, seq.child_count), (2, 5, 2));
    assert_eq!(tree.node(2).unwrap().value, Value::Eoc);
    assert_eq!(tree.node(3).unwrap().value, Value::Null);
    // Without its EOC: malformed, covering the rest.
    let tree = parse(&der[..5], &Limits::default());
    assert_eq!(tree.node(0).unwrap().value, Value::Malformed { reason: Malformation::MissingEndOfContents });
    assert_eq!(tree.node(0).unwrap().end(), 5);
}

#[test]
fn malformed_regions_cover_their_bytes_and_parsing_resumes() {
    // SEQUENCE { INTEGER with a length past the SEQUENCE } then BOOLEAN TRUE.
    let der = [0x30, 0x03, 0x02, 0x05, 0x01, 0x01, 0x01, 0xff];
    let tree = parse(&der, &Limits::default());
    assert_tiles(&tree, der.len());
    let bad = tree.node(1).unwrap();
    assert_eq!(bad.value, Value::Malformed { reason: Malformation::LengthOverrun });
    assert_eq!(bad.range(), 2..5);
    assert_eq!(tree.node(2).unwrap().value, Value::Bool { value: true });
    // Nothing but a tag.
    let tree = parse(&[0x30], &Limits::default());
    assert_eq!(tree.nodes.len(), 1);
    assert_eq!(tree.node(0).unwrap().value, Value::Malformed { reason: Malformation::HeaderTruncated });
}

#[test]
fn depth_and_node_limits_hold() {
    let mut deep = Vec::new();
    for _ in 0..200 {
        deep.extend([0x30, 0x80]);
    }
    let tree = parse(&deep, &Limits::default());
    assert!(tree.nodes.iter().all(|n| usize::from(n.depth) <= Limits::default().max_asn1_depth));
    assert!(tree.nodes.iter().any(|n| n.value == Value::Malformed { reason: Malformation::TooDeep }));
    let many = [0x05, 0x00].repeat(1000);
    let tree = parse(&many, &Limits { max_asn1_nodes: 10, ..Limits::default() });
    assert!(tree.truncated);
    assert_eq!(tree.nodes.len(), 10);
    assert_eq!(tree.roots().count(), 10);
}

#[test]
fn octet_strings_that_are_not_one_tlv_stay_raw() {
    // OCTET STRING { 02 01 05 02 } (a TLV and a stray byte).
    let tree = parse(&[0x04, 0x04, 0x02, 0x01, 0x05, 0x02], &Limits::default());
    assert_eq!(tree.nodes.len(), 1);
    assert_eq!(tree.node(0).unwrap().value, Value::Raw);
    let tree = parse(&[0x04, 0x03, 0x02, 0x01, 0x05], &Limits::default());
    assert_eq!(tree.node(0).unwrap().value, Value::Encapsulated);
}

#[test]
fn mutated_certificates_never_panic_and_always_tile() {
    let der = cert("letsencryptx3.pem");
    for i in 0..der.len() {
        for delta in [1u8, 0x80, 0xff] {
            let mut bad = der.clone();
            bad[i] = bad[i].wrapping_add(delta);
            let tree = parse_object(&bad, ObjectKind::Certificate, &Limits::default());
            assert_tiles(&tree, bad.len());
        }
        let tree = parse_object(&der[..i], ObjectKind::Certificate, &Limits::default());
        assert_tiles(&tree, i);
    }
}

#[test]
fn a_node_stays_small() {
    // Limits::max_asn1_nodes' memory bound assumes ~200 bytes a node.
    assert!(std::mem::size_of::<Node>() <= 200, "{}", std::mem::size_of::<Node>());
}
