//! The Report: everything certscope concluded, as one serializable value.
//!
//! # Wire format (the `--json` contract)
//!
//! The CLI's `--json` output and the web app's "Copy JSON" are this struct
//! serialized with serde. Field names and enum strings are stable; new fields
//! may be added. The full schema, every field with its type and enum strings,
//! and a real example: `docs/report.md`. Every finding code with its
//! severity, reference and remedy: `docs/findings.md` (generated from
//! [`Code::ALL`]). Both are checked against the code by
//! `crates/certscope-cli/tests/docs.rs`.
//!
//! Every word the report's enums stand for, and every summary row's label,
//! is in [`labels`], so that the CLI, the app and embedders say the same
//! thing. The summary values ("None", "Good — signed by the issuer, fresh
//! until …") are worded in [`summary`] from typed results.

mod admin;
mod bytes;
mod certificate;
mod chain;
pub mod code;
mod crl;
mod encoding;
pub mod finding;
mod freshness;
pub mod labels;
mod ocsp;
pub mod render;
mod stapling;
pub mod summary;
mod verdict;

pub use admin::*;
pub use bytes::{ByteRange, Field, FieldRange, ObjectRef};
pub use certificate::*;
pub use chain::*;
pub use code::{Code, Severity};
pub use crl::*;
pub use encoding::Encoding;
pub use finding::Finding;
pub use freshness::Freshness;
pub use ocsp::*;
pub use stapling::*;
pub use verdict::*;

use crate::time::Timestamp;
use serde::Serialize;

/// Version of the JSON contract (`docs/report.schema.json`). 2: every
/// enumerated word is a typed enum, summary rows carry an `id`. 3:
/// findings and fields may carry `bytes`, a [`ByteRange`] in an object's DER.
pub const SCHEMA_VERSION: u32 = 3;

/// The Report's JSON Schema (2020-12), derived from the types: what
/// `docs/report.schema.json` holds (tests/schema.rs keeps them equal).
#[cfg(feature = "schema")]
pub fn json_schema() -> schemars::Schema {
    let mut schema = schemars::schema_for!(Report);
    schema.insert("title".into(), "certscope report".into());
    schema.insert(
        "description".into(),
        format!("The JSON of `certscope --json` and the web app's report, schema_version {SCHEMA_VERSION}; see docs/report.md.")
            .into(),
    );
    schema
}

#[derive(Clone, Debug, PartialEq, Serialize)]
#[cfg_attr(feature = "schema", derive(schemars::JsonSchema))]
pub struct Report {
    pub schema_version: u32,
    /// The time everything was checked at.
    pub as_of: Timestamp,
    /// The host name checked against the leaf, if one was given.
    pub host: Option<String>,
    /// Whose rules judged the verdict: `browsers` or `strict`.
    pub profile: crate::options::Profile,
    /// What was found in each input, in input order.
    pub inputs: Vec<InputSummary>,
    /// Every decoded certificate, in input order (`index` = position here).
    pub certificates: Vec<CertificateReport>,
    pub chain: ChainReport,
    /// Null when no OCSP response was given. With several, the one about
    /// the leaf (by CertID; the freshest good one if several are).
    pub ocsp: Option<OcspReport>,
    /// The other OCSP responses given, in input order (empty with one or none).
    pub ocsp_other: Vec<OcspOtherReport>,
    pub crls: Vec<CrlReport>,
    /// Private keys given for the key-match check, in input order: which
    /// certificates each belongs to. Never any key material.
    pub keys: Vec<KeyMatchReport>,
    /// Certificate signing requests given, and the certificates issued for them.
    pub requests: Vec<CsrReport>,
    /// Each PKCS#12 (PFX) file given: how it was opened and the
    /// friendlyName and localKeyId of each certificate in it.
    pub pfx: Vec<PfxReport>,
    /// What an `openssl s_client -status` transcript says the server did.
    pub stapling: Option<StaplingReport>,
    /// How to fetch an OCSP response for the leaf by hand (null without a leaf and issuer).
    pub capture: Option<CaptureHelp>,
    pub summary: Summary,
    /// Most severe first.
    pub findings: Vec<Finding>,
    /// The work the analysis spent against its budget (`Options::limits`).
    pub work: WorkReport,
}

/// What one analysis spent of its work budget (see `Limits`): counts of
/// real work done, and the `Limits` fields that ran out.
#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize)]
#[cfg_attr(feature = "schema", derive(schemars::JsonSchema))]
pub struct WorkReport {
    /// Inputs read (at most `max_inputs`).
    pub inputs: usize,
    /// Bytes read from the inputs and the trust-anchors box together.
    pub input_bytes: usize,
    /// Objects decoded from the inputs and the trust-anchors box together.
    pub objects: usize,
    /// Signature checks spent, every stage together; a check with an RSA
    /// key over 4,096 bits counts as (bits / 4,096)², rounded up.
    pub signature_checks: usize,
    /// Signature checks answered from the analysis's cache instead.
    pub signature_cache_hits: usize,
    /// Path-building steps.
    pub build_steps: usize,
    /// Name-constraint comparisons (one name against one subtree).
    pub name_comparisons: usize,
    /// CRL serial lookups (one certificate in one CRL's index).
    pub crl_lookups: usize,
    /// RFC 5280 §6.1 valid_policy_tree nodes made for the path.
    pub policy_nodes: usize,
    /// PBKDF2 / PKCS#12 KDF iterations run to open PFX files and keys.
    pub kdf_iterations: usize,
    /// The `Limits` fields that ran out (each also has a finding).
    pub exceeded: Vec<String>,
}

/// Where an object came from.
#[derive(Clone, Debug, PartialEq, Eq, Serialize)]
#[cfg_attr(feature = "schema", derive(schemars::JsonSchema))]
pub struct Source {
    /// Index of the input (file or paste) it was found in.
    pub input: usize,
    /// The input's name (a file name), if it had one.
    pub name: Option<String>,
    /// 1-based position of the object within its input.
    pub block: usize,
    /// How it was encoded: `pem`, `der`, `base64`, `hex`, `pkcs7`, `pkcs12`, `transcript`.
    pub encoding: Encoding,
}

#[derive(Clone, Debug, PartialEq, Eq, Serialize)]
#[cfg_attr(feature = "schema", derive(schemars::JsonSchema))]
pub struct InputSummary {
    pub index: usize,
    pub name: Option<String>,
    pub bytes: usize,
    /// Human summary, e.g. "3 certificates, 1 OCSP response (openssl s_client transcript)".
    pub found: String,
    /// Objects found in this input, by kind.
    pub certificates: usize,
    pub ocsp_responses: usize,
    pub crls: usize,
}
