//! A set of malformed inputs like the hidden ones issue 6 is judged by
//! (truncated, bit-flipped, deeply nested, oversize, huge integers, odd
//! encodings, wrong PEM labels, empty input), generated from real fixtures
//! rather than committed as megabytes of files. Each must give a report
//! with a clear error (or, for a valid object in an odd encoding, decode),
//! quickly.
//!
//! `CERTSCOPE_MALFORMED_DIR=DIR cargo test -p certscope --test malformed`
//! also writes every case to DIR (`NN-name.in`, or `NN-name.ocsp` for an
//! `--ocsp` input), so the release CLI can be timed on the same set:
//! docs/robustness.md has the command and the numbers.

mod common;
mod forge;

use base64::Engine as _;
use certscope::{analyze, Input, Options, Report, Severity, Timestamp};
use common::codes;
use common::read as data;
use std::time::{Duration, Instant};

/// What a case must produce besides a report.
#[derive(Clone, Copy, Debug, PartialEq)]
enum Expect {
    /// At least one error-severity finding.
    Error,
    /// A valid object in an odd encoding: it decodes, with no input error.
    Decodes,
    /// Only a report, quickly: the damage may leave a valid-looking object
    /// (see the case).
    Report,
}

struct Case {
    name: String,
    bytes: Vec<u8>,
    /// Given as the OCSP input (the CLI's `--ocsp`), beside its chain.
    ocsp: bool,
    expect: Expect,
}

fn case(name: impl Into<String>, bytes: Vec<u8>, expect: Expect) -> Case {
    Case { name: name.into(), bytes, ocsp: false, expect }
}

/// The chain an `--ocsp` case is given with (the D1 response's leaf and issuer).
const OCSP_CHAIN: [&str; 2] = ["ocsp/D1_Cert_EE.pem", "ocsp/D1_Issuer_ICA.pem"];

fn utf16(text: &str, big_endian: bool) -> Vec<u8> {
    let mut out = if big_endian { vec![0xfe, 0xff] } else { vec![0xff, 0xfe] };
    for unit in text.encode_utf16() {
        out.extend(if big_endian { unit.to_be_bytes() } else { unit.to_le_bytes() });
    }
    out
}

fn full_size() -> bool {
    !cfg!(debug_assertions) || std::env::var_os("CERTSCOPE_MALFORMED_DIR").is_some()
}

