//! The OCSP response as decoded: status, responder, signature, each single
//! response with its times; what a transcript said about stapling; and, at
//! a glance, any other responses given (e.g. the intermediate's).

use certscope::asn1::Locator;
use certscope::report::ObjectRef;
use certscope::report::{
    labels, CertificateStatus, Freshness, OcspOtherReport, OcspReport, OcspSignature, ResponseStatus, Source,
    StaplingReport,
};
use yew::prelude::*;

use super::bytes_panel::{show_bytes_link, BytesRequest, Spot};
use super::heading::Heading;
use super::status_badge::{StatusBadge, Tone};

#[derive(Properties, PartialEq)]
pub struct OcspPanelProps {
    pub ocsp: Option<OcspReport>,
    pub stapling: Option<StaplingReport>,
    /// `Report.ocsp_other`.
    #[prop_or_default]
    pub other: Vec<OcspOtherReport>,
    /// (input index, short name) of every certificate, to name what an
    /// other response is about.
    #[prop_or_default]
    pub cert_names: Vec<(usize, String)>,
    /// Opens the Bytes view at a field of the response; `None` hides the links.
    #[prop_or_default]
    pub on_show_bytes: Option<Callback<BytesRequest>>,
}

fn source_words(s: &Source) -> String {
    match &s.name {
        Some(n) => format!("{n} (block {})", s.block),
        None => format!("input {}, block {}", s.input + 1, s.block),
    }
}

/// The badge for a response's certificate status; without one, the
/// response status (e.g. `tryLater`) is what there is to say.
fn status_badge(o: &OcspOtherReport) -> (Tone, String) {
    match (o.status, o.response_status) {
        (Some(status), _) => {
            let tone = match status {
                CertificateStatus::Good => Tone::Good,
                CertificateStatus::Revoked => Tone::Error,
                CertificateStatus::Unknown => Tone::Warning,
            };
            (tone, labels::certificate_status(status).to_string())
        }
        (None, ResponseStatus::Unparseable) => (Tone::Error, "Unparseable".into()),
        (None, status) => (Tone::Warning, format!("No status ({status})")),
    }
}

fn freshness_words(f: Option<Freshness>) -> &'static str {
    f.map_or("—", labels::freshness)
}

fn ocsp_signature_words(s: Option<OcspSignature>) -> &'static str {
    s.map_or("—", labels::ocsp_signature)
}

fn render_other(props: &OcspPanelProps) -> Html {
    if props.other.is_empty() {
        return html! {};
    }
    let about = |o: &OcspOtherReport| match o.certificate {
        Some(i) => {
            let name = props.cert_names.iter().find(|(j, _)| *j == i).map(|(_, n)| n.clone()).unwrap_or_default();
            format!("#{} {name}", i + 1)
        }
        None => "no certificate in this input".to_string(),
    };
    html! {
        <table class="ocsp-responses ocsp-other">
            <caption>{format!("Other OCSP responses ({})", props.other.len())}</caption>
            <thead><tr>
                <th scope="col">{"About"}</th><th scope="col">{"Status"}</th>
                <th scope="col">{"Freshness"}</th><th scope="col">{"Signature"}</th>
            </tr></thead>
            <tbody>
                { for props.other.iter().map(|o| {
                    let (tone, words) = status_badge(o);
                    html! {
                        <tr>
                            <td><span class="ocsp-other-about">{about(o)}</span>
                                if let Some(serial) = &o.serial {
                                    <br /><span class="muted">{"serial "}<code class="wrap">{serial.clone()}</code></span>
                                }
                                <br /><span class="muted">{format!("from {}", source_words(&o.source))}</span></td>
                            <td><StatusBadge {tone} text={AttrValue::from(words)} /></td>
                            <td>{freshness_words(o.freshness)}
                                if let Some(t) = o.next_update {
                                    <br /><span class="muted">{format!("next update {}", t.to_human())}</span>
                                }</td>
                            <td>{ocsp_signature_words(o.signature)}</td>
                        </tr>
                    }
                }) }
            </tbody>
        </table>
    }
}

fn row(label: &'static str, value: Option<String>) -> Html {
    row_at(label, value, html! {})
}

/// A row with a "show bytes" link after its value.
fn row_at(label: &'static str, value: Option<String>, link: Html) -> Html {
    match value {
        Some(v) => html! { <><dt>{label}</dt><dd>{v}{" "}{link}</dd></> },
        None => html! {},
    }
}

