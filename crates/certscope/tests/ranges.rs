//! Issue 16's "done when": for every finding code that concerns one
//! field, a real fixture's finding carries a byte range covering exactly
//! that field. The expected bytes are made without certscope's ASN.1
//! tree: the field is decoded with x509-cert / x509-ocsp and encoded
//! again with `to_der()`, and the range must hold those bytes.

mod common;

use certscope::report::{ByteRange, ObjectRef};
use certscope::{analyze, object_der, Code, Input, Options, Profile, Report, Timestamp};
use const_oid::db::rfc5280 as pkix;
use const_oid::ObjectIdentifier;
use der::{Decode, Encode};
use x509_cert::certificate::{CertificateInner, Raw};

type Cert = CertificateInner<Raw>;

/// The field a range must cover, read by the RustCrypto decoders.
#[derive(Clone, Copy, Debug)]
enum Field {
    /// `[0] EXPLICIT` with the version INTEGER in it.
    Version,
    Serial,
    NotBefore,
    NotAfter,
    SignatureAlgorithm,
    Spki,
    Extension(ObjectIdentifier),
    /// The first extension of the first extnID that appears twice.
    DuplicateExtension,
    /// The subject's last commonName AttributeTypeAndValue.
    SubjectCn,
    OcspStatus,
    OcspResponseType,
    OcspResponderId,
    OcspSignature,
    OcspSignatureAlgorithm,
    OcspCertStatus(usize),
    OcspThisUpdate(usize),
    /// `[0] EXPLICIT` with the time in it.
    OcspNextUpdate(usize),
    OcspSingle(usize),
    /// `[0] EXPLICIT` with the responder's certificates in it.
    OcspCerts,
    CrlThisUpdate,
    CrlNextUpdate,
    /// The revokedCertificates entry for certificate 0's serial.
    CrlEntryOfFirstCertificate,
    CrlExtension(ObjectIdentifier),
    Issuer,
    SignatureValue,
}

/// Inputs beyond one file: more files, a trusted root, a host.
#[derive(Clone, Copy)]
struct More {
    files: &'static [&'static str],
    anchor: Option<&'static str>,
    host: Option<&'static str>,
}

const ALONE: More = More { files: &[], anchor: None, host: None };

const TLS_FEATURE: ObjectIdentifier = ObjectIdentifier::new_unwrap("1.3.6.1.5.5.7.1.24");
const CT_POISON: ObjectIdentifier = ObjectIdentifier::new_unwrap("1.3.6.1.4.1.11129.2.4.3");
const NOW: &str = "2026-01-01T00:00:00Z";
const EARLY: &str = "2013-01-01T00:00:00Z";
/// An hour after the synthetic OCSP responses were produced
/// (tests/data/ocsp/synthetic/make.sh).
const SYNTHETIC_OCSP: &str = "2026-11-27T22:28:18Z";
/// An hour after tests/data/ranges/make.sh made its OCSP response (its asof.txt).
const RANGES_OCSP: &str = "2026-12-03T00:40:47Z";