fn cases() -> Vec<Case> {
    use Expect::{Decodes, Error, Report};
    let mut out = Vec::new();
    let chain = data("limbo/online/google.com.chain.pem");
    let chain_text = String::from_utf8(chain.clone()).unwrap();
    let der_seeds = [
        ("cert", data("real/amazon/valid.rootca1.demo.amazontrust.com.cer")),
        ("ocsp", data("ocsp/D1.der")),
        ("crl", data("real/amazon/rootca1.crl")),
        ("p7b-ber", data("input/amazon-roots.p7b")),
        ("p7b-der", data("input/amazon-roots.der")),
    ];

    // Empty and blank.
    out.push(case("empty", Vec::new(), Error));
    out.push(case("blank", b" \r\n\t\n".to_vec(), Error));
    out.push(case("zeros", vec![0; 4096], Error));
    out.push(case("utf16-bom-only", vec![0xff, 0xfe], Error));

    // Truncated: DER at a tenth, a half and one byte short; PEM mid-block;
    // a transcript mid-certificate.
    for (name, der) in &der_seeds {
        for (at, label) in [(der.len() / 10, "tenth"), (der.len() / 2, "half"), (der.len() - 1, "last-byte")] {
            out.push(case(format!("truncated-{name}-{label}"), der[..at].to_vec(), Error));
        }
    }
    out.push(case("truncated-pem-chain", chain[..chain.len() * 3 / 4].to_vec(), Error));
    let transcript = data("input/s_client-status-stapled.txt");
    out.push(case("truncated-transcript", transcript[..transcript.len() / 3].to_vec(), Error));
    let ocsp = data("ocsp/D1.der");
    out.push(Case {
        name: "truncated-ocsp-as-ocsp".into(),
        bytes: ocsp[..ocsp.len() / 2].to_vec(),
        ocsp: true,
        expect: Error,
    });
    let ors = String::from_utf8(data("ocsp/D1.ors")).unwrap();
    out.push(Case {
        name: "truncated-ocsp-base64".into(),
        bytes: ors.trim().as_bytes()[..ors.len() / 2].to_vec(),
        ocsp: true,
        expect: Error,
    });

    // Bit flips spread over each DER object (header, body, signature).
    for (name, der) in &der_seeds {
        for k in 0..6 {
            let mut flipped = der.clone();
            let at = [1, 5, der.len() / 3, der.len() / 2, der.len() * 4 / 5, der.len() - 3][k];
            flipped[at] ^= 0x10 << (k % 4);
            // The bundles hold only roots that Mozilla's store also has: a
            // pasted copy is trusted by name and key (RFC 5280 §6.1.1 (d)),
            // so a flip outside them leaves nothing wrong to report.
            let expect = if name.starts_with("p7b") { Report } else { Error };
            out.push(case(format!("bitflip-{name}-{at}"), flipped, expect));
        }
    }

    // Deep nesting: indefinite (recursion bait), definite, and inside PEM.
    out.push(case("nested-indefinite-100k", [0x30u8, 0x80].repeat(100_000), Error));
    let mut definite = vec![0x05, 0x00];
    for _ in 0..2_000 {
        definite = forge::tlv(0x30, &definite);
    }
    out.push(case("nested-definite-2000", definite.clone(), Error));
    out.push(case("nested-definite-pem", forge::pem("CERTIFICATE", &definite).into_bytes(), Error));
    let mut p7 = vec![0x30, 0x80, 0x06, 0x09, 0x2a, 0x86, 0x48, 0x86, 0xf7, 0x0d, 0x01, 0x07, 0x02, 0xa0, 0x80];
    p7.extend([0x30u8, 0x80].repeat(64));
    p7.extend(vec![0u8; 2 * 66]);
    out.push(case("nested-pkcs7-66", forge::pem("PKCS7", &p7).into_bytes(), Error));

    // Oversize: past the input cap, past the object cap, past the object count.
    out.push(case("oversize-9mib", chain_text.repeat(9 * 1024 * 1024 / chain.len() + 1).into_bytes(), Error));
    out.push(case("oversize-certificate", forge::with_extensions(1, 300 * 1024), Error));
    let small = forge::pem("CERTIFICATE", &data("real/amazon/AmazonRootCA1.cer"));
    out.push(case("oversize-2001-objects", small.repeat(2001).into_bytes(), Error));
    // 8 MiB of text that is almost PEM or base64: BEGIN lines run together
    // (quadratic once: minutes), and base64 lines that are not DER (each
    // decoded seven times once).
    // Full size when writing the set out for the release CLI; a quarter
    // in debug test runs (still minutes if the scan were quadratic).
    let eight = if full_size() { 8 * 1024 * 1024 - 100 } else { 2 * 1024 * 1024 };
    out.push(case("oversize-begin-lines", "-----BEGIN CERTIFICATE-----".repeat(eight / 27).into_bytes(), Error));
    out.push(case("oversize-base64-lines", format!("{}\n", "MIIB".repeat(16)).repeat(eight / 65).into_bytes(), Error));
    out.push(case("oversize-length-2^63", vec![0x30, 0x88, 0x7f, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff], Error));
    out.push(case("oversize-name", forge::with_subject(1, 20_000), Error));
    out.push(case("oversize-extensions", forge::with_extensions(200, 8), Error));

    // Huge integers.
    out.push(case("huge-rsa-modulus-100000", forge::with_rsa_key(100_000, 17), Error));
    out.push(case("huge-rsa-exponent-10000", forge::with_rsa_key(2048, 10_000), Error));
    // A root whose serial grew: nonconformant (a warning), and still
    // Mozilla's Amazon Root CA 1 by name and key.
    out.push(case("huge-serial-10000", forge::with_serial(10_000), Report));

    // Odd encodings of valid objects: these must decode.
    out.push(case("utf16le-bom-chain", utf16(&chain_text, false), Decodes));
    out.push(case("utf16be-bom-chain", utf16(&chain_text, true), Decodes));
    out.push(case("utf8-bom-chain", [&[0xef, 0xbb, 0xbf][..], &chain].concat(), Decodes));
    out.push(case("crlf-chain", chain_text.replace('\n', "\r\n").into_bytes(), Decodes));
    // A C string's NUL terminator, DOS's Ctrl-Z end-of-file mark.
    out.push(case("nul-terminated-chain", [&chain[..], b"\0"].concat(), Decodes));
    out.push(case("ctrl-z-after-chain", [&chain[..], b"\x1a"].concat(), Decodes));
    out.push(case("ber-indefinite-p7b", data("input/amazon-roots.p7b"), Decodes));
    let cert = data("real/amazon/AmazonRootCA1.cer");
    out.push(case("base64-no-armor", base64::engine::general_purpose::STANDARD.encode(&cert).into_bytes(), Decodes));
    out.push(case(
        "crl-labelled-certificate",
        forge::pem("CERTIFICATE", &data("real/amazon/rootca1.crl")).into_bytes(),
        Decodes,
    ));

    // Odd encodings that break the object.
    let b64 = base64::engine::general_purpose::STANDARD.encode(&cert);
    let junk: String =
        b64.chars().enumerate().flat_map(|(i, c)| if i % 50 == 49 { vec![c, '*'] } else { vec![c] }).collect();
    // The PEM scanner keeps only base64 characters, so junk among them
    // (a mail client's quoting, a stray `*`) still decodes.
    out.push(case(
        "base64-with-junk",
        format!("-----BEGIN CERTIFICATE-----\n{junk}\n-----END CERTIFICATE-----\n").into_bytes(),
        Decodes,
    ));
    out.push(case("pem-label-unknown", forge::pem("FOO BAR", &cert).into_bytes(), Error));
    out.push(case("pem-label-private-key", forge::pem("PRIVATE KEY", &cert).into_bytes(), Error));
    out.push(case(
        "pem-label-mismatched-end",
        chain_text.replacen("END CERTIFICATE", "END X509 CRL", 1).into_bytes(),
        Decodes,
    ));
    out.push(case("utf16-no-bom", chain_text.encode_utf16().flat_map(u16::to_le_bytes).collect(), Decodes));
    out.push(case(
        "pem-body-not-der",
        "-----BEGIN CERTIFICATE-----\naGVsbG8gd29ybGQ=\n-----END CERTIFICATE-----\n".as_bytes().to_vec(),
        Error,
    ));
    out.push(case("random-bytes", (0..5000u32).map(|i| (i.wrapping_mul(2_654_435_761) >> 13) as u8).collect(), Error));
    out
}

