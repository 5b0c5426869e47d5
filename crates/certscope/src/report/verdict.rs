//! The install-check summary's types: the verdict, the rows with their
//! stable ids and badges, and the leaf's revocation status.

use super::*;
use serde::Serialize;

#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize)]
#[cfg_attr(feature = "schema", derive(schemars::JsonSchema))]
#[serde(rename_all = "kebab-case")]
pub enum Verdict {
    Ok,
    Warning,
    Error,
}

#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize)]
#[cfg_attr(feature = "schema", derive(schemars::JsonSchema))]
#[serde(rename_all = "kebab-case")]
pub enum Badge {
    Good,
    Warning,
    Error,
    /// Informational (nothing to judge, e.g. "Not provided").
    Neutral,
}

/// Which row of the install-check table: stable across releases and
/// languages, for embedders to find a row by.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, Serialize)]
#[cfg_attr(feature = "schema", derive(schemars::JsonSchema))]
#[serde(rename_all = "kebab-case")]
pub enum RowId {
    Certificate,
    Valid,
    ChainIssues,
    Trusted,
    RevocationInformation,
    /// Only when CRLs were given.
    CrlStatus,
    OcspStatus,
    OcspStapling,
    OcspMustStaple,
    /// Only when a host name was given.
    HostName,
}

impl RowId {
    /// The JSON word.
    pub const fn as_str(self) -> &'static str {
        match self {
            RowId::Certificate => "certificate",
            RowId::Valid => "valid",
            RowId::ChainIssues => "chain-issues",
            RowId::Trusted => "trusted",
            RowId::RevocationInformation => "revocation-information",
            RowId::CrlStatus => "crl-status",
            RowId::OcspStatus => "ocsp-status",
            RowId::OcspStapling => "ocsp-stapling",
            RowId::OcspMustStaple => "ocsp-must-staple",
            RowId::HostName => "host-name",
        }
    }
}

/// One row of the install-check table ("Chain Issues" → "None").
#[derive(Clone, Debug, PartialEq, Eq, Serialize)]
#[cfg_attr(feature = "schema", derive(schemars::JsonSchema))]
pub struct SummaryRow {
    pub id: RowId,
    /// The row's label (`labels::row_label(id)`), for display.
    pub label: String,
    pub value: String,
    pub badge: Badge,
}

#[derive(Clone, Debug, PartialEq, Eq, Serialize, Default)]
#[cfg_attr(feature = "schema", derive(schemars::JsonSchema))]
pub struct RevocationInfo {
    pub ocsp: Vec<String>,
    pub crl: Vec<String>,
}

#[derive(Clone, Debug, PartialEq, Eq, Serialize)]
#[cfg_attr(feature = "schema", derive(schemars::JsonSchema))]
pub struct Summary {
    pub verdict: Verdict,
    /// Chain finding codes; empty means "None".
    pub chain_issues: Vec<Code>,
    pub trusted: bool,
    pub must_staple: bool,
    pub revocation_info: RevocationInfo,
    /// Null when no response answers for the leaf.
    pub ocsp_status: Option<CertificateStatus>,
    /// For must-staple leaves: a matching, validly signed, fresh response is present.
    pub must_staple_satisfied: Option<bool>,
    /// The leaf's status by the CRLs given; null when no CRL was given.
    pub crl_status: Option<CrlStatus>,
    /// The install-check table, in display order.
    pub rows: Vec<SummaryRow>,
}

/// The leaf's revocation status by the CRLs given (RFC 5280 §6.3.3).
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize)]
#[cfg_attr(feature = "schema", derive(schemars::JsonSchema))]
#[serde(rename_all = "kebab-case")]
pub enum CrlStatus {
    /// Covered for every reason and listed on none.
    NotRevoked,
    Revoked,
    /// No usable CRL covers it for every reason (`crl-status-undetermined`).
    Undetermined,
}
