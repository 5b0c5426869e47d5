//! What an `openssl s_client -status` transcript says about stapling, and
//! how to capture a response by hand.

use super::*;
use serde::Serialize;

#[derive(Clone, Debug, PartialEq, Eq, Serialize)]
#[cfg_attr(feature = "schema", derive(schemars::JsonSchema))]
pub struct ServerSnippet {
    /// `nginx`, `Apache`, `IIS`.
    pub server: String,
    pub text: String,
}

/// What the transcript shows the server did about stapling (RFC 6066 §8).
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, Serialize)]
#[cfg_attr(feature = "schema", derive(schemars::JsonSchema))]
#[serde(rename_all = "kebab-case")]
pub enum StaplingState {
    /// A stapled response was printed (its text, its DER, or both).
    Stapled,
    /// "OCSP response: no response sent".
    NotSent,
    /// The transcript was made without `-status`.
    NotRequested,
}

impl StaplingState {
    /// The JSON word.
    pub const fn as_str(self) -> &'static str {
        match self {
            StaplingState::Stapled => "stapled",
            StaplingState::NotSent => "not-sent",
            StaplingState::NotRequested => "not-requested",
        }
    }
}

#[derive(Clone, Debug, PartialEq, Eq, Serialize)]
#[cfg_attr(feature = "schema", derive(schemars::JsonSchema))]
pub struct StaplingReport {
    pub state: StaplingState,
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
#[cfg_attr(feature = "schema", derive(schemars::JsonSchema))]
pub struct StapleClaimReport {
    /// Null when not printed, or printed as a word RFC 6960 does not define.
    pub response_status: Option<ResponseStatus>,
    /// As printed: a name (`O = …, CN = …`) or a key hash.
    pub responder_id: Option<String>,
    pub produced_at: Option<Timestamp>,
    pub responses: Vec<ClaimedResponse>,
}

/// One printed SingleResponse.
#[derive(Clone, Debug, PartialEq, Eq, Serialize)]
#[cfg_attr(feature = "schema", derive(schemars::JsonSchema))]
pub struct ClaimedResponse {
    pub hash_algorithm: Option<String>,
    /// Lowercase hex, as in `OcspSingleView`.
    pub issuer_name_hash: Option<String>,
    pub issuer_key_hash: Option<String>,
    pub serial: Option<String>,
    /// As printed; null when not printed or not one of the three.
    pub status: Option<CertificateStatus>,
    pub revocation_time: Option<Timestamp>,
    pub revocation_reason: Option<String>,
    pub this_update: Option<Timestamp>,
    pub next_update: Option<Timestamp>,
    /// The serial is the leaf's; null without a leaf or a serial.
    pub matches_leaf: Option<bool>,
    /// At the as-of time, from the printed times.
    pub freshness: Option<Freshness>,
}

#[derive(Clone, Debug, PartialEq, Eq, Serialize)]
#[cfg_attr(feature = "schema", derive(schemars::JsonSchema))]
pub struct CaptureHelp {
    pub request_der_base64: String,
    pub request_get_urls: Vec<String>,
    pub commands: Vec<String>,
}
