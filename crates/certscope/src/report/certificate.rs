//! One certificate as the report shows it: names, key, signature,
//! extensions, and its role in the chain.

use super::*;
use serde::Serialize;

#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize)]
#[cfg_attr(feature = "schema", derive(schemars::JsonSchema))]
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
#[cfg_attr(feature = "schema", derive(schemars::JsonSchema))]
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
#[cfg_attr(feature = "schema", derive(schemars::JsonSchema))]
pub struct NameAttribute {
    /// Short name (`CN`, `O`, `C`…) or dotted OID.
    pub name: String,
    pub oid: String,
    pub value: String,
    /// Its bytes in the object's DER (`certscope::object_der`); absent
    /// when the node could not be found.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub bytes: Option<ByteRange>,
}

#[derive(Clone, Debug, PartialEq, Eq, Serialize)]
#[cfg_attr(feature = "schema", derive(schemars::JsonSchema))]
pub struct GeneralNameView {
    /// `DNS`, `IP`, `email`, `URI`, `DirName`, `RID`, `otherName`, `x400Address`, `ediPartyName`.
    pub kind: String,
    pub value: String,
}

#[derive(Clone, Debug, PartialEq, Eq, Serialize)]
#[cfg_attr(feature = "schema", derive(schemars::JsonSchema))]
pub struct ExtensionView {
    pub oid: String,
    /// Human name ("Basic Constraints"), or the OID when unknown.
    pub name: String,
    pub critical: bool,
    /// Decoded content, one human-readable line each (OID + hex when unknown).
    pub details: Vec<String>,
    /// Its bytes in the object's DER (`certscope::object_der`); absent
    /// when the node could not be found.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub bytes: Option<ByteRange>,
}

#[derive(Clone, Debug, PartialEq, Eq, Serialize)]
#[cfg_attr(feature = "schema", derive(schemars::JsonSchema))]
pub struct SctView {
    pub version: u8,
    /// Base64 of the log id.
    pub log_id: String,
    pub timestamp: Timestamp,
    pub signature_algorithm: String,
}

#[derive(Clone, Debug, PartialEq, Eq, Serialize)]
#[cfg_attr(feature = "schema", derive(schemars::JsonSchema))]
pub struct PssParams {
    pub hash: String,
    pub mgf1_hash: String,
    pub salt_length: u32,
}

#[derive(Clone, Debug, PartialEq, Eq, Serialize)]
#[cfg_attr(feature = "schema", derive(schemars::JsonSchema))]
pub struct CertificateReport {
    pub index: usize,
    pub source: Source,
    pub role: Role,
    /// X.509 version as people say it: 1, 2 or 3.
    pub version: u8,
    /// RFC 4514 string.
    pub subject: String,
    pub issuer: String,
    /// How views name it: the subject's last CN, else its RFC 4514 string,
    /// else "(empty subject)".
    pub short_name: String,
    /// The issuer's, the same way ("(empty issuer)" for an empty name).
    pub issuer_short_name: String,
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
    /// Where each field is in the object's DER, for "show bytes" links.
    #[serde(skip_serializing_if = "Vec::is_empty")]
    pub bytes: Vec<FieldRange>,
}
