//! The policy object: everything `analyze` needs besides the input bytes.

use crate::time::Timestamp;
use const_oid::ObjectIdentifier;

/// anyPolicy (RFC 5280 §4.2.1.4), the default initial-policy-set.
pub const ANY_POLICY: ObjectIdentifier = const_oid::db::rfc5280::ANY_POLICY;

/// What to check against. One `Default`; callers set `as_of` (the core never
/// reads a clock).
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Options {
    /// The instant validity windows and OCSP freshness are judged at.
    pub as_of: Timestamp,
    /// Host name (DNS name or IP address) the leaf must cover.
    pub host: Option<String>,
    /// Trust Mozilla's root store (webpki-root-certs).
    pub use_system_roots: bool,
    /// Extra trust anchors, in any input format (PEM, DER, PKCS#7).
    pub extra_anchors: Vec<Vec<u8>>,
    /// RSA keys below this many bits get `weak-key`.
    pub min_rsa_bits: u32,
    /// A certificate expiring within this many days gets `expiring-soon`.
    pub expiring_soon_days: i64,
    /// RFC 5280 §6.1.1 (c) user-initial-policy-set: the certificate
    /// policies the relying party accepts. `[anyPolicy]` accepts any.
    pub initial_policy_set: Vec<ObjectIdentifier>,
    /// RFC 5280 §6.1.1 (f) initial-explicit-policy: the path must be
    /// valid for at least one policy of `initial_policy_set`.
    pub initial_explicit_policy: bool,
    /// RFC 5280 §6.1.1 (e) initial-policy-mapping-inhibit.
    pub initial_policy_mapping_inhibit: bool,
    /// RFC 5280 §6.1.1 (g) initial-any-policy-inhibit: anyPolicy in a
    /// certificate is not honoured.
    pub initial_any_policy_inhibit: bool,
    pub limits: Limits,
    /// Which validators' verdict to give (issue 10).
    pub profile: Profile,
    /// At most this many intermediates between the leaf and the anchor
    /// (`--max-depth`; x509-limbo's max_chain_depth). Self-issued ones do
    /// not count, as for pathLenConstraint. `None`: only
    /// `Limits::max_path_len` bounds the path.
    pub max_intermediates: Option<usize>,
}

/// Whose rules decide the verdict. Both profiles run every check; they differ
/// only in the severity of the rules that strict validators enforce and
/// browsers do not (`Code::strict_only`).
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq, serde::Serialize)]
#[cfg_attr(feature = "schema", derive(schemars::JsonSchema))]
#[serde(rename_all = "kebab-case")]
pub enum Profile {
    /// What current browsers and TLS clients reject (Chrome, Firefox,
    /// Safari; the CA/B Forum Baseline Requirements where they enforce them).
    #[default]
    Browsers,
    /// Every MUST of RFC 5280 and of the CA/B Forum certificate profiles, as
    /// pyca/cryptography and Go enforce them.
    Strict,
}

impl Profile {
    pub const fn as_str(self) -> &'static str {
        match self {
            Profile::Browsers => "browsers",
            Profile::Strict => "strict",
        }
    }
}

