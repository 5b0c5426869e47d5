//! Object identifiers certscope names that const-oid's database
//! (`const_oid::db`) does not carry, and the names the bytes view shows for
//! OIDs. The OID constants themselves come from const-oid's modules, e.g.
//! `const_oid::db::rfc5280::ID_CE_BASIC_CONSTRAINTS`; its lookup table of
//! 1,123 names (20 KB of the page's gzip) is not linked in.

use const_oid::ObjectIdentifier;

/// The name certscope shows for an OID wherever it shows one: its own
/// tables first (extension, attribute, purpose, policy and curve names,
/// as the report words them), then [`ALGORITHMS_AND_STRUCTURE`]. `None`:
/// shown as the dotted OID alone.
pub(crate) fn name(oid: &ObjectIdentifier) -> Option<&'static str> {
    crate::x509::extensions::kind(oid)
        .map(|k| k.name)
        .or_else(|| crate::x509::name::attribute_short_name(oid))
        .or_else(|| crate::x509::view::eku_known_name(oid))
        .or_else(|| crate::x509::view::policy_name(oid))
        .or_else(|| crate::verify::key::curve_name(oid))
        .or_else(|| ALGORITHMS_AND_STRUCTURE.iter().find(|(o, _)| o == oid).map(|(_, name)| *name))
}

