//! Signature verification, the same for certificates, OCSP responses and CRLs.
//!
//! `x509`, `ocsp` and `crl` build [`SignedParts`] from the bytes as they
//! were signed (never re-encoded); this module never knows which it got.

use spki::{AlgorithmIdentifierOwned, SubjectPublicKeyInfoOwned};

/// The three parts of any signed X.509 structure.
pub(crate) struct SignedParts<'a> {
    /// The exact DER of the signed part (tbsCertificate, tbsResponseData, tbsCertList).
    pub tbs: &'a [u8],
    pub algorithm: &'a AlgorithmIdentifierOwned,
    /// The signature BIT STRING's bytes.
    pub signature: &'a [u8],
}

#[derive(Clone, Debug, PartialEq, Eq)]
pub(crate) enum Verification {
    Valid,
    Invalid,
    /// The algorithm (or key type) is not one certscope checks; names it.
    Unsupported(String),
}

pub(crate) fn verify_signed(parts: &SignedParts<'_>, signer: &SubjectPublicKeyInfoOwned) -> Verification {
    let _ = (parts.tbs, parts.signature, signer);
    Verification::Unsupported(parts.algorithm.oid.to_string())
}
