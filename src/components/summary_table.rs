//! The install-check table: the core's summary rows, captioned "Summary",
//! each label a row header.

use certscope::report::Verdict;
use yew::prelude::*;

use super::heading::Heading;
use super::status_badge::{StatusBadge, Tone};
use crate::types::ReportHandle;

#[derive(Properties, PartialEq)]
pub struct SummaryTableProps {
    pub report: ReportHandle,
}

#[component]
pub fn SummaryTable(props: &SummaryTableProps) -> Html {
    let summary = &props.report.summary;
    let (tone, verdict) = match summary.verdict {
        Verdict::Ok => (Tone::Good, "No problems found"),
        Verdict::Warning => (Tone::Warning, "Works, with warnings"),
        Verdict::Error => (Tone::Error, "Problems found"),
    };
    html! {
        <section class="panel summary" aria-labelledby="summary-heading">
            <Heading id="summary-heading">
                {"Verdict: "}<StatusBadge {tone} text={AttrValue::Static(verdict)} />
            </Heading>
            <table class="summary-table">
                <caption>{"Summary"}</caption>
                <tbody>
                    { for summary.rows.iter().map(|row| html! {
                        <tr data-badge={format!("{:?}", row.badge).to_lowercase()}>
                            <th scope="row">{row.label.clone()}</th>
                            <td class="summary-value">{row.value.clone()}</td>
                            <td class="summary-badge"><StatusBadge tone={Tone::from_badge(row.badge)} /></td>
                        </tr>
                    }) }
                </tbody>
            </table>
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
    async fn rows_are_row_headers_with_values() {
        let opts = Options {
            host: Some("scotthelme.co.uk".into()),
            ..Options::at(Timestamp::parse_rfc3339("2017-10-01T00:00:00Z").unwrap())
        };
        let report = analyze(
            &[Input::text(include_str!(
                "../../crates/certscope/tests/data/real/pyca/must-staple-scotthelme.chain.pem"
            ))],
            &opts,
        );
        let rows = report.summary.rows.clone();
        let html = render::<SummaryTable>(SummaryTableProps { report: ReportHandle(Rc::new(report)) }).await;
        assert!(html.contains("<caption>Summary</caption>"), "{html}");
        assert!(!rows.is_empty());
        for row in rows {
            assert!(
                html.contains(&format!(r#"<th scope="row">{}</th>"#, row.label)),
                "{} missing in {html}",
                row.label
            );
        }
    }

    #[tokio::test]
    async fn hostile_text_stays_text() {
        let opts = Options::at(Timestamp::parse_rfc3339("2017-10-01T00:00:00Z").unwrap());
        let mut report = analyze(&[Input::text("x")], &opts);
        report.summary.rows.push(certscope::report::SummaryRow {
            label: "Certificate".into(),
            value: "<script>alert(1)</script>\u{202e}evil".into(),
            badge: certscope::report::Badge::Error,
        });
        let html = render::<SummaryTable>(SummaryTableProps { report: ReportHandle(Rc::new(report)) }).await;
        assert!(!html.contains("<script>"), "{html}");
        assert!(html.contains("&lt;script&gt;"), "{html}");
    }
}
