//! Stapled OCSP responses in `openssl s_client -status` transcripts, made
//! by `tests/data/staple/make.sh` against `openssl s_server -status_file`:
//! the printed claim is reported as the server's word, and with `-msg` the
//! staple's exact DER is read from the handshake dump and verified.
//!
//! Also: over every test file, the install-check rows never contradict
//! the verdict.

mod common;

use certscope::report::{Badge, CertificateStatus, Freshness, OcspSignature, Report, ResponderKind, RowId, Verdict};
use certscope::{analyze, Input, Options, Severity, Timestamp};
use common::codes;
use std::path::PathBuf;

fn read(name: &str) -> Vec<u8> {
    common::read(&format!("staple/{name}"))
}

/// Ten minutes after make.sh made the responses: the 7-day ones are
/// fresh, the 1-minute one is stale.
fn as_of() -> Timestamp {
    Timestamp::parse_rfc3339(String::from_utf8(read("asof.txt")).unwrap().trim()).unwrap()
}

fn opts() -> Options {
    Options {
        host: Some("staple.test".to_string()),
        use_system_roots: false,
        extra_anchors: vec![read("root.pem")],
        ..Options::at(as_of())
    }
}

fn check(name: &str) -> Report {
    analyze(&[Input::bytes(Some(name.to_string()), read(name))], &opts())
}

fn row(r: &Report, id: RowId) -> (&str, Badge) {
    let row = r.summary.rows.iter().find(|x| x.id == id).unwrap_or_else(|| panic!("no row {id:?}"));
    (row.value.as_str(), row.badge)
}

/// The staple's bytes were read from the dump and are the response checked.
fn checked_from_dump(r: &Report) -> bool {
    let st = r.stapling.as_ref().unwrap();
    let o = r.ocsp.as_ref().unwrap_or_else(|| panic!("no OCSP report: {:?}", codes(r)));
    st.der_source.as_ref() == Some(&o.source) && !st.text_only
}

#[test]
fn good_staple_from_the_dump_is_verified_in_tls12_and_tls13() {
    for name in ["good-tls12-msg.txt", "good-tls13-msg.txt"] {
        let r = check(name);
        assert!(checked_from_dump(&r), "{name}");
        let o = r.ocsp.as_ref().unwrap();
        assert_eq!(o.signature, Some(OcspSignature::Valid), "{name}");
        assert_eq!(o.responder, Some(ResponderKind::Issuer), "{name}");
        let leaf = o.leaf.as_ref().unwrap();
        assert_eq!((leaf.status, leaf.freshness), (CertificateStatus::Good, Freshness::Fresh), "{name}");
        let (value, badge) = row(&r, RowId::OcspStapling);
        assert!(value.starts_with("Stapled: Good, fresh — signature verified"), "{name}: {value}");
        assert_eq!(badge, Badge::Good);
        assert_eq!(row(&r, RowId::OcspStatus).1, Badge::Good);
        assert_eq!(r.stapling.as_ref().unwrap().text_agrees, Some(true), "{name}");
        assert_eq!(r.summary.verdict, Verdict::Ok, "{name}: {:?}", codes(&r));
    }
}

#[test]
fn the_dump_holds_exactly_the_response_the_server_was_given() {
    // s_server -status_file good.ocsp.der: the report of the extracted
    // bytes equals the report of the file itself, field for field.
    let from_dump = check("good-tls13-msg.txt").ocsp.unwrap();
    let file = analyze(
        &[Input::bytes(Some("good.pem".into()), read("good.pem")), Input::ocsp(None, read("good.ocsp.der"))],
        &opts(),
    )
    .ocsp
    .unwrap();
    assert_eq!(from_dump.produced_at, file.produced_at);
    assert_eq!(from_dump.responses, file.responses);
    assert_eq!(from_dump.signature, file.signature);
    assert_eq!(from_dump.signature_algorithm, file.signature_algorithm);
}

#[test]
fn revoked_staple_fails_with_reason_and_time() {
    // From the verified bytes.
    let r = check("revoked-tls12-msg.txt");
    assert!(checked_from_dump(&r));
    let f = r.findings.iter().find(|f| f.code.code() == "ocsp-revoked").unwrap();
    assert!(f.message.contains("keyCompromise"), "{}", f.message);
    assert_eq!(r.summary.verdict, Verdict::Error);
    assert_eq!(row(&r, RowId::OcspStapling).1, Badge::Error);
    // From the printed text only: the server's claim, still an error.
    let r = check("revoked-tls13-text.txt");
    assert!(r.ocsp.is_none() && r.stapling.as_ref().unwrap().text_only);
    let f = r.findings.iter().find(|f| f.code.code() == "staple-revoked-text").unwrap();
    assert_eq!(f.severity, Severity::Error);
    assert!(f.message.contains("(reason: keyCompromise)"), "{}", f.message);
    let claim = r.stapling.as_ref().unwrap().claim.as_ref().unwrap();
    let revoked_at = claim.responses[0].revocation_time.unwrap();
    assert!(f.message.contains(&format!("revoked on {}", revoked_at.to_human())), "{}", f.message);
    // make.sh revokes it one day before it makes the responses.
    assert_eq!(claim.produced_at.unwrap().unix() - revoked_at.unix(), 86_400);
    assert!(f.message.contains("signature cannot be checked"), "{}", f.message);
    let (value, badge) = row(&r, RowId::OcspStatus);
    assert!(value.starts_with("Revoked") && value.contains("keyCompromise"), "{value}");
    assert_eq!(row(&r, RowId::Valid), ("No — revoked (per the server's stapled response, as printed)", Badge::Error));
    assert_eq!(badge, Badge::Error);
    assert_eq!(r.summary.verdict, Verdict::Error);
}

