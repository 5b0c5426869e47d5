//! Puts the stages' results together and words the install-check summary.

use super::finding::sort_findings;
use super::*;
use crate::chain::ChainOutcome;
use crate::input::Decoded;
use crate::ocsp::OcspOutcome;
use crate::options::{Options, Profile};
use crate::work::Work;
use crate::x509::Cert;

/// Codes that count as "Chain Issues" on an install-check page.
pub const CHAIN_ISSUE_CODES: &[Code] = &[
    Code::NoCertificate,
    Code::IssuerMissing,
    Code::IssuerNameMismatch,
    Code::SignatureInvalid,
    Code::WrongOrder,
    Code::DuplicateCertificate,
    Code::ExtraCertificate,
    Code::RootIncluded,
    Code::RootCopyInvalid,
    Code::UntrustedRoot,
    Code::SelfSignedLeaf,
    Code::IssuerNotCa,
    Code::IssuerMissingKeyCertSign,
    Code::PathLengthExceeded,
    Code::NameConstraintsViolated,
    Code::PathBudgetExceeded,
    Code::PolicyRequiredNoneValid,
    Code::PolicyTreeTooLarge,
    Code::PolicyDuplicate,
    Code::PolicyMappingAnyPolicy,
    Code::PolicyExtensionMalformed,
];

/// How an install-check page names a chain issue.
pub fn chain_issue_label(code: Code) -> &'static str {
    match code {
        Code::NoCertificate => "No certificate",
        Code::IssuerMissing => "Incomplete (missing intermediate)",
        Code::IssuerNameMismatch => "Issuer name mismatch",
        Code::SignatureInvalid => "Invalid signature",
        Code::WrongOrder => "Incorrect order",
        Code::DuplicateCertificate => "Duplicate certificate",
        Code::ExtraCertificate => "Extra certificates",
        Code::RootIncluded => "Contains anchor",
        Code::RootCopyInvalid => "Damaged root copy",
        Code::UntrustedRoot => "Untrusted root",
        Code::SelfSignedLeaf => "Self-signed",
        Code::IssuerNotCa => "Issuer is not a CA",
        Code::IssuerMissingKeyCertSign => "Issuer may not sign certificates",
        Code::PathLengthExceeded => "Path length exceeded",
        Code::NameConstraintsViolated => "Name constraints violated",
        Code::PathBudgetExceeded => "Too many candidates to search",
        Code::PolicyRequiredNoneValid => "No acceptable certificate policy",
        Code::PolicyTreeTooLarge => "Too many policies to evaluate",
        Code::PolicyDuplicate | Code::PolicyMappingAnyPolicy | Code::PolicyExtensionMalformed => {
            "Malformed policy extension"
        }
        other => other.code(),
    }
}

pub(crate) struct Parts<'a> {
    pub opts: &'a Options,
    pub decoded: Decoded,
    pub certs: &'a [Cert],
    pub chain: ChainOutcome,
    pub ocsp: OcspOutcome,
    pub crls: Vec<CrlReport>,
    pub keys: Vec<super::KeyMatchReport>,
    pub requests: Vec<super::CsrReport>,
    pub findings: Vec<Finding>,
    pub work: Work,
}

/// Sets each strict-only finding's severity for the profile in use (the
/// chain stage already did for its own; this covers every stage).
fn apply_profile(profile: Profile, findings: &mut Vec<Finding>) {
    let all = std::mem::take(findings);
    findings.extend(all.into_iter().map(|f| f.for_profile(profile)));
}

