use super::code::{Code, Severity, STRICT_ONLY_NOTE};
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
        }
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
