//! The key-match check through `analyze`: real keys made by openssl
//! (`tests/data/keys/make.sh`) with their certificates, in every form a
//! server is given; and no byte of a key in the JSON, text or Markdown.

mod common;

use certscope::report::render::{render_markdown, render_text};
use certscope::report::{KeyMatchStatus, Report};
use certscope::{analyze, Input, Options, Timestamp};

fn data(name: &str) -> Vec<u8> {
    common::read(&format!("keys/{name}"))
}

fn named(name: &str) -> Input {
    common::named(&format!("keys/{name}"))
}

fn run(names: &[&str]) -> Report {
    let inputs: Vec<Input> = names.iter().map(|n| named(n)).collect();
    analyze(&inputs, &Options::at(Timestamp::parse_rfc3339("2027-01-01T00:00:00Z").unwrap()))
}

fn key_codes(r: &Report) -> Vec<&'static str> {
    common::codes_with(r, &["key-"])
}

/// Every base64 line of every PEM body in `pem`, as a needle.
fn key_lines(pem: &[u8]) -> Vec<String> {
    let text = std::str::from_utf8(pem).unwrap();
    text.lines().filter(|l| !l.starts_with("-----") && !l.contains(':') && l.len() > 16).map(str::to_string).collect()
}

#[test]
fn each_key_form_matches_its_certificate() {
    for (key, cert, described) in [
        ("rsa.key", "rsa.crt", "RSA 2048-bit"),
        ("rsa.pkcs1.key", "rsa.crt", "RSA 2048-bit"),
        ("ec256.key", "ec256.crt", "EC P-256"),
        ("ec256.p8.key", "ec256.crt", "EC P-256"),
        ("ec384.key", "ec384.crt", "EC P-384"),
        ("ec384.p8.key", "ec384.crt", "EC P-384"),
        ("ec521.key", "ec521.crt", "EC P-521"),
        ("ec521.p8.key", "ec521.crt", "EC P-521"),
        ("ed25519.key", "ed25519.crt", "Ed25519"),
    ] {
        let r = run(&[cert, key]);
        assert_eq!(key_codes(&r), ["key-matches-certificate"], "{key}");
        assert_eq!(r.keys.len(), 1, "{key}");
        assert_eq!(r.keys[0].status, KeyMatchStatus::Matches, "{key}");
        assert_eq!(r.keys[0].certificates, [0], "{key}");
        assert_eq!(r.keys[0].key.as_deref(), Some(described), "{key}");
        assert_eq!(r.keys[0].source.input, 1);
        // The key is not a certificate and not an unsupported object.
        assert_eq!(r.certificates.len(), 1);
        assert!(!r.findings.iter().any(|f| f.code.code() == "input-unsupported-object"), "{key}");
    }
}

#[test]
fn a_key_from_another_pair_does_not_match_with_the_server_error_text() {
    for (key, cert) in [
        ("other-rsa.key", "rsa.crt"),
        ("rsa.key", "ec256.crt"),
        ("ec256.key", "ec384.crt"),
        ("ec384.key", "ec256.crt"),
        ("ed25519.key", "rsa.crt"),
    ] {
        let r = run(&[cert, key]);
        assert_eq!(key_codes(&r), ["key-does-not-match"], "{key} {cert}");
        assert_eq!(r.keys[0].status, KeyMatchStatus::NoMatch);
        assert!(r.keys[0].certificates.is_empty());
        let f = r.findings.iter().find(|f| f.code.code() == "key-does-not-match").unwrap();
        assert!(f.message.contains("key values mismatch"), "{}", f.message);
        assert!(f.message.contains("private key does not match"), "{}", f.message);
    }
}

#[test]
fn the_key_is_found_among_several_certificates() {
    let r = run(&["rsa.crt", "ec256.crt", "ed25519.crt", "ec256.key"]);
    assert_eq!(r.keys[0].certificates, [1]);
    let f = r.findings.iter().find(|f| f.code.code() == "key-matches-certificate").unwrap();
    assert!(f.message.contains("certificate 2 (ec256.certscope.test)"), "{}", f.message);
}

#[test]
fn one_paste_with_certificate_and_key_is_enough() {
    let mut text = data("rsa.crt");
    text.extend(data("rsa.pkcs1.key"));
    let r =
        analyze(&[Input::bytes(None, text)], &Options::at(Timestamp::parse_rfc3339("2027-01-01T00:00:00Z").unwrap()));
    assert_eq!(key_codes(&r), ["key-matches-certificate"]);
    assert_eq!(r.inputs[0].found, "1 certificate, 1 private key (PEM)");
}

#[test]
fn encrypted_keys_without_a_password_say_so() {
    for key in ["rsa.enc.key", "rsa.legacy-enc.key"] {
        let r = run(&["rsa.crt", key]);
        assert_eq!(key_codes(&r), ["key-encrypted-no-password"], "{key}");
        assert_eq!(r.keys[0].status, KeyMatchStatus::Encrypted);
    }
}

