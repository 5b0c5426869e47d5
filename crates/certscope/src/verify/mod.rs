//! Signature verification, the same for certificates, OCSP responses and CRLs.
//!
//! `x509`, `ocsp` and `crl` build [`SignedParts`] from the bytes as they
//! were signed (never re-encoded); this module never knows which it got.
//!
//! Outcomes: `Valid`; `Invalid` when the key provably did not make the
//! signature (including malformed keys and signatures, and a key of the
//! wrong type for the algorithm); `Unsupported` when certscope cannot tell
//! (MD2, DSA, GOST, Ed448, curves other than P-256/384/521…). Never panics.

pub(crate) mod algorithm;
use certscope_arith::ec;
mod ecdsa;
pub use ecdsa::warm_up_p384;
mod eddsa;
pub(crate) mod key;
pub(crate) mod keypair;
pub(crate) mod probe;
mod rsa;

pub(crate) use algorithm::{signature_algorithm_name, weak_signature_hash, SignatureAlgorithm};
pub(crate) use ecdsa::Curve;
pub(crate) use key::KeyKind;
pub(crate) use rsa::bit_length;
pub(crate) use rsa::modulus_bits as rsa_modulus_bits;
pub(crate) use rsa::modulus_is_negative as rsa_modulus_is_negative;

/// For an RSA key past the sizes certscope computes with, why (see
/// `key-too-large`); `None` for every other key.
pub(crate) fn rsa_key_over_limit(spki: &SubjectPublicKeyInfoOwned) -> Option<String> {
    match KeyKind::of(spki) {
        KeyKind::Rsa | KeyKind::RsaPss => rsa::key_over_limit(spki.subject_public_key.raw_bytes()),
        _ => None,
    }
}

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

