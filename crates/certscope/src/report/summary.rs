//! The install-check summary, worded from the stages' typed results: the
//! verdict, the chain issues and the table's rows. Row labels and every
//! enum's words come from [`labels`]; this module only composes them with
//! names and dates. It knows the report's types, not the stages.

use super::labels::{self, certificate_status, chain_issue, row_label};
use super::*;
use crate::time::Timestamp;

/// What the summary is worded from: the report's sections, and the
/// options that shape the wording.
pub(crate) struct SummaryInputs<'a> {
    pub as_of: Timestamp,
    pub expiring_soon_days: i64,
    pub host: Option<&'a str>,
    pub leaf: Option<&'a CertificateReport>,
    pub chain: &'a ChainReport,
    pub trusted: bool,
    pub ocsp: Option<&'a OcspReport>,
    pub stapling: Option<&'a StaplingReport>,
    /// The leaf's status by the main OCSP response.
    pub ocsp_status: Option<CertificateStatus>,
    pub must_staple_satisfied: Option<bool>,
    pub crls: &'a [CrlReport],
    /// Sorted, most severe first.
    pub findings: &'a [Finding],
}

/// The summary: verdict, chain issues, revocation facts and the rows.
pub(crate) fn summarize(s: &SummaryInputs<'_>) -> Summary {
    let findings = s.findings;
    let mut chain_issues: Vec<Code> = Vec::new();
    for f in findings {
        if chain_issue(f.code).is_some() && !chain_issues.contains(&f.code) {
            chain_issues.push(f.code);
        }
    }
    let verdict = if findings.iter().any(|f| f.severity == Severity::Error) {
        Verdict::Error
    } else if findings.iter().any(|f| f.severity == Severity::Warning) {
        Verdict::Warning
    } else {
        Verdict::Ok
    };
    let revocation_info = RevocationInfo {
        ocsp: s.leaf.map(|l| l.ocsp_urls.clone()).unwrap_or_default(),
        crl: s.leaf.map(|l| l.crl_urls.clone()).unwrap_or_default(),
    };
    let mut summary = Summary {
        verdict,
        chain_issues,
        trusted: s.trusted,
        must_staple: s.leaf.is_some_and(|l| l.must_staple),
        revocation_info,
        ocsp_status: s.ocsp_status,
        must_staple_satisfied: s.must_staple_satisfied,
        crl_status: crl_status(s.crls, findings, s.leaf.map(|l| l.index)),
        rows: Vec::new(),
    };
    summary.rows = rows(s, &summary);
    summary
}

/// The leaf's status by the CRLs given (RFC 5280 §6.3.3): revoked when one
/// lists it, undetermined when `crl-status-undetermined` says so.
fn crl_status(crls: &[CrlReport], findings: &[Finding], leaf: Option<usize>) -> Option<CrlStatus> {
    let leaf = leaf?;
    if crls.is_empty() {
        return None;
    }
    if crls.iter().any(|c| c.revoked.iter().any(|r| r.certificate == leaf)) {
        Some(CrlStatus::Revoked)
    } else if findings.iter().any(|f| f.code == Code::CrlStatusUndetermined && f.certificate == Some(leaf)) {
        Some(CrlStatus::Undetermined)
    } else {
        Some(CrlStatus::NotRevoked)
    }
}

fn has(findings: &[Finding], code: Code) -> Option<&Finding> {
    findings.iter().find(|f| f.code == code)
}

fn row(id: RowId, value: impl Into<String>, badge: Badge) -> SummaryRow {
    SummaryRow { id, label: row_label(id).to_string(), value: value.into(), badge }
}

