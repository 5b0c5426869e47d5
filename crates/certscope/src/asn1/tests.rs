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
        matches!(&tree.node(id).unwrap().value, Value::Oid { dotted, name: Some("Basic Constraints") } if dotted.to_string() == "2.5.29.19")
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

/// Every object the fixtures hold (tests/data/, JSON and files over
/// 600 KB aside), decoded as `analyze` reads inputs: (name, kind, DER).
fn fixture_objects() -> Vec<(String, ObjectKind, Vec<u8>)> {
    let mut files = Vec::new();
    let mut dirs = vec![std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/data")];
    while let Some(dir) = dirs.pop() {
        for entry in std::fs::read_dir(&dir).unwrap() {
            let path = entry.unwrap().path();
            let small = std::fs::metadata(&path).is_ok_and(|m| m.len() <= 600_000);
            if path.is_dir() {
                dirs.push(path);
            } else if small && path.extension().is_none_or(|e| e != "json") {
                files.push(path);
            }
        }
    }
    files.sort();
    let mut objects = Vec::new();
    for path in files {
        let input = crate::Input::bytes(None, std::fs::read(&path).unwrap());
        let mut work = crate::work::Work::new(&Limits::default());
        let decoded = crate::input::decode_inputs(&[input], &mut work, crate::work::Stage::Input, &mut Vec::new());
        let name = path.display().to_string();
        for (kind, pool) in [
            (ObjectKind::Certificate, decoded.certs),
            (ObjectKind::OcspResponse, decoded.ocsp),
            (ObjectKind::Crl, decoded.crls),
            (ObjectKind::Csr, decoded.requests),
        ] {
            objects.extend(pool.into_iter().map(|r| (name.clone(), kind, r.der)));
        }
    }
    objects
}

/// Every locator worth asking of `tree` (a whole tree): the fixed fields,
/// each extension and name attribute present, each SingleResponse and its
/// parts, CRL entries by position and by serial, and some that are absent.
fn locators_of(tree: &Tree, der: &[u8]) -> Vec<Locator> {
    use Locator as L;
    let mut all = vec![
        L::Object,
        L::Version,
        L::Serial,
        L::TbsSignatureAlgorithm,
        L::Issuer,
        L::Validity,
        L::NotBefore,
        L::NotAfter,
        L::Subject,
        L::SubjectPublicKeyInfo,
        L::SignatureAlgorithm,
        L::SignatureValue,
        L::ThisUpdate,
        L::NextUpdate,
        L::ResponseStatus,
        L::ResponseType,
        L::ResponderId,
        L::ProducedAt,
        L::Certs,
        L::RevokedSerial(vec![0x7f; 16]),
    ];
    for n in &tree.nodes {
        match (n.label, &n.value) {
            (Some("extnID"), Value::Oid { dotted, .. }) => {
                all.push(L::Extension(dotted.0));
            }
            (None, Value::Oid { dotted, .. }) if tree.node(n.parent.unwrap()).unwrap().label == Some("attribute") => {
                all.push(L::SubjectAttribute(dotted.0));
            }
            _ => {}
        }
    }
    let count = |label: &str| tree.nodes.iter().find(|n| n.label == Some(label)).map_or(0, |n| n.child_count);
    for i in 0..=count("responses") {
        all.extend([L::SingleResponse(i), L::CertStatus(i), L::SingleThisUpdate(i), L::SingleNextUpdate(i)]);
    }
    let entries = count("revokedCertificates");
    for i in [0, 1, entries / 2, entries.saturating_sub(1), entries] {
        all.push(L::RevokedEntry(i));
    }
    let serials = tree.nodes.iter().filter(|n| n.label == Some("userCertificate")).map(|n| der[n.content()].to_vec());
    all.extend(serials.step_by(97).map(L::RevokedSerial));
    all
}

/// Every CRL entry's serial with its first entry's bytes, read off a whole tree.
fn first_entries(tree: &Tree, der: &[u8]) -> std::collections::BTreeMap<Vec<u8>, std::ops::Range<usize>> {
    let mut first = std::collections::BTreeMap::new();
    let Some(list) = tree.nodes.iter().position(|n| n.label == Some("revokedCertificates")) else { return first };
    for entry in tree.children(list) {
        let Some(user) = tree.children(entry).next().and_then(|u| tree.node(u)) else { continue };
        if matches!(user.value, Value::Integer { .. }) {
            first.entry(der[user.content()].to_vec()).or_insert_with(|| tree.node(entry).unwrap().range());
        }
    }
    first
}

/// `parse_fields` is `parse_object` for locating: for every fixture
/// object, every node it has is in the whole tree with the same place,
/// tag and label, and every locator finds the same bytes in both
/// (a CRL's entries by stepping over its list).
#[test]
fn a_fields_tree_locates_what_the_whole_tree_does() {
    let limits = Limits::default();
    let objects = fixture_objects();
    assert!(objects.len() > 1_000, "{} objects", objects.len());
    let (mut crls, mut skipped) = (0, 0);
    for (name, kind, der) in &objects {
        let whole = parse_object(der, *kind, &limits);
        let fields = parse_fields(der, *kind, &limits);
        let place = |n: &Node| (n.offset, n.header_len, n.len, n.depth, n.tag, n.label);
        let in_whole: std::collections::HashSet<_> = whole.nodes.iter().map(place).collect();
        for n in &fields.nodes {
            assert!(in_whole.contains(&place(n)), "{name}: {n:?} is not in the whole tree");
        }
        for l in locators_of(&whole, der) {
            let want = locate::find(&whole, *kind, &l).map(|i| whole.node(i).unwrap().range());
            assert_eq!(locate::span(&fields, der, *kind, &l, &limits), Ok(want), "{name}: {l:?}");
        }
        if *kind == ObjectKind::Crl {
            crls += 1;
            skipped += usize::from(fields.nodes.len() < whole.nodes.len());
            let first = first_entries(&whole, der);
            let serials: Vec<&[u8]> = first.keys().map(Vec::as_slice).collect();
            let want: Vec<_> = first.values().cloned().map(Some).collect();
            assert_eq!(locate::revoked_spans(&fields, der, &serials, &limits), Ok(want), "{name}");
        }
    }
    // Most CRLs list entries, and those lists were stepped over.
    assert!(crls > 50 && skipped > crls / 2, "{crls} CRLs, {skipped} with fewer nodes");
}

/// The 14,102-entry CRL is a dozen nodes to locate in, and its last
/// entry is found by serial in one walk over the list.
#[test]
fn a_14k_entry_crl_is_located_without_its_entries() {
    let der = fixture("real/amazon", "r2m02.crl");
    let limits = Limits::default();
    let fields = parse_fields(&der, ObjectKind::Crl, &limits);
    assert!(fields.nodes.len() < 60, "{} nodes", fields.nodes.len());
    let whole = parse_object(&der, ObjectKind::Crl, &limits);
    let list = whole.nodes.iter().position(|n| n.label == Some("revokedCertificates")).unwrap();
    let last = whole.children(list).last().unwrap();
    let serial = whole.node(whole.children(last).next().unwrap()).unwrap().content();
    let found = locate::span(&fields, &der, ObjectKind::Crl, &Locator::RevokedSerial(der[serial].to_vec()), &limits);
    assert_eq!(found, Ok(Some(whole.node(last).unwrap().range())));
    // A walk cut short by the node allowance finds nothing past it.
    let few = Limits { max_asn1_nodes: 100, ..Limits::default() };
    let entry = locate::span(&fields, &der, ObjectKind::Crl, &Locator::RevokedEntry(14_000), &few);
    assert_eq!(entry, Ok(None));
}

/// A CRL whose entries are serials 7, 5 (BER: an indefinite length) and 9.
pub(crate) fn crl_with_a_ber_entry() -> Vec<u8> {
    let tlv = |tag: u8, content: &[u8]| [&[tag, u8::try_from(content.len()).unwrap()][..], content].concat();
    let time = tlv(0x17, b"250101000000Z");
    let entry = |serial: u8| tlv(0x30, &[tlv(0x02, &[serial]), time.clone()].concat());
    let ber_entry = [&[0x30, 0x80][..], &tlv(0x02, &[5]), &time, &[0, 0]].concat();
    let list = tlv(0x30, &[entry(7), ber_entry, entry(9)].concat());
    let algorithm = tlv(0x30, &tlv(0x06, &[0x2a, 0x03]));
    let tbs = [tlv(0x02, &[1]), algorithm.clone(), tlv(0x30, &[]), time.clone(), list].concat();
    tlv(0x30, &[tlv(0x30, &tbs), algorithm, tlv(0x03, &[0])].concat())
}

/// A BER entry cannot be stepped over: a lookup that must pass it says
/// so (only a whole parse places what follows), one before it answers.
#[test]
fn an_entry_list_that_cannot_be_stepped_over_says_so() {
    use Locator as L;
    let der = crl_with_a_ber_entry();
    let limits = Limits::default();
    let whole = parse_object(&der, ObjectKind::Crl, &limits);
    let fields = parse_fields(&der, ObjectKind::Crl, &limits);
    assert_eq!(fields.unread.len(), 1);
    let span = |l: &Locator| locate::span(&fields, &der, ObjectKind::Crl, l, &limits);
    let want = |l: &Locator| Ok(locate::find(&whole, ObjectKind::Crl, l).map(|i| whole.node(i).unwrap().range()));
    for l in [L::RevokedSerial(vec![7]), L::RevokedEntry(0)] {
        assert!(matches!(want(&l), Ok(Some(_))));
        assert_eq!(span(&l), want(&l), "{l:?}");
    }
    for l in [L::RevokedSerial(vec![9]), L::RevokedSerial(vec![5]), L::RevokedEntry(2)] {
        assert!(matches!(want(&l), Ok(Some(_))));
        assert_eq!(span(&l), Err(Unwalkable), "{l:?}");
    }
    let serials: [&[u8]; 2] = [&[7], &[9]];
    assert_eq!(locate::revoked_spans(&fields, &der, &serials, &limits), Err(Unwalkable));
}

/// Mutated and cut CRLs: a fields tree never panics, tiles its bytes,
/// and every lookup in it that answers gives the whole tree's answer.
#[test]
fn mutated_crls_are_located_as_the_whole_tree_locates_them() {
    use Locator as L;
    let der = fixture("pkits/crls", "GoodCACRL.crl");
    let limits = Limits::default();
    let check = |bytes: &[u8]| {
        let fields = parse_fields(bytes, ObjectKind::Crl, &limits);
        assert_tiles(&fields, bytes.len());
        let whole = parse_object(bytes, ObjectKind::Crl, &limits);
        let serials: Vec<Vec<u8>> = first_entries(&whole, bytes).into_keys().collect();
        let mut locators: Vec<Locator> = (0..4).map(L::RevokedEntry).collect();
        locators.extend(serials.into_iter().map(L::RevokedSerial));
        locators.extend([L::ThisUpdate, L::NextUpdate, L::Extension(const_oid::db::rfc5280::ID_CE_CRL_NUMBER)]);
        for l in &locators {
            if let Ok(got) = locate::span(&fields, bytes, ObjectKind::Crl, l, &limits) {
                let want = locate::find(&whole, ObjectKind::Crl, l).map(|i| whole.node(i).unwrap().range());
                assert_eq!(got, want, "{l:?} in {bytes:02x?}");
            }
        }
    };
    check(&der);
    for i in 0..der.len() {
        for delta in [1u8, 0x80, 0xff] {
            let mut bad = der.clone();
            bad[i] = bad[i].wrapping_add(delta);
            check(&bad);
        }
        check(&der[..i]);
    }
}

#[test]
fn pem_is_what_the_pem_encoder_writes() {
    let data: Vec<u8> = (0..=255u8).cycle().take(700).collect();
    for label in ["CERTIFICATE", "X509 CRL", "OCSP RESPONSE", "ENCRYPTED PRIVATE KEY"] {
        for len in (0..=200).chain([699, 700]) {
            let want = der::pem::encode_string(label, der::pem::LineEnding::LF, &data[..len]).unwrap();
            assert_eq!(super::to_pem(label, &data[..len]), want, "{label} {len}");
        }
    }
    // Labels RFC 7468 does not allow give no text, as before.
    for label in ["", "A\nB", "-X", "A  B", "É", "A B-C"] {
        assert_eq!(
            super::to_pem(label, b"x"),
            der::pem::encode_string(label, der::pem::LineEnding::LF, b"x").unwrap_or_default()
        );
    }
}