#[test]
fn unknown_staple_is_an_error() {
    let r = check("unknown-tls13-msg.txt");
    assert!(checked_from_dump(&r));
    assert!(codes(&r).contains(&"ocsp-unknown"), "{:?}", codes(&r));
    assert_eq!(r.summary.verdict, Verdict::Error);
}

#[test]
fn stale_staple_is_stale_from_bytes_and_from_text() {
    let r = check("stale-tls12-msg.txt");
    assert!(checked_from_dump(&r));
    assert!(codes(&r).contains(&"ocsp-stale"), "{:?}", codes(&r));
    assert!(row(&r, RowId::OcspStapling).0.starts_with("Stapled: Good, stale"));
    let r = check("stale-tls13-text.txt");
    assert!(codes(&r).contains(&"staple-stale-text"), "{:?}", codes(&r));
    assert!(row(&r, RowId::OcspStatus).0.contains("stale since"));
    assert_eq!(r.summary.verdict, Verdict::Error);
}

#[test]
fn text_only_good_staple_is_a_claim_not_a_verdict() {
    let r = check("good-tls13-text.txt");
    assert!(r.ocsp.is_none());
    let st = r.stapling.as_ref().unwrap();
    assert!(st.text_only && st.der_source.is_none());
    assert_eq!(codes(&r), ["staple-text-only"]);
    assert!(r.findings[0].message.contains("A signature cannot be checked from text"));
    let claim = st.claim.as_ref().unwrap();
    assert_eq!(claim.responder_id.as_deref(), Some("O = certscope test, CN = Staple Test Intermediate"));
    let single = &claim.responses[0];
    assert_eq!((single.serial.as_deref(), single.status), (Some("1001"), Some(CertificateStatus::Good)));
    assert_eq!(single.hash_algorithm.as_deref(), Some("sha1"));
    assert_eq!((single.matches_leaf, single.freshness), (Some(true), Some(Freshness::Fresh)));
    let (value, badge) = row(&r, RowId::OcspStapling);
    assert!(value.contains("signature not checked"), "{value}");
    assert_eq!(badge, Badge::Neutral);
    assert_eq!(r.summary.verdict, Verdict::Ok);
}

#[test]
fn stapled_responder_error_is_an_error() {
    // OCSP_RESPONSE_print of a tryLater response, around the real leaf.
    let mut text = String::from("CONNECTED(00000003)\nOCSP response: \n======================================\nOCSP Response Data:\n    OCSP Response Status: tryLater (0x3)\n======================================\n---\nCertificate chain\n");
    text.push_str(std::str::from_utf8(&read("good.pem")).unwrap());
    text.push_str(std::str::from_utf8(&read("inter.pem")).unwrap());
    let r = analyze(&[Input::text(&text)], &opts());
    assert!(codes(&r).contains(&"staple-not-successful-text"), "{:?}", codes(&r));
    let (value, badge) = row(&r, RowId::OcspStapling);
    assert!(value.contains("tryLater"), "{value}");
    assert_eq!((badge, r.summary.verdict), (Badge::Error, Verdict::Error));
}

#[test]
fn staple_for_another_serial_says_so() {
    let r = check("mismatch-tls13-text.txt");
    let f = r.findings.iter().find(|f| f.code.code() == "staple-not-for-leaf-text").unwrap();
    assert!(f.message.contains("serial 1003") && f.message.contains("serial 1001"), "{}", f.message);
    // Another certificate's "revoked" is not this one's.
    assert!(!codes(&r).contains(&"staple-revoked-text"));
}

#[test]
fn must_staple_row_agrees_with_the_verdict() {
    let r = check("muststaple-tls13-msg.txt");
    assert!(checked_from_dump(&r));
    assert_eq!(row(&r, RowId::OcspMustStaple), ("Yes — a valid, fresh response is stapled", Badge::Good));
    assert_eq!(r.summary.must_staple_satisfied, Some(true));
    assert_eq!(r.summary.verdict, Verdict::Ok, "{:?}", codes(&r));

    let r = check("muststaple-tls12-text.txt");
    let (value, badge) = row(&r, RowId::OcspMustStaple);
    assert!(value.contains("claims a good, fresh staple, unverified"), "{value}");
    assert_eq!(badge, Badge::Warning);
    assert!(codes(&r).contains(&"must-staple-unverified"));
    assert_eq!(r.summary.verdict, Verdict::Warning);

    let r = check("muststaple-none-tls13-msg.txt");
    assert_eq!(row(&r, RowId::OcspMustStaple).1, Badge::Error);
    assert!(codes(&r).contains(&"must-staple-without-ocsp"));
    assert_eq!(r.summary.verdict, Verdict::Error);
}

