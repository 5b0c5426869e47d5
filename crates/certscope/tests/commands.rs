//! Issue 12: capture commands that cannot be hijacked, and Markdown fences
//! that cannot be closed from inside.
//!
//! A throw-away CA (a fixed P-256 key, so the bytes are reproducible) signs
//! leaves whose AIA OCSP URL, SAN dNSName and subject CN carry each shell
//! metacharacter. The commands certscope prints for them run under `sh -c`
//! with stub `openssl` and `curl` (tests/shell): nothing else may run (no
//! `MARK` file appears) and each stub must see exactly the intended argv,
//! a URL or host as one argument.
//!
//! `commands_fixture_is_current` writes the chain the CLI tests use,
//! tests/data/commands/hostile-commands.pem; regenerate it with
//! `CERTSCOPE_BLESS=1 cargo test -p certscope --test commands`.

mod common;
mod forge;
mod shell;

use shell::{FENCE_BREAKER, META_BUT_VALID_URL, PAYLOADS};

use certscope::report::render::{render_markdown, render_text};
use certscope::{analyze, Input, Options, Report, Timestamp};
use common::codes;
use der::asn1::{Any, BitString, ObjectIdentifier, OctetString, SetOfVec, UtcTime};
use der::{Encode, Tag};
use forge::tlv;
use p256::ecdsa::signature::Signer;
use p256::ecdsa::{Signature, SigningKey};
use std::path::PathBuf;
use x509_cert::attr::AttributeTypeAndValue;
use x509_cert::ext::Extension;
use x509_cert::name::{Name, RdnSequence, RelativeDistinguishedName};
use x509_cert::serial_number::SerialNumber;
use x509_cert::spki::{AlgorithmIdentifierOwned, SubjectPublicKeyInfoOwned};
use x509_cert::time::{Time, Validity};
use x509_cert::{Certificate, TbsCertificate, Version};

const AS_OF: &str = "2026-06-01T00:00:00Z";

fn opts(host: Option<&str>) -> Options {
    let mut o = Options::at(Timestamp::parse_rfc3339(AS_OF).unwrap());
    o.host = host.map(str::to_string);
    o.use_system_roots = false;
    o
}

fn oid(text: &str) -> ObjectIdentifier {
    ObjectIdentifier::new(text).expect("oid")
}

const ECDSA_WITH_SHA256: &str = "1.2.840.10045.4.3.2";
const CN: &str = "2.5.4.3";

fn key(byte: u8) -> SigningKey {
    SigningKey::from_slice(&[byte; 32]).expect("scalar")
}

fn spki(key: &SigningKey) -> SubjectPublicKeyInfoOwned {
    let point = key.verifying_key().to_encoded_point(false);
    SubjectPublicKeyInfoOwned {
        algorithm: AlgorithmIdentifierOwned {
            oid: oid("1.2.840.10045.2.1"),
            parameters: Some(Any::from(&oid("1.2.840.10045.3.1.7"))),
        },
        subject_public_key: BitString::from_bytes(point.as_bytes()).expect("point"),
    }
}

/// `CN=<cn>` as a UTF8String, whatever its characters.
fn cn_name(cn: &str) -> Name {
    let atv = AttributeTypeAndValue { oid: oid(CN), value: Any::new(Tag::Utf8String, cn.as_bytes()).expect("cn") };
    RdnSequence(vec![RelativeDistinguishedName(SetOfVec::try_from(vec![atv]).expect("rdn"))])
}

fn time(year: u16) -> Time {
    Time::UtcTime(UtcTime::from_date_time(der::DateTime::new(year, 1, 1, 0, 0, 0).expect("date")).expect("utc"))
}

fn extension(id: &str, critical: bool, value: Vec<u8>) -> Extension {
    Extension { extn_id: oid(id), critical, extn_value: OctetString::new(value).expect("value") }
}

/// A GeneralNames SEQUENCE of IA5String entries with context tag `tag`
/// (dNSName 0x82, URI 0x86), written byte for byte: DER allows any byte
/// below 0x80 in an IA5String, including quotes and newlines.
fn ia5_names(tag: u8, names: &[&str]) -> Vec<u8> {
    tlv(0x30, &names.iter().flat_map(|n| tlv(tag, n.as_bytes())).collect::<Vec<u8>>())
}

