//! CRLs as the report shows them.

use super::*;
use serde::Serialize;

#[derive(Clone, Debug, PartialEq, Eq, Serialize)]
#[cfg_attr(feature = "schema", derive(schemars::JsonSchema))]
pub struct CrlRevokedView {
    pub certificate: usize,
    pub serial: String,
    pub revocation_date: Timestamp,
    pub reason: Option<String>,
    /// Its bytes in the object's DER (`certscope::object_der`); absent
    /// when the node could not be found.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub bytes: Option<ByteRange>,
}

/// Whether one CRL speaks for one certificate (RFC 5280 §6.3.3 (b), §5.2.5
/// issuingDistributionPoint, §4.2.1.13 cRLDistributionPoints), and why.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize)]
#[cfg_attr(feature = "schema", derive(schemars::JsonSchema))]
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
}

/// One certificate of the input, as one CRL sees it.
#[derive(Clone, Debug, PartialEq, Eq, Serialize)]
#[cfg_attr(feature = "schema", derive(schemars::JsonSchema))]
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
#[cfg_attr(feature = "schema", derive(schemars::JsonSchema))]
#[serde(tag = "kind", rename_all = "kebab-case")]
pub enum CrlKind {
    /// A complete CRL for its scope.
    Complete,
    /// A delta CRL: only the changes since the complete CRL numbered `base`
    /// (hex). `base_source` is the complete CRL it was applied to, if any.
    Delta { base: String, base_source: Option<Source> },
}

#[derive(Clone, Debug, PartialEq, Eq, Serialize)]
#[cfg_attr(feature = "schema", derive(schemars::JsonSchema))]
pub struct CrlReport {
    pub source: Source,
    pub issuer: String,
    /// How views name the issuer: its last CN, else its RFC 4514 string.
    pub issuer_short_name: String,
    pub this_update: Timestamp,
    pub next_update: Option<Timestamp>,
    pub entries: usize,
    /// `valid`, `invalid`, `issuer-missing`, `unsupported`.
    pub signature: SignatureStatus,
    /// Input index of the certificate that signed it.
    pub signer: Option<usize>,
    pub freshness: Freshness,
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
    /// Where each field is in the object's DER, for "show bytes" links.
    #[serde(skip_serializing_if = "Vec::is_empty")]
    pub bytes: Vec<FieldRange>,
}
