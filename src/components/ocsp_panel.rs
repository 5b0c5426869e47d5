//! The OCSP response as decoded: status, responder, signature, each single
//! response with its times; and what a transcript said about stapling.

use certscope::report::{OcspReport, StaplingReport};
use yew::prelude::*;

use super::heading::Heading;

#[derive(Properties, PartialEq)]
pub struct OcspPanelProps {
    pub ocsp: Option<OcspReport>,
    pub stapling: Option<StaplingReport>,
}

fn row(label: &'static str, value: Option<String>) -> Html {
    match value {
        Some(v) => html! { <><dt>{label}</dt><dd>{v}</dd></> },
        None => html! {},
    }
}

#[component]
pub fn OcspPanel(props: &OcspPanelProps) -> Html {
    if props.ocsp.is_none() && props.stapling.is_none() {
        return html! {
            <section class="panel ocsp" aria-labelledby="ocsp-heading">
                <Heading id="ocsp-heading">{"OCSP response"}</Heading>
                <p class="empty">{"No OCSP response was given. Paste the output of "}
                    <code>{"openssl s_client -connect host:443 -status"}</code>{" or a saved response to check it."}</p>
            </section>
        };
    }
    html! {
        <section class="panel ocsp" aria-labelledby="ocsp-heading">
            <Heading id="ocsp-heading">{"OCSP response"}</Heading>
            if let Some(s) = &props.stapling {
                <dl class="fields">
                    { row("Stapling (from the transcript)", Some(match s.state.as_str() {
                        "stapled" => "The server stapled a response.".to_string(),
                        "not-sent" => "The server sent no OCSP response (stapling is off).".to_string(),
                        "not-requested" => "The transcript was made without -status, so it says nothing about stapling.".to_string(),
                        other => other.to_string(),
                    })) }
                    if s.text_only {
                        { row("Note", Some("Only the decoded text of the response was in the transcript, not its bytes, so its signature cannot be checked.".into())) }
                    }
                    { row("Status (text)", s.text_status.clone()) }
                    { row("This update (text)", s.text_this_update.clone()) }
                    { row("Next update (text)", s.text_next_update.clone()) }
                </dl>
            }
            if let Some(o) = &props.ocsp {
                <dl class="fields">
                    { row("Response status", Some(format!("{} — {}", o.response_status, o.status_meaning))) }
                    { row("Produced at", o.produced_at.map(|t| format!("{} ({t})", t.to_human()))) }
                    { row("Responder", o.responder.clone().map(|r| match r.as_str() {
                        "issuer" => "The issuing CA itself".to_string(),
                        "delegated" => "A delegated responder certificate".to_string(),
                        _ => r,
                    })) }
                    { row("Responder ID", o.responder_id.as_ref().map(|k| format!("{k}: {}", o.responder_id_value.clone().unwrap_or_default()))) }
                    { row("Signed by", o.signer_subject.clone()) }
                    { row("Signature", o.signature.clone()) }
                    { row("Signature algorithm", o.signature_algorithm.clone()) }
                    { row("Certificates in the response", (!o.certificates.is_empty()).then(|| o.certificates.join("; "))) }
                    if let Some(l) = &o.leaf {
                        { row("Leaf status", Some(l.status.clone())) }
                        { row("Freshness", Some(l.freshness.clone())) }
                    }
                </dl>
                if !o.responses.is_empty() {
                    <table class="ocsp-responses">
                        <caption>{"Single responses"}</caption>
                        <thead><tr>
                            <th scope="col">{"Serial"}</th><th scope="col">{"Status"}</th>
                            <th scope="col">{"This update"}</th><th scope="col">{"Next update"}</th><th scope="col">{"For the leaf"}</th>
                        </tr></thead>
                        <tbody>
                            { for o.responses.iter().map(|r| html! {
                                <tr>
                                    <td><code class="wrap">{r.serial.clone()}</code><span class="muted">{format!(" ({})", r.certid_hash)}</span></td>
                                    <td>{r.status.clone()}
                                        { r.revocation_time.map(|t| format!(" at {}", t.to_human())).unwrap_or_default() }
                                        { r.revocation_reason.clone().map(|x| format!(" ({x})")).unwrap_or_default() }</td>
                                    <td>{r.this_update.to_human()}</td>
                                    <td>{r.next_update.map(|t| t.to_human()).unwrap_or_else(|| "not given".into())}</td>
                                    <td>{ if r.matches_leaf { "Yes" } else { "No" } }</td>
                                </tr>
                            }) }
                        </tbody>
                    </table>
                }
                if !o.extensions.is_empty() {
                    <details class="extension">
                        <summary>{format!("Response extensions ({})", o.extensions.len())}</summary>
                        <ul class="values">{ for o.extensions.iter().map(|e| html! {
                            <li>{format!("{} ({}){}: {}", e.name, e.oid, if e.critical { ", critical" } else { "" }, e.details.join("; "))}</li>
                        }) }</ul>
                    </details>
                }
            }
        </section>
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::components::test_util::render;

    #[tokio::test]
    async fn missing_response_says_how_to_get_one() {
        let html = render::<OcspPanel>(OcspPanelProps { ocsp: None, stapling: None }).await;
        assert!(html.contains("No OCSP response was given"), "{html}");
    }
}
