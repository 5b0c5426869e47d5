//! `<App>`: the one reducer, the clock, browser events turned into actions,
//! and the page layout. Panels only render what they are given.

use std::cell::RefCell;
use std::rc::Rc;

use certscope::report::render::{render_markdown, render_text};
use gloo_timers::callback::Timeout;
use yew::prelude::*;

use crate::browser;
use crate::components::actions_bar::{ActionsBar, ReportAction};
use crate::components::cert_card::CertCard;
use crate::components::chain_view::ChainView;
use crate::components::crl_panel::CrlPanel;
use crate::components::findings_list::FindingsList;
use crate::components::input_panel::InputPanel;
use crate::components::ocsp_panel::OcspPanel;
use crate::components::privacy_note::PrivacyNote;
use crate::components::summary_table::SummaryTable;
use crate::permalink;
use crate::state::{as_of_input_value, parse_as_of_input, Action, AppState, AsOf};

/// Typing pauses this long before the report is redone.
const DEBOUNCE_MS: u32 = 250;

/// Certificate cards start open for a normal chain; a big bundle starts
/// collapsed so the page stays short and quick to lay out.
const CARDS_OPEN_UP_TO: usize = 4;

#[component]
pub fn App() -> Html {
    let state = use_reducer(|| AppState::new(browser::wall_clock()));
    let pending: Rc<RefCell<Option<Timeout>>> = use_mut_ref(|| None);
    let dragging = use_state(|| false);

    // Open a permalink: on load, and when the fragment changes later.
    {
        let dispatcher = state.dispatcher();
        use_effect_with((), move |_| {
            let restore = move || {
                let fragment = browser::fragment();
                if fragment.starts_with(permalink::PREFIX) {
                    match permalink::decode(&fragment) {
                        Ok(snapshot) => dispatcher.dispatch(Action::Restore(snapshot)),
                        Err(message) => dispatcher.dispatch(Action::Notice(Some(message))),
                    }
                }
            };
            restore();
            let listener = HashListener::new(restore);
            move || {
                let _removed_on_drop = listener;
            }
        });
    }

    let on_paste = {
        let dispatcher = state.dispatcher();
        let pending = pending.clone();
        Callback::from(move |text: String| {
            let dispatcher = dispatcher.clone();
            // Replacing the Timeout cancels the previous one.
            *pending.borrow_mut() = Some(Timeout::new(DEBOUNCE_MS, move || dispatcher.dispatch(Action::Paste(text))));
        })
    };
    let cancel_pending = {
        let pending = pending.clone();
        move || drop(pending.borrow_mut().take())
    };
    let add_files = {
        let dispatcher = state.dispatcher();
        Callback::from(move |files: Vec<web_sys::File>| {
            if files.is_empty() {
                return;
            }
            let dispatcher = dispatcher.clone();
            wasm_bindgen_futures::spawn_local(async move {
                let files = browser::read_files(files).await;
                dispatcher.dispatch(Action::AddFiles(files));
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
                ReportAction::Permalink => {
                    let fragment = permalink::encode(&state.snapshot());
                    match browser::set_fragment(&fragment) {
                        Some(url) => copy.emit((
                            "the permalink (the inputs stay in the #fragment, never sent to a server)".into(),
                            url,
                        )),
                        None => state.dispatch(Action::Notice(Some("Could not make a permalink.".into()))),
                    }
                }
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
    html! {
        <div class={classes!("app", dragging.then_some("dragging"))}
            ondragover={on_dragover} ondragenter={Callback::from(|e: DragEvent| e.prevent_default())}
            ondragleave={on_dragleave} ondrop={on_drop}>
            <header class="masthead">
                <h1>{"certscope"}</h1>
                <p class="tagline">{"Certificate chain and OCSP inspector."}</p>
                <PrivacyNote />
            </header>
            <main id="main">
                <InputPanel
                    paste={AttrValue::from(state.paste.clone())}
                    files={state.files.clone()}
                    as_of_value={AttrValue::from(as_of_input_value(as_of))}
                    follows_now={state.as_of == AsOf::Now}
                    as_of_range={leaf_window.map(|(a, b)| (a, b, as_of.unix()))}
                    {on_as_of_unix}
                    host={AttrValue::from(state.host.clone())}
                    anchors={AttrValue::from(state.anchors.clone())}
                    example={state.example}
                    {on_paste} on_files={add_files} {on_remove} {on_as_of} {on_now} {on_host} {on_anchors} {on_example} {on_clear} />
                if let Some(report) = state.report.clone() {
                    <ActionsBar can_download={!report.chain.corrected_pem.is_empty()} elapsed_ms={state.elapsed_ms}
                        notice={state.notice.clone().map(AttrValue::from)} {on_action} />
                    <div class="report">
                        <SummaryTable report={report.clone()} />
                        <FindingsList report={report.clone()} />
                        <ChainView report={report.clone()} />
                        <OcspPanel ocsp={report.ocsp.clone()} stapling={report.stapling.clone()} />
                        <CrlPanel crls={report.crls.clone()} />
                        if !report.certificates.is_empty() {
                            <section class="certificates" aria-labelledby="certs-heading">
                                <h2 id="certs-heading">{format!("Certificates ({})", report.certificates.len())}</h2>
                                { for report.certificates.iter().map(|c| html! {
                                    <CertCard key={c.index} cert={c.clone()} as_of={report.as_of} on_copy={copy.clone()}
                                        open={report.certificates.len() <= CARDS_OPEN_UP_TO} />
                                }) }
                            </section>
                        }
                    </div>
                } else {
                    <p class="notice" role="status" aria-live="polite">{state.notice.clone().unwrap_or_default()}</p>
                    <section class="panel welcome">
                        <h2>{"Check a certificate chain and its OCSP response"}</h2>
                        <p>{"Paste what your server sends (for example the output of "}
                            <code>{"openssl s_client -connect example.com:443 -servername example.com -showcerts -status"}</code>
                            {"), open certificate files, or try an example above. certscope checks every signature, the chain's order \
                              and completeness, validity, OCSP status and freshness, and OCSP Must-Staple."}</p>
                    </section>
                }
            </main>
            <footer class="footer muted">
                <p>{"certscope runs entirely in your browser (WebAssembly). The page's Content-Security-Policy forbids any connection, so certificates cannot leave it."}</p>
            </footer>
            <div class="drop-overlay" aria-hidden="true">{"Drop files to check them"}</div>
        </div>
    }
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

    #[tokio::test]
    async fn first_render_invites_input() {
        let html = render::<App>(()).await;
        assert!(html.contains("Paste certificates, chains and OCSP responses"), "{html}");
        assert!(html.contains("Try an example"), "{html}");
        assert!(html.contains("Checked locally — nothing was uploaded."), "{html}");
        assert!(!html.contains("<caption>Summary</caption>"), "no report before input: {html}");
    }
}