fn inputs(c: &Case) -> Vec<Input> {
    if c.ocsp {
        let mut v: Vec<Input> = OCSP_CHAIN.iter().map(|f| Input::bytes(Some(f.to_string()), data(f))).collect();
        v.push(Input::ocsp(Some(c.name.clone()), c.bytes.clone()));
        v
    } else {
        vec![Input::bytes(Some(c.name.clone()), c.bytes.clone())]
    }
}

/// Input problems a person must fix before anything else means much.
fn is_input_error(code: &str) -> bool {
    code.starts_with("input-") && code != "input-unsupported-object" && code != "input-nonconformant"
}

#[test]
fn every_malformed_input_gives_a_clear_error_quickly() {
    let opts = Options::at(Timestamp::parse_rfc3339("2025-02-25T00:00:00Z").unwrap());
    // Issue 6: under a second (release; the CLI run in docs/robustness.md).
    // Debug builds are tens of times slower, and the 9 MiB case took 10 s
    // alone and 40 s beside a fuzzer and other tests: there the bound only
    // catches runaways.
    let limit = if cfg!(debug_assertions) { Duration::from_secs(120) } else { Duration::from_secs(1) };
    let dir = std::env::var_os("CERTSCOPE_MALFORMED_DIR").map(std::path::PathBuf::from);
    let mut problems = Vec::new();
    let mut slowest = (Duration::ZERO, String::new());
    let all = cases();
    for (i, c) in all.iter().enumerate() {
        if let Some(dir) = &dir {
            let ext = if c.ocsp { "ocsp" } else { "in" };
            std::fs::create_dir_all(dir).unwrap();
            std::fs::write(dir.join(format!("{i:02}-{}.{ext}", c.name)), &c.bytes).unwrap();
        }
        let started = Instant::now();
        let r = analyze(&inputs(c), &opts);
        let took = started.elapsed();
        if took > slowest.0 {
            slowest = (took, c.name.clone());
        }
        let shown: Vec<&str> = codes(&r).into_iter().take(6).collect();
        println!("{:<32} {:>8.1?} {:>4} findings {shown:?}", c.name, took, r.findings.len());
        let errors: Vec<&str> =
            r.findings.iter().filter(|f| f.severity == Severity::Error).map(|f| f.code.code()).collect();
        let decoded = r.certificates.len() + r.crls.len() + r.inputs.iter().map(|i| i.ocsp_responses).sum::<usize>();
        match c.expect {
            Expect::Error if errors.is_empty() => {
                problems.push(format!("{}: no error finding: {:?}", c.name, codes(&r)))
            }
            Expect::Decodes if decoded == 0 || errors.iter().any(|c| is_input_error(c)) => {
                problems.push(format!("{}: did not decode cleanly: {:?}", c.name, codes(&r)))
            }
            _ => {}
        }
        if r.findings.iter().any(|f| f.message.trim().is_empty()) {
            problems.push(format!("{}: a finding without a message", c.name));
        }
        if took > limit {
            problems.push(format!("{}: took {took:?}", c.name));
        }
    }
    println!("{} cases; slowest {} in {:?}", all.len(), slowest.1, slowest.0);
    assert!(problems.is_empty(), "{}", problems.join("\n"));
}

