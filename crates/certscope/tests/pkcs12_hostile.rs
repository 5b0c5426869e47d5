//! Hostile PKCS#12 files: a MAC or a PBKDF2 demanding 10⁹ iterations, an
//! encrypted key demanding as many, SafeContents nested past any real
//! export, a file of 100,000 bags, and a key bag marked (localKeyId) as
//! the key of a certificate it does not belong to. Each is answered with a finding
//! from the work budget (`max_kdf_iterations`, `pfx.rs`'s bag limits)
//! without running the work it demands. The files are built here, byte
//! by byte, from `tests/data/pfx/` (made by `openssl pkcs12 -export`,
//! `tests/data/pfx/make.sh`).

use certscope::report::Report;
use certscope::{analyze, Input, Options, Password, Timestamp};
use der::asn1::ObjectIdentifier;
use der::{Decode, Encode};

const BILLION: u32 = 1_000_000_000;

const ID_DATA: &str = "1.2.840.113549.1.7.1";
const ID_ENCRYPTED_DATA: &str = "1.2.840.113549.1.7.6";
const PBES2: &str = "1.2.840.113549.1.5.13";
const PBKDF2: &str = "1.2.840.113549.1.5.12";
const AES_256_CBC: &str = "2.16.840.1.101.3.4.1.42";
const PBE_SHA1_3DES: &str = "1.2.840.113549.1.12.1.3";
const CERT_BAG: &str = "1.2.840.113549.1.12.10.1.3";
const SECRET_BAG: &str = "1.2.840.113549.1.12.10.1.5";
const SAFE_CONTENTS_BAG: &str = "1.2.840.113549.1.12.10.1.6";
const X509_CERTIFICATE: &str = "1.2.840.113549.1.9.22.1";
const KEY_BAG: &str = "1.2.840.113549.1.12.10.1.1";
const LOCAL_KEY_ID: &str = "1.2.840.113549.1.9.21";

fn data(name: &str) -> Vec<u8> {
    let path = format!("{}/tests/data/pfx/{name}", env!("CARGO_MANIFEST_DIR"));
    std::fs::read(&path).unwrap_or_else(|e| panic!("{path}: {e}"))
}

fn opts() -> Options {
    Options::at(Timestamp::parse_rfc3339("2027-01-01T00:00:00Z").unwrap())
}

fn run(bytes: Vec<u8>, password: Option<&str>) -> Report {
    analyze(&[Input::bytes(Some("hostile.pfx".into()), bytes).with_password(password.map(Password::new))], &opts())
}

fn codes(r: &Report) -> Vec<&'static str> {
    r.findings.iter().map(|f| f.code.code()).filter(|c| c.starts_with("pfx-") || c.starts_with("key-")).collect()
}

// ---- DER, by hand (X.690 §8.1: tag, definite length, content) -------------

fn tlv(tag: u8, content: &[u8]) -> Vec<u8> {
    let mut out = vec![tag];
    let len = content.len();
    if len < 0x80 {
        out.push(len as u8);
    } else {
        let bytes: Vec<u8> = len.to_be_bytes().into_iter().skip_while(|b| *b == 0).collect();
        out.push(0x80 | bytes.len() as u8);
        out.extend(bytes);
    }
    out.extend_from_slice(content);
    out
}

fn seq(parts: &[&[u8]]) -> Vec<u8> {
    tlv(0x30, &parts.concat())
}

fn oid(dotted: &str) -> Vec<u8> {
    ObjectIdentifier::new_unwrap(dotted).to_der().unwrap()
}

fn int(n: u32) -> Vec<u8> {
    der::asn1::Uint::new(&n.to_be_bytes()).unwrap().to_der().unwrap()
}

fn octets(b: &[u8]) -> Vec<u8> {
    tlv(0x04, b)
}

/// `[0] EXPLICIT`
fn explicit0(inner: &[u8]) -> Vec<u8> {
    tlv(0xa0, inner)
}

/// SafeBag (RFC 7292 §4.2) without attributes.
fn bag(id: &str, value: &[u8]) -> Vec<u8> {
    seq(&[&oid(id), &explicit0(value)])
}

fn cert_bag(cert_der: &[u8]) -> Vec<u8> {
    bag(CERT_BAG, &seq(&[&oid(X509_CERTIFICATE), &explicit0(&octets(cert_der))]))
}

/// A PFX without a MAC whose AuthenticatedSafe holds `infos` (ContentInfos).
fn pfx(infos: &[Vec<u8>]) -> Vec<u8> {
    let refs: Vec<&[u8]> = infos.iter().map(Vec::as_slice).collect();
    let auth_safe = seq(&refs);
    seq(&[&int(3), &seq(&[&oid(ID_DATA), &explicit0(&octets(&auth_safe))])])
}

/// A ContentInfo of type data holding `bags` (a SafeContents).
fn data_info(bags: &[Vec<u8>]) -> Vec<u8> {
    let refs: Vec<&[u8]> = bags.iter().map(Vec::as_slice).collect();
    seq(&[&oid(ID_DATA), &explicit0(&octets(&seq(&refs)))])
}

