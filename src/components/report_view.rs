//! `<ReportView>`: one Report as the page shows it. The summary (with the
//! profile that judged it), the findings, the chain, OCSP, CRLs and the
//! certificate cards, and the actions bar; in full, or compact (summary and
//! findings first, the rest collapsed). It lays out what it is given and
//! passes on what the person asks for; the page shell (`<App>`) does it.

use certscope::report::{CertificateReport, ObjectRef};
use certscope::Report;
use yew::prelude::*;

use super::actions_bar::{ActionsBar, ReportAction};
use super::admin_panel::AdminPanel;
use super::bytes_panel::{BytesPanel, BytesRequest};
use super::cert_card::CertCard;
use super::chain_view::ChainView;
use super::crl_panel::CrlPanel;
use super::findings_list::FindingsList;
use super::heading::Heading;
use super::ocsp_panel::OcspPanel;
use super::summary_table::SummaryTable;
use crate::controller::Panels;
use crate::types::ReportHandle;

/// Certificate cards start open for a normal chain; a big bundle starts
/// collapsed so the page stays short and quick to lay out.
const CARDS_OPEN_UP_TO: usize = 4;

/// Cards rendered besides the chain's own before "Show all": 2,000 cards
/// took the page 10-19 s to lay out (docs/robustness.md, page timings).
const CARDS_SHOWN: usize = 20;

#[derive(Properties, PartialEq)]
pub struct ReportViewProps {
    pub report: ReportHandle,
    /// Which panels to show (an embed's `show` attribute).
    pub show: Panels,
    /// Summary and findings first; chain, OCSP and certificate cards collapsed.
    pub compact: bool,
    /// The permalink button (the standalone page only).
    pub permalink: bool,
    /// Judged by the strict profile, not as browsers do.
    pub strict: bool,
    /// How long `analyze` took, for the actions bar.
    pub elapsed_ms: f64,
    /// The status line ("Copied the report as text.").
    pub notice: Option<AttrValue>,
    /// The actions bar's buttons.
    pub on_action: Callback<ReportAction>,
    /// A certificate card's copy buttons: (what, text).
    pub on_copy: Callback<(String, String)>,
    /// The switch to the other profile: `true` for strict.
    pub on_strict: Callback<bool>,
    /// An object's DER, for the Bytes view (`certscope::object_der`).
    pub der_of: Callback<ObjectRef, Option<Vec<u8>>>,
    /// When the view first appears, build the certificate cards' bodies
    /// only after the verdict has been painted (see [`ReportView`]).
    #[prop_or_default]
    pub cards_after_paint: bool,
}

/// What the Bytes view was asked to show, for which report: the request,
/// a count that changes with every request, and whether it came from a
/// link (focus follows it) rather than the view's own list.
type BytesOpen = (ReportHandle, BytesRequest, u32, bool);