fn run_one(name: &str) -> Report {
    let c = cases().into_iter().find(|c| c.name == name).unwrap_or_else(|| panic!("no case {name}"));
    let opts = Options::at(Timestamp::parse_rfc3339("2025-02-25T00:00:00Z").unwrap());
    analyze(&inputs(&c), &opts)
}

/// A cut-off OCSP response is named as one, not as "a DER object", in
/// DER and in base64, whether or not it was given as the OCSP input.
#[test]
fn truncated_ocsp_response_is_named_as_one() {
    for name in ["truncated-ocsp-half", "truncated-ocsp-as-ocsp", "truncated-ocsp-base64"] {
        let r = run_one(name);
        let f = r.findings.iter().find(|f| f.code.code() == "input-truncated");
        let f = f.unwrap_or_else(|| panic!("{name}: {:?}", codes(&r)));
        assert!(f.message.contains("OCSP response"), "{name}: {}", f.message);
    }
    let r = run_one("truncated-cert-half");
    let f = r.findings.iter().find(|f| f.code.code() == "input-truncated").unwrap();
    assert!(f.message.contains("certificate"), "{}", f.message);
}

/// The same chain pasted a thousand times: every copy past the first is
/// counted, not listed (once 2,000 duplicate-certificate findings buried
/// the report), and each distinct certificate's view is built once.
#[test]
fn oversize_paste_keeps_the_report_short() {
    let r = run_one("oversize-9mib");
    for code in ["input-too-large", "input-too-many-objects"] {
        assert!(codes(&r).contains(&code), "{:?}", codes(&r));
    }
    assert_eq!(r.certificates.len(), 2000);
    let duplicates = codes(&r).iter().filter(|c| **c == "duplicate-certificate").count();
    assert_eq!(duplicates, 21, "20 listed and one that counts the rest");
    assert!(r.findings.iter().any(|f| f.message.starts_with("1978 more certificates")), "{:?}", r.findings);
    assert_eq!(r.certificates[1999].index, 1999);
    assert_eq!(r.certificates[1999].sha256, r.certificates[1].sha256);
}

