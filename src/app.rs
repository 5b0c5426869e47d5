//! `<App>`: the one reducer, the clock, browser events turned into actions,
//! and the page layout. Panels only render what they are given.
//!
//! The same component is the standalone page (`AppProps::default()`) and
//! each embedded `<certscope-inspector>` (src/embed.rs): an embedded one
//! has no masthead or permalinks (it never reads or writes the host page's
//! URL) and is driven through its [`Controller`].

use std::cell::RefCell;
use std::rc::Rc;

use certscope::report::render::{render_markdown, render_text};
use certscope::report::summary::short_name;
use gloo_timers::callback::Timeout;
use yew::prelude::*;

use crate::browser;
use crate::components::actions_bar::{ActionsBar, ReportAction};
use crate::components::cert_card::CertCard;
use crate::components::chain_view::ChainView;
use crate::components::crl_panel::CrlPanel;
use crate::components::findings_list::FindingsList;
use crate::components::heading::{Heading, HeadingBase};
use crate::components::input_panel::{Entry, InputPanel};
use crate::components::ocsp_panel::OcspPanel;
use crate::components::policy_settings::PolicySettings;
use crate::components::privacy_note::PrivacyNote;
use crate::components::summary_table::SummaryTable;
use crate::embed::{Controller, Panels};
use crate::permalink;
use crate::state::{as_of_input_value, parse_as_of_input, Action, AppState, AsOf, ReportHandle};

/// What the page promises, and no more: its Content-Security-Policy stops
/// the page from fetching or sending anything, but CSP does not govern
/// navigation, so a link followed or a file downloaded is the person's own
/// doing (www/privacy.html says the same at length).
pub const FOOTER: &str = "certscope runs entirely in your browser (WebAssembly). The page's Content-Security-Policy \
    forbids it any connection, so it cannot send what you paste. The policy does not cover navigation: a link you \
    follow or a file you save goes where you take it.";

/// Typing pauses this long before the report is redone; a paste or a drop
/// is checked at once.
const DEBOUNCE_MS: u32 = 250;

/// Each certificate's input index and short name, for panels that name one.
fn cert_names(report: &ReportHandle) -> Vec<(usize, String)> {
    report.certificates.iter().map(|c| (c.index, short_name(&c.subject, &c.subject_attributes))).collect()
}

/// Certificate cards start open for a normal chain; a big bundle starts
/// collapsed so the page stays short and quick to lay out.
const CARDS_OPEN_UP_TO: usize = 4;

/// Cards rendered besides the chain's own before "Show all": 2,000 cards
/// took the page 10-19 s to lay out (docs/robustness.md, page timings).
const CARDS_SHOWN: usize = 20;

/// Inputs above this many bytes get no permalink: compressing megabytes
/// into a URL stalls the page and browsers cap URLs near 2 MB anyway.
const PERMALINK_MAX_INPUT: usize = 512 * 1024;