/// Names from const-oid's database for the OIDs the inputs carry besides
/// extensions, attributes, purposes, policies and curves: every one of
/// them found in the test data, the real chains, OCSP responses and CRLs,
/// PKITS and x509-limbo (about 6,000 objects), and their close relatives
/// (the other digests, MACs and ciphers of PKCS#5/#12, CMS's content
/// types, OCSP's extensions). Spelled as the database spells them (a test
/// checks each); an OID outside it shows dotted, as one outside the whole
/// database always did.
const ALGORITHMS_AND_STRUCTURE: &[(ObjectIdentifier, &str)] = &[
    (oid("1.2.840.10040.4.1"), "id-dsa"),
    (oid("1.2.840.10040.4.3"), "dsa-with-sha1"),
    (oid("1.2.840.10045.2.1"), "id-ecPublicKey"),
    (oid("1.2.840.10045.3.1.7"), "secp256r1"),
    (oid("1.2.840.10045.4.3.1"), "ecdsa-with-SHA224"),
    (oid("1.2.840.10045.4.3.2"), "ecdsa-with-SHA256"),
    (oid("1.2.840.10045.4.3.3"), "ecdsa-with-SHA384"),
    (oid("1.2.840.10045.4.3.4"), "ecdsa-with-SHA512"),
    (oid("1.2.840.113549.1.1.1"), "rsaEncryption"),
    (oid("1.2.840.113549.1.1.2"), "md2WithRSAEncryption"),
    (oid("1.2.840.113549.1.1.4"), "md5WithRSAEncryption"),
    (oid("1.2.840.113549.1.1.5"), "sha1WithRSAEncryption"),
    (oid("1.2.840.113549.1.1.7"), "id-RSAES-OAEP"),
    (oid("1.2.840.113549.1.1.8"), "id-mgf1"),
    (oid("1.2.840.113549.1.1.10"), "id-RSASSA-PSS"),
    (oid("1.2.840.113549.1.1.11"), "sha256WithRSAEncryption"),
    (oid("1.2.840.113549.1.1.12"), "sha384WithRSAEncryption"),
    (oid("1.2.840.113549.1.1.13"), "sha512WithRSAEncryption"),
    (oid("1.2.840.113549.1.1.14"), "sha224WithRSAEncryption"),
    (oid("1.2.840.113549.1.5.12"), "id-PBKDF2"),
    (oid("1.2.840.113549.1.7.1"), "id-data"),
    (oid("1.2.840.113549.1.7.2"), "id-signedData"),
    (oid("1.2.840.113549.1.7.3"), "id-envelopedData"),
    (oid("1.2.840.113549.1.7.5"), "id-digestedData"),
    (oid("1.2.840.113549.1.7.6"), "id-encryptedData"),
    (oid("1.2.840.113549.1.9.3"), "id-contentType"),
    (oid("1.2.840.113549.1.9.4"), "id-messageDigest"),
    (oid("1.2.840.113549.1.9.5"), "id-signingTime"),
    (oid("1.2.840.113549.1.9.14"), "id-ExtensionReq"),
    (oid("1.2.840.113549.1.9.15"), "smimeCapabilities"),
    (oid("1.2.840.113549.2.5"), "id-md5"),
    (oid("1.2.840.113549.2.8"), "id-hmacWithSHA224"),
    (oid("1.2.840.113549.2.9"), "id-hmacWithSHA256"),
    (oid("1.2.840.113549.2.10"), "id-hmacWithSHA384"),
    (oid("1.2.840.113549.2.11"), "id-hmacWithSHA512"),
    (oid("1.2.840.113549.3.2"), "rc2-cbc"),
    (oid("1.2.840.113549.3.7"), "des-ede3-cbc"),
    (oid("1.3.6.1.5.5.7.2.1"), "id-qt-cps"),
    (oid("1.3.6.1.5.5.7.2.2"), "id-qt-unotice"),
    (oid("1.3.6.1.5.5.7.48.1"), "id-ad-ocsp"),
    (oid("1.3.6.1.5.5.7.48.1.1"), "id-pkix-ocsp-basic"),
    (oid("1.3.6.1.5.5.7.48.1.2"), "id-pkix-ocsp-nonce"),
    (oid("1.3.6.1.5.5.7.48.1.3"), "id-pkix-ocsp-crl"),
    (oid("1.3.6.1.5.5.7.48.1.4"), "id-pkix-ocsp-response"),
    (oid("1.3.6.1.5.5.7.48.1.6"), "id-pkix-ocsp-archive-cutoff"),
    (oid("1.3.6.1.5.5.7.48.1.7"), "id-pkix-ocsp-service-locator"),
    (oid("1.3.6.1.5.5.7.48.1.8"), "id-pkix-ocsp-pref-sig-algs"),
    (oid("1.3.6.1.5.5.7.48.1.9"), "id-pkix-ocsp-extended-revoke"),
    (oid("1.3.6.1.5.5.7.48.2"), "id-ad-caIssuers"),
    (oid("1.3.6.1.5.5.7.48.3"), "id-ad-timeStamping"),
    (oid("1.3.6.1.5.5.7.48.5"), "id-ad-caRepository"),
    (oid("1.3.14.3.2.26"), "id-sha1"),
    (oid("1.3.101.110"), "id-X25519"),
    (oid("1.3.101.111"), "id-X448"),
    (oid("1.3.101.112"), "id-Ed25519"),
    (oid("1.3.101.113"), "id-Ed448"),
    (oid("1.3.132.0.34"), "secp384r1"),
    (oid("1.3.132.0.35"), "secp521r1"),
    (oid("2.5.29.20"), "id-ce-cRLNumber"),
    (oid("2.5.29.21"), "id-ce-cRLReasons"),
    (oid("2.5.29.23"), "id-ce-holdInstructionCode"),
    (oid("2.5.29.24"), "id-ce-invalidityDate"),
    (oid("2.5.29.27"), "id-ce-deltaCRLIndicator"),
    (oid("2.5.29.28"), "id-ce-issuingDistributionPoint"),
    (oid("2.5.29.29"), "id-ce-certificateIssuer"),
    (oid("2.16.840.1.101.3.4.1.2"), "id-aes128-CBC"),
    (oid("2.16.840.1.101.3.4.1.6"), "id-aes128-GCM"),
    (oid("2.16.840.1.101.3.4.1.22"), "id-aes192-CBC"),
    (oid("2.16.840.1.101.3.4.1.26"), "id-aes192-GCM"),
    (oid("2.16.840.1.101.3.4.1.42"), "id-aes256-CBC"),
    (oid("2.16.840.1.101.3.4.1.46"), "id-aes256-GCM"),
    (oid("2.16.840.1.101.3.4.2.1"), "id-sha256"),
    (oid("2.16.840.1.101.3.4.2.2"), "id-sha384"),
    (oid("2.16.840.1.101.3.4.2.3"), "id-sha512"),
    (oid("2.16.840.1.101.3.4.2.4"), "id-sha224"),
    (oid("2.16.840.1.101.3.4.3.1"), "dsa-with-sha224"),
    (oid("2.16.840.1.101.3.4.3.2"), "dsa-with-sha256"),
];

/// The OID in dotted decimal, as its `Display` writes it, without the
/// formatting machinery: a certificate's trees and names turn dozens of OIDs
/// into text, and const-oid's `Display` decodes every OID twice, one
/// `write!` per arc.
pub(crate) fn dotted(oid: &ObjectIdentifier) -> String {
    let mut out = String::with_capacity(oid.as_bytes().len() * 3);
    push_dotted(&mut out, oid);
    out
}