#[test]
fn an_encrypted_pkcs8_key_is_compared_with_its_password() {
    let at = Options::at(Timestamp::parse_rfc3339("2027-01-01T00:00:00Z").unwrap());
    let with = |password: &str| {
        let key = named("rsa.enc.key").with_password(Some(certscope::Password::new(password)));
        analyze(&[named("rsa.crt"), key], &at)
    };
    let r = with("certscope-test");
    assert_eq!(key_codes(&r), ["key-matches-certificate"]);
    assert!(r.work.kdf_iterations > 0);
    let r = with("wrong");
    assert_eq!(key_codes(&r), ["key-unreadable"]);
    assert!(r.findings.iter().any(|f| f.message.contains("does not decrypt it")), "{:?}", r.findings);
    // OpenSSL's legacy encryption is not decrypted, password or not.
    let key = named("rsa.legacy-enc.key").with_password(Some(certscope::Password::new("certscope-test")));
    let r = analyze(&[named("rsa.crt"), key], &at);
    assert_eq!(key_codes(&r), ["key-encrypted-no-password"]);
}

#[test]
fn a_key_alone_is_reported_without_a_verdict_on_it() {
    let r = run(&["ec256.key"]);
    assert!(key_codes(&r).is_empty());
    assert_eq!(r.keys[0].status, KeyMatchStatus::NoCertificate);
}

#[test]
fn no_key_byte_reaches_the_json_text_or_markdown() {
    for (key, cert) in [("rsa.key", "rsa.crt"), ("ec256.key", "ec256.crt"), ("other-rsa.key", "rsa.crt")] {
        let r = run(&[cert, key]);
        let outputs = [serde_json::to_string(&r).unwrap(), render_text(&r), render_markdown(&r), format!("{r:?}")];
        let needles = key_lines(&data(key));
        assert!(needles.len() > 2);
        for out in &outputs {
            for needle in &needles {
                assert!(!out.contains(needle.as_str()), "{key}: a key line reached the output");
            }
        }
    }
}

#[test]
fn a_key_block_that_is_not_a_key_is_unreadable_and_not_echoed() {
    let path = common::data_path("input/cryptography.io.chain_with_garbage.pem").display().to_string();
    let r = analyze(
        &[Input::bytes(None, std::fs::read(path).unwrap())],
        &Options::at(Timestamp::parse_rfc3339("2027-01-01T00:00:00Z").unwrap()),
    );
    assert_eq!(key_codes(&r), ["key-unreadable"]);
    assert_eq!(r.keys[0].status, KeyMatchStatus::Unreadable);
    assert!(!serde_json::to_string(&r).unwrap().contains("aHR0cHM6Ly9iaXQubHkvM3VKOXpZZw"));
}

/// The body of a one-block PEM file.
fn pem_der(pem: &[u8]) -> Vec<u8> {
    der::pem::decode_vec(pem).expect("one PEM block").1
}

#[test]
fn the_fuzz_entry_points_reach_the_derivation_and_the_comparison() {
    use certscope::fuzzing::{key_match, pfx_key_match};
    // A shrouded key bag (OpenSSL 3 default, legacy 3DES) and a plain one:
    // each key decrypted with the fixtures' password, derived and matched.
    for name in ["default.pfx", "legacy.pfx", "tripledes.pfx", "plain.pfx"] {
        assert_eq!(pfx_key_match(&common::read(&format!("pfx/{name}"))), 1, "{name}");
    }
    assert_eq!(pfx_key_match(b"not a pfx"), 0);
    let pair = |key: &str, public: &[u8]| [pem_der(&data(key)).as_slice(), b"\0CS\0", public].concat();
    let rsa_cert = pem_der(&data("rsa.crt"));
    let rsa_spki =
        <x509_cert::Certificate as der::Decode>::from_der(&rsa_cert).unwrap().tbs_certificate.subject_public_key_info;
    let rsa_spki = der::Encode::to_der(&rsa_spki).unwrap();
    for key in ["rsa.key", "rsa.pkcs1.key"] {
        assert_eq!(key_match(&pair(key, &rsa_cert)), Some(true), "{key}");
        assert_eq!(key_match(&pair(key, &rsa_spki)), Some(true), "{key}");
    }
    assert_eq!(key_match(&pair("other-rsa.key", &rsa_cert)), Some(false));
    for (key, cert) in [("ec256.key", "ec256.crt"), ("ec521.p8.key", "ec521.crt"), ("ed25519.key", "ed25519.crt")] {
        let cert = pem_der(&data(cert));
        assert_eq!(key_match(&pair(key, &cert)), Some(true), "{key}");
        assert_eq!(key_match(&pair(key, &rsa_cert)), Some(false), "{key}");
    }
    // No separator, or a second part that is neither a certificate nor an SPKI.
    assert_eq!(key_match(&pem_der(&data("rsa.key"))), None);
    assert_eq!(key_match(&pair("rsa.key", b"junk")), None);
}