/// The first report after a paste into an empty page is what the person
/// waits for: the cards' bodies are about three quarters of its DOM (938 of
/// 1,292 elements for a four-certificate chain), so they come one frame
/// after the summary, findings, chain and OCSP panels are on screen. Only
/// when the view appears: a report that replaces another is built at once,
/// so the page never shrinks under a person reading a card.
#[component]
pub fn ReportView(props: &ReportViewProps) -> Html {
    let card_bodies = use_state_eq(|| !props.cards_after_paint || crate::browser::page_hidden());
    {
        let card_bodies = card_bodies.clone();
        use_effect_with((), move |_| {
            let pending = (!*card_bodies).then(|| crate::browser::after_paint(move || card_bodies.set(true)));
            move || drop(pending)
        });
    }
    // The report whose certificate cards are all shown: a new report starts bounded again.
    let all_cards_for = use_state_eq(|| None::<ReportHandle>);
    let bytes_open = use_state(|| None::<BytesOpen>);
    let report = &props.report;
    let show = props.show;
    // The Bytes view and its links: not in the embed's compact mode.
    let bytes_shown = show.bytes && !props.compact;
    let open_bytes = |from_link: bool| {
        let bytes_open = bytes_open.clone();
        let report = report.clone();
        Callback::from(move |request: BytesRequest| {
            let seq = bytes_open.as_ref().map_or(0, |(_, _, n, _)| n.wrapping_add(1));
            bytes_open.set(Some((report.clone(), request, seq, from_link)));
        })
    };
    let on_show_bytes = bytes_shown.then(|| open_bytes(true));
    let bytes_request =
        bytes_open.as_ref().filter(|(r, ..)| r == report).map(|(_, request, seq, link)| (request.clone(), *seq, *link));
    let actions = html! {
        if show.actions {
            <ActionsBar can_download={!report.chain.corrected_pem.is_empty()} elapsed_ms={props.elapsed_ms}
                notice={props.notice.clone()} on_action={props.on_action.clone()} permalink={props.permalink} />
        }
    };
    let summary = html! {
        <>
            if show.summary {
                <SummaryTable report={report.clone()} />
                { profile_line(props.strict, &props.on_strict) }
            }
            if show.findings { <FindingsList report={report.clone()} on_show_bytes={on_show_bytes.clone()} /> }
        </>
    };
    let details = {
        let shown = cards_to_show(report, all_cards_for.as_ref() == Some(report));
        let cards_open = !props.compact && report.certificates.len() <= CARDS_OPEN_UP_TO;
        let show_all = {
            let all_cards_for = all_cards_for.clone();
            let report = report.clone();
            Callback::from(move |_: MouseEvent| all_cards_for.set(Some(report.clone())))
        };
        html! {
            <>
                if show.keys { <AdminPanel report={report.clone()} /> }
                if show.chain { <ChainView report={report.clone()} /> }
                if show.ocsp { <OcspPanel ocsp={report.ocsp.clone()} stapling={report.stapling.clone()}
                    other={report.ocsp_other.clone()} cert_names={cert_names(report)} on_show_bytes={on_show_bytes.clone()} /> }
                if show.crl { <CrlPanel crls={report.crls.clone()} on_show_bytes={on_show_bytes.clone()} /> }
                if show.certificates && !report.certificates.is_empty() {
                    <section class="certificates" aria-labelledby="certs-heading">
                        <Heading id="certs-heading">{format!("Certificates ({})", report.certificates.len())}</Heading>
                        { for shown.iter().map(|c| html! {
                            <CertCard key={c.index} cert={(*c).clone()} as_of={report.as_of} on_copy={props.on_copy.clone()}
                                open={cards_open} body={*card_bodies} on_show_bytes={on_show_bytes.clone()} />
                        }) }
                        if shown.len() < report.certificates.len() {
                            <p class="show-more">
                                {format!("{} of {} certificates shown. ", shown.len(), report.certificates.len())}
                                <button type="button" class="show-all-certificates" onclick={show_all}>
                                    {format!("Show all {} certificates", report.certificates.len())}
                                </button>
                            </p>
                        }
                    </section>
                }
                if bytes_shown {
                    <BytesPanel report={report.clone()} request={bytes_request} der_of={props.der_of.clone()}
                        on_open={open_bytes(false)} on_copy={props.on_copy.clone()} />
                }
            </>
        }
    };
    if props.compact {
        let has_details = show.keys || show.chain || show.ocsp || show.crl || show.certificates;
        html! {
            <>
                <div class="report">{ summary }</div>
                { actions }
                if has_details {
                    <details class="report-details">
                        <summary>{"Chain, OCSP response and certificates"}</summary>
                        <div class="report">{ details }</div>
                    </details>
                }
            </>
        }
    } else {
        html! {
            <>
                { actions }
                <div class="report">
                    { summary }
                    { details }
                </div>
            </>
        }
    }
}

/// Which profile judged the verdict, and a one-click switch to the other
/// (the permalink keeps the choice): two pressed/unpressed buttons, so the
/// current profile reads as selected and the other as one click away.
fn profile_line(strict: bool, on_strict: &Callback<bool>) -> Html {
    let said = if strict {
        "Judged strictly: RFC 5280 and the CA/B Forum profiles, as pyca and Go."
    } else {
        "Judged as browsers do; rules only strict validators enforce are warnings."
    };
    let choose = |to: bool| on_strict.reform(move |_: MouseEvent| to);
    html! {
        <div class="profile">
            <span class="profile-said">{said}</span>
            <span class="profile-switch" role="group" aria-label="Profile">
                <button type="button" aria-pressed={(!strict).to_string()} onclick={choose(false)}>{"Browsers"}</button>
                <button type="button" aria-pressed={strict.to_string()} onclick={choose(true)}>{"Strict (RFC 5280 + CA/B Forum)"}</button>
            </span>
        </div>
    }
}

/// Each certificate's input index and short name, for panels that name one.
fn cert_names(report: &Report) -> Vec<(usize, String)> {
    report.certificates.iter().map(|c| (c.index, c.short_name.clone())).collect()
}

/// The certificates to render as cards, in input order: every one on the
/// built path, then the first [`CARDS_SHOWN`] others; all of them on request.
fn cards_to_show(report: &Report, all: bool) -> Vec<&CertificateReport> {
    if all {
        return report.certificates.iter().collect();
    }
    let on_path: Vec<usize> = report.chain.links.iter().filter_map(|l| l.certificate).collect();
    let mut others = 0usize;
    report
        .certificates
        .iter()
        .filter(|c| {
            on_path.contains(&c.index) || {
                others += 1;
                others <= CARDS_SHOWN
            }
        })
        .collect()
}

#[cfg(test)]
mod tests {
    use std::rc::Rc;

    use certscope::{analyze, Input, Options, Timestamp};

    use super::*;
    use crate::components::test_util::render;

    fn must_staple() -> Report {
        let at = Timestamp::parse_rfc3339("2017-10-01T00:00:00Z").unwrap();
        analyze(
            &[Input::text(include_str!(
                "../../crates/certscope/tests/data/real/pyca/must-staple-scotthelme.chain.pem"
            ))],
            &Options::at(at),
        )
    }

