//! The Report: everything certscope concluded, as one serializable value.
//!
//! # Wire format (the `--json` contract)
//!
//! The CLI's `--json` output and the web app's "Copy JSON" are this struct
//! serialized with serde. Field names and enum strings are stable; new fields
//! may be added. The full schema, every field with its type and enum strings,
//! and a real example: `docs/report.md`. Every finding code with its
//! severity, reference and remedy: `docs/findings.md` (generated from
//! [`Code::ALL`]). Both are checked against the code by
//! `crates/certscope-cli/tests/docs.rs`.
//!
//! Summary wording ("None", "Good — signed by the issuer, fresh until …") is
//! built here, in [`summary`], so that the CLI and the app say the same thing.

pub mod code;
pub mod finding;
pub mod render;
pub mod summary;

pub use code::{Code, Severity};
pub use finding::Finding;

use crate::time::Timestamp;
use serde::Serialize;

pub const SCHEMA_VERSION: u32 = 1;

#[derive(Clone, Debug, PartialEq, Serialize)]
pub struct Report {
    pub schema_version: u32,
    /// The time everything was checked at.
    pub as_of: Timestamp,
    /// The host name checked against the leaf, if one was given.
    pub host: Option<String>,
    /// Whose rules judged the verdict: `browsers` or `strict`.
    pub profile: crate::options::Profile,
    /// What was found in each input, in input order.
    pub inputs: Vec<InputSummary>,
    /// Every decoded certificate, in input order (`index` = position here).
    pub certificates: Vec<CertificateReport>,
    pub chain: ChainReport,
    /// Null when no OCSP response was given. With several, the one about
    /// the leaf (by CertID; the freshest good one if several are).
    pub ocsp: Option<OcspReport>,
    /// The other OCSP responses given, in input order (empty with one or none).
    pub ocsp_other: Vec<OcspOtherReport>,
    pub crls: Vec<CrlReport>,
    /// Private keys given for the key-match check, in input order: which
    /// certificates each belongs to. Never any key material.
    pub keys: Vec<KeyMatchReport>,
    /// Certificate signing requests given, and the certificates issued for them.
    pub requests: Vec<CsrReport>,
    /// Each PKCS#12 (PFX) file given: how it was opened and the
    /// friendlyName and localKeyId of each certificate in it.
    pub pfx: Vec<PfxReport>,
    /// What an `openssl s_client -status` transcript says the server did.
    pub stapling: Option<StaplingReport>,
    /// How to fetch an OCSP response for the leaf by hand (null without a leaf and issuer).
    pub capture: Option<CaptureHelp>,
    pub summary: Summary,
    /// Most severe first.
    pub findings: Vec<Finding>,
    /// The work the analysis spent against its budget (`Options::limits`).
    pub work: WorkReport,
}

/// What one analysis spent of its work budget (see `Limits`): counts of
/// real work done, and the `Limits` fields that ran out.
#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize)]
pub struct WorkReport {
    /// Inputs read (at most `max_inputs`).
    pub inputs: usize,
    /// Bytes read from the inputs and the trust-anchors box together.
    pub input_bytes: usize,
    /// Objects decoded from the inputs and the trust-anchors box together.
    pub objects: usize,
    /// Signature checks spent, every stage together; a check with an RSA
    /// key over 4,096 bits counts as (bits / 4,096)², rounded up.
    pub signature_checks: usize,
    /// Signature checks answered from the analysis's cache instead.
    pub signature_cache_hits: usize,
    /// Path-building steps.
    pub build_steps: usize,
    /// Name-constraint comparisons (one name against one subtree).
    pub name_comparisons: usize,
    /// CRL serial lookups (one certificate in one CRL's index).
    pub crl_lookups: usize,
    /// RFC 5280 §6.1 valid_policy_tree nodes made for the path.
    pub policy_nodes: usize,
    /// PBKDF2 / PKCS#12 KDF iterations run to open PFX files and keys.
    pub kdf_iterations: usize,
    /// The `Limits` fields that ran out (each also has a finding).
    pub exceeded: Vec<String>,
}

