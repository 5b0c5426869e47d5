//! Trust anchors: Mozilla's store (webpki-root-certs) and the user's own.
//!
//! Mozilla's roots are indexed once per process by subject name, reading
//! only the DER structure (no decoding); a root is decoded, and its
//! self-signature checked, the first time a path asks for its subject. So a
//! typical analysis decodes one root, not all 150.
//!
//! An anchor is a name and a key (RFC 5280 §6.1.1 (d)): an input certificate
//! is trusted when it is byte-for-byte an anchor, or when it is self-issued
//! with an anchor's subject and public key (a re-encoded copy of the root).

use super::names::canonical;
use crate::input::{decode_inputs, Input};
use crate::options::Options;
use crate::report::{Code, Finding, SignatureStatus, Source};
use crate::verify::{verify_signed, Verification};
use crate::x509::Cert;
use std::collections::HashMap;
use std::sync::{Mutex, OnceLock};

/// Where a trust anchor comes from; serializes as a link's `from`.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub(crate) enum AnchorSource {
    Mozilla,
    User,
}

impl AnchorSource {
    pub const fn as_str(self) -> &'static str {
        match self {
            AnchorSource::Mozilla => "mozilla",
            AnchorSource::User => "user",
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
    pub fn new(opts: &Options, findings: &mut Vec<Finding>) -> Self {
        let mut user = Vec::new();
        for (n, bytes) in opts.extra_anchors.iter().enumerate() {
            let name = format!("trust anchors {}", n + 1);
            let mut local = Vec::new();
            let decoded = decode_inputs(&[Input::bytes(Some(name.clone()), bytes.clone())], &opts.limits, &mut local);
            for f in local {
                // The user's anchor file is not the chain: say which file a problem is in.
                findings.push(Finding { message: format!("In the {name}: {}", f.message), ..f });
            }
            for raw in &decoded.certs {
                match Cert::decode(raw, usize::MAX) {
                    Ok(cert) => user.push(cert),
                    Err(e) => findings.push(Finding::new(
                        Code::InputUnrecognized,
                        format!("A certificate in the {name} (block {}) does not decode: {e}.", raw.source.block),
                    )),
                }
            }
        }
        Anchors { user, use_system: opts.use_system_roots }
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
        let wanted = canonical(&cert.cert.tbs_certificate.issuer);
        let mut out: Vec<Anchor<'_>> = self
            .user
            .iter()
            .filter(|a| a.subject_der == cert.issuer_der || canonical(&a.cert.tbs_certificate.subject) == wanted)
            .map(|a| Anchor { cert: a, source: AnchorSource::User, self_signature: None })
            .collect();
        out.extend(self.mozilla_by_subject(&cert.issuer_der));
        out
    }

    /// Whether an input certificate is itself a trust anchor (see module doc).
    pub fn trusts(&self, cert: &Cert) -> Option<AnchorSource> {
        let self_issued = cert.subject_der == cert.issuer_der;
        let spki = tbs_spki(&cert.tbs);
        let same = |anchor_der: &[u8], anchor_tbs_spki: Option<&[u8]>| {
            anchor_der == cert.der.as_slice() || (self_issued && spki.is_some() && anchor_tbs_spki == spki)
        };
        if self.user.iter().any(|a| a.subject_der == cert.subject_der && same(&a.der, tbs_spki(&a.tbs))) {
            return Some(AnchorSource::User);
        }
        if self.use_system {
            let store = mozilla();
            for &i in store.by_subject.get(cert.subject_der.as_slice()).map(Vec::as_slice).unwrap_or(&[]) {
                if let Some(root) = store.roots.get(i) {
                    if same(root.der, Some(root.spki)) {
                        return Some(AnchorSource::Mozilla);
                    }
                }
            }
        }
        None
    }
}

/// Verifies a certificate's signature with its own key.
pub(crate) fn self_signature(cert: &Cert) -> SignatureStatus {
    status_of(&verify_signed(&cert.signed_parts(), cert.spki()))
}

/// An anchor's self-signature status, remembered for the process like
/// Mozilla's: anchors are configuration that stays the same from one
/// analysis to the next (the app re-analyzes on every edit), and the result
/// depends on the DER alone. Bounded: cleared when it grows past 1,024.
pub(crate) fn anchor_self_signature(cert: &Cert) -> SignatureStatus {
    static SEEN: OnceLock<Mutex<HashMap<Vec<u8>, SignatureStatus>>> = OnceLock::new();
    let seen = SEEN.get_or_init(|| Mutex::new(HashMap::new()));
    if let Some(s) = seen.lock().ok().and_then(|m| m.get(&cert.der).copied()) {
        return s;
    }
    let status = self_signature(cert);
    if let Ok(mut m) = seen.lock() {
        if m.len() >= 1024 {
            m.clear();
        }
        m.insert(cert.der.clone(), status);
    }
    status
}

pub(crate) fn status_of(v: &Verification) -> SignatureStatus {
    match v {
        Verification::Valid => SignatureStatus::Valid,
        Verification::Invalid => SignatureStatus::Invalid,
        Verification::Unsupported(_) => SignatureStatus::Unsupported,
    }
}

struct RootBytes {
    der: &'static [u8],
    spki: &'static [u8],
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
                der: root.der.to_vec(),
                source: Source {
                    input: usize::MAX,
                    name: Some("Mozilla root store".to_string()),
                    block: i + 1,
                    encoding: "der".to_string(),
                },
            };
            let cert = Cert::decode(&raw, usize::MAX).ok()?;
            let status = self_signature(&cert);
            Some((cert, status))
        })
        .as_ref()
    }
}

