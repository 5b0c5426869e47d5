//! Must-staple readiness (RFC 7633) and what an `openssl s_client -status`
//! transcript says the server did about stapling (RFC 6066 §8).
//!
//! Emits `tls-feature-critical`, `tls-feature-not-inherited`,
//! `must-staple-no-ocsp-url`, `must-staple-without-ocsp`,
//! `no-revocation-info`, `stapling-off`, `staple-text-only`.
//! Leaves checking a supplied response to the rest of `ocsp`.

use crate::chain::{ChainOutcome, PathCert};
use crate::input::{Transcript, TranscriptOcsp};
use crate::report::{Code, Finding, ServerSnippet, StaplingReport};
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
                c.index,
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
                subject.index,
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
            leaf.index,
            format!(
                "{name} requires OCSP stapling (TLS Feature status_request) but names no OCSP responder in its Authority Information Access, so there is nothing to staple and clients that enforce must-staple will refuse it (CAs that stopped running OCSP, such as Let's Encrypt in 2025, leave must-staple certificates in this state)."
            ),
        ));
    }
    if !staple_supplied {
        findings.push(
            Finding::about(
                Code::MustStapleWithoutOcsp,
                leaf.index,
                format!(
                    "{name} requires OCSP stapling (must-staple), and no OCSP response was supplied with it. Firefox refuses the connection when the server does not staple one."
                ),
            )
            .with_remedy(stapling_remedy(
                "Turn on OCSP stapling, then paste the output of `openssl s_client -connect HOST:443 -servername HOST -status` (or the response saved with `openssl ocsp -respout`) to check the staple.",
            )),
        );
    }
}

/// CA/B Forum BR §7.1.2.7: a leaf should say where its revocation status is.
pub(crate) fn check_revocation_info(leaf: &Cert, findings: &mut Vec<Finding>) {
    if leaf.ocsp_urls().is_empty() && leaf.crl_urls().is_empty() {
        findings.push(Finding::about(
            Code::NoRevocationInfo,
            leaf.index,
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
            other => other.to_string(),
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
            text: "IIS staples OCSP responses by default on Windows Server 2008 and later; there is nothing to switch on. \
                   When it does not staple: let the server itself reach the OCSP responder URL over HTTP (outbound firewall or proxy rules often block it), \
                   and check the site binding: sites bound with Server Name Indication (SNI) do not staple on older IIS versions, so use an IP-based binding or a current Windows Server."
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

/// What the transcript shows the server did.
pub(crate) fn stapling_report(transcript: &Transcript, findings: &mut Vec<Finding>) -> StaplingReport {
    let mut report = StaplingReport {
        state: String::new(),
        text_only: false,
        text_status: None,
        text_this_update: None,
        text_next_update: None,
        snippets: Vec::new(),
    };
    match &transcript.ocsp {
        TranscriptOcsp::NotSent => {
            report.state = "not-sent".to_string();
            report.snippets = server_snippets();
            let remedy = stapling_remedy(
                "Turn on OCSP stapling for this server, then check again with `openssl s_client -connect HOST:443 -servername HOST -status`.",
            );
            findings.push(
                Finding::new(
                    Code::StaplingOff,
                    "The server sent no OCSP response (\"OCSP response: no response sent\"): OCSP stapling is off, or the server could not fetch a response.",
                )
                .with_remedy(remedy),
            );
        }
        TranscriptOcsp::TextOnly { status, this_update, next_update, cert_status } => {
            report.state = "stapled".to_string();
            report.text_only = true;
            report.text_status = cert_status.clone().or_else(|| status.clone());
            report.text_this_update = this_update.clone();
            report.text_next_update = next_update.clone();
            let mut message =
                String::from("The server stapled an OCSP response, but the transcript holds only its decoded text");
            if let Some(s) = &report.text_status {
                message.push_str(&format!(" (certificate status: {s}"));
                if let Some(t) = this_update {
                    message.push_str(&format!(", this update: {t}"));
                }
                if let Some(t) = next_update {
                    message.push_str(&format!(", next update: {t}"));
                }
                message.push(')');
            }
            message.push_str(", so its signature cannot be checked.");
            findings.push(Finding::new(Code::StapleTextOnly, message).with_remedy(
                "Fetch the same response as DER and paste it: `openssl ocsp -issuer issuer.pem -cert leaf.pem -url OCSP_URL -respout resp.der -noverify` (the capture commands below have the URL filled in), then add resp.der.",
            ));
        }
        TranscriptOcsp::NotRequested => report.state = "not-requested".to_string(),
    }
    report
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn no_response_sent_gives_snippets_for_three_servers() {
        let mut f = Vec::new();
        let r = stapling_report(&Transcript { ocsp: TranscriptOcsp::NotSent }, &mut f);
        assert_eq!(r.state, "not-sent");
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

    #[test]
    fn text_only_staple_keeps_status_and_times() {
        let mut f = Vec::new();
        let t = Transcript {
            ocsp: TranscriptOcsp::TextOnly {
                status: Some("successful".into()),
                this_update: Some("Jun  1 00:00:00 2026 GMT".into()),
                next_update: Some("Jun  8 00:00:00 2026 GMT".into()),
                cert_status: Some("good".into()),
            },
        };
        let r = stapling_report(&t, &mut f);
        assert_eq!((r.state.as_str(), r.text_only, r.text_status.as_deref()), ("stapled", true, Some("good")));
        assert_eq!(r.text_next_update.as_deref(), Some("Jun  8 00:00:00 2026 GMT"));
        assert_eq!(f[0].code, Code::StapleTextOnly);
    }
}