/// One certificate signing request (PKCS#10).
#[derive(Clone, Debug, PartialEq, Eq, Serialize)]
pub struct CsrReport {
    pub source: Source,
    /// RFC 4514 string.
    pub subject: String,
    /// As in a certificate: `RSA-2048`, `EC-P-256`, …
    pub key: String,
    /// Its self-signature: `valid`, `invalid`, `unsupported`, `not-checked` (budget).
    pub signature: String,
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
    pub certificates: Vec<PfxCertificate>,
}

/// A certificate bag: `block` is the certificate's `source.block`.
#[derive(Clone, Debug, PartialEq, Eq, Serialize)]
pub struct PfxCertificate {
    pub block: usize,
    pub friendly_name: Option<String>,
    /// Lower-case hex; the same value on a key bag marks the certificate's key.
    pub local_key_id: Option<String>,
}

/// One private key compared with the certificates. Holds no key
/// material: the key itself is never kept, serialised or shown.
#[derive(Clone, Debug, PartialEq, Eq, Serialize)]
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

/// Where an object came from.
#[derive(Clone, Debug, PartialEq, Eq, Serialize)]
pub struct Source {
    /// Index of the input (file or paste) it was found in.
    pub input: usize,
    /// The input's name (a file name), if it had one.
    pub name: Option<String>,
    /// 1-based position of the object within its input.
    pub block: usize,
    /// How it was encoded: `pem`, `der`, `base64`, `hex`, `pkcs7`, `transcript`.
    pub encoding: String,
}

#[derive(Clone, Debug, PartialEq, Eq, Serialize)]
pub struct InputSummary {
    pub index: usize,
    pub name: Option<String>,
    pub bytes: usize,
    /// Human summary, e.g. "3 certificates, 1 OCSP response (openssl s_client transcript)".
    pub found: String,
    /// Objects found in this input, by kind.
    pub certificates: usize,
    pub ocsp_responses: usize,
    pub crls: usize,
}

#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize)]
#[serde(rename_all = "kebab-case")]
pub enum Role {
    Leaf,
    Intermediate,
    Root,
    /// Not part of the chosen path.
    Extra,
    /// The same certificate as an earlier one.
    Duplicate,
}

impl Role {
    pub const fn as_str(self) -> &'static str {
        match self {
            Role::Leaf => "leaf",
            Role::Intermediate => "intermediate",
            Role::Root => "root",
            Role::Extra => "extra",
            Role::Duplicate => "duplicate",
        }
    }
}

/// Outcome of checking a signature with the issuer's key.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize)]
#[serde(rename_all = "kebab-case")]
pub enum SignatureStatus {
    Valid,
    Invalid,
    IssuerMissing,
    Unsupported,
    /// Not checked: the analysis's signature budget was spent first.
    NotChecked,
}

impl SignatureStatus {
    pub const fn as_str(self) -> &'static str {
        match self {
            SignatureStatus::Valid => "valid",
            SignatureStatus::Invalid => "invalid",
            SignatureStatus::IssuerMissing => "issuer-missing",
            SignatureStatus::Unsupported => "unsupported",
            SignatureStatus::NotChecked => "not-checked",
        }
    }
}

#[derive(Clone, Debug, PartialEq, Eq, Serialize)]
pub struct NameAttribute {
    /// Short name (`CN`, `O`, `C`…) or dotted OID.
    pub name: String,
    pub oid: String,
    pub value: String,
}

#[derive(Clone, Debug, PartialEq, Eq, Serialize)]
pub struct GeneralNameView {
    /// `DNS`, `IP`, `email`, `URI`, `DirName`, `RID`, `otherName`, `x400Address`, `ediPartyName`.
    pub kind: String,
    pub value: String,
}

#[derive(Clone, Debug, PartialEq, Eq, Serialize)]
pub struct ExtensionView {
    pub oid: String,
    /// Human name ("Basic Constraints"), or the OID when unknown.
    pub name: String,
    pub critical: bool,
    /// Decoded content, one human-readable line each (OID + hex when unknown).
    pub details: Vec<String>,
}

