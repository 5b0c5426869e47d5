//! The install-check table: the core's summary rows, captioned "Summary",
//! each label a row header.

use certscope::report::{labels, Verdict};
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
    let tone = match summary.verdict {
        Verdict::Ok => Tone::Good,
        Verdict::Warning => Tone::Warning,
        Verdict::Error => Tone::Error,
    };
    let verdict = labels::verdict_headline(summary.verdict);
    html! {
        <section class="panel summary" aria-labelledby="summary-heading">
            <Heading id="summary-heading">
                {"Verdict: "}<StatusBadge {tone} text={AttrValue::Static(verdict)} />
            </Heading>
            <table class="summary-table">
                <caption>{"Summary"}</caption>
                <tbody>
                    { for summary.rows.iter().map(|row| html! {
                        <tr data-row={row.id.as_str()} data-badge={format!("{:?}", row.badge).to_ascii_lowercase()}>
                            <th scope="row">{labels::row_label(row.id)}</th>
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
                html.contains(&format!(r#"<tr data-row="{}""#, row.id.as_str()))
                    && html.contains(&format!(r#"<th scope="row">{}</th>"#, labels::row_label(row.id))),
                "{:?} missing in {html}",
                row.id
            );
        }
    }

    #[tokio::test]
    async fn hostile_text_stays_text() {
        let opts = Options::at(Timestamp::parse_rfc3339("2017-10-01T00:00:00Z").unwrap());
        let mut report = analyze(&[Input::text("x")], &opts);
        report.summary.rows.push(certscope::report::SummaryRow {
            id: certscope::report::RowId::Certificate,
            label: "Certificate".into(),
            value: "<script>alert(1)</script>\u{202e}evil".into(),
            badge: certscope::report::Badge::Error,
        });
        let html = render::<SummaryTable>(SummaryTableProps { report: ReportHandle(Rc::new(report)) }).await;
        assert!(!html.contains("<script>"), "{html}");
        assert!(html.contains("&lt;script&gt;"), "{html}");
    }
}