/// Code, fixture (under tests/data/), as-of time, the field, and what else the analysis needs.
const TABLE: &[(Code, &str, &str, Field, More)] = &[
    (
        Code::BasicConstraintsNotCritical,
        "pkits/certs/basicConstraintsNotCriticalCACert.crt",
        NOW,
        Field::Extension(pkix::ID_CE_BASIC_CONSTRAINTS),
        ALONE,
    ),
    (Code::CaUsedAsLeaf, "x509/accvraiz1.pem", NOW, Field::Extension(pkix::ID_CE_BASIC_CONSTRAINTS), ALONE),
    (Code::CnNotInSan, "x509/e-trust.ru.der", NOW, Field::SubjectCn, ALONE),
    (Code::CrlNotYetValid, "real/amazon/e2m01.crl", EARLY, Field::CrlThisUpdate, ALONE),
    (Code::CrlStale, "real/amazon/e2m01.crl", NOW, Field::CrlNextUpdate, ALONE),
    (Code::EkuCritical, "x509/limbo-ee-critical-eku.pem", NOW, Field::Extension(pkix::ID_CE_EXT_KEY_USAGE), ALONE),
    (Code::Expired, "x509/letsencryptx3.pem", NOW, Field::NotAfter, ALONE),
    (Code::DuplicateExtension, "x509/limbo-duplicate-extensions.pem", NOW, Field::DuplicateExtension, ALONE),
    (Code::ExtensionInvalid, "x509/limbo-malformed.pem", NOW, Field::Extension(pkix::ID_CE_SUBJECT_ALT_NAME), ALONE),
    (
        Code::LeafMarkedCa,
        "x509/limbo-ee-basicconstraints-ca.pem",
        NOW,
        Field::Extension(pkix::ID_CE_BASIC_CONSTRAINTS),
        ALONE,
    ),
    (Code::KeyForbidden, "x509/v1_cert.pem", NOW, Field::Spki, ALONE),
    (Code::RsaModulusNegative, "x509/negative-modulus.pem", NOW, Field::Spki, ALONE),
    (
        Code::OcspUnauthorizedResponder,
        "ocsp/synthetic/unauthorized-noeku.der",
        SYNTHETIC_OCSP,
        Field::OcspResponderId,
        More { files: &["ocsp/synthetic/leaf-chain.pem"], anchor: Some("ocsp/synthetic/ca.pem"), host: None },
    ),
    (
        Code::OcspResponderNocheck,
        "ocsp/synthetic/delegated-nocheck.der",
        SYNTHETIC_OCSP,
        Field::OcspCerts,
        More { files: &["ocsp/synthetic/leaf-chain.pem"], anchor: Some("ocsp/synthetic/ca.pem"), host: None },
    ),
    (
        Code::CrlUnknownCriticalExtension,
        "pkits/certs/InvalidUnknownCRLExtensionTest9EE.crt",
        NOW,
        Field::CrlExtension(ObjectIdentifier::new_unwrap("2.16.840.1.101.2.1.12.2")),
        More {
            files: &["pkits/certs/UnknownCRLExtensionCACert.crt", "pkits/crls/UnknownCRLExtensionCACRL.crl"],
            anchor: Some("pkits/certs/TrustAnchorRootCertificate.crt"),
            host: None,
        },
    ),
    (Code::VersionNotV3, "ranges/v2.pem", NOW, Field::Version, ALONE),
    (Code::KeyTooLarge, "ranges/rsa-16400.pem", NOW, Field::Spki, ALONE),
    (
        Code::PolicyDuplicate,
        "ranges/policies-duplicate.pem",
        RANGES_OCSP,
        Field::Extension(pkix::ID_CE_CERTIFICATE_POLICIES),
        More { files: &[], anchor: Some("ranges/policies-root.pem"), host: None },
    ),
    (
        Code::PolicyExtensionMalformed,
        "ranges/policies-malformed.pem",
        RANGES_OCSP,
        Field::Extension(pkix::ID_CE_CERTIFICATE_POLICIES),
        More { files: &[], anchor: Some("ranges/policies-root.pem"), host: None },
    ),
    (
        Code::OcspResponderExpired,
        "ranges/responder-chain.pem",
        RANGES_OCSP,
        Field::OcspCerts,
        More { files: &["ranges/responder-expired.der"], anchor: Some("ranges/responder-ca.pem"), host: None },
    ),
    (
        Code::PolicyMappingAnyPolicy,
        "pkits/certs/InvalidMappingFromanyPolicyTest7EE.crt",
        NOW,
        Field::Extension(pkix::ID_CE_POLICY_MAPPINGS),
        More {
            files: &["pkits/certs/MappingFromanyPolicyCACert.crt"],
            anchor: Some("pkits/certs/TrustAnchorRootCertificate.crt"),
            host: None,
        },
    ),
    (
        Code::KeyCertSignWithoutCa,
        "pkits/certs/MissingbasicConstraintsCACert.crt",
        NOW,
        Field::Extension(pkix::ID_CE_KEY_USAGE),
        ALONE,
    ),
    (Code::LeafNotForServers, "x509/wosign-bc-invalid.pem", NOW, Field::Extension(pkix::ID_CE_EXT_KEY_USAGE), ALONE),
    (Code::MustStapleWithoutOcsp, "x509/tls-feature-ocsp-staple.pem", NOW, Field::Extension(TLS_FEATURE), ALONE),
    (
        Code::NameConstraintsNotCritical,
        "real/webpki/wpt/ca.der",
        NOW,
        Field::Extension(pkix::ID_CE_NAME_CONSTRAINTS),
        ALONE,
    ),
    (Code::NotYetValid, "x509/badssl-sct.pem", EARLY, Field::NotBefore, ALONE),
    (Code::OcspNoNextUpdate, "ocsp/TestOCSPresp.ors", NOW, Field::OcspSingle(0), ALONE),
    (Code::OcspNotSuccessful, "ocsp/error-malformed-resp.der", NOW, Field::OcspStatus, ALONE),
    (Code::OcspNotYetValid, "staple/good-tls12-msg.txt", NOW, Field::OcspThisUpdate(0), ALONE),
    (Code::OcspOldStaple, "ocsp/D2.der", EARLY, Field::OcspThisUpdate(0), ALONE),
    (Code::OcspResponderIdMismatch, "ocsp/ocsp-multiple-exts-res.der", NOW, Field::OcspResponderId, ALONE),
    (Code::OcspRevoked, "staple/revoked-tls12-msg.txt", NOW, Field::OcspCertStatus(0), ALONE),
    (Code::OcspSha1Signature, "ocsp/synthetic/issuer-sha1.der", NOW, Field::OcspSignatureAlgorithm, ALONE),
    (Code::OcspSignatureInvalid, "ocsp/ISOP_D1.der", NOW, Field::OcspSignature, ALONE),
    (Code::OcspSignatureUnverifiable, "ocsp/D1.der", NOW, Field::OcspSignature, ALONE),
    (Code::OcspStale, "ocsp/D1.der", NOW, Field::OcspNextUpdate(0), ALONE),
    (Code::OcspUnknown, "staple/unknown-tls13-msg.txt", NOW, Field::OcspCertStatus(0), ALONE),
    (Code::OcspUnknownResponseType, "ocsp/resp-response-type-unknown-oid.der", NOW, Field::OcspResponseType, ALONE),
    (Code::OcspValidityWindow, "staple/stale-tls12-msg.txt", NOW, Field::OcspSingle(0), ALONE),
    (
        Code::PolicyConstraintsNotCritical,
        "pkits/certs/GoodsubCACert.crt",
        NOW,
        Field::Extension(pkix::ID_CE_POLICY_CONSTRAINTS),
        ALONE,
    ),
    (Code::SanDnsInvalid, "hostile/names.pem", NOW, Field::Extension(pkix::ID_CE_SUBJECT_ALT_NAME), ALONE),
    (Code::SerialInvalid, "x509/custom-negative_serial.pem", NOW, Field::Serial, ALONE),
    (Code::TlsFeatureCritical, "ocsp/synthetic/staple-critical-chain.pem", NOW, Field::Extension(TLS_FEATURE), ALONE),
    (Code::UnknownCriticalExtension, "x509/cryptography.io.precert.pem", NOW, Field::Extension(CT_POISON), ALONE),
    (Code::WeakKey, "x509/v1_cert.pem", NOW, Field::Spki, ALONE),
    (Code::WeakSignatureHash, "x509/v1_cert.pem", NOW, Field::SignatureAlgorithm, ALONE),
    (
        Code::CrlRevoked,
        "real/amazon/revoked.rootca4.chain.pem",
        "2025-02-25T00:00:00Z",
        Field::CrlEntryOfFirstCertificate,
        More { files: &["real/amazon/e3m02.crl"], anchor: None, host: None },
    ),
    (
        Code::HostMismatch,
        "limbo/online/google.com.chain.pem",
        "2026-02-02T08:36:39Z",
        Field::Extension(pkix::ID_CE_SUBJECT_ALT_NAME),
        More { files: &[], anchor: Some("limbo/online/google.com.root.pem"), host: Some("google.example") },
    ),
];