#[derive(Clone, Debug, PartialEq, Eq, Serialize)]
pub struct SctView {
    pub version: u8,
    /// Base64 of the log id.
    pub log_id: String,
    pub timestamp: Timestamp,
    pub signature_algorithm: String,
}

#[derive(Clone, Debug, PartialEq, Eq, Serialize)]
pub struct PssParams {
    pub hash: String,
    pub mgf1_hash: String,
    pub salt_length: u32,
}

#[derive(Clone, Debug, PartialEq, Eq, Serialize)]
pub struct CertificateReport {
    pub index: usize,
    pub source: Source,
    pub role: Role,
    /// X.509 version as people say it: 1, 2 or 3.
    pub version: u8,
    /// RFC 4514 string.
    pub subject: String,
    pub issuer: String,
    pub subject_attributes: Vec<NameAttribute>,
    pub issuer_attributes: Vec<NameAttribute>,
    /// Lower-case hex, no separators, as `openssl x509 -serial` prints it:
    /// DER's sign octet dropped, `-` before a (non-conformant) negative serial.
    pub serial: String,
    /// Lower-case hex of SHA-256 over the DER.
    pub sha256: String,
    pub sha1: String,
    /// Base64 SHA-256 of the SubjectPublicKeyInfo (HPKP-style pin).
    pub spki_sha256: String,
    /// `RSA-2048`, `RSA-PSS-2048`, `EC-P-256`, `Ed25519`, `Ed448`, or the OID.
    pub key: String,
    pub key_bits: Option<u32>,
    /// OpenSSL's name: `sha256WithRSAEncryption`, `ecdsa-with-SHA384`, `rsassaPss`, `ED25519`…
    pub signature_algorithm: String,
    pub signature_algorithm_oid: String,
    pub pss: Option<PssParams>,
    pub signature: SignatureStatus,
    pub not_before: Timestamp,
    pub not_after: Timestamp,
    pub is_ca: bool,
    pub path_len_constraint: Option<u8>,
    pub self_signed: bool,
    pub must_staple: bool,
    /// TLS Feature values (5 = status_request, "OCSP Must-Staple").
    pub tls_features: Vec<u16>,
    /// SAN values (DNS names, IP addresses, emails, URIs) as plain strings.
    pub san: Vec<String>,
    pub san_entries: Vec<GeneralNameView>,
    pub key_usage: Vec<String>,
    pub extended_key_usage: Vec<String>,
    pub subject_key_id: Option<String>,
    pub authority_key_id: Option<String>,
    pub ocsp_urls: Vec<String>,
    pub ca_issuers_urls: Vec<String>,
    pub crl_urls: Vec<String>,
    pub policies: Vec<String>,
    pub ocsp_nocheck: bool,
    pub scts: Vec<SctView>,
    /// Every extension in certificate order.
    pub extensions: Vec<ExtensionView>,
    pub pem: String,
}

/// A link in the built path: a certificate (or trust anchor) and how its
/// signature checked out.
#[derive(Clone, Debug, PartialEq, Eq, Serialize)]
pub struct ChainLink {
    /// Input index, or null for an anchor taken from a trust store.
    pub certificate: Option<usize>,
    pub subject: String,
    pub sha256: String,
    /// `input`, `mozilla` (built-in store) or `user` (supplied anchors).
    pub from: String,
    /// Signature by the next link's key; for the anchor, its self-signature.
    pub signature: SignatureStatus,
}

#[derive(Clone, Debug, PartialEq, Eq, Serialize)]
pub struct MissingIssuer {
    /// The issuer name the last certificate of the path names.
    pub name: String,
    /// Its caIssuers URLs from the AIA, where the missing certificate can be fetched.
    pub ca_issuers_urls: Vec<String>,
}