fn mozilla() -> &'static MozillaStore {
    static STORE: OnceLock<MozillaStore> = OnceLock::new();
    STORE.get_or_init(|| {
        let mut roots = Vec::new();
        let mut by_subject: HashMap<&'static [u8], Vec<usize>> = HashMap::new();
        for der in webpki_root_certs::TLS_SERVER_ROOT_CERTS.iter().map(|c| -> &'static [u8] { c.as_ref() }) {
            let Some((subject, spki)) = tbs_subject_and_spki(der) else { continue };
            by_subject.entry(subject).or_default().push(roots.len());
            roots.push(RootBytes { der, spki });
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

/// The subject Name and SubjectPublicKeyInfo TLVs of a certificate's DER,
/// found by walking the structure instead of decoding it.
fn tbs_subject_and_spki(cert_der: &[u8]) -> Option<(&[u8], &[u8])> {
    let cert = tlv(cert_der)?.content;
    fields_after_tbs_header(tlv(cert)?.whole)
}

/// The same, given the tbsCertificate TLV.
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

    #[test]
    fn mozilla_store_indexes_every_root_by_subject() {
        let store = mozilla();
        assert_eq!(store.roots.len(), webpki_root_certs::TLS_SERVER_ROOT_CERTS.len());
        // Each indexed subject is the decoded certificate's subject.
        for i in [0, store.roots.len() / 2, store.roots.len() - 1] {
            let (cert, status) = store.decoded(i).expect("root decodes");
            assert!(store.by_subject.get(cert.subject_der.as_slice()).is_some_and(|v| v.contains(&i)));
            assert_eq!(tbs_spki(&cert.tbs), Some(store.roots[i].spki));
            assert_ne!(*status, SignatureStatus::Invalid);
        }
    }

    #[test]
    fn truncated_der_yields_no_fields() {
        let der = webpki_root_certs::TLS_SERVER_ROOT_CERTS[0].as_ref();
        for cut in [0, 1, 2, 4, 10, 50, der.len() / 2] {
            assert!(tbs_subject_and_spki(&der[..cut]).is_none(), "cut at {cut}");
        }
        assert!(tbs_subject_and_spki(der).is_some());
    }
}
