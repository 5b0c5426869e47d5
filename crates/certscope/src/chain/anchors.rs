//! Trust anchors: Mozilla's store (webpki-root-certs) and the user's own.
//!
//! Mozilla's roots are indexed once per process by subject name, reading
//! only the DER structure (no decoding); a root is decoded the first time a
//! path asks for its subject. So a typical analysis decodes one root, not
//! all 150.
//!
//! The store is built into the binary without the roots' signature values
//! (build.rs): they are a third of its size and trust in a root does not
//! come from them. A root is rebuilt as its exact tbsCertificate and
//! signatureAlgorithm with an empty signature, and keeps its real SHA-256
//! fingerprint; its self-signature status is `valid`, which the tests
//! check for every root against the full certificates.
//!
//! An anchor is a name and a key (RFC 5280 §6.1.1 (d)): an input certificate
//! is trusted when it is byte-for-byte an anchor, or when it is self-issued
//! with an anchor's subject and public key (a re-encoded copy of the root).

use super::names::canonical;
use crate::input::{decode_inputs, Input};
use crate::options::Options;
use crate::report::{Code, Finding, SignatureStatus, Source};
use crate::verify::{verify_signed, Verification};
use crate::work::{Stage, Work};
use crate::x509::{check_limits, Cert};
use std::collections::HashMap;
use std::sync::{Mutex, OnceLock};

/// Where a trust anchor comes from; serializes as a link's `from`.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub(crate) enum AnchorSource {
    Mozilla,
    User,
}

impl AnchorSource {
    /// The report's word for where a path's anchor came from.
    pub const fn link_source(self) -> crate::report::AnchorSource {
        match self {
            AnchorSource::Mozilla => crate::report::AnchorSource::Mozilla,
            AnchorSource::User => crate::report::AnchorSource::User,
        }
    }
}

/// An anchor certificate and, when already known, whether its
/// self-signature verifies.
pub(crate) struct Anchor<'a> {
    pub cert: &'a Cert,
    pub source: AnchorSource,
    pub self_signature: Option<SignatureStatus>,
}

pub(crate) struct Anchors {
    /// Anchors the user supplied, decoded.
    pub user: Vec<Cert>,
    /// Whether Mozilla's store is in use.
    pub use_system: bool,
}

impl Anchors {
    /// Decodes the user's anchors. They spend the same input, byte and
    /// object budget as the inputs (`work`), and each certificate meets the
    /// same size limits as a pasted one (`x509::check_limits`): an anchor
    /// is input too, and a hostile page can fill the box.
    pub fn new(opts: &Options, work: &mut Work, findings: &mut Vec<Finding>) -> Self {
        let mut user = Vec::new();
        for (n, bytes) in opts.extra_anchors.iter().enumerate() {
            let name = format!("trust anchors {}", n + 1);
            let mut local = Vec::new();
            let input = Input::bytes(Some(name.clone()), bytes.clone());
            let decoded = decode_inputs(std::slice::from_ref(&input), work, Stage::Anchors, &mut local);
            for f in local {
                // The user's anchor file is not the chain: say which file a problem is in.
                findings.push(Finding { message: format!("In the {name}: {}", f.message), ..f });
            }
            for raw in &decoded.certs {
                match Cert::decode(raw, usize::MAX) {
                    Ok(cert) => match check_limits(&cert, &opts.limits) {
                        None => user.push(cert),
                        Some((code, why)) => findings.push(Finding::new(
                            code,
                            format!(
                                "A certificate in the {name} (block {}, \"{}\"): {why}, so it is not used as an anchor.",
                                raw.source.block,
                                cert.display_name()
                            ),
                        )),
                    },
                    Err(e) => findings.push(Finding::new(
                        Code::InputUnrecognized,
                        format!("A certificate in the {name} (block {}) does not decode: {e}.", raw.source.block),
                    )),
                }
            }
        }
        Anchors { user, use_system: opts.use_system_roots }
    }

    /// Some Mozilla anchor has exactly this subject (none when the store is
    /// off); cheaper than `mozilla_by_subject`, which decodes them.
    pub fn has_subject(&self, subject_der: &[u8]) -> bool {
        self.use_system && mozilla().by_subject.contains_key(subject_der)
    }

