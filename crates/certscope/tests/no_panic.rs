//! No input panics: random bytes and mutated fixture bytes go to `analyze`
//! with arbitrary "as of" times and trust anchors; each call must return a
//! report (issue 6: "a bounded property test feeds random and mutated
//! fixture bytes to `inspect` and checks that it returns a report").
//!
//! Deterministic: a fixed-seed SplitMix64 drives every choice, so a failure
//! names the case number and replays exactly. No proptest: shrinking buys
//! little when the report already names the case, and a 20-line PRNG keeps
//! the dev-dependency tree small. The cargo-fuzz targets (issue 6) explore
//! far more; this is the bounded CI guard.
//!
//! Bounded: CASES_PER_KIND cases per kind, run in a few seconds in a debug
//! build. `CERTSCOPE_NO_PANIC_CASES=N` raises the count for a longer soak and
//! `CERTSCOPE_NO_PANIC_SEED=N` moves it to new inputs.

mod common;

use base64::Engine as _;
use certscope::{analyze, Input, Options, Report, Timestamp};
use std::panic::{catch_unwind, AssertUnwindSafe};
use std::time::{Duration, Instant};

/// SplitMix64 (Steele, Lea, Flood 2014): tiny, fast, good enough to pick
/// mutations; not for cryptography.
struct Rng(u64);

impl Rng {
    fn next(&mut self) -> u64 {
        self.0 = self.0.wrapping_add(0x9E37_79B9_7F4A_7C15);
        let mut z = self.0;
        z = (z ^ (z >> 30)).wrapping_mul(0xBF58_476D_1CE4_E5B9);
        z = (z ^ (z >> 27)).wrapping_mul(0x94D0_49BB_1331_11EB);
        z ^ (z >> 31)
    }

    /// Uniform-ish in 0..n (n > 0).
    fn below(&mut self, n: usize) -> usize {
        (self.next() % (n.max(1) as u64)) as usize
    }

    fn chance(&mut self, one_in: usize) -> bool {
        self.below(one_in) == 0
    }

    fn bytes(&mut self, len: usize) -> Vec<u8> {
        (0..len).map(|_| self.next() as u8).collect()
    }

    fn pick<'a, T>(&mut self, items: &'a [T]) -> &'a T {
        &items[self.below(items.len())]
    }
}

/// `CERTSCOPE_NO_PANIC_SEED=N` shifts every seed, for soaks over new ground;
/// a failure report names the case number under that seed.
fn seed(base: u64) -> u64 {
    base ^ std::env::var("CERTSCOPE_NO_PANIC_SEED").ok().and_then(|v| v.parse::<u64>().ok()).unwrap_or(0)
}

fn cases_per_kind() -> usize {
    std::env::var("CERTSCOPE_NO_PANIC_CASES").ok().and_then(|v| v.parse().ok()).unwrap_or(60)
}

/// Seeds: chains, single certificates (PEM and DER), PKCS#7-free CRLs, a
/// limbo case's PEM, as copied for the corpus runners.
fn fixtures() -> Vec<Vec<u8>> {
    let files = [
        "real/amazon/valid.rootca1.chain.pem",
        "real/amazon/valid.rootca3.chain.pem",
        "real/amazon/revoked.rootca4.chain.pem",
        "real/amazon/AmazonRootCA1.cer",
        "real/amazon/AmazonRootCA4.cer",
        "real/amazon/e2m03.crl",
        "real/amazon/rootca1.crl",
        "pkits/certs/GoodCACert.crt",
        "pkits/certs/ValidCertificatePathTest1EE.crt",
        "pkits/certs/nameConstraintsDN1CACert.crt",
        "pkits/crls/GoodCACRL.crl",
    ];
    files.iter().map(|f| common::read(f)).collect()
}

/// Times worth probing: the epoch, UTCTime's and GeneralizedTime's edges,
/// the extremes of i64, and random instants.
fn as_of(rng: &mut Rng) -> Timestamp {
    const EDGES: &[i64] = &[
        0,
        -1,
        i64::MIN,
        i64::MAX,
        -631_152_000,    // 1950-01-01, UTCTime's floor
        2_524_608_000,   // 2050-01-01, UTCTime's ceiling
        253_402_300_799, // 9999-12-31T23:59:59Z
        1_740_484_800,   // 2025-02-25, inside the Amazon fixtures' windows
    ];
    if rng.chance(2) {
        Timestamp::from_unix(*rng.pick(EDGES))
    } else {
        Timestamp::from_unix(rng.next() as i64)
    }
}

fn pem_armor(label: &str, der: &[u8]) -> Vec<u8> {
    common::pem(label, der).into_bytes()
}

