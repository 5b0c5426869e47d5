//! The built path: its links, where its anchor came from, what is missing,
//! and the outcome of policy processing.

use super::*;
use serde::Serialize;

/// Where a link of the path came from.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, Serialize)]
#[cfg_attr(feature = "schema", derive(schemars::JsonSchema))]
#[serde(rename_all = "kebab-case")]
pub enum AnchorSource {
    /// The input.
    Input,
    /// Mozilla's root store, built in.
    Mozilla,
    /// The trust anchors the user supplied.
    User,
}

impl AnchorSource {
    /// The JSON word.
    pub const fn as_str(self) -> &'static str {
        match self {
            AnchorSource::Input => "input",
            AnchorSource::Mozilla => "mozilla",
            AnchorSource::User => "user",
        }
    }
}

/// A link in the built path: a certificate (or trust anchor) and how its
/// signature checked out.
#[derive(Clone, Debug, PartialEq, Eq, Serialize)]
#[cfg_attr(feature = "schema", derive(schemars::JsonSchema))]
pub struct ChainLink {
    /// Input index, or null for an anchor taken from a trust store.
    pub certificate: Option<usize>,
    pub subject: String,
    /// How views name it, as `CertificateReport::short_name`.
    pub short_name: String,
    pub sha256: String,
    /// Where the certificate came from (for the anchor: which store).
    pub from: AnchorSource,
    /// Signature by the next link's key; for the anchor, its self-signature.
    pub signature: SignatureStatus,
}

#[derive(Clone, Debug, PartialEq, Eq, Serialize)]
#[cfg_attr(feature = "schema", derive(schemars::JsonSchema))]
pub struct MissingIssuer {
    /// The issuer name the last certificate of the path names.
    pub name: String,
    /// How views name it, as `CertificateReport::issuer_short_name`.
    pub short_name: String,
    /// Its caIssuers URLs from the AIA, where the missing certificate can be fetched.
    pub ca_issuers_urls: Vec<String>,
}

#[derive(Clone, Debug, PartialEq, Eq, Serialize, Default)]
#[cfg_attr(feature = "schema", derive(schemars::JsonSchema))]
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
#[cfg_attr(feature = "schema", derive(schemars::JsonSchema))]
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

/// A policy OID and, for the well-known ones, its name.
#[derive(Clone, Debug, PartialEq, Eq, Serialize)]
#[cfg_attr(feature = "schema", derive(schemars::JsonSchema))]
pub struct PolicyName {
    pub oid: String,
    /// "DV", "OV", "IV", "EV" (CA/B Forum) or "anyPolicy".
    pub name: Option<&'static str>,
}