/// Cases of x509-limbo (tests/data/limbo/limbo-8a2e6f41.json) for codes
/// that need a chain: the case's peer certificate, intermediates and
/// CRLs, its trusted certificates as anchors, at its validation time.
/// An id ending in `+root` also pastes the trusted root with the chain,
/// as people do, so that findings about the root have bytes to point at.
const LIMBO: &[(Code, &str, Field)] = &[
    (Code::AkiCritical, "rfc5280::aki::critical-aki+root", Field::Extension(pkix::ID_CE_AUTHORITY_KEY_IDENTIFIER)),
    (Code::SkiCritical, "rfc5280::ski::critical-ski+root", Field::Extension(pkix::ID_CE_SUBJECT_KEY_IDENTIFIER)),
    (Code::EkuOnRoot, "webpki::eku::root-has-eku+root", Field::Extension(pkix::ID_CE_EXT_KEY_USAGE)),
    (
        Code::IssuerMissingKeyCertSign,
        "rfc5280::root-inconsistent-ca-extensions+root",
        Field::Extension(pkix::ID_CE_KEY_USAGE),
    ),
    (
        Code::RootAkiInvalid,
        "webpki::aki::root-with-aki-missing-keyidentifier+root",
        Field::Extension(pkix::ID_CE_AUTHORITY_KEY_IDENTIFIER),
    ),
    (Code::AiaCritical, "rfc5280::ee-critical-aia-invalid", Field::Extension(pkix::ID_PE_AUTHORITY_INFO_ACCESS)),
    (Code::CrlNumberInvalid, "crl::crlnumber-critical", Field::CrlExtension(pkix::ID_CE_CRL_NUMBER)),
    (Code::EkuAny, "webpki::eku::ee-anyeku", Field::Extension(pkix::ID_CE_EXT_KEY_USAGE)),
    (Code::ExpiringSoon, "rfc5280::validity::notafter-exact", Field::NotAfter),
    (Code::IssuerNameMismatch, "pathological::pathological-chain-distinct-subject-same-key", Field::Issuer),
    (Code::IssuerNotCa, "rfc5280::intermediate-ca-without-ca-bit", Field::Extension(pkix::ID_CE_BASIC_CONSTRAINTS)),
    (Code::NameEmpty, "rfc5280::ee-empty-issuer", Field::Issuer),
    (
        Code::NameConstraintsViolated,
        "rfc5280::nc::permitted-dns-mismatch",
        Field::Extension(pkix::ID_CE_SUBJECT_ALT_NAME),
    ),
    (
        Code::PathLengthExceeded,
        "pathlen::intermediate-violates-pathlen-0",
        Field::Extension(pkix::ID_CE_BASIC_CONSTRAINTS),
    ),
    (
        Code::SanCriticality,
        "rfc5280::san::noncritical-with-empty-subject",
        Field::Extension(pkix::ID_CE_SUBJECT_ALT_NAME),
    ),
    (Code::SignatureAlgorithmUnsupported, "webpki::explicit-curve", Field::SignatureAlgorithm),
    (Code::SignatureInvalid, "rfc5280::mismatching-signature-algorithm", Field::SignatureValue),
    (
        Code::WildcardPublicSuffix,
        "webpki::san::public-suffix-wildcard-san",
        Field::Extension(pkix::ID_CE_SUBJECT_ALT_NAME),
    ),
];

