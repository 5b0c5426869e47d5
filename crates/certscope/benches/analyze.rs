//! Decode + full verification through the public entry point, on real data.
//!
//! Every case calls `certscope::analyze` exactly as the CLI and the app do:
//! bytes in (PEM text or DER), explicit "as of" time, explicit anchors, no
//! system roots unless the case says so. Numbers go to docs/performance.md.
//!
//! Reference figures (issue 2, issue 3; same machine class): PKI.js needs
//! ~4 ms for the RSA chain, ~55 ms to parse 50 roots and ~3 ms for one RSA
//! OCSP response; openssl verifies ~60,000 RSA-2048 signatures per second per
//! core. Goals: < 0.3 ms for the RSA chain, linear growth with bundle size,
//! < 0.1 ms for OCSP decode + verify.
//!
//! `cargo bench -p certscope --bench analyze` (criterion; pass
//! `-- --warm-up-time 1 --measurement-time 3` on a busy machine).

#[path = "../tests/common/mod.rs"]
mod common;
#[path = "../tests/forge/mod.rs"]
mod forge;

use certscope::{analyze, Input, Options, Password, Timestamp};
use common::read as data;
use criterion::{criterion_group, criterion_main, BenchmarkId, Criterion, Throughput};
use std::hint::black_box;
use std::path::PathBuf;
use std::time::Duration;

fn at(text: &str) -> Timestamp {
    Timestamp::parse_rfc3339(text).expect("valid time")
}

fn opts(as_of: &str, host: Option<&str>, anchors: Vec<Vec<u8>>) -> Options {
    Options {
        host: host.map(str::to_string),
        use_system_roots: false,
        extra_anchors: anchors,
        ..Options::at(at(as_of))
    }
}

/// PEM armor for a DER certificate, as a paste would carry it.
fn pem(der: &[u8]) -> String {
    use base64::Engine as _;
    let b64 = base64::engine::general_purpose::STANDARD.encode(der);
    let mut out = String::from("-----BEGIN CERTIFICATE-----\n");
    for line in b64.as_bytes().chunks(64) {
        out.push_str(std::str::from_utf8(line).expect("base64 is ASCII"));
        out.push('\n');
    }
    out.push_str("-----END CERTIFICATE-----\n");
    out
}

/// Amazon Trust demo at its openssl-verified time (SOURCES.md): leaf + intermediate pasted,
/// the Amazon root as the only anchor — a 3-certificate path.
const AMAZON_AS_OF: &str = "2025-02-25T12:00:00Z";

fn amazon_chain(site: &str, root: u8) -> (Vec<Input>, Options) {
    let inputs = vec![Input::bytes(Some(format!("{site}.chain.pem")), data(&format!("real/amazon/{site}.chain.pem")))];
    let anchor = data(&format!("real/amazon/AmazonRootCA{root}.cer"));
    let host = format!("{site}.demo.amazontrust.com");
    (inputs, opts(AMAZON_AS_OF, Some(&host), vec![anchor]))
}

fn chains(c: &mut Criterion) {
    let mut group = c.benchmark_group("chain");
    for (name, site, root) in [
        ("rsa2048_3cert", "valid.rootca1", 1),
        ("rsa4096_3cert", "valid.rootca2", 2),
        ("p256_3cert", "valid.rootca3", 3),
        ("p384_3cert", "valid.rootca4", 4),
    ] {
        let (inputs, options) = amazon_chain(site, root);
        group.bench_function(name, |b| b.iter(|| analyze(black_box(&inputs), black_box(&options))));
    }
    // A real CRL with ~14,000 entries next to the chain it revokes.
    let (mut inputs, options) = amazon_chain("revoked.rootca1", 1);
    inputs.push(Input::bytes(Some("r2m02.crl".into()), data("real/amazon/r2m02.crl")));
    group.bench_function("rsa2048_3cert_with_14k_entry_crl", |b| {
        b.iter(|| analyze(black_box(&inputs), black_box(&options)))
    });
    group.finish();
}

