//! Must-staple readiness (RFC 7633) and what an `openssl s_client -status`
//! transcript says the server did about stapling (RFC 6066 §8).
//!
//! Emits `tls-feature-critical`, `tls-feature-not-inherited`,
//! `must-staple-no-ocsp-url`, `must-staple-without-ocsp`,
//! `no-revocation-info`, `stapling-off`, `staple-text-only`.
//! Leaves checking a supplied response to the rest of `ocsp`.

use super::status;
use crate::chain::{ChainOutcome, PathCert};
use crate::input::transcript::parse_openssl_time;
use crate::input::{StapleClaim, Transcript, TranscriptOcsp};
use crate::report::{
    CertificateStatus, ClaimedResponse, Code, Finding, Freshness, ResponseStatus, ServerSnippet, StapleClaimReport,
    StaplingReport, StaplingState,
};
use crate::time::Timestamp;
use crate::x509::Cert;

/// TLS Feature value for status_request (RFC 6066), i.e. OCSP must-staple.
pub(crate) const STATUS_REQUEST: u16 = 5;

pub(crate) fn is_must_staple(cert: &Cert) -> bool {
    cert.tls_features().is_some_and(|(_, values)| values.contains(&STATUS_REQUEST))
}

/// RFC 7633 §4.1: the TLS Feature extension SHOULD NOT be critical.
pub(crate) fn check_tls_feature_critical(certs: &[Cert], findings: &mut Vec<Finding>) {
    for c in certs {
        if let Some((true, values)) = c.tls_features() {
            findings.push(Finding::about(
                Code::TlsFeatureCritical,
                c.index(),
                format!(
                    "{} marks its TLS Feature extension ({}) critical; clients that do not know the extension will reject the certificate.",
                    c.display_name(),
                    feature_list(&values)
                ),
            ));
        }
    }
}

fn resolve<'a>(certs: &'a [Cert], p: &'a PathCert) -> Option<&'a Cert> {
    match p {
        PathCert::Input(i) => certs.get(*i),
        PathCert::Anchor(c) => Some(c),
    }
}

/// RFC 7633 §4.2.2: a certificate must carry every TLS feature its issuer lists.
pub(crate) fn check_tls_feature_inherited(certs: &[Cert], chain: &ChainOutcome, findings: &mut Vec<Finding>) {
    for pair in chain.path.windows(2) {
        let (Some(PathCert::Input(subject_index)), Some(issuer)) =
            (pair.first(), pair.get(1).and_then(|p| resolve(certs, p)))
        else {
            continue;
        };
        let (Some(subject), Some((_, wanted))) = (certs.get(*subject_index), issuer.tls_features()) else {
            continue;
        };
        let have = subject.tls_features().map(|(_, v)| v).unwrap_or_default();
        let missing: Vec<u16> = wanted.iter().copied().filter(|v| !have.contains(v)).collect();
        if !missing.is_empty() {
            findings.push(Finding::about(
                Code::TlsFeatureNotInherited,
                subject.index(),
                format!(
                    "{}'s issuer {} lists TLS features {} that {} lacks ({}).",
                    subject.display_name(),
                    issuer.display_name(),
                    feature_list(&wanted),
                    subject.display_name(),
                    feature_list(&missing)
                ),
            ));
        }
    }
}

/// RFC 7633 §4.2.3: a must-staple certificate needs an OCSP responder to
/// staple from, and a staple in every handshake.
pub(crate) fn check_must_staple(leaf: &Cert, staple_supplied: bool, findings: &mut Vec<Finding>) {
    if !is_must_staple(leaf) {
        return;
    }
    let name = leaf.display_name();
    if leaf.ocsp_urls().is_empty() {
        findings.push(Finding::about(
            Code::MustStapleNoOcspUrl,
            leaf.index(),
            format!(
                "{name} requires OCSP stapling (TLS Feature status_request) but names no OCSP responder in its Authority Information Access, so there is nothing to staple and clients that enforce must-staple will refuse it (CAs that stopped running OCSP, such as Let's Encrypt in 2025, leave must-staple certificates in this state)."
            ),
        ));
    }
    if !staple_supplied {
        findings.push(
            Finding::about(
                Code::MustStapleWithoutOcsp,
                leaf.index(),
                format!(
                    "{name} requires OCSP stapling (must-staple), and no OCSP response was supplied with it. Firefox refuses the connection when the server does not staple one."
                ),
            )
            .with_remedy(stapling_remedy(
                &format!("Turn on OCSP stapling, then paste the output of `{S_CLIENT}` (or the response saved with `openssl ocsp -respout`) to check the staple."),
            )),
        );
    }
}