/// Checks `parts.signature` over `parts.tbs` with the key in `signer`.
pub(crate) fn verify_signed(parts: &SignedParts<'_>, signer: &SubjectPublicKeyInfoOwned) -> Verification {
    let algorithm = SignatureAlgorithm::identify(parts.algorithm);
    let key = KeyKind::of(signer);
    let key_bits = signer.subject_public_key.raw_bytes();
    let (message, signature) = (parts.tbs, parts.signature);
    match (&algorithm, &key) {
        (SignatureAlgorithm::RsaPkcs1(hash), KeyKind::Rsa) => {
            rsa::verify_pkcs1(*hash, key_bits, message, signature, &algorithm.openssl_name())
        }
        (SignatureAlgorithm::RsaPss(params), KeyKind::Rsa | KeyKind::RsaPss) => {
            rsa::verify_pss(params, key_bits, message, signature)
        }
        (SignatureAlgorithm::RsaPssBadParams(why), KeyKind::Rsa | KeyKind::RsaPss) => {
            Verification::Unsupported(format!("rsassaPss ({why})"))
        }
        (SignatureAlgorithm::Ecdsa(hash), KeyKind::Ec(curve)) => {
            ecdsa::verify(*curve, *hash, key_bits, message, signature)
        }
        (SignatureAlgorithm::Ecdsa(_), KeyKind::EcOther(curve)) => {
            Verification::Unsupported(format!("{} on curve {curve}", algorithm.openssl_name()))
        }
        (SignatureAlgorithm::Ed25519, KeyKind::Ed25519) => eddsa::verify_ed25519(key_bits, message, signature),
        (SignatureAlgorithm::Ed448, KeyKind::Ed448) => eddsa::verify_ed448(key_bits, message, signature),
        (SignatureAlgorithm::Other(_) | SignatureAlgorithm::Unknown(_), _) => {
            Verification::Unsupported(algorithm.openssl_name())
        }
        // A key type certscope does not know may still be the right one.
        (_, KeyKind::Other(oid)) => Verification::Unsupported(format!("{} with a {oid} key", algorithm.openssl_name())),
        // RFC 4055 §1.2: a PSS key signs only with PSS; any other pairing of
        // a known key type and a known algorithm cannot have produced this
        // signature.
        (
            SignatureAlgorithm::RsaPkcs1(_)
            | SignatureAlgorithm::RsaPss(_)
            | SignatureAlgorithm::RsaPssBadParams(_)
            | SignatureAlgorithm::Ecdsa(_)
            | SignatureAlgorithm::Ed25519
            | SignatureAlgorithm::Ed448,
            KeyKind::Rsa
            | KeyKind::RsaPss
            | KeyKind::Ec(_)
            | KeyKind::EcOther(_)
            | KeyKind::Ed25519
            | KeyKind::Ed448
            | KeyKind::X25519
            | KeyKind::X448
            | KeyKind::Dsa,
        ) => Verification::Invalid,
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::x509::testdata::{cert, certs};
    use crate::x509::Cert;

    fn verify_by(subject: &Cert, issuer: &Cert) -> Verification {
        verify_signed(&subject.signed_parts(), issuer.spki())
    }

    fn self_verify(rel: &str) -> Verification {
        let c = cert(rel);
        verify_by(&c, &c)
    }

    #[test]
    fn every_synthetic_algorithm_verifies() {
        for name in [
            "rsa-pkcs1-md5",
            "rsa-pkcs1-sha1",
            "rsa-pkcs1-sha224",
            "rsa-pkcs1-sha256",
            "rsa-pkcs1-sha384",
            "rsa-pkcs1-sha512",
            "rsa-pss-sha256-salt32",
            "rsa-pss-sha384-salt48",
            "rsa-pss-sha512-salt64",
            "rsapss-key-sha256",
            // MGF1 with a hash other than the message hash.
            "rsa-pss-sha256-mgf1-sha1",
            "ed25519",
        ] {
            assert_eq!(self_verify(&format!("synthetic/{name}.pem")), Verification::Valid, "{name}");
        }
        for curve in ["P-256", "P-384", "P-521"] {
            for md in ["sha1", "sha224", "sha256", "sha384", "sha512"] {
                let name = format!("synthetic/ecdsa-{curve}-{md}.pem");
                assert_eq!(self_verify(&name), Verification::Valid, "{name}");
            }
        }
    }

    #[test]
    fn ed448_roots_verify() {
        // pyca's Ed448 root and one made by OpenSSL 3.0: the same RFC 8032
        // verification as Wycheproof's Ed448 vectors.
        assert_eq!(self_verify("root-ed448.pem"), Verification::Valid);
        assert_eq!(self_verify("synthetic/ed448.pem"), Verification::Valid);
    }

    #[test]
    fn unsupported_algorithms_are_not_invalid() {
        assert!(matches!(
            self_verify("verisign_md2_root.pem"),
            Verification::Unsupported(n) if n == "md2WithRSAEncryption"
        ));
        assert!(matches!(self_verify("e-trust.ru.der"), Verification::Unsupported(_)));
    }

    #[test]
    fn real_self_signed_roots_verify() {
        for name in [
            "accvraiz1.pem",
            "ecdsa_root.pem",
            "custom-ca.pem",
            "custom-rsa_pss.pem",
            "custom-rsa_pss_cert.pem",
            "custom-rsae_ca.pem",
            "custom-valid_signature_cert.pem",
            "real/webpki/ed25519/ca.der",
            "real/amazon/AmazonRootCA1.cer",
            "real/amazon/AmazonRootCA2.cer",
            "real/amazon/AmazonRootCA3.cer",
            "real/amazon/AmazonRootCA4.cer",
        ] {
            assert_eq!(self_verify(name), Verification::Valid, "{name}");
        }
    }

    #[test]
    fn ed25519_leaf_verifies_with_its_root() {
        let root = cert("real/webpki/ed25519/ca.der");
        let leaf = cert("real/webpki/ed25519/ee.der");
        assert_eq!(verify_by(&leaf, &root), Verification::Valid);
        assert_eq!(verify_by(&root, &leaf), Verification::Invalid);
    }

    fn check_chain(chain: &[Cert], root: &Cert) {
        for pair in chain.windows(2) {
            assert_eq!(verify_by(&pair[0], &pair[1]), Verification::Valid, "{}", pair[0].display_name());
        }
        let last = chain.last().unwrap();
        assert_eq!(verify_by(last, root), Verification::Valid, "{}", last.display_name());
        assert_eq!(verify_by(root, root), Verification::Valid, "{}", root.display_name());
    }

    #[test]
    fn limbo_online_chains_verify() {
        let dir = crate::x509::testdata::path("limbo/online");
        let mut n = 0;
        for entry in std::fs::read_dir(dir).unwrap() {
            let file = entry.unwrap().file_name().into_string().unwrap();
            let Some(host) = file.strip_suffix(".chain.pem") else { continue };
            let chain = certs(&format!("limbo/online/{file}"));
            let root = cert(&format!("limbo/online/{host}.root.pem"));
            check_chain(&chain, &root);
            n += 1;
        }
        assert_eq!(n, 14);
    }

    #[test]
    fn amazon_trust_demo_chains_verify() {
        for (root, n) in [("AmazonRootCA1", 1), ("AmazonRootCA2", 2), ("AmazonRootCA3", 3), ("AmazonRootCA4", 4)] {
            let root = cert(&format!("real/amazon/{root}.cer"));
            for kind in ["valid", "revoked", "expired"] {
                check_chain(&certs(&format!("real/amazon/{kind}.rootca{n}.chain.pem")), &root);
            }
        }
    }

    #[test]
    fn tampering_is_invalid() {
        let chain = certs("limbo/online/bing.com.chain.pem");
        let (leaf, issuer) = (&chain[0], &chain[1]);
        let mut tbs = leaf.tbs_der().to_vec();
        let last = tbs.len() - 1;
        tbs[last] ^= 1;
        let parts = SignedParts { tbs: &tbs, ..leaf.signed_parts() };
        assert_eq!(verify_signed(&parts, issuer.spki()), Verification::Invalid);

        let mut sig = leaf.signed_parts().signature.to_vec();
        sig[10] ^= 0x80;
        let parts = SignedParts { signature: &sig, ..leaf.signed_parts() };
        assert_eq!(verify_signed(&parts, issuer.spki()), Verification::Invalid);

        // Wrong key: the leaf's own key did not sign it.
        assert_eq!(verify_by(leaf, leaf), Verification::Invalid);
    }

    #[test]
    fn malformed_signatures_and_keys_are_invalid_not_panics() {
        let ec = certs("limbo/online/akamai.com.chain.pem");
        let rsa = certs("limbo/online/amazon.com.chain.pem");
        let ed = cert("real/webpki/ed25519/ee.der");
        for c in [&ec[0], &rsa[0], &ed] {
            for sig in [&[][..], &[0u8][..], &[0x30, 0x03, 0x02, 0x01][..], &[0xff; 600][..]] {
                let parts = SignedParts { signature: sig, ..c.signed_parts() };
                let issuer = if std::ptr::eq(c, &ed) { cert("real/webpki/ed25519/ca.der") } else { c.clone() };
                assert_eq!(verify_signed(&parts, issuer.spki()), Verification::Invalid);
            }
        }
        // A key whose bits are garbage.
        let mut spki = ec[1].spki().clone();
        spki.subject_public_key = der::asn1::BitString::from_bytes(&[4, 1, 2, 3]).unwrap();
        assert_eq!(verify_signed(&ec[0].signed_parts(), &spki), Verification::Invalid);
        let mut spki = rsa[1].spki().clone();
        spki.subject_public_key = der::asn1::BitString::from_bytes(&[0x30, 0x00]).unwrap();
        assert_eq!(verify_signed(&rsa[0].signed_parts(), &spki), Verification::Invalid);
    }

    #[test]
    fn key_type_mismatch_is_invalid() {
        let ec = certs("limbo/online/akamai.com.chain.pem");
        let rsa = certs("limbo/online/amazon.com.chain.pem");
        assert_eq!(verify_by(&ec[0], &rsa[1]), Verification::Invalid);
        assert_eq!(verify_by(&rsa[0], &ec[1]), Verification::Invalid);
        // A PKCS#1 v1.5 signature checked with an id-RSASSA-PSS key (RFC 4055 §1.2).
        assert_eq!(
            verify_by(&cert("synthetic/rsa-pkcs1-sha256.pem"), &cert("custom-rsa_pss.pem")),
            Verification::Invalid
        );
    }
}
