//! Hostile input (issue 6): certificates whose text fields carry markup,
//! `javascript:` URLs, RTL overrides, control characters and a 10,000-
//! character name, and a 1,024-certificate loop of same-name cross-signed
//! CAs. The core must decode them without panic, carry the text verbatim
//! (escaping is the views' job: one place, not every check), and bound the
//! path search. Data: tests/data/hostile/make.sh.

mod common;
mod forge;

use certscope::{analyze, Input, Options, Report, Timestamp};
use common::codes;
use std::time::{Duration, Instant};

fn read(name: &str) -> Vec<u8> {
    common::read(&format!("hostile/{name}"))
}

/// Inside the certificates' fixed window (2025-01-01 to 2035-01-01).
fn at_2026() -> Options {
    Options::at(Timestamp::parse_rfc3339("2026-06-01T00:00:00Z").unwrap())
}

const RLO: char = '\u{202E}';

#[test]
fn hostile_text_fields_are_carried_verbatim() {
    let r = analyze(&[Input::bytes(Some("names.pem".into()), read("names.pem"))], &at_2026());
    assert_eq!(r.certificates.len(), 2, "{:?}", codes(&r));
    let leaf = &r.certificates[0];
    let ca = &r.certificates[1];
    let attr = |c: &certscope::report::CertificateReport, oid: &str| -> String {
        c.subject_attributes.iter().find(|a| a.oid == oid).map(|a| a.value.clone()).unwrap_or_default()
    };
    assert_eq!(attr(leaf, "2.5.4.3"), "<img src=x onerror=alert(1)>");
    assert_eq!(attr(leaf, "2.5.4.10"), "<script>alert(subject)</script>");
    assert_eq!(attr(leaf, "2.5.4.11"), format!("{RLO}bell\u{7}esc\u{1b}[31mred\u{1b}[0m del\u{7f} tab\tend"));
    assert_eq!(attr(leaf, "2.5.4.41"), "A".repeat(10_000));
    // The one-line forms (RFC 4514) may escape `<` and `>`, but keep the rest.
    assert!(leaf.subject.contains("img src=x onerror=alert(1)"), "{}", &leaf.subject[..200]);
    assert!(leaf.issuer.contains(RLO) && leaf.issuer.contains("Hostile CA"), "{}", leaf.issuer);
    let issuer_cn = leaf.issuer_attributes.iter().find(|a| a.oid == "2.5.4.3").map(|a| a.value.as_str());
    assert_eq!(issuer_cn, Some(format!("{RLO}gpj.exe <b>Hostile CA</b>").as_str()));
    assert_eq!(attr(ca, "2.5.4.10"), "<img src=x onerror=alert(issuer)>");

    let san: Vec<(&str, &str)> = leaf.san_entries.iter().map(|g| (g.kind.as_str(), g.value.as_str())).collect();
    for want in [
        ("DNS", "<img src=x onerror=alert(dns)>.example".to_string()),
        ("DNS", format!("{RLO}moc.elpmaxe")),
        ("URI", "javascript:alert(uri)".to_string()),
        ("URI", "JaVaScRiPt:alert(document.domain)".to_string()),
        ("email", "<script>alert(email)</script>@example.com".to_string()),
    ] {
        assert!(san.contains(&(want.0, want.1.as_str())), "{want:?} not in {san:?}");
    }
    assert!(san.iter().any(|(k, v)| *k == "DNS" && v.contains('\u{1b}') && v.contains('\u{7}')), "{san:?}");
    assert_eq!(leaf.ocsp_urls, ["javascript:alert(ocsp)"]);
    assert_eq!(leaf.ca_issuers_urls, ["javascript:alert(aia)"]);
    assert_eq!(leaf.crl_urls, ["javascript:alert(crl)"]);
    let policies = leaf.policies.join("\n");
    let details: String = leaf.extensions.iter().flat_map(|e| e.details.iter().cloned()).collect::<Vec<_>>().join("\n");
    for text in ["javascript:alert('cps')", "<script>alert('notice')</script>"] {
        assert!(policies.contains(text) || details.contains(text), "{text} not in {policies:?} / {details:?}");
    }
    // Signed by the hostile CA: the chain is whole, just not trusted.
    assert_eq!(r.chain.path.len(), 2, "{:?}", r.chain.path);
    // The report survives the CLI's JSON contract.
    let json = serde_json::to_string(&r).unwrap();
    assert!(json.contains("<img src=x onerror=alert(1)>"));
}

