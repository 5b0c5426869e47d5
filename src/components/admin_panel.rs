//! What an admin brings besides a chain: private keys (which certificate
//! each belongs to), certificate signing requests (what they ask for, and
//! which certificate was issued for them) and PFX files (how each was
//! opened, and the friendlyName and localKeyId of its certificates).
//!
//! Lays out `Report::keys`, `Report::requests` and `Report::pfx`; the
//! report holds no key material, so neither can this panel. Its words are
//! in `admin_words.rs`.

use certscope::report::{CsrReport, KeyMatchReport, KeyMatchStatus, PfxReport, Source};
use certscope::Report;
use yew::prelude::*;

use super::admin_words as words;
use super::chain_view::signature_words;
use super::heading::Heading;
use super::status_badge::StatusBadge;
use crate::types::ReportHandle;

#[derive(Properties, PartialEq)]
pub struct AdminPanelProps {
    pub report: ReportHandle,
}

#[component]
pub fn AdminPanel(props: &AdminPanelProps) -> Html {
    let report = &props.report;
    html! {
        <>
            if !report.keys.is_empty() { { keys(report) } }
            if !report.requests.is_empty() { { requests(report) } }
            if !report.pfx.is_empty() { { pfx_files(report) } }
        </>
    }
}

/// "server.key, block 1" or "input 2, block 1".
fn source_words(s: &Source) -> String {
    match &s.name {
        Some(n) => format!("{n}, block {}", s.block),
        None => format!("input {}, block {}", s.input + 1, s.block),
    }
}

/// "certificate #1 (www.example.test)" for a certificate's index.
fn certificate_words(report: &Report, index: usize) -> String {
    let name = report.certificates.get(index).map(|c| c.short_name.clone());
    words::certificate(index, name.as_deref())
}

fn list(items: impl IntoIterator<Item = String>) -> Html {
    let items: Vec<String> = items.into_iter().collect();
    if items.is_empty() {
        return html! { {words::NONE} };
    }
    html! { <ul class="values">{ for items.into_iter().map(|i| html! { <li>{i}</li> }) }</ul> }
}

fn keys(report: &Report) -> Html {
    html! {
        <section class="panel admin keys" aria-labelledby="keys-heading">
            <Heading id="keys-heading">{format!("{} ({})", words::KEYS_HEADING, report.keys.len())}</Heading>
            <p class="key-note">{words::KEY_STAYS_HERE}</p>
            { for report.keys.iter().map(|k| key(report, k)) }
        </section>
    }
}

fn key(report: &Report, k: &KeyMatchReport) -> Html {
    let (tone, said) = words::key_status(k.status);
    html! {
        <dl class="fields key-item" data-status={k.status.as_str()}>
            <dt>{"Key"}</dt>
            <dd>{source_words(&k.source)}{k.key.as_ref().map(|d| format!(" — {d}")).unwrap_or_default()}</dd>
            <dt>{"Result"}</dt><dd><StatusBadge {tone} text={AttrValue::from(said)} /></dd>
            if !k.certificates.is_empty() {
                <dt>{"Belongs to"}</dt>
                <dd>{ list(k.certificates.iter().map(|&i| certificate_words(report, i))) }</dd>
            }
            if k.status == KeyMatchStatus::NoMatch {
                <dt>{"What servers say"}</dt>
                <dd>{ list([words::NGINX_MISMATCH.to_string(), words::APACHE_MISMATCH.to_string()]) }</dd>
            }
            if !k.requests.is_empty() {
                <dt>{"Key of"}</dt>
                <dd>{ list(k.requests.iter().map(|i| format!("CSR #{}", i + 1))) }</dd>
            }
        </dl>
    }
}

fn requests(report: &Report) -> Html {
    html! {
        <section class="panel admin csrs" aria-labelledby="csrs-heading">
            <Heading id="csrs-heading">{format!("{} ({})", words::CSRS_HEADING, report.requests.len())}</Heading>
            { for report.requests.iter().enumerate().map(|(i, r)| request(report, i, r)) }
        </section>
    }
}