pub(crate) fn assemble(parts: Parts<'_>) -> Report {
    let Parts { opts, decoded, certs, chain, ocsp, crls, keys, requests, mut findings, mut work } = parts;

    // A paste of the same chain a thousand times (issue 6's oversize input)
    // builds each distinct certificate's view once and copies it.
    let mut first_by_der: std::collections::HashMap<&[u8], usize> = std::collections::HashMap::new();
    let mut certificates: Vec<CertificateReport> = Vec::with_capacity(certs.len());
    for c in certs {
        let copy = first_by_der.get(c.der()).and_then(|&k| certificates.get(k));
        let mut r = match copy {
            Some(first) => CertificateReport { index: c.index(), source: c.source().clone(), ..first.clone() },
            None => {
                first_by_der.insert(c.der(), certificates.len());
                c.report_within(&mut work)
            }
        };
        if let Some(role) = chain.roles.get(c.index()) {
            r.role = *role;
        }
        if let Some(sig) = chain.signatures.get(c.index()) {
            r.signature = *sig;
        }
        certificates.push(r);
    }
    // Last: every stage has spent what it spent.
    work.findings(&mut findings);
    apply_profile(opts.profile, &mut findings);
    sort_findings(&mut findings);
    findings.dedup();

    let leaf = chain.leaf.and_then(|i| certificates.get(i));
    let mut chain_issues: Vec<Code> = Vec::new();
    for f in &findings {
        if CHAIN_ISSUE_CODES.contains(&f.code) && !chain_issues.contains(&f.code) {
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
        ocsp: leaf.map(|l| l.ocsp_urls.clone()).unwrap_or_default(),
        crl: leaf.map(|l| l.crl_urls.clone()).unwrap_or_default(),
    };
    let must_staple = leaf.is_some_and(|l| l.must_staple);

    let mut summary = Summary {
        verdict,
        chain_issues,
        trusted: chain.trusted,
        must_staple,
        revocation_info,
        ocsp_status: ocsp.leaf_status.clone(),
        must_staple_satisfied: ocsp.must_staple_satisfied,
        crl_status: crl_status(&crls, &findings, chain.leaf),
        rows: Vec::new(),
    };
    summary.rows = rows(opts, &summary, leaf, &chain.report, ocsp.report.as_ref(), ocsp.stapling.as_ref(), &findings);

    Report {
        schema_version: SCHEMA_VERSION,
        as_of: opts.as_of,
        host: opts.host.clone(),
        profile: opts.profile,
        inputs: decoded.inputs,
        certificates,
        chain: chain.report,
        ocsp: ocsp.report,
        ocsp_other: ocsp.other,
        crls,
        keys,
        requests,
        pfx: decoded.pfx,
        stapling: ocsp.stapling,
        capture: ocsp.capture,
        summary,
        findings,
        work: work.report(),
    }
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

fn row(label: &str, value: impl Into<String>, badge: Badge) -> SummaryRow {
    SummaryRow { label: label.to_string(), value: value.into(), badge }
}

/// The CN of an RFC 4514 string (`CN=Amazon Root CA 1,O=Amazon,C=US`), or
/// the whole string when it has none.
pub fn common_name(rfc4514: &str) -> String {
    let mut parts = Vec::new();
    let mut current = String::new();
    let mut escaped = false;
    for ch in rfc4514.chars() {
        match ch {
            _ if escaped => {
                current.push(ch);
                escaped = false;
            }
            '\\' => escaped = true,
            ',' | '+' => parts.push(std::mem::take(&mut current)),
            _ => current.push(ch),
        }
    }
    parts.push(current);
    parts.iter().find_map(|p| p.strip_prefix("CN=")).map_or_else(|| rfc4514.to_string(), str::to_string)
}

/// The common name, or the whole subject when there is none.
pub fn short_name(subject: &str, attributes: &[NameAttribute]) -> String {
    attributes.iter().rev().find(|a| a.name == "CN").map(|a| a.value.clone()).unwrap_or_else(|| subject.to_string())
}

fn rows(
    opts: &Options,
    s: &Summary,
    leaf: Option<&CertificateReport>,
    chain: &ChainReport,
    ocsp: Option<&OcspReport>,
    stapling: Option<&StaplingReport>,
    findings: &[Finding],
) -> Vec<SummaryRow> {
    let mut rows = Vec::new();
    let as_of = opts.as_of;

    rows.push(match leaf {
        Some(l) => row(
            "Certificate",
            format!(
                "{} — issued by {}",
                short_name(&l.subject, &l.subject_attributes),
                short_name(&l.issuer, &l.issuer_attributes)
            ),
            Badge::Neutral,
        ),
        None => row("Certificate", "None found", Badge::Error),
    });

    rows.push(match leaf {
        None => row("Valid", "No certificate", Badge::Error),
        Some(l) if l.not_after < as_of => {
            row("Valid", format!("No — expired on {}", l.not_after.to_human()), Badge::Error)
        }
        Some(l) if l.not_before > as_of => {
            row("Valid", format!("No — not valid until {}", l.not_before.to_human()), Badge::Error)
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
                    row("Valid", format!("No — revoked ({})", revocation_source(f.code)), Badge::Error)
                }
                (Some(f), _) => row("Valid", format!("Leaf yes, but {}", f.message), Badge::Error),
                (None, Some(f)) => row("Valid", format!("Leaf yes, but {}", f.message), Badge::Error),
                (None, None) if days < opts.expiring_soon_days => row(
                    "Valid",
                    format!("Yes — but expires on {} ({days} days left)", l.not_after.to_human()),
                    Badge::Warning,
                ),
                (None, None) => {
                    row("Valid", format!("Yes — until {} ({days} days left)", l.not_after.to_human()), Badge::Good)
                }
            }
        }
    });

    if s.chain_issues.is_empty() {
        rows.push(row("Chain Issues", "None", Badge::Good));
    } else {
        let labels: Vec<&str> = s.chain_issues.iter().map(|c| chain_issue_label(*c)).collect();
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
        rows.push(row("Chain Issues", labels.join(", "), badge));
    }

    rows.push(if s.trusted {
        let anchor =
            chain.links.last().map(|l| format!(" — chains to {}", common_name(&l.subject))).unwrap_or_default();
        row("Trusted", format!("Yes{anchor}"), Badge::Good)
    } else if let Some(m) = &chain.missing_issuer {
        row("Trusted", format!("No — missing issuer {}", common_name(&m.name)), Badge::Error)
    } else if has(findings, Code::UntrustedRoot).is_some() || has(findings, Code::SelfSignedLeaf).is_some() {
        row("Trusted", "No — the root is not in the trust store", Badge::Error)
    } else {
        row("Trusted", "No", Badge::Error)
    });

    let r = &s.revocation_info;
    rows.push(match (r.ocsp.is_empty(), r.crl.is_empty()) {
        (false, false) => row("Revocation Information", "OCSP, CRL", Badge::Good),
        (false, true) => row("Revocation Information", "OCSP", Badge::Good),
        (true, false) => row("Revocation Information", "CRL", Badge::Good),
        (true, true) if leaf.is_some() => row("Revocation Information", "None", Badge::Warning),
        (true, true) => row("Revocation Information", "Not applicable", Badge::Neutral),
    });

    if let Some(status) = s.crl_status {
        rows.push(match status {
            CrlStatus::NotRevoked => row("CRL Status", "Not revoked — the CRLs given cover the leaf", Badge::Good),
            CrlStatus::Revoked => row("CRL Status", "Revoked — listed on a CRL given", Badge::Error),
            CrlStatus::Undetermined => row(
                "CRL Status",
                "Could not be determined — no CRL given covers the leaf for every reason",
                Badge::Warning,
            ),
        });
    }

    let status_row = ocsp_status_row(ocsp, findings);
    // The staple's verified bytes are the main response: its row speaks for the staple.
    let staple_checked = stapling.and_then(|st| st.der_source.as_ref()).zip(ocsp).filter(|(src, o)| o.source == **src);
    let claim = stapling.filter(|st| st.der_source.is_none()).and_then(claimed_leaf_response);
    rows.push(match (ocsp, claim) {
        (None, Some(c)) => claim_status_row(c, findings),
        _ => status_row.clone(),
    });

    rows.push(match stapling.map(|st| st.state.as_str()) {
        Some("not-sent") => row("OCSP Stapling", "No — the server sent no OCSP response", Badge::Error),
        Some("stapled") => match (staple_checked, claim) {
            (Some((_, o)), _) => stapled_verified_row(o, &status_row),
            (None, Some(c)) => {
                let (value, badge) = claim_summary(c, findings);
                row(
                    "OCSP Stapling",
                    format!("Stapled: {value} — as printed; signature not checked (capture with -msg)"),
                    badge,
                )
            }
            (None, None) => {
                match stapling.and_then(|st| st.claim.as_ref()).and_then(|c| c.response_status.as_deref()) {
                    Some(status) if status != "successful" => row(
                        "OCSP Stapling",
                        format!("Stapled: the responder's error {status}, not a status — as printed"),
                        Badge::Error,
                    ),
                    _ => row("OCSP Stapling", "Yes — the server stapled a response", Badge::Good),
                }
            }
        },
        Some(_) => row("OCSP Stapling", "Not requested (use openssl s_client -status -msg)", Badge::Neutral),
        None if ocsp.is_some() => row("OCSP Stapling", "Response supplied (checked above)", Badge::Neutral),
        None => row("OCSP Stapling", "Not checked — paste `openssl s_client -status -msg` output", Badge::Neutral),
    });

    let claimed_good = claim.is_some_and(|c| {
        c.matches_leaf != Some(false) && c.status.as_deref() == Some("good") && c.freshness.as_deref() == Some("fresh")
    });
    rows.push(match (s.must_staple, s.must_staple_satisfied) {
        (false, _) => row("OCSP Must Staple", "No", Badge::Neutral),
        (true, Some(true)) if staple_checked.is_some() => {
            row("OCSP Must Staple", "Yes — a valid, fresh response is stapled", Badge::Good)
        }
        (true, Some(true)) => row("OCSP Must Staple", "Yes — a valid, fresh response is present", Badge::Good),
        (true, _) if ocsp.is_none() && claimed_good => row(
            "OCSP Must Staple",
            "Yes — the server claims a good, fresh staple, unverified (text only: capture with -msg)",
            Badge::Warning,
        ),
        (true, _) => row("OCSP Must Staple", "Yes — but no valid, fresh response is stapled", Badge::Error),
    });

    if let Some(host) = &opts.host {
        rows.push(match has(findings, Code::HostMismatch) {
            Some(_) => row("Host Name", format!("Does not match {host}"), Badge::Error),
            None if leaf.is_some() => row("Host Name", format!("Matches {host}"), Badge::Good),
            None => row("Host Name", format!("{host} — no certificate to check"), Badge::Error),
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
    let status = match c.status.as_deref() {
        Some("good") => "Good",
        Some("revoked") => "Revoked",
        Some("unknown") => "Unknown",
        _ => "no status",
    };
    let fresh = match (c.freshness.as_deref(), c.next_update) {
        (Some("stale"), Some(n)) => format!("stale since {}", n.to_human()),
        (Some("not-yet-valid"), _) => "not yet valid".to_string(),
        (_, Some(n)) => format!("fresh until {}", n.to_human()),
        (_, None) => "no next update".to_string(),
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
    if let (Some("revoked"), Some(t)) = (c.status.as_deref(), c.revocation_time) {
        value = format!("{value}; revoked {}", t.to_human());
        if let Some(reason) = &c.revocation_reason {
            value = format!("{value} ({reason})");
        }
    }
    row("OCSP Status", format!("{value} — the server's claim, as printed (signature not checked)"), badge)
}

/// The staple read from the `-msg` dump and verified: "Stapled: Good,
/// fresh", with the OCSP Status row's badge, which weighs the same checks.
fn stapled_verified_row(o: &OcspReport, status_row: &SummaryRow) -> SummaryRow {
    // RFC 6960 §4.2.1: an error response (Apache staples its own tryLater when
    // the responder is down) carries no certificate status and no signature.
    if o.response_status != "successful" {
        return row(
            "OCSP Stapling",
            format!(
                "Stapled: the responder's error {}, not a status (bytes read from the -msg dump)",
                o.response_status
            ),
            Badge::Error,
        );
    }
    let what = match &o.leaf {
        Some(l) => {
            let status = match l.status.as_str() {
                "good" => "Good",
                "revoked" => "Revoked",
                _ => "Unknown",
            };
            let fresh = match l.freshness.as_str() {
                "stale" => "stale",
                "not-yet-valid" => "not yet valid",
                _ => "fresh",
            };
            format!("{status}, {fresh}")
        }
        None => "not matched to this certificate".to_string(),
    };
    let signature = match o.signature.as_deref() {
        Some("valid") => "signature verified",
        Some("invalid") => "signature INVALID",
        Some("unauthorized-responder") => "signed by an unauthorized responder",
        _ => "signature could not be verified",
    };
    row("OCSP Stapling", format!("Stapled: {what} — {signature} (bytes read from the -msg dump)"), status_row.badge)
}

fn ocsp_status_row(ocsp: Option<&OcspReport>, findings: &[Finding]) -> SummaryRow {
    let Some(o) = ocsp else {
        return row("OCSP Status", "Not provided", Badge::Neutral);
    };
    if o.response_status != "successful" {
        return row(
            "OCSP Status",
            format!("Error response: {} — {}", o.response_status, o.status_meaning),
            Badge::Error,
        );
    }
    let Some(leaf) = &o.leaf else {
        return row("OCSP Status", "No response for this certificate", Badge::Error);
    };
    let who = match (o.signature.as_deref(), o.responder.as_deref()) {
        (Some("valid"), Some("issuer")) => "signed by the issuer".to_string(),
        (Some("valid"), Some("delegated")) => "signed by a delegated responder".to_string(),
        (Some("invalid"), _) => "signature INVALID".to_string(),
        (Some("unauthorized-responder"), _) => "signed by an unauthorized responder".to_string(),
        (Some("unverifiable"), _) => "signer could not be verified".to_string(),
        _ => "signature not checked".to_string(),
    };
    let when = match (leaf.freshness.as_str(), leaf.next_update) {
        ("stale", Some(n)) => format!("stale since {}", n.to_human()),
        ("not-yet-valid", _) => format!("not valid until {}", leaf.this_update.to_human()),
        (_, Some(n)) => format!("fresh until {}", n.to_human()),
        (_, None) => "no nextUpdate".to_string(),
    };
    let status = match leaf.status.as_str() {
        "good" => "Good",
        "revoked" => "Revoked",
        _ => "Unknown",
    };
    let mut value = format!("{status} — {who}, {when}");
    if let (Some(t), "revoked") = (leaf.revocation_time, leaf.status.as_str()) {
        value = format!("{value}; revoked {}", t.to_human());
        if let Some(reason) = &leaf.revocation_reason {
            value = format!("{value} ({reason})");
        }
    }
    let ocsp_error = findings.iter().any(|f| f.code.code().starts_with("ocsp-") && f.severity == Severity::Error);
    let ocsp_warning = findings.iter().any(|f| f.code.code().starts_with("ocsp-") && f.severity == Severity::Warning);
    let badge = if status != "Good" || ocsp_error {
        Badge::Error
    } else if ocsp_warning {
        Badge::Warning
    } else {
        Badge::Good
    };
    row("OCSP Status", value, badge)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn common_name_reads_escaped_rfc4514() {
        assert_eq!(common_name("CN=Amazon Root CA 1,O=Amazon,C=US"), "Amazon Root CA 1");
        assert_eq!(common_name("O=Acme\\, Inc.,CN=a\\,b"), "a,b");
        assert_eq!(common_name("O=No CN"), "O=No CN");
    }
}