/// Leaf + intermediate of the RSA-2048 chain, then Mozilla's roots, then
/// PKITS certificates to make up `total`: one PEM paste, leaf first.
fn bundle(total: usize) -> Vec<u8> {
    let mut text = String::from_utf8(data("real/amazon/valid.rootca1.chain.pem")).expect("PEM is text");
    let mut count = 2;
    for root in webpki_root_certs::TLS_SERVER_ROOT_CERTS {
        if count == total {
            break;
        }
        text.push_str(&pem(root.as_ref()));
        count += 1;
    }
    let mut pkits: Vec<PathBuf> = std::fs::read_dir(common::data_path("pkits/certs"))
        .expect("pkits certs")
        .filter_map(|e| e.ok().map(|e| e.path()))
        .collect();
    pkits.sort();
    for path in pkits {
        if count == total {
            break;
        }
        text.push_str(&pem(&std::fs::read(&path).expect("pkits cert")));
        count += 1;
    }
    assert_eq!(count, total, "not enough certificates for a {total}-certificate bundle");
    text.into_bytes()
}

fn bundles(c: &mut Criterion) {
    let mut group = c.benchmark_group("bundle");
    group.sample_size(20);
    let anchor = data("real/amazon/AmazonRootCA1.cer");
    for total in [50usize, 100, 150] {
        let inputs = vec![Input::bytes(Some("bundle.pem".into()), bundle(total))];
        let options = opts(AMAZON_AS_OF, Some("valid.rootca1.demo.amazontrust.com"), vec![anchor.clone()]);
        group.throughput(Throughput::Elements(total as u64));
        group.bench_with_input(BenchmarkId::new("certs", total), &inputs, |b, inputs| {
            b.iter(|| analyze(black_box(inputs), black_box(&options)))
        });
    }
    // Mozilla's store switched on: what every default CLI run pays for.
    let (inputs, mut options) = amazon_chain("valid.rootca1", 1);
    options.use_system_roots = true;
    group.bench_function("rsa2048_3cert_with_mozilla_store", |b| {
        b.iter(|| analyze(black_box(&inputs), black_box(&options)))
    });
    group.finish();
}

/// OCSP: the real COMODO response ND1.der (RSA-2048, sha1WithRSA, signed by
/// the issuing CA) with its leaf and issuer, at a time it is fresh. The
/// chain-only case is the baseline; the difference is the OCSP stage.
fn ocsp(c: &mut Criterion) {
    let mut group = c.benchmark_group("ocsp");
    let chain = Input::bytes(Some("ND1_Cert_EE.pem".into()), data("ocsp/ND1_Cert_EE.pem"));
    let issuer = data("ocsp/ND1_Issuer_ICA.pem");
    let options = opts("2012-10-12T00:00:00Z", None, vec![issuer]);
    let without = vec![chain.clone()];
    let with = vec![chain, Input::ocsp(Some("ND1.der".into()), data("ocsp/ND1.der"))];
    group.bench_function("nd1_leaf_only", |b| b.iter(|| analyze(black_box(&without), black_box(&options))));
    group.bench_function("nd1_leaf_plus_rsa_response", |b| b.iter(|| analyze(black_box(&with), black_box(&options))));
    group.finish();
}

/// Issue 6's path-building bound: the leaf plus 1,000 certificates that all
/// carry its issuer's subject name and key (copies of the real intermediate
/// with 1,000 different serials, so each one's own signature is broken). A
/// naive search verifies 2,000 signatures; a budgeted one stops early.
fn same_name(c: &mut Criterion) {
    let mut group = c.benchmark_group("hostile");
    group.sample_size(10);
    let chain = String::from_utf8(data("real/amazon/valid.rootca1.chain.pem")).expect("PEM");
    let blocks: Vec<&str> = chain.split_inclusive("-----END CERTIFICATE-----\n").collect();
    let leaf = blocks.first().copied().unwrap_or_default().to_string();
    let intermediate = pem_to_der(blocks.get(1).copied().unwrap_or_default());
    let mut text = leaf;
    for i in 0..1000u16 {
        text.push_str(&pem(&with_serial_suffix(&intermediate, i)));
    }
    let inputs = vec![Input::bytes(Some("same-name.pem".into()), text.into_bytes())];
    let options = opts(AMAZON_AS_OF, None, vec![data("real/amazon/AmazonRootCA1.cer")]);
    group.measurement_time(Duration::from_secs(5));
    group.bench_function("1000_same_name_intermediates", |b| {
        b.iter(|| analyze(black_box(&inputs), black_box(&options)))
    });
    // 1,024 validly cross-signed "CN=Loop CA" certificates (tests/data/
    // hostile/make.sh): every signature verifies, so only the budget stops it.
    let hostile = |f: &str| {
        let path = common::data_path("hostile").join(f);
        std::fs::read(&path).unwrap_or_else(|e| panic!("{}: {e}", path.display()))
    };
    let inputs = vec![Input::bytes(Some("loop.pem".into()), hostile("loop.pem"))];
    let options = opts("2026-06-01T00:00:00Z", None, vec![hostile("loop-anchor.pem")]);
    group.bench_function("1024_cross_signed_same_name_loop", |b| {
        b.iter(|| analyze(black_box(&inputs), black_box(&options)))
    });
    group.finish();
}

