//! Every finding certscope can report, defined once.
//!
//! An id is public once released (the CLI's JSON, scripts, support tickets
//! quote it): never rename or reuse one. One match arm holds everything about
//! a code; there is no `_` arm, so a new code cannot ship without its texts.
//! Sections follow the stage that emits them.

use crate::options::Profile;
use serde::{Serialize, Serializer};

/// Appended to a strict-only finding's message under `Profile::Browsers`.
pub const STRICT_ONLY_NOTE: &str = "Browsers accept this today; strict validators (pyca, Go) reject it.";

/// How bad a finding is. Ordered so that sorting puts errors first.
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize)]
#[cfg_attr(feature = "schema", derive(schemars::JsonSchema))]
#[serde(rename_all = "lowercase")]
pub enum Severity {
    Error,
    Warning,
    Info,
}

impl Severity {
    pub const fn as_str(self) -> &'static str {
        match self {
            Severity::Error => "error",
            Severity::Warning => "warning",
            Severity::Info => "info",
        }
    }
}

struct Info {
    id: &'static str,
    severity: Severity,
    reference: &'static str,
    remedy: &'static str,
}

macro_rules! codes {
    ($( $variant:ident => ($id:literal, $sev:ident, $reference:literal, $remedy:literal), )*) => {
        /// A stable finding code; serializes as its kebab-case id.
        #[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord, Hash)]
        #[non_exhaustive]
        pub enum Code { $( $variant, )* }

        impl Code {
            /// Every code, in documentation order.
            pub const ALL: &'static [Code] = &[ $( Code::$variant, )* ];

            const fn info(self) -> Info {
                match self {
                    $( Code::$variant => Info { id: $id, severity: Severity::$sev, reference: $reference, remedy: $remedy }, )*
                }
            }
        }
    };
}

