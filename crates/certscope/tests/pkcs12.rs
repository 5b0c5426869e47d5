//! PKCS#12 / PFX files through `analyze`: files made by `openssl pkcs12
//! -export` (`tests/data/pfx/make.sh`) with OpenSSL 3's default PBES2, the
//! `-legacy` RC2/3DES algorithms, 3DES, the empty password and none at all;
//! two of them rewritten as BER, as Bouncy Castle's keystore writes; and
//! RFC 9579's PBMAC1 test vectors.

mod common;

use certscope::report::Report;
use certscope::{analyze, Input, Limits, Options, Password, Timestamp};

fn data(name: &str) -> Vec<u8> {
    common::read(&format!("pfx/{name}"))
}

fn opts() -> Options {
    Options::at(Timestamp::parse_rfc3339("2027-01-01T00:00:00Z").unwrap())
}

fn open(name: &str, password: Option<&str>, opts: &Options) -> Report {
    let input = Input::bytes(Some(name.to_string()), data(name)).with_password(password.map(Password::new));
    analyze(&[input], opts)
}

fn codes(r: &Report) -> Vec<&'static str> {
    common::codes_with(r, &["pfx-", "input-"])
}

/// The leaf and the CA from the PFX are the same certificates as the PEM files.
fn assert_chain(r: &Report, name: &str) {
    let subjects: Vec<&str> = r.certificates.iter().map(|c| c.subject.as_str()).collect();
    assert_eq!(subjects, ["CN=www.example.test", "CN=certscope test CA"], "{name}");
    let pem = analyze(&[Input::bytes(None, data("leaf.crt")), Input::bytes(None, data("ca.crt"))], &opts());
    let want: Vec<&str> = pem.certificates.iter().map(|c| c.sha256.as_str()).collect();
    let have: Vec<&str> = r.certificates.iter().map(|c| c.sha256.as_str()).collect();
    assert_eq!(have, want, "{name}");
    assert!(r.certificates.iter().all(|c| c.source.encoding == certscope::report::Encoding::Pkcs12));
    assert_eq!(r.chain.path.len(), 2, "{name}: {:?}", r.findings);
    let pfx = &r.pfx[0];
    assert!(pfx.opened);
    assert_eq!(pfx.key_bags, 1);
    assert_eq!(pfx.certificates.len(), 2);
    // OpenSSL names the leaf (-name) and ties it to its key by localKeyId.
    assert_eq!(pfx.certificates[0].friendly_name.as_deref(), Some("certscope leaf"));
    assert_eq!(pfx.certificates[0].local_key_id.as_ref().map(String::len), Some(40));
    assert_eq!(pfx.certificates[1].friendly_name, None);
    assert_eq!(pfx.certificates.iter().map(|c| c.block).collect::<Vec<_>>(), [1, 2]);
    assert_eq!(pfx.certificates.iter().map(|c| c.certificate).collect::<Vec<_>>(), [Some(0), Some(1)], "{name}");
}

#[test]
fn every_export_opens_with_its_password() {
    for (name, password, mac, encryption) in [
        (
            "default.pfx",
            Some("certscope-test"),
            Some("HMAC-SHA-256, 2048 iterations"),
            vec!["PBES2 (PBKDF2-HMAC-SHA-256, AES-256-CBC, 2048 iterations)"],
        ),
        (
            "legacy.pfx",
            Some("certscope-test"),
            Some("HMAC-SHA-1, 2048 iterations"),
            vec!["pbeWithSHAAnd40BitRC2-CBC, 2048 iterations"],
        ),
        (
            "tripledes.pfx",
            Some("certscope-test"),
            Some("HMAC-SHA-1, 2048 iterations"),
            vec!["pbeWithSHAAnd3-KeyTripleDES-CBC, 2048 iterations"],
        ),
        (
            "empty-password.pfx",
            None,
            Some("HMAC-SHA-256, 2048 iterations"),
            vec!["PBES2 (PBKDF2-HMAC-SHA-256, AES-256-CBC, 2048 iterations)"],
        ),
        ("plain.pfx", None, None, vec![]),
    ] {
        let r = open(name, password, &opts());
        assert!(codes(&r).is_empty(), "{name}: {:?}", r.findings);
        assert_chain(&r, name);
        assert_eq!(r.pfx[0].mac.as_deref(), mac, "{name}");
        assert_eq!(r.pfx[0].encryption, encryption, "{name}");
        // With a password the key bag goes to the key-match check (below); without, it is not read.
        if password.is_some() {
            assert_eq!(r.inputs[0].found, "2 certificates, 1 private key (PKCS#12)", "{name}");
        } else {
            assert_eq!(r.inputs[0].found, "2 certificates (PKCS#12)", "{name}");
            assert!(r.keys.is_empty(), "{name}");
        }
        assert!(r.work.kdf_iterations > 0 || name == "plain.pfx");
    }
}