/// One mutation of `data`: bit flips, truncation, a duplicated or removed
/// range, a byte overwrite with a length-ish value, or splicing in noise.
fn mutate(rng: &mut Rng, data: &mut Vec<u8>) {
    if data.is_empty() {
        let n = 1 + rng.below(32);
        data.extend(rng.bytes(n));
        return;
    }
    let len = data.len();
    match rng.below(7) {
        0 => {
            for _ in 0..1 + rng.below(8) {
                let i = rng.below(len);
                data[i] ^= 1 << rng.below(8);
            }
        }
        1 => data.truncate(rng.below(len)),
        2 => {
            let start = rng.below(len);
            let end = (start + 1 + rng.below(64)).min(len);
            let copy = data[start..end].to_vec();
            let at = rng.below(data.len());
            data.splice(at..at, copy);
        }
        3 => {
            let start = rng.below(len);
            let end = (start + 1 + rng.below(64)).min(len);
            data.drain(start..end);
        }
        4 => {
            // DER length octets are where parsers over-trust input.
            let i = rng.below(len);
            data[i] = *rng.pick(&[0x00, 0x7f, 0x80, 0x81, 0x82, 0x84, 0x88, 0xff]);
        }
        5 => {
            let at = rng.below(len);
            let n = 1 + rng.below(16);
            let noise = rng.bytes(n);
            data.splice(at..at, noise);
        }
        _ => {
            let i = rng.below(len);
            data[i] = rng.next() as u8;
        }
    }
}

/// Re-encodes bytes the way people paste them.
fn wrap(rng: &mut Rng, data: Vec<u8>) -> Vec<u8> {
    match rng.below(6) {
        0 => {
            let label = *rng.pick(&["CERTIFICATE", "X509 CRL", "OCSP RESPONSE", "PKCS7", "TRUSTED CERTIFICATE"]);
            pem_armor(label, &data)
        }
        1 => base64::engine::general_purpose::STANDARD.encode(&data).into_bytes(),
        2 => base64::engine::general_purpose::URL_SAFE_NO_PAD.encode(&data).into_bytes(),
        3 => {
            // A transcript-like paste with the block in the middle.
            let mut out = b"CONNECTED(00000003)\n---\nCertificate chain\n 0 s:CN = x\n".to_vec();
            out.extend(pem_armor("CERTIFICATE", &data));
            out.extend(b"---\nOCSP response: no response sent\n");
            out
        }
        _ => data,
    }
}

fn anchors(rng: &mut Rng, fixtures: &[Vec<u8>]) -> Vec<Vec<u8>> {
    (0..rng.below(3))
        .map(|_| {
            if rng.chance(2) {
                rng.pick(fixtures).clone()
            } else {
                let n = rng.below(200);
                rng.bytes(n)
            }
        })
        .collect()
}

struct Failure {
    case: String,
    panic: String,
}

/// Runs `analyze`, turning a panic into a described failure and timing it.
fn run_case(
    case: String,
    inputs: &[Input],
    opts: &Options,
    failures: &mut Vec<Failure>,
    slowest: &mut (Duration, String),
) -> Option<Report> {
    let started = Instant::now();
    let result = catch_unwind(AssertUnwindSafe(|| analyze(inputs, opts)));
    let took = started.elapsed();
    if took > slowest.0 {
        *slowest = (took, case.clone());
    }
    match result {
        Ok(report) => {
            // The JSON contract must hold for whatever came out.
            if let Err(e) = serde_json::to_string(&report) {
                failures.push(Failure { case, panic: format!("report did not serialize: {e}") });
                return None;
            }
            // Every finding's bytes lie within its object's DER (issue 16).
            for f in &report.findings {
                let Some(range) = f.bytes else { continue };
                let der = certscope::object_der(inputs, &report, range.object);
                if der.as_ref().is_none_or(|d| d.get(range.range()).is_none()) {
                    let why = format!("{} points outside its object: {range:?}", f.code.code());
                    failures.push(Failure { case: case.clone(), panic: why });
                }
            }
            Some(report)
        }
        Err(payload) => {
            let panic = payload
                .downcast_ref::<&str>()
                .map(|s| s.to_string())
                .or_else(|| payload.downcast_ref::<String>().cloned())
                .unwrap_or_else(|| "non-string panic".into());
            failures.push(Failure { case, panic });
            None
        }
    }
}