codes! {
    // ---- input: finding objects in what was pasted -------------------------
    InputEmpty => ("input-empty", Error, "",
        "Paste or open a certificate (PEM or DER), a chain, an OCSP response or an `openssl s_client -showcerts -status -msg` transcript."),
    InputUnrecognized => ("input-unrecognized", Error, "RFC 7468",
        "Supply PEM blocks (-----BEGIN CERTIFICATE-----), DER files, PKCS#7 bundles or base64 of DER. `openssl x509 -in FILE -outform PEM` converts most formats."),
    InputTruncated => ("input-truncated", Error, "RFC 7468 §2",
        "Copy the whole block again, from its -----BEGIN line through its -----END line."),
    InputTooLarge => ("input-too-large", Error, "",
        "Paste only the chain and OCSP response for one server; certscope stops reading at its size limit."),
    InputTooManyObjects => ("input-too-many-objects", Error, "",
        "Split the bundle; certscope stops decoding at its object limit."),
    InputNonconformant => ("input-nonconformant", Warning, "RFC 5280 §4.1",
        "The object decoded only with lenient rules; strict clients may reject it. Ask the issuer for a conformant certificate."),
    InputUnsupportedObject => ("input-unsupported-object", Info, "RFC 7468",
        "This block is not a certificate, chain, OCSP response or CRL, so it was skipped (private keys are never needed here: do not paste them)."),
    InputObjectTooLarge => ("input-object-too-large", Error, "",
        "No real certificate or OCSP response is this large; paste the object again from its source. certscope does not decode objects over its size limit for their kind."),
    InputNestedTooDeeply => ("input-nested-too-deeply", Error, "X.690 §8.1.3.6",
        "Real files nest indefinite-length BER a few levels deep; re-export the bundle as DER (`openssl pkcs7 -in FILE -outform DER`)."),
    // ---- keys: does the private key belong to the certificate? -------------
    KeyMatchesCertificate => ("key-matches-certificate", Info, "RFC 5280 §4.1.2.7",
        "Install this key with the certificate it matches (nginx: ssl_certificate_key; Apache: SSLCertificateKeyFile). The key was compared in this page only; it is never in the report, the JSON or a permalink."),
    KeyDoesNotMatch => ("key-does-not-match", Error, "RFC 5280 §4.1.2.7",
        "\"key values mismatch\" / \"private key does not match\": install the key that was generated with this certificate's CSR (it was saved next to the CSR, or is inside the PFX you exported). If that key is lost, make a new key and CSR and have the CA reissue (rekey) the certificate."),
    KeyEncryptedNoPassword => ("key-encrypted-no-password", Warning, "RFC 5958 §3",
        "Give the key's password (the CLI's --password-file or CERTSCOPE_PFX_PASSWORD), or decrypt a copy first: `openssl pkey -in key.pem -out plain.pem` (the only way for OpenSSL's legacy Proc-Type encryption)."),
    KeyUnreadable => ("key-unreadable", Warning, "RFC 5958; RFC 5915; RFC 8017 §A.1.2",
        "certscope reads RSA, EC (P-256, P-384, P-521) and Ed25519 keys in PKCS#8, SEC 1 or PKCS#1 form. Compare other keys with `openssl x509 -noout -pubkey -in cert.pem` and `openssl pkey -pubout -in key.pem`."),
    // ---- certificate signing requests (PKCS#10) --------------------------------
    CsrSignatureInvalid => ("csr-signature-invalid", Error, "RFC 2986 §3",
        "Make the CSR again from the server's key (`openssl req -new -key server.key -out server.csr`); a CA rejects a CSR whose signature does not verify."),
    CsrMatchesCertificate => ("csr-matches-certificate", Info, "RFC 2986 §3",
        "This certificate was issued for the CSR: install it with the private key the CSR was made from."),
    CsrNamesNotCovered => ("csr-names-not-covered", Warning, "RFC 5280 §4.2.1.6",
        "The CA left out some requested names. Ask it to reissue with every name, or make sure clients only use the names the certificate has."),
    // ---- PKCS#12 / PFX files ---------------------------------------------------
    PfxPasswordNeeded => ("pfx-password-needed", Error, "RFC 7292 §4",
        "Give the PFX's password (the page asks for it; the CLI reads --password-file FILE or CERTSCOPE_PFX_PASSWORD), or export the certificates without their key: `openssl pkcs12 -in store.pfx -nokeys -out chain.pem`."),
    PfxPasswordWrong => ("pfx-password-wrong", Error, "RFC 7292 §5.1",
        "Check the password (it is case-sensitive; IIS asks for it when exporting). certscope verified the file's MAC with it and it does not match."),
    PfxTooCostly => ("pfx-too-costly", Error, "RFC 8018 §4.2",
        "Exporters use 2,000 to 10,000 iterations; this file asks for far more than certscope spends in one analysis. Re-export it (`openssl pkcs12 -export -iter 2048 …`) or extract the certificates with openssl."),
    PfxUnsupported => ("pfx-unsupported", Warning, "RFC 7292",
        "certscope opens PFX files protected with PBES2 (PBKDF2 + AES-CBC), 3DES or RC2 and a password MAC (HMAC with the PKCS#12 KDF, or RFC 9579's PBMAC1). Extract the certificates with `openssl pkcs12 -in store.pfx -nokeys -out chain.pem` and paste those."),
    // ---- certificates: decoding them (x509) -----------------------------------
    DuplicateExtension => ("duplicate-extension", Error, "RFC 5280 §4.2",
        "A certificate must not include more than one instance of an extension, and clients reject one that does (which copy would they believe?). Ask the CA to reissue it."),
    ExtensionInvalid => ("extension-invalid", Error, "RFC 5280 §4.2",
        "An extension is repeated or its value is not valid DER, so clients reject the certificate. Ask the CA to reissue it."),
    NameTooLarge => ("name-too-large", Error, "RFC 5280 §4.1.2.4, §4.1.2.6",
        "No real CA issues names this large; the certificate was not decoded. Get the certificate again from its issuer."),
    ExtensionTooLarge => ("extension-too-large", Error, "RFC 5280 §4.2",
        "No real CA issues an extension this large or this many extensions; the certificate was not decoded. Get the certificate again from its issuer."),
    RsaModulusNegative => ("rsa-modulus-negative", Error, "RFC 8017 §A.1.1; RFC 3279 §2.3.1",
        "The RSA modulus is encoded as a negative INTEGER (its leading zero octet is missing), so no signature verifies with this key. The certificate is damaged or was mis-encoded: get it again from the CA."),
    KeyTooLarge => ("key-too-large", Warning, "RFC 8017 §3.1",
        "certscope does not compute with RSA keys over 16,384 bits or public exponents of 2^33 or more, so signatures made with this key are not checked; check them with openssl verify."),
    // ---- chain: building the path and its order ----------------------------
    NoCertificate => ("no-certificate", Error, "",
        "Add the server certificate (the leaf) and its intermediates."),
    IssuerMissing => ("issuer-missing", Error, "RFC 5246 §7.4.2; RFC 8446 §4.4.2",
        "Install the missing intermediate certificate after the leaf in the chain file your server sends (it is usually at the caIssuers URL in the certificate's AIA). nginx: `ssl_certificate` must name one file with the leaf first, then the intermediates (`cat leaf.pem intermediate.pem > fullchain.pem`). Apache 2.4.8 or later: `SSLCertificateFile` names that same full-chain file (before 2.4.8: `SSLCertificateChainFile intermediate.pem`). IIS: import the intermediate into the computer's Intermediate Certification Authorities store."),
    IssuerNameMismatch => ("issuer-name-mismatch", Error, "RFC 5280 §6.1.3 (a)(4)",
        "The certificate's issuer name does not match the subject of the certificate whose key signed it; get the correct intermediate from the CA."),
    SignatureInvalid => ("signature-invalid", Error, "RFC 5280 §6.1.3 (a)(1)",
        "The signature does not verify with the issuer's key: the certificate was altered or the wrong issuer was installed. Download both again from the CA."),
    SignatureAlgorithmUnsupported => ("signature-algorithm-unsupported", Warning, "RFC 5280 §4.1.1.2",
        "certscope cannot check this signature algorithm; check it with openssl verify."),
    WrongOrder => ("wrong-order", Warning, "RFC 5246 §7.4.2; RFC 8446 §4.4.2",
        "Put the certificates in order: the leaf first, then each issuer after the certificate it signed. The corrected chain below is ready to install."),
    DuplicateCertificate => ("duplicate-certificate", Warning, "RFC 8446 §4.4.2",
        "Remove the repeated certificate from the chain file."),
    ExtraCertificate => ("extra-certificate", Warning, "RFC 8446 §4.4.2",
        "Remove certificates that do not belong to this chain; they waste handshake bytes and confuse some clients."),
    RootIncluded => ("root-included", Info, "RFC 8446 §4.4.2",
        "The root is optional in the chain: clients use their own copy. Removing it saves a few hundred bytes per handshake."),
    RootCopyInvalid => ("root-copy-invalid", Warning, "RFC 5280 §6.1.1 (d)",
        "Remove this certificate from the chain (the root is optional), or replace it with the CA's published copy; clients trust their own copy of the root, not this one."),
    UntrustedRoot => ("untrusted-root", Error, "RFC 5280 §6.1",
        "The chain ends at a root that is not in the trust store in use. Use a certificate from a publicly trusted CA, or add this root as a trust anchor if it is your private CA."),
    SelfSignedLeaf => ("self-signed-leaf", Error, "RFC 5280 §6.1",
        "Browsers do not trust self-signed certificates. Get a certificate from a trusted CA."),
    PathBudgetExceeded => ("path-budget-exceeded", Error, "",
        "The bundle has too many candidate issuers to search; remove unrelated certificates."),
    WorkBudgetExceeded => ("work-budget-exceeded", Error, "",
        "The input needs more work than one analysis allows (the limit is named); the checks not done are reported as not done. Remove unrelated certificates, responses, CRLs or files and check again."),
    // ---- path validation (RFC 5280 §6.1) ------------------------------------
    IssuerNotCa => ("issuer-not-ca", Error, "RFC 5280 §4.2.1.9",
        "The issuing certificate is not a CA (basicConstraints cA is not set); it must not sign certificates. Get the correct intermediate from the CA."),
    IssuerMissingKeyCertSign => ("issuer-missing-keycertsign", Error, "RFC 5280 §4.2.1.3",
        "The issuer's keyUsage lacks keyCertSign, so it may not sign certificates. Get the correct intermediate from the CA."),
    PathLengthExceeded => ("path-length-exceeded", Error, "RFC 5280 §4.2.1.9",
        "A CA's pathLenConstraint forbids this many intermediates below it; use the chain the CA publishes."),
    NameConstraintsViolated => ("name-constraints-violated", Error, "RFC 5280 §4.2.1.10",
        "A CA in the path is constrained to names this certificate does not fall within; it must be issued by another CA."),
    PolicyRequiredNoneValid => ("policy-required-none-valid", Error, "RFC 5280 §6.1.3 (f), §6.1.5 (g)",
        "An explicit certificate policy is required (by a CA's policyConstraints or by the policy settings), but the path is valid for none of the acceptable policies. Use a certificate issued under an acceptable policy, or check the initial policy set."),
    PolicyTreeTooLarge => ("policy-tree-too-large", Error, "RFC 5280 §6.1.2; CVE-2023-0464",
        "The certificates' policies and mappings multiply into more policy-tree nodes than certscope evaluates, so the path's policies could not be checked. Real CAs assert a handful of policies; this path is likely hostile."),
    PolicyDuplicate => ("policy-duplicate", Error, "RFC 5280 §4.2.1.4",
        "A certificate lists the same policy OID twice in certificatePolicies; the CA must reissue it."),
    PolicyMappingAnyPolicy => ("policy-mapping-any-policy", Error, "RFC 5280 §4.2.1.5",
        "A CA maps a policy to or from anyPolicy, which RFC 5280 forbids; the CA must reissue the certificate."),
    PolicyExtensionMalformed => ("policy-extension-malformed", Error, "RFC 5280 §4.2.1.4",
        "A policy extension (certificatePolicies, policyMappings, policyConstraints or inhibitAnyPolicy) cannot be decoded or appears twice; the CA must reissue the certificate."),
    UnknownCriticalExtension => ("unknown-critical-extension", Error, "RFC 5280 §4.2",
        "Clients must reject a certificate with a critical extension they do not understand; reissue without it or mark it non-critical."),
    CaUsedAsLeaf => ("ca-used-as-leaf", Warning, "CA/B Forum BR §7.1.2.7; RFC 5280 §4.2.1.9",
        "The server certificate is a CA certificate. RFC 5280 allows it and browsers accept it, but the CA/B Forum profile and rustls-webpki do not; issue a dedicated end-entity certificate for the server."),
    LeafNotForServers => ("leaf-not-for-servers", Error, "RFC 5280 §4.2.1.12; CA/B Forum BR §7.1.2.7.10",
        "The certificate's extendedKeyUsage does not include serverAuth, so browsers refuse it for a web server. Get a TLS server certificate."),
    Expired => ("expired", Error, "RFC 5280 §4.1.2.5",
        "Renew the certificate and install the new one (with its current intermediates)."),
    NotYetValid => ("not-yet-valid", Error, "RFC 5280 §4.1.2.5",
        "The certificate is not valid yet at the time checked: check the server's clock, or wait until its notBefore."),
    ExpiringSoon => ("expiring-soon", Warning, "RFC 5280 §4.1.2.5",
        "Renew the certificate before it expires; automate renewal if you can."),
    WeakSignatureHash => ("weak-signature-hash", Warning, "CA/B Forum BR §7.1.3.2",
        "MD5 and SHA-1 signatures are broken or deprecated; browsers reject them. Reissue with SHA-256 or better."),
    WeakKey => ("weak-key", Warning, "CA/B Forum BR §6.1.5",
        "Use an RSA key of at least 2048 bits or an ECDSA P-256/P-384 key."),
    HostMismatch => ("host-mismatch", Error, "RFC 6125 §6.4; RFC 9525",
        "The certificate does not cover this host name. Reissue it with the name in the Subject Alternative Name extension."),
    SanMissing => ("san-missing", Error, "CA/B Forum BR §7.1.2.7.12; RFC 9525 §6.3",
        "Browsers match the host name against the Subject Alternative Name only, never the subject CN. Reissue the certificate with every host name in its SAN."),
    WildcardPublicSuffix => ("wildcard-public-suffix", Error, "CA/B Forum BR §3.2.2.6",
        "A wildcard may not stand for every name under a public suffix (*.co.uk); browsers refuse it. Get a certificate for your own registered domain."),
    // ---- profile: RFC 5280 and CA/B Forum MUSTs (strict-only, see `strict_only`)
    AkiMissing => ("aki-missing", Error, "RFC 5280 §4.2.1.1",
        "A certificate issued by a CA must carry an authorityKeyIdentifier naming its issuer's key; ask the CA to reissue it."),
    AkiCritical => ("aki-critical", Error, "RFC 5280 §4.2.1.1",
        "The authorityKeyIdentifier must be non-critical; ask the CA to reissue the certificate."),
    SkiMissing => ("ski-missing", Error, "RFC 5280 §4.2.1.2",
        "A CA certificate must carry a subjectKeyIdentifier; ask the CA to reissue it."),
    SkiCritical => ("ski-critical", Error, "RFC 5280 §4.2.1.2",
        "The subjectKeyIdentifier must be non-critical; ask the CA to reissue the certificate."),
    RootAkiInvalid => ("root-aki-invalid", Error, "CA/B Forum BR §7.1.2.1.3",
        "A root's authorityKeyIdentifier, if present, must hold only a keyIdentifier equal to its own subjectKeyIdentifier; the root must be reissued."),
    AiaCritical => ("aia-critical", Error, "RFC 5280 §4.2.2.1",
        "The authorityInfoAccess extension must be non-critical; ask the CA to reissue the certificate."),
    NameEmpty => ("name-empty", Error, "RFC 5280 §4.1.2.4, §4.1.2.6",
        "A certificate's issuer, and a CA's subject, must be a non-empty name; ask the CA to reissue the certificate."),
    SanCriticality => ("san-criticality", Error, "RFC 5280 §4.2.1.6",
        "The subjectAltName must be critical when the subject is empty and non-critical otherwise; ask the CA to reissue the certificate."),
    SanDnsInvalid => ("san-dns-invalid", Error, "RFC 5280 §4.2.1.6; RFC 1034 §3.5",
        "A dNSName must use the preferred name syntax (letters, digits, hyphens; no underscores); reissue with valid host names."),
    BasicConstraintsNotCritical => ("basic-constraints-not-critical", Error, "RFC 5280 §4.2.1.9",
        "A CA certificate's basicConstraints must be critical; the CA must reissue it."),
    KeyCertSignWithoutCa => ("keycertsign-without-ca", Error, "RFC 5280 §4.2.1.3",
        "keyUsage keyCertSign needs basicConstraints cA=true; reissue the certificate without keyCertSign."),
    NameConstraintsNotCritical => ("name-constraints-not-critical", Error, "RFC 5280 §4.2.1.10",
        "Conforming CAs must mark nameConstraints critical; the CA must reissue its certificate."),
    PolicyConstraintsNotCritical => ("policy-constraints-not-critical", Error, "RFC 5280 §4.2.1.11",
        "Conforming CAs must mark policyConstraints critical; the CA must reissue its certificate."),
    EkuMissing => ("eku-missing", Error, "CA/B Forum BR §7.1.2.7.10",
        "A TLS server certificate must carry extendedKeyUsage with serverAuth; get a TLS server certificate."),
    EkuAny => ("eku-any", Error, "CA/B Forum BR §7.1.2.7.10",
        "A TLS server certificate must not carry anyExtendedKeyUsage; get a certificate with serverAuth only."),
    EkuCritical => ("eku-critical", Error, "CA/B Forum BR §7.1.2.7.10",
        "A TLS server certificate's extendedKeyUsage must be non-critical; ask the CA to reissue it."),
    LeafMarkedCa => ("leaf-marked-ca", Error, "CA/B Forum BR §7.1.2.7.8",
        "The server certificate sets basicConstraints cA although its keyUsage does not allow signing certificates: a subscriber certificate's cA must be FALSE. Ask the CA to reissue it."),
    EkuOnRoot => ("eku-on-root", Error, "CA/B Forum BR §7.1.2.1.2",
        "A root certificate must not carry extendedKeyUsage; the root must be reissued."),
    CnNotInSan => ("cn-not-in-san", Error, "CA/B Forum BR §7.1.4.3",
        "The subject CN must repeat one of the SAN's values exactly (IP addresses in dotted-decimal or RFC 5952 form); ask the CA to reissue the certificate."),
    SerialInvalid => ("serial-invalid", Error, "RFC 5280 §4.1.2.2",
        "A serial number must be positive and at most 20 octets; ask the CA to reissue the certificate."),
    KeyForbidden => ("key-forbidden", Error, "CA/B Forum BR §6.1.5",
        "Use an RSA key of 2048 bits or more (a multiple of 8) or an ECDSA key on P-256, P-384 or P-521 with a named curve; DSA and P-192 are not allowed."),
    VersionNotV3 => ("version-not-v3", Error, "RFC 5280 §4.1.2.1; CA/B Forum BR §7.1.1",
        "Certificates must be X.509 v3; ask the CA to reissue the certificate."),
    // ---- revocation information and must-staple ------------------------------
    NoRevocationInfo => ("no-revocation-info", Warning, "CA/B Forum BR §7.1.2.7",
        "The certificate names neither an OCSP responder nor a CRL, so clients cannot check whether it was revoked."),
    MustStapleWithoutOcsp => ("must-staple-without-ocsp", Error, "RFC 7633 §4.2.3",
        "The certificate requires a stapled OCSP response (must-staple), and none was supplied. Turn on OCSP stapling: Firefox refuses the connection without it."),
    MustStapleNoOcspUrl => ("must-staple-no-ocsp-url", Error, "RFC 7633 §4.2.3",
        "The certificate requires stapling but has no OCSP URL to fetch a response from; reissue it without the must-staple extension."),
    TlsFeatureCritical => ("tls-feature-critical", Warning, "RFC 7633 §4.1",
        "RFC 7633 says the TLS Feature extension should not be critical; clients that do not know it will reject the certificate."),
    TlsFeatureNotInherited => ("tls-feature-not-inherited", Warning, "RFC 7633 §4.2.2",
        "The issuer's TLS Feature extension lists features the leaf lacks; reissue the leaf with them."),
    StaplingOff => ("stapling-off", Warning, "RFC 6066 §8",
        "The server sent no OCSP response. Turn on OCSP stapling for this server (see the snippets below)."),
    StapleTextOnly => ("staple-text-only", Info, "RFC 6960 §4.2.1",
        "Only the printed text of the stapled OCSP response was pasted, so its signature cannot be checked. Capture again with `-msg` (`openssl s_client -connect HOST:443 -servername HOST -showcerts -status -msg < /dev/null`): certscope then reads the response's exact bytes from the handshake dump and verifies them."),
    StapleRevokedText => ("staple-revoked-text", Error, "RFC 6960 §2.2",
        "The server staples a response saying its certificate is revoked: clients that check the staple refuse the connection. Replace the certificate (issue a new one, on a new key if the reason is keyCompromise) and install it."),
    StapleUnknownText => ("staple-unknown-text", Error, "RFC 6960 §2.2",
        "The server staples a response in which the responder does not know the certificate. Check that the certificate is the one the CA issued, and that the server fetches from the responder in the certificate's AIA."),
    StapleStaleText => ("staple-stale-text", Error, "RFC 6960 §4.2.2.1",
        "The server staples a response whose nextUpdate has passed; clients reject it. Make the server fetch a fresh response (restart or reload it, and check that it can reach the OCSP responder)."),
    StapleNotSuccessfulText => ("staple-not-successful-text", Error, "RFC 6960 §4.2.1",
        "The server staples the responder's error (tryLater, internalError, …) instead of a certificate status; clients cannot use it. Check that the server can reach the OCSP responder and fetches a successful response before stapling."),
    StapleNotForLeafText => ("staple-not-for-leaf-text", Warning, "RFC 6066 §8",
        "The server staples a response for another certificate (its serial is not the leaf's); clients ignore it. Make the server staple the response for the certificate it serves."),
    StapleTextMismatch => ("staple-text-mismatch", Warning, "RFC 6960 §4.2.1",
        "The printed text and the stapled bytes say different things: the transcript was edited or pieced together from two captures. certscope goes by the verified bytes; capture the transcript again in one go."),
    MustStapleUnverified => ("must-staple-unverified", Warning, "RFC 7633 §4.2.3",
        "The server claims a good, fresh staple, but only its text was pasted, so certscope cannot tell whether clients will accept it. Capture again with `-msg` so that the staple's signature can be checked."),
    // ---- OCSP ---------------------------------------------------------------
    OcspUnparseable => ("ocsp-unparseable", Error, "RFC 6960 §4.2.1",
        "The OCSP response could not be decoded; capture it again as DER (see the capture commands)."),
    OcspNotSuccessful => ("ocsp-not-successful", Error, "RFC 6960 §4.2.1",
        "The responder returned an error instead of a status; the server cannot staple it. Fetch a fresh response."),
    OcspUnknownResponseType => ("ocsp-unknown-response-type", Error, "RFC 6960 §4.2.1",
        "The response is not a basic OCSP response (id-pkix-ocsp-basic), the only type clients accept; fetch it again from the certificate's OCSP URL."),
    OcspSignatureInvalid => ("ocsp-signature-invalid", Error, "RFC 6960 §3.2",
        "The response's signature does not verify: it was altered or is from another responder. Fetch a fresh response."),
    OcspSignatureUnverifiable => ("ocsp-signature-unverifiable", Warning, "RFC 6960 §3.2",
        "The response's signer could not be found: supply the issuing CA certificate with the response."),
    OcspUnauthorizedResponder => ("ocsp-unauthorized-responder", Error, "RFC 6960 §4.2.2.2",
        "The response is signed by a certificate that is neither the issuing CA nor a responder that CA delegated (id-kp-OCSPSigning). Clients reject it."),
    OcspResponderIdMismatch => ("ocsp-responder-id-mismatch", Warning, "RFC 6960 §4.2.2.3",
        "The responderID does not identify the certificate that signed the response."),
    OcspNoMatchingResponse => ("ocsp-no-matching-response", Error, "RFC 6960 §4.1.1",
        "The response does not answer for any certificate in this chain (serial or issuer differs); it belongs to another certificate."),
    OcspNotForLeaf => ("ocsp-not-for-leaf", Warning, "RFC 6066 §8",
        "The response answers for a certificate other than the server certificate; a staple must be for the leaf."),
    OcspRevoked => ("ocsp-revoked", Error, "RFC 6960 §2.2",
        "The CA has revoked this certificate. Replace it with a newly issued one now."),
    OcspUnknown => ("ocsp-unknown", Error, "RFC 6960 §2.2",
        "The responder does not know this certificate; check that the response comes from the certificate's issuer."),
    OcspStale => ("ocsp-stale", Error, "RFC 6960 §4.2.2.1",
        "The response is past its nextUpdate; the server must fetch a fresh one (check that it can reach the responder)."),
    OcspNotYetValid => ("ocsp-not-yet-valid", Error, "RFC 6960 §4.2.2.1",
        "The response's thisUpdate is in the future at the time checked; check the clocks."),
    OcspNoNextUpdate => ("ocsp-no-next-update", Warning, "RFC 5019 §2.2.4; CA/B Forum BR §4.9.10",
        "The response has no nextUpdate, so clients cannot tell when it goes stale; Baseline Requirements need one."),
    OcspResponderExpired => ("ocsp-responder-expired", Error, "RFC 6960 §4.2.2.2",
        "The delegated responder's certificate was not valid when the response was produced."),
    OcspValidityWindow => ("ocsp-validity-window", Warning, "CA/B Forum BR §4.9.10",
        "Baseline Requirements want a response valid for between 8 hours and 10 days."),
    OcspOldStaple => ("ocsp-old-staple", Warning, "CA/B Forum BR §4.9.10",
        "The stapled response is more than 4 days old: the server has probably stopped refreshing it. Check the server's resolver and firewall, then reload it."),
    OcspSha1Signature => ("ocsp-sha1-signature", Warning, "CA/B Forum BR §7.1.3.2.1",
        "The response was signed with SHA-1 after 1 June 2022, which Baseline Requirements forbid."),
    OcspResponderNocheck => ("ocsp-responder-nocheck", Info, "RFC 6960 §4.2.2.2.1",
        "The delegated responder certificate carries id-pkix-ocsp-nocheck: clients trust it without checking its revocation for its lifetime."),
    OcspExtraResponse => ("ocsp-extra-response", Info, "RFC 6066 §8",
        "Several OCSP responses were given: the one for the server certificate (the verified, freshest one if several are) is checked in full and the others are listed. A server staples one response, for its own certificate."),
    // ---- capture commands (values from the certificate or --host) -----------
    CaptureUrlRefused => ("capture-url-refused", Warning, "RFC 5280 §4.2.2.1; RFC 3986 §3",
        "The certificate's OCSP URL is not a plain http(s)://host[:port]/path URL, so certscope writes no command for it and clients may not reach it either. Ask the CA to reissue the certificate; fetch the response yourself only after checking the URL by hand."),
    CaptureHostRefused => ("capture-host-refused", Warning, "RFC 1123 §2.1; RFC 5280 §4.2.1.6",
        "The host name is not a DNS name or an IP address, so certscope writes no openssl s_client command for it. Run `openssl s_client -connect HOST:443 -servername HOST -showcerts -status -msg < /dev/null` yourself with the server's real name."),
    // ---- CRL ----------------------------------------------------------------
    CrlUnparseable => ("crl-unparseable", Error, "RFC 5280 §5.1",
        "The CRL could not be decoded; download it again from the certificate's CRL distribution point."),
    CrlIssuerMissing => ("crl-issuer-missing", Warning, "RFC 5280 §6.3.3",
        "The CRL's issuer is not in the chain, so its signature cannot be checked; paste the issuing CA certificate too."),
    CrlSignatureInvalid => ("crl-signature-invalid", Error, "RFC 5280 §6.3.3 (f)",
        "The CRL's signature does not verify with its issuer's key; download it again."),
    CrlDuplicate => ("crl-duplicate", Info, "",
        "The same CRL was given more than once; it is checked once."),
    CrlStale => ("crl-stale", Error, "RFC 5280 §5.1.2.5",
        "The CRL is past its nextUpdate; download a current one."),
    CrlNotYetValid => ("crl-not-yet-valid", Warning, "RFC 5280 §5.1.2.4",
        "The CRL's thisUpdate is in the future at the time checked."),
    CrlRevoked => ("crl-revoked", Error, "RFC 5280 §5.3.1",
        "The CA has revoked this certificate; replace it with a newly issued one now."),
    CrlUnknownCriticalExtension => ("crl-unknown-critical-extension", Error, "RFC 5280 §5.2, §5.3",
        "The CRL carries a critical extension certscope cannot process, so it cannot be used to decide revocation; check the certificate with the CA's OCSP responder or a current full CRL."),
    CrlNumberInvalid => ("crl-number-invalid", Error, "RFC 5280 §5.2.3",
        "Every CRL must carry a non-critical cRLNumber; get a current CRL from the CA's distribution point, or ask the CA to fix its CRLs."),
    CrlSignerNotAuthorized => ("crl-signer-not-authorized", Error, "RFC 5280 §6.3.3 (f)",
        "The CRL's signer lacks cRLSign in its keyUsage, so it may not issue CRLs and this CRL cannot be used; get the CRL from the CA's CRL distribution point."),
    CrlStatusUndetermined => ("crl-status-undetermined", Error, "RFC 5280 §6.3.3 (k)",
        "The CRLs given do not cover this certificate for every revocation reason (another distribution point, another scope, only some reasons, or a CRL that may not be used), so its revocation status could not be determined; get the CRL from the distribution point the certificate names."),
    CrlDeltaNotGiven => ("crl-delta-not-given", Info, "RFC 5280 §5.2.6",
        "The CRL points to delta CRLs (freshestCRL) and none was given with it, so revocations since its thisUpdate are not seen; download the delta CRL from the URL given and add it."),
    CrlDeltaWithoutBase => ("crl-delta-without-base", Error, "RFC 5280 §5.2.4",
        "A delta CRL lists only the changes since a complete CRL, and no complete CRL of the same issuer and scope, numbered at least the delta's base CRL number, was given; supply the current complete CRL with it."),
}