fn request(report: &Report, i: usize, r: &CsrReport) -> Html {
    let (tone, said) = signature_words(r.signature);
    html! {
        <dl class="fields csr-item">
            <dt>{"CSR"}</dt><dd>{format!("#{} — {}", i + 1, source_words(&r.source))}</dd>
            <dt>{"Subject"}</dt><dd>{r.subject.clone()}</dd>
            <dt>{"Key"}</dt><dd>{r.key.clone()}</dd>
            <dt>{"Requested names (SAN)"}</dt><dd>{ list(r.dns_names.iter().cloned()) }</dd>
            <dt>{"Requested key usage"}</dt><dd>{ list(r.key_usage.iter().cloned()) }</dd>
            <dt>{"Self-signature"}</dt><dd><StatusBadge {tone} text={AttrValue::from(said)} /></dd>
            <dt>{"Issued for this CSR"}</dt>
            <dd class="csr-issued">
                if r.certificates.is_empty() {
                    {words::csr_not_issued(report.certificates.len())}
                } else {
                    { list(r.certificates.iter().map(|&c| certificate_words(report, c))) }
                }
            </dd>
            if !r.names_not_covered.is_empty() {
                <dt>{"Requested names not covered"}</dt>
                <dd class="csr-not-covered">{ list(r.names_not_covered.iter().cloned()) }</dd>
            }
        </dl>
    }
}

fn pfx_files(report: &Report) -> Html {
    html! {
        <section class="panel admin pfx" aria-labelledby="pfx-heading">
            <Heading id="pfx-heading">{format!("{} ({})", words::PFX_HEADING, report.pfx.len())}</Heading>
            { for report.pfx.iter().map(|p| pfx(report, p)) }
        </section>
    }
}

fn pfx(report: &Report, p: &PfxReport) -> Html {
    let (tone, said) = words::pfx_opened(p.opened);
    let encryption = if p.encryption.is_empty() { words::NOT_ENCRYPTED.to_string() } else { p.encryption.join("; ") };
    html! {
        <div class="pfx-item">
            <dl class="fields">
                <dt>{"File"}</dt><dd>{source_words(&p.source)}</dd>
                <dt>{"Opened"}</dt><dd><StatusBadge {tone} text={AttrValue::from(said)} /></dd>
                if p.opened {
                    <dt>{"Integrity (MAC)"}</dt><dd>{p.mac.clone().unwrap_or_else(|| words::NO_MAC.to_string())}</dd>
                    <dt>{"Certificate encryption"}</dt><dd>{encryption}</dd>
                    <dt>{"Key bags"}</dt><dd>{words::key_bags(p.key_bags, p.keys_compared)}</dd>
                }
            </dl>
            if !p.certificates.is_empty() {
                <table class="pfx-certificates">
                    <caption>{"Certificates in the file"}</caption>
                    <thead><tr><th scope="col">{"Certificate"}</th><th scope="col">{"friendlyName"}</th>
                        <th scope="col">{"localKeyId"}</th></tr></thead>
                    <tbody>{ for p.certificates.iter().map(|c| {
                        html! {
                            <tr>
                                <td>{c.certificate.map_or_else(|| format!("block {}", c.block), |i| certificate_words(report, i))}</td>
                                <td>{c.friendly_name.clone().unwrap_or_else(|| words::NONE.to_string())}</td>
                                <td>{c.local_key_id.as_ref().map_or_else(|| html! { {words::NONE} }, |id| html! { <code>{id.clone()}</code> })}</td>
                            </tr>
                        }
                    }) }</tbody>
                </table>
            }
        </div>
    }
}

#[cfg(test)]
mod tests {
    use std::rc::Rc;

    use certscope::{analyze, Input, Options, Password, Timestamp};

    use super::*;
    use crate::components::test_util::render;

    fn data(dir: &str, name: &str) -> Vec<u8> {
        let path = format!("{}/crates/certscope/tests/data/{dir}/{name}", env!("CARGO_MANIFEST_DIR"));
        std::fs::read(&path).unwrap_or_else(|e| panic!("{path}: {e}"))
    }

    fn at() -> Options {
        Options::at(Timestamp::parse_rfc3339("2027-01-01T00:00:00Z").unwrap())
    }

    async fn html_of(inputs: &[Input]) -> (Report, String) {
        let report = analyze(inputs, &at());
        let html = render::<AdminPanel>(AdminPanelProps { report: ReportHandle(Rc::new(report.clone())) }).await;
        (report, html)
    }

    /// Each base64 line of a PEM key, long enough to be key material.
    fn key_lines(pem: &[u8]) -> Vec<String> {
        String::from_utf8_lossy(pem)
            .lines()
            .filter(|l| l.len() > 16 && !l.starts_with("-----"))
            .map(String::from)
            .collect()
    }