/// 1,024 certificates named "CN=Loop CA" (32 keys, every cross-signature
/// between them), pasted before the leaf's real path: the search must stay
/// inside its budget and still answer in well under a second in release.
#[test]
fn thousand_same_name_cross_signed_loop_is_bounded() {
    let pem = read("loop.pem");
    let anchor = read("loop-anchor.pem");
    assert_eq!(String::from_utf8_lossy(&pem).matches("BEGIN CERTIFICATE").count(), 1025);
    // The work is ~300 signature checks (the search's and the diagnosis's
    // budgets, and the self-signature checks of the certificate views).
    // Unoptimised P-256 is ~100x slower than release, and CI shares cores.
    let limit = if cfg!(debug_assertions) { Duration::from_secs(40) } else { Duration::from_secs(1) };

    // Trusting root 0 (key 0), which signed the leaf directly.
    let opts = Options { use_system_roots: false, extra_anchors: vec![anchor], ..at_2026() };
    let started = Instant::now();
    let r = analyze(&[Input::bytes(None, pem.clone())], &opts);
    let took = started.elapsed();
    println!("loop, anchored: {took:?}, {:?}", codes(&r));
    assert!(took < limit, "took {took:?}");
    assert_eq!(r.certificates.len(), 1025);
    assert!(r.summary.trusted && r.chain.valid, "{:?}", codes(&r));
    assert_eq!(r.chain.path.len(), 2, "{:?}", r.chain.path);

    // Trusting nothing in the loop: no path, found out within budget.
    let opts = Options { use_system_roots: true, ..at_2026() };
    let started = Instant::now();
    let r = analyze(&[Input::bytes(None, pem)], &opts);
    let took = started.elapsed();
    println!("loop, unanchored: {took:?}, {:?}", codes(&r));
    assert!(took < limit, "took {took:?}");
    assert!(!r.summary.trusted && !r.chain.valid);
    assert!(codes(&r).contains(&"path-budget-exceeded"), "{:?}", codes(&r));
}

/// Every limit in `Options.limits`, exceeded through `analyze`, names
/// itself in a finding and leaves a report, never a panic or a hang.
#[test]
fn each_limit_exceeded_gives_its_finding() {
    let corpus = |f: &str| common::read(&format!("real/{f}"));
    let chain = corpus("amazon/valid.rootca1.chain.pem");
    let at = |limits: certscope::Limits| Options {
        use_system_roots: false,
        extra_anchors: vec![corpus("amazon/AmazonRootCA1.cer")],
        limits,
        ..Options::at(Timestamp::parse_rfc3339("2025-02-25T00:00:00Z").unwrap())
    };
    let run = |limits: certscope::Limits| analyze(&[Input::bytes(None, chain.clone())], &at(limits));
    let base = certscope::Limits::default();
    // Within the defaults the chain is trusted, so each failure below is the limit's.
    assert!(run(base.clone()).summary.trusted);

    let r = run(certscope::Limits { max_input_bytes: chain.len() / 2, ..base.clone() });
    assert!(codes(&r).contains(&"input-too-large"), "{:?}", codes(&r));
    let r = run(certscope::Limits { max_objects: 1, ..base.clone() });
    assert!(codes(&r).contains(&"input-too-many-objects"), "{:?}", codes(&r));
    assert_eq!(r.certificates.len(), 1);
    let r = run(certscope::Limits { max_signature_checks: 1, ..base.clone() });
    assert!(codes(&r).contains(&"path-budget-exceeded") && !r.summary.trusted, "{:?}", codes(&r));
    let r = run(certscope::Limits { max_build_steps: 1, ..base.clone() });
    assert!(codes(&r).contains(&"path-budget-exceeded") && !r.summary.trusted, "{:?}", codes(&r));
    let r = run(certscope::Limits { max_path_len: 1, ..base });
    assert!(codes(&r).contains(&"path-budget-exceeded") && !r.summary.trusted, "{:?}", codes(&r));
}