/// Codes that name a field but that no fixture here triggers yet: none.
/// A new field-naming code must come with a row above, or be listed here
/// (and fail review).
const NO_FIXTURE_YET: &[Code] = &[];

fn at(time: &str) -> Options {
    let mut o = Options::at(Timestamp::parse_rfc3339(time).unwrap());
    o.profile = Profile::Strict;
    o.use_system_roots = false;
    o
}

fn der_of(input: &[Input], report: &Report, range: &ByteRange) -> Vec<u8> {
    object_der(input, report, range.object).expect("the object's DER")
}

/// The expected encoding of `field` in `der`.
fn expected(field: Field, der: &[u8]) -> Vec<u8> {
    match field {
        Field::Version
        | Field::Serial
        | Field::NotBefore
        | Field::NotAfter
        | Field::SignatureAlgorithm
        | Field::Spki
        | Field::Extension(_)
        | Field::DuplicateExtension
        | Field::SubjectCn
        | Field::Issuer
        | Field::SignatureValue => certificate_field(field, &Cert::from_der(der).unwrap()),
        Field::CrlExtension(oid) => {
            let list = x509_cert::crl::CertificateList::from_der(der).unwrap();
            let exts = list.tbs_cert_list.crl_extensions.unwrap();
            exts.iter().find(|e| e.extn_id == oid).unwrap().to_der().unwrap()
        }
        Field::CrlThisUpdate => {
            x509_cert::crl::CertificateList::from_der(der).unwrap().tbs_cert_list.this_update.to_der().unwrap()
        }
        Field::CrlNextUpdate => {
            x509_cert::crl::CertificateList::from_der(der).unwrap().tbs_cert_list.next_update.unwrap().to_der().unwrap()
        }
        Field::CrlEntryOfFirstCertificate => unreachable!("needs the certificate; see crl_entry"),
        _ => ocsp_field(field, der),
    }
}

fn crl_entry(crl: &[u8], cert: &Cert) -> Vec<u8> {
    let list = x509_cert::crl::CertificateList::from_der(crl).unwrap();
    let entries = list.tbs_cert_list.revoked_certificates.unwrap();
    entries
        .iter()
        .find(|e| e.serial_number.as_bytes() == cert.tbs_certificate.serial_number.as_bytes())
        .unwrap()
        .to_der()
        .unwrap()
}

