//! OCSP responses as the report shows them.

use super::*;
use serde::Serialize;

/// A certificate's status in a SingleResponse (RFC 6960 §2.2).
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, Serialize)]
#[cfg_attr(feature = "schema", derive(schemars::JsonSchema))]
#[serde(rename_all = "kebab-case")]
pub enum CertificateStatus {
    Good,
    Revoked,
    Unknown,
}

impl CertificateStatus {
    /// The JSON word, as OpenSSL prints it too.
    pub const fn as_str(self) -> &'static str {
        match self {
            CertificateStatus::Good => "good",
            CertificateStatus::Revoked => "revoked",
            CertificateStatus::Unknown => "unknown",
        }
    }

    /// The word `openssl s_client -status` prints for it.
    pub fn from_printed(word: &str) -> Option<CertificateStatus> {
        match word.to_ascii_lowercase().as_str() {
            "good" => Some(CertificateStatus::Good),
            "revoked" => Some(CertificateStatus::Revoked),
            "unknown" => Some(CertificateStatus::Unknown),
            _ => None,
        }
    }
}

/// The outcome of checking a response's signature and its signer's
/// authority (RFC 6960 §4.2.2.2).
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, Serialize)]
#[cfg_attr(feature = "schema", derive(schemars::JsonSchema))]
#[serde(rename_all = "kebab-case")]
pub enum OcspSignature {
    /// Verified, by the CA or a responder it authorised.
    Valid,
    /// Does not verify with the signer's key.
    Invalid,
    /// Verifies, but the signer may not sign for this CA.
    UnauthorizedResponder,
    /// No signer was found, or its authority could not be checked.
    Unverifiable,
}

impl OcspSignature {
    /// The JSON word.
    pub const fn as_str(self) -> &'static str {
        match self {
            OcspSignature::Valid => "valid",
            OcspSignature::Invalid => "invalid",
            OcspSignature::UnauthorizedResponder => "unauthorized-responder",
            OcspSignature::Unverifiable => "unverifiable",
        }
    }
}

/// Who signed a response (RFC 6960 §4.2.2.2).
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, Serialize)]
#[cfg_attr(feature = "schema", derive(schemars::JsonSchema))]
#[serde(rename_all = "kebab-case")]
pub enum ResponderKind {
    /// The CA that issued the certificate.
    Issuer,
    /// A responder certificate the CA issued with id-kp-OCSPSigning.
    Delegated,
    /// Could not be told.
    Unknown,
}

impl ResponderKind {
    /// The JSON word.
    pub const fn as_str(self) -> &'static str {
        match self {
            ResponderKind::Issuer => "issuer",
            ResponderKind::Delegated => "delegated",
            ResponderKind::Unknown => "unknown",
        }
    }
}

/// How the responderID names the responder (RFC 6960 §4.2.1).
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, Serialize)]
#[cfg_attr(feature = "schema", derive(schemars::JsonSchema))]
#[serde(rename_all = "kebab-case")]
pub enum ResponderIdKind {
    ByName,
    ByKey,
}

impl ResponderIdKind {
    /// The JSON word.
    pub const fn as_str(self) -> &'static str {
        match self {
            ResponderIdKind::ByName => "by-name",
            ResponderIdKind::ByKey => "by-key",
        }
    }
}

/// An OCSPResponse's responseStatus (RFC 6960 §4.2.1), by its RFC name; a
/// value the RFC does not define is kept as its number. `unparseable` marks
/// bytes that are no OCSP response at all.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, Serialize)]
#[cfg_attr(feature = "schema", derive(schemars::JsonSchema))]
pub enum ResponseStatus {
    #[serde(rename = "successful")]
    Successful,
    #[serde(rename = "malformedRequest")]
    MalformedRequest,
    #[serde(rename = "internalError")]
    InternalError,
    #[serde(rename = "tryLater")]
    TryLater,
    #[serde(rename = "sigRequired")]
    SigRequired,
    #[serde(rename = "unauthorized")]
    Unauthorized,
    #[serde(rename = "unparseable")]
    Unparseable,
    /// A value RFC 6960 does not define (4 is unused, 7 and up unassigned).
    #[serde(untagged)]
    Other(u32),
}

impl ResponseStatus {
    /// RFC 6960 §4.2.1's OCSPResponseStatus values.
    pub const fn from_code(code: u32) -> ResponseStatus {
        match code {
            0 => ResponseStatus::Successful,
            1 => ResponseStatus::MalformedRequest,
            2 => ResponseStatus::InternalError,
            3 => ResponseStatus::TryLater,
            5 => ResponseStatus::SigRequired,
            6 => ResponseStatus::Unauthorized,
            n => ResponseStatus::Other(n),
        }
    }