impl Code {
    /// The stable kebab-case id, e.g. `issuer-missing`.
    pub const fn code(self) -> &'static str {
        self.info().id
    }
    pub const fn severity(self) -> Severity {
        self.info().severity
    }
    /// The RFC or Baseline Requirements section the rule comes from.
    pub const fn reference(self) -> &'static str {
        self.info().reference
    }
    /// What to do about it, in one or two sentences.
    pub const fn remedy(self) -> &'static str {
        self.info().remedy
    }
    /// A rule strict validators (pyca/cryptography, Go) enforce and browsers
    /// do not: an error under `Profile::Strict`, a warning under
    /// `Profile::Browsers`, with [`STRICT_ONLY_NOTE`] in its message.
    pub const fn strict_only(self) -> bool {
        matches!(
            self,
            Code::AkiMissing
                | Code::CrlStale
                | Code::CrlStatusUndetermined
                | Code::CrlDeltaWithoutBase
                | Code::AkiCritical
                | Code::SkiMissing
                | Code::SkiCritical
                | Code::RootAkiInvalid
                | Code::AiaCritical
                | Code::NameEmpty
                | Code::SanCriticality
                | Code::SanDnsInvalid
                | Code::BasicConstraintsNotCritical
                | Code::KeyCertSignWithoutCa
                | Code::NameConstraintsNotCritical
                | Code::PolicyConstraintsNotCritical
                | Code::EkuMissing
                | Code::EkuAny
                | Code::EkuCritical
                | Code::EkuOnRoot
                | Code::LeafMarkedCa
                | Code::CnNotInSan
                | Code::SerialInvalid
                | Code::KeyForbidden
                | Code::VersionNotV3
                | Code::CrlNumberInvalid
        )
    }
    /// The severity under `profile`.
    pub const fn severity_in(self, profile: Profile) -> Severity {
        match (self.strict_only(), profile) {
            (true, Profile::Browsers) => Severity::Warning,
            _ => self.severity(),
        }
    }
    pub fn from_id(id: &str) -> Option<Code> {
        Code::ALL.iter().copied().find(|c| c.code() == id)
    }
}

