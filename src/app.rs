//! `<App>`: the page shell. It owns the one reducer, turns what the person
//! and the host page do into actions, reads the clock for them, and lays out
//! the page: the input panel, then the report (`<ReportView>`) or an
//! invitation. It decides nothing about certificates.
//!
//! The same component is the standalone page (`AppProps::default()`) and
//! each embedded `<certscope-inspector>` (src/api.rs): an embedded one has
//! no masthead or permalinks (it never reads or writes the host page's URL)
//! and is driven through its [`Controller`].

use std::cell::RefCell;
use std::rc::Rc;

use certscope::report::render::{render_markdown, render_text};
use certscope::Timestamp;
use gloo_timers::callback::Timeout;
use yew::prelude::*;

use crate::browser;
use crate::components::actions_bar::ReportAction;
use crate::components::heading::{Heading, HeadingBase};
use crate::components::input_panel::{Entry, InputEvent, InputPanel};
use crate::components::policy_settings::PolicySettings;
use crate::components::privacy_note::PrivacyNote;
use crate::components::report_view::ReportView;
use crate::controller::{Config, Controller};
use crate::examples::Example;
use crate::permalink;
use crate::state::{as_of_input_value, parse_as_of_input, Action, AppState, AsOf, PolicyInputs, Stopwatch};
use crate::types::fits_a_textarea;

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

/// Inputs above this many bytes get no permalink: compressing megabytes
/// into a URL stalls the page and browsers cap URLs near 2 MB anyway.
const PERMALINK_MAX_INPUT: usize = 512 * 1024;

/// The standalone page is `AppProps::default()`; src/api.rs mounts each
/// embedded inspector with its [`Config`] and its own [`Controller`].
#[derive(Properties, Clone, PartialEq, Debug, Default)]
pub struct AppProps {
    pub config: Config,
    pub controller: Controller,
    /// What was done in the page shell before the app ran (standalone page only).
    pub handover: Rc<Handover>,
}

/// What a person did in the page shell (the app's first view as plain
/// HTML, `www/shell.html`) while the wasm was still on its way. www/loader.js
/// collects it and hands it over, so that nothing typed, pasted, dropped or
/// clicked there is lost: the app starts from it as if it had happened here.
#[derive(Clone, Debug, Default, PartialEq)]
pub struct Handover {
    /// When the shell opened: its "as of" field shows this moment, so the
    /// app follows the clock from it too (as it would from its own first
    /// render) and the field does not change when the app takes over.
    pub opened_at: Option<Timestamp>,
    /// An example clicked, before whatever was edited after it.
    pub example: Option<Example>,
    /// The "as of" field's value, when it was changed.
    pub as_of: Option<String>,
    pub host: String,
    pub anchors: String,
    /// The certificate policy settings, when changed from the defaults.
    pub policy: Option<PolicyInputs>,
    pub paste: ShellPaste,
    /// Files opened or dropped.
    pub files: Vec<web_sys::File>,
    /// The element that had the focus (a CSS selector the loader wrote) and
    /// its text selection, to restore once the app's own element is there.
    pub focus: Option<(String, Option<(u32, u32)>)>,
}

/// The paste area's text in the shell.
#[derive(Clone, Debug, Default, PartialEq)]
pub enum ShellPaste {
    #[default]
    Empty,
    /// The text, and how it last changed (a paste or a drop is checked at
    /// once; typing still waits for a pause).
    Text(String, Entry),
    /// Longer than the core reads at all, in UTF-16 units: never copied
    /// into the wasm (as the app's own paste area does).
    TooLong(u32),
}

impl Handover {
    /// Whether anything was done in the shell: then a permalink in the URL
    /// does not replace it.
    pub fn is_empty(&self) -> bool {
        self.example.is_none()
            && self.as_of.is_none()
            && self.host.is_empty()
            && self.anchors.is_empty()
            && self.policy.is_none()
            && self.paste == ShellPaste::Empty
            && self.files.is_empty()
    }

