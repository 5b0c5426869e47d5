//! The input stage through `analyze`: real files in every format reach the
//! report with their sources; broken input gives `input-*` findings.

mod common;

use certscope::report::Encoding;
use certscope::{analyze, Input, Options, Report, Timestamp};
use common::{codes, named, read as data};

fn opts() -> Options {
    // 2012-12-17, the verification time of the OpenSSL OCSP fixtures.
    Options::at(Timestamp::parse_rfc3339("2012-12-17T00:00:00Z").unwrap())
}

fn input_codes(report: &Report) -> Vec<&'static str> {
    codes(report).into_iter().filter(|c| c.starts_with("input-")).collect()
}

#[test]
fn every_format_reaches_the_report() {
    let inputs = [
        named("input/cryptography.io.chain_with_garbage.pem"),
        named("real/amazon/AmazonRootCA1.cer"),
        named("input/amazon-roots.p7b"),
        named("input/isrg.pem"),
        named("ocsp/D1.ors"),
        named("real/amazon/rootca1.crl"),
    ];
    let report = analyze(&inputs, &opts());
    let counts: Vec<(usize, usize, usize)> =
        report.inputs.iter().map(|i| (i.certificates, i.ocsp_responses, i.crls)).collect();
    assert_eq!(counts, [(2, 0, 0), (1, 0, 0), (2, 0, 0), (1, 0, 0), (0, 1, 0), (0, 0, 1)]);
    let sources: Vec<(usize, usize, Encoding)> =
        report.certificates.iter().map(|c| (c.source.input, c.source.block, c.source.encoding)).collect();
    use Encoding::{Der, Pem, Pkcs7};
    assert_eq!(sources, [(0, 1, Pem), (0, 2, Pem), (1, 1, Der), (2, 1, Pkcs7), (2, 2, Pkcs7), (3, 1, Pkcs7)]);
    // The dummy private key in the garbage file goes to the key-match
    // check (which cannot read it), not among the objects.
    assert!(input_codes(&report).is_empty(), "{:?}", report.findings);
    assert_eq!(report.keys.len(), 1);
}

#[test]
fn pkcs7_certificates_keep_file_order_and_bytes() {
    let report = analyze(&[named("input/amazon-roots.p7b")], &opts());
    let subjects: Vec<&str> = report.certificates.iter().map(|c| c.subject.as_str()).collect();
    // SOURCES.md: [1] Amazon Root CA 3, then Amazon Root CA 2.
    assert_eq!(subjects.len(), 2);
    assert!(subjects[0].contains("Amazon Root CA 3"), "{subjects:?}");
    let der_report = analyze(&[named("input/amazon-roots.der")], &opts());
    let fp = |r: &Report| r.certificates.iter().map(|c| c.sha256.clone()).collect::<Vec<_>>();
    assert_eq!(fp(&report), fp(&der_report));
}

#[test]
fn s_client_transcript_gives_its_chain() {
    let report = analyze(&[named("input/s_client-status-stapled.txt")], &opts());
    assert_eq!(report.certificates.len(), 2);
    assert!(report.certificates.iter().all(|c| c.source.encoding == Encoding::Transcript));
    assert_eq!(report.inputs[0].found, "2 certificates, an OCSP response as text only (openssl s_client transcript)");
    assert!(input_codes(&report).is_empty(), "{:?}", report.findings);
}

#[test]
fn broken_inputs_give_input_findings_and_keep_the_rest() {
    let der = data("real/amazon/AmazonRootCA1.cer");
    let inputs = [
        Input::bytes(Some("cut.cer".into()), der[..600].to_vec()),
        Input::text("   \n"),
        Input::text("Dear support, my certificate does not work."),
        named("limbo/online/google.com.chain.pem"),
    ];
    let report = analyze(&inputs, &opts());
    let mut got = input_codes(&report);
    got.sort_unstable();
    assert_eq!(got, ["input-empty", "input-truncated", "input-unrecognized"]);
    assert_eq!(report.certificates.len(), 2);
    assert!(report.certificates.iter().all(|c| c.source.input == 3));
}

#[test]
fn ocsp_flag_rejects_a_certificate() {
    let report = analyze(&[Input::ocsp(Some("leaf.pem".into()), data("ocsp/D1_Cert_EE.pem"))], &opts());
    assert!(codes(&report).contains(&"ocsp-unparseable"), "{:?}", report.findings);
    assert!(report.certificates.is_empty());
}