/// AuthorityInfoAccessSyntax with one id-ad-ocsp URI per entry.
fn aia_ocsp(urls: &[&str]) -> Vec<u8> {
    let ocsp = oid("1.3.6.1.5.5.7.48.1").to_der().expect("oid");
    let entries: Vec<u8> =
        urls.iter().flat_map(|u| tlv(0x30, &[ocsp.clone(), tlv(0x86, u.as_bytes())].concat())).collect();
    tlv(0x30, &entries)
}

fn sign(tbs: TbsCertificate, issuer_key: &SigningKey) -> Vec<u8> {
    let signature: Signature = issuer_key.sign(&tbs.to_der().expect("tbs"));
    Certificate {
        tbs_certificate: tbs,
        signature_algorithm: AlgorithmIdentifierOwned { oid: oid(ECDSA_WITH_SHA256), parameters: None },
        signature: BitString::from_bytes(signature.to_der().as_bytes()).expect("signature"),
    }
    .to_der()
    .expect("certificate")
}

fn tbs(serial: u8, issuer: Name, subject: Name, key: &SigningKey, extensions: Vec<Extension>) -> TbsCertificate {
    TbsCertificate {
        version: Version::V3,
        serial_number: SerialNumber::new(&[0x12, serial]).expect("serial"),
        signature: AlgorithmIdentifierOwned { oid: oid(ECDSA_WITH_SHA256), parameters: None },
        issuer,
        validity: Validity { not_before: time(2025), not_after: time(2035) },
        subject,
        subject_public_key_info: spki(key),
        issuer_unique_id: None,
        subject_unique_id: None,
        extensions: Some(extensions),
    }
}

const CA_NAME: &str = "Command Injection Test CA";

fn ca_der() -> Vec<u8> {
    let ca = key(1);
    let exts = vec![
        extension("2.5.29.19", true, tlv(0x30, &[0x01, 0x01, 0xff])),
        extension("2.5.29.15", true, vec![0x03, 0x02, 0x01, 0x06]),
    ];
    sign(tbs(1, cn_name(CA_NAME), cn_name(CA_NAME), &ca, exts), &ca)
}

/// What the hostile leaf carries.
struct Leaf<'a> {
    cn: &'a str,
    dns: &'a [&'a str],
    ocsp: &'a [&'a str],
}

fn leaf_der(leaf: &Leaf, serial: u8) -> Vec<u8> {
    let mut exts = vec![
        extension("2.5.29.19", true, tlv(0x30, &[])),
        extension("2.5.29.37", false, tlv(0x30, &oid("1.3.6.1.5.5.7.3.1").to_der().expect("eku"))),
    ];
    if !leaf.dns.is_empty() {
        exts.push(extension("2.5.29.17", false, ia5_names(0x82, leaf.dns)));
    }
    if !leaf.ocsp.is_empty() {
        exts.push(extension("1.3.6.1.5.5.7.1.1", false, aia_ocsp(leaf.ocsp)));
    }
    sign(tbs(serial, cn_name(CA_NAME), cn_name(leaf.cn), &key(2), exts), &key(1))
}

fn chain_pem(leaf: &Leaf) -> String {
    forge::pem("CERTIFICATE", &leaf_der(leaf, 2)) + &forge::pem("CERTIFICATE", &ca_der())
}

fn check(leaf: &Leaf, host: Option<&str>) -> Report {
    let r = analyze(&[Input::text(&chain_pem(leaf))], &opts(host));
    assert_eq!(r.chain.path.len(), 2, "the CA signed the leaf: {:?}", r.findings);
    r
}

fn tmp() -> PathBuf {
    PathBuf::from(env!("CARGO_TARGET_TMPDIR"))
}