/// CA/B Forum BR §7.1.2.7: a leaf should say where its revocation status is.
pub(crate) fn check_revocation_info(leaf: &Cert, findings: &mut Vec<Finding>) {
    if leaf.ocsp_urls().is_empty() && leaf.crl_urls().is_empty() {
        findings.push(Finding::about(
            Code::NoRevocationInfo,
            leaf.index(),
            format!(
                "{} has neither an OCSP URL (Authority Information Access) nor a CRL distribution point.",
                leaf.display_name()
            ),
        ));
    }
}

fn feature_list(values: &[u16]) -> String {
    let names: Vec<String> = values
        .iter()
        .map(|v| match v {
            5 => "status_request (5)".to_string(),
            17 => "status_request_v2 (17)".to_string(),
            value => value.to_string(),
        })
        .collect();
    names.join(", ")
}

/// How to turn stapling on, per server, as install-check pages give it.
pub(crate) fn server_snippets() -> Vec<ServerSnippet> {
    vec![
        ServerSnippet {
            server: "nginx".to_string(),
            text: "# nginx 1.3.7 or later, in the server { } block:\n\
                   ssl_stapling on;\n\
                   ssl_stapling_verify on;\n\
                   # the intermediate(s) and root, so nginx can verify the responses:\n\
                   ssl_trusted_certificate /etc/ssl/certs/chain.pem;\n\
                   # nginx must resolve the OCSP responder's host name:\n\
                   resolver 1.1.1.1 8.8.8.8 valid=300s;\n\
                   resolver_timeout 5s;"
                .to_string(),
        },
        ServerSnippet {
            server: "Apache".to_string(),
            text: "# Apache 2.3.3 or later (mod_ssl). The cache goes OUTSIDE any <VirtualHost>:\n\
                   SSLStaplingCache shmcb:/var/run/ocsp(128000)\n\
                   <VirtualHost *:443>\n    \
                   SSLUseStapling on\n\
                   </VirtualHost>"
                .to_string(),
        },
        ServerSnippet {
            server: "IIS".to_string(),
            text: "IIS staples OCSP responses by default on Windows Server 2008 and later for a site with a plain https binding; there is nothing to switch on. \
                   When it does not staple: let the server itself reach the OCSP responder URL over HTTP (outbound firewall or proxy rules often block it), \
                   and check the site binding: with \"Require Server Name Indication\" or \"Use Centralized Certificate Store\" IIS does not staple unless the DWORD \
                   EnableOcspStaplingForSni = 1 is set under HKLM\\SYSTEM\\CurrentControlSet\\Control\\SecurityProviders\\SCHANNEL (Windows Server 2012 and later)."
                .to_string(),
        },
    ]
}

/// A stapling remedy: one lead sentence, then how to turn stapling on for
/// each server, so the CLI and the app show the same snippets.
fn stapling_remedy(lead: &str) -> String {
    let snippets =
        server_snippets().iter().map(|s| format!("{}:\n{}", s.server, s.text)).collect::<Vec<_>>().join("\n\n");
    format!("{lead}\n\n{snippets}")
}