impl Serialize for Code {
    fn serialize<S: Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
        s.serialize_str(self.code())
    }
}

/// A string, one of the finding ids (`docs/findings.md`).
#[cfg(feature = "schema")]
impl schemars::JsonSchema for Code {
    fn schema_name() -> std::borrow::Cow<'static, str> {
        "Code".into()
    }

    fn json_schema(_: &mut schemars::SchemaGenerator) -> schemars::Schema {
        let ids: Vec<&str> = Code::ALL.iter().map(|c| c.code()).collect();
        schemars::json_schema!({ "type": "string", "enum": ids })
    }
}

impl std::fmt::Display for Code {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str(self.code())
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use std::collections::HashSet;

    #[test]
    fn ids_are_unique_kebab_case_with_texts() {
        let mut seen = HashSet::new();
        for &c in Code::ALL {
            let id = c.code();
            assert!(seen.insert(id), "duplicate id {id}");
            assert!(
                !id.is_empty() && id.bytes().all(|b| b.is_ascii_lowercase() || b.is_ascii_digit() || b == b'-'),
                "{id}"
            );
            assert!(!id.starts_with('-') && !id.ends_with('-') && !id.contains("--"), "{id}");
            assert!(!c.remedy().is_empty(), "{id} has no remedy");
            assert_eq!(Code::from_id(id), Some(c));
        }
    }