#[component]
pub fn OcspPanel(props: &OcspPanelProps) -> Html {
    let link = |what: &str, spot: Spot| {
        show_bytes_link(props.on_show_bytes.as_ref(), BytesRequest { object: ObjectRef::Ocsp, spot }, what)
    };
    if props.ocsp.is_none() && props.stapling.is_none() {
        return html! {
            <section class="panel ocsp" aria-labelledby="ocsp-heading">
                <Heading id="ocsp-heading">{"OCSP response"}</Heading>
                <p class="empty">{"No OCSP response was given. Paste the output of "}
                    <code>{"openssl s_client -connect host:443 -servername host -showcerts -status -msg"}</code>{" or a saved response to check it."}</p>
            </section>
        };
    }
    html! {
        <section class="panel ocsp" aria-labelledby="ocsp-heading">
            <Heading id="ocsp-heading">{"OCSP response"}</Heading>
            if let Some(s) = &props.stapling {
                <dl class="fields">
                    { row("Stapling (from the transcript)", Some(labels::stapling_state(s.state).to_string())) }
                    if s.der_source.is_some() {
                        { row("Bytes", Some("Its exact bytes were read from the -msg dump and are checked below.".into())) }
                    }
                    if s.text_agrees == Some(false) {
                        { row("Printed text", Some("Does not match the bytes; the bytes are what is checked.".into())) }
                    }
                    if s.text_only {
                        { row("Note", Some("Only the printed text of the response was in the transcript: this is the server's claim, and a signature cannot be checked from text. Capture with -msg to check it.".into())) }
                        { row("Status (text)", s.text_status.clone()) }
                        { row("Revoked (text)", claimed_revocation(s)) }
                        { row("This update (text)", s.text_this_update.clone()) }
                        { row("Next update (text)", s.text_next_update.clone()) }
                    }
                </dl>
            }
            if let Some(o) = &props.ocsp {
                <dl class="fields">
                    { row_at("Response status", Some(format!("{} — {}", o.response_status, o.status_meaning)), link("the response", Spot::Top)) }
                    { row_at("Produced at", o.produced_at.map(|t| format!("{} ({t})", t.to_human())), link("producedAt", Spot::Field(Locator::ProducedAt))) }
                    { row("Responder", o.responder.map(|r| labels::responder(r).to_string())) }
                    { row_at("Responder ID", o.responder_id.map(|k| format!("{}: {}", labels::responder_id(k), o.responder_id_value.clone().unwrap_or_default())), link("responderID", Spot::Field(Locator::ResponderId))) }
                    { row("Signed by", o.signer_subject.clone()) }
                    { row_at("Signature", o.signature.map(|s| labels::ocsp_signature(s).to_string()), link("the signature", Spot::Field(Locator::SignatureValue))) }
                    { row_at("Signature algorithm", o.signature_algorithm.clone(), link("the signature algorithm", Spot::Field(Locator::SignatureAlgorithm))) }
                    { row_at("Certificates in the response", (!o.certificates.is_empty()).then(|| o.certificates.join("; ")), link("the certificates", Spot::Field(Locator::Certs))) }
                    if let Some(l) = &o.leaf {
                        { row("Leaf status", Some(labels::certificate_status(l.status).to_string())) }
                        { row("Freshness", Some(labels::freshness(l.freshness).to_string())) }
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
                                    <td>{labels::certificate_status(r.status)}
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
            { render_other(props) }
        </section>
    }
}

/// "1 Dec 2026 15:52 UTC (keyCompromise)" for a printed "revoked" claim.
fn claimed_revocation(s: &certscope::report::StaplingReport) -> Option<String> {
    let claim = s.claim.as_ref()?;
    let r = claim.responses.iter().find(|r| r.matches_leaf == Some(true)).or_else(|| claim.responses.first())?;
    let when = r.revocation_time?.to_human();
    Some(match &r.revocation_reason {
        Some(reason) => format!("{when} ({reason})"),
        None => when,
    })
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::components::test_util::render;

    #[tokio::test]
    async fn missing_response_says_how_to_get_one() {
        let html = render::<OcspPanel>(OcspPanelProps {
            ocsp: None,
            stapling: None,
            other: vec![],
            cert_names: vec![],
            on_show_bytes: None,
        })
        .await;
        assert!(html.contains("No OCSP response was given"), "{html}");
    }

    #[tokio::test]
    async fn printed_revoked_staple_shows_the_claim_and_a_dumped_one_its_bytes() {
        use certscope::{analyze, Input, Options, Timestamp};
        let opts = Options {
            use_system_roots: false,
            extra_anchors: vec![include_bytes!("../../crates/certscope/tests/data/staple/root.pem").to_vec()],
            ..Options::at(
                Timestamp::parse_rfc3339(include_str!("../../crates/certscope/tests/data/staple/asof.txt").trim())
                    .unwrap(),
            )
        };
        let panel = |report: certscope::Report| OcspPanelProps {
            ocsp: report.ocsp.clone(),
            stapling: report.stapling.clone(),
            other: vec![],
            cert_names: vec![],
            on_show_bytes: None,
        };
        let text = include_str!("../../crates/certscope/tests/data/staple/revoked-tls13-text.txt");
        let html = render::<OcspPanel>(panel(analyze(&[Input::text(text)], &opts))).await;
        assert!(html.contains("Revoked (text)") && html.contains("(keyCompromise)"), "{html}");
        assert!(html.contains("a signature cannot be checked from text"), "{html}");
        let dump = include_str!("../../crates/certscope/tests/data/staple/revoked-tls12-msg.txt");
        let html = render::<OcspPanel>(panel(analyze(&[Input::text(dump)], &opts))).await;
        assert!(html.contains("read from the -msg dump") && !html.contains("Revoked (text)"), "{html}");
    }

    #[tokio::test]
    async fn other_responses_are_listed_by_the_certificate_they_answer_for() {
        use certscope::{analyze, Input, Options, Timestamp};
        // ND2 answers for the intermediate (signed by the root), ND1 for the leaf.
        let inputs = [
            Input::text(include_str!("../../crates/certscope/tests/data/ocsp/ND1_Cert_EE.pem")),
            Input::text(include_str!("../../crates/certscope/tests/data/ocsp/ND1_Issuer_ICA.pem")),
            Input::ocsp(
                Some("ND2.der".into()),
                include_bytes!("../../crates/certscope/tests/data/ocsp/ND2.der").to_vec(),
            ),
            Input::ocsp(
                Some("ND1.der".into()),
                include_bytes!("../../crates/certscope/tests/data/ocsp/ND1.der").to_vec(),
            ),
        ];
        let opts = Options {
            use_system_roots: false,
            extra_anchors: vec![include_bytes!("../../crates/certscope/tests/data/ocsp/ND2_Issuer_Root.pem").to_vec()],
            ..Options::at(Timestamp::parse_rfc3339("2012-10-12T00:00:00Z").unwrap())
        };
        let report = analyze(&inputs, &opts);
        assert_eq!(report.ocsp_other.len(), 1);
        let intermediate = report.certificates[1].short_name.clone();
        let props = OcspPanelProps {
            ocsp: report.ocsp.clone(),
            stapling: None,
            other: report.ocsp_other.clone(),
            cert_names: report.certificates.iter().map(|c| (c.index, c.short_name.clone())).collect(),
            on_show_bytes: None,
        };
        let html = render::<OcspPanel>(props).await;
        let other = html.split("Other OCSP responses (1)").nth(1).unwrap_or_else(|| panic!("no list: {html}"));
        assert!(other.contains(&format!("#2 {intermediate}")), "{html}");
        assert!(other.contains("11a3b4d0ec8db77f9da0cd5d2d512f42"), "{html}");
        assert!(other.contains("ND2.der"), "{html}");
        assert!(other.contains("badge-good") && other.contains(">Good<"), "{html}");
        assert!(
            other.contains(labels::freshness(Freshness::Fresh))
                && other.contains(labels::ocsp_signature(OcspSignature::Valid)),
            "{html}"
        );

        // A response about none of the certificates says so.
        let mut stray = report.ocsp_other.clone();
        stray[0].certificate = None;
        let html = render::<OcspPanel>(OcspPanelProps {
            ocsp: report.ocsp.clone(),
            stapling: None,
            other: stray,
            cert_names: vec![],
            on_show_bytes: None,
        })
        .await;
        assert!(html.contains("no certificate in this input"), "{html}");
    }
}