/// Runs the report's commands under stubs and checks that they did only
/// what they say: exactly the `want` calls, and no file left behind.
fn assert_commands_inert(r: &Report, want: &[Vec<String>], what: &str) {
    let commands = &r.capture.as_ref().expect("capture commands").commands;
    let run = shell::run(&tmp(), commands);
    assert!(
        run.left_behind.is_empty(),
        "{what}: the commands left {:?} behind:\n{}",
        run.left_behind,
        commands.join("\n")
    );
    assert_eq!(&run.calls, want, "{what}: the stubs saw other argv than intended:\n{}", commands.join("\n"));
}

fn get_urls(r: &Report) -> Vec<String> {
    r.capture.as_ref().map(|c| c.request_get_urls.clone()).unwrap_or_default()
}

const GOOD_HOST: &str = "www.example.com";

#[test]
fn ocsp_url_payloads_get_no_command_and_a_finding() {
    for payload in PAYLOADS.iter().copied().chain([FENCE_BREAKER]) {
        for url in [format!("http://ocsp.example.com/{payload}"), format!("http://{payload}/"), payload.to_string()] {
            let r = check(&Leaf { cn: "leaf", dns: &[GOOD_HOST], ocsp: &[&url] }, None);
            assert_commands_inert(&r, &shell::expected_calls(&[], &[], Some(GOOD_HOST)), &url);
            assert!(codes(&r).contains(&"capture-url-refused"), "{url:?}: {:?}", codes(&r));
            assert!(get_urls(&r).is_empty(), "{url:?}");
        }
    }
}

#[test]
fn valid_urls_with_shell_syntax_stay_one_argument() {
    let urls = [META_BUT_VALID_URL, "http://[2001:db8::1]:8080/ocsp", "http://ocsp.example.com"];
    let r = check(&Leaf { cn: "leaf", dns: &[GOOD_HOST], ocsp: &urls }, None);
    assert!(!codes(&r).iter().any(|c| c.starts_with("capture-")), "{:?}", codes(&r));
    let gets = get_urls(&r);
    assert_eq!(gets.len(), 3);
    assert!(gets[0].starts_with(&format!("{META_BUT_VALID_URL}/")), "{gets:?}");
    let gets: Vec<&str> = gets.iter().map(String::as_str).collect();
    assert_commands_inert(&r, &shell::expected_calls(&urls, &gets, Some(GOOD_HOST)), "valid URLs");
}

#[test]
fn san_payloads_get_no_s_client_command_and_a_finding() {
    for payload in PAYLOADS.iter().copied().chain([FENCE_BREAKER]) {
        let dns = format!("{payload}.example.com");
        let r = check(&Leaf { cn: "leaf", dns: &[&dns, GOOD_HOST], ocsp: &["http://ocsp.example.com"] }, None);
        let gets = get_urls(&r);
        let gets: Vec<&str> = gets.iter().map(String::as_str).collect();
        assert_commands_inert(&r, &shell::expected_calls(&["http://ocsp.example.com"], &gets, None), &dns);
        assert!(codes(&r).contains(&"capture-host-refused"), "{dns:?}: {:?}", codes(&r));
    }
}

#[test]
fn host_option_payloads_get_no_s_client_command_and_a_finding() {
    for payload in PAYLOADS.iter().copied().chain([FENCE_BREAKER, "example.com:443", "*.example.com"]) {
        let r = check(&Leaf { cn: "leaf", dns: &[GOOD_HOST], ocsp: &[] }, Some(payload));
        assert_commands_inert(&r, &[], payload);
        assert!(codes(&r).contains(&"capture-host-refused"), "{payload:?}: {:?}", codes(&r));
    }
    // An IPv6 address is connected to in brackets and named bare.
    let r = check(&Leaf { cn: "leaf", dns: &[GOOD_HOST], ocsp: &[] }, Some("2001:db8::1"));
    assert_commands_inert(&r, &shell::expected_calls(&[], &[], Some("2001:db8::1")), "IPv6 host");
}

#[test]
fn cn_payloads_never_reach_a_command() {
    for payload in PAYLOADS.iter().copied().chain([FENCE_BREAKER]) {
        // No DNS SAN: the command names a placeholder, never the CN.
        let r = check(&Leaf { cn: payload, dns: &[], ocsp: &["http://ocsp.example.com"] }, None);
        let gets = get_urls(&r);
        let gets: Vec<&str> = gets.iter().map(String::as_str).collect();
        assert_commands_inert(&r, &shell::expected_calls(&["http://ocsp.example.com"], &gets, Some("HOST")), payload);
    }
}

