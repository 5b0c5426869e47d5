//! Findings, most severe first (the core sorts them): what is wrong, what to
//! do, the rule behind it. For stapling problems the core's remedy already
//! carries the nginx, Apache and IIS settings; they show with its line breaks.

use certscope::report::summary::short_name;
use certscope::Finding;
use yew::prelude::*;

use super::heading::Heading;
use super::status_badge::{StatusBadge, Tone};
use crate::state::ReportHandle;

#[derive(Properties, PartialEq)]
pub struct FindingsListProps {
    pub report: ReportHandle,
}

#[component]
pub fn FindingsList(props: &FindingsListProps) -> Html {
    let report = &props.report;
    let about = |f: &Finding| {
        f.certificate
            .and_then(|i| report.certificates.get(i))
            .map(|c| format!("Certificate #{}: {}", c.index + 1, short_name(&c.subject, &c.subject_attributes)))
    };
    html! {
        <section class="panel findings" aria-labelledby="findings-heading">
            <Heading id="findings-heading">{format!("Findings ({})", report.findings.len())}</Heading>
            if report.findings.is_empty() {
                <p class="empty">{"No problems found."}</p>
            } else {
                <ol class="findings-list">
                    { for report.findings.iter().map(|f| html! {
                        <li class={classes!("finding", format!("finding-{}", f.severity.as_str()))} data-code={f.code.code()}>
                            <div class="finding-head">
                                <StatusBadge tone={Tone::from_severity(f.severity)} />
                                <code class="finding-code">{f.code.code()}</code>
                                if let Some(about) = about(f) {
                                    <span class="finding-about">{about}</span>
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
    async fn each_finding_shows_message_remedy_and_reference() {
        let opts = Options::at(Timestamp::parse_rfc3339("2026-01-01T00:00:00Z").unwrap());
        let report = analyze(&[Input::text("not a certificate <b>bold</b>")], &opts);
        assert!(!report.findings.is_empty());
        let first = report.findings[0].clone();
        let html = render::<FindingsList>(FindingsListProps { report: ReportHandle(Rc::new(report)) }).await;
        assert!(html.contains(&format!(r#"data-code="{}""#, first.code.code())), "{html}");
        assert!(html.contains("What to do: "), "{html}");
        assert!(html.contains("Reference: "), "{html}");
        assert!(!html.contains("<b>bold"), "{html}");
    }
}
