//! The input stage end to end: every format, every problem, every limit.

use super::collect::MAX_FINDINGS_PER_INPUT;
use super::*;
use crate::options::Limits;
use crate::report::Encoding;
use crate::report::Encoding::{Base64, Der, Hex, Pem, Pkcs7, Transcript};

fn data(name: &str) -> Vec<u8> {
    crate::test_data::by_name(name)
}

fn run(inputs: &[Input]) -> (Decoded, Vec<Finding>) {
    run_with(inputs, &Limits::default())
}

fn run_with(inputs: &[Input], limits: &Limits) -> (Decoded, Vec<Finding>) {
    let mut findings = Vec::new();
    let decoded = decode_inputs(inputs, &mut Work::new(limits), Stage::Input, &mut findings);
    (decoded, findings)
}

fn named(name: &str) -> Input {
    Input::bytes(Some(name.to_string()), data(name))
}

fn codes(findings: &[Finding]) -> Vec<&'static str> {
    findings.iter().map(|f| f.code.code()).collect()
}

fn blocks(objects: &[RawObject]) -> Vec<(usize, usize, Encoding)> {
    objects.iter().map(|o| (o.source.input, o.source.block, o.source.encoding)).collect()
}

#[test]
fn pem_chain_with_garbage_gives_two_certificates_and_keeps_the_key_aside() {
    let (d, f) = run(&[named("cryptography.io.chain_with_garbage.pem")]);
    assert_eq!(blocks(&d.certs), [(0, 1, Pem), (0, 2, Pem)]);
    // The key goes to the key-match check only, never with the objects.
    assert!(f.is_empty(), "{f:?}");
    assert_eq!(d.keys.len(), 1);
    assert_eq!(d.keys[0].source.block, 3);
    assert_eq!(d.inputs[0].certificates, 2);
    assert_eq!(d.inputs[0].found, "2 certificates, 1 private key (PEM)");
    // The DER is the base64 body, byte for byte.
    assert_eq!(d.certs[0].der.len(), 0x5bd + 4);
}

#[test]
fn der_certificate_and_crl_are_classified() {
    let (d, f) = run(&[
        named("valid.rootca1.demo.amazontrust.com.cer"),
        named("AmazonRootCA1.cer"),
        named("rootca1.crl"),
        named("e2m01.crl"),
    ]);
    assert!(f.is_empty(), "{f:?}");
    assert_eq!(blocks(&d.certs), [(0, 1, Der), (1, 1, Der)]);
    assert_eq!(blocks(&d.crls), [(2, 1, Der), (3, 1, Der)]);
    assert_eq!(d.certs[0].der, data("valid.rootca1.demo.amazontrust.com.cer"));
    assert_eq!(d.crls[0].der, data("rootca1.crl"));
}

#[test]
fn ocsp_responses_in_der_and_base64_are_found() {
    let (d, f) = run(&[named("D1.ors"), named("resp-sha256.der"), named("resp-unauthorized.der")]);
    assert!(f.is_empty(), "{f:?}");
    assert_eq!(blocks(&d.ocsp), [(0, 1, Base64), (1, 1, Der), (2, 1, Der)]);
    assert_eq!(d.ocsp[0].der, data("D1.der"));
    assert_eq!(d.inputs[0].found, "1 OCSP response (base64)");
}

#[test]
fn base64url_without_padding_and_hex_are_found() {
    use ::base64::Engine;
    let der = data("D1.der");
    let url = ::base64::engine::general_purpose::URL_SAFE_NO_PAD.encode(&der);
    let hex: String = der.iter().map(|b| format!("{b:02x}")).collect();
    let (d, f) = run(&[Input::text(&url), Input::text(&format!("response: \n{hex}\n"))]);
    assert!(f.is_empty(), "{f:?}");
    assert_eq!(blocks(&d.ocsp), [(0, 1, Base64), (1, 1, Hex)]);
    assert!(d.ocsp.iter().all(|o| o.der == der));
}

#[test]
fn pkcs7_ber_der_and_pem_give_the_same_certificates() {
    let (d, f) = run(&[named("amazon-roots.p7b"), named("amazon-roots.der"), named("isrg.pem")]);
    assert!(f.is_empty(), "{f:?}");
    assert_eq!(blocks(&d.certs), [(0, 1, Pkcs7), (0, 2, Pkcs7), (1, 1, Pkcs7), (1, 2, Pkcs7), (2, 1, Pkcs7)]);
    assert_eq!(d.certs[0].der, d.certs[2].der);
    assert_eq!(d.certs[1].der, d.certs[3].der);
    assert_eq!(d.inputs[0].found, "2 certificates (PKCS#7)");
}

