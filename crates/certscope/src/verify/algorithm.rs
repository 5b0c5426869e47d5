//! Which signature algorithm an AlgorithmIdentifier names, with OpenSSL's
//! name for it and whether its hash is broken.
//!
//! Shared by certificates, OCSP responses and CRLs: the names are the ones
//! `openssl x509 -text` / `openssl ocsp -resp_text` print, so users can
//! compare side by side.

pub(crate) use crate::oid::{
    ECDSA_WITH_SHA1, GOST_2012_256, GOST_2012_512, GOST_R3411_94_WITH_R3410_2001, MD4_WITH_RSA, SHA1_WITH_RSA_OIW,
    SM2_WITH_SM3,
};
use const_oid::{db, ObjectIdentifier};
use der::{Decode, Encode};
use spki::AlgorithmIdentifierOwned;

// RFC 8017 / RFC 4055 / RFC 5758 / RFC 8410.
pub(crate) const MD2_WITH_RSA: ObjectIdentifier = db::rfc5912::MD_2_WITH_RSA_ENCRYPTION;
pub(crate) const MD5_WITH_RSA: ObjectIdentifier = db::rfc5912::MD_5_WITH_RSA_ENCRYPTION;
pub(crate) const SHA1_WITH_RSA: ObjectIdentifier = db::rfc5912::SHA_1_WITH_RSA_ENCRYPTION;
pub(crate) const RSASSA_PSS: ObjectIdentifier = db::rfc5912::ID_RSASSA_PSS;
pub(crate) const SHA256_WITH_RSA: ObjectIdentifier = db::rfc5912::SHA_256_WITH_RSA_ENCRYPTION;
pub(crate) const SHA384_WITH_RSA: ObjectIdentifier = db::rfc5912::SHA_384_WITH_RSA_ENCRYPTION;
pub(crate) const SHA512_WITH_RSA: ObjectIdentifier = db::rfc5912::SHA_512_WITH_RSA_ENCRYPTION;
pub(crate) const SHA224_WITH_RSA: ObjectIdentifier = db::rfc5912::SHA_224_WITH_RSA_ENCRYPTION;
pub(crate) const MGF1: ObjectIdentifier = db::rfc5912::ID_MGF_1;
pub(crate) const ECDSA_WITH_SHA224: ObjectIdentifier = db::rfc5912::ECDSA_WITH_SHA_224;
pub(crate) const ECDSA_WITH_SHA256: ObjectIdentifier = db::rfc5912::ECDSA_WITH_SHA_256;
pub(crate) const ECDSA_WITH_SHA384: ObjectIdentifier = db::rfc5912::ECDSA_WITH_SHA_384;
pub(crate) const ECDSA_WITH_SHA512: ObjectIdentifier = db::rfc5912::ECDSA_WITH_SHA_512;
pub(crate) const ED25519: ObjectIdentifier = db::rfc8410::ID_ED_25519;
pub(crate) const ED448: ObjectIdentifier = db::rfc8410::ID_ED_448;
pub(crate) const DSA_WITH_SHA1: ObjectIdentifier = db::rfc5912::DSA_WITH_SHA_1;
pub(crate) const DSA_WITH_SHA224: ObjectIdentifier = db::rfc5912::DSA_WITH_SHA_224;
pub(crate) const DSA_WITH_SHA256: ObjectIdentifier = db::rfc5912::DSA_WITH_SHA_256;

// Hash algorithms (as they appear inside RSASSA-PSS-params).
pub(crate) const ID_MD5: ObjectIdentifier = db::rfc5912::ID_MD_5;
pub(crate) const ID_SHA1: ObjectIdentifier = db::rfc5912::ID_SHA_1;
pub(crate) const ID_SHA224: ObjectIdentifier = db::rfc5912::ID_SHA_224;
pub(crate) const ID_SHA256: ObjectIdentifier = db::rfc5912::ID_SHA_256;
pub(crate) const ID_SHA384: ObjectIdentifier = db::rfc5912::ID_SHA_384;
pub(crate) const ID_SHA512: ObjectIdentifier = db::rfc5912::ID_SHA_512;

#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub(crate) enum Hash {
    Md2,
    Md4,
    Md5,
    Sha1,
    Sha224,
    Sha256,
    Sha384,
    Sha512,
}

impl Hash {
    fn from_oid(oid: &ObjectIdentifier) -> Option<Hash> {
        Some(match *oid {
            ID_MD5 => Hash::Md5,
            ID_SHA1 => Hash::Sha1,
            ID_SHA224 => Hash::Sha224,
            ID_SHA256 => Hash::Sha256,
            ID_SHA384 => Hash::Sha384,
            ID_SHA512 => Hash::Sha512,
            _ => return None,
        })
    }