#[test]
fn a_ber_export_opens_with_its_password_and_not_with_another() {
    // tests/data/pfx/ber.py: indefinite lengths, OCTET STRINGs in 64-byte
    // segments (the authSafe, the encryptedContent, the shrouded key), the
    // AuthenticatedSafe and the key's SafeContents in BER too.
    let ber = data("ber.pfx");
    assert_eq!(&ber[..2], [0x30, 0x80], "an indefinite-length PFX");
    for (name, mac, encryption) in [
        ("ber.pfx", "HMAC-SHA-256, 2048 iterations", "PBES2 (PBKDF2-HMAC-SHA-256, AES-256-CBC, 2048 iterations)"),
        ("ber-legacy.pfx", "HMAC-SHA-1, 2048 iterations", "pbeWithSHAAnd40BitRC2-CBC, 2048 iterations"),
    ] {
        let r = open(name, Some("certscope-test"), &opts());
        assert!(codes(&r).is_empty(), "{name}: {:?}", r.findings);
        assert_chain(&r, name);
        assert_eq!(r.pfx[0].mac.as_deref(), Some(mac), "{name}");
        assert_eq!(r.pfx[0].encryption, [encryption], "{name}");
        // The shrouded key bag, in BER inside the BER SafeContents, is its leaf's key.
        assert_eq!(r.keys.len(), 1, "{name}");
        assert_eq!(r.keys[0].status, certscope::report::KeyMatchStatus::Matches, "{name}: {:?}", r.findings);
        assert_eq!(r.keys[0].certificates, [0], "{name}");
        let r = open(name, Some("not-the-password"), &opts());
        assert_eq!(codes(&r), ["pfx-password-wrong"], "{name}");
        assert!(r.certificates.is_empty(), "{name}");
        let r = open(name, None, &opts());
        assert_eq!(codes(&r), ["pfx-password-needed"], "{name}");
    }
    // A BER file cut short is unreadable, not opened.
    let r = analyze(&[Input::bytes(None, ber[..ber.len() - 40].to_vec())], &opts());
    assert!(r.pfx.iter().all(|p| !p.opened), "{:?}", r.findings);
    assert!(r.certificates.is_empty());
}

/// RFC 9579 App. A.1: PBMAC1 with PBKDF2-HMAC-SHA-256 and HMAC-SHA-256.
fn rfc9579_a1() -> Vec<u8> {
    data("rfc9579-a1.p12")
}

