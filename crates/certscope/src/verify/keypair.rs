//! The public half of a private key, derived from the private half, so
//! that "does this key belong to this certificate?" is answered the way a
//! TLS server answers it at start-up (OpenSSL's `X509_check_private_key`):
//! by comparing public keys, never by signing anything.
//!
//! RSA: RFC 8017 §A.1.2 stores n and e in the private key; no arithmetic.
//! EC: SEC 1 §3.2.1, Q = d·G on P-256, P-384 and P-521 ([`super::ec`]).
//! Ed25519: RFC 8032 §5.1.5, through ed25519-dalek.

use super::ec;
use super::ecdsa::Curve;
use super::key::{
    KeyKind, EC_PUBLIC_KEY, ED25519_KEY, ED448_KEY, PRIME256V1, RSA_ENCRYPTION, SECP384R1, SECP521R1, X25519, X448,
};
use der::asn1::{ObjectIdentifier, OctetStringRef};
use der::Decode;
use spki::SubjectPublicKeyInfoOwned;
use zeroize::Zeroizing;

/// id-RSASSA-PSS (RFC 4055 §1.2) as a PKCS#8 key algorithm.
const RSASSA_PSS: ObjectIdentifier = const_oid::db::rfc5912::ID_RSASSA_PSS;

/// A public key, as derived from a private key. Holds no secret.
#[derive(Clone, Debug, PartialEq, Eq)]
pub(crate) enum PublicKey {
    /// Modulus and public exponent, big-endian without leading zeros.
    Rsa {
        n: Vec<u8>,
        e: Vec<u8>,
    },
    /// The uncompressed point (SEC 1 §2.3.3).
    Ec {
        curve: Curve,
        point: Vec<u8>,
    },
    /// A curve certscope has no arithmetic for: the public key the private
    /// key carries, compared as given.
    EcCarried {
        curve: ObjectIdentifier,
        point: Vec<u8>,
    },
    Ed25519([u8; 32]),
}

impl PublicKey {
    /// "RSA 2048-bit", "EC P-256", "Ed25519", for messages.
    pub(crate) fn describe(&self) -> String {
        match self {
            PublicKey::Rsa { n, .. } => {
                let bits = n.len() * 8 - n.first().map_or(0, |b| b.leading_zeros() as usize);
                format!("RSA {bits}-bit")
            }
            PublicKey::Ec { curve, .. } => format!("EC {}", curve_name(*curve)),
            PublicKey::EcCarried { curve, .. } => format!("EC (curve {curve})"),
            PublicKey::Ed25519(_) => "Ed25519".to_string(),
        }
    }
}

fn curve_name(curve: Curve) -> &'static str {
    match curve {
        Curve::P256 => "P-256",
        Curve::P384 => "P-384",
        Curve::P521 => "P-521",
    }
}

fn params(curve: Curve) -> &'static ec::CurveParams {
    match curve {
        Curve::P256 => &ec::P256,
        Curve::P384 => &ec::P384,
        Curve::P521 => &ec::P521,
    }
}