fn certificate_field(field: Field, c: &Cert) -> Vec<u8> {
    let tbs = &c.tbs_certificate;
    let exts = tbs.extensions.as_deref().unwrap_or_default();
    match field {
        Field::Version => Ok(explicit0(tbs.version.to_der().unwrap())),
        Field::Serial => tbs.serial_number.to_der(),
        Field::NotBefore => tbs.validity.not_before.to_der(),
        Field::NotAfter => tbs.validity.not_after.to_der(),
        Field::SignatureAlgorithm => c.signature_algorithm.to_der(),
        Field::Spki => tbs.subject_public_key_info.to_der(),
        Field::Issuer => tbs.issuer.to_der(),
        Field::SignatureValue => c.signature.to_der(),
        Field::Extension(oid) => exts.iter().find(|e| e.extn_id == oid).expect("extension").to_der(),
        Field::DuplicateExtension => {
            let dup =
                exts.iter().enumerate().find(|(i, e)| exts[..*i].iter().any(|p| p.extn_id == e.extn_id)).unwrap().1;
            exts.iter().find(|e| e.extn_id == dup.extn_id).unwrap().to_der()
        }
        Field::SubjectCn => tbs
            .subject
            .0
            .iter()
            .flat_map(|rdn| rdn.0.iter())
            .rfind(|atv| atv.oid == const_oid::db::rfc4519::CN)
            .unwrap()
            .to_der(),
        _ => unreachable!("{field:?}"),
    }
    .unwrap()
}

fn explicit0(inner: Vec<u8>) -> Vec<u8> {
    let mut out = vec![0xa0];
    out.extend(der::Length::try_from(inner.len()).unwrap().to_der().unwrap());
    out.extend(inner);
    out
}

fn ocsp_field(field: Field, der: &[u8]) -> Vec<u8> {
    let r = x509_ocsp::OcspResponse::from_der(der).unwrap();
    if let Field::OcspStatus = field {
        return r.response_status.to_der().unwrap();
    }
    let bytes = r.response_bytes.unwrap();
    if let Field::OcspResponseType = field {
        return bytes.response_type.to_der().unwrap();
    }
    let basic = x509_ocsp::BasicOcspResponse::from_der(bytes.response.as_bytes()).unwrap();
    let single = |n: usize| &basic.tbs_response_data.responses[n];
    match field {
        Field::OcspResponderId => basic.tbs_response_data.responder_id.to_der(),
        Field::OcspSignature => basic.signature.to_der(),
        Field::OcspSignatureAlgorithm => basic.signature_algorithm.to_der(),
        Field::OcspCertStatus(n) => single(n).cert_status.to_der(),
        Field::OcspThisUpdate(n) => single(n).this_update.to_der(),
        Field::OcspNextUpdate(n) => Ok(explicit0(single(n).next_update.unwrap().to_der().unwrap())),
        Field::OcspSingle(n) => single(n).to_der(),
        Field::OcspCerts => Ok(explicit0(basic.certs.clone().unwrap().to_der().unwrap())),
        _ => unreachable!("{field:?}"),
    }
    .unwrap()
}

#[test]
fn every_field_finding_covers_exactly_its_field() {
    let mut failures = Vec::new();
    for &(code, file, time, field, more) in TABLE {
        let mut input = vec![Input::bytes(Some(file.to_string()), common::read(file))];
        input.extend(more.files.iter().map(|f| Input::bytes(Some(f.to_string()), common::read(f))));
        let mut opts = at(time);
        opts.extra_anchors.extend(more.anchor.map(common::read));
        opts.host = more.host.map(str::to_string);
        let report = analyze(&input, &opts);
        let Some(f) = report.findings.iter().find(|f| f.code == code) else {
            failures.push(format!("{}: {file} gives no such finding", code.code()));
            continue;
        };
        let Some(range) = f.bytes else {
            failures.push(format!("{}: {file}: the finding has no bytes", code.code()));
            continue;
        };
        let der = der_of(&input, &report, &range);
        let want = match field {
            Field::CrlEntryOfFirstCertificate => {
                let first = object_der(&input, &report, ObjectRef::Certificate { index: 0 }).unwrap();
                crl_entry(&der, &Cert::from_der(&first).unwrap())
            }
            _ => expected(field, &der),
        };
        if der.get(range.range()) != Some(want.as_slice()) {
            failures.push(format!(
                "{}: {file}: bytes {}+{} are not the {field:?} ({} bytes at {:?})",
                code.code(),
                range.offset,
                range.len,
                want.len(),
                der.windows(want.len()).position(|w| w == want.as_slice())
            ));
        }
        if let ObjectRef::Certificate { index } = range.object {
            assert_eq!(
                f.certificate,
                Some(index),
                "{}: a certificate finding points into its own certificate",
                code.code()
            );
        }
    }
    assert!(failures.is_empty(), "{}", failures.join("\n"));
}