    /// The input panel's events that bring the app to the shell's state,
    /// in the order a person could have caused them: the example first
    /// (loading one replaces every input), then the fields, then the text
    /// and the files, which the report is made from.
    fn events(&self) -> Vec<InputEvent> {
        let mut events = Vec::new();
        events.extend(self.example.map(InputEvent::Example));
        events.extend(self.as_of.clone().map(InputEvent::AsOf));
        if !self.host.is_empty() {
            events.push(InputEvent::Host(self.host.clone()));
        }
        if !self.anchors.is_empty() {
            events.push(InputEvent::Anchors(self.anchors.clone()));
        }
        match &self.paste {
            ShellPaste::Empty => {}
            ShellPaste::Text(text, _) if !fits_a_textarea(text) => events.push(InputEvent::PasteLarge(text.clone())),
            ShellPaste::Text(text, entry) => events.push(InputEvent::Paste(text.clone(), *entry)),
            ShellPaste::TooLong(units) => events.push(InputEvent::PasteTooLong(*units)),
        }
        if !self.files.is_empty() {
            events.push(InputEvent::Files(self.files.clone()));
        }
        events
    }

    /// The text fields' values as the shell left them, to put into the
    /// app's own fields before the focus and caret are restored: a value
    /// set later (by a render) would move the caret to the end.
    fn field_values(&self) -> Vec<(&'static str, &str)> {
        let mut fields = Vec::new();
        if let ShellPaste::Text(text, _) = &self.paste {
            if fits_a_textarea(text) {
                fields.push(("paste", text.as_str()));
            }
        }
        if !self.host.is_empty() {
            fields.push(("host", self.host.as_str()));
        }
        if fits_a_textarea(&self.anchors) && !self.anchors.is_empty() {
            fields.push(("anchors", self.anchors.as_str()));
        }
        fields
    }
}

/// What an input event asks of the reducer.
#[derive(Debug, PartialEq)]
enum Step {
    /// Dispatched at once. `replaces_typing`: a paste still waiting for a
    /// pause in typing is dropped first (the paste area was replaced).
    Dispatch { action: Action, replaces_typing: bool },
    /// Typing: dispatched after a pause, replacing any earlier wait.
    AfterPause(Action),
    /// Files to read first; then [`Action::AddFiles`].
    Read(Vec<web_sys::File>),
}

/// The step for each thing the input panel reports; `now` reads the clock
/// only for the events that follow it.
fn step_for(event: InputEvent, now: impl Fn() -> Timestamp) -> Step {
    let at_once = |action| Step::Dispatch { action, replaces_typing: false };
    let replacing = |action| Step::Dispatch { action, replaces_typing: true };
    match event {
        // A paste or a drop is complete: no keystrokes to wait for.
        InputEvent::Paste(text, Entry::Whole) => replacing(Action::Paste(text)),
        InputEvent::Paste(text, Entry::Typed) => Step::AfterPause(Action::Paste(text)),
        InputEvent::PasteTooLong(units) => replacing(Action::PasteTooLong(units)),
        // A text too large to show (or its chip removed): taken at once,
        // since the paste area was already emptied.
        InputEvent::PasteLarge(text) => replacing(Action::Paste(text)),
        InputEvent::Files(files) => Step::Read(files),
        InputEvent::Remove(id) => at_once(Action::Remove(id)),
        InputEvent::AsOf(value) => at_once(match parse_as_of_input(&value) {
            Some(t) => Action::SetAsOf(t),
            None if value.is_empty() => Action::UseNow(now()),
            None => Action::Notice(Some(format!("{value:?} is not a date and time."))),
        }),
        InputEvent::AsOfUnix(t) => at_once(Action::SetAsOf(Timestamp::from_unix(t))),
        InputEvent::Now => at_once(Action::UseNow(now())),
        InputEvent::Host(host) => at_once(Action::SetHost(host)),
        InputEvent::Password(password) => at_once(Action::SetPassword(password)),
        InputEvent::Anchors(anchors) => at_once(Action::SetAnchors(anchors)),
        InputEvent::Example(example) => replacing(Action::LoadExample(example)),
        InputEvent::Clear => replacing(Action::Clear),
    }
}