/// What the transcript shows the server did. Without the staple's DER
/// the printed claim is all there is, and its status and times are
/// judged as printed (`check_claim`); with the DER the response is checked
/// by the rest of `ocsp` and the claim only compared with it.
pub(crate) fn stapling_report(
    transcript: &Transcript,
    leaf: Option<&Cert>,
    as_of: Timestamp,
    findings: &mut Vec<Finding>,
) -> StaplingReport {
    let mut report = StaplingReport {
        state: StaplingState::NotRequested,
        text_only: false,
        text_status: None,
        text_this_update: None,
        text_next_update: None,
        snippets: Vec::new(),
        der_source: transcript.staple_source.clone(),
        claim: None,
        text_agrees: None,
    };
    match &transcript.ocsp {
        TranscriptOcsp::NotSent => {
            report.state = StaplingState::NotSent;
            report.snippets = server_snippets();
            let remedy = stapling_remedy(&format!(
                "If stapling is already on, retry first: {LAZY_FETCH} Otherwise turn on OCSP stapling for this server, then check again with `{S_CLIENT}`."
            ));
            findings.push(
                Finding::new(
                    Code::StaplingOff,
                    format!("The server was asked for an OCSP response and sent none (\"OCSP response: no response sent\"): OCSP stapling is off, the server could not fetch a response, or it has not fetched one yet: {LAZY_FETCH}"),
                )
                .with_remedy(remedy),
            );
        }
        TranscriptOcsp::Stapled { claim } => {
            report.state = StaplingState::Stapled;
            let view = claim_report(claim, leaf, as_of);
            let main = main_claim(&view);
            report.text_only = report.der_source.is_none();
            // As printed: the certificate status, else the response status.
            report.text_status = main
                .as_ref()
                .and_then(|m| claim.singles.get(m.index))
                .and_then(|s| s.cert_status.clone())
                .or_else(|| claim.response_status.clone());
            report.text_this_update =
                main.as_ref().and_then(|m| claim.singles.get(m.index)).and_then(|s| s.this_update.clone());
            report.text_next_update =
                main.as_ref().and_then(|m| claim.singles.get(m.index)).and_then(|s| s.next_update.clone());
            if report.der_source.is_none() {
                check_claim(&view, leaf, findings);
            }
            report.claim = Some(view.report);
        }
        TranscriptOcsp::NotRequested => report.state = StaplingState::NotRequested,
    }
    report
}

/// What the lab shows nginx doing after every start or reload (docs/stapling.md,
/// scenario "nginx right after a start"): a server with stapling on looks off at first.
pub(crate) const LAZY_FETCH: &str =
    "nginx fetches the response lazily: the first handshakes after a start carry no staple; retry after a few seconds.";

/// The capture command certscope suggests: `-msg` prints the handshake,
/// from which the staple's exact DER is read.
pub(crate) const S_CLIENT: &str =
    "openssl s_client -connect HOST:443 -servername HOST -showcerts -status -msg < /dev/null";

/// The claim as a report, with which printed response is the leaf's.
struct ClaimView {
    report: StapleClaimReport,
    /// Index of the response about the leaf (by serial), else the first.
    main: Option<usize>,
}

struct MainClaim<'a> {
    index: usize,
    response: &'a ClaimedResponse,
}

fn main_claim(view: &ClaimView) -> Option<MainClaim<'_>> {
    let index = view.main?;
    let response = view.report.responses.get(index)?;
    Some(MainClaim { index, response })
}

