//! Findings, most severe first (the core sorts them): what is wrong, what to
//! do, the rule behind it. For stapling problems the core's remedy already
//! carries the nginx, Apache and IIS settings; they show with its line breaks.

use certscope::Finding;
use yew::prelude::*;

use super::bytes_panel::{show_bytes_link, BytesRequest};
use super::heading::Heading;
use super::status_badge::{StatusBadge, Tone};
use crate::types::ReportHandle;

#[derive(Properties, PartialEq)]
pub struct FindingsListProps {
    pub report: ReportHandle,
    /// Opens the Bytes view at a finding's bytes; `None` hides the links.
    #[prop_or_default]
    pub on_show_bytes: Option<Callback<BytesRequest>>,
}

/// Findings rendered before "Show N more": a hostile bundle yields
/// thousands, and the most severe come first anyway.
pub const FINDINGS_SHOWN: usize = 50;

#[component]
pub fn FindingsList(props: &FindingsListProps) -> Html {
    let report = &props.report;
    // The report whose findings are all shown: a new report starts bounded again.
    let all_for = use_state_eq(|| None::<ReportHandle>);
    let limit = if all_for.as_ref() == Some(report) { usize::MAX } else { FINDINGS_SHOWN };
    let hidden = report.findings.len().saturating_sub(limit);
    let show_all = {
        let all_for = all_for.clone();
        let report = report.clone();
        Callback::from(move |_: MouseEvent| all_for.set(Some(report.clone())))
    };
    let about = |f: &Finding| {
        f.certificate
            .and_then(|i| report.certificates.get(i))
            .map(|c| format!("Certificate #{}: {}", c.index + 1, c.short_name.clone()))
    };
    html! {
        <section class="panel findings" aria-labelledby="findings-heading">
            <Heading id="findings-heading">{format!("Findings ({})", report.findings.len())}</Heading>
            if report.findings.is_empty() {
                <p class="empty">{"No problems found."}</p>
            } else {
                <ol class="findings-list">
                    { for report.findings.iter().take(limit).map(|f| html! {
                        <li class={classes!("finding", format!("finding-{}", f.severity.as_str()))} data-code={f.code.code()}>
                            <div class="finding-head">
                                <StatusBadge tone={Tone::from_severity(f.severity)} />
                                <code class="finding-code">{f.code.code()}</code>
                                if let Some(about) = about(f) {
                                    <span class="finding-about">{about}</span>
                                }
                                if let Some(range) = f.bytes {
                                    { show_bytes_link(props.on_show_bytes.as_ref(), BytesRequest::range(range), f.code.code()) }
                                }
                            </div>
                            <p class="finding-message">{f.message.clone()}</p>
                            if !f.remedy.is_empty() {
                                <p class="finding-remedy"><strong>{"What to do: "}</strong>{f.remedy.clone()}</p>
                            }
                            if !f.reference.is_empty() {
                                <p class="finding-reference"><span class="muted">{"Reference: "}</span>{f.reference.clone()}</p>
                            }
                        </li>
                    }) }
                </ol>
                if hidden > 0 {
                    <p class="show-more">
                        <button type="button" class="show-more-findings" onclick={show_all}>
                            {format!("Show {hidden} more findings")}</button>
                    </p>
                }
            }
        </section>
    }
}

#[cfg(test)]
mod tests {
    #[tokio::test]
    async fn long_lists_are_cut_with_a_button() {
        let opts = Options::at(Timestamp::parse_rfc3339("2026-01-01T00:00:00Z").unwrap());
        let mut report = analyze(&[Input::text("not a certificate")], &opts);
        let one = report.findings[0].clone();
        report.findings = vec![one; FINDINGS_SHOWN + 7];
        let html =
            render::<FindingsList>(FindingsListProps { report: ReportHandle(Rc::new(report)), on_show_bytes: None })
                .await;
        assert_eq!(html.matches(r#"class="finding finding-"#).count(), FINDINGS_SHOWN, "{html}");
        assert!(html.contains("Show 7 more findings"), "{html}");
    }

    use super::*;
    use crate::components::test_util::render;
    use certscope::{analyze, Input, Options, Timestamp};
    use std::rc::Rc;

    #[tokio::test]
    async fn each_finding_shows_message_remedy_and_reference() {
        let opts = Options::at(Timestamp::parse_rfc3339("2026-01-01T00:00:00Z").unwrap());
        let report = analyze(&[Input::text("not a certificate <b>bold</b>")], &opts);
        assert!(!report.findings.is_empty());
        let first = report.findings[0].clone();
        let html =
            render::<FindingsList>(FindingsListProps { report: ReportHandle(Rc::new(report)), on_show_bytes: None })
                .await;
        assert!(html.contains(&format!(r#"data-code="{}""#, first.code.code())), "{html}");
        assert!(html.contains("What to do: "), "{html}");
        assert!(html.contains("Reference: "), "{html}");
        assert!(!html.contains("<b>bold"), "{html}");
    }
}