    #[tokio::test]
    async fn a_mismatched_key_names_the_servers_errors_and_shows_no_key_byte() {
        let key = data("keys", "other-rsa.key");
        let (report, html) =
            html_of(&[Input::bytes(None, data("keys", "rsa.crt")), Input::bytes(None, key.clone())]).await;
        assert_eq!(report.keys[0].status, KeyMatchStatus::NoMatch);
        assert!(html.contains(r#"data-status="no-match""#), "{html}");
        assert!(html.contains("Does not match"), "{html}");
        assert!(html.contains("key values mismatch") && html.contains("AH02565"), "{html}");
        assert!(html.contains("never left your browser"), "{html}");
        for line in key_lines(&key) {
            assert!(!html.contains(&line), "a key line in the panel: {line}");
        }
    }

    #[tokio::test]
    async fn a_matching_key_names_its_certificate() {
        let (_, html) = html_of(&[
            Input::bytes(None, data("keys", "ec256.crt")),
            Input::bytes(Some("ec.key".into()), data("keys", "ec256.key")),
        ])
        .await;
        assert!(html.contains(r#"data-status="matches""#), "{html}");
        assert!(html.contains("ec.key, block 1 — EC P-256"), "{html}");
        assert!(html.contains("certificate #1 ("), "{html}");
        assert!(!html.contains("key values mismatch"), "{html}");
    }

    #[tokio::test]
    async fn a_csr_shows_what_it_asks_for_and_the_certificate_issued_for_it() {
        let (_, html) =
            html_of(&[Input::bytes(None, data("pfx", "leaf.csr")), Input::bytes(None, data("pfx", "leaf.crt"))]).await;
        assert!(html.contains("CN=www.example.test"), "{html}");
        assert!(html.contains("<li>www.example.test</li>") && html.contains("<li>example.test</li>"), "{html}");
        assert!(html.contains("Signature valid"), "{html}");
        assert!(html.contains("certificate #1 (www.example.test)"), "{html}");
        assert!(!html.contains("csr-not-covered"), "{html}");
        // Signed without the requested names: the same key, names not covered.
        let (_, html) =
            html_of(&[Input::bytes(None, data("pfx", "leaf.csr")), Input::bytes(None, data("pfx", "leaf-no-san.crt"))])
                .await;
        assert!(html.contains("None of the certificates given"), "{html}");
        assert!(html.contains("csr-not-covered"), "{html}");
    }

    #[tokio::test]
    async fn a_pfx_shows_how_it_was_opened_and_its_bags() {
        let input = Input::bytes(Some("server.pfx".into()), data("pfx", "default.pfx"))
            .with_password(Some(Password::new("certscope-test")));
        let (_, html) = html_of(&[input]).await;
        assert!(html.contains("server.pfx, block 1"), "{html}");
        assert!(html.contains("Opened"), "{html}");
        assert!(html.contains("HMAC-SHA-256, 2048 iterations"), "{html}");
        assert!(html.contains("PBES2 (PBKDF2-HMAC-SHA-256, AES-256-CBC, 2048 iterations)"), "{html}");
        // The password was given: its key bag went to the key-match check.
        assert!(html.contains("1 (compared with the certificates under Private keys; not kept)"), "{html}");
        assert!(
            html.contains(r#"data-status="matches""#) && html.contains("server.pfx, block 3 — RSA 2048-bit"),
            "{html}"
        );
        assert!(html.contains("certificate #1 (www.example.test)") && html.contains("certscope leaf"), "{html}");
        // Without the password: not opened, and nothing about its insides.
        let (_, html) = html_of(&[Input::bytes(Some("server.pfx".into()), data("pfx", "default.pfx"))]).await;
        assert!(html.contains("Not opened"), "{html}");
        assert!(!html.contains("pfx-certificates"), "{html}");
    }

    #[tokio::test]
    async fn nothing_is_rendered_without_keys_csrs_or_pfx() {
        let (_, html) = html_of(&[Input::bytes(None, data("pfx", "leaf.crt"))]).await;
        assert!(!html.contains("<section"), "{html}");
    }

    #[tokio::test]
    async fn certificate_text_is_escaped() {
        let mut report = analyze(&[Input::bytes(None, data("pfx", "leaf.csr"))], &at());
        report.requests[0].subject = "CN=<img src=x onerror=alert(1)>".into();
        let html = render::<AdminPanel>(AdminPanelProps { report: ReportHandle(Rc::new(report)) }).await;
        assert!(!html.contains("<img"), "{html}");
        assert!(html.contains("&lt;img"), "{html}");
    }
}