    /// OpenSSL's short name, as in `Hash Algorithm: sha256`.
    pub(crate) const fn name(self) -> &'static str {
        match self {
            Hash::Md2 => "md2",
            Hash::Md4 => "md4",
            Hash::Md5 => "md5",
            Hash::Sha1 => "sha1",
            Hash::Sha224 => "sha224",
            Hash::Sha256 => "sha256",
            Hash::Sha384 => "sha384",
            Hash::Sha512 => "sha512",
        }
    }

    /// MD2/MD4/MD5 are broken; SHA-1 has practical chosen-prefix collisions.
    pub(crate) const fn weakness(self) -> Option<&'static str> {
        match self {
            Hash::Md2 => Some("MD2"),
            Hash::Md4 => Some("MD4"),
            Hash::Md5 => Some("MD5"),
            Hash::Sha1 => Some("SHA-1"),
            Hash::Sha224 | Hash::Sha256 | Hash::Sha384 | Hash::Sha512 => None,
        }
    }
}

/// RSASSA-PSS-params (RFC 4055 §3.1), with the defaults filled in.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub(crate) struct PssParams {
    pub hash: Hash,
    pub mgf1_hash: Hash,
    pub salt_length: u32,
}

/// What certscope understood an AlgorithmIdentifier to be.
#[derive(Clone, Debug, PartialEq, Eq)]
pub(crate) enum SignatureAlgorithm {
    RsaPkcs1(Hash),
    RsaPss(PssParams),
    /// id-RSASSA-PSS whose parameters do not decode or name a hash
    /// certscope does not know; carries the reason.
    RsaPssBadParams(String),
    Ecdsa(Hash),
    Ed25519,
    Ed448,
    /// Known to OpenSSL by this name, but not checked by certscope.
    Other(&'static str),
    Unknown(ObjectIdentifier),
}

/// The algorithms an OID names by itself (RSASSA-PSS also needs its
/// parameters): one search of a table rather than a `match` on OID
/// constants, which compiled to an inlined comparison of the whole OID per
/// arm (`identify` 12.3 → 6.6 KB of wasm, the rest being the PSS
/// parameters' decoding).
const BY_OID: &[(ObjectIdentifier, SignatureAlgorithm)] = {
    use SignatureAlgorithm::*;
    &[
        (MD2_WITH_RSA, RsaPkcs1(Hash::Md2)),
        (MD4_WITH_RSA, RsaPkcs1(Hash::Md4)),
        (MD5_WITH_RSA, RsaPkcs1(Hash::Md5)),
        (SHA1_WITH_RSA, RsaPkcs1(Hash::Sha1)),
        (SHA1_WITH_RSA_OIW, RsaPkcs1(Hash::Sha1)),
        (SHA224_WITH_RSA, RsaPkcs1(Hash::Sha224)),
        (SHA256_WITH_RSA, RsaPkcs1(Hash::Sha256)),
        (SHA384_WITH_RSA, RsaPkcs1(Hash::Sha384)),
        (SHA512_WITH_RSA, RsaPkcs1(Hash::Sha512)),
        (ECDSA_WITH_SHA1, Ecdsa(Hash::Sha1)),
        (ECDSA_WITH_SHA224, Ecdsa(Hash::Sha224)),
        (ECDSA_WITH_SHA256, Ecdsa(Hash::Sha256)),
        (ECDSA_WITH_SHA384, Ecdsa(Hash::Sha384)),
        (ECDSA_WITH_SHA512, Ecdsa(Hash::Sha512)),
        (ED25519, Ed25519),
        (ED448, Ed448),
        (DSA_WITH_SHA1, Other("dsaWithSHA1")),
        (DSA_WITH_SHA224, Other("dsa_with_SHA224")),
        (DSA_WITH_SHA256, Other("dsa_with_SHA256")),
        (GOST_R3411_94_WITH_R3410_2001, Other("GOST R 34.11-94 with GOST R 34.10-2001")),
        (GOST_2012_256, Other("GOST R 34.10-2012 with GOST R 34.11-2012 (256 bit)")),
        (GOST_2012_512, Other("GOST R 34.10-2012 with GOST R 34.11-2012 (512 bit)")),
        (SM2_WITH_SM3, Other("SM2-with-SM3")),
    ]
};

impl SignatureAlgorithm {
    pub(crate) fn identify(alg: &AlgorithmIdentifierOwned) -> SignatureAlgorithm {
        if alg.oid == RSASSA_PSS {
            return match decode_pss_params(alg) {
                Ok(p) => SignatureAlgorithm::RsaPss(p),
                Err(e) => SignatureAlgorithm::RsaPssBadParams(e),
            };
        }
        BY_OID.iter().find(|(oid, _)| *oid == alg.oid).map_or(SignatureAlgorithm::Unknown(alg.oid), |(_, a)| a.clone())
    }