#[test]
fn stapled_transcript_gives_chain_and_text_status() {
    let (d, f) = run(&[named("s_client-status-stapled.txt")]);
    assert!(f.is_empty(), "{f:?}");
    // The responder certificate printed inside the OCSP text is not part of the chain.
    assert_eq!(blocks(&d.certs), [(0, 2, Transcript), (0, 3, Transcript)]);
    assert_eq!(d.certs[1].der, pem_der(&data("D1_Issuer_ICA.pem")));
    let t = d.transcript.unwrap();
    let TranscriptOcsp::Stapled { claim } = t.ocsp else { panic!("not stapled: {:?}", t.ocsp) };
    assert_eq!(claim.response_status.as_deref(), Some("successful"));
    assert_eq!(claim.singles.len(), 1);
    assert_eq!(claim.singles[0].cert_status.as_deref(), Some("good"));
    assert_eq!(claim.singles[0].this_update.as_deref(), Some("Oct 23 07:00:00 2012 GMT"));
    assert_eq!(claim.singles[0].next_update.as_deref(), Some("Oct 30 08:00:00 2012 GMT"));
    assert_eq!((t.staple_der, t.staple_source), (None, None));
    assert_eq!(d.inputs[0].found, "2 certificates, an OCSP response as text only (openssl s_client transcript)");
}

fn pem_der(pem: &[u8]) -> Vec<u8> {
    let (_, der) = x509_cert::der::pem::decode_vec(pem).unwrap();
    der
}

#[test]
fn transcript_stapling_states() {
    let (d, f) = run(&[named("s_client-status-not-sent.txt")]);
    assert!(f.is_empty(), "{f:?}");
    assert_eq!(d.certs.len(), 2);
    assert_eq!(d.transcript.map(|t| t.ocsp), Some(TranscriptOcsp::NotSent));
    let (d, f) = run(&[named("s_client-no-status-crlf.txt")]);
    assert!(f.is_empty(), "{f:?}");
    assert_eq!(d.certs.len(), 2);
    assert_eq!(d.transcript.map(|t| t.ocsp), Some(TranscriptOcsp::NotRequested));
}

#[test]
fn mixed_paste_finds_every_kind() {
    let mut text = String::from_utf8(data("google.com.chain.pem")).unwrap();
    text.push_str("\nstapled response from the nginx log:\n");
    text.push_str(std::str::from_utf8(&data("D1.ors")).unwrap());
    text.push_str("\n-----BEGIN X509 CRL-----\n");
    use ::base64::Engine;
    text.push_str(&::base64::engine::general_purpose::STANDARD.encode(data("e2m01.crl")));
    text.push_str("\n-----END X509 CRL-----\n");
    let (d, f) = run(&[Input::text(&text)]);
    assert!(f.is_empty(), "{f:?}");
    assert_eq!(blocks(&d.certs), [(0, 1, Pem), (0, 2, Pem)]);
    assert_eq!(blocks(&d.ocsp), [(0, 3, Base64)]);
    assert_eq!(blocks(&d.crls), [(0, 4, Pem)]);
    assert_eq!(d.inputs[0].found, "2 certificates, 1 OCSP response, 1 CRL (PEM, base64)");
}

#[test]
fn base64_of_a_pem_file_is_opened() {
    use ::base64::Engine;
    // As `kubectl get secret -o jsonpath='{.data.tls\.crt}'` prints it.
    let wrapped = ::base64::engine::general_purpose::STANDARD.encode(data("google.com.chain.pem"));
    let (d, f) = run(&[Input::text(&wrapped)]);
    assert!(f.is_empty(), "{f:?}");
    assert_eq!(blocks(&d.certs), [(0, 1, Pem), (0, 2, Pem)]);
}

#[test]
fn shape_overrides_a_wrong_label_and_garbage_is_not_handed_on() {
    use ::base64::Engine;
    let crl = ::base64::engine::general_purpose::STANDARD.encode(data("e2m01.crl"));
    let text = format!("-----BEGIN CERTIFICATE-----\n{crl}\n-----END CERTIFICATE-----\n-----BEGIN OCSP RESPONSE-----\nLS0tLS1CRUdJTiBDRVJU\n-----END OCSP RESPONSE-----\n");
    let (d, f) = run(&[Input::text(&text)]);
    assert_eq!(blocks(&d.crls), [(0, 1, Pem)]);
    assert!(d.certs.is_empty() && d.ocsp.is_empty());
    assert_eq!(codes(&f), ["input-unrecognized"]);
}