#[test]
fn a_pbmac1_file_opens_with_its_password() {
    for (name, mac) in [
        ("rfc9579-a1.p12", "PBMAC1 (PBKDF2-HMAC-SHA-256, HMAC-SHA-256, 2048 iterations)"),
        ("rfc9579-a3.p12", "PBMAC1 (PBKDF2-HMAC-SHA-512, HMAC-SHA-512, 2048 iterations)"),
    ] {
        let r = open(name, Some("1234"), &opts());
        assert!(codes(&r).is_empty(), "{name}: {:?}", r.findings);
        assert!(r.pfx[0].opened, "{name}");
        assert_eq!(r.pfx[0].mac.as_deref(), Some(mac), "{name}");
        assert_eq!(r.pfx[0].encryption, ["PBES2 (PBKDF2-HMAC-SHA-256, AES-256-CBC, 2048 iterations)"], "{name}");
        let subjects: Vec<&str> = r.certificates.iter().map(|c| c.subject.as_str()).collect();
        assert_eq!(subjects, ["CN=tt,OU=rr,O=ee,L=ww,ST=qq,C=XX"], "{name}");
        assert_eq!(r.keys.len(), 1, "{name}");
        assert_eq!(r.keys[0].status, certscope::report::KeyMatchStatus::Matches, "{name}: {:?}", r.findings);
        // The MAC's PBKDF2 (one output block), the certificates' bag, the key's bag.
        assert_eq!(r.work.kdf_iterations, 3 * 2048, "{name}");
        let r = open(name, Some("12345"), &opts());
        assert_eq!(codes(&r), ["pfx-password-wrong"], "{name}");
        assert!(r.certificates.is_empty(), "{name}");
        let r = open(name, None, &opts());
        assert_eq!(codes(&r), ["pfx-password-needed"], "{name}");
    }
}

#[test]
fn a_pbmac1_file_with_altered_parameters_is_not_opened() {
    let a1 = rfc9579_a1();
    // The PBKDF2 parameters: salt, iterations (2048), keyLength (32), PRF.
    let at = |needle: &[u8]| a1.windows(needle.len()).position(|w| w == needle).expect("in A.1");
    let iterations = at(&[0x02, 0x02, 0x08, 0x00, 0x02, 0x01, 0x20]);
    // RFC 9579 App. A.4: another iteration count, so another key: the MAC fails.
    let mut other = a1.clone();
    other[iterations + 3] = 0x01;
    let r = analyze(&[Input::bytes(None, other).with_password(Some(Password::new("1234")))], &opts());
    assert_eq!(codes(&r), ["pfx-password-wrong"], "{:?}", r.findings);
    assert_eq!(r.work.kdf_iterations, 2049);
    // A key longer than any HMAC's output is refused before PBKDF2 runs.
    let mut long = a1.clone();
    long[iterations + 6] = 0x7f;
    let r = analyze(&[Input::bytes(None, long).with_password(Some(Password::new("1234")))], &opts());
    assert_eq!(codes(&r), ["pfx-unsupported"], "{:?}", r.findings);
    assert!(r.findings.iter().any(|f| f.message.contains("a PBMAC1 key of 127 bytes")), "{:?}", r.findings);
    assert_eq!(r.work.kdf_iterations, 0);
    // RFC 9579 App. A.6: no keyLength. The element goes, and every
    // enclosing length (all short-form, the PFX's two-byte) drops by 3.
    let mut missing = a1.clone();
    missing.drain(iterations + 4..iterations + 7);
    for outer in [0x30u8, 0x30, 0x30, 0x30, 0x30, 0x30].iter().zip([2576usize, 2578, 2580, 2593, 2595, 2608]) {
        assert_eq!(missing[outer.1], *outer.0, "a SEQUENCE at {}", outer.1);
        missing[outer.1 + 1] -= 3;
    }
    let total = u16::from_be_bytes([missing[2], missing[3]]) - 3;
    missing[2..4].copy_from_slice(&total.to_be_bytes());
    let r = analyze(&[Input::bytes(None, missing).with_password(Some(Password::new("1234")))], &opts());
    assert!(r.findings.iter().any(|f| f.message.contains("no key length")), "{:?}", r.findings);
    assert!(r.certificates.is_empty());
    assert_eq!(r.work.kdf_iterations, 0);
}

#[test]
fn base64_of_a_pfx_is_recognised() {
    let input = Input::bytes(None, data("default.pfx.b64")).with_password(Some(Password::new("certscope-test")));
    let r = analyze(&[input], &opts());
    assert!(codes(&r).is_empty(), "{:?}", r.findings);
    assert_eq!(r.certificates.len(), 2);
}

#[test]
fn a_missing_password_is_asked_for() {
    for name in ["default.pfx", "legacy.pfx"] {
        let r = open(name, None, &opts());
        assert_eq!(codes(&r), ["pfx-password-needed"], "{name}");
        assert!(r.certificates.is_empty());
        assert!(!r.pfx[0].opened);
    }
}