#[derive(Clone, Debug, PartialEq, Eq, Serialize, Default)]
pub struct ChainReport {
    /// SHA-256 fingerprints from the leaf to the anchor (or as far as it got).
    pub path: Vec<String>,
    pub links: Vec<ChainLink>,
    /// Set when the path stops short of a trust anchor.
    pub missing_issuer: Option<MissingIssuer>,
    /// The path reaches a trust anchor.
    pub complete: bool,
    /// RFC 5280 path validation passes at `as_of`.
    pub valid: bool,
    /// The input lists the path's certificates leaf first, each followed by its issuer.
    pub order_ok: bool,
    /// Leaf first, then intermediates, no root: ready to install.
    pub corrected_pem: String,
    /// Certificate policies (RFC 5280 §6.1); absent when there is no path.
    pub policies: Option<PolicyReport>,
}

/// The outcome of RFC 5280 §6.1 policy processing over the path.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Default)]
pub struct PolicyReport {
    /// Policies the CAs on the path allow, in the trust anchor's policy
    /// domain (after mappings); `anyPolicy` alone means unconstrained.
    pub authorities_constrained: Vec<PolicyName>,
    /// Those of the relying party's initial-policy-set that the path
    /// supports (RFC 5280 §6.1.6: the user-constrained policy set).
    pub user_constrained: Vec<PolicyName>,
    /// Policy processing succeeded; false when a policy was required and
    /// none is valid, an extension is malformed, or the tree grew past
    /// `max_policy_nodes` and processing could not complete.
    pub valid: bool,
}

impl PolicyReport {
    /// "Policies on this path: 2.23.140.1.2.1 (DV), …", the same words in
    /// the CLI and the app.
    pub fn summary_line(&self) -> String {
        let listed: Vec<String> = self.user_constrained.iter().map(PolicyName::label).collect();
        let policies = if listed.is_empty() { "none".to_string() } else { listed.join(", ") };
        let failed = if self.valid { "" } else { " (policy processing failed: see the findings)" };
        format!("Policies on this path: {policies}{failed}")
    }
}

/// A policy OID and, for the well-known ones, its name.
#[derive(Clone, Debug, PartialEq, Eq, Serialize)]
pub struct PolicyName {
    pub oid: String,
    /// "DV", "OV", "IV", "EV" (CA/B Forum) or "anyPolicy".
    pub name: Option<&'static str>,
}

impl PolicyName {
    /// "2.23.140.1.2.1 (DV)", or the bare OID.
    pub fn label(&self) -> String {
        match self.name {
            Some(name) => format!("{} ({name})", self.oid),
            None => self.oid.clone(),
        }
    }
}

#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize)]
#[serde(rename_all = "kebab-case")]
pub enum Verdict {
    Ok,
    Warning,
    Error,
}

#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize)]
#[serde(rename_all = "kebab-case")]
pub enum Badge {
    Good,
    Warning,
    Error,
    /// Informational (nothing to judge, e.g. "Not provided").
    Neutral,
}

/// One row of the install-check table ("Chain Issues" → "None").
#[derive(Clone, Debug, PartialEq, Eq, Serialize)]
pub struct SummaryRow {
    pub label: String,
    pub value: String,
    pub badge: Badge,
}

#[derive(Clone, Debug, PartialEq, Eq, Serialize, Default)]
pub struct RevocationInfo {
    pub ocsp: Vec<String>,
    pub crl: Vec<String>,
}

#[derive(Clone, Debug, PartialEq, Eq, Serialize)]
pub struct Summary {
    pub verdict: Verdict,
    /// Chain finding codes; empty means "None".
    pub chain_issues: Vec<Code>,
    pub trusted: bool,
    pub must_staple: bool,
    pub revocation_info: RevocationInfo,
    /// `good`, `revoked`, `unknown`, or null when no response answers for the leaf.
    pub ocsp_status: Option<String>,
    /// For must-staple leaves: a matching, validly signed, fresh response is present.
    pub must_staple_satisfied: Option<bool>,
    /// The leaf's status by the CRLs given; null when no CRL was given.
    pub crl_status: Option<CrlStatus>,
    /// The install-check table, in display order.
    pub rows: Vec<SummaryRow>,
}