fn claim_report(claim: &StapleClaim, leaf: Option<&Cert>, as_of: Timestamp) -> ClaimView {
    let leaf_serial = leaf.map(|l| serial_key(&status::hex(l.serial_bytes())));
    let responses: Vec<ClaimedResponse> = claim
        .singles
        .iter()
        .map(|s| {
            let this_update = s.this_update.as_deref().and_then(parse_openssl_time);
            let next_update = s.next_update.as_deref().and_then(parse_openssl_time);
            ClaimedResponse {
                hash_algorithm: s.hash_algorithm.clone(),
                issuer_name_hash: s.issuer_name_hash.clone(),
                issuer_key_hash: s.issuer_key_hash.clone(),
                serial: s.serial.clone(),
                status: s.cert_status.as_deref().and_then(CertificateStatus::from_printed),
                revocation_time: s.revocation_time.as_deref().and_then(parse_openssl_time),
                revocation_reason: s.revocation_reason.clone(),
                this_update,
                next_update,
                matches_leaf: leaf_serial
                    .as_ref()
                    .zip(s.serial.as_deref())
                    .map(|(leaf, serial)| *leaf == serial_key(serial)),
                freshness: this_update.map(|t| Freshness::at(t, next_update, as_of)),
            }
        })
        .collect();
    let main = responses.iter().position(|r| r.matches_leaf == Some(true)).or((!responses.is_empty()).then_some(0));
    ClaimView {
        report: StapleClaimReport {
            response_status: claim.response_status.as_deref().and_then(ResponseStatus::from_printed),
            responder_id: claim.responder_id.clone(),
            produced_at: claim.produced_at.as_deref().and_then(parse_openssl_time),
            responses,
        },
        main,
    }
}

/// Serials compare as numbers: OpenSSL prints `1001`, certscope `1001`
/// or `00e4…`; leading zeros do not make another certificate.
fn serial_key(hex: &str) -> String {
    let t = hex.trim().to_ascii_lowercase();
    let t = t.trim_start_matches('0');
    if t.is_empty() {
        "0".to_string()
    } else {
        t.to_string()
    }
}

/// RFC 6960 §2.2, §4.2.2.1 and RFC 6066 §8 applied to the printed claim:
/// the server's word, reported as such.
fn check_claim(view: &ClaimView, leaf: Option<&Cert>, findings: &mut Vec<Finding>) {
    let main = main_claim(view);
    let mut message =
        String::from("The server stapled an OCSP response, but the transcript holds only its printed text");
    if let Some(m) = &main {
        let r = m.response;
        let status = r.status.map_or("not printed", CertificateStatus::as_str);
        message.push_str(&format!(" (certificate status: {status}"));
        if let Some(t) = r.this_update {
            message.push_str(&format!(", this update: {}", t.to_human()));
        }
        if let Some(t) = r.next_update {
            message.push_str(&format!(", next update: {}", t.to_human()));
        }
        message.push(')');
    }
    message
        .push_str(". A signature cannot be checked from text: this is what the server claims, not a verified status.");
    findings.push(Finding::new(Code::StapleTextOnly, message));
    if let Some(status) = view.report.response_status.filter(|s| !s.is_successful()) {
        findings.push(Finding::new(
            Code::StapleNotSuccessfulText,
            format!("The server stapled an OCSP response with status {status} (as printed): the responder's error, not a certificate status."),
        ));
        return;
    }
    let Some(m) = main else { return };
    let r = m.response;
    let about = |code: Code, message: String| match leaf {
        Some(l) => Finding::about(code, l.index(), message),
        None => Finding::new(code, message),
    };
    let serial = r.serial.as_deref().unwrap_or("not printed");
    if r.matches_leaf == Some(false) {
        let leaf_name = leaf.map(|l| l.display_name()).unwrap_or_default();
        let leaf_serial = leaf.map(|l| status::hex(l.serial_bytes())).unwrap_or_default();
        findings.push(about(
            Code::StapleNotForLeafText,
            format!(
                "The stapled response, as printed, is for serial {serial}, not for the server certificate {leaf_name} (serial {leaf_serial}); it says {} for that other certificate.",
                r.status.map_or("nothing", CertificateStatus::as_str)
            ),
        ));
        return;
    }
    let name = leaf.map_or_else(
        || format!("the certificate with serial {serial}"),
        |l| format!("{} (serial {serial})", l.display_name()),
    );
    match r.status {
        Some(CertificateStatus::Revoked) => {
            let when = r.revocation_time.map_or_else(String::new, |t| format!(" on {}", t.to_human()));
            let why = r.revocation_reason.as_ref().map_or_else(String::new, |w| format!(" (reason: {w})"));
            findings.push(about(
                Code::StapleRevokedText,
                format!("The server's stapled OCSP response says {name} was revoked{when}{why}. This is read from the printed text, whose signature cannot be checked; a server has no reason to claim its own certificate revoked."),
            ));
        }
        Some(CertificateStatus::Unknown) => findings.push(about(
            Code::StapleUnknownText,
            format!("The server's stapled OCSP response says \"unknown\" for {name}: the responder does not know this certificate (as printed; the signature cannot be checked from text)."),
        )),
        Some(CertificateStatus::Good) | None => {}
    }
    if r.freshness == Some(Freshness::Stale) {
        let since = r.next_update.map(|t| t.to_human()).unwrap_or_default();
        findings.push(about(
            Code::StapleStaleText,
            format!("The server's stapled OCSP response for {name} is stale: its next update, {since}, has passed (as printed)."),
        ));
    }
    let good_fresh = r.status == Some(CertificateStatus::Good) && r.freshness == Some(Freshness::Fresh);
    if let Some(l) = leaf.filter(|l| is_must_staple(l) && good_fresh) {
        findings.push(Finding::about(
            Code::MustStapleUnverified,
            l.index(),
            format!("{} requires OCSP stapling; the server claims a good, fresh staple, but only as text, so whether clients accept it is unverified.", l.display_name()),
        ));
    }
}