    /// OpenSSL's name (`sha256WithRSAEncryption`, `ecdsa-with-SHA384`,
    /// `rsassaPss`, `ED25519`), or the dotted OID when it has none.
    pub(crate) fn openssl_name(&self) -> String {
        use SignatureAlgorithm::*;
        match self {
            RsaPkcs1(h) => match h {
                Hash::Md2 => "md2WithRSAEncryption",
                Hash::Md4 => "md4WithRSAEncryption",
                Hash::Md5 => "md5WithRSAEncryption",
                Hash::Sha1 => "sha1WithRSAEncryption",
                Hash::Sha224 => "sha224WithRSAEncryption",
                Hash::Sha256 => "sha256WithRSAEncryption",
                Hash::Sha384 => "sha384WithRSAEncryption",
                Hash::Sha512 => "sha512WithRSAEncryption",
            }
            .to_string(),
            RsaPss(_) | RsaPssBadParams(_) => "rsassaPss".to_string(),
            Ecdsa(h) => match h {
                Hash::Sha1 => "ecdsa-with-SHA1".to_string(),
                Hash::Sha224 => "ecdsa-with-SHA224".to_string(),
                Hash::Sha256 => "ecdsa-with-SHA256".to_string(),
                Hash::Sha384 => "ecdsa-with-SHA384".to_string(),
                Hash::Sha512 => "ecdsa-with-SHA512".to_string(),
                // Not constructed by `identify`; named for completeness.
                Hash::Md2 | Hash::Md4 | Hash::Md5 => format!("ecdsa-with-{}", h.name()),
            },
            Ed25519 => "ED25519".to_string(),
            Ed448 => "ED448".to_string(),
            Other(name) => (*name).to_string(),
            // Anything else unknown shows as its dotted OID.
            Unknown(oid) => bare_hash_name(oid).map_or_else(|| oid.to_string(), str::to_string),
        }
    }

    /// The hash's weakness ("MD5", "SHA-1"), if it is a broken one.
    pub(crate) fn weak_hash(&self) -> Option<&'static str> {
        use SignatureAlgorithm::*;
        match self {
            RsaPkcs1(h) | Ecdsa(h) => h.weakness(),
            RsaPss(p) => p.hash.weakness(),
            Other("dsaWithSHA1") => Some("SHA-1"),
            RsaPssBadParams(_) | Ed25519 | Ed448 | Other(_) | Unknown(_) => None,
        }
    }
}

/// OpenSSL's name for a signature AlgorithmIdentifier.
pub(crate) fn signature_algorithm_name(alg: &AlgorithmIdentifierOwned) -> String {
    SignatureAlgorithm::identify(alg).openssl_name()
}

/// "MD5" / "SHA-1" (or "MD2"/"MD4") when the signature's hash is broken.
pub(crate) fn weak_signature_hash(alg: &AlgorithmIdentifierOwned) -> Option<&'static str> {
    SignatureAlgorithm::identify(alg).weak_hash()
}

/// RSASSA-PSS-params ::= SEQUENCE {
///     hashAlgorithm      [0] HashAlgorithm    DEFAULT sha1,
///     maskGenAlgorithm   [1] MaskGenAlgorithm DEFAULT mgf1SHA1,
///     saltLength         [2] INTEGER          DEFAULT 20,
///     trailerField       [3] TrailerField     DEFAULT trailerFieldBC }
/// (RFC 4055 §3.1). Absent parameters mean all defaults.
pub(crate) fn decode_pss_params(alg: &AlgorithmIdentifierOwned) -> Result<PssParams, String> {
    let Some(any) = &alg.parameters else {
        return Ok(PssParams { hash: Hash::Sha1, mgf1_hash: Hash::Sha1, salt_length: 20 });
    };
    let der = any.to_der().map_err(|e| e.to_string())?;
    let raw = RawPssParams::from_der(&der).map_err(|e| format!("RSASSA-PSS parameters do not decode: {e}"))?;
    let hash = match &raw.hash {
        None => Hash::Sha1,
        Some(h) => Hash::from_oid(&h.oid).ok_or_else(|| format!("unknown PSS hash {}", h.oid))?,
    };
    let mgf1_hash = match &raw.mask_gen {
        None => Hash::Sha1,
        Some(m) if m.oid != MGF1 => return Err(format!("unknown mask generation function {}", m.oid)),
        Some(m) => {
            let inner = match &m.parameters {
                // RFC 4055 requires the MGF1 hash; treat its absence as SHA-1 like OpenSSL.
                None => None,
                Some(p) => {
                    let pder = p.to_der().map_err(|e| e.to_string())?;
                    Some(AlgorithmIdentifierOwned::from_der(&pder).map_err(|e| format!("MGF1 parameters: {e}"))?)
                }
            };
            match inner {
                None => Hash::Sha1,
                Some(h) => Hash::from_oid(&h.oid).ok_or_else(|| format!("unknown MGF1 hash {}", h.oid))?,
            }
        }
    };
    let salt_length = raw.salt_length.unwrap_or(20);
    if let Some(t) = raw.trailer_field {
        if t != 1 {
            return Err(format!("PSS trailer field {t} is not trailerFieldBC (1)"));
        }
    }
    Ok(PssParams { hash, mgf1_hash, salt_length })
}