/// A ContentInfo of type encryptedData whose content is encrypted with `alg`.
fn encrypted_info(alg: &[u8]) -> Vec<u8> {
    let content = tlv(0x80, &[0u8; 32]); // [0] IMPLICIT encryptedContent
    let eci = seq(&[&oid(ID_DATA), alg, &content]);
    seq(&[&oid(ID_ENCRYPTED_DATA), &explicit0(&seq(&[&int(0), &eci]))])
}

/// PBES2 with PBKDF2 (HMAC-SHA-1, the default PRF) over `rounds` and AES-256-CBC.
fn pbes2(rounds: u32) -> Vec<u8> {
    let kdf = seq(&[&oid(PBKDF2), &seq(&[&octets(&[7u8; 8]), &int(rounds)])]);
    let cipher = seq(&[&oid(AES_256_CBC), &octets(&[9u8; 16])]);
    seq(&[&oid(PBES2), &seq(&[&kdf, &cipher])])
}

fn leaf_der() -> Vec<u8> {
    let pem = String::from_utf8(data("leaf.crt")).unwrap();
    let body: String = pem.lines().filter(|l| !l.starts_with("-----")).collect();
    base64_decode(&body)
}

fn base64_decode(text: &str) -> Vec<u8> {
    const ALPHABET: &[u8] = b"ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/";
    let mut out = Vec::new();
    let (mut acc, mut bits) = (0u32, 0u32);
    for c in text.bytes().filter(|c| *c != b'=') {
        let v = ALPHABET.iter().position(|a| *a == c).expect("base64") as u32;
        acc = (acc << 6) | v;
        bits += 6;
        if bits >= 8 {
            bits -= 8;
            out.push((acc >> bits) as u8);
        }
    }
    out
}

fn assert_refused_unrun(r: &Report, what: &str) {
    assert_eq!(codes(r), ["pfx-too-costly"], "{what}: {:?}", r.findings);
    assert!(r.findings.iter().any(|f| f.message.contains(&format!("asks for {BILLION} iterations"))), "{what}");
    assert!(r.work.exceeded.contains(&"max_kdf_iterations".to_string()), "{what}");
    assert!(r.certificates.is_empty(), "{what}");
    assert!(!r.pfx[0].opened, "{what}");
}

#[test]
fn a_mac_asking_for_a_billion_iterations_is_refused_before_any_is_run() {
    // default.pfx as exported, its MAC's iteration count raised to 10⁹.
    let mut pfx = pkcs12::pfx::Pfx::from_der(&data("default.pfx")).unwrap();
    pfx.mac_data.as_mut().unwrap().iterations = BILLION as i32;
    let bytes = pfx.to_der().unwrap();
    for password in [Some("certscope-test"), None] {
        let r = run(bytes.clone(), password);
        assert_refused_unrun(&r, "MAC");
        // Nothing was spent on it: the budget is paid before the KDF runs.
        assert_eq!(r.work.kdf_iterations, 0, "{password:?}");
    }
}

#[test]
fn certificate_bags_asking_for_a_billion_iterations_are_refused_before_any_is_run() {
    // No MAC, so the bags' own KDF is the first thing the file asks for.
    let modern = pfx(&[encrypted_info(&pbes2(BILLION))]);
    let r = run(modern, Some("certscope-test"));
    assert_refused_unrun(&r, "PBES2");
    assert_eq!(r.work.kdf_iterations, 0);
    // The legacy PKCS#12 KDF derives a key and an IV: twice the count.
    let params = seq(&[&octets(&[7u8; 8]), &int(BILLION)]);
    let legacy = pfx(&[encrypted_info(&seq(&[&oid(PBE_SHA1_3DES), &params]))]);
    let r = run(legacy, None);
    assert_eq!(codes(&r), ["pfx-too-costly"], "{:?}", r.findings);
    assert!(r.findings.iter().any(|f| f.message.contains("asks for 2000000000 iterations")), "{:?}", r.findings);
    assert_eq!(r.work.kdf_iterations, 0);
    // A first bag within the budget is paid for; the second is refused.
    let both = pfx(&[encrypted_info(&pbes2(2_048)), encrypted_info(&pbes2(BILLION))]);
    let r = run(both, None);
    assert_eq!(r.work.kdf_iterations, 2_048, "{:?}", r.findings);
}

#[test]
fn an_encrypted_key_asking_for_a_billion_iterations_is_not_decrypted() {
    // EncryptedPrivateKeyInfo (RFC 5958 §3) with PBES2 over 10⁹ rounds.
    let epki = seq(&[&pbes2(BILLION), &octets(&[0u8; 48])]);
    let pem = der::pem::encode_string("ENCRYPTED PRIVATE KEY", der::pem::LineEnding::LF, &epki).unwrap();
    let text = format!("{}{pem}", String::from_utf8(data("leaf.crt")).unwrap());
    let r = analyze(&[Input::text(&text).with_password(Some(Password::new("certscope-test")))], &opts());
    assert_eq!(codes(&r), ["key-unreadable"], "{:?}", r.findings);
    assert!(
        r.findings.iter().any(|f| f.message.contains(&format!("asks for {BILLION} iterations"))),
        "{:?}",
        r.findings
    );
    assert_eq!(r.work.kdf_iterations, 0);
}