/// One x509-limbo case as an analysis: inputs and options.
fn limbo_case(id: &str) -> (Vec<Input>, Options) {
    let (id, root_too) = id.strip_suffix("+root").map_or((id, false), |id| (id, true));
    static SUITE: std::sync::OnceLock<serde_json::Value> = std::sync::OnceLock::new();
    let suite = SUITE.get_or_init(|| serde_json::from_slice(&common::read("limbo/limbo-8a2e6f41.json")).unwrap());
    let case = suite["testcases"].as_array().unwrap().iter().find(|c| c["id"] == id).expect("limbo case");
    let strings = |key: &str| -> Vec<String> {
        case[key].as_array().map(|a| a.iter().map(|s| s.as_str().unwrap().to_string()).collect()).unwrap_or_default()
    };
    let mut chain = case["peer_certificate"].as_str().unwrap().to_string();
    let roots = if root_too { strings("trusted_certs") } else { Vec::new() };
    for pem in strings("untrusted_intermediates").into_iter().chain(roots) {
        chain.push('\n');
        chain.push_str(&pem);
    }
    let mut inputs = vec![Input::bytes(None, chain.into_bytes())];
    inputs.extend(strings("crls").into_iter().map(|crl| Input::bytes(None, crl.into_bytes())));
    let mut opts = at(case["validation_time"].as_str().unwrap_or(NOW));
    opts.extra_anchors = strings("trusted_certs").into_iter().map(String::into_bytes).collect();
    (inputs, opts)
}

#[test]
fn every_limbo_field_finding_covers_exactly_its_field() {
    let mut failures = Vec::new();
    for &(code, id, field) in LIMBO {
        let (input, opts) = limbo_case(id);
        let report = analyze(&input, &opts);
        let Some(f) = report.findings.iter().find(|f| f.code == code && f.bytes.is_some()) else {
            failures.push(format!("{}: {id} gives no such finding with bytes", code.code()));
            continue;
        };
        let range = f.bytes.unwrap();
        let der = der_of(&input, &report, &range);
        let want = expected(field, &der);
        if der.get(range.range()) != Some(want.as_slice()) {
            failures.push(format!("{}: {id}: bytes {}+{} are not the {field:?}", code.code(), range.offset, range.len));
        }
    }
    assert!(failures.is_empty(), "{}", failures.join("\n"));
}

#[test]
fn every_field_naming_code_has_a_fixture_or_is_listed_as_owed() {
    for &code in Code::ALL {
        let in_table = TABLE.iter().any(|(c, ..)| *c == code)
            || LIMBO.iter().any(|(c, ..)| *c == code)
            // a_csr_signature_finding_covers_the_signature, a_crl_signature_finding_covers_the_signature
            || code == Code::CsrSignatureInvalid
            || code == Code::CrlSignatureInvalid;
        let owed = NO_FIXTURE_YET.contains(&code);
        let names_a_field = certscope::fuzzing::code_names_a_field(code);
        assert!(!(in_table && owed), "{} is in both lists", code.code());
        assert_eq!(
            names_a_field,
            in_table || owed,
            "{}: add a fixture row to TABLE (or, for a code without a field, no row)",
            code.code()
        );
    }
}

#[test]
fn findings_without_a_field_carry_no_bytes() {
    // wrong-order and the chain-level codes point at no one node.
    let file = "ocsp/D3_Issuer_Root.pem";
    let report = analyze(&[Input::bytes(None, common::read(file))], &at(NOW));
    let f = report.findings.iter().find(|f| f.code == Code::WrongOrder).expect("wrong-order");
    assert_eq!(f.bytes, None);
}