/// The paste area's text after `event`, for `element.value` ahead of the
/// debounce; `None` when the event leaves it alone.
fn paste_after(event: &InputEvent) -> Option<&str> {
    match event {
        InputEvent::Paste(text, _) | InputEvent::PasteLarge(text) => Some(text),
        InputEvent::PasteTooLong(_) => Some(""),
        InputEvent::Files(_)
        | InputEvent::Remove(_)
        | InputEvent::AsOf(_)
        | InputEvent::AsOfUnix(_)
        | InputEvent::Now
        | InputEvent::Host(_)
        | InputEvent::Password(_)
        | InputEvent::Anchors(_)
        | InputEvent::Example(_)
        | InputEvent::Clear => None,
    }
}

#[component]
pub fn App(props: &AppProps) -> Html {
    let opened_at = props.handover.opened_at;
    let state =
        use_reducer(|| AppState::new(opened_at.unwrap_or_else(browser::wall_clock), Stopwatch(browser::now_ms)));
    let config = &props.config;
    // What was done in the shell wins over a permalink.
    use_permalink(config.standalone && props.handover.is_empty(), state.dispatcher());
    use_controller(&props.controller, &state);

    let open_files = {
        let dispatcher = state.dispatcher();
        // What the limits still allow as of this render; the reducer checks again.
        let room = state.room();
        Callback::from(move |files: Vec<web_sys::File>| {
            if files.is_empty() {
                return;
            }
            let dispatcher = dispatcher.clone();
            wasm_bindgen_futures::spawn_local(async move {
                dispatcher.dispatch(Action::AddFiles(browser::read_files(files, room).await));
            });
        })
    };
    let on_input = {
        let dispatcher = state.dispatcher();
        let pending: Rc<RefCell<Option<Timeout>>> = use_mut_ref(|| None);
        let controller = props.controller.clone();
        let open_files = open_files.clone();
        Callback::from(move |event: InputEvent| {
            if let Some(text) = paste_after(&event) {
                controller.record_paste(text);
            }
            match step_for(event, browser::wall_clock) {
                Step::Dispatch { action, replaces_typing } => {
                    if replaces_typing {
                        drop(pending.borrow_mut().take());
                    }
                    dispatcher.dispatch(action);
                }
                Step::AfterPause(action) => {
                    let dispatcher = dispatcher.clone();
                    // Replacing the Timeout cancels the previous one.
                    *pending.borrow_mut() = Some(Timeout::new(DEBOUNCE_MS, move || dispatcher.dispatch(action)));
                }
                Step::Read(files) => open_files.emit(files),
            }
        })
    };
    use_handover(&props.handover, on_input.clone(), state.dispatcher());
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
        let standalone = config.standalone;
        let copy = copy.clone();
        Callback::from(move |action| report_action(&state, standalone, &copy, action))
    };
    let (dragging, drop_zone) = use_drop_zone(open_files);

    // Read only when the Bytes view opens an object.
    let der_of = {
        let state = state.clone();
        Callback::from(move |object| state.object_der(object))
    };
    let report_view = match state.report.clone() {
        Some(report) => html! {
            <ReportView {report} show={config.show} compact={config.compact} permalink={config.standalone}
                strict={state.strict} elapsed_ms={state.elapsed_ms} notice={state.notice.clone().map(AttrValue::from)}
                {on_action} on_copy={copy} on_strict={state.dispatcher().to_callback().reform(Action::SetStrict)} {der_of}
                cards_after_paint=true />
        },
        None => html! {
            <>
                <p class="notice" role="status" aria-live="polite">{state.notice.clone().unwrap_or_default()}</p>
                if config.standalone {
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
        if config.show.input {
            { input_panel(&state, config, on_input) }
            <PolicySettings value={state.policy.clone()}
                on_change={state.dispatcher().to_callback().reform(Action::SetPolicy)} />
        }
    };
    let classes = classes!(
        "app",
        (!config.standalone).then_some("embedded"),
        config.compact.then_some("compact"),
        dragging.then_some("dragging")
    );
    let DropZone { over, leave, dropped } = drop_zone;
    let enter = Callback::from(|e: DragEvent| e.prevent_default());
    let page = if config.standalone {
        html! {
            <>
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
            </>
        }
    } else {
        html! {
            <>
                <div class="main">
                    { input }
                    { input_note }
                    { report_view }
                </div>
                <PrivacyNote href={AttrValue::from(format!("{}privacy.html", config.base))}
                    results_to={config.results_to.clone()} />
            </>
        }
    };
    html! {
        <ContextProvider<HeadingBase> context={HeadingBase(config.heading_level)}>
        <div class={classes} ondragover={over} ondragenter={enter} ondragleave={leave} ondrop={dropped}>
            { page }
            <div class="drop-overlay" aria-hidden="true">{"Drop files to check them"}</div>
        </div>
        </ContextProvider<HeadingBase>>
    }
}

/// The input panel, filled from the state.
fn input_panel(state: &AppState, config: &Config, on_input: Callback<InputEvent>) -> Html {
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
        <InputPanel
            paste={AttrValue::from(state.paste_shown().to_string())}
            paste_held={state.paste_held()}
            files={state.files.clone()}
            as_of_value={AttrValue::from(as_of_input_value(as_of))}
            follows_now={state.as_of == AsOf::Now}
            as_of_range={leaf_window.map(|(a, b)| (a, b, as_of.unix()))}
            host={AttrValue::from(state.host.clone())}
            show_password={state.wants_password()}
            password={AttrValue::from(state.password.clone())}
            anchors={AttrValue::from(state.anchors_shown().to_string())}
            anchors_held={state.anchors_held()}
            example={state.example}
            examples={config.examples}
            compact={config.compact}
            results_to={config.results_to.clone()}
            {on_input} />
    }
}