#[test]
fn safe_contents_nested_past_four_levels_are_not_read() {
    let leaf = leaf_der();
    // The certificate at depth 1 is read; the one at depth 40 is not.
    let mut deep = cert_bag(&leaf);
    for _ in 0..40 {
        deep = bag(SAFE_CONTENTS_BAG, &seq(&[&deep]));
    }
    let shallow = bag(SAFE_CONTENTS_BAG, &seq(&[&cert_bag(&leaf)]));
    let r = run(pfx(&[data_info(&[shallow, deep])]), None);
    assert!(r.pfx[0].opened);
    assert_eq!(r.certificates.len(), 1, "{:?}", r.findings);
    assert_eq!(codes(&r), ["pfx-unsupported"], "{:?}", r.findings);
    assert!(r.findings.iter().any(|f| f.message.contains("were not read")), "{:?}", r.findings);
}

#[test]
fn a_hundred_thousand_bags_stop_at_the_bag_limit() {
    let leaf = leaf_der();
    // 100,000 secret bags (each a few bytes), nested one level, then a certificate.
    let secret = bag(SECRET_BAG, &seq(&[&oid(ID_DATA), &explicit0(&octets(b"x"))]));
    let many: Vec<Vec<u8>> = std::iter::repeat_n(secret, 100_000).collect();
    let refs: Vec<&[u8]> = many.iter().map(Vec::as_slice).collect();
    let nested = bag(SAFE_CONTENTS_BAG, &seq(&refs));
    let bytes = pfx(&[data_info(&[cert_bag(&leaf), nested, cert_bag(&leaf)])]);
    assert!(bytes.len() > 1_000_000, "{}", bytes.len());
    let started = std::time::Instant::now();
    let r = run(bytes, None);
    // A record, not a bound: speed goals live in the benchmarks.
    eprintln!("100,000 bags: {:?}", started.elapsed());
    assert!(r.pfx[0].opened);
    // The first certificate is read; the one after the flood is past the limit.
    assert_eq!(r.pfx[0].certificates.len(), 1, "{:?}", r.findings);
    let skipped = r.findings.iter().find(|f| f.code.code() == "pfx-unsupported").expect("a finding");
    assert!(skipped.message.contains("were not read"), "{}", skipped.message);
    assert!(r.work.kdf_iterations == 0);
}

/// A certificate bag and a plain keyBag, both marked with localKeyId 01.
fn marked_pair(cert_der: &[u8], key_pem: &[u8]) -> Vec<u8> {
    let mark = tlv(0x31, &seq(&[&oid(LOCAL_KEY_ID), &tlv(0x31, &octets(&[1]))]));
    let cert =
        seq(&[&oid(CERT_BAG), &explicit0(&seq(&[&oid(X509_CERTIFICATE), &explicit0(&octets(cert_der))])), &mark]);
    let pem = String::from_utf8(key_pem.to_vec()).unwrap();
    let key_der = base64_decode(&pem.lines().filter(|l| !l.starts_with("-----")).collect::<String>());
    let key = seq(&[&oid(KEY_BAG), &explicit0(&key_der), &mark]);
    pfx(&[data_info(&[cert, key])])
}

#[test]
fn a_key_bag_marked_as_another_certificates_key_is_a_mismatch() {
    let other = std::fs::read(format!("{}/tests/data/keys/other-rsa.key", env!("CARGO_MANIFEST_DIR"))).unwrap();
    let r = run(marked_pair(&leaf_der(), &other), Some("any"));
    assert_eq!(r.keys.len(), 1, "{:?}", r.findings);
    assert_eq!(r.keys[0].status, certscope::report::KeyMatchStatus::NoMatch);
    let marked: Vec<&str> = r
        .findings
        .iter()
        .filter(|f| f.code.code() == "key-does-not-match" && f.message.contains("localKeyId 01"))
        .map(|f| f.message.as_str())
        .collect();
    assert_eq!(marked.len(), 1, "{:?}", r.findings);
    assert!(marked[0].contains("certificate 1 (www.example.test)"), "{}", marked[0]);
    // Its own key, under the same mark: a match, and nothing about the mark.
    let r = run(marked_pair(&leaf_der(), &data("leaf.key")), Some("any"));
    assert_eq!(r.keys[0].status, certscope::report::KeyMatchStatus::Matches, "{:?}", r.findings);
    assert!(!r.findings.iter().any(|f| f.code.code() == "key-does-not-match"), "{:?}", r.findings);
    // Without a password the key bag is not taken out at all.
    let r = run(marked_pair(&leaf_der(), &data("leaf.key")), None);
    assert!(r.keys.is_empty());
    assert_eq!(r.pfx[0].key_bags, 1);
}