/// With the DER checked: the printout must say what the bytes say. A
/// difference means the paste was edited or mixed from two captures.
pub(crate) fn compare_claim(stapling: &mut StaplingReport, checked: &ClaimedFacts, findings: &mut Vec<Finding>) {
    let Some(claim) = &stapling.claim else { return };
    let Some(printed) = claim
        .responses
        .iter()
        .find(|r| r.serial.as_deref().map(serial_key) == checked.serial.as_deref().map(serial_key))
        .or_else(|| claim.responses.first())
    else {
        return;
    };
    let mut differences = Vec::new();
    if printed.serial.as_deref().map(serial_key) != checked.serial.as_deref().map(serial_key) {
        differences.push(format!(
            "serial {} printed, {} in the bytes",
            printed.serial.as_deref().unwrap_or("none"),
            checked.serial.as_deref().unwrap_or("none")
        ));
    }
    if printed.status != checked.status {
        differences.push(format!(
            "status {} printed, {} in the bytes",
            printed.status.map_or("none", CertificateStatus::as_str),
            checked.status.map_or("none", CertificateStatus::as_str)
        ));
    }
    for (what, a, b) in [
        ("this update", printed.this_update, checked.this_update),
        ("next update", printed.next_update, checked.next_update),
    ] {
        if a != b {
            let show = |t: Option<Timestamp>| t.map_or_else(|| "none".to_string(), |t| t.to_human());
            differences.push(format!("{what} {} printed, {} in the bytes", show(a), show(b)));
        }
    }
    stapling.text_agrees = Some(differences.is_empty());
    if !differences.is_empty() {
        findings.push(Finding::new(
            Code::StapleTextMismatch,
            format!(
                "The stapled response's printed text does not match its bytes: {}. The verified bytes are what this report checks.",
                differences.join("; ")
            ),
        ));
    }
}

/// What the checked response says, to compare with the printout.
pub(crate) struct ClaimedFacts {
    pub serial: Option<String>,
    pub status: Option<CertificateStatus>,
    pub this_update: Option<Timestamp>,
    pub next_update: Option<Timestamp>,
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn no_response_sent_gives_snippets_for_three_servers() {
        let mut f = Vec::new();
        let t = Transcript { ocsp: TranscriptOcsp::NotSent, staple_der: None, staple_source: None };
        let r = stapling_report(&t, None, at("2026-06-02T00:00:00Z"), &mut f);
        assert_eq!(r.state, StaplingState::NotSent);
        let servers: Vec<&str> = r.snippets.iter().map(|s| s.server.as_str()).collect();
        assert_eq!(servers, ["nginx", "Apache", "IIS"]);
        assert!(r.snippets[0].text.contains("ssl_stapling on;") && r.snippets[0].text.contains("resolver"));
        assert!(
            r.snippets[1].text.contains("SSLUseStapling on") && r.snippets[1].text.contains("SSLStaplingCache shmcb:")
        );
        assert_eq!(f.len(), 1);
        assert_eq!(f[0].code, Code::StaplingOff);
        assert!(f[0].remedy.contains("ssl_stapling_verify on;"));
    }

