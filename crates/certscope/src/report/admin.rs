//! What the report says about the keys, PKCS#12 files and certificate
//! signing requests given alongside the certificates.

use super::*;
use serde::Serialize;

/// One certificate signing request (PKCS#10).
#[derive(Clone, Debug, PartialEq, Eq, Serialize)]
#[cfg_attr(feature = "schema", derive(schemars::JsonSchema))]
pub struct CsrReport {
    pub source: Source,
    /// RFC 4514 string.
    pub subject: String,
    /// As in a certificate: `RSA-2048`, `EC-P-256`, …
    pub key: String,
    /// Its self-signature (`issuer-missing` never occurs: it signs itself).
    pub signature: SignatureStatus,
    /// DNS names it requests (subjectAltName extension request).
    pub dns_names: Vec<String>,
    /// Key usages it requests.
    pub key_usage: Vec<String>,
    /// `index` of each certificate issued for it: the same key, every requested name.
    pub certificates: Vec<usize>,
    /// Requested names missing from a certificate that has its key.
    pub names_not_covered: Vec<String>,
}

/// One PKCS#12 (PFX) file. Its certificates are in `certificates` like
/// any others (their `source.encoding` is `pkcs12`); its keys are read only
/// for the key-match check, when a password is given (`Report::keys`).
#[derive(Clone, Debug, PartialEq, Eq, Serialize)]
#[cfg_attr(feature = "schema", derive(schemars::JsonSchema))]
pub struct PfxReport {
    /// Where the file was (its first certificate has the same block).
    pub source: Source,
    /// Whether it could be opened (the MAC verified, the bags decrypted).
    pub opened: bool,
    /// "HMAC-SHA-256, 2048 iterations"; null without a MAC.
    pub mac: Option<String>,
    /// How its certificate bags were encrypted, e.g. "PBES2 (PBKDF2-HMAC-SHA-256, AES-256-CBC, 2048 iterations)".
    pub encryption: Vec<String>,
    /// Key bags in it (decrypted only for the key-match check).
    pub key_bags: usize,
    /// Its key bags were decrypted (a password was given) and are among
    /// `Report::keys`, compared with the certificates; never kept.
    pub keys_compared: bool,
    pub certificates: Vec<PfxCertificate>,
}

/// A certificate bag: `block` is the certificate's `source.block`.
#[derive(Clone, Debug, PartialEq, Eq, Serialize)]
#[cfg_attr(feature = "schema", derive(schemars::JsonSchema))]
pub struct PfxCertificate {
    pub block: usize,
    /// `index` of the certificate decoded from this bag; null when it
    /// could not be decoded.
    pub certificate: Option<usize>,
    pub friendly_name: Option<String>,
    /// Lower-case hex; the same value on a key bag marks the certificate's key.
    pub local_key_id: Option<String>,
}

/// One private key compared with the certificates. Holds no key
/// material: the key itself is never kept, serialised or shown.
#[derive(Clone, Debug, PartialEq, Eq, Serialize)]
#[cfg_attr(feature = "schema", derive(schemars::JsonSchema))]
pub struct KeyMatchReport {
    /// Where the key was found.
    pub source: Source,
    /// The public key derived from it: `RSA 2048-bit`, `EC P-256`,
    /// `Ed25519`; null when it could not be read.
    pub key: Option<String>,
    pub status: KeyMatchStatus,
    /// `index` of each certificate whose public key it is.
    pub certificates: Vec<usize>,
    /// Position in `requests` of each CSR whose public key it is.
    pub requests: Vec<usize>,
}

#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize)]
#[cfg_attr(feature = "schema", derive(schemars::JsonSchema))]
#[serde(rename_all = "kebab-case")]
pub enum KeyMatchStatus {
    /// It is the key of at least one certificate (`key-matches-certificate`).
    Matches,
    /// It is the key of none of them (`key-does-not-match`).
    NoMatch,
    /// No certificate was given to compare with.
    NoCertificate,
    /// Encrypted, and no password was given (`key-encrypted-no-password`).
    Encrypted,
    /// Not a key certscope can read (`key-unreadable`).
    Unreadable,
}

impl KeyMatchStatus {
    /// The JSON word (serde's `kebab-case`), for styles and selectors.
    pub const fn as_str(self) -> &'static str {
        match self {
            KeyMatchStatus::Matches => "matches",
            KeyMatchStatus::NoMatch => "no-match",
            KeyMatchStatus::NoCertificate => "no-certificate",
            KeyMatchStatus::Encrypted => "encrypted",
            KeyMatchStatus::Unreadable => "unreadable",
        }
    }
}