#[test]
fn pasted_pem_forms_give_the_same_certificates() {
    let plain = String::from_utf8(data("limbo/online/bing.com.chain.pem")).unwrap();
    let crlf_indented: String = plain.lines().map(|l| format!("    {l}\r\n")).collect();
    let quoted: String = plain.lines().map(|l| format!("> {l}\n")).collect();
    let one_line = plain.replace('\n', " ");
    let json = format!("{{\"chain\": \"{}\"}}", plain.replace('\n', "\\n"));
    let fingerprints = |text: &str| {
        let report = analyze(&[Input::text(text)], &opts());
        assert!(input_codes(&report).is_empty(), "{:?}", report.findings);
        report.certificates.iter().map(|c| c.sha256.clone()).collect::<Vec<_>>()
    };
    let want = fingerprints(&plain);
    assert_eq!(want.len(), 3);
    for form in [&crlf_indented, &quoted, &one_line, &json] {
        assert_eq!(fingerprints(form), want);
    }
}

#[test]
fn trusted_certificate_gives_the_certificate_without_its_trust_settings() {
    let report = analyze(&[named("input/D1_Issuer_ICA.trusted.pem"), named("ocsp/D1_Issuer_ICA.pem")], &opts());
    assert_eq!(report.certificates.len(), 2);
    assert_eq!(report.certificates[0].sha256, report.certificates[1].sha256);
    assert!(input_codes(&report).is_empty(), "{:?}", report.findings);
}

#[test]
fn private_keys_are_set_aside_and_never_echoed() {
    let key = data("input/throwaway-encrypted-key.pem");
    let body_line = String::from_utf8(key.clone()).unwrap().lines().nth(4).unwrap().to_string();
    let mut text = key;
    text.extend(data("ocsp/D1_Cert_EE.pem"));
    let report = analyze(&[Input::bytes(Some("server.pem".into()), text)], &opts());
    assert_eq!(report.certificates.len(), 1);
    assert!(input_codes(&report).is_empty(), "{:?}", report.findings);
    assert_eq!(report.keys.len(), 1);
    let json = serde_json::to_string(&report).unwrap();
    assert!(!json.contains(&body_line[..20]));
}

#[test]
fn pkcs7_bundle_carries_certificates_and_a_crl() {
    let report =
        analyze(&[named("input/google-chain-and-crl.p7b"), named("limbo/online/google.com.chain.pem")], &opts());
    let counts: Vec<(usize, usize, usize)> =
        report.inputs.iter().map(|i| (i.certificates, i.ocsp_responses, i.crls)).collect();
    assert_eq!(counts, [(2, 0, 1), (2, 0, 0)]);
    assert_eq!(report.certificates[0].sha256, report.certificates[2].sha256);
    assert_eq!(report.certificates[1].sha256, report.certificates[3].sha256);
    assert_eq!(report.crls.len(), 1);
    assert_eq!(report.crls[0].source.encoding, Encoding::Pkcs7);
}

#[test]
fn powershell_utf16_transcript_is_read() {
    // `openssl s_client … > out.txt` in Windows PowerShell 5 writes UTF-16LE with a BOM.
    let text = String::from_utf8(data("input/s_client-status-not-sent.txt")).unwrap();
    let mut bytes = vec![0xff, 0xfe];
    bytes.extend(text.encode_utf16().flat_map(u16::to_le_bytes));
    let report = analyze(&[Input::bytes(Some("out.txt".into()), bytes)], &opts());
    assert_eq!(report.certificates.len(), 2);
    assert!(input_codes(&report).is_empty(), "{:?}", report.findings);
}

#[test]
fn requests_are_noted_not_mistaken() {
    let report = analyze(&[named("input/ocsp-request.der"), named("input/throwaway.csr.der")], &opts());
    assert_eq!(input_codes(&report), ["input-unsupported-object"]);
    assert!(report.certificates.is_empty() && report.ocsp.is_none());
    // The CSR is read as one (tests/csr.rs), not mistaken for a certificate.
    assert_eq!(report.requests.len(), 1);
    let report = analyze(&[Input::ocsp(Some("req.der".into()), data("input/ocsp-request.der"))], &opts());
    assert!(codes(&report).contains(&"ocsp-unparseable"), "{:?}", report.findings);
}