fn finish(kind: &str, failures: Vec<Failure>, slowest: (Duration, String), limit: Duration) {
    println!("{kind}: slowest case {} took {:?}", slowest.1, slowest.0);
    let listed: Vec<String> = failures.iter().map(|f| format!("{}: {}", f.case, f.panic)).collect();
    assert!(listed.is_empty(), "{kind}: analyze panicked or broke its contract:\n{}", listed.join("\n"));
    // Issue 6: no hang beyond a second (natively, optimized). A debug build
    // is several times slower, so the bound here only catches runaways.
    assert!(slowest.0 < limit, "{kind}: case {} took {:?} (limit {limit:?})", slowest.1, slowest.0);
}

/// Issue 6 asks for under a second natively; benches/analyze.rs measures that
/// (release: ~0.5 s for 1,000 RSA self-checks on a loaded 2-core box). Debug
/// builds verify RSA ~50x slower, so this bound only catches runaways.
const DEBUG_LIMIT: Duration = Duration::from_secs(60);

#[test]
fn random_bytes_give_findings_not_panics() {
    let mut rng = Rng(seed(0x5EED_0001));
    let fixtures = fixtures();
    let mut failures = Vec::new();
    let mut slowest = (Duration::ZERO, String::new());
    for case in 0..cases_per_kind() * 4 {
        let len = *rng.pick(&[0usize, 1, 2, 3, 16, 100, 1000, 5000]);
        let raw = rng.bytes(len);
        if let Err(panic) = catch_unwind(|| certscope::fuzzing::asn1_tree(&raw)) {
            let panic = panic.downcast_ref::<String>().cloned().unwrap_or_else(|| "ASN.1 tree panicked".into());
            failures.push(Failure { case: format!("asn1 tree of random #{case}"), panic });
        }
        let bytes = if rng.chance(3) { wrap(&mut rng, raw) } else { raw };
        let mut opts = Options::at(as_of(&mut rng));
        opts.use_system_roots = rng.chance(8);
        opts.extra_anchors = anchors(&mut rng, &fixtures);
        opts.host = rng.chance(2).then(|| String::from_utf8_lossy(&rng.bytes(12)).into_owned());
        let inputs = if rng.chance(4) {
            vec![Input::ocsp(None, bytes)]
        } else {
            vec![Input::bytes(Some("garbage.bin".into()), bytes)]
        };
        let name = format!("random #{case} (len {len})");
        if let Some(report) = run_case(name.clone(), &inputs, &opts, &mut failures, &mut slowest) {
            // Garbage cannot be a clean bill of health: it must say why.
            if report.findings.is_empty() {
                failures.push(Failure { case: name, panic: "no finding for garbage input".into() });
            }
        }
    }
    finish("random bytes", failures, slowest, DEBUG_LIMIT);
}

#[test]
fn mutated_fixtures_never_panic() {
    let mut rng = Rng(seed(0x5EED_0002));
    let fixtures = fixtures();
    let mut failures = Vec::new();
    let mut slowest = (Duration::ZERO, String::new());
    for case in 0..cases_per_kind() * 2 {
        let seed_index = rng.below(fixtures.len());
        let mut data = fixtures[seed_index].clone();
        let rounds = 1 + rng.below(4);
        for _ in 0..rounds {
            mutate(&mut rng, &mut data);
        }
        // The ASN.1 view reads the same broken bytes (issue 16).
        if let Err(panic) = catch_unwind(|| certscope::fuzzing::asn1_tree(&data)) {
            let panic = panic.downcast_ref::<String>().cloned().unwrap_or_else(|| "ASN.1 tree panicked".into());
            failures.push(Failure { case: format!("asn1 tree of mutated #{case}"), panic });
        }
        let data = wrap(&mut rng, data);
        // Sometimes keep an intact fixture beside the mutant, so the later
        // stages (chain, CRL) see a mix of good and broken objects.
        let mut inputs = vec![Input::bytes(None, data)];
        if rng.chance(2) {
            inputs.push(Input::bytes(None, rng.pick(&fixtures).clone()));
        }
        let mut opts = Options::at(as_of(&mut rng));
        opts.use_system_roots = false;
        opts.extra_anchors = anchors(&mut rng, &fixtures);
        let name = format!("mutated #{case} (fixture {seed_index}, {rounds} mutations)");
        if let Some(report) = run_case(name.clone(), &inputs, &opts, &mut failures, &mut slowest) {
            if report.findings.is_empty() && report.certificates.is_empty() && report.crls.is_empty() {
                failures.push(Failure { case: name, panic: "nothing decoded and nothing reported".into() });
            }
        }
    }
    finish("mutated fixtures", failures, slowest, DEBUG_LIMIT);
}