/// Bounds on work, so that hostile input cannot freeze a browser tab. The
/// counted ones (inputs, bytes, objects, signature checks, build steps,
/// name comparisons, CRL lookups) are one budget for the whole analysis,
/// shared by every stage and by the trust-anchors box; the size limits
/// apply to each object, pasted or given as an anchor.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Limits {
    /// Bytes read from all inputs together.
    pub max_input_bytes: usize,
    /// Inputs (pasted texts and files) in one analysis. People paste one
    /// text or drop a handful of files; a permalink must not be able to
    /// carry hundreds of thousands of empty ones.
    pub max_inputs: usize,
    /// Objects (certificates, responses, CRLs) decoded from all inputs.
    pub max_objects: usize,
    /// Signature verifications in the whole analysis: path building, the
    /// certificates' own signatures, OCSP responses, CRLs. A verification
    /// already made (same key, algorithm, signed bytes and signature) is
    /// remembered and not paid for again. One path search may spend 100,
    /// the remediation for golang CVE-2018-16875 that rustls-webpki
    /// (`Budget::signatures`) uses per search; 200 leaves as much again for
    /// everything after the search: a real analysis needs 3 to 10, a pasted
    /// bundle of Mozilla's ~150 roots one per root. A check with an RSA key
    /// over 4,096 bits counts as (bits / 4,096)² checks (a 16,384-bit one
    /// as 16), so 200 stay well under a second at any key size certscope
    /// computes with (P-521: ~2 ms natively).
    pub max_signature_checks: usize,
    /// Path-building steps; 200,000 is mozilla::pkix's bound, as in rustls-webpki.
    pub max_build_steps: usize,
    /// Name-constraint comparisons (one name against one subtree) in the
    /// whole analysis. 250,000 is Go's `maxConstraintComparisons` default
    /// (crypto/x509, `VerifyOptions.MaxConstraintComparisions`) and
    /// rustls-webpki's `Budget::name_constraint_comparisons`.
    pub max_name_comparisons: usize,
    /// CRL serial lookups (one certificate looked up in one CRL's serial
    /// index) in the whole analysis. A real check is a few certificates
    /// against a few CRLs; 100,000 is a thousand times that, and a lookup
    /// is a hash probe, so it also bounds the work to milliseconds.
    pub max_crl_lookups: usize,
    /// Nodes of the RFC 5280 §6.1 valid_policy_tree (`chain::policy`), per
    /// path. The tree can grow exponentially with the path (CVE-2023-0464);
    /// 1,000 is OpenSSL's cap since that CVE (`OPENSSL_POLICY_TREE_NODES_MAX`,
    /// crypto/x509/pcy_tree.c). Go avoids the growth with RFC 9618's policy
    /// graph; rustls-webpki does no policy processing. Real web PKI paths
    /// need under 20 nodes, PKITS 4.8-4.12 under 40.
    pub max_policy_nodes: usize,
    /// PBKDF2 and PKCS#12 KDF iterations spent opening PFX files (the MAC
    /// and each encrypted part cost one run each). Exporters use 2,048
    /// (OpenSSL 3's `PKCS12_DEFAULT_ITER`), 2,000 (Windows) or 10,000
    /// (Java's keytool); OWASP's 2023 advice for PBKDF2-HMAC-SHA-256 is
    /// 600,000. 2,000,000 opens any of those several times over (under a
    /// second of wasm) and refuses a file asking for 10⁹ before any work.
    pub max_kdf_iterations: usize,
    /// Longest path considered (certificates, leaf to anchor). pyca's
    /// verifier allows 8 intermediates; real web PKI paths have 2 to 4.
    pub max_path_len: usize,
    /// Bytes of one certificate's DER (a PEM block's decoded body, a DER
    /// object, an entry in a PKCS#7 bundle). Real ones are 1 to 2 KB; the
    /// largest in the fixtures is 16 KB (a CA with long name constraints),
    /// and post-quantum SLH-DSA signatures alone reach 50 KB.
    pub max_certificate_bytes: usize,
    /// Bytes of one OCSP response. Real ones are 0.5 to 4 KB (with the
    /// responder's certificate); 256 KiB leaves room for a response about
    /// many certificates.
    pub max_ocsp_response_bytes: usize,
    /// Bytes of one CRL. CRLs of large CAs run to megabytes (the Amazon
    /// fixtures are 490 KB, DoD's several MB), so this is the input limit.
    pub max_crl_bytes: usize,
    /// Bytes of a certificate's subject or issuer Name (DER). Real names are
    /// under 1 KB; RFC 5280's upper bounds allow a few KB per attribute.
    pub max_name_bytes: usize,
    /// Relative distinguished names in one Name. Real names have 2 to 15.
    pub max_name_rdns: usize,
    /// Bytes of one extension's value. The largest real ones (subject
    /// alternative names of shared certificates, name constraints) are
    /// tens of KB at most.
    pub max_extension_bytes: usize,
    /// Extensions in one certificate. Real ones carry 6 to 15.
    pub max_extensions: usize,
    /// Nodes of one object's ASN.1 tree (the Bytes view, `--asn1`, byte
    /// ranges). A certificate has 100 to 300; a CRL about 5 per entry, so
    /// the 14,000-entry fixture needs ~70,000. Each node costs ~200 bytes,
    /// so 250,000 keep a hostile 8 MB object's tree under ~60 MB.
    pub max_asn1_nodes: usize,
    /// Nesting depth of one object's ASN.1 tree, encapsulated values
    /// included. Real certificates nest under 12 levels; the parser
    /// recurses once per level, so this also bounds its stack.
    pub max_asn1_depth: usize,
}

impl Default for Limits {
    fn default() -> Self {
        Limits {
            max_input_bytes: 8 * 1024 * 1024,
            max_inputs: 64,
            max_objects: 2_000,
            max_signature_checks: 200,
            max_build_steps: 200_000,
            max_name_comparisons: 250_000,
            max_crl_lookups: 100_000,
            max_policy_nodes: 1_000,
            max_kdf_iterations: 2_000_000,
            max_path_len: 10,
            max_certificate_bytes: 256 * 1024,
            max_ocsp_response_bytes: 256 * 1024,
            max_crl_bytes: 8 * 1024 * 1024,
            max_name_bytes: 16 * 1024,
            max_name_rdns: 64,
            max_extension_bytes: 64 * 1024,
            max_extensions: 64,
            max_asn1_nodes: 250_000,
            max_asn1_depth: 64,
        }
    }
}

impl Default for Options {
    fn default() -> Self {
        Options {
            as_of: Timestamp::default(),
            host: None,
            use_system_roots: true,
            extra_anchors: Vec::new(),
            min_rsa_bits: 2048,
            expiring_soon_days: 30,
            initial_policy_set: vec![ANY_POLICY],
            initial_explicit_policy: false,
            initial_policy_mapping_inhibit: false,
            initial_any_policy_inhibit: false,
            limits: Limits::default(),
            profile: Profile::default(),
            max_intermediates: None,
        }
    }
}

/// A policy as a person types it: dotted decimal (`2.23.140.1.2.1`), or
/// one of the names the report uses (`DV`, `OV`, `IV`, `EV`, `anyPolicy`),
/// case-insensitively.
pub fn parse_policy(text: &str) -> Result<ObjectIdentifier, String> {
    let text = text.trim();
    let named = crate::chain::policy::POLICY_NAMES.iter().find(|(_, name)| name.eq_ignore_ascii_case(text));
    if let Some(&(oid, _)) = named {
        return Ok(oid);
    }
    ObjectIdentifier::new(text).map_err(|_| {
        format!("{text:?} is not a policy OID (dotted decimal such as 2.23.140.1.2.1, or DV, OV, IV, EV, anyPolicy)")
    })
}

impl Options {
    pub fn at(as_of: Timestamp) -> Self {
        Options { as_of, ..Options::default() }
    }
}