    fn at(text: &str) -> Timestamp {
        Timestamp::parse_rfc3339(text).unwrap()
    }

    fn printed(status: &str, next_update: &str) -> Transcript {
        let single = crate::input::ClaimedSingle {
            serial: Some("1001".into()),
            cert_status: Some(status.into()),
            revocation_time: (status == "revoked").then(|| "May 31 12:00:00 2026 GMT".into()),
            revocation_reason: (status == "revoked").then(|| "superseded".into()),
            this_update: Some("Jun  1 00:00:00 2026 GMT".into()),
            next_update: Some(next_update.into()),
            ..Default::default()
        };
        let claim =
            StapleClaim { response_status: Some("successful".into()), singles: vec![single], ..Default::default() };
        Transcript { ocsp: TranscriptOcsp::Stapled { claim }, staple_der: None, staple_source: None }
    }

    #[test]
    fn text_only_staple_keeps_status_and_times() {
        let mut f = Vec::new();
        let r = stapling_report(&printed("good", "Jun  8 00:00:00 2026 GMT"), None, at("2026-06-02T00:00:00Z"), &mut f);
        assert_eq!((r.state, r.text_only, r.text_status.as_deref()), (StaplingState::Stapled, true, Some("good")));
        assert_eq!(r.text_next_update.as_deref(), Some("Jun  8 00:00:00 2026 GMT"));
        let claimed = &r.claim.unwrap().responses[0];
        assert_eq!(claimed.next_update, Some(at("2026-06-08T00:00:00Z")));
        assert_eq!(claimed.freshness, Some(Freshness::Fresh));
        assert_eq!(f.iter().map(|f| f.code).collect::<Vec<_>>(), [Code::StapleTextOnly]);
    }

    #[test]
    fn printed_revoked_unknown_and_stale_are_errors() {
        let as_of = at("2026-06-02T00:00:00Z");
        let mut f = Vec::new();
        stapling_report(&printed("revoked", "Jun  8 00:00:00 2026 GMT"), None, as_of, &mut f);
        let revoked = f.iter().find(|f| f.code == Code::StapleRevokedText).unwrap();
        assert!(
            revoked.message.contains("revoked on 31 May 2026 12:00 UTC (reason: superseded)"),
            "{}",
            revoked.message
        );
        let mut f = Vec::new();
        stapling_report(&printed("unknown", "Jun  8 00:00:00 2026 GMT"), None, as_of, &mut f);
        assert!(f.iter().any(|f| f.code == Code::StapleUnknownText));
        let mut f = Vec::new();
        stapling_report(&printed("good", "Jun  1 12:00:00 2026 GMT"), None, as_of, &mut f);
        assert!(f.iter().any(|f| f.code == Code::StapleStaleText));
        assert!(f
            .iter()
            .all(|f| f.code.severity() != crate::report::Severity::Error || f.code == Code::StapleStaleText));
    }

    #[test]
    fn printed_error_status_is_not_a_certificate_status() {
        // What s_client prints for a stapled tryLater (OCSP_RESPONSE_print stops after the status).
        let text = "CONNECTED(00000003)\nOCSP response: \n======================================\nOCSP Response Data:\n    OCSP Response Status: tryLater (0x3)\n======================================\n";
        let t = crate::input::transcript::read_transcript(text).unwrap();
        let mut f = Vec::new();
        let r = stapling_report(&t, None, at("2026-06-02T00:00:00Z"), &mut f);
        assert_eq!(r.text_status.as_deref(), Some("tryLater"));
        let codes: Vec<Code> = f.iter().map(|f| f.code).collect();
        assert_eq!(codes, [Code::StapleTextOnly, Code::StapleNotSuccessfulText]);
    }
}