fn pem_to_der(block: &str) -> Vec<u8> {
    use base64::Engine as _;
    let body: String = block.lines().filter(|l| !l.starts_with("-----")).collect();
    base64::engine::general_purpose::STANDARD.decode(body.trim()).expect("PEM body")
}

/// Overwrites the last two bytes of the certificate's serial number, so the
/// DER stays well-formed and every length stays the same.
fn with_serial_suffix(der: &[u8], i: u16) -> Vec<u8> {
    use der::Decode as _;
    let cert = x509_cert::Certificate::from_der(der).expect("intermediate decodes");
    let serial = cert.tbs_certificate.serial_number.as_bytes().to_vec();
    let at = der.windows(serial.len()).position(|w| w == serial.as_slice()).expect("serial bytes present");
    let mut out = der.to_vec();
    let end = at + serial.len();
    out[end - 2..end].copy_from_slice(&i.to_be_bytes());
    out
}

/// What one signature costs with the crates certscope uses, outside
/// certscope: the floor under every chain case, and the unit to divide by
/// when asking how many verifications an `analyze` call performs.
fn primitives(c: &mut Criterion) {
    use der::{Decode as _, Encode as _};
    use x509_cert::Certificate;
    let mut group = c.benchmark_group("primitive");
    let pair = |site: &str| {
        let text = String::from_utf8(data(&format!("real/amazon/{site}.chain.pem"))).expect("PEM");
        let blocks: Vec<Vec<u8>> = text.split_inclusive("-----END CERTIFICATE-----\n").map(pem_to_der).collect();
        let leaf = Certificate::from_der(&blocks[0]).expect("leaf");
        let issuer = Certificate::from_der(&blocks[1]).expect("issuer");
        let tbs = leaf.tbs_certificate.to_der().expect("tbs");
        let signature = leaf.signature.raw_bytes().to_vec();
        let key = issuer.tbs_certificate.subject_public_key_info.subject_public_key.raw_bytes().to_vec();
        (blocks, tbs, signature, key)
    };

    let (blocks, tbs, signature, key) = pair("valid.rootca1");
    let rsa_key = {
        use rsa::pkcs1::DecodeRsaPublicKey as _;
        rsa::RsaPublicKey::from_pkcs1_der(&key).expect("RSA key")
    };
    group.bench_function("rsa2048_pkcs1_sha256_verify", |b| {
        b.iter(|| {
            use sha2::Digest as _;
            let hash = sha2::Sha256::digest(black_box(&tbs));
            rsa_key.verify(rsa::Pkcs1v15Sign::new::<sha2::Sha256>(), &hash, black_box(&signature)).expect("verifies")
        })
    });
    // The same RSA public-key operation, s^65537 mod n, with crypto-bigint's
    // fixed-width Montgomery arithmetic (U2048, 17-bit exponent): what
    // certscope-arith's modpow could cost without num-bigint-dig's generic one.
    {
        use crypto_bigint::modular::runtime_mod::{DynResidue, DynResidueParams};
        use crypto_bigint::{Encoding as _, U2048};
        use rsa::traits::PublicKeyParts as _;
        use sha2::Digest as _;
        let n = U2048::from_be_slice(&rsa_key.n().to_bytes_be());
        let e = U2048::from_u32(65_537);
        let s = U2048::from_be_slice(&signature);
        let params = DynResidueParams::new(&n);
        let hash = sha2::Sha256::digest(&tbs);
        let em = DynResidue::new(&s, params).pow_bounded_exp(&e, 17).retrieve().to_be_bytes();
        assert!(em.starts_with(&[0x00, 0x01, 0xff]) && em.ends_with(&hash), "crypto-bigint recovers the PKCS#1 block");
        group.bench_function("rsa2048_public_op_crypto_bigint", |b| {
            b.iter(|| {
                let params = DynResidueParams::new(black_box(&n));
                DynResidue::new(black_box(&s), params).pow_bounded_exp(&e, 17).retrieve()
            })
        });
    }
    group.bench_function("x509_decode_leaf", |b| {
        b.iter(|| Certificate::from_der(black_box(&blocks[0])).expect("decodes"))
    });

    let (_, tbs, signature, key) = pair("valid.rootca3");
    let p256_key = p256::ecdsa::VerifyingKey::from_sec1_bytes(&key).expect("P-256 key");
    let p256_sig = p256::ecdsa::Signature::from_der(&signature).expect("DER signature");
    group.bench_function("p256_ecdsa_sha256_verify", |b| {
        b.iter(|| {
            use p256::ecdsa::signature::Verifier as _;
            p256_key.verify(black_box(&tbs), black_box(&p256_sig)).expect("verifies")
        })
    });
    group.finish();
}