#[test]
fn cut_off_pem_block_is_truncated_and_the_rest_still_decodes() {
    let text = String::from_utf8(data("bing.com.chain.pem")).unwrap();
    // Drop the END line of the second block and a few lines before it.
    let mut ends = text.match_indices("-----END CERTIFICATE-----").map(|(i, _)| i);
    let (_, second_end) = (ends.next().unwrap(), ends.next().unwrap());
    let cut = text[..second_end].rfind('\n').unwrap();
    let cut = text[..cut - 200].rfind('\n').unwrap();
    let after = &text[second_end + "-----END CERTIFICATE-----".len()..];
    let broken = format!("{}\n{}", &text[..cut], after);
    let (d, f) = run(&[Input::bytes(Some("chain.pem".into()), broken.into_bytes())]);
    assert_eq!(codes(&f), ["input-truncated"]);
    assert!(f[0].message.starts_with("chain.pem: block 2 of 3"), "{}", f[0].message);
    assert_eq!(blocks(&d.certs), [(0, 1, Pem), (0, 3, Pem)]);
}

#[test]
fn cut_off_der_is_truncated() {
    let der = data("AmazonRootCA1.cer");
    let (d, f) = run(&[Input::bytes(Some("root.cer".into()), der[..500].to_vec())]);
    assert_eq!(codes(&f), ["input-truncated"]);
    assert!(d.certs.is_empty());
    // A PEM block whose body lost lines in the middle.
    let pem = String::from_utf8(data("D1_Issuer_ICA.pem")).unwrap();
    let lines: Vec<&str> = pem.lines().collect();
    let short = [&lines[..5], &lines[lines.len() - 1..]].concat().join("\n");
    let (d, f) = run(&[Input::text(&short)]);
    assert_eq!(codes(&f), ["input-truncated"]);
    assert!(d.certs.is_empty());
}

/// The same broken element gives the same code and sentence whether it
/// came as binary, in a PEM block or as bare base64.
#[test]
fn a_broken_element_reads_the_same_in_every_wrapping() {
    use ::base64::Engine;
    let b64 = |der: &[u8]| ::base64::engine::general_purpose::STANDARD.encode(der);
    let cut = data("AmazonRootCA1.cer")[..500].to_vec();
    // An indefinite-length OCSPResponse that lost its end-of-contents.
    let open = vec![0x30, 0x80, 0x0a, 0x01, 0x00];
    for (der, code, says) in [
        (cut, Code::InputTruncated, "is a certificate cut off after 500 bytes: its DER header announces"),
        (
            open,
            Code::InputTruncated,
            "is an OCSP response cut off after 5 bytes: an element inside it runs past its end.",
        ),
    ] {
        let pem = format!("-----BEGIN CERTIFICATE-----\n{}\n-----END CERTIFICATE-----\n", b64(&der));
        let wrapped = [Input::bytes(None, der.clone()), Input::text(&pem), Input::text(&b64(&der))];
        for input in wrapped {
            let (d, f) = run(std::slice::from_ref(&input));
            assert!(d.certs.is_empty() && d.ocsp.is_empty());
            assert_eq!(f.iter().map(|f| f.code).collect::<Vec<_>>(), [code], "{f:?}");
            assert!(f[0].message.contains(says), "{}", f[0].message);
        }
    }
}

#[test]
fn empty_and_unrecognised_inputs_are_reported() {
    let (_, f) = run(&[]);
    assert_eq!(codes(&f), ["input-empty"]);
    let (d, f) = run(&[
        Input::text("  \r\n"),
        Input::text("hello, this is not a certificate"),
        Input::bytes(None, vec![0x50, 0x4b, 0x03, 0x04, 0x14]),
    ]);
    assert_eq!(codes(&f), ["input-empty", "input-unrecognized", "input-unrecognized"]);
    assert_eq!(d.inputs.len(), 3);
    assert_eq!(d.inputs[1].found, "nothing recognised");
}

#[test]
fn stray_control_bytes_around_text_are_dropped() {
    let pem = data("google.com.chain.pem");
    for junk in [&b"\0\0\0"[..], b"\x1a"] {
        let (d, f) = run(&[Input::bytes(None, [&pem[..], junk].concat())]);
        assert_eq!(d.certs.len(), 2, "{f:?}");
        assert!(f.is_empty(), "{f:?}");
        let (d, _) = run(&[Input::bytes(None, [junk, &pem[..]].concat())]);
        assert_eq!(d.certs.len(), 2);
    }
    // DER keeps being DER, with or without trailing zeros.
    let der = data("AmazonRootCA1.cer");
    let (d, f) = run(&[Input::bytes(None, [&der[..], b"\0\0"].concat())]);
    assert_eq!(d.certs.len(), 1, "{f:?}");
}

#[test]
fn ocsp_hint_accepts_any_encoding_and_rejects_other_objects() {
    let ors = Input::ocsp(Some("D1.ors".into()), data("D1.ors"));
    let cert = Input::ocsp(Some("leaf.pem".into()), data("D1_Cert_EE.pem"));
    let text = Input::ocsp(Some("notes.txt".into()), b"the responder said tryLater".to_vec());
    let (d, f) = run(&[ors, cert, text]);
    assert_eq!(blocks(&d.ocsp), [(0, 1, Base64)]);
    assert!(d.certs.is_empty());
    assert_eq!(codes(&f), ["ocsp-unparseable", "ocsp-unparseable"]);
}

