//! Hostile PKCS#12 files: a MAC or a PBKDF2 demanding 10⁹ iterations, an
//! encrypted key demanding as many, SafeContents nested past any real
//! export, a file of 100,000 bags, a key bag marked (localKeyId) as the
//! key of a certificate it does not belong to, and an 8 MB
//! AuthenticatedSafe in BER that is all structure. Each is answered with a
//! finding from the work budget (`max_kdf_iterations`, `pfx.rs`'s bag and
//! depth limits) without running the work it demands. The files are built byte by byte
//! around `tests/data/pfx/` (tests/forge/pfx.rs).

mod common;
mod forge;

use certscope::report::Report;
use certscope::{analyze, Input, Options, Password, Timestamp};
use forge::pfx::{encrypted_info, fixture as data, int, octets, oid, pbes2, pfx, seq, BILLION, PBE_SHA1_3DES};
use forge::pfx::{leaf_der, mac_iterations, many_bags, marked_pair, nested};

fn opts() -> Options {
    Options::at(Timestamp::parse_rfc3339("2027-01-01T00:00:00Z").unwrap())
}

fn run(bytes: Vec<u8>, password: Option<&str>) -> Report {
    analyze(&[Input::bytes(Some("hostile.pfx".into()), bytes).with_password(password.map(Password::new))], &opts())
}

fn codes(r: &Report) -> Vec<&'static str> {
    r.findings.iter().map(|f| f.code.code()).filter(|c| c.starts_with("pfx-") || c.starts_with("key-")).collect()
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
    let bytes = mac_iterations(BILLION);
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
    // The certificate at depth 1 is read; the one at depth 40 is not.
    let r = run(nested(40), None);
    assert!(r.pfx[0].opened);
    assert_eq!(r.certificates.len(), 1, "{:?}", r.findings);
    assert_eq!(codes(&r), ["pfx-unsupported"], "{:?}", r.findings);
    assert!(r.findings.iter().any(|f| f.message.contains("were not read")), "{:?}", r.findings);
}

#[test]
fn a_hundred_thousand_bags_stop_at_the_bag_limit() {
    // 100,000 secret bags (each a few bytes), nested one level, then a certificate.
    let bytes = many_bags(100_000);
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

#[test]
fn ber_that_is_all_structure_is_rewritten_within_bounds_and_refused() {
    // 32 indefinite-length levels around 4,000,000 NULLs: made DER-shaped
    // (the AuthenticatedSafe does not decode as DER), then not a PFX's content.
    let bytes = forge::pfx::with_auth_safe(&forge::pfx::ber_auth_safe(32, 4_000_000));
    let r = run(bytes, None);
    assert!(!r.pfx[0].opened);
    assert!(r.findings.iter().any(|f| f.message.contains("its AuthenticatedSafe")), "{:?}", r.findings);
    // 33 levels: past MAX_DEPTH, refused by the rewrite itself.
    let r = run(forge::pfx::with_auth_safe(&forge::pfx::ber_auth_safe(40, 10)), None);
    assert!(!r.pfx[0].opened);
}