/// Why no public key came out of the private key.
#[derive(Clone, Debug, PartialEq, Eq)]
pub(crate) enum KeyError {
    /// An algorithm certscope does not derive (DSA, X25519, Ed448, …).
    Unsupported(String),
    /// Not a PKCS#8, SEC 1 or PKCS#1 private key, or inconsistent inside.
    Malformed(&'static str),
}

/// The public key of a DER private key in any of the three forms servers
/// use: PKCS#8 (RFC 5208 §5, RFC 5958 §2), SEC 1 ECPrivateKey (RFC 5915
/// §3), PKCS#1 RSAPrivateKey (RFC 8017 §A.1.2).
pub(crate) fn public_of_private(der: &[u8]) -> Result<PublicKey, KeyError> {
    if let Ok(info) = pkcs8::PrivateKeyInfo::from_der(der) {
        return from_pkcs8(&info);
    }
    if let Ok(key) = sec1::EcPrivateKey::from_der(der) {
        return from_sec1(&key, None);
    }
    if let Ok(key) = pkcs1::RsaPrivateKey::from_der(der) {
        return Ok(from_pkcs1(&key));
    }
    Err(KeyError::Malformed("it is not a PKCS#8, SEC 1 (EC) or PKCS#1 (RSA) private key"))
}

fn from_pkcs8(info: &pkcs8::PrivateKeyInfo<'_>) -> Result<PublicKey, KeyError> {
    match info.algorithm.oid {
        RSA_ENCRYPTION | RSASSA_PSS => pkcs1::RsaPrivateKey::from_der(info.private_key)
            .map(|k| from_pkcs1(&k))
            .map_err(|_| KeyError::Malformed("its RSA key inside PKCS#8 is not a PKCS#1 RSAPrivateKey")),
        EC_PUBLIC_KEY => {
            let curve = info.algorithm.parameters.and_then(|p| p.decode_as::<ObjectIdentifier>().ok());
            let key = sec1::EcPrivateKey::from_der(info.private_key)
                .map_err(|_| KeyError::Malformed("its EC key inside PKCS#8 is not a SEC 1 ECPrivateKey"))?;
            from_sec1(&key, curve)
        }
        // RFC 8410 §7: CurvePrivateKey ::= OCTET STRING, inside the OCTET STRING.
        ED25519_KEY => {
            let inner = OctetStringRef::from_der(info.private_key)
                .map_err(|_| KeyError::Malformed("its Ed25519 key is not an OCTET STRING"))?;
            let seed: Zeroizing<[u8; 32]> = Zeroizing::new(
                inner.as_bytes().try_into().map_err(|_| KeyError::Malformed("its Ed25519 key is not 32 bytes"))?,
            );
            let signing = ed25519_dalek::SigningKey::from_bytes(&seed);
            Ok(PublicKey::Ed25519(signing.verifying_key().to_bytes()))
        }
        ED448_KEY => Err(KeyError::Unsupported("Ed448".to_string())),
        X25519 => Err(KeyError::Unsupported("X25519".to_string())),
        X448 => Err(KeyError::Unsupported("X448".to_string())),
        other => Err(KeyError::Unsupported(format!("algorithm {other}"))),
    }
}

fn from_pkcs1(key: &pkcs1::RsaPrivateKey<'_>) -> PublicKey {
    PublicKey::Rsa { n: key.modulus.as_bytes().to_vec(), e: key.public_exponent.as_bytes().to_vec() }
}

/// RFC 5915 §3: the curve is in the key's own parameters, or (inside
/// PKCS#8) in the algorithm's; Q is computed from d, never taken from the
/// optional publicKey field, which a broken tool may have got wrong.
fn from_sec1(key: &sec1::EcPrivateKey<'_>, outer: Option<ObjectIdentifier>) -> Result<PublicKey, KeyError> {
    let own = key.parameters.and_then(|p| p.named_curve());
    let curve = match (own, outer) {
        (Some(a), Some(b)) if a != b => return Err(KeyError::Malformed("its two curve names disagree")),
        (Some(c), _) | (None, Some(c)) => c,
        (None, None) => return Err(KeyError::Malformed("it does not name its curve")),
    };
    let ours = match curve {
        PRIME256V1 => Some(Curve::P256),
        SECP384R1 => Some(Curve::P384),
        SECP521R1 => Some(Curve::P521),
        _ => None,
    };
    match ours {
        Some(c) => ec::public_point(params(c), key.private_key)
            .map(|point| PublicKey::Ec { curve: c, point })
            .ok_or(KeyError::Malformed("its private scalar is zero or not below the curve order")),
        None => match key.public_key {
            Some(point) => Ok(PublicKey::EcCarried { curve, point: point.to_vec() }),
            None => Err(KeyError::Unsupported(format!("EC on curve {curve} without its public key"))),
        },
    }
}

/// Whether `spki` holds this public key.
pub(crate) fn matches_spki(key: &PublicKey, spki: &SubjectPublicKeyInfoOwned) -> bool {
    let Some(bits) = spki.subject_public_key.as_bytes() else { return false };
    match (key, KeyKind::of(spki)) {
        (PublicKey::Rsa { n, e }, KeyKind::Rsa | KeyKind::RsaPss) => pkcs1::RsaPublicKey::from_der(bits)
            .is_ok_and(|k| k.modulus.as_bytes() == n && k.public_exponent.as_bytes() == e),
        (PublicKey::Ec { curve, point }, KeyKind::Ec(c)) => {
            c == *curve && ec::uncompressed(params(c), bits).is_some_and(|p| &p == point)
        }
        (PublicKey::EcCarried { curve, point }, KeyKind::EcOther(_)) => {
            let named = spki.algorithm.parameters.as_ref().and_then(|p| p.decode_as::<ObjectIdentifier>().ok());
            named == Some(*curve) && bits == point.as_slice()
        }
        (PublicKey::Ed25519(k), KeyKind::Ed25519) => bits == k.as_slice(),
        _ => false,
    }
}