fn rows(inputs: &SummaryInputs<'_>, s: &Summary) -> Vec<SummaryRow> {
    let SummaryInputs { as_of, leaf, chain, ocsp, stapling, findings, .. } = *inputs;
    let mut rows = Vec::new();

    rows.push(match leaf {
        Some(l) => row(
            RowId::Certificate,
            format!("{} — issued by {}", l.short_name.clone(), l.issuer_short_name.clone()),
            Badge::Neutral,
        ),
        None => row(RowId::Certificate, "None found", Badge::Error),
    });

    rows.push(match leaf {
        None => row(RowId::Valid, "No certificate", Badge::Error),
        Some(l) if l.not_after < as_of => {
            row(RowId::Valid, format!("No — expired on {}", l.not_after.to_human()), Badge::Error)
        }
        Some(l) if l.not_before > as_of => {
            row(RowId::Valid, format!("No — not valid until {}", l.not_before.to_human()), Badge::Error)
        }
        Some(l) => {
            let days = l.not_after.unix().saturating_sub(as_of.unix()) / crate::time::SECONDS_PER_DAY;
            let other = findings.iter().find(|f| matches!(f.code, Code::Expired | Code::NotYetValid));
            // A revoked certificate is not valid, whatever its dates say.
            let revoked = findings
                .iter()
                .find(|f| matches!(f.code, Code::CrlRevoked | Code::OcspRevoked | Code::StapleRevokedText));
            match (revoked, other) {
                (Some(f), _) if f.certificate == Some(l.index) => {
                    row(RowId::Valid, format!("No — revoked ({})", revocation_source(f.code)), Badge::Error)
                }
                (Some(f), _) => row(RowId::Valid, format!("Leaf yes, but {}", f.message), Badge::Error),
                (None, Some(f)) => row(RowId::Valid, format!("Leaf yes, but {}", f.message), Badge::Error),
                (None, None) if days < inputs.expiring_soon_days => row(
                    RowId::Valid,
                    format!("Yes — but expires on {} ({days} days left)", l.not_after.to_human()),
                    Badge::Warning,
                ),
                (None, None) => {
                    row(RowId::Valid, format!("Yes — until {} ({days} days left)", l.not_after.to_human()), Badge::Good)
                }
            }
        }
    });

    if s.chain_issues.is_empty() {
        rows.push(row(RowId::ChainIssues, "None", Badge::Good));
    } else {
        let labels: Vec<&str> = s.chain_issues.iter().filter_map(|c| chain_issue(*c)).collect();
        let badge =
            if s.chain_issues.iter().any(|c| findings.iter().any(|f| f.code == *c && f.severity == Severity::Error)) {
                Badge::Error
            } else if s
                .chain_issues
                .iter()
                .any(|c| findings.iter().any(|f| f.code == *c && f.severity == Severity::Warning))
            {
                Badge::Warning
            } else {
                Badge::Neutral
            };
        rows.push(row(RowId::ChainIssues, labels.join(", "), badge));
    }

    rows.push(if s.trusted {
        let anchor = chain.links.last().map(|l| format!(" — chains to {}", l.short_name.clone())).unwrap_or_default();
        row(RowId::Trusted, format!("Yes{anchor}"), Badge::Good)
    } else if let Some(m) = &chain.missing_issuer {
        row(RowId::Trusted, format!("No — missing issuer {}", m.short_name.clone()), Badge::Error)
    } else if has(findings, Code::UntrustedRoot).is_some() || has(findings, Code::SelfSignedLeaf).is_some() {
        row(RowId::Trusted, "No — the root is not in the trust store", Badge::Error)
    } else {
        row(RowId::Trusted, "No", Badge::Error)
    });

    let r = &s.revocation_info;
    rows.push(match (r.ocsp.is_empty(), r.crl.is_empty()) {
        (false, false) => row(RowId::RevocationInformation, "OCSP, CRL", Badge::Good),
        (false, true) => row(RowId::RevocationInformation, "OCSP", Badge::Good),
        (true, false) => row(RowId::RevocationInformation, "CRL", Badge::Good),
        (true, true) if leaf.is_some() => row(RowId::RevocationInformation, "None", Badge::Warning),
        (true, true) => row(RowId::RevocationInformation, "Not applicable", Badge::Neutral),
    });

    if let Some(status) = s.crl_status {
        let badge = match status {
            CrlStatus::NotRevoked => Badge::Good,
            CrlStatus::Revoked => Badge::Error,
            CrlStatus::Undetermined => Badge::Warning,
        };
        rows.push(row(RowId::CrlStatus, labels::crl_status(status), badge));
    }

    let status_row = ocsp_status_row(ocsp, findings);
    // The staple's verified bytes are the main response: its row speaks for the staple.
    let staple_checked = stapling.and_then(|st| st.der_source.as_ref()).zip(ocsp).filter(|(src, o)| o.source == **src);
    let claim = stapling.filter(|st| st.der_source.is_none()).and_then(claimed_leaf_response);
    rows.push(match (ocsp, claim) {
        (None, Some(c)) => claim_status_row(c, findings),
        _ => status_row.clone(),
    });

    rows.push(match stapling.map(|st| st.state) {
        Some(StaplingState::NotSent) => row(RowId::OcspStapling, "No — the server sent no OCSP response", Badge::Error),
        Some(StaplingState::Stapled) => match (staple_checked, claim) {
            (Some((_, o)), _) => stapled_verified_row(o, &status_row),
            (None, Some(c)) => {
                let (value, badge) = claim_summary(c, findings);
                row(
                    RowId::OcspStapling,
                    format!("Stapled: {value} — as printed; signature not checked (capture with -msg)"),
                    badge,
                )
            }
            (None, None) => match stapling.and_then(|st| st.claim.as_ref()).and_then(|c| c.response_status) {
                Some(status) if !status.is_successful() => row(
                    RowId::OcspStapling,
                    format!("Stapled: the responder's error {status}, not a status — as printed"),
                    Badge::Error,
                ),
                _ => row(RowId::OcspStapling, "Yes — the server stapled a response", Badge::Good),
            },
        },
        Some(StaplingState::NotRequested) => {
            row(RowId::OcspStapling, "Not requested (use openssl s_client -status -msg)", Badge::Neutral)
        }
        None if ocsp.is_some() => row(RowId::OcspStapling, "Response supplied (checked above)", Badge::Neutral),
        None => row(RowId::OcspStapling, "Not checked — paste `openssl s_client -status -msg` output", Badge::Neutral),
    });

    let claimed_good = claim.is_some_and(|c| {
        c.matches_leaf != Some(false)
            && c.status == Some(CertificateStatus::Good)
            && c.freshness == Some(Freshness::Fresh)
    });
    rows.push(match (s.must_staple, s.must_staple_satisfied) {
        (false, _) => row(RowId::OcspMustStaple, "No", Badge::Neutral),
        (true, Some(true)) if staple_checked.is_some() => {
            row(RowId::OcspMustStaple, "Yes — a valid, fresh response is stapled", Badge::Good)
        }
        (true, Some(true)) => row(RowId::OcspMustStaple, "Yes — a valid, fresh response is present", Badge::Good),
        (true, _) if ocsp.is_none() && claimed_good => row(
            RowId::OcspMustStaple,
            "Yes — the server claims a good, fresh staple, unverified (text only: capture with -msg)",
            Badge::Warning,
        ),
        (true, _) => row(RowId::OcspMustStaple, "Yes — but no valid, fresh response is stapled", Badge::Error),
    });

    if let Some(host) = inputs.host {
        rows.push(match has(findings, Code::HostMismatch) {
            Some(_) => row(RowId::HostName, format!("Does not match {host}"), Badge::Error),
            None if leaf.is_some() => row(RowId::HostName, format!("Matches {host}"), Badge::Good),
            None => row(RowId::HostName, format!("{host} — no certificate to check"), Badge::Error),
        });
    }
    rows
}