    /// Mozilla's anchors whose subject is exactly `subject_der` (the store's
    /// names are consistently encoded), none when the store is off.
    pub fn mozilla_by_subject(&self, subject_der: &[u8]) -> Vec<Anchor<'static>> {
        if !self.use_system {
            return Vec::new();
        }
        let store = mozilla();
        store
            .by_subject
            .get(subject_der)
            .map(Vec::as_slice)
            .unwrap_or(&[])
            .iter()
            .filter_map(|&i| store.decoded(i))
            .map(|(cert, status)| Anchor { cert, source: AnchorSource::Mozilla, self_signature: Some(*status) })
            .collect()
    }

    /// Every anchor whose subject is `cert`'s issuer name, the user's first
    /// (names compared as RFC 5280 §7.1 says), for OCSP and CRL signers.
    #[allow(dead_code)]
    pub fn issuers_of(&self, cert: &Cert) -> Vec<Anchor<'_>> {
        let wanted = canonical(cert.issuer());
        let mut out: Vec<Anchor<'_>> = self
            .user
            .iter()
            .filter(|a| a.subject_der() == cert.issuer_der() || canonical(a.subject()) == wanted)
            .map(|a| Anchor { cert: a, source: AnchorSource::User, self_signature: None })
            .collect();
        out.extend(self.mozilla_by_subject(cert.issuer_der()));
        out
    }

    /// Whether an input certificate is itself a trust anchor (see module doc).
    pub fn trusts(&self, cert: &Cert) -> Option<AnchorSource> {
        let self_issued = cert.subject_der() == cert.issuer_der();
        let spki = tbs_spki(cert.tbs_der());
        let same = |anchor_der: &[u8], anchor_tbs_spki: Option<&[u8]>| {
            anchor_der == cert.der() || (self_issued && spki.is_some() && anchor_tbs_spki == spki)
        };
        if self.user.iter().any(|a| a.subject_der() == cert.subject_der() && same(a.der(), tbs_spki(a.tbs_der()))) {
            return Some(AnchorSource::User);
        }
        if self.use_system {
            let store = mozilla();
            for &i in store.by_subject.get(cert.subject_der()).map(Vec::as_slice).unwrap_or(&[]) {
                if let Some(root) = store.roots.get(i) {
                    let identical = root.sha256 == &cert.sha256();
                    if identical || (self_issued && spki.is_some() && Some(root.spki) == spki) {
                        return Some(AnchorSource::Mozilla);
                    }
                }
            }
        }
        None
    }
}

/// Verifies a certificate's signature with its own key, outside any budget
/// (the tests check every Mozilla root with it).
#[cfg(test)]
pub(crate) fn self_signature(cert: &Cert) -> SignatureStatus {
    status_of(&verify_signed(&cert.signed_parts(), cert.spki()))
}

/// An anchor's self-signature status. The arithmetic is remembered for
/// the process, like Mozilla's index: anchors are configuration that stays
/// the same from one analysis to the next (the app re-analyzes on every
/// edit), and the outcome depends on the DER alone. Bounded: cleared when
/// it grows past 1,024. Each analysis still pays for the check from `work`
/// (`not-checked` when it is spent), so a report never depends on what an
/// earlier analysis saw.
pub(crate) fn anchor_self_signature(cert: &Cert, work: &mut Work, stage: Stage) -> SignatureStatus {
    static SEEN: OnceLock<Mutex<HashMap<Vec<u8>, Verification>>> = OnceLock::new();
    let seen = SEEN.get_or_init(|| Mutex::new(HashMap::new()));
    let parts = cert.signed_parts();
    let outcome = || {
        if let Some(v) = seen.lock().ok().and_then(|m| m.get(cert.der()).cloned()) {
            return v;
        }
        let v = verify_signed(&parts, cert.spki());
        if let Ok(mut m) = seen.lock() {
            if m.len() >= 1024 {
                m.clear();
            }
            m.insert(cert.der().to_vec(), v.clone());
        }
        v
    };
    match work.verify_with(&parts, cert.spki(), stage, outcome) {
        Some(v) => status_of(&v),
        None => SignatureStatus::NotChecked,
    }
}

pub(crate) fn status_of(v: &Verification) -> SignatureStatus {
    match v {
        Verification::Valid => SignatureStatus::Valid,
        Verification::Invalid => SignatureStatus::Invalid,
        Verification::Unsupported(_) => SignatureStatus::Unsupported,
    }
}

/// One root of the built-in store (see the module doc and build.rs).
struct RootBytes {
    tbs: &'static [u8],
    algorithm: &'static [u8],
    sha256: &'static [u8; 32],
    spki: &'static [u8],
}