#[test]
fn limits_stop_reading_but_keep_what_decoded() {
    let chain = named("google.com.chain.pem");
    let limits = Limits { max_input_bytes: chain.bytes.len() + 10, ..Limits::default() };
    let (d, f) = run_with(&[chain.clone(), named("AmazonRootCA1.cer")], &limits);
    assert_eq!(d.certs.len(), 2);
    assert!(codes(&f).contains(&"input-too-large"), "{f:?}");
    let limits = Limits { max_objects: 1, ..Limits::default() };
    let (d, f) = run_with(&[chain], &limits);
    assert_eq!(d.certs.len(), 1);
    assert_eq!(codes(&f), ["input-too-many-objects"]);
}

#[test]
fn csr_and_key_blocks_are_set_aside_for_their_checks() {
    let text = "-----BEGIN CERTIFICATE REQUEST-----\nMAMKAQM=\n-----END CERTIFICATE REQUEST-----\n-----BEGIN EC PRIVATE KEY-----\nc2VjcmV0\n-----END EC PRIVATE KEY-----\n";
    let (d, f) = run(&[Input::text(text)]);
    assert!(f.is_empty(), "{f:?}");
    assert!(d.certs.is_empty());
    // These CSR bytes are shaped like an OCSP response, and the shape wins.
    assert_eq!(d.ocsp.len(), 1);
    // Not DER, but a key all the same: `key-unreadable` will say why.
    assert_eq!(d.keys.len(), 1);
    assert!(!format!("{d:?}").contains("secret"));
}

#[test]
fn many_broken_blocks_stay_fast_and_are_summarised() {
    // Scanning for END past the next BEGIN made this quadratic once:
    // tens of minutes instead of about a second (debug build); the
    // bound leaves room for a loaded CI machine.
    let text = "-----BEGIN CERTIFICATE-----\nMIIB\n".repeat(50_000);
    let started = std::time::Instant::now();
    let (d, f) = run(&[Input::text(&text)]);
    assert!(started.elapsed() < std::time::Duration::from_secs(30), "{:?}", started.elapsed());
    assert!(d.certs.is_empty());
    assert_eq!(f.len(), MAX_FINDINGS_PER_INPUT + 1);
    assert!(f.iter().all(|f| f.code == Code::InputTruncated));
}

/// xorshift64*: deterministic, no dependency.
struct Rng(u64);
impl Rng {
    fn next(&mut self) -> u64 {
        self.0 ^= self.0 >> 12;
        self.0 ^= self.0 << 25;
        self.0 ^= self.0 >> 27;
        self.0.wrapping_mul(0x2545_f491_4f6c_dd1d)
    }
    fn below(&mut self, n: usize) -> usize {
        (self.next() % n.max(1) as u64) as usize
    }
}

#[test]
fn random_and_mutated_bytes_never_panic() {
    let seeds = [
        "cryptography.io.chain_with_garbage.pem",
        "AmazonRootCA1.cer",
        "rootca1.crl",
        "D1.ors",
        "D1.der",
        "amazon-roots.p7b",
        "amazon-roots.der",
        "isrg.pem",
        "s_client-status-stapled.txt",
    ]
    .map(data);
    let mut rng = Rng(0x9e37_79b9_7f4a_7c15);
    for round in 0..3000 {
        let mut bytes = if round % 10 == 0 {
            (0..rng.below(600)).map(|_| rng.next() as u8).collect()
        } else {
            seeds[rng.below(seeds.len())].clone()
        };
        for _ in 0..1 + rng.below(8) {
            let len = bytes.len();
            match rng.below(5) {
                0 if len > 0 => {
                    let i = rng.below(len);
                    bytes[i] ^= 1 << rng.below(8);
                }
                1 if len > 0 => bytes.truncate(rng.below(len)),
                2 => {
                    let i = rng.below(len + 1);
                    bytes.insert(i, [0x00, 0x30, 0x80, 0xff, b'-', b'\n'][rng.below(6)]);
                }
                3 if len > 0 => {
                    let i = rng.below(len);
                    bytes[i] = rng.next() as u8;
                }
                _ if len > 1 => {
                    let i = rng.below(len);
                    bytes.remove(i);
                }
                _ => {}
            }
        }
        let hint = if round % 7 == 0 { InputHint::OcspResponse } else { InputHint::Any };
        let input = Input { name: None, bytes, hint, password: None };
        let (_, f) = run(&[input]);
        assert!(f.iter().all(|f| !f.message.is_empty()));
    }
}