/// [`dotted`], appended to `out`.
pub(crate) fn push_dotted(out: &mut String, oid: &ObjectIdentifier) {
    // X.690 §8.19: the first octet holds 40·arc1 + arc2 (const-oid allows
    // only arc1 <= 2 and arc2 <= 39, so it is one octet); then each arc in
    // base 128, high bit set on all octets but its last.
    let Some((&first, rest)) = oid.as_bytes().split_first() else { return };
    push_decimal(out, u32::from(first / 40));
    out.push('.');
    push_decimal(out, u32::from(first % 40));
    let mut arc: u32 = 0;
    for &byte in rest {
        // const-oid refuses arcs over u32, so nothing is shifted out.
        arc = (arc << 7) | u32::from(byte & 0x7f);
        if byte & 0x80 == 0 {
            out.push('.');
            push_decimal(out, arc);
            arc = 0;
        }
    }
}

fn push_decimal(out: &mut String, mut n: u32) {
    let mut digits = [0u8; 10];
    let mut at = digits.len();
    loop {
        at -= 1;
        if let Some(d) = digits.get_mut(at) {
            *d = b'0' + (n % 10) as u8;
        }
        n /= 10;
        if n == 0 || at == 0 {
            break;
        }
    }
    for &d in digits.get(at..).unwrap_or_default() {
        out.push(char::from(d));
    }
}

const fn oid(dotted: &str) -> ObjectIdentifier {
    ObjectIdentifier::new_unwrap(dotted)
}

// ---- certificate extensions ------------------------------------------------

/// id-pe-tlsfeature (RFC 7633 §6).
pub(crate) const ID_PE_TLS_FEATURE: ObjectIdentifier = oid("1.3.6.1.5.5.7.1.24");
/// id-pe-qcStatements (RFC 3739 §3.2.6).
pub(crate) const ID_PE_QC_STATEMENTS: ObjectIdentifier = oid("1.3.6.1.5.5.7.1.3");
/// Netscape certificate type (Netscape certificate extensions, 1997).
pub(crate) const NETSCAPE_CERT_TYPE: ObjectIdentifier = oid("2.16.840.1.113730.1.1");
pub(crate) const NETSCAPE_COMMENT: ObjectIdentifier = oid("2.16.840.1.113730.1.13");
/// Microsoft's certificate-services extensions ([MS-WCCE] §2.2.2.7).
pub(crate) const MS_CERTIFICATE_TEMPLATE_NAME: ObjectIdentifier = oid("1.3.6.1.4.1.311.20.2");
pub(crate) const MS_CA_VERSION: ObjectIdentifier = oid("1.3.6.1.4.1.311.21.1");
pub(crate) const MS_PREVIOUS_CA_CERT_HASH: ObjectIdentifier = oid("1.3.6.1.4.1.311.21.2");
pub(crate) const MS_CERTIFICATE_TEMPLATE: ObjectIdentifier = oid("1.3.6.1.4.1.311.21.7");
pub(crate) const MS_APPLICATION_POLICIES: ObjectIdentifier = oid("1.3.6.1.4.1.311.21.10");
/// Entrust version information (entrustVersInfo).
pub(crate) const ENTRUST_VERSION_INFO: ObjectIdentifier = oid("1.2.840.113533.7.65.0");

// ---- keys, curves and signature algorithms -------------------------------