/// The leaf's revocation status by the CRLs given (RFC 5280 §6.3.3).
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize)]
#[serde(rename_all = "kebab-case")]
pub enum CrlStatus {
    /// Covered for every reason and listed on none.
    NotRevoked,
    Revoked,
    /// No usable CRL covers it for every reason (`crl-status-undetermined`).
    Undetermined,
}

// ---- OCSP ---------------------------------------------------------------

#[derive(Clone, Debug, PartialEq, Eq, Serialize)]
pub struct OcspSingleView {
    pub serial: String,
    /// `sha1`, `sha256`, `sha384`, `sha512`, or the OID.
    pub certid_hash: String,
    pub issuer_name_hash: String,
    pub issuer_key_hash: String,
    pub matches_leaf: bool,
    /// Input index of the certificate it answers for.
    pub certificate: Option<usize>,
    /// `good`, `revoked`, `unknown`.
    pub status: String,
    pub revocation_time: Option<Timestamp>,
    /// RFC 5280 camelCase (`keyCompromise`…).
    pub revocation_reason: Option<String>,
    pub this_update: Timestamp,
    pub next_update: Option<Timestamp>,
    pub extensions: Vec<ExtensionView>,
}

#[derive(Clone, Debug, PartialEq, Eq, Serialize)]
pub struct OcspLeafView {
    pub status: String,
    pub revocation_time: Option<Timestamp>,
    pub revocation_reason: Option<String>,
    pub this_update: Timestamp,
    pub next_update: Option<Timestamp>,
    /// `fresh`, `stale`, `not-yet-valid`.
    pub freshness: String,
}

#[derive(Clone, Debug, PartialEq, Eq, Serialize)]
pub struct OcspReport {
    pub source: Source,
    /// `successful`, `malformedRequest`, `internalError`, `tryLater`, `sigRequired`, `unauthorized`, or the number.
    pub response_status: String,
    /// What the status means for the server.
    pub status_meaning: String,
    pub produced_at: Option<Timestamp>,
    /// `issuer`, `delegated`, `unknown`.
    pub responder: Option<String>,
    /// `by-name`, `by-key`.
    pub responder_id: Option<String>,
    /// The responderID's value: an RFC 4514 name or hex key hash.
    pub responder_id_value: Option<String>,
    /// Input or embedded certificate that signed, when found: its subject.
    pub signer_subject: Option<String>,
    pub responder_nocheck: Option<bool>,
    /// `valid`, `invalid`, `unauthorized-responder`, `unverifiable`.
    pub signature: Option<String>,
    /// The signature verifies with the signer's key, whoever the signer is
    /// (as `openssl ocsp -trust_other` checks it); null when no signer was found.
    pub signature_intact: Option<bool>,
    pub signature_algorithm: Option<String>,
    pub responses: Vec<OcspSingleView>,
    pub extensions: Vec<ExtensionView>,
    /// Subjects of the certificates the response carries.
    pub certificates: Vec<String>,
    /// The response for the leaf, null when none matches.
    pub leaf: Option<OcspLeafView>,
}

/// An OCSP response given besides the one in `Report::ocsp`, at a glance.
#[derive(Clone, Debug, PartialEq, Eq, Serialize)]
pub struct OcspOtherReport {
    pub source: Source,
    /// As `OcspReport::response_status`, plus `unparseable`.
    pub response_status: String,
    /// Input index of the certificate it answers for, null when it matches none.
    pub certificate: Option<usize>,
    /// The serial its (first matching) SingleResponse names, lower-case hex.
    pub serial: Option<String>,
    /// `good`, `revoked`, `unknown`; null when it holds no SingleResponse.
    pub status: Option<String>,
    pub this_update: Option<Timestamp>,
    pub next_update: Option<Timestamp>,
    /// `fresh`, `stale`, `not-yet-valid`.
    pub freshness: Option<String>,
    /// As `OcspReport::signature`.
    pub signature: Option<String>,
}

// ---- CRL ----------------------------------------------------------------

#[derive(Clone, Debug, PartialEq, Eq, Serialize)]
pub struct CrlRevokedView {
    pub certificate: usize,
    pub serial: String,
    pub revocation_date: Timestamp,
    pub reason: Option<String>,
}

