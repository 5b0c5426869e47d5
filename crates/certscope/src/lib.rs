//! certscope: decode a certificate chain, OCSP responses and CRLs; check
//! every signature, the chain's order and completeness, validity windows,
//! OCSP status and freshness, and must-staple; return one [`Report`].
//!
//! Data flows one way: bytes in ([`input`]) → decoded objects ([`x509`]) →
//! checks ([`chain`], [`ocsp`], [`crl`]) → [`Report`] → views (CLI, web app).
//! No clock, no I/O, no network: the caller passes the time in [`Options`].
//!
//! ```
//! use certscope::{analyze, Input, Options, Timestamp};
//! let opts = Options::at(Timestamp::parse_rfc3339("2026-01-01T00:00:00Z").unwrap());
//! let report = analyze(&[Input::text("not a certificate")], &opts);
//! assert_eq!(report.findings[0].code.code(), "input-unrecognized");
//! ```

#![forbid(unsafe_code)]

mod chain;
mod crl;
mod input;
mod ocsp;
mod options;
pub mod report;
mod time;
mod verify;
mod x509;

pub use input::{Input, InputHint};
pub use options::{Limits, Options};
pub use report::{Code, Finding, Report, Severity};
pub use time::Timestamp;

/// Runs every check over `inputs` and returns the report. Never panics on
/// any input; problems become findings.
pub fn analyze(inputs: &[Input], opts: &Options) -> Report {
    let mut findings = Vec::new();
    let decoded = input::decode_inputs(inputs, &opts.limits, &mut findings);
    let certs = x509::decode_all(&decoded.certs, &mut findings);
    let anchors = chain::anchors::Anchors::new(opts, &mut findings);
    let chain = chain::analyze_chain(&certs, &anchors, opts, &mut findings);
    let ocsp = ocsp::analyze_ocsp(&decoded, &certs, &chain, &anchors, opts, &mut findings);
    let crls = crl::analyze_crls(&decoded.crls, &certs, &chain, &anchors, opts, &mut findings);
    report::summary::assemble(report::summary::Parts { opts, decoded, certs: &certs, chain, ocsp, crls, findings })
}