/// secp256k1 (SEC 2 §2.4.1).
pub(crate) const SECP256K1: ObjectIdentifier = oid("1.3.132.0.10");
/// prime192v1 (ANSI X9.62; RFC 3279 §2.3.5).
pub(crate) const PRIME192V1: ObjectIdentifier = oid("1.2.840.10045.3.1.1");
/// brainpoolP256r1, brainpoolP384r1, brainpoolP512r1 (RFC 5639 §4.1).
pub(crate) const BRAINPOOL_P256R1: ObjectIdentifier = oid("1.3.36.3.3.2.8.1.1.7");
pub(crate) const BRAINPOOL_P384R1: ObjectIdentifier = oid("1.3.36.3.3.2.8.1.1.11");
pub(crate) const BRAINPOOL_P512R1: ObjectIdentifier = oid("1.3.36.3.3.2.8.1.1.13");
/// md4WithRSAEncryption (RFC 8017 appendix C lists it as historic).
pub(crate) const MD4_WITH_RSA: ObjectIdentifier = oid("1.2.840.113549.1.1.3");
/// OIW sha1WithRSASignature, an older name some CAs still use.
pub(crate) const SHA1_WITH_RSA_OIW: ObjectIdentifier = oid("1.3.14.3.2.29");
/// ecdsa-with-SHA1 (RFC 3279 §2.2.3).
pub(crate) const ECDSA_WITH_SHA1: ObjectIdentifier = oid("1.2.840.10045.4.1");
/// GOST R 34.11-94 with GOST R 34.10-2001 (RFC 4491 §2.2.2).
pub(crate) const GOST_R3411_94_WITH_R3410_2001: ObjectIdentifier = oid("1.2.643.2.2.3");
/// GOST R 34.10-2012 with GOST R 34.11-2012, 256 and 512 bits (RFC 9215 §3.1).
pub(crate) const GOST_2012_256: ObjectIdentifier = oid("1.2.643.7.1.1.3.2");
pub(crate) const GOST_2012_512: ObjectIdentifier = oid("1.2.643.7.1.1.3.3");
/// SM2 with SM3 (GB/T 35276).
pub(crate) const SM2_WITH_SM3: ObjectIdentifier = oid("1.2.156.10197.1.501");

// ---- name attributes -------------------------------------------------------

/// organizationIdentifier (X.520 (2012) §6.4.4; CA/B Forum EV Guidelines).
pub(crate) const ORGANIZATION_IDENTIFIER: ObjectIdentifier = oid("2.5.4.97");
/// PKCS #9 unstructuredName and unstructuredAddress (RFC 2985 §5.4).
pub(crate) const UNSTRUCTURED_NAME: ObjectIdentifier = oid("1.2.840.113549.1.9.2");
pub(crate) const UNSTRUCTURED_ADDRESS: ObjectIdentifier = oid("1.2.840.113549.1.9.8");
/// Russian taxpayer and registration numbers (Federal Law 63-FZ profile).
pub(crate) const INN: ObjectIdentifier = oid("1.2.643.3.131.1.1");
pub(crate) const OGRN: ObjectIdentifier = oid("1.2.643.100.1");
pub(crate) const SNILS: ObjectIdentifier = oid("1.2.643.100.3");
pub(crate) const OGRNIP: ObjectIdentifier = oid("1.2.643.100.5");
/// EV jurisdiction of incorporation (CA/B Forum EV Guidelines §9.2.4).
pub(crate) const JURISDICTION_L: ObjectIdentifier = oid("1.3.6.1.4.1.311.60.2.1.1");
pub(crate) const JURISDICTION_ST: ObjectIdentifier = oid("1.3.6.1.4.1.311.60.2.1.2");
pub(crate) const JURISDICTION_C: ObjectIdentifier = oid("1.3.6.1.4.1.311.60.2.1.3");

// ---- extended key usage purposes -----------------------------------------

/// IPsec purposes (RFC 2459 §4.2.1.13, obsoleted; RFC 4945 §5.1.3.12).
pub(crate) const ID_KP_IPSEC_END_SYSTEM: ObjectIdentifier = oid("1.3.6.1.5.5.7.3.5");
pub(crate) const ID_KP_IPSEC_TUNNEL: ObjectIdentifier = oid("1.3.6.1.5.5.7.3.6");
pub(crate) const ID_KP_IPSEC_USER: ObjectIdentifier = oid("1.3.6.1.5.5.7.3.7");
/// id-kp-ipsecIKE (RFC 4945 §5.1.3.12).
pub(crate) const ID_KP_IPSEC_IKE: ObjectIdentifier = oid("1.3.6.1.5.5.7.3.17");
/// Microsoft purposes (OpenSSL's objects.txt names them).
pub(crate) const MS_SERVER_GATED_CRYPTO: ObjectIdentifier = oid("1.3.6.1.4.1.311.10.3.3");
pub(crate) const MS_ENCRYPTED_FILE_SYSTEM: ObjectIdentifier = oid("1.3.6.1.4.1.311.10.3.4");
pub(crate) const MS_SMARTCARD_LOGIN: ObjectIdentifier = oid("1.3.6.1.4.1.311.20.2.2");
pub(crate) const MS_INDIVIDUAL_CODE_SIGNING: ObjectIdentifier = oid("1.3.6.1.4.1.311.2.1.21");
pub(crate) const MS_COMMERCIAL_CODE_SIGNING: ObjectIdentifier = oid("1.3.6.1.4.1.311.2.1.22");
pub(crate) const MS_TRUST_LIST_SIGNING: ObjectIdentifier = oid("1.3.6.1.4.1.311.10.3.1");
pub(crate) const NETSCAPE_SERVER_GATED_CRYPTO: ObjectIdentifier = oid("2.16.840.1.113730.4.1");
/// id-pkinit-KPClientAuth and id-pkinit-KPKdc (RFC 4556 §3.2.4).
pub(crate) const PKINIT_CLIENT_AUTH: ObjectIdentifier = oid("1.3.6.1.5.2.3.4");
pub(crate) const PKINIT_KDC: ObjectIdentifier = oid("1.3.6.1.5.2.3.5");