/// The card's fields, extension rows and name attributes of a real chain,
/// each against the field as x509-cert encodes it.
#[test]
fn certificate_card_fields_cover_exactly_their_fields() {
    use certscope::report::Field as F;
    let file = "real/amazon/valid.rootca1.chain.pem";
    let input = vec![Input::bytes(None, common::read(file))];
    let report = analyze(&input, &at("2025-02-25T00:00:00Z"));
    assert_eq!(report.certificates.len(), 2);
    for card in &report.certificates {
        let object = ObjectRef::Certificate { index: card.index };
        let der = object_der(&input, &report, object).unwrap();
        let c = Cert::from_der(&der).unwrap();
        let tbs = &c.tbs_certificate;
        let bytes_of = |field: F| {
            let r = card.bytes.iter().find(|r| r.field == field).unwrap_or_else(|| panic!("{field:?}")).bytes;
            assert_eq!(r.object, object);
            der[r.range()].to_vec()
        };
        assert_eq!(bytes_of(F::Serial), tbs.serial_number.to_der().unwrap());
        assert_eq!(bytes_of(F::Issuer), tbs.issuer.to_der().unwrap());
        assert_eq!(bytes_of(F::Subject), tbs.subject.to_der().unwrap());
        assert_eq!(bytes_of(F::NotBefore), tbs.validity.not_before.to_der().unwrap());
        assert_eq!(bytes_of(F::NotAfter), tbs.validity.not_after.to_der().unwrap());
        assert_eq!(bytes_of(F::Key), tbs.subject_public_key_info.to_der().unwrap());
        assert_eq!(bytes_of(F::SignatureAlgorithm), c.signature_algorithm.to_der().unwrap());
        assert_eq!(bytes_of(F::Signature), c.signature.to_der().unwrap());
        let exts = tbs.extensions.as_deref().unwrap();
        assert_eq!(card.extensions.len(), exts.len());
        for (view, ext) in card.extensions.iter().zip(exts) {
            assert_eq!(der[view.bytes.unwrap().range()], ext.to_der().unwrap()[..], "{}", view.name);
        }
        let atvs: Vec<_> = tbs.subject.0.iter().flat_map(|rdn| rdn.0.iter()).collect();
        assert_eq!(card.subject_attributes.len(), atvs.len());
        for (row, atv) in card.subject_attributes.iter().zip(atvs) {
            assert_eq!(der[row.bytes.unwrap().range()], atv.to_der().unwrap()[..], "{}", row.name);
        }
    }
}

#[test]
fn ocsp_and_crl_fields_cover_exactly_their_fields() {
    use certscope::report::Field as F;
    let input = vec![Input::bytes(None, common::read("ocsp/D1.der"))];
    let report = analyze(&input, &at(NOW));
    let ocsp = report.ocsp.as_ref().unwrap();
    let der = object_der(&input, &report, ObjectRef::Ocsp).unwrap();
    let bytes_of = |field: F| der[ocsp.bytes.iter().find(|r| r.field == field).unwrap().bytes.range()].to_vec();
    assert_eq!(bytes_of(F::ResponderId), ocsp_field(Field::OcspResponderId, &der));
    assert_eq!(bytes_of(F::ResponseStatus), ocsp_field(Field::OcspStatus, &der));
    assert_eq!(bytes_of(F::Signature), ocsp_field(Field::OcspSignature, &der));
    assert_eq!(der[ocsp.responses[0].bytes.unwrap().range()], ocsp_field(Field::OcspSingle(0), &der)[..]);

    let files = ["real/amazon/revoked.rootca4.chain.pem", "real/amazon/e3m02.crl"];
    let input: Vec<Input> = files.iter().map(|f| Input::bytes(None, common::read(f))).collect();
    let report = analyze(&input, &at("2025-02-25T00:00:00Z"));
    let crl = &report.crls[0];
    let der = object_der(&input, &report, ObjectRef::Crl { index: 0 }).unwrap();
    let bytes_of = |field: F| der[crl.bytes.iter().find(|r| r.field == field).unwrap().bytes.range()].to_vec();
    assert_eq!(bytes_of(F::ThisUpdate), expected(Field::CrlThisUpdate, &der));
    assert_eq!(bytes_of(F::NextUpdate), expected(Field::CrlNextUpdate, &der));
    let leaf = object_der(&input, &report, ObjectRef::Certificate { index: 0 }).unwrap();
    assert_eq!(crl.revoked.len(), 1);
    assert_eq!(der[crl.revoked[0].bytes.unwrap().range()], crl_entry(&der, &Cert::from_der(&leaf).unwrap())[..]);
}