    /// The word OpenSSL prints ("tryLater", or "trylater" in older releases).
    pub fn from_printed(word: &str) -> Option<ResponseStatus> {
        Some(match word.to_ascii_lowercase().as_str() {
            "successful" => ResponseStatus::Successful,
            "malformedrequest" => ResponseStatus::MalformedRequest,
            "internalerror" => ResponseStatus::InternalError,
            "trylater" => ResponseStatus::TryLater,
            "sigrequired" => ResponseStatus::SigRequired,
            "unauthorized" => ResponseStatus::Unauthorized,
            _ => return None,
        })
    }

    /// The RFC 6960 name (the JSON word), or the number.
    pub fn name(self) -> std::borrow::Cow<'static, str> {
        use std::borrow::Cow;
        match self {
            ResponseStatus::Successful => Cow::Borrowed("successful"),
            ResponseStatus::MalformedRequest => Cow::Borrowed("malformedRequest"),
            ResponseStatus::InternalError => Cow::Borrowed("internalError"),
            ResponseStatus::TryLater => Cow::Borrowed("tryLater"),
            ResponseStatus::SigRequired => Cow::Borrowed("sigRequired"),
            ResponseStatus::Unauthorized => Cow::Borrowed("unauthorized"),
            ResponseStatus::Unparseable => Cow::Borrowed("unparseable"),
            ResponseStatus::Other(n) => Cow::Owned(n.to_string()),
        }
    }

    pub const fn is_successful(self) -> bool {
        matches!(self, ResponseStatus::Successful)
    }
}

impl std::fmt::Display for ResponseStatus {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str(&self.name())
    }
}

#[derive(Clone, Debug, PartialEq, Eq, Serialize)]
#[cfg_attr(feature = "schema", derive(schemars::JsonSchema))]
pub struct OcspSingleView {
    pub serial: String,
    /// `sha1`, `sha256`, `sha384`, `sha512`, or the OID.
    pub certid_hash: String,
    pub issuer_name_hash: String,
    pub issuer_key_hash: String,
    pub matches_leaf: bool,
    /// Input index of the certificate it answers for.
    pub certificate: Option<usize>,
    pub status: CertificateStatus,
    pub revocation_time: Option<Timestamp>,
    /// RFC 5280 camelCase (`keyCompromise`…).
    pub revocation_reason: Option<String>,
    pub this_update: Timestamp,
    pub next_update: Option<Timestamp>,
    pub extensions: Vec<ExtensionView>,
    /// Its bytes in the object's DER (`certscope::object_der`); absent
    /// when the node could not be found.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub bytes: Option<ByteRange>,
}

#[derive(Clone, Debug, PartialEq, Eq, Serialize)]
#[cfg_attr(feature = "schema", derive(schemars::JsonSchema))]
pub struct OcspLeafView {
    pub status: CertificateStatus,
    pub revocation_time: Option<Timestamp>,
    pub revocation_reason: Option<String>,
    pub this_update: Timestamp,
    pub next_update: Option<Timestamp>,
    pub freshness: Freshness,
}

#[derive(Clone, Debug, PartialEq, Eq, Serialize)]
#[cfg_attr(feature = "schema", derive(schemars::JsonSchema))]
pub struct OcspReport {
    pub source: Source,
    pub response_status: ResponseStatus,
    /// What the status means for the server.
    pub status_meaning: String,
    pub produced_at: Option<Timestamp>,
    /// Who signed it, as far as could be told (null when it is no basic response).
    pub responder: Option<ResponderKind>,
    /// How the responderID names the responder.
    pub responder_id: Option<ResponderIdKind>,
    /// The responderID's value: an RFC 4514 name or hex key hash.
    pub responder_id_value: Option<String>,
    /// Input or embedded certificate that signed, when found: its subject.
    pub signer_subject: Option<String>,
    pub responder_nocheck: Option<bool>,
    /// Null when it is no basic response (nothing was signed).
    pub signature: Option<OcspSignature>,
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
    /// Where each field is in the object's DER, for "show bytes" links.
    #[serde(skip_serializing_if = "Vec::is_empty")]
    pub bytes: Vec<FieldRange>,
}

/// An OCSP response given besides the one in `Report::ocsp`, at a glance.
#[derive(Clone, Debug, PartialEq, Eq, Serialize)]
#[cfg_attr(feature = "schema", derive(schemars::JsonSchema))]
pub struct OcspOtherReport {
    pub source: Source,
    pub response_status: ResponseStatus,
    /// Input index of the certificate it answers for, null when it matches none.
    pub certificate: Option<usize>,
    /// The serial its (first matching) SingleResponse names, lower-case hex.
    pub serial: Option<String>,
    /// Null when it holds no SingleResponse.
    pub status: Option<CertificateStatus>,
    pub this_update: Option<Timestamp>,
    pub next_update: Option<Timestamp>,
    pub freshness: Option<Freshness>,
    /// As `OcspReport::signature`.
    pub signature: Option<OcspSignature>,
}