/// BER nested 40 deep inside a PKCS#7 ContentInfo (the limit is 32, real
/// files nest about 6): refused with a finding that says so, naming the
/// depth (42: the ContentInfo and its [0] wrap the 40) and the limit.
#[test]
fn deeply_nested_ber_is_refused_with_a_finding() {
    let mut ber = vec![0x30, 0x80, 0x06, 0x09, 0x2a, 0x86, 0x48, 0x86, 0xf7, 0x0d, 0x01, 0x07, 0x02, 0xa0, 0x80];
    for _ in 0..40 {
        ber.extend([0x30, 0x80]);
    }
    ber.extend(std::iter::repeat_n(0u8, 2 * 42));
    let r = analyze(&[Input::bytes(None, ber.clone())], &at_2026());
    assert!(r.certificates.is_empty());
    // Nothing was read, so the chain has no certificate either.
    assert_eq!(codes(&r), ["input-nested-too-deeply", "no-certificate"]);
    let message = finding(&r, "input-nested-too-deeply");
    assert!(message.contains("42 levels") && message.contains("at most 32"), "{message}");
    // The same bytes as a PEM block, and as bare base64.
    let text = forge::pem("PKCS7", &ber);
    let r = analyze(&[Input::text(&text)], &at_2026());
    assert_eq!(codes(&r), ["input-nested-too-deeply", "no-certificate"]);
    let b64: String = text.lines().filter(|l| !l.starts_with("-----")).collect();
    let r = analyze(&[Input::text(&b64)], &at_2026());
    assert_eq!(codes(&r), ["input-nested-too-deeply", "no-certificate"]);
}

fn forged(der: Vec<u8>) -> Report {
    let opts = Options { use_system_roots: false, ..at_2026() };
    analyze(&[Input::bytes(Some("forged.der".into()), der)], &opts)
}

fn finding<'r>(r: &'r Report, code: &str) -> &'r str {
    r.findings.iter().find(|f| f.code.code() == code).map(|f| f.message.as_str()).unwrap_or_else(|| {
        panic!("no {code} in {:?}", codes(r));
    })
}

/// Each kind of object has its own size limit; over it, the object is not
/// decoded and the finding names the kind, the size and the limit.
#[test]
fn objects_over_their_kind_limit_are_not_decoded() {
    // A 300 KiB certificate (one 300 KiB private extension): over the
    // 256 KiB default, as DER and as PEM.
    let big = forge::with_extensions(1, 300 * 1024);
    for r in [forged(big.clone()), analyze(&[Input::text(&forge::pem("CERTIFICATE", &big))], &at_2026())] {
        assert!(r.certificates.is_empty());
        let m = finding(&r, "input-object-too-large");
        assert!(m.contains(&big.len().to_string()) && m.contains("262144") && m.contains("certificate"), "{m}");
    }
    // OCSP responses and CRLs have their own limits.
    let limited = |limits: certscope::Limits, file: &str| {
        let opts = Options { use_system_roots: false, limits, ..at_2026() };
        analyze(&[Input::bytes(Some(file.into()), common::read(file))], &opts)
    };
    let base = certscope::Limits::default();
    let r = limited(certscope::Limits { max_ocsp_response_bytes: 100, ..base.clone() }, "ocsp/D1.der");
    assert!(r.ocsp.is_none() && r.inputs[0].ocsp_responses == 0, "{:?}", codes(&r));
    assert!(finding(&r, "input-object-too-large").contains("an OCSP response"));
    let r = limited(certscope::Limits { max_crl_bytes: 100, ..base.clone() }, "real/amazon/rootca1.crl");
    assert!(r.crls.is_empty());
    assert!(finding(&r, "input-object-too-large").contains("max_crl_bytes"));
    // The defaults leave the largest real CRL (490 KB) alone.
    let r = limited(base, "real/amazon/r2m02.crl");
    assert_eq!(r.crls.len(), 1, "{:?}", codes(&r));
}

#[test]
fn names_over_their_limits_are_refused() {
    let r = forged(forge::with_subject(1, 20_000));
    assert!(r.certificates.is_empty());
    let m = finding(&r, "name-too-large");
    assert!(m.contains("subject name is 200") && m.contains("16384"), "{m}");
    let r = forged(forge::with_subject(100, 3));
    assert!(r.certificates.is_empty());
    assert!(finding(&r, "name-too-large").contains("100 relative distinguished names"));
    // Just inside both limits: decoded.
    let r = forged(forge::with_subject(60, 200));
    assert_eq!(r.certificates.len(), 1, "{:?}", codes(&r));
    assert!(!codes(&r).contains(&"name-too-large"));
}