    #[test]
    fn issue_required_codes_exist() {
        for id in [
            "input-unrecognized",
            "input-truncated",
            "input-empty",
            "issuer-missing",
            "issuer-name-mismatch",
            "signature-invalid",
            "signature-algorithm-unsupported",
            "wrong-order",
            "duplicate-certificate",
            "extra-certificate",
            "root-included",
            "untrusted-root",
            "issuer-not-ca",
            "issuer-missing-keycertsign",
            "path-length-exceeded",
            "name-constraints-violated",
            "unknown-critical-extension",
            "expired",
            "not-yet-valid",
            "expiring-soon",
            "weak-signature-hash",
            "weak-key",
            "host-mismatch",
            "must-staple-without-ocsp",
            "no-revocation-info",
            "ocsp-not-successful",
            "ocsp-unparseable",
            "ocsp-signature-invalid",
            "ocsp-unauthorized-responder",
            "ocsp-no-matching-response",
            "ocsp-revoked",
            "ocsp-unknown",
            "ocsp-stale",
            "ocsp-not-yet-valid",
            "ocsp-no-next-update",
            "ocsp-responder-expired",
            "ocsp-validity-window",
            "ocsp-old-staple",
        ] {
            assert!(Code::from_id(id).is_some(), "missing {id}");
        }
    }
}