#[test]
fn a_wrong_password_says_so() {
    for name in ["default.pfx", "legacy.pfx", "empty-password.pfx"] {
        let r = open(name, Some("not-the-password"), &opts());
        assert_eq!(codes(&r), ["pfx-password-wrong"], "{name}");
        assert!(r.certificates.is_empty());
    }
}

#[test]
fn kdf_iterations_come_from_the_budget() {
    // The MAC (2,048) fits, the certificate bags' PBKDF2 (2,048 more) does not.
    let mut o = opts();
    o.limits = Limits { max_kdf_iterations: 3_000, ..Limits::default() };
    let r = open("default.pfx", Some("certscope-test"), &o);
    assert_eq!(codes(&r), ["pfx-too-costly"]);
    assert!(r.findings.iter().any(|f| f.message.contains("asks for 2048 iterations")), "{:?}", r.findings);
    assert!(r.certificates.is_empty());
    assert!(r.work.exceeded.contains(&"max_kdf_iterations".to_string()));
    // Without a password, both empty-password forms are tried: 2 × 2,048.
    let mut o = opts();
    o.limits = Limits { max_kdf_iterations: 4_096, ..Limits::default() };
    let r = open("legacy.pfx", None, &o);
    assert_eq!(codes(&r), ["pfx-password-needed"]);
    assert_eq!(r.work.kdf_iterations, 4_096);
}

#[test]
fn a_broken_pfx_is_a_finding_not_a_panic() {
    let pfx = data("default.pfx");
    for cut in [20, 100, 500, 1000, 2000, pfx.len() - 1] {
        let mut bytes = pfx[..cut].to_vec();
        let _ = analyze(&[Input::bytes(None, bytes.clone())], &opts());
        // Flip bytes inside: the MAC catches it, or the decoder does.
        bytes = pfx.clone();
        bytes[cut] ^= 0x55;
        let input = Input::bytes(None, bytes).with_password(Some(Password::new("certscope-test")));
        let r = analyze(&[input], &opts());
        assert!(!r.findings.is_empty());
    }
}

/// Each base64 line of a PEM key, long enough to be key material.
fn key_lines(pem: &[u8]) -> Vec<String> {
    String::from_utf8_lossy(pem).lines().filter(|l| l.len() > 16 && !l.starts_with("-----")).map(String::from).collect()
}

#[test]
fn with_a_password_the_key_bag_is_matched_with_the_certificates_and_not_kept() {
    for name in ["default.pfx", "legacy.pfx", "tripledes.pfx"] {
        let r = open(name, Some("certscope-test"), &opts());
        assert_eq!(r.keys.len(), 1, "{name}");
        let k = &r.keys[0];
        assert_eq!(k.status, certscope::report::KeyMatchStatus::Matches, "{name}: {:?}", r.findings);
        assert_eq!(k.certificates, [0], "{name}: the leaf, not the CA");
        assert_eq!(k.key.as_deref(), Some("RSA 2048-bit"), "{name}");
        assert_eq!(k.source.encoding, certscope::report::Encoding::Pkcs12, "{name}");
        assert!(r.pfx[0].keys_compared, "{name}");
        let all: Vec<&str> = r.findings.iter().map(|f| f.code.code()).collect();
        assert!(all.contains(&"key-matches-certificate"), "{name}: {all:?}");
        assert!(!all.contains(&"key-does-not-match"), "{name}: {all:?}");
        // Decrypting the shrouded key bag is paid for: the MAC, the certificates' bag, the key's bag.
        assert_eq!(r.work.kdf_iterations, if name == "default.pfx" { 3 * 2048 } else { 2048 + 2 * 2048 + 2 * 2048 });
        let json = serde_json::to_string(&r).unwrap();
        let rendered =
            format!("{}{}", certscope::report::render::render_text(&r), certscope::report::render::render_markdown(&r));
        for line in key_lines(&data("leaf.key")) {
            assert!(!json.contains(&line) && !rendered.contains(&line), "{name}: a key line in the report");
        }
    }
}