/// Every payload at once, through both renderers: the Markdown's fenced
/// blocks all close, the capture block holds exactly the commands, and no
/// certificate text outside a block can open or close one.
#[test]
fn markdown_fences_hold_against_certificate_text() {
    let cn = format!("{FENCE_BREAKER}{}", PAYLOADS.join(""));
    let mut ocsp: Vec<String> = PAYLOADS.iter().map(|p| format!("http://ocsp.example.com/{p}")).collect();
    ocsp.push(format!("http://ocsp.example.com/{FENCE_BREAKER}"));
    ocsp.push(META_BUT_VALID_URL.to_string());
    let ocsp: Vec<&str> = ocsp.iter().map(String::as_str).collect();
    let dns = format!("{FENCE_BREAKER}.example.com");
    let r = check(&Leaf { cn: &cn, dns: &[&dns, GOOD_HOST], ocsp: &ocsp }, None);
    let commands = r.capture.as_ref().unwrap().commands.clone();

    let md = render_markdown(&r);
    let doc = shell::scan(&md);
    assert!(doc.blocks.iter().all(|(_, closed)| *closed), "an unclosed fence:\n{md}");
    assert!(doc.blocks.iter().any(|(body, _)| *body == commands), "the capture block is not the commands:\n{md}");
    for line in &doc.outside {
        assert!(!line.contains("```") && !line.contains("~~~"), "a fence-like run outside the blocks: {line:?}");
        assert!(!line.starts_with("# "), "certificate text made a heading: {line:?}");
        // A table row keeps its four cell borders: `|` in a value is escaped.
        if line.starts_with('|') {
            let borders = line.char_indices().filter(|&(i, c)| c == '|' && !line[..i].ends_with('\\')).count();
            assert_eq!(borders, 4, "a value split a table row: {line:?}");
        }
    }
    assert!(doc.outside.iter().any(|l| l.starts_with("| **Certificate** |") && l.contains("x\\|touch")), "{md}");
    // Plain text: the commands appear verbatim, indented, one per line.
    let text = render_text(&r);
    for c in &commands {
        assert!(text.lines().any(|l| l == format!("    {c}")), "{c:?} missing from\n{text}");
    }
    // Newlines in certificate text become spaces, so no line is the payload's.
    assert!(!text.lines().any(|l| l.trim_start().starts_with("# INJECTED") || l.trim() == "~~~~"), "{text}");
}

fn fixture_dir() -> PathBuf {
    common::data_path("commands")
}

/// The CLI's fixture: every URL payload in the AIA, a payload as the first
/// DNS name (then a good one) and in the CN.
fn fixture_pem() -> String {
    let mut ocsp: Vec<String> = PAYLOADS.iter().map(|p| format!("http://ocsp.example.com/{p}")).collect();
    ocsp.push(format!("http://ocsp.example.com/{FENCE_BREAKER}"));
    ocsp.push(META_BUT_VALID_URL.to_string());
    let ocsp: Vec<&str> = ocsp.iter().map(String::as_str).collect();
    let cn = format!("{FENCE_BREAKER}$(touch MARK)");
    chain_pem(&Leaf { cn: &cn, dns: &["$(touch MARK).example.com", GOOD_HOST], ocsp: &ocsp })
}

#[test]
fn commands_fixture_is_current() {
    let path = fixture_dir().join("hostile-commands.pem");
    let want = fixture_pem();
    let have = std::fs::read_to_string(&path).unwrap_or_default();
    if have != want {
        if std::env::var_os("CERTSCOPE_BLESS").is_some_and(|v| v == "1") {
            std::fs::create_dir_all(fixture_dir()).expect("fixture dir");
            std::fs::write(&path, &want).expect("write fixture");
        } else {
            panic!("{} is out of date: run CERTSCOPE_BLESS=1 cargo test -p certscope --test commands", path.display());
        }
    }
}