/// csr-signature-invalid: the CSR of pfx/ with one byte of a requested
/// name changed (as tests/csr.rs alters it), so its signature fails.
#[test]
fn a_csr_signature_finding_covers_the_signature() {
    let text = String::from_utf8(common::read("pfx/leaf.csr")).unwrap();
    let body: String = text.lines().filter(|l| !l.starts_with("-----")).collect();
    let mut der = base64::Engine::decode(&base64::engine::general_purpose::STANDARD, body).unwrap();
    let name_at = der.windows(16).position(|w| w == b"www.example.test").unwrap();
    der[name_at] = b'v';
    let input = vec![Input::bytes(None, der.clone())];
    let report = analyze(&input, &at(NOW));
    let f = report.findings.iter().find(|f| f.code == Code::CsrSignatureInvalid).expect("csr-signature-invalid");
    let range = f.bytes.expect("bytes");
    assert_eq!(range.object, ObjectRef::Csr { index: 0 });
    let req = x509_cert::request::CertReq::from_der(&der).unwrap();
    assert_eq!(der[range.range()], req.signature.to_der().unwrap()[..]);
}

/// crl-signature-invalid: Amazon's e2m01.crl with the last byte of its
/// signature changed, beside the intermediate that signed it.
#[test]
fn a_crl_signature_finding_covers_the_signature() {
    let mut crl = common::read("real/amazon/e2m01.crl");
    *crl.last_mut().unwrap() ^= 1;
    let input = vec![Input::bytes(None, common::read("real/amazon/e2m01.cer")), Input::bytes(None, crl.clone())];
    let report = analyze(&input, &at("2025-02-25T00:00:00Z"));
    let f = report.findings.iter().find(|f| f.code == Code::CrlSignatureInvalid).expect("crl-signature-invalid");
    let range = f.bytes.expect("bytes");
    assert_eq!(range.object, ObjectRef::Crl { index: 0 });
    let list = x509_cert::crl::CertificateList::from_der(&crl).unwrap();
    assert_eq!(crl[range.range()], list.signature.to_der().unwrap()[..]);
}

/// `RANGES_OCSP` is the time tests/data/ranges/make.sh wrote: rerunning the
/// script makes new certificates and a new response, and this says to
/// update the constant with them.
#[test]
fn ranges_fixtures_time_is_current() {
    let asof = String::from_utf8(common::read("ranges/asof.txt")).unwrap();
    assert_eq!(asof.trim(), RANGES_OCSP, "update RANGES_OCSP to tests/data/ranges/asof.txt");
}

/// Amazon's r2m02.crl (14,102 entries) beside the chain whose leaf it
/// revokes: the leaf's entry is the 3,139th, and the CRL view's entry and
/// the crl-revoked finding both cover exactly it, as x509-cert encodes it.
/// `analyze` finds it by stepping over the list, not by decoding it.
#[test]
fn a_revoked_entry_deep_in_a_14k_entry_crl_covers_exactly_its_entry() {
    let files = ["real/amazon/revoked.rootca1.chain.pem", "real/amazon/r2m02.crl"];
    let input: Vec<Input> = files.iter().map(|f| Input::bytes(None, common::read(f))).collect();
    let report = analyze(&input, &at("2025-02-25T00:00:00Z"));
    let der = object_der(&input, &report, ObjectRef::Crl { index: 0 }).unwrap();
    let leaf = Cert::from_der(&object_der(&input, &report, ObjectRef::Certificate { index: 0 }).unwrap()).unwrap();
    let list = x509_cert::crl::CertificateList::from_der(&der).unwrap();
    let entries = list.tbs_cert_list.revoked_certificates.unwrap();
    let serial = leaf.tbs_certificate.serial_number.as_bytes();
    let at_entry = entries.iter().position(|e| e.serial_number.as_bytes() == serial).unwrap();
    assert_eq!((entries.len(), at_entry), (14_102, 3_138));
    let want = crl_entry(&der, &leaf);
    let crl = &report.crls[0];
    assert_eq!(crl.revoked.len(), 1);
    let view = crl.revoked[0].bytes.expect("the entry's bytes");
    assert_eq!(view.object, ObjectRef::Crl { index: 0 });
    assert_eq!(der[view.range()], want[..]);
    let f = report.findings.iter().find(|f| f.code == Code::CrlRevoked).expect("crl-revoked");
    assert_eq!(f.bytes, Some(view));
    // The CRL's own fields too.
    use certscope::report::Field as F;
    let bytes_of = |field: F| der[crl.bytes.iter().find(|r| r.field == field).unwrap().bytes.range()].to_vec();
    assert_eq!(bytes_of(F::ThisUpdate), expected(Field::CrlThisUpdate, &der));
    assert_eq!(bytes_of(F::NextUpdate), expected(Field::CrlNextUpdate, &der));
    assert_eq!(bytes_of(F::Signature), list.signature.to_der().unwrap());
}