#[test]
fn empty_and_degenerate_inputs_are_reported() {
    let opts = Options { use_system_roots: false, ..Options::at(Timestamp::from_unix(1_740_484_800)) };
    let degenerate: Vec<Vec<Input>> = vec![
        vec![],
        vec![Input::bytes(None, Vec::new())],
        vec![Input::text("   \n\t\r\n")],
        vec![Input::text("-----BEGIN CERTIFICATE-----\n-----END CERTIFICATE-----\n")],
        vec![Input::text("-----BEGIN CERTIFICATE-----\nMIIB")],
        vec![Input::bytes(None, vec![0x30, 0x80])],
        vec![Input::bytes(None, vec![0x30, 0x84, 0xff, 0xff, 0xff, 0xff])],
        vec![Input::bytes(None, [0x30u8, 0x82, 0x01].repeat(2000))],
        vec![Input::ocsp(None, Vec::new())],
        vec![Input::ocsp(None, vec![0x30, 0x03, 0x0a, 0x01, 0x07])],
    ];
    for (i, inputs) in degenerate.iter().enumerate() {
        let report = catch_unwind(AssertUnwindSafe(|| analyze(inputs, &opts)))
            .unwrap_or_else(|_| panic!("degenerate input #{i} panicked"));
        assert!(!report.findings.is_empty(), "degenerate input #{i} gave no finding");
        assert!(
            report.findings.iter().any(|f| f.severity == certscope::Severity::Error),
            "degenerate input #{i} gave no error finding: {:?}",
            report.findings.iter().map(|f| f.code.code()).collect::<Vec<_>>()
        );
    }
}

#[test]
fn deep_nesting_and_huge_lengths_are_bounded() {
    let opts = Options { use_system_roots: false, ..Options::at(Timestamp::from_unix(1_740_484_800)) };
    // 100,000 nested SEQUENCE headers with indefinite length: recursion bait.
    let deep = [0x30u8, 0x80].repeat(100_000);
    // A header claiming 2^63 bytes of content.
    let huge = vec![0x30, 0x88, 0x7f, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff];
    for (name, bytes) in [("deep", deep), ("huge", huge)] {
        for inputs in [vec![Input::bytes(None, bytes.clone())], vec![Input::ocsp(None, bytes.clone())]] {
            let started = Instant::now();
            let report = catch_unwind(AssertUnwindSafe(|| analyze(&inputs, &opts)))
                .unwrap_or_else(|_| panic!("{name} input panicked"));
            assert!(!report.findings.is_empty(), "{name} input gave no finding");
            assert!(started.elapsed() < DEBUG_LIMIT, "{name} input took {:?}", started.elapsed());
        }
    }
}

/// Issue 6: path building is bounded. The leaf plus 1,000 copies of its real
/// intermediate (same subject name and key, 1,000 different serials, so each
/// copy's own signature is broken): a naive search verifies ~2,000
/// signatures; certscope must finish promptly and say the path is not valid.
#[test]
fn thousand_same_name_intermediates_finish() {
    use der::Decode as _;
    let chain = String::from_utf8(common::read("real/amazon/valid.rootca1.chain.pem")).expect("fixture");
    let blocks: Vec<&str> = chain.split_inclusive("-----END CERTIFICATE-----\n").collect();
    assert_eq!(blocks.len(), 2, "leaf and intermediate");
    let body: String = blocks[1].lines().filter(|l| !l.starts_with("-----")).collect();
    let intermediate = base64::engine::general_purpose::STANDARD.decode(body.trim()).expect("base64");
    let cert = x509_cert::Certificate::from_der(&intermediate).expect("intermediate decodes");
    let serial = cert.tbs_certificate.serial_number.as_bytes().to_vec();
    let at = intermediate.windows(serial.len()).position(|w| w == serial.as_slice()).expect("serial");
    let end = at + serial.len();
    let mut text = blocks[0].to_string();
    for i in 0..1000u16 {
        let mut copy = intermediate.clone();
        copy[end - 2..end].copy_from_slice(&i.to_be_bytes());
        text.push_str(&String::from_utf8(pem_armor("CERTIFICATE", &copy)).expect("ASCII"));
    }
    let anchor = common::read("real/amazon/AmazonRootCA1.cer");
    let opts = Options {
        use_system_roots: false,
        extra_anchors: vec![anchor],
        ..Options::at(Timestamp::from_unix(1_740_484_800))
    };
    let started = Instant::now();
    let report = analyze(&[Input::text(&text)], &opts);
    let took = started.elapsed();
    println!("1,000 same-name intermediates: {took:?}, {} findings", report.findings.len());
    assert!(took < DEBUG_LIMIT, "path building took {took:?}");
    assert!(!report.chain.valid, "no copy carries a valid signature from the root");
    assert!(!report.findings.is_empty());
}