fn revocation_source(code: Code) -> &'static str {
    match code {
        Code::OcspRevoked => "per the OCSP response",
        Code::StapleRevokedText => "per the server's stapled response, as printed",
        _ => "listed in the CRL",
    }
}

/// The printed response about the leaf (by serial), else the first.
fn claimed_leaf_response(st: &StaplingReport) -> Option<&ClaimedResponse> {
    let c = st.claim.as_ref()?;
    c.responses.iter().find(|r| r.matches_leaf == Some(true)).or_else(|| c.responses.first())
}

/// "Revoked, fresh" and its badge, from the printed claim: errors as the
/// findings have them, else neutral (a claim is not a verified status).
fn claim_summary(c: &ClaimedResponse, findings: &[Finding]) -> (String, Badge) {
    let status = c.status.map_or("no status", certificate_status);
    let fresh = match (c.freshness, c.next_update) {
        (Some(Freshness::Stale), Some(n)) => format!("stale since {}", n.to_human()),
        (Some(Freshness::NotYetValid), _) => labels::freshness(Freshness::NotYetValid).to_string(),
        (Some(Freshness::Fresh) | None, Some(n)) => format!("fresh until {}", n.to_human()),
        (Some(Freshness::Fresh | Freshness::Stale) | None, None) => "no next update".to_string(),
    };
    let mut value = format!("{status}, {fresh}");
    if c.matches_leaf == Some(false) {
        value = format!("{value}, for serial {} (not this certificate)", c.serial.as_deref().unwrap_or("?"));
    }
    let error = findings.iter().any(|f| f.code.code().starts_with("staple-") && f.severity == Severity::Error);
    let warning = findings.iter().any(|f| f.code.code().starts_with("staple-") && f.severity == Severity::Warning);
    let badge = if error {
        Badge::Error
    } else if warning {
        Badge::Warning
    } else {
        Badge::Neutral
    };
    (value, badge)
}

