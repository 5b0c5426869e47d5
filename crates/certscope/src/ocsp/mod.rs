//! OCSP responses, must-staple readiness, stapling as a transcript shows it,
//! and the capture helper.

use crate::chain::anchors::Anchors;
use crate::chain::ChainOutcome;
use crate::input::Decoded;
use crate::options::Options;
use crate::report::{CaptureHelp, Finding, OcspReport, StaplingReport};
use crate::x509::Cert;

#[derive(Default)]
pub(crate) struct OcspOutcome {
    pub report: Option<OcspReport>,
    pub stapling: Option<StaplingReport>,
    pub capture: Option<CaptureHelp>,
    /// `good`, `revoked`, `unknown` for the leaf.
    pub leaf_status: Option<String>,
    pub must_staple_satisfied: Option<bool>,
}

pub(crate) fn analyze_ocsp(
    _decoded: &Decoded,
    _certs: &[Cert],
    _chain: &ChainOutcome,
    _anchors: &Anchors,
    _opts: &Options,
    _findings: &mut Vec<Finding>,
) -> OcspOutcome {
    OcspOutcome::default()
}