/// Whether one CRL speaks for one certificate (RFC 5280 §6.3.3 (b), §5.2.5
/// issuingDistributionPoint, §4.2.1.13 cRLDistributionPoints), and why.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize)]
#[serde(rename_all = "kebab-case")]
pub enum CrlScope {
    /// Issued for the certificate's issuer (directly, or as the cRLIssuer
    /// its distribution point names) and covering it for every reason.
    Applies,
    /// As `Applies`, but only for the reasons in `reasons` (onlySomeReasons,
    /// or the distribution point's own reasons).
    AppliesForSomeReasons,
    /// Issued by another CA, and not named as the certificate's cRLIssuer.
    OtherIssuer,
    /// The certificate names this CRL's issuer as its cRLIssuer, but the CRL
    /// is not marked indirectCRL, so it may not list another CA's certificates.
    NotIndirect,
    /// The CRL's issuingDistributionPoint names a distribution point the
    /// certificate does not point to.
    OtherDistributionPoint,
    /// onlyContainsUserCerts, and the certificate is a CA.
    OnlyUserCerts,
    /// onlyContainsCACerts, and the certificate is not a CA.
    OnlyCaCerts,
    /// onlyContainsAttributeCerts: never about public-key certificates.
    OnlyAttributeCerts,
}

impl CrlScope {
    pub fn applies(self) -> bool {
        matches!(self, CrlScope::Applies | CrlScope::AppliesForSomeReasons)
    }

    /// "applies …" / "not applicable to this certificate, because …".
    pub fn words(self) -> &'static str {
        match self {
            CrlScope::Applies => "applies",
            CrlScope::AppliesForSomeReasons => "applies for some revocation reasons only (onlySomeReasons)",
            CrlScope::OtherIssuer => "not applicable to this certificate, because another CA issued it",
            CrlScope::NotIndirect => {
                "not applicable to this certificate, because the CRL is not an indirect CRL (indirectCRL is not set) yet the certificate names its issuer as cRLIssuer"
            }
            CrlScope::OtherDistributionPoint => {
                "not applicable to this certificate, because the CRL is for a distribution point the certificate does not name"
            }
            CrlScope::OnlyUserCerts => {
                "not applicable to this certificate, because the CRL covers end-entity certificates only (onlyContainsUserCerts) and this is a CA"
            }
            CrlScope::OnlyCaCerts => {
                "not applicable to this certificate, because the CRL covers CA certificates only (onlyContainsCACerts) and this is not a CA"
            }
            CrlScope::OnlyAttributeCerts => {
                "not applicable to this certificate, because the CRL covers attribute certificates only (onlyContainsAttributeCerts)"
            }
        }
    }
}

/// One certificate of the input, as one CRL sees it.
#[derive(Clone, Debug, PartialEq, Eq, Serialize)]
pub struct CrlApplicability {
    /// Input index of the certificate.
    pub certificate: usize,
    pub scope: CrlScope,
    /// The revocation reasons (RFC 5280 §5.3.1 camelCase) this CRL covers for
    /// the certificate; empty when it does not apply.
    pub reasons: Vec<String>,
}

/// What a CRL is (RFC 5280 §5.2.3 cRLNumber, §5.2.4 deltaCRLIndicator).
#[derive(Clone, Debug, PartialEq, Eq, Serialize)]
#[serde(tag = "kind", rename_all = "kebab-case")]
pub enum CrlKind {
    /// A complete CRL for its scope.
    Complete,
    /// A delta CRL: only the changes since the complete CRL numbered `base`
    /// (hex). `base_source` is the complete CRL it was applied to, if any.
    Delta { base: String, base_source: Option<Source> },
}