fn claim_status_row(c: &ClaimedResponse, findings: &[Finding]) -> SummaryRow {
    let (mut value, badge) = claim_summary(c, findings);
    if let (Some(CertificateStatus::Revoked), Some(t)) = (c.status, c.revocation_time) {
        value = format!("{value}; revoked {}", t.to_human());
        if let Some(reason) = &c.revocation_reason {
            value = format!("{value} ({reason})");
        }
    }
    row(RowId::OcspStatus, format!("{value} — the server's claim, as printed (signature not checked)"), badge)
}

/// The staple read from the `-msg` dump and verified: "Stapled: Good,
/// fresh", with the OCSP Status row's badge, which weighs the same checks.
fn stapled_verified_row(o: &OcspReport, status_row: &SummaryRow) -> SummaryRow {
    // RFC 6960 §4.2.1: an error response (Apache staples its own tryLater when
    // the responder is down) carries no certificate status and no signature.
    if !o.response_status.is_successful() {
        return row(
            RowId::OcspStapling,
            format!(
                "Stapled: the responder's error {}, not a status (bytes read from the -msg dump)",
                o.response_status
            ),
            Badge::Error,
        );
    }
    let what = match &o.leaf {
        Some(l) => format!("{}, {}", certificate_status(l.status), labels::freshness(l.freshness)),
        None => "not matched to this certificate".to_string(),
    };
    let signature = labels::ocsp_signature(o.signature.unwrap_or(OcspSignature::Unverifiable));
    row(RowId::OcspStapling, format!("Stapled: {what} — {signature} (bytes read from the -msg dump)"), status_row.badge)
}

fn ocsp_status_row(ocsp: Option<&OcspReport>, findings: &[Finding]) -> SummaryRow {
    let Some(o) = ocsp else {
        return row(RowId::OcspStatus, "Not provided", Badge::Neutral);
    };
    if !o.response_status.is_successful() {
        return row(
            RowId::OcspStatus,
            format!("Error response: {} — {}", o.response_status, o.status_meaning),
            Badge::Error,
        );
    }
    let Some(leaf) = &o.leaf else {
        return row(RowId::OcspStatus, "No response for this certificate", Badge::Error);
    };
    let who = match (o.signature, o.responder) {
        (Some(OcspSignature::Valid), Some(who @ (ResponderKind::Issuer | ResponderKind::Delegated))) => {
            format!("signed by {}", labels::responder(who))
        }
        (Some(signature), _) => labels::ocsp_signature(signature).to_string(),
        (None, _) => "signature not checked".to_string(),
    };
    let when = match (leaf.freshness, leaf.next_update) {
        (Freshness::Stale, Some(n)) => format!("stale since {}", n.to_human()),
        (Freshness::NotYetValid, _) => format!("not valid until {}", leaf.this_update.to_human()),
        (Freshness::Fresh, Some(n)) => format!("fresh until {}", n.to_human()),
        (Freshness::Fresh | Freshness::Stale, None) => "no nextUpdate".to_string(),
    };
    let status = certificate_status(leaf.status);
    let mut value = format!("{status} — {who}, {when}");
    if let (Some(t), CertificateStatus::Revoked) = (leaf.revocation_time, leaf.status) {
        value = format!("{value}; revoked {}", t.to_human());
        if let Some(reason) = &leaf.revocation_reason {
            value = format!("{value} ({reason})");
        }
    }
    let ocsp_error = findings.iter().any(|f| f.code.code().starts_with("ocsp-") && f.severity == Severity::Error);
    let ocsp_warning = findings.iter().any(|f| f.code.code().starts_with("ocsp-") && f.severity == Severity::Warning);
    let badge = if leaf.status != CertificateStatus::Good || ocsp_error {
        Badge::Error
    } else if ocsp_warning {
        Badge::Warning
    } else {
        Badge::Good
    };
    row(RowId::OcspStatus, value, badge)
}