#[test]
fn extensions_over_their_limits_are_refused() {
    let r = forged(forge::with_extensions(1, 70_000));
    assert!(r.certificates.is_empty());
    let m = finding(&r, "extension-too-large");
    assert!(m.contains("1.3.6.1.4.1.55555.1") && m.contains("70000") && m.contains("65536"), "{m}");
    let r = forged(forge::with_extensions(100, 4));
    let m = finding(&r, "extension-too-large");
    assert!(m.contains("103 extensions") && m.contains("max_extensions"), "{m}");
    let r = forged(forge::with_extensions(10, 1000));
    assert_eq!(r.certificates.len(), 1, "{:?}", codes(&r));
    assert!(!codes(&r).contains(&"extension-too-large"));
}

/// Huge integers cost nothing: an RSA modulus or exponent past the limits
/// is named and never computed with, and huge serials decode linearly.
#[test]
fn huge_integers_are_bounded() {
    let limit = if cfg!(debug_assertions) { Duration::from_secs(20) } else { Duration::from_secs(1) };
    // Amazon Root CA 1 with a 100,000-bit modulus, as the issuer of the
    // real intermediate: the intermediate's signature is not checked.
    let chain = common::read("real/amazon/valid.rootca1.chain.pem");
    let root = forge::with_rsa_key(100_000, 17);
    let opts = Options { use_system_roots: false, extra_anchors: vec![root.clone()], ..at_2026() };
    let started = Instant::now();
    let r = analyze(&[Input::bytes(None, chain), Input::bytes(Some("root.der".into()), root)], &opts);
    assert!(started.elapsed() < limit, "took {:?}", started.elapsed());
    assert!(finding(&r, "key-too-large").contains("100000-bit modulus"));
    assert!(codes(&r).contains(&"signature-algorithm-unsupported"), "{:?}", codes(&r));
    assert!(!codes(&r).contains(&"signature-invalid"), "{:?}", codes(&r));
    assert!(!r.chain.valid);

    let started = Instant::now();
    let r = forged(forge::with_rsa_key(2048, 10_000));
    assert!(started.elapsed() < limit, "took {:?}", started.elapsed());
    assert!(finding(&r, "key-too-large").contains("10000 bits"));
    // Within the limits: no finding (16,384 bits, e = 2^33 - 1 is allowed).
    assert!(!codes(&forged(forge::with_rsa_key(16_384, 17))).contains(&"key-too-large"));

    // A 10,000-octet serial: decoded leniently, reported, quickly.
    let started = Instant::now();
    let r = forged(forge::with_serial(10_000));
    assert!(started.elapsed() < limit, "took {:?}", started.elapsed());
    assert_eq!(r.certificates.len(), 1, "{:?}", codes(&r));
    assert!(codes(&r).contains(&"input-nonconformant"), "{:?}", codes(&r));
}

/// The defaults never refuse real data: every file in the fixture pool
/// (tests/data) passes every size, name, extension, nesting and key limit.
#[test]
fn real_data_stays_within_every_limit() {
    let mut stack = vec![common::data_dir()];
    let mut files = 0;
    // Signature checks are not what this is about; keep the debug run short.
    let limits = certscope::Limits { max_signature_checks: 0, ..certscope::Limits::default() };
    let opts = Options { use_system_roots: false, limits, ..at_2026() };
    while let Some(dir) = stack.pop() {
        for entry in std::fs::read_dir(&dir).unwrap() {
            let path = entry.unwrap().path();
            if path.is_dir() {
                stack.push(path);
                continue;
            }
            let ext = path.extension().and_then(|e| e.to_str()).unwrap_or("");
            if ["md", "json", "sh", "rs", "txt"].contains(&ext) && !path.to_string_lossy().contains("s_client") {
                continue;
            }
            let r = analyze(&[Input::bytes(None, std::fs::read(&path).unwrap())], &opts);
            for code in [
                "input-object-too-large",
                "input-nested-too-deeply",
                "name-too-large",
                "extension-too-large",
                "policy-tree-too-large",
            ] {
                assert!(!codes(&r).contains(&code), "{}: {code}", path.display());
            }
            // The fixtures hold no RSA key past 16,384 bits but the one made
            // for it (tests/data/ranges/forge.py).
            let made_too_large = path.ends_with("ranges/rsa-16400.pem");
            assert_eq!(codes(&r).contains(&"key-too-large"), made_too_large, "{}", path.display());
            files += 1;
        }
    }
    assert!(files > 700, "{files}");
}