#[derive(Clone, Debug, PartialEq, Eq, Serialize)]
pub struct CrlReport {
    pub source: Source,
    pub issuer: String,
    pub this_update: Timestamp,
    pub next_update: Option<Timestamp>,
    pub entries: usize,
    /// `valid`, `invalid`, `issuer-missing`, `unsupported`.
    pub signature: SignatureStatus,
    /// Input index of the certificate that signed it.
    pub signer: Option<usize>,
    /// `fresh`, `stale`, `not-yet-valid`.
    pub freshness: String,
    /// False when the CRL may not decide revocation (an unprocessable
    /// critical extension, a signer without cRLSign, a delta CRL without its
    /// complete CRL): `revoked` is then empty.
    pub used: bool,
    /// cRLNumber (hex), when present.
    pub number: Option<String>,
    pub kind: CrlKind,
    /// Where its freshestCRL extension says the delta CRLs are (§5.2.6):
    /// URIs, or RFC 4514 directory names.
    pub freshest_crl: Vec<String>,
    /// Whether it applies to each certificate of the input, and why not.
    pub scope: Vec<CrlApplicability>,
    pub revoked: Vec<CrlRevokedView>,
    /// Input indexes of certificates this delta CRL takes off hold
    /// (removeFromCRL, RFC 5280 §5.3.1), or whose hold on the complete CRL a
    /// delta lifted.
    pub released: Vec<usize>,
}

// ---- stapling and capture --------------------------------------------------

#[derive(Clone, Debug, PartialEq, Eq, Serialize)]
pub struct ServerSnippet {
    /// `nginx`, `Apache`, `IIS`.
    pub server: String,
    pub text: String,
}

#[derive(Clone, Debug, PartialEq, Eq, Serialize)]
pub struct StaplingReport {
    /// `stapled` (DER or text seen), `not-sent` ("OCSP response: no response sent"), `not-requested`.
    pub state: String,
    /// The transcript carried only the decoded text, not the DER.
    pub text_only: bool,
    /// Status and times read from the text, when that is all there is.
    pub text_status: Option<String>,
    pub text_this_update: Option<String>,
    pub text_next_update: Option<String>,
    pub snippets: Vec<ServerSnippet>,
    /// Where the stapled response's exact DER, read from the `-msg` hex
    /// dump, went among the OCSP responses (checked like a pasted one);
    /// null when the transcript holds no such dump.
    pub der_source: Option<Source>,
    /// What s_client printed of the stapled response: the server's claim,
    /// unverifiable by itself. Null when nothing was printed.
    pub claim: Option<StapleClaimReport>,
    /// With both the printout and the DER: whether they say the same
    /// (status, serial, times). Null otherwise.
    pub text_agrees: Option<bool>,
}

/// The stapled response as `openssl s_client -status` printed it.
#[derive(Clone, Debug, PartialEq, Eq, Serialize)]
pub struct StapleClaimReport {
    /// `successful`, `tryLater`, …
    pub response_status: Option<String>,
    /// As printed: a name (`O = …, CN = …`) or a key hash.
    pub responder_id: Option<String>,
    pub produced_at: Option<Timestamp>,
    pub responses: Vec<ClaimedResponse>,
}

/// One printed SingleResponse.
#[derive(Clone, Debug, PartialEq, Eq, Serialize)]
pub struct ClaimedResponse {
    pub hash_algorithm: Option<String>,
    /// Lowercase hex, as in `OcspSingleView`.
    pub issuer_name_hash: Option<String>,
    pub issuer_key_hash: Option<String>,
    pub serial: Option<String>,
    /// `good`, `revoked`, `unknown`, as printed.
    pub status: Option<String>,
    pub revocation_time: Option<Timestamp>,
    pub revocation_reason: Option<String>,
    pub this_update: Option<Timestamp>,
    pub next_update: Option<Timestamp>,
    /// The serial is the leaf's; null without a leaf or a serial.
    pub matches_leaf: Option<bool>,
    /// `fresh`, `stale`, `not-yet-valid` at the as-of time, from the printed times.
    pub freshness: Option<String>,
}

#[derive(Clone, Debug, PartialEq, Eq, Serialize)]
pub struct CaptureHelp {
    pub request_der_base64: String,
    pub request_get_urls: Vec<String>,
    pub commands: Vec<String>,
}
