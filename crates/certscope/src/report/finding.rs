use super::bytes::ByteRange;
use super::code::{Code, Severity, STRICT_ONLY_NOTE};
use crate::asn1::{Locator, ObjectKind};
use crate::options::Profile;
use serde::Serialize;

/// One problem or observation, with what to do about it.
#[derive(Clone, Debug, PartialEq, Eq, Serialize)]
#[cfg_attr(feature = "schema", derive(schemars::JsonSchema))]
pub struct Finding {
    pub code: Code,
    pub severity: Severity,
    /// Input index of the certificate it concerns, if any.
    pub certificate: Option<usize>,
    /// A plain-English sentence naming the names, dates and places involved.
    pub message: String,
    pub remedy: String,
    pub reference: String,
    /// The bytes it is about: the most specific node (the extension, the
    /// INTEGER, the signature). Absent when it concerns no one field, or
    /// a field the object lacks.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub bytes: Option<ByteRange>,
    /// Where the finding points before the objects have their report
    /// places; resolved into `bytes` at the end of `analyze`.
    #[serde(skip)]
    pub(crate) target: Target,
}

/// The object and field a finding points at, as the check that made it
/// knows them. Unset parts come from the finding: the object from
/// `certificate`, the field from `ranges::concern(code)`.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub(crate) struct Target {
    pub object: Option<Subject>,
    pub locator: Option<Locator>,
}

/// A decoded object, by what the checks know of it.
#[derive(Clone, Debug, PartialEq, Eq)]
pub(crate) enum Subject {
    /// By input index.
    Certificate(usize),
    /// An OCSP response, CRL or CSR, by its source's input and block.
    Other { kind: ObjectKind, input: usize, block: usize },
}

impl Finding {
    /// A finding about the report as a whole or about a non-certificate object.
    pub fn new(code: Code, message: impl Into<String>) -> Self {
        Finding {
            code,
            severity: code.severity(),
            certificate: None,
            message: message.into(),
            remedy: code.remedy().to_string(),
            reference: code.reference().to_string(),
            bytes: None,
            target: Target::default(),
        }
    }

    /// Points the finding at a field of its object (when the field
    /// depends on the case: which extension, which SingleResponse).
    pub(crate) fn at(mut self, locator: Locator) -> Self {
        self.target.locator = Some(locator);
        self
    }

    /// A finding about the certificate at input index `index`.
    pub fn about(code: Code, index: usize, message: impl Into<String>) -> Self {
        Finding { certificate: Some(index), ..Finding::new(code, message) }
    }

    /// Replaces the generic remedy with a specific one (a URL to fetch, a
    /// server snippet).
    pub fn with_remedy(mut self, remedy: impl Into<String>) -> Self {
        self.remedy = remedy.into();
        self
    }

    /// A strict-only finding as `profile` judges it: an error under Strict,
    /// a warning under Browsers that says strict validators reject it.
    /// Other findings are unchanged.
    pub fn for_profile(mut self, profile: Profile) -> Self {
        if self.code.strict_only() {
            self.severity = self.code.severity_in(profile);
            if profile == Profile::Browsers && !self.message.ends_with(STRICT_ONLY_NOTE) {
                self.message = format!("{} {STRICT_ONLY_NOTE}", self.message);
            }
        }
        self
    }

    /// Overrides the default severity where context changes it.
    pub fn with_severity(mut self, severity: Severity) -> Self {
        self.severity = severity;
        self
    }
}

/// Findings from `start` on were made while checking one OCSP response,
/// CRL or CSR: those not yet pointed at an object are about it.
pub(crate) fn made_on(findings: &mut [Finding], start: usize, kind: ObjectKind, source: &super::Source) {
    for f in findings.iter_mut().skip(start) {
        if f.target.object.is_none() {
            f.target.object = Some(Subject::Other { kind, input: source.input, block: source.block });
        }
    }
}

/// Most severe first, then by certificate (report-wide ones first), then code.
pub fn sort_findings(findings: &mut [Finding]) {
    findings.sort_by(|a, b| {
        (a.severity, a.certificate.map_or(0, |i| i + 1), a.code).cmp(&(
            b.severity,
            b.certificate.map_or(0, |i| i + 1),
            b.code,
        ))
    });
}