/// The issue 12 attacks, generated exactly as tests/budget.rs makes them
/// (tests/forge/). Each must stay under 1 s of CPU in a release build.
fn budget(c: &mut Criterion) {
    let mut group = c.benchmark_group("budget");
    group.sample_size(10);
    let at_2026 = || Options { use_system_roots: false, ..Options::at(at("2026-06-01T00:00:00Z")) };

    // 500 certificates named Amazon Root CA 1 + 500 copies of its CRL (20.8 s before).
    let inputs = vec![Input::text(&forge::crl_bomb(500))];
    let options = at_2026();
    group.bench_function("crl_500_certs_500_copies", |b| b.iter(|| analyze(black_box(&inputs), black_box(&options))));

    // 3,500 DNS subtrees over a 3,500-name SAN (3.2 s before), pasted and as a user anchor.
    let (leaf, ca) = forge::name_constraint_bomb();
    let inputs = vec![Input::bytes(None, leaf.clone()), Input::bytes(None, ca.clone())];
    let options = at_2026();
    group.bench_function("name_constraints_3500x3500", |b| b.iter(|| analyze(black_box(&inputs), black_box(&options))));
    let inputs = vec![Input::bytes(None, leaf)];
    let options = Options { extra_anchors: vec![ca], ..at_2026() };
    group.bench_function("name_constraints_3500x3500_user_anchor", |b| {
        b.iter(|| analyze(black_box(&inputs), black_box(&options)))
    });

    // 21 OCSP responses naming a responder 100 differently keyed certificates are named like.
    let response = common::read("ocsp/resp-sha256.der");
    let mut inputs = vec![Input::text(&forge::responder_namesakes(100))];
    inputs.extend((0..21).map(|i| Input::ocsp(Some(format!("resp{i}.der")), response.clone())));
    let options = at_2026();
    group.bench_function("ocsp_21_responses_100_namesakes", |b| {
        b.iter(|| analyze(black_box(&inputs), black_box(&options)))
    });

    // The whole signature budget at the dearest key certscope computes with:
    // 250 candidate CAs with 16,384-bit RSA keys and 33-bit exponents.
    let inputs = vec![Input::text(&forge::big_rsa_namesakes(250))];
    let options = at_2026();
    // The case measures what it says: the whole budget, each check a full
    // exponentiation that counts as 16 (12 of them: 192 of 200).
    let work = analyze(&inputs, &options).work;
    assert_eq!((work.signature_checks, work.exceeded.as_slice()), (192, &["max_signature_checks".to_string()][..]));
    group.bench_function("signatures_200_rsa16384", |b| b.iter(|| analyze(black_box(&inputs), black_box(&options))));

    // 100,000 empty inputs (a permalink's worth).
    let inputs: Vec<Input> = (0..100_000).map(|_| Input::bytes(None, Vec::new())).collect();
    let options = at_2026();
    group.bench_function("inputs_100000_empty", |b| b.iter(|| analyze(black_box(&inputs), black_box(&options))));

    // 8 MiB in the input and 8 MiB in the trust-anchors box.
    let max = certscope::Limits::default().max_input_bytes;
    let chain = String::from_utf8(data("real/amazon/valid.rootca1.chain.pem")).expect("PEM");
    let inputs = vec![Input::bytes(Some("chain.pem".into()), forge::padded(&chain, max))];
    let options = opts(AMAZON_AS_OF, None, vec![forge::padded(&pem(&data("real/amazon/AmazonRootCA1.cer")), max)]);
    group.bench_function("input_8mib_plus_anchors_8mib", |b| {
        b.iter(|| analyze(black_box(&inputs), black_box(&options)))
    });

    // Hostile PKCS#12 files (tests/pkcs12_hostile.rs), given a password so
    // that key bags are taken out too.
    let pfx = |bytes: Vec<u8>| {
        vec![Input::bytes(Some("hostile.pfx".into()), bytes).with_password(Some(Password::new("certscope-test")))]
    };
    let options = at_2026();
    // A MAC asking for 10⁹ iterations: refused before any is run.
    let inputs = pfx(forge::pfx::mac_iterations(forge::pfx::BILLION));
    assert_eq!(analyze(&inputs, &options).work.kdf_iterations, 0);
    group.bench_function("pfx_mac_1e9_iterations_refused", |b| {
        b.iter(|| analyze(black_box(&inputs), black_box(&options)))
    });
    // The dearest file that is computed: a MAC asking for the whole KDF
    // budget (HMAC-SHA-256 with the PKCS#12 KDF), which then fails.
    let max = certscope::Limits::default().max_kdf_iterations;
    let inputs = pfx(forge::pfx::mac_iterations(u32::try_from(max).expect("fits")));
    assert_eq!(analyze(&inputs, &options).work.kdf_iterations, max);
    group.bench_function("pfx_mac_2m_iterations_whole_budget", |b| {
        b.iter(|| analyze(black_box(&inputs), black_box(&options)))
    });
    // The same budget spent on certificate bags under PBES2 with
    // PBKDF2-HMAC-SHA-1 and AES-256: a 32-byte key is two SHA-1 blocks,
    // so each iteration paid for is two HMACs (no MAC; the padding fails).
    let inputs =
        pfx(forge::pfx::pfx(&[forge::pfx::encrypted_info(&forge::pfx::pbes2(u32::try_from(max).expect("fits")))]));
    assert_eq!(analyze(&inputs, &options).work.kdf_iterations, max);
    group.bench_function("pfx_pbes2_sha1_aes256_2m_iterations_whole_budget", |b| {
        b.iter(|| analyze(black_box(&inputs), black_box(&options)))
    });
    // SafeContents nested 40 levels deep (4 are read).
    let inputs = pfx(forge::pfx::nested(40));
    group.bench_function("pfx_nested_40_levels", |b| b.iter(|| analyze(black_box(&inputs), black_box(&options))));
    // 100,000 bags (1.1 MB; 1,000 are read).
    let inputs = pfx(forge::pfx::many_bags(100_000));
    group.bench_function("pfx_100000_bags", |b| b.iter(|| analyze(black_box(&inputs), black_box(&options))));
    // BER made DER-shaped: an AuthenticatedSafe of 4,000,000 NULLs inside
    // 32 indefinite-length SEQUENCEs (8 MB, under max_input_bytes), every
    // level copied once more.
    let inputs = pfx(forge::pfx::with_auth_safe(&forge::pfx::ber_auth_safe(32, 4_000_000)));
    group.bench_function("pfx_ber_8mb_32_deep", |b| b.iter(|| analyze(black_box(&inputs), black_box(&options))));
    // For scale: OpenSSL 3's default export opened, its key compared
    // (three KDF runs of 2,048 iterations: the MAC, the certificates, the key).
    let inputs = pfx(forge::pfx::fixture("default.pfx"));
    assert_eq!(analyze(&inputs, &options).work.kdf_iterations, 3 * 2_048);
    group
        .bench_function("pfx_default_opened_with_key", |b| b.iter(|| analyze(black_box(&inputs), black_box(&options))));
    group.finish();
}

criterion_group! {
    name = benches;
    config = Criterion::default()
        .warm_up_time(Duration::from_secs(1))
        .measurement_time(Duration::from_secs(3));
    targets = primitives, chains, bundles, ocsp, same_name, budget
}
criterion_main!(benches);