// ---- certificate policies --------------------------------------------------

/// CA/B Forum reserved policy identifiers (Baseline Requirements §7.1.6.1).
pub(crate) const CABF_EV: ObjectIdentifier = oid("2.23.140.1.1");
pub(crate) const CABF_DOMAIN_VALIDATED: ObjectIdentifier = oid("2.23.140.1.2.1");
pub(crate) const CABF_ORGANIZATION_VALIDATED: ObjectIdentifier = oid("2.23.140.1.2.2");
pub(crate) const CABF_INDIVIDUAL_VALIDATED: ObjectIdentifier = oid("2.23.140.1.2.3");
pub(crate) const CABF_EV_CODE_SIGNING: ObjectIdentifier = oid("2.23.140.1.3");
pub(crate) const CABF_CODE_SIGNING: ObjectIdentifier = oid("2.23.140.1.4.1");
pub(crate) const CABF_SMIME_MAILBOX_LEGACY: ObjectIdentifier = oid("2.23.140.1.5.1.1");
/// ISRG (Let's Encrypt) Domain Validated, from its CP/CPS.
pub(crate) const ISRG_DOMAIN_VALIDATED: ObjectIdentifier = oid("1.3.6.1.4.1.44947.1.1.1");

// ---- PKCS #12 bag attributes -----------------------------------------------

/// PKCS #9 friendlyName and localKeyId (RFC 2985 §5.5.1, §5.5.2).
pub(crate) const PKCS9_FRIENDLY_NAME: ObjectIdentifier = oid("1.2.840.113549.1.9.20");
pub(crate) const PKCS9_LOCAL_KEY_ID: ObjectIdentifier = oid("1.2.840.113549.1.9.21");

// ---- OCSP response extensions ----------------------------------------------

/// The SCT list an OCSP response can carry (RFC 6962 §3.3).
pub(crate) const CT_OCSP_SCTS: ObjectIdentifier = oid("1.3.6.1.4.1.11129.2.4.5");

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn names_are_the_databases() {
        for (oid, name) in ALGORITHMS_AND_STRUCTURE {
            assert_eq!(const_oid::db::DB.by_oid(oid), Some(*name), "{oid}");
            assert_eq!(super::name(oid), Some(*name), "{oid}: named by another table first");
        }
        let common =
            [("1.2.840.113549.1.1.11", "sha256WithRSAEncryption"), ("1.3.6.1.5.5.7.48.1.1", "id-pkix-ocsp-basic")];
        for (dotted, name) in common {
            assert_eq!(super::name(&oid(dotted)), Some(name));
        }
    }

    #[test]
    fn dotted_is_what_display_writes() {
        let mut oids: Vec<ObjectIdentifier> = [
            "0.0.0",
            "0.39.1",
            "1.2.840.113549.1.1.5",
            "2.5.4.3",
            "2.39.4294967183",
            "1.3.6.1.4.1.311.60.2.1.3",
            "2.16.840.1.113730.1.13",
            "1.2.3.127.128.16383.16384.2097151.2097152.268435455.268435456",
        ]
        .iter()
        .map(|s| ObjectIdentifier::new(s).unwrap())
        .collect();
        oids.extend([ID_PE_TLS_FEATURE, MS_CERTIFICATE_TEMPLATE, BRAINPOOL_P512R1, GOST_2012_512, OGRNIP]);
        for oid in oids {
            assert_eq!(dotted(&oid), oid.to_string());
        }
    }
}
