//! Where a finding or a field is in the bytes: an object of the report
//! and a range of its DER.

use serde::Serialize;

/// One decoded object of the report, by where the report lists it.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize)]
#[cfg_attr(feature = "schema", derive(schemars::JsonSchema))]
#[serde(tag = "kind", rename_all = "kebab-case")]
pub enum ObjectRef {
    /// `certificates[index]`.
    Certificate { index: usize },
    /// The OCSP response in `ocsp`.
    Ocsp,
    /// `ocsp_other[index]`.
    OcspOther { index: usize },
    /// `crls[index]`.
    Crl { index: usize },
    /// `requests[index]`.
    Csr { index: usize },
}

impl ObjectRef {
    /// What the object is, for labelling its ASN.1 tree.
    pub const fn kind(self) -> crate::asn1::ObjectKind {
        use crate::asn1::ObjectKind;
        match self {
            ObjectRef::Certificate { .. } => ObjectKind::Certificate,
            ObjectRef::Ocsp | ObjectRef::OcspOther { .. } => ObjectKind::OcspResponse,
            ObjectRef::Crl { .. } => ObjectKind::Crl,
            ObjectRef::Csr { .. } => ObjectKind::Csr,
        }
    }
}

/// `len` bytes at `offset` in `object`'s DER: a whole TLV (tag, length
/// and content), as the ASN.1 view shows it. `certscope::object_der`
/// gives the DER.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, Serialize)]
#[cfg_attr(feature = "schema", derive(schemars::JsonSchema))]
pub struct ByteRange {
    pub object: ObjectRef,
    pub offset: usize,
    pub len: usize,
}

impl ByteRange {
    pub fn range(&self) -> std::ops::Range<usize> {
        self.offset..self.offset.saturating_add(self.len)
    }
}

/// A field of a certificate card, an OCSP response or a CRL, as the
/// report's views show it, for a "show bytes" link.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, Serialize)]
#[cfg_attr(feature = "schema", derive(schemars::JsonSchema))]
#[serde(rename_all = "kebab-case")]
pub enum Field {
    Version,
    Serial,
    Issuer,
    NotBefore,
    NotAfter,
    Subject,
    /// subjectPublicKeyInfo.
    Key,
    /// The outer signatureAlgorithm (BasicOCSPResponse's for OCSP).
    SignatureAlgorithm,
    /// The signature BIT STRING.
    Signature,
    /// OCSP: responseStatus, responderID, producedAt, the certificates it carries.
    ResponseStatus,
    ResponderId,
    ProducedAt,
    Certs,
    /// CRLs: thisUpdate, nextUpdate.
    ThisUpdate,
    NextUpdate,
}

/// Where one field is.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, Serialize)]
#[cfg_attr(feature = "schema", derive(schemars::JsonSchema))]
pub struct FieldRange {
    pub field: Field,
    pub bytes: ByteRange,
}