/// BER that is not UTF-8 but has no control octet (`30 80` repeated) was
/// read as text and called unrecognised; it is binary, nested too deeply.
#[test]
fn deep_indefinite_ber_without_control_octets_is_binary() {
    let r = run_one("nested-indefinite-100k");
    assert!(codes(&r).contains(&"input-nested-too-deeply"), "{:?}", codes(&r));
    let m = &r.findings.iter().find(|f| f.code.code() == "input-nested-too-deeply").unwrap().message;
    assert!(m.contains("100000 levels") && m.contains("at most 32"), "{m}");
}

/// UTF-16 without a byte order mark (some Windows tools) reads as text.
#[test]
fn utf16_without_bom_decodes() {
    let r = run_one("utf16-no-bom");
    assert_eq!(r.certificates.len(), 2, "{:?}", codes(&r));
}

/// 2,000 nested SEQUENCEs were called "an OCSP request" (skipped, info
/// only); a header announcing 2^63 bytes was "neither text nor DER". Both
/// are now errors that say what is wrong.
#[test]
fn nested_sequences_and_absurd_lengths_are_named() {
    let r = run_one("nested-definite-2000");
    assert!(codes(&r).contains(&"input-unrecognized"), "{:?}", codes(&r));
    assert!(r.findings.iter().all(|f| !f.message.contains("OCSP request")), "{:?}", r.findings);
    let r = run_one("oversize-length-2^63");
    let f = r.findings.iter().find(|f| f.code.code() == "input-unrecognized").unwrap();
    assert!(f.message.contains("announces 9223372036854775807 bytes"), "{}", f.message);
}

/// RFC 5280 §4.1.2.4: name attributes are strings, and a UTF8String holds
/// UTF-8. Amazon Root CA 1 with its CN made invalid UTF-8, then made an
/// INTEGER: each decodes, with an `input-nonconformant` warning naming the
/// attribute.
#[test]
fn name_attributes_that_are_not_strings_are_nonconformant() {
    use der::asn1::Any;
    use der::Tag;
    let with_cn = |tag: Tag, bytes: &[u8]| {
        forge::reencode(&forge::root_der(), |c| {
            for rdn in c.tbs_certificate.subject.0.iter_mut() {
                let mut atvs: Vec<_> = rdn.0.iter().cloned().collect();
                for atv in atvs.iter_mut().filter(|a| a.oid == const_oid::db::rfc4519::CN) {
                    atv.value = Any::new(tag, bytes.to_vec()).expect("any");
                }
                rdn.0 = atvs.try_into().expect("set");
            }
        })
    };
    for (der, problem) in [
        (with_cn(Tag::Utf8String, b"Amazon \xff\xfe Root"), "the subject's CN is a UTF8String that is not valid UTF-8"),
        (with_cn(Tag::Integer, b"\x01"), "the subject's CN is of type INTEGER, not a string type"),
    ] {
        let report = analyze(
            &[Input::bytes(None, der)],
            &Options::at(Timestamp::parse_rfc3339("2025-01-01T00:00:00Z").expect("time")),
        );
        assert_eq!(report.certificates.len(), 1, "{:?}", report.findings);
        let messages = common::messages(&report, "input-nonconformant");
        assert!(messages.iter().any(|m| m.contains(problem)), "{problem}: {:?}", report.findings);
        assert!(report
            .findings
            .iter()
            .all(|f| f.code.code() != "input-nonconformant" || f.severity == Severity::Warning));
    }
}

/// RFC 5280 §4.1.2.1 defines versions 0 to 2. Amazon Root CA 1 with its
/// version INTEGER set to 7 (tests/data/ranges/forge.py) still decodes, as
/// openssl decodes it ("Unknown (7)"), with a warning that says so.
#[test]
fn an_unknown_version_number_decodes_with_a_warning() {
    let report = analyze(
        &[Input::bytes(None, data("ranges/v8.pem"))],
        &Options::at(Timestamp::parse_rfc3339("2025-01-01T00:00:00Z").expect("time")),
    );
    assert_eq!(report.certificates.len(), 1, "{:?}", report.findings);
    assert_eq!(report.certificates[0].version, 8);
    let messages = common::messages(&report, "input-nonconformant");
    assert!(messages.iter().any(|m| m.contains("its version number is 7")), "{:?}", report.findings);
}