impl RootBytes {
    /// The certificate with a zero-length signature value: the same
    /// tbsCertificate and signatureAlgorithm, so it decodes to the same
    /// fields.
    fn rebuild(&self) -> Option<Vec<u8>> {
        const EMPTY_SIGNATURE: [u8; 3] = [0x03, 0x01, 0x00];
        let len = self.tbs.len().checked_add(self.algorithm.len())?.checked_add(EMPTY_SIGNATURE.len())?;
        let len = u16::try_from(len).ok()?.to_be_bytes();
        let mut der = vec![0x30, 0x82];
        der.extend_from_slice(&len);
        der.extend_from_slice(self.tbs);
        der.extend_from_slice(self.algorithm);
        der.extend_from_slice(&EMPTY_SIGNATURE);
        Some(der)
    }
}

/// Generated by build.rs from webpki-root-certs.
static MOZILLA_ROOTS: &[u8] = include_bytes!(concat!(env!("OUT_DIR"), "/mozilla_roots.bin"));

/// Splits build.rs's table into roots; `None` only if it were corrupt.
fn split_roots(mut table: &'static [u8]) -> Option<Vec<RootBytes>> {
    let mut roots = Vec::new();
    while !table.is_empty() {
        let (len, rest) = table.split_first_chunk::<2>()?;
        let (tbs, rest) = rest.split_at_checked(usize::from(u16::from_be_bytes(*len)))?;
        let (alg_len, rest) = rest.split_first()?;
        let (algorithm, rest) = rest.split_at_checked(usize::from(*alg_len))?;
        let (sha256, rest) = rest.split_first_chunk::<32>()?;
        let spki = tbs_spki(tbs)?;
        roots.push(RootBytes { tbs, algorithm, sha256, spki });
        table = rest;
    }
    Some(roots)
}

struct MozillaStore {
    roots: Vec<RootBytes>,
    by_subject: HashMap<&'static [u8], Vec<usize>>,
    decoded: Vec<OnceLock<Option<(Cert, SignatureStatus)>>>,
}

impl MozillaStore {
    fn decoded(&self, i: usize) -> Option<&(Cert, SignatureStatus)> {
        let slot = self.decoded.get(i)?;
        slot.get_or_init(|| {
            let root = self.roots.get(i)?;
            let raw = crate::input::RawObject {
                der: root.rebuild()?,
                source: Source {
                    input: usize::MAX,
                    name: Some("Mozilla root store".to_string()),
                    block: i + 1,
                    encoding: crate::report::Encoding::Der,
                },
            };
            let cert = Cert::decode(&raw, usize::MAX).ok()?.with_fingerprint(*root.sha256);
            // Every root's self-signature verifies (tested below against
            // the full certificates); the value itself is not shipped.
            Some((cert, SignatureStatus::Valid))
        })
        .as_ref()
    }
}

fn mozilla() -> &'static MozillaStore {
    static STORE: OnceLock<MozillaStore> = OnceLock::new();
    STORE.get_or_init(|| {
        let roots = split_roots(MOZILLA_ROOTS).unwrap_or_default();
        let mut by_subject: HashMap<&'static [u8], Vec<usize>> = HashMap::new();
        for (i, root) in roots.iter().enumerate() {
            let Some((subject, _)) = fields_after_tbs_header(root.tbs) else { continue };
            by_subject.entry(subject).or_default().push(i);
        }
        let decoded = roots.iter().map(|_| OnceLock::new()).collect();
        MozillaStore { roots, by_subject, decoded }
    })
}

/// One DER element: all of it, its content, and the bytes after it.
struct Tlv<'a> {
    whole: &'a [u8],
    content: &'a [u8],
    rest: &'a [u8],
}

/// Reads the TLV at the start of `bytes` (definite lengths up to 4 octets).
fn tlv(bytes: &[u8]) -> Option<Tlv<'_>> {
    let first = *bytes.get(1)?;
    let (len, header) = if first < 0x80 {
        (usize::from(first), 2)
    } else {
        let n = usize::from(first & 0x7f);
        if n == 0 || n > 4 {
            return None;
        }
        let mut len = 0usize;
        for b in bytes.get(2..2 + n)? {
            len = len.checked_mul(256)?.checked_add(usize::from(*b))?;
        }
        (len, 2 + n)
    };
    let end = header.checked_add(len)?;
    Some(Tlv { whole: bytes.get(..end)?, content: bytes.get(header..end)?, rest: bytes.get(end..)? })
}

