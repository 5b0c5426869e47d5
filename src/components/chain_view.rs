//! The chain as built: leaf → intermediates → anchor, each link with its
//! signature result; a missing issuer drawn as a gap that names it.

use certscope::report::{labels, ChainLink, SignatureStatus};
use yew::prelude::*;

use super::heading::Heading;
use super::status_badge::{StatusBadge, Tone};
use crate::types::ReportHandle;

#[derive(Properties, PartialEq)]
pub struct ChainViewProps {
    pub report: ReportHandle,
}

/// The badge's tone for a signature; its words are `labels::signature`.
pub fn signature_words(s: SignatureStatus) -> (Tone, String) {
    let tone = match s {
        SignatureStatus::Valid => Tone::Good,
        SignatureStatus::Invalid => Tone::Error,
        SignatureStatus::IssuerMissing | SignatureStatus::Unsupported | SignatureStatus::NotChecked => Tone::Warning,
    };
    (tone, format!("Signature {}", labels::signature(s)))
}

fn source(link: &ChainLink) -> String {
    match link.certificate {
        Some(i) => format!("certificate #{} in your input", i + 1),
        None => format!("trust anchor {}", labels::anchor_source(link.from)),
    }
}

#[component]
pub fn ChainView(props: &ChainViewProps) -> Html {
    let chain = &props.report.chain;
    let last = chain.links.len().saturating_sub(1);
    html! {
        <section class="panel chain" aria-labelledby="chain-heading">
            <Heading id="chain-heading">{"Chain"}</Heading>
            <p class="chain-status">
                { if chain.complete { "Complete: reaches a trust anchor." } else { "Incomplete: does not reach a trust anchor." } }
                { if chain.order_ok { " Sent in the right order." } else { " Not in the order a server should send it." } }
            </p>
            if chain.links.is_empty() && chain.missing_issuer.is_none() {
                <p class="empty">{"No certificate path could be built from the input."}</p>
            } else {
                <ol class="chain-links">
                    { for chain.links.iter().enumerate().map(|(i, link)| {
                        let (tone, words) = signature_words(link.signature);
                        let role = if i == 0 { "Leaf" } else if i == last && chain.complete { "Anchor" } else { "Intermediate" };
                        let by = if i == last { "self-signed" } else { "signed by the next certificate" };
                        html! {
                            <li class="chain-link" data-signature={link.signature.as_str()}>
                                <div class="chain-node">
                                    <span class="chain-role">{role}</span>
                                    <span class="chain-subject">{link.subject.clone()}</span>
                                    <span class="chain-source muted">{source(link)}</span>
                                </div>
                                <div class="chain-edge">
                                    <span aria-hidden="true" class="chain-arrow">{"↓"}</span>
                                    <StatusBadge {tone} text={AttrValue::from(format!("{words} ({by})"))} />
                                </div>
                            </li>
                        }
                    }) }
                    if let Some(missing) = &chain.missing_issuer {
                        <li class="chain-link chain-gap" data-signature="missing">
                            <div class="chain-node gap">
                                <span class="chain-role">{"Missing"}</span>
                                <span class="chain-subject">{missing.name.clone()}</span>
                                <span class="muted">{"This issuer is not in the input. Add it (usually the intermediate your CA supplied)."}</span>
                                if !missing.ca_issuers_urls.is_empty() {
                                    <span class="muted">{"It can be downloaded from: "}</span>
                                    <ul class="urls">
                                        { for missing.ca_issuers_urls.iter().map(|u| html! { <li><code>{u.clone()}</code></li> }) }
                                    </ul>
                                }
                            </div>
                        </li>
                    }
                </ol>
            }
            if let Some(policies) = &chain.policies {
                <p class={classes!("chain-policies", (!policies.valid).then_some("error"))}>{certscope::report::labels::policy_line(policies)}</p>
            }
        </section>
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::components::test_util::render;
    use certscope::{analyze, Input, Options, Timestamp};
    use std::rc::Rc;

    #[tokio::test]
    async fn gap_names_the_missing_issuer() {
        let opts = Options::at(Timestamp::parse_rfc3339("2025-03-15T12:00:00Z").unwrap());
        let mut report = analyze(&[Input::text(include_str!("../../www/examples/broken-chain.pem"))], &opts);
        report.chain.missing_issuer = Some(certscope::report::MissingIssuer {
            name: "CN=Amazon RSA 2048 M03,O=Amazon,C=US".into(),
            short_name: "Amazon RSA 2048 M03".into(),
            ca_issuers_urls: vec!["http://crt.r2m03.amazontrust.com/r2m03.cer".into()],
        });
        let html = render::<ChainView>(ChainViewProps { report: ReportHandle(Rc::new(report)) }).await;
        assert!(html.contains("CN=Amazon RSA 2048 M03,O=Amazon,C=US"), "{html}");
        assert!(html.contains("http://crt.r2m03.amazontrust.com/r2m03.cer"), "{html}");
        assert!(!html.contains("<a "), "URLs are text, not links: {html}");
    }

    #[tokio::test]
    async fn policies_show_as_one_line() {
        let opts = Options::at(Timestamp::parse_rfc3339("2025-02-25T00:00:00Z").unwrap());
        let chain = include_str!("../../crates/certscope/tests/data/real/amazon/valid.rootca1.chain.pem");
        let report = analyze(&[Input::text(chain)], &opts);
        let html = render::<ChainView>(ChainViewProps { report: ReportHandle(Rc::new(report)) }).await;
        assert!(html.contains("Policies on this path: 2.23.140.1.2.1 (DV)"), "{html}");
    }
}