/// The certificates to render as cards, in input order: every one on the
/// built path, then the first [`CARDS_SHOWN`] others; all of them on request.
fn cards_to_show(report: &certscope::Report, all: bool) -> Vec<&certscope::report::CertificateReport> {
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

#[derive(Properties, Clone, PartialEq, Debug)]
pub struct AppProps {
    /// The whole page: masthead, footer, permalinks in the URL fragment.
    /// False for an embedded inspector.
    pub standalone: bool,
    /// Summary and findings first; chain, OCSP and certificate cards collapsed.
    pub compact: bool,
    pub show: Panels,
    /// The "Try an example" buttons.
    pub examples: bool,
    /// The URL of the directory certscope's files are served from, ending
    /// in `/` (an embed's links must not resolve against the host page);
    /// empty for the standalone page.
    pub base: AttrValue,
    /// The level of a panel's heading: 2 under the standalone page's h1;
    /// an embed's host page says where it sits in its article (default 3).
    pub heading_level: u8,
    /// Where an embed's host sends the reports (embed.html names its
    /// parent's origin): the privacy note says so instead of "nothing was
    /// uploaded". `None` for the standalone page.
    pub results_to: Option<AttrValue>,
    pub controller: Controller,
}

impl Default for AppProps {
    fn default() -> Self {
        AppProps {
            standalone: true,
            compact: false,
            show: Panels::all(),
            examples: true,
            base: AttrValue::Static(""),
            heading_level: 2,
            results_to: None,
            controller: Controller::default(),
        }
    }
}

#[component]
pub fn App(props: &AppProps) -> Html {
    let state = use_reducer(|| AppState::new(browser::wall_clock()));
    let pending: Rc<RefCell<Option<Timeout>>> = use_mut_ref(|| None);
    let dragging = use_state(|| false);
    // The report whose certificate cards are all shown: a new report starts bounded again.
    let all_cards_for = use_state_eq(|| None::<ReportHandle>);
    let show = props.show;

    // Open a permalink: on load, and when the fragment changes later. Only
    // the standalone page: an embed must not read the host page's URL.
    {
        let dispatcher = state.dispatcher();
        use_effect_with(props.standalone, move |&standalone| {
            let listener = standalone.then(|| {
                let restore = move || {
                    let fragment = browser::fragment();
                    if fragment.starts_with(permalink::PREFIX) {
                        match permalink::decode(&fragment) {
                            Ok(decoded) => dispatcher.dispatch(Action::Restore(decoded)),
                            Err(message) => dispatcher.dispatch(Action::Notice(Some(message))),
                        }
                    }
                };
                restore();
                HashListener::new(restore)
            });
            move || {
                let _removed_on_drop = listener;
            }
        });
    }
    // The host page's handle: actions sent before this first render are replayed now.
    {
        let dispatcher = state.dispatcher();
        use_effect_with(props.controller.clone(), move |controller| {
            controller.attach(dispatcher);
            let controller = controller.clone();
            move || controller.detach()
        });
    }
    {
        let controller = props.controller.clone();
        use_effect_with(state.report.clone(), move |report| controller.report_changed(report.as_ref().map(|r| &*r.0)));
    }
    {
        let controller = props.controller.clone();
        use_effect_with(state.paste.clone(), move |paste| controller.record_paste(paste));
    }

    let on_paste = {
        let dispatcher = state.dispatcher();
        let pending = pending.clone();
        let controller = props.controller.clone();
        Callback::from(move |(text, entry): (String, Entry)| {
            controller.record_paste(&text);
            match entry {
                // A paste or a drop is complete: no keystrokes to wait for.
                Entry::Whole => {
                    drop(pending.borrow_mut().take());
                    dispatcher.dispatch(Action::Paste(text));
                }
                Entry::Typed => {
                    let dispatcher = dispatcher.clone();
                    // Replacing the Timeout cancels the previous one.
                    *pending.borrow_mut() =
                        Some(Timeout::new(DEBOUNCE_MS, move || dispatcher.dispatch(Action::Paste(text))));
                }
            }
        })
    };
    let on_paste_too_long = {
        let dispatcher = state.dispatcher();
        let pending = pending.clone();
        let controller = props.controller.clone();
        Callback::from(move |units: u32| {
            drop(pending.borrow_mut().take());
            controller.record_paste("");
            dispatcher.dispatch(Action::PasteTooLong(units));
        })
    };
    // A text too large to show (or its chip removed): taken at once, since
    // the paste area was already emptied.
    let on_paste_large = {
        let dispatcher = state.dispatcher();
        let pending = pending.clone();
        let controller = props.controller.clone();
        Callback::from(move |text: String| {
            drop(pending.borrow_mut().take());
            controller.record_paste(&text);
            dispatcher.dispatch(Action::Paste(text));
        })
    };
    let cancel_pending = {
        let pending = pending.clone();
        move || drop(pending.borrow_mut().take())
    };
    let add_files = {
        let dispatcher = state.dispatcher();
        // What the limits still allow as of this render; the reducer checks again.
        let room = state.room();
        Callback::from(move |files: Vec<web_sys::File>| {
            if files.is_empty() {
                return;
            }
            let dispatcher = dispatcher.clone();
            wasm_bindgen_futures::spawn_local(async move {
                let opened = browser::read_files(files, room).await;
                dispatcher.dispatch(Action::AddFiles(opened));
            });
        })
    };
    let on_remove = state.dispatcher().to_callback().reform(Action::Remove);
    let on_as_of = {
        let dispatcher = state.dispatcher();
        Callback::from(move |value: String| match parse_as_of_input(&value) {
            Some(t) => dispatcher.dispatch(Action::SetAsOf(t)),
            None if value.is_empty() => dispatcher.dispatch(Action::UseNow(browser::wall_clock())),
            None => dispatcher.dispatch(Action::Notice(Some(format!("{value:?} is not a date and time.")))),
        })
    };
    let on_as_of_unix =
        state.dispatcher().to_callback().reform(|t: i64| Action::SetAsOf(certscope::Timestamp::from_unix(t)));
    let on_now = state.dispatcher().to_callback().reform(|()| Action::UseNow(browser::wall_clock()));
    let on_host = state.dispatcher().to_callback().reform(Action::SetHost);
    let on_anchors = state.dispatcher().to_callback().reform(Action::SetAnchors);
    let on_password = state.dispatcher().to_callback().reform(Action::SetPassword);
    let on_policy = state.dispatcher().to_callback().reform(Action::SetPolicy);
    let on_example = {
        let dispatcher = state.dispatcher();
        let cancel = cancel_pending.clone();
        Callback::from(move |example| {
            cancel();
            dispatcher.dispatch(Action::LoadExample(example));
        })
    };
    let on_clear = {
        let dispatcher = state.dispatcher();
        Callback::from(move |()| {
            cancel_pending();
            dispatcher.dispatch(Action::Clear);
        })
    };
    let copy = {
        let dispatcher = state.dispatcher();
        Callback::from(move |(what, text): (String, String)| {
            let dispatcher = dispatcher.clone();
            wasm_bindgen_futures::spawn_local(async move {
                let notice = if browser::copy_text(text).await {
                    format!("Copied {what}.")
                } else {
                    format!("Could not copy {what}: the browser refused clipboard access.")
                };
                dispatcher.dispatch(Action::Notice(Some(notice)));
            });
        })
    };
    let on_action = {
        let state = state.clone();
        let state_is_standalone = props.standalone;
        let copy = copy.clone();
        Callback::from(move |action: ReportAction| {
            let Some(report) = state.report.clone() else { return };
            match action {
                ReportAction::DownloadChain => {
                    let ok = browser::download("chain.pem", "application/x-pem-file", &report.chain.corrected_pem);
                    let notice =
                        if ok { "Corrected chain saved as chain.pem." } else { "Could not start the download." };
                    state.dispatch(Action::Notice(Some(notice.into())));
                }
                ReportAction::CopyText => copy.emit(("the report as text".into(), render_text(&report))),
                ReportAction::CopyMarkdown => copy.emit(("the report as Markdown".into(), render_markdown(&report))),
                ReportAction::CopyJson => {
                    copy.emit(("the JSON report".into(), serde_json::to_string_pretty(&*report.0).unwrap_or_default()))
                }
                ReportAction::Permalink if state_is_standalone && input_size(&state) > PERMALINK_MAX_INPUT => {
                    state.dispatch(Action::Notice(Some(format!(
                        "No permalink: the input is {} KB, too large to carry in a URL (limit {} KB).",
                        input_size(&state) / 1024,
                        PERMALINK_MAX_INPUT / 1024
                    ))));
                }
                ReportAction::Permalink if state_is_standalone => {
                    let (snapshot, keys) = permalink::without_private_keys(&state.snapshot());
                    let fragment = permalink::encode(&snapshot);
                    let what = if keys > 0 {
                        "the permalink, without the private key (a key never goes into a link; the inputs stay in the #fragment, never sent to a server)"
                    } else {
                        "the permalink (the inputs stay in the #fragment, never sent to a server)"
                    };
                    match browser::set_fragment(&fragment) {
                        Some(url) => copy.emit((what.into(), url)),
                        None => state.dispatch(Action::Notice(Some("Could not make a permalink.".into()))),
                    }
                }
                ReportAction::Permalink => {}
            }
        })
    };

    let on_dragover = {
        let dragging = dragging.clone();
        Callback::from(move |e: DragEvent| {
            e.prevent_default();
            if !*dragging {
                dragging.set(true);
            }
        })
    };
    let on_dragleave = {
        let dragging = dragging.clone();
        Callback::from(move |e: DragEvent| {
            // Only when leaving the window, not when crossing child elements.
            if e.related_target().is_none() {
                dragging.set(false);
            }
        })
    };
    let on_drop = {
        let dragging = dragging.clone();
        let add_files = add_files.clone();
        Callback::from(move |e: DragEvent| {
            dragging.set(false);
            let files = browser::file_list(e.data_transfer().and_then(|d| d.files()));
            // Dragged text (no files) drops into the paste area as usual.
            if !files.is_empty() {
                e.prevent_default();
                add_files.emit(files);
            }
        })
    };

    let as_of = state.effective_as_of();
    // The slider spans the leaf's validity, a day either side.
    let leaf_window = state.report.as_ref().and_then(|r| {
        r.certificates
            .iter()
            .find(|c| c.role == certscope::report::Role::Leaf)
            .filter(|c| c.not_after > c.not_before)
            .map(|c| (c.not_before.unix().saturating_sub(86_400), c.not_after.unix().saturating_add(86_400)))
    });
    let cards_open = !props.compact && state.report.as_ref().is_some_and(|r| r.certificates.len() <= CARDS_OPEN_UP_TO);
    let actions = |report: &ReportHandle| {
        html! {
            if show.actions {
                <ActionsBar can_download={!report.chain.corrected_pem.is_empty()} elapsed_ms={state.elapsed_ms}
                    notice={state.notice.clone().map(AttrValue::from)} on_action={on_action.clone()}
                    permalink={props.standalone} />
            }
        }
    };
    let details = |report: &ReportHandle| {
        let shown = cards_to_show(report, all_cards_for.as_ref() == Some(report));
        html! {
            <>
                if show.chain { <ChainView report={report.clone()} /> }
                if show.ocsp { <OcspPanel ocsp={report.ocsp.clone()} stapling={report.stapling.clone()}
                    other={report.ocsp_other.clone()} cert_names={cert_names(report)} /> }
                if show.crl { <CrlPanel crls={report.crls.clone()} /> }
                if show.certificates && !report.certificates.is_empty() {
                    <section class="certificates" aria-labelledby="certs-heading">
                        <Heading id="certs-heading">{format!("Certificates ({})", report.certificates.len())}</Heading>
                        { for shown.iter().map(|c| html! {
                            <CertCard key={c.index} cert={(*c).clone()} as_of={report.as_of} on_copy={copy.clone()}
                                open={cards_open} />
                        }) }
                        if shown.len() < report.certificates.len() {
                            <p class="show-more">
                                {format!("{} of {} certificates shown. ", shown.len(), report.certificates.len())}
                                <button type="button" class="show-all-certificates" onclick={{
                                    let all_cards_for = all_cards_for.clone();
                                    let report = report.clone();
                                    Callback::from(move |_: MouseEvent| all_cards_for.set(Some(report.clone())))
                                }}>{format!("Show all {} certificates", report.certificates.len())}</button>
                            </p>
                        }
                    </section>
                }
            </>
        }
    };
    // Which profile judged the verdict, and a one-click switch to the other
    // (the permalink keeps the choice).
    let profile_line = {
        let dispatcher = state.dispatcher();
        let strict = state.strict;
        move || {
            let dispatcher = dispatcher.clone();
            let toggle = Callback::from(move |_: MouseEvent| dispatcher.dispatch(Action::SetStrict(!strict)));
            let (said, other) = if strict {
                ("Judged strictly: RFC 5280 and the CA/B Forum profiles, as pyca and Go.", "Judge as browsers do")
            } else {
                (
                    "Judged as browsers do; rules only strict validators enforce are warnings.",
                    "Judge strictly (RFC 5280 + CA/B Forum)",
                )
            };
            html! {
                <p class="profile">{said}{" "}
                    <button type="button" class="link" aria-pressed={strict.to_string()} onclick={toggle}>{other}</button>
                </p>
            }
        }
    };
    let has_details = show.chain || show.ocsp || show.crl || show.certificates;
    let report_view = match state.report.clone() {
        Some(report) if props.compact => html! {
            <>
                <div class="report">
                    if show.summary { <SummaryTable report={report.clone()} /> { profile_line() } }
                    if show.findings { <FindingsList report={report.clone()} /> }
                </div>
                { actions(&report) }
                if has_details {
                    <details class="report-details">
                        <summary>{"Chain, OCSP response and certificates"}</summary>
                        <div class="report">{ details(&report) }</div>
                    </details>
                }
            </>
        },
        Some(report) => html! {
            <>
                { actions(&report) }
                <div class="report">
                    if show.summary { <SummaryTable report={report.clone()} /> { profile_line() } }
                    if show.findings { <FindingsList report={report.clone()} /> }
                    { details(&report) }
                </div>
            </>
        },
        None => html! {
            <>
                <p class="notice" role="status" aria-live="polite">{state.notice.clone().unwrap_or_default()}</p>
                if props.standalone {
                    <section class="panel welcome">
                        <Heading>{"Check a certificate chain and its OCSP response"}</Heading>
                        <p>{"Paste what your server sends (for example the output of "}
                            <code>{"openssl s_client -connect example.com:443 -servername example.com -showcerts -status -msg < /dev/null"}</code>
                            {"), open certificate files, or try an example above. certscope checks every signature, the chain's order \
                              and completeness, validity, OCSP status and freshness, and OCSP Must-Staple."}</p>
                    </section>
                }
            </>
        },
    };
    // Shown whatever panels are hidden: a drop on an embed without its input panel is still refused aloud.
    let input_note = state.input_note.clone().map(|note| {
        html! { <p class="input-note" role="alert">{note}</p> }
    });
    let input = html! {
        if show.input {
            <InputPanel
                paste={AttrValue::from(state.paste_shown().to_string())}
                paste_held={state.paste_held()}
                files={state.files.clone()}
                as_of_value={AttrValue::from(as_of_input_value(as_of))}
                follows_now={state.as_of == AsOf::Now}
                as_of_range={leaf_window.map(|(a, b)| (a, b, as_of.unix()))}
                {on_as_of_unix}
                host={AttrValue::from(state.host.clone())}
                show_password={state.wants_password()}
                password={AttrValue::from(state.password.clone())}
                {on_password}
                anchors={AttrValue::from(state.anchors_shown().to_string())}
                anchors_held={state.anchors_held()}
                example={state.example}
                examples={props.examples}
                compact={props.compact}
                results_to={props.results_to.clone()}
                {on_paste} {on_paste_too_long} {on_paste_large} on_files={add_files} {on_remove} {on_as_of} {on_now} {on_host} {on_anchors} {on_example} {on_clear} />
            <PolicySettings value={state.policy.clone()} on_change={on_policy} />
        }
    };
    let classes = classes!(
        "app",
        (!props.standalone).then_some("embedded"),
        props.compact.then_some("compact"),
        dragging.then_some("dragging")
    );
    let drag = (on_dragover, on_dragleave, on_drop);
    let headings = HeadingBase(props.heading_level);
    if !props.standalone {
        return html! {
            <ContextProvider<HeadingBase> context={headings}>
            <div class={classes} ondragover={drag.0} ondragenter={Callback::from(|e: DragEvent| e.prevent_default())}
                ondragleave={drag.1} ondrop={drag.2}>
                <div class="main">
                    { input }
                    { input_note }
                    { report_view }
                </div>
                <PrivacyNote href={AttrValue::from(format!("{}privacy.html", props.base))}
                    results_to={props.results_to.clone()} />
                <div class="drop-overlay" aria-hidden="true">{"Drop files to check them"}</div>
            </div>
            </ContextProvider<HeadingBase>>
        };
    }
    html! {
        <ContextProvider<HeadingBase> context={headings}>
        <div class={classes} ondragover={drag.0} ondragenter={Callback::from(|e: DragEvent| e.prevent_default())}
            ondragleave={drag.1} ondrop={drag.2}>
            <header class="masthead">
                <h1>{"certscope"}</h1>
                <p class="tagline">{"Certificate chain and OCSP inspector."}</p>
                <PrivacyNote />
            </header>
            <main id="main">
                { input }
                { input_note }
                { report_view }
            </main>
            <footer class="footer muted">
                <p>{FOOTER}</p>
            </footer>
            <div class="drop-overlay" aria-hidden="true">{"Drop files to check them"}</div>
        </div>
        </ContextProvider<HeadingBase>>
    }
}

/// The bytes a permalink would carry.
fn input_size(state: &AppState) -> usize {
    let files: usize = state.files.iter().map(|f| f.bytes.len()).sum();
    state.paste.len().saturating_add(files).saturating_add(state.anchors.len())
}

/// A `hashchange` listener that is removed when dropped.
struct HashListener {
    #[cfg(target_arch = "wasm32")]
    closure: wasm_bindgen::closure::Closure<dyn Fn()>,
}

impl HashListener {
    #[cfg(target_arch = "wasm32")]
    fn new(f: impl Fn() + 'static) -> Self {
        use wasm_bindgen::JsCast;
        let closure = wasm_bindgen::closure::Closure::<dyn Fn()>::new(f);
        if let Some(w) = web_sys::window() {
            let _ = w.add_event_listener_with_callback("hashchange", closure.as_ref().unchecked_ref());
        }
        HashListener { closure }
    }

    #[cfg(not(target_arch = "wasm32"))]
    fn new(_f: impl Fn() + 'static) -> Self {
        HashListener {}
    }
}

#[cfg(target_arch = "wasm32")]
impl Drop for HashListener {
    fn drop(&mut self) {
        use wasm_bindgen::JsCast;
        if let Some(w) = web_sys::window() {
            let _ = w.remove_event_listener_with_callback("hashchange", self.closure.as_ref().unchecked_ref());
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::components::test_util::render;

    #[test]
    fn cards_are_bounded_but_keep_the_chain() {
        use certscope::{analyze, Input, Options, Timestamp};
        let at = Timestamp::parse_rfc3339("2017-10-01T00:00:00Z").unwrap();
        let mut report = analyze(
            &[Input::text(include_str!("../crates/certscope/tests/data/real/pyca/must-staple-scotthelme.chain.pem"))],
            &Options::at(at),
        );
        let Some(first) = report.certificates.first().cloned() else { return };
        let real = report.certificates.len();
        for i in real..real + 100 {
            report.certificates.push(certscope::report::CertificateReport { index: i, ..first.clone() });
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
    async fn first_render_invites_input() {
        let html = render::<App>(AppProps::default()).await;
        assert!(html.contains("Paste certificates, chains and OCSP responses"), "{html}");
        assert!(html.contains("Try an example"), "{html}");
        assert!(html.contains("Checked locally — nothing was uploaded."), "{html}");
        assert!(!html.contains("<caption>Summary</caption>"), "no report before input: {html}");
        // CSP governs what the page fetches, not where a person navigates.
        assert!(html.contains("does not cover navigation"), "{html}");
        assert!(!html.contains("certificates cannot leave"), "{html}");
    }

    #[tokio::test]
    async fn embedded_has_no_masthead_and_links_to_its_own_files() {
        let props = AppProps {
            standalone: false,
            examples: false,
            base: "https://help.example/certscope/".into(),
            heading_level: 3,
            ..AppProps::default()
        };
        let html = render::<App>(props).await;
        assert!(html.contains("Paste certificates, chains and OCSP responses"), "{html}");
        assert!(!html.contains("<h1>"), "an embed has no page heading: {html}");
        assert!(!html.contains("<main"), "the host page has its own main landmark: {html}");
        assert!(html.contains(r#"<h3 id="input-heading""#), "an embed's panels sit under the article's h2: {html}");
        assert!(!html.contains("Try an example"), "{html}");
        assert!(html.contains(r#"href="https://help.example/certscope/privacy.html""#), "{html}");
    }
}