/// The subject Name and SubjectPublicKeyInfo TLVs of a tbsCertificate,
/// found by walking the structure instead of decoding it.
fn fields_after_tbs_header(tbs: &[u8]) -> Option<(&[u8], &[u8])> {
    let mut rest = tlv(tbs)?.content;
    if rest.first() == Some(&0xa0) {
        rest = tlv(rest)?.rest; // [0] version
    }
    for _ in 0..4 {
        rest = tlv(rest)?.rest; // serial, signature, issuer, validity
    }
    let subject = tlv(rest)?;
    let spki = tlv(subject.rest)?;
    Some((subject.whole, spki.whole))
}

/// The SubjectPublicKeyInfo DER inside a tbsCertificate, for comparing keys
/// without re-encoding.
pub(crate) fn tbs_spki(tbs: &[u8]) -> Option<&[u8]> {
    fields_after_tbs_header(tbs).map(|(_, spki)| spki)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn tbs_subject_and_spki(cert_der: &[u8]) -> Option<(&[u8], &[u8])> {
        let cert = tlv(cert_der)?.content;
        fields_after_tbs_header(tlv(cert)?.whole)
    }

    /// The full certificate, decoded as any input is.
    fn full(i: usize) -> Cert {
        let der = webpki_root_certs::TLS_SERVER_ROOT_CERTS[i].as_ref();
        let source = Source { input: 0, name: None, block: 1, encoding: crate::report::Encoding::Der };
        Cert::from_der(der, source, 0).expect("root decodes")
    }

    #[test]
    fn mozilla_store_indexes_every_root_by_subject() {
        let store = mozilla();
        assert_eq!(store.roots.len(), webpki_root_certs::TLS_SERVER_ROOT_CERTS.len());
        for i in 0..store.roots.len() {
            let (cert, _) = store.decoded(i).expect("root rebuilds and decodes");
            assert!(store.by_subject.get(cert.subject_der()).is_some_and(|v| v.contains(&i)));
            assert_eq!(tbs_spki(cert.tbs_der()), Some(store.roots[i].spki));
        }
    }

    /// The rebuilt roots are the real ones minus the signature value: the
    /// same decoded fields and fingerprint, and every self-signature (which
    /// the store reports as valid without shipping it) really verifies.
    #[test]
    fn rebuilt_roots_equal_the_full_certificates() {
        let store = mozilla();
        for i in 0..store.roots.len() {
            let real = full(i);
            let (rebuilt, status) = store.decoded(i).expect("root rebuilds");
            assert_eq!(rebuilt.sha256(), real.sha256(), "root {i}");
            assert_eq!(rebuilt.sha256_hex(), real.sha256_hex());
            assert_eq!(rebuilt.tbs_der(), real.tbs_der());
            assert_eq!(rebuilt.signature_algorithm(), real.signature_algorithm());
            assert_eq!((rebuilt.subject_der(), rebuilt.issuer_der()), (real.subject_der(), real.issuer_der()));
            assert_eq!(rebuilt.nonconformant(), real.nonconformant());
            assert_eq!(*status, self_signature(&real), "{}", real.display_name());
        }
    }

    #[test]
    fn a_mozilla_root_given_as_input_is_trusted_byte_for_byte() {
        let anchors = Anchors { user: Vec::new(), use_system: true };
        let real = full(0);
        assert_eq!(anchors.trusts(&real), Some(AnchorSource::Mozilla));
        let off = Anchors { user: Vec::new(), use_system: false };
        assert_eq!(off.trusts(&real), None);
    }

    #[test]
    fn truncated_der_yields_no_fields() {
        let der = webpki_root_certs::TLS_SERVER_ROOT_CERTS[0].as_ref();
        for cut in [0, 1, 2, 4, 10, 50, der.len() / 2] {
            assert!(tbs_subject_and_spki(&der[..cut]).is_none(), "cut at {cut}");
        }
        assert!(tbs_subject_and_spki(der).is_some());
    }

    #[test]
    fn a_corrupt_table_splits_to_nothing() {
        assert!(split_roots(&[0x00]).is_none());
        assert!(split_roots(&[0x00, 0x05, 0x30]).is_none());
        assert_eq!(split_roots(&[]).map(|r| r.len()), Some(0));
    }
}