/// Does what the actions bar asks with the current report.
fn report_action(
    state: &UseReducerHandle<AppState>,
    standalone: bool,
    copy: &Callback<(String, String)>,
    action: ReportAction,
) {
    let Some(report) = state.report.clone() else { return };
    match action {
        ReportAction::DownloadChain => {
            let ok = browser::download("chain.pem", "application/x-pem-file", &report.chain.corrected_pem);
            let notice = if ok { "Corrected chain saved as chain.pem." } else { "Could not start the download." };
            state.dispatch(Action::Notice(Some(notice.into())));
        }
        ReportAction::CopyText => copy.emit(("the report as text".into(), render_text(&report))),
        ReportAction::CopyMarkdown => copy.emit(("the report as Markdown".into(), render_markdown(&report))),
        ReportAction::CopyJson => {
            copy.emit(("the JSON report".into(), serde_json::to_string_pretty(&*report.0).unwrap_or_default()))
        }
        ReportAction::Permalink if standalone && input_size(state) > PERMALINK_MAX_INPUT => {
            state.dispatch(Action::Notice(Some(format!(
                "No permalink: the input is {} KB, too large to carry in a URL (limit {} KB).",
                input_size(state) / 1024,
                PERMALINK_MAX_INPUT / 1024
            ))));
        }
        ReportAction::Permalink if standalone => {
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
}

/// Opens a permalink: on load, and when the fragment changes later. Only
/// the standalone page: an embed must not read the host page's URL.
#[hook]
fn use_permalink(standalone: bool, dispatcher: UseReducerDispatcher<AppState>) {
    use_effect_with(standalone, move |&standalone| {
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

/// Takes over from the page shell, once, after the first render (so the
/// app's own fields exist): their values and the focus and caret as the
/// shell left them, then the events that make the report, through the same
/// `on_input` as the panel's own (so a paste is checked at once and typing
/// waits for its pause).
#[hook]
fn use_handover(handover: &Rc<Handover>, on_input: Callback<InputEvent>, dispatcher: UseReducerDispatcher<AppState>) {
    use_effect_with(handover.clone(), move |handover| {
        for (id, value) in handover.field_values() {
            browser::set_field_value(id, value);
        }
        if let Some((selector, selection)) = &handover.focus {
            browser::focus(selector, *selection);
        }
        if let Some(policy) = &handover.policy {
            dispatcher.dispatch(Action::SetPolicy(policy.clone()));
        }
        for event in handover.events() {
            on_input.emit(event);
        }
    });
}

/// Joins the app to whoever drives it from outside: actions sent before
/// this first render are replayed now, and every new report and paste is
/// told to the controller.
#[hook]
fn use_controller(controller: &Controller, state: &UseReducerHandle<AppState>) {
    let dispatcher = state.dispatcher();
    use_effect_with(controller.clone(), move |controller| {
        controller.attach(dispatcher);
        let controller = controller.clone();
        move || controller.detach()
    });
    let c = controller.clone();
    use_effect_with(state.report.clone(), move |report| c.report_changed(report.as_ref().map(|r| &*r.0)));
    let c = controller.clone();
    use_effect_with(state.paste.clone(), move |paste| c.record_paste(paste));
}

/// The page's drag-and-drop handlers.
struct DropZone {
    over: Callback<DragEvent>,
    leave: Callback<DragEvent>,
    dropped: Callback<DragEvent>,
}

/// Files dropped anywhere on the app are opened; whether something is
/// being dragged over it (for the overlay) comes back with the handlers.
#[hook]
fn use_drop_zone(open_files: Callback<Vec<web_sys::File>>) -> (bool, DropZone) {
    let dragging = use_state(|| false);
    let over = {
        let dragging = dragging.clone();
        Callback::from(move |e: DragEvent| {
            e.prevent_default();
            if !*dragging {
                dragging.set(true);
            }
        })
    };
    let leave = {
        let dragging = dragging.clone();
        Callback::from(move |e: DragEvent| {
            // Only when leaving the window, not when crossing child elements.
            if e.related_target().is_none() {
                dragging.set(false);
            }
        })
    };
    let dropped = {
        let dragging = dragging.clone();
        Callback::from(move |e: DragEvent| {
            dragging.set(false);
            let files = browser::file_list(e.data_transfer().and_then(|d| d.files()));
            // Dragged text (no files) drops into the paste area as usual.
            if !files.is_empty() {
                e.prevent_default();
                open_files.emit(files);
            }
        })
    };
    (*dragging, DropZone { over, leave, dropped })
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
    use crate::examples::Example;

    fn now() -> Timestamp {
        Timestamp::parse_rfc3339("2026-01-01T00:00:00Z").unwrap()
    }

    fn at_once(action: Action) -> Step {
        Step::Dispatch { action, replaces_typing: false }
    }

    fn replacing(action: Action) -> Step {
        Step::Dispatch { action, replaces_typing: true }
    }

    #[test]
    fn typing_waits_for_a_pause_and_whole_inputs_replace_it() {
        let paste = |e| step_for(InputEvent::Paste("x".into(), e), now);
        assert_eq!(paste(Entry::Typed), Step::AfterPause(Action::Paste("x".into())));
        assert_eq!(paste(Entry::Whole), replacing(Action::Paste("x".into())));
        assert_eq!(step_for(InputEvent::PasteLarge("big".into()), now), replacing(Action::Paste("big".into())));
        assert_eq!(step_for(InputEvent::PasteTooLong(9), now), replacing(Action::PasteTooLong(9)));
        assert_eq!(step_for(InputEvent::Clear, now), replacing(Action::Clear));
        let example = step_for(InputEvent::Example(Example::Revoked), now);
        assert_eq!(example, replacing(Action::LoadExample(Example::Revoked)));
        // Editing another field leaves typed text waiting: it still arrives.
        assert_eq!(step_for(InputEvent::Host("a.example".into()), now), at_once(Action::SetHost("a.example".into())));
        assert_eq!(step_for(InputEvent::Remove(3), now), at_once(Action::Remove(3)));
        assert_eq!(step_for(InputEvent::Files(Vec::new()), now), Step::Read(Vec::new()));
    }

    #[test]
    fn as_of_events_pin_a_moment_or_follow_the_clock() {
        let pinned = Timestamp::parse_rfc3339("2012-10-12T12:00:00Z").unwrap();
        assert_eq!(step_for(InputEvent::AsOf("2012-10-12T12:00".into()), now), at_once(Action::SetAsOf(pinned)));
        assert_eq!(step_for(InputEvent::AsOfUnix(pinned.unix()), now), at_once(Action::SetAsOf(pinned)));
        assert_eq!(step_for(InputEvent::AsOf(String::new()), now), at_once(Action::UseNow(now())));
        assert_eq!(step_for(InputEvent::Now, now), at_once(Action::UseNow(now())));
        let notice = Action::Notice(Some("\"soon\" is not a date and time.".into()));
        assert_eq!(step_for(InputEvent::AsOf("soon".into()), now), at_once(notice));
    }

    #[test]
    fn the_paste_area_text_is_known_before_the_pause() {
        assert_eq!(paste_after(&InputEvent::Paste("ab".into(), Entry::Typed)), Some("ab"));
        assert_eq!(paste_after(&InputEvent::PasteLarge("cd".into())), Some("cd"));
        assert_eq!(paste_after(&InputEvent::PasteTooLong(1)), Some(""));
        assert_eq!(paste_after(&InputEvent::Host("x".into())), None);
    }

    #[test]
    fn the_shell_is_handed_over_example_first_then_fields_then_what_is_checked() {
        let handover = Handover {
            example: Some(Example::Revoked),
            as_of: Some("2012-10-12T12:00".into()),
            host: "secure.comodo.com".into(),
            anchors: "-----BEGIN CERTIFICATE-----".into(),
            paste: ShellPaste::Text("pasted".into(), Entry::Whole),
            ..Handover::default()
        };
        assert!(!handover.is_empty());
        assert_eq!(
            handover.events(),
            vec![
                InputEvent::Example(Example::Revoked),
                InputEvent::AsOf("2012-10-12T12:00".into()),
                InputEvent::Host("secure.comodo.com".into()),
                InputEvent::Anchors("-----BEGIN CERTIFICATE-----".into()),
                InputEvent::Paste("pasted".into(), Entry::Whole),
            ]
        );
        assert_eq!(
            handover.field_values(),
            vec![("paste", "pasted"), ("host", "secure.comodo.com"), ("anchors", "-----BEGIN CERTIFICATE-----")]
        );
        // A pasted text is checked at once; a typed one waits for the typing pause, as in the app.
        let steps: Vec<Step> = handover.events().into_iter().map(|e| step_for(e, now)).collect();
        assert_eq!(steps.last(), Some(&replacing(Action::Paste("pasted".into()))));
        let typed = Handover { paste: ShellPaste::Text("typed".into(), Entry::Typed), ..Handover::default() };
        let steps: Vec<Step> = typed.events().into_iter().map(|e| step_for(e, now)).collect();
        assert_eq!(steps, vec![Step::AfterPause(Action::Paste("typed".into()))]);
    }

    #[test]
    fn a_shell_text_too_large_to_show_is_held_and_one_over_the_limit_refused() {
        let large = "x\n".repeat(crate::types::TEXTAREA_MAX_LINES + 1);
        let held = Handover { paste: ShellPaste::Text(large.clone(), Entry::Typed), ..Handover::default() };
        assert_eq!(held.events(), vec![InputEvent::PasteLarge(large)]);
        assert!(held.field_values().is_empty(), "never laid out in the textarea");
        let refused = Handover { paste: ShellPaste::TooLong(9_000_000), ..Handover::default() };
        assert_eq!(refused.events(), vec![InputEvent::PasteTooLong(9_000_000)]);
        // Nothing done in the shell: a permalink may fill the page.
        assert!(
            Handover { opened_at: Some(now()), focus: Some(("#paste".into(), None)), ..Handover::default() }.is_empty()
        );
    }

    #[tokio::test]
    async fn the_app_shows_as_of_the_moment_the_shell_opened() {
        let handover = Handover { opened_at: Some(now()), ..Handover::default() };
        let html = render::<App>(AppProps { handover: Rc::new(handover), ..AppProps::default() }).await;
        assert!(html.contains(r#"value="2026-01-01T00:00:00" id="as-of""#), "{html}");
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
        let mut config = Config::embedded("https://help.example/certscope/".into());
        config.examples = false;
        let props = AppProps { config, ..AppProps::default() };
        let html = render::<App>(props).await;
        assert!(html.contains("Paste certificates, chains and OCSP responses"), "{html}");
        assert!(!html.contains("<h1>"), "an embed has no page heading: {html}");
        assert!(!html.contains("<main"), "the host page has its own main landmark: {html}");
        assert!(html.contains(r#"<h3 id="input-heading""#), "an embed's panels sit under the article's h2: {html}");
        assert!(!html.contains("Try an example"), "{html}");
        assert!(html.contains(r#"href="https://help.example/certscope/privacy.html""#), "{html}");
    }
}
