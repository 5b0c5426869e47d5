//! Private keys found in the input, held only until the key-match check
//! has derived their public halves (`x509::keymatch`).
//!
//! The bytes are zeroized when dropped and never printed: [`Secret`]'s
//! `Debug` shows a length only, and nothing here is `Serialize`.

use crate::report::Source;
use zeroize::Zeroizing;

/// Key bytes: zeroized on drop, redacted in `Debug`.
#[derive(Clone, Default, PartialEq, Eq)]
pub(crate) struct Secret(Zeroizing<Vec<u8>>);

impl Secret {
    pub(crate) fn new(bytes: Vec<u8>) -> Secret {
        Secret(Zeroizing::new(bytes))
    }

    pub(crate) fn bytes(&self) -> &[u8] {
        &self.0
    }
}

impl std::fmt::Debug for Secret {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        write!(f, "Secret({} bytes)", self.0.len())
    }
}

/// A password for a PFX or an encrypted key: zeroized on drop, never
/// printed (`Debug` shows nothing of it), never serialised.
#[derive(Clone, PartialEq, Eq)]
pub struct Password(Zeroizing<String>);

impl Password {
    pub fn new(password: impl Into<String>) -> Password {
        Password(Zeroizing::new(password.into()))
    }

    pub(crate) fn as_str(&self) -> &str {
        &self.0
    }
}

impl std::fmt::Debug for Password {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str("Password(…)")
    }
}

/// How a private key was found.
#[derive(Clone, Debug, PartialEq, Eq)]
pub(crate) enum KeyBody {
    /// Unencrypted DER: PKCS#8, SEC 1 or PKCS#1.
    Plain(Secret),
    /// Encrypted PKCS#8 (RFC 5958 §3, `ENCRYPTED PRIVATE KEY`) or a legacy
    /// OpenSSL PEM key with `Proc-Type: 4,ENCRYPTED` (RFC 1421 §4.6.1.1).
    Encrypted { legacy: bool, der: Secret },
}

/// One private key and where it was found.
#[derive(Clone, Debug, PartialEq, Eq)]
pub(crate) struct KeyObject {
    pub body: KeyBody,
    pub source: Source,
    /// The password given with the input, for an encrypted key.
    pub password: Option<Password>,
    /// A PFX key bag's localKeyId (lower-case hex), naming its certificate.
    pub local_key_id: Option<String>,
}

/// An input with its private keys taken out, for anything that keeps or
/// shares inputs (the page's permalink).
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Redacted {
    pub bytes: Vec<u8>,
    /// Private keys found and taken out.
    pub keys_removed: usize,
    /// The input held a key that could not be cut out on its own (a DER
    /// key file, base64 of a key): `bytes` is empty.
    pub dropped_whole: bool,
}

/// Takes every private key out of one input: PEM key blocks are cut from
/// text, and an input whose keys are not PEM blocks is dropped whole. The
/// same splitter as [`crate::analyze`] finds the keys, so whatever the
/// analysis would read as a key never stays. A PKCS#12 file counts as a
/// key unless it opened without a password and holds no key bag: its key
/// bags are key material, encrypted or not (`-keypbe NONE`), and one that
/// needs a password cannot be looked into here.
pub fn redact_private_keys(bytes: &[u8]) -> Redacted {
    let count = |b: &[u8]| {
        let mut work = crate::work::Work::new(&crate::Limits::default());
        let input = super::Input::bytes(None, b.to_vec());
        let decoded =
            super::decode_inputs(std::slice::from_ref(&input), &mut work, crate::work::Stage::Input, &mut Vec::new());
        decoded.keys.len() + decoded.pfx.iter().filter(|p| !p.opened || p.key_bags > 0).count()
    };
    let keys = count(bytes);
    if keys == 0 {
        return Redacted { bytes: bytes.to_vec(), keys_removed: 0, dropped_whole: false };
    }
    if let Ok(text) = std::str::from_utf8(bytes) {
        let cut = cut_key_blocks(text);
        if count(cut.as_bytes()) == 0 {
            return Redacted { bytes: cut.into_bytes(), keys_removed: keys, dropped_whole: false };
        }
    }
    Redacted { bytes: Vec::new(), keys_removed: keys, dropped_whole: true }
}

/// The text without its `-----BEGIN … PRIVATE KEY-----` blocks (through
/// their END line, or to the end of the text when one has none).
fn cut_key_blocks(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    let mut rest = text;
    while let Some(start) = rest.find("-----BEGIN") {
        let line_end = rest.get(start..).and_then(|r| r.find('\n')).map_or(rest.len(), |e| start + e);
        let is_key = rest.get(start..line_end).is_some_and(|l| l.to_ascii_uppercase().contains("PRIVATE KEY"));
        if !is_key {
            out.push_str(rest.get(..line_end).unwrap_or_default());
            rest = rest.get(line_end..).unwrap_or_default();
            continue;
        }
        out.push_str(rest.get(..start).unwrap_or_default());
        let after = rest.get(start..).unwrap_or_default();
        let end = after.find("-----END").map(|e| {
            let tail = after.get(e + 8..).unwrap_or_default();
            let close = tail.find("-----").map_or(tail.len(), |c| c + 5);
            e + 8 + close
        });
        let tail = end.and_then(|e| after.get(e..)).unwrap_or_default();
        rest = tail.strip_prefix("\r\n").or_else(|| tail.strip_prefix('\n')).unwrap_or(tail);
    }
    out.push_str(rest);
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn key_blocks_are_cut_and_certificates_kept() {
        let cert = crate::test_data::fixture("keys", "rsa.crt");
        let key = crate::test_data::fixture("keys", "rsa.pkcs1.key");
        let mut both = key.clone();
        both.extend(&cert);
        let r = redact_private_keys(&both);
        assert_eq!((r.keys_removed, r.dropped_whole), (1, false));
        assert_eq!(r.bytes, cert);
        // A DER key file goes whole; a certificate alone is untouched.
        let text = String::from_utf8(crate::test_data::fixture("keys", "ec256.p8.key")).unwrap();
        let body: String = text.lines().filter(|l| !l.starts_with("-----")).collect();
        let der = super::super::base64::decode_base64(&body).unwrap();
        let r = redact_private_keys(&der);
        assert_eq!((r.keys_removed, r.dropped_whole, r.bytes.len()), (1, true, 0));
        assert_eq!(redact_private_keys(&cert).bytes, cert);
    }

    #[test]
    fn a_pfx_with_key_bags_goes_whole() {
        // Unencrypted key bag, encrypted ones (opened or not without the
        // password), and base64 of a PFX: each dropped whole.
        for name in ["plain.pfx", "empty-password.pfx", "default.pfx", "legacy.pfx", "default.pfx.b64"] {
            let r = redact_private_keys(&crate::test_data::fixture("pfx", name));
            assert_eq!((r.keys_removed, r.dropped_whole, r.bytes.len()), (1, true, 0), "{name}");
        }
    }

    #[test]
    fn debug_never_shows_key_bytes() {
        let s = Secret::new(b"very secret".to_vec());
        assert_eq!(format!("{s:?}"), "Secret(11 bytes)");
    }
}