#[test]
fn printed_text_that_differs_from_the_bytes_is_reported() {
    let text = String::from_utf8(read("good-tls12-msg.txt")).unwrap();
    assert!(text.contains("Cert Status: good"));
    let edited = text.replace("Cert Status: good", "Cert Status: revoked");
    let r = analyze(&[Input::text(&edited)], &opts());
    assert!(checked_from_dump(&r));
    assert_eq!(r.stapling.as_ref().unwrap().text_agrees, Some(false));
    let f = r.findings.iter().find(|f| f.code.code() == "staple-text-mismatch").unwrap();
    assert!(f.message.contains("status revoked printed, good in the bytes"), "{}", f.message);
    // The verified bytes decide.
    assert_eq!(r.ocsp.as_ref().unwrap().leaf.as_ref().unwrap().status, CertificateStatus::Good);
}

#[test]
fn a_damaged_dump_falls_back_to_the_text() {
    // The CertificateStatus message's first byte (its type) removed: the
    // message no longer parses, so no DER is taken and the claim is judged
    // as text.
    let text = String::from_utf8(read("revoked-tls12-msg.txt")).unwrap();
    let at = text.find("CertificateStatus\n").unwrap() + "CertificateStatus\n".len();
    let mut damaged = text.clone();
    damaged.replace_range(at..at + 7, "   ");
    let r = analyze(&[Input::text(&damaged)], &opts());
    assert!(r.stapling.as_ref().unwrap().der_source.is_none());
    assert!(codes(&r).contains(&"staple-revoked-text"), "{:?}", codes(&r));
}

/// Cut-off and damaged dumps: never a panic, and a staple whose bytes
/// were damaged is never reported as verified.
#[test]
fn damaged_transcripts_never_panic_nor_verify() {
    for name in ["good-tls12-msg.txt", "good-tls13-msg.txt"] {
        let text = String::from_utf8(read(name)).unwrap();
        for cut in (0..text.len()).step_by(409) {
            let _ = analyze(&[Input::text(text.get(..cut).unwrap_or_default())], &opts());
        }
        // Flip one hex digit at a time inside the staple's dump.
        let start = text.find("Handshake [length").unwrap();
        let digits: Vec<usize> = text
            .char_indices()
            .skip_while(|(i, _)| *i < start)
            .filter(|(_, c)| c.is_ascii_hexdigit())
            .map(|(i, _)| i)
            .step_by(41)
            .take(60)
            .collect();
        for at in digits {
            let mut damaged = text.clone().into_bytes();
            damaged[at] = if damaged[at] == b'0' { b'1' } else { b'0' };
            let r = analyze(&[Input::bytes(None, damaged)], &opts());
            let st = r.stapling.as_ref().unwrap();
            if let (Some(src), Some(o)) = (&st.der_source, &r.ocsp) {
                if o.source == *src && o.signature == Some(OcspSignature::Valid) {
                    // A verified staple means the flipped digit was not in its bytes.
                    assert_eq!(o.responses, check(name).ocsp.unwrap().responses, "{name} at {at}");
                }
            }
        }
    }
}

/// Every file under tests/data, alone, at the staple data's time with its
/// root trusted.
fn every_test_file() -> Vec<PathBuf> {
    let mut files = common::files_below(&common::data_dir());
    files.retain(|p| p.metadata().unwrap().len() < 2 * 1024 * 1024);
    files
}

#[test]
fn summary_badges_never_contradict_the_verdict() {
    let mut checked = 0;
    let mut contradictions = Vec::new();
    for p in every_test_file() {
        let bytes = std::fs::read(&p).unwrap();
        let name = p.file_name().unwrap().to_string_lossy().to_string();
        for options in [opts(), Options { host: None, ..Options::at(as_of()) }] {
            let r = analyze(&[Input::bytes(Some(name.clone()), bytes.clone())], &options);
            checked += 1;
            for row in &r.summary.rows {
                let contradicts = match row.badge {
                    Badge::Error => r.summary.verdict != Verdict::Error,
                    Badge::Warning => r.summary.verdict == Verdict::Ok,
                    _ => false,
                };
                if contradicts {
                    contradictions.push(format!(
                        "{}: row {} = {:?} \"{}\" but verdict {:?} ({:?})",
                        p.display(),
                        row.label,
                        row.badge,
                        row.value,
                        r.summary.verdict,
                        codes(&r)
                    ));
                }
            }
        }
    }
    assert!(checked > 1000, "only {checked} reports");
    assert!(contradictions.is_empty(), "{} contradictions:\n{}", contradictions.len(), contradictions.join("\n"));
}