/// The wire form, with OPTIONAL standing in for DEFAULT so that certificates
/// which spell out a default value (DER forbids it, some CAs do it) decode.
#[derive(Clone, Debug, der::Sequence)]
struct RawPssParams {
    #[asn1(context_specific = "0", tag_mode = "EXPLICIT", optional = "true")]
    hash: Option<AlgorithmIdentifierOwned>,
    #[asn1(context_specific = "1", tag_mode = "EXPLICIT", optional = "true")]
    mask_gen: Option<AlgorithmIdentifierOwned>,
    #[asn1(context_specific = "2", tag_mode = "EXPLICIT", optional = "true")]
    salt_length: Option<u32>,
    #[asn1(context_specific = "3", tag_mode = "EXPLICIT", optional = "true")]
    trailer_field: Option<u32>,
}

/// A bare hash where a signature algorithm belongs (seen in old
/// certificates): OpenSSL prints the hash's name.
fn bare_hash_name(oid: &ObjectIdentifier) -> Option<&'static str> {
    match *oid {
        ID_MD5 => Some("md5"),
        ID_SHA1 => Some("sha1"),
        ID_SHA256 => Some("sha256"),
        _ => None,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn alg(oid: ObjectIdentifier) -> AlgorithmIdentifierOwned {
        AlgorithmIdentifierOwned { oid, parameters: None }
    }

    #[test]
    fn names_match_openssl() {
        assert_eq!(signature_algorithm_name(&alg(SHA256_WITH_RSA)), "sha256WithRSAEncryption");
        assert_eq!(signature_algorithm_name(&alg(MD5_WITH_RSA)), "md5WithRSAEncryption");
        assert_eq!(signature_algorithm_name(&alg(ECDSA_WITH_SHA384)), "ecdsa-with-SHA384");
        assert_eq!(signature_algorithm_name(&alg(RSASSA_PSS)), "rsassaPss");
        assert_eq!(signature_algorithm_name(&alg(ED25519)), "ED25519");
        assert_eq!(signature_algorithm_name(&alg(ED448)), "ED448");
        assert_eq!(signature_algorithm_name(&alg(ObjectIdentifier::new_unwrap("1.2.3.4"))), "1.2.3.4");
    }

    #[test]
    fn weak_hashes_flagged() {
        assert_eq!(weak_signature_hash(&alg(MD5_WITH_RSA)), Some("MD5"));
        assert_eq!(weak_signature_hash(&alg(SHA1_WITH_RSA)), Some("SHA-1"));
        assert_eq!(weak_signature_hash(&alg(ECDSA_WITH_SHA1)), Some("SHA-1"));
        assert_eq!(weak_signature_hash(&alg(SHA256_WITH_RSA)), None);
        assert_eq!(weak_signature_hash(&alg(ED25519)), None);
    }

    #[test]
    fn pss_defaults_are_sha1_salt_20() {
        let p = decode_pss_params(&alg(RSASSA_PSS));
        assert_eq!(p, Ok(PssParams { hash: Hash::Sha1, mgf1_hash: Hash::Sha1, salt_length: 20 }));
    }

    #[test]
    fn pss_garbage_params_are_reported() {
        let a = AlgorithmIdentifierOwned {
            oid: RSASSA_PSS,
            parameters: Some(der::Any::new(der::Tag::OctetString, vec![1, 2, 3]).unwrap()),
        };
        assert!(matches!(SignatureAlgorithm::identify(&a), SignatureAlgorithm::RsaPssBadParams(_)));
    }
}
