//! Trust anchors: Mozilla's store (webpki-root-certs) and the user's own.

use crate::options::Options;
use crate::report::Finding;
use crate::x509::Cert;

pub(crate) struct Anchors {
    /// Anchors the user supplied, decoded.
    pub user: Vec<Cert>,
    /// Whether Mozilla's store is in use.
    pub use_system: bool,
}

impl Anchors {
    pub fn new(opts: &Options, _findings: &mut Vec<Finding>) -> Self {
        Anchors { user: Vec::new(), use_system: opts.use_system_roots }
    }
}