    fn props(report: Report) -> ReportViewProps {
        ReportViewProps {
            report: ReportHandle(Rc::new(report)),
            show: Panels::all(),
            compact: false,
            permalink: true,
            strict: false,
            elapsed_ms: 0.4,
            notice: None,
            on_action: Callback::noop(),
            on_copy: Callback::noop(),
            on_strict: Callback::noop(),
            der_of: Callback::from(|_| None),
            cards_after_paint: false,
        }
    }

    /// With no page to paint (a hidden tab, or rendered to a string), the
    /// cards are whole from the start: nothing would ever fill them in.
    #[tokio::test]
    async fn cards_are_whole_where_nothing_is_painted() {
        let report = must_staple();
        let sha256 = report.certificates[0].sha256.clone();
        let html = render::<ReportView>(ReportViewProps { cards_after_paint: true, ..props(report) }).await;
        assert!(html.contains(&sha256), "{html}");
        assert!(html.contains(r#"class="validity""#), "{html}");
    }

    #[test]
    fn cards_are_bounded_but_keep_the_chain() {
        let mut report = must_staple();
        let Some(first) = report.certificates.first().cloned() else { return };
        let real = report.certificates.len();
        for i in real..real + 100 {
            report.certificates.push(CertificateReport { index: i, ..first.clone() });
        }
        // The chain's certificate placed last must still get its card.
        report.chain.links[0].certificate = Some(real + 99);
        let shown: Vec<usize> = cards_to_show(&report, false).iter().map(|c| c.index).collect();
        assert!(shown.contains(&(real + 99)), "{shown:?}");
        assert!(shown.len() <= CARDS_SHOWN + report.chain.links.len(), "{shown:?}");
        assert!(shown.windows(2).all(|w| w[0] < w[1]), "input order: {shown:?}");
        assert_eq!(cards_to_show(&report, true).len(), report.certificates.len());
    }

    #[tokio::test]
    async fn full_view_has_every_panel_with_cards_open_and_actions_first() {
        let html = render::<ReportView>(props(must_staple())).await;
        let at = |needle: &str| html.find(needle).unwrap_or_else(|| panic!("no {needle}: {html}"));
        assert!(at(r#"aria-label="Report actions""#) < at("<caption>Summary</caption>"), "{html}");
        assert!(at("<caption>Summary</caption>") < at(r#"id="certs-heading""#), "{html}");
        assert!(html.contains("Judged as browsers do"), "{html}");
        assert!(html.contains("Certificates (2)"), "{html}");
        assert!(!html.contains("report-details"), "{html}");
        assert!(!html.contains("Show all"), "two cards are all shown: {html}");
        assert_eq!(html.matches("<details open").count(), 2, "both cards open: {html}");
    }

    #[tokio::test]
    async fn compact_view_puts_summary_first_and_collapses_the_rest() {
        let html = render::<ReportView>(ReportViewProps { compact: true, strict: true, ..props(must_staple()) }).await;
        let at = |needle: &str| html.find(needle).unwrap_or_else(|| panic!("no {needle}: {html}"));
        assert!(at("<caption>Summary</caption>") < at(r#"aria-label="Report actions""#), "{html}");
        assert!(at(r#"aria-label="Report actions""#) < at(r#"<details class="report-details">"#), "{html}");
        assert!(at(r#"<details class="report-details">"#) < at(r#"id="certs-heading""#), "{html}");
        assert!(html.contains("Judged strictly"), "{html}");
        assert!(!html.contains("<details open"), "cards closed: {html}");
    }

    /// Issue 16: findings with bytes and every certificate field link to
    /// the Bytes view; the embed's compact mode has neither.
    #[tokio::test]
    async fn show_bytes_links_and_the_bytes_panel_but_not_when_compact() {
        let report = must_staple();
        let with_bytes = report.findings.iter().filter(|f| f.bytes.is_some()).count();
        assert!(with_bytes > 0, "{:?}", report.findings);
        let html = render::<ReportView>(props(report.clone())).await;
        assert!(html.contains(r#"id="bytes-heading""#), "{html}");
        let findings = html.split(r#"id="findings-heading""#).nth(1).unwrap().split("</section>").next().unwrap();
        assert_eq!(findings.matches("show-bytes").count(), with_bytes, "{findings}");
        assert!(html.contains(r#"aria-label="Show the bytes of Serial number""#), "{html}");
        assert!(html.contains(r#"aria-label="Show the bytes of Subject alternative names""#), "{html}");
        let html = render::<ReportView>(ReportViewProps { compact: true, ..props(report) }).await;
        assert!(!html.contains("show-bytes") && !html.contains("bytes-heading"), "{html}");
    }

    #[tokio::test]
    async fn hidden_panels_are_not_rendered() {
        let show = Panels::parse("summary findings");
        let html = render::<ReportView>(ReportViewProps { show, compact: true, ..props(must_staple()) }).await;
        assert!(html.contains("<caption>Summary</caption>"), "{html}");
        assert!(!html.contains("report-details"), "nothing to collapse: {html}");
        assert!(!html.contains(r#"aria-label="Report actions""#), "{html}");
        assert!(!html.contains("certs-heading"), "{html}");
    }
}
